"""Why a slot is short: who could not work it, and for what reason.

Used to turn a bare shortfall into a sentence a unit leader can act on, such as
"Saturday 9 Jan H: 2 of 3 staffed; 4 of 8 available (3 vacation, 1 sick)".
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from roster.scenario import Scenario

ABSENCE_WORDS = {"vacation": "vacation", "sick": "sick", "course": "on a course",
                 "leave": "on leave", "other": "away"}
WORDS_NB = {"vacation": "ferie", "sick": "syk", "on a course": "på kurs", "on leave": "permisjon",
            "away": "borte", "fixed day off": "fast fridag",
            "may not work this shift": "kan ikke ta vakten"}


def unavailable_reasons(scenario: Scenario, date: dt.date, shift: str) -> Counter:
    """Reason -> number of staff who cannot take this shift on this date at all."""
    reasons: Counter = Counter()
    for p in scenario.staff:
        absence = next((a for a in scenario.absences
                        if a.staff == p.id and a.covers(date) and a.percent >= 100), None)
        if absence is not None:
            reasons[ABSENCE_WORDS.get(absence.kind, "away")] += 1
        elif date in p.fixed_days_off or date.weekday() in p.weekdays_off:
            reasons["fixed day off"] += 1
        elif shift in p.cannot_work or p.rules.max_shifts.get(shift, 1) == 0:
            reasons["may not work this shift"] += 1
    return reasons


def explain_slot(scenario: Scenario, date: dt.date, shift: str, lang: str = "en") -> str:
    """'6 of 8 staff available (1 vacation, 1 sick)' for one slot (``lang="nb"``: Norwegian)."""
    reasons = unavailable_reasons(scenario, date, shift)
    total = len(scenario.staff)
    available = total - sum(reasons.values())
    nb = lang == "nb"
    text = f"{available} av {total} tilgjengelige" if nb else f"{available} of {total} staff available"
    if reasons:
        parts = [f"{n} {WORDS_NB.get(why, why) if nb else why}" for why, n in reasons.most_common()]
        text += " (" + ", ".join(parts) + ")"
    return text
