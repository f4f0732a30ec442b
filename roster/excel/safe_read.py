"""Opening a workbook someone else made: checked before openpyxl reads it, sheets read bounded.

An ``.xlsx`` file is a zip of XML files, and both layers can cost far more than the file's
size suggests: a zip member that inflates a thousandfold, or one value in row 1 048 576
(openpyxl then believes the sheet is a million rows tall). So, before openpyxl sees a byte:

- the path must be a regular file (a folder is refused; a named pipe is never opened, it
  would hang), not empty and at most ``MAX_FILE_BYTES``;
- it must be a zip (an OLE compound file is an encrypted workbook or an old ``.xls``) of at
  most ``MAX_MEMBERS`` members that unpack to at most ``MAX_UNPACKED_BYTES``, no large
  member packed more than ``MAX_RATIO`` times, at most ``MAX_XML_ELEMENTS`` XML elements in
  all (a 9 MB file of a million tiny shared strings otherwise costs openpyxl 10 s), and it
  must be an Excel workbook.

Each sheet that is read is first scanned as XML (streaming, standard library): every value
must lie within ``MAX_ROWS`` rows and ``MAX_COLUMNS`` columns, at most ``MAX_CELLS`` of them,
else the first cell outside is named. The scan also records merged ranges and formulas
without a stored value. Only then does openpyxl (read-only, stored values) read the sheet,
and only as far as its last value. Limits are documented in ``docs/excel.md``.
"""

from __future__ import annotations

import functools
import io
import math
import os
import re
import stat
import warnings
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import openpyxl
from openpyxl.utils.cell import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.utils.exceptions import InvalidFileException

from roster.errors import UserError
from roster.safe_io import os_reason

MB = 1024 * 1024
MAX_FILE_BYTES = 10 * MB
MAX_UNPACKED_BYTES = 50 * MB
MAX_MEMBERS = 1_000
MAX_RATIO = 100  # a zip member may unpack to at most this many times its packed size ...
RATIO_FLOOR = 1 * MB  # ... once it unpacks to more than this (small parts compress freely)
MAX_ROWS = 5_000
MAX_COLUMNS = 500  # column SF; a year's turnus grid needs 376
MAX_CELLS = 200_000  # filled cells per sheet read
MAX_XML_ELEMENTS = 1_000_000  # in the whole file: what parsing costs (about 4 s a million)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")  # the stream of an encrypted OOXML file
NOT_READABLE = "not a readable Excel workbook (.xlsx)"


class WorkbookError(UserError):
    """A workbook that cannot be read safely; ``where`` names the sheet or cell, if any."""

    def __init__(self, source: str, where: str, reason: str):
        self.source, self.where, self.reason = source, where, reason
        super().__init__(f"{source}: {where}: {reason}" if where else f"{source}: {reason}")


class CellError(ValueError):
    """A cell whose stored value cannot be used; the message says why, the reader names the cell."""


def thousands(n: int) -> str:
    """1048576 -> '1 048 576' (the Norwegian way, readable in English too)."""
    return f"{n:,}".replace(",", " ")


def cell_name(title: str, row: int, col: int) -> str:
    return f"sheet '{title}', cell {get_column_letter(col)}{row}"


# --------------------------------------------------------------------------------------
# the file and the zip


def _refuse(source: str, reason: str) -> WorkbookError:
    return WorkbookError(source, "", reason)


