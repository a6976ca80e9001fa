#!/usr/bin/env python3
"""Cuts an operator's CRD schema down to what deploy/k8s/data uses, for check_deploy.py.

    python3 Tests/deploy/prune_crd_schema.py CRD.yaml VERSION MANIFEST.yaml OUT.json SOURCE

The full CRDs (CloudNativePG's Cluster: 470 kB, the RabbitMQ Cluster Operator's RabbitmqCluster:
350 kB) are too big to keep here. The cut keeps, at every object level a manifest reaches, the
names of all the fields the operator accepts (so a misspelt or unknown field is caught), and
below the fields the manifest sets their types, enums, bounds and required fields; fields it does
not set are left open. Run it again when the manifest or the operator's version changes; SOURCE
(repository@commit) is recorded in the output.
"""

from __future__ import annotations

import json
import sys

import yaml

KEEP = ("type", "enum", "minimum", "maximum", "pattern", "required", "x-kubernetes-preserve-unknown-fields",
        "x-kubernetes-int-or-string", "minItems", "maxItems", "minLength", "maxLength", "nullable")


def merge(values: list):
    """One value holding every key any of `values` holds (list items are checked as one)."""
    dicts = [v for v in values if isinstance(v, dict)]
    if not dicts:
        return values[0] if values else None
    out: dict = {}
    for key in {k for d in dicts for k in d}:
        present = [d[key] for d in dicts if key in d]
        if all(isinstance(p, list) for p in present):
            out[key] = [merge([item for p in present for item in p])]
        else:
            out[key] = merge(present)
    return out


def prune(schema: dict, value) -> dict:
    out = {k: schema[k] for k in KEEP if k in schema}
    if "anyOf" in schema:
        out["anyOf"] = [{k: s[k] for k in KEEP if k in s} for s in schema["anyOf"]]
    if isinstance(value, dict) and "properties" in schema:
        out["properties"] = {name: prune(sub, value[name]) if name in value else {} for name, sub in schema["properties"].items()}
    elif isinstance(value, dict) and isinstance(schema.get("additionalProperties"), dict):
        out["additionalProperties"] = prune(schema["additionalProperties"], merge(list(value.values())))
    if isinstance(value, list) and "items" in schema:
        out["items"] = prune(schema["items"], merge(value))
    return out


def main() -> None:
    crd_path, version, manifest_path, out_path, source = sys.argv[1:6]
    crd = yaml.safe_load(open(crd_path))
    schema = next(v for v in crd["spec"]["versions"] if v["name"] == version)["schema"]["openAPIV3Schema"]
    manifest = next(d for d in yaml.safe_load_all(open(manifest_path)) if d and d.get("kind") == crd["spec"]["names"]["kind"])
    pruned = prune(schema, manifest)
    pruned["$comment"] = f"{crd['metadata']['name']} {version} from {source}, cut to {manifest_path} by Tests/deploy/prune_crd_schema.py"
    pruned["x-group-version-kind"] = [crd["spec"]["group"], version, crd["spec"]["names"]["kind"]]
    with open(out_path, "w") as file:
        json.dump(pruned, file, indent=1, sort_keys=True)
        file.write("\n")


if __name__ == "__main__":
    main()
