#!/usr/bin/env python3
"""The compose mail sink (profile `mail`): an SMTP server that accepts every message and keeps it.

Each message is written as one .eml file to OUT (a volume) and announced on stdout with its
sender, recipients and subject, so `docker compose logs mailsink` shows what the leaders got.
No relay, no authentication: for trying the suite out, never for real mail."""
import argparse, asyncio, email, email.header, email.policy, os, signal, time

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out):
        self.out = out
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = "%s-%05d.eml" % (time.strftime("%Y%m%dT%H%M%S"), self.count)
        data = envelope.original_content or envelope.content
        tmp = os.path.join(self.out, "." + name)
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, os.path.join(self.out, name))  # a reader never sees half a message
        subject = email.message_from_bytes(data, policy=email.policy.default).get("Subject", "")
        print("mailsink: %s from %s to %s: %s" % (name, envelope.mail_from, ", ".join(envelope.rcpt_tos), subject), flush=True)
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="0.0.0.0")
    parser.add_argument("--port", type=int, default=2525)
    parser.add_argument("--out", default="/mail")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    controller = Controller(Sink(args.out), hostname=args.host, port=args.port, server_hostname="mailsink")
    controller.start()
    print("mailsink: listening on %s:%d, writing to %s" % (args.host, args.port, args.out), flush=True)
    stop = asyncio.Event()
    loop = asyncio.new_event_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    loop.run_until_complete(stop.wait())
    controller.stop()


if __name__ == "__main__":
    main()
