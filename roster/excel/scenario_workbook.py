"""The scenario workbook: write a template (empty or filled from a scenario) and read it back.

``read_scenario_workbook`` turns the workbook into the same plain data a scenario TOML
file holds, plus a locator that names sheet, row and column for every key path, so the
scenario loader's validation errors point at the cell to fix
("sheet 'Ansatte', row 6, column C (fte)"). The layout lives in ``scenario_sheets``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import textwrap
import tomllib
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from roster.errors import Problem, ScenarioError
from roster.excel.cells import (
    BOLD,
    DATE_FORMAT,
    HEADER_FILL,
    KEY_FONT,
    TITLE,
    WRAP,
    fill,
    print_one_page_wide,
    put,
    save_reproducibly,
)
from roster.excel.safe_read import MAX_ROWS, CellError, SafeWorkbook, Sheet, WorkbookError, open_workbook
from roster.excel.scenario_sheets import (
    AUTO,
    DATE,
    FIRST_DATA_ROW,
    INSTRUCTIONS_NB,
    LIST,
    MAP,
    NUMBER,
    SETTINGS,
    SETTINGS_EN,
    SETTINGS_NB,
    TABLE_SHEETS,
    TEMPLATE_ROWS,
    TEXT,
    TIME,
    Column,
    SheetSpec,
)
from roster.excel.toml_write import value as toml_value
from roster.rulepack import flatten_rules, load_rule_pack

SETTING_SECTIONS = ("scenario", "period", "calendar", "rules", "objective", "extra")
EXCEL_DATE_MIN, EXCEL_DATE_MAX = 36526, 73415  # 2000-01-01 and 2100-12-31 as Excel serials
TRUE_WORDS, FALSE_WORDS = {"true", "ja", "sann", "yes"}, {"false", "nei", "usann", "no"}

# --------------------------------------------------------------------------------------
# writing


def _flatten(entry: dict, prefix: str = "", keep: set[str] | None = None) -> dict[str, Any]:
    """{'rules': {'weekend_every': 2}} -> {'rules.weekend_every': 2}; keys in ``keep`` stay whole."""
    out: dict[str, Any] = {}
    for k, v in entry.items():
        name = f"{prefix}{k}"
        if isinstance(v, dict) and v and name not in (keep or set()):
            out.update(_flatten(v, f"{name}.", keep))
        else:
            out[name] = v
    return out


def _text_of(value: Any) -> str:
    return value.isoformat() if isinstance(value, (dt.date, dt.time)) else str(value)


def _cell_value(value: Any, kind: str) -> Any:
    """What to put in a cell for a TOML value, by the column's kind."""
    if kind == LIST and isinstance(value, (list, tuple)):
        return ", ".join(_text_of(v) for v in value)
    if kind == MAP and isinstance(value, dict):
        return ", ".join(f"{k}: {_text_of(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple, dict)):
        return toml_value(value)
    return value


def _entry_cells(section: str, entry: dict, spec: SheetSpec) -> dict[str, Any]:
    """One TOML entry as {column key: value}, in the sheet's terms."""
    entry = dict(entry)
    if section == "coverage" and entry.get("open") in ("always", "every"):
        del entry["open"]  # the default; a cell left empty means the same
    if section == "wishes" and "date" in entry and "start" not in entry:
        entry["start"] = entry.pop("date")
    keep = {c.key for c in spec.columns if c.kind == MAP}
    return _flatten(entry, keep=keep)


def _header(ws: Worksheet, col: int, column: Column) -> None:
    cell = put(ws, 2, col, column.header, font=BOLD, fill=fill(HEADER_FILL), alignment=WRAP)
    if column.help:
        cell.comment = Comment(column.help, "roster")
    put(ws, 3, col, column.key, font=KEY_FONT)
    ws.column_dimensions[get_column_letter(col)].width = column.width


def _validation(ws: Worksheet, column: Column, col: int, last_row: int, *,
                warn_only: bool = False) -> None:
    letter = get_column_letter(col)
    area = f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}"
    dv: DataValidation | None = None
    if column.choices == "shifts":
        dv = DataValidation(type="list", formula1=f"'Vakter'!$A${FIRST_DATA_ROW}:$A${last_row}",
                            allow_blank=True)
        if warn_only:
            dv.errorStyle = "warning"  # "off" pins a day off and is not in the list
    elif column.choices == "staff":
        dv = DataValidation(type="list", formula1=f"'Ansatte'!$A${FIRST_DATA_ROW}:$A${last_row}",
                            allow_blank=True)
    elif column.choices:
        dv = DataValidation(type="list", formula1='"' + ",".join(column.choices) + '"',
                            allow_blank=True)
    elif column.kind == DATE:
        dv = DataValidation(type="date", operator="between", formula1=str(EXCEL_DATE_MIN),
                            formula2=str(EXCEL_DATE_MAX), allow_blank=True)
        dv.error = "Skriv en dato, f.eks. 2027-01-15 / Enter a date, e.g. 2027-01-15"
    elif column.kind == NUMBER:
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                            allow_blank=True)
        dv.error = "Skriv et tall / Enter a number"
    if dv is None:
        return
    dv.showErrorMessage = True
    if not dv.error:
        dv.error = "Velg fra listen / Pick a value from the list"
    ws.add_data_validation(dv)
    dv.add(area)
    if column.kind == DATE:
        ws.column_dimensions[letter].number_format = DATE_FORMAT
    elif column.kind in (TEXT, LIST, MAP, TIME):
        ws.column_dimensions[letter].number_format = "@"


