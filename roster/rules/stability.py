"""Stability: change a published plan as little as possible (the trust-person principle)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from roster.model import Priority
from roster.rules.spec import RuleUnit

if TYPE_CHECKING:
    from roster.model import Model

ID = "stability"


def build(m: Model) -> None:
    """Against a given plan for the same period, every person-day whose shift changes
    costs one."""
    if m.baseline is None:
        return
    for p in m.persons():
        sid = m.staff[p].id
        for d in range(m.n_days):
            planned = m.baseline.get((sid, m.date_of(d)))
            if planned is not None:
                m.cost(Priority.STABILITY, 1 - m.x_at(p, d, planned), rule=ID)
            elif m.by_pd.get((p, d)):
                m.cost(Priority.STABILITY, m.work(p, d), rule=ID)


UNIT = RuleUnit(
    id=ID, nb="stabilitet", en="stability", kind="priority 6",
    source="trust-person principle (DOMAIN.md): change a published plan as little as possible",
    summary="change a published plan as little as possible",
    build=build,
)
