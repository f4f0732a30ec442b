"""The scenario as the app edits it: a plain dict of the TOML shape, validated by the real loader.

The app never builds a ``Scenario`` by hand: every edit changes the dict, and
``validate`` runs ``roster.scenario_load.build_scenario`` on it, returning the problems
keyed by the section, row and field they concern so the page can show each one next to
its field.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from roster.errors import Problem, ScenarioError
from roster.input_files import parse_toml
from roster.resources import examples
from roster.rulepack import flatten_rules, load_rule_pack
from roster.rules.catalogue import param, scenario_params
from roster.rules.params import Kind, Param
from roster.scenario import DUTY_KINDS, SHIFT_KIND_ALIASES, Scenario
from roster.scenario_load import build_scenario, path_str

EDITABLE = (Kind.INT, Kind.NUMBER, Kind.BOOL, Kind.CHOICE)
"""Kinds of rule value the rules editor offers (tables and lists stay in the file)."""

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
"""Uploads above 2 MB are refused: a scenario is a few kilobytes."""



class UploadRefused(Exception):
    """An upload the app will not read; the message says why, for the unit leader."""


@dataclass(frozen=True)
class FieldProblem:
    """One validation problem and where it belongs: section, row (0-based) and key."""

    section: str
    row: int | None
    key: str | None
    where: str
    message: str


@dataclass
class Validation:
    scenario: Scenario | None
    problems: list[FieldProblem] = field(default_factory=list)

    def for_section(self, section: str) -> list[FieldProblem]:
        return [p for p in self.problems if p.section == section]


class _RecordingLocator:
    """A locator for ``build_scenario`` that remembers the key path behind each location."""

    def __init__(self) -> None:
        self.paths: dict[str, tuple] = {}

    def __call__(self, path: tuple) -> str:
        where = path_str(path)
        self.paths[where] = tuple(path)
        return where


def _field_problem(p: Problem, paths: dict[str, tuple]) -> FieldProblem:
    path = paths.get(p.where, ())
    section = str(path[0]) if path and isinstance(path[0], str) else "scenario"
    row = path[1] if len(path) > 1 and isinstance(path[1], int) else None
    key_at = 2 if row is not None else 1
    key = path[key_at] if len(path) > key_at and isinstance(path[key_at], str) else None
    return FieldProblem(section=section, row=row, key=key, where=p.where, message=p.message)


def validate(data: dict) -> Validation:
    """Run the real validator; never raises for bad data."""
    locate = _RecordingLocator()
    try:
        return Validation(build_scenario(data, source="app", locate=locate))
    except ScenarioError as exc:
        return Validation(None, [_field_problem(p, locate.paths) for p in exc.problems])


# --- loading ----------------------------------------------------------------------------


def load_example(name: str) -> dict:
    return tomllib.loads(examples()[name].read_text(encoding="utf-8"))


def read_upload(name: str, raw: bytes) -> dict:
    """A scenario dict from uploaded bytes (.toml, or .xlsx through roster.excel).

    Raises ``UploadRefused`` with a reason for an oversized, empty, unknown or malformed
    file. Validation of the content itself is ``validate``'s job.
    """
    size = len(raw)
    if size > MAX_UPLOAD_BYTES:
        raise UploadRefused(f"too_big:{size / 1024 / 1024:.1f}")
    if size == 0:
        raise UploadRefused("empty")
    suffix = Path(name).suffix.lower()
    if suffix == ".toml":
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise UploadRefused("not_utf8") from None
        # the loader's own guards: byte-order mark, nesting depth, over-long numbers
        return parse_toml(text, lambda msg: UploadRefused(f"bad_toml:{msg}"))
    if suffix in (".xlsx", ".xlsm"):
        return _read_workbook(raw, suffix)
    raise UploadRefused(f"bad_kind:{suffix or '?'}")


def _read_workbook(raw: bytes, suffix: str) -> dict:
    import tempfile
    import zipfile

    try:
        from roster.excel.scenario_workbook import read_scenario_workbook
    except ImportError:
        raise UploadRefused("no_excel") from None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(raw)
        if not zipfile.is_zipfile(path):
            raise UploadRefused("bad_xlsx:not an Excel workbook")
        try:
            data, locate = read_scenario_workbook(path)
            # validate against the workbook itself, so problems name the sheet, row and column
            build_scenario(data, source=f"upload{suffix}", locate=locate)
        except ScenarioError as exc:
            raise UploadRefused("bad_xlsx:" + "; ".join(f"{p.where}: {p.message}"
                                                        for p in exc.problems)) from None
        except Exception as exc:  # a broken workbook must be refused, not crash the page
            raise UploadRefused(f"bad_xlsx:{type(exc).__name__}") from None
    return data


# --- table views of the dict ------------------------------------------------------------


def _clean(value: Any) -> Any:
    """A data-editor cell as plain data: NaN/NaT/empty to None, timestamps to dates."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if hasattr(value, "to_pydatetime"):
        try:
            value = value.to_pydatetime()
        except ValueError:
            return None
    if isinstance(value, dt.datetime):
        return value.date()
    if type(value).__name__ == "NaTType":
        return None
    if hasattr(value, "item") and not isinstance(value, (dt.date, str)):
        return value.item()  # numpy scalar
    return value


