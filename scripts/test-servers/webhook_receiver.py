#!/usr/bin/env python3
"""A real HTTP receiver for the notification tests. It verifies every POST with the Standard
Webhooks library (`standardwebhooks`, not the project's code) and appends one JSON line per request
to OUT: {"path", "webhook_id", "verified", "error", "status", "body"}. Behaviour by path:
/ok/...: 204; /flaky/N/...: 503 for the first N attempts of a webhook-id, then 204;
/bad/...: 400; /hang/...: answers after 30 s. The port is written to PORT_FILE once it listens."""
import argparse, json, os, signal, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook

attempts = {}
lock = threading.Lock()


def make_handler(secret, out):
    webhook = Webhook(secret)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            headers = {k.lower(): v for k, v in self.headers.items()}
            verified, error = True, ""
            try:
                webhook.verify(body, headers)
            except Exception as e:  # the library's own verdict
                verified, error = False, f"{type(e).__name__}: {e}"
            hook_id = headers.get("webhook-id", "")
            parts = self.path.strip("/").split("/")
            with lock:
                attempts[hook_id] = attempts.get(hook_id, 0) + 1
                seen = attempts[hook_id]
            if parts[0] == "flaky":
                status = 503 if seen <= int(parts[1]) else 204
            elif parts[0] == "bad":
                status = 400
            elif parts[0] == "hang":
                time.sleep(30)
                status = 204
            else:
                status = 204 if verified else 401
            try:
                parsed = json.loads(body)
            except Exception:
                parsed = None
            record = {"path": self.path, "webhook_id": hook_id, "verified": verified, "error": error,
                      "status": status, "attempt": seen, "body": parsed}
            with lock, open(out, "a", encoding="utf-8") as f:
                f.write(json.dumps(record) + "\n")
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--secret", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--port-file", required=True)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(args.secret, args.out))
    server.daemon_threads = True
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, args.port_file)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    server.serve_forever()


if __name__ == "__main__":
    main()
