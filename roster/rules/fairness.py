"""Fairness: evening and night shifts (sleeping night watches and on-call nights included),
weekends worked and holiday periods worked shared in proportion to contract hours, among
people who may work the same shifts."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import pulp

from roster.calendar import holiday_runs
from roster.model import Expr, Priority, StageRows, is_constant
from roster.rules.spec import RuleUnit
from roster.scenario import UNSOCIAL_KINDS

if TYPE_CHECKING:
    from roster.model import Model
    from roster.slots import Slot

ID = "fairness"


def build(m: Model) -> None:
    """Each person's evening and night shifts (on-call and sleeping night watches included),
    weekends worked and holiday periods worked stay within their share of their peer group's
    total, rounded down or up (share = their contract hours for the period / the group's, so
    FTE and absences count). Each shift, weekend or holiday above or below that band costs
    one.

    Peers are the people who may work the same shifts of the category (see
    :func:`groups`): a night-only worker is compared with the other night workers, not
    with day staff who cannot take their nights.

    Weekends count as weekends worked (Saturday, Sunday or both count once) and public
    holidays as holiday periods worked (1st and 2nd Christmas Day count once), as unit
    leaders count them. The bands come from the group's total in the rota the stages above
    left: their rows are added just before the fairness stage (the total may still change).
    """
    for name, slots in categories(m).items():
        counts: dict[int, list] = {}
        for slot in slots:
            for p, v in m.by_slot.get((slot.day_index, slot.shift), []):
                counts.setdefault(p, []).append(v)
        peer_groups = groups(m, slots, counts)
        members = [p for g in peer_groups for p in g]
        if name == "weekend":
            counts = _weekends_worked(m, members)
        elif name == "holiday":
            counts = _holidays_worked(m, members)
        for group in peer_groups:
            _fair_group(m, {p: counts[p] for p in group})


def categories(m: Model) -> dict[str, list[Slot]]:
    """Slots that count as evening/night, weekend and holiday work. Sleeping night watches
    and on-call nights count with evenings and nights (``UNSOCIAL_KINDS``): one burden of
    unsocial hours, shared as a whole. (Shared as a category of its own, on-call made the
    Alta example's fairness stage take 20 s to prove instead of 1 s.)"""
    cats: dict[str, list[Slot]] = {"evening": [], "weekend": [], "holiday": []}
    for slot in m.table.slots:
        if m.shifts[slot.shift].kind in UNSOCIAL_KINDS:
            cats["evening"].append(slot)
        if slot.day.is_weekend:
            cats["weekend"].append(slot)
        if slot.day.is_holiday:
            cats["holiday"].append(slot)
    return {k: v for k, v in cats.items() if v}


def groups(m: Model, slots: list[Slot], counts: dict[int, list]) -> list[list[int]]:
    """People who may work the same shift codes of a category, in groups of two or more."""
    codes = {p: frozenset(s.shift for s in slots if (p, s.day_index, s.shift) in m.x)
             for p in counts}
    found: dict[frozenset, list[int]] = {}
    for p in sorted(counts):
        if m.bands[p].target > 0:
            found.setdefault(codes[p], []).append(p)
    return [g for _, g in sorted(found.items(), key=lambda kv: kv[1][0]) if len(g) >= 2]


def _weekends_worked(m: Model, persons: list[int]) -> dict[int, list[Expr]]:
    """Weekends worked (Saturday or Sunday or both count once), per person: weekend load is
    counted in weekends, as "every third weekend" is."""
    out: dict[int, list[Expr]] = {}
    for p in persons:
        terms = [m.weekend_worked(p, s) for s in m.period_saturdays()]
        out[p] = [t for t in terms if not is_constant(t)]
    return out


def _holidays_worked(m: Model, persons: list[int]) -> dict[int, list[Expr]]:
    """Holiday periods worked (a run of public holidays in a row, such as 1st and 2nd
    Christmas Day, counts once), per person: "who works Christmas" is shared, and
    working both days of one holiday is not counted twice against a person."""
    runs = holiday_runs(m.days)
    out: dict[int, list[Expr]] = {}
    for p in persons:
        terms = [m.worked_any(p, run, "holiday_worked") for run in runs]
        out[p] = [t for t in terms if not is_constant(t)]
    return out


def _fair_group(m: Model, counts: dict[int, list[Expr]]) -> None:
    weight = {p: m.bands[p].target for p in counts}
    total_w = sum(weight.values())
    bands = []
    for p, terms in counts.items():
        over, under = m.continuous("over_fair", owner=p), m.continuous("under_fair", owner=p)
        m.implied_integer.update((over.name, under.name))
        m.cost(Priority.FAIRNESS, over + under, rule=ID)
        bands.append((pulp.lpSum(terms), over, under, weight[p] / total_w))

    def rows(values: Mapping[str, float]) -> list[pulp.LpConstraint]:
        """Each person's count within their share of the group's total now, rounded."""
        total = round(sum(_value(count, values) for count, *_ in bands))
        out = []
        for count, over, under, share in bands:
            ideal = share * total
            out.append(count - over <= math.ceil(ideal - 1e-9))
            out.append(count + under >= math.floor(ideal + 1e-9))
        return out

    m.stage_rows.append(StageRows(Priority.FAIRNESS, rows))


def _value(expr: pulp.LpAffineExpression, values: Mapping[str, float]) -> float:
    return expr.constant + sum(c * values.get(v.name, 0.0) for v, c in expr.items())


UNIT = RuleUnit(
    id=ID, nb="rettferdig fordeling", en="fairness", kind="priority 4", staged_only=True,
    source="planner: evenings, weekends and holidays shared in proportion to each person's "
           "contract hours, among people who may work the same shifts",
    summary="evening/night shifts (on-call and sleeping night watches too), weekends worked, "
            "holiday periods worked within each person's share of their peer group's total, rounded",
    build=build,
)
