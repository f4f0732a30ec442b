"""Årsturnus: the year from a grunnturnus, holiday plans and vacations; annual hours; holiday
work shared over two years; the year sheet; clear errors for a bad year-plan file.

One small unit (5 people, tests/grunnturnus_case.py) and its 6-week grunnturnus, planned
once per session; the year is built once through the command line and shared."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from functools import cache
from pathlib import Path

import openpyxl
import pytest

from roster.arsturnus.history import occasion_of
from roster.arsturnus.plan_file import loads_year_plan
from roster.arsturnus.vacation import place_vacations, vacation_problems, virkedager
from roster.calendar import public_holidays
from roster.check import check_rota
from roster.cli.main import main
from roster.errors import ScenarioError
from roster.excel.year_sheet import VALUES, WORDS, year_cell, year_total_cell
from roster.rollout import roll_out
from roster.rota import Rota
from roster.scenario_load import load_scenario
from roster.store.store import Store
from tests.grunnturnus_case import SCENARIO_TOML, START, planned, scenario

YEAR = 2028
PLAN_TOML = """
year = 2028
hours_tolerance = 8

[vacation]
seniors = ["p4"]

[[holiday_plans]]
name = "paske"
service = "weekend"

[[holiday_plans]]
name = "sommer"

[[holiday_plans]]
name = "jul"
start = 2028-12-11

[[vikarer]]
id = "v1"
name = "Sommervikar"
fte = 1.0
within = "sommer"

[[vacations]]
staff = "p1"
weeks = 3
within = "sommer"

[[vacations]]
staff = "p2"
weeks = 3
within = "sommer"

[[vacations]]
staff = "p3"
start = 2028-10-02
end = 2028-10-08
note = "høstferie"

[[vacations]]
staff = "p4"
start = 2028-02-14
end = 2028-02-20

