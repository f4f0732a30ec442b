"""Month carry-over through the store: ``roster solve --unit`` takes January's published rota
as the previous period, so February keeps the rest and weekend rules across the boundary
(Arbeidsmiljøloven § 10-8 (1) daily rest; the weekend frequency of the tariff rules)."""

from __future__ import annotations

import datetime as dt

from roster.check import check_rota
from roster.cli.main import main
from roster.planner import history_from
from roster.rota import Rota
from roster.rules.breach import Breach
from roster.scenario_load import load_scenario
from roster.store import Store

UNIT = "Kveldsteamet"
HEAD = """[scenario]
name = "Kveldsteamet"
unit = "Kveldsteamet"
[calendar]
country = ""
[rules]
min_rest_hours = 11
weekend_every = 2
max_consecutive_days = 0
weekly_rest_hours = 0
sunday_holiday_rest = false
hours_tolerance = 1000.0
max_hours_per_7_days = 0
holiday_hours_reduction = false
[[shifts]]
code = "D"
name = "Dag"
start = "07:00"
end = "15:00"
hours = 7.5
[[shifts]]
code = "L"
name = "Seinvakt"
start = "15:00"
end = "23:00"
hours = 7.5
kind = "evening"
[[staff]]
id = "p1"
name = "Kari"
[[staff]]
id = "p2"
name = "Ola"
[[staff]]
id = "p3"
name = "Per"
[[coverage]]
shift = "D"
days = ["weekday"]
min_staff = 1
max_staff = 1
"""
# January ends with Kari on the late shift all weekend (Sat 30 and Sun 31 until 23:00)
JANUARY = HEAD + """
[period]
start = 2027-01-25
end = 2027-01-31
[[coverage]]
shift = "L"
days = ["weekday", "saturday", "sunday"]
min_staff = 1
max_staff = 1
[[locked]]
staff = "p1"
date = 2027-01-30
shift = "L"
[[locked]]
staff = "p1"
date = 2027-01-31
shift = "L"
"""
# February: Kari wishes the early shift on Monday (8 h after her late Sunday shift) and the
# first weekend again (two weekends in a row); only history from January can say no.
FEBRUARY = HEAD + """
[period]
start = 2027-02-01
end = 2027-02-07
[[coverage]]
shift = "L"
days = ["saturday", "sunday"]
min_staff = 1
max_staff = 1
[[wishes]]
staff = "p1"
date = 2027-02-01
kind = "shift"
shift = "D"
weight = 10
[[wishes]]
staff = "p1"
date = 2027-02-06
kind = "shift"
shift = "L"
weight = 10
[[wishes]]
staff = "p1"
date = 2027-02-07
kind = "shift"
shift = "L"
weight = 10
"""


def boundary_breaches(feb_file, feb_rota: Rota, jan_rota: Rota) -> list[Breach]:
    feb = load_scenario(feb_file)
    rows = check_rota(feb, feb_rota.assignments, history=history_from(jan_rota, feb))
    return [r for r in rows if r.rule in ("rest", "weekend") and r.is_error]


def test_february_respects_januarys_last_days_taken_from_the_store(tmp_path, capsys):
    db = str(tmp_path / "turnus.db")
    jan, feb = tmp_path / "jan.toml", tmp_path / "feb.toml"
    jan.write_text(JANUARY, encoding="utf-8")
    feb.write_text(FEBRUARY, encoding="utf-8")
    assert main(["solve", str(jan), "--out", str(tmp_path / "jan"), "--time-limit", "20"]) == 0
    assert main(["publish", str(tmp_path / "jan" / "rota.json"), "--unit", UNIT, "--scenario",
                 str(jan), "--user", "leder", "--db", db]) == 0
    jan_rota = Rota.load(tmp_path / "jan" / "rota.json")
    assert {(a.date.day, a.shift) for a in jan_rota.assignments if a.staff == "p1"} >= {(30, "L"),
                                                                                         (31, "L")}
    capsys.readouterr()

    # without the store the wishes win and the boundary is broken (so the test can fail)
    assert main(["solve", str(feb), "--out", str(tmp_path / "blind"), "--time-limit", "20"]) == 0
    blind = Rota.load(tmp_path / "blind" / "rota.json")
    assert {r.rule for r in boundary_breaches(feb, blind, jan_rota)} == {"rest", "weekend"}

    # with --unit the store supplies January, and February keeps the rules
    assert main(["solve", str(feb), "--out", str(tmp_path / "feb"), "--unit", UNIT, "--db", db,
                 "--save-draft", "--time-limit", "20"]) == 0
    out = capsys.readouterr().out
    assert "Previous period from the store: rota 1 of unit 'Kveldsteamet', 2027-01-25..2027-01-31" in out
    assert "Saved as draft rota 2" in out
    feb_rota = Rota.load(tmp_path / "feb" / "rota.json")
    assert boundary_breaches(feb, feb_rota, jan_rota) == []
    assert feb_rota.errors() == []
    p1 = {(a.date, a.shift) for a in feb_rota.assignments if a.staff == "p1"}
    assert (dt.date(2027, 2, 1), "D") not in p1
    assert not p1 & {(dt.date(2027, 2, 6), "L"), (dt.date(2027, 2, 7), "L")}

    # the Python API the front end uses gives the same previous rota
    with Store(db) as st:
        prev = st.last_published_before(UNIT, dt.date(2027, 2, 1))
        assert prev is not None and prev.to_json() == jan_rota.to_json()
        assert [(r.id, r.status) for r in st.rotas(UNIT)] == [(2, "draft"), (1, "published")]


def test_solve_unit_without_a_published_rota_says_so(tmp_path, capsys):
    feb = tmp_path / "feb.toml"
    feb.write_text(FEBRUARY, encoding="utf-8")
    assert main(["solve", str(feb), "--out", str(tmp_path / "out"), "--unit", UNIT,
                 "--db", str(tmp_path / "empty.db"), "--time-limit", "20"]) == 0
    assert "No rota store at" in capsys.readouterr().out
    assert not (tmp_path / "empty.db").exists()
    empty = str(tmp_path / "other.db")
    assert main(["units", "--db", empty]) == 1  # no store: a user error, and no file made
    assert not (tmp_path / "other.db").exists()
    with Store(empty):
        pass
    assert main(["solve", str(feb), "--out", str(tmp_path / "out"), "--unit", UNIT,
                 "--db", empty, "--time-limit", "20"]) == 0
    assert "No published rota before 2027-02-01 for unit 'Kveldsteamet'" in capsys.readouterr().out
