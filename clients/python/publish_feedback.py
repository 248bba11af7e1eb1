#!/usr/bin/python3
"""Publish FeedbackSubmitted messages to Kunskapsloop (an example a team may copy).

Debian 12: apt-get install python3-pika python3-protobuf. The protobuf code in gen/ is generated
by clients/generate.sh (protoc --python_out) from proto/kunskapsloop/feedback/v1/.

    publish_feedback.py --slug hjartsvikt-vardforlopp --kind helpfulness --helpful yes
    publish_feedback.py --support-id 3f0c…  --kind rating --rating 4 --role patient
    publish_feedback.py --url https://example.se/hjartsvikt --kind suggestion --text "Fler bilder"
    publish_feedback.py --slug x --kind helpfulness --helpful no --count 1000   # load test

Publishes to exchange kl.inbound, routing key feedback.submitted.v1, persistent, mandatory, with
publisher confirms. Prints each message_id (or, with --count, one summary line).
Exit codes: 0 all confirmed; 1 the broker refused (connection, permission, nack, unroutable);
2 bad arguments.
"""
import argparse
import datetime
import os
import re
import secrets
import ssl
import sys
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen"))

import pika  # noqa: E402
import pika.exceptions  # noqa: E402
from kunskapsloop.feedback.v1 import feedback_pb2, feedback_submitted_pb2  # noqa: E402

PROG = "publish_feedback.py"
DEFAULT_AMQP_URL = "amqp://integration:integration@127.0.0.1:5673/kunskapsloop"
EXCHANGE = "kl.inbound"
ROUTING_KEY = "feedback.submitted.v1"
MESSAGE_TYPE = "kunskapsloop.feedback.v1.FeedbackSubmitted"
CONTENT_TYPE = "application/x-protobuf"

KINDS = {
    "helpfulness": feedback_pb2.FEEDBACK_KIND_HELPFULNESS,
    "rating": feedback_pb2.FEEDBACK_KIND_RATING,
    "experience": feedback_pb2.FEEDBACK_KIND_EXPERIENCE,
    "suggestion": feedback_pb2.FEEDBACK_KIND_IMPROVEMENT_SUGGESTION,
}
# Which answer field each kind takes.
ANSWER_OF_KIND = {"helpfulness": "helpful", "rating": "rating", "experience": "text", "suggestion": "text"}
ROLES = {
    "patient": feedback_pb2.RESPONDENT_ROLE_PATIENT,
    "relative": feedback_pb2.RESPONDENT_ROLE_RELATIVE,
    "professional": feedback_pb2.RESPONDENT_ROLE_PROFESSIONAL,
    "unknown": feedback_pb2.RESPONDENT_ROLE_UNKNOWN,
}
TEXT_MAX, COMMENT_MAX, FUTURE_SLACK_S = 4000, 2000, 300
EARLIEST_OCCURRED_AT = 946684800  # 2000-01-01T00:00:00Z: the service refuses anything older


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message):  # one clear line, exit 2 (argparse would print the whole usage)
        raise UsageError(message)


def parse_time(value):
    """ISO 8601 with a UTC offset (2026-03-01T12:00:00Z, …+01:00) or epoch seconds → (seconds, nanos)."""
    if re.fullmatch(r"\d+(\.\d{1,9})?", value):
        whole, _, frac = value.partition(".")
        return int(whole), int((frac + "000000000")[:9])
    try:
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise UsageError(f"--occurred-at {value!r}: not ISO 8601 (e.g. 2026-03-01T12:00:00Z) or epoch seconds")
    if parsed.tzinfo is None:
        raise UsageError(f"--occurred-at {value!r}: give a UTC offset, e.g. Z or +01:00")
    delta = parsed - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    return delta.days * 86400 + delta.seconds, delta.microseconds * 1000


