"""Base coverage: a base slot has at least its minimum, even under sick leave.

A shortfall is the first thing the planner minimises (priority 1) and is reported with who
was away. With ``--robust N`` base slots also want N more (priority "robust")."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from roster.explain import explain_slot
from roster.model import Priority
from roster.rules.spec import RuleUnit
from roster.rules.words import Day, Text

if TYPE_CHECKING:
    from roster.check import CheckContext
    from roster.model import Model
    from roster.rules.breach import Breach

ID = "coverage"
SHORT = Text("{day} {shift}: {n} of {need} staffed; {why}",
             "{day} {shift}: {n} av {need} bemannet; {why}")


def build(m: Model) -> None:
    """A base slot has at least its minimum: a shortfall costs one per missing person."""
    extra = m.options.extra_on_base
    for slot in m.table.slots:
        if slot.priority != "base":
            continue
        staffed = m.staffed(slot)
        short = m.continuous("short")
        m.add(staffed + short >= slot.min_staff)
        m.cost(Priority.BASE, short, rule=ID)
        if extra:
            short_extra = m.continuous("short_extra")
            m.add(staffed + short + short_extra >= slot.min_staff + extra)
            # robust margin: wanted, but not at the price of the service level
            m.cost(Priority.ROBUST, short_extra, rule=ID)


def check(ctx: CheckContext) -> Iterator[Breach]:
    for slot in ctx.table.slots:
        n = len(ctx.on_duty.get((slot.date, slot.shift), []))
        if slot.priority == "base" and n < slot.min_staff:
            why = explain_slot(ctx.scenario, slot.date, slot.shift)
            yield UNIT.breach(SHORT.render(day=Day(slot.date), shift=slot.shift, n=n,
                                           need=slot.min_staff, why=why),
                              date=slot.date, shift=slot.shift, assigned=n, min=slot.min_staff)


UNIT = RuleUnit(
    id=ID, nb="bemanning", en="base coverage", kind="hard + priority 1",
    source="service standard (DOMAIN.md): base coverage holds even under sick leave",
    summary="base slots reach their minimum; a shortfall is minimised first and reported with "
            "who was away",
    build=build, check=check,
)
