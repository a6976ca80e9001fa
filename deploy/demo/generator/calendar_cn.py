"""China's public-holiday calendar: the State Council arrangement for 2026 and 2027 New Year.

`holidays` are days off, `workdays` the weekend days that are working days (调休); both
catalogs (demo and othercity) carry it for the working-day SLA.
"""

import datetime


def date_range(a, b):
    """ISO dates from a to b, both included."""
    d0 = datetime.date.fromisoformat(a)
    d1 = datetime.date.fromisoformat(b)
    out = []
    while d0 <= d1:
        out.append(d0.isoformat())
        d0 += datetime.timedelta(days=1)
    return out


def china_calendar():
    """The catalog's calendar: {"holidays": [...], "workdays": [...]}."""
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
