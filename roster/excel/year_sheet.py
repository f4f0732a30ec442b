"""The årsturnus workbook: the year at a glance (``roster arsturnus``).

Sheets (nb / en):

- *Årsoversikt* / *Year*: one row per person; per month three columns, hours owed by
  contract, planned, and plus/minus; then the year's totals, vacation days (virkedager)
  and holiday occasions worked. A month with vacation is shaded green, a plus/minus outside
  the tolerance red. :func:`year_cell` gives the cell of a person's month value.
- *Høytid* / *Holidays*: who works which høytid occasion this year (x), with the weighted
  history the planner shared them by.
- *Ferie* / *Vacation*: every vacation, dates given or placed by the tool.
- *Perioder* / *Periods*: the periods the planner planned (holiday plans and cover weeks).
- one sheet per holiday plan (*Plan jul* ...): people × the plan's dates, the shift codes
  coloured as in the rota workbook, weekends and holidays shaded: the høytidsturnus to
  print.

Written through ``roster.excel.cells`` (text never a formula; saved atomically and
owner-only): the workbook names people and their vacations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from roster.arsturnus.history import OCCASIONS
from roster.arsturnus.report import SERVICE_NB, STATUS_NB
from roster.calendar import days_between
from roster.excel.rota_workbook import shift_colors
from roster.scenario import Scenario

from .cells import (
    BOLD,
    BOX,
    CENTER,
    TITLE,
    fill,
    header_row,
    print_one_page_wide,
    put,
    save_reproducibly,
)

FIRST_ROW = 5  # the first person's row on the year sheet
FIRST_MONTH_COL = 4  # column of January's "owed"
VALUES = ("owed_hours", "planned_hours", "difference")
VACATION_FILL = "D9EAD3"
HOLIDAY_SHADE = "F4CCCC"
WEEKEND_SHADE = "EFEFEF"
WEEKDAYS = {"nb": ("ma", "ti", "on", "to", "fr", "lø", "sø"),
            "en": ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")}
OUTSIDE_FILL = "F4CCCC"
MONTHS = {"nb": ("jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"),
          "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")}
WORDS = {
    "nb": {"year": "Årsoversikt", "holidays": "Høytid", "vacation": "Ferie", "periods": "Perioder",
           "title": "Årsturnus {year}: {unit}", "sub": "Timer skyldig etter stilling, planlagt og "
           "pluss/minus per måned (årsarbeidstid); grønn = ferie i måneden, rød = utenfor ±{tol:g} t",
           "id": "Ansatt", "name": "Navn", "fte": "Stilling", "owed": "Skyldig", "planned": "Planlagt",
           "diff": "±", "y_owed": "Skyldig år", "y_planned": "Planlagt år", "y_diff": "± år",
           "vac_days": "Ferie (virkedager)", "occasions": "Høytider", "christmas": "Jul",
           "vikar": "vikar", "history": "Historikk (vektet)",
           "start": "Fra", "end": "Til", "virkedager": "Virkedager", "placed": "Plassert av verktøyet",
           "yes": "ja", "no": "nei", "note": "Merknad", "period": "Periode", "kind": "Type",
           "service": "Nivå", "status": "Status", "seconds": "Sekunder", "changed": "Endrede celler",
           "holiday": "høytidsplan", "cover": "uke planlagt på nytt", "sum": "Sum",
           "vac_mark": "F"},
    "en": {"year": "Year", "holidays": "Holidays", "vacation": "Vacation", "periods": "Periods",
           "title": "Årsturnus (year plan) {year}: {unit}", "sub": "Hours owed by contract, planned "
           "and plus/minus per month; green = vacation in the month, red = outside ±{tol:g} h",
           "id": "Staff", "name": "Name", "fte": "FTE", "owed": "Owed", "planned": "Planned",
           "diff": "±", "y_owed": "Owed year", "y_planned": "Planned year", "y_diff": "± year",
           "vac_days": "Vacation (virkedager)", "occasions": "Holidays", "christmas": "Christmas",
           "vikar": "temp", "history": "History (weighted)",
           "start": "From", "end": "To", "virkedager": "Virkedager", "placed": "Placed by the tool",
           "yes": "yes", "no": "no", "note": "Note", "period": "Period", "kind": "Kind",
           "service": "Service", "status": "Status", "seconds": "Seconds", "changed": "Cells changed",
           "holiday": "holiday plan", "cover": "week re-planned", "sum": "Total",
           "vac_mark": "V"},
}


def year_cell(person: int, month: int, value: str) -> str:
    """The year sheet's cell of a person's month value: ``person`` 0-based in the staff
    order of ``arsturnus.json`` ``hours``, ``month`` 1-12, ``value`` one of VALUES."""
    col = FIRST_MONTH_COL + 3 * (month - 1) + VALUES.index(value)
    return f"{get_column_letter(col)}{FIRST_ROW + person}"


def year_total_cell(person: int, value: str) -> str:
    """The cell of a person's total for the year (``value`` one of VALUES)."""
    col = FIRST_MONTH_COL + 36 + VALUES.index(value)
    return f"{get_column_letter(col)}{FIRST_ROW + person}"


