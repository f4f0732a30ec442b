"""Sunday and holiday rest: whoever works a Sunday or public holiday is off on the next one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import pairwise
from typing import TYPE_CHECKING

from roster.calendar import classify
from roster.rules.params import Kind, Param
from roster.rules.spec import RuleUnit
from roster.rules.words import Day, Text

if TYPE_CHECKING:
    from roster.check import CheckContext
    from roster.model import Model
    from roster.rules.breach import Breach
    from roster.scenario import Scenario

ID = "sunday_rest"
KEY = "sunday_holiday_rest"
BOTH_WORKED = Text("{name}: works both {a} and {b}; after a Sunday or holiday worked the next one is "
                   "off (AML § 10-8 (4))",
                   "{name}: jobber både {a} og {b}; etter en søn- eller helgedag i arbeid skal neste "
                   "være fri (aml. § 10-8 (4))")
LOOK_BACK = 14  # days of the previous rota that can hold the Sunday before the first one


def sundays_and_holidays(scenario: Scenario) -> list[dt.date]:
    """Sundays and public holidays from two weeks before the period to its end."""
    first = scenario.start - dt.timedelta(days=LOOK_BACK)
    days = (scenario.end - first).days + 1
    dates = [first + dt.timedelta(days=i) for i in range(days)]
    return [d for d in dates if classify(d, scenario.calendar).is_sunday_or_holiday]


def build(m: Model) -> None:
    """Whoever works a Sunday or public holiday is off on the next one."""
    if not m.scenario.rules.get(KEY):
        return
    days = [(d - m.date0).days for d in sundays_and_holidays(m.scenario)]
    for p in m.persons():
        for a, b in pairwise(days):
            wa, wb = m.work(p, a), m.work(p, b)
            if isinstance(wa, int) and isinstance(wb, int):
                continue
            m.limit(wa + wb, 1, ID)


def check(ctx: CheckContext) -> Iterator[Breach]:
    if not ctx.scenario.rules.get(KEY):
        return
    dates = sundays_and_holidays(ctx.scenario)
    for sid, person in ctx.staff.items():
        worked = ctx.days_of(sid)
        for a, b in pairwise(dates):
            if a in worked and b in worked and b >= ctx.start:
                yield UNIT.breach(BOTH_WORKED.render(name=person.name, a=Day(a), b=Day(b)),
                                  staff=sid, date=b)


UNIT = RuleUnit(
    id=ID, nb="søndagshvile", en="Sunday rest", kind="hard", source="AML § 10-8 (4)",
    summary="after a Sunday or holiday worked, the next one off",
    params=(Param(KEY, Kind.BOOL, True, "Fri søndag etter søndagsarbeid", "Sunday off after Sunday work",
                  note="AML § 10-8 (4); false where a written agreement averages it"),),
    build=build, check=check,
)
