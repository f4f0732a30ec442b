"""Load and validate a scenario file, reporting every problem at once.

``load_scenario`` reads TOML (or an ``.xlsx`` scenario workbook through ``roster.excel``)
into a plain dict; ``build_scenario`` turns that dict into an immutable ``Scenario`` or
raises ``ScenarioError`` listing each problem with its file, location and expectation.
The format is documented in ``docs/scenario-format.md``.

Every number is checked to be finite, of the right kind and inside the bounds of the
"Limits" table in that document, and every section to have the right type, so a malformed
file is refused here with a message instead of crashing the planner later.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from roster.errors import Problem, ScenarioError
from roster.input_files import (
    MAX_TOML_BYTES,
    control_char,
    describe,
    is_number,
    parse_toml,
    read_text,
    regular_file,
    shown,
    shown_number,
)
from roster.rulepack import (
    DEFAULT_RULE_PACK,
    contract_problem,
    flatten_rules,
    load_rule_pack,
    rule_keys,
    rule_problems,
)
from roster.rules.catalogue import param, person_params, units
from roster.rules.params import MAX_DAYS, Kind
from roster.rules.passive_duty import counted_minutes, ratio_for
from roster.scenario import (
    ABSENCE_KINDS,
    DAY_TYPES,
    DUTY_KINDS,
    HOLIDAY_COUNTRIES,
    MINUTES_PER_DAY,
    OPEN_PER,
    OPEN_UNITS,
    PRIORITIES,
    SHIFT_KIND_ALIASES,
    SHIFT_KINDS,
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

# Limits (docs/scenario-format.md, "Limits"): what the planner is built for. Beyond them a
# value is a typo (1e308 hours, a wish over 9999 years) or a problem too big to plan.
MAX_PERIOD_DAYS = 366            # one year, a leap year included
MIN_YEAR, MAX_YEAR = 1900, 2200  # any date in a scenario
MAX_STAFF = 500
MAX_STAFF_DAYS = 20_000  # staff x days: the model grows with it; 30 staff for a year fit (build ~5 s)
MAX_SHIFTS = 100
MAX_ENTRIES = 50_000             # entries of [[coverage]], [[absences]], [[wishes]], [[locked]]
MAX_LIST = 1_000                 # items of one list (dates, skills, closed days ...)
MAX_WISH_DAYS = 200_000          # wish days after ranges are expanded (inside the period)
MAX_STAFF_ON_SHIFT = 100         # min_staff_if_open, max_staff, skill minimums
MAX_RANK = 1_000
MAX_WEIGHT = 1_000               # under_weight, over_weight, wish weight
MAX_TEXT = 500                   # characters of an id, a code, a name or a label
MAX_FREE_TEXT = 10_000           # characters of a description or a note
MAX_PROBLEMS = 200               # problems listed; the rest are counted


def path_str(path: Path_) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f" #{part + 1}"
        else:
            part = shown(str(part), 80)  # a key may hold a control character; never print it raw
            out += ("." if out and not out.endswith(" ") else "") + part if out else part
    return out.replace(" #", "#").replace("#", " #").strip()


class TomlLocator:
    """Finds the line of a key path in TOML text (``[[staff]]`` entry 3, key ``fte``)."""

    def __init__(self, text: str):
        self.lines = text.splitlines()
        # lines that open a table: where each entry's keys stop
        self.heads = [i for i, s in enumerate(self.lines) if s.lstrip().startswith("[")]
        self._tables: dict[tuple[str, bool], list[int]] = {}

    def _header_lines(self, table: str, array: bool = True) -> list[int]:
        if (table, array) not in self._tables:
            pat = re.compile(r"^\s*\[\[\s*" + re.escape(table) + r"\s*\]\]" if array
                             else r"^\s*\[\s*" + re.escape(table) + r"\s*\]")
            self._tables[(table, array)] = [i for i in self.heads if pat.match(self.lines[i])]
        return self._tables[(table, array)]

    def _next_head(self, start: int) -> int:
        k = bisect.bisect_right(self.heads, start)
        return self.heads[k] if k < len(self.heads) else len(self.lines)

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
                line = start
                if len(path) >= 3 and isinstance(path[2], str):
                    line = self._key_line(path[2], start + 1, self._next_head(start)) or start
        elif len(path) >= 2 and isinstance(path[0], str) and isinstance(path[1], str):
            heads = self._header_lines(path[0], array=False)
            if heads:
                line = self._key_line(path[1], heads[0] + 1, self._next_head(heads[0])) or heads[0]
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
        self.hidden = 0  # problems beyond MAX_PROBLEMS: counted, not located

    def problem(self, path: Path_, message: str) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.hidden += 1
            return
        self.problems.append(Problem(self.source, self.locate(path), message))

    def all_problems(self) -> list[Problem]:
        if not self.hidden:
            return self.problems
        more = Problem(self.source, "", f"... and {self.hidden} more problem(s) not listed; "
                                        "fix these first")
        return [*self.problems, more]

    def table(self, data: Any, path: Path_, *, what: str = "a table") -> dict:
        if data is None:
            return {}
        if not isinstance(data, dict):
            self.problem(path, f"expected {what}, got {describe(data)}")
            return {}
        return data

    def section(self, data: dict, name: str) -> dict:
        """A top-level table such as [period]."""
        return self.table(data.get(name), (name,), what=f"a table [{name}]")

    def array(self, data: Any, path: Path_, *, limit: int = MAX_LIST,
              what: str = "a list") -> list:
        if data is None:
            return []
        if not isinstance(data, list):
            self.problem(path, f"expected {what}, got {describe(data)}")
            return []
        if len(data) > limit:
            self.problem(path, f"at most {limit} entries, got {len(data)}")
            return []
        return data

    def entries(self, data: dict, name: str, limit: int = MAX_ENTRIES) -> list:
        """A top-level array of tables such as [[staff]]."""
        return self.array(data.get(name), (name,), limit=limit,
                          what=f"an array of tables [[{name}]]")

    def known_keys(self, data: dict, allowed: set[str], path: Path_) -> None:
        for key in data:
            if key not in allowed:
                hint = ", ".join(sorted(allowed))
                self.problem((*path, key), f"unknown key '{shown(str(key))}' (expected one of: {hint})")

    def text(self, value: Any, path: Path_, *, free_text: bool = False) -> str | None:
        """A text value (a number is taken as its text): no control characters, not too long."""
        if is_number(value):
            value = str(value)
        if not isinstance(value, str):
            self.problem(path, f"expected text, got {describe(value)}")
            return None
        bad = control_char(value, free_text=free_text)
        if bad:
            self.problem(path, f"contains the control character {bad}; remove it")
            return None
        limit = MAX_FREE_TEXT if free_text else MAX_TEXT
        if len(value) > limit:
            self.problem(path, f"at most {limit} characters, got {len(value)}")
            return None
        return value.strip()

    def string(self, data: dict, key: str, path: Path_, *, required: bool = False,
               choices: tuple[str, ...] | None = None, default: str | None = None,
               free_text: bool = False) -> str | None:
        if key not in data or data[key] is None:
            if required:
                self.problem((*path, key), "missing (required)")
            return default
        value = self.text(data[key], (*path, key), free_text=free_text)
        if value is None:
            return default
        if required and not value:
            self.problem((*path, key), "must not be empty")
            return default
        if choices is not None and value not in choices:
            self.problem((*path, key), f"'{value}' is not one of: {', '.join(choices)}")
            return default
        return value

    def number(self, data: dict, key: str, path: Path_, *, minimum: float, maximum: float,
               required: bool = False, default: float | None = None,
               integer: bool = False) -> float | None:
        """A finite number within [minimum, maximum] (bounds are always given: 1e308 is a typo)."""
        if key not in data or data[key] is None:
            if required:
                self.problem((*path, key), "missing (required)")
            return default
        value = data[key]
        if isinstance(value, str):
            try:
                value = float(value.strip().replace(",", "."))
            except ValueError:
                self.problem((*path, key), f"expected a number, got '{shown(value)}'")
                return default
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem((*path, key), f"expected a number, got {describe(value)}")
            return default
        if not is_number(value):
            self.problem((*path, key), f"expected a finite number, got {value}")
            return default
        if value < minimum:
            self.problem((*path, key), f"must be at least {minimum:g}, got {shown_number(value)}")
            return default
        if value > maximum:
            self.problem((*path, key), f"must be at most {maximum:g}, got {shown_number(value)}")
            return default
        if integer and value != int(value):
            self.problem((*path, key), f"expected a whole number, got {value:g}")
            return default
        return int(value) if integer else float(value)

    def date(self, value: Any, path: Path_) -> dt.date | None:
        day: dt.date | None = None
        if isinstance(value, dt.datetime):
            day = value.date()
        elif isinstance(value, dt.date):
            day = value
        elif isinstance(value, str):
            day = _iso_date(value)
        if day is None:
            shown_value = repr(shown(value)) if isinstance(value, str) else describe(value)
            self.problem(path, f"expected a date like 2027-01-31, got {shown_value}")
            return None
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            self.problem(path, f"the year {day.year} is out of range (expected {MIN_YEAR}-{MAX_YEAR})")
            return None
        return day

    def date_key(self, data: dict, key: str, path: Path_, *, required: bool = True) -> dt.date | None:
        if key not in data:
            if required:
                self.problem((*path, key), "missing (required)")
            return None
        return self.date(data[key], (*path, key))

    def dates(self, data: dict, key: str, path: Path_) -> list[dt.date]:
        out = []
        for j, v in enumerate(self.array(data.get(key), (*path, key), what="a list of dates")):
            d = self.date(v, (*path, key, j))
            if d:
                out.append(d)
        return out

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
        shown_value = repr(shown(value)) if isinstance(value, str) else describe(value)
        self.problem((*path, key), f"expected a time like 08:00, got {shown_value}")
        return None

    def string_list(self, data: dict, key: str, path: Path_,
                    choices: tuple[str, ...] | None = None) -> tuple[str, ...]:
        raw = data.get(key)
        if raw is None:
            return ()
        if isinstance(raw, str):
            raw = [s for s in re.split(r"[,;]\s*", raw) if s.strip()]
        if not isinstance(raw, list):
            self.problem((*path, key), f"expected a list of text values, got {describe(raw)}")
            return ()
        if len(raw) > MAX_LIST:
            self.problem((*path, key), f"at most {MAX_LIST} entries, got {len(raw)}")
            return ()
        out: list[str] = []
        for i, item in enumerate(raw):
            if not isinstance(item, str):
                self.problem((*path, key, i), f"expected text, got {describe(item)}")
                continue
            text = self.text(item, (*path, key, i))
            if text is None:
                continue
            if choices is not None and text not in choices:
                self.problem((*path, key), f"'{text}' is not one of: {', '.join(choices)}")
                continue
            out.append(text)
        return tuple(out)

    def count_table(self, data: dict, key: str, path: Path_, *, minimum: int,
                    maximum: int) -> dict[str, int]:
        """A table of whole numbers by name, such as ``skills = { nurse = 1 }``."""
        out: dict[str, int] = {}
        for name, v in self.table(data.get(key), (*path, key)).items():
            name_ok = self.text(name, (*path, key, name)) is not None
            if isinstance(v, bool) or not isinstance(v, int) or not minimum <= v <= maximum:
                self.problem((*path, key, name), f"expected a whole number from {minimum} to "
                                                 f"{maximum}, got {_value(v)}")
            elif name_ok:
                out[name] = v
        return out


def _iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip()) if len(text) <= 40 else None
    except ValueError:
        return None


def _value(v: Any) -> str:
    return shown_number(v) if is_number(v) else describe(v)


# --------------------------------------------------------------------------------------


def load_scenario(path: str | Path, *, rule_pack: str | Path = DEFAULT_RULE_PACK) -> Scenario:
    """Read a scenario from ``.toml`` or ``.xlsx`` and validate it."""
    path = Path(path)
    source = str(path)

    def fail(message: str) -> ScenarioError:
        return ScenarioError([Problem(source, "", message)])

    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from roster.excel.scenario_workbook import read_scenario_workbook

        regular_file(path, fail=fail, what="scenario file")
        data, locate = read_scenario_workbook(path)
        return build_scenario(data, source=source, locate=locate, rule_pack=rule_pack)
    text = read_text(path, fail=fail, limit=MAX_TOML_BYTES, what="scenario file (TOML)")
    return loads_scenario(text, source=source, rule_pack=rule_pack)


def loads_scenario(text: str, *, source: str = "<scenario>",
                   rule_pack: str | Path = DEFAULT_RULE_PACK) -> Scenario:
    """A scenario from TOML text (a leading byte-order mark is ignored)."""

    def fail(message: str) -> ScenarioError:
        return ScenarioError([Problem(source, "", message)])

    data = parse_toml(text, fail)
    return build_scenario(data, source=source, locate=TomlLocator(text), rule_pack=rule_pack)


def build_scenario(data: dict, *, source: str = "<scenario>", locate: Locator = plain_locator,
                   rule_pack: str | Path = DEFAULT_RULE_PACK) -> Scenario:
    """Validate a scenario given as plain data and build it; raises ScenarioError."""
    r = Reader(source, locate)
    data = r.table(data, (), what="a table of sections")
    r.known_keys(data, TOP_KEYS, ())

    meta = r.section(data, "scenario")
    r.known_keys(meta, {"name", "unit", "description", "municipality"}, ("scenario",))
    name = r.string(meta, "name", ("scenario",), default="") or Path(source).stem
    unit = r.string(meta, "unit", ("scenario",), default="") or name
    r.string(meta, "description", ("scenario",), free_text=True)
    r.string(meta, "municipality", ("scenario",))

    start, end = _period(r, r.section(data, "period"))
    rules = _rules(r, r.section(data, "rules"), rule_pack)
    uses_eve = _mentions_eve(data)
    calendar = _calendar(r, r.section(data, "calendar"), uses_eve)

    objective = r.section(data, "objective")
    r.known_keys(objective, {"mode"}, ("objective",))
    mode = r.string(objective, "mode", ("objective",), choices=("staged", "weighted"),
                    default="staged") or "staged"

    shifts = _shifts(r, r.entries(data, "shifts", MAX_SHIFTS), rules)
    codes = {s.code for s in shifts}
    staff = _staff(r, r.entries(data, "staff", MAX_STAFF), codes)
    _check_size(r, staff, start, end)
    ids = {p.id for p in staff}
    skills_known = {sk for p in staff for sk in p.skills}
    reqs = _coverage(r, r.entries(data, "coverage"), shifts, skills_known, start, end)
    absences = _absences(r, r.entries(data, "absences"), ids)
    wishes = _wishes(r, r.entries(data, "wishes"), ids, codes, start, end)
    locks = _locks(r, r.entries(data, "locked"), ids, codes, start, end)
    for i, (a, b) in enumerate(rules.forbidden_successions):
        for code in (a, b):
            if codes and code not in codes:
                r.problem(("rules", "forbidden_successions", i), f"unknown shift code '{shown(code)}'")
    extra = r.section(data, "extra")

    if not shifts:
        r.problem(("shifts",), "at least one [[shifts]] entry is needed")
    if not staff:
        r.problem(("staff",), "at least one [[staff]] entry is needed")

    if r.problems:
        raise ScenarioError(r.all_problems())
    assert start is not None and end is not None
    return Scenario(
        name=name, unit=unit, start=start, end=end, shifts=tuple(shifts), staff=tuple(staff),
        requirements=tuple(reqs), rules=rules, absences=tuple(absences), wishes=tuple(wishes),
        locks=tuple(locks), calendar=calendar, objective_mode=mode, source=source,
        extra=frozen_map(extra),
    )


def _check_size(r: Reader, staff: list[Staff], start: dt.date | None, end: dt.date | None) -> None:
    """Staff x days bounds the model's size (500 staff over a year ran out of memory)."""
    if start is None or end is None or not staff:
        return
    days = (end - start).days + 1
    if len(staff) * days > MAX_STAFF_DAYS:
        r.problem(("staff",), f"{len(staff)} staff over {days} days is {len(staff) * days} "
                              f"person-days; the planner handles at most {MAX_STAFF_DAYS} "
                              "(plan a shorter period or fewer staff at a time)")


