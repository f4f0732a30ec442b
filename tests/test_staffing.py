"""Staffing arithmetic: hours to cover, årsverk, headcount floors, position sizes, the CLI."""

from __future__ import annotations

import json

import pytest

from coverage.staffing import (
    StaffingParams,
    estimate,
    hours_to_cover,
    positions_for,
    with_targets,
)
from roster.cli.main import main
from roster.errors import UserError
from roster.scenario_load import load_scenario
from tests.builders import DAY, EVENING, scenario

WEEKEND = {"code": "H", "name": "Helg", "start": "10:00", "end": "18:00", "hours": 7.5,
           "days": ["saturday", "sunday"]}
HOLIDAY = {"code": "HD", "name": "Høytid", "start": "10:00", "end": "16:30", "hours": 6.5,
           "days": ["holiday"]}


def day_only(**rules) -> object:
    return scenario(staff=2, coverage=[{"shift": "D", "days": ["weekday"], "min_staff_if_open": 2}],
                    rules={"turnus_type": "day", **rules}, country="NO")


def test_hours_to_cover_one_day_shift_over_a_year():
    # 2027 has 261 Monday-Fridays, 6 of them public holidays: 255 x 2 staff x 7.5 h
    est = estimate(day_only(), 2027)
    assert est.hours.total == pytest.approx(255 * 2 * 7.5)
    (row,) = est.hours.rows
    assert (row.day_type, row.shift, row.slots, row.min_staff) == ("weekday", "D", 255, 2)


def test_arsverk_from_hand_computed_factors():
    est = estimate(day_only(), 2027)
    nominal = 37.5 * 365 / 7                     # day work: 37.5 h a week
    available = nominal - 5 * 37.5               # 5 weeks vacation (holiday reduction off)
    productive = available * (1 - 0.095 - 0.032)  # sick leave + other leave
    assert est.weekly_hours == 37.5
    assert est.productive_hours == pytest.approx(productive)
    assert est.arsverk == pytest.approx(3825 / productive)        # about 2.48
    assert est.arsverk_without_absence == pytest.approx(3825 / available)
    assert est.line("arsverk").value == round(3825 / productive, 2)
    assert est.headcount_needed == 3
    assert sum(est.positions) == pytest.approx(est.arsverk, abs=0.01)


def test_parameters_are_editable():
    base = estimate(day_only(), 2027)
    no_absence = estimate(day_only(), 2027, StaffingParams(sick_leave=0, other_leave=0))
    assert no_absence.arsverk == pytest.approx(base.arsverk_without_absence)
    shorter = estimate(day_only(), 2027, StaffingParams(weekly_hours=33.6))
    assert shorter.arsverk > base.arsverk


def test_service_target_counts_at_its_opening_target():
    # two full weeks, evenings opened 4 of 5 weekdays: 8 evenings x 3 staff x 7 h
    s = scenario(days=14, shifts=[DAY, EVENING], coverage=[
        {"shift": "A", "days": ["weekday"], "min_staff_if_open": 3, "priority": "service",
         "open": {"count": 4, "per": "week"}}])
    assert hours_to_cover(s).total == pytest.approx(8 * 3 * 7.0)
    assert hours_to_cover(with_targets(s, evenings=2)).total == pytest.approx(4 * 3 * 7.0)


def test_holidays_are_included_and_reduce_owed_hours():
    s = scenario(shifts=[HOLIDAY], country="NO", rules={"holiday_hours_reduction": True},
                 coverage=[{"shift": "HD", "days": ["holiday"], "min_staff_if_open": 3}])
    est = estimate(s, 2027)
    assert est.hours.total == pytest.approx(11 * 3 * 6.5)   # 11 public holidays in 2027
    assert est.line("holidays").value == pytest.approx(-6 * 35.5 / 5, abs=0.1)  # 6 on Mon-Fri


@pytest.mark.parametrize(("every", "floor"), [(3, 9), (2, 6)])
def test_weekend_frequency_forces_headcount(every, floor):
    s = scenario(shifts=[WEEKEND], rules={"weekend_every": every}, coverage=[
        {"shift": "H", "days": ["saturday", "sunday"], "min_staff_if_open": 3,
         "priority": "service", "unit": "weekend", "open": "always"}])
    est = estimate(s, 2027)
    assert est.headcount.per_weekend == floor
    assert est.headcount_needed == floor


def test_weekends_opened_twice_a_month_need_fewer_people():
    s = scenario(shifts=[WEEKEND], rules={"weekend_every": 3}, coverage=[
        {"shift": "H", "days": ["saturday", "sunday"], "min_staff_if_open": 3,
         "priority": "service", "unit": "weekend", "open": "always"}])
    est = estimate(with_targets(s, weekends=2), 2027)
    assert 4 <= est.headcount.per_weekend < 9


def test_day_floor_counts_people_on_all_shifts_of_a_day():
    s = scenario(shifts=[DAY, EVENING], coverage=[
        {"shift": "D", "days": ["weekday"], "min_staff_if_open": 2},
        {"shift": "A", "days": ["weekday"], "min_staff_if_open": 3}])
    assert estimate(s, 2027).headcount.per_day == 5


def test_bad_targets_are_named():
    with pytest.raises(UserError, match="target-weekends"):
        with_targets(day_only(), weekends="often")
    with pytest.raises(UserError, match="no service requirement on an evening"):
        with_targets(day_only(), evenings=4)
    with pytest.raises(UserError, match="sick_leave"):
        StaffingParams(sick_leave=1.5)


def test_positions_add_up_to_the_arsverk():
    sizes = positions_for(7.45, 8)
    assert len(sizes) == 8
    assert sum(sizes) == pytest.approx(7.45)
    assert all(0 < s <= 1 for s in sizes)


def test_fredrikstad_standard_needs_about_one_more_arsverk():
    """The documented standard (4 evenings, every weekend, holidays, minimum 3) over 2027."""
    s = load_scenario("data/fredrikstad-mat.toml")
    est = estimate(s, 2027)
    assert est.current_arsverk == pytest.approx(6.5)
    assert est.arsverk_without_absence == pytest.approx(6.5, abs=0.1)  # the rota alone fits
    assert 7.3 < est.arsverk < 7.6          # with 9.5 % + 3.2 % absence
    assert est.headcount.per_weekend == 6   # 3 every weekend, every second weekend
    assert est.headcount_needed == 8


def test_cli_prints_arithmetic_and_writes_budget(tmp_path, capsys):
    code = main(["staffing", "data/fredrikstad-mat.toml", "--year", "2027", "--out", str(tmp_path)])
    assert code == 0
    out = capsys.readouterr().out
    assert "Årsverk needed (with absence allowance)" in out and "7.45" in out
    budget = json.loads((tmp_path / "budget.json").read_text(encoding="utf-8"))
    assert budget["currency"] == "NOK" and budget["year"] == 2027
    assert budget["total"] == sum(li["amount"] for li in budget["lines"])
    assert set(budget["lines"][0]) == {"key", "label_nb", "label_en", "amount", "detail"}
    assert (tmp_path / "staffing.csv").read_text(encoding="utf-8").startswith("key,what,value")


def test_cli_rejects_a_bad_target():
    assert main(["staffing", "data/fredrikstad-mat.toml", "--target-weekends", "often"]) == 3  # usage