[[vikarer]]
id = "v2"
name = "Vinterferievikar"
fte = 0.6
start = 2028-02-14
end = 2028-02-20
"""
# the year is planned with the written agreement a 24/7 unit has (AML § 10-8 (4): Sunday and
# holiday rest averaged), as data/storgata-bofellesskap.toml; five people cannot staff both
# days of every holiday week-end otherwise
YEAR_SCENARIO = SCENARIO_TOML.replace("weekend_every = 2", "weekend_every = 2\nsunday_holiday_rest = false")
assert YEAR_SCENARIO != SCENARIO_TOML
IDS = {"p1", "p2", "p3", "p4", "p5"}
CODES = {"D", "A"}


@cache
def _inputs(folder: str) -> tuple[Path, Path]:
    base = Path(folder)
    base.mkdir(parents=True, exist_ok=True)
    scen = base / "testbolig.toml"
    scen.write_text(YEAR_SCENARIO, encoding="utf-8")
    gt = base / "gt.json"
    planned().rota.save(gt)
    return scen, gt


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> tuple[Path, Path]:
    return _inputs(str(tmp_path_factory.mktemp("arsturnus_inputs")))


@pytest.fixture(scope="module")
def year(inputs, tmp_path_factory) -> Path:
    """The year built through the command line (once for the module)."""
    scen, gt = inputs
    base = tmp_path_factory.mktemp("arsturnus_year")
    plan = base / "plan.toml"
    plan.write_text(PLAN_TOML, encoding="utf-8")
    out = base / "out"
    code = main(["arsturnus", str(gt), "--scenario", str(scen), "--plan", str(plan), "--out", str(out),
                 "--time-limit", "20", "--lang", "en"])
    assert code == 0
    return out


def _report(out: Path) -> dict:
    return json.loads((out / "arsturnus.json").read_text(encoding="utf-8"))


def _months(out: Path) -> list[Rota]:
    return [Rota.load(out / f"{YEAR}-{m:02d}" / "rota.json") for m in range(1, 13)]


# --------------------------------------------------------------------------------------
# the year


def test_every_month_checked_with_the_previous_as_history_has_no_hard_breach(year) -> None:
    months = _months(year)
    assert [r.start for r in months] == [dt.date(YEAR, m, 1) for m in range(1, 13)]
    previous: Rota | None = None
    for m, rota in enumerate(months, start=1):
        assert rota.status in ("optimal", "feasible"), rota.errors()
        assert rota.extra["kind"] == "arsturnus"
        scen = load_scenario(year / f"{YEAR}-{m:02d}" / "scenario.toml")
        history = ({(a.staff, a.date): a.shift for a in previous.assignments} if previous else None)
        errors = [b for b in check_rota(scen, rota.assignments, history) if b.is_error]
        assert errors == [], (m, errors[:3])
        previous = rota
    # and as the command line does it
    assert main(["check", str(year / f"{YEAR}-07" / "scenario.toml"), str(year / f"{YEAR}-07" / "rota.json"),
                 "--previous", str(year / f"{YEAR}-06" / "rota.json")]) == 0
    report = _report(year)
    assert report["status"] == "feasible"
    assert [p["name"] for p in report["holiday_plans"]] == ["paske", "sommer", "jul"]
    assert all(p["status"] in ("optimal", "feasible") for p in report["holiday_plans"])


def test_vacation_days_have_no_shifts_and_main_holiday_is_placed_in_summer(year) -> None:
    report = _report(year)
    vac = {(v["staff"], dt.date.fromisoformat(v["start"]), dt.date.fromisoformat(v["end"]), v["placed"])
           for v in report["vacations"]}
    placed = sorted(v for v in vac if v[3])
    assert [v[0] for v in placed] == ["p1", "p2"]
    summer = (dt.date.fromisocalendar(YEAR, 26, 1), dt.date.fromisocalendar(YEAR, 33, 7))
    for _, a, b, _ in placed:
        assert summer[0] <= a and b <= summer[1] and (b - a).days == 20 and a.weekday() == 0
        assert virkedager(a, b) == 18
    # the two main holidays do not overlap (the tool spreads them)
    (_, a1, b1, _), (_, a2, b2, _) = placed
    assert b1 < a2 or b2 < a1
    off = {(s, a + dt.timedelta(days=k)) for s, a, b, _ in vac for k in range((b - a).days + 1)}
    worked = {(a.staff, a.date) for r in _months(year) for a in r.assignments}
    assert off and not (off & worked)
    # the grunnturnus had shifts on those days: they were taken off, not just never there
    assert any(d["reason"] == "vacation" for r in _months(year) for d in r.extra["arsturnus"]["dropped"])


def test_annual_hours_arithmetic(year) -> None:
    report = _report(year)
    scen = scenario()
    weekly = scen.rules.hours_per_week
    tol = report["hours_tolerance"]
    assert tol == 8
    months = _months(year)
    minutes = {s.code: s.paid_minutes for s in scen.shifts}
    vac_days: dict[str, set[dt.date]] = {}
    for v in report["vacations"]:
        a, b = dt.date.fromisoformat(v["start"]), dt.date.fromisoformat(v["end"])
        vac_days.setdefault(v["staff"], set()).update(a + dt.timedelta(days=k)
                                                      for k in range((b - a).days + 1))
    holidays = [d for d in public_holidays(YEAR) if d.weekday() < 5]
    for person in scen.staff:
        row = next(h for h in report["hours"] if h["staff"] == person.id)
        away = vac_days.get(person.id, set())
        # owed: stillingsprosent x weekly hours per day present, less 1/5 week per weekday holiday
        owed = person.fte * weekly / 7 * (366 - len(away)) \
            - sum(person.fte * weekly / 5 for d in holidays if d not in away)
        assert row["owed_hours"] == pytest.approx(owed, abs=0.1)
        planned_h = sum(minutes[a.shift] for r in months for a in r.assignments if a.staff == person.id) / 60
        assert row["planned_hours"] == pytest.approx(planned_h, abs=0.01)
        assert row["difference"] == pytest.approx(planned_h - owed, abs=0.1)
        assert sum(m["owed_hours"] for m in row["months"]) == pytest.approx(row["owed_hours"], abs=0.05)
        assert row["months"][-1]["running_balance"] == pytest.approx(row["difference"], abs=0.05)
        assert row["outside_tolerance"] == (abs(row["difference"]) > tol)
        assert row["vacation_virkedager"] == sum(1 for d in away if d.weekday() != 6
                                                 and d not in public_holidays(YEAR))


def test_year_sheet_present_and_equal_to_arsturnus_json(year) -> None:
    report = _report(year)
    wb = openpyxl.load_workbook(year / "arsturnus.xlsx")
    words = WORDS["en"]
    assert wb.sheetnames == [words["year"], words["holidays"], words["vacation"], words["periods"],
                             "Plan paske", "Plan sommer", "Plan jul"]
    ws = wb[words["year"]]
    for i, row in enumerate(report["hours"]):
        assert ws[f"A{5 + i}"].value == row["staff"]
        for m, month in enumerate(row["months"], start=1):
            for value in VALUES:
                assert ws[year_cell(i, m, value)].value == pytest.approx(month[value]), (row["staff"], m)
            fill = ws[year_cell(i, m, "owed_hours")].fill.start_color.rgb
            assert (fill == "00D9EAD3") == bool(month["vacation_days"]), (row["staff"], m, fill)
        for value in VALUES:
            assert ws[year_total_cell(i, value)].value == pytest.approx(row[value])
    assert any(month["vacation_days"] for row in report["hours"] for month in row["months"])
    vac = wb[words["vacation"]]
    assert vac.max_row == 1 + len(report["vacations"])


def test_bokmal_summary_has_no_english_word(inputs, tmp_path, capsys) -> None:
    scen, gt = inputs
    plan = tmp_path / "plan.toml"
    plan.write_text('year = 2028\n[[holiday_plans]]\nname = "jul"\n[[vacations]]\nstaff = "p1"\n'
                    'start = 2028-12-18\nend = 2028-12-24\n', encoding="utf-8")
    out = tmp_path / "out"
    assert main(["arsturnus", str(gt), "--scenario", str(scen), "--plan", str(plan), "--out", str(out),
                 "--time-limit", "5", "--lang", "nb"]) == 0
    # command-line options (--history) are names, not words; the rest is bokmål
    text = re.sub(r"--[a-z-]+", "", (out / "summary.txt").read_text(encoding="utf-8").lower())
    for word in ("vacation", "holiday", "month", "hours", "planned", "owed", "feasible", "shift",
                 "status: ok", "history", "note:", "christmas", "breach", "service", "changed"):
        assert word not in text, word
    assert "årsarbeidstid" in text and "høytidsarbeid" in text
    # numbers with a decimal comma, as bokmål writes them (seconds, hours, plus/minus)
    assert not re.search(r"\d\.\d(?!\d)", re.sub(r"\d{4}-\d\d-\d\d", "", text)), text
    assert re.search(r"\d,\d s\)", text) and re.search(r"[+-]\d+,\d t", text)
    wb = openpyxl.load_workbook(out / "arsturnus.xlsx")
    assert wb.sheetnames == ["Årsoversikt", "Høytid", "Ferie", "Perioder", "Plan jul"]


# --------------------------------------------------------------------------------------
# holiday fairness over two years


def _christmas(rotas: list[Rota], staff: str) -> set[str]:
    return {occasion_of(a.date) for r in rotas for a in r.assignments
            if a.staff == staff and occasion_of(a.date) in ("julaften", "juledagene")}


def test_who_worked_christmas_last_year_is_spared_this_year(inputs, tmp_path, capsys) -> None:
    scen, gt = inputs
    plan = tmp_path / "plan.toml"
    plan.write_text('year = 2028\n[[holiday_plans]]\nname = "jul"\nstart = 2028-12-04\n',
                    encoding="utf-8")
    # this year without history: who works Christmas?
    first = tmp_path / "first"
    assert main(["arsturnus", str(gt), "--scenario", str(scen), "--plan", str(plan), "--out", str(first),
                 "--time-limit", "10"]) == 0
    dec = Rota.load(first / f"{YEAR}-12" / "rota.json")
    workers = sorted(p for p in IDS if _christmas([dec], p))
    spare = sorted(IDS - set(workers))
    assert workers and spare  # somebody works Christmas, somebody else could
    chosen = workers[0]
    # last year (December 2027, published in the store): only `chosen` worked Christmas
    data = tomllib.loads(SCENARIO_TOML)
    g = planned()
    last = roll_out(data, scenario(), g.lines, START, dt.date(2027, 12, 1), dt.date(2027, 12, 31)).pieces[0]
    xmas = {dt.date(2027, 12, d) for d in (24, 25, 26)}
    from roster.rota import Assignment

    keep = [a for a in last.rota.assignments if a.date not in xmas]
    keep += [Assignment(date=d, staff=chosen, shift="D") for d in sorted(xmas)]
    keep = [a for a in keep if not (a.staff == chosen and a.date in xmas and a.shift != "D")]
    history_rota = Rota(scenario=last.rota.scenario, start=last.rota.start, end=last.rota.end,
                        status="feasible", assignments=sorted(set(keep)), staff=last.rota.staff,
                        shifts=last.rota.shifts, rules=last.rota.rules)
    db = tmp_path / "turnus.db"
    with Store(db) as store:
        store.publish(history_rota, "Testbolig", user="test", force=True)
    previous = tmp_path / "dec2027.json"
    last.rota.save(previous)
    second = tmp_path / "second"
    assert main(["arsturnus", str(gt), "--scenario", str(scen), "--plan", str(plan), "--out", str(second),
                 "--time-limit", "10", "--unit", "Testbolig", "--db", str(db),
                 "--previous", str(previous)]) == 0
    report = _report(second)
    assert report["history"]["weighted"][chosen]["by_occasion"] == {"julaften": 1.0, "juledagene": 1.0}
    assert "1 published rota" in " ".join(s["text"] for s in report["history"]["sources"])
    dec2 = Rota.load(second / f"{YEAR}-12" / "rota.json")
    assert _christmas([dec2], chosen) == set(), f"{chosen} worked Christmas 2027 and again in 2028"
    assert dec2.status in ("optimal", "feasible")
    # the year's own output is history too (an earlier årsturnus): same counts
    third = tmp_path / "third"
    plan29 = tmp_path / "plan29.toml"
    plan29.write_text('year = 2029\n[[holiday_plans]]\nname = "jul"\n', encoding="utf-8")
    assert main(["arsturnus", str(gt), "--scenario", str(scen), "--plan", str(plan29), "--out", str(third),
                 "--time-limit", "5", "--history", str(second / "arsturnus.json")]) in (0, 4)
    hist = _report(third)["history"]["weighted"]
    worked_2028 = {s for s, hw in report["holiday_work"].items() if hw["count"]}
    assert set(hist) == worked_2028


# --------------------------------------------------------------------------------------
# the year-plan file


@pytest.mark.parametrize(("text", "where", "says"), [
    ('year = 2028\ncolour = "red"\n', "colour", "unknown key"),
    ('year = 2028\n[[vacations]]\nstaff = "zz"\nstart = 2028-07-03\nend = 2028-07-09\n',
     "vacations #1.staff", "not in the scenario's staff list"),
    ('year = 2028\n[[vacations]]\nstaff = "p1"\nstart = 2028-07-03\nend = 2028-07-20\n'
     '[[vacations]]\nstaff = "p1"\nstart = 2028-07-10\nend = 2028-07-30\n',
     "vacations #2.start", "overlaps"),
    ('year = 2028\n[[vacations]]\nstaff = "p1"\nstart = 2027-12-27\nend = 2028-01-02\n',
     "vacations #1.start", "outside the year 2028"),
    ('year = 2028\n[[vacations]]\nstaff = "p1"\nstart = 2028-07-09\nend = 2028-07-03\n',
     "vacations #1.end", "before it starts"),
    ('year = 2028\n[[vacations]]\nstaff = "p1"\nweeks = 3\nstart = 2028-07-03\n',
     "vacations #1.weeks", "not both"),
    ('year = 2028\n[[vacations]]\nstaff = "p1"\nweeks = 3\nwithin = "vinter"\n',
     "vacations #1.within", "no holiday plan named"),
    ('year = 2028\n[[holiday_plans]]\nname = "jul"\nservice = "luxury"\n',
     "holiday_plans #1.service", "expected one of"),
    ('year = 2028\n[[holiday_plans]]\nname = "høst"\nstart = 2028-10-02\n',
     "holiday_plans #1", "give start and end"),
    ('year = 2028\n[[holiday_plans]]\nname = "jul"\n[[holiday_plans.coverage]]\nshift = "X"\n',
     "coverage", "shift code"),
    ('year = 2028\n[[holiday_plans]]\nname = "sommer"\n[[holiday_plans]]\nname = "ferie"\n'
     'start = 2028-07-01\nend = 2028-07-10\n', "holiday_plans", "overlap"),
    ('year = "next"\n', "year", "whole number"),
    ('year = 2027\n[vacation]\nmain_from = "02-29"\n', "vacation.main_from", "every year"),
    ('year = 2028\n[[holiday_plans]]\nname = "jul"\n[[holiday_plans.coverage]]\nshift = "D"\n'
     'min_staff_if_open = 0\n', "coverage #1.min_staff_if_open", "from 1 to 100"),
    ('year = 2028\n[[holiday_plans]]\nname = "jul"\n[[holiday_plans.coverage]]\nshift = "D"\n'
     'skills = { nurse = true }\n', "coverage #1.skills", "whole numbers"),
    ('year = 2028\n[[holiday_plans]]\nname = "jul"\n[[holiday_plans.coverage]]\nshift = "D"\n'
     'label = 5\n', "coverage #1.label", "expected a text"),
    ('year = 2028\n[vacation]\nmain_from = "09-30"\nmain_to = "06-01"\n', "vacation.main_to",
     "ends before it starts"),
])
def test_bad_year_plan_file_names_file_and_key(inputs, tmp_path, capsys, text, where, says) -> None:
    with pytest.raises(ScenarioError) as err:
        loads_year_plan(text, source="plan.toml", staff_ids=IDS, shift_codes=CODES)
    message = str(err.value)
    assert "plan.toml" in message and where in message and says in message, message
    # the command line: exit code 1, the file and key named, nothing written
    scen, gt = inputs
    plan = tmp_path / "plan.toml"
    plan.write_text(text, encoding="utf-8")
    assert main(["arsturnus", str(gt), "--scenario", str(scen), "--plan", str(plan),
                 "--out", str(tmp_path / "out"), "--time-limit", "5", "--lang", "en"]) == 1
    err_text = capsys.readouterr().err
    assert str(plan) in err_text and where in err_text


def test_line_numbers_in_errors() -> None:
    text = 'year = 2028\n\n[[vacations]]\nstaff = "p1"\nstart = "soon"\nend = 2028-07-09\n'
    with pytest.raises(ScenarioError) as err:
        loads_year_plan(text, source="plan.toml", staff_ids=IDS, shift_codes=CODES)
    assert "plan.toml: line 5 (vacations #1.start): expected a date" in str(err.value)


def test_a_skill_nobody_has_is_named_in_the_year_plan() -> None:
    """A plan's coverage asking for a skill nobody has (or a bool for a count, or 0 staff)
    passed the year-plan check and failed in the scenario written for a month, named by
    that generated text's line instead of the plan file's."""
    text = ('year = 2028\n[[holiday_plans]]\nname = "jul"\n[[holiday_plans.coverage]]\n'
            'shift = "D"\nskills = { sykepleier = 1 }\n')
    with pytest.raises(ScenarioError) as err:
        loads_year_plan(text, source="plan.toml", staff_ids=IDS, shift_codes=CODES, skills={"nurse"})
    assert "plan.toml: line 6 (holiday_plans #1.coverage #1.skills.sykepleier)" in str(err.value)
    # a vikar with the skill makes it good
    ok = text + '[[vikarer]]\nid = "v1"\nskills = ["sykepleier"]\nwithin = "jul"\n'
    assert loads_year_plan(ok, staff_ids=IDS, shift_codes=CODES, skills={"nurse"}).plans


def test_line_numbers_of_top_level_keys_and_plan_coverage() -> None:
    """Top-level keys and [[holiday_plans.coverage]] rows are named with their line (they
    had none, or the line of the plan's own header)."""
    text = ('year = 2028\nhours_tolerance = -3\n[[holiday_plans]]\nname = "jul"\n'
            '[[holiday_plans.coverage]]\nshift = "D"\nmin_staff_if_open = -1\n')
    with pytest.raises(ScenarioError) as err:
        loads_year_plan(text, source="plan.toml", staff_ids=IDS, shift_codes=CODES)
    said = str(err.value)
    assert "plan.toml: line 2 (hours_tolerance)" in said, said
    assert "plan.toml: line 7 (holiday_plans #1.coverage #1.min_staff_if_open)" in said, said


# --------------------------------------------------------------------------------------
# vacation law, without the solver


def test_virkedager_and_entitlement() -> None:
    # a week Monday-Sunday holds 6 virkedager; 25 virkedager = 4 weeks and 1 day
    assert virkedager(dt.date(2028, 8, 7), dt.date(2028, 8, 13)) == 6
    assert virkedager(dt.date(2028, 8, 7), dt.date(2028, 9, 4)) == 25
    # public holidays are not virkedager: Easter week 2028 (skjærtorsdag, langfredag, 2. påskedag)
    assert virkedager(dt.date(2028, 4, 10), dt.date(2028, 4, 17)) == 4
    plan = loads_year_plan('year = 2028\n[vacation]\nseniors = ["p4"]\n', staff_ids=IDS, shift_codes=CODES)
    assert plan.entitlement.of("p1") == 30 and plan.entitlement.of("p4") == 36
    assert [p.name for p in plan.plans] == ["nyttar", "paske", "sommer", "jul"]
    assert [(p.start, p.end) for p in plan.plans] == [
        (dt.date(2028, 1, 1), dt.date(2028, 1, 2)), (dt.date(2028, 4, 10), dt.date(2028, 4, 17)),
        (dt.date(2028, 6, 26), dt.date(2028, 8, 20)), (dt.date(2028, 12, 18), dt.date(2028, 12, 31))]


def test_vacation_warnings_too_many_too_few_and_no_main_holiday() -> None:
    text = ('year = 2028\n'
            '[[vacations]]\nstaff = "p1"\nstart = 2028-02-07\nend = 2028-03-19\n'   # 36 virkedager
            '[[vacations]]\nstaff = "p2"\nstart = 2028-07-03\nend = 2028-07-09\n'   # 6, in summer
            '[[vacations]]\nstaff = "p3"\nweeks = 5\nwithin = "sommer"\n')
    plan = loads_year_plan(text, staff_ids=IDS, shift_codes=CODES)
    vac = place_vacations(plan, scenario())
    said = [w["text"] for w in vacation_problems(plan, scenario(), vac)]
    assert any(s.startswith("p1: 36 vacation days") and "more than the 30" in s for s in said)
    assert any(s.startswith("p1: no main holiday of 18") for s in said)
    assert any(s.startswith("p2: 6 vacation days") and "24 left" in s for s in said)
    assert not any(s.startswith("p3: no main holiday") for s in said)
    assert {w["text_nb"][:3] for w in vacation_problems(plan, scenario(), vac)} >= {"p1:", "p2:"}


def test_people_without_vacation_are_listed_as_left_to_place() -> None:
    """Nobody was told that people with no vacation entered still have all 30 days to place
    (the code said the summary listed them; it did not)."""
    text = 'year = 2028\n[[vacations]]\nstaff = "p1"\nstart = 2028-07-03\nend = 2028-07-23\n'
    plan = loads_year_plan(text, staff_ids=IDS, shift_codes=CODES)
    said = vacation_problems(plan, scenario(), place_vacations(plan, scenario()))
    left = {w["staff"]: (w["days"], w["owed"]) for w in said if w.get("kind") == "left_to_place"}
    assert left == {"p1": (18, 30), "p2": (0, 30), "p3": (0, 30), "p4": (0, 30), "p5": (0, 30)}
    assert not any("main holiday" in w["text"] and not w["text"].startswith("p1") for w in said)


def test_a_second_weeks_request_that_does_not_fit_is_reported() -> None:
    """Two ``weeks`` rows of one person: the first placed, the second (8 weeks in an
    8-week summer) cannot be; it was not reported because the first one was placed."""
    text = ('year = 2028\n'
            '[[vacations]]\nstaff = "p1"\nweeks = 3\nwithin = "sommer"\n'
            '[[vacations]]\nstaff = "p1"\nweeks = 8\nwithin = "sommer"\n')
    plan = loads_year_plan(text, staff_ids=IDS, shift_codes=CODES)
    vac = place_vacations(plan, scenario())
    assert [v.placed for v in vac] == [True]
    said = [w["text"] for w in vacation_problems(plan, scenario(), vac)]
    assert any(s.startswith("vacations row 2: 8 week(s) for p1 could not be placed") for s in said)
    assert not any(s.startswith("vacations row 1") for s in said)


def test_service_level_of_a_plan_becomes_date_coverage() -> None:
    from roster.arsturnus.build import service_coverage

    text = ('year = 2028\n[[holiday_plans]]\nname = "paske"\nservice = "weekend"\n'
            '[[holiday_plans.coverage]]\nshift = "A"\ndays = ["holiday"]\nmin_staff_if_open = 2\n'
            'max_staff = 2\n')
    plan = loads_year_plan(text, staff_ids=IDS, shift_codes=CODES)
    lines = service_coverage(tomllib.loads(YEAR_SCENARIO), scenario(), plan.plans)
    by_shift = {(line["shift"], line["min_staff_if_open"]): line for line in lines}
    # Monday-Wednesday of Holy Week (Thursday, Friday and Monday are public holidays) get the
    # Saturday day shift (1 person) instead of the weekday one (2 to 3)
    day = by_shift[("D", 1)]
    assert day["dates"] == [dt.date(2028, 4, 10), dt.date(2028, 4, 11), dt.date(2028, 4, 12)]
    assert day["max_staff"] == 1 and "days" not in day
    # the explicit evening line on the public holidays of the plan
    evening = by_shift[("A", 2)]
    assert evening["dates"] == [dt.date(2028, 4, 13), dt.date(2028, 4, 14), dt.date(2028, 4, 16),
                                dt.date(2028, 4, 17)]
    # and the planned year's April scenario carries them: roster check judges that level
    sc = load_scenario_text(YEAR_SCENARIO, lines)
    assert any(dt.date(2028, 4, 10) in r.dates and r.shift == "D" and r.max_staff == 1
               for r in sc.requirements)


def load_scenario_text(base: str, lines: list[dict]):
    from roster.excel.toml_write import dumps
    from roster.scenario_load import loads_scenario

    data = tomllib.loads(base)
    data["period"] = {"start": dt.date(2028, 4, 1), "end": dt.date(2028, 4, 30)}
    data["coverage"] = data["coverage"] + lines
    return loads_scenario(dumps(data))


def test_history_from_rota_files_weighs_recent_years_more(tmp_path) -> None:
    from roster.arsturnus.history import weigh
    from roster.cli.commands.arsturnus import history_from_files
    from roster.rota import Assignment

    def rota(year: int, staff: str) -> Path:
        days = [dt.date(year, 12, 24), dt.date(year, 12, 25), dt.date(year, 12, 31)]
        r = Rota(scenario="t", start=dt.date(year, 12, 1), end=dt.date(year, 12, 31), status="feasible",
                 assignments=[Assignment(date=d, staff=staff, shift="D") for d in days])
        path = tmp_path / f"{year}.json"
        r.save(path)
        return path

    worked, said = history_from_files([str(rota(2027, "p1")), str(rota(2026, "p2")),
                                       str(rota(2025, "p3")), str(rota(2028, "p4"))], 2028)
    assert {(w.staff, w.year, w.occasion) for w in worked} == {
        (s, y, o) for s, y in (("p1", 2027), ("p2", 2026), ("p3", 2025))
        for o in ("julaften", "juledagene", "nyttarsaften")}  # 2028 itself is not history
    assert [s["text"].split(" ")[0] for s in said] == ["3", "3", "3", "0"]
    counts = weigh(worked, 2028, years=2)
    assert counts.by_occasion["p1"] == {"julaften": 1.0, "juledagene": 1.0, "nyttarsaften": 1.0}
    assert counts.total == {"p1": 3.0, "p2": 1.5}  # two years back weighs 1/2; three: not at all


def test_a_month_short_of_staff_is_written_with_exit_code_4(inputs, tmp_path, capsys) -> None:
    scen, gt = inputs
    plan = tmp_path / "plan.toml"
    # a week whose evenings need 4 of the 5 people every day: more than the unit has
    plan.write_text('year = 2028\n[[holiday_plans]]\nname = "kurs"\nstart = 2028-03-06\n'
                    'end = 2028-03-12\n[[holiday_plans.coverage]]\nshift = "A"\n'
                    'min_staff_if_open = 4\nmax_staff = 4\n', encoding="utf-8")
    out = tmp_path / "out"
    assert main(["arsturnus", str(gt), "--scenario", str(scen), "--plan", str(plan), "--out", str(out),
                 "--time-limit", "4", "--lang", "en"]) == 4
    report = _report(out)
    assert report["status"] == "infeasible"
    march = next(m for m in report["months"] if m["month"] == "2028-03")
    assert march["status"] == "infeasible" and march["errors"] > 0
    assert [m["month"] for m in report["months"] if m["status"] != "feasible"] == ["2028-03"]
    assert report["holiday_plans"][0]["status"] == "infeasible"
    rota = Rota.load(out / "2028-03" / "rota.json")
    assert {v["rule"] for v in rota.errors()} == {"coverage"}
    assert "2028-03: infeasible" in (out / "summary.txt").read_text(encoding="utf-8")


def test_previous_rota_from_the_store(tmp_path) -> None:
    from roster.cli.commands.arsturnus import previous_from_store
    from roster.rota import Assignment

    db = tmp_path / "turnus.db"
    assert previous_from_store(str(db), "Testbolig", dt.date(2028, 1, 1)) == (None, [])
    dec = Rota(scenario="t", start=dt.date(2027, 12, 1), end=dt.date(2027, 12, 31), status="feasible",
               assignments=[Assignment(date=dt.date(2027, 12, 31), staff="p1", shift="A")])
    with Store(db) as store:
        store.publish(dec, "Testbolig", user="test", force=True)
    rota, said = previous_from_store(str(db), "Testbolig", dt.date(2028, 1, 1))
    assert rota is not None and rota.end == dt.date(2027, 12, 31)
    assert "2027-12-01..2027-12-31" in said[0]["text"] and said[0]["text_nb"].startswith("turnusen før året")
    rota, said = previous_from_store(str(db), "Annen enhet", dt.date(2028, 1, 1))
    assert rota is None and "no published rota" in said[0]["text"]


def test_each_holiday_plan_has_its_grid_sheet(year) -> None:
    from roster.excel.year_sheet import plan_sheet_name

    report = _report(year)
    wb = openpyxl.load_workbook(year / "arsturnus.xlsx")
    work = {(a.staff, a.date): a.shift for r in _months(year) for a in r.assignments}
    spans = [(v["staff"], dt.date.fromisoformat(v["start"]), dt.date.fromisoformat(v["end"]))
             for v in report["vacations"]]
    vacation = {(s, a + dt.timedelta(days=k)) for s, a, b in spans for k in range((b - a).days + 1)}
    seen_vacation = False
    for plan in report["holiday_plans"]:
        ws = wb[plan_sheet_name(plan["name"])]
        first = dt.date.fromisoformat(plan["start"])
        n = (dt.date.fromisoformat(plan["end"]) - first).days + 1
        assert ws.cell(row=3, column=3).value == f"{first:%d.%m}"
        assert ws.cell(row=3, column=2 + n).value == f"{dt.date.fromisoformat(plan['end']):%d.%m}"
        rows = {ws.cell(row=r, column=1).value: r for r in range(4, ws.max_row + 1)}
        assert {"p1", "p2", "p3", "p4", "p5"} <= set(rows)
        for sid, r in rows.items():
            for k in range(n):
                d = first + dt.timedelta(days=k)
                want = work.get((sid, d)) or ("V" if (sid, d) in vacation else None)
                assert (ws.cell(row=r, column=3 + k).value or None) == want, (plan["name"], sid, d)
                seen_vacation |= want == "V"
    assert seen_vacation  # the summer holidays show on the summer plan's sheet
    assert "v1" in {wb["Plan sommer"].cell(row=r, column=1).value for r in range(4, 12)}


def test_lines_without_holders_and_people_without_lines_are_named() -> None:
    """Line i is held by the i-th staff member: a scenario with a person fewer (or more) than
    the grunnturnus has lines lost a line's shifts, or left a person without a line, in
    silence."""
    from roster.arsturnus.build import holding_notes
    from roster.rollout import holdings

    lines = planned().lines
    s = scenario()
    assert holding_notes(lines, s, holdings(lines, s)) == []
    fewer = s.with_changes(staff=tuple(p for p in s.staff if p.id != "p3"))  # p3 (80 %) left
    said = [w["text"] for w in holding_notes(lines, fewer, holdings(lines, fewer))]
    assert any(w.startswith("L05 (planned for p5) has no holder") for w in said), said
    assert any(w.startswith("p4 (60%) holds L03, planned for 80%") for w in said), said
    more = lines[:4]
    said = holding_notes(more, s, holdings(more, s))
    assert [w["text"].split(" holds")[0] for w in said] == ["p5"]
    assert said[0]["text_nb"].startswith("p5 har ingen linje")


def test_a_grunnturnus_is_not_taken_as_holiday_history(inputs, tmp_path, capsys) -> None:
    """--history GRUNNTURNUS.json counted the generic cycle's dates (which may fall on a real
    Easter) as holiday work of earlier years."""
    scen, gt = inputs
    plan = tmp_path / "plan.toml"
    plan.write_text('year = 2028\n[[holiday_plans]]\nname = "jul"\n', encoding="utf-8")
    out = tmp_path / "out"
    assert main(["arsturnus", str(gt), "--scenario", str(scen), "--plan", str(plan), "--out",
                 str(out), "--history", str(gt), "--time-limit", "5", "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert str(gt) in err and "not worked history" in err
    assert not out.exists()
