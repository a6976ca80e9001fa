#!/usr/bin/env python3
"""Generate the demo jurisdiction and the test fixtures (CONTRACTS.md sections 3 and 8).

Writes, deterministically (fixed seed, stdlib only):

  deploy/demo/grids.geojson, deploy/demo/catalog.json, deploy/demo/households.json
      the demo district 河湾区 (620402): 4 streets, 12 communities, 49 grids
  Tests/Fixtures/othercity/grids.geojson, catalog.json
      a small, deliberately different jurisdiction (other code scheme, codes, SLA)
  Tests/Fixtures/invalid/grids.geojson, catalog.json, README.md
      files with known validation errors

and validates everything it wrote (rings closed, RFC 7946 winding, no overlaps,
aliases, catalog references, durations, calendar, households).

Usage:  python3 deploy/demo/generate.py [--examples]
        --examples also prints example POST /v1/tickets bodies and facts.

This file is only the entry point; the code is the package deploy/demo/generator/:

  __init__.py     SEED, the one seed everything is drawn from
  main.py         argument handling and the run: build in the fixed rng order, write,
                  read back, validate, print the summary (and the examples)
  jsonout.py      the compact JSON writer (one ring, one short object per line)
  geometry.py     rings, winding, point in polygon, convex clipping (overlap check)
  people.py       names by generation, unique mobile numbers
  calendar_cn.py  China's public holidays and 调休 working weekends (2026, 2027 New Year)
  catalog.py      category_entry, shared by the catalogs
  district.py     the demo district: lattice, grids, aliases, hole/island, exclave; its catalog
  households.py   the households register (一户一档) of the demo district
  othercity.py    the othercity fixture (its grids and catalog)
  invalid.py      the invalid fixture and the errors it must produce (INVALID_ERRORS)
  validate.py     validation of grids, catalogs and households
  examples.py     --examples: example tickets, simulated routing, facts to test against
"""

import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ left in deploy/demo/generator/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from generator.main import main  # noqa: E402

if __name__ == "__main__":
    main()
