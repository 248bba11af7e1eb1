#!/usr/bin/env python3
"""A real SMTP server for the notification tests and make run's mail sink (aiosmtpd). Each accepted
message is appended to OUT as one JSON line: {"mail_from", "rcpt_tos", "data"}, and with --dir
also written there as NNNN.eml (what a mail program opens). Recipients whose address starts with
"reject" are refused with 550, those starting with "later" with 451. The chosen port is written to
PORT_FILE once the server listens. Runs until killed."""
import argparse, json, os, signal, socket, ssl, subprocess, threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Handler:
    def __init__(self, out, folder=None):
        self.out = out
        self.folder = folder
        self.count = len([n for n in os.listdir(folder) if n.endswith(".eml")]) if folder else 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("reject"):
            return "550 5.1.1 mailbox unavailable"
        if address.startswith("later"):
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        record = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                  "data": envelope.original_content.decode("utf-8", "replace")}
        with self.lock:
            with open(self.out, "a", encoding="utf-8") as f:
                f.write(json.dumps(record) + "\n")
            if self.folder:
                self.count += 1
                with open(os.path.join(self.folder, f"{self.count:04d}.eml"), "wb") as f:
                    f.write(envelope.original_content)
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--port", type=int, default=0, help="listen here (default: a free port)")
    parser.add_argument("--dir", help="also write each message here as NNNN.eml")
    parser.add_argument("--starttls", action="store_true")
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()
    options = {}
    if args.starttls:
        folder = os.path.dirname(os.path.abspath(args.port_file))
        cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                        "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", key, "-out", cert],
                       check=True, capture_output=True)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        options.update(tls_context=context, require_starttls=True)
    if args.user:
        def authenticate(server, session, envelope, mechanism, auth_data):
            ok = auth_data.login.decode() == args.user and auth_data.password.decode() == args.password
            return AuthResult(success=ok)
        options.update(authenticator=authenticate, auth_required=True, auth_require_tls=args.starttls)
    # aiosmtpd's start() connects to its own port to check it, so port 0 cannot be given: ask the
    # system for a free port first.
    port = args.port
    if port == 0:
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
    if args.dir:
        os.makedirs(args.dir, exist_ok=True)
    controller = Controller(Handler(args.out, args.dir), hostname="127.0.0.1", port=port, **options)
    controller.start()
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(port))
    os.rename(tmp, args.port_file)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