def _skills_text(skills: Any) -> str:
    if isinstance(skills, (list, tuple)):
        return ", ".join(str(s) for s in skills)
    return str(skills or "")


def _skills_list(text: Any) -> list[str]:
    text = _clean(text)
    if text is None:
        return []
    if isinstance(text, (list, tuple)):
        return [str(s).strip() for s in text if str(s).strip()]
    return [s.strip() for s in str(text).replace(";", ",").split(",") if s.strip()]


def _entries(data: dict, key: str) -> list[dict]:
    """The tables of a section as the page views read them: an uploaded file may hold
    anything (the validator names what is wrong), so entries that are not tables, and a
    section that is not a list, are left out rather than crash a view."""
    items = data.get(key) if isinstance(data, dict) else None
    return [e for e in items if isinstance(e, dict)] if isinstance(items, list) else []


def _finite(value: Any) -> float | None:
    """A number a view can show, else None (NaN, infinity, text, booleans)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def _whole(value: Any, default: int) -> int:
    number = _finite(value)
    return int(number) if number is not None and abs(number) < 1e9 else default


STAFF_COLUMNS = ("id", "name", "fte", "skills", "role")


def staff_table(data: dict) -> list[dict]:
    """One row per person for the table editor: stillingsprosent in % (``pct``, 80 for an
    FTE of 0.8), skills as comma-separated text."""
    rows = []
    for p in _entries(data, "staff"):
        fte = _finite(p.get("fte"))
        pct = _finite(p.get("stillingsprosent"))
        if fte is None and pct is not None:
            fte = pct / 100
        if p.get("fte") is None and p.get("stillingsprosent") is None:
            fte = 1.0
        rows.append({"id": p.get("id"), "name": p.get("name"),
                     "pct": round(fte * 100, 2) if fte is not None else None,
                     "skills": _skills_text(p.get("skills")), "role": p.get("role")})
    return rows


def _fte_of(row: dict) -> Any:
    """The FTE of an edited staff row: from the % column (``pct``), else ``fte``."""
    pct = _clean(row.get("pct"))
    if pct is not None:
        try:
            return round(float(pct) / 100, 4)
        except (TypeError, ValueError):
            return pct  # the validator names it
    return _clean(row.get("fte"))


def with_staff(data: dict, rows: list[dict]) -> dict:
    """The dict with its staff replaced by the edited rows; other keys of a row kept by id."""
    out = copy.deepcopy(data)
    old = {p.get("id"): p for p in _entries(data, "staff")}
    staff = []
    for row in rows:
        fte = _fte_of(row)
        row = {k: _clean(v) for k, v in row.items() if k != "pct"}
        row["fte"] = fte
        if all(row.get(k) is None for k in STAFF_COLUMNS):
            continue  # an empty row the editor added
        entry = {k: v for k, v in copy.deepcopy(old.get(row.get("id"), {})).items()
                 if k not in STAFF_COLUMNS and k != "stillingsprosent"}
        for k in ("id", "name", "fte", "role"):
            if row.get(k) is not None:
                entry[k] = row[k]
        entry["skills"] = _skills_list(row.get("skills"))
        staff.append(entry)
    out["staff"] = staff
    return out


ABSENCE_COLUMNS = ("staff", "start", "end", "kind", "percent")


def _as_date(v: Any) -> Any:
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            return v
    return v


def absence_table(data: dict) -> list[dict]:
    return [{"staff": a.get("staff"), "start": _as_date(a.get("start")),
             "end": _as_date(a.get("end", a.get("start"))), "kind": a.get("kind", "vacation"),
             "percent": a.get("percent", 100)} for a in _entries(data, "absences")]


def _with_rows(data: dict, key: str, columns: tuple[str, ...], rows: list[dict]) -> dict:
    """The dict with the list ``key`` replaced by the table's rows (empty rows and cells dropped)."""
    out = copy.deepcopy(data)
    items = []
    for row in rows:
        row = {k: _clean(row.get(k)) for k in columns}
        if all(v is None for v in row.values()):
            continue
        items.append({k: v for k, v in row.items() if v is not None})
    out[key] = items
    return out


