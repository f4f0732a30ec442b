"""The rota workbook unit leaders print: the turnus grid plus coverage, changes, cost, rules.

Sheets (names in the chosen language):
- *Turnus*: one row per person, one column per date; shift codes coloured by shift type
  (the scenario's ``color``, else a palette) with a legend; weekend and holiday columns
  shaded; absences marked by kind (neutral "fravær" for sick leave and other absence);
  totals per person (hours against the contract band, evenings/nights, weekends,
  holidays); frozen headers; printed landscape, one page wide, titles repeated.
- *Dekning / Coverage*: required, assigned and opened per date and shift, shortfalls red.
- *Endringer / Changes*: only for a re-plan (``rota.extra["changes"]``).
- *Åpne vakter / Open shifts*: every shift still short, with the reason, from
  ``coverage.open_shifts.open_shifts`` (or "none").
- *Ønsker / Wishes*: only when the scenario has wishes: each wish granted or not, from
  ``roster.wishes_report.wish_outcomes``, and a count per person.
- *Kostnad / Cost*: only when a budget file is given.
- *Regelbrudd / Rules*: every breach ``roster.check.check_rota`` finds (or "none").

Totals, coverage and breaches are computed by the rota engine (``rota_build``, ``check``)
from the rota's assignments; this module only lays them out.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from coverage.open_shifts import KIND_WORDS as OPEN_KIND_WORDS
from coverage.open_shifts import open_shifts
from coverage.open_shifts import rows as open_shift_rows
from roster.calendar import Day, days_between
from roster.check import check_rota
from roster.excel.cells import (
    BOLD,
    BOX,
    CENTER,
    HEADER_FILL,
    TITLE,
    WRAP,
    fill,
    header_row,
    print_one_page_wide,
    put,
    safe_text,
    save_reproducibly,
)
from roster.excel.labels import (
    ABSENCE_LEGEND,
    ABSENCE_MARKS,
    DAY_SHORT,
    OPEN_SHIFT_HEADS,
    WORDS,
)
from roster.grid import absence_code
from roster.rota import Rota
from roster.rota_build import coverage_rows, staff_rows
from roster.rules.breach import Breach
from roster.rules.catalogue import label as rule_label
from roster.rules.passive_duty import duty_words
from roster.scenario import Absence, Scenario
from roster.slots import SlotTable
from roster.vocabulary import status_word
from roster.wishes_report import BLOCKED_WORDS, KIND_WORDS, per_person, wish_outcomes

PALETTE = ("#cfe2f3", "#f9cb9c", "#b6d7a8", "#ea9999", "#d9d2e9", "#ffe599", "#a2c4c9",
           "#d5a6bd", "#b4a7d6", "#c9daf8", "#fce5cd", "#d9ead3")
WEEKEND_FILL = "D9D9D9"
HOLIDAY_FILL = "FF9F9F"  # "red days", as in Norwegian calendars
ABSENCE_FILL = "EDE7F6"
SHORT_FILL = "FFC7CE"
SHORT_FONT = Font(bold=True, color="9C0006")
WARN_FILL = "FFEB9C"
THICK_RED = Side(style="thick", color="C00000")
CHANGED_BOX = Border(left=THICK_RED, right=THICK_RED, top=THICK_RED, bottom=THICK_RED)
FIRST_DATE_COL = 4  # A id, B name, C stillingsprosent
HEADER_ROW = 3  # row 2: weekday, row 3: date; people from row 4


def shift_colors(scenario: Scenario) -> dict[str, str]:
    """Each shift code's fill: its own colour from the scenario, else the next palette colour."""
    return {s.code: (s.color or PALETTE[i % len(PALETTE)]) for i, s in enumerate(scenario.shifts)}


def _period(start: dt.date, end: dt.date) -> str:
    return f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"


def _hours(minutes_or_hours: float) -> str:
    return f"{minutes_or_hours:g}".replace(".", ",")


def _clock(minutes: int | None) -> str:
    return "" if minutes is None else f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def _day_fill(day: Day) -> str | None:
    if day.is_holiday:
        return HOLIDAY_FILL
    if day.is_weekend:
        return WEEKEND_FILL
    return None


# --------------------------------------------------------------------------------------
# Turnus sheet


