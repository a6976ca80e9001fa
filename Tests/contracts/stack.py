"""What the contract checks share: the running stack's `.run/env`, HTTP calls to it, and API keys.

Run against the stack that `make up` (or `make test`) started in this worktree.
"""
import hashlib
import hmac
import json
import os
import pathlib
import random
import subprocess
import time
import urllib.error
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]


def stack_env():
    """`.run/env` as a dict (the file is shell-sourceable KEY=value lines)."""
    env = {}
    for line in (ROOT / ".run" / "env").read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            env[key] = value.strip().strip("'\"")
    return env


ENV = stack_env()


def http(method, url, key=None, body=None, headers=None, raw=None):
    """One HTTP call; returns (status, parsed JSON or text). `url` is absolute or an intake path."""
    if url.startswith("/"):
        url = ENV["INTAKE_URL"] + url
    data = raw if raw is not None else (None if body is None else json.dumps(body, ensure_ascii=False).encode())
    request = urllib.request.Request(url, method=method, data=data)
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            status, payload = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, payload = error.code, error.read()
    try:
        return status, json.loads(payload)
    except ValueError:
        return status, payload.decode("utf-8", "replace")


def department_key(code):
    """A new API key of role `department` for `code`, made with `intake keys create` as an operator would."""
    binary = pathlib.Path(os.environ.get("BIN_DIR", ROOT / ".build" / "debug")) / "intake"
    environment = dict(os.environ, DATABASE_URL=ENV["DATABASE_URL"], LOG_LEVEL="error")
    out = subprocess.run(
        [str(binary), "keys", "create", "--role", "department", "--department", code, "--name", f"contracts-{code}"],
        env=environment, check=True, capture_output=True, text=True,
    ).stdout.split()
    return out[-1]


def ticket(description, address, **extra):
    """A ticket body as an operator's call would give it, with a fresh caller phone."""
    body = {
        "channel": "phone",
        "caller": {"name": "测试居民", "phone": "139" + f"{random.randrange(10**8):08d}"},
        "description": description,
        "location": {"address": address},
    }
    body.update(extra)
    return body


def create(body):
    status, created = http("POST", "/v1/tickets", key=ENV["OPERATOR_KEY"], body=body)
    assert status == 201, f"POST /v1/tickets: {status} {created}"
    return created


def get_ticket(ticket_id):
    status, found = http("GET", f"/v1/tickets/{ticket_id}", key=ENV["OPERATOR_KEY"])
    assert status == 200, f"GET ticket {ticket_id}: {status} {found}"
    return found


def wait_ticket(ticket_id, predicate, seconds=20, what="condition"):
    """The ticket once `predicate(ticket)` holds; fails with its last state after `seconds`."""
    deadline = time.monotonic() + seconds
    found = None
    while time.monotonic() < deadline:
        found = get_ticket(ticket_id)
        if predicate(found):
            return found
        time.sleep(0.2)
    raise AssertionError(f"ticket {ticket_id}: no {what} within {seconds}s (status {found and found.get('status')})")


def sms_secret():
    return os.environ.get("SMS_GATEWAY_SECRET") or ENV.get("SMS_GATEWAY_SECRET") or "hotline-dev-secret"


def signed_to_notifier(path, payload):
    """POST to the notifier signed as the SMS gateway signs (timestamped scheme, then the body-only one)."""
    body = json.dumps(payload, ensure_ascii=False).encode()
    secret = sms_secret().encode()
    stamp = str(int(time.time()))
    timestamped = "sha256=" + hmac.new(secret, stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    status, answer = http(
        "POST", ENV["NOTIFIER_URL"] + path, raw=body,
        headers={"X-Hotline-Timestamp": stamp, "X-Hotline-Signature": timestamped},
    )
    if status == 401:
        plain = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
        status, answer = http("POST", ENV["NOTIFIER_URL"] + path, raw=body, headers={"X-Hotline-Signature": plain})
    return status, answer
