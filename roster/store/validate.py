"""Checking every row read back, from a backup or from the store file itself (issue 13, item 9).

Nothing read back is trusted: a backup may have been edited or damaged, and the SQLite file
may have been edited with another tool. Every column of every table has a kind here (a row
id, a date, a line of text with a length limit, a rota.json, a change-log diff, ...), and a
row is checked column by column and then as a whole (an end date not before its start, a
rota whose content covers the period of its row, a scenario whose text parses).

``check_row`` is used by ``import-db`` before a row is restored and by the store's reading
paths before a row is used; both turn an ``Invalid`` into a message naming the table, the
row and the column. The messages never repeat a value: rows hold sick leave (health data).
Whatever the store writes passes these checks (the write paths check unit names, user names
and notes with the same kinds), so a backup of a sound store always restores.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
import tomllib
from collections.abc import Callable, Mapping
from typing import Any

from roster.errors import RotaFileError
from roster.rota import Rota

MAX_ID = 2**63 - 1
MAX_LINE = 200
"""Names, user names, staff ids, absence kinds."""
MAX_TEXT = 10_000
"""Notes, summaries, the service name."""
MAX_DOCUMENT = 64 * 1024 * 1024
"""A rota.json, a scenario text or workbook, a change-log diff."""
MAX_LIST = 1_000_000
"""Rows in one JSON list inside a document."""

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters other than tab and line breaks: never in stored text (terminal escapes)."""
LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
SHA256 = re.compile(r"(forgotten:)?[0-9a-f]{64}")
PSEUDONYM = re.compile(r"anon-[1-9][0-9]{0,9}")


class Invalid(ValueError):
    """A value that is not what its column holds; ``column`` names it when known."""

    def __init__(self, message: str, column: str | None = None):
        super().__init__(message)
        self.message = message
        self.column = column


Check = Callable[[Any], Any]


def describe(value: Any) -> str:
    """What kind of value this is, without repeating it (it may be health data)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return f"text of {len(value)} characters" if value else "empty text"
    if isinstance(value, bytes | bytearray):
        return f"{len(value)} bytes"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


# --- column kinds ---------------------------------------------------------------------


def row_id(value: Any) -> int:
    if type(value) is not int or not 1 <= value <= MAX_ID:
        got = "a whole number out of range" if type(value) is int else describe(value)
        raise Invalid(f"expected a row id (a whole number from 1), got {got}")
    return value


def line(limit: int = MAX_LINE, *, empty: bool = False) -> Check:
    """One line of text: no control characters, at most ``limit`` characters."""
    def check(value: Any) -> str:
        if not isinstance(value, str) or (not empty and not value.strip()):
            raise Invalid(f"expected {'text' if empty else 'non-empty text'} of at most {limit} "
                          f"characters, got {describe(value)}")
        if len(value) > limit:
            raise Invalid(f"expected at most {limit} characters, got {len(value)}")
        if LINE_CONTROL.search(value):
            raise Invalid("expected one line of text without control characters")
        return value
    return check


def text(limit: int = MAX_TEXT) -> Check:
    """Free text (tabs and line breaks allowed), at most ``limit`` characters."""
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise Invalid(f"expected text, got {describe(value)}")
        if len(value) > limit:
            raise Invalid(f"expected at most {limit} characters, got {len(value)}")
        if CONTROL.search(value):
            raise Invalid("expected text without control characters")
        return value
    return check


def document_text(value: Any) -> str:
    """A document's text (TOML or JSON, checked by parsing it), within the size limit."""
    if not isinstance(value, str):
        raise Invalid(f"expected text, got {describe(value)}")
    if len(value) > MAX_DOCUMENT:
        raise Invalid(f"expected at most {MAX_DOCUMENT} characters, got {len(value)}")
    return value


def one_of(*values: str) -> Check:
    def check(value: Any) -> str:
        if value not in values:
            got = repr(value) if isinstance(value, str) and len(value) <= 20 else describe(value)
            raise Invalid(f"expected one of {', '.join(values)}, got {got}")
        return value
    return check


def date(value: Any) -> dt.date:
    """A calendar date written the one way the store writes it: 2027-01-31."""
    try:
        if isinstance(value, str) and len(value) == 10:
            day = dt.date.fromisoformat(value)
            if day.isoformat() == value:
                return day
    except ValueError:
        pass
    raise Invalid(f"expected a date like 2027-01-31, got {describe(value)} that is not one")


