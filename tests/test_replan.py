"""Re-plan after absence: the past is kept, the change is the minimum, short shifts get
ranked candidates."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import rota_of, scenario

from coverage.replan import candidates, parse_absent, replan
from roster.errors import UserError
from roster.planner import PlanOptions
from roster.rota_build import build_rota

PAIRS = [("p1", "p2"), ("p3", "p4"), ("p1", "p3"), ("p2", "p4")]
START = dt.date(2027, 1, 4)

ALL = ["weekday", "saturday", "sunday"]


def published_case():
    """4 staff, 21 days, D needs exactly 2 a day; p1 works every other day."""
    s = scenario(staff=4, days=21, coverage=[{"shift": "D", "days": ALL, "min_staff_if_open": 2,
                                              "max_staff": 2}])
    rows = []
    for i in range(21):
        d = (START + dt.timedelta(days=i)).isoformat()
        rows += [(p, d, "D") for p in PAIRS[i % 4]]
    return s, build_rota(s, rota_of(s, rows), status="feasible")


def test_two_week_absence_changes_only_what_it_must():
    s, published = published_case()
    absent = parse_absent("p1:2027-01-11:2027-01-24")  # the last 14 days
    p1_lost = [a for a in published.assignments if a.staff == "p1" and a.date >= absent.start]
    assert len(p1_lost) == 7
    result = replan(s, published, [absent], options=PlanOptions(time_limit=20))
    # each of p1's 7 shifts must go (7 changes) and someone must take each (7 changes);
    # nothing else needs to change
    assert len(result.changes) == 2 * len(p1_lost)
    assert result.start == absent.start
    assert not [a for a in result.rota.assignments if a.staff == "p1" and a.date >= absent.start]
    assert all(c["date"] >= "2027-01-11" for c in result.changes)
    assert result.rota.extra["changes"] == result.changes
    assert result.rota.extra["replan"]["absent"][0]["staff"] == "p1"
    assert not result.rota.errors() and not result.short


def test_today_keeps_the_past_even_inside_the_absence():
    s, published = published_case()
    result = replan(s, published, [parse_absent("p1:2027-01-11:2027-01-24")],
                    today=dt.date(2027, 1, 14), options=PlanOptions(time_limit=20))
    assert result.start == dt.date(2027, 1, 14)
    assert all(c["date"] >= "2027-01-14" for c in result.changes)
    kept = [(a.date, a.staff, a.shift) for a in published.assignments if a.date < result.start]
    now = [(a.date, a.staff, a.shift) for a in result.rota.assignments if a.date < result.start]
    assert now == kept
    assert all(a.locked for a in result.rota.assignments if a.date < result.start)
    assert len(result.changes) == 2 * 6  # p1's shifts on 14, 16, 18, 20, 22, 24 January


def test_short_shift_candidates_cheapest_first():
    staff = [{"id": "p1", "name": "A", "fte": 1.0},
             {"id": "p2", "name": "B", "fte": 1.0, "rules": {"max_hours": 7.5}},
             {"id": "p3", "name": "C", "fte": 1.0, "cannot_work": ["D"]},
             {"id": "p4", "name": "D", "fte": 1.0}]
    s = scenario(staff=staff, days=3, coverage=[{"shift": "D", "days": ALL, "min_staff_if_open": 2}])
    rows = rota_of(s, [("p1", "2027-01-04", "D"), ("p2", "2027-01-04", "D"),
                       ("p1", "2027-01-05", "D")])
    got = candidates(s, rows, dt.date(2027, 1, 5), "D")
    # p1 already works that day, p3 may not work D; p2 would go above the band (overtime)
    assert [c.staff for c in got] == ["p4", "p2"]
    assert not got[0].overtime and got[1].overtime and got[1].overtime_hours == 7.5


def test_bad_absence_is_a_clear_error():
    with pytest.raises(UserError, match="ID:FROM:TO"):
        parse_absent("p1:2027-01-11")
    s, published = published_case()
    with pytest.raises(UserError, match="not in the scenario's staff"):
        replan(s, published, [parse_absent("zz:2027-01-11:2027-01-12")])


TINY_TOML = """
[scenario]
name = "tiny"
[period]
start = 2027-01-04
end = 2027-01-17
[calendar]
country = ""
[rules]
weekend_every = 0
max_consecutive_days = 0
weekly_rest_hours = 0
sunday_holiday_rest = false
hours_tolerance = 1000.0
max_hours_per_7_days = 0
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
fte = 1.0
[[staff]]
id = "p3"
name = "Per"
fte = 1.0
[[coverage]]
shift = "D"
days = ["weekday", "saturday", "sunday"]
min_staff_if_open = 2
max_staff = 2
"""


def test_replan_command_writes_rota_and_change_list(tmp_path, capsys):
    import csv
    import json

    from roster.cli.main import main

    toml = tmp_path / "tiny.toml"
    toml.write_text(TINY_TOML, encoding="utf-8")
    assert main(["solve", str(toml), "--out", str(tmp_path / "plan"), "--time-limit", "20"]) == 0
    published = tmp_path / "plan" / "rota.json"
    code = main(["replan", str(toml), str(published), "--absent", "p1:2027-01-11:2027-01-17",
                 "--out", str(tmp_path / "re"), "--time-limit", "20"])
    assert code == 0
    data = json.loads((tmp_path / "re" / "rota.json").read_text(encoding="utf-8"))
    assert data["replan"]["from"] == "2027-01-11"
    with (tmp_path / "re" / "changes.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(data["changes"]) > 0
    # 3 staff, 2 a day: without p1 the other two must work every day from the 11th
    assert not [a for a in data["assignments"] if a["staff"] == "p1" and a["date"] >= "2027-01-11"]
    assert "Re-planned from 2027-01-11" in capsys.readouterr().out
    assert main(["replan", str(toml), str(published), "--absent", "p1:2027-01-11",
                 "--out", str(tmp_path / "bad")]) == 1
