"""The service level: open evenings, weekends and holidays as often as their target says.

When staffing does not allow every target, the planner gives service up by rank (rank 1
is kept longest). Within one rank it first keeps the worst-hit period as close to its
target as it can (so the cut is spread evenly: 2 evenings every week rather than 4 in
some weeks and none in others), then opens as much as it can."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pulp

from roster.model import Priority
from roster.rules.breach import Severity
from roster.rules.spec import RuleUnit
from roster.rules.words import Text, Words

if TYPE_CHECKING:
    from roster.check import CheckContext
    from roster.model import Model
    from roster.rules.breach import Breach

ID = "service_target"
MISSED = Text("{what} {period}: {opened} of {target} {unit} opened (target {describe})",
              "{what} {period}: {opened} av {target} {unit} åpnet")


def build(m: Model) -> None:
    """Open each service requirement as often as its target says, never more; a shortfall
    costs by rank: the worst-hit period first, then the total."""
    by_rank: dict[int, list] = defaultdict(list)
    for g in m.table.target_groups:
        opened = pulp.lpSum(m.opened(k) for k in g.units)
        m.add(opened <= g.target)
        if g.target == 0:
            continue
        short = m.continuous("svc_short", up=g.target)
        m.add(opened + short >= g.target)
        by_rank[g.req.rank].append((g, short))
    for rank, items in sorted(by_rank.items()):
        # "every weekend" targets are judged per month, not per single weekend
        relative: dict[tuple, list] = defaultdict(list)
        for g, short in items:
            if g.req.open.always:
                date = m.table.units[g.units[0]][0].date
                key: tuple = (g.req.index, "month", date.year, date.month)
            else:
                key = (g.req.index, *g.period)
            relative[key].append((g.target, short))
        worst = m.continuous("svc_worst", up=1)
        for members in relative.values():
            total = sum(t for t, _ in members)
            m.add(pulp.lpSum(s for _, s in members) <= total * worst)
            m.cost(Priority.SERVICE, pulp.lpSum(s for _, s in members) * (1.0 / total),
                   rule=ID, sub=2 * rank + 1)
        m.cost(Priority.SERVICE, worst, rule=ID, sub=2 * rank)


def check(ctx: CheckContext) -> Iterator[Breach]:
    for g in ctx.table.target_groups:
        opened = sum(1 for key in g.units
                     if all(len(ctx.on_duty.get((sl.date, sl.shift), [])) >= sl.min_staff
                            for sl in ctx.table.units[key]))
        if opened < g.target:
            weekend = g.req.unit == "weekend"
            unit = Words("weekends", "helger") if weekend else Words("days", "dager")
            period = Words(g.label, g.label.replace("week", "uke"))
            first = ctx.table.units[g.units[0]][0].date
            yield UNIT.breach(MISSED.render(what=g.req.label or g.req.shift, period=period,
                                            opened=opened, target=g.target, unit=unit,
                                            describe=g.req.open.describe(g.req.unit)),
                              date=first, shift=g.req.shift, opened=opened, target=g.target)


UNIT = RuleUnit(
    id=ID, nb="tjenestenivå", en="service level", kind="priority 3", severity=Severity.WARNING,
    source="service standard (DOMAIN.md): 4 evenings a week, every weekend, holidays; degrade "
           "in steps when staff are missing",
    summary="open as often as the target says (4 evenings a week, every weekend ...), never "
            "more; give up by rank, spread evenly",
    build=build, check=check,
)
