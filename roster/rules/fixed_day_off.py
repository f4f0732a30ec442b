"""Nobody works on their fixed dates off or fixed weekdays off."""

from __future__ import annotations

from roster.availability import on_fixed_day_off
from roster.rules.eligibility import eligibility_unit
from roster.rules.words import Text

UNIT = eligibility_unit(
    id="fixed_day_off", nb="fast fridag", en="fixed day off",
    source="the scenario: the person's fixed days off",
    summary="no shift on fixed dates or weekdays off",
    forbids=lambda scenario, person, date, code: on_fixed_day_off(person, date),
    said=Text("{name} works on a fixed day off ({day})", "{name} jobber på en fast fridag ({day})"),
)
