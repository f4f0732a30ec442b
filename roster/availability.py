"""Who cannot take a shift at all, and why: absent all day, a fixed day off, a shift type
the person may not work. One place for the three reasons, read by the eligibility rules
(``roster/rules/absence.py`` ...), their checks and the shortfall explanations."""

from __future__ import annotations

import datetime as dt

from roster.scenario import Absence, Scenario, Staff

FIXED_DAY_OFF = "fixed_day_off"
CANNOT_WORK = "cannot_work"


def absence_on(scenario: Scenario, staff_id: str, date: dt.date) -> Absence | None:
    """The absence that keeps the person away all day (100 %), if any."""
    return next((a for a in scenario.absences
                 if a.staff == staff_id and a.covers(date) and a.percent >= 100), None)


def on_fixed_day_off(person: Staff, date: dt.date) -> bool:
    """A fixed date off or a fixed weekday off."""
    return date in person.fixed_days_off or date.weekday() in person.weekdays_off


def may_not_work(person: Staff, code: str) -> bool:
    """A shift type the person may not work (or whose cap for them is 0)."""
    return code in person.cannot_work or person.rules.max_shifts.get(code, 1) == 0


def unavailable_reason(scenario: Scenario, person: Staff, date: dt.date, code: str) -> str | None:
    """Why the person cannot take the shift at all: the absence kind ("sick", "vacation" ...),
    ``FIXED_DAY_OFF`` or ``CANNOT_WORK``; None when they can."""
    absence = absence_on(scenario, person.id, date)
    if absence is not None:
        return absence.kind
    if on_fixed_day_off(person, date):
        return FIXED_DAY_OFF
    if may_not_work(person, code):
        return CANNOT_WORK
    return None