def read_file_bytes(path: Path, source: str) -> bytes:
    """The file's bytes, if it is a regular file of a sensible size; never opens a pipe."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise _refuse(source, "file not found") from None
    except OSError as exc:
        raise _refuse(source, f"cannot read the file ({os_reason(exc)})") from None
    _check_regular(info, source)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)  # non-blocking: a pipe swapped in after stat() cannot hang us
    except OSError as exc:
        raise _refuse(source, f"cannot read the file ({os_reason(exc)})") from None
    try:
        info = os.fstat(fd)
        _check_regular(info, source)
        _check_size(info.st_size, source)
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _refuse(source, f"cannot read the file ({os_reason(exc)})") from None
    finally:
        os.close(fd)
    _check_size(len(data), source)
    return data


def _check_regular(info: os.stat_result, source: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise _refuse(source, "a folder, not a workbook file")
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(source, "not a regular file (a pipe, socket or device); give the path of an "
                              ".xlsx file")


def _check_size(size: int, source: str) -> None:
    if size == 0:
        raise _refuse(source, f"{NOT_READABLE}: the file is empty (0 bytes)")
    if size > MAX_FILE_BYTES:
        raise _refuse(source, f"the file is {size / MB:.1f} MB; a workbook may be at most "
                              f"{MAX_FILE_BYTES // MB} MB (a scenario or rota workbook is usually "
                              "well under 1 MB)")


def check_container(data: bytes, source: str) -> None:
    """Refuse what is not a zip, is an encrypted or old-format file, or would unpack too far."""
    if data.startswith(OLE_MAGIC):
        if ENCRYPTION_INFO in data:
            raise _refuse(source, "a password-protected (encrypted) workbook; remove the password "
                                  "in Excel (File > Info > Protect Workbook) and save it again")
        raise _refuse(source, "an old Excel 97-2003 file (.xls) or another Office binary file; "
                              "open it in Excel and save it as an Excel Workbook (.xlsx)")
    if not data.startswith(b"PK"):
        raise _refuse(source, f"{NOT_READABLE}: the file is not a zip archive")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise _refuse(source, f"{NOT_READABLE}: a damaged zip archive ({exc})") from None
    _check_members(members, source)
    _count_elements(data, source)
    names = {m.filename for m in members}
    if "xl/workbook.bin" in names:
        raise _refuse(source, "an Excel binary workbook (.xlsb); save it as an Excel Workbook (.xlsx)")
    if "content.xml" in names and "mimetype" in names:
        raise _refuse(source, "an OpenDocument spreadsheet (.ods); save it as an Excel Workbook "
                              "(.xlsx)")
    if "[Content_Types].xml" not in names or not any(n.endswith("workbook.xml") for n in names):
        raise _refuse(source, f"{NOT_READABLE}: a zip archive, but not an Excel workbook")


def _check_members(members: list[zipfile.ZipInfo], source: str) -> None:
    if len(members) > MAX_MEMBERS:
        raise _refuse(source, f"{NOT_READABLE}: the zip holds {thousands(len(members))} parts; "
                              f"a workbook may hold at most {thousands(MAX_MEMBERS)}")
    total = 0
    for m in members:
        if m.flag_bits & 0x1:
            raise _refuse(source, f"{NOT_READABLE}: part {m.filename} is encrypted")
        total += m.file_size
        if m.file_size > RATIO_FLOOR and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise _refuse(source, f"{NOT_READABLE}: part {m.filename} unpacks from "
                                  f"{thousands(m.compress_size)} to {thousands(m.file_size)} bytes, "
                                  f"more than {MAX_RATIO} times (a zip bomb?)")
    if total > MAX_UNPACKED_BYTES:
        raise _refuse(source, f"{NOT_READABLE}: it unpacks to {total / MB:.0f} MB; a workbook may "
                              f"unpack to at most {MAX_UNPACKED_BYTES // MB} MB")


def _count_elements(data: bytes, source: str) -> None:
    """Count elements in every part (sizes are capped already, so unpacking is cheap)."""
    total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for m in archive.infolist():
                part = archive.read(m)
                total += part.count(b"<") - part.count(b"</")  # start and empty-element tags
                if total > MAX_XML_ELEMENTS:
                    raise _refuse(source, f"{NOT_READABLE}: it holds more than "
                                          f"{thousands(MAX_XML_ELEMENTS)} XML elements, far more "
                                          "than a scenario or a rota")
    except WorkbookError:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError,
            zlib.error) as exc:
        raise _refuse(source, f"{NOT_READABLE}: a damaged zip archive ({_short(exc)})") from None


# --------------------------------------------------------------------------------------
# a sheet


@dataclass
class Sheet:
    """The filled cells of one sheet, by (row, column), 1-based; ``max_row``/``max_col`` is
    the last filled row/column (0 for an empty sheet)."""

    title: str
    max_row: int = 0
    max_col: int = 0
    cells: dict[tuple[int, int], Any] = field(default_factory=dict)
    bad: dict[tuple[int, int], str] = field(default_factory=dict)  # why a filled cell is unusable
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # min/max row, min/max col

    def value(self, row: int, col: int) -> Any:
        """The stored value (None when empty); raises CellError for a value that cannot be used."""
        reason = self.bad.get((row, col))
        if reason is not None:
            raise CellError(reason)
        return self.cells.get((row, col))

    def peek(self, row: int, col: int) -> Any:
        """The stored value, or None when empty or unusable (for searching, never for data)."""
        return self.cells.get((row, col))

    def merged_within(self, min_row: int, max_row: int, min_col: int = 1,
                      max_col: int = MAX_COLUMNS) -> list[str]:
        """Merged ranges that overlap the given area, as 'A3:B3'."""
        out = []
        for r1, r2, c1, c2 in self.merged:
            if r1 <= max_row and r2 >= min_row and c1 <= max_col and c2 >= min_col:
                out.append(f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}")
        return out

    def name(self, row: int, col: int) -> str:
        return cell_name(self.title, row, col)


@dataclass
class _Scan:
    max_row: int = 0
    max_col: int = 0
    filled: int = 0
    no_value: set[tuple[int, int]] = field(default_factory=set)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")


@functools.lru_cache(maxsize=4096)
def _column_index(letters: str) -> int:
    return column_index_from_string(letters.upper())


def _coordinate(ref: str | None, row: int, col: int) -> tuple[int, int]:
    """The (row, column) of a cell: its r attribute, else the next column of the row."""
    if not ref:
        return row, col + 1
    m = REF.fullmatch(ref)
    if m is None:
        raise ValueError(f"bad cell reference {ref[:20]!r}")
    return int(m.group(2)), _column_index(m.group(1))


class _Tags:
    """The sheet's element names with its namespace (``{...main}c``), found on the first tag."""

    def __init__(self, first_tag: str):
        ns = first_tag[: first_tag.index("}") + 1] if first_tag.startswith("{") else ""
        self.sheet_data, self.row, self.c = f"{ns}sheetData", f"{ns}row", f"{ns}c"
        self.f, self.v, self.inline, self.merge = f"{ns}f", f"{ns}v", f"{ns}is", f"{ns}mergeCell"


