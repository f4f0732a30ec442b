"""Who may take which shift at all: absences, fixed days off, shifts a person may not work."""

from __future__ import annotations

from typing import TYPE_CHECKING

from roster.contract import fully_absent
from roster.rules import rule

if TYPE_CHECKING:
    from roster.model import Model


@rule("absence", "Scenario: registered vacation, sick leave, courses", filter=True)
def absence(m: Model, p: int, d: int, code: str) -> bool:
    """A person who is away all day (100 % absence) gets no shift that day."""
    return not fully_absent(m.scenario, m.staff[p].id, m.days[d].date)


@rule("fixed_day_off", "Scenario: the person's fixed days off", filter=True)
def fixed_day_off(m: Model, p: int, d: int, code: str) -> bool:
    """No shift on a person's fixed dates off or fixed weekdays off."""
    person = m.staff[p]
    date = m.days[d].date
    return date not in person.fixed_days_off and date.weekday() not in person.weekdays_off


@rule("cannot_work", "Scenario: shifts the person may not work", filter=True)
def cannot_work(m: Model, p: int, d: int, code: str) -> bool:
    """A person never gets a shift type they may not work (or whose cap is 0)."""
    person = m.staff[p]
    return code not in person.cannot_work and person.rules.max_shifts.get(code, 1) > 0
