"""The rule catalogue (roster/rules/catalogue.py) and what is derived from it: one id per
rule, a test module per unit, parameter checks, the docs table, labels and messages."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ROOT

from roster.rules.breach import Severity, breach_of
from roster.rules.catalogue import UNITS, label, markdown_table, param, params, person_params, unit, units
from roster.rules.params import Kind
from roster.rules.words import Day, Hours, Text, Words
from roster.scenario import Rules, StaffRules


def test_one_unit_per_module_named_by_its_id_and_one_test_module_each():
    assert [u.id for u in units()] == list(UNITS)
    for u in units():
        assert (ROOT / "tests" / "rules" / f"test_{u.id}.py").exists(), u.id
        assert (ROOT / "roster" / "rules" / f"{u.id}.py").exists(), u.id


def test_every_unit_says_what_it_does_where_it_comes_from_and_what_it_is_called():
    for u in units():
        assert u.source and u.summary and u.kind, u.id
        assert u.nb and u.en and u.label("nb") == u.nb and u.label("en") == u.en
        assert u.build or u.allows or u.check, u.id
    assert label("rest", "nb") == "døgnhvile" and label("rest", "en") == "daily rest"
    assert label("not-a-rule", "nb") == "not-a-rule"


def test_a_person_s_own_values_are_numbers_or_counts_per_shift():
    # the loader reads [staff.rules] with these kinds only
    assert {p.kind for p in person_params()} <= {Kind.INT, Kind.NUMBER, Kind.SHIFT_COUNTS}
    assert {p.key for p in person_params()} >= {"max_consecutive_days", "max_consecutive_nights",
                                                "weekend_every", "max_shifts", "min_hours"}


def test_the_docs_rules_table_is_generated_from_the_catalogue():
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert markdown_table() in text, "regenerate it: roster rules --markdown (docs/rules.md)"


@pytest.mark.parametrize(("key", "value", "problem"), [
    ("max_consecutive_nights", 2.5, "expected a whole number, got"),
    ("max_consecutive_nights", -1, "must be between 0 and 366, got -1"),
    ("min_rest_hours", True, "expected a number, got"),
    ("sunday_holiday_rest", 1, "expected true or false, got"),
    ("turnus_type", "night", "'night' is not one of: day, turnus, round_the_clock"),
])
def test_each_parameter_checks_its_type_and_bounds(key, value, problem):
    [(sub, message)] = param(key).problems(value)
    assert sub == "" and message.startswith(problem)


def test_tables_and_pairs_are_checked_item_by_item():
    assert param("weekly_hours").problems({"turnus": 0, "nights": 30}) == [
        ("turnus", "expected hours per week above 0 and at most 168, got 0"),
        ("nights", "unknown working-time arrangement 'nights' (expected one of: day, turnus, "
                   "round_the_clock)")]
    assert param("forbidden_successions").problems([["N", "D"], ["N"], {"from": "A", "to": "D"}]) == [
        (1, 'expected ["FROM", "TO"] or {from = "N", to = ["D"]}')]


def test_values_are_kept_as_the_planner_reads_them():
    assert param("max_consecutive_days").resolve(0) is None  # 0 switches the rule off
    assert param("min_rest_hours").resolve(0) == 0.0
    assert param("max_hours_per_7_days").resolve(0) is None
    assert dict(param("weekly_hours").resolve({"turnus": 36})) == {"day": 37.5, "turnus": 36.0,
                                                                  "round_the_clock": 33.6}
    assert param("forbidden_successions").resolve([{"from": "N", "to": ["D", "A"]}, ["A", "D"]]) == (
        ("N", "D"), ("N", "A"), ("A", "D"))


def test_rule_values_are_read_by_key_and_every_key_has_a_default():
    rules = Rules(max_consecutive_nights=2)
    assert rules.max_consecutive_nights == 2 and rules.min_rest_hours == 11.0
    assert set(rules.values()) == {p.key for p in params() if p.scenario_wide}
    own = StaffRules(max_consecutive_days=4)
    assert own.max_consecutive_days == 4 and own.weekend_every is None and dict(own.max_shifts) == {}
    with pytest.raises(AttributeError):
        rules.min_rest_hours = 9


def test_messages_are_written_once_per_language_with_values_in_that_language():
    said = Text("{name}: {rest} rest on {day}; {who}", "{name}: {rest} hvile {day}; {who}").render(
        name="Kari", rest=Hours(600), day=Day(dt.date(2027, 3, 1)), who=Words("alone", "alene"))
    assert said.en == "Kari: 10.0 h rest on Monday 1 Mar 2027; alone"
    assert said.nb == "Kari: 10,0 t hvile mandag 1. mar 2027; alene"


def test_a_breach_is_a_typed_record_and_a_rota_json_row():
    b = unit("rest").breach(Words("rest", "hvile"), staff="p1", date=dt.date(2027, 3, 2), shift="D")
    assert (b.rule, b.severity, b.is_error, b.source) == ("rest", Severity.ERROR, True, "AML § 10-8 (1)")
    assert b.to_json() == {"rule": "rest", "severity": "error", "detail": "rest", "detail_nb": "hvile",
                           "source": "AML § 10-8 (1)", "staff": "p1", "date": "2027-03-02", "shift": "D"}
    warning = breach_of("service_target", "s", Words("a", "b"), severity=Severity.WARNING,
                        start=dt.date(2027, 1, 1))
    assert warning.to_json()["start"] == "2027-01-01" and not warning.is_error

