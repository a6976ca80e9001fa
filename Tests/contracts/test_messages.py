#!/usr/bin/env python3
"""docs/asyncapi.yaml against the messages the running stack really sends, so it cannot drift.

Temporary queues of our own copy everything on `hotline.events` (#), `hotline.tasks` (every
department's key) and `hotline.replies` while a scenario runs through the public API: tickets
handled by a department over HTTP and over AMQP replies, a rating that reopens, a return, a
三重 ticket, an unroutable one dispatched by hand, a cancel, a duplicate, a direct answer, a broadcast and its
acknowledgement, a permanently failed SMS, and examples/department/run serving a department.
Each copied body must validate against the JSON Schema the document gives for its type
(`check-jsonschema`'s `jsonschema`), with the AMQP properties it promises; a type without a
schema fails. The document must name exactly the domain's event types
(Shared/HotlineDomain/EventType.swift), resolve every `$ref`, and be what intake serves at
`/asyncapi.yaml`.

Run by `make test-contracts` against the stack `make up` started; reads .run/env.
"""
import collections
import json
import os
import pathlib
import re
import signal
import subprocess
import sys
import time
import urllib.request
import uuid

import jsonschema
import yaml

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from capture import Capture  # noqa: E402
from stack import ENV, ROOT, create, department_key, get_ticket, http, signed_to_notifier, ticket, wait_ticket  # noqa: E402

DOCUMENT = ROOT / "docs" / "asyncapi.yaml"
FAILURES = []
# What the scenario must have produced (other types are validated when they come).
EXPECTED = {
    "ticket.received", "ticket.assigned", "ticket.accepted", "ticket.progress", "ticket.resolved", "ticket.rated",
    "ticket.closed", "ticket.reopened", "ticket.returned", "ticket.unroutable", "ticket.cancelled",
    "ticket.duplicate", "ticket.answered", "broadcast.created", "broadcast.acknowledged", "task.assigned", "reply",
}


def fail(message):
    FAILURES.append(message)
    print("FAIL", message, flush=True)


def unique(prefix):
    return f"{prefix}{int(time.time() * 1000) % 10_000_000}{uuid.uuid4().int % 1000}号"


def status_is(*wanted):
    return lambda t: t.get("status") in wanted


def history(ticket_id):
    return [entry["type"] for entry in get_ticket(ticket_id).get("history", [])]


# MARK: the scenario