def write_year_workbook(path: str | Path, report: Mapping, *, lang: str = "nb",
                        scenario: Scenario | None = None,
                        work: Mapping[tuple[str, dt.date], str] | None = None) -> Path:
    """The workbook of an årsturnus from its ``arsturnus.json`` data (``report``); with the
    ``scenario`` (shift colours, calendar) and the year's shifts (``work``: (staff, date) ->
    code), one grid sheet per holiday plan too."""
    w = WORDS[lang]
    wb = Workbook()
    ws = wb.active
    ws.title = w["year"]
    _year_sheet(ws, report, lang)
    _holiday_sheet(wb.create_sheet(w["holidays"]), report, lang)
    _vacation_sheet(wb.create_sheet(w["vacation"]), report, lang)
    _periods_sheet(wb.create_sheet(w["periods"]), report, lang)
    if scenario is not None and work is not None:
        for plan in report.get("holiday_plans") or []:
            ws = wb.create_sheet(plan_sheet_name(plan["name"]))
            _plan_sheet(ws, report, plan, scenario, work, lang)
    return save_reproducibly(wb, path)


def plan_sheet_name(name: str) -> str:
    """The sheet of a holiday plan: "Plan jul" (31 characters at most, none of []:*?/\\)."""
    return ("Plan " + "".join("_" if c in "[]:*?/\\" else c for c in name))[:31]


def _plan_sheet(ws, report: Mapping, plan: Mapping, scenario: Scenario,
                work: Mapping[tuple[str, dt.date], str], lang: str) -> None:
    w = WORDS[lang]
    first, last = dt.date.fromisoformat(plan["start"]), dt.date.fromisoformat(plan["end"])
    days = days_between(first, last, scenario.calendar)
    colors = shift_colors(scenario)
    put(ws, 1, 1, f"{plan['name']}: {first:%d.%m.%Y}–{last:%d.%m.%Y}", font=TITLE)
    put(ws, 3, 1, w["id"], font=BOLD, border=BOX)
    put(ws, 3, 2, w["name"], font=BOLD, border=BOX)
    weekday = WEEKDAYS[lang]
    for j, day in enumerate(days, start=3):
        shade = _shade(day)
        head = put(ws, 2, j, weekday[day.date.weekday()], alignment=CENTER, border=BOX)
        cell = put(ws, 3, j, f"{day.date:%d.%m}", font=BOLD, alignment=CENTER, border=BOX)
        if shade:
            head.fill = cell.fill = fill(shade)
        ws.column_dimensions[get_column_letter(j)].width = 6
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["B"].width = 24
    vacation = {(v["staff"], day.date) for v in report.get("vacations") or [] for day in days
                if v["start"] <= day.date.isoformat() <= v["end"]}
    names = {h["staff"]: h["name"] for h in report.get("hours") or []}
    away = {v["id"] for v in report.get("vikarer") or []
            if v["end"] < plan["start"] or v["start"] > plan["end"]}  # vikarer not there then
    row = 4
    for person in scenario.staff:
        if person.id not in names or person.id in away:
            continue
        put(ws, row, 1, person.id, border=BOX)
        put(ws, row, 2, names[person.id], border=BOX)
        for j, day in enumerate(days, start=3):
            code = work.get((person.id, day.date))
            if code:
                put(ws, row, j, code, border=BOX, alignment=CENTER, fill=fill(colors.get(code, "FFFFFF")))
            elif (person.id, day.date) in vacation:
                put(ws, row, j, w["vac_mark"], border=BOX, alignment=CENTER, fill=fill(VACATION_FILL))
            else:
                cell = put(ws, row, j, "", border=BOX)
                if _shade(day):
                    cell.fill = fill(_shade(day))
        row += 1
    ws.freeze_panes = ws.cell(row=4, column=3)
    ws.print_title_rows = "2:3"
    ws.print_title_cols = "A:B"
    print_one_page_wide(ws)


