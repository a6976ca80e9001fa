# The hotline's local life cycle. Everything runs as plain processes under .run/ (no Docker).
# `make run` and `make test` work on a fresh Debian 12 machine with only the Swift toolchain.

SHELL := /bin/bash
STACK := deploy/local/stack.sh
SWIFT ?= swift
BUILD_FLAGS ?=
SMS_STUB_PORT ?= 18025
BIN_DIR := $(shell $(SWIFT) build $(BUILD_FLAGS) --show-bin-path 2>/dev/null || echo .build/debug)
export BIN_DIR

.PHONY: help deps build up down run test test-replica chaos test-deploy test-ui test-api test-contracts demo bench status logs clean

help:
	@echo "make run   - start everything in the foreground (Ctrl-C stops it)"
	@echo "make test  - start the stack and run the whole test suite"
	@echo "make up / make down / make demo / make bench / make chaos / make status / make logs"

deps:
	@$(STACK) packages

build: deps
	$(SWIFT) build $(BUILD_FLAGS)

up: build
	@$(STACK) up

down:
	@$(STACK) down

status:
	@$(STACK) status

logs:
	@tail -n 50 -F .run/logs/intake.log .run/logs/dispatcher.log .run/logs/notifier.log

# Foreground: the services' logs stream here; Ctrl-C (or any exit) stops and cleans the stack.
# The demo district's generated households come with the demo jurisdiction (run and demo only).
DEMO_HOUSEHOLDS := $(if $(JURISDICTION),,deploy/demo/households.json)
DEMO_KNOWLEDGE := $(if $(JURISDICTION),,deploy/demo/knowledge)
DEMO_VOLUNTEERS := $(if $(JURISDICTION),,deploy/demo/volunteers.json)
run: export HOUSEHOLDS ?= $(DEMO_HOUSEHOLDS)
run: export VOLUNTEERS ?= $(DEMO_VOLUNTEERS)
run: export KNOWLEDGE ?= $(DEMO_KNOWLEDGE)
run: up
	@echo "stack up: $$(grep INTAKE_URL .run/env); keys in .run/env; Ctrl-C stops everything"
	@trap '$(STACK) down' EXIT INT TERM; tail -n +1 -F .run/logs/intake.log .run/logs/dispatcher.log .run/logs/notifier.log

# Unit tests need no servers; system tests drive the running stack through its contracts.
# Tests that kill servers run last and alone. The notifier sends to the SMS gateway stub
# (started first), which the notifier tests steer; it keeps writing .run/sms.jsonl.
test: export SMS_GATEWAY_URL := http://127.0.0.1:$(SMS_STUB_PORT)/sms
test: export SMS_GATEWAY_SECRET := hotline-make-test-gateway-secret-2f8c1d7e9a4b6
# The suites read statistics right after writing: intake reads the primary (test-replica reads the replica).
test: export PG_REPLICA :=
test: build
	@$(MAKE) --no-print-directory stub
	@$(STACK) up
	$(SWIFT) test $(BUILD_FLAGS) --skip 'Failure|SerialTests'
	$(SWIFT) test $(BUILD_FLAGS) --filter 'Failure|SerialTests' --no-parallel
	@$(STACK) up >/dev/null
	$(MAKE) --no-print-directory test-replica
	$(MAKE) test-contracts
	$(MAKE) test-ui
	$(MAKE) test-api
	$(MAKE) test-deploy

# The web UI in headless Chromium (Debian's chromium + chromium-driver, from the package list),
# driven by Selenium against the running stack; screenshots land in Tests/ui/screenshots/.
test-ui:
	pip install -q -r Tests/ui/requirements.txt
	timeout 300 python3 Tests/ui/test_ui.py

# The interface documents against the running stack: docs/openapi.json is valid with an
# operationId everywhere; the messages a scenario makes the stack send (captured from the
# broker) match docs/asyncapi.yaml; examples/department/run serves a department's tasks.
test-contracts:
	pip install -q -r Tests/contracts/requirements.txt
	python3 Tests/contracts/check_openapi.py
	timeout 300 python3 Tests/contracts/test_messages.py

# The fault-injection suites alone (docs/fault-injection.md), on the stack as `make test` sets it
# up; `make test` runs them too, with the other suites that kill servers.
chaos: export SMS_GATEWAY_URL := http://127.0.0.1:$(SMS_STUB_PORT)/sms
chaos: export SMS_GATEWAY_SECRET := hotline-make-test-gateway-secret-2f8c1d7e9a4b6
chaos: build
	@$(MAKE) --no-print-directory stub
	@$(STACK) up
	$(SWIFT) test $(BUILD_FLAGS) --filter 'ChaosFailureTests|ClusterFailureTests' --no-parallel
	@$(STACK) up >/dev/null