def _mentions_eve(data: dict) -> bool:
    for name in ("coverage", "shifts"):
        entries = data.get(name) if isinstance(data, dict) else None
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict):
                days = entry.get("days")
                if days == "eve" or (isinstance(days, list) and "eve" in days):
                    return True
    return False


def _period(r: Reader, t: dict) -> tuple[dt.date | None, dt.date | None]:
    p: Path_ = ("period",)
    r.known_keys(t, {"start", "end", "month"}, p)
    if "month" in t:
        return _month(r, t["month"], (*p, "month"))
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
            r.problem((*p, "end"), f"a period is at most {MAX_PERIOD_DAYS} days, got "
                                   f"{(end - start).days + 1}")
            return None, None
    return start, end


def _month(r: Reader, value: Any, p: Path_) -> tuple[dt.date | None, dt.date | None]:
    m = re.fullmatch(r"(\d{4})-(\d{2})", value.strip()) if isinstance(value, str) else None
    if not m or not 1 <= int(m.group(2)) <= 12:
        shown_value = repr(shown(value)) if isinstance(value, str) else describe(value)
        r.problem(p, f"expected a month like 2027-01, got {shown_value}")
        return None, None
    y, mo = int(m.group(1)), int(m.group(2))
    if not MIN_YEAR <= y <= MAX_YEAR:
        r.problem(p, f"the year {y} is out of range (expected {MIN_YEAR}-{MAX_YEAR})")
        return None, None
    start = dt.date(y, mo, 1)
    end = (dt.date(y + (mo == 12), mo % 12 + 1, 1)) - dt.timedelta(days=1)
    return start, end


