"""Short-staffed months the planner can be trusted with (issue 15, item 1): shortfall is
ranked as a unit leader ranks it, judged by an independent helper (tests/shortfall_moves.py)
that re-assigns one person at a time and asks the checker."""

from builders import DAY, NIGHT, rota_of, scenario
from shortfall_moves import Move, better_moves

from roster.planner import PlanOptions, plan
from roster.scenario_load import load_scenario

MON = "2027-01-04"
COST_ONLY = ("fairness", "wishes", "stability", "tidiness")


def test_the_judge_finds_the_move_a_linear_count_would_not_make():
    # three people all on the day shift of 3 and the night empty: a linear count calls this
    # as good as 2 + 1; the judge sees that any of them could have taken the night
    s = scenario(staff=3, days=1, shifts=[DAY, NIGHT],
                 coverage=[{"shift": "D", "dates": [MON], "min_staff_if_open": 3},
                           {"shift": "N", "dates": [MON], "min_staff_if_open": 1}])
    all_day = rota_of(s, [(p, MON, "D") for p in ("p1", "p2", "p3")])
    assert [m.staff for m in better_moves(s, all_day)] == ["p1", "p2", "p3"]
    assert better_moves(s, all_day)[0] == Move("p1", all_day[0].date, "D", "N", "empty")
    # 2 + 1: the night is staffed and moving anyone empties nothing better
    assert better_moves(s, rota_of(s, [("p1", MON, "D"), ("p2", MON, "D"), ("p3", MON, "N")])) == []


def test_the_judge_respects_the_rules_a_move_would_break():
    # the night (9 h) is empty; p1 alone on the day shift cannot move (that would empty the
    # day), and p2 is off but a night would take them above their 7.5 h band: no better move
    def case(max_hours: float):
        staff = [{"id": "p1", "name": "A"}, {"id": "p2", "name": "B", "rules": {"max_hours": max_hours}}]
        return scenario(staff=staff, days=1, shifts=[DAY, NIGHT],
                        coverage=[{"shift": "D", "dates": [MON], "min_staff_if_open": 1},
                                  {"shift": "N", "dates": [MON], "min_staff_if_open": 1}])

    tight = case(7.5)
    assert better_moves(tight, rota_of(tight, [("p1", MON, "D")])) == []
    roomy = case(9.0)
    assert better_moves(roomy, rota_of(roomy, [("p1", MON, "D")])) == [
        Move("p2", rota_of(roomy, [("p2", MON, "N")])[0].date, None, "N", "empty")]


def test_christmas_no_empty_shift_where_someone_could_have_been_there(data_dir):
    # the 24/7 unit in December needs 230 h more than the contracts allow: shifts will be
    # short, but never a night left empty while someone could legally have taken it from a
    # day shift with people to spare (or from a day off), and never one alone where two
    # could have been
    s = load_scenario(data_dir / "bofellesskap-jul.toml")
    rota = plan(s, PlanOptions(time_limit=10, skip_rules=COST_ONLY))
    assert rota.status == "infeasible" and rota.extra["verdict"]["base_short"]["slots"] > 0
    assert better_moves(s, rota.assignments) == []
    short = rota.extra["verdict"]["base_short"]
    assert short["empty"] == 0  # with the ranking nothing is left empty at all
