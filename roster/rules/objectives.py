"""Costs below the hard rules: fairness, wishes, stability against a plan, tidiness."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pulp

from roster.calendar import holiday_runs
from roster.rules import rule
from roster.scenario import MINUTES_PER_DAY

if TYPE_CHECKING:
    from roster.model import Model
    from roster.slots import Slot

QUICK_RETURN_MINUTES = 14 * 60


def fairness_categories(m: Model) -> dict[str, list[Slot]]:
    """Slots that count as evening/night, weekend and holiday work."""
    cats: dict[str, list] = {"evening": [], "weekend": [], "holiday": []}
    for slot in m.table.slots:
        if m.shifts[slot.shift].kind in ("evening", "night"):
            cats["evening"].append(slot)
        if slot.day.is_weekend:
            cats["weekend"].append(slot)
        if slot.day.is_holiday:
            cats["holiday"].append(slot)
    return {k: v for k, v in cats.items() if v}


@rule("fairness", "Planner: evenings, weekends and holidays shared in proportion to each "
      "person's contract hours for the period, among people who may work the same shifts",
      staged_only=True)
def fairness(m: Model) -> None:
    """Each person's evening and night shifts, weekends worked and holiday periods worked
    stay within their share of their peer group's total, rounded down or up (share = their
    contract hours for the period / the group's, so FTE and absences count). Each shift,
    weekend or holiday above or below that band costs one.

    Peers are the people who may work the same shifts of the category (see
    :func:`fairness_groups`): a night-only worker is compared with the other night
    workers, not with day staff who cannot take their nights.

    Weekends count as weekends worked (Saturday, Sunday or both count once) and public
    holidays as holiday periods worked (1st and 2nd Christmas Day count once), as unit
    leaders count them. Each band comes from the group's total in the rota the stages
    above left: just before the fairness stage the solver reads it and sets every band
    (the total itself may still change).
    """
    for name, slots in fairness_categories(m).items():
        counts: dict[int, list] = {}
        for slot in slots:
            for p, v in m.by_slot.get((slot.day_index, slot.shift), []):
                counts.setdefault(p, []).append(v)
        groups = fairness_groups(m, slots, counts)
        members = [p for g in groups for p in g]
        if name == "weekend":
            counts = _weekends_worked(m, members)
        elif name == "holiday":
            counts = _holidays_worked(m, members)
        for g, members in enumerate(groups):
            _fair_group(m, f"{name}{g}", {p: counts[p] for p in members}, len(slots))


def _weekends_worked(m: Model, persons: list[int]) -> dict[int, list]:
    """Weekends worked (Saturday or Sunday or both count once), per person: weekend load is
    counted in weekends, as "every third weekend" is."""
    saturdays = [d for d in range(m.n_days) if m.date_of(d).weekday() == 5]
    if m.n_days and m.date_of(0).weekday() == 6:
        saturdays.insert(0, -1)  # a period starting on a Sunday
    out: dict[int, list] = {}
    for p in persons:
        terms = [m.weekend_worked(p, m.date_of(d)) for d in saturdays]
        out[p] = [t for t in terms if not isinstance(t, int)]
    return out


def _holidays_worked(m: Model, persons: list[int]) -> dict[int, list]:
    """Holiday periods worked (a run of public holidays in a row, such as 1st and 2nd
    Christmas Day, counts once), per person: "who works Christmas" is shared, and
    working both days of one holiday is not counted twice against a person."""
    runs = holiday_runs(m.days)
    out: dict[int, list] = {}
    for p in persons:
        terms = [m.worked_any(p, run, "holiday_worked") for run in runs]
        out[p] = [t for t in terms if not isinstance(t, int)]
    return out


def fairness_groups(m: Model, slots: list[Slot], counts: dict[int, list]) -> list[list[int]]:
    """People who may work the same shift codes of a category, in groups of two or more."""
    codes = {p: frozenset(s.shift for s in slots if (p, s.day_index, s.shift) in m.x)
             for p in counts}
    groups: dict[frozenset, list[int]] = {}
    for p in sorted(counts):
        if m.bands[p].target > 0:
            groups.setdefault(codes[p], []).append(p)
    return [g for _, g in sorted(groups.items(), key=lambda kv: kv[1][0]) if len(g) >= 2]


def _fair_group(m: Model, name: str, counts: dict[int, list], n_slots: int) -> None:
    weight = {p: m.bands[p].target for p in counts}
    total_w = sum(weight.values())
    big = n_slots * len(m.staff)
    rows = []
    for p, vs in counts.items():
        over, under = m.continuous("over_fair", owner=p), m.continuous("under_fair", owner=p)
        m.implied_integer.update((over.name, under.name))
        m.add(pulp.lpSum(vs) - over <= big, f"fair_hi_{name}_{p}")
        m.add(pulp.lpSum(vs) + under >= 0, f"fair_lo_{name}_{p}")
        m.cost("fairness", over + under, rule=f"fairness_{name}")
        rows.append((p, weight[p] / total_w))
    m.stage_hooks.append(("fairness", _fairness_bands(name, counts, rows)))


def _value(term: pulp.LpVariable | pulp.LpAffineExpression, values: dict[str, float]) -> float:
    if isinstance(term, pulp.LpVariable):
        return values.get(term.name, 0.0)
    return term.constant + sum(c * values.get(v.name, 0.0) for v, c in term.items())


def _fairness_bands(name: str, counts: dict, rows: list):
    def hook(values: dict[str, float]) -> list[tuple[str, float]]:
        total = round(sum(_value(t, values) for vs in counts.values() for t in vs))
        out = []
        for p, share in rows:
            ideal = share * total
            out.append((f"fair_hi_{name}_{p}", math.ceil(ideal - 1e-9)))
            out.append((f"fair_lo_{name}_{p}", math.floor(ideal + 1e-9)))
        return out

    return hook


@rule("wishes", "Scenario / benchmarks: weighted wishes for days off and shifts")
def wishes(m: Model) -> None:
    """Each wish not granted costs its weight: a day off wished but worked, a shift wished
    but not given, a shift not wished but given."""
    for w in m.scenario.wishes:
        p = m.staff_index(w.staff)
        d = (w.date - m.date0).days
        if not 0 <= d < m.n_days:
            continue
        if w.kind == "day_off":
            m.cost("wishes", m.work(p, d), rule="wishes", weight=w.weight)
        elif w.kind == "shift":
            m.cost("wishes", 1 - m.x_at(p, d, w.shift), rule="wishes", weight=w.weight)
        else:
            m.cost("wishes", m.x_at(p, d, w.shift), rule="wishes", weight=w.weight)


@rule("stability", "Trust-person principle (DOMAIN.md): change a published plan as little as "
      "possible")
def stability(m: Model) -> None:
    """Against a given plan for the same period, every person-day whose shift changes
    costs one."""
    if m.baseline is None:
        return
    for p in m.persons():
        sid = m.staff[p].id
        for d in range(m.n_days):
            planned = m.baseline.get((sid, m.date_of(d)))
            if planned is not None:
                m.cost("stability", 1 - m.x_at(p, d, planned), rule="stability")
            elif m.by_pd.get((p, d)):
                m.cost("stability", m.work(p, d), rule="stability")


@rule("tidiness", "Planner: fewer isolated working days and days off, fewer quick returns",
      staged_only=True)
def tidiness(m: Model) -> None:
    """Costs a single working day between days off, a single day off between working days
    (half), and a quick return (less than 14 h between two shifts, such as evening then day)."""
    quick = {}
    for a in m.shifts.values():
        for b in m.shifts.values():
            if a.has_times and b.has_times:
                gap = MINUTES_PER_DAY + b.start - a.end_offset  # type: ignore[operator]
                if gap < QUICK_RETURN_MINUTES:
                    quick.setdefault(a.code, []).append(b.code)
    for p in m.persons():
        for d in range(m.n_days - 1):
            if not m.by_pd.get((p, d)) and not m.by_pd.get((p, d + 1)):
                continue
            prev, cur, nxt = m.work(p, d - 1), m.work(p, d), m.work(p, d + 1)
            if d > 0 or (m.staff[p].id, m.date_of(-1)) in m.history or prev == 1:
                if m.by_pd.get((p, d)):
                    iso = m.continuous("iso_work", up=1, owner=p)
                    m.add(iso >= cur - prev - nxt)
                    m.cost("tidiness", iso, rule="isolated_day")
                iso_off = m.continuous("iso_off", up=1, owner=p)
                m.add(iso_off >= prev + nxt - cur - 1)
                m.cost("tidiness", iso_off, rule="isolated_day_off", weight=0.5)
            for a, bs in quick.items():
                xa = m.x_at(p, d, a)
                for b in bs:
                    xb = m.x_at(p, d + 1, b)
                    if isinstance(xa, int) or isinstance(xb, int):
                        continue
                    q = m.continuous("quick", up=1, owner=p)
                    m.add(q >= xa + xb - 1)
                    m.cost("tidiness", q, rule="quick_return")
