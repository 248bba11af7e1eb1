#!/usr/bin/python3
"""Watch what Kunskapsloop answered to your feedback messages (an example a team may copy).

Declares (idempotently) a durable queue of your own, bound to exchange kl.events with routing keys
feedback.rejected.v1 and feedback.recorded.v1, and prints one line per event that concerns your
system: rejections whose source_app_id is --app-id, recordings whose source_system is
--source-system (default: the app id). Other systems' events are acknowledged and skipped.

    watch_feedback_events.py --app-id example-web
    watch_feedback_events.py --app-id example-web --rejected-only --max 1 --timeout 60

The `integration` user may declare queues named integration.* only. Exit codes: 0 done (or
--max reached), 1 broker error or --timeout without --max events, 2 bad arguments.
"""
import argparse
import os
import ssl
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen"))

import pika  # noqa: E402
import pika.exceptions  # noqa: E402
from kunskapsloop.feedback.v1 import events_pb2, feedback_pb2  # noqa: E402

PROG = "watch_feedback_events.py"
DEFAULT_AMQP_URL = "amqp://integration:integration@127.0.0.1:5673/kunskapsloop"


def main(argv):
    p = argparse.ArgumentParser(prog=PROG, description="Print feedback.rejected.v1 / feedback.recorded.v1 for one sender.")
    p.add_argument("--amqp-url", default=os.environ.get("KL_AMQP_URL", DEFAULT_AMQP_URL))
    p.add_argument("--cacert", help="CA certificate file for amqps://")
    p.add_argument("--app-id", required=True, help="your AMQP app_id: events are filtered on it")
    p.add_argument("--queue", help="queue to declare and consume (default integration.<app-id>.feedback-events)")
    p.add_argument("--rejected-only", action="store_true", help="bind feedback.rejected.v1 only")
    p.add_argument("--max", type=int, help="stop after this many matching events")
    p.add_argument("--timeout", type=float, help="stop after this many seconds (exit 1 if --max was not reached)")
    p.add_argument("--exchange", default="kl.events", help=argparse.SUPPRESS)  # for tests
    a = p.parse_args(argv)
    source_system = a.app_id
    queue = a.queue or f"integration.{a.app_id}.feedback-events"
    keys = ["feedback.rejected.v1"] + ([] if a.rejected_only else ["feedback.recorded.v1"])

    params = pika.URLParameters(a.amqp_url)
    if a.amqp_url.startswith("amqps://"):
        params.ssl_options = pika.SSLOptions(ssl.create_default_context(cafile=a.cacert), params.host)
    try:
        connection = pika.BlockingConnection(params)
        channel = connection.channel()
        # Durable: rejections wait here while your watcher is down. Add {"x-queue-type": "quorum"} if you like.
        channel.basic_qos(prefetch_count=100)
        channel.queue_declare(queue, durable=True)
        for key in keys:
            channel.queue_bind(queue, a.exchange, key)
        print(f"{PROG}: watching {queue} ({', '.join(keys)}) for app_id {a.app_id}", file=sys.stderr, flush=True)
        seen, deadline = 0, (time.monotonic() + a.timeout) if a.timeout else None
        for method, _props, body in channel.consume(queue, inactivity_timeout=1.0):
            if method is not None:  # None: a second without messages
                lines = describe(method.routing_key, body, a.app_id, source_system)
                if lines:
                    print(lines, flush=True)
                    seen += lines.count("\n") + 1
                channel.basic_ack(method.delivery_tag)
            if (a.max is not None and seen >= a.max) or (deadline is not None and time.monotonic() > deadline):
                break
        channel.cancel()
        connection.close()
    except pika.exceptions.AMQPChannelError as e:
        print(f"{PROG}: broker refused: {e!r}", file=sys.stderr)
        return 1
    except (pika.exceptions.AMQPError, OSError) as e:
        print(f"{PROG}: cannot connect: {e!r}", file=sys.stderr)
        return 1
    if a.max is not None and seen < a.max:
        print(f"{PROG}: {seen} of {a.max} events before the timeout", file=sys.stderr)
        return 1
    return 0


def describe(routing_key, body, app_id, source_system):
    """Lines (one per message) for an event about this sender, or None."""
    if routing_key == "feedback.rejected.v1":
        e = events_pb2.FeedbackRejected.FromString(body)
        if e.source_app_id != app_id:
            return None
        reason = events_pb2.RejectionReason.Name(e.reason).removeprefix("REJECTION_REASON_")
        field = f" field={e.field}" if e.field else ""
        return f"rejected {e.original_message_id} {reason}{field}: {e.message_en}"
    if routing_key == "feedback.recorded.v1":
        # One event per batch the service committed; it lists every message it stored.
        e = events_pb2.FeedbackRecorded.FromString(body)
        lines = []
        for item in e.items:
            if item.source_app_id != app_id:
                continue
            kind = feedback_pb2.FeedbackKind.Name(item.kind).removeprefix("FEEDBACK_KIND_")
            lines.append(f"recorded {item.original_message_id} as {item.item_id} ({kind}, support {item.knowledge_support_id})")
        return "\n".join(lines) or None
    return None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
