"""Example tickets and facts (`generate.py --examples`), for the README, `make demo` and tests.

Example POST /v1/tickets bodies for both jurisdictions, each with what a simple keyword/alias
router would do with it, and facts (points inside given grids, alias owners) to test against.
"""

import random

from .geometry import interior_point, point_in_geometry, polygons_of
from .validate import longest_alias


def find_grid(grids, code):
    """The feature with the given grid code."""
    return next(f for f in grids["features"] if f["properties"]["code"] == code)


def examples(grids, other):
    """(demo tickets, demo facts, othercity facts, othercity tickets); tickets are (what, body)."""
    def pt(code, part=0):
        """An interior point of the grid's part-th polygon."""
        f = find_grid(grids, code)
        geom = {"type": "Polygon", "coordinates": polygons_of(f["geometry"])[part]}
        return interior_point(geom)

    def owner(alias, g=grids):
        """The grid code that has alias among its aliases."""
        return next(f["properties"]["code"] for f in g["features"] if alias in f["properties"]["aliases"])

    a = {f["properties"]["code"]: f["properties"]["aliases"] for f in grids["features"]}
    island = interior_point(find_grid(grids, "62040200200105")["geometry"])
    exclave = pt("62040200300102", part=1)
    host = find_grid(grids, "62040200200101")
    host_pt = interior_point(host["geometry"], random.Random(3))
    lx, ly = pt("62040200200301")
    tickets = [
        ("streetlight -> CG", {
            "channel": "phone", "caller": {"name": "张丽娟", "phone": "13909351001"},
            "description": "%s23号门前三盏路灯不亮，晚上行人看不清路" % a["62040200100201"][0],
            "location": {"address": a["62040200100201"][0] + "23号门前"}}),
        ("sewer_blocked -> ZJ + assist CG", {
            "channel": "app", "caller": {"name": "王建军", "phone": "13909351002"},
            "description": "单元门口下水道堵塞，污水外溢漫到楼道口，进出都踩在污水里",
            "location": {"address": "水川花园北区6号楼2单元门口"}}),
        ("air_conditioner_dispute -> community", {
            "channel": "phone", "caller": {"name": "刘秀兰", "phone": "13909351003"},
            "description": "楼上住户的空调外机正对我家卧室窗户，冷凝水一直往下滴，两家为此吵了好几次",
            "location": {"address": "水川花园3号楼1单元202"}}),
        ("heating (urgency override urgent) -> GR", {
            "channel": "phone", "caller": {"name": "赵德明", "phone": "13909351004"},
            "description": "家里只有我一个八十岁老人，半夜暖气片接口漏水，地上全是水，关不住阀门",
            "urgency": "urgent",
            "location": {"address": a["62040200100203"][1] + "2单元301"}}),
        ("wall_collapse, major disaster -> secretary", {
            "channel": "grid_patrol", "caller": {"name": "网格员", "phone": "13909351005"},
            "description": "暴雨引发山洪，村口院墙被洪水冲倒，两户人家院子进水，有老人被困",
            "major": "disaster",
            "location": {"address": a["62040200400102"][0] + "12号"}}),
        ("water_main -> SW lead + CG assist (1+N)", {
            "channel": "phone", "caller": {"name": "孙海燕", "phone": "13909351006"},
            "description": "路口地下供水管道爆裂，水往外喷，路面已经冲出一个大坑，需要抢修并围挡",
            "location": {"address": a["62040200200201"][0] + "与人民路交叉口"}}),
        ("address only -> classified garbage, grid by alias", {
            "channel": "web", "caller": {"name": "陈志强", "phone": "13909351007"},
            "description": "小区垃圾站三天没人清运，味道很大",
            "location": {"address": "有色小区8号楼东侧"}}),
        ("coordinates only -> grid by point (inside the island grid / hole)", {
            "channel": "app", "caller": {"name": "周玉梅", "phone": "13909351008"},
            "description": "这里的路面塌陷了一块，晚上骑车很危险",
            "location": {"lat": island[1], "lon": island[0]}}),
        ("nobody can place -> unroutable", {
            "channel": "phone", "caller": {"name": "吴晓东", "phone": "13909351009"},
            "description": "路灯不亮好几天了，晚上出门不方便",
            "location": {"address": "城西老市场那边的路口"}}),
    ]
    facts = {
        "longest match": {"水川花园3号楼2单元401": owner("水川花园"), "水川花园北区6号楼": owner("水川花园北区")},
        "island grid 62040200200105 (hole of 62040200200101)": {"lon": island[0], "lat": island[1]},
        "point in 62040200200101 outside its hole": {"lon": host_pt[0], "lat": host_pt[1]},
        "MultiPolygon 62040200300102 exclave (hole of 62040200300101)": {"lon": exclave[0], "lat": exclave[1]},
        "point in 62040200200301": {"lon": lx, "lat": ly},
        "outside the district": {"lon": 104.25, "lat": 36.60},
    }
    o = {f["properties"]["code"]: f for f in other["features"]}
    ox, oy = interior_point(o["HZ-XH-03-03"]["geometry"])
    other_tickets = [
        ("pipe_burst -> WATER lead + UM, POLICE assist (1+2)", {
            "channel": "phone", "caller": {"name": "沈佳怡", "phone": "13757100001"},
            "description": "天目路东段路口爆管了，水漫到马路上，车辆都过不去",
            "location": {"address": "天目路东段与灵峰路交叉口"}}),
        ("family_dispute -> community", {
            "channel": "walk_in", "caller": {"name": "钱文华", "phone": "13757100002"},
            "description": "楼上楼下因为晾衣服滴水的事情吵架，矛盾越来越大",
            "location": {"address": "梧桐里二期4幢302"}}),
        ("house_collapse (secretary, emergency) by coordinates", {
            "channel": "grid_patrol", "caller": {"name": "网格员", "phone": "13757100003"},
            "description": "老旧车棚顶棚坍塌，下面可能有人",
            "location": {"lat": oy, "lon": ox}}),
    ]
    ofacts = {}
    for code in ("HZ-XH-01-01", "HZ-XH-01-03", "HZ-XH-03-02", "HZ-XH-04-02"):
        x, y = interior_point(o[code]["geometry"])
        ofacts[code] = {"lon": x, "lat": y, "aliases": o[code]["properties"]["aliases"],
                        "community": o[code]["properties"]["community"]["code"],
                        "street": o[code]["properties"]["street"]["code"]}
    return tickets, facts, ofacts, other_tickets


def simulate(body, grids, catalog):
    """What a keyword/alias router would do: longest keyword, longest alias, else the point."""
    loc = body["location"]
    cat = body.get("category")
    if not cat:
        best = ("", None)
        for c in catalog["categories"]:
            for k in c["keywords"]:
                if k in body["description"] and len(k) > len(best[0]):
                    best = (k, c["code"])
        cat = best[1]
    grid = None
    if loc.get("address"):
        m = longest_alias(loc["address"], grids)
        grid = m and m[1]
    if not grid and "lat" in loc:
        grid = next((f["properties"]["code"] for f in grids["features"]
                     if point_in_geometry(loc["lon"], loc["lat"], f["geometry"])), None)
    c = next((c for c in catalog["categories"] if c["code"] == cat), None)
    who = c and (c["handler"] + (":" + "+".join([c["department"]] + c["assist"]) if c.get("department") else ""))
    return "category=%s grid=%s handler=%s" % (cat, grid, who)
