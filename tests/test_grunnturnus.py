"""Grunnturnus: the rolling base rota keeps every rule across week N -> week 1, averages
hours over the cycle, and is written as rota.json and as the printable grid."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import openpyxl
import pytest

from roster.check import check_rota
from roster.cli.main import main
from roster.contract import hours_band
from roster.excel.turnus_grid import cell_of, write_turnus_grid
from roster.grunnturnus import (
    Line,
    cycle_assignments,
    cycle_scenario,
    grunnturnus_of,
    load_grunnturnus,
    wrap_check,
)
from roster.rota import Rota
from tests.grunnturnus_case import SCENARIO_TOML, START, WEEKS, planned, scenario

MIN_REST = 11 * 60


def _times(code: str) -> tuple[int, int]:
    """Start and end of a shift in minutes after midnight of its day (the test's own table)."""
    return {"D": (7 * 60 + 30, 15 * 60 + 30), "A": (15 * 60, 22 * 60 + 30)}[code]


def _cyclic_days(line: Line) -> list[str | None]:
    return [c for week in line.weeks for c in week]


def test_generic_period_has_no_holidays_and_twice_the_band() -> None:
    s = scenario()
    two = cycle_scenario(s, WEEKS, 2, START)
    assert (two.start, two.end) == (START, START + dt.timedelta(days=7 * 2 * WEEKS - 1))
    assert two.calendar.country == "" and not two.absences and not two.wishes and not two.locks
    from roster.calendar import days_between

    assert not any(d.is_holiday for d in days_between(two.start, two.end, two.calendar))
    one = cycle_scenario(s, WEEKS, 1, START)
    person = s.staff[0]  # 100 %, 35.5 h a week
    b1 = hours_band(one, person, days_between(one.start, one.end, one.calendar))
    b2 = hours_band(two, person, days_between(two.start, two.end, two.calendar))
    assert b1.target == round(35.5 * WEEKS * 60)
    assert (b1.min, b1.max) == (b1.target - 4 * 60, b1.target + 4 * 60)
    assert (b2.min, b2.max) == (2 * b1.min, 2 * b1.max)
    with pytest.raises(Exception, match="Monday"):
        cycle_scenario(s, WEEKS, 1, START + dt.timedelta(days=1))


def test_planner_keeps_rest_days_in_a_row_and_weekends_across_the_wrap() -> None:
    g = planned()
    assert g.status in ("optimal", "feasible"), g.rota.extra["verdict"]
    assert [b for b in g.wrap_breaches if b.is_error] == []
    n = 7 * WEEKS
    for line in g.lines:
        days = _cyclic_days(line)
        assert any(days), line
        # measured here, independently of the rule units: every succession on the ring of
        # days, week N -> week 1 included, leaves 11 h of rest
        for d in range(n):
            a, b = days[d], days[(d + 1) % n]
            if a and b:
                rest = 24 * 60 + _times(b)[0] - _times(a)[1]
                assert rest >= MIN_REST, (line.id, d, a, b)
        # at most 6 days in a row on the ring
        run = longest = 0
        for d in range(2 * n):
            run = run + 1 if days[d % n] else 0
            longest = max(longest, run)
        assert longest <= 6, line.id
        # weekend every 2nd: never two weekends in a row, week N -> week 1 included
        worked = [bool(days[7 * w + 5] or days[7 * w + 6]) for w in range(WEEKS)]
        assert not any(worked[w] and worked[(w + 1) % WEEKS] for w in range(WEEKS)), line.id


def test_a_wrap_that_breaks_daily_rest_is_flagged_when_repeated() -> None:
    g = planned()
    first = g.lines[0]
    weeks = [list(w) for w in first.weeks]
    weeks[-1][6] = "A"  # Sunday of week 6: evening to 22:30
    weeks[0][0] = "D"  # Monday of week 1: day from 07:30, 9 h later
    bad = replace(first, weeks=tuple(tuple(w) for w in weeks))
    lines = [bad, *g.lines[1:]]
    s = scenario()
    # the cycle on its own shows nothing at that point: no day before week 1
    alone = check_rota(cycle_scenario(s, WEEKS, 1, START), cycle_assignments(lines, START))
    assert not [b for b in alone if b.rule == "rest" and b.staff == bad.holder]
    # repeated, the checker finds the 9 h rest at each wrap (cycle 1 -> 2, 2 -> 3)
    wraps = {START + dt.timedelta(days=7 * WEEKS * k) for k in (1, 2)}
    rest = [b for b in wrap_check(s, lines, START) if b.rule == "rest" and b.staff == bad.holder]
    assert {b.date for b in rest} == wraps
    assert all(b.is_error for b in rest)
    judged = grunnturnus_of(s, WEEKS, START, lines)
    assert judged.status == "infeasible"
    assert judged.rota.extra["wraparound"]["errors"] >= 2


def test_hours_are_averaged_over_the_cycle() -> None:
    g = planned()
    minutes = {"D": 450, "A": 420}
    for line in g.lines:
        total = sum(minutes[c] for c in _cyclic_days(line) if c)
        target = line.fte * 35.5 * WEEKS * 60
        assert target - 4 * 60 - 1 <= total <= target + 4 * 60 + 1, (line.id, total / 60)
    s = scenario()
    # weeks may differ as long as the cycle holds: move one shift of line 1 into another week
    first = g.lines[0]
    weeks = [list(w) for w in first.weeks]
    src = next((w, k) for w in range(1, WEEKS) for k in range(7) if weeks[w][k])
    dst = next((0, k) for k in range(7) if not weeks[0][k])
    weeks[dst[0]][dst[1]], weeks[src[0]][src[1]] = weeks[src[0]][src[1]], None
    uneven = replace(first, weeks=tuple(tuple(w) for w in weeks))
    hours = [b for b in wrap_check(s, [uneven, *g.lines[1:]], START) if b.rule == "hours"]
    assert hours == []
    # two more shifts in the cycle put it above its band: a hard breach
    free = [(w, k) for w in range(WEEKS) for k in range(7) if not weeks[w][k]][:2]
    for w, k in free:
        weeks[w][k] = "D"
    heavy = replace(first, weeks=tuple(tuple(w) for w in weeks))
    hours = [b for b in wrap_check(s, [heavy, *g.lines[1:]], START) if b.rule == "hours"]
    assert [b.staff for b in hours if b.is_error] == [first.holder]


def test_rota_json_carries_the_lines_and_reads_back(tmp_path) -> None:
    g = planned()
    path = g.rota.save(tmp_path / "rota.json")
    back = Rota.load(path)
    assert back.extra["kind"] == "grunnturnus" and back.extra["weeks"] == WEEKS
    assert (back.start, back.end) == (START, START + dt.timedelta(days=7 * WEEKS - 1))
    weeks, start, lines = load_grunnturnus(back)
    assert (weeks, start) == (WEEKS, START)
    assert [line.weeks for line in lines] == [line.weeks for line in g.lines]
    assert [line.holder for line in lines] == [p.id for p in scenario().staff]
    row = back.extra["lines"][0]
    assert row["id"] == "L01" and len(row["weeks"]) == WEEKS and len(row["weeks"][0]) == 7
    assert row["average_weekly_hours"] == pytest.approx(row["hours_per_cycle"] / WEEKS, abs=0.01)
    # the first cycle as assignments, by the holders
    assert {a.staff for a in back.assignments} <= set(scenario().staff_ids)


@pytest.mark.parametrize(("lang", "sheet", "week", "monday"), [("nb", "Grunnturnus", "Uke 1", "ma"),
                                                               ("en", "Base rota", "Week 1", "Mo")])
def test_excel_grid_reads_back(tmp_path, lang, sheet, week, monday) -> None:
    g = planned()
    path = write_turnus_grid(tmp_path / "g.xlsx", g, lang=lang)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == sheet and len(wb.sheetnames) == 2
    ws = wb[sheet]
    assert ws.cell(2, 5).value == week and ws.cell(3, 5).value == monday
    assert ws.cell(2, 5 + 7 * (WEEKS - 1)).value.endswith(str(WEEKS))
    for i, line in enumerate(g.lines):
        row, _ = cell_of(i, 1, 0)
        assert (ws.cell(row, 1).value, ws.cell(row, 2).value) == (line.id, line.holder)
        for w in range(1, WEEKS + 1):
            for k in range(7):
                assert ws.cell(*cell_of(i, w, k)).value == line.weeks[w - 1][k], (line.id, w, k)
        hours_col = cell_of(i, WEEKS, 6)[1] + 1
        assert ws.cell(row, hours_col).value == g.rota.extra["lines"][i]["hours_per_cycle"]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$2:$3"


def test_cli_writes_the_grunnturnus_and_bounds_its_options(tmp_path, capsys) -> None:
    src = tmp_path / "unit.toml"
    src.write_text(SCENARIO_TOML, encoding="utf-8")
    out = tmp_path / "gt"
    assert main(["grunnturnus", str(src), "--weeks", "2", "--out", str(out), "--time-limit", "3",
                 "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "Base rota (grunnturnus) Testbolig: 2 weeks from Monday 2027-06-07, 5 lines" in text
    assert "Week 2 -> week 1" in text
    for name in ("rota.json", "grunnturnus.xlsx", "grunnturnus.csv", "summary.txt"):
        assert (out / name).is_file()
    weeks, start, lines = load_grunnturnus(Rota.load(out / "rota.json"))
    assert weeks == 2 and start == dt.date(2027, 6, 7) and len(lines) == 5
    assert main(["grunnturnus", str(src), "--weeks", "0", "--out", str(out)]) == 3
    assert main(["grunnturnus", str(src), "--weeks", "27", "--out", str(out)]) == 3
    assert main(["grunnturnus", str(src), "--weeks", "6", "--out", str(out),
                 "--start", "2027-06-08"]) == 1
    assert "Monday" in capsys.readouterr().err
