"""The demo district 河湾区 (620402, fictional): its grids and its catalog.

The district rectangle (lon 104.10-104.20, lat 36.48-36.56) is an 8 x 6 lattice of jittered
quadrilaterals: 4 streets of 3 communities, 4 grids per community (48), plus an island grid
inside another grid's hole (49); one grid is a MultiPolygon whose exclave fills a hole of its
neighbour. Aliases are road sections, estates and village groups, with a deliberate
longest-match pair and estates split between neighbouring grids.
"""

from .calendar_cn import china_calendar
from .catalog import category_entry
from .geometry import close
from .people import People


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
    """The CCW ring of lattice cell (c, r)."""
    return close([v[(c, r)], v[(c + 1, r)], v[(c + 1, r + 1)], v[(c, r + 1)]])  # CCW


def centre_rect(ring, hx, hy, ccw):
    """A closed 2hx x 2hy rectangle about the ring's vertex centroid (CW unless ccw)."""
    pts = ring[:-1]
    cx = round(sum(p[0] for p in pts) / 4, 6)
    cy = round(sum(p[1] for p in pts) / 4, 6)
    rect = [[round(cx - hx, 6), round(cy - hy, 6)], [round(cx + hx, 6), round(cy - hy, 6)],
            [round(cx + hx, 6), round(cy + hy, 6)], [round(cx - hx, 6), round(cy + hy, 6)]]
    if not ccw:
        rect.reverse()
    return close(rect)


def build_demo(rng):
    """The demo grids FeatureCollection (sorted by code) and the People used for staff."""
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


# Words callers and knowledge articles use for the same thing (knowledge search).
SYNONYMS = [["医保", "医疗保险", "医疗保障"], ["社保", "社会保险"], ["公积金", "住房公积金"], ["低保", "最低生活保障"], ["暖气", "供暖", "采暖", "供热"], ["电动车", "电动自行车", "电瓶车"], ["身份证", "居民身份证"], ["房产证", "不动产权证书", "不动产证"], ["老年卡", "敬老卡"], ["狗", "犬"], ["工资", "薪水", "工钱"], ["小孩", "孩子", "儿童", "宝宝", "婴幼儿"], ["拖欠", "欠薪", "不给钱"]]

# Categories whose resolve needs a photo by the resolving party first (回执照片).
PHOTO_CATEGORIES = {"air_conditioner_dispute"}


def build_demo_catalog(rng):
    """The demo catalog: departments (drawn phones), categories, SLA, calendar, escalation, colours."""
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
        "categories": [dict(category_entry(*c), **({"resolvePhoto": True} if c[0] in PHOTO_CATEGORIES else {}))
                       for c in DEMO_CATEGORIES],
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
        "synonyms": SYNONYMS,
    }
