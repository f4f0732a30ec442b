"""stability: against a published plan, every person-day whose shift changes costs one."""

import datetime as dt

from builders import scenario
from verifier import model_verdict

from roster.planner import PlanOptions, plan
from roster.rota import Assignment, Rota

ID = "stability"
WEEKDAYS_D = [{"shift": "D", "days": ["weekday"], "min_staff_if_open": 1, "max_staff": 1}]


def test_each_changed_person_day_costs_one():
    s = scenario(staff=2, coverage=WEEKDAYS_D)
    published = [("p1", "2027-01-04", "D"), ("p1", "2027-01-05", "D")]
    assert model_verdict(s, ID, published, baseline=published).cost("stability") == 0
    moved = [("p1", "2027-01-04", "D"), ("p2", "2027-01-05", "D")]
    assert model_verdict(s, ID, moved, baseline=published).cost("stability") == 2
    assert model_verdict(s, ID, moved).cost("stability") == 0  # no plan to keep


def test_the_planner_keeps_a_published_plan_where_it_can():
    s = scenario(staff=3, coverage=WEEKDAYS_D)
    published = [Assignment(dt.date(2027, 1, 4 + i), p, "D")
                 for i, p in enumerate(["p1", "p2", "p3", "p1", "p2"])]
    base = Rota(scenario="test", start=s.start, end=s.end, status="optimal", assignments=published)
    assert plan(s, PlanOptions(time_limit=10), baseline=base).assignments == published