def timestamp(value: Any) -> str:
    """A moment like 2026-11-22T16:21:47Z (kept as text: the store shows it as written)."""
    try:
        if isinstance(value, str) and 10 <= len(value) <= 40:
            dt.datetime.fromisoformat(value)
            if not LINE_CONTROL.search(value):
                return value
    except ValueError:
        pass
    raise Invalid(f"expected a time like 2026-11-22T16:21:47Z, got {describe(value)} that is not one")


def sha256_hex(value: Any) -> str:
    if not isinstance(value, str) or not SHA256.fullmatch(value):
        raise Invalid(f"expected a SHA-256 digest (64 hexadecimal digits), got {describe(value)}")
    return value


def percent(value: Any) -> int:
    if type(value) is not int or not 0 <= value <= 100:
        got = "a whole number out of range" if type(value) is int else describe(value)
        raise Invalid(f"expected a whole number 0..100, got {got}")
    return value


def pseudonym(value: Any) -> str:
    if not isinstance(value, str) or not PSEUDONYM.fullmatch(value):
        raise Invalid(f"expected a pseudonym like anon-1, got {describe(value)}")
    return value


def filename(value: Any) -> str:
    """A bare file name (no folder): it is used to name a temporary copy of a workbook."""
    name = line(255)(value)
    if "/" in name or "\\" in name or name in (".", ".."):
        raise Invalid("expected a file name without a folder")
    return name


def blob(value: Any) -> bytes:
    if not isinstance(value, bytes | bytearray):
        raise Invalid(f"expected bytes (a workbook), got {describe(value)}")
    if len(value) > MAX_DOCUMENT:
        raise Invalid(f"expected at most {MAX_DOCUMENT} bytes, got {len(value)}")
    if not bytes(value).startswith(b"PK\x03\x04"):
        raise Invalid("expected an .xlsx workbook (a zip file)")
    return bytes(value)


def json_document(value: Any) -> Any:
    """JSON text within the size limit, parsed."""
    if not isinstance(value, str):
        raise Invalid(f"expected JSON text, got {describe(value)}")
    if len(value) > MAX_DOCUMENT:
        raise Invalid(f"expected at most {MAX_DOCUMENT} characters, got {len(value)}")
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        raise Invalid(f"expected JSON text, but it does not parse (line {exc.lineno}, column "
                      f"{exc.colno}: {exc.msg})") from None
    except (ValueError, RecursionError):
        raise Invalid("expected JSON text, but it nests too deeply or has a number too long") from None


# --- shapes inside JSON documents -----------------------------------------------------


def list_of_objects(value: Any, where: str) -> list[dict]:
    if not isinstance(value, list):
        raise Invalid(f"{where}: expected a list, got {describe(value)}")
    if len(value) > MAX_LIST:
        raise Invalid(f"{where}: expected at most {MAX_LIST} rows, got {len(value)}")
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise Invalid(f"{where}[{i}]: expected an object, got {describe(item)}")
    return value


def key_of(row: dict, key: str, check: Check, where: str, *, optional: bool = False) -> Any:
    if key not in row and optional:
        return None
    try:
        return check(row.get(key))
    except Invalid as exc:
        raise Invalid(f"{where}.{key}: {exc.message}") from None


def number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise Invalid(f"expected a number, got {describe(value)}")
    return value


def staff_rows(rows: Any, where: str = "staff") -> list[dict]:
    """People as rotas and units list them: objects whose id and name (if given) are one
    line of text and whose fte (if given) is a number."""
    list_of_objects(rows, where)
    for i, row in enumerate(rows):
        for key in ("id", "name"):
            if row.get(key) is not None:
                key_of(row, key, line(), f"{where}[{i}]")
        if row.get("fte") is not None:
            key_of(row, "fte", number, f"{where}[{i}]")
    return rows


def staff_list(value: Any) -> list[dict]:
    """``units.staff``: [{id, name, fte}] as the store keeps it per unit."""
    return staff_rows(json_document(value))


DIFF_KEYS = {"added": ("shift",), "removed": ("shift",), "changed": ("old", "new")}


