"""Closing a weak-bound stage's gap with yes-or-no questions (roster/solve/bisection.py):
the order the questions come in, and, with the real solver, that the answer is the optimum
the full MIP proves and that every bound it reports is a true bound."""

import datetime as dt

import numpy as np
from builders import DAY, scenario

from roster.model import Priority, Stage
from roster.planner import build_model
from roster.rules.catalogue import unit
from roster.solve.backend import Grid, StageResult, proven
from roster.solve.bisection import bisect_gap, luby, next_question, values_between
from roster.solve.highs import HighsBackend
from roster.solve.trace import watching

TIDINESS, BASE = Stage(Priority.TIDINESS), Stage(Priority.BASE)
HALF = Grid(step=0.5)


def test_restarts_follow_the_luby_sequence():
    assert [luby(i) for i in range(1, 16)] == [1, 1, 2, 1, 1, 2, 4, 1, 1, 2, 1, 1, 2, 4, 8]


def test_the_value_below_a_rota_off_the_grid_is_the_grid_value_under_it():
    # a rota whose helper columns are not at their least (0.7 on a grid of halves) has 0.5
    # below it, not 0: else "is 0 possible? no" would prove 0.7 with a better 0.5 there
    assert HALF.below(0.7) == 0.5 and HALF.below(1.0) == 0.5 and HALF.below(0.5) == 0.0


def test_a_large_value_one_step_above_its_bound_is_not_proven():
    # the float slack grows with the value, but never to a whole step of the grid
    whole = Grid(step=1.0)
    assert not proven(2_000_001.0, 2_000_000.0, whole)
    assert proven(2_000_000.0, 1_999_999.2, whole)


def test_the_floor_is_asked_first_then_the_upper_middle_of_what_is_left():
    assert values_between(HALF, 1.0, 2.5) == [1.0, 1.5, 2.0, 2.5]
    assert next_question(HALF, 0.0, 4.5, floor_done=False) == 0.0
    # 0 .. 4 below an incumbent of 4.5: nine values, the middle one
    assert next_question(HALF, 0.0, 4.5, floor_done=True) == 2.0
    # 1 .. 2 below 2.5: three values, the middle; 1 .. 1.5: the upper (a "yes" is quicker)
    assert next_question(HALF, 1.0, 2.5, floor_done=True) == 1.5
    assert next_question(HALF, 1.0, 2.0, floor_done=True) == 1.5
    # nothing left between the floor and the incumbent: the incumbent is optimal
    assert next_question(HALF, 2.5, 2.5, floor_done=True) is None
    points = Grid(points=(0.0, 0.2, 0.25, 0.5, 1.0))
    assert next_question(points, 0.2, 1.0, floor_done=True) == 0.25


AWAY = [("p1", "2027-01-06"), ("p2", "2027-01-08"), ("p3", "2027-01-12"),
        ("p1", "2027-01-13"), ("p2", "2027-01-14")]


def _tidiness_case():
    """Three people on a day shift every weekday for two weeks (exactly one on each), with
    days away that scatter the work: tidiness (isolated days, days off between work days)
    is what the stage minimises."""
    day = {**DAY, "days": ["weekday"]}
    s = scenario(staff=3, days=14, shifts=[day],
                 coverage=[{"shift": "D", "days": ["weekday"], "min_staff_if_open": 1,
                            "max_staff": 1}],
                 absences=[{"staff": p, "start": d, "end": d, "kind": "vacation"} for p, d in AWAY])
    m = build_model(s, rules=[unit(u) for u in ("absence", "one_shift_per_day", "coverage",
                                               "max_staff", "tidiness")])
    m.prob.setObjective(m.weighted_expr())
    for v in m.x.values():
        m.prob.addVariable(v)
    b = HighsBackend(m.prob, threads=1, msg=False, seed=0, owner=m.owner,
                     implied_integer=frozenset(m.implied_integer))
    return m, b


