"""The rota workbook: the printable turnus grid, coverage, changes, cost, rules, and the round trip."""

import datetime as dt

import openpyxl
import pytest
from builders import DAY, QUIET_RULES, rota_of

from roster.check import check_rota
from roster.cli.main import main
from roster.errors import UserError
from roster.excel.rota_import import read_rota_workbook
from roster.excel.rota_workbook import PALETTE, write_rota_workbook
from roster.excel.toml_write import dumps
from roster.planner import PlanOptions, plan
from roster.rota import Rota
from roster.rota_build import build_rota
from roster.scenario import Wish
from roster.scenario_load import load_scenario

LATE = {"code": "A", "name": "Kveld", "name_en": "Evening", "start": "15:00", "end": "23:00",
        "hours": 7.5, "kind": "evening"}
ALL_DAYS = ["weekday", "saturday", "sunday", "holiday"]
NAMES = ["Kari Nordmann", "=cmd|' /C calc'!A0", "Ingrid Johansen", "Per Olsen"]
# Monday 28 Dec 2026 to Sunday 3 Jan 2027: 1 Jan is a public holiday, 2-3 Jan a weekend
DATES = [dt.date(2026, 12, 28) + dt.timedelta(days=i) for i in range(7)]
FRIDAY_HOLIDAY, SATURDAY = DATES[4], DATES[5]


def col_of(date: dt.date) -> int:
    return 4 + DATES.index(date)  # dates start in column D


def row_of(staff: str) -> int:
    return 4 + int(staff[1:]) - 1  # people start in row 4