def _rules(r: Reader, t: dict, rule_pack: str | Path) -> Rules:
    """The rule pack's values, with the scenario's [rules] overrides on top. The keys, their
    checks and how each value is kept come from the rule catalogue's parameter specs."""
    p: Path_ = ("rules",)
    try:
        values = dict(load_rule_pack(rule_pack))
    except ScenarioError as exc:
        r.problems.extend(exc.problems)
        values = {}
    bad_contract = contract_problem(t)
    if bad_contract:
        r.problem((*p, "contract"), bad_contract)
    t = flatten_rules(t)
    known = rule_keys()
    r.known_keys(t, known, p)
    for key, value in t.items():
        if key not in known:
            continue
        found = rule_problems(key, value)
        for sub, message in found:
            r.problem((*p, key) if sub == "" else (*p, key, sub), message)
        if not found:
            values[key] = value
    return Rules(**{key: param(key).resolve(value) for key, value in values.items()})


def _calendar(r: Reader, t: dict, uses_eve: bool) -> CalendarConfig:
    p: Path_ = ("calendar",)
    r.known_keys(t, {"country", "closed_days", "extra_holidays"}, p)
    # "" means no national holidays (benchmarks, tests); missing means Norway
    country = "NO" if "country" not in t else (r.string(t, "country", p, default="NO") or "")
    if country and country.upper() not in HOLIDAY_COUNTRIES:
        supported = ", ".join(f'"{c}"' for c in HOLIDAY_COUNTRIES)
        r.problem((*p, "country"), f"no public holidays known for '{country}' (supported: "
                                   f'{supported}, or "" for none)')
        country = "NO"
    country = country.upper()
    closed = r.dates(t, "closed_days", p)
    extra = {}
    for i, v in enumerate(r.array(t.get("extra_holidays"), (*p, "extra_holidays"))):
        where = (*p, "extra_holidays", i)
        if isinstance(v, dict):
            r.known_keys(v, {"date", "name"}, where)
            d = r.date_key(v, "date", where)
            label = r.string(v, "name", where, default="Lokal fridag") or "Lokal fridag"
            if d:
                extra[d] = label
        else:
            d = r.date(v, where)
            if d:
                extra[d] = "Lokal fridag"
    return CalendarConfig(country=country, closed_days=tuple(closed),
                          extra_holidays=frozen_map(extra), use_eves=uses_eve)


