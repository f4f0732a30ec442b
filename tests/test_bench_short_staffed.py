"""The short-staffed benchmark cases: valid scenarios of up to 15 staff, and the measures the
benchmark reports (seconds to the last stage a unit leader sees, evenings kept per week)."""

import datetime as dt
from types import SimpleNamespace

import pytest

from roster.bench.short_staffed import CASES, SEEN, by_priority, kept_per_week, load, seen_seconds
from roster.rota import Assignment
from roster.slots import SlotTable


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_case_is_a_valid_scenario_of_at_most_15_staff(name):
    s = load(name)
    assert 5 <= len(s.staff) <= 15
    if CASES[name].short:
        assert s.absences  # someone is away: that is what makes the month short


def test_seen_seconds_stop_at_the_last_stage_a_unit_leader_sees():
    rota = SimpleNamespace(solver={"build_seconds": 0.5, "stages": [
        {"stage": "base", "status": "optimal", "seconds": 1.0},
        {"stage": "service.3", "status": "optimal", "seconds": 2.0},
        {"stage": "fairness", "status": "feasible", "seconds": 3.0},
        {"stage": "tidiness", "status": "feasible", "seconds": 5.0}]})
    assert seen_seconds(rota) == (6.5, False)  # type: ignore[arg-type]
    assert by_priority([("service.3", "optimal", 1.0), ("service.4", "feasible", 2.0)]) == {
        "service": ("feasible", 3.0)}
    assert SEEN == ("base", "hours", "service", "fairness")


def test_evenings_kept_are_counted_in_the_weeks_judged_for_evenness():
    # September 2027 begins on a Wednesday: 3 of that week's 5 weekdays are in the month, so it
    # is judged (pro rata); the last week (Monday 27 to Thursday 30) too
    s = load("outreach-15")
    table = SlotTable(s)
    evening = [g for g in table.target_groups if g.req.shift == "A"]
    first = min(sl.date for g in evening for k in g.units for sl in table.units[k])
    staff = [p.id for p in s.staff[-3:]]
    rota = [Assignment(date=first + dt.timedelta(days=d), staff=p, shift="A") for d in (0, 1) for p in staff]
    kept = kept_per_week(s, rota)
    assert kept["Kveld"][0] == 2 and sum(kept["Kveld"]) == 2 and len(kept["Kveld"]) == 5