def scenario(capture):
    operator = ENV["OPERATOR_KEY"]
    keys = {code: department_key(code) for code in ("GR", "ZJ")}

    # A department works a ticket over HTTP: accept, progress, resolve; the resident is satisfied.
    heating = create(ticket("家里暖气片不热，室温只有十几度", unique("水川花园")))
    wait_ticket(heating["id"], status_is("assigned"), what="routing")
    for action in ("accept", "progress", "resolve"):
        status, body = http("POST", f"/v1/tasks/{heating['id']}/{action}", key=keys["GR"], body={"note": f"HTTP {action}"})
        assert status == 200, f"{action}: {status} {body}"
    assert http("POST", f"/v1/tickets/{heating['id']}/rating", key=operator, body={"score": 1})[0] == 200
    wait_ticket(heating["id"], status_is("closed"), what="close")

    # Over AMQP replies instead; a dissatisfied rating reopens it, the second time is fine.
    light = create(ticket("金岸路东段门前三盏路灯不亮，晚上行人看不清路", unique("金岸路东段")))
    wait_ticket(light["id"], status_is("assigned"), what="routing")
    for action in ("accept", "progress", "resolve"):
        capture.publish_reply(light["id"], "CG", action, f"AMQP {action}", str(uuid.uuid4()))
    wait_ticket(light["id"], status_is("resolved"), what="resolve by AMQP reply")
    assert http("POST", f"/v1/tickets/{light['id']}/rating", key=operator, body={"score": 3, "reason": "灯还是不亮"})[0] == 200
    wait_ticket(light["id"], lambda t: t.get("status") == "assigned" and "ticket.reopened" in [h["type"] for h in t.get("history", [])], what="reopen")
    for action in ("accept", "resolve"):
        capture.publish_reply(light["id"], "CG", action, f"AMQP {action} again", str(uuid.uuid4()))
    wait_ticket(light["id"], status_is("resolved"), what="second resolve")
    assert http("POST", f"/v1/tickets/{light['id']}/rating", key=operator, body={"score": 2})[0] == 200

    # The lead department returns a 1+N ticket (退单); it is routed again or waits for a person.
    sewer = create(ticket("楼下下水道堵了，污水外溢到路面", unique("滨河路西段")))
    wait_ticket(sewer["id"], status_is("assigned"), what="routing")
    status, body = http("POST", f"/v1/tasks/{sewer['id']}/return", key=keys["ZJ"], body={"note": "不属于本部门职责"})
    assert status == 200, f"return: {status} {body}"
    wait_ticket(sewer["id"], lambda t: "ticket.returned" in [h["type"] for h in t.get("history", [])], what="return")

    # A 三重 matter goes to the community secretary.
    major = create(ticket("小区围墙倒塌，砸伤一名路过的老人", unique("明珠小区"), major="accident"))
    wait_ticket(major["id"], status_is("assigned", "unroutable"), what="routing of a 三重 ticket")

    # Nobody can place it: unroutable, then an operator dispatches it by hand.
    lost = create(ticket("路灯不亮好几天了", "城西老市场那边的路口"))
    wait_ticket(lost["id"], status_is("unroutable"), what="unroutable")
    status, body = http("POST", f"/v1/tickets/{lost['id']}/dispatch", key=operator, body={"department": "CG"})
    assert status == 200, f"dispatch: {status} {body}"
    wait_ticket(lost["id"], status_is("assigned"), what="manual dispatch")

    # Cancelled by the operator.
    dropped = create(ticket("小区门口垃圾桶满了没人清运", unique("同心苑")))
    wait_ticket(dropped["id"], status_is("assigned"), what="routing")
    assert http("POST", f"/v1/tickets/{dropped['id']}/cancel", key=operator, body={"reason": "市民来电撤回"})[0] == 200

    # The same matter at the same address twice: the second is a duplicate; a third nearby may
    # raise a cluster alert (unless this run's neighbours already did).
    place = unique("龙首花园")
    first = create(ticket("绿化带树枝折断挡住了人行道", place))
    wait_ticket(first["id"], status_is("assigned"), what="routing")
    second = create(ticket("绿化带的树枝断了挡路", place))
    wait_ticket(second["id"], status_is("duplicate"), what="duplicate link")
    third = create(ticket("绿化带树枝被风刮断", unique("龙首花园")))
    wait_ticket(third["id"], status_is("assigned", "duplicate"), what="routing")

    # Answered on the call from the knowledge base (直接答复): never routed.
    status, article = http(
        "POST", "/v1/knowledge", key=ENV["ADMIN_KEY"],
        body={"title": "契约测试：居住证办理", "body": "携带身份证和租房合同到社区服务中心办理居住证。", "answer": "带身份证和租房合同到社区服务中心办理。"},
    )
    assert status == 201, f"POST /v1/knowledge: {status} {article}"
    answered = create(ticket("居住证怎么办理", unique("水川花园"), answer={"article": article["id"], "note": "已当场答复"}))
    assert answered["status"] == "answered", f"direct answer: status {answered['status']}"

    # One-key response to 水川社区's grid workers; 石芳 (its first grid's worker) acknowledges.
    status, broadcast = http(
        "POST", "/v1/broadcasts", key=operator,
        body={"scope": {"community": "620402001001"}, "text": "契约测试：今晚大风，请检查辖区广告牌", "requireAck": True},
    )
    assert status == 201, f"broadcast: {status} {broadcast}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        status, answer = signed_to_notifier("/v1/sms/inbound", {
            "messageId": str(uuid.uuid4()), "from": "13909364807", "text": "收到",
            "receivedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        })
        # Until the notifier has fanned this broadcast out, 收到 answers an earlier one.
        if status == 200 and isinstance(answer, dict) and broadcast["id"] in str(answer.get("outcome", "")):
            break
        time.sleep(0.5)
    else:
        fail(f"broadcast {broadcast['id']}: 收到 not taken ({status} {answer})")

    # A receipt SMS the gateway refuses for good (400) becomes notification.failed, when the
    # notifier sends to the test gateway stub (as in `make test`).
    stub = f"http://127.0.0.1:{os.environ.get('SMS_STUB_PORT', '18025')}"
    if os.environ.get("SMS_GATEWAY_URL", "").startswith(stub):
        phone = "137" + f"{uuid.uuid4().int % 10**8:08d}"
        request = urllib.request.Request(
            stub + "/control", method="POST", headers={"Content-Type": "application/json"},
            data=json.dumps({"phone": phone, "kind": "receipt", "responses": [400]}).encode(),
        )
        urllib.request.urlopen(request, timeout=5).read()
        body = ticket("路面有个大坑，电动车差点摔倒", unique("水川路南段"))
        body["caller"]["phone"] = phone
        create(body)

    example_department(capture)


