"""The other city 云溪区 (HZ-XH): a small, deliberately different jurisdiction for tests.

Other code scheme (HZ-XH-01-02), other department codes, other SLA and escalation, rectangles
instead of a jittered lattice: 2 streets, 4 communities, 10 grids. Written to
Tests/Fixtures/othercity/.
"""

from .calendar_cn import china_calendar
from .catalog import category_entry
from .geometry import close
from .people import People


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
    """The othercity grids FeatureCollection and catalog, drawn from rng."""
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
