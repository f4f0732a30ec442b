"""A service slot is either not opened (nobody on it) or staffed with at least its minimum:
never one alone. All slots of one opening unit (a whole weekend, say) open together."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from roster.rules.spec import RuleUnit
from roster.rules.words import Day, Text, Words

if TYPE_CHECKING:
    from roster.check import CheckContext
    from roster.model import Model
    from roster.rules.breach import Breach

ID = "open_or_minimum"
HALF_OPEN = Text("{day} {shift}: opened with {who}; a service shift needs at least {need} or is "
                 "not opened",
                 "{day} {shift}: åpnet med {who}; vakten skal ha minst {need} eller ikke åpnes")


def build(m: Model) -> None:
    """Nobody works a service slot whose unit is not opened (the model's ``opened`` already
    asks an opened unit for its minimum on every slot); at most ``max_staff`` when opened."""
    for key, slots in m.table.units.items():
        opened = m.opened(key)
        for slot in slots:
            cap = m.eligible(slot) if slot.max_staff is None else min(slot.max_staff, m.eligible(slot))
            m.add(m.staffed(slot) <= cap * opened)


def check(ctx: CheckContext) -> Iterator[Breach]:
    for slot in ctx.table.slots:
        n = len(ctx.on_duty.get((slot.date, slot.shift), []))
        if slot.priority == "service" and 0 < n < slot.min_staff:
            who = Words("one person alone", "én person alene") if n == 1 else Words(f"only {n}", f"bare {n}")
            yield UNIT.breach(HALF_OPEN.render(day=Day(slot.date), shift=slot.shift, who=who,
                                               need=slot.min_staff),
                              date=slot.date, shift=slot.shift, assigned=n, min=slot.min_staff)


UNIT = RuleUnit(
    id=ID, nb="halvt åpnet vakt", en="half-opened shift", kind="hard",
    source="service standard (DOMAIN.md): never one alone; 3 or not opened",
    summary="a service slot has 0 staff or at least its minimum (3): never 1 or 2",
    build=build, check=check,
)
