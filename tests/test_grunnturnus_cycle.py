"""The grunnturnus as one cycle on a ring of days (roster.grunnturnus_cycle): the rule rows
see week N -> week 1, tidiness counts the last day, the weekend counting proves what it
says and closes nothing that can open, and the two methods agree."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import replace

import pulp
import pytest

from roster.grunnturnus import cycle_scenario, plan_grunnturnus
from roster.grunnturnus_cycle import (
    CycleModel,
    _most_openings,
    apply_weekend_bound,
    bound_is_valid,
    build_cycle_model,
    weekend_opening_bound,
)
from roster.model import Priority, Stage
from roster.planner import PlanOptions, build_model
from roster.scenario import Rules
from roster.scenario_load import loads_scenario
from tests.grunnturnus_case import START, WEEKS, planned, scenario

N = 7 * WEEKS


def _model() -> CycleModel:
    return build_cycle_model(cycle_scenario(scenario(), WEEKS, 1, START), PlanOptions())


def _x_values(m, lines) -> dict[str, float]:
    """The assignment columns of the lines (line i is person i)."""
    values = {v.name: 0.0 for v in m.x.values()}
    for p, line in enumerate(lines):
        for d in range(N):
            code = line.shift_on(d)
            if code:
                values[m.x[(p, d, code)].name] = 1.0
    return values


def _broken_rows(m, values: dict[str, float]) -> list[pulp.LpConstraint]:
    """Rows over assignment columns only that the values break."""
    out = []
    for c in m.prob.constraints.values():
        names = [v.name for v in c]
        if not names or not all(n in values for n in names):
            continue
        lhs = sum(coef * values[v.name] for v, coef in c.items()) + c.constant
        broken = {pulp.LpConstraintLE: lhs > 1e-9, pulp.LpConstraintGE: lhs < -1e-9,
                  pulp.LpConstraintEQ: abs(lhs) > 1e-9}[c.sense]
        if broken:
            out.append(c)
    return out


def _evening_into_monday(lines):
    first = lines[0]
    weeks = [list(w) for w in first.weeks]
    weeks[-1][6], weeks[0][0] = "A", "D"  # 9 h of rest across the wrap-around
    return [replace(first, weeks=tuple(tuple(w) for w in weeks)), *lines[1:]]


def test_the_ring_has_the_rest_row_across_week_n_to_week_1() -> None:
    g = planned()
    m = _model()
    assert len(m.x) < len(build_model(cycle_scenario(scenario(), WEEKS, 2, START)).x) / 2 + 1
    assert _broken_rows(m, _x_values(m, g.lines)) == []
    bad = _evening_into_monday(g.lines)
    broken = _broken_rows(m, _x_values(m, bad))
    sunday, monday = m.x[(0, N - 1, "A")].name, m.x[(0, 0, "D")].name
    assert any({sunday, monday} <= {v.name for v in c} for c in broken)
    # a model of the cycle alone (no ring) has no such row
    plain = build_model(cycle_scenario(scenario(), WEEKS, 1, START))
    plain_broken = _broken_rows(plain, _x_values(plain, bad))
    assert not any({sunday, monday} <= {v.name for v in c} for c in plain_broken)


def _ring_tidiness(lines) -> float:
    """Isolated working days (1), isolated days off (1/2) and quick returns A -> D (1) on the
    ring of days, counted here without the model."""
    total = 0.0
    for line in lines:
        for d in range(N):
            prev, cur, nxt = (line.shift_on(d + k) for k in (-1, 0, 1))
            total += bool(cur and not prev and not nxt) + 0.5 * bool(not cur and prev and nxt)
            total += cur == "A" and nxt == "D"
    return total


def _implied_tidiness(m, values: dict[str, float]) -> float:
    """The least tidiness cost the model allows with the assignments fixed (each tidiness
    column is bounded below by its one row)."""
    expr = m.stage_expr(Stage(Priority.TIDINESS))
    rows: dict[str, list] = {}
    for c in m.prob.constraints.values():
        for v in c:
            rows.setdefault(v.name, []).append(c)
    total = 0.0
    for var, weight in expr.items():
        least = 0.0
        for c in rows.get(var.name, []):
            coef = c[var]
            rest = sum(k * values[v.name] for v, k in c.items() if v.name != var.name) + c.constant
            if c.sense == pulp.LpConstraintGE and coef > 0:
                least = max(least, -rest / coef)
        total += weight * least
    return total


def test_tidiness_counts_the_last_day_of_the_ring() -> None:
    g = planned()
    first = g.lines[0]
    weeks = [list(w) for w in first.weeks]
    weeks[-1][5], weeks[-1][6], weeks[0][0] = None, "D", None  # an isolated day at the wrap
    lines = [replace(first, weeks=tuple(tuple(w) for w in weeks)), *g.lines[1:]]
    m = _model()
    expected = _ring_tidiness(lines)
    assert expected >= 1
    assert _implied_tidiness(m, _x_values(m, lines)) == pytest.approx(expected)


# --------------------------------------------------------------------------------------
# Weekend counting

WEEKEND_TOML = """
[scenario]
name = "Helgetest"
unit = "Helgetest"