def _shade(day) -> str | None:
    if day.is_holiday:
        return HOLIDAY_SHADE
    if day.is_weekend:
        return WEEKEND_SHADE
    return None


def _year_sheet(ws, report: Mapping, lang: str) -> None:
    w = WORDS[lang]
    tol = float(report.get("hours_tolerance") or 0)
    put(ws, 1, 1, w["title"].format(year=report["year"], unit=report.get("unit") or ""), font=TITLE)
    put(ws, 2, 1, w["sub"].format(tol=tol))
    for j, head in enumerate((w["id"], w["name"], w["fte"]), start=1):
        put(ws, 4, j, head, font=BOLD, fill=fill("DDEBF7"), border=BOX)
    for m in range(12):
        col = FIRST_MONTH_COL + 3 * m
        put(ws, 3, col, MONTHS[lang][m], font=BOLD, alignment=CENTER, border=BOX)
        ws.merge_cells(start_row=3, start_column=col, end_row=3, end_column=col + 2)
        for k, key in enumerate(("owed", "planned", "diff")):
            put(ws, 4, col + k, w[key], font=BOLD, fill=fill("DDEBF7"), border=BOX, alignment=CENTER)
            ws.column_dimensions[get_column_letter(col + k)].width = 7.5
    tail = FIRST_MONTH_COL + 36
    for k, key in enumerate(("y_owed", "y_planned", "y_diff", "vac_days", "occasions", "christmas")):
        put(ws, 4, tail + k, w[key], font=BOLD, fill=fill("DDEBF7"), border=BOX)
        ws.column_dimensions[get_column_letter(tail + k)].width = 11
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["B"].width = 24
    ws.column_dimensions["C"].width = 8
    holiday = report.get("holiday_work") or {}
    for i, h in enumerate(report.get("hours") or []):
        row = FIRST_ROW + i
        put(ws, row, 1, h["staff"], border=BOX)
        put(ws, row, 2, h["name"] + (f" ({w['vikar']})" if h.get("vikar") else ""), border=BOX)
        put(ws, row, 3, h["fte"], border=BOX, number_format="0%")
        for m, month in enumerate(h["months"][:12]):
            col = FIRST_MONTH_COL + 3 * m
            shade = fill(VACATION_FILL) if month.get("vacation_days") else None
            for k, key in enumerate(VALUES):
                cell = put(ws, row, col + k, month[key], border=BOX, number_format="0.0")
                if shade is not None:
                    cell.fill = shade
        outside = bool(h.get("outside_tolerance"))
        put(ws, row, tail, h["owed_hours"], border=BOX, number_format="0.0")
        put(ws, row, tail + 1, h["planned_hours"], border=BOX, number_format="0.0")
        cell = put(ws, row, tail + 2, h["difference"], border=BOX, number_format="+0.0;-0.0;0.0")
        if outside:
            cell.fill = fill(OUTSIDE_FILL)
        put(ws, row, tail + 3, h.get("vacation_virkedager", 0), border=BOX)
        hw = holiday.get(h["staff"]) or {}
        put(ws, row, tail + 4, hw.get("count", 0), border=BOX)
        put(ws, row, tail + 5, hw.get("christmas", 0), border=BOX)
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=FIRST_MONTH_COL)
    ws.print_title_rows = "3:4"
    ws.print_title_cols = "A:C"
    print_one_page_wide(ws)


