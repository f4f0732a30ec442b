"""At most 48 hours in any 7 days (AML § 10-5 (2), averaged by written agreement).

Counted as the law's limits count time (``ShiftType.limit_minutes``): paid time, a sleeping
night watch at the workplace in full clock time, on-call from home at its counted part."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from roster.check import windows
from roster.rules.blocks import window_limit
from roster.rules.params import HOURS_PER_WEEK, Kind, Param
from roster.rules.spec import RuleUnit
from roster.rules.words import Day, Hours, Text

if TYPE_CHECKING:
    from roster.check import CheckContext
    from roster.model import Model
    from roster.rules.breach import Breach

ID = "hours_7_days"
KEY = "max_hours_per_7_days"
TOO_MANY = Text("{name}: {total} in the 7 days from {day}; at most {most:g} h (AML § 10-5 (2))",
                "{name}: {total} i de 7 dagene fra {day}; høyst {most:g} t (aml. § 10-5 (2))")


def build(m: Model) -> None:
    """Hours in any 7 consecutive days stay within the limit."""
    limit = m.scenario.rules.get(KEY)
    if not limit:
        return
    cap = round(limit * 60)
    longest = max((s.limit_minutes for s in m.shifts.values()), default=0)
    if longest * 7 <= cap:
        return  # cannot bind: seven of the longest shifts fit
    for p in m.persons():
        window_limit(m, [m.limit_minutes(p, d) for d in range(-6, m.n_days)], 7, cap, ID)


def check(ctx: CheckContext) -> Iterator[Breach]:
    limit = ctx.scenario.rules.get(KEY)
    if not limit:
        return
    n = (ctx.end - ctx.start).days + 1
    for sid, person in ctx.staff.items():
        days = ctx.days_of(sid)
        paid = [ctx.shifts[c].limit_minutes if (c := days.get(ctx.start + dt.timedelta(days=d)))
                in ctx.shifts else 0 for d in range(-6, n)]
        for i, week in windows(paid, 7):
            total = sum(week)
            if total > limit * 60 + 1e-6:
                first = ctx.start + dt.timedelta(days=i - 6)
                yield UNIT.breach(TOO_MANY.render(name=person.name, total=Hours(total), day=Day(first),
                                                  most=limit),
                                  staff=sid, date=first)


UNIT = RuleUnit(
    id=ID, nb="timer per 7 dager", en="hours in 7 days", kind="hard", source="AML § 10-5 (2)",
    summary="at most 48 h in any 7 days (a sleeping night watch in full, on-call from home at its "
            "counted part)",
    params=(Param(KEY, Kind.NUMBER, 48.0, "Maks timer per 7 dager", "Max hours per 7 days",
                  bounds=(0, HOURS_PER_WEEK), zero_is_off=True, note="AML § 10-5 (2); 0 = off"),),
    build=build, check=check,
)
