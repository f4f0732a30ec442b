"""Building blocks the rule units share on the model side, instead of each writing its own loop.

- :func:`window_limit`: every run of ``width`` consecutive terms (days, weekends) sums to at
  most (or at least) a bound; windows wholly in the past are not this rota's to fix.
- :func:`max_run` and :func:`min_run`: bounds on the length of runs of days in a state
  (working, off, on nights), the sequence constraints of OR-Tools' shift_scheduling_sat.

The checker has its own measurements (``roster.check``): the two halves of a rule share
no constraint-building code.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import pulp

from roster.model import Expr, is_constant

if TYPE_CHECKING:
    from roster.model import Model


def window_limit(m: Model, terms: Sequence[Expr], width: int, bound: float, rule: str, *,
                 at_least: bool = False) -> None:
    """Each window of ``width`` consecutive terms sums to at most ``bound`` (at least, with
    ``at_least``). A window of constants only lies in the previous rota: skipped."""
    for i in range(len(terms) - width + 1):
        window = terms[i:i + width]
        if all(is_constant(t) for t in window):
            continue
        total = pulp.lpSum(window)
        if at_least:
            m.at_least(total, bound, rule)
        else:
            m.limit(total, bound, rule)


def run_flow(m: Model, p: int, least_work: int, most_work: int | None, least_off: int,
             rule: str) -> None:
    """The same runs as :func:`min_run` (working blocks of at least ``least_work`` days, days
    off of at least ``least_off``) and :func:`max_run` (at most ``most_work`` days in a row)
    once more, as a flow through the small automaton that reads person ``p``'s days one by
    one (states: working for the k-th day, off for the k-th day; a run that starts at the
    period's first day may be short). Any rota keeps both forms alike, but the LP
    relaxation of the flow is the convex hull of the lines these rules allow, where the
    row form lets a line work half of every day: Curtois Instance5's LP bound rises from 712
    to 904 and its root bound after 30 s from 851 to 1139 (optimum 1143). Only for a period
    without history (runs start at the first day), and not in the elastic model (the flow
    would make the rules hard again). Continuous arc variables; day 0's state is a
    variable too."""
    n = m.n_days
    cap = most_work or least_work  # with no maximum, the last working state stays put
    states = ([("edge_work", k) for k in range(1, (most_work or 1) + 1)]
              + [("work", k) for k in range(1, cap + 1)]
              + [("edge_off", 1)] + [("off", k) for k in range(1, least_off + 1)])

    def successors(state: tuple[str, int]) -> list[tuple[str, int]]:
        kind, k = state
        if kind in ("edge_work", "work"):
            last = (most_work or 1) if kind == "edge_work" else cap
            out = [(kind, k + 1)] if k < last else [] if most_work else [(kind, k)]
            if kind == "edge_work" or k >= least_work:
                out.append(("off", 1))
            return out
        if kind == "edge_off":
            return [("edge_off", 1), ("work", 1)]
        out = [("off", min(k + 1, least_off))]
        if k >= least_off:
            out.append(("work", 1))
        return out

    arcs = [(a, b) for a in states for b in successors(a)]
    leaving = {s: [i for i, (a, _) in enumerate(arcs) if a == s] for s in states}
    entering = {s: [i for i, (_, b) in enumerate(arcs) if b == s] for s in states}
    # into[d][state]: the flow into ``state`` on day d (day 0: a variable of its own)
    into: list[dict[tuple[str, int], list]] = [
        {s: [m.continuous(f"run_{rule}", 0, 1, owner=p)] for s in (("edge_work", 1), ("edge_off", 1))}]
    m.add(pulp.lpSum(into[0][("edge_work", 1)] + into[0][("edge_off", 1)]) == 1)
    for d in range(1, n):
        flows = [m.continuous(f"run_{rule}", 0, 1, owner=p) for _ in arcs]
        for s in states:  # what is in a state on day d-1 leaves it by an arc
            m.add(pulp.lpSum(into[d - 1].get(s, [])) == pulp.lpSum(flows[i] for i in leaving[s]))
        into.append({s: [flows[i] for i in entering[s]] for s in states if entering[s]})
    for d in range(n):
        working = [v for s, vs in into[d].items() if s[0] in ("edge_work", "work") for v in vs]
        m.add(pulp.lpSum(working) == m.work(p, d))
    m.flow_people.append(p)


def runs_as_flow(m: Model, p: int, by: str) -> None:
    """Person ``p``'s runs also as a flow (:func:`run_flow`, a stronger LP), with the values
    of the run rules the model is built with (``min_block``, ``min_days_off``,
    ``consecutive``). Only in weighted mode, where these rules are the benchmarks' own, for a
    person with no history, not in the elastic model, and only in a model from
    ``planner.build_model`` (a line of days; a grunnturnus ring is built elsewhere). ``by``:
    the unit asking; the flow is built once, by ``min_block`` when it applies."""
    if (m.scenario.objective_mode != "weighted" or m.options.elastic or m.has_history(p)
            or not m.rule_ids or not m.options.run_flow):
        return

    def value(unit: str, key: str) -> int:
        v = m.person_rule(p, key) if unit in m.rule_ids else None
        return int(v) if v else 0

    block, off = value("min_block", "min_consecutive_days"), value("min_days_off", "min_days_off")
    most = value("consecutive", "max_consecutive_days")
    if (block < 2 and off < 2) or (by == "min_days_off" and block >= 2):
        return  # no run rule to tighten, or ``min_block`` builds it
    block = max(1, block)
    run_flow(m, p, block, most if most >= block else None, max(1, off), "runs")


def max_run(m: Model, on: Callable[[int], Expr], k: int, rule: str) -> None:
    """At most ``k`` days in a row in the state ``on(d)`` (0 or 1), counting the previous
    rota's last days."""
    window_limit(m, [on(d) for d in range(-k, m.n_days)], k + 1, k, rule)


def min_run(m: Model, on: Callable[[int], Expr], k: int, rule: str, *, known_past: bool) -> None:
    """A run of days in the state ``on(d)`` lasts at least ``k`` days. A run that touches the
    end of the period, or its start when the past is unknown, never counts as too short."""
    first = -(k - 1) if known_past else 1
    for d in range(first, m.n_days):
        starts = on(d) - on(d - 1)
        for j in range(1, k):
            if d + j >= m.n_days:
                break
            if d + j < 0:
                continue
            m.limit(starts - on(d + j), 0, rule)
