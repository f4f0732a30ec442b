"""N-1 robustness: which single sick call breaks a minimum, known by hand."""

from __future__ import annotations

from builders import rota_of, scenario

from coverage.robustness import n_minus_1, plan_robust, robust_cost
from roster.planner import PlanOptions, plan

ALL = ["weekday", "saturday", "sunday"]


def test_n_minus_1_counts_breaking_losses():
    staff = [{"id": "p1", "name": "A", "fte": 1.0}, {"id": "p2", "name": "B", "fte": 1.0},
             {"id": "p3", "name": "C", "fte": 1.0, "skills": ["nurse"]}]
    s = scenario(staff=staff, days=2, coverage=[{"shift": "D", "days": ALL, "min_staff_if_open": 2,
                                                 "skills": {"nurse": 1}}])
    rows = rota_of(s, [("p1", "2027-01-04", "D"), ("p2", "2027-01-04", "D"),
                       ("p3", "2027-01-04", "D"),
                       ("p1", "2027-01-05", "D"), ("p3", "2027-01-05", "D")])
    r = n_minus_1(s, rows)
    # Monday: one above the minimum, but p3 is the only nurse; Tuesday: no margin at all
    assert r.person_days == 5 and r.safe == 2
    assert r.score == 0.4
    weak = {(w["date"], tuple(sorted(w["critical_staff"]))) for w in r.weak_slots}
    assert weak == {("2027-01-04", ("p3",)), ("2027-01-05", ("p1", "p3"))}


def test_opened_service_shift_without_margin_is_weak_but_closed_one_is_not():
    s = scenario(staff=3, days=1, coverage=[{"shift": "D", "days": ALL, "min_staff_if_open": 2,
                                             "priority": "service", "open": "always"}])
    r = n_minus_1(s, rota_of(s, [("p1", "2027-01-04", "D"), ("p2", "2027-01-04", "D")]))
    assert r.safe == 0 and len(r.weak_slots) == 1
    r = n_minus_1(s, rota_of(s, [("p1", "2027-01-04", "D"), ("p2", "2027-01-04", "D"),
                                 ("p3", "2027-01-04", "D")]))
    assert r.score == 1.0 and not r.weak_slots


def test_robust_plan_costs_hours_and_removes_weak_shifts():
    s = scenario(staff=4, days=7, coverage=[{"shift": "D", "days": ALL, "min_staff_if_open": 2,
                                             "max_staff": 4}])
    plain = plan(s, PlanOptions(time_limit=10))
    robust = plan_robust(s, 1, PlanOptions(time_limit=10))
    cost = robust_cost(s, plain, robust)
    assert cost["robust"]["score"] == 1.0 and cost["robust"]["weak_slots"] == 0
    assert cost["robust"]["base_margin_person_shifts"] >= 7
    assert cost["difference"]["planned_hours"] == 7.5 * (
        cost["robust"]["base_margin_person_shifts"] - cost["plain"]["base_margin_person_shifts"])
