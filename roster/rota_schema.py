"""Checking a rota.json read back, field by field, before anything uses it.

A rota.json may have been written by another tool, edited by hand or damaged. Commands
read its ``staff``, ``shifts``, ``coverage``, ``absences``, ``violations``, ``solver`` and
the extra fields ``changes`` and ``service_level`` (summaries, the workbook, re-plans, the
app), so each of these is checked here for the type and the bounds of every value they
rely on, and a wrong one becomes a ``RotaFileError`` naming the field. Messages name the
field and the kind of value found, never the value itself: a rota carries sick leave.
Fields the contract (``ROTA_JSON.md``) does not define are kept as they are, once they are
known to nest at most 32 deep and to hold only finite numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from roster.errors import RotaFileError
from roster.input_files import control_char, describe, first_bad_value, is_number, shown

MAX_ROWS = 200_000          # rows in one list (assignments, coverage, ...)
MAX_ROTA_DAYS = 366         # the longest period a scenario may have
MIN_YEAR, MAX_YEAR = 1900, 2200
MAX_TEXT = 10_000           # characters of one text value
MAX_COUNT = 1_000_000       # counts of shifts, staff, openings
MAX_MAGNITUDE = 1e9         # hours, seconds, objective values: any sane size

Field = tuple[str, bool]  # (kind, required)
# kinds: id (text without control characters), text (free text), clock ("HH:MM" or null),
# date ("YYYY-MM-DD"), color ("#rrggbb" or null: it goes into a style sheet), bool,
# int (a whole number >= 0), number (finite), hours (0-24), percent (0-100),
# texts (list of ids), counts (object of whole numbers), opt_* (null allowed)
SHIFT_FIELDS: dict[str, Field] = {
    "code": ("id", True), "name": ("opt_text", False), "name_en": ("opt_text", False),
    "start": ("clock", False), "end": ("clock", False), "hours": ("hours", False),
    "kind": ("opt_id", False), "color": ("color", False),
    "ratio": ("opt_number", False), "active_hours": ("hours", False),
}
STAFF_FIELDS: dict[str, Field] = {
    "id": ("id", True), "name": ("text", False), "fte": ("number", False),
    "skills": ("texts", False), "role": ("opt_text", False), "may_work": ("texts", False),
    "target_hours": ("number", False), "min_hours": ("number", False),
    "max_hours": ("number", False), "planned_hours": ("number", False),
    "shifts": ("int", False), "evenings": ("int", False), "weekend_days": ("int", False),
    "weekends": ("int", False), "holidays": ("int", False), "holiday_periods": ("int", False),
}
ABSENCE_FIELDS: dict[str, Field] = {
    "staff": ("id", True), "start": ("date", True), "end": ("date", True),
    "kind": ("id", False), "percent": ("percent", False),
}
COVERAGE_FIELDS: dict[str, Field] = {
    "date": ("date", True), "shift": ("id", True), "min": ("int", True), "max": ("opt_int", False),
    "required": ("int", True), "assigned": ("int", True), "open": ("bool", True),
    "priority": ("id", True), "skills": ("counts", False), "day_type": ("opt_id", False),
}
VIOLATION_FIELDS: dict[str, Field] = {
    "rule": ("id", True), "detail": ("text", True), "detail_nb": ("text", False),
    "severity": ("severity", False), "staff": ("opt_id", False), "shift": ("opt_id", False),
    "date": ("opt_date", False), "start": ("opt_date", False), "end": ("opt_date", False),
}
STAGE_FIELDS: dict[str, Field] = {
    "stage": ("id", True), "status": ("id", True), "value": ("opt_number", False),
    "bound": ("opt_number", False), "gap": ("opt_number", False), "seconds": ("opt_number", False),
}
SOLVER_FIELDS: dict[str, Field] = {
    "name": ("opt_text", False), "seconds": ("opt_number", False), "gap": ("opt_number", False),
    "objective": ("opt_number", False), "message": ("opt_text", False),
    "solve_seconds": ("opt_number", False), "build_seconds": ("opt_number", False),
    "time_limit": ("opt_number", False),
}
CHANGE_FIELDS: dict[str, Field] = {
    "staff": ("id", True), "date": ("date", True), "before": ("opt_id", False),
    "after": ("opt_id", False),
}
SERVICE_FIELDS: dict[str, Field] = {
    "requirement": ("text", True), "shift": ("id", True), "unit": ("id", True),
    "target": ("text", True), "min_staff_if_open": ("int", True), "opened": ("int", True),
    "possible": ("int", False), "target_total": ("number", True), "rank": ("int", False),
}
PERIOD_FIELDS: dict[str, Field] = {
    "period": ("text", True), "target": ("number", True), "opened": ("int", True),
}
ASSIGNMENT_FIELDS: dict[str, Field] = {
    "staff": ("id", True), "date": ("date", True), "shift": ("id", True), "locked": ("bool", False),
}

_CLOCK = re.compile(r"([01]\d|2[0-4]):[0-5]\d")
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


class RotaReader:
    """Checks a rota.json's fields; every method raises RotaFileError naming the field."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, where: str, message: str) -> RotaFileError:
        return RotaFileError(f"{self.source}: {where}: {message}")

    # --- whole document ---------------------------------------------------------------
    def check_tree(self, data: Any) -> None:
        bad = first_bad_value(data)
        if bad:
            raise self.fail(*bad)

    def obj(self, value: Any, where: str) -> dict:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected an object, got {describe(value, json_words=True)}")
        return value

    def optional_obj(self, data: dict, key: str) -> dict:
        return {} if data.get(key) is None else dict(self.obj(data[key], key))

    def rows(self, data: dict, key: str, fields: dict[str, Field], where: str | None = None,
             *, required: bool = False) -> list[dict]:
        """A list of objects, each checked against ``fields``; copies, so defaults can be set."""
        where = where or key
        value = data.get(key)
        if value is None:
            if required:
                raise self.fail(where, "missing (required): expected an array of objects")
            return []
        if not isinstance(value, list):
            raise self.fail(where, f"expected an array of objects, got "
                                   f"{describe(value, json_words=True)}")
        if len(value) > MAX_ROWS:
            raise self.fail(where, f"at most {MAX_ROWS} rows, got {len(value)}")
        out = []
        for i, row in enumerate(value):
            at = f"{where}[{i}]"
            row = dict(self.obj(row, at))
            for name, (kind, needed) in fields.items():
                self.value(row, name, kind, f"{at}.{name}", needed)
            out.append(row)
        return out

    # --- one value --------------------------------------------------------------------
    def value(self, row: dict, key: str, kind: str, where: str, required: bool) -> None:
        if key not in row:
            if required:
                raise self.fail(where, "missing (required)")
            return
        v = row[key]
        if v is None and (kind.startswith("opt_") or kind in ("clock", "color")):
            return
        check = _KINDS[kind.removeprefix("opt_")]
        problem = check(v)
        if problem:
            raise self.fail(where, problem)

    def date(self, value: Any, where: str) -> dt.date:
        problem = _date(value)
        if problem:
            raise self.fail(where, problem)
        return dt.date.fromisoformat(value)


