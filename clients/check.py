"""Round trip of the example publishers (run by clients/check.sh, which builds the C one first).

Declares temporary queues through the management API (admin), publishes with both clients as
the `integration` user, reads the messages back, decodes them with the generated Python code and
asserts every property and field; then the error paths (unroutable, nack, access refused, bad
login, bad arguments). Deletes what it declared. Prints one line on success; exit 1 on a mismatch.

Only two messages go through the real kl.inbound (and so also into feedback.inbound, where the
feedback service rejects them: their support slug is unknown); everything else goes to a private
exchange integration.kl-clients-check.* that only the temporary queues are bound to.
"""
import base64
import datetime
import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(HERE, "python", "gen"))
from kunskapsloop.feedback.v1 import events_pb2, feedback_pb2 as fb, feedback_submitted_pb2  # noqa: E402

MGMT = f"http://127.0.0.1:{os.environ.get('KL_MGMT_PORT', '15673')}/api"
VHOST = "kunskapsloop"
AMQP_PORT = os.environ.get("KL_AMQP_PORT", "5673")
AMQPS_PORT = os.environ.get("KL_AMQPS_PORT", "5674")
AMQP_URL = f"amqp://integration:integration@127.0.0.1:{AMQP_PORT}/{VHOST}"
CA = os.path.join(ROOT, ".run", "tls", "ca.pem")
CLIENTS = {
    "python": ["/usr/bin/python3", os.path.join(HERE, "python", "publish_feedback.py")],
    "c": [os.path.join(HERE, "c", "build", "publish_feedback")],
}
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
TRACEPARENT = re.compile(r"^00-[0-9a-f]{32}-[0-9a-f]{16}-01$")

errors = []


def expect(cond, what):
    if not cond:
        errors.append(what)
    return cond


def api(method, path, body=None, ok=(200, 201, 204)):
    req = urllib.request.Request(MGMT + path, method=method,
                                 data=None if body is None else json.dumps(body).encode())
    req.add_header("Authorization", "Basic " + base64.b64encode(b"admin:admin").decode())
    req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=15) as r:
            data = r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        data, status = e.read(), e.code
    if status not in ok:
        raise RuntimeError(f"{method} {path}: HTTP {status} {data[:200]!r}")
    return json.loads(data) if data else None


def q(name):
    return f"/{urllib.parse.quote(VHOST, safe='')}/{urllib.parse.quote(name, safe='')}"


def run(client, args, url=AMQP_URL):
    cmd = CLIENTS[client] + ["--amqp-url", url] + args
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    return r.returncode, r.stdout, r.stderr


def publish_one(client, args, **kw):
    """Publishes one message, expects success; returns its message_id."""
    rc, out, err = run(client, args, **kw)
    lines = out.splitlines()
    if not expect(rc == 0 and len(lines) == 1 and err == "", f"{client} {args}: rc {rc}, out {out!r}, err {err!r}"):
        return None
    return lines[0]


def get_all(queue, expected):
    msgs = api("POST", f"/queues{q(queue)}/get",
               {"count": expected + 50, "ackmode": "ack_requeue_false", "encoding": "base64", "truncate": 1000000})
    expect(len(msgs) == expected, f"queue {queue}: {len(msgs)} messages, expected {expected}")
    return msgs


def ts(iso):
    d = datetime.datetime.fromisoformat(iso)
    delta = d - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    return delta.days * 86400 + delta.seconds, delta.microseconds * 1000