def diff_document(value: Any) -> dict:
    """``changes.diff``: {added, removed, changed}: rows of staff, date and shift codes."""
    data = json_document(value)
    if not isinstance(data, dict):
        raise Invalid(f"expected a JSON object with added, removed and changed, got {describe(data)}")
    for key, shift_keys in DIFF_KEYS.items():
        for i, row in enumerate(list_of_objects(data.get(key), key)):
            where = f"{key}[{i}]"
            key_of(row, "staff", line(), where)
            key_of(row, "date", date, where)
            for k in shift_keys:
                key_of(row, k, line(), where)
    return data


def rota_shape(data: Any, where: str = "content") -> dict:
    """A rota.json as the store relies on it: loads with ``Rota.from_json`` and its lists
    (staff, shifts, absences, coverage, violations) hold objects; absences have a person,
    dates and a percent the change log can register."""
    if not isinstance(data, dict):
        raise Invalid(f"{where}: expected a rota.json object, got {describe(data)}")
    for key in ("solver", "rules"):
        if data.get(key) and not isinstance(data[key], dict):
            raise Invalid(f"{where}.{key}: expected an object, got {describe(data[key])}")
    for key in ("shifts", "staff", "absences", "coverage", "violations"):
        if data.get(key):
            list_of_objects(data[key], f"{where}.{key}")
    if data.get("scenario") is not None:
        key_of(data, "scenario", text(), where)
    try:
        Rota.from_json(data, source=where)
    except RotaFileError as exc:
        raise Invalid(f"not a valid rota.json ({exc})") from None
    staff_rows(data.get("staff") or [], f"{where}.staff")
    for i, row in enumerate(data["assignments"]):
        key_of(row, "staff", line(), f"{where}.assignments[{i}]")
        key_of(row, "shift", line(), f"{where}.assignments[{i}]")
    for i, row in enumerate(data.get("absences") or []):
        at = f"{where}.absences[{i}]"
        key_of(row, "staff", line(), at)
        start, end = key_of(row, "start", date, at), key_of(row, "end", date, at)
        if end < start:
            raise Invalid(f"{at}: the end date is before the start date")
        key_of(row, "kind", line(50), at, optional=True)
        pct = row.get("percent")
        if pct is not None and (isinstance(pct, bool) or not isinstance(pct, int | float)
                                or not 0 <= pct <= 100):
            raise Invalid(f"{at}.percent: expected a number 0..100")
    return data


def rota_document(value: Any) -> dict:
    """``rotas.content``: a rota.json (parsed, shape checked)."""
    return rota_shape(json_document(value))


def scenario_data(fmt: str, value: Any) -> dict:
    """A stored scenario text (TOML or JSON) parses to a table whose staff, absences and
    wishes are lists of tables (what planning and ``forget`` read)."""
    try:
        document_text(value)
    except Invalid as exc:
        raise Invalid(exc.message, "text") from None
    if fmt == "toml":
        try:
            data: Any = tomllib.loads(value)
        except (tomllib.TOMLDecodeError, RecursionError) as exc:
            raise Invalid(f"expected scenario TOML text, but it does not parse ({exc})", "text") from None
    else:
        try:
            data = json_document(value)
        except Invalid as exc:
            raise Invalid(exc.message, "text") from None
    if not isinstance(data, dict):
        raise Invalid(f"expected a scenario (a table), got {describe(data)}", "text")
    for key in ("staff", "absences", "wishes"):
        if key in data:
            try:
                list_of_objects(data[key], key)
            except Invalid as exc:
                raise Invalid(exc.message, "text") from None
    return data


# --- tables ---------------------------------------------------------------------------

Column = tuple[Check, bool]
"""A column's check and whether it may be null."""

