"""At most N night shifts in a row, counting the previous rota.

The law sets no number: AML § 10-11 only limits when night work is allowed, and
§ 10-2 (1) asks that every arrangement be justifiable (forsvarlig). Arbeidstilsynet, which
approves night work, "normally does not consent to more than two to three night shifts in a
row" (B. Lekve and J. E. Romslo, Arbeidstilsynet, "Nattarbeid for enhver pris?", Dagbladet
22 Oct 2018); the rule pack takes the upper end, 3."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from roster.rules.blocks import max_run
from roster.rules.params import MAX_DAYS, Kind, Param, Scope
from roster.rules.spec import RuleUnit
from roster.rules.words import Day, Text
from roster.scenario import NIGHT_KINDS

if TYPE_CHECKING:
    from roster.check import CheckContext
    from roster.model import Model
    from roster.rules.breach import Breach
    from roster.scenario import ShiftType

ID = "consecutive_nights"
KEY = "max_consecutive_nights"
TOO_MANY = Text("{name}: {n} night shifts in a row ({first} to {last}); at most {most}",
                "{name}: {n} nattevakter på rad ({first} til {last}); høyst {most}")


def night_codes(shifts: Iterable[ShiftType]) -> set[str]:
    """The codes of the scenario's nights at the workplace (``kind = "night"`` or
    ``"passive_night"``: a sleeping night watch is a night away from home and sleep, as
    Arbeidstilsynet's concern is). On-call from home is not counted: the person sleeps at
    home unless called out, and a call-out is not planned work."""
    return {s.code for s in shifts if s.kind in NIGHT_KINDS}


def build(m: Model) -> None:
    """At most K nights in a row, counting the previous rota's last nights."""
    nights = night_codes(m.shifts.values())
    for p, k in m.persons_with(KEY) if nights else ():
        max_run(m, lambda d, p=p: m.work(p, d, nights), k, ID)


def check(ctx: CheckContext) -> Iterator[Breach]:
    nights = night_codes(ctx.shifts.values())
    for sid, person, k in ctx.staff_with(KEY) if nights else ():
        for first, last, n in ctx.runs_longer_than(sid, k, nights):
            said = TOO_MANY.render(name=person.name, n=n, first=Day(first), last=Day(last), most=k)
            yield UNIT.breach(said, staff=sid, date=last, start=first, end=last)


UNIT = RuleUnit(
    id=ID, nb="netter på rad", en="nights in a row", kind="hard",
    source="Arbeidstilsynet's practice (2-3 nights in a row); the law has no number (AML § 10-11)",
    summary="at most 3 night shifts in a row (sleeping night watches too), counting the previous "
            "rota",
    params=(Param(KEY, Kind.INT, 3, "Maks netter på rad", "Max nights in a row", bounds=(0, MAX_DAYS),
                  scope=Scope.BOTH, zero_is_off=True, note="Arbeidstilsynet: 2-3; 0 = off"),),
    build=build, check=check,
)