SHIFT_KEYS = {"code", "name", "name_nb", "name_en", "start", "end", "hours", "minutes",
              "active_hours", "break_minutes", "days", "kind", "color"}


def _shifts(r: Reader, items: list, rules: Rules) -> list[ShiftType]:
    out: list[ShiftType] = []
    seen: set[str] = set()
    for i, raw in enumerate(items):
        p: Path_ = ("shifts", i)
        t = r.table(raw, p, what="a table (a [[shifts]] entry)")
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
        breaks = r.number(t, "break_minutes", p, default=0, minimum=0,
                          maximum=MINUTES_PER_DAY) or 0
        bad_break = duration is not None and breaks >= duration
        if bad_break:
            r.problem((*p, "break_minutes"), f"a break of {breaks:g} minutes leaves no paid time "
                      f"in a shift of {duration} minutes from start to end")
        default_kind = "day"
        if duration is not None:
            if start + duration > MINUTES_PER_DAY + 60:  # type: ignore[operator]
                default_kind = "night"
            elif start + duration > 18 * 60:  # type: ignore[operator]
                default_kind = "evening"
        kind = _shift_kind(r, t, p, default_kind)
        paid, ratio, active = _paid_minutes(r, t, p, kind, duration, breaks, bad_break, rules)
        if paid is not None and duration is not None and paid > duration:
            r.problem((*p, "hours"), f"paid time {paid / 60:g} h is longer than the shift "
                      f"({duration / 60:g} h from start to end)")
        # the law's longest working day: on-call from home counts its counted part (AML
        # § 10-4 (3)); every other shift, a sleeping night watch too, its clock time
        length = paid if kind == "on_call" else duration
        if (length is not None and rules.max_shift_hours
                and length > rules.max_shift_hours * 60 + 1e-9):
            what = "counts" if kind == "on_call" else "lasts"
            r.problem((*p, "end"), f"the shift {what} {length / 60:g} h; the rules allow at "
                      f"most {rules.max_shift_hours:g} h (AML § 10-5 (2))")
        color = r.string(t, "color", p)
        if color and not re.fullmatch(r"#?[0-9a-fA-F]{6}", color):
            r.problem((*p, "color"), f"expected a colour like #cfe2f3, got '{shown(color)}'")
            color = None
        if code:
            seen.add(code)
        if code and paid is not None:
            out.append(ShiftType(code=code, name_nb=name_nb, name_en=name_en, start=start,
                                 end=end, paid_minutes=paid, days=days, kind=kind,
                                 color=("#" + color.lstrip("#")) if color else None,
                                 duty_ratio=ratio, active_minutes=active))
    return out


