"""Working-day sequences: max days in a row (with the previous month), min blocks, min days off."""

import datetime as dt
from itertools import pairwise

from builders import scenario

from roster.planner import PlanOptions, plan
from roster.rota import Assignment, Rota

ALL_DAYS = {"code": "D", "name": "Dag", "start": "08:00", "end": "16:00", "hours": 7.5}


def every_day(n_staff=1, **kw):
    cov = [{"shift": "D", "days": ["weekday", "saturday", "sunday"], "min_staff_if_open": 1,
            "max_staff": 1}]
    return scenario(staff=n_staff, shifts=[ALL_DAYS], coverage=cov, **kw)


def test_max_consecutive_days():
    rota = plan(every_day(rules={"max_consecutive_days": 5}), PlanOptions(time_limit=10))
    days = sorted(a.date.day for a in rota.assignments)
    assert len(days) == 6  # 7 days, at most 5 in a row: one day off
    assert days not in ([4, 5, 6, 7, 8, 9], [5, 6, 7, 8, 9, 10])
    assert len([v for v in rota.errors() if v["rule"] == "coverage"]) == 1


def test_max_consecutive_days_counts_the_previous_month():
    s = every_day(rules={"max_consecutive_days": 5}, days=3)
    prev = Rota(scenario="test", start=dt.date(2027, 1, 1), end=dt.date(2027, 1, 3), status="optimal",
                assignments=[Assignment(dt.date(2027, 1, d), "p1", "D") for d in (1, 2, 3)])
    rota = plan(s, PlanOptions(time_limit=10), previous=prev)
    worked = sorted(a.date.day for a in rota.assignments)
    assert worked in ([4, 5], [4, 6], [5, 6])  # 3 + 2 in a row at most... and never 4..6
    assert worked != [4, 5, 6]
    assert len(worked) == 2


def test_min_consecutive_days_working_blocks():
    # slots only on Monday, Wednesday and Friday: a block of one day is too short except at
    # the start of the period (no history), so only Monday can be worked
    cov = [{"shift": "D", "dates": ["2027-01-04", "2027-01-06", "2027-01-08"], "min_staff_if_open": 1}]
    s = scenario(staff=[{"id": "p1", "name": "A", "rules": {"min_consecutive_days": 2}}],
                 shifts=[ALL_DAYS], coverage=cov)
    rota = plan(s, PlanOptions(time_limit=10))
    assert [a.date.day for a in rota.assignments] == [4]


def test_min_days_off_between_blocks():
    staff = [{"id": "p1", "name": "A", "rules": {"min_days_off": 2, "max_consecutive_days": 2}}]
    s = scenario(staff=staff, shifts=[ALL_DAYS], days=9,
                 coverage=[{"shift": "D", "days": ["weekday", "saturday", "sunday"],
                            "min_staff_if_open": 1}])
    rota = plan(s, PlanOptions(time_limit=10))
    days = sorted(a.date.day for a in rota.assignments)
    gaps = [b - a - 1 for a, b in pairwise(days) if b - a > 1]
    assert gaps and all(g >= 2 for g in gaps)
    assert rota.errors() == [v for v in rota.errors() if v["rule"] == "coverage"]