def example_department(capture):
    """examples/department/run serves RS: a wage-arrears ticket goes accepted, then resolved."""
    code = "RS"
    log = open(ROOT / ".run" / "example-department.log", "w")
    process = subprocess.Popen(
        [str(ROOT / "examples" / "department" / "run"), ENV["AMQP_URL"], code], stdout=log, stderr=subprocess.STDOUT
    )
    try:
        time.sleep(1.5)
        assert process.poll() is None, f"examples/department/run exited at once ({process.returncode}), see .run/example-department.log"
        wages = create(ticket("公司拖欠工资三个月，多次讨要未果", unique("新城花园")))
        wait_ticket(wages["id"], status_is("resolved"), seconds=30, what="resolve by examples/department")
        kinds = history(wages["id"])
        accepted, resolved = kinds.index("ticket.accepted"), kinds.index("ticket.resolved")
        assert accepted < resolved, f"example: accepted after resolved in {kinds}"
        print(f"examples/department/run {code}: ticket {wages['number']} accepted, then resolved", flush=True)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            code_ = process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            raise AssertionError("examples/department/run did not stop within 10 s of SIGTERM")
        log.close()
        if code_ != 0:
            fail(f"examples/department/run exited {code_} on SIGTERM (see .run/example-department.log)")


# MARK: the document

def load_document():
    document = yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))
    assert str(document.get("asyncapi", "")).startswith("3."), "docs/asyncapi.yaml: not AsyncAPI 3"
    return document


