"""Cell helpers shared by the workbooks: safe text, fills, fonts, reproducible saving.

Workbooks can carry absence notes (health data), so they are saved like every other output:
atomically and owner-only (``roster.safe_io``); a full disk leaves no partial file behind.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from roster.safe_io import FORMULA_START, write_bytes

# characters XML 1.0 cannot hold (openpyxl refuses them, or writes a file Excel cannot open)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
DATE_FORMAT = "yyyy-mm-dd"
FIXED_TIME = dt.datetime(2027, 1, 1, 0, 0, 0)

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
KEY_FONT = Font(size=8, color="808080", italic=True)
THIN = Side(style="thin", color="A0A0A0")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center")
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_FILL = "DDEBF7"


def fill(color: str) -> PatternFill:
    """A solid fill from '#rrggbb' or 'rrggbb'."""
    rgb = color.lstrip("#").upper()
    return PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)


def safe_text(text: str) -> str:
    """Text a workbook can hold: characters XML forbids become U+FFFD (shown as a '?' mark)."""
    return NOT_XML.sub("\ufffd", text)


def put(ws: Worksheet, row: int, col: int, value: Any, **style: Any) -> Cell:
    """Write a value; text always stays text, never a formula (a name '=Kari' stays a name).

    openpyxl turns any string that starts with '=' into a formula; forcing the data type
    to string writes it as an inline string, and the quote prefix keeps Excel from
    re-reading it as a formula when a user edits the cell (``FORMULA_START``: = + - @,
    tab and carriage return). A number that is not finite is written as text: a number
    cell holding NaN makes a file Excel calls damaged.
    """
    if isinstance(value, str):
        value = safe_text(value)
    elif isinstance(value, float) and not math.isfinite(value):
        value = str(value)
    cell = ws.cell(row=row, column=col)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True
    elif isinstance(value, (dt.date, dt.datetime)) and not isinstance(value, dt.time):
        cell.number_format = DATE_FORMAT
    for key, val in style.items():
        setattr(cell, key, val)
    return cell


def header_row(ws: Worksheet, row: int, heads: Sequence[str], widths: Sequence[float] | None = None, *,
               wrap: bool = False) -> None:
    """A table's header: bold, shaded, boxed cells from column A; ``widths`` sets the
    columns' widths too."""
    style: dict[str, Any] = {"alignment": WRAP} if wrap else {}
    for j, head in enumerate(heads, start=1):
        put(ws, row, j, head, font=BOLD, fill=fill(HEADER_FILL), border=BOX, **style)
    for j, width in enumerate(widths or (), start=1):
        ws.column_dimensions[get_column_letter(j)].width = width


def print_one_page_wide(ws: Worksheet, orientation: str = "landscape", *, a4: bool = True) -> None:
    """Print set-up: one page wide, as many pages tall as it takes (on A4 unless ``a4`` is off)."""
    ws.page_setup.orientation = orientation
    if a4:
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def save_reproducibly(wb: Workbook, path: str | Path) -> Path:
    """Save so the same workbook gives the same bytes: fixed document times, fixed zip times.

    Written atomically and owner-only (``safe_io.write_bytes``): never a partial file.
    """
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    wb.save(raw)
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)",
                              rb"\g<1>" + stamp.encode() + rb"\g<2>", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, data)
    return write_bytes(path, out.getvalue())
