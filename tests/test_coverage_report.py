"""Coverage report: per slot, per week, per service target and per person, known by hand."""

from __future__ import annotations

import csv

from builders import DAY, EVENING, rota_of, scenario

from coverage.report import coverage_report, format_report, write_csv

EVENING_SERVICE = {"shift": "A", "days": ["weekday"], "min_staff_if_open": 2,
                   "priority": "service", "open": {"count": 2, "per": "week"}, "label": "Kveld"}

ALL = ["weekday", "saturday", "sunday"]


def small():
    # Mon 4 Jan 2027 for a week; D needs 2 every day (nurse 1), evenings twice a week
    staff = [{"id": "p1", "name": "A", "fte": 1.0, "skills": ["nurse"]},
             {"id": "p2", "name": "B", "fte": 0.5},
             {"id": "p3", "name": "C", "fte": 0.5}]
    return scenario(staff=staff, shifts=[DAY, {**EVENING, "days": ["weekday"]}],
                    coverage=[{"shift": "D", "days": ALL, "min_staff_if_open": 2, "skills": {"nurse": 1}},
                              EVENING_SERVICE])


def test_slot_rows_show_short_slots_and_skill_cover():
    s = small()
    rows = rota_of(s, [("p1", "2027-01-04", "D"), ("p2", "2027-01-04", "D"),
                       ("p2", "2027-01-05", "D"), ("p3", "2027-01-05", "D")])
    report = coverage_report(s, rows)
    by = {(r["date"], r["shift"]): r for r in report.slots}
    assert by[("2027-01-04", "D")]["short"] == 0 and by[("2027-01-04", "D")]["skills_ok"]
    # two staff but no nurse on Tuesday: covered in numbers, not in skills
    assert by[("2027-01-05", "D")]["short"] == 0
    assert by[("2027-01-05", "D")]["skills"] == "nurse 0/1"
    assert not by[("2027-01-05", "D")]["skills_ok"]
    assert by[("2027-01-06", "D")]["short"] == 2
    # a service evening not opened requires nobody
    assert by[("2027-01-04", "A")]["required"] == 0 and not by[("2027-01-04", "A")]["open"]
    assert "2027-01-05 Tue D" in format_report(report)


def test_week_and_service_rows_count_opened_evenings_against_target():
    s = small()
    rows = rota_of(s, [("p1", "2027-01-04", "A"), ("p2", "2027-01-04", "A"),
                       ("p3", "2027-01-05", "A")])  # Tuesday: one alone, not opened
    report = coverage_report(s, rows)
    week = next(w for w in report.weeks if w["week"] == "2027-W01")
    assert (week["evenings_opened"], week["evenings_target"]) == (1, 2)
    assert week["base_short"] == 7
    (svc,) = report.service
    assert (svc["opened"], svc["target"], svc["met"]) == (1, 2, False)


def test_staff_share_follows_contract_hours(tmp_path):
    s = small()
    rows = rota_of(s, [("p1", "2027-01-04", "A"), ("p2", "2027-01-04", "A"),
                       ("p1", "2027-01-05", "A"), ("p3", "2027-01-05", "A")])
    report = coverage_report(s, rows)
    staff = {r["id"]: r for r in report.staff}
    assert staff["p1"]["share"] == 0.5 and staff["p2"]["share"] == 0.25
    # 4 evenings in all: p1's share is 2, the part-timers' 1 each
    assert staff["p1"]["evenings"] == 2 and staff["p1"]["evenings_share"] == 2.0
    assert staff["p3"]["evenings_share"] == 1.0
    paths = write_csv(report, tmp_path)
    with (tmp_path / "coverage_staff.csv").open(encoding="utf-8") as f:
        assert [r["id"] for r in csv.DictReader(f)] == ["p1", "p2", "p3"]
    assert {p.name for p in paths} == {"coverage_slots.csv", "coverage_weeks.csv",
                                       "coverage_service.csv", "coverage_staff.csv"}


def test_coverage_command_prints_and_writes_csv(tmp_path, capsys, data_dir):
    import json

    from roster.cli.main import main
    from roster.rota_build import build_rota
    from roster.scenario_load import load_scenario

    toml = data_dir / "alta-ettervern.toml"
    s = load_scenario(toml)
    rota_path = tmp_path / "rota.json"
    build_rota(s, [], status="feasible").save(rota_path)  # an empty rota: everything short
    assert main(["coverage", str(toml), str(rota_path), "--out", str(tmp_path / "cov")]) == 0
    out = capsys.readouterr().out
    assert "short of their minimum" in out and (tmp_path / "cov" / "coverage_slots.csv").exists()
    assert main(["coverage", str(toml), str(rota_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["slots"] and all(r["assigned"] == 0 for r in data["slots"])
    assert sum(r["short"] for r in data["slots"]) == sum(r["required"] for r in data["slots"]) > 0