def _shift_kind(r: Reader, t: dict, p: Path_, default: str) -> str:
    """The shift's kind; ``oncall``, the older spelling, is read as ``on_call``."""
    raw = t.get("kind")
    if isinstance(raw, str) and raw.strip() in SHIFT_KIND_ALIASES:
        return SHIFT_KIND_ALIASES[raw.strip()]
    return r.string(t, "kind", p, choices=SHIFT_KINDS, default=default) or default


def _paid_minutes(r: Reader, t: dict, p: Path_, kind: str, duration: int | None, breaks: float,
                  bad_break: bool, rules: Rules) -> tuple[int | None, float | None, int]:
    """The working time a shift counts, the ratio applied (passive duty) and its active minutes.

    Stated ``hours`` (or ``minutes``) win: an agreement's own count. Otherwise active work
    counts its clock time less breaks, and passive duty (``DUTY_KINDS``) its ``active_hours``
    in full and the rest at the rule pack's ratio (``roster.rules.passive_duty``)."""
    stated = "hours" in t or "minutes" in t
    active = 0
    if "active_hours" in t:
        if kind not in DUTY_KINDS:
            r.problem((*p, "active_hours"), f"active_hours is for passive duty only (kind is one "
                      f"of: {', '.join(DUTY_KINDS)}), not kind = \"{kind}\"")
        elif stated:
            r.problem((*p, "active_hours"), "give active_hours or hours, not both (hours is "
                      "the whole counted time)")
        else:
            a = r.number(t, "active_hours", p, minimum=0, maximum=24)
            active = round(a * 60) if a is not None else 0
            if duration is not None and active > duration - breaks:
                r.problem((*p, "active_hours"), f"active time {active / 60:g} h is longer than "
                          f"the shift ({(duration - breaks) / 60:g} h paid from start to end)")
                active = 0
    if "hours" in t:
        h = r.number(t, "hours", p, minimum=0.01, maximum=24)
        return (round(h * 60) if h is not None else None), None, 0
    if "minutes" in t:
        mn = r.number(t, "minutes", p, minimum=1, maximum=MINUTES_PER_DAY, integer=True)
        return (int(mn) if mn is not None else None), None, 0
    if duration is None:
        what = "clock times (the ratio counts them)" if kind in DUTY_KINDS else "times"
        r.problem(p, f"give start and end {what}, or paid hours (hours = 7.5)")
        return None, None, 0
    if bad_break:
        return None, None, 0
    if kind in DUTY_KINDS:
        ratio = ratio_for(kind, rules)
        assert ratio is not None
        return counted_minutes(duration, ratio, active=active, breaks=round(breaks)), ratio, active
    return round(duration - breaks), None, 0