def _turnus_sheet(wb: openpyxl.Workbook, scenario: Scenario, rota: Rota, lang: str) -> None:
    w = WORDS[lang]
    ws = wb.create_sheet(w["turnus"])
    days = days_between(rota.start, rota.end, scenario.calendar)
    colors = shift_colors(scenario)
    table = SlotTable(scenario)
    totals = {row["id"]: row for row in staff_rows(scenario, table, rota.assignments)}
    work = rota.by_staff_date()
    marks = ABSENCE_MARKS[lang]
    changed = _changed_cells(rota)
    unit = scenario.unit or scenario.name
    last_date_col = FIRST_DATE_COL + len(days) - 1

    title = f"{w['title']} {unit} – {_period(rota.start, rota.end)}"
    if rota.status not in ("optimal", "feasible"):
        title += f" ({w['status']}: {status_word(rota.status, lang)})"
    put(ws, 1, 1, title, font=TITLE)
    for col, key in ((1, "id"), (2, "name"), (3, "fte")):
        put(ws, HEADER_ROW, col, w[key], font=BOLD, fill=fill(HEADER_FILL), border=BOX)
        ws.cell(2, col).fill = fill(HEADER_FILL)
    for j, day in enumerate(days):
        col = FIRST_DATE_COL + j
        shade = fill(_day_fill(day) or HEADER_FILL)
        label = DAY_SHORT[lang][day.date.weekday()]
        if day.date.weekday() == 0 or j == 0:
            label = f"{label} {w['week']} {day.date.isocalendar()[1]}"
        put(ws, 2, col, label, fill=shade, alignment=CENTER, font=Font(size=8, bold=True))
        put(ws, HEADER_ROW, col, day.date, fill=shade, alignment=CENTER, border=BOX, font=BOLD)
        ws.cell(HEADER_ROW, col).number_format = "dd.mm"
        ws.column_dimensions[get_column_letter(col)].width = 6.2
    total_keys = ("hours", "target", "band", "evenings", "weekend_days", "weekends", "holidays")
    first_total = last_date_col + 1
    put(ws, 2, first_total, w["totals"], font=BOLD, fill=fill(HEADER_FILL))
    for k, key in enumerate(total_keys):
        col = first_total + k
        put(ws, HEADER_ROW, col, w[key], font=BOLD, fill=fill(HEADER_FILL), border=BOX,
            alignment=WRAP)
        ws.column_dimensions[get_column_letter(col)].width = 13 if key == "band" else 11
    ws.row_dimensions[HEADER_ROW].height = 30

    row = HEADER_ROW + 1
    for p in scenario.staff:
        put(ws, row, 1, p.id, border=BOX)
        put(ws, row, 2, p.name, border=BOX)
        put(ws, row, 3, p.fte, border=BOX, number_format="0%")
        for j, day in enumerate(days):
            col = FIRST_DATE_COL + j
            code = work.get((p.id, day.date))
            if code is not None:
                cell = put(ws, row, col, code, alignment=CENTER, border=BOX, font=BOLD)
                if code in colors:
                    cell.fill = fill(colors[code])
                continue
            kind = absence_code(rota, p.id, day.date) or _scenario_absence(scenario, p.id, day.date)
            if kind:
                put(ws, row, col, marks.get(kind, marks["other"]), alignment=CENTER, border=BOX,
                    fill=fill(ABSENCE_FILL), font=Font(italic=True, size=8, color="5F497A"))
            else:
                cell = ws.cell(row, col)
                cell.border = BOX
                shade = _day_fill(day)
                if shade:
                    cell.fill = fill(shade)
        for j, day in enumerate(days):
            if (p.id, day.date) in changed:
                ws.cell(row, FIRST_DATE_COL + j).border = CHANGED_BOX
        t = totals[p.id]
        band = f"{_hours(round(t['min_hours'], 1))}–{_hours(round(t['max_hours'], 1))}"
        values: list[Any] = [round(t["planned_hours"], 2), round(t["target_hours"], 1), band,
                             t["evenings"],
                             t["weekend_days"], t["weekends"], t["holidays"]]
        for k, value in enumerate(values):
            cell = put(ws, row, first_total + k, value, border=BOX, alignment=CENTER)
        if not t["min_hours"] - 1e-6 <= t["planned_hours"] <= t["max_hours"] + 1e-6:
            hours_cell = ws.cell(row, first_total)
            hours_cell.font = SHORT_FONT
            hours_cell.fill = fill(SHORT_FILL)
        row += 1
    last_person_row = row - 1

    # counts per shift and date, under the grid (not read back by import-rota)
    row += 1
    for s in scenario.shifts:
        put(ws, row, 2, f"{w['count']} {s.code}", font=BOLD, fill=fill(colors[s.code]))
        for j, day in enumerate(days):
            n = sum(1 for p in scenario.staff if work.get((p.id, day.date)) == s.code)
            if n:
                put(ws, row, FIRST_DATE_COL + j, n, alignment=CENTER, font=Font(size=8))
        row += 1

    row = _legend(ws, row + 1, scenario, days, colors, lang, bool(changed))
    _turnus_print(ws, scenario, rota, lang, last_person_row, first_total + len(total_keys) - 1)