def _table_sheet(wb: openpyxl.Workbook, spec: SheetSpec, entries: list[dict]) -> None:
    ws = wb.create_sheet(spec.nb)
    rows = [_entry_cells(spec.section, e, spec) for e in entries]
    columns = list(spec.columns)
    for row in rows:
        for key in row:
            if not any(c.key == key for c in columns):
                columns.append(Column(key, key, key, AUTO, 14))
    put(ws, 1, 1, f"{spec.title_nb} / {spec.title_en}", font=TITLE)
    last_row = FIRST_DATA_ROW + max(TEMPLATE_ROWS, len(rows) + 100) - 1
    for j, column in enumerate(columns, start=1):
        _header(ws, j, column)
        _validation(ws, column, j, last_row, warn_only=spec.section == "locked")
    for i, row in enumerate(rows):
        for j, column in enumerate(columns, start=1):
            if column.key in row and row[column.key] is not None:
                put(ws, FIRST_DATA_ROW + i, j, _cell_value(row[column.key], column.kind))
    ws.freeze_panes = "B4" if spec.section in ("staff", "shifts") else "A4"
    ws.row_dimensions[2].height = 30  # room for the two-language headers
    ws.print_title_rows = "2:3"
    print_one_page_wide(ws)


def _settings_sheet(wb: openpyxl.Workbook, data: dict) -> None:
    ws = wb.create_sheet(SETTINGS_NB)
    put(ws, 1, 1, "Innstillinger / Settings", font=TITLE)
    for j, (head, width) in enumerate((("Innstilling / Setting", 34), ("Nøkkel / Key", 26),
                                       ("Verdi / Value", 40), ("Forklaring / Explanation", 70)), 1):
        put(ws, 2, j, head, font=BOLD, fill=fill(HEADER_FILL))
        ws.column_dimensions[get_column_letter(j)].width = width
    put(ws, 3, 2, "key", font=KEY_FONT)
    put(ws, 3, 3, "value", font=KEY_FONT)
    pack = load_rule_pack()
    values: dict[str, Any] = {}
    for section in SETTING_SECTIONS:
        table = data.get(section)
        if isinstance(table, dict):
            if section == "rules":
                table = flatten_rules(table)
            values.update(_flatten(table, f"{section}."))
    for key, v in data.items():  # stray top-level values: kept, so validation can name them
        if key not in SETTING_SECTIONS and not isinstance(v, (list, dict)):
            values[key] = v
    rows = [(s.key, s.nb, s.en, s.help) for s in SETTINGS]
    known = {s.key for s in SETTINGS}
    rows += [(k, k, k, "") for k in values if k not in known]
    for i, (key, nb, en, help_text) in enumerate(rows):
        r = FIRST_DATA_ROW + i
        put(ws, r, 1, f"{nb} / {en}")
        put(ws, r, 2, key, font=KEY_FONT)
        if key in values:
            put(ws, r, 3, _cell_value(values[key], AUTO))
        elif key in ("period.start", "period.end"):
            ws.cell(r, 3).number_format = DATE_FORMAT
        else:
            ws.cell(r, 3).number_format = "@"  # typed text stays text ("2027-01", "08:00")
        note = help_text
        rule = key.removeprefix("rules.")
        if key.startswith("rules.") and rule in pack:
            default = pack[rule]
            note = f"{note}; " if note else ""
            note += f"tom = regelpakkens verdi / empty = rule pack value: {_cell_value(default, AUTO)}"
        if note:
            put(ws, r, 4, note)
        if key in ("period.start", "period.end"):
            dv = DataValidation(type="date", operator="between", formula1=str(EXCEL_DATE_MIN),
                                formula2=str(EXCEL_DATE_MAX), allow_blank=True)
            ws.add_data_validation(dv)
            dv.add(f"C{r}")
    ws.freeze_panes = "A4"
    print_one_page_wide(ws)


