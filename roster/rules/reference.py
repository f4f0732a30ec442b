"""Every assignment fits the scenario: a known person, a known shift code, a date in the
period, on a day that shift runs. The model cannot break this (it creates variables only
for the scenario's staff and slots); a hand-edited rota can."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from roster.rules.spec import RuleUnit
from roster.rules.words import Day, Text

if TYPE_CHECKING:
    from roster.check import CheckContext
    from roster.rules.breach import Breach

UNKNOWN_STAFF = Text("'{staff}' is not in the scenario's staff list",
                     "'{staff}' finnes ikke i ansattlisten")
UNKNOWN_SHIFT = Text("shift code '{shift}' is not defined in the scenario",
                     "vaktkoden '{shift}' finnes ikke i scenarioet")
OUTSIDE = Text("{date} is outside the period {start}..{end}",
               "{date} er utenfor perioden {start}..{end}")
NO_SLOT = Text("shift {shift} is not run on {day} ({day_type})", "vakt {shift} går ikke {day}")


def check(ctx: CheckContext) -> Iterator[Breach]:
    start, end = ctx.start, ctx.end
    for a in ctx.assignments:
        if a.staff not in ctx.staff:
            yield UNIT.breach(UNKNOWN_STAFF.render(staff=a.staff), staff=a.staff, date=a.date)
        if a.shift not in ctx.shifts:
            yield UNIT.breach(UNKNOWN_SHIFT.render(shift=a.shift), staff=a.staff, date=a.date,
                              shift=a.shift)
        if not start <= a.date <= end:
            yield UNIT.breach(OUTSIDE.render(date=a.date, start=start, end=end), staff=a.staff,
                              date=a.date)
        elif a.shift in ctx.shifts:
            i = ctx.table.index_of[a.date]
            if ctx.table.get(i, a.shift) is None:
                day_type = ctx.table.days[i].day_type
                yield UNIT.breach(NO_SLOT.render(shift=a.shift, day=Day(a.date), day_type=day_type),
                                  staff=a.staff, date=a.date, shift=a.shift)


UNIT = RuleUnit(
    id="reference", nb="passer ikke scenarioet", en="does not fit the scenario",
    source="the scenario", kind="by construction",
    summary="every assignment names a known person and shift code, on a day in the period "
            "that the shift runs",
    check=check,
)
