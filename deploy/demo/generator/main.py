"""Argument handling and the run: build, write, read back, validate, summarise, examples.

One rng seeded with SEED draws, in this order, the demo grids, the demo catalog's department
phones and the households; othercity and the invalid fixture have rngs of their own (SEED + 1,
SEED + 7). Reordering any of these calls changes every file written after it.
"""

import json
import os
import random
import sys

from . import SEED
from .district import LAT0, LAT1, LON0, LON1, build_demo, build_demo_catalog
from .examples import examples, find_grid, simulate
from .geometry import geometry_area, point_in_geometry, polygons_of
from .households import build_households
from .volunteers import build_volunteers, menu_categories
from .invalid import INVALID_ERRORS, build_invalid
from .jsonout import write_json
from .othercity import build_other
from .people import People
from .validate import colour, validate_catalog, validate_grids, validate_households

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # deploy/demo
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DEMO_DIR = HERE
OTHER_DIR = os.path.join(ROOT, "Tests", "Fixtures", "othercity")
INVALID_DIR = os.path.join(ROOT, "Tests", "Fixtures", "invalid")


def generate():
    """Build all three jurisdictions (in the fixed rng order) and write their files."""
    rng = random.Random(SEED)
    grids, people = build_demo(rng)
    catalog = build_demo_catalog(rng)
    residents = People(rng, ["139093", "138093", "150093", "151093", "186093", "177093", "133093"])
    residents.phones |= people.phones | {"139093510%02d" % i for i in range(100)}  # staff, example callers
    households = build_households(rng, grids, residents)
    # Their own rng, so that the files above stay as they were before the menu existed.
    volunteers = build_volunteers(random.Random(SEED + 7), grids, residents, households)
    catalog["categories"] += menu_categories()
    other_grids, other_catalog = build_other(random.Random(SEED + 1))
    bad_grids, bad_catalog, bad_readme = build_invalid()

    write_json(os.path.join(DEMO_DIR, "grids.geojson"), grids)
    write_json(os.path.join(DEMO_DIR, "catalog.json"), catalog)
    write_json(os.path.join(DEMO_DIR, "households.json"), households)
    write_json(os.path.join(DEMO_DIR, "volunteers.json"), volunteers)
    write_json(os.path.join(OTHER_DIR, "grids.geojson"), other_grids)
    write_json(os.path.join(OTHER_DIR, "catalog.json"), other_catalog)
    write_json(os.path.join(INVALID_DIR, "grids.geojson"), bad_grids)
    write_json(os.path.join(INVALID_DIR, "catalog.json"), bad_catalog)
    with open(os.path.join(INVALID_DIR, "README.md"), "w", encoding="utf-8") as f:
        f.write(bad_readme)


def load(*p):
    """Read back a JSON file that was written (the checks see what is on disk)."""
    with open(os.path.join(*p), encoding="utf-8") as f:
        return json.load(f)


def check(g, c, hs, og, oc):
    """All errors in the files read back, and the errors found in the invalid fixture."""
    errs = []
    errs += validate_grids(g, "demo/grids.geojson", deliberate_substrings={("水川花园", "水川花园北区")})
    errs += validate_catalog(c, "demo/catalog.json")
    errs += validate_households(hs, g, "demo/households.json")
    errs += validate_grids(og, "othercity/grids.geojson", deliberate_substrings={("梧桐里", "梧桐里二期")})
    errs += validate_catalog(oc, "othercity/catalog.json")
    # coverage: the demo grids tile the district rectangle exactly
    total = sum(geometry_area(f["geometry"]) for f in g["features"])
    if abs(total - (LON1 - LON0) * (LAT1 - LAT0)) > 1e-9:
        errs.append(("demo/grids.geojson", "coverage", "area", "%.9f != district" % total))
    kinds = {f["geometry"]["type"] for f in g["features"]}
    if kinds != {"Polygon", "MultiPolygon"}:
        errs.append(("demo/grids.geojson", "geometry", "type", "want both Polygon and MultiPolygon"))
    # the household example of docs/interfaces.md ("Households file") lands where it says
    if not point_in_geometry(104.105, 36.505, find_grid(g, "62040200100101")["geometry"]):
        errs.append(("demo/grids.geojson", "62040200100101", "geometry", "(104.105, 36.505) not inside"))
    # the invalid fixture fails in exactly the intended ways
    bad = validate_grids(load(INVALID_DIR, "grids.geojson"), "grids.geojson") + \
        validate_catalog(load(INVALID_DIR, "catalog.json"), "catalog.json")
    if sorted(bad) != sorted(INVALID_ERRORS):
        errs.append(("invalid", "fixture", "errors", "got %s" % bad))
    return errs, bad