STAFF_KEYS = {"id", "name", "fte", "stillingsprosent", "skills", "role", "cannot_work",
              "fixed_days_off", "weekdays_off", "rules"}
STAFF_RULE_KEYS = frozenset(prm.key for prm in person_params())


def _staff(r: Reader, items: list, codes: set[str]) -> list[Staff]:
    out: list[Staff] = []
    seen: set[str] = set()
    looks: set[str] = set()  # the ids as NFC: 'å' typed two ways is one id to a reader
    for i, raw in enumerate(items):
        p: Path_ = ("staff", i)
        t = r.table(raw, p, what="a table (a [[staff]] entry)")
        r.known_keys(t, STAFF_KEYS, p)
        sid = r.string(t, "id", p, required=True)
        if sid and sid in seen:
            r.problem((*p, "id"), f"staff id '{sid}' is used twice")
        elif sid and unicodedata.normalize("NFC", sid) in looks:
            r.problem((*p, "id"), f"staff id '{sid}' looks the same as another id (the same letters "
                                  "written with other Unicode characters); make the ids differ")
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
        fixed = r.dates(t, "fixed_days_off", p)
        wdays = []
        for w in r.string_list(t, "weekdays_off", p):
            wl = w.lower()
            if wl in WEEKDAYS:
                wdays.append(WEEKDAYS.index(wl))
            elif wl in WEEKDAYS_NB:
                wdays.append(WEEKDAYS_NB.index(wl))
            else:
                r.problem((*p, "weekdays_off"), f"'{w}' is not a weekday name (monday..sunday)")
        rules = _staff_rules(r, r.table(t.get("rules"), (*p, "rules"), what="a table [staff.rules]"),
                             (*p, "rules"), codes)
        if sid and fte is not None:
            seen.add(sid)
            looks.add(unicodedata.normalize("NFC", sid))
            out.append(Staff(id=sid, name=name, fte=fte, skills=skills, role=role,
                             cannot_work=cannot, fixed_days_off=tuple(fixed),
                             weekdays_off=tuple(sorted(set(wdays))), rules=rules))
    return out