INSTRUCTIONS_NB_TEXT: tuple[str, ...] = (
    'Slik fyller du ut turnusmalen',
    '1. Innstillinger: navn på tjenesten og perioden (måned, eller start- og sluttdato). Regler'
    ' som står tomme, får verdien fra den norske regelpakken (arbeidsmiljøloven kap. 10 og '
    'HTA).',
    '2. Vakter: én rad per vakttype: vaktkode (D, A, N ...), start og slutt (08:00), betalte '
    'timer, dagtyper (weekday, saturday, sunday, holiday, eve) og type (day, evening, night; '
    'passive_night = hvilende nattevakt og on_call = hjemmevakt teller tiden med regelpakkens '
    'andel, 1/3 og 1/7, når betalte timer står tomme).',
    '3. Ansatte: én rad per person: ansatt-ID (kort og unik, f.eks. s01), navn, stillingsbrøk '
    '(0,8 = 80 % stilling), kompetanse.',
    '4. Bemanning: hvor mange som trengs på hver vakt. Prioritet base = må alltid dekkes; '
    'service = åpnes når bemanningen tillater det (Åpnes antall per uke/måned; tomt = alltid).',
    '5. Fravær: ferie, kurs, permisjon og annet fravær (type vacation, course, leave, sick, '
    'other). Sykefravær er helseopplysninger: del filen bare med dem som skal ha den.',
    '6. Ønsker: fridager (day_off), ønsket vakt (shift) eller ikke ønsket vakt (not_shift), med'
    ' vekt 1-10.',
    '7. Låst: vakter eller fridager som ligger fast (vaktkode off = fri).',
    'Rad 3 på hvert ark (grå nøkler) leses av programmet: ikke endre den. Lister skrives med '
    'komma mellom.',
    'Bruk: roster solve turnus.xlsx --out resultat/   eller   roster import turnus.xlsx --out '
    'scenario.toml',
    'Feil i arket meldes med ark, rad og kolonne.',
)

INSTRUCTIONS_EN_TEXT: tuple[str, ...] = (
    'How to fill in the rota template',
    '1. Settings: the name of the service and the period (a month, or start and end dates). '
    'Rules left empty take the value of the Norwegian rule pack (Working Environment Act ch. 10'
    ' and the KS agreement).',
    '2. Shifts (Vakter): one row per shift type: code (D, A, N ...), start and end (08:00), '
    'paid hours, day types (weekday, saturday, sunday, holiday, eve) and kind (day, evening, '
    'night; passive_night = sleeping night watch and on_call = on-call from home count their '
    'time at the rule pack\'s ratio, 1/3 and 1/7, when paid hours are empty).',
    '3. Staff (Ansatte): one row per person: a short unique staff id (e.g. s01), name, FTE (0.8'
    ' = an 80 % post), skills.',
    '4. Coverage (Bemanning): how many staff each shift needs. Priority base = must always be '
    'covered; service = opened when staffing allows (open count per week/month; empty = '
    'always).',
    '5. Absences (Fravær): vacation, course, leave, sick and other absence. Sick leave is '
    'health information: share the file only with those who need it.',
    '6. Wishes (Ønsker): days off (day_off), a wanted shift (shift) or an unwanted shift '
    '(not_shift), with a weight of 1-10.',
    '7. Locked (Låst): shifts or days off that are fixed (shift code off = day off).',
    'Row 3 of each sheet (grey keys) is read by the program: do not change it. Lists are comma '
    'separated.',
    'Use: roster solve rota.xlsx --out result/   or   roster import rota.xlsx --out '
    'scenario.toml',
    'Errors in the workbook are reported with sheet, row and column.',
)


def _instructions_sheet(wb: openpyxl.Workbook) -> None:
    ws = wb.active
    ws.title = INSTRUCTIONS_NB
    ws.column_dimensions["A"].width = 110
    r = 1
    for block in (INSTRUCTIONS_NB_TEXT, INSTRUCTIONS_EN_TEXT):
        for i, line in enumerate(block):
            # one short row per printed line: row heights then need no guessing
            for j, part in enumerate(textwrap.wrap(line, 100)):
                put(ws, r, 1, ("    " if j else "") + part, font=TITLE if i == 0 else None)
                r += 1
        r += 1
    print_one_page_wide(ws, "portrait")


