"""The independent checker: it passes the planner's rotas and catches hand-made breaches."""

import datetime as dt

import pytest
from conftest import DATA

from roster.check import check_rota
from roster.planner import PlanOptions, plan
from roster.rota import Assignment
from roster.scenario_load import load_scenario


@pytest.fixture(scope="module")
def solved():
    s = load_scenario(DATA / "fredrikstad-mat.toml")
    rota = plan(s, PlanOptions(time_limit=30))
    return s, list(rota.assignments)


def rules_of(breaches):
    return {b["rule"] for b in breaches if b["severity"] == "error"}


def test_a_solver_rota_is_clean(solved):
    s, rows = solved
    assert rules_of(check_rota(s, rows)) == set()


def test_rest_breach_evening_then_day():
    # Alta: evening 15:00-22:00, day 08:00-15:30 -> 10 h rest
    s = load_scenario(DATA / "alta-ettervern.toml")
    rows = [Assignment(dt.date(2027, 3, 1), "a1", "A"), Assignment(dt.date(2027, 3, 2), "a1", "D")]
    breaches = [b for b in check_rota(s, rows) if b["rule"] == "rest"]
    assert len(breaches) == 1 and breaches[0]["staff"] == "a1" and breaches[0]["date"] == "2027-03-02"
    assert "10.0 h rest" in breaches[0]["detail"] and "11 h required" in breaches[0]["detail"]


def test_alone_on_an_evening(solved):
    s, rows = solved
    date = next(r.date for r in rows if r.shift == "A")
    evening = [r for r in rows if r.date == date and r.shift == "A"]
    edited = [r for r in rows if r not in evening[1:]]
    breaches = [b for b in check_rota(s, edited) if b["rule"] == "open_or_minimum"]
    assert len(breaches) == 1 and "one person alone" in breaches[0]["detail"]


def test_weekend_frequency_breach(solved):
    s, rows = solved
    sat = dt.date(2027, 1, 9)
    worker = next(r.staff for r in rows if r.date == sat)
    free_next = dt.date(2027, 1, 16)
    edited = [r for r in rows if not (r.date == free_next and r.shift == "H")][:]
    people = [r.staff for r in rows if r.date == free_next and r.shift == "H"]
    edited += [Assignment(free_next, p, "H") for p in people[:2]] + [Assignment(free_next, worker, "H")]
    assert "weekend" in rules_of(check_rota(s, edited))


def test_hours_over_contract(solved):
    s, rows = solved
    part_timer = "s07"  # 50 %
    free = [d for d in s.dates if d.weekday() < 5
            and not any(r.staff == part_timer and r.date == d for r in rows)]
    edited = rows + [Assignment(d, part_timer, "D") for d in free[:6]]
    over = [b for b in check_rota(s, edited) if b["rule"] == "hours" and b["severity"] == "error"]
    assert over and over[0]["staff"] == part_timer and "above the contract band" in over[0]["detail"]


def test_unknown_codes_and_people_are_reported(solved):
    s, rows = solved
    edited = [*rows, Assignment(dt.date(2027, 1, 4), "x99", "D"), Assignment(dt.date(2027, 1, 5), "s01", "Q")]
    assert {"unknown_staff", "unknown_shift"} <= rules_of(check_rota(s, edited))
