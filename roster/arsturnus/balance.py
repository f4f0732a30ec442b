"""Hours balanced over the year: each planned period takes its share of each person's
projected plus/minus (årsarbeidstid).

A grunnturnus balances hours over its cycle, not over a calendar year: a year is not a
whole number of cycles, the holiday reduction (1/5 of the weekly hours for each public
holiday on Monday-Friday) is not in a rolling plan, and a vacation takes away the shifts of
the weeks it falls in, which may be more or fewer than an average week. Before each planned
period the year is projected (the rota as it stands, rolled and planned), and each person's
plus/minus is spread over the periods still to plan in proportion to their days: the
period's share is its aim. The cost is a sub-stage right after contract hours
(``hours.1``): it never trades base coverage or the contract band for it, and it comes
before service level, fairness, wishes and stability.
"""

from __future__ import annotations

from collections.abc import Mapping

import pulp

from roster.model import Model, Priority
from roster.rules.spec import RuleUnit

ID = "year_balance"


def balance_unit(aims: Mapping[str, tuple[int, int]]) -> RuleUnit:
    """``aims``: staff id -> (low, high) minutes for the period; hours outside cost per hour."""

    def build(m: Model) -> None:
        for p in m.persons():
            aim = aims.get(m.staff[p].id)
            if aim is None:
                continue
            minutes = pulp.lpSum(m.worked_minutes(p, d) for d in range(m.n_days))
            if len(minutes) == 0:
                continue
            low, high = aim
            over, under = m.continuous("bal_over", owner=p), m.continuous("bal_under", owner=p)
            m.add(minutes - over <= high)
            m.add(minutes + under >= low)
            m.cost(Priority.HOURS, (over + under) * (1 / 60), rule=ID, sub=1)

    return RuleUnit(id=ID, nb="årsarbeidstid i balanse", en="hours balanced over the year",
                    kind="priority 2 (sub-stage 1)", staged_only=True,
                    source="årsturnus: each person's hours over the year against their contract "
                           "(KS HTA § 4, averaging as AML § 10-5)",
                    summary="a planned period takes its share of each person's projected "
                            "plus/minus over the year",
                    build=build)