def main():
    try:
        api("GET", "/overview")
    except Exception as e:
        print(f"clients check: management API {MGMT} not reachable ({e}); run scripts/stack.sh up", file=sys.stderr)
        return 1
    tag = f"kl-clients-check.{os.getpid()}.{secrets.token_hex(3)}"
    exchange = f"integration.{tag}"   # the integration user may write to integration.*
    q_inbound, q_private, q_full = f"{tag}.inbound", f"{tag}.private", f"{tag}.full"
    temp_args = {"x-expires": 600000}   # gone in 10 minutes even if this script is killed
    declared = []
    started = time.time()
    try:
        api("PUT", f"/exchanges{q(exchange)}", {"type": "topic", "durable": False, "auto_delete": True})
        declared.append(("exchanges", exchange))
        for name, args in ((q_inbound, temp_args), (q_private, temp_args),
                           (q_full, dict(temp_args, **{"x-max-length": 0, "x-overflow": "reject-publish"}))):
            api("PUT", f"/queues{q(name)}", {"durable": False, "auto_delete": False, "arguments": args})
            declared.append(("queues", name))
        api("POST", f"/bindings/{urllib.parse.quote(VHOST)}/e/kl.inbound/q/{urllib.parse.quote(q_inbound)}",
            {"routing_key": "feedback.submitted.v1"})
        api("POST", f"/bindings/{urllib.parse.quote(VHOST)}/e/{urllib.parse.quote(exchange)}/q/{urllib.parse.quote(q_private)}",
            {"routing_key": "feedback.submitted.v1"})
        api("POST", f"/bindings/{urllib.parse.quote(VHOST)}/e/{urllib.parse.quote(exchange)}/q/{urllib.parse.quote(q_full)}",
            {"routing_key": "full"})
        n_published = check(exchange, q_inbound, q_private, q_full, started)
        declared.append(("queues", f"integration.{tag}.watch"))
        check_watcher(exchange, f"integration.{tag}.watch")
    finally:
        for kind, name in reversed(declared):
            try:
                api("DELETE", f"/{kind}{q(name)}", ok=(200, 204, 404))
            except Exception as e:
                errors.append(f"cleanup {kind} {name}: {e}")
    if errors:
        for e in errors:
            print(f"clients check: FAIL {e}", file=sys.stderr)
        print(f"clients check: {len(errors)} failure(s)", file=sys.stderr)
        return 1
    print(f"clients check: ok: python and C publishers, {n_published} messages round-tripped and decoded "
          f"(properties, fields, --count, amqps), error exits (unroutable, nack, 403, login, bad arguments), "
          f"watcher filters by app_id "
          f"in {time.time() - started:.1f} s")
    return 0


