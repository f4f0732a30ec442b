"""Eligibility rules (filters): who may take which shift on which day at all.

One predicate serves both halves of such a rule: the model never creates an assignment
variable the predicate forbids, and the check reports every assignment it forbids. The
predicates themselves are data look-ups in ``roster.availability``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from roster.rules.spec import RuleUnit
from roster.rules.words import Day, Text

if TYPE_CHECKING:
    from roster.check import CheckContext
    from roster.model import Model
    from roster.rules.breach import Breach
    from roster.scenario import Scenario, Staff

Forbids = Callable[["Scenario", "Staff", dt.date, str], bool]


def eligibility_unit(*, id: str, nb: str, en: str, source: str, summary: str, forbids: Forbids,
                     said: Text) -> RuleUnit:
    """A filter unit from its predicate and its message (fields ``name``, ``day``, ``shift``)."""

    def allows(m: Model, p: int, d: int, code: str) -> bool:
        return not forbids(m.scenario, m.staff[p], m.days[d].date, code)

    def check(ctx: CheckContext) -> Iterator[Breach]:
        for a, person in ctx.by_known_staff():
            if forbids(ctx.scenario, person, a.date, a.shift):
                yield unit.breach(said.render(name=person.name, day=Day(a.date), shift=a.shift),
                                  staff=a.staff, date=a.date, shift=a.shift)

    allows.__doc__ = check.__doc__ = summary
    unit = RuleUnit(id=id, nb=nb, en=en, source=source, summary=summary, kind="filter",
                    allows=allows, check=check)
    return unit
