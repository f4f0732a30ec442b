"""Nobody works on a day they are away all day (vacation, sick leave, a course ...)."""

from __future__ import annotations

from roster.availability import absence_on
from roster.rules.eligibility import eligibility_unit
from roster.rules.words import Text

UNIT = eligibility_unit(
    id="absence", nb="fravær", en="absence",
    source="the scenario: registered vacation, sick leave, courses",
    summary="no shift on a day with a full absence",
    forbids=lambda scenario, person, date, code: absence_on(scenario, person.id, date) is not None,
    said=Text("{name} works on {day} but is registered absent",
              "{name} jobber {day}, men er registrert med fravær"),
)
