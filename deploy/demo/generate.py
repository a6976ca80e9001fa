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
"""

import datetime
import json
import os
import random
import re
import sys

SEED = 20260412
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DEMO_DIR = HERE
OTHER_DIR = os.path.join(ROOT, "Tests", "Fixtures", "othercity")
INVALID_DIR = os.path.join(ROOT, "Tests", "Fixtures", "invalid")

# ---------------------------------------------------------------------------
# JSON output: pretty but compact (coordinate rings and short objects on one line)


def _compact(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _is_ring(obj):
    return (isinstance(obj, list) and obj and all(
        isinstance(p, list) and p and all(isinstance(x, (int, float)) for x in p) for p in obj))


def dumps(obj, level=0, width=110):
    pad = " " * level
    flat = _compact(obj)
    if not isinstance(obj, (dict, list)) or len(flat) + level <= width or _is_ring(obj):
        return flat
    inner = " " * (level + 1)
    if isinstance(obj, list):
        items = [inner + dumps(v, level + 1, width) for v in obj]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    items = [inner + json.dumps(k, ensure_ascii=False) + ":" + dumps(v, level + 1, width)
             for k, v in obj.items()]
    return "{\n" + ",\n".join(items) + "\n" + pad + "}"


def write_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(dumps(obj))
        f.write("\n")


# ---------------------------------------------------------------------------
# Geometry helpers (lon/lat treated as planar; fine at this scale)


def ring_area(ring):
    """Signed shoelace area of a closed ring; positive = counterclockwise."""
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        s += x1 * y2 - x2 * y1
    return s / 2.0


def close(pts):
    return [list(p) for p in pts] + [list(pts[0])]


def is_convex(ring):
    pts = ring[:-1]
    n = len(pts)
    sign = 0
    for i in range(n):
        (x1, y1), (x2, y2), (x3, y3) = pts[i], pts[(i + 1) % n], pts[(i + 2) % n]
        cr = (x2 - x1) * (y3 - y2) - (y2 - y1) * (x3 - x2)
        if abs(cr) < 1e-15:
            continue
        s = 1 if cr > 0 else -1
        if sign and s != sign:
            return False
        sign = s
    return True


def clip_convex(subject, clip):
    """Sutherland-Hodgman: intersection of two convex CCW polygons (open point lists)."""
    out = subject
    n = len(clip)
    for i in range(n):
        a, b = clip[i], clip[(i + 1) % n]

        def inside(p):
            return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) >= -1e-15

        def inter(p, q):
            x1, y1, x2, y2 = p[0], p[1], q[0], q[1]
            x3, y3, x4, y4 = a[0], a[1], b[0], b[1]
            den = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4)
            t = ((x1 - x3) * (y3 - y4) - (y1 - y3) * (x3 - x4)) / den
            return [x1 + t * (x2 - x1), y1 + t * (y2 - y1)]

        inp, out = out, []
        if not inp:
            break
        for j in range(len(inp)):
            cur, prev = inp[j], inp[j - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(inter(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(inter(prev, cur))
    return out


def convex_overlap_area(r1, r2):
    """Area of intersection of two convex rings (closed, any winding)."""
    p1 = r1[:-1] if ring_area(r1) > 0 else list(reversed(r1[:-1]))
    p2 = r2[:-1] if ring_area(r2) > 0 else list(reversed(r2[:-1]))
    poly = clip_convex(p1, p2)
    if len(poly) < 3:
        return 0.0
    return abs(ring_area(close(poly)))


def point_in_ring(x, y, ring):
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y):
            xi = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < xi:
                inside = not inside
    return inside


def polygons_of(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def point_in_geometry(x, y, geometry):
    for poly in polygons_of(geometry):
        if point_in_ring(x, y, poly[0]) and not any(point_in_ring(x, y, h) for h in poly[1:]):
            return True
    return False


def geometry_area(geometry):
    return sum(abs(ring_area(p[0])) - sum(abs(ring_area(h)) for h in p[1:])
               for p in polygons_of(geometry))


def bbox(geometry):
    xs = [pt[0] for p in polygons_of(geometry) for pt in p[0]]
    ys = [pt[1] for p in polygons_of(geometry) for pt in p[0]]
    return min(xs), min(ys), max(xs), max(ys)


def interior_point(geometry, rng=None):
    """A point well inside the geometry (first polygon), avoiding holes."""
    poly = polygons_of(geometry)[0]
    minx, miny, maxx, maxy = bbox({"type": "Polygon", "coordinates": [poly[0]]})
    candidates = []
    if rng is None:
        cx = sum(p[0] for p in poly[0][:-1]) / (len(poly[0]) - 1)
        cy = sum(p[1] for p in poly[0][:-1]) / (len(poly[0]) - 1)
        candidates = [(cx, cy), (cx, (cy + miny) / 2), ((cx + minx) / 2, cy),
                      (cx, miny + (maxy - miny) * 0.15), (minx + (maxx - minx) * 0.15, cy)]
    for _ in range(2000):
        if candidates:
            x, y = candidates.pop(0)
        else:
            r = rng or random.Random(1)
            x = r.uniform(minx, maxx)
            y = r.uniform(miny, maxy)
        x, y = round(x, 6), round(y, 6)
        if point_in_geometry(x, y, {"type": "Polygon", "coordinates": poly}):
            return x, y
    raise RuntimeError("no interior point")


# ---------------------------------------------------------------------------
# Names and phones

SURNAMES = ("王李张刘陈杨赵黄周吴徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏"
            "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏付方白邹孟熊秦邱江尹薛闫段雷侯史陶贺顾毛郝龚邵万严武戴孔汤")
GIVEN_OLD = ["桂兰", "秀英", "玉梅", "福禄", "德明", "建国", "国庆", "淑珍", "凤英", "永福", "春花", "其珍",
             "志刚", "秀兰", "玉珍", "兰英", "振华", "学文", "长生", "金花", "明山", "树林", "占魁", "玉兰",
             "满仓", "有才", "广田", "翠英", "守仁", "正德"]
GIVEN_MID = ["海燕", "志强", "丽娟", "晓东", "永红", "文华", "建军", "红梅", "卫东", "小军", "丽萍", "建平",
             "伟", "静", "敏", "军", "勇", "霞", "斌", "刚", "鹏", "艳", "娟", "涛", "磊", "芳", "亮", "峰",
             "晓燕", "海峰", "雪梅", "国栋", "永强", "春燕"]
GIVEN_YOUNG = ["梓涵", "子轩", "浩宇", "欣怡", "一诺", "宇航", "佳怡", "雨桐", "俊杰", "诗琪", "浩然", "思远",
               "若曦", "嘉怡", "子墨", "晨曦", "博文", "可馨", "天佑", "雨泽", "婷", "悦", "航", "琳", "鑫"]


class People:
    def __init__(self, rng, prefix_pool):
        self.rng = rng
        self.prefix_pool = prefix_pool
        self.phones = set()

    def name(self, birth_year=1975):
        pool = GIVEN_OLD if birth_year < 1960 else GIVEN_MID if birth_year < 1990 else GIVEN_YOUNG
        return self.rng.choice(SURNAMES) + self.rng.choice(pool)

    def phone(self, prefix=None):
        while True:
            p = prefix or self.rng.choice(self.prefix_pool)
            num = p + "".join(str(self.rng.randrange(10)) for _ in range(11 - len(p)))
            if num not in self.phones:
                self.phones.add(num)
                return num


# ---------------------------------------------------------------------------
# Calendar (China, State Council arrangement for 2026; 2027 New Year)


def date_range(a, b):
    d0 = datetime.date.fromisoformat(a)
    d1 = datetime.date.fromisoformat(b)
    out = []
    while d0 <= d1:
        out.append(d0.isoformat())
        d0 += datetime.timedelta(days=1)
    return out


def china_calendar():
    spans = [("2026-01-01", "2026-01-03"),  # 元旦
             ("2026-02-15", "2026-02-23"),  # 春节
             ("2026-04-04", "2026-04-06"),  # 清明
             ("2026-05-01", "2026-05-05"),  # 劳动节
             ("2026-06-19", "2026-06-21"),  # 端午
             ("2026-09-25", "2026-09-27"),  # 中秋
             ("2026-10-01", "2026-10-07"),  # 国庆
             ("2027-01-01", "2027-01-03")]  # 2027 元旦
    holidays = [d for a, b in spans for d in date_range(a, b)]
    # 调休: weekend days that are working days
    workdays = ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]
    return {"holidays": holidays, "workdays": workdays}


# ---------------------------------------------------------------------------
# The demo district: 河湾区 (fictional), lon 104.10-104.20, lat 36.48-36.56

DISTRICT = {"code": "620402", "name": "河湾区"}
LON0, LON1, LAT0, LAT1 = 104.10, 104.20, 36.48, 36.56
NCOLS, NROWS = 8, 6

STREETS = [  # (name, block col0, block row0, [communities], rural)
    ("滨河路街道", 0, 0, ["水川社区", "金岸社区", "柳湾社区"], False),
    ("新华路街道", 4, 0, ["新华社区", "朝阳社区", "昌盛社区"], False),
    ("金水街道", 0, 3, ["金水社区", "龙泉社区", "桃园社区"], False),
    ("双湾镇", 4, 3, ["沙井村", "营盘村", "红光村"], True),
]
# Two roads per urban community; each grid gets one road section.
ROADS = {
    "水川社区": ["滨河路", "水川路"], "金岸社区": ["金岸路", "建设路"], "柳湾社区": ["柳湾路", "团结路"],
    "新华社区": ["新华路", "人民路"], "朝阳社区": ["朝阳路", "延安路"], "昌盛社区": ["昌盛路", "和平路"],
    "金水社区": ["金水路", "上海路"], "龙泉社区": ["龙泉路", "宁远路"], "桃园社区": ["桃园路", "祁连路"],
}
ESTATE_PREFIXES = ("紫金 阳光 锦绣 康乐 幸福 丽景 和谐 翠湖 明珠 盛世 福星 东方 西城 河畔 雅居 怡景 世纪 嘉和 "
                   "鑫源 宏达 汇丰 天润 瑞祥 龙湖 枫林 碧水 云杉 银河 金鼎 泰和 安居 兴业 永安 文昌 光明 长乐 "
                   "青年 教师 矿工 铁路 同心 友谊 金桥 新城 南湖 雪山 胡杨 沙枣 丝路 驼铃 玉泉 清河 绿洲 "
                   "春华 秋实 鸿运 富民 龙首 祥和").split()
ESTATE_SUFFIXES = ["小区", "花园", "家园", "苑", "新村", "公寓", "嘉园"]
CN_NUM = "一二三四五六七八九十"


def demo_vertices(rng):
    """Shared lattice vertices; interior ones jittered so cells are irregular quadrilaterals."""
    dx = (LON1 - LON0) / NCOLS
    dy = (LAT1 - LAT0) / NROWS
    v = {}
    for i in range(NCOLS + 1):
        for j in range(NROWS + 1):
            x = LON0 + i * dx
            y = LAT0 + j * dy
            if 0 < i < NCOLS:
                x += rng.uniform(-0.12, 0.12) * dx
            if 0 < j < NROWS:
                y += rng.uniform(-0.11, 0.11) * dy
            v[(i, j)] = [round(x, 6), round(y, 6)]
    return v


def cell_ring(v, c, r):
    return close([v[(c, r)], v[(c + 1, r)], v[(c + 1, r + 1)], v[(c, r + 1)]])  # CCW


def centre_rect(ring, hx, hy, ccw):
    pts = ring[:-1]
    cx = round(sum(p[0] for p in pts) / 4, 6)
    cy = round(sum(p[1] for p in pts) / 4, 6)
    rect = [[round(cx - hx, 6), round(cy - hy, 6)], [round(cx + hx, 6), round(cy - hy, 6)],
            [round(cx + hx, 6), round(cy + hy, 6)], [round(cx - hx, 6), round(cy + hy, 6)]]
    if not ccw:
        rect.reverse()
    return close(rect)


def build_demo(rng):
    people = People(rng, ["139093"])
    v = demo_vertices(rng)
    prefixes = list(ESTATE_PREFIXES)
    rng.shuffle(prefixes)
    features = []
    split_estates = 0
    for s_idx, (s_name, c0, r0, communities, rural) in enumerate(STREETS):
        street = {"code": "%s%03d" % (DISTRICT["code"], s_idx + 1), "name": s_name}
        for k_idx, k_name in enumerate(communities):
            community = {"code": "%s%03d" % (street["code"], k_idx + 1), "name": k_name}
            if k_idx < 2:
                cells = [(0, 1), (1, 1), (0, 0), (1, 0)]
                cells = [(c0 + 2 * k_idx + a, r0 + b) for a, b in cells]
            else:
                cells = [(c0 + a, r0 + 2) for a in range(4)]
            secretary = {"name": people.name(1970), "phone": people.phone()}
            roads = ROADS.get(k_name, [])
            sections = [(roads[0], "东段"), (roads[0], "西段"), (roads[1], "南段"), (roads[1], "北段")] if roads else []
            for g_idx, (c, r) in enumerate(cells):
                code = "%s%02d" % (community["code"], g_idx + 1)
                ring = cell_ring(v, c, r)
                if rural:
                    aliases = ["%s%s组" % (k_name, CN_NUM[2 * g_idx]), "%s%s组" % (k_name, CN_NUM[2 * g_idx + 1])]
                    if g_idx == 1:
                        aliases.append(k_name + rng.choice(["移民新村", "养殖小区", "新农村安置点"]))
                else:
                    aliases = [sections[g_idx][0] + sections[g_idx][1]]
                    aliases.append(prefixes.pop() + rng.choice(ESTATE_SUFFIXES))
                    if rng.random() < 0.45:
                        aliases.append(prefixes.pop() + rng.choice(ESTATE_SUFFIXES))
                features.append({
                    "c": c, "r": r, "code": code, "name": "%s第%d网格" % (k_name, g_idx + 1),
                    "community": community, "street": street, "ring": ring, "holes": [], "extra": [],
                    "aliases": aliases, "secretary": secretary, "rural": rural,
                })
    by_code = {f["code"]: f for f in features}

    # Deliberate longest-match pair: "水川花园" (grid ...101) vs "水川花园北区" (grid ...102).
    by_code["62040200100101"]["aliases"][1:] = ["水川花园"]
    by_code["62040200100102"]["aliases"][1:] = ["水川花园北区"]

    # Estates split between neighbouring grids: building-group aliases ("紫金花园3号楼").
    for a_code, b_code in [("62040200100203", "62040200100204"), ("62040200200201", "62040200200202"),
                           ("62040200300301", "62040200300302")]:
        estate = prefixes.pop() + rng.choice(["花园", "家园", "小区"])
        by_code[a_code]["aliases"][1:] = ["%s%d号楼" % (estate, n) for n in (1, 2, 3)]
        by_code[b_code]["aliases"][1:] = ["%s%d号楼" % (estate, n) for n in (5, 6)]
        split_estates += 1

    # Polygon with a hole, the hole covered by an island grid (an enclosed works compound).
    host = by_code["62040200200101"]
    hole = centre_rect(host["ring"], 0.0022, 0.0018, ccw=False)
    host["holes"].append(hole)
    island_ring = list(reversed(hole))
    features.append({
        "c": None, "r": None, "code": "62040200200105", "name": "新华社区第5网格",
        "community": host["community"], "street": host["street"], "ring": island_ring, "holes": [],
        "extra": [], "aliases": ["有色小区", "冶炼厂家属院"], "secretary": host["secretary"], "rural": False,
    })

    # MultiPolygon: grid 62040200300102 owns an exclave that is a hole of grid 62040200300101.
    host2 = by_code["62040200300101"]
    hole2 = centre_rect(host2["ring"], 0.0016, 0.0014, ccw=False)
    host2["holes"].append(hole2)
    multi = by_code["62040200300102"]
    multi["extra"].append([list(reversed(hole2))])
    multi["aliases"].append("电力小区")

    out = []
    for f in features:
        if f["extra"]:
            geometry = {"type": "MultiPolygon", "coordinates": [[f["ring"]] + f["holes"]] + f["extra"]}
        else:
            geometry = {"type": "Polygon", "coordinates": [f["ring"]] + f["holes"]}
        out.append({
            "type": "Feature",
            "properties": {
                "code": f["code"], "name": f["name"],
                "community": f["community"], "street": f["street"], "district": DISTRICT,
                "worker": {"name": people.name(1985), "phone": people.phone()},
                "secretary": f["secretary"],
                "households": rng.randint(300, 500),
                "aliases": f["aliases"],
            },
            "geometry": geometry,
        })
    out.sort(key=lambda x: x["properties"]["code"])
    return {"type": "FeatureCollection", "name": "河湾区网格", "features": out}, people


DEMO_DEPARTMENTS = [
    ("CG", "城市管理局"), ("ZJ", "住房和城乡建设局"), ("SW", "自来水公司"), ("GD", "供电公司"),
    ("GR", "供热公司"), ("HB", "生态环境局"), ("SJ", "市场监督管理局"), ("MZ", "民政局"),
    ("YB", "医疗保障局"), ("GA", "公安分局"), ("JT", "交通运输局"), ("RS", "人力资源和社会保障局"),
    ("YJ", "应急管理局"), ("SWJ", "水务局"),
]

# code, name, keywords, handler, department, assist, urgency
DEMO_CATEGORIES = [
    ("streetlight", "路灯不亮", ["路灯", "灯不亮", "灯杆"], "department", "CG", [], "general"),
    ("sewer_blocked", "下水道堵塞", ["下水道", "下水管", "污水外溢", "污水冒", "化粪池", "马桶反水", "排污管"],
     "department", "ZJ", ["CG"], "general"),
    ("water_main", "供水管道爆裂", ["水管爆裂", "爆管", "供水管道", "自来水管", "水管破裂", "主管道漏水"],
     "department", "SW", ["CG"], "urgent"),
    ("water_supply", "停水/水质", ["停水", "没水", "水压低", "自来水发黄", "水质浑浊"], "department", "SW", [], "general"),
    ("heating", "暖气不热/漏水", ["暖气", "供暖", "暖气片", "地暖", "集中供热", "供热管"], "department", "GR", [], "general"),
    ("noise", "噪音扰民", ["噪音", "噪声", "扰民", "夜间施工", "广场舞"], "department", "HB", [], "general"),
    ("pollution", "环境污染", ["污染", "黑烟", "油烟", "刺鼻气味", "偷排"], "department", "HB", [], "general"),
    ("neighbour_dispute", "邻里纠纷", ["邻里纠纷", "邻里矛盾", "邻居吵架", "邻居纠纷", "占用楼道"],
     "community", None, [], "general"),
    ("policy_question", "政策咨询", ["政策咨询", "咨询政策", "怎么办理", "需要什么材料", "办事流程"],
     "community", None, [], "general"),
    ("air_conditioner_dispute", "空调外机纠纷", ["空调外机", "空调滴水", "空调冷凝水"], "community", None, [], "general"),
    ("wellbeing_check", "独居老人探视", ["独居老人", "联系不上", "无人应答", "探视", "老人摔倒"],
     "community", None, [], "urgent"),
    ("food_safety", "食品安全", ["食品安全", "过期食品", "食物中毒", "变质", "无证餐馆"], "department", "SJ", [], "general"),
    ("price", "价格投诉", ["乱收费", "价格欺诈", "哄抬物价", "明码标价", "多收钱"], "department", "SJ", [], "general"),
    ("wage_arrears", "拖欠工资", ["拖欠工资", "欠薪", "讨薪", "工资不发", "农民工工资"], "department", "RS", [], "general"),
    ("social_insurance", "社保养老", ["社保", "养老保险", "失业金", "退休金", "养老金"], "department", "RS", [], "general"),
    ("medical_insurance", "医疗保障", ["医保", "医疗保险", "异地就医", "门诊报销", "住院报销"], "department", "YB", [], "general"),
    ("subsistence_allowance", "低保救助", ["低保", "最低生活保障", "临时救助", "特困供养"], "department", "MZ", [], "general"),
    ("garbage", "垃圾清运", ["垃圾", "垃圾清运", "垃圾桶", "建筑垃圾", "垃圾站"], "department", "CG", [], "general"),
    ("illegal_parking", "违章停车", ["乱停车", "违章停车", "占道停车", "堵门停车", "消防通道"],
     "department", "GA", [], "general"),
    ("road_damage", "道路破损", ["路面破损", "坑洼", "路面塌陷", "路面开裂", "人行道破损"], "department", "JT", [], "general"),
    ("public_transport", "公交出行", ["公交", "班次", "站牌", "出租车拒载"], "department", "JT", [], "general"),
    ("power_outage", "停电", ["停电", "断电", "没电", "变压器", "电线断落"], "department", "GD", [], "urgent"),
    ("charging_pile", "充电桩", ["充电桩", "飞线充电", "电动车充电"], "department", "ZJ", ["GD"], "general"),
    ("property_service", "物业服务", ["物业公司", "物业费", "物业服务", "电梯故障"], "department", "ZJ", [], "general"),
    ("greening", "绿化树木", ["树木", "绿化带", "树枝", "修剪", "枯树"], "department", "CG", [], "general"),
    ("gas_leak", "燃气泄漏", ["燃气泄漏", "煤气味", "天然气泄漏", "燃气味", "液化气"], "department", "YJ", [], "emergency"),
    ("wall_collapse", "墙体倒塌", ["墙体倒塌", "墙倒了", "围墙倒塌", "房屋倒塌", "危房", "冲倒"],
     "secretary", None, [], "emergency"),
    ("flood", "积水内涝", ["积水", "内涝", "雨水倒灌", "被淹", "排水不畅"], "department", "SWJ", ["CG"], "urgent"),
]


def build_demo_catalog(rng):
    deps = []
    used = set()
    for code, name in DEMO_DEPARTMENTS:
        while True:
            phone = "0935-8%06d" % rng.randrange(10 ** 6)
            if phone not in used:
                used.add(phone)
                break
        deps.append({"code": code, "name": name, "phone": phone})
    return {
        "departments": deps,
        "categories": [category_entry(*c) for c in DEMO_CATEGORIES],
        "sla": {
            "emergency": {"respond": "PT30M", "resolve": "PT24H"},
            "urgent": {"respond": "PT2H", "resolve": "PT24H"},
            "general": {"respond": "P1D", "resolve": "P5D", "workingDays": True},
        },
        "calendar": china_calendar(),
        "escalation": {"street": 1.0, "district": 2.0},
        "households": {
            "colours": [{"colour": "red", "flags": ["alone"], "minAge": 70},
                        {"colour": "yellow", "flags": ["unemployed"]},
                        {"colour": "yellow", "flags": ["low_income"]}],
            "visitEvery": {"red": "P7D", "yellow": "P30D"},
        },
    }


def category_entry(code, name, keywords, handler, department, assist, urgency):
    e = {"code": code, "name": name, "keywords": keywords, "handler": handler}
    if department:
        e["department"] = department
        e["assist"] = assist
    e["urgency"] = urgency
    return e


# ---------------------------------------------------------------------------
# Households (一户一档)

FLAGS = ["alone", "disability", "low_income", "unemployed", "chronic"]
SHOPS = ["便利店", "超市", "面馆", "药店", "理发店", "五金店", "干洗店", "小吃部"]


def household_address(rng, alias):
    if alias.endswith("号楼"):
        return "%s%d单元%d%02d" % (alias, rng.randint(1, 4), rng.randint(1, 6), rng.randint(1, 2))
    if alias.endswith("组"):
        return "%s%d号" % (alias, rng.randint(1, 80))
    if alias.endswith("段"):
        return "%s%d号" % (alias, rng.randint(1, 260))
    return "%s%d号楼%d单元%d%02d" % (alias, rng.randint(1, 18), rng.randint(1, 4), rng.randint(1, 6), rng.randint(1, 2))


def build_households(rng, grids, people, per_grid=62):
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
    minx, miny, maxx, maxy = bbox(geom)
    while True:
        x = round(rng.uniform(minx, maxx), 6)
        y = round(rng.uniform(miny, maxy), 6)
        if point_in_geometry(x, y, geom):
            return x, y


def household_members(rng, people, commercial):
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


# ---------------------------------------------------------------------------
# The other city: a small, deliberately different jurisdiction for tests

OTHER_DISTRICT = {"code": "HZ-XH", "name": "云溪区"}
OTHER_STREETS = [{"code": "HZ-XH-S1", "name": "灵峰街道"}, {"code": "HZ-XH-S2", "name": "文澜街道"}]
# community code, name, street index, (lon0, lat0, lon1, lat1) of its area, grid column splits, aliases
OTHER_COMMUNITIES = [
    ("HZ-XH-01", "桂花社区", 0, (120.080, 30.205, 120.110, 30.230), [120.090, 120.100],
     [["桂花苑", "天目路西段"], ["梧桐里", "天目路东段"], ["翠竹公寓", "灵峰路北段", "梧桐里二期"]]),
    ("HZ-XH-02", "茶园社区", 0, (120.080, 30.180, 120.110, 30.205), [120.095],
     [["茶园新村", "龙井路南段"], ["九溪花园", "满觉陇路"]]),
    ("HZ-XH-03", "文澜社区", 1, (120.110, 30.205, 120.140, 30.230), [120.120, 120.130],
     [["文澜家园", "学院路北段"], ["书香苑", "学院路南段"], ["钱江嘉园3幢", "钱江嘉园5幢"]]),
    ("HZ-XH-04", "湖畔社区", 1, (120.110, 30.180, 120.140, 30.205), [120.125],
     [["湖畔小区", "湖墅路"], ["荷塘月色公寓", "莫干山路中段"]]),
]


def build_other(rng):
    people = People(rng, ["1375710", "1385712"])
    features = []
    for code, name, s_idx, (x0, y0, x1, y1), splits, alias_sets in OTHER_COMMUNITIES:
        sec = {"name": people.name(1972), "phone": people.phone()}
        xs = [x0] + splits + [x1]
        for g in range(len(xs) - 1):
            ring = close([[xs[g], y0], [xs[g + 1], y0], [xs[g + 1], y1], [xs[g], y1]])
            features.append({
                "type": "Feature",
                "properties": {
                    "code": "%s-%02d" % (code, g + 1), "name": "%s%d号网格" % (name, g + 1),
                    "community": {"code": code, "name": name}, "street": OTHER_STREETS[s_idx],
                    "district": OTHER_DISTRICT,
                    "worker": {"name": people.name(1988), "phone": people.phone()},
                    "secretary": sec, "households": rng.randint(300, 500), "aliases": alias_sets[g],
                },
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            })
    grids = {"type": "FeatureCollection", "name": "云溪区网格(测试)", "features": features}
    deps = [("UM", "城市管理局"), ("WATER", "水务集团"), ("POWER", "国网供电公司"), ("HOUSING", "住房保障和房产管理局"),
            ("POLICE", "公安分局"), ("ENV", "生态环境分局"), ("MARKET", "市场监管分局"), ("CIVIL", "民政局")]
    catalog = {
        "departments": [{"code": c, "name": n, "phone": "0571-8%07d" % rng.randrange(10 ** 7)} for c, n in deps],
        "categories": [category_entry(*c) for c in [
            ("lamp", "照明设施损坏", ["路灯", "照明"], "department", "UM", [], "general"),
            ("pipe_burst", "自来水管爆裂", ["爆管", "水管爆了", "自来水喷"], "department", "WATER", ["UM", "POLICE"], "urgent"),
            ("blackout", "停电", ["停电", "跳闸"], "department", "POWER", [], "urgent"),
            ("litter", "垃圾堆积", ["垃圾", "乱扔"], "department", "UM", [], "general"),
            ("din", "噪声扰民", ["噪音", "噪声", "吵闹"], "department", "ENV", [], "general"),
            ("fake_goods", "假冒伪劣", ["假货", "以次充好"], "department", "MARKET", [], "general"),
            ("welfare", "救助申请", ["低保", "救助"], "department", "CIVIL", [], "general"),
            ("leaky_roof", "房屋渗漏", ["漏雨", "渗水", "屋顶漏"], "department", "HOUSING", ["UM"], "general"),
            ("family_dispute", "家庭邻里矛盾", ["吵架", "矛盾", "纠纷"], "community", None, [], "general"),
            ("house_collapse", "房屋坍塌", ["坍塌", "倒塌", "塌了"], "secretary", None, [], "emergency"),
        ]],
        "sla": {
            "emergency": {"respond": "PT30M", "resolve": "PT2H"},
            "urgent": {"respond": "PT1H", "resolve": "PT4H"},
            "general": {"respond": "P1D", "resolve": "P3D", "workingDays": True},
        },
        "calendar": china_calendar(),
        "escalation": {"street": 1.5, "district": 3.0},
    }
    return grids, catalog


# ---------------------------------------------------------------------------
# Invalid fixture: every error below is deliberate

INVALID_ERRORS = [
    ("grids.geojson", "BAD-01-02", "geometry.coordinates[0]", "ring not closed"),
    ("grids.geojson", "BAD-01-03", "community.code", "missing"),
    ("grids.geojson", "BAD-01-01", "code", "duplicate"),
    ("catalog.json", "ghost_leak", "department", "unknown department"),
    ("catalog.json", "sla.general", "resolve", "bad duration"),
]


def build_invalid():
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


# ---------------------------------------------------------------------------
# Validation

DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")
REQUIRED = ["code", "name", "community", "street", "district", "worker", "secretary", "households", "aliases"]


def validate_grids(g, name, deliberate_substrings=()):
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
        if h not in ("community", "department", "secretary"):
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
    best = None
    for f in grids["features"]:
        for a in f["properties"]["aliases"]:
            if a in address and (best is None or len(a) > len(best[0])):
                best = (a, f["properties"]["code"])
    return best


def validate_households(hs, grids, name):
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
    for r in rules:
        for m in h["members"]:
            if set(r["flags"]) <= set(m["flags"]) and 2026 - m["birthYear"] >= r.get("minAge", 0):
                return r["colour"]
    return "green"


# ---------------------------------------------------------------------------
# Example tickets and facts (for the README, make demo and tests)


def find_grid(grids, code):
    return next(f for f in grids["features"] if f["properties"]["code"] == code)


def examples(grids, other):
    def pt(code, part=0):
        f = find_grid(grids, code)
        geom = {"type": "Polygon", "coordinates": polygons_of(f["geometry"])[part]}
        return interior_point(geom)

    def owner(alias, g=grids):
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


# ---------------------------------------------------------------------------


def main():
    rng = random.Random(SEED)
    grids, people = build_demo(rng)
    catalog = build_demo_catalog(rng)
    residents = People(rng, ["139093", "138093", "150093", "151093", "186093", "177093", "133093"])
    residents.phones |= people.phones | {"139093510%02d" % i for i in range(100)}  # staff, example callers
    households = build_households(rng, grids, residents)
    other_grids, other_catalog = build_other(random.Random(SEED + 1))
    bad_grids, bad_catalog, bad_readme = build_invalid()

    write_json(os.path.join(DEMO_DIR, "grids.geojson"), grids)
    write_json(os.path.join(DEMO_DIR, "catalog.json"), catalog)
    write_json(os.path.join(DEMO_DIR, "households.json"), households)
    write_json(os.path.join(OTHER_DIR, "grids.geojson"), other_grids)
    write_json(os.path.join(OTHER_DIR, "catalog.json"), other_catalog)
    write_json(os.path.join(INVALID_DIR, "grids.geojson"), bad_grids)
    write_json(os.path.join(INVALID_DIR, "catalog.json"), bad_catalog)
    with open(os.path.join(INVALID_DIR, "README.md"), "w", encoding="utf-8") as f:
        f.write(bad_readme)

    def load(*p):
        with open(os.path.join(*p), encoding="utf-8") as f:
            return json.load(f)

    g = load(DEMO_DIR, "grids.geojson")
    c = load(DEMO_DIR, "catalog.json")
    hs = load(DEMO_DIR, "households.json")
    og = load(OTHER_DIR, "grids.geojson")
    oc = load(OTHER_DIR, "catalog.json")
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
    # the household example of CONTRACTS.md section 8 lands where it says
    if not point_in_geometry(104.105, 36.505, find_grid(g, "62040200100101")["geometry"]):
        errs.append(("demo/grids.geojson", "62040200100101", "geometry", "(104.105, 36.505) not inside"))
    # the invalid fixture fails in exactly the intended ways
    bad = validate_grids(load(INVALID_DIR, "grids.geojson"), "grids.geojson") + \
        validate_catalog(load(INVALID_DIR, "catalog.json"), "catalog.json")
    if sorted(bad) != sorted(INVALID_ERRORS):
        errs.append(("invalid", "fixture", "errors", "got %s" % bad))
    if errs:
        for e in errs:
            print("ERROR %s: %s: %s: %s" % e, file=sys.stderr)
        sys.exit(1)

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

    if "--examples" in sys.argv:
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


if __name__ == "__main__":
    main()
