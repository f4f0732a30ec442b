"""The independent checker: every rule's measurement, run on any rota (each rule's own
measurement is tested in tests/rules/); here the checker as a whole: it passes the
planner's rotas, catches hand-made breaches, reads the previous rota and measures only the
rules it is asked for."""

import datetime as dt

import pytest
from builders import DAY, scenario
from conftest import DATA

from roster.check import CheckContext, check_rota
from roster.planner import PlanOptions, plan
from roster.rota import Assignment
from roster.rules.catalogue import unit
from roster.scenario_load import load_scenario


@pytest.fixture(scope="module")
def solved():
    s = load_scenario(DATA / "fredrikstad-mat.toml")
    rota = plan(s, PlanOptions(time_limit=30))
    return s, list(rota.assignments)


def rules_of(breaches):
    return {b.rule for b in breaches if b.is_error}


def test_a_solver_rota_is_clean(solved):
    s, rows = solved
    assert rules_of(check_rota(s, rows)) == set()


def test_a_hand_edited_rota_breaks_the_rules_it_should(solved):
    s, rows = solved
    # someone alone on an evening, a weekend after a weekend, a part-timer far above her hours
    date = next(r.date for r in rows if r.shift == "A")
    evening = [r for r in rows if r.date == date and r.shift == "A"]
    edited = [r for r in rows if r not in evening[1:]]
    worker = next(r.staff for r in rows if r.date == dt.date(2027, 1, 9))
    next_weekend = dt.date(2027, 1, 16)
    edited = [r for r in edited if not (r.date == next_weekend and r.staff == worker)]
    edited.append(Assignment(next_weekend, worker, "H"))
    free = [d for d in s.dates if d.weekday() < 5 and not any(r.staff == "s07" and r.date == d for r in rows)]
    edited += [Assignment(d, "s07", "D") for d in free[:6]]
    found = rules_of(check_rota(s, edited))
    assert {"open_or_minimum", "weekend", "hours"} <= found


def test_rest_across_the_rota_s_own_clock_times():
    # Alta: evening 15:00-22:00, day 08:00-15:30 -> 10 h rest
    s = load_scenario(DATA / "alta-ettervern.toml")
    rows = [Assignment(dt.date(2027, 3, 1), "a1", "A"), Assignment(dt.date(2027, 3, 2), "a1", "D")]
    found = [b for b in check_rota(s, rows) if b.rule == "rest"]
    assert [(b.staff, b.date) for b in found] == [("a1", dt.date(2027, 3, 2))]
    assert "10.0 h rest" in found[0].en and "11 h required" in found[0].en


def test_only_the_rules_asked_for_are_measured():
    s = scenario(staff=1, days=2, coverage=[{"shift": "D", "days": ["weekday"], "min_staff_if_open": 2}])
    rows = [Assignment(dt.date(2027, 1, 4), "p1", "D"), Assignment(dt.date(2027, 1, 4), "x9", "D")]
    assert {b.rule for b in check_rota(s, rows)} == {"reference", "coverage"}
    assert {b.rule for b in check_rota(s, rows, rules=[unit("coverage")])} == {"coverage"}


def test_every_breach_names_its_rule_source_and_says_it_in_both_languages(solved):
    s, rows = solved
    edited = [*rows, Assignment(dt.date(2027, 1, 4), "x9", "Q")]
    for b in check_rota(s, edited):
        row = b.to_json()
        assert row["rule"] == b.rule and row["source"] == unit(b.rule).source
        assert row["detail"] and row["detail_nb"] and row["detail"] != row["detail_nb"]


def test_the_context_reads_the_previous_rota_and_finds_runs():
    s = scenario(staff=1, shifts=[DAY])
    history = {("p1", dt.date(2027, 1, 2)): "D", ("p1", dt.date(2027, 1, 3)): "D",
               ("p1", dt.date(2027, 1, 4)): "D"}  # a day inside the period: the rota's own wins
    rows = [Assignment(dt.date(2027, 1, d), "p1", "D") for d in (4, 5, 7)]
    ctx = CheckContext(s, rows, history)
    assert ctx.has_history("p1")
    assert ctx.runs("p1") == [(dt.date(2027, 1, 2), dt.date(2027, 1, 5)), (dt.date(2027, 1, 7),) * 2]
    assert ctx.weekends_worked("p1") == {dt.date(2027, 1, 2)}
    assert ctx.intervals("p1")[0][:2] == (-2 * 1440 + 480, -2 * 1440 + 960)  # Saturday 08-16