def _untidy_start(m, b):
    """Give the backend a rota where the three take turns day by day (each works every
    third weekday: isolated days everywhere)."""
    away = {(p, dt.date.fromisoformat(d)) for p, d in AWAY}
    turns = [b.index[v.name] for (p, d, _), v in m.x.items()
             if (d + p) % 3 == 0 and (m.staff[p].id, m.date_of(d)) not in away]
    cols = np.array(turns, dtype=np.int32)
    b.h.changeColsBounds(len(cols), cols, np.ones(len(cols)), np.ones(len(cols)))
    found = b.below(m.stage_expr(TIDINESS), 1000, 10, TIDINESS)
    b.h.changeColsBounds(len(cols), cols, np.zeros(len(cols)), np.ones(len(cols)))
    assert found.status == "feasible"
    return found.value


def _cost(m, b, stage):
    expr = m.stage_expr(stage)
    cost, const = b.cost_vector(expr)
    return expr, float(cost @ b.solution) + const


def test_bisection_reaches_the_optimum_the_full_mip_proves_and_its_bounds_are_true():
    m, b = _tidiness_case()
    expr = m.stage_expr(TIDINESS)
    grid = b.grid(expr)
    assert grid == HALF  # isolated days cost 1, a lone day off 1/2: steps of 1/2
    best = b.minimize(expr, 30, 0.0, TIDINESS, grid)
    assert best.status == "optimal"
    optimum = best.value
    value = _untidy_start(m, b)
    assert value >= optimum + 2  # the turns are untidy
    # from that rota and a bound of 0 (what the LP gives tidiness)
    res = StageResult(TIDINESS, "feasible", value, 0.0, 1.0, 0.0)
    events: list[dict] = []
    with watching(on_event=events.append):
        out = bisect_gap(b, expr, res, 30, TIDINESS, grid, seed=0)
    assert out.status == "optimal" and out.value == optimum and out.bound == optimum
    assert _cost(m, b, TIDINESS)[1] == optimum  # the backend holds the rota of that value
    # the app's progress panel hears each answer: the last one says where the stage ended
    assert events and events[-1] == {"event": "value", "stage": "tidiness", "value": optimum,
                                     "bound": optimum}


def test_a_bound_from_bisection_never_passes_the_optimum_when_time_runs_out():
    m, b = _tidiness_case()
    expr = m.stage_expr(TIDINESS)
    grid = b.grid(expr)
    optimum = b.minimize(expr, 30, 0.0, TIDINESS, grid).value
    for seconds in (0.15, 0.5, 2.0):
        value = _untidy_start(m, b)
        res = StageResult(TIDINESS, "feasible", value, 0.0, 1.0, 0.0)
        out = bisect_gap(b, expr, res, seconds, TIDINESS, grid, seed=1)
        assert out.bound is not None and out.bound <= optimum + 1e-9
        assert out.value >= optimum - 1e-9
        assert out.value == _cost(m, b, TIDINESS)[1]  # the value is the rota's
        assert (out.status == "optimal") == (out.value == out.bound)


def test_a_question_asked_with_its_own_seed_leaves_the_stage_seed_as_it_was():
    m, b = _tidiness_case()
    b.h.setOptionValue("random_seed", 17)
    b.below(m.stage_expr(TIDINESS), 1000, 10, TIDINESS, seed=12345)
    assert b.h.getOptionValue("random_seed")[1] == 17


def test_a_stop_from_the_app_ends_the_questions_and_keeps_the_rota():
    m, b = _tidiness_case()
    expr = m.stage_expr(TIDINESS)
    value = _untidy_start(m, b)
    res = StageResult(TIDINESS, "feasible", value, 0.0, 1.0, 0.0)
    with watching(stop=lambda: True):
        out = bisect_gap(b, expr, res, 30, TIDINESS, b.grid(expr), seed=0)
    assert out.status == "feasible" and out.value == value and out.seconds == 0.0
    assert _cost(m, b, TIDINESS)[1] == value
