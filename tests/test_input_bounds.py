"""Bad input never crashes (issue 13): every number, section type, date, text and file
given to the planner is checked on reading, and a wrong one is an error naming the file and
the key (or line), never an internal error later in the planner."""

from __future__ import annotations

import copy
import json
import os
import re
import time
from pathlib import Path
from typing import Any

import pytest

from coverage.budget import load_costs
from roster.bench import curtois
from roster.errors import RotaFileError, ScenarioError, UserError
from roster.rota import Rota
from roster.scenario_load import build_scenario, load_scenario, loads_scenario

NAN, INF = float("nan"), float("inf")
BAD_NUMBERS = [NAN, INF, -INF, 1e308, 10**18]

BASE: dict[str, Any] = {
    "scenario": {"name": "Bounds"},
    "period": {"start": "2027-01-04", "end": "2027-01-10"},
    "rules": {"weekend_every": 0},
    "shifts": [{"code": "D", "start": "08:00", "end": "16:00", "break_minutes": 30}],
    "staff": [{"id": "p1", "name": "Kari", "fte": 1.0, "skills": ["nurse"],
               "rules": {"max_consecutive_days": 5, "max_hours": 40, "max_shifts": {"D": 5}}},
              {"id": "p2", "name": "Ola", "stillingsprosent": 80}],
    "coverage": [{"shift": "D", "days": ["weekday"], "min_staff_if_open": 1, "max_staff": 2,
                  "rank": 1, "under_weight": 1.0, "skills": {"nurse": 1}},
                 {"shift": "D", "days": ["saturday"], "min_staff_if_open": 1,
                  "priority": "service", "open": {"count": 1, "per": "week"}}],
    "absences": [{"staff": "p2", "start": "2027-01-05", "end": "2027-01-06", "percent": 50}],
    "wishes": [{"staff": "p1", "date": "2027-01-07", "kind": "day_off", "weight": 2}],
    "locked": [{"staff": "p1", "date": "2027-01-04", "shift": "D"}],
}

VALID_TOML = """
[scenario]
name = "Bounds"
[period]
start = 2027-01-04
end = 2027-01-10
[[shifts]]
code = "D"
start = "08:00"
end = "16:00"
[[staff]]
id = "p1"
[[coverage]]
shift = "D"
days = ["weekday"]
min_staff_if_open = 1
"""


def with_value(path: tuple, value: Any, data: dict | None = None) -> dict:
    """BASE (or data) with the value at a key path replaced (missing tables are added)."""
    out = copy.deepcopy(data or BASE)
    node: Any = out
    for part in path[:-1]:
        node = node.setdefault(part, {}) if isinstance(node, dict) else node[part]
    node[path[-1]] = value
    return out


def problems(data: dict) -> list:
    with pytest.raises(ScenarioError) as info:
        build_scenario(data, source="s.toml")
    return info.value.problems


def assert_names(found: list, key: str, message: str = "") -> None:
    hits = [p for p in found if key in p.where and message in p.message]
    assert hits, f"no problem at {key!r} with {message!r} in {[str(p) for p in found]}"
    assert all(p.source == "s.toml" for p in found)


def test_the_base_scenario_is_valid():
    s = build_scenario(BASE, source="s.toml")
    assert s.shift("D").paid_minutes == 450 and s.person("p2").fte == pytest.approx(0.8)


