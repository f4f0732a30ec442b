"""At most one shift per person per date."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pulp

from roster.rules.spec import RuleUnit
from roster.rules.words import Day, Text

if TYPE_CHECKING:
    import datetime as dt

    from roster.check import CheckContext
    from roster.model import Model
    from roster.rules.breach import Breach

TWO_SHIFTS = Text("{name} has {n} shifts on {day} ({codes}); at most one a day",
                  "{name} har {n} vakter {day} ({codes}); høyst én per dag")


def build(m: Model) -> None:
    """Each person works at most one shift on each date."""
    for items in m.by_pd.values():
        if len(items) > 1:
            m.add(pulp.lpSum(v for _, v in items) <= 1)


def check(ctx: CheckContext) -> Iterator[Breach]:
    shifts: dict[tuple[str, dt.date], list[str]] = defaultdict(list)
    for a in ctx.assignments:
        shifts[(a.staff, a.date)].append(a.shift)
    for (sid, date), codes in shifts.items():
        if len(codes) > 1:
            person = ctx.staff.get(sid)
            name = person.name if person else sid
            yield UNIT.breach(TWO_SHIFTS.render(name=name, n=len(codes), day=Day(date),
                                                codes=", ".join(codes)), staff=sid, date=date)


UNIT = RuleUnit(
    id="one_shift_per_day", nb="én vakt per dag", en="one shift a day", kind="hard",
    source="planner", summary="at most one shift per person per date",
    build=build, check=check,
)
