"""The demo district's service menu (群众点单) and its volunteers (志愿者)."""

# code, name, keywords, points: the communities' service menu, handled by volunteers.
MENU = [
    ("meal_help", "养老助餐", ["助餐", "送餐上门", "老年餐", "送饭"], 2),
    ("day_care", "日间照料", ["日间照料", "陪护老人", "照看老人", "陪老人"], 3),
    ("holiday_care", "假期托管", ["假期托管", "寒假托管", "暑假托管", "看孩子"], 3),
    ("interest_class", "兴趣课堂", ["兴趣课堂", "书法课", "剪纸课", "舞蹈课"], 2),
    ("grocery_delivery", "送菜上门", ["送菜上门", "代买菜", "买菜难"], 1),
]

SKILL_SETS = [
    ["meal_help", "grocery_delivery"], ["day_care", "meal_help"], ["holiday_care", "interest_class"],
    ["interest_class"], ["grocery_delivery"], ["day_care"], ["meal_help", "day_care", "grocery_delivery"],
]


def menu_categories():
    """The volunteer categories of the demo catalog."""
    return [{"code": c, "name": n, "keywords": k, "handler": "volunteer", "urgency": "general", "points": p}
            for c, n, k, p in MENU]


def build_volunteers(rng, grids, people, households, per_community=4):
    """A few volunteers per community (48 for 12), each with one to three skills, some on
    weekdays only; each red (alone, 70+) household of the first grids gets an observer of its
    community."""
    communities = []
    for f in grids["features"]:
        c = f["properties"]["community"]["code"]
        if c not in communities:
            communities.append(c)
    volunteers = []
    n = 0
    by_community = {}
    for c in communities:
        for _ in range(per_community):
            n += 1
            entry = {"code": "V-%03d" % n, "name": people.name(rng.choice([1958, 1972, 1985, 1996])),
                     "phone": people.phone(), "community": c, "skills": list(rng.choice(SKILL_SETS))}
            if rng.random() < 0.3:
                entry["weekdays"] = [1, 2, 3, 4, 5]
            volunteers.append(entry)
            by_community.setdefault(c, []).append(entry)
    grid_community = {f["properties"]["code"]: f["properties"]["community"]["code"] for f in grids["features"]}
    for h in households:
        alone = any("alone" in m.get("flags", []) for m in h.get("members", []))
        c = grid_community.get(h.get("grid"))
        if alone and c and rng.random() < 0.25:
            observer = rng.choice(by_community[c])
            observer.setdefault("observes", []).append(h["code"])
    return volunteers
