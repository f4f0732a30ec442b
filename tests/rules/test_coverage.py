"""coverage: base slots reach their minimum; a shortfall is costed first, ranked (empty worse
than one alone, worse than one short) and explained."""

from builders import DAY, EVENING, NIGHT, count, scenario, solve
from verifier import breaches, model_verdict

from roster.planner import PlanOptions
from roster.rules.coverage import shortfall_cost, step_weights

ID = "coverage"
MON = "2027-01-04"
TWO_ON_MONDAY = [{"shift": "D", "dates": [MON], "min_staff_if_open": 2}]
THREE_DAY_ONE_NIGHT = [{"shift": "D", "dates": [MON], "min_staff_if_open": 3},
                       {"shift": "N", "dates": [MON], "min_staff_if_open": 1}]


def test_an_empty_shift_costs_more_than_one_alone_more_than_one_short():
    # minimum 3: the 1st person missing costs 1 (2 of 3), the 2nd 3 (one alone), the 3rd 9 (empty)
    s = scenario(staff=3, days=1, coverage=[{"shift": "D", "dates": [MON], "min_staff_if_open": 3}])
    on = [(p, MON, "D") for p in ("p1", "p2", "p3")]
    assert [model_verdict(s, ID, on[:n]).cost("base") for n in (3, 2, 1, 0)] == [0, 1, 4, 13]
    assert step_weights(3) == [1, 3, 9] and step_weights(1) == [9] and step_weights(2) == [3, 9]
    assert [shortfall_cost(n, 3) for n in (3, 2, 1, 0)] == [0, 1, 4, 13]


def test_a_night_of_one_left_empty_costs_as_much_as_the_last_person_of_any_shift():
    s = scenario(staff=3, days=1, shifts=[DAY, NIGHT], coverage=THREE_DAY_ONE_NIGHT)
    night_empty = [(p, MON, "D") for p in ("p1", "p2", "p3")]       # 3 of 3, night 0 of 1
    day_short = [("p1", MON, "D"), ("p2", MON, "D"), ("p3", MON, "N")]  # 2 of 3, night 1 of 1
    assert model_verdict(s, ID, night_empty).cost("base") == 9
    assert model_verdict(s, ID, day_short).cost("base") == 1


def _nobody_wants(shift: str, n: int) -> list[dict]:
    """Everyone wishes not to work ``shift``: with a linear shortfall count the wishes break
    the tie the wrong way, so these tests fail if the ranking is lost."""
    return [{"staff": f"p{i}", "date": MON, "kind": "not_shift", "shift": shift, "weight": 1}
            for i in range(1, n + 1)]


def test_the_planner_staffs_an_empty_night_before_the_third_on_a_day_shift():
    # three people, one shift each: 2 + 1 (cost 1) beats 3 + 0 (cost 9)
    rota = solve(scenario(staff=3, days=1, shifts=[DAY, NIGHT], coverage=THREE_DAY_ONE_NIGHT,
                          wishes=_nobody_wants("N", 3)))
    assert (count(rota, shift="D"), count(rota, shift="N")) == (2, 1)


def test_the_planner_leaves_two_shifts_one_short_rather_than_one_alone():
    # four people for a day and an evening of 3: 2 + 2 (cost 1 + 1) beats 3 + 1 (cost 0 + 4)
    cov = [{"shift": "D", "dates": [MON], "min_staff_if_open": 3},
           {"shift": "A", "dates": [MON], "min_staff_if_open": 3}]
    rota = solve(scenario(staff=4, days=1, shifts=[DAY, EVENING], coverage=cov,
                          wishes=_nobody_wants("A", 4)))
    assert (count(rota, shift="D"), count(rota, shift="A")) == (2, 2)


def test_a_missing_nurse_weighs_like_a_missing_head():
    staff = [{"id": "n1", "name": "Nurse", "skills": ["nurse"]}, *[{"id": f"p{i}", "name": f"P{i}"}
                                                                   for i in range(2, 5)]]
    s = scenario(staff=staff, days=1, coverage=[{"shift": "D", "dates": [MON], "min_staff_if_open": 3,
                                                 "skills": {"nurse": 1}}])
    three_without_nurse = [(p, MON, "D") for p in ("p2", "p3", "p4")]
    two_with_nurse = [("n1", MON, "D"), ("p2", MON, "D")]
    assert model_verdict(s, ID, three_without_nurse, also=("skill",)).cost("base") == 1
    assert model_verdict(s, ID, two_with_nurse, also=("skill",)).cost("base") == 1
    assert model_verdict(s, ID, [("p2", MON, "D"), ("p3", MON, "D")], also=("skill",)).cost("base") == 2


def test_a_robust_plan_wants_one_more_at_a_lower_priority():
    s = scenario(staff=3, days=1, coverage=TWO_ON_MONDAY)
    two = [("p1", "2027-01-04", "D"), ("p2", "2027-01-04", "D")]
    verdict = model_verdict(s, ID, two, options=PlanOptions(extra_on_base=1))
    assert (verdict.cost("base"), verdict.cost("robust")) == (0, 1)


def test_the_check_reports_a_shortfall_with_how_many_were_away_never_why():
    # sick leave is health information: in a small team "1 sick" names the person, so every
    # kind of absence is "away"; the unit's own reasons (a fixed day off) are named
    s = scenario(staff=3, days=1, coverage=TWO_ON_MONDAY,
                 absences=[{"staff": "p2", "start": "2027-01-04", "end": "2027-01-04", "kind": "vacation"},
                           {"staff": "p3", "start": "2027-01-04", "end": "2027-01-04", "kind": "sick"}])
    found = breaches(s, ID, [("p1", "2027-01-04", "D")])
    assert len(found) == 1 and (found[0].date.isoformat(), found[0].shift) == ("2027-01-04", "D")
    assert found[0].en == "Monday 4 Jan 2027 D: 1 of 2 staffed; 1 of 3 staff available (2 away)"
    assert found[0].nb == "mandag 4. jan 2027 D: 1 av 2 bemannet; 1 av 3 tilgjengelige (2 borte)"
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