def summarise(g, c, hs, og, oc, bad):
    """Print the counts of what was written (stdout), ending with "all checks passed"."""
    feats = g["features"]
    cols = {}
    for h in hs:
        gm = h.get("grid") or next(f["properties"]["code"] for f in feats
                                  if point_in_geometry(h["lon"], h["lat"], f["geometry"]))
        cols[colour(h, c["households"]["colours"])] = cols.get(colour(h, c["households"]["colours"]), 0) + 1
    print("demo: %d streets, %d communities, %d grids (%d MultiPolygon, %d with holes), %d aliases, "
          "%d households registered (sum of grid households %d)" % (
              len({f["properties"]["street"]["code"] for f in feats}),
              len({f["properties"]["community"]["code"] for f in feats}), len(feats),
              sum(f["geometry"]["type"] == "MultiPolygon" for f in feats),
              sum(any(len(p) > 1 for p in polygons_of(f["geometry"])) for f in feats),
              sum(len(f["properties"]["aliases"]) for f in feats), len(hs),
              sum(f["properties"]["households"] for f in feats)))
    print("demo catalog: %d departments, %d categories; households.json: %d entries "
          "(%d without grid, %d without lat/lon, %d commercial, %d checkin), colours %s" % (
              len(c["departments"]), len(c["categories"]), len(hs), sum("grid" not in h for h in hs),
              sum("lat" not in h for h in hs), sum(h["kind"] == "commercial" for h in hs),
              sum(h["checkin"] for h in hs), cols))
    print("othercity: %d streets, %d communities, %d grids, %d departments, %d categories" % (
        len({f["properties"]["street"]["code"] for f in og["features"]}),
        len({f["properties"]["community"]["code"] for f in og["features"]}), len(og["features"]),
        len(oc["departments"]), len(oc["categories"])))
    print("invalid fixture: %d deliberate errors detected" % len(bad))
    print("all checks passed")


def print_examples(g, c, hs, og, oc):
    """Print the example ticket bodies (with their simulated routing) and the facts (--examples)."""
    tickets, facts, ofacts, otickets = examples(g, og)
    print("\n# Example POST /v1/tickets bodies (demo jurisdiction)")
    for what, body in tickets:
        print("## %s   [simulated: %s]" % (what, simulate(body, g, c)))
        print(json.dumps(body, ensure_ascii=False))
    print("\n# Example POST /v1/tickets bodies (othercity fixture)")
    for what, body in otickets:
        print("## %s   [simulated: %s]" % (what, simulate(body, og, oc)))
        print(json.dumps(body, ensure_ascii=False))
    rules = c["households"]["colours"]
    red = next(h for h in hs if colour(h, rules) == "red" and h.get("grid") and h["checkin"])
    facts["red household (checkin, call from member phone -> household_alert)"] = {
        "code": red["code"], "grid": red["grid"], "address": red["address"],
        "memberPhone": red["members"][0]["phone"], "watcher": red["watcher"]}
    print("\n# Facts (demo)")
    print(json.dumps(facts, ensure_ascii=False, indent=1))
    print("\n# Facts (othercity)")
    print(json.dumps(ofacts, ensure_ascii=False, indent=1))


def main(argv=None):
    """generate.py [--examples]: write, validate (errors to stderr, exit 1), summarise."""
    argv = sys.argv[1:] if argv is None else argv
    generate()

    g = load(DEMO_DIR, "grids.geojson")
    c = load(DEMO_DIR, "catalog.json")
    hs = load(DEMO_DIR, "households.json")
    og = load(OTHER_DIR, "grids.geojson")
    oc = load(OTHER_DIR, "catalog.json")
    errs, bad = check(g, c, hs, og, oc)
    if errs:
        for e in errs:
            print("ERROR %s: %s: %s: %s" % e, file=sys.stderr)
        sys.exit(1)

    summarise(g, c, hs, og, oc, bad)
    if "--examples" in argv:
        print_examples(g, c, hs, og, oc)