def _staff_rules(r: Reader, t: dict, p: Path_, codes: set[str]) -> StaffRules:
    """A person's own rule values (``[staff.rules]``), as the rule catalogue defines them."""
    r.known_keys(t, STAFF_RULE_KEYS, p)
    values: dict[str, Any] = {}
    for prm in person_params():
        lo, hi = prm.bounds or (0, MAX_DAYS)
        if prm.kind is Kind.SHIFT_COUNTS:
            counts = r.count_table(t, prm.key, p, minimum=int(lo), maximum=int(hi))
            for code in list(counts):
                if code not in codes:
                    r.problem((*p, prm.key, code), f"unknown shift code '{shown(code)}'")
                    del counts[code]
            values[prm.key] = prm.resolve(counts)
            continue
        v = r.number(t, prm.key, p, minimum=lo, maximum=hi, integer=prm.kind is Kind.INT)
        if v is not None:
            values[prm.key] = int(v) if prm.kind is Kind.INT else float(v)
    for u in units():
        for key, message in u.person_problems(values) if u.person_problems else ():
            r.problem((*p, key), message)
    return StaffRules(**values)


COVER_KEYS = {"shift", "days", "dates", "date", "min_staff_if_open", "min_staff", "staff",
              "max_staff", "priority", "open", "unit", "rank", "skills", "under_weight",
              "over_weight", "label"}


def _open_target(r: Reader, raw: Any, p: Path_) -> OpenTarget:
    if raw is None or raw == "always" or raw == "every":
        return OpenTarget()
    if isinstance(raw, dict):
        r.known_keys(raw, {"count", "per"}, p)
        count = r.number(raw, "count", p, required=True, minimum=0, maximum=MAX_DAYS, integer=True)
        per = r.string(raw, "per", p, choices=OPEN_PER, default="week") or "week"
        return OpenTarget(always=False, count=int(count or 0), per=per)
    r.problem(p, 'expected "always" or a table like { count = 4, per = "week" }, got '
                 f"{repr(shown(raw)) if isinstance(raw, str) else describe(raw)}")
    return OpenTarget()