def _text(value: Any, *, free: bool = True) -> str | None:
    if not isinstance(value, str):
        return f"expected a string, got {describe(value, json_words=True)}"
    if len(value) > MAX_TEXT:
        return f"at most {MAX_TEXT} characters, got {len(value)}"
    bad = control_char(value, free_text=free)
    return f"contains the control character {bad}" if bad else None


def _id(value: Any) -> str | None:
    return _text(value, free=False)


def _number(value: Any, lo: float = -MAX_MAGNITUDE, hi: float = MAX_MAGNITUDE,
            integer: bool = False) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"expected a number, got {describe(value, json_words=True)}"
    if not is_number(value):
        return f"expected a finite number, got {describe(value)}"
    if integer and value != int(value):
        return "expected a whole number"
    if not lo <= value <= hi:
        return f"expected a number from {lo:g} to {hi:g}"
    return None


def _date(value: Any) -> str | None:
    expected = "expected a date like 2027-01-31"
    if not isinstance(value, str) or len(value) != 10:
        return f"{expected}, got {describe(value, json_words=True)}"
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return f"{expected} (not a valid date)"
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        return f"the year is out of range (expected {MIN_YEAR}-{MAX_YEAR})"
    return None


def _clock(value: Any) -> str | None:
    if isinstance(value, str) and _CLOCK.fullmatch(value) and value <= "24:00":
        return None
    return f"expected a time like 08:00 or null, got {describe(value, json_words=True)}"