def _has_value(cell: ET.Element, tags: _Tags) -> tuple[bool, bool]:
    """(filled, formula without a stored value) for a <c> element."""
    if len(cell) == 0:
        return False, False
    formula, stored = cell.find(tags.f), cell.find(tags.v)
    text = stored.text if stored is not None else None
    if formula is not None:
        # <v></v> after a text formula (t="str") is a computed empty text; anything else is none
        missing = stored is None or (not text and cell.get("t") != "str")
        return True, missing
    inline = cell.find(tags.inline)
    if inline is not None:
        return any(t for t in inline.itertext()), False
    return bool(text), False


def _far_cell(row: int, col: int) -> str:
    if row > MAX_ROWS:
        return (f"a value far below the table (row {thousands(row)}); a sheet may use at most "
                f"{thousands(MAX_ROWS)} rows: clear that cell (or delete the rows below the table) "
                "and save")
    return (f"a value far right of the table (column {get_column_letter(col)}, number "
            f"{thousands(col)}); a sheet may use at most {MAX_COLUMNS} columns (up to "
            f"{get_column_letter(MAX_COLUMNS)}): clear that cell (or delete the columns) and save")


def _scan_sheet(stream: IO[bytes], source: str, title: str) -> _Scan:
    """One streaming pass over the sheet XML: extent, merged ranges, formulas without a value."""
    scan = _Scan()
    row = col = 0
    tags: _Tags | None = None
    parent: ET.Element | None = None
    for event, el in ET.iterparse(stream, events=("start", "end")):
        if tags is None:
            tags = _Tags(el.tag)
        if event == "start":
            if el.tag == tags.row:
                r = el.get("r")
                row, col = (int(r) if r else row + 1), 0
            elif el.tag == tags.sheet_data:
                parent = el
            continue
        if el.tag == tags.c:
            row, col = _coordinate(el.get("r"), row, col)
            filled, missing = _has_value(el, tags)
            if filled:
                _count(scan, source, title, row, col, missing)
            el.clear()
        elif el.tag == tags.row and parent is not None:
            parent.remove(el)  # keep memory flat however many rows there are
        elif el.tag == tags.merge and el.get("ref"):
            c1, r1, c2, r2 = range_boundaries(el.get("ref", ""))
            if None not in (c1, r1, c2, r2) and (r1, c1) != (r2, c2):
                scan.merged.append((r1, r2, c1, c2))  # type: ignore[arg-type]
    return scan