def _coverage(r: Reader, items: list, shifts: list[ShiftType], skills_known: set[str],
              start: dt.date | None, end: dt.date | None) -> list[Requirement]:
    out: list[Requirement] = []
    by_code = {s.code: s for s in shifts}
    claimed: dict[tuple[str, str], int] = {}
    claimed_dates: dict[tuple[str, dt.date], int] = {}
    for i, raw in enumerate(items):
        p: Path_ = ("coverage", i)
        t = r.table(raw, p, what="a table (a [[coverage]] entry)")
        r.known_keys(t, COVER_KEYS, p)
        code = r.string(t, "shift", p, required=True)
        if code and code not in by_code:
            r.problem((*p, "shift"), f"unknown shift code '{code}' (known: {', '.join(by_code) or 'none'})")
        days = r.string_list(t, "days", p, choices=DAY_TYPES)
        dates = r.dates(t if "dates" in t else {"dates": [t["date"]] if "date" in t else []}, "dates", p)
        if not days and not dates:
            r.problem(p, "give days (weekday, saturday, sunday, holiday, eve) or dates")
        priority = r.string(t, "priority", p, choices=PRIORITIES, default="base") or "base"
        min_key = next((k for k in ("min_staff_if_open", "min_staff", "staff") if k in t),
                       "min_staff_if_open")
        lowest = 0 if priority == "soft" else 1
        mn = r.number(t, min_key, p, required=True, minimum=lowest, maximum=MAX_STAFF_ON_SHIFT,
                      integer=True)
        mx = r.number(t, "max_staff", p, minimum=0, maximum=MAX_STAFF_ON_SHIFT, integer=True)
        if mn is not None and mx is not None and mx < mn:
            r.problem((*p, "max_staff"), f"max_staff {mx} is below the minimum {mn}")
        unit = r.string(t, "unit", p, choices=OPEN_UNITS, default="day") or "day"
        if unit == "weekend" and any(d not in ("saturday", "sunday") for d in days):
            r.problem((*p, "unit"), 'unit = "weekend" needs days = ["saturday", "sunday"] only')
        target = _open_target(r, t.get("open"), (*p, "open"))
        if priority != "service" and "open" in t:
            r.problem((*p, "open"), "an opening target only applies to priority = \"service\"")
        rank = r.number(t, "rank", p, minimum=1, maximum=MAX_RANK, integer=True)
        skills = r.count_table(t, "skills", p, minimum=1, maximum=MAX_STAFF_ON_SHIFT)
        for sk, v in list(skills.items()):
            if sk not in skills_known:
                r.problem((*p, "skills", sk), f"skill '{shown(sk)}' is required but no staff member has it")
                del skills[sk]
            elif mn is not None and mx and v > mx:
                r.problem((*p, "skills", sk), "more staff with the skill than max_staff allows")
        uw = r.number(t, "under_weight", p, default=1.0, minimum=0, maximum=MAX_WEIGHT)
        ow = r.number(t, "over_weight", p, default=0.0, minimum=0, maximum=MAX_WEIGHT)
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
    index: list[int] = []  # entry number of each absence in out
    for i, raw in enumerate(items):
        p: Path_ = ("absences", i)
        t = r.table(raw, p, what="a table (an [[absences]] entry)")
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
        r.string(t, "note", p, free_text=True)
        if sid and sid in ids and start and end:
            out.append(Absence(staff=sid, start=start, end=end, kind=kind, percent=int(pct or 100)))
            index.append(i)
    _overlapping_absences(r, out, index)
    return out


def _overlapping_absences(r: Reader, absences: list[Absence], index: list[int]) -> None:
    """Two absences of one person on the same day; sorted by start, so any count is quick."""
    order = sorted(range(len(absences)), key=lambda k: (absences[k].staff, absences[k].start, index[k]))
    reach: Absence | None = None  # the absence reaching furthest so far, same person
    reach_k = -1
    for k in order:
        a = absences[k]
        if reach is not None and reach.staff == a.staff and a.start <= reach.end:
            later, earlier = (k, reach_k) if index[k] > index[reach_k] else (reach_k, k)
            other = absences[earlier]
            r.problem(("absences", index[later], "start"), f"overlaps absence #{index[earlier] + 1} "
                      f"of '{a.staff}' ({other.start}..{other.end})")
        if reach is None or reach.staff != a.staff or a.end > reach.end:
            reach, reach_k = a, k


def _wishes(r: Reader, items: list, ids: set[str], codes: set[str],
            start: dt.date | None, end: dt.date | None) -> list[Wish]:
    """Wishes, one per day; a range is cut to the period (days outside it mean nothing)."""
    out: list[Wish] = []
    for i, raw in enumerate(items):
        p: Path_ = ("wishes", i)
        t = r.table(raw, p, what="a table (a [[wishes]] entry)")
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
        weight = r.number(t, "weight", p, default=1.0, minimum=0, maximum=MAX_WEIGHT)
        if "date" in t:
            first = r.date_key(t, "date", p)
            last = first
        else:
            first = r.date_key(t, "start", p)
            last = r.date_key(t, "end", p, required=False) or first
        if first and last and last < first:
            r.problem((*p, "end"), f"end {last} is before start {first}")
            continue
        if not (sid and kind and first and last and start and end and weight is not None
                and (shift is None or shift in codes) and sid in ids):
            continue
        d, stop = max(first, start), min(last, end)
        if (stop - d).days + 1 + len(out) > MAX_WISH_DAYS:
            r.problem(p, f"the wishes add up to more than {MAX_WISH_DAYS} wish days")
            break
        while d <= stop:
            out.append(Wish(staff=sid, date=d, kind=kind, shift=shift, weight=float(weight)))
            d += dt.timedelta(days=1)
    return out


def _locks(r: Reader, items: list, ids: set[str], codes: set[str],
           start: dt.date | None, end: dt.date | None) -> list[Lock]:
    out: list[Lock] = []
    seen: dict[tuple[str, dt.date], int] = {}
    for i, raw in enumerate(items):
        p: Path_ = ("locked", i)
        t = r.table(raw, p, what="a table (a [[locked]] entry)")
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
