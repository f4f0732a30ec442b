"""Tidiness: fewer isolated working days and days off, fewer quick returns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from roster.model import Priority
from roster.rules.spec import RuleUnit
from roster.scenario import MINUTES_PER_DAY

if TYPE_CHECKING:
    from roster.model import Model

ID = "tidiness"
QUICK_RETURN_MINUTES = 14 * 60


def build(m: Model) -> None:
    """Costs a single working day between days off, a single day off between working days
    (half), and a quick return (less than 14 h between two shifts, such as evening then day)."""
    quick = quick_returns(m)
    for p in m.persons():
        for d in range(m.n_days - 1):
            if not m.by_pd.get((p, d)) and not m.by_pd.get((p, d + 1)):
                continue
            if d > 0 or (m.staff[p].id, m.date_of(-1)) in m.history or m.work(p, d - 1) == 1:
                isolated_costs(m, p, d)
            quick_costs(m, p, d, quick)


def quick_returns(m: Model) -> dict[str, list[str]]:
    """For each shift code, the codes that follow it the next day with less than 14 h between."""
    quick: dict[str, list[str]] = {}
    for a in m.shifts.values():
        for b in m.shifts.values():
            if a.has_times and b.has_times:
                gap = MINUTES_PER_DAY + b.start - a.end_offset  # type: ignore[operator]
                if gap < QUICK_RETURN_MINUTES:
                    quick.setdefault(a.code, []).append(b.code)
    return quick


def isolated_costs(m: Model, p: int, d: int) -> None:
    """Person p's day d as an isolated working day (1) or an isolated day off (1/2), judged
    against days d - 1 and d + 1 as the model gives them."""
    prev, cur, nxt = m.work(p, d - 1), m.work(p, d), m.work(p, d + 1)
    if m.by_pd.get((p, d)):
        iso = m.continuous("iso_work", up=1, owner=p)
        m.implied_integer.add(iso.name)  # 0 or 1 wherever the stage is minimised
        m.add(iso >= cur - prev - nxt)
        m.cost(Priority.TIDINESS, iso, rule=ID)
    iso_off = m.continuous("iso_off", up=1, owner=p)
    m.implied_integer.add(iso_off.name)
    m.add(iso_off >= prev + nxt - cur - 1)
    m.cost(Priority.TIDINESS, iso_off, rule=ID, weight=0.5)


def quick_costs(m: Model, p: int, d: int, quick: dict[str, list[str]]) -> None:
    """Person p's quick returns from day d to day d + 1 (``quick_returns``), one each."""
    for a, bs in quick.items():
        xa = m.x_at(p, d, a)
        for b in bs:
            xb = m.x_at(p, d + 1, b)
            if isinstance(xa, int) or isinstance(xb, int):
                continue
            q = m.continuous("quick", up=1, owner=p)
            m.implied_integer.add(q.name)
            m.add(q >= xa + xb - 1)
            m.cost(Priority.TIDINESS, q, rule=ID)


UNIT = RuleUnit(
    id=ID, nb="ryddig turnus", en="tidiness", kind="priority 7", staged_only=True,
    source="planner", summary="fewer isolated working days and days off, fewer quick returns (< 14 h)",
    build=build,
)