def write_scenario_workbook(path: str | Path, data: dict | None = None) -> Path:
    """Write the scenario workbook: an empty template, or filled from scenario data (TOML dict)."""
    data = data or {}
    wb = openpyxl.Workbook()
    _instructions_sheet(wb)
    _settings_sheet(wb, data)
    for spec in TABLE_SHEETS:
        entries = data.get(spec.section) or []
        _table_sheet(wb, spec, [e for e in entries if isinstance(e, dict)])
    return save_reproducibly(wb, path)


# --------------------------------------------------------------------------------------
# reading


class WorkbookLocator:
    """Maps a key path of the scenario data to a sheet, row and column of the workbook."""

    def __init__(self) -> None:
        self.tables: dict[str, tuple[str, list[int], dict[str, str]]] = {}
        self.settings_title = SETTINGS_NB
        self.settings: dict[str, int] = {}

    def __call__(self, path: tuple[str | int, ...]) -> str:
        if not path:
            return ""
        section = str(path[0])
        if section in self.tables:
            title, rows, cols = self.tables[section]
            if len(path) < 2 or not isinstance(path[1], int):
                return f"sheet '{title}'"
            i = path[1]
            row = rows[i] if i < len(rows) else None
            where = f"sheet '{title}', row {row}" if row else f"sheet '{title}', entry {i + 1}"
            keys = [str(p) for p in path[2:] if isinstance(p, str)]
            for n in range(len(keys), 0, -1):
                key = ".".join(keys[:n])
                if key in cols:
                    return f"{where}, column {cols[key]} ({key})"
            return where
        keys = [str(p) for p in path if isinstance(p, str)]
        for n in range(len(keys), 0, -1):
            key = ".".join(keys[:n])
            if key in self.settings:
                return f"sheet '{self.settings_title}', row {self.settings[key]}, column C ({key})"
        dotted = ".".join(keys)
        for key, row in self.settings.items():
            if key.startswith(f"{section}."):
                return f"sheet '{self.settings_title}', row {row} ({dotted})"
        if section in ("staff", "shifts", "coverage", "absences", "wishes", "locked"):
            spec = next(s for s in TABLE_SHEETS if s.section == section)
            return f"sheet '{spec.nb}' ({dotted})"
        return f"sheet '{self.settings_title}' ({dotted})"


def _plain(value: Any) -> Any:
    """A cell's value as plain data: dates as dates, whole numbers as ints, text stripped."""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date()
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        value = value.strip()
        return value if value else None
    return value


def _split(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"[,;]", text) if s.strip()]


def _parse_map(text: str) -> dict | str:
    out: dict[str, Any] = {}
    for part in _split(text):
        m = re.fullmatch(r"([^:=]+?)\s*[:=]\s*(\d{1,15})", part)
        if not m:
            return text  # left as text: the loader then says a table was expected, here
        out[m.group(1).strip()] = int(m.group(2))
    return out


def _parse_auto(value: Any) -> Any:
    if isinstance(value, str):
        low = value.lower()
        if low in TRUE_WORDS:
            return True
        if low in FALSE_WORDS:
            return False
        if value[:1] in "[{":
            try:
                return tomllib.loads(f"v = {value}")["v"]
            except tomllib.TOMLDecodeError:
                return value
    return value


EXPECTED = {NUMBER: "a number", DATE: "a date like 2027-01-31", TIME: "a time like 08:00",
            LIST: "a list (comma separated)", MAP: "pairs like 'nurse: 1'", TEXT: "text"}


def _non_finite_text(text: str) -> bool:
    """'nan', 'inf', '-Infinity' ...: text Python would read as a number that is none."""
    try:
        return not math.isfinite(float(text.strip().replace(",", ".")))
    except ValueError:
        return False


