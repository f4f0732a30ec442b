"""Weekends and Sundays: weekend frequency (with the previous month), max weekends, § 10-8 (4)."""

import datetime as dt

from builders import count, scenario

from roster.planner import PlanOptions, plan
from roster.rota import Assignment, Rota

WEEKEND = {"code": "H", "name": "Helg", "start": "10:00", "end": "18:00", "hours": 7.5,
           "days": ["saturday", "sunday"]}
SUNDAY = {"code": "S", "name": "Søndag", "start": "10:00", "end": "18:00", "hours": 7.5,
          "days": ["sunday", "holiday"]}
WEEKEND_COVER = [{"shift": "H", "days": ["saturday", "sunday"], "min_staff_if_open": 1, "max_staff": 1}]


def weekends_of(rota, staff):
    return {a.date - dt.timedelta(days=a.date.weekday() - 5) for a in rota.assignments if a.staff == staff}


def test_weekend_every_second():
    s = scenario(staff=2, shifts=[WEEKEND], days=28, coverage=WEEKEND_COVER, rules={"weekend_every": 2})
    rota = plan(s, PlanOptions(time_limit=10))
    for p in ("p1", "p2"):
        sats = sorted(weekends_of(rota, p))
        assert len(sats) == 2 and sats[1] - sats[0] == dt.timedelta(weeks=2)
    assert rota.errors() == []


def test_weekend_frequency_counts_the_previous_month():
    s = scenario(staff=2, shifts=[WEEKEND], days=7, coverage=WEEKEND_COVER, rules={"weekend_every": 2},
                 wishes=[{"staff": "p1", "date": "2027-01-09", "kind": "shift", "shift": "H", "weight": 9}])
    prev = Rota(scenario="test", start=dt.date(2026, 12, 28), end=dt.date(2027, 1, 3), status="optimal",
                assignments=[Assignment(dt.date(2027, 1, 3), "p1", "H")])
    rota = plan(s, PlanOptions(time_limit=10), previous=prev)
    assert count(rota, staff="p1") == 0 and count(rota, staff="p2") == 2


def test_max_weekends_in_the_period():
    staff = [{"id": "p1", "name": "A", "rules": {"max_weekends": 1}}, {"id": "p2", "name": "B"}]
    s = scenario(staff=staff, shifts=[WEEKEND], days=14, coverage=WEEKEND_COVER)
    rota = plan(s, PlanOptions(time_limit=10))
    assert len(weekends_of(rota, "p1")) <= 1
    assert count(rota) == 4


def test_sunday_or_holiday_worked_means_the_next_one_off():
    # Sundays 10 and 17 Jan 2027: nobody works both (AML § 10-8 (4))
    cover = [{"shift": "S", "days": ["sunday"], "min_staff_if_open": 1, "max_staff": 1}]
    s = scenario(staff=2, shifts=[SUNDAY], days=14, coverage=cover, rules={"sunday_holiday_rest": True})
    rota = plan(s, PlanOptions(time_limit=10))
    assert {a.staff for a in rota.assignments} == {"p1", "p2"}
    one = scenario(staff=1, shifts=[SUNDAY], days=14, coverage=cover, rules={"sunday_holiday_rest": True})
    assert count(plan(one, PlanOptions(time_limit=10))) == 1
