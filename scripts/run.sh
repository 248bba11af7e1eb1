#!/usr/bin/env bash
# make run: the local stack, a local mail sink, the four services, and the demo of the loop
# (scripts/demo.sh). Stays in the foreground; Ctrl-C or `make stop` stops the services (SIGTERM:
# they drain and exit), the mail sink, and the stack if this run started it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
mkdir -p .run/logs .run/mail .run/demo

if [ -f .run/run.pid ] && kill -0 "$(cat .run/run.pid)" 2>/dev/null; then
    echo "run: the suite is already running (pid $(cat .run/run.pid)); \`make stop\` stops it" >&2
    exit 1
fi
echo $$ > .run/run.pid

started=0
if ! scripts/stack.sh status >/dev/null 2>&1; then scripts/stack.sh up; started=1; fi
scripts/notification-test-deps.sh # aiosmtpd for the mail sink

echo "run: building (log: .run/build.log)"
if ! swift build > .run/build.log 2>&1 || ! make -s -C clients/c >> .run/build.log 2>&1; then
    grep -E 'error' .run/build.log | head -20
    echo "run: build failed; see .run/build.log" >&2
    exit 1
fi
bin=$(swift build --show-bin-path)

pids=()
stop() {
    trap - EXIT INT TERM
    echo
    echo "run: stopping the services"
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    [ $started = 1 ] && scripts/stack.sh down
    rm -f .run/run.pid
    exit 0
}
trap stop EXIT INT TERM

# The mail sink: a local SMTP server (aiosmtpd) on the notification service's default port,
# each e-mail kept as .run/mail/NNNN.eml. No outside network. The python3 on PATH, into which
# scripts/notification-test-deps.sh installs aiosmtpd.
rm -f .run/mail/port
python3 scripts/test-servers/smtp_server.py --port 2525 --port-file .run/mail/port --out .run/mail/mail.jsonl \
    --dir .run/mail > .run/logs/mail-sink.log 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do [ -f .run/mail/port ] && break; sleep 0.1; done
[ -f .run/mail/port ] || { echo "run: the mail sink did not start; see .run/logs/mail-sink.log" >&2; exit 1; }
echo "run: mail sink on smtp://127.0.0.1:2525, e-mails in .run/mail/"

# Demo pacing: feedback summarises closed periods every 2 s (default 60), notification gathers a
# recipient's news for 5 s (default 60) before it sends.
export KL_FEEDBACK_SUMMARY_INTERVAL_SECONDS=${KL_FEEDBACK_SUMMARY_INTERVAL_SECONDS:-2}
export KL_NOTIFICATION_COALESCE_SECONDS=${KL_NOTIFICATION_COALESCE_SECONDS:-5}
export KL_NOTIFICATION_SMTP_URL=${KL_NOTIFICATION_SMTP_URL:-smtp://127.0.0.1:2525}

declare -A ports=([catalog]=8081 [feedback]=8082 [followup]=8083 [notification]=8084)
for service in catalog feedback followup notification; do
    "$bin/$service-service" > ".run/logs/$service.log" 2>&1 &
    pids+=($!)
done
for service in catalog feedback followup notification; do
    for _ in $(seq 1 150); do
        curl -fsS "http://127.0.0.1:${ports[$service]}/readyz" >/dev/null 2>&1 && break
        sleep 0.2
    done
    if ! curl -fsS "http://127.0.0.1:${ports[$service]}/readyz" >/dev/null 2>&1; then
        echo "run: $service-service is not ready; see .run/logs/$service.log" >&2
        tail -5 ".run/logs/$service.log" >&2
        exit 1
    fi
    echo "run: $service-service ready on http://127.0.0.1:${ports[$service]} (/healthz /readyz /metrics), log .run/logs/$service.log"
done

scripts/demo.sh "$bin" .run/mail

cat <<MSG

run: the suite is running. Try it with kl (\`$bin/kl --help\`), for example:
       $bin/kl followup signals --organisation SE-18 --descendants
       $bin/kl notify deliveries
       $bin/kl catalog search reumatisk
     the leader's pages: http://127.0.0.1:8083/organisations/SE-18-USO-HJARTA
     RabbitMQ management: http://127.0.0.1:15673 (admin/admin); logs in .run/logs/
run: Ctrl-C or \`make stop\` stops it.
MSG
wait
