"""Weekly rest: 35 hours' continuous rest in every 7 days (how it is counted: docs/rules.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import pulp

from roster.check import windows
from roster.rules.blocks import window_limit
from roster.rules.params import HOURS_PER_WEEK, Kind, Param
from roster.rules.spec import RuleUnit
from roster.rules.words import Day, Text
from roster.scenario import MINUTES_PER_DAY

if TYPE_CHECKING:
    from roster.check import CheckContext
    from roster.model import Model
    from roster.rules.breach import Breach
    from roster.scenario import Rules, ShiftType

ID = "weekly_rest"
NO_REST = Text("{name}: no free period of {need:g} h in the 7 days from {day} (AML § 10-8 (2))",
               "{name}: ingen sammenhengende fritid på {need:g} t i de 7 dagene fra {day} "
               "(aml. § 10-8 (2))")


def applies(rules: Rules, shifts: Iterable[ShiftType]) -> bool:
    """Counted only with a positive number of hours and clock times on every shift."""
    return round(rules.weekly_rest_hours * 60) > 0 and rules.check_times and all(s.has_times for s in shifts)


def build(m: Model) -> None:
    """Every 7-day window holds a rest day: a date with no shift that lies inside a free
    period of at least ``weekly_rest_hours``, counted conservatively from the neighbouring
    days (docs/rules.md)."""
    shifts = list(m.shifts.values())
    if not applies(m.scenario.rules, shifts):
        return
    need = round(m.scenario.rules.weekly_rest_hours * 60)
    start = {s.code: s.start for s in shifts}
    end = {s.code: s.end_offset for s in shifts}
    overflow = [c for c in end if end[c] > MINUTES_PER_DAY]
    for p in m.persons():
        d_lo = -6 if m.has_history(p) else 0
        if m.n_days - d_lo < 7:
            continue
        rest_day: list[pulp.LpVariable | int] = []
        for d in range(d_lo, m.n_days):
            work = m.work(p, d)
            if isinstance(work, int) and work == 1:
                rest_day.append(0)
                continue
            r = m.binary("restday", owner=p)
            rest_day.append(r)
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
        window_limit(m, rest_day, 7, 1, ID, at_least=True)


def check(ctx: CheckContext) -> Iterator[Breach]:
    rules = ctx.scenario.rules
    if not applies(rules, ctx.shifts.values()):
        return
    need = round(rules.weekly_rest_hours * 60)
    n = (ctx.end - ctx.start).days + 1
    for sid, person in ctx.staff.items():
        iv = ctx.intervals(sid)
        d_lo = -6 if ctx.has_history(sid) else 0
        rest_day = []
        for d in range(d_lo, n):
            lo, hi = d * MINUTES_PER_DAY, (d + 1) * MINUTES_PER_DAY
            if any(s < hi and e > lo for s, e, _, _ in iv):
                rest_day.append(False)
                continue
            prev_end = max((e for _, e, _, _ in iv if e <= lo), default=-10**9)
            next_start = min((s for s, _, _, _ in iv if s >= hi), default=10**9)
            rest_day.append(next_start - prev_end >= need)
        for i, week in windows(rest_day, 7):
            if not any(week):
                first = ctx.start + dt.timedelta(days=d_lo + i)
                yield UNIT.breach(NO_REST.render(name=person.name, need=rules.weekly_rest_hours,
                                                 day=Day(first)),
                                  staff=sid, date=first)


UNIT = RuleUnit(
    id=ID, nb="ukehvile", en="weekly rest", kind="hard", source="AML § 10-8 (2)",
    summary="35 h free in every 7 days (how it is counted: below)",
    params=(Param("weekly_rest_hours", Kind.NUMBER, 35.0, "Ukentlig hvile (timer)", "Weekly rest (hours)",
                  bounds=(0, HOURS_PER_WEEK), note="AML § 10-8 (2)"),),
    build=build, check=check,
)
