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
                 "--start", "2027-06-08", "--lang", "en"]) == 1
    assert "Monday" in capsys.readouterr().err


def _wrap_breaking_file(tmp_path, edit=None):
    """The planned grunnturnus's rota.json with line 1 edited by hand: an evening on Sunday
    of the last week and a day shift on Monday of week 1 (9 h rest at the wrap)."""
    import json

    g = planned()
    path = g.rota.save(tmp_path / "rota.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    weeks = data["lines"][0]["weeks"]
    weeks[-1][6], weeks[0][0] = "A", "D"
    if edit:
        edit(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    src = tmp_path / "unit.toml"
    src.write_text(SCENARIO_TOML, encoding="utf-8")
    return src, path


def test_roster_check_of_a_hand_edited_grunnturnus_finds_the_wrap(tmp_path, capsys) -> None:
    """roster check SCENARIO GRUNNTURNUS/rota.json judges the lines across week N -> week 1
    (it refused the file before: the cycle is not the scenario's period)."""
    src, path = _wrap_breaking_file(tmp_path)
    assert main(["check", str(src), str(path), "--json"]) == 1
    import json

    found = json.loads(capsys.readouterr().out)
    holder = planned().lines[0].holder
    wraps = {(START + dt.timedelta(days=7 * WEEKS * k)).isoformat() for k in (1, 2)}
    assert {b["date"] for b in found if b["rule"] == "rest" and b["staff"] == holder} == wraps
    # the planner's own grunnturnus passes the same check
    ok = planned().rota.save(tmp_path / "ok.json")
    assert main(["check", str(src), str(ok)]) == 0


@pytest.mark.parametrize(("edit", "says"), [
    (lambda d: d["lines"][1]["weeks"][2].pop(), "lines[1].weeks"),
    (lambda d: d["lines"].append(dict(d["lines"][0])), "already holds lines[0]"),
    (lambda d: d["lines"][0].__setitem__("fte", "full"), "lines[0].fte"),
    (lambda d: d["lines"][0].__setitem__("fte", -0.5), "lines[0].fte"),
    (lambda d: d["lines"][0].__setitem__("skills", "nurse"), "lines[0].skills"),
    (lambda d: d["lines"][2].__setitem__("holder", "zz"), "lines[2].holder"),
    (lambda d: d["lines"][2]["weeks"][0].__setitem__(0, "X"), "shift codes"),
    (lambda d: [d.__setitem__("weeks", 30)] + [x.__setitem__("weeks", x["weeks"] * 5)
                                               for x in d["lines"]], "1 to 26 weeks"),
])
def test_a_malformed_grunnturnus_file_is_an_input_error(tmp_path, capsys, edit, says) -> None:
    src, path = _wrap_breaking_file(tmp_path, edit)
    assert main(["check", str(src), str(path)]) == 1
    err = capsys.readouterr().err
    assert says in err and str(path) in err and "Traceback" not in err
    if "holder" in says and "zz" in err:
        return  # rollout takes holders from the scenario's staff order: not its input error
    out = tmp_path / "roll"
    assert main(["rollout", str(path), "--from", "2027-07-01", "--to", "2027-07-31",
                 "--scenario", str(src), "--out", str(out), "--lang", "en"]) == 1
    assert says in capsys.readouterr().err


def test_grid_title_of_a_grunnturnus_with_breaches_is_in_bokmal(tmp_path) -> None:
    """The title named the status in English ("Status: infeasible") in the bokmål grid."""
    g = planned()
    weeks = [list(w) for w in g.lines[0].weeks]
    weeks[-1][6], weeks[0][0] = "A", "D"
    lines = [replace(g.lines[0], weeks=tuple(tuple(w) for w in weeks)), *g.lines[1:]]
    judged = grunnturnus_of(scenario(), WEEKS, START, lines)
    assert judged.status == "infeasible"
    ws = openpyxl.load_workbook(write_turnus_grid(tmp_path / "g.xlsx", judged, lang="nb"))["Grunnturnus"]
    assert "infeasible" not in ws.cell(1, 1).value and "ikke gyldig" in ws.cell(1, 1).value
    ws = openpyxl.load_workbook(write_turnus_grid(tmp_path / "e.xlsx", judged, lang="en"))["Base rota"]
    assert "infeasible" in ws.cell(1, 1).value


def test_summary_lines_up_codes_of_two_letters() -> None:
    """A line with on-call (HV) printed its days run together ("DDHVHV."), out of step with
    the other lines."""
    from roster.cli.commands.grunnturnus import summary
    from roster.scenario_load import loads_scenario

    text = SCENARIO_TOML + ('\n[[shifts]]\ncode = "HV"\nname = "Hjemmevakt"\nstart = "22:30"\n'
                            'end = "07:30"\nkind = "on_call"\n')
    s = loads_scenario(text, source="hv.toml")
    week_a = ("D", "D", "HV", None, None, None, None)
    week_b = ("A", None, None, "D", "D", None, None)
    lines = [Line(i + 1, p.id, p.name, p.fte, tuple(p.skills), p.role, tuple(p.cannot_work),
                  (week_a, week_b) if i % 2 else (week_b, week_a)) for i, p in enumerate(s.staff)]
    g = grunnturnus_of(s, 2, START, lines)
    rows = [r for r in summary(g, "en").splitlines() if r.startswith("  L0")
            and "|" in r]
    assert len(rows) == len(lines)
    assert len({r.index("|") for r in rows}) == 1, rows
    assert "D  D  HV .  .  .  ." in rows[1], rows


def test_summary_gives_fairness_per_group_of_lines() -> None:
    """Night-only lines share nights among themselves; the summary mixed them with the other
    lines in one range ("10.0-24.3"), which read as unfair."""
    from roster.cli.commands.grunnturnus import summary
    from roster.scenario_load import loads_scenario

    text = SCENARIO_TOML.replace('id = "p5"\nname = "Eva"\nfte = 0.6',
                                 'id = "p5"\nname = "Eva"\nfte = 0.6\ncannot_work = ["D"]')
    s = loads_scenario(text, source="night.toml")
    week_a = ("D", "D", "A", None, None, None, None)
    week_b = ("A", "A", None, "A", "A", None, None)
    lines = [Line(i + 1, p.id, p.name, p.fte, tuple(p.skills), p.role, tuple(p.cannot_work),
                  (week_b, week_b) if p.id == "p5" else (week_a, week_a)) for i, p in enumerate(s.staff)]
    g = grunnturnus_of(s, 2, START, lines)
    (fair,) = [r for r in summary(g, "en").splitlines() if r.startswith("Per full post")]
    # p1, p2 (1.0): 2 evenings; p3 (0.8): 2.5; p4 (0.6): 3.3; p5 alone (0.6): 8 evenings
    assert "evenings/nights 2.0-3.3 (D/A), 13.3 (A);" in fair, fair


def test_a_grunnturnus_edited_in_its_assignments_only_is_checked_and_noted(tmp_path, capsys) -> None:
    """Editing the first cycle's assignments (not lines[].weeks) was not seen by the wrap
    check or the roll-out: now both cycles are checked and the difference is named."""
    import json

    g = planned()
    path = g.rota.save(tmp_path / "rota.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    first = g.lines[0]
    # the line's holder works an evening on the cycle's last Sunday and a day shift on its
    # first Monday, in the assignments only
    sunday, monday = START + dt.timedelta(days=7 * WEEKS - 1), START
    data["assignments"] = [a for a in data["assignments"]
                           if not (a["staff"] == first.holder and a["date"] in (sunday.isoformat(),
                                                                               monday.isoformat()))]
    data["assignments"] += [{"date": sunday.isoformat(), "staff": first.holder, "shift": "A"},
                            {"date": monday.isoformat(), "staff": first.holder, "shift": "D"}]
    path.write_text(json.dumps(data), encoding="utf-8")
    src = tmp_path / "unit.toml"
    src.write_text(SCENARIO_TOML, encoding="utf-8")
    assert main(["check", str(src), str(path), "--json"]) == 1
    captured = capsys.readouterr()
    found = json.loads(captured.out)
    assert any(b["rule"] == "rest" and b["staff"] == first.holder for b in found)
    assert "assignments differ from its lines" in captured.err
    assert main(["rollout", str(path), "--from", "2027-07-01", "--to", "2027-07-31", "--scenario",
                 str(src), "--out", str(tmp_path / "roll"), "--lang", "en"]) in (0, 4)
    assert "assignments differ from its lines" in capsys.readouterr().out


def test_a_stage_without_a_bound_is_not_shown_as_a_gap_of_zero() -> None:
    """A stage the time limit stopped before it had a bound printed "(gap 0%)", as if it
    were as good as proven."""
    from roster.cli.commands.grunnturnus import TEXT, _stages

    stages = [{"stage": "hours", "status": "feasible", "gap": None},
              {"stage": "fairness", "status": "feasible", "gap": 0.5}]
    said = _stages({"stages": stages}, TEXT["en"], "en")
    assert "hours (no bound)" in said and "fairness (gap 50%)" in said and "gap 0%" not in said
    assert "ingen grense funnet" in _stages({"stages": stages}, TEXT["nb"], "nb")
