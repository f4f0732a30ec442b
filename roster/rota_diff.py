"""What changed between two rotas: every person-day whose shift differs (None = off).

The one diff behind a re-plan's change list, the app's change table and the store's
change log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from roster.rota import Assignment


@dataclass(frozen=True)
class DayChange:
    staff: str
    date: dt.date
    before: str | None
    after: str | None


def changed_days(old: Iterable[Assignment], new: Iterable[Assignment], *,
                 first: dt.date | None = None, last: dt.date | None = None) -> list[DayChange]:
    """Person-days whose shift differs between ``old`` and ``new`` (only dates within
    ``first``..``last`` where given), sorted by date, then person."""

    def within(d: dt.date) -> bool:
        return (first is None or d >= first) and (last is None or d <= last)

    a = {(x.staff, x.date): x.shift for x in old if within(x.date)}
    b = {(x.staff, x.date): x.shift for x in new if within(x.date)}
    return [DayChange(sid, d, a.get((sid, d)), b.get((sid, d)))
            for sid, d in sorted(set(a) | set(b), key=lambda k: (k[1], k[0]))
            if a.get((sid, d)) != b.get((sid, d))]
