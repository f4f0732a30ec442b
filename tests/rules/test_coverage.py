"""coverage: base slots reach their minimum; a shortfall is costed first and explained."""

from builders import DAY, EVENING, count, scenario, solve
from verifier import breaches, model_verdict

from roster.planner import PlanOptions

ID = "coverage"
TWO_ON_MONDAY = [{"shift": "D", "dates": ["2027-01-04"], "min_staff_if_open": 2}]


def test_each_missing_person_costs_one_at_the_base_priority():
    s = scenario(staff=3, days=1, coverage=TWO_ON_MONDAY)
    assert model_verdict(s, ID, []).cost("base") == 2
    assert model_verdict(s, ID, [("p1", "2027-01-04", "D")]).cost("base") == 1
    assert model_verdict(s, ID, [("p1", "2027-01-04", "D"), ("p2", "2027-01-04", "D")]).cost("base") == 0


def test_a_robust_plan_wants_one_more_at_a_lower_priority():
    s = scenario(staff=3, days=1, coverage=TWO_ON_MONDAY)
    two = [("p1", "2027-01-04", "D"), ("p2", "2027-01-04", "D")]
    verdict = model_verdict(s, ID, two, options=PlanOptions(extra_on_base=1))
    assert (verdict.cost("base"), verdict.cost("robust")) == (0, 1)


def test_the_check_reports_a_shortfall_with_who_was_away():
    s = scenario(staff=3, days=1, coverage=TWO_ON_MONDAY,
                 absences=[{"staff": "p2", "start": "2027-01-04", "end": "2027-01-04", "kind": "vacation"},
                           {"staff": "p3", "start": "2027-01-04", "end": "2027-01-04", "kind": "sick"}])
    found = breaches(s, ID, [("p1", "2027-01-04", "D")])
    assert len(found) == 1 and (found[0].date.isoformat(), found[0].shift) == ("2027-01-04", "D")
    assert found[0].en == ("Monday 4 Jan 2027 D: 1 of 2 staffed; 1 of 3 staff available "
                           "(1 vacation, 1 sick)")
    assert found[0].nb == "mandag 4. jan 2027 D: 1 av 2 bemannet; 1 av 3 tilgjengelige (1 ferie, 1 syk)"
    assert breaches(s, ID, [("p1", "2027-01-04", "D"), ("p2", "2027-01-04", "D")]) == []


def test_the_planner_covers_base_slots_first():
    s = scenario(staff=3, coverage=[{"shift": "D", "days": ["weekday"], "min_staff_if_open": 2}])
    rota = solve(s)
    assert [count(rota, date=f"2027-01-0{d}") for d in range(4, 9)] == [2] * 5


def test_robust_margin_on_base_shifts_never_costs_service():
    # five people, one shift each: two base day shifts + one evening of three fill them all;
    # asking for one extra on the base shifts must not close the evening
    staff = [{"id": f"p{i}", "name": f"P{i}", "rules": {"max_hours": 8}} for i in range(1, 6)]
    cov = [{"shift": "D", "dates": ["2027-01-04", "2027-01-05"], "min_staff_if_open": 1},
           {"shift": "A", "dates": ["2027-01-06"], "min_staff_if_open": 3, "max_staff": 3,
            "priority": "service", "open": "always"}]
    s = scenario(staff=staff, shifts=[DAY, EVENING], coverage=cov)
    rota = solve(s, extra_on_base=1)
    assert count(rota, shift="A") == 3 and count(rota, shift="D") == 2
    spare = scenario(staff=[*staff, {"id": "p6", "name": "P6", "rules": {"max_hours": 8}},
                            {"id": "p7", "name": "P7", "rules": {"max_hours": 8}}],
                     shifts=[DAY, EVENING], coverage=cov)
    assert count(solve(spare, extra_on_base=1), shift="D") == 4  # with spare people: the margin
