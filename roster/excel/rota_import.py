"""Read a hand-edited turnus grid back into assignments (``roster import-rota``).

The unit leader changes shift codes in the *Turnus* sheet of the rota workbook; this
module reads the grid (staff id in column A, dates in the header row) and returns the
assignments. Empty cells, absence marks and day-off words (``fri``, ``off``, ``-``) are
days off; any other text must be a shift code of the scenario, or the error names the
cell. Judging the edited rota is the checker's job, not this module's.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from roster.errors import UserError
from roster.excel.labels import WORDS, all_absence_marks
from roster.excel.safe_read import CellError, SafeWorkbook, Sheet, open_workbook
from roster.rota import Assignment
from roster.scenario import Scenario
from roster.scenario_load import OFF_CODES

ID_HEADERS = {WORDS[lang]["id"].lower() for lang in WORDS}
OFF_WORDS = {c.lower() for c in OFF_CODES} | all_absence_marks() | {"–", "ferie"}
TURNUS_TITLES = ("Turnus", "Rota")


class RotaSheetError(UserError):
    """A turnus sheet that cannot be read; lists every cell that is wrong."""

    def __init__(self, source: str, problems: list[str]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"{source}: {len(problems)} {noun} in the turnus sheet:\n{lines}{more}")


def _turnus_sheet(book: SafeWorkbook, source: str) -> Sheet:
    titles = book.find(*TURNUS_TITLES)
    if len(titles) > 1:
        both = " and ".join(f"'{t}'" for t in titles)
        raise UserError(f"{source}: both sheets {both} are there; keep one (only one would be read)")
    if not titles:
        raise UserError(f"{source}: no sheet named 'Turnus' (write one with: roster export)")
    return book.sheet(titles[0])


def _header_row(sheet: Sheet) -> int | None:
    for r in range(1, min(sheet.max_row, 12) + 1):
        v = sheet.peek(r, 1)
        if isinstance(v, str) and v.strip().lower() in ID_HEADERS:
            return r
    return None


NB_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
"""A date as it is typed in Norway: 01.03.2027."""
LOOKS_LIKE_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}([./-]\d{0,4})?")
"""A header meant as a date that could not be read as one."""


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
        m = NB_DATE.fullmatch(text)
        if m:
            try:
                return dt.date(int(m[3]), int(m[2]), int(m[1]))
            except ValueError:
                return None
    return None


def _text(value: object) -> str:
    """A cell value as text: 7.0 -> '7' (Excel stores a typed 7 as a number)."""
    return str(int(value) if isinstance(value, float) and value.is_integer() else value).strip()


def _date_columns(sheet: Sheet, head: int, scenario: Scenario, problems: list[str]) -> dict[int, dt.date]:
    dates: dict[int, dt.date] = {}
    for c in range(2, sheet.max_col + 1):
        where = sheet.name(head, c)
        try:
            d = _as_date(sheet.value(head, c))
        except CellError as exc:
            problems.append(f"{where}: {exc}")
            continue
        if d is None:
            raw = sheet.peek(head, c)
            if isinstance(raw, str) and LOOKS_LIKE_DATE.fullmatch(raw.strip()):
                problems.append(f"{where}: '{raw.strip()}' is not a date; write the date as a date "
                                "cell or as 2027-03-01 (or 01.03.2027)")
            continue
        if not scenario.start <= d <= scenario.end:
            problems.append(f"{where}: date {d} is outside the scenario's period "
                            f"{scenario.start}..{scenario.end}")
        elif d in dates.values():
            problems.append(f"{where}: date {d} appears twice")
        else:
            dates[c] = d
    if not dates and not problems:
        problems.append(f"sheet '{sheet.title}', row {head}: no dates found in the header row")
    elif dates:
        # a column whose date cannot be read would drop that day's shifts without a word
        days = (scenario.end - scenario.start).days + 1
        missing = sorted(set(scenario.start + dt.timedelta(days=i) for i in range(days))
                         - set(dates.values()))
        if missing:
            shown = ", ".join(str(d) for d in missing[:5]) + (" ..." if len(missing) > 5 else "")
            problems.append(f"sheet '{sheet.title}', row {head}: no column for {len(missing)} "
                            f"date(s) of the period ({shown}); every date of "
                            f"{scenario.start}..{scenario.end} needs its column")
    return dates


def read_rota_workbook(path: str | Path, scenario: Scenario) -> list[Assignment]:
    """The assignments in the workbook's Turnus sheet; raises RotaSheetError naming cells.

    The file is checked and the sheet read within limits first (``roster.excel.safe_read``);
    a file that is no workbook, or is too big, is a UserError naming the file.
    """
    source = str(path)
    with open_workbook(path) as book:
        sheet = _turnus_sheet(book, source)
    head = _header_row(sheet)
    if head is None:
        raise UserError(f"{source}: sheet '{sheet.title}': no header row with "
                        f"'{WORDS['nb']['id']}' or '{WORDS['en']['id']}' in column A")
    problems: list[str] = []
    dates = _date_columns(sheet, head, scenario, problems)
    codes = {s.code: s.code for s in scenario.shifts}
    upper = {s.code.upper(): s.code for s in scenario.shifts}
    known = ", ".join(codes)
    staff_ids = set(scenario.staff_ids)
    locks = {(lk.staff, lk.date): lk.shift for lk in scenario.locks}
    seen: set[str] = set()
    bad_ids = False  # a row with an unknown or repeated id: its person's row may be that one
    out: list[Assignment] = []
    last_row = head
    for r in range(head + 1, sheet.max_row + 1):
        try:
            raw_id = sheet.value(r, 1)
        except CellError as exc:
            problems.append(f"{sheet.name(r, 1)}: {exc}")
            continue
        if raw_id is None or str(raw_id).strip() == "":
            break  # the grid ends at the first row without a staff id
        last_row = r
        sid = _text(raw_id)
        if sid not in staff_ids:
            problems.append(f"{sheet.name(r, 1)}: staff id '{sid}' is not in the scenario")
            bad_ids = True
            continue
        if sid in seen:
            problems.append(f"{sheet.name(r, 1)}: staff id '{sid}' appears twice")
            bad_ids = True
            continue
        seen.add(sid)
        for c, d in dates.items():
            where = f"{sheet.name(r, c)} ({sid}, {d})"
            try:
                value = sheet.value(r, c)
            except CellError as exc:
                problems.append(f"{where}: {exc}")
                continue
            if value is None:
                continue
            text = _text(value)
            code = codes.get(text)
            if code is None and text.lower() in OFF_WORDS:
                continue
            code = code or upper.get(text.upper())
            if code is None:
                problems.append(f"{where}: unknown shift code '{text}' (known: {known}; empty = day off)")
                continue
            out.append(Assignment(date=d, staff=sid, shift=code,
                                  locked=locks.get((sid, d), "") == code))
    absent_rows = [p for p in scenario.staff if p.id not in seen]
    if absent_rows and not bad_ids:
        names = ", ".join(f"{p.id} ({p.name})" for p in absent_rows[:5])
        problems.append(f"sheet '{sheet.title}': no row for {names}; every person of the "
                        "scenario needs a row (leave the cells empty for days off)")
    merged = sheet.merged_within(head, last_row, 1, max(dates, default=1))
    if merged:
        problems.append(f"sheet '{sheet.title}', cells {', '.join(merged[:5])}: merged cells in the "
                        "turnus grid; unmerge them: every person and date needs its own cell")
    if problems:
        raise RotaSheetError(source, problems)
    return sorted(out)