def check_references(node, document, where="#"):
    """Every local `$ref` of the document points at something."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/"):
                target = document
                for part in value[2:].split("/"):
                    part = part.replace("~1", "/").replace("~0", "~")
                    if not isinstance(target, dict) or part not in target:
                        fail(f"asyncapi: {where}: $ref {value} points at nothing")
                        break
                    target = target[part]
            else:
                check_references(value, document, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            check_references(value, document, f"{where}/{index}")


def message_schemas(document):
    """Message name (event type, `task.assigned`, `reply`) -> (payload schema, message)."""
    out = {}
    for key, message in document["components"]["messages"].items():
        out[message["name"]] = (message["payload"], message)
    return out


def domain_event_types():
    text = (ROOT / "Shared" / "HotlineDomain" / "EventType.swift").read_text()
    return set(re.findall(r'^\s*case \w+ = "([a-z_.]+)"', text, re.M))


def validator_for(document, schema):
    # The document is the root, so `#/components/schemas/...` resolves inside it.
    root = dict(document)
    root.update(schema)
    return jsonschema.Draft202012Validator(root, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def validate(messages, document):
    schemas = message_schemas(document)
    declared = {name for name, (_, message) in schemas.items() if message.get("x-exchange") == "hotline.events"}
    domain = domain_event_types()
    for missing in sorted(domain - declared):
        fail(f"asyncapi: event type {missing} (EventType.swift) has no message")
    for extra in sorted(declared - domain):
        fail(f"asyncapi: message {extra} is not an EventType")
    validators = {}
    counts = collections.Counter()
    for m in messages:
        props = m["properties"]
        if m["exchange"] == "hotline.replies":
            name = "reply"
        elif m["exchange"] == "hotline.tasks":
            name = props["type"] or "(no type)"
        else:
            name = props["type"] or "(no type)"
            if name != m["routingKey"]:
                fail(f"event {props['message_id']}: type property {name} but routing key {m['routingKey']}")
        where = f"{name} {props['message_id']}"
        if name not in schemas:
            fail(f"{where}: no schema in docs/asyncapi.yaml for message type {name!r}")
            continue
        try:
            body = json.loads(m["body"])
        except ValueError:
            fail(f"{where}: body is not JSON")
            continue
        if name not in validators:
            validators[name] = validator_for(document, schemas[name][0])
        errors = sorted(validators[name].iter_errors(body), key=lambda e: list(e.absolute_path))
        for error in errors[:5]:
            fail(f"{where}: /{'/'.join(map(str, error.absolute_path))}: {error.message[:300]}")
        if props["content_type"] != "application/json":
            fail(f"{where}: content_type {props['content_type']!r}")
        if not props["message_id"]:
            fail(f"{where}: no message_id")
        if m["exchange"] != "hotline.replies":
            if props["delivery_mode"] != 2:
                fail(f"{where}: not persistent")
        if m["exchange"] == "hotline.events" and isinstance(body, dict):
            if body.get("id") != props["message_id"] or body.get("type") != name:
                fail(f"{where}: envelope id/type {body.get('id')}/{body.get('type')} differ from message_id/type")
        if m["exchange"] == "hotline.replies" and isinstance(body, dict) and body.get("action") != m["routingKey"]:
            fail(f"{where}: action {body.get('action')} but routing key {m['routingKey']}")
        counts[name] += 1
    return counts, schemas


def check_served():
    """Intake serves the file as it is at /asyncapi.yaml."""
    with urllib.request.urlopen(ENV["INTAKE_URL"] + "/asyncapi.yaml", timeout=10) as response:
        served = response.read()
        kind = response.headers.get("Content-Type", "")
    if served != DOCUMENT.read_bytes():
        fail("GET /asyncapi.yaml does not serve docs/asyncapi.yaml as it is")
    if "yaml" not in kind:
        fail(f"GET /asyncapi.yaml: Content-Type {kind!r}")


def main():
    document = load_document()
    check_references(document, document)
    check_served()
    catalog_dir = pathlib.Path(os.environ.get("JURISDICTION") or ROOT / "deploy" / "demo")
    departments = [d["code"] for d in json.loads((catalog_dir / "catalog.json").read_text())["departments"]]
    capture = Capture(ENV["AMQP_URL"], departments)
    started = time.monotonic()
    try:
        try:
            scenario(capture)
        except AssertionError as error:
            fail(f"scenario: {error}")
        messages = capture.drain(quiet_seconds=3.0, max_seconds=60.0)
    finally:
        capture.close()
    counts, schemas = validate(messages, document)
    for name in sorted(EXPECTED - set(counts)):
        fail(f"the scenario produced no {name} message")
    (ROOT / ".run" / "contracts-captured.json").write_text(json.dumps(messages, ensure_ascii=False, indent=1))
    print(f"asyncapi: {len(schemas)} messages, {len(document['components'].get('schemas', {}))} schemas; "
          f"{len(messages)} messages captured in {time.monotonic() - started:.0f}s (.run/contracts-captured.json)")
    for name in sorted(set(counts) | set(schemas)):
        print(f"  {name:28} {counts.get(name, 0):4} validated")
    if FAILURES:
        print(f"{len(FAILURES)} contract failure(s)")
        return 1
    print("every captured message matches docs/asyncapi.yaml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
