"""Rules about a single person-day: one shift a day, and locked (pinned) assignments."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pulp

from roster.model import Note
from roster.rules import rule

if TYPE_CHECKING:
    from roster.model import Model


@rule("one_shift_per_day", "Planner: at most one shift per person per date")
def one_shift_per_day(m: Model) -> None:
    """Each person works at most one shift on each date."""
    for items in m.by_pd.values():
        if len(items) > 1:
            m.add(pulp.lpSum(v for _, v in items) <= 1)


@rule("locked", "Scenario: assignments pinned by the unit leader or carried from a published rota")
def locked(m: Model) -> None:
    """A locked shift is kept; a locked day off stays off. A lock the person cannot take
    (absent, not allowed) is reported instead of making the rota impossible."""
    for lock in m.scenario.locks:
        p = m.staff_index(lock.staff)
        d = (lock.date - m.date0).days
        if not 0 <= d < m.n_days:
            continue
        if lock.shift is None:
            for _, v in m.by_pd.get((p, d), []):
                m.limit(v, 0, "locked", weight=1.0)
            continue
        var = m.x.get((p, d, lock.shift))
        if var is None:
            m.notes.append(Note(rule="locked", staff=lock.staff, date=lock.date, shift=lock.shift,
                                detail=f"locked shift {lock.shift} cannot be kept: the person is "
                                       "absent, off, or may not work it, or the shift does not "
                                       "run that day"))
            continue
        m.at_least(var, 1, "locked", weight=1.0)