def _scenario_absence(scenario: Scenario, staff: str, date: dt.date) -> str | None:
    for a in scenario.absences:
        if a.staff == staff and a.covers(date) and a.percent >= 100:
            return a.kind
    return None


def _changed_cells(rota: Rota) -> dict[tuple[str, dt.date], str | None]:
    """(staff, date) -> the shift before, for a re-plan's changed person-days."""
    out: dict[tuple[str, dt.date], str | None] = {}
    changes = rota.extra.get("changes")
    for ch in changes if isinstance(changes, list) else []:
        try:
            out[(str(ch["staff"]), dt.date.fromisoformat(str(ch["date"])))] = ch.get("before")
        except (KeyError, TypeError, ValueError):
            continue
    return out


def _legend(ws: Worksheet, row: int, scenario: Scenario, days: list[Day], colors: dict[str, str],
            lang: str, changed: bool = False) -> int:
    w = WORDS[lang]
    put(ws, row, 1, w["legend"], font=BOLD)
    row += 1
    for s in scenario.shifts:
        put(ws, row, 1, s.code, fill=fill(colors[s.code]), alignment=CENTER, font=BOLD, border=BOX)
        times = f" {_clock(s.start)}–{_clock(s.end)}" if s.has_times else ""
        duty = duty_words(s)  # passive duty: what it counts, and how
        counts = duty.render(lang) if duty else f"{_hours(round(s.paid_hours, 2))} t"
        put(ws, row, 2, f"{s.name(lang)}{times} ({counts})")
        row += 1
    put(ws, row, 1, "", fill=fill(WEEKEND_FILL), border=BOX)
    put(ws, row, 2, w["weekend"])
    row += 1
    holidays = [d for d in days if d.is_holiday]
    put(ws, row, 1, "", fill=fill(HOLIDAY_FILL), border=BOX)
    names = ", ".join(f"{d.holiday_name} {d.date:%d.%m}" for d in holidays)
    put(ws, row, 2, f"{w['holiday']}{': ' + names if names else ''}")
    row += 1
    for mark, meaning in ABSENCE_LEGEND[lang].items():
        put(ws, row, 1, mark, fill=fill(ABSENCE_FILL), alignment=CENTER, border=BOX,
            font=Font(italic=True, size=8, color="5F497A"))
        put(ws, row, 2, f"{w['absence']}: {meaning}")
        row += 1
    if changed:
        put(ws, row, 1, "", border=CHANGED_BOX)
        put(ws, row, 2, w["changed_legend"])
        row += 1
    put(ws, row, 2, w["off"])
    put(ws, row + 2, 1, w["edit_note"], font=Font(italic=True, color="808080"))
    return row + 3


def _turnus_print(ws: Worksheet, scenario: Scenario, rota: Rota, lang: str, last_row: int,
                  last_col: int) -> None:
    w = WORDS[lang]
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, FIRST_DATE_COL).coordinate  # "D4"
    ws.column_dimensions["A"].width = 9
    ws.column_dimensions["B"].width = 22
    ws.column_dimensions["C"].width = 8
    print_one_page_wide(ws)
    ws.print_title_rows = f"2:{HEADER_ROW}"
    ws.print_title_cols = "A:B"
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.8
    ws.page_margins.header = ws.page_margins.footer = 0.3
    unit = safe_text(scenario.unit or scenario.name).replace("&", "&&")
    ws.oddHeader.center.text = f"{unit} – {w['title'].lower()} {_period(rota.start, rota.end)}"
    ws.oddHeader.center.size = 12
    ws.oddHeader.center.font = "Calibri,Bold"
    ws.oddFooter.right.text = w["page"]
    ws.print_area = f"A1:{get_column_letter(last_col)}{ws.max_row}"


# --------------------------------------------------------------------------------------
# Coverage, changes, cost, rules


