# Kunskapsloop: the only entry point a person needs.
#   make run          local stack, the services, a demo of the loop (make stop ends it)
#   make test         local stack (if not up), build, swift test; stops what it started
#   make bench        benchmarks (release build), tables printed
#   make proto        regenerate Shared/Contracts/Generated from proto/
#   make proto-check  fail when the committed generated code is stale (slow: builds protoc-gen-swift)
#   make stack-up | stack-down | stack-status | compose-check

SHELL := /bin/bash
.DEFAULT_GOAL := help
.PHONY: help run stop test build bench proto proto-check stack-up stack-down stack-status compose-check deps

help:
	@sed -n '2,7p' Makefile | sed 's/^# *//'

# Build prerequisites on a fresh Debian machine (idempotent; apt only when something is missing).
deps:
	@scripts/deps.sh

stack-up: deps
	@scripts/stack.sh up

stack-down:
	@scripts/stack.sh down

stack-status:
	@scripts/stack.sh status

build: deps
	swift build

test: deps
	@scripts/test.sh

run: deps
	@scripts/run.sh

# Stops what `make run` started (the services drain and exit).
stop:
	@if [ -f .run/run.pid ] && kill -0 "$$(cat .run/run.pid)" 2>/dev/null; then kill -TERM "$$(cat .run/run.pid)"; echo "stop: stopping the suite"; else echo "stop: make run is not running"; fi

bench: deps
	@scripts/bench.sh

proto:
	@scripts/proto.sh generate

proto-check:
	@scripts/proto.sh check

compose-check:
	docker-compose -f compose/docker-compose.yml config --quiet \
		&& docker-compose -f compose/docker-compose.yml --profile mail --profile metrics --profile tools config --quiet \
		&& echo "compose: compose/docker-compose.yml is valid (also with the mail, metrics and tools profiles)"