def _check_kind(value: Any, kind: str) -> None:
    """Refuse a cell whose type the column cannot hold; the scenario loader judges the rest."""
    if kind == AUTO or kind not in EXPECTED:
        if isinstance(value, str) and _non_finite_text(value):
            raise CellError(f"expected a number, got '{value}'")
        if isinstance(value, dt.timedelta):
            raise CellError(f"a duration ({value}); type the value as a number or text")
        return
    expected = EXPECTED[kind]
    if isinstance(value, bool):
        raise CellError(f"expected {expected}, got {'TRUE' if value else 'FALSE'} (a yes/no value)")
    if isinstance(value, dt.timedelta) and kind != TIME:
        raise CellError(f"expected {expected}, got a duration ({value})")
    if kind == NUMBER and isinstance(value, (dt.date, dt.time)):
        raise CellError(f"expected a number, got a date or time ({_text_of(value)}); format the "
                        "cell as a number")
    if kind == NUMBER and isinstance(value, str) and _non_finite_text(value):
        raise CellError(f"expected a number, got '{value}'")
    if kind == DATE and isinstance(value, dt.time):
        raise CellError(f"expected {expected}, got a time of day ({value:%H:%M})")


def _clock_text(value: dt.time | dt.datetime | dt.timedelta) -> str:
    if isinstance(value, dt.timedelta):
        seconds = value.total_seconds()
        if not 0 <= seconds <= 24 * 3600 or seconds % 60:
            raise CellError(f"expected a time like 08:00, got a duration ({value})")
        return f"{int(seconds) // 3600:02d}:{int(seconds) // 60 % 60:02d}"
    return f"{value.hour:02d}:{value.minute:02d}"


def _read_value(value: Any, kind: str) -> Any:
    """A cell's stored value as scenario data for a column of ``kind``; raises CellError."""
    value = _plain(value)
    if value is None:
        return None
    _check_kind(value, kind)
    if kind == TIME:
        if isinstance(value, (dt.time, dt.datetime, dt.timedelta)):
            return _clock_text(value)
        return str(value)
    if kind == LIST:
        if isinstance(value, str):
            return _split(value)
        return [str(value) if isinstance(value, (int, float)) else value]
    if kind == MAP and isinstance(value, str):
        return _parse_map(value)
    if kind == TEXT and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if kind == AUTO:
        return _parse_auto(value)
    return value