def _table_header(ws: Worksheet, row: int, heads: list[str], widths: list[float]) -> None:
    header_row(ws, row, heads, widths, wrap=True)
    ws.freeze_panes = ws.cell(row + 1, 1).coordinate


def _portrait(ws: Worksheet, header: str) -> None:
    print_one_page_wide(ws, "portrait")
    ws.oddHeader.center.text = safe_text(header).replace("&", "&&")


def _coverage_sheet(wb: openpyxl.Workbook, scenario: Scenario, rota: Rota, lang: str) -> None:
    w = WORDS[lang]
    ws = wb.create_sheet(w["coverage"])
    put(ws, 1, 1, f"{w['coverage_title']} – {scenario.unit or scenario.name}", font=TITLE)
    put(ws, 2, 1, w["shortfall_note"], font=Font(italic=True, color="9C0006"))
    heads = [w[k] for k in ("date", "day", "shift", "priority", "min", "required", "assigned",
                            "opened", "shortfall")]
    _table_header(ws, 3, heads, [12, 6, 8, 16, 9, 9, 9, 8, 9])
    table = SlotTable(scenario)
    row = 4
    for c in coverage_rows(table, rota.assignments):
        date = dt.date.fromisoformat(c["date"])
        short = max(0, c["required"] - c["assigned"])
        values = [date, DAY_SHORT[lang][date.weekday()], c["shift"],
                  w.get(f"priority_{c['priority']}", c["priority"]), c["min"], c["required"],
                  c["assigned"], w["yes"] if c["open"] else w["no"], short]
        for j, value in enumerate(values, start=1):
            cell = put(ws, row, j, value, border=BOX)
            if short:
                cell.fill = fill(SHORT_FILL)
                cell.font = SHORT_FONT
            elif not c["open"]:
                cell.font = Font(italic=True, color="808080")
        row += 1
    ws.auto_filter.ref = f"A3:I{max(row - 1, 3)}"
    ws.print_title_rows = "3:3"
    _portrait(ws, f"{scenario.unit or scenario.name} – {w['coverage'].lower()} "
                  f"{_period(rota.start, rota.end)}")


def _changes_sheet(wb: openpyxl.Workbook, scenario: Scenario, changes: list[dict], lang: str) -> None:
    w = WORDS[lang]
    ws = wb.create_sheet(w["changes"])
    names = {p.id: p.name for p in scenario.staff}
    put(ws, 1, 1, w["changes_title"], font=TITLE)
    _table_header(ws, 3, [w["id"], w["name"], w["date"], w["before"], w["after"]], [10, 22, 12, 9, 9])
    row = 4
    for ch in changes:
        staff = str(ch.get("staff", ""))
        date: Any = ch.get("date", "")
        try:
            date = dt.date.fromisoformat(str(date))
        except ValueError:
            date = str(date)
        values = [staff, names.get(staff, ""), date, ch.get("before") or w["day_off"],
                  ch.get("after") or w["day_off"]]
        for j, value in enumerate(values, start=1):
            put(ws, row, j, value if not isinstance(value, (list, dict)) else str(value), border=BOX)
        row += 1
    if not changes:
        put(ws, row, 1, w["changes_none"])
    _portrait(ws, w["changes_title"])


def _cost_sheet(wb: openpyxl.Workbook, budget: dict, lang: str) -> None:
    w = WORDS[lang]
    ws = wb.create_sheet(w["cost"])
    currency = str(budget.get("currency", "NOK"))
    put(ws, 1, 1, f"{w['cost_title']} {budget.get('year', '')} ({currency})".strip(), font=TITLE)
    _table_header(ws, 3, [w["item"], f"{w['amount']} ({currency})", w["detail"]], [34, 16, 60])
    row = 4
    for line in budget.get("lines", []):
        label = line.get(f"label_{lang}") or line.get("label_nb") or line.get("key", "")
        put(ws, row, 1, str(label), border=BOX)
        put(ws, row, 2, line.get("amount"), border=BOX, number_format="#,##0")
        put(ws, row, 3, str(line.get("detail", "") or ""), border=BOX, alignment=WRAP)
        row += 1
    if budget.get("total") is not None:
        put(ws, row, 1, w["total"], font=BOLD, border=BOX)
        put(ws, row, 2, budget["total"], font=BOLD, border=BOX, number_format="#,##0")
    _portrait(ws, f"{w['cost_title']} {budget.get('year', '')}")


