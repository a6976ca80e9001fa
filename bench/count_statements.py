#!/usr/bin/env python3
"""Statements per ticket and bytes per event on the running stack: counted, not timed, so the
figures hold on a busy machine (docs/benchmark.md times; this counts what a ticket costs).

Phase 1 posts N tickets as the benchmark makes them (a grid alias and a category keyword) from 16
clients and waits until all are routed; phase 2 publishes accept + resolve on hotline.replies for
every routed ticket with a lead department and waits until they are resolved. After each phase
it prints the statements PostgreSQL ran (pg_stat_statements: top-level, and with the statements
of triggers), commits and savepoints per ticket, the busiest statements, and the average bytes
of each event type and of a task in the outbox.

Needs pg_stat_statements with track = all in the stack's PostgreSQL (a restart; the services
reconnect by themselves):

    psql "$DATABASE_URL" -c "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'"
    runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D .run/pg/data -l .run/pg/postgres.log -m fast restart
    head -n1 .run/pg/data/postmaster.pid > .run/postgres.pid
    psql "$DATABASE_URL" -c "CREATE EXTENSION pg_stat_statements" -c "ALTER SYSTEM SET pg_stat_statements.track = 'all'" -c "SELECT pg_reload_conf()"
    python3 bench/count_statements.py 400
"""
import json
import pathlib
import random
import subprocess
import sys
import time
import uuid
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "Tests" / "contracts"))
from stack import ENV, http
import pika

ROOT = pathlib.Path(__file__).resolve().parents[1]
N = int(sys.argv[1]) if len(sys.argv) > 1 else 300
grids = json.loads((ROOT / "deploy/demo/grids.geojson").read_text())["features"]
grids = [g["properties"] for g in grids if g["properties"].get("aliases")]
cats = json.loads((ROOT / "deploy/demo/catalog.json").read_text())["categories"]
PG = ["psql", ENV["DATABASE_URL"], "-tAX", "-F", "\t", "-c"]

def sql(q):
    return subprocess.run(PG + [q], capture_output=True, text=True, check=True).stdout.strip()

def stats(label, n):
    total = sql("SELECT coalesce(sum(calls),0) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname='hotline') AND query !~* '^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|SET|SHOW|LISTEN|SELECT 1$|DEALLOCATE)'")
    top_level = sql("SELECT coalesce(sum(calls),0) FROM pg_stat_statements WHERE toplevel AND dbid = (SELECT oid FROM pg_database WHERE datname='hotline') AND query !~* '^(BEGIN|COMMIT|ROLLBACK|SET|SHOW|LISTEN|DEALLOCATE)'")
    tx = sql("SELECT coalesce(sum(calls),0) FROM pg_stat_statements WHERE query ~* '^(COMMIT)'")
    sp = sql("SELECT coalesce(sum(calls),0) FROM pg_stat_statements WHERE query ~* '^(SAVEPOINT|RELEASE|ROLLBACK TO)'")
    print(f"== {label}: {n} tickets; top-level statements {top_level} ({int(top_level)/n:.2f}/ticket), "
          f"with nested (triggers) {total} ({int(total)/n:.2f}/ticket), commits {tx} ({int(tx)/n:.2f}/ticket), savepoint stmts {sp}")
    rows = sql("SELECT calls, toplevel, regexp_replace(left(query, 110), '\\s+', ' ', 'g') FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname='hotline') ORDER BY calls DESC LIMIT 40")
    for r in rows.splitlines():
        print("   ", r)

def reset():
    sql("SELECT pg_stat_statements_reset()")

def wait(ids, pred, seconds=180):
    deadline = time.time() + seconds
    pending = set(ids)
    while pending and time.time() < deadline:
        q = "SELECT id::text, status FROM tickets WHERE id = ANY('{" + ",".join(pending) + "}'::uuid[])"
        for line in sql(q).splitlines():
            i, s = line.split("\t")
            if pred(s): pending.discard(i)
        time.sleep(0.5)
    return pending

op = ENV["OPERATOR_KEY"]
reset()
ids = []
def post(k):
    g = random.choice(grids); c = random.choice(cats); kw = random.choice(c.get("keywords") or [c["name"]])
    body = {"channel": "phone", "caller": {"name": "压测居民", "phone": "13" + str(random.randint(5, 9)) + f"{random.randint(0, 10**8-1):08d}"},
            "description": f"{g['aliases'][0]}附近{kw}，{c['name']}，请尽快处理（压测）",
            "location": {"address": f"{random.choice(g['aliases'])}{random.randint(1,200)}号楼{random.randint(1,6)}单元"}}
    s, t = http("POST", "/v1/tickets", key=op, body=body)
    assert s == 201, (s, t)
    return t["id"]
from concurrent.futures import ThreadPoolExecutor
with ThreadPoolExecutor(16) as pool:
    ids = list(pool.map(post, range(N)))
left = wait(ids, lambda s: s != "received")
time.sleep(3)  # notifier catches up
print("not routed:", len(left))
stats("phase 1: create + route + notify", N)
events = sql("SELECT routing_key, count(*), avg(octet_length(body))::int, max(octet_length(body)) FROM outbox WHERE exchange='hotline.events' GROUP BY 1 ORDER BY 2 DESC")
print("event bytes (type, count, avg, max):"); [print("   ", l) for l in events.splitlines()]
tasks = sql("SELECT count(*), avg(octet_length(body))::int FROM outbox WHERE exchange='hotline.tasks'")
print("task bytes (count, avg):", tasks)

# phase 2
rows = sql("SELECT id::text, lead_department FROM tickets WHERE status='assigned' AND lead_department IS NOT NULL AND id = ANY('{" + ",".join(ids) + "}'::uuid[])").splitlines()
pairs = [r.split("\t") for r in rows]
reset()
conn = pika.BlockingConnection(pika.URLParameters(ENV["AMQP_URL"]))
ch = conn.channel(); ch.confirm_delivery()
for action in ("accept", "resolve"):
    for tid, dept in pairs:
        ch.basic_publish("hotline.replies", action, json.dumps({"ticketId": tid, "department": dept, "action": action, "note": "压测"}, ensure_ascii=False).encode(),
                         pika.BasicProperties(message_id=str(uuid.uuid4()), content_type="application/json", delivery_mode=2, type="reply"))
conn.close()
left = wait([p[0] for p in pairs], lambda s: s == "resolved")
time.sleep(3)
print("not resolved:", len(left))
stats("phase 2: accept + resolve replies + notify", len(pairs))
events = sql("SELECT routing_key, count(*), avg(octet_length(body))::int, max(octet_length(body)) FROM outbox WHERE exchange='hotline.events' GROUP BY 1 ORDER BY 2 DESC")
print("event bytes (type, count, avg, max):"); [print("   ", l) for l in events.splitlines()]