def _holiday_sheet(ws, report: Mapping, lang: str) -> None:
    w = WORDS[lang]
    occasions = list(OCCASIONS)
    heads = [w["id"], w["name"]] + [OCCASIONS[o][0 if lang == "nb" else 1] for o in occasions] \
        + [w["sum"], w["history"]]
    header_row(ws, 1, heads, [8, 24] + [14] * len(occasions) + [8, 16], wrap=True)
    names = {h["staff"]: h["name"] for h in report.get("hours") or []}
    weighted = (report.get("history") or {}).get("weighted") or {}
    for i, (sid, hw) in enumerate((report.get("holiday_work") or {}).items(), start=2):
        put(ws, i, 1, sid, border=BOX)
        put(ws, i, 2, names.get(sid, sid), border=BOX)
        worked = {o["occasion"] for o in hw.get("occasions") or []}
        for j, occ in enumerate(occasions, start=3):
            put(ws, i, j, "x" if occ in worked else "", border=BOX, alignment=CENTER)
        put(ws, i, 3 + len(occasions), hw.get("count", 0), border=BOX)
        put(ws, i, 4 + len(occasions), (weighted.get(sid) or {}).get("total", 0), border=BOX)
    print_one_page_wide(ws)


def _date(text: str) -> dt.date | str:
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return text


def _vacation_sheet(ws, report: Mapping, lang: str) -> None:
    w = WORDS[lang]
    header_row(ws, 1, [w["id"], w["start"], w["end"], w["virkedager"], w["placed"], w["note"]],
               [8, 12, 12, 11, 20, 30])
    for i, v in enumerate(report.get("vacations") or [], start=2):
        put(ws, i, 1, v["staff"], border=BOX)
        put(ws, i, 2, _date(v["start"]), border=BOX)
        put(ws, i, 3, _date(v["end"]), border=BOX)
        put(ws, i, 4, v["virkedager"], border=BOX)
        put(ws, i, 5, w["yes"] if v.get("placed") else w["no"], border=BOX)
        put(ws, i, 6, v.get("note") or "", border=BOX)
    print_one_page_wide(ws, "portrait")


def _periods_sheet(ws, report: Mapping, lang: str) -> None:
    w = WORDS[lang]
    header_row(ws, 1, [w["period"], w["kind"], w["start"], w["end"], w["service"], w["status"],
                       w["seconds"], w["changed"]], [16, 14, 12, 12, 10, 12, 10, 14])
    rows = list(report.get("holiday_plans") or []) + list(report.get("cover_weeks") or [])
    for i, p in enumerate(sorted(rows, key=lambda p: p["start"]), start=2):
        service, status = p["service"], p["status"]
        if lang == "nb":
            service, status = SERVICE_NB.get(service, service), STATUS_NB.get(status, status)
        name = p["name"] if lang == "nb" or p["kind"] != "cover" else p["name"].replace("uke", "week")
        for j, value in enumerate((name, w[p["kind"]], _date(p["start"]), _date(p["end"]), service,
                                   status, p["seconds"], p["changed_cells"]), start=1):
            put(ws, i, j, value, border=BOX)
    print_one_page_wide(ws, "portrait")