def _open_shifts_sheet(wb: openpyxl.Workbook, scenario: Scenario, rota: Rota, lang: str,
                       history: dict | None) -> None:
    w = WORDS[lang]
    ws = wb.create_sheet(w["open_shifts"])
    put(ws, 1, 1, f"{w['open_title']} – {scenario.unit or scenario.name}", font=TITLE)
    put(ws, 2, 1, w["open_note"], font=Font(italic=True, color="808080"))
    widths = [11, 10, 6, 14, 7, 7, 7, 14, 16, 9, 9, 9, 14, 90, 28]
    _table_header(ws, 3, list(OPEN_SHIFT_HEADS[lang]), widths)
    table = open_shift_rows(open_shifts(scenario, rota, history=history), scenario, lang)[1:]
    row = 4
    if not table:
        put(ws, row, 1, w["open_none"], font=Font(bold=True, color="006100"))
    for values in table:
        date = dt.date.fromisoformat(values[0])
        closed = values[8] in OPEN_KIND_WORDS["closed"]
        for j, value in enumerate([date, *values[1:]], start=1):
            cell = put(ws, row, j, value, border=BOX, alignment=WRAP if j == 14 else None,
                       fill=fill(WARN_FILL if closed else SHORT_FILL))
            if j == 12 and not closed:
                cell.font = SHORT_FONT
        row += 1
    ws.auto_filter.ref = f"A3:O{max(row - 1, 3)}"
    ws.print_title_rows = "3:3"
    _portrait(ws, f"{scenario.unit or scenario.name} – {w['open_shifts'].lower()} "
                  f"{_period(rota.start, rota.end)}")
    ws.page_setup.orientation = "landscape"


def _wishes_sheet(wb: openpyxl.Workbook, scenario: Scenario, rota: Rota, lang: str) -> None:
    outcomes = wish_outcomes(scenario, rota)
    if not outcomes:
        return
    w = WORDS[lang]
    ws = wb.create_sheet(w["wishes"])
    put(ws, 1, 1, f"{w['wishes_title']} – {scenario.unit or scenario.name}", font=TITLE)
    heads = [w["id"], w["name"], w["date"], w["wish"], w["shift"], w["weight"], w["granted"],
             w["has"], w["note"]]
    _table_header(ws, 3, heads, [10, 22, 12, 18, 7, 7, 10, 8, 30])
    row = 4
    for o in outcomes:
        values: list[Any] = [o.staff, o.name, o.date, KIND_WORDS[o.kind].render(lang), o.shift or "",
                             o.weight, w["yes"] if o.granted else w["no"], o.worked or w["day_off"],
                             BLOCKED_WORDS[o.blocked].render(lang) if o.blocked else ""]
        for j, value in enumerate(values, start=1):
            cell = put(ws, row, j, value, border=BOX)
            if not o.granted:
                cell.fill = fill(WARN_FILL)
        row += 1
    ws.auto_filter.ref = f"A3:I{row - 1}"
    row += 1
    put(ws, row, 1, w["wishes_per_person"], font=BOLD)
    row += 1
    header_row(ws, row, [w["id"], w["name"], w["wishes_count"], w["granted_count"], w["weight"],
                         w["weight_granted"]])
    for r in per_person(outcomes):
        row += 1
        for j, value in enumerate([r["staff"], r["name"], r["wishes"], r["granted"], r["weight"],
                                   r["weight_granted"]], start=1):
            put(ws, row, j, value, border=BOX)
    ws.print_title_rows = "3:3"
    _portrait(ws, f"{w['wishes_title']} {_period(rota.start, rota.end)}")


def _rules_sheet(wb: openpyxl.Workbook, scenario: Scenario, breaches: list[Breach], lang: str) -> None:
    w = WORDS[lang]
    ws = wb.create_sheet(w["rules"])
    names = {p.id: p.name for p in scenario.staff}
    put(ws, 1, 1, w["rules_title"], font=TITLE)
    _table_header(ws, 3, [w["severity"], w["rule"], w["id"], w["name"], w["date"], w["shift"],
                          w["detail"]], [11, 18, 10, 20, 12, 7, 80])
    row = 4
    if not breaches:
        put(ws, row, 1, w["no_breaches"], font=Font(bold=True, color="006100"))
    for b in breaches:
        staff = b.staff or ""
        values = [w.get(b.severity, b.severity), rule_label(b.rule, lang), staff, names.get(staff, ""),
                  b.date or b.data.get("start") or "", b.shift or "", b.detail(lang)]
        shade = fill(SHORT_FILL if b.is_error else WARN_FILL)
        for j, value in enumerate(values, start=1):
            put(ws, row, j, value, border=BOX, fill=shade, alignment=WRAP if j == 7 else None)
        row += 1
    _portrait(ws, w["rules_title"])


