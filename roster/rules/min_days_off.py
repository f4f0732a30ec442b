"""Stretches of days off of at least N days (benchmarks, or a scenario that wants them)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import TYPE_CHECKING

from roster.rules.blocks import min_run, runs_as_flow
from roster.rules.params import MAX_DAYS, Kind, Param, Scope
from roster.rules.spec import RuleUnit
from roster.rules.words import Day, Text

if TYPE_CHECKING:
    from roster.check import CheckContext
    from roster.model import Model
    from roster.rules.breach import Breach

ID = "min_days_off"
TOO_FEW = Text("{name}: only {n} day(s) off before {day}; at least {least}",
               "{name}: bare {n} fridag(er) før {day}; minst {least}")


def build(m: Model) -> None:
    """A stretch of days off is at least N days long (edges as for working blocks)."""
    for p, k in m.persons_with(ID, least=2):
        min_run(m, lambda d, p=p: 1 - m.work(p, d), k, ID, known_past=m.has_history(p))
        runs_as_flow(m, p, by=ID)


def check(ctx: CheckContext) -> Iterator[Breach]:
    for sid, person, k in ctx.staff_with(ID, least=2):
        for (_, last), (nxt, _) in pairwise(ctx.runs(sid)):
            gap = (nxt - last).days - 1
            if gap < k and nxt >= ctx.start:
                yield UNIT.breach(TOO_FEW.render(name=person.name, n=gap, day=Day(nxt), least=k),
                                  staff=sid, date=nxt)


UNIT = RuleUnit(
    id=ID, nb="fridager", en="days off", kind="hard",
    source="the scenario / benchmarks", summary="stretches of days off of at least N days",
    params=(Param(ID, Kind.INT, None, "Minst fridager på rad", "Min days off in a row",
                  bounds=(0, MAX_DAYS), scope=Scope.BOTH, zero_is_off=True, note="0 = off"),),
    build=build, check=check,
)
