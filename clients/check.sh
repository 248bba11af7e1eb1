#!/usr/bin/env bash
# Round trip of the example feedback publishers against the local stack (scripts/stack.sh up):
# builds the C one, publishes with both, reads the messages back through temporary queues
# (management API), decodes and checks every property and field, checks the error exits, and
# deletes what it declared. One line on success; the failures and exit 1 otherwise.
# Needs: the local stack, and the Debian packages python3-pika python3-protobuf gcc make
# librabbitmq-dev libprotobuf-c-dev (scripts/deps.sh installs them).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if ! out=$(make -s -C "$here/c" 2>&1); then
    printf '%s\n' "$out" >&2
    echo "clients check: building the C publisher failed" >&2
    exit 1
fi
# Debian's python3 (where python3-pika and python3-protobuf are), not whatever python3 is on PATH.
exec /usr/bin/python3 "$here/check.py"