[period]
month = "2027-06"

[rules]
weekend_every = 2

[[shifts]]
code = "D"
name = "Dagvakt"
start = "07:30"
end = "15:30"
hours = 7.5

[[shifts]]
code = "T"
name = "Tur"
start = "10:00"
end = "16:00"
hours = 6.0
days = ["saturday"]

{staff}

[[coverage]]
shift = "D"
days = ["weekday"]
min_staff_if_open = 1
max_staff = 3
priority = "base"

[[coverage]]
shift = "D"
days = ["saturday", "sunday"]
min_staff_if_open = {base}
max_staff = {base}
priority = "base"

[[coverage]]
shift = "T"
days = ["saturday"]
min_staff_if_open = {need}
max_staff = {need}
priority = "service"
open = {{ count = 1, per = "week" }}
"""
CYCLE_WEEKS = 4


def _weekend_case(people: int, fte: float, need: int, base: int = 1):
    staff = "\n".join(f'[[staff]]\nid = "p{i}"\nname = "P{i}"\nfte = {fte}\n' for i in range(people))
    s = loads_scenario(WEEKEND_TOML.format(staff=staff, need=need, base=base), source="helgetest.toml")
    return s, cycle_scenario(s, CYCLE_WEEKS, 1, START)


def _opened(g) -> int:
    """Saturdays of the cycle with the activity shift staffed to its minimum."""
    sats = [d for d in range(7 * CYCLE_WEEKS) if d % 7 == 5]
    need = g.scenario.requirements[-1].min_staff_if_open
    return sum(sum(line.shift_on(d) == "T" for line in g.lines) >= need for d in sats)


@pytest.mark.parametrize(("people", "fte", "need", "most", "opened"),
                         [(3, 0.5, 3, 0, 0), (3, 0.5, 2, 0, 0), (5, 0.35, 2, 2, 2)])
def test_weekend_counting(people, fte, need, most, opened) -> None:
    """Every 2nd weekend on a ring of 4 weekends: 2 weekends a person, one of any two in a
    row; the base needs 1 person a weekend (one day shift a day), an opening of the activity
    shift ``need`` more. 3 people, 3 on the activity shift: 6 - 4 = 2 spare person-weekends,
    it cannot open. 3 people, 2 on it: the total would allow one (2 spare), but the weekend
    opened and the next need 3 + 1 people of the 3 there are: closed as well. 5 people: the
    total allows 3 openings, two weekends in a row would need 3 + 3 of 5 people: at most 2,
    and the MIP opens 2 with the bound as a row."""
    s, cycle = _weekend_case(people, fte, need)
    m = build_cycle_model(cycle, PlanOptions())
    bound = weekend_opening_bound(m)
    assert bound is not None
    assert (bound.capacity, bound.base_need, bound.units, bound.most) == (2 * people, 4, 4, most)
    assert bound.windows == {1: people, 2: people}
    assert apply_weekend_bound(m, bound)
    closed = [v for v in m._opened.values() if v.upBound == 0]
    assert len(closed) == (4 if most == 0 else 0)
    # the planner with and without the counting: the same service level, and the MIP alone
    # never opens more than the counting allows (it closes nothing that could open)
    opts = PlanOptions(time_limit=10.0)
    with_count = plan_grunnturnus(s, CYCLE_WEEKS, opts, START)
    without = plan_grunnturnus(s, CYCLE_WEEKS, opts, START, counting=False)
    assert with_count.rota.solver["weekend_count"]["applied"] is True
    assert "weekend_count" not in without.rota.solver
    assert _opened(with_count) == _opened(without) == opened <= most
    service = {st["stage"]: st["value"] for st in with_count.rota.solver["stages"]
               if st["stage"].startswith("service")}
    assert service == {st["stage"]: st["value"] for st in without.rota.solver["stages"]
                       if st["stage"].startswith("service")}
    for g in (with_count, without):
        assert not any(b.is_error for b in g.wrap_breaches)
        assert bound_is_valid(g.rota.solver["stages"])
        assert all(st["status"] == "optimal" for st in g.rota.solver["stages"])


def test_weekend_counting_says_nothing_when_the_base_cannot_be_met() -> None:
    _, cycle = _weekend_case(3, 0.5, 1, base=2)
    m = build_cycle_model(cycle, PlanOptions())
    assert weekend_opening_bound(m) is None  # 8 person-weekends needed, 6 there


def test_counting_is_trusted_only_after_a_proven_base_of_zero() -> None:
    ok = [{"stage": "base", "status": "optimal", "value": 0.0}, {"stage": "service.3"}]
    assert bound_is_valid(ok)
    assert not bound_is_valid([{"stage": "base", "status": "feasible", "value": 0.0}])
    assert not bound_is_valid([{"stage": "base", "status": "optimal", "value": 3.0}])
    assert not bound_is_valid([{"stage": "service.3"}, *ok])


def test_one_cycle_and_two_tied_cycles_agree() -> None:
    """The earlier method (two tied cycles) and the ring: both clean across the wrap, the
    same base coverage and contract hours."""
    tied = plan_grunnturnus(scenario(), 2, PlanOptions(time_limit=6.0), START, method="tied")
    ring = plan_grunnturnus(scenario(), 2, PlanOptions(time_limit=6.0), START)
    assert tied.rota.solver["method"] == "two tied cycles"
    assert ring.rota.solver["method"] == "one cycle on a ring of days"
    for g in (tied, ring):
        assert not any(b.is_error for b in g.wrap_breaches)
    values = [{st["stage"]: st["value"] for st in g.rota.solver["stages"] if st["stage"] in ("base", "hours")}
              for g in (tied, ring)]
    assert values[0] == values[1] == {"base": 0.0, "hours": 0.0}
    with pytest.raises(ValueError, match="method"):
        plan_grunnturnus(scenario(), 2, method="three")


def test_cycle_model_rejects_a_cycle_that_is_not_whole_weeks() -> None:
    s = cycle_scenario(scenario(), WEEKS, 1, START)
    with pytest.raises(ValueError, match="whole weeks"):
        build_cycle_model(s.with_changes(start=START + dt.timedelta(days=1)), PlanOptions())


def _brute_most(need, costs, spare, windows) -> int:
    n = len(need)
    best = 0
    for ts in itertools.product(*[range(len(c)) for c in costs]):
        if sum(costs[j][t] for j, t in enumerate(ts)) > spare:
            continue
        if any(sum(need[(e - i) % n] + costs[(e - i) % n][ts[(e - i) % n]] for i in range(length)) > most
               for length, most in windows.items() for e in range(n)):
            continue
        best = max(best, sum(ts))
    return best


def test_most_openings_is_exact_on_small_rings() -> None:
    """The dynamic programme around the ring against trying every choice."""
    rng = random.Random(17)
    for _ in range(300):
        n = rng.randint(1, 7)
        need = [rng.randint(0, 4) for _ in range(n)]
        costs = [[0, *sorted(rng.randint(0, 4) for _ in range(rng.randint(0, 2)))] for _ in range(n)]
        spare = rng.randint(0, 8)
        lengths = rng.sample([1, 2, 3, 4], rng.randint(0, 3))
        windows = {k: rng.randint(max(need) * k // 2, 12) for k in lengths}
        expected = _brute_most(need, costs, spare, windows)
        assert _most_openings(need, costs, spare, windows) == expected, (need, costs, spare, windows)


def test_a_rule_that_reads_fixed_history_sends_the_plan_to_tied_cycles(monkeypatch) -> None:
    """A rule unit asking for "the previous rota" as fixed shift codes cannot see the wrap on
    a ring: the planner notes it and plans two tied cycles instead."""
    import roster.grunnturnus_cycle as gc

    m = _model()
    assert m.history_asked is False  # the bundled rule units never ask on this unit
    assert m.history_shift(0, -1) is None and m.history_asked is True
    real = gc.complete_ring

    def asks_history(model, rule_ids):
        model.history_shift(0, -3)
        return real(model, rule_ids)

    monkeypatch.setattr(gc, "complete_ring", asks_history)
    g = plan_grunnturnus(scenario(), 2, PlanOptions(time_limit=4.0), START)
    assert g.rota.solver["method"] == "two tied cycles"
    assert "previous rota" in g.rota.solver["fallback"]
    assert not any(b.is_error for b in g.wrap_breaches)


def test_a_hard_breach_on_the_repeated_cycle_sends_the_plan_to_tied_cycles(monkeypatch) -> None:
    """Should the checker find a hard rule broken across the wrap in a one-cycle plan (the
    ring missed it), the grunnturnus is planned again as two tied cycles; a base shortfall
    alone (a cost, not a missed row) does not do that."""
    import roster.grunnturnus as gt

    real = gt.wrap_check
    calls = []

    def first_call_breaks_rest(s, lines, start, cycles=3):
        calls.append(1)
        return real(s, _evening_into_monday(list(lines)) if len(calls) == 1 else lines, start, cycles)

    monkeypatch.setattr(gt, "wrap_check", first_call_breaks_rest)
    g = plan_grunnturnus(scenario(), 2, PlanOptions(time_limit=20.0), START)
    assert g.rota.solver["method"] == "two tied cycles"
    assert "breaches of hard rules" in g.rota.solver["fallback"]
    assert not any(b.is_error for b in g.wrap_breaches)
    monkeypatch.setattr(gt, "wrap_check", real)
    short = plan_grunnturnus(scenario(), 1, PlanOptions(time_limit=20.0), START)  # weekends cannot be covered
    assert any(b.is_error and b.rule == "coverage" for b in short.wrap_breaches)
    assert short.rota.solver["method"] == "one cycle on a ring of days"


def test_blocks_of_a_least_length_hold_across_the_wrap() -> None:
    """Working blocks of at least 3 days: the ring's rows cover the runs that start in the
    last days of the cycle and end in the first (the unit's own loop stops at the end)."""
    s = scenario()
    s = s.with_changes(rules=Rules(**{**s.rules.values(), "min_consecutive_days": 3}))
    m = build_cycle_model(cycle_scenario(s, 2, 1, START), PlanOptions())
    # a block of 2 days: Sunday of week 2 and Monday of week 1, off before and after
    days = {0: "D", 13: "D"}
    values = {v.name: 0.0 for v in m.x.values()}
    for d, code in days.items():
        values[m.x[(0, d, code)].name] = 1.0
    broken = [c for c in _broken_rows(m, values) if {v.name for v in c} & {m.x[(0, 13, "D")].name}]
    assert broken, "no row sees the block of 2 days across the wrap"
    g = plan_grunnturnus(s, 2, PlanOptions(time_limit=3.0), START)
    assert g.rota.solver["method"] == "one cycle on a ring of days"
    assert not [b for b in g.wrap_breaches if b.is_error]


def test_weekend_counting_counts_only_the_rules_in_the_model() -> None:
    _, cycle = _weekend_case(3, 0.5, 3)
    free = weekend_opening_bound(build_cycle_model(cycle, PlanOptions(skip_rules=("weekend",))))
    # 12 person-weekends, but an opening needs 4 people on a Saturday: there are 3
    assert free is not None and (free.capacity, free.windows, free.most) == (12, {1: 3}, 0)
    two_a_day = build_cycle_model(cycle, PlanOptions(skip_rules=("one_shift_per_day",)))
    assert weekend_opening_bound(two_a_day) is None
