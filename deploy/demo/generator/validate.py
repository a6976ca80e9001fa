"""Validation of everything written: grids, catalogs, households.

Grids: required properties, phones, duplicate codes, ring closure, RFC 7946 winding, holes
inside their exterior, aliases unique and not inside one another (but for deliberate pairs),
no overlaps. Catalogs: departments, handlers, keywords, durations, calendar, escalation,
household colour rules. Households: codes, placement, alias match, members.
Each error is a tuple (file, item, field, message).
"""

import datetime
import json
import re

from .geometry import (bbox, convex_overlap_area, is_convex, point_in_geometry, point_in_ring,
                       polygons_of, ring_area)
from .households import FLAGS


DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")
REQUIRED = ["code", "name", "community", "street", "district", "worker", "secretary", "households", "aliases"]


def validate_grids(g, name, deliberate_substrings=()):
    """Errors in a grids FeatureCollection; deliberate_substrings: alias pairs (a inside b) allowed."""
    errs = []
    codes = {}
    secretaries = {}
    community_names = {}
    for i, f in enumerate(g.get("features", [])):
        p = f.get("properties", {})
        fid = p.get("code", "#%d" % i)
        for k in REQUIRED:
            if k not in p:
                errs.append((name, fid, k, "missing"))
        for k in ("community", "street", "district"):
            for sub in ("code", "name"):
                if k in p and not p[k].get(sub):
                    errs.append((name, fid, "%s.%s" % (k, sub), "missing"))
        for k in ("worker", "secretary"):
            if k in p and not re.fullmatch(r"1\d{10}", p[k].get("phone", "")):
                errs.append((name, fid, k + ".phone", "bad phone"))
        if "code" in p:
            if p["code"] in codes:
                errs.append((name, fid, "code", "duplicate"))
            codes[p["code"]] = f
        if not isinstance(p.get("households"), int) or not 300 <= p["households"] <= 500:
            errs.append((name, fid, "households", "not 300-500"))
        if not 1 <= len(p.get("aliases", [])) <= 4:
            errs.append((name, fid, "aliases", "need 1-4"))
        cc = p.get("community", {}).get("code")
        if cc:
            sec = json.dumps(p.get("secretary"), ensure_ascii=False)
            if secretaries.setdefault(cc, sec) != sec:
                errs.append((name, fid, "secretary", "differs within community"))
            cn = p["community"].get("name")
            if community_names.setdefault(cc, cn) != cn:
                errs.append((name, fid, "community.name", "differs within community"))
        geom = f.get("geometry", {})
        if geom.get("type") not in ("Polygon", "MultiPolygon"):
            errs.append((name, fid, "geometry.type", "not Polygon/MultiPolygon"))
            continue
        for pi, poly in enumerate(polygons_of(geom)):
            for ri, ring in enumerate(poly):
                where = "geometry.coordinates[%d]" % ri if geom["type"] == "Polygon" \
                    else "geometry.coordinates[%d][%d]" % (pi, ri)
                if len(ring) < 4 or ring[0] != ring[-1]:
                    errs.append((name, fid, where, "ring not closed"))
                    continue
                a = ring_area(ring)
                if ri == 0 and a <= 0:
                    errs.append((name, fid, where, "exterior ring not counterclockwise"))
                if ri > 0 and a >= 0:
                    errs.append((name, fid, where, "hole not clockwise"))
                if ri > 0 and not all(point_in_ring(x, y, poly[0]) for x, y in ring[:-1]):
                    errs.append((name, fid, where, "hole outside exterior"))
    if errs:
        return errs
    # aliases: unique, and no alias inside another grid's alias except the deliberate pairs
    owner = {}
    for f in g["features"]:
        for a in f["properties"]["aliases"]:
            if a in owner:
                errs.append((name, f["properties"]["code"], "aliases", "duplicate alias %s" % a))
            owner[a] = f["properties"]["code"]
    found_pairs = set()
    for a, ga in owner.items():
        for b, gb in owner.items():
            if a != b and a in b and ga != gb:
                found_pairs.add((a, b))
    if found_pairs != set(deliberate_substrings):
        errs.append((name, "aliases", "aliases", "substring pairs %s != deliberate %s"
                     % (sorted(found_pairs), sorted(deliberate_substrings))))
    # no overlaps: exact, by convex clipping with inclusion-exclusion over holes
    feats = g["features"]
    for ring in (r for f in feats for poly in polygons_of(f["geometry"]) for r in poly):
        if not is_convex(ring):
            errs.append((name, "geometry", "ring", "non-convex ring; overlap check needs convex rings"))
            return errs
    boxes = [bbox(f["geometry"]) for f in feats]
    for i in range(len(feats)):
        for j in range(i + 1, len(feats)):
            a, b = boxes[i], boxes[j]
            if a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]:
                continue
            ov = 0.0
            for pa in polygons_of(feats[i]["geometry"]):
                for pb in polygons_of(feats[j]["geometry"]):
                    ov += convex_overlap_area(pa[0], pb[0])
                    ov -= sum(convex_overlap_area(h, pb[0]) for h in pa[1:])
                    ov -= sum(convex_overlap_area(pa[0], k) for k in pb[1:])
                    ov += sum(convex_overlap_area(h, k) for h in pa[1:] for k in pb[1:])
            if ov > 1e-11:
                errs.append((name, feats[i]["properties"]["code"], "geometry",
                             "overlaps %s (%.3g deg2)" % (feats[j]["properties"]["code"], ov)))
    return errs


