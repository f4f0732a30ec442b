"""hours: planned hours within the contract band; above it never, below it costed and warned."""

import pytest
from builders import scenario
from verifier import allowed, breaches, model_verdict

from roster.contract import hours_band
from roster.errors import ScenarioError
from roster.rules.breach import Severity
from roster.slots import SlotTable

ID = "hours"
EVERY_DAY = [{"shift": "D", "days": ["weekday", "saturday", "sunday"], "min_staff_if_open": 1}]


def worked(*days: int) -> list[tuple[str, str, str]]:
    return [("p1", f"2027-01-{d:02d}", "D") for d in days]


def band(min_hours: float, max_hours: float, **more):
    return scenario(staff=[{"id": "p1", "name": "A", "rules": {"min_hours": min_hours,
                                                              "max_hours": max_hours}}],
                    coverage=EVERY_DAY, **more)


def test_the_band_from_stillingsprosent_weekly_hours_and_absence():
    s = scenario(staff=[{"id": "p1", "name": "A", "fte": 0.5}], days=14, rules={"hours_tolerance": 4.0},
                 absences=[{"staff": "p1", "start": "2027-01-11", "end": "2027-01-17", "kind": "vacation"}])
    b = hours_band(s, s.staff[0], SlotTable(s).days)
    # half of 35.5 h for the one week present: 17 h 45 min, plus/minus 4 h
    assert (b.min, b.target, b.max) == (825, 1065, 1305)


def test_the_model_never_plans_above_the_band():
    s = band(0, 8)
    assert allowed(s, ID, worked(4))
    assert not allowed(s, ID, worked(4, 5))  # 15 h


def test_hours_below_the_band_cost_their_hours_at_the_hours_priority():
    s = band(15, 20)
    assert model_verdict(s, ID, worked(4)).cost("hours") == 7.5
    assert model_verdict(s, ID, worked(4, 5)).cost("hours") == 0


def test_in_weighted_mode_the_bottom_of_the_band_is_hard():
    s = band(15, 20, objective={"mode": "weighted"})
    assert not allowed(s, ID, worked(4))
    assert allowed(s, ID, worked(4, 5))


def test_the_check_reports_above_as_a_breach_and_below_as_a_warning():
    s = band(10, 12)
    above = breaches(s, ID, worked(4, 5))
    assert [(b.severity, b.data["planned"]) for b in above] == [(Severity.ERROR, 15.0)]
    assert above[0].en == "A: 15.0 h planned, above the contract band 10.0 h-12.0 h"
    below = breaches(s, ID, [])
    assert [(b.severity, b.nb) for b in below] == [(Severity.WARNING, "A: 0,0 t planlagt, under "
                                                    "10,0 t-12,0 t etter stillingsprosent")]
    assert breaches(band(0, 8), ID, worked(4)) == []


def test_min_above_max_is_refused():
    with pytest.raises(ScenarioError, match="max is below min"):
        band(20, 10)
