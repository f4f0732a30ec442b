"""Rest: daily rest between shifts (and forbidden successions), weekly rest."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import pulp

from roster.rules import rule
from roster.scenario import MINUTES_PER_DAY, Scenario

if TYPE_CHECKING:
    from roster.model import Model


def forbidden_successions(scenario: Scenario) -> dict[tuple[str, int], set[str]]:
    """(shift a, days later k) -> shifts b that may not follow a k days later.

    From the shifts' clock times (rest shorter than ``min_rest_hours``) and from the
    scenario's explicit ``forbidden_successions`` (always the next day).
    """
    out: dict[tuple[str, int], set[str]] = defaultdict(set)
    rules = scenario.rules
    rest = round(rules.min_rest_hours * 60)
    if rules.check_times and rest > 0:
        for a in scenario.shifts:
            for b in scenario.shifts:
                if not (a.has_times and b.has_times):
                    continue
                for k in (1, 2):
                    gap = k * MINUTES_PER_DAY + b.start - a.end_offset  # type: ignore[operator]
                    if gap < rest:
                        out[(a.code, k)].add(b.code)
    for a_code, b_code in rules.forbidden_successions:
        out[(a_code, 1)].add(b_code)
    return dict(out)


@rule("daily_rest", "AML § 10-8 (1): 11 hours' rest between shifts; explicit forbidden successions")
def daily_rest(m: Model) -> None:
    """No shift may follow another with less than the daily rest in between (computed from
    real clock times across midnight), nor follow it where the scenario forbids it."""
    table = forbidden_successions(m.scenario)
    if not table:
        return
    for p in m.persons():
        for d in range(-2, m.n_days):
            for (a, k), bs in table.items():
                xa = m.x_at(p, d, a)
                if isinstance(xa, int) and xa == 0:
                    continue
                follow = [m.x_at(p, d + k, b) for b in bs]
                follow = [f for f in follow if not (isinstance(f, int) and f == 0)]
                if not follow:
                    continue
                if isinstance(xa, int) and all(isinstance(f, int) for f in follow):
                    continue  # all in the past: not this rota's to fix
                m.limit(xa + pulp.lpSum(follow), 1, "rest")


@rule("weekly_rest", "AML § 10-8 (2): 35 hours' continuous rest in every 7 days")
def weekly_rest(m: Model) -> None:
    """Every 7-day window holds a rest day: a date with no shift that lies inside a free
    period of at least ``weekly_rest_hours`` (see docs/rules.md for how it is counted)."""
    rules = m.scenario.rules
    need = round(rules.weekly_rest_hours * 60)
    shifts = list(m.shifts.values())
    if need <= 0 or not rules.check_times or not all(s.has_times for s in shifts):
        return
    start = {s.code: s.start for s in shifts}
    end = {s.code: s.end_offset for s in shifts}
    overflow = [c for c in end if end[c] > MINUTES_PER_DAY]
    for p in m.persons():
        has_history = any(sid == m.staff[p].id for sid, _ in m.history)
        d_lo = -6 if has_history else 0
        if m.n_days - d_lo < 7:
            continue
        rest_day: dict[int, pulp.LpVariable | int] = {}
        for d in range(d_lo, m.n_days):
            work = m.work(p, d)
            if isinstance(work, int) and work == 1:
                rest_day[d] = 0
                continue
            r = m.binary("restday", owner=p)
            rest_day[d] = r
            if not isinstance(work, int):
                m.add(r + work <= 1)
            for a in overflow:  # a night shift from the day before ends inside this day
                xa = m.x_at(p, d - 1, a)
                if not (isinstance(xa, int) and xa == 0):
                    m.add(r + xa <= 1)
            for b in start:
                xb = m.x_at(p, d + 1, b)
                if isinstance(xb, int) and xb == 0:
                    continue
                # gap from the end of the shift on d-1 to the start of b on d+1; with
                # d-1 off the free period reaches back to d-2 and is always long enough
                bad = [a for a in end if a not in overflow
                       and 2 * MINUTES_PER_DAY + start[b] - end[a] < need]
                if bad:
                    m.add(r + xb + pulp.lpSum(m.x_at(p, d - 1, a) for a in bad) <= 2)
                for a2 in overflow:  # a night shift on d-2 ending late on d-1
                    if 3 * MINUTES_PER_DAY + start[b] - end[a2] < need:
                        m.add(r + xb + m.x_at(p, d - 2, a2) - m.work(p, d - 1) <= 2)
        for t in range(d_lo, m.n_days - 6):
            window = [rest_day[d] for d in range(t, t + 7)]
            if all(isinstance(w, int) for w in window) and t < 0 and sum(window) == 0:
                continue
            m.at_least(pulp.lpSum(window), 1, "weekly_rest")

