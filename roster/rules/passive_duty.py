"""Passive duty: how much of a sleeping night watch or of on-call from home is working time.

Two shift kinds are duty rather than active work (``roster.scenario.DUTY_KINDS``):

- ``on_call``: on-call from home (hjemmevakt, beredskapsvakt utenfor arbeidsstedet). AML
  § 10-4 (3): at least 1/7 of it counts as ordinary working time as the main rule; in a
  tariff-bound workplace the employer and the union representatives may agree another
  factor in writing (Arbeidstilsynet, "Beredskapsvakt utenfor arbeidsstedet").
- ``passive_night``: a sleeping night watch at the workplace (hvilende or sovende
  nattevakt). The law gives no factor: AML § 10-4 (2) lets passive periods lengthen the
  working day instead. Counting the passive hours at 1/3 is common practice in municipal
  agreements; the rule pack's 1/3 is that practice, not a number from a law, and a unit
  sets its own agreement's factor in ``[rules]``.

The loader (``roster.scenario_load``) turns a duty shift's clock time into its counted
working time once, when the scenario is read: ``active_hours`` count in full, the rest of
the clock time (less any unpaid break) at the ratio, rounded up to the whole minute ("at
least", as the law says). That counted time is the shift's ``paid_minutes``, so contract
hours, staffing (årsverk), budget (kroner), summaries and Excel all count the same hours.
A shift that states its own ``hours`` keeps them (an agreement's own count) and no ratio
applies.

What still counts the clock: daily and weekly rest (a passive night at the workplace is
not rest; on-call from home is planned as not rest either, because a call-out breaks the
rest and a rota cannot know in advance whether one comes), and the 48 hours in 7 days count
a passive night in full (``ShiftType.limit_minutes``). docs/rules.md, "Passive duty".

The measurement below warns when an on-call shift in the rota counts less than 1/7 of its
clock time: lawful only by a written agreement, which the rota cannot see.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from roster.rules.breach import Severity
from roster.rules.params import Kind, Param
from roster.rules.spec import RuleUnit
from roster.rules.words import Hours, Text, Words

if TYPE_CHECKING:
    from roster.check import CheckContext
    from roster.rules.breach import Breach
    from roster.scenario import Rules, ShiftType

ID = "passive_duty"
LAW_ON_CALL_RATIO = 1 / 7
"""AML § 10-4 (3): at least 1/7 of on-call from home is working time (main rule)."""
RATIO_BOUNDS = (0.01, 1.0)
"""A ratio above 0 and at most 1 (1 = the whole duty counts); 0.01 is the smallest kept."""
RATIO_KEYS = {"passive_night": "passive_night_ratio", "on_call": "on_call_ratio"}

BELOW_LAW = Text("{shift}: on-call from home counted as {counted} for {clock} on call, below 1/7 "
                 "(AML § 10-4 (3)); lawful only by a written agreement with the union "
                 "representatives",
                 "{shift}: hjemmevakt regnet som {counted} for {clock} beredskap, under 1/7 "
                 "(aml. § 10-4 (3)); bare lovlig med skriftlig avtale med de tillitsvalgte")
COUNTS = Text("counts {counted}: {how}", "teller {counted}: {how}")
RATIO = Text("{active}{ratio} of {passive} {what}", "{active}{ratio} av {passive} {what}")
STATED = Text("{counted} of {clock} {what}, as stated", "{counted} av {clock} {what}, som oppgitt")
COUNTS_STATED = Text("counts {counted} of {clock} {what}, as stated",
                     "teller {counted} av {clock} {what}, som oppgitt")
ACTIVE = Text("{active} active + ", "{active} aktiv + ")
WHAT = {"passive_night": Words("sleeping night watch", "hvilende nattevakt"),
        "on_call": Words("on call", "hjemmevakt")}


def ratio_for(kind: str, rules: Rules) -> float | None:
    """The ratio a duty kind counts at under these rules (None for active work)."""
    key = RATIO_KEYS.get(kind)
    return None if key is None else float(rules.get(key))


def counted_minutes(clock: int, ratio: float, *, active: int = 0, breaks: int = 0) -> int:
    """Working time of a duty of ``clock`` minutes: ``active`` minutes in full, the rest less
    unpaid ``breaks`` at ``ratio``, rounded up to the whole minute (the law says "at least").
    """
    passive = max(0, clock - breaks - active)
    return active + math.ceil(passive * ratio - 1e-6)


def fraction(ratio: float) -> str:
    """A ratio as people write it: 1/7, 1/3, 1/2; otherwise the number (0.25 -> 1/4)."""
    for n in range(1, 25):
        if abs(ratio - 1 / n) < 1e-5:
            return f"1/{n}"
    return f"{ratio:g}"


@dataclass(frozen=True)
class ExactHours:
    """Minutes as hours with up to two decimals: '1.43 h' / '1,43 t', '10 h' / '10 t'."""

    minutes: float

    def render(self, lang: str) -> str:
        text = f"{self.minutes / 60:.2f}".rstrip("0").rstrip(".")
        return text.replace(".", ",") + " t" if lang == "nb" else text + " h"


def ratio_words(shift: ShiftType) -> Words | None:
    """How a duty shift is counted ("1/7 of 10 h on call", "2 h active + 1/3 of 8 h sleeping
    night watch", "3 h of 10 h on call, as stated"); None for active work."""
    if not shift.is_duty or shift.clock_minutes is None:
        return None
    what = WHAT[shift.kind]
    if shift.duty_ratio is None:
        return STATED.render(counted=ExactHours(shift.paid_minutes),
                             clock=ExactHours(shift.clock_minutes), what=what)
    active = ACTIVE.render(active=ExactHours(shift.active_minutes)) if shift.active_minutes else ""
    return RATIO.render(ratio=fraction(shift.duty_ratio), active=active, what=what,
                        passive=ExactHours(shift.clock_minutes - shift.active_minutes))


def duty_words(shift: ShiftType) -> Words | None:
    """What a duty shift counts, for legends ("counts 1.43 h: 1/7 of 10 h on call"); None
    for active work."""
    how = ratio_words(shift)
    if how is None or shift.clock_minutes is None:
        return None
    if shift.duty_ratio is None:
        return COUNTS_STATED.render(counted=ExactHours(shift.paid_minutes),
                                    clock=ExactHours(shift.clock_minutes), what=WHAT[shift.kind])
    return COUNTS.render(counted=ExactHours(shift.paid_minutes), how=how)


def check(ctx: CheckContext) -> Iterator[Breach]:
    """Each on-call shift of the rota that counts less than 1/7 of its clock time, once."""
    used = set(ctx.work.values())
    for code in sorted(used):
        shift = ctx.shifts.get(code)
        if shift is None or shift.kind != "on_call" or shift.clock_minutes is None:
            continue
        least = counted_minutes(shift.clock_minutes, LAW_ON_CALL_RATIO)
        if shift.paid_minutes < least:
            yield UNIT.breach(BELOW_LAW.render(shift=code, counted=Hours(shift.paid_minutes),
                                               clock=Hours(shift.clock_minutes)),
                              shift=code, counted_hours=round(shift.paid_hours, 2),
                              clock_hours=round(shift.clock_minutes / 60, 2))


def _ratio(key: str, default: float, nb: str, en: str, note: str) -> Param:
    return Param(key, Kind.NUMBER, default, nb, en, bounds=RATIO_BOUNDS, note=note)


UNIT = RuleUnit(
    id=ID, nb="hvilende vakt og hjemmevakt", en="passive duty and on-call", severity=Severity.WARNING,
    kind="counted when read; warning",
    source="AML § 10-4 (3) (on-call from home: at least 1/7); sleeping night watch: 1/3, "
           "common municipal agreement practice (the law gives no factor, AML § 10-4 (2))",
    summary="passive night and on-call hours count as working time at a ratio; on-call counted "
            "below 1/7 is flagged",
    params=(
        _ratio("passive_night_ratio", 0.333333, "Hvilende nattevakt teller (andel)",
               "Sleeping night watch counts (share)",
               "1/3: common agreement practice; the law gives no factor (AML § 10-4 (2))"),
        _ratio("on_call_ratio", 0.142857, "Hjemmevakt teller (andel)", "On-call from home counts (share)",
               "1/7: AML § 10-4 (3) main rule; other by written agreement"),
    ),
    check=check,
)
