"""A slot never has more people than its ``max_staff``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from roster.rules.spec import RuleUnit
from roster.rules.words import Day, Text

if TYPE_CHECKING:
    from roster.check import CheckContext
    from roster.model import Model
    from roster.rules.breach import Breach

ID = "max_staff"
TOO_MANY = Text("{day} {shift}: {n} staffed, at most {most}", "{day} {shift}: {n} bemannet, høyst {most}")


def build(m: Model) -> None:
    """Base and soft slots stay within their maximum (a service slot's maximum is part of
    its opening rule, ``open_or_minimum``)."""
    for slot in m.table.slots:
        if slot.max_staff is not None and slot.priority != "service":
            m.limit(m.staffed(slot), slot.max_staff, ID)


def check(ctx: CheckContext) -> Iterator[Breach]:
    for slot in ctx.table.slots:
        n = len(ctx.on_duty.get((slot.date, slot.shift), []))
        if slot.max_staff is not None and n > slot.max_staff:
            yield UNIT.breach(TOO_MANY.render(day=Day(slot.date), shift=slot.shift, n=n,
                                              most=slot.max_staff),
                              date=slot.date, shift=slot.shift, assigned=n)


UNIT = RuleUnit(
    id=ID, nb="maks bemanning", en="maximum staff", kind="hard", source="the scenario",
    summary="no slot has more people than its maximum",
    build=build, check=check,
)
