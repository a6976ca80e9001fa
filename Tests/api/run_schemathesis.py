#!/usr/bin/env python3
"""Schemathesis over docs/openapi.json against the running stack, every operation, as an
operator and as a department (make test-api; make test runs it).

Checks: no 5xx (not_a_server_error) and no answer that breaks its documented schema
(response_schema_conformance). Bounded in time: MAX_EXAMPLES per operation (default 6) and a
fixed seed, so the two runs take under 3 minutes and the same inputs come back after a fix. The event
stream is left out (a 200 there never ends). Prints how many requests each identity sent.
"""
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]


def stack_env():
    env = {}
    path = os.environ.get("HOTLINE_ENV_FILE") or ROOT / ".run" / "env"
    for line in pathlib.Path(path).read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            env[key.removeprefix("export ").strip()] = value.strip().strip("'\"")
    return env


ENV = stack_env()
URL = ENV["INTAKE_URL"]


def call(method, path, key, body=None):
    request = urllib.request.Request(URL + path, method=method, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Authorization", f"Bearer {key}")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=15) as response:
        return json.loads(response.read())


def department_key():
    jurisdiction = call("GET", "/v1/jurisdiction", ENV["OPERATOR_KEY"])
    code = jurisdiction["departments"][0]["code"]
    return call("POST", "/v1/keys", ENV["ADMIN_KEY"], {"role": "department", "department": code, "name": "schemathesis"})["key"]


# The CLI, with the modules its workers import lazily imported first, and `ast.parse` taken one
# thread at a time: CPython 3.11 keeps the AST converter's recursion depth per interpreter, so two
# workers parsing at once (Hypothesis describes filter lambdas by parsing their source) failed
# inside schemathesis with "AST constructor recursion depth mismatch", reported as a Runtime Error
# of POST /v1/jurisdiction/what-if with no check failing.
CLI = """
import ast, sys, threading, anyio, schemathesis.transport.asgi
parse, lock = ast.parse, threading.Lock()
def parse_alone(*args, **kwargs):
    with lock:
        return parse(*args, **kwargs)
ast.parse = parse_alone
from schemathesis.cli import schemathesis
sys.exit(schemathesis())
"""


def run(identity, key, examples):
    with tempfile.TemporaryDirectory() as folder:
        har = pathlib.Path(folder) / "requests.har"
        command = [
            sys.executable, "-c", CLI,
            "run", str(ROOT / "docs" / "openapi.json"), "--url", URL,
            "-H", f"Authorization: Bearer {key}",
            "--checks", "not_a_server_error,response_schema_conformance",
            "--max-examples", str(examples), "--seed", "12345", "--request-timeout", "20",
            "--phases", "examples,coverage,fuzzing", "--exclude-path", "/v1/events/stream",
            "--report", "har", "--report-har-path", str(har), "--workers", "2",
            "--max-time", os.environ.get("SCHEMATHESIS_MAX_TIME", "75"),
        ]
        shown = ["st"] + [c if not c.startswith("Authorization") else "Authorization: Bearer ***" for c in command[4:]]
        print(f"schemathesis as {identity}: {' '.join(shown)}", flush=True)
        result = subprocess.run(command, cwd=ROOT)
        requests = len(json.loads(har.read_text())["log"]["entries"]) if har.exists() else 0
        print(f"schemathesis as {identity}: {requests} requests, exit {result.returncode}", flush=True)
        return result.returncode, requests


def main():
    examples = int(os.environ.get("MAX_EXAMPLES", "6"))
    total, failed = 0, []
    for identity, key in (("operator", ENV["OPERATOR_KEY"]), ("department", department_key())):
        code, requests = run(identity, key, examples)
        total += requests
        if code != 0:
            failed.append(identity)
    print(f"schemathesis: {total} requests in all; {'failures as ' + ', '.join(failed) if failed else 'no failures'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
