"""Working blocks of at least N days (benchmarks, or a scenario that wants them)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from roster.rules.blocks import min_run, runs_as_flow
from roster.rules.params import MAX_DAYS, Kind, Param, Scope
from roster.rules.spec import RuleUnit
from roster.rules.words import Day, Text

if TYPE_CHECKING:
    from roster.check import CheckContext
    from roster.model import Model
    from roster.rules.breach import Breach

ID = "min_block"
KEY = "min_consecutive_days"
TOO_SHORT = Text("{name}: a working block of {n} day(s) from {first}; at least {least}",
                 "{name}: en arbeidsperiode på {n} dag(er) fra {first}; minst {least}")


def build(m: Model) -> None:
    """A block of working days is at least N days long. A block that touches the edge of
    the period (with no known history) never counts as too short."""
    for p, k in m.persons_with(KEY, least=2):
        min_run(m, partial(m.work, p), k, ID, known_past=m.has_history(p))
        runs_as_flow(m, p, by=ID)


def check(ctx: CheckContext) -> Iterator[Breach]:
    for sid, person, k in ctx.staff_with(KEY, least=2):
        known_start = None if ctx.has_history(sid) else ctx.start
        for first, last in ctx.runs(sid):
            n = (last - first).days + 1
            touches = first == known_start or last == ctx.end or last < ctx.start
            if n < k and not touches:
                yield UNIT.breach(TOO_SHORT.render(name=person.name, n=n, first=Day(first), least=k),
                                  staff=sid, date=first)


UNIT = RuleUnit(
    id=ID, nb="korte arbeidsøkter", en="short working blocks", kind="hard",
    source="the scenario / benchmarks", summary="working blocks of at least N days",
    params=(Param(KEY, Kind.INT, None, "Minst dager på rad", "Min days in a row", bounds=(0, MAX_DAYS),
                  scope=Scope.BOTH, zero_is_off=True, note="0 = off"),),
    build=build, check=check,
)
