"""Why a slot is short: who could not work it, and for what reason.

Used to turn a bare shortfall into a sentence a unit leader can act on, such as
"Saturday 9 Jan H: 2 of 3 staffed; 4 of 8 available (4 away)". Absence kinds are never
named (sick leave is health information: in a small team "1 sick" names the person); the
reasons that are the unit's own (a fixed day off, a shift someone may not work) are.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from roster.availability import CANNOT_WORK, FIXED_DAY_OFF, unavailable_reason
from roster.rules.words import Words
from roster.scenario import Scenario

AWAY = "away"
REASONS: dict[str, Words] = {
    AWAY: Words("away", "borte"), FIXED_DAY_OFF: Words("fixed day off", "fast fridag"),
    CANNOT_WORK: Words("may not work this shift", "kan ikke ta vakten"),
}


def unavailable_reasons(scenario: Scenario, date: dt.date, shift: str) -> Counter:
    """Reason -> number of staff who cannot take this shift on this date at all; every kind
    of absence is counted as ``AWAY``."""
    reasons: Counter = Counter()
    for p in scenario.staff:
        why = unavailable_reason(scenario, p, date, shift)
        if why is not None:
            reasons[why if why in REASONS else AWAY] += 1
    return reasons


def explain_slot(scenario: Scenario, date: dt.date, shift: str) -> Words:
    """'6 of 8 staff available (2 away)' for one slot, in both languages."""
    reasons = unavailable_reasons(scenario, date, shift)
    total = len(scenario.staff)
    available = total - sum(reasons.values())
    en, nb = f"{available} of {total} staff available", f"{available} av {total} tilgjengelige"
    if reasons:
        words = [(n, REASONS[why]) for why, n in reasons.most_common()]
        en += " (" + ", ".join(f"{n} {w.en}" for n, w in words) + ")"
        nb += " (" + ", ".join(f"{n} {w.nb}" for n, w in words) + ")"
    return Words(en=en, nb=nb)