# --- numbers ---------------------------------------------------------------------------
NUMERIC_FIELDS = [
    ("shifts", 0, "hours"), ("shifts", 0, "break_minutes"), ("staff", 0, "fte"),
    ("staff", 1, "stillingsprosent"), ("coverage", 0, "min_staff_if_open"),
    ("coverage", 0, "max_staff"), ("coverage", 0, "rank"), ("coverage", 0, "under_weight"),
    ("coverage", 0, "over_weight"), ("absences", 0, "percent"), ("wishes", 0, "weight"),
    ("coverage", 1, "open", "count"), ("coverage", 0, "skills", "nurse"),
    ("staff", 0, "rules", "max_consecutive_days"), ("staff", 0, "rules", "max_hours"),
    ("staff", 0, "rules", "max_shifts", "D"),
    ("rules", "min_rest_hours"), ("rules", "weekly_rest_hours"), ("rules", "max_shift_hours"),
    ("rules", "max_hours_per_7_days"), ("rules", "hours_tolerance"),
    ("rules", "max_consecutive_days"), ("rules", "weekend_every"), ("rules", "notice_days"),
    ("rules", "weekly_hours", "turnus"), ("rules", "contract", "hours_tolerance"),
]


@pytest.mark.parametrize("value", BAD_NUMBERS, ids=["nan", "inf", "-inf", "1e308", "1e18"])
@pytest.mark.parametrize("path", NUMERIC_FIELDS, ids=lambda p: ".".join(map(str, p)))
def test_a_number_that_is_not_finite_or_far_too_big_is_refused_naming_its_key(path, value):
    assert_names(problems(with_value(path, value)), str(path[-1]))


@pytest.mark.parametrize("path", [("staff", 0, "fte"), ("coverage", 0, "rank"),
                                  ("rules", "min_rest_hours"), ("wishes", 0, "weight")],
                         ids=lambda p: str(p[-1]))
def test_true_is_not_a_number(path):
    assert_names(problems(with_value(path, True)), path[-1])


@pytest.mark.parametrize("path, value, message", [
    (("shifts", 0, "hours"), 25, "at most 24"),
    (("staff", 0, "fte"), 1.5, "at most 1"),
    (("coverage", 0, "min_staff_if_open"), 101, "at most 100"),
    (("coverage", 0, "rank"), 0, "at least 1"),
    (("wishes", 0, "weight"), 1001, "at most 1000"),
    (("absences", 0, "percent"), 150, "at most 100"),
    (("rules", "min_rest_hours"), 169, "between 0 and 168"),
    (("rules", "max_consecutive_days"), 1_000_000_000_000, "between 0 and 366"),
    (("rules", "max_consecutive_days"), 2.5, "whole number"),
    (("staff", 0, "rules", "max_consecutive_days"), 367, "at most 366"),
])
def test_numbers_outside_their_documented_bounds_are_refused(path, value, message):
    assert_names(problems(with_value(path, value)), path[-1], message)


@pytest.mark.parametrize("literal", ["nan", "inf", "-inf", "+inf", "1e308", "1_000_000_000_000_000_000"])
def test_toml_number_literals_are_refused_with_the_line(literal):
    text = VALID_TOML.replace("min_staff_if_open = 1", f"min_staff_if_open = {literal}")
    with pytest.raises(ScenarioError) as info:
        loads_scenario(text, source="s.toml")
    (p,) = info.value.problems
    assert p.where == "line 16 (coverage #1.min_staff_if_open)", p


@pytest.mark.parametrize("minutes", [480, 600])
def test_a_break_as_long_as_the_shift_is_refused(minutes):
    found = problems(with_value(("shifts", 0, "break_minutes"), minutes))
    assert_names(found, "break_minutes", "leaves no paid time")


# --- section types ---------------------------------------------------------------------
@pytest.mark.parametrize("section, value, expected", [
    ("coverage", 5, "expected an array of tables [[coverage]], got an integer"),
    ("shifts", True, "expected an array of tables [[shifts]], got true/false"),
    ("staff", "x", "expected an array of tables [[staff]], got text"),
    ("absences", {"staff": "p1"}, "expected an array of tables [[absences]], got a table"),
    ("wishes", 1.5, "expected an array of tables [[wishes]], got a number"),
    ("locked", "x", "expected an array of tables [[locked]], got text"),
    ("period", [], "expected a table [period], got an array"),
    ("calendar", 3, "expected a table [calendar], got an integer"),
    ("rules", [1], "expected a table [rules], got an array"),
    ("objective", "weighted", "expected a table [objective], got text"),
    ("scenario", 2, "expected a table [scenario], got an integer"),
    ("extra", [], "expected a table [extra], got an array"),
])
def test_a_section_of_the_wrong_type_is_named_with_the_type_expected(section, value, expected):
    found = problems(with_value((section,), value))
    assert any(p.where.startswith(section) and p.message == expected for p in found), \
        [str(p) for p in found]


