"""Weekend frequency (helgebelastning): at most every Nth weekend, counting the previous rota."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from roster.calendar import weekend_saturdays
from roster.check import windows
from roster.rules.blocks import window_limit
from roster.rules.params import MAX_DAYS, Kind, Param, Scope
from roster.rules.spec import RuleUnit
from roster.rules.words import MONTHS_NB, Nth, Text, Words

if TYPE_CHECKING:
    from roster.check import CheckContext
    from roster.model import Model
    from roster.rules.breach import Breach

ID = "weekend"
SUNDAY = dt.timedelta(days=1)
KEY = "weekend_every"
TOO_OFTEN = Text("{name}: works the weekends of {dates}; at most every {n} weekend",
                 "{name}: jobber helgene {dates}; høyst hver {n} helg")


def build(m: Model) -> None:
    """In any N consecutive weekends a person works at most one (counting the previous
    rota's weekends). A weekend is worked if Saturday or Sunday has a shift."""
    for p, n in m.persons_with(KEY, least=2):
        window_limit(m, [m.weekend_worked(p, s) for s in m.saturdays(back=n - 1)], n, 1, ID)


def check(ctx: CheckContext) -> Iterator[Breach]:
    for sid, person, n in ctx.staff_with(KEY, least=2):
        worked = ctx.weekends_worked(sid)
        sats = weekend_saturdays(ctx.start, ctx.end, back=n - 1)
        for _, window in windows(sats, n):
            hits = [s for s in window if s in worked]
            if len(hits) > 1 and hits[-1] + SUNDAY >= ctx.start:  # the last one touches the period
                dates = Words(", ".join(f"{h:%d %b}" for h in hits),
                              ", ".join(f"{h.day}. {MONTHS_NB[h.month - 1]}" for h in hits))
                yield UNIT.breach(TOO_OFTEN.render(name=person.name, dates=dates, n=Nth(n)),
                                  staff=sid, date=hits[-1])


UNIT = RuleUnit(
    id=ID, nb="helgebelastning", en="weekend frequency", kind="hard",
    source="helgebelastning: usual practice, and the level KS HTA § 4.2.2 ties to the 35.5-hour "
           "week",
    summary="at most every Nth weekend, counting the previous rota",
    params=(Param(KEY, Kind.INT, 3, "Helgebelastning: helg hver N-te", "Weekend every Nth",
                  bounds=(0, MAX_DAYS), scope=Scope.BOTH, zero_is_off=True, note="0 = off"),),
    build=build, check=check,
)
