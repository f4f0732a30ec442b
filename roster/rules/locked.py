"""Locked (pinned) shifts and days off are kept; a lock that cannot be kept is reported."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from roster.rules.spec import RuleUnit
from roster.rules.words import Day, Text, Words

if TYPE_CHECKING:
    from roster.check import CheckContext
    from roster.model import Model
    from roster.rules.breach import Breach

ID = "locked"
NOT_KEPT = Text("{staff} is locked to {want} on {day} but has {got}",
                "{staff} er låst til {want} {day}, men har {got}")
CANNOT_KEEP = Text("locked shift {shift} cannot be kept: the person is absent, off, or may not "
                   "work it, or the shift does not run that day",
                   "låst vakt {shift} kan ikke holdes: personen er borte, har fri eller skal ikke "
                   "ha vakten, eller vakten går ikke den dagen")
DAY_OFF = Words("a day off", "fri")


def build(m: Model) -> None:
    """A locked shift is kept; a locked day off stays off. A lock the person cannot take
    (absent, not allowed) is reported instead of making the rota impossible."""
    for lock in m.scenario.locks:
        p = m.staff_index(lock.staff)
        d = (lock.date - m.date0).days
        if not 0 <= d < m.n_days:
            continue
        if lock.shift is None:
            for _, v in m.by_pd.get((p, d), []):
                m.limit(v, 0, ID)
            continue
        var = m.x.get((p, d, lock.shift))
        if var is None:
            m.note(ID, CANNOT_KEEP.render(shift=lock.shift), staff=lock.staff, date=lock.date,
                   shift=lock.shift)
            continue
        m.at_least(var, 1, ID)


def check(ctx: CheckContext) -> Iterator[Breach]:
    for lock in ctx.scenario.locks:
        got = ctx.work.get((lock.staff, lock.date))
        if got != lock.shift:
            want = Words(lock.shift, lock.shift) if lock.shift else DAY_OFF
            had = Words(got, got) if got else DAY_OFF
            yield UNIT.breach(NOT_KEPT.render(staff=lock.staff, want=want, day=Day(lock.date), got=had),
                              staff=lock.staff, date=lock.date, shift=lock.shift)


UNIT = RuleUnit(
    id=ID, nb="låst vakt", en="locked shift", kind="hard",
    source="the unit leader: pinned shifts, or shifts carried from a published rota",
    summary="pinned shifts and days off are kept (a lock that cannot be kept is reported)",
    build=build, check=check,
)