@pytest.mark.parametrize("path, expected", [
    (("rules", "contract"), "expected a table [rules.contract], got an integer"),
    (("staff", 0, "rules"), "expected a table [staff.rules], got an integer"),
    (("staff", 0), "expected a table (a [[staff]] entry), got an integer"),
    (("coverage", 0, "skills"), "expected a table, got an integer"),
    (("staff", 0, "fixed_days_off"), "expected a list of dates, got an integer"),
    (("calendar",), "expected a table [calendar], got an integer"),
])
def test_a_nested_table_of_the_wrong_type_is_named(path, expected):
    assert_names(problems(with_value(path, 5)), str(path[-1]) if path[-1] != 0 else "staff",
                 expected)


def test_a_section_given_in_toml_with_the_wrong_type_names_its_line():
    with pytest.raises(ScenarioError) as info:
        loads_scenario("coverage = 5\nshifts = true\n" + VALID_TOML.split("[[shifts]]")[0], source="s.toml")
    messages = [p.message for p in info.value.problems]
    assert "expected an array of tables [[coverage]], got an integer" in messages
    assert "expected an array of tables [[shifts]], got true/false" in messages


# --- dates, years, text, country -------------------------------------------------------
@pytest.mark.parametrize("path, value", [
    (("period", "start"), "0001-01-04"), (("period", "end"), "9999-12-31"),
    (("absences", 0, "end"), "9999-12-31"), (("wishes", 0, "date"), "0001-01-01"),
    (("locked", 0, "date"), "1899-12-31"), (("staff", 0, "fixed_days_off"), ["9999-01-01"]),
    (("calendar",), {"closed_days": ["0001-01-01"]}),
])
def test_a_year_far_outside_1900_2200_is_refused(path, value):
    assert_names(problems(with_value(path, value)), "", "out of range (expected 1900-2200)")


@pytest.mark.parametrize("month", ["0000-01", "9999-12", "1899-12"])
def test_a_month_period_with_an_impossible_year_is_refused(month):
    assert_names(problems(with_value(("period",), {"month": month})), "period.month", "out of range")


def test_a_wish_over_centuries_is_cut_to_the_period_quickly():
    wish = {"staff": "p1", "start": "1900-01-01", "end": "2200-12-31", "kind": "day_off"}
    started = time.perf_counter()
    s = build_scenario(with_value(("wishes",), [wish]), source="s.toml")
    assert time.perf_counter() - started < 2
    assert [w.date.isoformat() for w in s.wishes] == [f"2027-01-{d:02d}" for d in range(4, 11)]


def test_a_period_longer_than_a_year_is_refused():
    found = problems(with_value(("period",), {"start": "2027-01-01", "end": "2028-01-02"}))
    assert_names(found, "period.end", "at most 366 days")


@pytest.mark.parametrize("country", ["XX", "SE", "norway"])
def test_an_unknown_holiday_country_lists_the_supported_ones(country):
    found = problems(with_value(("calendar",), {"country": country}))
    assert_names(found, "calendar.country", 'supported: "NO", or "" for none')


@pytest.mark.parametrize("path", [("staff", 0, "name"), ("staff", 0, "id"), ("shifts", 0, "code"),
                                  ("coverage", 0, "label"), ("scenario", "name")],
                         ids=lambda p: ".".join(map(str, p)))
