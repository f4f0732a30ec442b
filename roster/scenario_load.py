"""Load and validate a scenario file, reporting every problem at once.

``load_scenario`` reads TOML (or an ``.xlsx`` scenario workbook through ``roster.excel``)
into a plain dict; ``build_scenario`` turns that dict into an immutable ``Scenario`` or
raises ``ScenarioError`` listing each problem with its file, location and expectation.
The format is documented in ``docs/scenario-format.md``.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from roster.errors import Problem, ScenarioError
from roster.rulepack import DEFAULT_RULE_PACK, RULE_KEYS, flatten_rules, load_rule_pack
from roster.scenario import (
    ABSENCE_KINDS,
    DAY_TYPES,
    MINUTES_PER_DAY,
    OPEN_PER,
    OPEN_UNITS,
    PRIORITIES,
    SHIFT_KINDS,
    TURNUS_TYPES,
    WISH_KINDS,
    Absence,
    CalendarConfig,
    Lock,
    OpenTarget,
    Requirement,
    Rules,
    Scenario,
    ShiftType,
    Staff,
    StaffRules,
    Wish,
    frozen_map,
)

Path_ = tuple[str | int, ...]
Locator = Callable[[Path_], str]

TOP_KEYS = {
    "scenario", "period", "calendar", "rules", "objective", "shifts", "staff",
    "coverage", "absences", "wishes", "locked", "extra",
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAYS_NB = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
OFF_CODES = {"", "-", "off", "fri", "F"}
MAX_PERIOD_DAYS = 366


def path_str(path: Path_) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f" #{part + 1}"
        else:
            out += ("." if out and not out.endswith(" ") else "") + part if out else part
    return out.replace(" #", "#").replace("#", " #").strip()


class TomlLocator:
    """Finds the line of a key path in TOML text (``[[staff]]`` entry 3, key ``fte``)."""

    def __init__(self, text: str):
        self.lines = text.splitlines()

    def _header_lines(self, table: str) -> list[int]:
        pat = re.compile(r"^\s*\[\[\s*" + re.escape(table) + r"\s*\]\]")
        return [i for i, line in enumerate(self.lines) if pat.match(line)]

    def _key_line(self, key: str, start: int, stop: int) -> int | None:
        pat = re.compile(r"^\s*" + re.escape(key) + r"\s*=")
        for i in range(start, min(stop, len(self.lines))):
            if pat.match(self.lines[i]):
                return i
        return None

    def __call__(self, path: Path_) -> str:
        where = path_str(path)
        line: int | None = None
        if len(path) >= 2 and isinstance(path[0], str) and isinstance(path[1], int):
            heads = self._header_lines(path[0])
            if path[1] < len(heads):
                start = heads[path[1]]
                nxt = [i for i, s in enumerate(self.lines) if i > start and s.lstrip().startswith("[")]
                stop = nxt[0] if nxt else len(self.lines)
                line = start
                if len(path) >= 3 and isinstance(path[2], str):
                    line = self._key_line(path[2], start + 1, stop) or start
        elif len(path) >= 2 and isinstance(path[0], str) and isinstance(path[1], str):
            pat = re.compile(r"^\s*\[\s*" + re.escape(path[0]) + r"\s*\]")
            heads = [i for i, s in enumerate(self.lines) if pat.match(s)]
            if heads:
                nxt = [i for i, s in enumerate(self.lines) if i > heads[0] and s.lstrip().startswith("[")]
                stop = nxt[0] if nxt else len(self.lines)
                line = self._key_line(path[1], heads[0] + 1, stop) or heads[0]
        return f"line {line + 1} ({where})" if line is not None else where


def plain_locator(path: Path_) -> str:
    return path_str(path)


# --------------------------------------------------------------------------------------
# small typed readers that record a problem and return None instead of raising


class Reader:
    def __init__(self, source: str, locate: Locator):
        self.source = source
        self.locate = locate
        self.problems: list[Problem] = []

    def problem(self, path: Path_, message: str) -> None:
        self.problems.append(Problem(self.source, self.locate(path), message))

    def table(self, data: Any, path: Path_) -> dict:
        if data is None:
            return {}
        if not isinstance(data, dict):
            self.problem(path, f"expected a table, got {type(data).__name__}")
            return {}
        return data

    def array(self, data: Any, path: Path_) -> list:
        if data is None:
            return []
        if not isinstance(data, list):
            self.problem(path, f"expected a list, got {type(data).__name__}")
            return []
        return data

    def known_keys(self, data: dict, allowed: set[str], path: Path_) -> None:
        for key in data:
            if key not in allowed:
                hint = ", ".join(sorted(allowed))
                self.problem((*path, key), f"unknown key '{key}' (expected one of: {hint})")

    def string(self, data: dict, key: str, path: Path_, *, required: bool = False,
               choices: tuple[str, ...] | None = None, default: str | None = None) -> str | None:
        if key not in data or data[key] is None:
            if required:
                self.problem((*path, key), "missing (required)")
            return default
        value = data[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.problem((*path, key), f"expected text, got {type(value).__name__}")
            return default
        value = value.strip()
        if required and not value:
            self.problem((*path, key), "must not be empty")
            return default
        if choices is not None and value not in choices:
            self.problem((*path, key), f"'{value}' is not one of: {', '.join(choices)}")
            return default
        return value

    def number(self, data: dict, key: str, path: Path_, *, required: bool = False,
               default: float | None = None, minimum: float | None = None,
               maximum: float | None = None, integer: bool = False) -> float | None:
        if key not in data or data[key] is None:
            if required:
                self.problem((*path, key), "missing (required)")
            return default
        value = data[key]
        if isinstance(value, str):
            try:
                value = float(value.replace(",", "."))
            except ValueError:
                self.problem((*path, key), f"expected a number, got '{value}'")
                return default
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem((*path, key), f"expected a number, got {type(value).__name__}")
            return default
        if integer and value != int(value):
            self.problem((*path, key), f"expected a whole number, got {value}")
            return default
        if minimum is not None and value < minimum:
            self.problem((*path, key), f"must be at least {minimum:g}, got {value:g}")
            return default
        if maximum is not None and value > maximum:
            self.problem((*path, key), f"must be at most {maximum:g}, got {value:g}")
            return default
        return int(value) if integer else float(value)

    def boolean(self, data: dict, key: str, path: Path_, default: bool) -> bool:
        if key not in data:
            return default
        if not isinstance(data[key], bool):
            self.problem((*path, key), "expected true or false")
            return default
        return data[key]

    def date(self, value: Any, path: Path_) -> dt.date | None:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.problem(path, f"expected a date like 2027-01-31, got {value!r}")
        return None

    def date_key(self, data: dict, key: str, path: Path_, *, required: bool = True) -> dt.date | None:
        if key not in data:
            if required:
                self.problem((*path, key), "missing (required)")
            return None
        return self.date(data[key], (*path, key))

    def clock(self, data: dict, key: str, path: Path_) -> int | None:
        """A wall-clock time 'HH:MM' as minutes after midnight ('24:00' allowed as end)."""
        if key not in data:
            return None
        value = data[key]
        if isinstance(value, dt.time):
            return value.hour * 60 + value.minute
        if isinstance(value, str):
            m = re.fullmatch(r"(\d{1,2})[:.](\d{2})", value.strip())
            if m:
                h, mnt = int(m.group(1)), int(m.group(2))
                if (0 <= h < 24 and 0 <= mnt < 60) or (h == 24 and mnt == 0):
                    return h * 60 + mnt
        self.problem((*path, key), f"expected a time like 08:00, got {value!r}")
        return None

    def string_list(self, data: dict, key: str, path: Path_,
                    choices: tuple[str, ...] | None = None) -> tuple[str, ...]:
        raw = data.get(key)
        if raw is None:
            return ()
        if isinstance(raw, str):
            raw = [s for s in re.split(r"[,;]\s*", raw) if s.strip()]
        if not isinstance(raw, list):
            self.problem((*path, key), "expected a list of text values")
            return ()
        out: list[str] = []
        for i, item in enumerate(raw):
            if not isinstance(item, str):
                self.problem((*path, key, i), f"expected text, got {item!r}")
                continue
            item = item.strip()
            if choices is not None and item not in choices:
                self.problem((*path, key), f"'{item}' is not one of: {', '.join(choices)}")
                continue
            out.append(item)
        return tuple(out)


# --------------------------------------------------------------------------------------


def load_scenario(path: str | Path, *, rule_pack: str | Path = DEFAULT_RULE_PACK) -> Scenario:
    """Read a scenario from ``.toml`` or ``.xlsx`` and validate it."""
    path = Path(path)
    source = str(path)
    if not path.exists():
        raise ScenarioError([Problem(source, "", "file not found")])
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from roster.excel.scenario_workbook import read_scenario_workbook

        data, locate = read_scenario_workbook(path)
        return build_scenario(data, source=source, locate=locate, rule_pack=rule_pack)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError([Problem(source, "", f"not UTF-8 text ({exc.reason})")]) from exc
    return loads_scenario(text, source=source, rule_pack=rule_pack)


def loads_scenario(text: str, *, source: str = "<scenario>",
                   rule_pack: str | Path = DEFAULT_RULE_PACK) -> Scenario:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError([Problem(source, "", f"not valid TOML: {exc}")]) from exc
    return build_scenario(data, source=source, locate=TomlLocator(text), rule_pack=rule_pack)


def build_scenario(data: dict, *, source: str = "<scenario>", locate: Locator = plain_locator,
                   rule_pack: str | Path = DEFAULT_RULE_PACK) -> Scenario:
    """Validate a scenario given as plain data and build it; raises ScenarioError."""
    r = Reader(source, locate)
    data = r.table(data, ())
    r.known_keys(data, TOP_KEYS, ())

    meta = r.table(data.get("scenario"), ("scenario",))
    r.known_keys(meta, {"name", "unit", "description", "municipality"}, ("scenario",))
    name = r.string(meta, "name", ("scenario",), default="") or Path(source).stem
    unit = r.string(meta, "unit", ("scenario",), default="") or name

    start, end = _period(r, r.table(data.get("period"), ("period",)))
    rules = _rules(r, r.table(data.get("rules"), ("rules",)), rule_pack)
    uses_eve = _mentions_eve(data)
    calendar = _calendar(r, r.table(data.get("calendar"), ("calendar",)), uses_eve)

    objective = r.table(data.get("objective"), ("objective",))
    r.known_keys(objective, {"mode"}, ("objective",))
    mode = r.string(objective, "mode", ("objective",), choices=("staged", "weighted"),
                    default="staged") or "staged"

    shifts = _shifts(r, r.array(data.get("shifts"), ("shifts",)), rules)
    codes = {s.code for s in shifts}
    staff = _staff(r, r.array(data.get("staff"), ("staff",)), codes)
    ids = {p.id for p in staff}
    skills_known = {sk for p in staff for sk in p.skills}
    reqs = _coverage(r, r.array(data.get("coverage"), ("coverage",)), shifts, skills_known,
                     start, end)
    absences = _absences(r, r.array(data.get("absences"), ("absences",)), ids)
    wishes = _wishes(r, r.array(data.get("wishes"), ("wishes",)), ids, codes)
    locks = _locks(r, r.array(data.get("locked"), ("locked",)), ids, codes, start, end)
    for i, (a, b) in enumerate(rules.forbidden_successions):
        for code in (a, b):
            if codes and code not in codes:
                r.problem(("rules", "forbidden_successions", i), f"unknown shift code '{code}'")

    if not shifts:
        r.problem(("shifts",), "at least one [[shifts]] entry is needed")
    if not staff:
        r.problem(("staff",), "at least one [[staff]] entry is needed")

    if r.problems:
        raise ScenarioError(r.problems)
    assert start is not None and end is not None
    return Scenario(
        name=name, unit=unit, start=start, end=end, shifts=tuple(shifts), staff=tuple(staff),
        requirements=tuple(reqs), rules=rules, absences=tuple(absences), wishes=tuple(wishes),
        locks=tuple(locks), calendar=calendar, objective_mode=mode, source=source,
        extra=frozen_map(r.table(data.get("extra"), ("extra",))),
    )


def _mentions_eve(data: dict) -> bool:
    for entry in list(data.get("coverage") or []) + list(data.get("shifts") or []):
        if isinstance(entry, dict):
            days = entry.get("days")
            if days == "eve" or (isinstance(days, list) and "eve" in days):
                return True
    return False


def _period(r: Reader, t: dict) -> tuple[dt.date | None, dt.date | None]:
    p: Path_ = ("period",)
    r.known_keys(t, {"start", "end", "month"}, p)
    if "month" in t:
        m = re.fullmatch(r"(\d{4})-(\d{2})", str(t["month"]).strip())
        if not m or not 1 <= int(m.group(2)) <= 12:
            r.problem((*p, "month"), f"expected a month like 2027-01, got {t['month']!r}")
            return None, None
        y, mo = int(m.group(1)), int(m.group(2))
        start = dt.date(y, mo, 1)
        end = (dt.date(y + (mo == 12), mo % 12 + 1, 1)) - dt.timedelta(days=1)
        return start, end
    if not t:
        r.problem(p, "missing: give [period] with start and end, or month = \"2027-01\"")
        return None, None
    start = r.date_key(t, "start", p)
    end = r.date_key(t, "end", p)
    if start and end:
        if end < start:
            r.problem((*p, "end"), f"end {end} is before start {start}")
            return None, None
        if (end - start).days + 1 > MAX_PERIOD_DAYS:
            r.problem((*p, "end"), f"a period is at most {MAX_PERIOD_DAYS} days")
            return None, None
    return start, end


OPTIONAL_INT_RULES = ("max_consecutive_days", "min_consecutive_days", "min_days_off",
                      "weekend_every", "max_weekends")
FLOAT_RULES = ("min_rest_hours", "weekly_rest_hours", "hours_tolerance", "max_shift_hours",
               "max_hours_per_7_days")


def _rules(r: Reader, t: dict, rule_pack: str | Path) -> Rules:
    """The rule pack's values, with the scenario's [rules] overrides on top."""
    p: Path_ = ("rules",)
    try:
        values = dict(load_rule_pack(rule_pack))
    except ScenarioError as exc:
        r.problems.extend(exc.problems)
        values = {}
    t = flatten_rules(t)
    r.known_keys(t, set(RULE_KEYS), p)
    for key, value in t.items():
        types = RULE_KEYS.get(key)
        if types is None:
            continue
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            r.problem((*p, key), f"expected {' or '.join(x.__name__ for x in types)}")
            continue
        values[key] = value
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        path = (*p, key)
        if key == "weekly_hours":
            wh = dict(Rules().weekly_hours)
            for k, v in value.items():
                if k not in TURNUS_TYPES or isinstance(v, bool) or not isinstance(v, (int, float)) \
                        or v <= 0:
                    r.problem((*path, k), f"expected one of {', '.join(TURNUS_TYPES)} with hours > 0")
                else:
                    wh[k] = float(v)
            kwargs[key] = frozen_map(wh)
        elif key == "forbidden_successions":
            kwargs[key] = _successions(r, value, path)
        elif key == "turnus_type":
            if value in TURNUS_TYPES:
                kwargs[key] = value
            else:
                r.problem(path, f"'{value}' is not one of: {', '.join(TURNUS_TYPES)}")
        elif key in OPTIONAL_INT_RULES:
            if value < 0:
                r.problem(path, "must be 0 (rule off) or more")
            else:
                kwargs[key] = value or None
        elif key in FLOAT_RULES:
            if value < 0:
                r.problem(path, "must not be negative")
            else:
                kwargs[key] = float(value) or (None if key.startswith("max_") else 0.0)
        else:
            kwargs[key] = value
    return Rules(**kwargs)


def _successions(r: Reader, value: list, path: Path_) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for i, pair in enumerate(value):
        if isinstance(pair, dict):
            frm, tos = pair.get("from"), pair.get("to")
            tos = [tos] if isinstance(tos, str) else tos
            if isinstance(frm, str) and isinstance(tos, list):
                pairs.extend((frm, str(to)) for to in tos)
                continue
        elif isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair):
            pairs.append((pair[0], pair[1]))
            continue
        r.problem((*path, i), 'expected ["FROM", "TO"] or {from = "N", to = ["D"]}')
    return tuple(pairs)


def _calendar(r: Reader, t: dict, uses_eve: bool) -> CalendarConfig:
    p: Path_ = ("calendar",)
    r.known_keys(t, {"country", "closed_days", "extra_holidays"}, p)
    # "" means no national holidays (benchmarks, tests); missing means Norway
    country = "NO" if "country" not in t else (r.string(t, "country", p, default="NO") or "")
    closed = []
    for i, v in enumerate(r.array(t.get("closed_days"), (*p, "closed_days"))):
        d = r.date(v, (*p, "closed_days", i))
        if d:
            closed.append(d)
    extra = {}
    for i, v in enumerate(r.array(t.get("extra_holidays"), (*p, "extra_holidays"))):
        if isinstance(v, dict):
            d = r.date_key(v, "date", (*p, "extra_holidays", i))
            if d:
                extra[d] = str(v.get("name", "Lokal fridag"))
        else:
            d = r.date(v, (*p, "extra_holidays", i))
            if d:
                extra[d] = "Lokal fridag"
    return CalendarConfig(country=country, closed_days=tuple(closed),
                          extra_holidays=frozen_map(extra), use_eves=uses_eve)


SHIFT_KEYS = {"code", "name", "name_nb", "name_en", "start", "end", "hours", "minutes",
              "break_minutes", "days", "kind", "color"}


def _shifts(r: Reader, items: list, rules: Rules) -> list[ShiftType]:
    out: list[ShiftType] = []
    seen: set[str] = set()
    for i, raw in enumerate(items):
        p: Path_ = ("shifts", i)
        t = r.table(raw, p)
        r.known_keys(t, SHIFT_KEYS, p)
        code = r.string(t, "code", p, required=True)
        if code and code in seen:
            r.problem((*p, "code"), f"shift code '{code}' is used twice")
        if code and code.lower() in OFF_CODES:
            r.problem((*p, "code"), f"'{code}' means a day off and cannot be a shift code")
        name_nb = r.string(t, "name", p) or r.string(t, "name_nb", p) or code or ""
        name_en = r.string(t, "name_en", p) or name_nb
        start = r.clock(t, "start", p)
        end = r.clock(t, "end", p)
        if ("start" in t) != ("end" in t):
            r.problem(p, "give both start and end, or neither")
        days = r.string_list(t, "days", p, choices=DAY_TYPES)
        duration = None
        if start is not None and end is not None:
            end_off = end if end > start else end + MINUTES_PER_DAY
            duration = end_off - start
        breaks = r.number(t, "break_minutes", p, default=0, minimum=0) or 0
        paid: int | None = None
        if "hours" in t:
            h = r.number(t, "hours", p, minimum=0.01, maximum=24)
            paid = round(h * 60) if h is not None else None
        elif "minutes" in t:
            mn = r.number(t, "minutes", p, minimum=1, maximum=MINUTES_PER_DAY, integer=True)
            paid = int(mn) if mn is not None else None
        elif duration is not None:
            paid = int(duration - breaks)
        else:
            r.problem(p, "give start and end times, or paid hours (hours = 7.5)")
        if paid is not None and duration is not None and paid > duration:
            r.problem((*p, "hours"), f"paid time {paid / 60:g} h is longer than the shift "
                      f"({duration / 60:g} h from start to end)")
        if (duration is not None and rules.max_shift_hours
                and duration > rules.max_shift_hours * 60 + 1e-9):
            r.problem((*p, "end"), f"the shift lasts {duration / 60:g} h; the rules allow at "
                      f"most {rules.max_shift_hours:g} h (AML § 10-5 (2))")
        default_kind = "day"
        if start is not None and end is not None:
            end_off = end if end > start else end + MINUTES_PER_DAY
            if end_off > MINUTES_PER_DAY + 60:
                default_kind = "night"
            elif end_off > 18 * 60:
                default_kind = "evening"
        kind = r.string(t, "kind", p, choices=SHIFT_KINDS, default=default_kind) or default_kind
        color = r.string(t, "color", p)
        if color and not re.fullmatch(r"#?[0-9a-fA-F]{6}", color):
            r.problem((*p, "color"), f"expected a colour like #cfe2f3, got '{color}'")
            color = None
        if code:
            seen.add(code)
        if code and paid is not None:
            out.append(ShiftType(code=code, name_nb=name_nb, name_en=name_en, start=start,
                                 end=end, paid_minutes=paid, days=days, kind=kind,
                                 color=("#" + color.lstrip("#")) if color else None))
    return out


STAFF_KEYS = {"id", "name", "fte", "stillingsprosent", "skills", "role", "cannot_work",
              "fixed_days_off", "weekdays_off", "rules"}
STAFF_RULE_KEYS = {"max_consecutive_days", "min_consecutive_days", "min_days_off",
                   "max_weekends", "weekend_every", "max_shifts", "min_hours", "max_hours",
                   "min_minutes", "max_minutes"}


def _staff(r: Reader, items: list, codes: set[str]) -> list[Staff]:
    out: list[Staff] = []
    seen: set[str] = set()
    for i, raw in enumerate(items):
        p: Path_ = ("staff", i)
        t = r.table(raw, p)
        r.known_keys(t, STAFF_KEYS, p)
        sid = r.string(t, "id", p, required=True)
        if sid and sid in seen:
            r.problem((*p, "id"), f"staff id '{sid}' is used twice")
        name = r.string(t, "name", p) or sid or ""
        if "fte" in t and "stillingsprosent" in t:
            r.problem(p, "give fte or stillingsprosent, not both")
        if "stillingsprosent" in t:
            pct = r.number(t, "stillingsprosent", p, minimum=0.01, maximum=100)
            fte = pct / 100 if pct is not None else None
        else:
            fte = r.number(t, "fte", p, default=1.0, minimum=0.0, maximum=1.0)
            if fte is not None and fte <= 0:
                r.problem((*p, "fte"), "must be above 0 (a stillingsprosent of 1-100 %)")
                fte = None
        skills = r.string_list(t, "skills", p)
        role = r.string(t, "role", p)
        cannot = r.string_list(t, "cannot_work", p)
        for c in cannot:
            if c not in codes:
                r.problem((*p, "cannot_work"), f"unknown shift code '{c}'")
        fixed = []
        for j, v in enumerate(r.array(t.get("fixed_days_off"), (*p, "fixed_days_off"))):
            d = r.date(v, (*p, "fixed_days_off", j))
            if d:
                fixed.append(d)
        wdays = []
        for w in r.string_list(t, "weekdays_off", p):
            wl = w.lower()
            if wl in WEEKDAYS:
                wdays.append(WEEKDAYS.index(wl))
            elif wl in WEEKDAYS_NB:
                wdays.append(WEEKDAYS_NB.index(wl))
            else:
                r.problem((*p, "weekdays_off"), f"'{w}' is not a weekday name (monday..sunday)")
        rules = _staff_rules(r, r.table(t.get("rules"), (*p, "rules")), (*p, "rules"), codes)
        if sid and fte is not None:
            seen.add(sid)
            out.append(Staff(id=sid, name=name, fte=fte, skills=skills, role=role,
                             cannot_work=cannot, fixed_days_off=tuple(fixed),
                             weekdays_off=tuple(sorted(set(wdays))), rules=rules))
    return out


def _staff_rules(r: Reader, t: dict, p: Path_, codes: set[str]) -> StaffRules:
    r.known_keys(t, STAFF_RULE_KEYS, p)
    ints = {}
    for key in ("max_consecutive_days", "min_consecutive_days", "min_days_off",
                "max_weekends", "weekend_every"):
        v = r.number(t, key, p, minimum=0, integer=True)
        ints[key] = int(v) if v is not None else None
    max_shifts = {}
    for code, v in r.table(t.get("max_shifts"), (*p, "max_shifts")).items():
        if code not in codes:
            r.problem((*p, "max_shifts", code), f"unknown shift code '{code}'")
        elif isinstance(v, bool) or not isinstance(v, int) or v < 0:
            r.problem((*p, "max_shifts", code), "expected a whole number, 0 or more")
        else:
            max_shifts[code] = v
    mins = {}
    for unit, factor in (("hours", 60), ("minutes", 1)):
        for side in ("min", "max"):
            v = r.number(t, f"{side}_{unit}", p, minimum=0)
            if v is not None:
                mins[side] = round(v * factor)
    if "min" in mins and "max" in mins and mins["min"] > mins["max"]:
        r.problem((*p, "max_hours"), "max is below min")
    return StaffRules(max_shifts=frozen_map(max_shifts), min_minutes=mins.get("min"),
                      max_minutes=mins.get("max"), **ints)


COVER_KEYS = {"shift", "days", "dates", "date", "min_staff_if_open", "min_staff", "staff",
              "max_staff", "priority", "open", "unit", "rank", "skills", "under_weight",
              "over_weight", "label"}


def _open_target(r: Reader, raw: Any, p: Path_) -> OpenTarget:
    if raw is None or raw == "always" or raw == "every":
        return OpenTarget()
    if isinstance(raw, dict):
        r.known_keys(raw, {"count", "per"}, p)
        count = r.number(raw, "count", p, required=True, minimum=0, integer=True)
        per = r.string(raw, "per", p, choices=OPEN_PER, default="week") or "week"
        return OpenTarget(always=False, count=int(count or 0), per=per)
    r.problem(p, 'expected "always" or a table like { count = 4, per = "week" }')
    return OpenTarget()


def _coverage(r: Reader, items: list, shifts: list[ShiftType], skills_known: set[str],
              start: dt.date | None, end: dt.date | None) -> list[Requirement]:
    out: list[Requirement] = []
    by_code = {s.code: s for s in shifts}
    claimed: dict[tuple[str, str], int] = {}
    claimed_dates: dict[tuple[str, dt.date], int] = {}
    for i, raw in enumerate(items):
        p: Path_ = ("coverage", i)
        t = r.table(raw, p)
        r.known_keys(t, COVER_KEYS, p)
        code = r.string(t, "shift", p, required=True)
        if code and code not in by_code:
            r.problem((*p, "shift"), f"unknown shift code '{code}' (known: {', '.join(by_code) or 'none'})")
        days = r.string_list(t, "days", p, choices=DAY_TYPES)
        dates: list[dt.date] = []
        raw_dates = t.get("dates", [t["date"]] if "date" in t else [])
        for j, v in enumerate(r.array(raw_dates, (*p, "dates"))):
            d = r.date(v, (*p, "dates", j))
            if d:
                dates.append(d)
        if not days and not dates:
            r.problem(p, "give days (weekday, saturday, sunday, holiday, eve) or dates")
        priority = r.string(t, "priority", p, choices=PRIORITIES, default="base") or "base"
        min_key = next((k for k in ("min_staff_if_open", "min_staff", "staff") if k in t),
                       "min_staff_if_open")
        lowest = 0 if priority == "soft" else 1
        mn = r.number(t, min_key, p, required=True, minimum=lowest, integer=True)
        mx = r.number(t, "max_staff", p, minimum=0, integer=True)
        if mn is not None and mx is not None and mx < mn:
            r.problem((*p, "max_staff"), f"max_staff {mx} is below the minimum {mn}")
        unit = r.string(t, "unit", p, choices=OPEN_UNITS, default="day") or "day"
        if unit == "weekend" and any(d not in ("saturday", "sunday") for d in days):
            r.problem((*p, "unit"), 'unit = "weekend" needs days = ["saturday", "sunday"] only')
        target = _open_target(r, t.get("open"), (*p, "open"))
        if priority != "service" and "open" in t:
            r.problem((*p, "open"), "an opening target only applies to priority = \"service\"")
        rank = r.number(t, "rank", p, default=i + 1, minimum=1, integer=True)
        skills = {}
        for sk, v in r.table(t.get("skills"), (*p, "skills")).items():
            if isinstance(v, bool) or not isinstance(v, int) or v < 1:
                r.problem((*p, "skills", sk), "expected a whole number of staff, 1 or more")
            elif sk not in skills_known:
                r.problem((*p, "skills", sk), f"skill '{sk}' is required but no staff member has it")
            else:
                skills[sk] = v
            if mn is not None and isinstance(v, int) and v > (mx or 10**6):
                r.problem((*p, "skills", sk), "more staff with the skill than max_staff allows")
        uw = r.number(t, "under_weight", p, default=1.0, minimum=0)
        ow = r.number(t, "over_weight", p, default=0.0, minimum=0)
        if code and code in by_code:
            shift = by_code[code]
            for d in days:
                if not shift.runs_on(d):
                    r.problem((*p, "days"), f"shift '{code}' does not run on {d} "
                              f"(its days: {', '.join(shift.days)})")
                other = claimed.get((code, d))
                if other is not None:
                    r.problem((*p, "days"), f"overlaps coverage #{other + 1}: both set shift "
                              f"'{code}' on {d}")
                claimed[(code, d)] = i
            for d in dates:
                other = claimed_dates.get((code, d))
                if other is not None:
                    r.problem((*p, "dates"), f"overlaps coverage #{other + 1}: both set shift "
                              f"'{code}' on {d}")
                claimed_dates[(code, d)] = i
                if start and end and not start <= d <= end:
                    r.problem((*p, "dates"), f"{d} is outside the period {start}..{end}")
        if code and code in by_code and mn is not None:
            out.append(Requirement(
                index=i, shift=code, days=days, dates=tuple(dates), min_staff_if_open=int(mn),
                max_staff=int(mx) if mx is not None else None, priority=priority, open=target,
                unit=unit, rank=int(rank or i + 1), skills=frozen_map(skills),
                under_weight=float(uw if uw is not None else 1.0),
                over_weight=float(ow or 0.0), label=r.string(t, "label", p)))
    return out


def _absences(r: Reader, items: list, ids: set[str]) -> list[Absence]:
    out: list[Absence] = []
    for i, raw in enumerate(items):
        p: Path_ = ("absences", i)
        t = r.table(raw, p)
        r.known_keys(t, {"staff", "start", "end", "kind", "percent", "note"}, p)
        sid = r.string(t, "staff", p, required=True)
        if sid and sid not in ids:
            r.problem((*p, "staff"), f"unknown staff id '{sid}'")
        start = r.date_key(t, "start", p)
        end = r.date_key(t, "end", p, required=False) or start
        if start and end and end < start:
            r.problem((*p, "end"), f"end {end} is before start {start}")
            continue
        kind = r.string(t, "kind", p, choices=ABSENCE_KINDS, default="vacation") or "vacation"
        pct = r.number(t, "percent", p, default=100, minimum=1, maximum=100, integer=True)
        if sid and sid in ids and start and end:
            for j, other in enumerate(out):
                if other.staff == sid and other.start <= end and start <= other.end:
                    r.problem((*p, "start"), f"overlaps absence #{j + 1} of '{sid}' "
                              f"({other.start}..{other.end})")
            out.append(Absence(staff=sid, start=start, end=end, kind=kind, percent=int(pct or 100)))
    return out


def _wishes(r: Reader, items: list, ids: set[str], codes: set[str]) -> list[Wish]:
    out: list[Wish] = []
    for i, raw in enumerate(items):
        p: Path_ = ("wishes", i)
        t = r.table(raw, p)
        r.known_keys(t, {"staff", "date", "start", "end", "kind", "shift", "weight"}, p)
        sid = r.string(t, "staff", p, required=True)
        if sid and sid not in ids:
            r.problem((*p, "staff"), f"unknown staff id '{sid}'")
        kind = r.string(t, "kind", p, required=True, choices=WISH_KINDS)
        shift = r.string(t, "shift", p)
        if shift is not None and shift not in codes:
            r.problem((*p, "shift"), f"unknown shift code '{shift}'")
        if kind in ("shift", "not_shift") and shift is None:
            r.problem((*p, "shift"), f"a '{kind}' wish needs a shift code")
        weight = r.number(t, "weight", p, default=1.0, minimum=0)
        if "date" in t:
            first = r.date_key(t, "date", p)
            last = first
        else:
            first = r.date_key(t, "start", p)
            last = r.date_key(t, "end", p, required=False) or first
        if first and last and last < first:
            r.problem((*p, "end"), f"end {last} is before start {first}")
            continue
        if sid and kind and first and last and (shift is None or shift in codes) and sid in ids:
            d = first
            while d <= last:
                out.append(Wish(staff=sid, date=d, kind=kind, shift=shift,
                                weight=float(weight if weight is not None else 1.0)))
                d += dt.timedelta(days=1)
    return out


def _locks(r: Reader, items: list, ids: set[str], codes: set[str],
           start: dt.date | None, end: dt.date | None) -> list[Lock]:
    out: list[Lock] = []
    seen: dict[tuple[str, dt.date], int] = {}
    for i, raw in enumerate(items):
        p: Path_ = ("locked", i)
        t = r.table(raw, p)
        r.known_keys(t, {"staff", "date", "shift"}, p)
        sid = r.string(t, "staff", p, required=True)
        if sid and sid not in ids:
            r.problem((*p, "staff"), f"unknown staff id '{sid}'")
        d = r.date_key(t, "date", p)
        shift = r.string(t, "shift", p, default="off")
        if shift is not None and shift.lower() in OFF_CODES:
            shift = None
        elif shift not in codes:
            r.problem((*p, "shift"), f"unknown shift code '{shift}' (use \"off\" to pin a day off)")
            continue
        if d and start and end and not start <= d <= end:
            r.problem((*p, "date"), f"{d} is outside the period {start}..{end}")
            continue
        if sid and d:
            if (sid, d) in seen:
                r.problem((*p, "date"), f"'{sid}' already has a lock on {d} (#{seen[(sid, d)] + 1})")
                continue
            seen[(sid, d)] = i
            if sid in ids:
                out.append(Lock(staff=sid, date=d, shift=shift))
    return out
