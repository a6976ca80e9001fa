"""Households (一户一档): the demo district's register, deploy/demo/households.json.

62 per grid, placed by grid and point, by grid only or by point only; residential or
commercial (shops on road sections); members with birth years and flags (alone, chronic, ...)
from which the catalog's colour rules derive red/yellow/green; some with a daily check-in and
a watcher.
"""

from .geometry import bbox, point_in_geometry


FLAGS = ["alone", "disability", "low_income", "unemployed", "chronic"]
SHOPS = ["便利店", "超市", "面馆", "药店", "理发店", "五金店", "干洗店", "小吃部"]


def household_address(rng, alias):
    """A street address under the alias: building/unit/flat, village number or road number."""
    if alias.endswith("号楼"):
        return "%s%d单元%d%02d" % (alias, rng.randint(1, 4), rng.randint(1, 6), rng.randint(1, 2))
    if alias.endswith("组"):
        return "%s%d号" % (alias, rng.randint(1, 80))
    if alias.endswith("段"):
        return "%s%d号" % (alias, rng.randint(1, 260))
    return "%s%d号楼%d单元%d%02d" % (alias, rng.randint(1, 18), rng.randint(1, 4), rng.randint(1, 6), rng.randint(1, 2))


def build_households(rng, grids, people, per_grid=62):
    """per_grid households for every grid, in grid order, codes H-00001 onwards."""
    out = []
    n = 0
    for feat in grids["features"]:
        p = feat["properties"]
        geom = feat["geometry"]
        for _ in range(per_grid):
            n += 1
            code = "H-%05d" % n
            alias = rng.choice(p["aliases"])
            commercial = alias.endswith("段") and rng.random() < 0.25
            if commercial:
                address = "%s%d号%s" % (alias, rng.randint(1, 260), rng.choice(SHOPS))
            else:
                address = household_address(rng, alias)
            x, y = random_point(rng, geom)
            h = {"code": code, "address": address}
            mode = rng.random()
            if mode < 0.80:
                h.update({"grid": p["code"], "lat": y, "lon": x})
            elif mode < 0.90:
                h["grid"] = p["code"]
            else:
                h.update({"lat": y, "lon": x})  # placed by coordinates only
            h["kind"] = "commercial" if commercial else "residential"
            members, checkin = household_members(rng, people, commercial)
            h["checkin"] = checkin
            if checkin:
                h["watcher"] = {"name": people.name(1975), "phone": people.phone()}
            h["members"] = members
            out.append(h)
    return out


def random_point(rng, geom):
    """A uniformly drawn point (6 decimals) inside the geometry."""
    minx, miny, maxx, maxy = bbox(geom)
    while True:
        x = round(rng.uniform(minx, maxx), 6)
        y = round(rng.uniform(miny, maxy), 6)
        if point_in_geometry(x, y, geom):
            return x, y


def household_members(rng, people, commercial):
    """The members of one household and whether it checks in daily."""
    if commercial:
        y = rng.randint(1965, 1995)
        return [{"name": people.name(y), "phone": people.phone(), "birthYear": y, "flags": []}], False
    shape = rng.random()
    if shape < 0.12:  # an elderly person living alone
        y = rng.randint(1930, 1960)
        flags = ["alone"]
        if rng.random() < 0.45:
            flags.append("chronic")
        if rng.random() < 0.12:
            flags.append("disability")
        if rng.random() < 0.15:
            flags.append("low_income")
        m = [{"name": people.name(y), "phone": people.phone(), "birthYear": y, "flags": flags}]
        return m, (2026 - y >= 70 and rng.random() < 0.75)
    if shape < 0.30:  # elderly couple
        ys = [rng.randint(1935, 1962) for _ in range(2)]
    elif shape < 0.85:  # family
        a = rng.randint(1965, 1995)
        ys = [a, a + rng.randint(-3, 3)] + [a + rng.randint(22, 32) for _ in range(rng.randint(0, 2))]
        if rng.random() < 0.3:
            ys.append(a - rng.randint(24, 32))
        ys = [min(y, 2025) for y in ys]
    else:  # single adult
        ys = [rng.randint(1970, 2003)]
    members = []
    for y in ys:
        age = 2026 - y
        flags = []
        if 18 <= age < 60 and rng.random() < 0.05:
            flags.append("unemployed")
        if age >= 55 and rng.random() < 0.22:
            flags.append("chronic")
        if rng.random() < 0.025:
            flags.append("disability")
        m = {"name": people.name(y)}
        if age >= 16:
            m["phone"] = people.phone()
        m["birthYear"] = y
        m["flags"] = flags
        members.append(m)
    if rng.random() < 0.05:
        members[0]["flags"].append("low_income")
    elderly = all(2026 - m["birthYear"] >= 75 for m in members)
    return members, elderly and rng.random() < 0.4
