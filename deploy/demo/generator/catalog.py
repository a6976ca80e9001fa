"""Building blocks shared by the catalogs (demo, othercity, invalid)."""


def category_entry(code, name, keywords, handler, department, assist, urgency):
    """A catalog category; department and assist only for handler "department"."""
    e = {"code": code, "name": name, "keywords": keywords, "handler": handler}
    if department:
        e["department"] = department
        e["assist"] = assist
    e["urgency"] = urgency
    return e
