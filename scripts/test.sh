#!/usr/bin/env bash
# make test: bring the local stack up if it is not, build, run swift test, and stop the stack
# again if this run started it. swift test's own summary lines are the last thing printed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

started=0
if ! scripts/stack.sh status >/dev/null 2>&1; then
    scripts/stack.sh up
    started=1
fi
stop_stack() { [ $started = 1 ] && scripts/stack.sh down >/dev/null 2>&1 || true; }
trap stop_stack EXIT

mkdir -p .run
# Style: the toolchain's swift-format with the repository's .swift-format (generated code aside).
echo "test: swift format lint"
git ls-files '*.swift' | grep -v '^Shared/Contracts/Generated/' | xargs swift format lint --strict --parallel \
    || { echo "test: swift format lint found the above; \`scripts/format.sh\` fixes most of it" >&2; exit 1; }
echo "test: building (log: .run/build.log)"
if ! swift build --build-tests > .run/build.log 2>&1; then
    grep -E 'error:' .run/build.log | head -40 || tail -40 .run/build.log
    echo "test: build failed; see .run/build.log" >&2
    exit 1
fi
# The compose file is checked offline (no container engine runs here).
if command -v docker-compose >/dev/null; then make -s compose-check; fi
# Tests that restart the broker or raise its alarms run first, alone; then everything else in
# parallel. The last lines printed are the main run's summaries.
echo "test: disruptive tests (broker restart, alarms), alone"
if ! swift test --skip-build --filter DisruptiveTests > .run/test-disruptive.log 2>&1; then
    grep -E '✘|error:|recorded an issue' .run/test-disruptive.log | head -40
    tail -3 .run/test-disruptive.log
    echo "test: disruptive tests failed; see .run/test-disruptive.log" >&2
    exit 1
fi
grep -E '^(✔|✘) Test run with' .run/test-disruptive.log || true
# The end-to-end test runs the four real executables on the services' own schemas and queues:
# alone, and never beside `make run`.
if [ -f .run/run.pid ] && kill -0 "$(cat .run/run.pid)" 2>/dev/null; then
    echo "test: make run is running; \`make stop\` first (the end-to-end test uses the same queues)" >&2
    exit 1
fi
echo "test: end-to-end test (the four service processes, kl, the Python and C publishers), alone"
if ! make -s -C clients/c > .run/test-e2e.log 2>&1 || ! swift test --skip-build --filter EndToEndTests >> .run/test-e2e.log 2>&1; then
    grep -E '✘|error:|recorded an issue' .run/test-e2e.log | head -40
    tail -3 .run/test-e2e.log
    echo "test: end-to-end test failed; see .run/test-e2e.log" >&2
    exit 1
fi
grep -E '^(✔|✘) Test run with' .run/test-e2e.log || true
swift test --skip-build --skip DisruptiveTests --skip EndToEndTests 2>&1 | tee .run/test.log
exit "${PIPESTATUS[0]}"