def check(exchange, q_inbound, q_private, q_full, started):
    private = ["--exchange", exchange]
    expected = {}   # message_id → (client, case, expected FeedbackSubmitted, expected app_id)

    # 1. Through the real kl.inbound: every option given.
    occurred = "2026-03-01T12:34:56.789+01:00"
    for client in CLIENTS:
        mid = str(uuid.uuid4())
        args = ["--slug", "kl-clients-check-okand-stod", "--kind", "helpfulness", "--helpful", "no",
                "--comment", "Bra, men lång väntan – ring mig på 070-123 45 67", "--role", "relative",
                "--organisation", "SE2321000016-KLCHECK", "--occurred-at", occurred,
                "--source-system", "kl-clients-check", "--app-id", f"kl-clients-check-{client}",
                "--message-id", mid]
        m = fb_submitted(knowledge_support_slug="kl-clients-check-okand-stod", kind=fb.FEEDBACK_KIND_HELPFULNESS,
                         helpful=False, comment="Bra, men lång väntan – ring mig på 070-123 45 67",
                         respondent_role=fb.RESPONDENT_ROLE_RELATIVE, organisation_id="SE2321000016-KLCHECK",
                         source_system="kl-clients-check")
        m.occurred_at.seconds, m.occurred_at.nanos = ts(occurred)
        got = publish_one(client, args)
        expect(got == mid, f"{client}: printed {got!r}, expected the given message_id {mid}")
        expected[mid] = (client, "inbound-full", m, f"kl-clients-check-{client}", "kl.inbound")

    # 2. Private exchange: defaults and the other kinds and references.
    support_id = str(uuid.uuid4())
    long_text = ("Å" * 3999) + "😀"   # 4000 characters, 8001 bytes
    cases = [
        ("rating-epoch", ["--support-id", support_id, "--kind", "rating", "--rating", "5", "--role", "professional",
                          "--occurred-at", "1767225600"],
         dict(knowledge_support_id=support_id, kind=fb.FEEDBACK_KIND_RATING, rating=5,
              respondent_role=fb.RESPONDENT_ROLE_PROFESSIONAL), (1767225600, 0)),
        ("suggestion-now", ["--url", "https://example.se/hjartsvikt/", "--kind", "suggestion", "--text", "Lägg till en bild 😀"],
         dict(knowledge_support_url="https://example.se/hjartsvikt/", kind=fb.FEEDBACK_KIND_IMPROVEMENT_SUGGESTION,
              text="Lägg till en bild 😀", respondent_role=fb.RESPONDENT_ROLE_UNKNOWN), None),
        ("experience-4000", ["--slug", "s", "--kind", "experience", "--text", long_text, "--role", "patient",
                             "--occurred-at", "2026-01-15T08:00:00Z"],
         dict(knowledge_support_slug="s", kind=fb.FEEDBACK_KIND_EXPERIENCE, text=long_text,
              respondent_role=fb.RESPONDENT_ROLE_PATIENT), ts("2026-01-15T08:00:00+00:00")),
        ("helpful-yes", ["--slug", "s", "--kind", "helpfulness", "--helpful", "yes", "--occurred-at", "1767225600.5"],
         dict(knowledge_support_slug="s", kind=fb.FEEDBACK_KIND_HELPFULNESS, helpful=True,
              respondent_role=fb.RESPONDENT_ROLE_UNKNOWN), (1767225600, 500000000)),
        # --no-validate sends what the service must reject: a zero rating is still sent (oneof).
        ("no-validate", ["--slug", "s", "--kind", "rating", "--rating", "0", "--no-validate", "--occurred-at", "0"],
         dict(knowledge_support_slug="s", kind=fb.FEEDBACK_KIND_RATING, rating=0,
              respondent_role=fb.RESPONDENT_ROLE_UNKNOWN), (0, 0)),
    ]
    for client in CLIENTS:
        for name, args, fields, occ in cases:
            m = fb_submitted(source_system="example-web", **fields)
            if occ:
                m.occurred_at.seconds, m.occurred_at.nanos = occ
            mid = publish_one(client, args + private)
            if mid:
                expect(UUID4.match(mid), f"{client} {name}: message_id {mid!r} is not a UUID v4")
                expected[mid] = (client, name, m, "example-web", exchange)
        # amqps with the stack's CA
        if os.path.exists(CA):
            m = fb_submitted(knowledge_support_slug="tls", kind=fb.FEEDBACK_KIND_RATING, rating=1,
                             respondent_role=fb.RESPONDENT_ROLE_UNKNOWN, source_system="example-web")
            m.occurred_at.seconds = 1767225600
            mid = publish_one(client, ["--slug", "tls", "--kind", "rating", "--rating", "1", "--occurred-at",
                                       "1767225600", "--cacert", CA] + private,
                              url=f"amqps://integration:integration@localhost:{AMQPS_PORT}/{VHOST}")
            if mid:
                expected[mid] = (client, "amqps", m, "example-web", exchange)

    # 3. --count: a summary line, N messages with their own ids.
    count = 25
    for client in CLIENTS:
        rc, out, err = run(client, ["--slug", "s", "--kind", "rating", "--rating", "3", "--count", str(count),
                                    "--source-system", f"count-{client}", "--occurred-at", "1767225600"] + private)
        expect(rc == 0 and err == "" and re.fullmatch(
            rf"published {count} messages to {re.escape(exchange)} \(feedback\.submitted\.v1\), all confirmed, "
            rf"in [0-9.]+ s: [0-9]+ msg/s\n", out), f"{client} --count: rc {rc}, out {out!r}, err {err!r}")

    # 4. Error exits: the broker refuses (1), bad arguments (2); one line on stderr each.
    base = ["--slug", "s", "--kind", "rating", "--rating", "3"]
    refusals = [
        ("unroutable", base + private + ["--routing-key", "nowhere"], "unroutable"),
        ("nack", base + private + ["--routing-key", "full"], "nack"),
        ("access refused", base + ["--exchange", "kl.events"], "403"),
    ]
    bad_args = [
        ("no reference", ["--kind", "rating", "--rating", "3"]),
        ("two references", ["--slug", "s", "--url", "u"] + base[2:]),
        ("no kind", ["--slug", "s", "--rating", "3"]),
        ("unknown kind", ["--slug", "s", "--kind", "grade", "--rating", "3"]),
        ("kind/answer mismatch", ["--slug", "s", "--kind", "rating", "--helpful", "yes"]),
        ("two answers", base + ["--helpful", "yes"]),
        ("rating out of range", ["--slug", "s", "--kind", "rating", "--rating", "6"]),
        ("rating not a number", ["--slug", "s", "--kind", "rating", "--rating", "tre"]),
        ("helpful maybe", ["--slug", "s", "--kind", "helpfulness", "--helpful", "kanske"]),
        ("text too long", ["--slug", "s", "--kind", "experience", "--text", "x" * 4001]),
        ("comment too long", base + ["--comment", "x" * 2001]),
        ("unknown role", base + ["--role", "doctor"]),
        ("invalid UTF-8", base + ["--comment", b"caf\xe9"]),
        ("blank text", ["--slug", "s", "--kind", "experience", "--text", "  "]),
        ("blank slug", ["--slug", " ", "--kind", "rating", "--rating", "3"]),
        ("blank source system", base + ["--source-system", " "]),
        ("naive time", base + ["--occurred-at", "2026-03-01T12:00:00"]),
        ("bad time", base + ["--occurred-at", "igår"]),
        ("future time", base + ["--occurred-at", str(int(time.time()) + 3600)]),
        ("message-id with count", base + ["--message-id", "x", "--count", "2"]),
        ("count zero", base + ["--count", "0"]),
        ("unknown option", base + ["--colour", "blue"]),
    ]
    for client in CLIENTS:
        for name, args, word in refusals:
            rc, out, err = run(client, args)
            expect(rc == 1 and out == "" and err.count("\n") == 1 and word in err.lower(),
                   f"{client} {name}: rc {rc} (expected 1), out {out!r}, err {err!r}")
        rc, out, err = run(client, base, url=f"amqp://integration:wrong@127.0.0.1:{AMQP_PORT}/{VHOST}")
        expect(rc == 1 and out == "" and err.count("\n") == 1, f"{client} bad login: rc {rc}, err {err!r}")
        for name, args in bad_args:
            rc, out, err = run(client, args + private)
            expect(rc == 2 and out == "" and err.count("\n") == 1 and "error" in err,
                   f"{client} bad arguments ({name}): rc {rc} (expected 2), out {out!r}, err {err!r}")
    finished = time.time()

    # 5. Read back and compare.
    n_private = sum(1 for e in expected.values() if e[4] == exchange) + count * len(CLIENTS)
    n_inbound = sum(1 for e in expected.values() if e[4] == "kl.inbound")
    msgs = get_all(q_inbound, n_inbound) + get_all(q_private, n_private)
    get_all(q_full, 0)
    traces, counted = set(), {c: [] for c in CLIENTS}
    for msg in msgs:
        p = msg["properties"]
        mid = p.get("message_id")
        where = f"message {mid}"
        body = feedback_submitted_pb2.FeedbackSubmitted()
        try:
            body.ParseFromString(base64.b64decode(msg["payload"]))
        except Exception as e:
            expect(False, f"{where}: body does not decode: {e}")
            continue
        expect(msg["payload_encoding"] == "base64", f"{where}: payload encoding {msg['payload_encoding']}")
        expect(msg["routing_key"] == "feedback.submitted.v1", f"{where}: routing key {msg['routing_key']}")
        expect(p.get("content_type") == "application/x-protobuf", f"{where}: content_type {p.get('content_type')}")
        expect(p.get("type") == "kunskapsloop.feedback.v1.FeedbackSubmitted", f"{where}: type {p.get('type')}")
        expect(p.get("delivery_mode") == 2, f"{where}: delivery_mode {p.get('delivery_mode')}")
        expect(started - 2 <= p.get("timestamp", 0) <= finished + 2, f"{where}: timestamp {p.get('timestamp')}")
        tp = (p.get("headers") or {}).get("traceparent", "")
        expect(TRACEPARENT.match(tp) and tp not in traces, f"{where}: traceparent {tp!r} malformed or repeated")
        traces.add(tp)
        if mid in expected:
            client, case, want, app_id, exch = expected.pop(mid)
            where = f"{client} {case} ({mid})"
            expect(msg["exchange"] == exch, f"{where}: exchange {msg['exchange']}, expected {exch}")
            expect(p.get("app_id") == app_id, f"{where}: app_id {p.get('app_id')!r}, expected {app_id!r}")
            if case == "suggestion-now":   # occurred_at defaulted to the time of publishing
                expect(started - 2 <= body.occurred_at.seconds <= finished + 2,
                       f"{where}: default occurred_at {body.occurred_at.seconds} not now")
                want.occurred_at.CopyFrom(body.occurred_at)
            expect(body == want, f"{where}: body differs:\n  got  {to_text(body)}\n  want {to_text(want)}")
            expect(body.WhichOneof("answer") == want.WhichOneof("answer"), f"{where}: answer case differs")
        elif body.source_system.startswith("count-") and body.source_system[6:] in counted:
            client = body.source_system[6:]
            want = fb_submitted(knowledge_support_slug="s", kind=fb.FEEDBACK_KIND_RATING, rating=3,
                                respondent_role=fb.RESPONDENT_ROLE_UNKNOWN, source_system=f"count-{client}")
            want.occurred_at.seconds = 1767225600
            expect(body == want and p.get("app_id") == f"count-{client}" and UUID4.match(mid or ""),
                   f"{client} --count message {mid}: {to_text(body)}, app_id {p.get('app_id')}")
            counted[client].append(mid)
        else:
            expect(False, f"unexpected message {mid} on {msg['exchange']}: {to_text(body)}")
    expect(not expected, f"never arrived: {sorted((v[0], v[1]) for v in expected.values())}")
    for client, ids in counted.items():
        expect(len(ids) == count and len(set(ids)) == count, f"{client} --count: {len(set(ids))} distinct ids of {count}")
    return len(msgs)