def _count(scan: _Scan, source: str, title: str, row: int, col: int, missing: bool) -> None:
    """Count one filled cell; the first beyond the limits is named."""
    if row > MAX_ROWS or col > MAX_COLUMNS:
        raise WorkbookError(source, cell_name(title, row, col), _far_cell(row, col))
    scan.filled += 1
    if scan.filled > MAX_CELLS:
        raise WorkbookError(source, f"sheet '{title}'", f"more than {thousands(MAX_CELLS)} filled "
                            "cells; that is far more than a scenario or a rota holds")
    scan.max_row, scan.max_col = max(scan.max_row, row), max(scan.max_col, col)
    if missing:
        scan.no_value.add((row, col))


def _cell_problem(value: Any, data_type: str) -> str | None:
    if data_type == "e":
        if value == "#VALUE!":  # openpyxl's mark for a date cell whose number is no date too
            return ("an Excel error value (#VALUE!), or a number too large to be a date in a cell "
                    "formatted as a date; fix the formula or type the value")
        return f"an Excel error value ({value}); fix the formula or type the value"
    if isinstance(value, float) and not math.isfinite(value):
        return f"not a finite number ({value})"
    return None


NO_VALUE = ("a formula without a computed value; open and save the file in Excel (or LibreOffice), "
            "or type the value")


# --------------------------------------------------------------------------------------
# the workbook


class SafeWorkbook:
    """A workbook that passed the checks, its sheets read on demand (``sheet(title)``)."""

    def __init__(self, source: str, data: bytes):
        self.source = source
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl's notes on unsupported extensions
                self._wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True,
                                                  keep_links=False)
        except Exception as exc:  # XML, zip and openpyxl errors of many kinds on damaged files
            raise _refuse(source, f"{NOT_READABLE}: {_short(exc)}") from None

    @property
    def titles(self) -> list[str]:
        return [ws.title for ws in self._wb.worksheets]

    def find(self, *names: str) -> list[str]:
        """Titles of the worksheets named any of ``names`` (case and outer spaces ignored)."""
        wanted = {n.strip().lower() for n in names}
        return [t for t in self.titles if t.strip().lower() in wanted]

    def sheet(self, title: str) -> Sheet:
        """The sheet's filled cells; raises WorkbookError naming a cell beyond the limits."""
        ws = self._wb[title]
        where = f"sheet '{title}'"
        try:
            with ws.parent._archive.open(ws._worksheet_path) as stream:  # what openpyxl will read
                scan = _scan_sheet(stream, self.source, title)
            sheet = Sheet(title, scan.max_row, scan.max_col, merged=scan.merged)
            sheet.bad.update(dict.fromkeys(scan.no_value, NO_VALUE))
            if scan.max_row:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # e.g. a date outside Excel's range: "#VALUE!"
                    for cell in _filled(ws, scan.max_row, scan.max_col):
                        key = (cell.row, cell.column)
                        problem = _cell_problem(cell.value, cell.data_type)
                        if problem:
                            sheet.bad[key] = problem
                        elif key not in sheet.bad:
                            sheet.cells[key] = cell.value
        except WorkbookError:
            raise
        except Exception as exc:  # a damaged sheet: bad XML, a bad cell reference or number
            raise WorkbookError(self.source, where, f"a damaged sheet that cannot be read "
                                f"({_short(exc)})") from None
        return sheet

    def close(self) -> None:
        self._wb.close()

    def __enter__(self) -> SafeWorkbook:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def _filled(ws: Any, max_row: int, max_col: int) -> Iterator[Any]:
    for row in ws.iter_rows(min_row=1, max_row=max_row, min_col=1, max_col=max_col):
        for cell in row:
            if getattr(cell, "row", None) is not None and cell.value is not None:
                yield cell


def _short(exc: BaseException) -> str:
    """What went wrong, briefly. Only structural messages (XML position, zip, missing part)
    are shown: others can quote a cell's text, and a cell can hold health information."""
    if not isinstance(exc, (ET.ParseError, zipfile.BadZipFile, zlib.error, KeyError,
                            InvalidFileException)):
        return type(exc).__name__
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= 160 else text[:157] + "..."


def open_workbook(path: str | Path) -> SafeWorkbook:
    """Check the file and open it; raises WorkbookError (a UserError) with a clear reason."""
    path = Path(path)
    source = str(path)
    data = read_file_bytes(path, source)
    check_container(data, source)
    return SafeWorkbook(source, data)
