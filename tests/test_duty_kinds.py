"""Passive duty kinds end to end (issue 17 item 4): a sleeping night watch (``passive_night``)
and on-call from home (``on_call``) count as working time at the rule pack's ratio in the
contract hours, the planner and the checker alike, in staffing (årsverk) and in the budget
(kroner), while rest and the 48 hours in 7 days still count the clock; the Alta example
with its night on-call solves; bad ratios and kinds are refused with file and key."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

import openpyxl
import pytest
from builders import DAY, EVENING, count, rota_of, scenario, solve
from conftest import DATA
from verifier import allowed, breaches

from coverage.budget import average_annual_salary, budget, load_costs, ubekvem_hours
from coverage.ladder import classify
from coverage.staffing import estimate, with_targets
from roster.check import check_rota
from roster.errors import ScenarioError
from roster.planner import build_model
from roster.rota import Rota
from roster.rota_build import staff_rows
from roster.rules.catalogue import unit
from roster.rules.fairness import categories
from roster.scenario_load import load_scenario
from roster.slots import SlotTable
from roster.ui.standard import lowered

ON_CALL = {"code": "HV", "name": "Hjemmevakt", "name_en": "On call", "start": "22:00", "end": "08:00",
           "kind": "on_call"}
SLEEPING = {"code": "SN", "name": "Hvilende natt", "name_en": "Sleeping night", "start": "22:00",
            "end": "08:00", "kind": "passive_night"}
ALL_DAYS = ["weekday", "saturday", "sunday", "holiday"]
HV_MINUTES = math.ceil(10 * 60 / 7)  # 10 h on call at 1/7, rounded up to the minute: 86
SN_MINUTES = 10 * 60 // 3  # 10 h sleeping night watch at 1/3: 200


def every_day(*shifts: dict, staff=1, days=7, **kw):
    return scenario(staff=staff, days=days, shifts=list(shifts),
                    coverage=[{"shift": s["code"], "days": ALL_DAYS, "min_staff_if_open": 1}
                              for s in shifts], **kw)


def on(code: str, *days: int, who: str = "p1") -> list[tuple[str, str, str]]:
    return [(who, f"2027-01-{d:02d}", code) for d in days]


# --- contract hours: the planner and the checker count the same ----------------------------
def test_contract_hours_count_on_call_at_the_ratio_in_planner_and_checker():
    # one person on call all week: 70 h on the clock, 7 x 86 min = 10.03 h of working time;
    # a band of at most 12 h fits only if the ratio is applied
    band = [{"id": "p1", "name": "Per", "fte": 1.0, "rules": {"min_hours": 0, "max_hours": 12}}]
    s = every_day(ON_CALL, staff=band)
    rota = solve(s)
    assert count(rota, shift="HV") == 7
    [row] = rota.staff
    assert row["planned_hours"] == round(7 * HV_MINUTES / 60, 2) == 10.03
    assert [b for b in check_rota(s, rota.assignments) if b.is_error] == []
    # the same week against a band of at most 9 h: the checker finds the 10.03 h too many
    tight = every_day(ON_CALL, staff=[{**band[0], "rules": {"min_hours": 0, "max_hours": 9}}])
    [over] = breaches(tight, "hours", on("HV", 4, 5, 6, 7, 8, 9, 10))
    assert over.is_error and over.data["planned"] == 10.03
    assert solve(tight).staff[0]["planned_hours"] <= 9  # and the planner never plans it


def test_a_sleeping_night_counts_a_third_and_the_totals_say_so():
    s = every_day(SLEEPING, DAY, EVENING, staff=1, days=4)
    rows = on("SN", 4) + on("D", 6) + on("A", 7)
    [row] = staff_rows(s, SlotTable(s), rota_of(s, rows))
    assert row["planned_hours"] == round((SN_MINUTES + 450 + 420) / 60, 2)
    assert row["evenings"] == 2  # the sleeping night counts with evenings and nights


# --- what still counts the clock ---------------------------------------------------------
def test_neither_on_call_nor_a_sleeping_night_counts_as_daily_rest():
    s = every_day(DAY, ON_CALL, SLEEPING, rules={"min_rest_hours": 11})
    for night in ("HV", "SN"):
        assert not allowed(s, "rest", on(night, 4) + on("D", 5))  # 08:00 to 08:00: no rest
        assert len(breaches(s, "rest", on(night, 4) + on("D", 5))) == 1
        assert allowed(s, "rest", on(night, 4) + on(night, 5))  # 14 h from 08:00 to 22:00
        assert allowed(s, "rest", on(night, 4) + on("D", 6))


def test_the_48_hours_count_a_sleeping_night_in_full_and_on_call_at_its_part():
    s = every_day(ON_CALL, SLEEPING, rules={"max_hours_per_7_days": 48})
    assert allowed(s, "hours_7_days", on("SN", 4, 5, 6, 7))  # 40 h at the workplace
    assert not allowed(s, "hours_7_days", on("SN", 4, 5, 6, 7, 8))  # 50 h
    found = breaches(s, "hours_7_days", on("SN", 4, 5, 6, 7, 8))
    assert found and all(": 50.0 h in the 7 days" in b.en for b in found)
    week = on("HV", 4, 5, 6, 7, 8, 9, 10)  # 70 h on call from home = 10 h of working time
    assert allowed(s, "hours_7_days", week) and breaches(s, "hours_7_days", week) == []


def test_the_longest_working_day_counts_on_call_at_its_part():
    day_long = {**ON_CALL, "start": "08:00", "end": "08:00"}  # 24 h on call: counts 3.43 h
    assert every_day(day_long).shift("HV").paid_minutes == math.ceil(24 * 60 / 7)
    with pytest.raises(ScenarioError, match=r"the shift lasts 24 h; the rules allow at most 12.5 h"):
        every_day({**SLEEPING, "start": "08:00", "end": "08:00"})
    with pytest.raises(ScenarioError, match=r"the shift counts 24 h; the rules allow at most 12.5 h"):
        every_day({**day_long, "hours": 24})


def test_nights_in_a_row_count_sleeping_nights_not_on_call():
    s = every_day(ON_CALL, SLEEPING, rules={"max_consecutive_nights": 3})
    assert len(breaches(s, "consecutive_nights", on("SN", 4, 5, 6, 7))) == 1
    assert breaches(s, "consecutive_nights", on("HV", 4, 5, 6, 7)) == []


# --- standards and fairness --------------------------------------------------------------
def test_the_evening_and_weekend_standard_of_three_leaves_duty_alone():
    weekend = {"code": "H", "name": "Helg", "start": "14:00", "end": "22:00", "hours": 7.5}
    s = scenario(staff=2, shifts=[weekend, ON_CALL, SLEEPING],
                 coverage=[{"shift": c, "days": ["saturday", "sunday"], "min_staff_if_open": 1}
                           for c in ("H", "HV", "SN")])
    assert [x.shift for x in lowered(s)] == ["H"]  # one alone on call is not "one alone"
    service = s.with_changes(requirements=tuple(replace(r, priority="service") for r in s.requirements))
    targeted = with_targets(service, weekends=2)
    assert [r.open.always for r in targeted.requirements] == [False, True, True]
    assert [classify(r, service) for r in service.requirements] == ["weekend", None, None]


def test_fairness_shares_on_call_and_sleeping_nights_with_evenings():
    s = every_day(DAY, EVENING, ON_CALL, SLEEPING, staff=2)
    m = build_model(s, rules=[unit("one_shift_per_day")])
    assert {slot.shift for slot in categories(m)["evening"]} == {"A", "HV", "SN"}


# --- staffing and budget: on-call hours at the ratio, real arithmetic -----------------------
def on_call_year(shift: dict = ON_CALL):
    return scenario(staff=2, shifts=[shift], start="2027-01-01", days=365, country="NO",
                    coverage=[{"shift": shift["code"], "days": ALL_DAYS, "min_staff_if_open": 1}])


def test_staffing_counts_on_call_hours_at_the_ratio():
    est = estimate(on_call_year(), 2027)
    assert est.hours.total == pytest.approx(365 * HV_MINUTES / 60)  # 523.2 h, not 3 650 h
    assert est.arsverk == pytest.approx(est.hours.total / est.productive_hours)
    assert any("x 1.43 h (1/7 of 10 h on call)" in li.what for li in est.lines)
    sleeping = estimate(on_call_year(SLEEPING), 2027)
    assert sleeping.hours.total == pytest.approx(365 * SN_MINUTES / 60)


def test_the_budget_pays_on_call_hours_at_the_ratio():
    costs = load_costs()  # the shipped KS cost file
    s = on_call_year()
    est = estimate(s, 2027)
    b = budget(s, est, costs)
    assert b.amount("salaries") == pytest.approx(est.arsverk * average_annual_salary(s, costs))
    # the counted 86 min a night, spread over 22-08: 8 of its 10 clock hours are in 17-06
    assert ubekvem_hours(s, est, costs).evening_night == pytest.approx(365 * HV_MINUTES / 60 * 0.8,
                                                                      abs=0.01)
    active = on_call_year({**ON_CALL, "kind": "night"})  # the same night as active work
    b_active = budget(active, estimate(active, 2027), costs)
    assert b.amount("salaries") / b_active.amount("salaries") == pytest.approx(HV_MINUTES / 600)
    assert b.total < b_active.total / 5


# --- the Alta example with its night on-call ----------------------------------------------
@pytest.fixture(scope="module")
def alta():
    s = load_scenario(DATA / "alta-ettervern.toml")
    return s, solve(s, time_limit=20)


def test_alta_counts_its_night_on_call_at_a_seventh(alta):
    s, _ = alta
    hv = s.shift("HV")
    assert (hv.kind, hv.clock_minutes, hv.paid_minutes) == ("on_call", 600, HV_MINUTES)
    assert hv.duty_ratio == 0.142857
    assert s.rules.weekend_every == 2


def test_alta_with_on_call_solves_and_the_checker_agrees(alta):
    s, rota = alta
    assert rota.status in ("optimal", "feasible")
    assert all(c["assigned"] >= c["min"] for c in rota.coverage if c["priority"] == "base")
    assert count(rota, shift="HV") == 31  # one person on call every night of March
    assert [b for b in check_rota(s, rota.assignments) if b.is_error] == []
    paid = {"D": 7 * 60, "A": 6.5 * 60, "H": 7.5 * 60, "HV": HV_MINUTES}
    for row in rota.staff:
        mine = [a.shift for a in rota.assignments if a.staff == row["id"]]
        assert row["planned_hours"] == round(sum(paid[c] for c in mine) / 60, 2)
        assert row["min_hours"] <= row["planned_hours"] <= row["max_hours"]
    worked = rota.by_staff_date()
    for (who, date), code in worked.items():  # on call is not rest: the next day off or on call
        after = worked.get((who, date + dt.timedelta(days=1)))
        assert code != "HV" or after in (None, "HV"), (who, date, after)


def test_alta_needs_more_than_three_and_less_than_three_and_a_half_arsverk_with_on_call(alta):
    s, _ = alta
    with_hv = estimate(s, 2027)
    without = estimate(s.with_changes(requirements=tuple(r for r in s.requirements if r.shift != "HV")),
                       2027)
    assert round(without.arsverk, 2) == 3.00  # the model before the on-call (issue 17)
    assert round(with_hv.arsverk, 2) == 3.36  # README, "Alta: the night on-call"
    assert with_hv.hours.total - without.hours.total == pytest.approx(365 * HV_MINUTES / 60)
    assert with_hv.headcount.floor == 4  # every second weekend: 2 a weekend day x 2
    every_third = s.with_changes(rules=type(s.rules)(**{**s.rules.values(), "weekend_every": 3}))
    assert estimate(every_third, 2027).headcount.floor == 6  # 2 a weekend day x 3


def test_alta_rota_file_and_workbook_say_how_on_call_counts(alta, tmp_path):
    s, rota = alta
    data = rota.to_json()
    [hv] = [row for row in data["shifts"] if row["code"] == "HV"]
    assert (hv["kind"], hv["hours"], hv["ratio"]) == ("on_call", round(HV_MINUTES / 60, 4), 0.142857)
    assert "ratio" not in next(row for row in data["shifts"] if row["code"] == "D")
    assert Rota.from_json(data).shifts == data["shifts"]
    assert data["rules"]["on_call_ratio"] == 0.142857
    for lang, wanted in (("nb", "teller 1,43 t: 1/7 av 10 t hjemmevakt"),
                         ("en", "counts 1.43 h: 1/7 of 10 h on call")):
        from roster.excel.rota_workbook import write_rota_workbook

        path = write_rota_workbook(tmp_path / f"alta-{lang}.xlsx", s, rota, lang=lang)
        cells = [str(c.value) for ws in openpyxl.load_workbook(path) for r in ws.iter_rows() for c in r
                 if c.value is not None]
        assert any(wanted in c for c in cells), lang


# --- the loader refuses bad ratios and kinds, naming the file and the key -------------------
SCENARIO = """
[scenario]
name = "test"
[period]
month = "2027-03"
{rules}
[[shifts]]
code = "HV"
start = "22:00"
end = "08:00"
kind = "{kind}"
{extra}
[[staff]]
id = "p1"
"""


def write(tmp_path, *, rules: str = "", kind: str = "on_call", extra: str = ""):
    path = tmp_path / "scenario.toml"
    path.write_text(SCENARIO.format(rules=rules, kind=kind, extra=extra), encoding="utf-8")
    return path


@pytest.mark.parametrize(("value", "message"), [
    ("0", "must be between 0.01 and 1, got 0"),
    ("1.5", "must be between 0.01 and 1, got 1.5"),
    ("-0.1", "must be between 0.01 and 1, got -0.1"),
    ('"1/7"', "expected a number, got"),
    ("true", "expected a number, got"),
])
@pytest.mark.parametrize("key", ["on_call_ratio", "passive_night_ratio"])
def test_a_bad_ratio_is_refused_with_file_and_key(tmp_path, key, value, message):
    path = write(tmp_path, rules=f"[rules]\n{key} = {value}")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    [problem] = err.value.problems
    assert problem.source == str(path) and f"(rules.{key})" in problem.where
    assert problem.message.startswith(message)


def test_a_bad_ratio_in_the_rule_pack_is_refused_with_its_file(tmp_path):
    pack = tmp_path / "pack.toml"
    pack.write_text("[rules]\npassive_night_ratio = 2\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(write(tmp_path), rule_pack=pack)
    assert [(p.source, p.where, p.message) for p in err.value.problems] == [
        (str(pack), "rules.passive_night_ratio", "must be between 0.01 and 1, got 2")]


def test_an_unknown_kind_is_refused_and_the_kinds_are_listed(tmp_path):
    path = write(tmp_path, kind="sleeping")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    [problem] = err.value.problems
    assert problem.source == str(path) and "shifts #1.kind" in problem.where
    assert problem.message == ("'sleeping' is not one of: day, evening, night, passive_night, on_call, "
                               "other")


@pytest.mark.parametrize(("kind", "extra", "message"), [
    ("day", "active_hours = 2", "active_hours is for passive duty only (kind is one of: "
                                "passive_night, on_call), not kind = \"day\""),
    ("on_call", "active_hours = 2\nhours = 3", "give active_hours or hours, not both"),
    ("passive_night", "active_hours = 11", "active time 11 h is longer than the shift (10 h paid"),
])
def test_active_hours_belong_to_passive_duty_and_fit_in_it(tmp_path, kind, extra, message):
    with pytest.raises(ScenarioError) as err:
        load_scenario(write(tmp_path, kind=kind, extra=extra))
    [problem] = err.value.problems
    assert "shifts #1.active_hours" in problem.where and problem.message.startswith(message)


def test_the_older_spelling_oncall_is_read_as_on_call(tmp_path):
    s = load_scenario(write(tmp_path, kind="oncall"))
    assert (s.shift("HV").kind, s.shift("HV").paid_minutes) == ("on_call", HV_MINUTES)


def test_the_loader_s_new_messages_read_in_bokmal():
    from roster.ui.nb_messages import translate

    for message in ("active_hours is for passive duty only (kind is one of: passive_night, on_call), "
                    "not kind = \"day\"",
                    "give active_hours or hours, not both (hours is the whole counted time)",
                    "active time 11 h is longer than the shift (10 h paid from start to end)",
                    "give start and end clock times (the ratio counts them), or paid hours (hours = 7.5)",
                    "the shift counts 24 h; the rules allow at most 12.5 h (AML § 10-5 (2))"):
        nb = translate(message)
        assert nb and not any(w in nb.split() for w in ("is", "the", "or", "not", "only")), nb


def test_the_app_edits_the_on_call_ratio_as_a_share(tmp_path, monkeypatch):
    from test_app import fresh, k, load_example

    monkeypatch.setenv("TURNUS_DB", str(tmp_path / "turnus.db"))
    at = fresh()
    load_example(at, "alta-ettervern")
    box = at.number_input(key=k(at, "rule_on_call_ratio"))
    assert box.value == pytest.approx(0.142857) and box.label == "Hjemmevakt teller (andel)"
    box.set_value(0.2).run()
    assert not at.exception and at.session_state["data"]["rules"]["on_call_ratio"] == 0.2
    assert any("Scenarioet er gyldig" in s for s in (str(e.value) for e in at.success))
