#!/usr/bin/env bash
# make bench: benchmarks on the local stack, printed as tables. Not tests: nothing here fails on
# a slow figure. Release builds go to .build-release (kept apart from the debug build).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
N=${KL_BENCH_N:-100000}

started=0
if ! scripts/stack.sh status >/dev/null 2>&1; then scripts/stack.sh up; started=1; fi
trap '[ $started = 1 ] && scripts/stack.sh down >/dev/null 2>&1 || true' EXIT

echo "bench: building (release, log: .run/bench-build.log)"
mkdir -p .run
gcc -O2 -Wall -Wextra -Werror -o .run/amqp_ceiling Benchmarks/raw/amqp_ceiling.c -lrabbitmq -lpthread
swift build -c release --scratch-path .build-release --product KernelBench > .run/bench-build.log 2>&1 \
    && swift build -c release --scratch-path .build-release --product VariationBench >> .run/bench-build.log 2>&1 \
    && swift build -c release --scratch-path .build-release --product CatalogBench >> .run/bench-build.log 2>&1 \
    && swift build -c release --scratch-path .build-release --product FeedbackBench >> .run/bench-build.log 2>&1 \
    && swift build -c release --scratch-path .build-release --product FollowUpBench >> .run/bench-build.log 2>&1 \
    && swift build -c release --scratch-path .build-release --product NotificationBench >> .run/bench-build.log 2>&1 \
    && swift build -c release --scratch-path .build-release --product LoopBench >> .run/bench-build.log 2>&1 \
    && make -s -C clients/c >> .run/bench-build.log 2>&1 \
    || { tail -30 .run/bench-build.log; exit 1; }
bin=.build-release/release

# Catalog search first: it needs no raw figure, and so runs before the broker and database are
# busy cleaning up after the throughput benchmarks.
"$bin/CatalogBench" "${KL_BENCH_SUPPORTS:-50000}"

# The raw ceiling is noisy on a shared machine: the median of three runs.
echo "bench: raw librabbitmq ceiling, 3 runs of $N messages"
for i in 1 2 3; do .run/amqp_ceiling 127.0.0.1 "${KL_AMQP_PORT:-5673}" kunskapsloop admin admin "$N" 200; done > .run/raw.txt
median() { grep "^$1=" .run/raw.txt | cut -d= -f2 | sort -n | sed -n 2p; }
"$bin/KernelBench" "$(median publish_confirmed_msgs_per_s)" "$(median consume_acked_msgs_per_s)" "$(median publish_consume_msgs_per_s)" "$N"
# Feedback ingestion: 200,000 messages from the C publisher, against the same run's raw ceiling.
"$bin/FeedbackBench" "$(median publish_consume_msgs_per_s)" "${KL_BENCH_FEEDBACK_N:-200000}" clients/c/build/publish_feedback
# Follow-up: a register's month (10,000 rows from the C publisher) to analyses and signals, and the leader's page.
"$bin/FollowUpBench" clients/c/build/publish_measurements
# Notification: deliveries per second to a webhook receiver that answers at once, and the latency
# from a published SignalRaised to the receiver (p50/p99 over 1,000 signals).
"$bin/NotificationBench" "${KL_BENCH_NOTIFY_RECIPIENTS:-100}" "${KL_BENCH_NOTIFY_EVENTS:-100}" "${KL_BENCH_NOTIFY_LATENCY_N:-1000}"
"$bin/LoopBench" "${KL_BENCH_LOOP_N:-1000}"
# One core, as the issue asks for the analysis figure.
taskset -c 0 "$bin/VariationBench"
