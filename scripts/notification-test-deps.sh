#!/usr/bin/env bash
# The Python packages the notification tests' real servers use: aiosmtpd (SMTP) and
# standardwebhooks (the convention's own signature check), from PyPI, when missing.
set -euo pipefail
python3 -c 'import aiosmtpd, standardwebhooks' 2>/dev/null && exit 0
echo "notification-test-deps: installing aiosmtpd standardwebhooks" >&2
python3 -m pip install --quiet --disable-pip-version-check aiosmtpd standardwebhooks >&2
