"""The sector workbook of ``roster portfolio``: one row per unit, totals, charts.

Sheets (names in the chosen language, ``nb`` or ``en``):

- *Sektor* / *Sector*: one row per unit (unit, source, staff, årsverk today, årsverk
  needed by the arithmetic, årsverk proven by the optimiser and its step, whether one step
  below was shown to fail, the service level today's staffing holds, N-1 robustness, the
  simulated chance an opened service shift keeps its minimum, simulated vikar hours,
  budget in NOK and its basis), a totals row, and two bar charts: årsverk (today, needed,
  proven) and budget per unit;
- *Forutsetninger* / *Assumptions*: the settings of the run;
- *Feil* / *Errors*: units that failed, with the message (only when there are any).

The input is the JSON summary (``coverage.portfolio.PortfolioResult.to_json()``), so the
workbook can be written again from ``portfolio.json``. Numbers are values, not formulas;
text goes through ``cells.put`` (never a formula). Saved reproducibly and owner-only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.chart import BarChart, Reference
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from roster.excel.cells import (
    BOLD,
    BOX,
    TITLE,
    WRAP,
    fill,
    header_row,
    print_one_page_wide,
    put,
    save_reproducibly,
)

LANGS = ("nb", "en")
TOTAL_FILL = "F2F2F2"
ERROR_FILL = "FCE4D6"

WORDS: dict[str, dict[str, str]] = {
    "nb": {
        "sector": "Sektor", "assumptions": "Forutsetninger", "errors": "Feil",
        "title": "Budsjettrunde for sektoren", "unit": "Enhet", "source": "Kilde",
        "staff": "Ansatte", "arsverk_now": "Årsverk i dag",
        "arsverk_needed": "Årsverk behov (beregnet)", "arsverk_proven": "Årsverk bevist (optimering)",
        "step": "Steg", "proven": "Ett steg under holder ikke",
        "service_level": "Tjenestenivå dagens bemanning holder",
        "robustness_n1": "Robusthet N-1", "p_service": "P(åpnet vakt holder minimum)",
        "vikar_hours": "Simulerte vikartimer (periode)", "budget_nok": "Budsjett (NOK)",
        "budget_basis": "Budsjettgrunnlag", "error": "Feil", "total": "Sum",
        "yes": "ja", "no": "nei", "checked": "bevist bemanning", "arithmetic": "beregnet behov",
        "failed": "feilet", "setting": "Innstilling", "value": "Verdi",
        "chart_arsverk": "Årsverk per enhet", "chart_budget": "Budsjett per enhet (NOK)",
        "arsverk": "Årsverk", "nok": "NOK",
        "note": "Årsverk bevist: minste bemanning der optimeringen planla en måned som når "
                "tjenestemålet (med fraværsfaktor). Vikartimer: simulert sykefravær i "
                "planperioden, samme frø for alle enheter.",
        "executor": "Kjørt på", "wall_seconds": "Veggtid (s)", "units_failed": "Enheter som feilet",
        "units_without_proof": "Enheter uten bevist bemanning",
    },
    "en": {
        "sector": "Sector", "assumptions": "Assumptions", "errors": "Errors",
        "title": "Budget round for the sector", "unit": "Unit", "source": "Source",
        "staff": "Staff", "arsverk_now": "Årsverk today",
        "arsverk_needed": "Årsverk needed (arithmetic)", "arsverk_proven": "Årsverk proven (optimiser)",
        "step": "Step", "proven": "One step below fails",
        "service_level": "Service level today's staffing holds",
        "robustness_n1": "Robustness N-1", "p_service": "P(opened shift keeps its minimum)",
        "vikar_hours": "Simulated vikar hours (period)", "budget_nok": "Budget (NOK)",
        "budget_basis": "Budget basis", "error": "Error", "total": "Total",
        "yes": "yes", "no": "no", "checked": "proven staffing", "arithmetic": "arithmetic need",
        "failed": "failed", "setting": "Setting", "value": "Value",
        "chart_arsverk": "Årsverk per unit", "chart_budget": "Budget per unit (NOK)",
        "arsverk": "Årsverk", "nok": "NOK",
        "note": "Årsverk proven: the smallest staffing for which the optimiser planned a month "
                "that meets the service target (with the absence allowance). Vikar hours: "
                "simulated sick leave in the planned period, the same seed for every unit.",
        "executor": "Run on", "wall_seconds": "Wall time (s)", "units_failed": "Units failed",
        "units_without_proof": "Units without a proven staffing",
    },
}

# (key in the unit row, header word, width, number format)
COLUMNS: tuple[tuple[str, str, float, str | None], ...] = (
    ("unit", "unit", 24, None),
    ("source", "source", 28, None),
    ("staff", "staff", 9, "0"),
    ("arsverk_now", "arsverk_now", 11, "0.00"),
    ("arsverk_needed", "arsverk_needed", 13, "0.00"),
    ("arsverk_proven", "arsverk_proven", 13, "0.00"),
    ("step", "step", 7, "0.0#"),
    ("proven", "proven", 11, None),
    ("service_level", "service_level", 34, None),
    ("robustness_n1", "robustness_n1", 11, "0.0%"),
    ("p_service_keeps_min", "p_service", 13, "0.0%"),
    ("vikar_hours", "vikar_hours", 13, "#,##0.0"),
    ("budget_nok", "budget_nok", 15, "#,##0"),
    ("budget_basis", "budget_basis", 18, None),
    ("error", "error", 40, None),
)
TOTALLED = ("staff", "arsverk_now", "arsverk_needed", "arsverk_proven", "vikar_hours", "budget_nok")
FIRST_ROW = 4  # the header row; units below it


def _cell_value(key: str, unit: dict, w: dict[str, str], lang: str) -> Any:
    value = unit.get(key)
    if key == "service_level":
        return unit.get("service_level_nb") if lang == "nb" else value
    if key == "proven":
        return None if value is None else (w["yes"] if value else w["no"])
    if key == "budget_basis":
        return w.get(value, value) if value else None
    if key == "error" and value:
        return str(value)
    return value


def _header(ws: Worksheet, row: int, w: dict[str, str]) -> None:
    header_row(ws, row, [w[word] for _, word, _, _ in COLUMNS], [width for _, _, width, _ in COLUMNS],
               wrap=True)
    ws.freeze_panes = ws.cell(row + 1, 2).coordinate


def _unit_rows(ws: Worksheet, units: list[dict], w: dict[str, str], lang: str) -> int:
    """One row per unit from FIRST_ROW + 1; returns the last row written."""
    row = FIRST_ROW
    for unit in units:
        row += 1
        failed = bool(unit.get("error"))
        for j, (key, _word, _width, fmt) in enumerate(COLUMNS, start=1):
            value = _cell_value(key, unit, w, lang)
            style: dict[str, Any] = {"border": BOX}
            if fmt and value is not None:
                style["number_format"] = fmt
            if failed:
                style["fill"] = fill(ERROR_FILL)
            put(ws, row, j, value, **style)
    return row


def _totals_row(ws: Worksheet, row: int, totals: dict, w: dict[str, str]) -> None:
    for j, (key, _word, _width, fmt) in enumerate(COLUMNS, start=1):
        value: Any = None
        if j == 1:
            value = w["total"]
        elif key in TOTALLED:
            value = totals.get(key)
        style: dict[str, Any] = {"border": BOX, "font": BOLD, "fill": fill(TOTAL_FILL)}
        if fmt and value is not None and j > 1:
            style["number_format"] = fmt
        put(ws, row, j, value, **style)


def _column(key: str) -> int:
    return next(j for j, c in enumerate(COLUMNS, start=1) if c[0] == key)


def _charts(ws: Worksheet, first: int, last: int, w: dict[str, str]) -> None:
    """Årsverk (today, needed, proven) and budget per unit, beside the table."""
    if last < first:
        return
    names = Reference(ws, min_col=1, min_row=first, max_row=last)
    arsverk = BarChart()
    arsverk.type = "col"
    arsverk.title = w["chart_arsverk"]
    arsverk.y_axis.title = w["arsverk"]
    for key in ("arsverk_now", "arsverk_needed", "arsverk_proven"):
        col = _column(key)
        arsverk.add_data(Reference(ws, min_col=col, min_row=first - 1, max_row=last), titles_from_data=True)
    arsverk.set_categories(names)
    arsverk.height, arsverk.width = 9, 22
    money = BarChart()
    money.type = "col"
    money.title = w["chart_budget"]
    money.y_axis.title = w["nok"]
    money.legend = None
    col = _column("budget_nok")
    money.add_data(Reference(ws, min_col=col, min_row=first - 1, max_row=last), titles_from_data=True)
    money.set_categories(names)
    money.height, money.width = 9, 22
    anchor = last + 4
    ws.add_chart(arsverk, f"A{anchor}")
    ws.add_chart(money, f"I{anchor}")


def _sector_sheet(wb: openpyxl.Workbook, summary: dict, lang: str) -> None:
    w = WORDS[lang]
    ws = wb.create_sheet(w["sector"])
    year = summary.get("year")
    put(ws, 1, 1, f"{w['title']}{f' {year}' if year else ''}", font=TITLE)
    put(ws, 2, 1, w["note"], alignment=WRAP)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(COLUMNS))
    ws.row_dimensions[2].height = 30
    _header(ws, FIRST_ROW, w)
    units = [u for u in summary.get("units", []) if isinstance(u, dict)]
    last = _unit_rows(ws, units, w, lang)
    _totals_row(ws, last + 1, summary.get("totals", {}), w)
    ws.auto_filter.ref = f"A{FIRST_ROW}:{get_column_letter(len(COLUMNS))}{max(last, FIRST_ROW)}"
    _charts(ws, FIRST_ROW + 1, last, w)
    print_one_page_wide(ws)
    ws.print_title_rows = f"{FIRST_ROW}:{FIRST_ROW}"


def _assumptions_sheet(wb: openpyxl.Workbook, summary: dict, lang: str) -> None:
    w = WORDS[lang]
    ws = wb.create_sheet(w["assumptions"])
    put(ws, 1, 1, w["assumptions"], font=TITLE)
    header_row(ws, 3, [w["setting"], w["value"]], [34, 50])
    totals = summary.get("totals", {})
    rows: list[tuple[str, Any]] = [(k, v) for k, v in summary.get("settings", {}).items()]
    rows += [(w["executor"], summary.get("executor")), (w["wall_seconds"], summary.get("wall_seconds")),
             (w["units_failed"], totals.get("units_failed")),
             (w["units_without_proof"], totals.get("units_without_proof"))]
    for i, (name, value) in enumerate(rows, start=4):
        put(ws, i, 1, str(name), border=BOX)
        shown = ", ".join(map(str, value)) if isinstance(value, list) else value
        put(ws, i, 2, shown if isinstance(shown, (int, float, str)) or shown is None else str(shown),
            border=BOX)


def _errors_sheet(wb: openpyxl.Workbook, summary: dict, lang: str) -> None:
    failed = [f for f in summary.get("failed", []) if isinstance(f, dict)]
    if not failed:
        return
    w = WORDS[lang]
    ws = wb.create_sheet(w["errors"])
    put(ws, 1, 1, w["errors"], font=TITLE)
    header_row(ws, 3, [w["unit"], w["source"], w["error"]], [24, 34, 90])
    for i, f in enumerate(failed, start=4):
        put(ws, i, 1, str(f.get("unit", "")), border=BOX)
        put(ws, i, 2, str(f.get("source", "")), border=BOX)
        put(ws, i, 3, str(f.get("error", "")), border=BOX, alignment=WRAP)


def write_portfolio_workbook(path: str | Path, summary: dict, *, lang: str = "nb") -> Path:
    """Write the sector workbook from the portfolio's JSON summary; returns the path."""
    if lang not in WORDS:
        raise ValueError(f"language {lang!r}: expected one of {', '.join(WORDS)}")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _sector_sheet(wb, summary, lang)
    _assumptions_sheet(wb, summary, lang)
    _errors_sheet(wb, summary, lang)
    wb.active = 0
    return save_reproducibly(wb, path)
