"""The grunnturnus as the turnus grid units print: lines x weeks x weekdays.

Sheets (names in the chosen language):

- *Grunnturnus* / *Base rota*: one row per line (line, holder, name, stillingsprosent), one
  column per day of the cycle, grouped by week (row 2: "Uke 1" ..., row 3: ma ti on ...);
  shift codes coloured by shift type, weekend columns shaded; per line the hours of the
  cycle, the average week, the band for the cycle, evenings/nights and weekends; counts per
  shift and day under the grid; a legend with the shift times; printed landscape, one page
  wide, titles repeated.
- *Regelsjekk* / *Rule check*: what the independent checker found on the cycle repeated
  (week N followed by week 1), or that it found nothing.

Everything shown comes from the grunnturnus's ``rota.json`` (lines, staff rows, the wrap
check); this module only lays it out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

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
from roster.excel.labels import DAY_SHORT
from roster.excel.rota_workbook import SHORT_FILL, SHORT_FONT, WEEKEND_FILL, shift_colors
from roster.grunnturnus import Grunnturnus
from roster.rules.catalogue import label as rule_label
from roster.rules.passive_duty import duty_words
from roster.vocabulary import status_word

FIRST_DAY_COL = 5  # A line, B holder, C name, D stillingsprosent
WEEK_ROW, DAY_ROW = 2, 3
FIRST_LINE_ROW = 4

WORDS: dict[str, dict[str, str]] = {
    "nb": {"sheet": "Grunnturnus", "title": "Grunnturnus", "weeks": "uker fra", "week": "Uke",
           "line": "Linje", "holder": "Ansatt-ID", "name": "Navn", "fte": "Stilling",
           "hours": "Timer per periode", "avg": "Snitt per uke", "band": "Bånd (min–maks)",
           "evenings": "Kveld/natt", "weekends": "Helger", "count": "Antall",
           "legend": "Tegnforklaring", "weekend": "Helg (lørdag og søndag)", "off": "tomt = fri",
           "wrap": "Rullerende: uke {n} følges av uke 1. Regelsjekk av {c} perioder etter "
                   "hverandre: {e} brudd, {w} advarsler (se arket Regelsjekk).",
           "status": "Status", "check": "Regelsjekk",
           "check_title": "Regelsjekk: perioden gjentatt (uke {n} følges av uke 1)",
           "severity": "Alvorlighet", "rule": "Regel", "staff": "Ansatt", "date": "Dato",
           "shift": "Vakt", "detail": "Beskrivelse", "error": "brudd", "warning": "advarsel",
           "none": "Ingen regelbrudd: grunnturnusen holder alle regler, også over overgangen "
                   "fra siste uke til første.",
           "holidays": "Helligdager er ikke med: en rullerende grunnturnus ser bort fra dem "
                       "(høytidsturnus planlegges for seg).",
           "page": "Side &P av &N"},
    "en": {"sheet": "Base rota", "title": "Base rota (grunnturnus)", "weeks": "weeks from",
           "week": "Week", "line": "Line", "holder": "Staff id", "name": "Name", "fte": "FTE",
           "hours": "Hours per cycle", "avg": "Average week", "band": "Band (min–max)",
           "evenings": "Eve./night", "weekends": "Weekends", "count": "Count",
           "legend": "Legend", "weekend": "Weekend (Saturday and Sunday)", "off": "empty = day off",
           "wrap": "Rolling: week {n} is followed by week 1. Rule check of {c} cycles in a row: "
                   "{e} breach(es), {w} warning(s) (see the Rule check sheet).",
           "status": "Status", "check": "Rule check",
           "check_title": "Rule check: the cycle repeated (week {n} followed by week 1)",
           "severity": "Severity", "rule": "Rule", "staff": "Staff", "date": "Date",
           "shift": "Shift", "detail": "Detail", "error": "breach", "warning": "warning",
           "none": "No rule breaches: the base rota keeps every rule, also from the last week "
                   "into the first.",
           "holidays": "Public holidays are not in it: a rolling base rota ignores them (a "
                       "holiday rota is planned separately).",
           "page": "Page &P of &N"},
}


def cell_of(line_index: int, week: int, weekday: int) -> tuple[int, int]:
    """(row, column) of a line's day in the grid: ``line_index`` from 0, ``week`` from 1,
    ``weekday`` 0 = Monday."""
    return FIRST_LINE_ROW + line_index, FIRST_DAY_COL + 7 * (week - 1) + weekday


def _hours(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def _grid_sheet(wb: openpyxl.Workbook, g: Grunnturnus, lang: str) -> None:
    w = WORDS[lang]
    ws = wb.create_sheet(w["sheet"])
    scenario = g.scenario
    colors = shift_colors(scenario)
    lines_json = {row["id"]: row for row in g.rota.extra.get("lines", [])}
    unit = scenario.unit or scenario.name
    title = f"{w['title']} {unit} – {g.weeks} {w['weeks']} {g.start:%d.%m.%Y}"
    if g.status not in ("optimal", "feasible"):
        title += f" ({w['status']}: {status_word(g.status, lang)})"
    put(ws, 1, 1, title, font=TITLE)
    for col, key in ((1, "line"), (2, "holder"), (3, "name"), (4, "fte")):
        put(ws, DAY_ROW, col, w[key], font=BOLD, fill=fill(HEADER_FILL), border=BOX)
        ws.cell(WEEK_ROW, col).fill = fill(HEADER_FILL)
    n_days = 7 * g.weeks
    for week in range(1, g.weeks + 1):
        first = FIRST_DAY_COL + 7 * (week - 1)
        put(ws, WEEK_ROW, first, f"{w['week']} {week}", font=BOLD, fill=fill(HEADER_FILL),
            alignment=CENTER, border=BOX)
        ws.merge_cells(start_row=WEEK_ROW, start_column=first, end_row=WEEK_ROW, end_column=first + 6)
        for k in range(7):
            col = first + k
            put(ws, DAY_ROW, col, DAY_SHORT[lang][k], font=BOLD, alignment=CENTER, border=BOX,
                fill=fill(WEEKEND_FILL if k >= 5 else HEADER_FILL))
            ws.column_dimensions[get_column_letter(col)].width = 4.2
    first_total = FIRST_DAY_COL + n_days
    total_keys = ("hours", "avg", "band", "evenings", "weekends")
    for k, key in enumerate(total_keys):
        col = first_total + k
        put(ws, DAY_ROW, col, w[key], font=BOLD, fill=fill(HEADER_FILL), border=BOX, alignment=WRAP)
        ws.column_dimensions[get_column_letter(col)].width = 13 if key == "band" else 9
    ws.row_dimensions[DAY_ROW].height = 30
    row = FIRST_LINE_ROW
    for i, line in enumerate(g.lines):
        info = lines_json.get(line.id, {})
        put(ws, row, 1, line.id, border=BOX, font=BOLD)
        put(ws, row, 2, line.holder, border=BOX)
        put(ws, row, 3, line.name, border=BOX)
        put(ws, row, 4, line.fte, border=BOX, number_format="0%")
        for week in range(1, g.weeks + 1):
            for k in range(7):
                r, col = cell_of(i, week, k)
                code = line.weeks[week - 1][k]
                if code:
                    put(ws, r, col, code, alignment=CENTER, border=BOX, font=BOLD,
                        fill=fill(colors.get(code, "FFFFFF")))
                else:
                    cell = ws.cell(r, col)
                    cell.border = BOX
                    if k >= 5:
                        cell.fill = fill(WEEKEND_FILL)
        lo, hi = (info.get("band_hours") or [None, None])[:2]
        band = f"{_hours(round(lo, 1))}–{_hours(round(hi, 1))}" if lo is not None and hi is not None else ""
        hours = info.get("hours_per_cycle")
        values: list[Any] = [hours, info.get("average_weekly_hours"), band, info.get("evenings"),
                             info.get("weekends")]
        for k, value in enumerate(values):
            put(ws, row, first_total + k, value, border=BOX, alignment=CENTER)
        if hours is not None and lo is not None and hi is not None and not lo - 1e-6 <= hours <= hi + 1e-6:
            ws.cell(row, first_total).font = SHORT_FONT
            ws.cell(row, first_total).fill = fill(SHORT_FILL)
        row += 1
    last_line_row = row - 1
    row += 1
    for s in scenario.shifts:
        put(ws, row, 3, f"{w['count']} {s.code}", font=BOLD, fill=fill(colors[s.code]))
        for d in range(n_days):
            n = sum(1 for line in g.lines if line.shift_on(d) == s.code)
            if n:
                put(ws, row, FIRST_DAY_COL + d, n, alignment=CENTER, font=Font(size=8))
        row += 1
    row += 1
    wrap = g.rota.extra.get("wraparound", {})
    put(ws, row, 1, w["wrap"].format(n=g.weeks, c=wrap.get("cycles", 3), e=wrap.get("errors", 0),
                                     w=wrap.get("warnings", 0)), font=Font(italic=True))
    put(ws, row + 1, 1, w["holidays"], font=Font(italic=True, color="808080"))
    row += 3
    put(ws, row, 1, w["legend"], font=BOLD)
    row += 1
    for s in scenario.shifts:
        put(ws, row, 1, s.code, fill=fill(colors[s.code]), alignment=CENTER, font=BOLD, border=BOX)
        times = ""
        if s.has_times:
            times = f" {s.start // 60 % 24:02d}:{s.start % 60:02d}–{s.end // 60 % 24:02d}:{s.end % 60:02d}"  # type: ignore[operator]
        duty = duty_words(s)  # passive duty: what it counts, and how
        counts = duty.render(lang) if duty else f"{_hours(round(s.paid_hours, 2))} t"
        put(ws, row, 2, f"{s.name(lang)}{times} ({counts})")
        row += 1
    put(ws, row, 1, "", fill=fill(WEEKEND_FILL), border=BOX)
    put(ws, row, 2, w["weekend"])
    put(ws, row + 1, 2, w["off"])
    # print set-up
    ws.freeze_panes = ws.cell(FIRST_LINE_ROW, FIRST_DAY_COL).coordinate
    ws.column_dimensions["A"].width = 7
    ws.column_dimensions["B"].width = 9
    ws.column_dimensions["C"].width = 20
    ws.column_dimensions["D"].width = 8
    print_one_page_wide(ws)
    ws.print_title_rows = f"{WEEK_ROW}:{DAY_ROW}"
    ws.print_title_cols = "A:C"
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.8
    ws.oddHeader.center.text = safe_text(f"{unit} – {w['title'].lower()} {g.weeks} "
                                         f"{w['weeks']} {g.start:%d.%m.%Y}").replace("&", "&&")
    ws.oddFooter.right.text = w["page"]
    last_col = get_column_letter(first_total + len(total_keys) - 1)
    ws.print_area = f"A1:{last_col}{max(ws.max_row, last_line_row)}"


def _check_sheet(wb: openpyxl.Workbook, g: Grunnturnus, lang: str) -> None:
    w = WORDS[lang]
    ws = wb.create_sheet(w["check"])
    names = {p.id: p.name for p in g.scenario.staff}
    put(ws, 1, 1, w["check_title"].format(n=g.weeks), font=TITLE)
    heads = [w[k] for k in ("severity", "rule", "staff", "name", "date", "shift", "detail")]
    header_row(ws, 3, heads, [11, 18, 10, 20, 12, 7, 80])
    row = 4
    if not g.wrap_breaches:
        put(ws, row, 1, w["none"], font=Font(bold=True, color="006100"))
    for b in g.wrap_breaches:
        staff = b.staff or ""
        values = [w.get(b.severity, b.severity), rule_label(b.rule, lang), staff, names.get(staff, ""),
                  b.date or b.data.get("start") or "", b.shift or "", b.detail(lang)]
        for j, value in enumerate(values, start=1):
            put(ws, row, j, value, border=BOX, alignment=WRAP if j == 7 else None,
                fill=fill(SHORT_FILL if b.is_error else "FFEB9C"))
        row += 1
    print_one_page_wide(ws, "portrait", a4=False)


def write_turnus_grid(path: str | Path, g: Grunnturnus, *, lang: str = "nb") -> Path:
    """Write the grunnturnus workbook; returns the path written."""
    if lang not in WORDS:
        raise ValueError(f"language {lang!r}: expected one of {', '.join(WORDS)}")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _grid_sheet(wb, g, lang)
    _check_sheet(wb, g, lang)
    wb.active = 0
    return save_reproducibly(wb, path)
