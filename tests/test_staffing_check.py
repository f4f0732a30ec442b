"""The optimiser check: the smallest staffing whose real rota meets the target, one step
below does not."""

from __future__ import annotations

import datetime as dt

import pytest

from coverage.staffing import estimate
from coverage.staffing_check import check_staffing, staffing_variant
from tests.builders import scenario

DAY_COVER = [{"shift": "D", "days": ["weekday"], "min_staff_if_open": 2}]
WEEKEND = {"code": "H", "name": "Helg", "start": "10:00", "end": "18:00", "hours": 7.5,
           "days": ["saturday", "sunday"]}


def day_team(n: int):
    # one week, 2 on the day shift Mon-Fri (10 shifts of 7.5 h), contract hours +-2 h
    return scenario(staff=n, coverage=DAY_COVER, rules={"turnus_type": "day", "hours_tolerance": 2})


def test_adds_staff_until_a_rota_exists_and_one_step_below_fails():
    s = day_team(2)
    est = estimate(s, 2027)
    result = check_staffing(s, est, step=0.5, time_limit=10)
    assert result.proven
    assert result.smallest.arsverk == 2.5 and result.smallest.added == 1
    assert result.below.arsverk == 2.0 and not result.below.meets
    # the arithmetic (about 2.48) and the rota agree to within one step
    assert abs(result.smallest.arsverk - est.arsverk) <= 0.5


def test_scales_down_a_large_team_and_shows_the_limit():
    s = day_team(4)
    est = estimate(s, 2027)
    result = check_staffing(s, est, step=0.5, time_limit=10)
    assert result.proven
    # 4 people: each gets fewer whole 7.5 h shifts than 2.5 årsverk would suggest
    assert result.smallest.arsverk == 3.0 and result.smallest.headcount == 4
    assert result.below.arsverk == 2.5


def test_weekend_frequency_needs_more_people_than_the_hours_alone():
    s = scenario(days=14, staff=3, shifts=[WEEKEND],
                 rules={"weekend_every": 2, "hours_tolerance": 1000},
                 coverage=[{"shift": "H", "days": ["saturday", "sunday"], "min_staff_if_open": 3,
                            "priority": "service", "unit": "weekend", "open": "always"}])
    est = estimate(s, 2027)
    assert est.arsverk < 2                  # the hours fit in under 2 årsverk ...
    assert est.headcount.per_weekend == 6   # ... but 3 people every 2nd weekend need 6
    result = check_staffing(s, est, step=0.5, time_limit=10)
    assert result.proven
    assert result.smallest.headcount == 6
    assert not result.below.meets and result.below.opened < result.below.target


def test_absence_allowance_lowers_every_fte():
    s = day_team(2)
    variant, added, scale = staffing_variant(s, 3.0, 0.5, 0.8)
    assert (added, scale) == (2, 1.0)
    assert [p.fte for p in variant.staff] == pytest.approx([0.8, 0.8, 0.4, 0.4])
    smaller, added, scale = staffing_variant(s, 1.0, 0.5, 1.0)
    assert added == 0 and scale == 0.5 and [p.fte for p in smaller.staff] == [0.5, 0.5]


def test_recorded_sick_leave_is_counted_once():
    # p1 is on recorded sick leave the whole week. The check plans with the absence
    # allowance in its place (not both), so it finds the staffing of the same team without
    # the recorded absence: 2.5 årsverk (test_adds_staff_until_a_rota_exists_...).
    # Recorded: 37.5 h (a 37.5 h week of a full post). The team's allowance for the week is
    # 2 x 37.5 h x (1 - availability factor); the rest is cover for this week only.
    sick = scenario(staff=2, coverage=DAY_COVER, rules={"turnus_type": "day", "hours_tolerance": 2},
                    absences=[{"staff": "p1", "start": dt.date(2027, 1, 4), "end": dt.date(2027, 1, 10),
                               "kind": "sick"}])
    est = estimate(sick, 2027)
    result = check_staffing(sick, est, step=0.5, time_limit=10)
    assert result.proven and result.smallest.arsverk == 2.5
    rec = result.recorded
    assert (rec.people, rec.hours, rec.by_kind) == (1, 37.5, {"sick": 37.5})
    assert rec.allowance_month == pytest.approx(75 * (1 - est.availability_factor))
    assert rec.excess_month == pytest.approx(37.5 - 75 * (1 - est.availability_factor))
    assert rec.excess_arsverk == pytest.approx(rec.excess_month / 37.5)
    assert not rec.beyond_year
    assert "not on top of it" in " ".join(rec.describe())
    assert result.to_json()["recorded_absence"]["hours"] == 37.5