COLUMNS: dict[str, dict[str, Column]] = {
    "units": {
        "id": (row_id, False), "name": (line(), False), "service": (text(), False),
        "staff": (staff_list, False), "created_at": (timestamp, False),
    },
    "scenarios": {
        "id": (row_id, False), "unit_id": (row_id, False), "sha256": (sha256_hex, False),
        "format": (one_of("toml", "json", "xlsx"), False), "text": (document_text, True),
        "data": (blob, True), "filename": (filename, True), "created_at": (timestamp, False),
    },
    "rotas": {
        "id": (row_id, False), "unit_id": (row_id, False), "scenario_id": (row_id, True),
        "status": (one_of("draft", "published", "superseded"), False), "start_date": (date, False),
        "end_date": (date, False), "content": (rota_document, False), "sha256": (sha256_hex, False),
        "created_at": (timestamp, False), "created_by": (line(), False),
        "published_at": (timestamp, True), "published_by": (line(), True),
        "superseded_at": (timestamp, True), "superseded_by": (row_id, True), "note": (text(), True),
    },
    "absences": {
        "id": (row_id, False), "unit_id": (row_id, False), "rota_id": (row_id, True),
        "staff": (line(), False), "start_date": (date, False), "end_date": (date, False),
        "kind": (line(50), False), "percent": (percent, False), "registered_at": (timestamp, False),
        "registered_by": (line(), False),
    },
    "changes": {
        "id": (row_id, False), "unit_id": (row_id, False), "rota_id": (row_id, False),
        "replaces_id": (row_id, True), "action": (one_of("publish", "replan"), False),
        "at": (timestamp, False), "user": (line(), False), "summary": (text(), False),
        "diff": (diff_document, False),
    },
    "forgotten": {
        "id": (row_id, False), "unit_id": (row_id, False), "pseudonym": (pseudonym, False),
        "at": (timestamp, False), "user": (line(), False),
    },
}
BLOB_COLUMNS = {("scenarios", "data")}
"""Columns a backup writes as {"base64": ...}."""


def check_cell(table: str, column: str, value: Any) -> Any:
    """The value checked (and parsed: dates, JSON documents); raises ``Invalid``."""
    check, nullable = COLUMNS[table][column]
    if value is None:
        if nullable:
            return None
        raise Invalid("expected a value, got null", column)
    try:
        return check(value)
    except Invalid as exc:
        raise Invalid(exc.message, column) from None


def check_row(table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """Every column of ``row`` this module knows, checked and parsed, then the row as a
    whole (only the parts whose columns are present: reads select a few columns)."""
    values = dict(row)  # also takes a sqlite3.Row (which iterates over values, not keys)
    parsed = {col: check_cell(table, col, value) for col, value in values.items() if col in COLUMNS[table]}
    ROW_CHECKS.get(table, lambda p, r: None)(parsed, values)
    return parsed


def _period_in_order(parsed: dict[str, Any]) -> None:
    start, end = parsed.get("start_date"), parsed.get("end_date")
    if start is not None and end is not None and end < start:
        raise Invalid("the end date is before the start date", "end_date")


def _rota_row(parsed: dict[str, Any], row: Mapping[str, Any]) -> None:
    _period_in_order(parsed)
    content = parsed.get("content")
    if content is not None:
        for col, key in (("start_date", "start"), ("end_date", "end")):
            if col in parsed and content.get(key) != row[col]:
                raise Invalid(f"the rota.json in column content covers another period than "
                              f"column {col} says", "content")


def _scenario_row(parsed: dict[str, Any], row: Mapping[str, Any]) -> None:
    fmt = parsed.get("format")
    if fmt is None or "text" not in row:
        return
    if fmt == "xlsx":
        if row["text"] is not None:
            raise Invalid("expected null for a workbook scenario (its bytes are in column data)", "text")
        return
    if row.get("data") is not None:
        raise Invalid(f"expected null for a {fmt.upper()} scenario (its text is in column text)", "data")
    scenario_data(fmt, row["text"])


ROW_CHECKS: dict[str, Callable[[dict[str, Any], Mapping[str, Any]], None]] = {
    "rotas": _rota_row,
    "absences": lambda parsed, row: _period_in_order(parsed),
    "scenarios": _scenario_row,
}


def decode_backup_cell(table: str, column: str, value: Any) -> Any:
    """A backup cell as stored: {"base64": ...} becomes bytes, only where bytes belong."""
    if isinstance(value, dict):
        if (table, column) not in BLOB_COLUMNS or set(value) != {"base64"} \
                or not isinstance(value["base64"], str):
            raise Invalid(f"expected {'base64 bytes or ' if (table, column) in BLOB_COLUMNS else ''}"
                          f"a plain value, got an object", column)
        try:
            return base64.b64decode(value["base64"], validate=True)
        except (binascii.Error, ValueError):
            raise Invalid("expected base64 text in {\"base64\": ...}", column) from None
    return value
