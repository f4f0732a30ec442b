"""Nobody gets a shift type they may not work (or whose cap for them is 0)."""

from __future__ import annotations

from roster.availability import may_not_work
from roster.rules.eligibility import eligibility_unit
from roster.rules.words import Text

UNIT = eligibility_unit(
    id="cannot_work", nb="vakt ikke tillatt", en="shift not allowed",
    source="the scenario: shifts the person may not work",
    summary="no shift type the person may not work",
    forbids=lambda scenario, person, date, code: may_not_work(person, code),
    said=Text("{name} may not work shift {shift}", "{name} skal ikke ha vakt {shift}"),
)