# Reads through a streaming replica (docs/scaling.md): starts one beside the running stack's
# PostgreSQL (pg_basebackup -R, port PG_REPLICA_PORT = PG_PORT+2; `make up` with PG_REPLICA=1 does
# the same) and runs the suite that reads statistics through it. `make down` stops it.
test-replica:
	@PG_REPLICA=1 $(STACK) replica
	PG_REPLICA=1 $(SWIFT) test $(BUILD_FLAGS) --filter ReadReplicaSerialTests

# The SMS gateway stub of `make test` on port $(SMS_STUB_PORT), 18025 unless set (pid in .run/sms_gateway_stub.pid; it exits
# when `make down` removes .run). A notifier already running without it is restarted by `up`.
stub:
	@mkdir -p .run
	@if ! { [ -f .run/sms_gateway_stub.pid ] && kill -0 "$$(cat .run/sms_gateway_stub.pid)" 2>/dev/null; }; then \
	  nohup python3 Tests/support/sms_gateway_stub.py --port $(SMS_STUB_PORT) --secret "$${SMS_GATEWAY_SECRET:-hotline-make-test-gateway-secret-2f8c1d7e9a4b6}" \
	    --sink "$(CURDIR)/.run/sms.jsonl" --pid-file .run/sms_gateway_stub.pid >.run/sms_gateway_stub.log 2>&1 & \
	  for i in $$(seq 50); do curl -fsS http://127.0.0.1:$(SMS_STUB_PORT)/healthz >/dev/null 2>&1 && break; sleep 0.1; done; \
	fi
	@if [ -n "$${SMS_GATEWAY_URL:-}" ] && [ -f .run/notifier.pid ] && [ "$$(basename "$$(readlink /proc/$$(cat .run/notifier.pid)/exe 2>/dev/null)")" = notifier ] && ! tr '\0' '\n' </proc/$$(cat .run/notifier.pid)/environ 2>/dev/null | grep -qx "SMS_GATEWAY_URL=$${SMS_GATEWAY_URL}"; then \
	  pid=$$(cat .run/notifier.pid); kill "$$pid" 2>/dev/null; while kill -0 "$$pid" 2>/dev/null; do sleep 0.1; done; \
	fi

# Schemathesis over docs/openapi.json against the running stack, as an operator and as a
# department: no 5xx, no answer that breaks its schema (bounded: MAX_EXAMPLES per operation).
test-api:
	pip install -q -r Tests/api/requirements.txt
	timeout 420 python3 Tests/api/run_schemathesis.py

# Dockerfile, compose, Kubernetes manifests and alert rules, checked with their own linters.
test-deploy:
	pip install -q -r Tests/deploy/requirements.txt
	python3 Tests/deploy/check_deploy.py

# The benchmark runs on a fresh stack of release builds whose notifier sends to the bench's own
# SMS sink on BENCH_SINK_PORT (18026). It stops whatever stack was running (and deletes its data)
# first, and its own when it is done. BENCH_BUILD_FLAGS adds flags, e.g. `-Xswiftc -g` for symbols a profiler can read.
BENCH_SINK_PORT ?= 18026
BENCH_BUILD_FLAGS ?=
# Historical tickets filled in before the rate is measured again (docs/storage.md); 0: no fill.
BENCH_FILL ?= 1000000
export BENCH_SINK_PORT BENCH_FILL
bench: export SMS_GATEWAY_URL := http://127.0.0.1:$(BENCH_SINK_PORT)/sms
bench: export LOG_LEVEL := warning
bench: deps
	@$(STACK) down
	$(SWIFT) build -c release $(BENCH_BUILD_FLAGS)
	BIN_DIR=$$($(SWIFT) build -c release $(BENCH_BUILD_FLAGS) --show-bin-path) $(STACK) up
	$$($(SWIFT) build -c release $(BENCH_BUILD_FLAGS) --show-bin-path)/hotline-bench
	@# Its release services and filled database must not become the next `make up`'s or `make test`'s stack.
	@$(STACK) down

demo: export HOUSEHOLDS ?= $(DEMO_HOUSEHOLDS)
demo: export VOLUNTEERS ?= $(DEMO_VOLUNTEERS)
demo: export KNOWLEDGE ?= $(DEMO_KNOWLEDGE)
demo: up
	@python3 deploy/demo/demo.py

clean: down
	rm -rf .build
