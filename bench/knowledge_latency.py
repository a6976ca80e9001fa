#!/usr/bin/env python3
"""Knowledge search latency at N articles (docs/knowledge.md, "Latency").

Fills the knowledge base of the running stack (`make up`; reads .run/env) up to N articles with
generated ones (the demo district's articles recombined: other titles, bodies, keywords, owners,
so that the bigram index has a realistic spread), imports them with `intake import-knowledge`,
then asks every judged question (Tests/Fixtures/knowledge/questions.json) ROUNDS times over one
keep-alive connection and prints p50/p99 of `GET /v1/knowledge/search` as the client sees it.

    python3 bench/knowledge_latency.py 1000 && python3 bench/knowledge_latency.py 10000

The generated articles have the slug prefix `gen-`; `--clean` deletes them afterwards.
"""
import json
import os
import pathlib
import random
import subprocess
import sys
import tempfile
import time
import urllib.parse
from http.client import HTTPConnection

ROOT = pathlib.Path(__file__).resolve().parents[1]
ENV = dict(line.split("=", 1) for line in (ROOT / ".run" / "env").read_text().splitlines() if "=" in line)
ROUNDS = int(os.environ.get("ROUNDS", "5"))


def psql(sql):
    return subprocess.run(["psql", ENV["DATABASE_URL"], "-At", "-c", sql], check=True, capture_output=True, text=True).stdout.strip()


def intake(*args):
    binary = pathlib.Path(os.environ.get("BIN_DIR", ROOT / ".build" / "debug")) / "intake"
    subprocess.run([str(binary), *args], check=True, env=dict(os.environ, DATABASE_URL=ENV["DATABASE_URL"]), stdout=subprocess.DEVNULL)


def read_demo():
    articles = []
    for path in sorted((ROOT / "deploy" / "demo" / "knowledge").glob("*.md")):
        _, front, body = path.read_text().split("---\n", 2)
        fields = dict(line.split(": ", 1) for line in front.strip().splitlines())
        articles.append((fields, body))
    return articles


def fill(target):
    intake("import-knowledge", str(ROOT / "deploy" / "demo" / "knowledge"))
    have = int(psql("SELECT count(*) FROM knowledge_articles WHERE deleted_at IS NULL"))
    if have >= target:
        return have
    demo = read_demo()
    places = ["金岸路", "新华路", "滨河路", "金水街道", "双湾镇", "营盘村", "水川花园", "河湾小区", "北京路", "建设路"]
    rng = random.Random(target)
    with tempfile.TemporaryDirectory() as folder:
        for i in range(target - have):
            fields, body = rng.choice(demo)
            _, other = rng.choice(demo)
            place = rng.choice(places)
            title = f"{place}{fields['title']}（{i}）"
            paragraphs = body.strip().split("\n\n") + other.strip().split("\n\n")
            rng.shuffle(paragraphs)
            lines = ["---", f"title: {title[:100]}", f"categories: {fields['categories']}", f"keywords: {fields['keywords']}"]
            if "department" in fields:
                lines.append(f"department: {fields['department']}")
            lines += ["---", f"{place}：" + "\n\n".join(paragraphs[:4])]
            pathlib.Path(folder, f"gen-{target}-{i:05d}.md").write_text("\n".join(lines) + "\n")
        started = time.monotonic()
        intake("import-knowledge", folder)
        print(f"imported {target - have} generated articles in {time.monotonic() - started:.1f} s")
    return int(psql("SELECT count(*) FROM knowledge_articles WHERE deleted_at IS NULL"))


def measure():
    questions = [item["q"] for item in json.loads((ROOT / "Tests" / "Fixtures" / "knowledge" / "questions.json").read_text())]
    url = urllib.parse.urlparse(ENV["INTAKE_URL"])
    connection = HTTPConnection(url.hostname, url.port)
    headers = {"Authorization": f"Bearer {ENV['OPERATOR_KEY']}"}
    timings = []
    for round_ in range(ROUNDS + 1):
        for q in questions:
            started = time.perf_counter()
            connection.request("GET", "/v1/knowledge/search?" + urllib.parse.urlencode({"q": q, "limit": 3}), headers=headers)
            response = connection.getresponse()
            response.read()
            assert response.status == 200, response.status
            if round_ > 0:  # the first round warms caches (the rarity statistics after an import)
                timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return timings[len(timings) // 2], timings[int(len(timings) * 0.99)], len(timings)


def main():
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    count = fill(target)
    p50, p99, n = measure()
    print(json.dumps({"articles": count, "queries": n, "p50_ms": round(p50, 2), "p99_ms": round(p99, 2)}))
    if "--clean" in sys.argv:
        psql("UPDATE knowledge_articles SET deleted_at = now(), deleted_by = 'bench' WHERE slug LIKE 'gen-%' AND deleted_at IS NULL")


if __name__ == "__main__":
    main()
