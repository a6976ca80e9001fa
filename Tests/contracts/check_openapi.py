#!/usr/bin/env python3
"""docs/openapi.json is a valid OpenAPI document (openapi-spec-validator) whose every operation has
a unique `operationId`, and whose file keeps its canonical formatting (indent 1, UTF-8 as is).

Run by `make test-contracts`; needs no running stack.
"""
import json
import pathlib
import sys

from openapi_spec_validator import validate

ROOT = pathlib.Path(__file__).resolve().parents[2]
METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def main():
    path = ROOT / "docs" / "openapi.json"
    text = path.read_text(encoding="utf-8")
    document = json.loads(text)
    validate(document)
    problems = []
    seen = {}
    operations = 0
    for route, item in document.get("paths", {}).items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            operations += 1
            operation_id = operation.get("operationId")
            if not operation_id:
                problems.append(f"{method.upper()} {route}: no operationId")
            elif operation_id in seen:
                problems.append(f"{method.upper()} {route}: operationId {operation_id} also on {seen[operation_id]}")
            else:
                seen[operation_id] = f"{method.upper()} {route}"
    if text != json.dumps(document, indent=1, ensure_ascii=False) + "\n":
        problems.append("docs/openapi.json is not formatted as json.dumps(d, indent=1, ensure_ascii=False) + newline")
    for problem in problems:
        print("FAIL", problem)
    print(f"openapi: {operations} operations, {len(seen)} operationIds, document valid ({document['openapi']})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