def check_watcher(exchange, queue):
    """watch_feedback_events.py prints the events about its app and skips the others."""
    cmd = ["/usr/bin/python3", os.path.join(HERE, "python", "watch_feedback_events.py"), "--amqp-url", AMQP_URL,
           "--app-id", "kl-check-app", "--queue", queue, "--max", "2", "--timeout", "30", "--exchange", exchange]
    watcher = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(100):   # until its queue is declared, bound and consumed
            info = api("GET", f"/queues{q(queue)}", ok=(200, 404))
            if info and info.get("consumers", 0) > 0:
                break
            time.sleep(0.1)
        other = events_pb2.FeedbackRejected(reason=events_pb2.REJECTION_REASON_RATING_OUT_OF_RANGE,
                                            original_message_id="other", source_app_id="someone-else")
        mine = events_pb2.FeedbackRejected(reason=events_pb2.REJECTION_REASON_UNKNOWN_KNOWLEDGE_SUPPORT,
                                           field="knowledge_support_slug", message_en="No knowledge support has that slug.",
                                           original_message_id="m-1", source_app_id="kl-check-app")
        # A batch lists the messages of several senders; only this app's are printed.
        recorded = events_pb2.FeedbackRecorded()
        recorded.items.add(item_id="item-1", original_message_id="m-2", source_app_id="kl-check-app",
                           kind=fb.FEEDBACK_KIND_HELPFULNESS, knowledge_support_id="ks-1")
        recorded.items.add(item_id="item-x", original_message_id="other-2", source_app_id="someone-else",
                           kind=fb.FEEDBACK_KIND_RATING, knowledge_support_id="ks-1")
        for key, event in (("feedback.rejected.v1", other), ("feedback.rejected.v1", mine),
                           ("feedback.recorded.v1", recorded)):
            api("POST", f"/exchanges{q(exchange)}/publish",
                {"routing_key": key, "payload": base64.b64encode(event.SerializeToString()).decode(),
                 "payload_encoding": "base64", "properties": {}})
        out, err = watcher.communicate(timeout=40)
    finally:
        if watcher.poll() is None:
            watcher.kill()
            watcher.wait()
    want = ("rejected m-1 UNKNOWN_KNOWLEDGE_SUPPORT field=knowledge_support_slug: No knowledge support has that slug.\n"
            "recorded m-2 as item-1 (HELPFULNESS, support ks-1)\n")
    expect(watcher.returncode == 0 and out == want, f"watcher: rc {watcher.returncode}, out {out!r}, err {err!r}")


def fb_submitted(**fields):
    return feedback_submitted_pb2.FeedbackSubmitted(**fields)


def to_text(m):
    s = str(m).replace("\n", " ")
    return s if len(s) < 300 else s[:300] + "…"


if __name__ == "__main__":
    sys.exit(main())
