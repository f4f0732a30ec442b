"""Daily rest: 11 hours between two shifts, from real clock times across midnight, and the
scenario's explicitly forbidden successions (a night followed by a day, say)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from itertools import pairwise
from typing import TYPE_CHECKING

import pulp

from roster.rules.params import HOURS_PER_WEEK, Kind, Param
from roster.rules.spec import RuleUnit
from roster.rules.words import Day, Hours, Text
from roster.scenario import MINUTES_PER_DAY, Scenario

if TYPE_CHECKING:
    from roster.check import CheckContext
    from roster.model import Model
    from roster.rules.breach import Breach

ID = "rest"
TOO_SHORT = Text("{name}: {rest} rest between {a} on {day_a} and {b} on {day_b}; at least {need:g} h "
                 "required (AML § 10-8 (1))",
                 "{name}: {rest} hvile mellom {a} {day_a} og {b} {day_b}; minst {need:g} t kreves "
                 "(aml. § 10-8 (1))")
FORBIDDEN = Text("{name}: {b} may not follow {a} ({day})", "{name}: {b} kan ikke komme etter {a} ({day})")


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


def build(m: Model) -> None:
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
                m.limit(xa + pulp.lpSum(follow), 1, ID)


def check(ctx: CheckContext) -> Iterator[Breach]:
    rules = ctx.scenario.rules
    rest = round(rules.min_rest_hours * 60)
    forbidden = set(rules.forbidden_successions)
    for sid, person in ctx.staff.items():
        if rest > 0 and rules.check_times:
            for (_, e1, d1, c1), (s2, _, d2, c2) in pairwise(ctx.intervals(sid)):
                if d2 >= ctx.start and s2 - e1 < rest:
                    yield UNIT.breach(TOO_SHORT.render(name=person.name, rest=Hours(max(0, s2 - e1)),
                                                       a=c1, day_a=Day(d1), b=c2, day_b=Day(d2),
                                                       need=rules.min_rest_hours),
                                      staff=sid, date=d2, shift=c2)
        days = ctx.days_of(sid)
        for date, code in days.items():
            after = date + dt.timedelta(days=1)
            nxt = days.get(after)
            if nxt and (code, nxt) in forbidden and after >= ctx.start:
                yield UNIT.breach(FORBIDDEN.render(name=person.name, a=code, b=nxt, day=Day(date)),
                                  staff=sid, date=after, shift=nxt)


UNIT = RuleUnit(
    id=ID, nb="døgnhvile", en="daily rest", kind="hard", source="AML § 10-8 (1)",
    summary="11 h between shifts, from real clock times across midnight; explicit forbidden "
            "successions",
    params=(
        Param("min_rest_hours", Kind.NUMBER, 11.0, "Daglig hvile (timer)", "Daily rest (hours)",
              bounds=(0, HOURS_PER_WEEK), note="AML § 10-8 (1)"),
        Param("forbidden_successions", Kind.PAIRS, (), "Forbudte vaktfølger", "Forbidden successions",
              offered=False, note='["N", "D"]: D may not follow N the next day'),
    ),
    build=build, check=check,
)
