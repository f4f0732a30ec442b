"""At most N working days in a row (calendar days with a shift), counting the previous rota."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from roster.rules.blocks import max_run
from roster.rules.params import MAX_DAYS, Kind, Param, Scope
from roster.rules.spec import RuleUnit
from roster.rules.words import Day, Text

if TYPE_CHECKING:
    from roster.check import CheckContext
    from roster.model import Model
    from roster.rules.breach import Breach

ID = "consecutive"
KEY = "max_consecutive_days"
TOO_MANY = Text("{name}: {n} working days in a row ({first} to {last}); at most {most}",
                "{name}: {n} arbeidsdager på rad ({first} til {last}); høyst {most}")


def build(m: Model) -> None:
    """At most K working days in a row, counting the previous rota's last days."""
    for p, k in m.persons_with(KEY):
        max_run(m, partial(m.work, p), k, ID)


def check(ctx: CheckContext) -> Iterator[Breach]:
    for sid, person, k in ctx.staff_with(KEY):
        for first, last, n in ctx.runs_longer_than(sid, k):
            said = TOO_MANY.render(name=person.name, n=n, first=Day(first), last=Day(last), most=k)
            yield UNIT.breach(said, staff=sid, date=last, start=first, end=last)


UNIT = RuleUnit(
    id=ID, nb="dager på rad", en="days in a row", kind="hard",
    source="practice: the law has no number (AML § 10-8 (2) weekly rest limits it indirectly)",
    summary="at most 6 working days in a row, counting the previous rota",
    params=(Param(KEY, Kind.INT, 6, "Maks dager på rad", "Max days in a row", bounds=(0, MAX_DAYS),
                  scope=Scope.BOTH, zero_is_off=True, note="0 = off"),),
    build=build, check=check,
)
