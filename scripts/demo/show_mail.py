#!/usr/bin/python3
"""make run's demo: the e-mails the local mail sink received (DIR/*.eml), as a leader reads them:
to, subject and the plain-text part."""
import email, email.policy, glob, os, sys

folder = sys.argv[1]
for path in sorted(glob.glob(os.path.join(folder, "*.eml"))):
    with open(path, "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    body = msg.get_body(preferencelist=("plain",))
    print(f"── {os.path.basename(path)} ─ till {msg['To']}")
    print(f"   Ämne: {msg['Subject']}")
    for line in (body.get_content() if body else "").strip().splitlines():
        print(f"   {line}")
    print()