@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x07", "\t", "\n", "\u202e"],
                         ids=["nul", "esc", "bell", "tab", "newline", "bidi"])
def test_a_control_character_in_a_name_or_id_is_refused_naming_the_key(path, char):
    found = problems(with_value(path, f"Ka{char}ri"))
    assert_names(found, str(path[-1]), "control character")
    assert all(char not in str(p) for p in found)  # never echoed to the terminal


def test_line_breaks_are_allowed_in_a_description_but_not_an_escape():
    s = build_scenario(with_value(("scenario", "description"), "Line one\nLine two\tend"), source="s")
    assert s.name == "Bounds"
    found = problems(with_value(("scenario", "description"), "red \x1b[31m"))
    assert_names(found, "scenario.description", "control character \\x1b")


def test_a_control_character_in_a_list_item_or_a_table_key_is_refused():
    assert_names(problems(with_value(("staff", 0, "skills"), ["nurse\x1b"])), "skills", "control")
    found = problems(with_value(("coverage", 0, "skills"), {"nu\x07rse": 1}))
    assert_names(found, "skills", "control")


# --- sizes -----------------------------------------------------------------------------
def test_more_than_500_staff_is_refused():
    staff = [{"id": f"p{i}"} for i in range(501)]
    assert_names(problems(with_value(("staff",), staff)), "staff", "at most 500 entries, got 501")


def test_staff_times_days_is_capped_with_a_clear_message():
    data = with_value(("period",), {"start": "2027-01-01", "end": "2027-12-31"})
    data["staff"] += [{"id": f"x{i}"} for i in range(200)]
    assert_names(problems(data), "staff", "202 staff over 365 days is 73730 person-days")


def test_problems_are_listed_up_to_a_cap_and_the_rest_counted():
    data = with_value(("wishes",), [{"staff": "nobody", "date": "2027-01-05", "kind": "day_off"}] * 500)
    found = problems(data)
    assert len(found) == 201 and "300 more problem(s) not listed" in found[-1].message


# --- files -----------------------------------------------------------------------------
def test_a_utf8_file_with_a_byte_order_mark_loads(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID_TOML.encode())
    assert load_scenario(path).name == "Bounds"
    assert loads_scenario("\ufeff" + VALID_TOML).name == "Bounds"


@pytest.mark.parametrize("data, message", [
    ("Navn = \"Kåre\"".encode("latin-1"), "not UTF-8 text"),
    (VALID_TOML.encode("utf-16"), r"not UTF-8 text \(it is UTF-16\)"),
    (bytes(range(256)) * 4, "not UTF-8 text"),
])
def test_a_file_that_is_not_utf8_is_named(tmp_path, data, message):
    path = tmp_path / "bad.toml"
    path.write_bytes(data)
    with pytest.raises(ScenarioError, match=message) as info:
        load_scenario(path)
    assert info.value.problems[0].source == str(path)


@pytest.mark.parametrize("text, message", [
    ("a = " + "[" * 10_000 + "]" * 10_000, "nested too deeply"),
    ("a = " + "{ b = " * 3_000, "nested too deeply"),
    ("a = " + "9" * 5_000, "not valid TOML"),
])
def test_toml_the_parser_cannot_take_is_a_clear_error(text, message):
    with pytest.raises(ScenarioError, match=message):
        loads_scenario(text, source="s.toml")


def test_a_scenario_file_over_5_mb_is_refused_before_parsing(tmp_path):
    path = tmp_path / "big.toml"
    path.write_bytes(VALID_TOML.encode() + b"#" * (5 * 1024 * 1024))
    with pytest.raises(ScenarioError, match="may be at most 5 MB"):
        load_scenario(path)


def special_file(tmp_path: Path, kind: str, name: str) -> Path:
    path = tmp_path / name
    if kind == "folder":
        path.mkdir()
    else:
        os.mkfifo(path)  # opening it for reading in the ordinary way would hang
    return path


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