def parse_args(argv):
    p = Parser(prog=PROG, description="Publish FeedbackSubmitted to Kunskapsloop (kl.inbound).")
    p.add_argument("--amqp-url", default=os.environ.get("KL_AMQP_URL", DEFAULT_AMQP_URL),
                   help="amqp:// or amqps:// URL (default $KL_AMQP_URL or %(default)s)")
    p.add_argument("--cacert", help="CA certificate file for amqps:// (default: the system's)")
    ref = p.add_mutually_exclusive_group(required=True)
    ref.add_argument("--support-id", help="knowledge support catalog id (UUID)")
    ref.add_argument("--slug", help="knowledge support slug, e.g. hjartsvikt-vardforlopp")
    ref.add_argument("--url", help="URL the knowledge support is read at")
    p.add_argument("--kind", required=True, choices=sorted(KINDS))
    p.add_argument("--helpful", choices=["yes", "no"], help="answer for --kind helpfulness")
    p.add_argument("--rating", help="answer for --kind rating: 1-5")
    p.add_argument("--text", help="answer for --kind experience|suggestion (at most 4000 characters)")
    p.add_argument("--comment", default="", help="free-text comment (at most 2000 characters)")
    p.add_argument("--role", default="unknown", choices=sorted(ROLES))
    p.add_argument("--organisation", default="", help="catalog organisation id")
    p.add_argument("--occurred-at", help="ISO 8601 with offset, or epoch seconds (default: now)")
    p.add_argument("--source-system", default="example-web")
    p.add_argument("--message-id", help="AMQP message_id (default: a fresh UUID v4 per message)")
    p.add_argument("--app-id", help="AMQP app_id (default: --source-system)")
    p.add_argument("--count", type=int, help="publish N messages, each with its own message_id; print a summary")
    p.add_argument("--no-validate", action="store_true",
                   help="skip the local checks of the service's rules (to see how it rejects)")
    p.add_argument("--exchange", default=EXCHANGE, help=argparse.SUPPRESS)        # for tests
    p.add_argument("--routing-key", default=ROUTING_KEY, help=argparse.SUPPRESS)  # for tests
    a = p.parse_args(argv)

    answers = [name for name in ("helpful", "rating", "text") if getattr(a, name) is not None]
    if len(answers) != 1:
        raise UsageError("give exactly one answer: --helpful, --rating or --text")
    a.answer = answers[0]
    if a.rating is not None:
        try:
            a.rating = int(a.rating, 10)
        except ValueError:
            raise UsageError(f"--rating {a.rating!r}: not an integer")
    if a.count is not None and a.count < 1:
        raise UsageError("--count must be at least 1")
    if a.message_id is not None and (a.count or 1) > 1:
        raise UsageError("--message-id cannot be combined with --count > 1 (each message needs its own)")
    if a.message_id == "":
        raise UsageError("--message-id must not be empty")
    if not a.source_system.strip():
        raise UsageError("--source-system must not be blank")
    for name in ("support_id", "slug", "url", "text", "comment", "organisation", "source_system", "app_id", "message_id"):
        try:  # undecodable argv bytes arrive as surrogates; protobuf cannot send them even with --no-validate
            (getattr(a, name) or "").encode("utf-8")
        except UnicodeEncodeError:
            raise UsageError(f"--{name.replace('_', '-')} is not valid UTF-8")
    a.occurred = parse_time(a.occurred_at) if a.occurred_at else None
    if not a.no_validate:
        if ANSWER_OF_KIND[a.kind] != a.answer:
            raise UsageError(f"--kind {a.kind} takes --{ANSWER_OF_KIND[a.kind]}, not --{a.answer}")
        if a.answer == "rating" and not 1 <= a.rating <= 5:
            raise UsageError(f"--rating {a.rating}: must be 1-5")
        if a.answer == "text" and not a.text.strip():
            raise UsageError("--text must not be blank")
        if a.answer == "text" and len(a.text) > TEXT_MAX:
            raise UsageError(f"--text: {len(a.text)} characters, at most {TEXT_MAX}")
        if len(a.comment) > COMMENT_MAX:
            raise UsageError(f"--comment: {len(a.comment)} characters, at most {COMMENT_MAX}")
        if a.occurred and a.occurred[0] > time.time() + FUTURE_SLACK_S:
            raise UsageError("--occurred-at: more than 5 minutes in the future")
        if a.occurred and a.occurred[0] < EARLIEST_OCCURRED_AT:
            raise UsageError("--occurred-at: before 2000-01-01")
        if not (a.support_id or a.slug or a.url).strip():
            raise UsageError("the knowledge support reference must not be blank")
    return a