def with_absences(data: dict, rows: list[dict]) -> dict:
    return _with_rows(data, "absences", ABSENCE_COLUMNS, rows)


WISH_COLUMNS = ("staff", "kind", "start", "end", "shift", "weight")


def wish_table(data: dict) -> list[dict]:
    rows = []
    for w in _entries(data, "wishes"):
        start = _as_date(w.get("date", w.get("start")))
        rows.append({"staff": w.get("staff"), "kind": w.get("kind"), "start": start,
                     "end": _as_date(w.get("end", start)), "shift": w.get("shift"),
                     "weight": w.get("weight", 1.0)})
    return rows


def with_wishes(data: dict, rows: list[dict]) -> dict:
    return _with_rows(data, "wishes", WISH_COLUMNS, rows)


def add_absence(data: dict, staff: str, start: dt.date, end: dt.date, kind: str = "sick") -> dict:
    """The dict with one more absence (for 'mark someone sick')."""
    return add_absences(data, [{"staff": staff, "start": start, "end": end, "kind": kind}])


def add_absences(data: dict, rows: list[dict]) -> dict:
    """The dict with several more absences (several people, each a date range)."""
    out = copy.deepcopy(data)
    items = out.setdefault("absences", [])
    for r in rows:
        items.append({"staff": r["staff"], "start": r["start"], "end": r["end"],
                      "kind": r.get("kind", "sick")})
    return out


def relabel(rows: list[dict], column: str, mapping: dict[str, str]) -> list[dict]:
    """Rows with one column's values mapped (codes to the page's words, or back)."""
    out = []
    for r in rows:
        r = dict(r)
        v = r.get(column)
        if isinstance(v, str) and v in mapping:
            r[column] = mapping[v]
        out.append(r)
    return out


# --- service levels ---------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceRow:
    """A service requirement as the service-level controls show it."""

    index: int
    label: str
    shift: str
    unit: str
    min_staff: int
    always: bool
    count: int
    per: str


def service_rows(data: dict) -> list[ServiceRow]:
    rows = []
    coverage = data.get("coverage") if isinstance(data.get("coverage"), list) else []
    for i, c in enumerate(coverage):
        if not isinstance(c, dict) or c.get("priority") != "service":
            continue
        target = c.get("open", "always")
        always = not isinstance(target, dict)
        mn = c.get("min_staff_if_open", c.get("min_staff", c.get("staff", 1)))
        rows.append(ServiceRow(
            index=i, label=str(c.get("label") or c.get("shift")), shift=str(c.get("shift")),
            unit=str(c.get("unit", "day")), min_staff=_whole(mn, 1) or 1, always=always,
            count=0 if always else _whole(target.get("count", 0), 0),
            per="week" if always else str(target.get("per", "week"))))
    return rows


