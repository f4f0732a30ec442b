"""Soft cover (public benchmarks): a preferred staffing, each missing or extra person costs
the slot's weight."""

from __future__ import annotations

from typing import TYPE_CHECKING

from roster.model import Priority
from roster.rules.spec import RuleUnit

if TYPE_CHECKING:
    from roster.model import Model

ID = "soft_cover"


def build(m: Model) -> None:
    """A soft slot wants exactly its staffing; each missing and each extra person costs
    the slot's under/over weight (the weighted objective of the public benchmarks)."""
    for slot in m.table.slots:
        if slot.priority != "soft":
            continue
        staffed = m.staffed(slot)
        n = m.eligible(slot)
        under = m.continuous("under", up=slot.min_staff)
        m.implied_integer.add(under.name)
        m.add(staffed + under >= slot.min_staff)
        m.cost(Priority.BASE, under, rule=ID, weight=slot.req.under_weight)
        if slot.req.over_weight and n > slot.min_staff:
            over = m.continuous("over", up=n - slot.min_staff)
            m.implied_integer.add(over.name)
            m.add(staffed - over <= slot.min_staff)
            m.cost(Priority.BASE, over, rule=ID, weight=slot.req.over_weight)


UNIT = RuleUnit(
    id=ID, nb="ønsket bemanning", en="soft cover", kind="weighted",
    source="benchmarks: a preferred staffing with a weight per missing/extra person",
    summary="a preferred staffing with a weight per missing/extra person",
    build=build,
)