# --------------------------------------------------------------------------------------


def with_rota_absences(scenario: Scenario, rota: Rota) -> Scenario:
    """The scenario plus absences the rota records but the scenario file lacks (a re-plan
    adds the new sick leave to its rota, not to the scenario file)."""
    known = {(a.staff, a.start, a.end) for a in scenario.absences}
    ids = set(scenario.staff_ids)
    more = []
    for row in rota.absences:
        try:
            a = Absence(staff=str(row["staff"]), start=dt.date.fromisoformat(row["start"]),
                        end=dt.date.fromisoformat(row["end"]), kind=str(row.get("kind", "other")),
                        percent=int(row.get("percent", 100)))
        except (KeyError, TypeError, ValueError):
            continue  # a malformed row: the rota file's own reader is the place to complain
        if a.staff in ids and (a.staff, a.start, a.end) not in known:
            more.append(a)
            known.add((a.staff, a.start, a.end))
    return scenario.with_changes(absences=scenario.absences + tuple(more)) if more else scenario


def write_rota_workbook(path: str | Path, scenario: Scenario, rota: Rota, *, lang: str = "nb",
                        budget: dict | None = None, history: dict | None = None) -> Path:
    """Write the rota workbook; returns the path written."""
    if lang not in WORDS:
        raise ValueError(f"language {lang!r}: expected one of {', '.join(WORDS)}")
    scenario = with_rota_absences(scenario, rota)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _turnus_sheet(wb, scenario, rota, lang)
    _coverage_sheet(wb, scenario, rota, lang)
    changes = rota.extra.get("changes")
    if isinstance(changes, list):
        _changes_sheet(wb, scenario, [c for c in changes if isinstance(c, dict)], lang)
    _open_shifts_sheet(wb, scenario, rota, lang, history)
    _wishes_sheet(wb, scenario, rota, lang)
    if budget is not None:
        _cost_sheet(wb, budget, lang)
    _rules_sheet(wb, scenario, check_rota(scenario, rota.assignments, history), lang)
    wb.active = 0
    return save_reproducibly(wb, path)


def _is_number(value: Any) -> bool:
    """A finite int or float (JSON's NaN and Infinity are not amounts)."""
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and math.isfinite(value))


def load_budget(path: str | Path) -> dict:
    """Read a budget file (from ``roster staffing``): {year, currency, lines[], total}."""
    import json

    from roster.errors import UserError
    from roster.safe_io import os_reason

    path = Path(path)
    if path.exists() and not path.is_file():  # a folder, or a pipe that would hang the read
        raise UserError(f"{path}: not a regular file; give the path of a budget .json file",
                        nb=f"{path}: ikke en vanlig fil; oppgi stien til en budsjettfil (.json)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"{path}: file not found", nb=f"{path}: filen finnes ikke") from None
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise UserError(f"{path}: not valid JSON ({exc})", nb=f"{path}: ikke gyldig JSON") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read the file ({exc.strerror or type(exc).__name__})",
                        nb=f"{path}: kan ikke lese filen ({os_reason(exc, 'nb')})") from None
    shape = "({year, currency, lines: [{key, label_nb, label_en, amount, detail}], total})"
    if not isinstance(data, dict) or not isinstance(data.get("lines"), list):
        raise UserError(f"{path}: expected an object with a \"lines\" list {shape}",
                        nb=f"{path}: forventet et objekt med en liste \"lines\" {shape}")
    for i, line in enumerate(data["lines"]):
        if not isinstance(line, dict):
            raise UserError(f"{path}: lines[{i}]: expected an object",
                            nb=f"{path}: lines[{i}]: forventet et objekt")
        amount = line.get("amount")
        if not _is_number(amount):
            raise UserError(f"{path}: lines[{i}].amount: expected a number, got {amount!r}",
                            nb=f"{path}: lines[{i}].amount: forventet et tall, fikk {amount!r}")
    total = data.get("total")
    if total is not None and not _is_number(total):
        raise UserError(f"{path}: total: expected a number, got {total!r}",
                        nb=f"{path}: total: forventet et tall, fikk {total!r}")
    return data
