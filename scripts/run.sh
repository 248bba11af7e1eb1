#!/usr/bin/env bash
# make run: the local stack, the four services, and (as the features land) a demo of the loop.
# Runs in the foreground; Ctrl-C stops the services (SIGTERM: they drain and exit) and the stack
# if this run started it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
mkdir -p .run/logs

started=0
if ! scripts/stack.sh status >/dev/null 2>&1; then scripts/stack.sh up; started=1; fi

echo "run: building (log: .run/build.log)"
swift build > .run/build.log 2>&1 || { grep -E 'error:' .run/build.log | head -20; echo "run: build failed; see .run/build.log" >&2; exit 1; }
bin=$(swift build --show-bin-path)

pids=()
stop() {
    trap - EXIT INT TERM
    echo
    echo "run: stopping services"
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    [ $started = 1 ] && scripts/stack.sh down
    exit 0
}
trap stop EXIT INT TERM

declare -A ports=([catalog]=8081 [feedback]=8082 [followup]=8083 [notification]=8084)
for service in catalog feedback followup notification; do
    "$bin/$service-service" > ".run/logs/$service.log" 2>&1 &
    pids+=($!)
done
for service in catalog feedback followup notification; do
    for _ in $(seq 1 100); do
        curl -fsS "http://127.0.0.1:${ports[$service]}/readyz" >/dev/null 2>&1 && break
        sleep 0.2
    done
    if curl -fsS "http://127.0.0.1:${ports[$service]}/readyz" >/dev/null 2>&1; then
        echo "run: $service-service ready on http://127.0.0.1:${ports[$service]} (/healthz /readyz /metrics), log .run/logs/$service.log"
    else
        echo "run: $service-service is not ready; see .run/logs/$service.log" >&2
        curl -sS "http://127.0.0.1:${ports[$service]}/readyz" >&2 || true
    fi
done

kl="$bin/kl"
echo
echo "run: demo — the catalog (kl catalog …)"
echo "run: \$ kl catalog import docs/examples/catalog.jsonl"
"$kl" catalog import docs/examples/catalog.jsonl --actor demo || true
echo "run: \$ kl catalog search reumatisk        # Swedish stemming: finds 'Reumatoid artrit', 'reumatiska sjukdomar'"
"$kl" catalog search reumatisk || true
echo "run: \$ kl catalog search hjärtsvkit       # a typo still finds it"
"$kl" catalog search hjärtsvkit || true
echo "run: \$ kl catalog get hjartsvikt-vardforlopp"
"$kl" catalog get hjartsvikt-vardforlopp || true

echo
echo "run: demo — feedback from another system (the Python publisher in clients/, as a web page would send it)"
support=$("$kl" catalog get hjartsvikt-vardforlopp --output json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["knowledge_support"]["id"])' 2>/dev/null || true)
for answer in yes yes no yes; do
    clients/python/publish_feedback.py --slug hjartsvikt-vardforlopp --kind helpfulness --helpful "$answer" --role patient \
        --source-system demo-web --comment "Bra sida. Ring mig på 070-123 45 67 eller mejla anna@example.se, pnr 19850101-1234" >/dev/null || true
done
clients/python/publish_feedback.py --slug finns-inte-an --kind rating --rating 4 --source-system demo-web >/dev/null || true
# Stored once the feedback service has the catalog's event for the support (it may still be on its way).
for _ in $(seq 1 30); do
    "$kl" feedback items --support "$support" --output json 2>/dev/null | grep -q '"totalSize" : "[4-9]' && break
    sleep 0.5
done
echo "run: \$ kl feedback items --support $support        # the comment is redacted before it is stored"
"$kl" feedback items --support "$support" --page-size 5 || true

cat <<MSG

run: up: the catalog and the feedback service answer (try \`$bin/kl catalog --help\`,
     \`$bin/kl feedback --help\`); follow-up and notification run the kernel (schemas migrated,
     topology declared, outbox relays, health and metrics). Feedback summaries per ISO week and
     month are sent once a period has closed. RabbitMQ management: http://127.0.0.1:15673 (admin/admin).

run: not there yet, and so no demo of the whole loop yet: follow-up's run/control-chart analysis
     and the leaders' notifications arrive with their own issues; those services answer RPCs with
     UNIMPLEMENTED until then.

run: Ctrl-C stops everything.
MSG
wait
