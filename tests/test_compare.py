"""Scenarios side by side: service level, årsverk, cost, cost per opened evening, robustness."""

from __future__ import annotations

import importlib.util

import pytest

from coverage.budget import load_costs
from coverage.compare import compare, comparison_table, evenings_per_year, present_arsverk
from coverage.staffing import StaffingParams
from tests.builders import EVENING, scenario

EVENINGS = [{"shift": "A", "days": ["weekday"], "min_staff_if_open": 2, "priority": "service",
             "open": {"count": 4, "per": "week"}, "label": "Kveld"}]


def team(fte: float, **more):
    staff = [{"id": f"p{i}", "name": f"P{i}", "fte": fte} for i in range(2)]
    return scenario(staff=staff, shifts=[EVENING], coverage=EVENINGS,
                    rules={"turnus_type": "day", "hours_tolerance": 2}, **more)


def test_evenings_per_year_at_the_target():
    # 4 a week over 2027; the first ISO week (Fri 1 Jan) is prorated, holidays are closed
    assert 200 < evenings_per_year(team(1.0), 2027) <= 4 * 53


def test_present_arsverk_takes_off_recorded_absence():
    s = team(1.0, absences=[{"staff": "p0", "start": "2027-01-04", "end": "2027-01-10",
                             "kind": "sick"}])
    assert present_arsverk(s) == pytest.approx(1.0)


def test_half_posts_open_fewer_evenings_and_each_costs_more():
    full, half = team(1.0), team(0.5)
    rows = compare([full, half], year=2027, params=StaffingParams(), costs=load_costs(),
                   time_limit=10, runs=20)
    a, b = rows
    assert (a.month_opened, a.month_target) == (4, 4)
    assert b.month_opened < 4                      # 2 x 0.5 fte cannot open 4 evenings
    assert b.evenings_per_year < a.evenings_per_year
    assert b.arsverk_now == 1.0 and a.arsverk_now == 2.0
    assert a.cost_per_evening == pytest.approx(a.cost_per_year / a.evenings_per_year, rel=1e-3)
    if importlib.util.find_spec("coverage.simulate") is not None:
        assert 0.0 <= a.robustness <= 1.0
    else:
        assert a.robustness is None and "not available" in a.robustness_note
    table = comparison_table(rows)
    assert table[0][1:] == [a.name, b.name]
    assert all(len(r) == 3 for r in table)
