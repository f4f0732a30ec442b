"""Wishes: a day off, a shift, or a shift not wanted, each with a weight."""

from __future__ import annotations

from typing import TYPE_CHECKING

from roster.model import Priority
from roster.rules.spec import RuleUnit

if TYPE_CHECKING:
    from roster.model import Model

ID = "wishes"


def build(m: Model) -> None:
    """Each wish not granted costs its weight: a day off wished but worked, a shift wished
    but not given, a shift not wished but given."""
    for w in m.scenario.wishes:
        p = m.staff_index(w.staff)
        d = (w.date - m.date0).days
        if not 0 <= d < m.n_days:
            continue
        if w.kind == "day_off":
            m.cost(Priority.WISHES, m.work(p, d), rule=ID, weight=w.weight)
        elif w.kind == "shift":
            m.cost(Priority.WISHES, 1 - m.x_at(p, d, w.shift), rule=ID, weight=w.weight)
        else:
            m.cost(Priority.WISHES, m.x_at(p, d, w.shift), rule=ID, weight=w.weight)


UNIT = RuleUnit(
    id=ID, nb="ønsker", en="wishes", kind="priority 5",
    source="the staff (scenario / benchmarks): weighted wishes for days off and shifts",
    summary="weighted wishes for days off and shifts",
    build=build,
)
