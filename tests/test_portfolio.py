"""roster portfolio: every unit's staffing, service level, robustness and budget, the same
sequentially and on a real local Dask cluster; one broken unit reported, the rest finish;
the sector workbook written and read back."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import json
import tomllib
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from builders import DAY, EVENING, QUIET_RULES

from coverage.budget import load_costs
from coverage.compare import compare
from coverage.ladder import service_ladder
from coverage.portfolio import (
    PortfolioSettings,
    ScenarioSource,
    check_staffing_on,
    compare_on,
    load,
    proven_parts,
    run_portfolio,
    service_ladder_on,
    source_from_file,
    sources_from_paths,
    sources_from_store,
)
from coverage.staffing import StaffingParams, estimate
from coverage.staffing_check import check_staffing
from roster.cli.main import main
from roster.excel.portfolio_workbook import COLUMNS
from roster.excel.scenario_workbook import write_scenario_workbook
from roster.excel.toml_write import dumps
from roster.parallel import SequentialExecutor
from roster.scenario import Absence

WEEKEND = {"code": "H", "name": "Helg", "name_en": "Weekend", "start": "10:00", "end": "17:00",
           "hours": 7.0, "days": ["saturday", "sunday"]}
TIME_LIMIT = 10.0  # generous: every solve of these units is proven in well under a second


def unit_data(name: str, staff: int, evenings: int) -> dict:
    """One week of a small team: a day shift (1), evenings (2 when opened, ``evenings`` a
    week) and weekends (2, every weekend)."""
    first = dt.date(2027, 2, 1)
    return {
        "scenario": {"name": name, "unit": name},
        "period": {"start": first, "end": first + dt.timedelta(days=6)},
        "calendar": {"country": ""},
        "rules": {**QUIET_RULES, "turnus_type": "day", "hours_tolerance": 4},
        "shifts": [{**DAY, "days": ["weekday"]}, {**EVENING, "days": ["weekday"]}, WEEKEND],
        "staff": [{"id": f"p{i + 1}", "name": f"P{i + 1}", "fte": 1.0} for i in range(staff)],
        "coverage": [
            {"shift": "D", "days": ["weekday"], "min_staff_if_open": 1},
            {"shift": "A", "days": ["weekday"], "min_staff_if_open": 2, "priority": "service",
             "open": {"count": evenings, "per": "week"}, "label": "Kveld"},
            {"shift": "H", "days": ["saturday", "sunday"], "min_staff_if_open": 2,
             "priority": "service", "unit": "weekend", "open": "always", "label": "Helg"}],
    }


@pytest.fixture(scope="module")
def sector(tmp_path_factory) -> Path:
    """A folder with three small units (one a workbook) and one broken unit."""
    folder = tmp_path_factory.mktemp("sector")
    (folder / "a-alfa.toml").write_text(dumps(unit_data("Alfa", 2, 2)), encoding="utf-8")
    (folder / "b-beta.toml").write_text(dumps(unit_data("Beta", 3, 3)), encoding="utf-8")
    write_scenario_workbook(folder / "c-gamma.xlsx", unit_data("Gamma", 4, 4))
    broken = unit_data("Delta", 2, 2)
    broken["staff"][0]["fte"] = "full"
    (folder / "d-delta.toml").write_text(dumps(broken), encoding="utf-8")
    return folder


def settings(**kw) -> PortfolioSettings:
    return PortfolioSettings(costs=load_costs(), time_limit=TIME_LIMIT, ladder_time_limit=TIME_LIMIT,
                             runs=200, **kw)


def solver_statuses(summary: dict) -> set[str]:
    out = set()
    for unit in summary["units"]:
        out |= {s["status"] for s in unit.get("check", {}).get("steps", [])}
        out |= {r["status"] for r in unit.get("ladder", {}).get("tried", [])}
        if "today" in unit:
            out.add(unit["today"]["status"])
    return out


def test_same_answers_sequentially_and_on_the_cluster(sector, dask):
    sources = sources_from_paths([str(sector)])
    assert [s.kind for s in sources] == ["toml", "toml", "data", "toml"]
    sequential = run_portfolio(sources, settings(), SequentialExecutor()).to_json()
    parallel = run_portfolio(sources, settings(), dask).to_json()
    # every solve ended before its limit (proven), so the proven parts do not depend on
    # timing; robustness and vikar hours are measured on one of possibly several equally good
    # rotas, and which one the time-bounded local search lands on may differ between runs
    assert solver_statuses(sequential) <= {"optimal", "too few hours", "too few weekend staff",
                                           "too few people on a day", "too few skill hours"}
    assert proven_parts(sequential) == proven_parts(parallel)
    assert sequential["totals"]["budget_nok"] == parallel["totals"]["budget_nok"]
    assert sequential["executor"] != parallel["executor"]

    units = {u["unit"]: u for u in parallel["units"]}
    assert set(units) == {"Alfa", "Beta", "Gamma", str(sector / "d-delta.toml")}
    broken = units[str(sector / "d-delta.toml")]
    assert broken["error"] and "fte" in broken["error"] and "check" not in broken
    assert parallel["failed"] == [{"unit": broken["unit"], "source": broken["source"],
                                   "error": broken["error"]}]
    for name in ("Alfa", "Beta", "Gamma"):
        u = units[name]
        assert u["error"] is None and u["proven"] is True
        assert u["arsverk_proven"] >= u["arsverk_needed"] - u["step"]
        assert u["service_level"] and 0 <= u["robustness_n1"] <= 1 and u["vikar_hours"] >= 0
        assert u["budget_basis"] == "checked" and u["budget_nok"] == u["budget"]["total"]
    totals = parallel["totals"]
    assert totals["units"] == 4 and totals["units_failed"] == 1
    assert totals["budget_nok"] == sum(units[n]["budget_nok"] for n in ("Alfa", "Beta", "Gamma"))
    assert totals["arsverk_proven"] == pytest.approx(sum(units[n]["arsverk_proven"]
                                                         for n in ("Alfa", "Beta", "Gamma")))


def test_the_sector_summary_holds_no_absence_detail(sector, tmp_path):
    data = unit_data("Epsilon", 3, 2)
    data["absences"] = [{"staff": "p2", "start": dt.date(2027, 2, 2), "end": dt.date(2027, 2, 3),
                         "kind": "sick"}]
    path = tmp_path / "epsilon.toml"
    path.write_text(dumps(data), encoding="utf-8")
    summary = run_portfolio([source_from_file(path)], settings(), SequentialExecutor()).to_json()
    text = json.dumps(summary)
    assert summary["units"][0]["error"] is None
    assert "recorded_absence" not in text and '"sick"' not in text and '"p2"' not in text


def test_check_ladder_and_compare_on_an_executor_match_the_sequential_functions(sector, dask):
    source = source_from_file(sector / "b-beta.toml")
    scenario = load(source)
    est = estimate(scenario, 2027)
    reference = check_staffing(scenario, est, step=0.5, time_limit=TIME_LIMIT)
    on_cluster = check_staffing_on(dask, source, scenario, est, step=0.5, time_limit=TIME_LIMIT)
    strip = [{k: v for k, v in s.to_json().items() if k != "seconds"} for s in reference.steps]
    assert [{k: v for k, v in s.to_json().items() if k != "seconds"} for s in on_cluster.steps] == strip
    assert on_cluster.proven and on_cluster.smallest.arsverk == reference.smallest.arsverk

    sick = [Absence("p1", dt.date(2027, 2, 1), dt.date(2027, 2, 7), "sick")]
    ladder = service_ladder(scenario, sick, time_limit=TIME_LIMIT)
    ladder_on = service_ladder_on(dask, source, sick, time_limit=TIME_LIMIT)
    assert [(r.level, r.holds) for r in ladder_on.tried] == [(r.level, r.holds) for r in ladder.tried]
    assert ladder_on.best.rota is not None  # the rota that proves the level comes back

    others = [source_from_file(sector / "a-alfa.toml"), source]
    kw = {"year": 2027, "params": StaffingParams(), "costs": load_costs(), "time_limit": TIME_LIMIT,
          "runs": 100}
    # the same comparison, but for robustness: simulated on the month's rota, which may be
    # another of several equally good rotas (see test_same_answers_...)
    def proven(rows):
        return [replace(r, robustness=None, robustness_note=None) for r in rows]

    assert proven(compare_on(dask, others, **kw)) == proven(compare([load(s) for s in others], **kw))


def test_a_scenario_built_here_is_a_source(sector):
    import pickle

    scenario = load(source_from_file(sector / "b-beta.toml"))
    source = ScenarioSource.of(scenario)
    assert source.kind == "scenario" and source.label == str(sector / "b-beta.toml")
    assert load(pickle.loads(pickle.dumps(source))) == scenario  # what a worker gets


def test_targets_and_absences_travel_with_the_source(sector):
    source = source_from_file(sector / "b-beta.toml").with_targets(1, "2")
    source = source.with_absences([Absence("p1", dt.date(2027, 2, 1), dt.date(2027, 2, 2), "sick")])
    scenario = load(source)
    targets = {r.label: (r.open.count, r.open.per) for r in scenario.requirements if r.label}
    assert targets == {"Kveld": (1, "week"), "Helg": (2, "month")}
    assert [a.staff for a in scenario.absences] == ["p1"]


def test_units_from_the_rota_store(sector, tmp_path):
    from roster.planner import PlanOptions, plan
    from roster.store import Store

    text = (sector / "a-alfa.toml").read_text(encoding="utf-8")
    db = tmp_path / "turnus.db"
    with Store(db) as st:
        st.publish(plan(load(ScenarioSource("alfa", "toml", text)), PlanOptions(time_limit=5)),
                   "Alfa", scenario_text=text, user="test")
    sources = sources_from_store(str(db))
    assert [(s.label, s.kind, s.payload) for s in sources] == [("store:Alfa", "toml", text)]
    missing = sources_from_store(str(db), ["Alfa", "Nowhere"])[1]
    assert missing.problem and "Nowhere" in missing.problem
    result = run_portfolio(sources, settings(ladder=False, today=False), SequentialExecutor())
    assert result.units[0].arsverk_proven == 3.5 and not result.failed


def cli(*args: str) -> int:
    return main(["portfolio", *args])


def test_the_command_writes_the_sector_workbook_and_reports_the_broken_unit(sector, tmp_path, capsys):
    out = tmp_path / "out"
    args = [str(sector), "--out", str(out), "--workers", "1", "--time-limit", "5",
            "--ladder-time-limit", "5", "--runs", "100", "--lang", "en"]
    assert cli(*args) == 1  # one unit failed; the others are written
    captured = capsys.readouterr()
    assert "Delta" not in captured.out or "FAILED" in captured.out
    assert "error: " in captured.err and "units 4/4 (1 failed)" in captured.err

    summary = json.loads((out / "portfolio.json").read_text(encoding="utf-8"))
    wb = openpyxl.load_workbook(out / "portfolio.xlsx")
    assert wb.sheetnames == ["Sector", "Assumptions", "Errors"]
    ws = wb["Sector"]
    header = [c.value for c in ws[4]]
    assert header[:6] == ["Unit", "Source", "Staff", "Årsverk today", "Årsverk needed (arithmetic)",
                          "Årsverk proven (optimiser)"]
    rows = [[c.value for c in ws[r]] for r in range(5, 5 + len(summary["units"]))]
    col = {key: j for j, (key, *_rest) in enumerate(COLUMNS)}
    for row, unit in zip(rows, summary["units"], strict=True):
        assert row[col["unit"]] == unit["unit"]
        assert row[col["arsverk_proven"]] == unit["arsverk_proven"]
        assert row[col["budget_nok"]] == unit["budget_nok"]
    total = [c.value for c in ws[5 + len(rows)]]
    assert total[0] == "Total" and total[col["budget_nok"]] == summary["totals"]["budget_nok"]
    assert len(ws._charts) == 2
    assert wb["Errors"]["C4"].value == summary["failed"][0]["error"]
    with (out / "portfolio.csv").open(encoding="utf-8") as f:
        assert len(list(csv.reader(f))) == 1 + len(rows)

    # again into the same folder: its own files are replaced, nothing else is touched
    assert cli(*args[:-2], "--quiet") == 1
    assert openpyxl.load_workbook(out / "portfolio.xlsx").sheetnames[0] == "Sektor"


def test_the_command_refuses_bad_input_before_any_work(sector, tmp_path, capsys):
    assert cli("--out", str(tmp_path / "o")) == 3
    assert cli(str(tmp_path / "nowhere.toml"), "--out", str(tmp_path / "o"), "--lang", "en") == 1
    assert "file not found" in capsys.readouterr().err
    assert cli(str(sector / "a-alfa.toml"), "--out", str(sector / "a-alfa.toml")) == 1
    assert cli(str(sector), "--out", str(tmp_path / "o"), "--workers", "0") == 3
    assert not (tmp_path / "o").exists()


def test_settings_refuse_a_step_above_one_arsverk():
    with pytest.raises(Exception, match="--step"):
        settings(step=1.5)


def test_the_workbook_is_a_plain_scenario_read_here(sector):
    source = source_from_file(sector / "c-gamma.xlsx")
    assert source.kind == "data" and source.problem is None
    assert tomllib.loads(dumps(copy.deepcopy(source.payload)))["scenario"]["name"] == "Gamma"


def test_an_arithmetic_round_solves_nothing(sector):
    sources = sources_from_paths([str(sector / "a-alfa.toml"), str(sector / "b-beta.toml")])
    result = run_portfolio(sources, settings(check=False, ladder=False, today=False),
                           SequentialExecutor())
    rows = [u.row() for u in result.units]
    assert all(r["budget_basis"] == "arithmetic" and r["arsverk_proven"] is None for r in rows)
    assert sum(u.solves for u in result.units) == 0
    assert result.totals()["units_without_proof"] == 2 and not result.failed