def build_body(a):
    m = feedback_submitted_pb2.FeedbackSubmitted()
    if a.support_id is not None:
        m.knowledge_support_id = a.support_id
    elif a.slug is not None:
        m.knowledge_support_slug = a.slug
    else:
        m.knowledge_support_url = a.url
    m.respondent_role = ROLES[a.role]
    m.kind = KINDS[a.kind]
    if a.answer == "helpful":
        m.helpful = a.helpful == "yes"  # sets the oneof even for False
    elif a.answer == "rating":
        m.rating = a.rating
    else:
        m.text = a.text
    m.comment = a.comment
    m.organisation_id = a.organisation
    if a.occurred:
        m.occurred_at.seconds, m.occurred_at.nanos = a.occurred
    else:
        m.occurred_at.GetCurrentTime()
    m.source_system = a.source_system
    return m.SerializeToString()


def connection_parameters(a):
    try:
        params = pika.URLParameters(a.amqp_url)
    except Exception as e:  # pika raises several types for a malformed URL
        raise UsageError(f"--amqp-url: {e}")
    if a.amqp_url.startswith("amqps://"):
        context = ssl.create_default_context(cafile=a.cacert)
        params.ssl_options = pika.SSLOptions(context, params.host)
    params.connection_attempts = 1
    params.socket_timeout = 10
    params.blocked_connection_timeout = 30
    return params


def publish(a):
    body = build_body(a)
    n = a.count or 1
    connection = pika.BlockingConnection(connection_parameters(a))
    try:
        channel = connection.channel()
        channel.confirm_delivery()  # basic_publish now waits for the broker's ack
        started = time.monotonic()
        for _ in range(n):
            message_id = a.message_id or str(uuid.uuid4())
            props = pika.BasicProperties(
                content_type=CONTENT_TYPE,
                type=MESSAGE_TYPE,
                message_id=message_id,
                app_id=a.app_id or a.source_system,
                timestamp=int(time.time()),
                delivery_mode=2,
                headers={"traceparent": f"00-{secrets.token_hex(16)}-{secrets.token_hex(8)}-01"},
            )
            try:
                channel.basic_publish(a.exchange, a.routing_key, body, props, mandatory=True)
            except pika.exceptions.UnroutableError:
                fail(f"message {message_id} returned unroutable: no queue is bound to "
                     f"{a.exchange} with routing key {a.routing_key}")
            except pika.exceptions.NackError:
                fail(f"message {message_id} nacked by the broker (not stored)")
            if a.count is None:
                print(message_id, flush=True)
        elapsed = time.monotonic() - started
        if a.count is not None:
            print(f"published {n} messages to {a.exchange} ({a.routing_key}), all confirmed, "
                  f"in {elapsed:.2f} s: {n / max(elapsed, 1e-9):.0f} msg/s", flush=True)
    finally:
        if connection.is_open:
            connection.close()


def fail(line):
    print(f"{PROG}: {line}", file=sys.stderr)
    sys.exit(1)


def main(argv):
    try:
        a = parse_args(argv)
        publish(a)
    except UsageError as e:
        print(f"{PROG}: error: {e}", file=sys.stderr)
        return 2
    except pika.exceptions.ChannelClosedByBroker as e:
        fail(f"broker closed the channel: {e.reply_code} {e.reply_text}")
    except pika.exceptions.ConnectionClosedByBroker as e:
        fail(f"broker closed the connection: {e.reply_code} {e.reply_text}")
    except pika.exceptions.ProbableAuthenticationError:
        fail("login refused: wrong user or password")
    except pika.exceptions.ProbableAccessDeniedError:
        fail("login refused: no access to the vhost")
    except pika.exceptions.AMQPConnectionError as e:
        fail(f"cannot connect: {e!r}")
    except pika.exceptions.AMQPError as e:
        fail(f"AMQP error: {e!r}")
    except (ssl.SSLError, OSError) as e:
        fail(f"cannot connect: {e}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
