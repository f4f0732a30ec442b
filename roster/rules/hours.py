"""Contract hours: each person's planned hours within their band for the period.

The band is stillingsprosent x weekly hours by working-time arrangement (KS HTA § 4) for
the days present, plus/minus a tolerance (``roster.contract``); benchmarks give it in
minutes per person. Hours above the band are never planned; hours below it are minimised
right after base coverage and reported as a warning (there may not be enough shifts to
give everyone their hours)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import pulp

from roster.contract import band_minutes, hours_band
from roster.model import Priority
from roster.rules.breach import Severity
from roster.rules.params import MAX_HOURS_PER_PERSON, Kind, Param, Scope
from roster.rules.spec import RuleUnit
from roster.rules.words import Hours, Text, Words
from roster.scenario import TURNUS_TYPES

if TYPE_CHECKING:
    from roster.check import CheckContext
    from roster.model import Model
    from roster.rules.breach import Breach

ID = "hours"
OUTSIDE = Text("{name}: {planned} planned, {side} the contract band {lo}-{hi}",
               "{name}: {planned} planlagt, {side} {lo}-{hi} etter stillingsprosent")
ABOVE, BELOW = Words("above", "over"), Words("below", "under")


def build(m: Model) -> None:
    """Planned hours stay at or below the band's top; hours below its bottom cost (priority
    2), or are a hard rule in weighted mode (benchmarks)."""
    weighted = m.scenario.objective_mode == "weighted"
    for p in m.persons():
        band = m.bands[p]
        minutes = pulp.lpSum(m.worked_minutes(p, d) for d in range(m.n_days))
        if len(minutes) == 0:
            if band.min > 0 and not weighted:
                m.cost(Priority.HOURS, band.min / 60, rule=ID)
            continue
        m.limit(minutes, band.max, ID)
        if band.min > 0:
            if weighted:
                m.at_least(minutes, band.min, ID)
            else:
                short = m.continuous("hours_short", owner=p)
                m.add(minutes + short >= band.min)
                m.cost(Priority.HOURS, short * (1 / 60), rule=ID)


def check(ctx: CheckContext) -> Iterator[Breach]:
    for person in ctx.scenario.staff:
        band = hours_band(ctx.scenario, person, ctx.table.days)
        total = sum(ctx.shifts[c].paid_minutes for (s, _), c in ctx.work.items()
                    if s == person.id and c in ctx.shifts)
        if total > band.max or total < band.min:
            above = total > band.max
            # below the band is a hard rule in weighted mode (the benchmarks' minimum minutes)
            hard = above or ctx.scenario.objective_mode == "weighted"
            yield UNIT.breach(OUTSIDE.render(name=person.name, planned=Hours(total),
                                             side=ABOVE if above else BELOW, lo=Hours(band.min),
                                             hi=Hours(band.max)),
                              severity=Severity.ERROR if hard else Severity.WARNING,
                              staff=person.id, start=ctx.start, end=ctx.end, planned=round(total / 60, 2))


def person_problems(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    lo, hi = band_minutes(values)
    if lo is not None and hi is not None and lo > hi:
        return [("max_hours", "max is below min")]
    return []


def _person_hours(key: str, nb: str, en: str, unit_minutes: bool = False) -> Param:
    top = MAX_HOURS_PER_PERSON * (60 if unit_minutes else 1)
    note = ("the same in minutes (benchmarks); minutes win" if unit_minutes
            else "the person's own band for the period, instead of the one from stillingsprosent")
    return Param(key, Kind.NUMBER, None, nb, en, bounds=(0, top), scope=Scope.PERSON,
                 offered=not unit_minutes, contract=False, note=note)


UNIT = RuleUnit(
    id=ID, nb="timer", en="contract hours", kind="hard above, priority 2 below",
    source="stillingsprosent x weekly hours (KS HTA § 4) within a tolerance; benchmarks: a band "
           "in minutes",
    summary="planned hours within the contract band",
    params=(
        Param("turnus_type", Kind.CHOICE, "turnus", "Arbeidstidsordning", "Working-time arrangement",
              choices=TURNUS_TYPES, note="day / turnus / round_the_clock (HTA § 4.2)"),
        Param("weekly_hours", Kind.TABLE,
              MappingProxyType({"day": 37.5, "turnus": 35.5, "round_the_clock": 33.6}),
              "Ukentlige timer", "Weekly hours", choices=TURNUS_TYPES, contract=False, offered=False,
              note="by working-time arrangement (HTA § 4.2)"),
        Param("hours_tolerance", Kind.NUMBER, 4.0, "Timeavvik tillatt (timer)", "Hours tolerance",
              bounds=(0, 10_000), note="either side of the planned hours"),
        Param("holiday_hours_reduction", Kind.BOOL, True, "Helligdagsreduksjon", "Holiday reduction",
              contract=False, note="1/5 week less per weekday holiday"),
        _person_hours("min_hours", "Min timer", "Min hours"),
        _person_hours("max_hours", "Maks timer", "Max hours"),
        _person_hours("min_minutes", "Min minutter", "Min minutes", unit_minutes=True),
        _person_hours("max_minutes", "Maks minutter", "Max minutes", unit_minutes=True),
    ),
    build=build, check=check, person_problems=person_problems,
)
