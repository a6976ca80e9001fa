"""The demo jurisdiction and test fixtures generator; run it with deploy/demo/generate.py.

Modules, one concern each (see generate.py's docstring for what is written where):
jsonout, geometry, people, calendar_cn, catalog, district, households, othercity, invalid,
validate, examples, main.
"""

SEED = 20260412  # the one seed: demo rng SEED, othercity SEED + 1, invalid fixture SEED + 7
