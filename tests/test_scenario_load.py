import datetime as dt
from pathlib import Path

import pytest
from conftest import DATA

from roster.errors import ScenarioError
from roster.scenario_load import load_scenario, loads_scenario

VALID = """
[scenario]
name = "Test"
[period]
start = 2027-01-04
end = 2027-01-10
[[shifts]]
code = "D"
name = "Dag"
start = "08:00"
end = "16:00"
hours = 7.5
[[staff]]
id = "p1"
name = "Kari"
fte = 1.0
[[staff]]
id = "p2"
name = "Ola"
stillingsprosent = 80
[[coverage]]
shift = "D"
days = ["weekday"]
min_staff_if_open = 1
"""


def problems_of(text: str) -> list:
    with pytest.raises(ScenarioError) as info:
        loads_scenario(text, source="s.toml")
    return info.value.problems


@pytest.mark.parametrize("path", sorted(DATA.glob("*.toml")), ids=lambda p: p.name)
def test_every_bundled_example_is_valid(path: Path):
    s = load_scenario(path)
    assert s.staff and s.shifts and s.requirements
    assert s.start <= s.end


def test_a_valid_scenario_loads_with_its_values():
    s = loads_scenario(VALID)
    assert s.person("p2").fte == pytest.approx(0.8)
    assert s.shift("D").paid_minutes == 450
    assert s.dates[0] == dt.date(2027, 1, 4) and len(s.dates) == 7
    assert s.rules.min_rest_hours == 11.0  # from the rule pack


def test_five_seeded_mistakes_are_all_reported_with_their_location():
    text = VALID.replace('fte = 1.0', 'fte = -0.5') \
        .replace('end = 2027-01-10', 'end = 2027-01-10\n[[absences]]\nstaff = "p9"\nstart = 2027-01-05\n'
                 'end = 2027-01-06\n[[absences]]\nstaff = "p1"\nstart = 2027-01-08\nend = 2027-01-07') \
        + '[[coverage]]\nshift = "X"\ndays = ["weekday"]\nmin_staff_if_open = 1\n' \
        + '[[coverage]]\nshift = "D"\ndays = ["weekday"]\nmin_staff_if_open = 2\n'
    problems = problems_of(text)
    text_of = [str(p) for p in problems]
    assert len(problems) == 5, text_of
    expect = [("fte", "at least 0"), ("staff", "unknown staff id 'p9'"), ("end", "before start"),
              ("shift", "unknown shift code 'X'"), ("days", "overlaps coverage #1")]
    for key, message in expect:
        hits = [p for p in problems if key in p.where and message in p.message]
        assert hits, f"no problem about {key}: {message} in {text_of}"
        assert hits[0].where.startswith("line "), hits[0].where  # a line number to go to
        assert hits[0].source == "s.toml"


def test_two_staff_ids_that_look_the_same_are_refused():
    # "å" as one character and as "a" + a combining ring print the same: two people a
    # unit leader cannot tell apart in any list, and absences typed one way miss the other
    text = VALID.replace('id = "p1"', 'id = "\u00e5"').replace('id = "p2"', 'id = "a\u030a"')
    problems = problems_of(text)
    assert [p.where for p in problems] == ["line 18 (staff #2.id)"], [str(p) for p in problems]
    assert "looks the same as another id" in problems[0].message


def test_a_typo_in_a_key_is_not_silently_ignored():
    problems = problems_of(VALID.replace("min_staff_if_open", "min_staf_if_open"))
    assert any("unknown key 'min_staf_if_open'" in p.message for p in problems)


def test_broken_toml_names_the_file_and_the_line():
    problems = problems_of(VALID + "\n[[staff]\n")
    assert problems[0].source == "s.toml" and "not valid TOML" in problems[0].message
    assert "line" in problems[0].message


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ScenarioError, match="file not found"):
        load_scenario(tmp_path / "nope.toml")


def test_month_period_and_rule_override():
    s = loads_scenario(VALID.replace("start = 2027-01-04\nend = 2027-01-10", 'month = "2027-02"')
                       + "[rules]\nweekend_every = 2\nmin_rest_hours = 9\n")
    assert (s.start, s.end) == (dt.date(2027, 2, 1), dt.date(2027, 2, 28))
    assert s.rules.weekend_every == 2 and s.rules.min_rest_hours == 9.0
    assert s.rules.max_consecutive_days == 6  # untouched rule pack default


def test_wrong_types_and_ranges_are_reported():
    text = VALID.replace('hours = 7.5', 'hours = "lots"').replace('min_staff_if_open = 1',
                                                                 'min_staff_if_open = 1\nmax_staff = 0')
    messages = " | ".join(p.message for p in problems_of(text))
    assert "expected a number" in messages
    assert "max_staff 0 is below the minimum 1" in messages


def test_shift_crossing_midnight_and_a_lock_on_an_unknown_shift():
    text = VALID + '[[shifts]]\ncode = "N"\nstart = "22:00"\nend = "07:00"\n' \
        '[[locked]]\nstaff = "p1"\ndate = 2027-01-05\nshift = "Q"\n'
    problems = problems_of(text)
    assert [p.message for p in problems] == [
        "unknown shift code 'Q' (use \"off\" to pin a day off)"]
    s = loads_scenario(VALID + '[[shifts]]\ncode = "N"\nstart = "22:00"\nend = "07:00"\n')
    night = s.shift("N")
    assert night.end_offset == 31 * 60 and night.paid_minutes == 9 * 60 and night.kind == "night"


def test_service_requirement_with_weekly_target_and_skills():
    text = VALID.replace('fte = 1.0', 'fte = 1.0\nskills = ["nurse"]') + """
[[shifts]]
code = "A"
start = "14:00"
end = "21:00"
[[coverage]]
shift = "A"
days = ["weekday"]
min_staff_if_open = 3
priority = "service"
open = { count = 4, per = "week" }
skills = { nurse = 1 }
"""
    req = loads_scenario(text).requirements[-1]
    assert (req.priority, req.min_staff_if_open, req.open.count, req.open.per) == ("service", 3, 4, "week")
    assert dict(req.skills) == {"nurse": 1}
    bad = text.replace("skills = { nurse = 1 }", "skills = { surgeon = 1 }")
    assert any("no staff member has it" in p.message for p in problems_of(bad))
