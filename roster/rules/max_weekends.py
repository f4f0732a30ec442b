"""At most N weekends worked in the period (benchmarks, or a scenario that wants it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pulp

from roster.model import is_constant
from roster.rules.params import MAX_DAYS, Kind, Param, Scope
from roster.rules.spec import RuleUnit
from roster.rules.words import Text

if TYPE_CHECKING:
    from roster.check import CheckContext
    from roster.model import Model
    from roster.rules.breach import Breach

ID = "max_weekends"
TOO_MANY = Text("{name}: {n} weekends worked; at most {most}", "{name}: {n} helger i arbeid; høyst {most}")


def build(m: Model) -> None:
    """A person works at most N weekends within the period."""
    for p, n in m.persons_with(ID, least=0):
        worked = [m.weekend_worked(p, s) for s in m.period_saturdays()]
        if not all(is_constant(w) for w in worked):
            m.limit(pulp.lpSum(worked), n, ID)


def check(ctx: CheckContext) -> Iterator[Breach]:
    for sid, person, n in ctx.staff_with(ID, least=0):
        inside = [s for s in ctx.weekends_worked(sid) if s >= ctx.start - dt.timedelta(days=1)]
        if len(inside) > n:
            yield UNIT.breach(TOO_MANY.render(name=person.name, n=len(inside), most=n), staff=sid,
                              start=ctx.start, end=ctx.end)


UNIT = RuleUnit(
    id=ID, nb="maks helger", en="max weekends", kind="hard", source="the scenario / benchmarks",
    summary="at most N weekends worked in the period",
    params=(Param(ID, Kind.INT, None, "Maks helger i perioden", "Max weekends in the period",
                  bounds=(0, MAX_DAYS), scope=Scope.BOTH, zero_is_off=True,
                  note="0 = off (per person: 0 = no weekends)"),),
    build=build, check=check,
)