def _color(value: Any) -> str | None:
    if isinstance(value, str) and _COLOR.fullmatch(value):
        return None
    return f"expected a colour like #cfe2f3 or null, got {describe(value, json_words=True)}"


def _bool(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    return f"expected true or false, got {describe(value, json_words=True)}"


def _severity(value: Any) -> str | None:
    if value in ("error", "warning"):
        return None
    return 'expected "error" or "warning"'


def _texts(value: Any) -> str | None:
    if not isinstance(value, list) or len(value) > MAX_ROWS:
        return f"expected an array of strings, got {describe(value, json_words=True)}"
    return next((f"item {i + 1}: {p}" for i, v in enumerate(value) if (p := _id(v))), None)


def _counts(value: Any) -> str | None:
    if not isinstance(value, dict):
        return f"expected an object of whole numbers, got {describe(value, json_words=True)}"
    for k, v in value.items():
        problem = _id(k) or _number(v, 0, MAX_COUNT, integer=True)
        if problem:
            return f"entry '{shown(str(k))}': {problem}"
    return None


_KINDS: dict[str, Callable[[Any], str | None]] = {
    "id": _id, "text": _text, "number": _number, "date": _date, "clock": _clock, "bool": _bool,
    "color": _color,
    "int": lambda v: _number(v, 0, MAX_COUNT, integer=True),
    "hours": lambda v: _number(v, 0, 24), "percent": lambda v: _number(v, 0, 100),
    "severity": _severity, "texts": _texts, "counts": _counts,
}


def checked_fields(data: dict, source: str) -> dict[str, Any]:
    """The rota's fields, each checked (see the module docstring); raises RotaFileError.

    Returns ``start``, ``end``, ``assignments`` (checked rows) and the lists and objects
    ``Rota`` holds; a staff row without a name gets its id, an absence without a kind "other".
    """
    r = RotaReader(source)
    r.check_tree(data)
    start = r.date(data.get("start"), "start")
    end = r.date(data.get("end"), "end")
    if end < start:
        raise r.fail("end", "the end is before the start")
    if (end - start).days + 1 > MAX_ROTA_DAYS:
        raise r.fail("end", f"a rota covers at most {MAX_ROTA_DAYS} days")
    scenario = data.get("scenario", "")
    if scenario is not None and _text(scenario):
        raise r.fail("scenario", str(_text(scenario)))
    solver = r.optional_obj(data, "solver")
    for key, (kind, needed) in SOLVER_FIELDS.items():
        r.value(solver, key, kind, f"solver.{key}", needed)
    if "stages" in solver:
        solver["stages"] = r.rows(solver, "stages", STAGE_FIELDS, "solver.stages")
    staff = r.rows(data, "staff", STAFF_FIELDS)
    for row in staff:
        row.setdefault("name", row["id"])
    absences = r.rows(data, "absences", ABSENCE_FIELDS)
    for i, row in enumerate(absences):
        row.setdefault("kind", "other")
        if row["end"] < row["start"]:
            raise r.fail(f"absences[{i}].end", "the end is before the start")
    extra = {}
    if "changes" in data:
        extra["changes"] = r.rows(data, "changes", CHANGE_FIELDS)
    if "service_level" in data:
        levels = r.rows(data, "service_level", SERVICE_FIELDS)
        for i, row in enumerate(levels):
            row["periods"] = r.rows(row, "periods", PERIOD_FIELDS, f"service_level[{i}].periods")
        extra["service_level"] = levels
    if "unit" in data:
        r.value(data, "unit", "opt_text", "unit", False)
    return {
        "scenario": scenario or "", "start": start, "end": end, "solver": solver,
        "rules": r.optional_obj(data, "rules"),
        "assignments": r.rows(data, "assignments", ASSIGNMENT_FIELDS, required=True),
        "shifts": r.rows(data, "shifts", SHIFT_FIELDS), "staff": staff, "absences": absences,
        "coverage": r.rows(data, "coverage", COVERAGE_FIELDS),
        "violations": r.rows(data, "violations", VIOLATION_FIELDS), "extra": extra,
    }