@pytest.fixture(scope="module")
def scenario_file(tmp_path_factory):
    data = {
        "scenario": {"name": "Testbolig", "unit": "Testbolig & co"},
        "period": {"start": DATES[0], "end": DATES[-1]},
        "calendar": {"country": "NO"},
        "rules": dict(QUIET_RULES),
        "shifts": [dict(DAY, color="#cfe2f3"), LATE],
        "staff": [{"id": f"p{i + 1}", "name": n, "fte": 1.0} for i, n in enumerate(NAMES)],
        "coverage": [{"shift": "D", "days": ALL_DAYS, "min_staff_if_open": 1, "max_staff": 1},
                     {"shift": "A", "days": ALL_DAYS, "min_staff_if_open": 1, "max_staff": 1}],
        "absences": [{"staff": "p3", "start": DATES[0], "end": DATES[1], "kind": "vacation"},
                     {"staff": "p4", "start": DATES[2], "end": DATES[3], "kind": "sick"}],
    }
    path = tmp_path_factory.mktemp("s") / "testbolig.toml"
    path.write_text(dumps(data), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def scenario(scenario_file):
    return load_scenario(scenario_file)


@pytest.fixture(scope="module")
def solved(scenario):
    rota = plan(scenario, PlanOptions(time_limit=20))
    assert rota.status == "optimal" and rota.errors() == []
    return rota


@pytest.fixture(scope="module")
def book(solved, scenario, tmp_path_factory):
    path = tmp_path_factory.mktemp("x") / "rota.xlsx"
    write_rota_workbook(path, scenario, solved)
    return openpyxl.load_workbook(path)


def rgb(cell) -> str:
    return (cell.fill.fgColor.rgb or "")[-6:].upper() if cell.fill.fill_type == "solid" else ""


def test_turnus_grid_has_one_row_per_person_and_the_shift_codes(book, solved):
    ws = book["Turnus"]
    # no changes, no wishes, no budget; open shifts always (here: none)
    assert book.sheetnames == ["Turnus", "Dekning", "Åpne vakter", "Regelbrudd"]
    assert ws["A3"].value == "Ansatt-ID" and ws["B3"].value == "Navn"
    assert [ws.cell(3, col_of(d)).value.date() for d in DATES] == DATES
    assert [ws.cell(row_of(f"p{i}"), 1).value for i in range(1, 5)] == ["p1", "p2", "p3", "p4"]
    for a in solved.assignments:
        assert ws.cell(row_of(a.staff), col_of(a.date)).value == a.shift


def test_a_name_that_looks_like_a_formula_stays_text(book):
    cell = book["Turnus"]["B5"]
    assert cell.value == NAMES[1] and cell.data_type == "s"


def test_shift_colours_weekends_and_holidays_are_filled(book, solved):
    ws = book["Turnus"]
    assert rgb(ws.cell(3, col_of(SATURDAY))) == "D9D9D9"  # weekend header shaded grey
    assert rgb(ws.cell(3, col_of(FRIDAY_HOLIDAY))) == "FF9F9F"  # 1 Jan, a red day
    assert rgb(ws.cell(3, col_of(DATES[0]))) not in ("D9D9D9", "FF9F9F")  # a Monday is not
    work = solved.by_staff_date()
    empty_weekend = [p for p in ("p1", "p2", "p3", "p4") if (p, SATURDAY) not in work]
    assert empty_weekend and rgb(ws.cell(row_of(empty_weekend[0]), col_of(SATURDAY))) == "D9D9D9"
    a = next(a for a in solved.assignments if a.shift == "D")
    assert rgb(ws.cell(row_of(a.staff), col_of(a.date))) == "CFE2F3"  # the scenario's colour
    a = next(a for a in solved.assignments if a.shift == "A")
    assert rgb(ws.cell(row_of(a.staff), col_of(a.date))) == PALETTE[1].lstrip("#").upper()
    legend = [c.value for c in ws["B"] if isinstance(c.value, str)]
    assert any(v.startswith("Dag 08:00–16:00") for v in legend)
    assert any("Første nyttårsdag 01.01" in v for v in legend)


def test_absences_are_marked_by_kind_and_sick_leave_neutrally(book):
    ws = book["Turnus"]
    assert ws.cell(row_of("p3"), col_of(DATES[0])).value == "ferie"
    assert ws.cell(row_of("p4"), col_of(DATES[2])).value == "fravær"
    words = " ".join(str(c.value).lower() for sheet in book for row in sheet.iter_rows()
                     for c in row if c.value is not None)
    assert "sick" not in words and "syk " not in words and "sykmeld" not in words


def test_totals_give_hours_against_the_band(book, solved, scenario):
    ws = book["Turnus"]
    first_total = 4 + len(DATES)
    assert ws.cell(3, first_total).value == "Timer"
    for p in scenario.staff:
        hours = sum(7.5 for a in solved.assignments if a.staff == p.id)
        assert ws.cell(row_of(p.id), first_total).value == pytest.approx(hours)
        evenings = sum(1 for a in solved.assignments if a.staff == p.id and a.shift == "A")
        assert ws.cell(row_of(p.id), first_total + 3).value == evenings


def test_frozen_headers_and_print_set_up(book):
    ws = book["Turnus"]
    assert ws.freeze_panes == "D4"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$2:$3" and ws.print_title_cols == "$A:$B"
    assert ws.oddHeader.center.text == "Testbolig && co – turnus 28.12.2026–03.01.2027"


def test_coverage_sheet_marks_shortfalls_red(scenario, tmp_path):
    # a day shift nobody works on Monday: a shortfall of 1
    rows = [(f"p{1 + i % 2}", d.isoformat(), "A") for i, d in enumerate(DATES)]
    rows += [("p1" if i % 2 else "p2", d.isoformat(), "D") for i, d in enumerate(DATES) if i]
    rota = build_rota(scenario, rota_of(scenario, rows), status="feasible")
    path = write_rota_workbook(tmp_path / "r.xlsx", scenario, rota)
    ws = openpyxl.load_workbook(path)["Dekning"]
    assert [c.value for c in ws[3]][:3] == ["Dato", "Dag", "Vakt"]
    by_key = {(r[0].value.date(), r[2].value): r for r in ws.iter_rows(min_row=4)}
    short = by_key[(DATES[0], "D")]
    assert short[8].value == 1 and rgb(short[8]) == "FFC7CE" and short[8].font.color.rgb.endswith("9C0006")
    fine = by_key[(DATES[0], "A")]
    assert fine[8].value == 0 and rgb(fine[8]) == ""
    rules = openpyxl.load_workbook(path)["Regelbrudd"]
    listed = [r[1].value for r in rules.iter_rows(min_row=4)]
    assert "bemanning" in listed  # the coverage breach, in Norwegian


def test_open_shifts_and_wishes_sheets_in_both_languages(scenario, tmp_path):
    # Monday's day shift has nobody; p1 wished Monday off (granted) and an evening on
    # Tuesday (not granted: p2 has it), p3 wished a day shift while on vacation (blocked)
    rows = [(f"p{1 + i % 2}", d.isoformat(), "A") for i, d in enumerate(DATES)]
    rows += [("p1" if i % 2 else "p2", d.isoformat(), "D") for i, d in enumerate(DATES) if i]
    wishes = [{"staff": "p1", "date": DATES[0], "kind": "day_off"},
              {"staff": "p1", "date": DATES[1], "kind": "shift", "shift": "A", "weight": 2},
              {"staff": "p3", "date": DATES[0], "kind": "shift", "shift": "D"}]
    wished = scenario.with_changes(wishes=tuple(
        Wish(staff=w["staff"], date=w["date"], kind=w["kind"], shift=w.get("shift"),
             weight=float(w.get("weight", 1))) for w in wishes))
    rota = build_rota(wished, rota_of(wished, rows), status="feasible")
    assert rota.status == "infeasible"  # a base shift short is never feasible
    assert [(w["staff"], w["granted"], w["blocked"]) for w in rota.extra["wishes"]] == [
        ("p1", False, None), ("p1", False, None), ("p3", False, "away")]
    path = write_rota_workbook(tmp_path / "nb.xlsx", wished, rota)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Turnus", "Dekning", "Åpne vakter", "Ønsker", "Regelbrudd"]
    open_rows = [[c.value for c in r] for r in wb["Åpne vakter"].iter_rows(min_row=4)]
    assert [(r[0].date(), r[2], r[8], r[11]) for r in open_rows] == [(DATES[0], "D", "under minimum", 1)]
    assert open_rows[0][13].startswith("0 av 1: ")
    w = [[c.value for c in r][:9] for r in wb["Ønsker"].iter_rows(min_row=4, max_row=6)]
    assert w[0][:8] == ["p1", NAMES[0], dt.datetime(2026, 12, 28), "fri", None, 1, "nei", "A"]
    assert w[2][6:9] == ["nei", "fri", "borte den dagen"]  # never the absence kind
    en = openpyxl.load_workbook(write_rota_workbook(tmp_path / "en.xlsx", wished, rota, lang="en"))
    assert en["Open shifts"]["I4"].value == "below minimum" and en["Wishes"]["G5"].value == "no"


def test_clean_rota_says_so_on_the_rules_sheet(book):
    assert book["Regelbrudd"]["A4"].value == "Ingen regelbrudd: turnusen holder alle regler."


def test_changes_and_cost_sheets_appear_when_there_is_something_to_show(scenario, solved, tmp_path):
    replan = Rota.from_json(solved.to_json())
    replan.extra["changes"] = [{"staff": "p2", "date": DATES[2].isoformat(), "before": "D",
                                "after": None}]
    budget = {"year": 2027, "currency": "NOK", "total": 1250000,
              "lines": [{"key": "wages", "label_nb": "Lønn", "label_en": "Wages",
                         "amount": 1000000, "detail": "6.5 årsverk"},
                        {"key": "=x", "label_nb": "=SUM(A1)", "label_en": "Extra",
                         "amount": 250000, "detail": ""}]}
    path = write_rota_workbook(tmp_path / "r.xlsx", scenario, replan, lang="en", budget=budget)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Turnus", "Coverage", "Changes", "Open shifts", "Cost", "Rules"]
    ch = wb["Changes"]
    assert [c.value for c in ch[4]][:5] == ["p2", NAMES[1], dt.datetime(2026, 12, 30), "D", "off"]
    changed = wb["Turnus"].cell(row_of("p2"), col_of(DATES[2]))
    assert changed.border.left.style == "thick"  # the changed person-day is framed in the grid
    assert wb["Turnus"].cell(row_of("p1"), col_of(DATES[2])).border.left.style == "thin"
    cost = wb["Cost"]
    assert [cost["A4"].value, cost["B4"].value] == ["Wages", 1000000]
    assert cost["A6"].value == "Total" and cost["B6"].value == 1250000
    assert wb["Turnus"]["A3"].value == "Staff id"
    assert wb["Turnus"].cell(row_of("p3"), col_of(DATES[0])).value == "vac"


def test_edit_two_cells_import_and_the_checker_flags_the_breach(scenario_file, scenario, solved,
                                                                 tmp_path):
    rota_json = solved.save(tmp_path / "rota.json")
    xlsx = tmp_path / "rota.xlsx"
    assert main(["export", str(scenario_file), str(rota_json), "--out", str(xlsx)]) == 0
    wb = openpyxl.load_workbook(xlsx)
    ws = wb["Turnus"]
    # p1: late shift to 23:00 on Tuesday, day shift from 08:00 on Wednesday: 9 h rest
    ws.cell(row_of("p1"), col_of(DATES[1])).value = "A"
    ws.cell(row_of("p1"), col_of(DATES[2])).value = "d"  # lower case is read as D
    wb.save(xlsx)
    back = tmp_path / "back.json"
    assert main(["import-rota", str(xlsx), "--scenario", str(scenario_file), "--out", str(back)]) == 0
    edited = Rota.load(back).by_staff_date()
    assert edited[("p1", DATES[1])] == "A" and edited[("p1", DATES[2])] == "D"
    rest = [b for b in check_rota(scenario, Rota.load(back).assignments)
            if b.rule == "rest" and b.staff == "p1"]
    assert rest, "the 9 h rest between the two edited shifts must be flagged"
    assert main(["check", str(scenario_file), str(back)]) == 1


def test_unedited_export_reads_back_the_same_rota(scenario, solved, tmp_path):
    path = write_rota_workbook(tmp_path / "r.xlsx", scenario, solved)
    assert read_rota_workbook(path, scenario) == sorted(solved.assignments)


def test_unknown_code_names_the_cell(scenario, solved, tmp_path):
    path = write_rota_workbook(tmp_path / "r.xlsx", scenario, solved)
    wb = openpyxl.load_workbook(path)
    wb["Turnus"]["E6"] = "X7"
    wb.save(path)
    with pytest.raises(UserError) as info:
        read_rota_workbook(path, scenario)
    assert "sheet 'Turnus', cell E6 (p3, 2026-12-29): unknown shift code 'X7'" in str(info.value)


def test_a_date_typed_the_norwegian_way_is_read_and_an_unreadable_one_named(scenario, solved, tmp_path):
    # a header retyped as 29.12.2026 is that date (it was skipped, with the day's shifts);
    # one that is no date, or a column deleted, is an error naming it: a day's shifts must
    # never vanish without a word
    path = write_rota_workbook(tmp_path / "r.xlsx", scenario, solved)
    wb = openpyxl.load_workbook(path)
    head = wb["Turnus"].cell(3, col_of(DATES[1]))
    head.value = "29.12.2026"
    wb.save(path)
    assert read_rota_workbook(path, scenario) == sorted(solved.assignments)
    head.value = "29.13.2026"
    wb.save(path)
    with pytest.raises(UserError) as info:
        read_rota_workbook(path, scenario)
    text = str(info.value)
    assert f"{head.coordinate}: '29.13.2026' is not a date" in text
    assert "no column for 1 date(s) of the period (2026-12-29)" in text


def test_a_person_without_a_row_is_named_not_taken_as_off_all_period(scenario, solved, tmp_path):
    path = write_rota_workbook(tmp_path / "r.xlsx", scenario, solved)
    wb = openpyxl.load_workbook(path)
    wb["Turnus"].delete_rows(row_of("p4"))
    wb.save(path)
    with pytest.raises(UserError) as info:
        read_rota_workbook(path, scenario)
    assert "no row for p4 (Per Olsen); every person of the scenario needs a row" in str(info.value)


def test_export_never_overwrites_its_inputs_and_rejects_a_bad_budget(scenario_file, solved, tmp_path):
    rota_json = solved.save(tmp_path / "rota.json")
    before = rota_json.read_bytes()
    assert main(["export", str(scenario_file), str(rota_json), "--out", str(rota_json)]) == 1
    assert rota_json.read_bytes() == before
    bad = tmp_path / "budget.json"
    bad.write_text('{"lines": [{"amount": "mye"}]}')
    out = tmp_path / "r.xlsx"
    assert main(["export", str(scenario_file), str(rota_json), "--out", str(out),
                 "--budget", str(bad)]) == 1
    assert not out.exists()


def test_import_rota_gives_clear_errors_for_wrong_files(scenario_file, tmp_path, capsys):
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not a workbook")
    out = tmp_path / "r.json"
    assert main(["import-rota", str(junk), "--scenario", str(scenario_file), "--out", str(out)]) == 1
    assert "not a readable Excel workbook" in capsys.readouterr().err
    other = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(other)
    assert main(["import-rota", str(other), "--scenario", str(scenario_file), "--out", str(out)]) == 1
    assert "no sheet named 'Turnus'" in capsys.readouterr().err
    assert not out.exists()


def test_absences_the_rota_records_are_shown_and_checked(scenario, tmp_path):
    # a re-plan writes new sick leave into its rota, not into the scenario file
    rows = [("p1", DATES[5].isoformat(), "D"), ("p2", DATES[6].isoformat(), "D")]
    rota = build_rota(scenario, rota_of(scenario, rows), status="feasible")
    rota.absences.append({"staff": "p1", "start": DATES[5].isoformat(),
                          "end": DATES[6].isoformat(), "kind": "sick", "percent": 100})
    wb = openpyxl.load_workbook(write_rota_workbook(tmp_path / "r.xlsx", scenario, rota))
    assert wb["Turnus"].cell(row_of("p1"), col_of(DATES[6])).value == "fravær"
    assert wb["Turnus"].cell(row_of("p1"), col_of(DATES[5])).value == "D"
    breaches = [(r[1].value, r[2].value) for r in wb["Regelbrudd"].iter_rows(min_row=4)]
    assert ("fravær", "p1") in breaches  # working while registered absent
