"""The service level: open evenings, weekends and holidays as often as their target says.

When staffing does not allow every target, the planner gives service up by rank (rank 1
is kept longest), and within one rank in three steps, each a stage of its own:

1. **the worst-hit period** (``service.<3 x rank>``): the largest share of its target a
   period (a week of evenings, a month of weekends or holidays) gives up is as small as it
   can be, so the cut is spread: 2 evenings every week rather than 4 in some weeks and none
   in others;
2. **the total** (``service.<3 x rank + 1>``): then as much service as possible, each period's
   shortfall counted as a share of its target;
3. **the spread** (``service.<3 x rank + 2>``): then the periods of one requirement as even as
   the total allows (the sum of their squared shares given up), so weeks that are not the
   worst do not differ either: 3, 3, 3, 2 evenings rather than 4, 3, 2, 2.

Comparable periods. A week (or month) of a counted target ("4 a week") only partly inside
the planning period counts pro rata: its target is scaled to its units inside
(``SlotTable``) and its cut is measured as a share of that. If fewer than half of its units
are inside, it counts only in the total, not in the worst-hit period or the spread (one
evening of a week cut by the month's edge is not a week's service). Whole weeks with fewer
units (Easter) count as a share of their target as well. An "always" target (every weekend,
every holiday) is judged per month on the units inside the planning period, whatever part
of the month that is.

The worst-hit share can only be one of a few values (0, 1/5, 1/4, 1/3, 2/5 ...); the model
declares them (``Model.stage_values``) so the solver stops as soon as its bound, rounded up to
the next such value, reaches the rota's: the LP relaxation then proves the evenness at once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pulp

from roster.model import Priority, Stage
from roster.rules.breach import Severity
from roster.rules.spec import RuleUnit
from roster.rules.words import Text, Words

if TYPE_CHECKING:
    from roster.check import CheckContext
    from roster.model import Model
    from roster.rules.breach import Breach
    from roster.slots import TargetGroup

ID = "service_target"
MISSED = Text("{what} {period}: {opened} of {target} {unit} opened (target {describe})",
              "{what} {period}: {opened} av {target} {unit} åpnet")
WORST, TOTAL, SPREAD = 0, 1, 2  # the sub-stages of one rank: 3 x rank + these


def stage_of(rank: int, step: int) -> Stage:
    """The stage of one step (WORST, TOTAL, SPREAD) of one service rank."""
    return Stage(Priority.SERVICE, 3 * rank + step)


@dataclass
class Period:
    """The target groups of one requirement judged together: a week or month of a weekly or
    monthly target, a month of an "always" target (every weekend, every holiday)."""

    req: int
    target: int = 0
    short: list[pulp.LpAffineExpression] = field(default_factory=list)
    inside: int = 0
    """Units of the period inside the planning period, and in the whole period (0 for an
    "always" target: every unit inside is its target, so any part of a period compares)."""
    whole: int = 0

    @property
    def comparable(self) -> bool:
        """False for a counted target (4 a week) whose period lies less than half inside the
        planning period: its pro-rated target (1 of 1 evening) says little about the cut."""
        return 2 * self.inside >= self.whole


def build(m: Model) -> None:
    """Open each service requirement as often as its target says, never more; a shortfall
    costs by rank: the worst-hit period first, then the total, then the spread."""
    by_rank: dict[int, dict[tuple, Period]] = defaultdict(dict)
    for g in m.table.target_groups:
        opened = pulp.lpSum(m.opened(k) for k in g.units)
        m.add(opened <= g.target)
        if g.target == 0:
            continue
        key, span = _period(m, g)
        period = by_rank[g.req.rank].get(key)
        if period is None:
            counted = not g.req.open.always and span[0] != "period"
            whole = m.table._units_in_full_period(g.req, span) if counted else 0
            period = by_rank[g.req.rank][key] = Period(g.req.index, whole=whole)
        # never more than the target, so the shortfall is whole and at least 0
        period.short.append(g.target - opened)
        period.target += g.target
        period.inside += len(g.units)
    for rank, found in sorted(by_rank.items()):
        periods = list(found.values())
        even = [p for p in periods if p.comparable]
        if even:
            worst = m.continuous("svc_worst", up=1)
            for p in even:
                m.add(pulp.lpSum(p.short) <= p.target * worst)
            m.cost(Priority.SERVICE, worst, rule=ID, sub=stage_of(rank, WORST).sub)
            m.stage_values[stage_of(rank, WORST)] = tuple(sorted(
                {j / p.target for p in even for j in range(p.target + 1)}))
        m.cost(Priority.SERVICE, pulp.lpSum(pulp.lpSum(p.short) * (1.0 / p.target) for p in periods),
               rule=ID, sub=stage_of(rank, TOTAL).sub)
        _counted(m, periods)
        _spread(m, rank, even)


def _period(m: Model, g: TargetGroup) -> tuple[tuple, tuple]:
    """The key of the period a target group is judged in, and the calendar span it covers."""
    if g.req.open.always:  # "every weekend" is judged per month, not per single weekend
        date = m.table.units[g.units[0]][0].date
        span: tuple = ("month", date.year, date.month)
    else:
        span = g.period
    return (g.req.index, *span), span


def _counted(m: Model, periods: list[Period]) -> None:
    """Each requirement's units given up in all, as one whole variable: branching on it
    settles how many evenings (weekends) are cut before where they are cut."""
    by_req: dict[int, list[Period]] = defaultdict(list)
    for p in periods:
        by_req[p.req].append(p)
    for found in by_req.values():
        short = pulp.lpSum(s for p in found for s in p.short)
        count = m.integer("svc_cut", up=sum(p.target for p in found))
        m.add(count == short)


def _spread(m: Model, rank: int, even: list[Period]) -> None:
    """Each comparable period's squared share given up, for requirements with two periods or
    more: one step variable per unit short, the k-th costing (2k - 1) / target² (a convex
    cost, so the steps fill in order and are whole at every optimum)."""
    by_req: dict[int, list[Period]] = defaultdict(list)
    for p in even:
        by_req[p.req].append(p)
    for periods in by_req.values():
        if len(periods) < 2:
            continue
        for p in periods:
            steps = [m.continuous("svc_step", up=1) for _ in range(p.target)]
            m.implied_integer.update(v.name for v in steps)
            m.add(pulp.lpSum(steps) >= pulp.lpSum(p.short))
            m.cost(Priority.SERVICE, pulp.lpSum((2 * k + 1) / p.target ** 2 * v for k, v in enumerate(steps)),
                   rule=ID, sub=stage_of(rank, SPREAD).sub)


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
