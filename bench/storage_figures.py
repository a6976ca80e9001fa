#!/usr/bin/env python3
"""Row versions and index entries per ticket, from pg_stat_user_tables (issue 16, point 2).

Against the running stack of .run/env: resets the statistics, posts N tickets (different
addresses, so none is linked as a duplicate), waits until each is routed and its SMS sent,
then prints per table the inserts, updates (HOT among them), deletes and the estimated index
entries (inserts and non-HOT updates times the table's indexes), divided by N.

    python3 bench/storage_figures.py [N=300]
"""
import json, os, random, subprocess, sys, time, urllib.request
from concurrent.futures import ThreadPoolExecutor

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
env = dict(line.split("=", 1) for line in open(os.path.join(root, ".run/env")).read().splitlines() if "=" in line)
n = int(sys.argv[1]) if len(sys.argv) > 1 else 300


def sql(query):
    return subprocess.run(["psql", "-qAtX", env["DATABASE_URL"], "-c", query], check=True, capture_output=True, text=True).stdout.strip()


def post(i):
    body = {"channel": "phone", "caller": {"name": "测试居民", "phone": "139%08d" % random.randrange(10**8)},
            "description": "金岸路东段门前路灯不亮", "location": {"address": "金岸路东段%d号门前" % random.randrange(10**7)}}
    request = urllib.request.Request(env["INTAKE_URL"] + "/v1/tickets", data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": "Bearer " + env["OPERATOR_KEY"], "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status


sql("SELECT pg_stat_reset()")
started = time.time()
with ThreadPoolExecutor(16) as pool:
    statuses = list(pool.map(post, range(n)))
while time.time() - started < 120:
    waiting = sql(f"SELECT (SELECT count(*) FROM tickets WHERE status = 'received' AND created_at >= to_timestamp({started})) + "
                  "(SELECT count(*) FROM notifications WHERE status = 'pending' AND not_before <= now())")
    if waiting == "0":
        break
    time.sleep(0.5)
# Idle sessions flush their statistics after 10 s (PostgreSQL's pgstat idle interval).
time.sleep(12)
# Partitions count under their table's name (the outbox's, and the months of notifications).
rows = sql("""
    SELECT regexp_replace(s.relname, '^(outbox)_.*$|^(notifications)_(p[0-9]{4}_[0-9]{2}|default)$', '\\1\\2'), sum(n_tup_ins), sum(n_tup_upd), sum(n_tup_hot_upd), sum(n_tup_del),
        sum((n_tup_ins + n_tup_upd - n_tup_hot_upd) * (SELECT count(*) FROM pg_index i WHERE i.indrelid = s.relid))
    FROM pg_stat_user_tables s GROUP BY 1 HAVING sum(n_tup_ins + n_tup_upd + n_tup_del) > 0 ORDER BY 1""")
print(f"{n} tickets posted ({statuses.count(201)} created), routed and notified in {time.time() - started:.1f} s; per ticket:")
print(f"  {'table':<24}{'inserts':>9}{'updates':>9}{'(HOT)':>8}{'deletes':>9}{'versions':>10}{'idx entries':>13}")
total = [0.0, 0.0]
for line in rows.splitlines():
    name, ins, upd, hot, dele, entries = line.split("|")
    ins, upd, hot, dele, entries = (float(x) / n for x in (ins, upd, hot, dele, entries))
    total[0] += ins + upd
    total[1] += entries
    print(f"  {name:<24}{ins:9.2f}{upd:9.2f}{hot:8.2f}{dele:9.2f}{ins + upd:10.2f}{entries:13.2f}")
print(f"  {'all':<24}{'':36}{total[0]:10.2f}{total[1]:13.2f}")
