"""The planner never returns a bare 'infeasible', reports an honest status, and falls back to CBC."""

from builders import count, scenario, solve

from roster.planner import PlanOptions, plan


def test_conflicting_hard_rules_give_a_rota_that_says_what_blocks():
    # two locked days in a row for someone allowed only one working day in a row
    s = scenario(staff=[{"id": "p1", "name": "A", "rules": {"max_consecutive_days": 1}}],
                 coverage=[{"shift": "D", "days": ["weekday"], "min_staff_if_open": 1}],
                 locked=[{"staff": "p1", "date": "2027-01-04", "shift": "D"},
                         {"staff": "p1", "date": "2027-01-05", "shift": "D"}])
    rota = solve(s)
    assert rota.status == "infeasible"
    assert rota.assignments  # still a rota
    rules = {v["rule"] for v in rota.errors()}
    assert rules & {"consecutive", "locked"}
    assert all(v["detail"] for v in rota.errors())


def test_status_and_solver_figures_are_reported():
    rota = solve(scenario(staff=2, coverage=[{"shift": "D", "days": ["weekday"], "min_staff_if_open": 1}]))
    assert rota.status == "optimal"
    assert rota.solver["name"] == "HiGHS" and rota.solver["gap"] == 0
    assert 0 < rota.solver["seconds"] < 20  # within the time limit (builders.solve: 20 s)
    first = rota.solver["stages"][0]
    assert (first["stage"], first["status"]) == ("base", "optimal")


def test_cbc_fallback_gives_the_same_coverage():
    s = scenario(staff=3, coverage=[{"shift": "D", "days": ["weekday"], "min_staff_if_open": 2,
                                     "max_staff": 2}])
    rota = plan(s, PlanOptions(time_limit=20, solver="cbc"))
    assert rota.solver["name"] == "CBC" and rota.status == "optimal"
    assert count(rota) == 10 and rota.errors() == []