@needs_fifo
@pytest.mark.parametrize("kind, message", [("folder", "is a folder"), ("fifo", "not a regular file")])
@pytest.mark.parametrize("name, load, error", [
    ("s.toml", load_scenario, ScenarioError), ("s.xlsx", load_scenario, ScenarioError),
    ("rota.json", Rota.load, RotaFileError), ("costs.toml", load_costs, UserError),
    ("Instance1.txt", curtois.parse, UserError),
], ids=["scenario", "workbook", "rota", "costs", "instance"])
def test_a_folder_or_a_named_pipe_is_refused_at_once(tmp_path, kind, message, name, load, error):
    path = special_file(tmp_path, kind, name)
    with pytest.raises(error, match=message):
        load(path)


# --- rota.json -------------------------------------------------------------------------
ROTA: dict[str, Any] = {
    "format": "rota/1", "scenario": "Bounds", "start": "2027-01-04", "end": "2027-01-10",
    "status": "optimal", "solver": {"name": "HiGHS", "seconds": 1.5, "stages": [
        {"stage": "base", "status": "optimal", "value": 0.0, "bound": 0.0}]},
    "rules": {"min_rest_hours": 11},
    "shifts": [{"code": "D", "name": "Dag", "start": "08:00", "end": "16:00", "hours": 7.5}],
    "staff": [{"id": "p1", "name": "Kari", "fte": 1.0, "planned_hours": 7.5, "skills": ["nurse"]}],
    "absences": [{"staff": "p1", "start": "2027-01-05", "end": "2027-01-06", "kind": "sick"}],
    "assignments": [{"staff": "p1", "date": "2027-01-04", "shift": "D", "locked": False}],
    "coverage": [{"date": "2027-01-04", "shift": "D", "min": 1, "required": 1, "assigned": 1,
                  "open": True, "priority": "base", "skills": {"nurse": 1}}],
    "violations": [{"rule": "rest", "severity": "error", "detail": "too short", "staff": "p1",
                    "date": "2027-01-04"}],
    "changes": [{"staff": "p1", "date": "2027-01-04", "before": None, "after": "D"}],
    "service_level": [{"requirement": "D:saturday", "shift": "D", "unit": "day", "target": "1 days per week",
                       "min_staff_if_open": 1, "opened": 1, "possible": 1, "target_total": 1,
                       "periods": [{"period": "week 1", "target": 1, "opened": 1}]}],
}


def test_a_valid_rota_json_reads_back_with_every_field():
    rota = Rota.from_json(copy.deepcopy(ROTA), source="rota.json")
    assert rota.staff[0]["name"] == "Kari" and rota.coverage[0]["open"] is True
    assert rota.extra["changes"][0]["after"] == "D" and rota.solver["stages"][0]["stage"] == "base"
    assert Rota.from_json(json.loads(json.dumps(rota.to_json()))).to_json() == rota.to_json()


