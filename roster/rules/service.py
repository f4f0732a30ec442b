"""The service level: how many evenings, weekends and holidays are opened against target."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import pulp

from roster.rules import rule

if TYPE_CHECKING:
    from roster.model import Model


@rule("service_targets", "Service standard (DOMAIN.md): 4 evenings a week, every weekend, "
      "holidays; degrade in steps when staff are missing")
def service_targets(m: Model) -> None:
    """Open each service requirement as often as its target says, never more.

    When staffing does not allow every target, the planner gives service up by rank
    (rank 1 is kept longest). Within one rank it first keeps the worst-hit period as
    close to its target as it can (so the cut is spread evenly: 2 evenings every week
    rather than 4 in some weeks and none in others), then opens as much as it can.
    """
    by_rank: dict[int, list] = defaultdict(list)
    for g in m.table.target_groups:
        opened = pulp.lpSum(m.open_vars[k] for k in g.units)
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
            m.cost("service", pulp.lpSum(s for _, s in members) * (1.0 / total),
                   rule="service_targets", sub=2 * rank + 1)
        m.cost("service", worst, rule="service_targets", sub=2 * rank)
