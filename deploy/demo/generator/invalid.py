"""The invalid fixture (Tests/Fixtures/invalid/): every error in it is deliberate.

Built from an othercity draw (its own seed) and then broken in exactly the ways listed in
INVALID_ERRORS; main.py checks that validation finds those errors and no others.
"""

import json
import random

from . import SEED
from .catalog import category_entry
from .othercity import build_other


INVALID_ERRORS = [
    ("grids.geojson", "BAD-01-02", "geometry.coordinates[0]", "ring not closed"),
    ("grids.geojson", "BAD-01-03", "community.code", "missing"),
    ("grids.geojson", "BAD-01-01", "code", "duplicate"),
    ("catalog.json", "ghost_leak", "department", "unknown department"),
    ("catalog.json", "sla.general", "resolve", "bad duration"),
]


def build_invalid():
    """The invalid grids, catalog and README.md text."""
    grids, catalog = build_other(random.Random(SEED + 7))
    feats = [json.loads(json.dumps(f)) for f in grids["features"][:4]]
    for i, f in enumerate(feats):
        p = f["properties"]
        p["code"] = "BAD-01-%02d" % (i + 1)
        p["community"] = {"code": "BAD-01", "name": "坏数据社区"}
        p["aliases"] = ["坏数据%d号院" % (i + 1)]
        p["secretary"] = feats[0]["properties"]["secretary"]
    feats[1]["geometry"]["coordinates"][0].pop()  # unclosed ring
    del feats[2]["properties"]["community"]["code"]  # community without a code
    feats[3]["properties"]["code"] = "BAD-01-01"  # duplicate grid code
    grids["features"] = feats
    grids["name"] = "invalid fixture"
    catalog["categories"] = catalog["categories"][:3] + [
        category_entry("ghost_leak", "不存在的部门", ["幽灵漏水"], "department", "GHOST", [], "general")]
    catalog["sla"]["general"]["resolve"] = "P5X"
    readme = ("Deliberately invalid jurisdiction: grids.geojson has an unclosed ring (feature BAD-01-02), "
              "a missing community code (feature BAD-01-03, community.code), a duplicate grid code "
              "(BAD-01-01 twice, features 0 and 3); catalog.json has a category with an unknown department "
              "(ghost_leak -> GHOST) and a bad duration (sla.general.resolve = \"P5X\").\n")
    return grids, catalog, readme