@pytest.mark.parametrize("path, value, where", [
    (("rules",), 5, "rules"),
    (("solver",), [], "solver"),
    (("absences",), [1], "absences[0]"),
    (("violations",), "x", "violations"),
    (("staff",), {"id": "p1"}, "staff"),
    (("staff", 0, "id"), 5, "staff[0].id"),
    (("staff", 0, "planned_hours"), "7", "staff[0].planned_hours"),
    (("staff", 0, "skills"), "nurse", "staff[0].skills"),
    (("shifts", 0, "hours"), 30, "shifts[0].hours"),
    (("shifts", 0, "start"), "8 o'clock", "shifts[0].start"),
    (("shifts", 0, "color"), "red; background-image: url(x)", "shifts[0].color"),
    (("coverage", 0, "open"), "yes", "coverage[0].open"),
    (("coverage", 0, "assigned"), -1, "coverage[0].assigned"),
    (("coverage", 0, "skills"), [1], "coverage[0].skills"),
    (("assignments", 0, "locked"), "false", "assignments[0].locked"),
    (("assignments", 0, "date"), "2027-13-45", "assignments[0].date"),
    (("assignments",), None, "assignments"),
    (("absences", 0, "end"), "2027-01-01", "absences[0].end"),
    (("absences", 0, "percent"), 200, "absences[0].percent"),
    (("violations", 0, "severity"), "fatal", "violations[0].severity"),
    (("violations", 0), "x", "violations[0]"),
    (("changes",), {"p1": 1}, "changes"),
    (("changes", 0, "date"), 20270104, "changes[0].date"),
    (("service_level", 0, "opened"), "1", "service_level[0].opened"),
    (("service_level", 0, "periods"), 3, "service_level[0].periods"),
    (("solver", "seconds"), "fast", "solver.seconds"),
    (("solver", "stages"), [5], "solver.stages[0]"),
    (("start",), "0001-01-01", "start"),
    (("end",), "2029-01-01", "end"),
    (("scenario",), ["x"], "scenario"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_a_rota_json_field_of_the_wrong_type_is_named(path, value, where):
    with pytest.raises(RotaFileError, match=rf"^rota\.json: {re.escape(where)}: "):
        Rota.from_json(with_value(path, value, ROTA), source="rota.json")


@pytest.mark.parametrize("constant, path, where", [
    ("NaN", ("solver", "seconds"), "solver.seconds"),
    ("Infinity", ("staff", 0, "planned_hours"), "staff[0].planned_hours"),
    ("-Infinity", ("benchmark",), "benchmark"),
])
def test_json_nan_and_infinity_are_refused_naming_the_field(tmp_path, constant, path, where):
    text = json.dumps(with_value(path, "__X__", ROTA)).replace('"__X__"', constant)
    file = tmp_path / "rota.json"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(RotaFileError, match=rf"rota\.json: {re.escape(where)}: expected a finite number"):
        Rota.load(file)


@pytest.mark.parametrize("content, message", [
    (b"{not json", "not valid JSON"), (b"\xff\xfe\x00", "not UTF-8 text"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    (b'{"a": ' + b"9" * 5000 + b"}", "not valid JSON"),
    (json.dumps({**ROTA, "deep": json.loads("[" * 40 + "]" * 40)}).encode(), "nested more than 32 levels"),
], ids=["broken", "utf16", "deep", "long-number", "deep-extra"])
def test_a_rota_file_that_cannot_be_read_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "rota.json"
    path.write_bytes(content)
    with pytest.raises(RotaFileError, match=message):
        Rota.load(path)


def test_a_rota_json_with_a_byte_order_mark_loads(tmp_path):
    path = tmp_path / "rota.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(ROTA).encode())
    assert Rota.load(path).assignments[0].shift == "D"


def test_a_rota_json_over_20_mb_is_refused(tmp_path):
    path = tmp_path / "rota.json"
    path.write_bytes(json.dumps(ROTA).encode() + b" " * (20 * 1024 * 1024))
    with pytest.raises(RotaFileError, match="may be at most 20 MB"):
        Rota.load(path)


# --- cost tables and benchmark instances -----------------------------------------------
COSTS = """year = 2024
[salary_month]
default = 50000
[social]
employer_tax = 0.141
pension = 0.2
holiday_pay = 0.12
[ubekvem]
evening_night_per_hour = 70
evening_night_start = "17:00"
evening_night_end = "06:00"
weekend_tiers = [[0, 53], [290, 100]]
holiday_factor = 1.3333
[vikar]
markup = 0.0
annual_hours = 1950
[running]
driftsutgifter = 0
"""


@pytest.mark.parametrize("old, new, message", [
    ("employer_tax = 0.141", "employer_tax = nan", "social.employer_tax must be a number"),
    ("annual_hours = 1950", "annual_hours = 0", r"vikar.annual_hours must be a number from 1"),
    ("default = 50000", "default = 1e308", "salary_month.default must be a number from 1"),
    ("year = 2024", "year = 99999", "year must be a whole number from 1900 to 2200"),
    ("[social]\n", "[x]\n", "missing key social.employer_tax"),
    ('"17:00"', '"99:99"', "evening_night_start: expected a time HH:MM"),
    ("[[0, 53], [290, 100]]", "[[0]]", r"weekend_tiers must be a list of \[from_hour, NOK\] pairs"),
    ("[[0, 53], [290, 100]]", "[[0, inf]]", r"weekend_tiers\[1\] NOK must be a number"),
    ("year = 2024", "a = " + "[" * 5000 + "]" * 5000, "nested too deeply"),
])
def test_a_bad_cost_table_names_the_file_and_the_key(tmp_path, old, new, message):
    path = tmp_path / "costs.toml"
    assert old in COSTS
    path.write_text(COSTS.replace(old, new), encoding="utf-8")
    with pytest.raises(UserError, match=message) as info:
        load_costs(path)
    assert str(info.value).startswith(str(path))


def test_a_cost_section_of_the_wrong_type_is_named(tmp_path):
    path = tmp_path / "costs.toml"
    path.write_text("social = 5\n" + COSTS.replace("[social]", "[x]"), encoding="utf-8")
    with pytest.raises(UserError, match=r"\[social\] must be a table \(got an integer\)"):
        load_costs(path)


def test_random_bytes_as_a_cost_table_or_an_instance_are_clear_errors(tmp_path):
    path = tmp_path / "random.bin"
    path.write_bytes(bytes((i * 37 + 11) % 256 for i in range(4096)))
    with pytest.raises(UserError, match="not UTF-8 text"):
        load_costs(path)
    with pytest.raises(UserError, match="not UTF-8 text"):
        curtois.parse(path)


INSTANCE = """SECTION_HORIZON
14
SECTION_SHIFTS
D,480,
SECTION_STAFF
A,D=14,4320,3360,5,2,2,1
SECTION_COVER
0,D,1,100,1
"""


@pytest.mark.parametrize("old, new, message", [
    ("14\n", "100000000000\n", r":2: expected a whole number from 1 to 366"),
    ("14\n", "9" * 5000 + "\n", ":2: expected a whole number"),
    ("0,D,1,100,1", "14,D,1,100,1", r":8: expected a whole number from 0 to 13"),
    ("0,D,1,100,1", "0,X,1,100,1", ":8: unknown shift 'X'"),
    ("0,D,1,100,1", "0,D,1,1e9,1", ":8: expected a whole number"),
    ("D,480,", "D,-480,", r":4: expected a whole number from 1 to 1440"),
    ("A,D=14", "A,N=14", ":6: unknown shift 'N'"),
    ("SECTION_COVER\n", "SECTION_DAYS_OFF\nB,3\nSECTION_COVER\n", ":8: unknown staff id 'B'"),
])
def test_a_bad_benchmark_instance_names_the_file_and_line(tmp_path, old, new, message):
    path = tmp_path / "Instance1.txt"
    assert old in INSTANCE
    path.write_text(INSTANCE.replace(old, new), encoding="utf-8")
    with pytest.raises(UserError, match=message):
        curtois.parse(path)
    path.write_text(INSTANCE, encoding="utf-8")
    assert curtois.parse(path).days == 14


def test_a_bad_best_known_table_is_a_clear_error(tmp_path):
    (tmp_path / "best_known.csv").write_text("instance,best_known\nInstance1,lots\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"best_known.csv:2: expected a whole number"):
        curtois.best_known(tmp_path)
    (tmp_path / "best_known.csv").write_text("name,value\nInstance1,3\n", encoding="utf-8")
    with pytest.raises(UserError, match="columns instance and best_known"):
        curtois.best_known(tmp_path)
