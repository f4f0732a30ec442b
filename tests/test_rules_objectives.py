"""Below the hard rules: fairness, wishes, stability against a published plan, tidiness."""

import datetime as dt

from builders import EVENING, NIGHT, count, scenario

from roster.planner import PlanOptions, plan
from roster.rota import Assignment, Rota

ALL_DAYS = {"code": "D", "name": "Dag", "start": "08:00", "end": "16:00", "hours": 7.5}


def test_evenings_are_shared_in_proportion_to_the_position():
    staff = [{"id": "p1", "name": "A", "fte": 1.0}, {"id": "p2", "name": "B", "fte": 0.5}]
    s = scenario(staff=staff, shifts=[EVENING], days=14,
                 coverage=[{"shift": "A", "dates": [f"2027-01-{d:02d}" for d in range(4, 10)],
                            "min_staff_if_open": 1, "max_staff": 1}])
    rota = plan(s, PlanOptions(time_limit=10))
    assert (count(rota, staff="p1"), count(rota, staff="p2")) == (4, 2)


def test_a_day_off_wish_is_granted_when_the_rules_allow():
    s = scenario(staff=2, coverage=[{"shift": "D", "days": ["weekday"], "min_staff_if_open": 1,
                                     "max_staff": 1}],
                 wishes=[{"staff": "p1", "date": "2027-01-06", "kind": "day_off", "weight": 3},
                         {"staff": "p2", "date": "2027-01-07", "kind": "not_shift", "shift": "D",
                          "weight": 3}])
    rota = plan(s, PlanOptions(time_limit=10))
    assert count(rota, staff="p1", date="2027-01-06") == 0
    assert count(rota, staff="p2", date="2027-01-07") == 0


def test_stability_keeps_a_published_plan_where_it_can():
    s = scenario(staff=3, coverage=[{"shift": "D", "days": ["weekday"], "min_staff_if_open": 1,
                                     "max_staff": 1}])
    published = [Assignment(dt.date(2027, 1, 4 + i), p, "D")
                 for i, p in enumerate(["p1", "p2", "p3", "p1", "p2"])]
    base = Rota(scenario="test", start=s.start, end=s.end, status="optimal", assignments=published)
    rota = plan(s, PlanOptions(time_limit=10), baseline=base)
    assert rota.assignments == published


def test_tidiness_avoids_isolated_working_days():
    # one person, three working days to place in a week: together, not spread out
    staff = [{"id": "p1", "name": "A", "rules": {"max_hours": 22.5}}]
    s = scenario(staff=staff, shifts=[ALL_DAYS],
                 coverage=[{"shift": "D", "days": ["weekday", "saturday", "sunday"],
                            "min_staff_if_open": 1, "priority": "soft", "under_weight": 1}])
    rota = plan(s, PlanOptions(time_limit=10))
    days = sorted(a.date.day for a in rota.assignments)
    assert len(days) == 3 and days[2] - days[0] == 2


def test_night_only_staff_are_compared_with_each_other_not_with_evening_staff():
    # two people on evenings, two night-only workers on the nights: each pair shares its
    # own shifts by position size, and nobody is unfair for working the only shifts they may
    staff = [{"id": "e1", "name": "A", "fte": 1.0, "cannot_work": ["N"]},
             {"id": "e2", "name": "B", "fte": 0.5, "cannot_work": ["N"]},
             {"id": "n1", "name": "C", "fte": 1.0, "cannot_work": ["A"]},
             {"id": "n2", "name": "D", "fte": 1.0, "cannot_work": ["A"]}]
    week = [f"2027-01-{d:02d}" for d in range(4, 10)]
    s = scenario(staff=staff, shifts=[EVENING, NIGHT], days=14,
                 coverage=[{"shift": "A", "dates": week, "min_staff_if_open": 1, "max_staff": 1},
                           {"shift": "N", "dates": week[:2], "min_staff_if_open": 1,
                            "max_staff": 1}])
    rota = plan(s, PlanOptions(time_limit=10))
    assert (count(rota, staff="e1"), count(rota, staff="e2")) == (4, 2)
    assert (count(rota, staff="n1"), count(rota, staff="n2")) == (1, 1)
    fairness = next(st for st in rota.solver["stages"] if st["stage"] == "fairness")
    assert fairness["status"] == "optimal" and fairness["value"] == 0


def test_two_holidays_in_a_row_count_as_one_holiday_for_fairness():
    # 1st and 2nd Christmas Day 2029 (Tuesday, Wednesday), one person each day, three
    # colleagues: one of them takes "Christmas" (both days, no isolated days) and nobody
    # is counted unfair for it
    s = scenario(start="2029-12-24", days=4, staff=3, country="NO",
                 coverage=[{"shift": "D", "days": ["holiday"], "min_staff_if_open": 1,
                            "max_staff": 1}])
    rota = plan(s, PlanOptions(time_limit=10))
    workers = {a.staff for a in rota.assignments}
    assert count(rota) == 2 and len(workers) == 1
    fairness = next(st for st in rota.solver["stages"] if st["stage"] == "fairness")
    assert fairness["status"] == "optimal" and fairness["value"] == 0