def with_service(data: dict, index: int, *, min_staff: int, always: bool, count: int = 0,
                 per: str = "week") -> dict:
    """The dict with one service requirement's minimum and opening target changed."""
    out = copy.deepcopy(data)
    c = out["coverage"][index]
    for k in ("min_staff", "staff"):
        c.pop(k, None)
    c["min_staff_if_open"] = int(min_staff)
    if c.get("max_staff") is not None and c["max_staff"] < min_staff:
        c["max_staff"] = int(min_staff)
    c["open"] = "always" if always else {"count": int(count), "per": per}
    return out


# --- rule values ------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleRow:
    """One rule value as the rules editor shows it: every parameter the rule catalogue offers."""

    param: Param
    value: Any
    """The scenario's own value, else the rule pack's (0 = off where the rule allows it)."""


def rule_rows(data: dict) -> list[RuleRow]:
    """The scenario-wide rule values, in catalogue order, read from ``[rules]`` or the pack."""
    own = flatten_rules(data.get("rules") or {}) if isinstance(data.get("rules"), dict) else {}
    pack = load_rule_pack()
    rows = []
    for p in scenario_params():
        if p.offered and p.kind in EDITABLE:
            value = own.get(p.key, pack.get(p.key, p.default))
            rows.append(RuleRow(p, 0 if value is None and p.zero_is_off else value))
    return rows


def with_rule(data: dict, key: str, value: Any) -> dict:
    """The dict with one ``[rules]`` value set (where the scenario already writes it)."""
    out = copy.deepcopy(data)
    rules = out.setdefault("rules", {})
    contract = rules.get("contract")
    target = contract if isinstance(contract, dict) and key in contract else rules
    kind = param(key).kind
    target[key] = int(value) if kind is Kind.INT else float(value) if kind is Kind.NUMBER else value
    return out


def holiday_shifts(data: dict) -> list[tuple[int, str, float]]:
    """(index, code, paid hours) of the shifts that run on public holidays (not passive duty:
    its hours are counted from the clock at a ratio, and a stated number would replace it)."""
    out = []
    shifts = data.get("shifts") if isinstance(data.get("shifts"), list) else []
    for i, s in enumerate(shifts):
        if not isinstance(s, dict) or s.get("kind") in (*DUTY_KINDS, *SHIFT_KIND_ALIASES):
            continue
        days = s.get("days") if isinstance(s.get("days"), list) else []
        if "holiday" in days:
            hours = _finite(s.get("hours"))
            minutes = _finite(s.get("minutes"))
            if hours is None and minutes is not None:
                hours = minutes / 60
            out.append((i, str(s.get("code")), hours if hours is not None else 0.0))
    return out


def with_shift_hours(data: dict, index: int, hours: float) -> dict:
    out = copy.deepcopy(data)
    s = out["shifts"][index]
    s.pop("minutes", None)
    s["hours"] = float(hours)
    return out


def staff_ids(data: dict) -> list[str]:
    return [str(p.get("id")) for p in _entries(data, "staff") if p.get("id")]


def staff_names(data: dict) -> dict[str, str]:
    return {str(p.get("id")): str(p.get("name") or p.get("id")) for p in _entries(data, "staff")
            if p.get("id")}


def apply_editor_delta(rows: list[dict], delta: dict) -> list[dict]:
    """Rows after a ``st.data_editor`` change set (edited_rows, added_rows, deleted_rows)."""
    out = [dict(r) for r in rows]
    for idx, change in (delta.get("edited_rows") or {}).items():
        i = int(idx)
        if 0 <= i < len(out):
            out[i].update(change)
    deleted = {int(i) for i in delta.get("deleted_rows") or []}
    out = [r for i, r in enumerate(out) if i not in deleted]
    out += [dict(r) for r in delta.get("added_rows") or []]
    return out
