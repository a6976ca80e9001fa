# The hotline's local life cycle. Everything runs as plain processes under .run/ (no Docker).
# `make run` and `make test` work on a fresh Debian 12 machine with only the Swift toolchain.

SHELL := /bin/bash
STACK := deploy/local/stack.sh
SWIFT ?= swift
BUILD_FLAGS ?=
BIN_DIR := $(shell $(SWIFT) build $(BUILD_FLAGS) --show-bin-path 2>/dev/null || echo .build/debug)
export BIN_DIR

.PHONY: help deps build up down run test test-deploy demo bench status logs clean

help:
	@echo "make run   - start everything in the foreground (Ctrl-C stops it)"
	@echo "make test  - start the stack and run the whole test suite"
	@echo "make up / make down / make demo / make bench / make status / make logs"

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
run: up
	@echo "stack up: $$(grep INTAKE_URL .run/env); keys in .run/env; Ctrl-C stops everything"
	@trap '$(STACK) down' EXIT INT TERM; tail -n +1 -F .run/logs/intake.log .run/logs/dispatcher.log .run/logs/notifier.log

# Unit tests need no servers; system tests drive the running stack through its contracts.
# Tests that kill servers run last and alone.
test: up
	$(SWIFT) test $(BUILD_FLAGS) --skip Failure
	$(SWIFT) test $(BUILD_FLAGS) --filter Failure --no-parallel
	@$(STACK) up >/dev/null
	$(MAKE) test-deploy

# Dockerfile, compose, Kubernetes manifests and alert rules, checked with their own linters.
test-deploy:
	pip install -q -r Tests/deploy/requirements.txt
	python3 Tests/deploy/check_deploy.py

demo: up
	@python3 deploy/demo/demo.py

clean: down
	rm -rf .build