def validate_catalog(c, name):
    """Errors in a catalog."""
    errs = []
    deps = set()
    for d in c.get("departments", []):
        if d.get("code") in deps:
            errs.append((name, d.get("code"), "code", "duplicate"))
        deps.add(d.get("code"))
        if not d.get("name") or not d.get("phone"):
            errs.append((name, d.get("code"), "name/phone", "missing"))
    seen = set()
    keyword_owner = {}
    for cat in c.get("categories", []):
        cid = cat.get("code")
        if cid in seen:
            errs.append((name, cid, "code", "duplicate"))
        seen.add(cid)
        h = cat.get("handler")
        if h not in ("community", "department", "secretary", "volunteer"):
            errs.append((name, cid, "handler", "invalid"))
        if h == "department" and cat.get("department") not in deps:
            errs.append((name, cid, "department", "unknown department"))
        for a in cat.get("assist", []):
            if a not in deps or a == cat.get("department"):
                errs.append((name, cid, "assist", "unknown or lead department %s" % a))
        if cat.get("urgency") not in ("emergency", "urgent", "general"):
            errs.append((name, cid, "urgency", "invalid"))
        if not cat.get("keywords"):
            errs.append((name, cid, "keywords", "empty"))
        for k in cat.get("keywords", []):
            if k in keyword_owner:
                errs.append((name, cid, "keywords", "keyword %s also in %s" % (k, keyword_owner[k])))
            keyword_owner[k] = cid
    for k1, c1 in keyword_owner.items():
        for k2, c2 in keyword_owner.items():
            if k1 != k2 and c1 != c2 and k1 in k2:
                errs.append((name, c1, "keywords", "keyword %s inside %s of %s" % (k1, k2, c2)))
    for level in ("emergency", "urgent", "general"):
        s = c.get("sla", {}).get(level)
        if not s:
            errs.append((name, "sla", level, "missing"))
            continue
        for k in ("respond", "resolve"):
            if not DURATION.match(str(s.get(k, ""))):
                errs.append((name, "sla." + level, k, "bad duration"))
    cal = c.get("calendar", {})
    for d in cal.get("workdays", []):
        if datetime.date.fromisoformat(d).weekday() < 5:
            errs.append((name, "calendar", "workdays", "%s is not a weekend day" % d))
    if set(cal.get("workdays", [])) & set(cal.get("holidays", [])):
        errs.append((name, "calendar", "workdays", "also a holiday"))
    for d in cal.get("holidays", []):
        datetime.date.fromisoformat(d)
    esc = c.get("escalation", {})
    if not 0 < esc.get("street", 0) < esc.get("district", 0):
        errs.append((name, "escalation", "street/district", "must be 0 < street < district"))
    hh = c.get("households")
    if hh:
        for r in hh.get("colours", []):
            if not set(r.get("flags", [])) <= set(FLAGS):
                errs.append((name, "households.colours", "flags", "unknown flag"))
        for k, v in hh.get("visitEvery", {}).items():
            if not DURATION.match(v):
                errs.append((name, "households.visitEvery", k, "bad duration"))
    return errs


def longest_alias(address, grids):
    """(alias, grid code) of the longest alias contained in address, or None."""
    best = None
    for f in grids["features"]:
        for a in f["properties"]["aliases"]:
            if a in address and (best is None or len(a) > len(best[0])):
                best = (a, f["properties"]["code"])
    return best


def validate_households(hs, grids, name):
    """Errors in a households list against its grids."""
    errs = []
    geo = {f["properties"]["code"]: f["geometry"] for f in grids["features"]}
    codes = set()
    for h in hs:
        hid = h["code"]
        if hid in codes:
            errs.append((name, hid, "code", "duplicate"))
        codes.add(hid)
        if h["kind"] not in ("residential", "commercial"):
            errs.append((name, hid, "kind", "invalid"))
        if "grid" not in h and "lat" not in h:
            errs.append((name, hid, "grid", "neither grid nor lat/lon"))
        if "lat" in h:
            hits = [c for c, gm in geo.items() if point_in_geometry(h["lon"], h["lat"], gm)]
            if len(hits) != 1 or ("grid" in h and hits[0] != h["grid"]):
                errs.append((name, hid, "lat/lon", "in grids %s" % hits))
            grid = hits[0] if hits else None
        else:
            grid = h["grid"]
            if grid not in geo:
                errs.append((name, hid, "grid", "unknown"))
        m = longest_alias(h["address"], grids)
        if not m or m[1] != grid:
            errs.append((name, hid, "address", "alias match %s, grid %s" % (m, grid)))
        if h["checkin"] and "watcher" not in h:
            errs.append((name, hid, "watcher", "checkin without watcher"))
        for i, mem in enumerate(h["members"]):
            if not set(mem["flags"]) <= set(FLAGS):
                errs.append((name, hid, "members[%d].flags" % i, "unknown flag"))
            if not 1900 < mem["birthYear"] <= 2026:
                errs.append((name, hid, "members[%d].birthYear" % i, "out of range"))
    return errs


def colour(h, rules):
    """The household's colour: the first rule some member matches (flags and minAge), else green."""
    for r in rules:
        for m in h["members"]:
            if set(r["flags"]) <= set(m["flags"]) and 2026 - m["birthYear"] >= r.get("minAge", 0):
                return r["colour"]
    return "green"