def _nest(flat: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in flat.items():
        parts = key.split(".")
        node = out
        for part in parts[:-1]:
            nxt = node.setdefault(part, {})
            if not isinstance(nxt, dict):
                nxt = node[part] = {}
            node = nxt
        node[parts[-1]] = value
    return out


def _key_row(sheet: Sheet, keys: set[str]) -> int | None:
    for r in range(1, min(sheet.max_row, 10) + 1):
        for c in range(1, min(sheet.max_col, 60) + 1):
            v = sheet.peek(r, c)
            if isinstance(v, str) and v.strip() in keys:
                return r
    return None


def _where(sheet: Sheet, row: int, col: int, key: str) -> str:
    return f"sheet '{sheet.title}', row {row}, column {get_column_letter(col)} ({key})"


def _merged_problem(sheet: Sheet, source: str, ranges: list[str], area: str) -> Problem:
    shown = ", ".join(ranges[:5]) + (f" and {len(ranges) - 5} more" if len(ranges) > 5 else "")
    return Problem(source, f"sheet '{sheet.title}', cells {shown}",
                   f"merged cells in {area}; unmerge them (Home > Merge & Center): every column "
                   "needs its own key and every value its own cell")


def _column_keys(sheet: Sheet, key_row: int, spec: SheetSpec, source: str,
                 problems: list[Problem]) -> tuple[dict[int, Column], dict[str, str]]:
    cols: dict[int, Column] = {}
    letters: dict[str, str] = {}
    for c in range(1, sheet.max_col + 1):
        letter = get_column_letter(c)
        try:
            key = _plain(sheet.value(key_row, c))
        except CellError as exc:
            problems.append(Problem(source, sheet.name(key_row, c), f"column key: {exc}"))
            continue
        if key is None:
            continue
        key = str(key)
        if key in letters:
            problems.append(Problem(source, f"sheet '{sheet.title}', column {letter}",
                                    f"column key '{key}' appears twice"))
            continue
        cols[c] = spec.column(key) or Column(key, key, key, AUTO)
        letters[key] = letter
    return cols, letters


def _read_table(sheet: Sheet, spec: SheetSpec, source: str, locate: WorkbookLocator,
                problems: list[Problem]) -> list[dict]:
    key_row = _key_row(sheet, {c.key for c in spec.columns})
    if key_row is None:
        problems.append(Problem(source, f"sheet '{sheet.title}'", "the row of column keys (row 3: "
                                f"{', '.join(c.key for c in spec.columns[:4])} ...) is missing"))
        return []
    merged = sheet.merged_within(key_row, MAX_ROWS)
    if merged:
        problems.append(_merged_problem(sheet, source, merged, f"the table (row {key_row} and below)"))
    cols, letters = _column_keys(sheet, key_row, spec, source, problems)
    if spec.section == "wishes" and "start" in letters:
        letters.setdefault("date", letters["start"])
    entries: list[dict] = []
    rows: list[int] = []
    for r in range(key_row + 1, sheet.max_row + 1):
        flat = {}
        for c, column in cols.items():
            try:
                v = _read_value(sheet.value(r, c), column.kind)
            except CellError as exc:
                problems.append(Problem(source, _where(sheet, r, c, column.key), str(exc)))
                continue
            if v is not None:
                flat[column.key] = v
        if flat:
            entries.append(_nest(flat))
            rows.append(r)
    locate.tables[spec.section] = (sheet.title, rows, letters)
    return entries


def _read_settings(sheet: Sheet, source: str, locate: WorkbookLocator,
                   problems: list[Problem]) -> dict[str, Any]:
    locate.settings_title = sheet.title
    kinds = {s.key: s.kind for s in SETTINGS}
    flat: dict[str, Any] = {}
    key_row = _key_row(sheet, set(kinds)) or FIRST_DATA_ROW
    merged = sheet.merged_within(key_row, MAX_ROWS, 2, 3)
    if merged:
        problems.append(_merged_problem(sheet, source, merged, "the key and value columns (B and C)"))
    for r in range(key_row, sheet.max_row + 1):
        key = _plain(sheet.peek(r, 2))
        if not isinstance(key, str) or key in ("key",):
            continue
        if key in locate.settings:
            problems.append(Problem(source, f"sheet '{sheet.title}', row {r}, column B",
                                    f"setting '{key}' appears twice (also in row {locate.settings[key]})"))
            continue
        locate.settings[key] = r
        try:
            v = _read_value(sheet.value(r, 3), kinds.get(key, AUTO))
        except CellError as exc:
            problems.append(Problem(source, _where(sheet, r, 3, key), str(exc)))
            continue
        if key == "period.month" and isinstance(v, dt.date):
            v = f"{v.year}-{v.month:02d}"  # Excel reads "2027-01" as 1 January 2027
        if v is not None:
            flat[key] = v
    return _nest(flat)


def _one_sheet(book: SafeWorkbook, names: tuple[str, ...], source: str,
               problems: list[Problem]) -> Sheet | None:
    """The one sheet with one of ``names``; two of them (Ansatte and Staff) is a problem."""
    titles = book.find(*names)
    if len(titles) > 1:
        both = " and ".join(f"'{t}'" for t in titles)
        problems.append(Problem(source, "", f"both sheets {both} are there; keep one (only one "
                                "would be read)"))
        return None
    if not titles:
        return None
    try:
        return book.sheet(titles[0])
    except WorkbookError as exc:
        problems.append(Problem(source, exc.where, exc.reason))
        return None


def _read_book(book: SafeWorkbook, source: str, locate: WorkbookLocator,
               problems: list[Problem]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    settings = _one_sheet(book, (SETTINGS_NB, SETTINGS_EN), source, problems)
    if settings is not None:
        data.update(_read_settings(settings, source, locate, problems))
    for spec in TABLE_SHEETS:
        sheet = _one_sheet(book, (spec.nb, spec.en), source, problems)
        if sheet is None:
            continue
        entries = _read_table(sheet, spec, source, locate, problems)
        if entries:
            data[spec.section] = entries
    names = [SETTINGS_NB, SETTINGS_EN] + [n for s in TABLE_SHEETS for n in (s.nb, s.en)]
    if not book.find(*names):
        listed = ", ".join([SETTINGS_NB] + [s.nb for s in TABLE_SHEETS])
        problems.append(Problem(source, "", f"not a scenario workbook: none of the sheets {listed} "
                                "found (make one with: roster template --out scenario.xlsx)"))
    return data


def read_scenario_workbook(path: str | Path) -> tuple[dict, WorkbookLocator]:
    """Read a scenario workbook into scenario data (as from TOML) and a cell locator.

    The file is checked and each sheet read within limits first (``roster.excel.safe_read``);
    every problem, from a zip bomb to a formula without a value, is a ScenarioError.
    """
    source = str(path)
    locate = WorkbookLocator()
    problems: list[Problem] = []
    try:
        with open_workbook(path) as book:
            data = _read_book(book, source, locate, problems)
    except WorkbookError as exc:
        raise ScenarioError([Problem(source, exc.where, exc.reason)]) from None
    if problems:
        raise ScenarioError(problems)
    return data, locate
