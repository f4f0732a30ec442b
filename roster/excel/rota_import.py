"""Read a hand-edited turnus grid back into assignments (``roster import-rota``).

The unit leader changes shift codes in the *Turnus* sheet of the rota workbook; this
module reads the grid (staff id in column A, dates in the header row) and returns the
assignments. Empty cells, absence marks and day-off words (``fri``, ``off``, ``-``) are
days off; any other text must be a shift code of the scenario, or the error names the
cell. Judging the edited rota is the checker's job, not this module's.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from roster.errors import UserError
from roster.excel.labels import WORDS, all_absence_marks
from roster.rota import Assignment
from roster.scenario import Scenario
from roster.scenario_load import OFF_CODES

ID_HEADERS = {WORDS[lang]["id"].lower() for lang in WORDS}
OFF_WORDS = {c.lower() for c in OFF_CODES} | all_absence_marks() | {"–", "ferie"}


class RotaSheetError(UserError):
    """A turnus sheet that cannot be read; lists every cell that is wrong."""

    def __init__(self, source: str, problems: list[str]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"{source}: {len(problems)} {noun} in the turnus sheet:\n{lines}{more}")


def _turnus_sheet(wb: openpyxl.Workbook) -> Worksheet | None:
    for ws in wb.worksheets:
        if ws.title.strip().lower() in ("turnus", "rota"):
            return ws
    return None


def _header_row(ws: Worksheet) -> int | None:
    for r in range(1, min(ws.max_row, 12) + 1):
        v = ws.cell(r, 1).value
        if isinstance(v, str) and v.strip().lower() in ID_HEADERS:
            return r
    return None


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def read_rota_workbook(path: str | Path, scenario: Scenario) -> list[Assignment]:
    """The assignments in the workbook's Turnus sheet; raises RotaSheetError naming cells."""
    path = Path(path)
    source = str(path)
    if not path.exists():
        raise UserError(f"{source}: file not found")
    try:
        wb = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl errors of many kinds on damaged files
        raise UserError(f"{source}: not a readable Excel workbook (.xlsx): {exc}") from None
    ws = _turnus_sheet(wb)
    if ws is None:
        raise UserError(f"{source}: no sheet named 'Turnus' (write one with: roster export)")
    head = _header_row(ws)
    if head is None:
        raise UserError(f"{source}: sheet '{ws.title}': no header row with "
                        f"'{WORDS['nb']['id']}' or '{WORDS['en']['id']}' in column A")
    problems: list[str] = []
    dates: dict[int, dt.date] = {}
    for c in range(2, ws.max_column + 1):
        d = _as_date(ws.cell(head, c).value)
        if d is None:
            continue
        where = f"sheet '{ws.title}', cell {get_column_letter(c)}{head}"
        if not scenario.start <= d <= scenario.end:
            problems.append(f"{where}: date {d} is outside the scenario's period "
                            f"{scenario.start}..{scenario.end}")
        elif d in dates.values():
            problems.append(f"{where}: date {d} appears twice")
        else:
            dates[c] = d
    if not dates and not problems:
        problems.append(f"sheet '{ws.title}', row {head}: no dates found in the header row")
    codes = {s.code: s.code for s in scenario.shifts}
    upper = {s.code.upper(): s.code for s in scenario.shifts}
    known = ", ".join(codes)
    staff_ids = set(scenario.staff_ids)
    locks = {(lk.staff, lk.date): lk.shift for lk in scenario.locks}
    seen: set[str] = set()
    out: list[Assignment] = []
    for r in range(head + 1, ws.max_row + 1):
        raw_id = ws.cell(r, 1).value
        if raw_id is None or str(raw_id).strip() == "":
            break  # the grid ends at the first row without a staff id
        sid = str(int(raw_id) if isinstance(raw_id, float) and raw_id.is_integer() else raw_id).strip()
        if sid not in staff_ids:
            problems.append(f"sheet '{ws.title}', cell A{r}: staff id '{sid}' is not in the scenario")
            continue
        if sid in seen:
            problems.append(f"sheet '{ws.title}', cell A{r}: staff id '{sid}' appears twice")
            continue
        seen.add(sid)
        for c, d in dates.items():
            value = ws.cell(r, c).value
            if value is None:
                continue
            text = str(int(value) if isinstance(value, float) and value.is_integer() else value).strip()
            code = codes.get(text)
            if code is None and text.lower() in OFF_WORDS:
                continue
            code = code or upper.get(text.upper())
            if code is None:
                problems.append(f"sheet '{ws.title}', cell {get_column_letter(c)}{r} ({sid}, {d}): "
                                f"unknown shift code '{text}' (known: {known}; empty = day off)")
                continue
            out.append(Assignment(date=d, staff=sid, shift=code,
                                  locked=locks.get((sid, d), "") == code))
    if problems:
        raise RotaSheetError(source, problems)
    return sorted(out)
