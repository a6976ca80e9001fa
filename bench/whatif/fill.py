#!/usr/bin/env python3
"""Fills the stack's database with N historical tickets (default 1,000,000) for measuring the
what-if replay, and writes a changed jurisdiction to replay them against.

    python3 bench/whatif/fill.py 1000000 | psql "$DATABASE_URL"     # the tickets, in one INSERT ... SELECT
    python3 bench/whatif/fill.py --changed /tmp/whatif-changed      # deploy/demo with rules changed
    python3 bench/whatif/fill.py --clean | psql "$DATABASE_URL"     # removes them again

Tickets are spread over the last 90 days, numbered PERF-<n>, with descriptions made of the demo
catalog's keywords and the category they were routed to (as routing stores it), 70 % located by a point
in the demo map's bounding box and the rest by one of its address aliases, in every status with
plausible response, resolution and rating times.
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEMO = ROOT / "deploy" / "demo"


def literal(values):
    return "ARRAY[" + ",".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def fill(count):
    catalog = json.loads((DEMO / "catalog.json").read_text())
    grids = json.loads((DEMO / "grids.geojson").read_text())
    described = [c for c in catalog["categories"] if c["keywords"]]
    descriptions = [f"{c['keywords'][0]}，请尽快处理" for c in described] + [f"小区{c['keywords'][-1]}问题反映多次" for c in described]
    # The category routing gave each description (as a routed ticket stores it).
    codes = [c["code"] for c in described] * 2
    aliases = [a for f in grids["features"] for a in f["properties"].get("aliases", [])] or ["无名路"]
    print(f"""
INSERT INTO tickets (id, number, status, channel, description, address, lat, lon, created_at, updated_at,
    category, urgency, grid, handler, respond_by, resolve_by, assigned_at, responded_at, resolved_at, closed_at, rating,
    jurisdiction_version)
SELECT gen_random_uuid(), 'PERF-' || g, s.status, 'phone', d.description[1 + g % {len(descriptions)}],
    a.alias[1 + (g / 7) % {len(aliases)}] || (g % 97) || '号',
    CASE WHEN g % 10 < 7 THEN 36.48 + (g * 7919 % 10007) / 10007.0 * 0.08 END,
    CASE WHEN g % 10 < 7 THEN 104.10 + (g * 104729 % 10009) / 10009.0 * 0.10 END,
    t.created, t.created, k.code[1 + g % {len(codes)}], 'general', NULL, 'community', t.created + interval '1 day', t.created + interval '7 days',
    CASE WHEN s.status <> 'unroutable' THEN t.created + interval '2 seconds' END,
    CASE WHEN s.status IN ('accepted', 'resolved', 'closed') THEN t.created + (g % 40) * interval '1 hour' END,
    CASE WHEN s.status IN ('resolved', 'closed') THEN t.created + (g % 200) * interval '1 hour' END,
    CASE WHEN s.status = 'closed' THEN t.created + (g % 200 + 48) * interval '1 hour' END,
    CASE WHEN s.status = 'closed' THEN 1 + g % 3 END,
    (SELECT revision FROM jurisdiction WHERE id = 1)
FROM generate_series(1::bigint, {count}) AS g,
    LATERAL (SELECT now() - (g * 7776000 / {count}) * interval '1 second' AS created) AS t,
    LATERAL (SELECT (ARRAY['closed','closed','closed','resolved','accepted','assigned','assigned','unroutable','cancelled','closed'])[1 + g % 10] AS status) AS s,
    (SELECT {literal(descriptions)} AS description) AS d,
    (SELECT {literal(codes)} AS code) AS k,
    (SELECT {literal(aliases)} AS alias) AS a;
ANALYZE tickets;
""")


def changed(folder):
    folder = pathlib.Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    catalog = json.loads((DEMO / "catalog.json").read_text())
    for category in catalog["categories"]:
        if category["code"] == "noise":  # from the environment bureau to the community
            category.update({"handler": "community"})
            category.pop("department", None)
        if category["code"] == "streetlight":
            category["urgency"] = "urgent"
    catalog["calendar"]["holidays"].append("2026-11-20")
    catalog["calendar"]["workdays"] = [d for d in catalog["calendar"]["workdays"] if d != "2026-10-10"]
    (folder / "catalog.json").write_text(json.dumps(catalog, ensure_ascii=False, indent=1))
    (folder / "grids.geojson").write_text((DEMO / "grids.geojson").read_text())


if __name__ == "__main__":
    if sys.argv[1:2] == ["--changed"]:
        changed(sys.argv[2])
    elif sys.argv[1:2] == ["--clean"]:
        print("DELETE FROM tickets WHERE number LIKE 'PERF-%'; VACUUM ANALYZE tickets;")
    else:
        fill(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
