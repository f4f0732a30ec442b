"""The year-plan file of an årsturnus (TOML): holiday plans, vacation entitlement, vacations.

Read and validated like a scenario (``roster.scenario_load``): every problem found is
listed with its file, line and key (``vacations #3.start``), not just the first, and
:class:`~roster.errors.ScenarioError` carries them (exit code 1). docs/arsturnus.md
describes the format; in short::

    year = 2028

    [vacation]                  # all optional; the defaults are the law and the tariff
    days = 25                   # Ferieloven § 5 (1): 25 virkedager
    tariff_days = 5             # HTA: the 5th week (avtalefestet ferie)
    main_days = 18              # Ferieloven § 7 (1): hovedferie, 18 virkedager, 1 June-30 Sept
    senior_days = 6             # Ferieloven § 5 (2): who turns 60 in the year gets 6 more
    seniors = ["b05"]

    [[holiday_plans]]           # none given: jul, nyttar, paske and sommer with their defaults
    name = "jul"                # jul | nyttar | paske | sommer (dates from the calendar), or
    start = 2028-12-18          #   any name with start and end
    end = 2028-12-31
    service = "weekend"         # scenario (default) | weekend | sunday
    [[holiday_plans.coverage]]  # explicit, per shift (wins over service)
    shift = "D"
    min_staff_if_open = 3
    max_staff = 4

    [[vacations]]               # dates given ...
    staff = "b01"
    start = 2028-07-03
    end = 2028-07-23
    [[vacations]]               # ... or whole weeks placed by the tool inside a plan or dates
    staff = "b02"
    weeks = 3
    within = "sommer"           # a holiday plan's name, or from = / to = dates
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateutil.easter import easter

from roster.errors import Problem, ScenarioError
from roster.input_files import MAX_TOML_BYTES, parse_toml, read_text, shown
from roster.scenario_load import TomlLocator, path_str

TOP_KEYS = {"year", "vacation", "holiday_plans", "vacations", "history_years", "hours_tolerance",
            "vikarer"}
VACATION_KEYS = {"days", "tariff_days", "main_days", "senior_days", "seniors", "main_from",
                 "main_to"}
PLAN_KEYS = {"name", "start", "end", "service", "coverage"}
PLAN_COVER_KEYS = {"shift", "days", "min_staff_if_open", "min_staff", "max_staff", "skills",
                   "priority", "label"}
VIKAR_KEYS = {"id", "name", "fte", "skills", "role", "cannot_work", "start", "end", "within"}
VAC_KEYS = {"staff", "start", "end", "weeks", "within", "from", "to", "note"}
SERVICES = ("scenario", "weekend", "sunday")
DAY_TYPES = ("weekday", "saturday", "sunday", "holiday", "eve")
NAMED_PLANS = ("nyttar", "paske", "sommer", "jul")
MAX_HISTORY_YEARS = 10
MAX_ON_SHIFT = 100
"""The most staff a coverage line may ask for (the scenario's bound)."""


@dataclass(frozen=True)
class PlanCover:
    """An explicit coverage line of a holiday plan: one shift, on some day types."""

    shift: str
    days: tuple[str, ...]
    min_staff_if_open: int
    max_staff: int | None
    skills: dict[str, int] = field(default_factory=dict)
    priority: str = "base"
    label: str | None = None


@dataclass(frozen=True)
class HolidayPlan:
    """A period planned on its own (høytidsturnus) with the service level the unit sets."""

    name: str
    start: dt.date
    end: dt.date
    service: str = "scenario"
    coverage: tuple[PlanCover, ...] = ()

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class VacationEntry:
    """A vacation row: dates given, or ``weeks`` to be placed inside ``window``."""

    row: int  # 0-based index in [[vacations]]
    staff: str
    start: dt.date | None = None
    end: dt.date | None = None
    weeks: int | None = None
    within: str | None = None
    window: tuple[dt.date, dt.date] | None = None
    note: str = ""


@dataclass(frozen=True)
class Vikar:
    """A temporary hand (sommervikar): in the staff list only from ``start`` to ``end``; holds
    no line of the grunnturnus, so the planned periods give them shifts and nothing else."""

    id: str
    name: str
    fte: float
    skills: tuple[str, ...]
    cannot_work: tuple[str, ...]
    start: dt.date
    end: dt.date
    role: str | None = None

    def staff_row(self) -> dict:
        row: dict[str, Any] = {"id": self.id, "name": self.name, "fte": self.fte,
                               "skills": list(self.skills), "role": self.role or "vikar"}
        if self.cannot_work:
            row["cannot_work"] = list(self.cannot_work)
        return row


@dataclass(frozen=True)
class Entitlement:
    days: int = 25
    tariff_days: int = 5
    main_days: int = 18
    senior_days: int = 6
    seniors: tuple[str, ...] = ()
    main_from: tuple[int, int] = (6, 1)
    main_to: tuple[int, int] = (9, 30)

    def of(self, staff: str) -> int:
        """Virkedager a person is owed in the year (law + tariff, + the 60+ week)."""
        return self.days + self.tariff_days + (self.senior_days if staff in self.seniors else 0)


@dataclass(frozen=True)
class YearPlan:
    source: str
    year: int
    entitlement: Entitlement
    plans: tuple[HolidayPlan, ...]
    vacations: tuple[VacationEntry, ...]
    history_years: int = 2
    hours_tolerance: float | None = None
    vikarer: tuple[Vikar, ...] = ()

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def last(self) -> dt.date:
        return dt.date(self.year, 12, 31)


def default_period(name: str, year: int) -> tuple[dt.date, dt.date]:
    """The calendar's dates for a named holiday plan of the year.

    - ``nyttar``: 1 January to the first Sunday (New Year's Day and its week-end);
    - ``paske``: Monday of Holy Week to Easter Monday (påskeaften, skjærtorsdag,
      langfredag, the Easter days), from the calendar's Easter;
    - ``sommer``: Monday of ISO week 26 to the Sunday of week 33 (the weeks most units plan
      a summer rota for; the main holiday is placed in them);
    - ``jul``: the Monday on or before 21 December to 31 December (julaften, the Christmas
      days, nyttårsaften; 1 January is the next year's ``nyttar``).
    """
    if name == "nyttar":
        first = dt.date(year, 1, 1)
        return first, first + dt.timedelta(days=(6 - first.weekday()) % 7)
    if name == "paske":
        e = easter(year)
        return e - dt.timedelta(days=6), e + dt.timedelta(days=1)
    if name == "sommer":
        return dt.date.fromisocalendar(year, 26, 1), dt.date.fromisocalendar(year, 33, 7)
    if name == "jul":
        d21 = dt.date(year, 12, 21)
        return d21 - dt.timedelta(days=d21.weekday()), dt.date(year, 12, 31)
    raise ValueError(name)


class _PlanLocator(TomlLocator):
    """The scenario's locator, plus what a year plan has and a scenario has not: top-level
    keys (``year = ...``) and tables inside a plan (``[[holiday_plans.coverage]]``)."""

    def __call__(self, path: tuple) -> str:
        line: int | None = None
        if len(path) == 1 and isinstance(path[0], str):
            line = self._key_line(path[0], 0, self.heads[0] if self.heads else len(self.lines))
        elif (len(path) >= 4 and isinstance(path[0], str) and isinstance(path[1], int)
              and isinstance(path[2], str) and isinstance(path[3], int)):
            outer = self._header_lines(path[0])
            if path[1] < len(outer):
                start = outer[path[1]]
                stop = next((h for h in outer if h > start), len(self.lines))
                inner = [h for h in self._header_lines(f"{path[0]}.{path[2]}") if start < h < stop]
                if path[3] < len(inner):
                    line = inner[path[3]]
                    if len(path) >= 5 and isinstance(path[4], str):
                        line = self._key_line(path[4], line + 1, self._next_head(line)) or line
        if line is None:
            return super().__call__(path)
        return f"line {line + 1} ({path_str(path)})"


class _Reader:
    def __init__(self, source: str, locate):
        self.source, self.locate = source, locate
        self.problems: list[Problem] = []
        self.cover_skills: list[tuple[tuple, str]] = []  # (path, skill) of plans' coverage

    def problem(self, path: tuple, message: str, nb: str | None = None) -> None:
        """A problem at ``path``: ``message`` in English, ``nb`` in bokmål."""
        self.problems.append(Problem(self.source, self.locate(path), message, nb))

    def keys(self, table: dict, known: set[str], path: tuple) -> None:
        for key in table:
            if key not in known:
                self.problem((*path, key), f"unknown key {shown(str(key))!r}; expected one of "
                                           f"{', '.join(sorted(known))}",
                             f"ukjent nøkkel {shown(str(key))!r}; forventet en av "
                             f"{', '.join(sorted(known))}")

    def date(self, value: Any, path: tuple) -> dt.date | None:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.problem(path, f"expected a date like 2028-07-03, got {shown(repr(value))}",
                     f"forventet en dato som 2028-07-03, fikk {shown(repr(value))}")
        return None

    def int_in(self, value: Any, low: int, high: int, path: tuple) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problem(path, f"expected a whole number from {low} to {high}, got {shown(repr(value))}",
                         f"forventet et heltall fra {low} til {high}, fikk {shown(repr(value))}")
            return None
        return value

    def text(self, value: Any, path: tuple) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self.problem(path, f"expected a text, got {shown(repr(value))}",
                         f"forventet en tekst, fikk {shown(repr(value))}")
            return None
        return value.strip()

    def table(self, value: Any, path: tuple) -> dict:
        if not isinstance(value, dict):
            self.problem(path, "expected a table", "forventet en tabell")
            return {}
        return value

    def rows(self, value: Any, path: tuple) -> list:
        if not isinstance(value, list):
            self.problem(path, "expected an array of tables ([[...]])",
                         "forventet en liste med tabeller ([[...]])")
            return []
        return value


def load_year_plan(path: str | Path, *, staff_ids: set[str], shift_codes: set[str],
                   year: int | None = None, skills: set[str] | None = None) -> YearPlan:
    """Read and validate a year-plan file against the scenario's staff and shifts."""
    source = str(path)

    def fail(message: str) -> ScenarioError:
        return ScenarioError([Problem(source, "", message)])

    text = read_text(path, fail=fail, limit=MAX_TOML_BYTES, what="year-plan file (TOML)")
    return loads_year_plan(text, source=source, staff_ids=staff_ids, shift_codes=shift_codes,
                           year=year, skills=skills)


def loads_year_plan(text: str, *, source: str = "<year plan>", staff_ids: set[str],
                    shift_codes: set[str], year: int | None = None,
                    skills: set[str] | None = None) -> YearPlan:
    """A year plan from TOML text; ``year`` (the command line's) wins over the file's.
    ``skills``: the scenario's staff's skills (given: a plan's coverage may only ask for
    those, or a vikar's)."""

    def fail(message: str) -> ScenarioError:
        return ScenarioError([Problem(source, "", message)])

    data = parse_toml(text, fail)
    r = _Reader(source, _PlanLocator(text))
    r.keys(data, TOP_KEYS, ())
    if year is None:
        if "year" not in data:
            r.problem(("year",), "missing: the year to plan (year = 2028), or give --year",
                      "mangler: året som skal planlegges (year = 2028), eller oppgi --year")
        else:
            year = r.int_in(data["year"], 2000, 2200, ("year",))
    elif "year" in data and data["year"] != year:
        r.problem(("year",), f"the file says {shown(repr(data['year']))} but --year is {year}",
                  f"filen sier {shown(repr(data['year']))}, men --year er {year}")
    if year is None:
        raise ScenarioError(r.problems)
    ent = _entitlement(r, data.get("vacation", {}), staff_ids)
    history_years = 2
    if "history_years" in data:
        history_years = r.int_in(data["history_years"], 0, MAX_HISTORY_YEARS, ("history_years",)) or 0
    tolerance = None
    if "hours_tolerance" in data:
        v = data["hours_tolerance"]
        if isinstance(v, bool) or not isinstance(v, int | float) or not 0 <= v <= 500:
            r.problem(("hours_tolerance",), f"expected hours from 0 to 500, got {shown(repr(v))}",
                      f"forventet timer fra 0 til 500, fikk {shown(repr(v))}")
        else:
            tolerance = float(v)
    plans = _plans(r, data, year, shift_codes)
    vikarer = _vikarer(r, data.get("vikarer", []), year, staff_ids, shift_codes, plans)
    vacations = _vacations(r, data.get("vacations", []), year, staff_ids, plans)
    if skills is not None:
        known = set(skills) | {sk for v in vikarer for sk in v.skills}
        for path, name in r.cover_skills:
            if name not in known:
                r.problem(path, f"skill {shown(name)!r} is required but no staff member or vikar "
                                f"has it (they have: {', '.join(sorted(known)) or 'none'})",
                          f"kompetansen {shown(name)!r} kreves, men ingen ansatt eller vikar har den "
                          f"(de har: {', '.join(sorted(known)) or 'ingen'})")
    if r.problems:
        raise ScenarioError(r.problems)
    return YearPlan(source=source, year=year, entitlement=ent, plans=plans,
                    vacations=tuple(vacations), history_years=history_years,
                    hours_tolerance=tolerance, vikarer=tuple(vikarer))


def _vikarer(r: _Reader, value: Any, year: int, staff_ids: set[str], shift_codes: set[str],
             plans: tuple[HolidayPlan, ...]) -> list[Vikar]:
    by_name = {p.name: p for p in plans}
    out: list[Vikar] = []
    seen: set[str] = set()
    for i, raw in enumerate(r.rows(value, ("vikarer",))):
        path = ("vikarer", i)
        t = r.table(raw, path)
        r.keys(t, VIKAR_KEYS, path)
        vid = r.text(t.get("id"), (*path, "id"))
        if vid is None:
            continue
        if vid in staff_ids or vid in seen:
            r.problem((*path, "id"), f"{shown(vid)!r} is already a staff id; give the vikar their own",
                      f"{shown(vid)!r} er allerede en ansatt-id; gi vikaren sin egen")
            continue
        seen.add(vid)
        fte = t.get("fte", 1.0)
        if isinstance(fte, bool) or not isinstance(fte, int | float) or not 0 < fte <= 1:
            r.problem((*path, "fte"), f"expected a share above 0 and at most 1, got {shown(repr(fte))}",
                      f"forventet en andel over 0 og høyst 1, fikk {shown(repr(fte))}")
            continue
        lists = {}
        for key in ("skills", "cannot_work"):
            v = t.get(key, [])
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                r.problem((*path, key), "expected a list of texts", "forventet en liste med tekster")
                v = []
            lists[key] = tuple(v)
        bad = [c for c in lists["cannot_work"] if c not in shift_codes]
        if bad:
            codes = ", ".join(shown(c) for c in bad)
            r.problem((*path, "cannot_work"), f"unknown shift code(s) {codes}", f"ukjent vaktkode(r) {codes}")
        if "start" in t or "end" in t:
            a = r.date(t.get("start"), (*path, "start"))
            b = r.date(t.get("end"), (*path, "end"))
        else:
            name = t.get("within", "sommer")
            plan = by_name.get(name) if isinstance(name, str) else None
            if plan is None:
                r.problem((*path, "within"), f"no holiday plan named {shown(repr(name))}; give start "
                                             "and end",
                          f"ingen høytidsplan med navnet {shown(repr(name))}; oppgi start og end")
                continue
            a, b = plan.start, plan.end
        if a is None or b is None:
            continue
        if b < a or a.year != year or b.year != year:
            r.problem((*path, "end"), f"{a}..{b} is not a period inside {year}",
                      f"{a}..{b} er ikke en periode innenfor {year}")
            continue
        name, role = t.get("name", vid), t.get("role")
        out.append(Vikar(vid, name if isinstance(name, str) else vid, float(fte), lists["skills"],
                         lists["cannot_work"], a, b, role if isinstance(role, str) else None))
    return out


def _entitlement(r: _Reader, value: Any, staff_ids: set[str]) -> Entitlement:
    t = r.table(value, ("vacation",))
    r.keys(t, VACATION_KEYS, ("vacation",))
    out: dict[str, Any] = {}
    for key, low, high in (("days", 0, 60), ("tariff_days", 0, 30), ("main_days", 0, 60),
                           ("senior_days", 0, 30)):
        if key in t:
            v = r.int_in(t[key], low, high, ("vacation", key))
            if v is not None:
                out[key] = v
    if "seniors" in t:
        seniors = t["seniors"]
        if not isinstance(seniors, list) or not all(isinstance(s, str) for s in seniors):
            r.problem(("vacation", "seniors"), "expected a list of staff ids",
                      "forventet en liste med ansatt-id-er")
        else:
            unknown = [s for s in seniors if s not in staff_ids]
            if unknown:
                ids = ", ".join(shown(s) for s in unknown)
                r.problem(("vacation", "seniors"), f"not in the scenario's staff list: {ids}",
                          f"finnes ikke blant scenarioets ansatte: {ids}")
            out["seniors"] = tuple(seniors)
    for key in ("main_from", "main_to"):
        if key in t:
            v = t[key]
            if not isinstance(v, str) or len(v) != 5 or v[2] != "-":
                r.problem(("vacation", key), f"expected a month and day like \"06-01\", got {shown(repr(v))}",
                          f"forventet måned og dag som \"06-01\", fikk {shown(repr(v))}")
                continue
            try:
                dt.date(2001, int(v[:2]), int(v[3:]))  # a day of every year (not 02-29)
                out[key] = (int(v[:2]), int(v[3:]))
            except ValueError:
                r.problem(("vacation", key), f"not a day of every year: {shown(v)}",
                          f"ikke en dag som finnes hvert år: {shown(v)}")
    if out.get("main_from", (6, 1)) > out.get("main_to", (9, 30)):
        r.problem(("vacation", "main_to" if "main_to" in t else "main_from"),
                  "the main holiday's window ends before it starts (main_from is after main_to)",
                  "hovedferiens vindu slutter før det starter (main_from er etter main_to)")
    return Entitlement(**out)


def _plans(r: _Reader, data: dict, year: int, shift_codes: set[str]) -> tuple[HolidayPlan, ...]:
    if "holiday_plans" not in data:
        return tuple(HolidayPlan(n, *default_period(n, year)) for n in NAMED_PLANS)
    out: list[HolidayPlan] = []
    seen: set[str] = set()
    for i, raw in enumerate(r.rows(data["holiday_plans"], ("holiday_plans",))):
        path = ("holiday_plans", i)
        t = r.table(raw, path)
        r.keys(t, PLAN_KEYS, path)
        name = r.text(t.get("name"), (*path, "name")) if "name" in t else None
        if "name" not in t:
            r.problem((*path, "name"), f"missing: a name ({', '.join(NAMED_PLANS)} or your own)",
                      f"mangler: et navn ({', '.join(NAMED_PLANS)} eller et eget)")
        if name is None:
            continue
        if name in seen:
            r.problem((*path, "name"), f"two holiday plans named {shown(name)!r}",
                      f"to høytidsplaner med navnet {shown(name)!r}")
        seen.add(name)
        start = r.date(t["start"], (*path, "start")) if "start" in t else None
        end = r.date(t["end"], (*path, "end")) if "end" in t else None
        if name in NAMED_PLANS:
            d_start, d_end = default_period(name, year)
            start = start or d_start
            end = end or d_end
        elif ("start" not in t or "end" not in t):
            r.problem(path, f"plan {shown(name)!r}: give start and end (only "
                            f"{', '.join(NAMED_PLANS)} have dates from the calendar)",
                      f"plan {shown(name)!r}: oppgi start og end (bare {', '.join(NAMED_PLANS)} har "
                      "datoer fra kalenderen)")
            continue
        if not _period_in_year(r, path, start, end, year,
                               ("is not inside {year}; a year plan covers 1 January to 31 December",
                                "er ikke innenfor {year}; en årsplan dekker 1. januar til 31. desember")):
            continue
        service = t.get("service", "scenario")
        if service not in SERVICES:
            r.problem((*path, "service"),
                      f"expected one of {', '.join(SERVICES)}, got {shown(repr(service))}",
                      f"forventet en av {', '.join(SERVICES)}, fikk {shown(repr(service))}")
            service = "scenario"
        cover = _plan_cover(r, t.get("coverage", []), path, shift_codes)
        out.append(HolidayPlan(name, start, end, service, tuple(cover)))
    out.sort(key=lambda p: p.start)
    for a, b in itertools.pairwise(out):
        if b.start <= a.end:
            r.problem(("holiday_plans",), f"plans {a.name!r} ({a.start}..{a.end}) and {b.name!r} "
                                          f"({b.start}..{b.end}) overlap",
                      f"planene {a.name!r} ({a.start}..{a.end}) og {b.name!r} ({b.start}..{b.end}) "
                      "overlapper")
    return tuple(out)


def _plan_cover(r: _Reader, value: Any, path: tuple, shift_codes: set[str]) -> list[PlanCover]:
    out = []
    for j, raw in enumerate(r.rows(value, (*path, "coverage"))):
        cp = (*path, "coverage", j)
        t = r.table(raw, cp)
        r.keys(t, PLAN_COVER_KEYS, cp)
        shift = t.get("shift")
        if shift not in shift_codes:
            r.problem((*cp, "shift"), f"expected a shift code of the scenario "
                                      f"({', '.join(sorted(shift_codes))}), got {shown(repr(shift))}",
                      f"forventet en vaktkode i scenarioet ({', '.join(sorted(shift_codes))}), fikk "
                      f"{shown(repr(shift))}")
            continue
        days = t.get("days", list(DAY_TYPES))
        if isinstance(days, str):
            days = [days]
        if not isinstance(days, list) or not days or any(d not in DAY_TYPES for d in days):
            r.problem((*cp, "days"),
                      f"expected day types from {', '.join(DAY_TYPES)}, got {shown(repr(days))}",
                      f"forventet dagtyper blant {', '.join(DAY_TYPES)}, fikk {shown(repr(days))}")
            continue
        # the bounds of a scenario's coverage line, which this line becomes (a shift opened
        # on those days needs at least one person)
        low = t.get("min_staff_if_open", t.get("min_staff", 1))
        lo = r.int_in(low, 1, MAX_ON_SHIFT, (*cp, "min_staff_if_open"))
        hi = r.int_in(t["max_staff"], 1, MAX_ON_SHIFT, (*cp, "max_staff")) if "max_staff" in t else None
        if lo is None or ("max_staff" in t and hi is None):
            continue
        if hi is not None and hi < lo:
            r.problem((*cp, "max_staff"), f"max_staff {hi} is below min_staff_if_open {lo}",
                      f"max_staff {hi} er under min_staff_if_open {lo}")
            continue
        skills = t.get("skills", {})
        if not isinstance(skills, dict) or not all(
                isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= (hi or MAX_ON_SHIFT)
                for v in skills.values()):
            r.problem((*cp, "skills"), "expected a table like { nurse = 1 }: whole numbers from 1 "
                                       "to max_staff",
                      "forventet en tabell som { nurse = 1 }: heltall fra 1 til max_staff")
            continue
        r.cover_skills += [((*cp, "skills", str(k)), str(k)) for k in skills]
        priority = t.get("priority", "base")
        if priority not in ("base", "service"):
            r.problem((*cp, "priority"), f"expected base or service, got {shown(repr(priority))}",
                      f"forventet base eller service, fikk {shown(repr(priority))}")
            continue
        label = t.get("label")
        if label is not None and not isinstance(label, str):
            r.problem((*cp, "label"), f"expected a text, got {shown(repr(label))}",
                      f"forventet en tekst, fikk {shown(repr(label))}")
            continue
        out.append(PlanCover(shift, tuple(days), lo, hi, dict(skills), priority, label))
    return out


def _vacations(r: _Reader, value: Any, year: int, staff_ids: set[str],
               plans: tuple[HolidayPlan, ...]) -> list[VacationEntry]:
    by_name = {p.name: p for p in plans}
    out: list[VacationEntry] = []
    for i, raw in enumerate(r.rows(value, ("vacations",))):
        path = ("vacations", i)
        t = r.table(raw, path)
        r.keys(t, VAC_KEYS, path)
        staff = t.get("staff")
        if not isinstance(staff, str) or staff not in staff_ids:
            r.problem((*path, "staff"), f"{shown(repr(staff))} is not in the scenario's staff list",
                      f"{shown(repr(staff))} finnes ikke blant scenarioets ansatte")
            continue
        note = t.get("note", "")
        note = note if isinstance(note, str) else ""
        if "weeks" in t:
            if "start" in t or "end" in t:
                r.problem((*path, "weeks"), "give either start and end, or weeks to be placed; not both",
                          "oppgi enten start og end, eller weeks som skal plasseres; ikke begge")
                continue
            weeks = r.int_in(t["weeks"], 1, 8, (*path, "weeks"))
            window = _window(r, t, path, year, by_name)
            if weeks is None or window is None:
                continue
            if (window[1] - window[0]).days + 1 < 7 * weeks:
                r.problem((*path, "weeks"), f"{weeks} week(s) do not fit in {window[0]}..{window[1]}",
                          f"{weeks} uke(r) får ikke plass i {window[0]}..{window[1]}")
                continue
            out.append(VacationEntry(i, staff, weeks=weeks, within=t.get("within"), window=window,
                                     note=note))
            continue
        if "start" not in t or "end" not in t:
            r.problem(path, "give start and end (dates), or weeks = N to have them placed",
                      "oppgi start og end (datoer), eller weeks = N for å få dem plassert")
            continue
        start, end = r.date(t["start"], (*path, "start")), r.date(t["end"], (*path, "end"))
        if not _period_in_year(r, path, start, end, year,
                               ("is outside the year {year}", "er utenfor året {year}")):
            continue
        out.append(VacationEntry(i, staff, start=start, end=end, note=note))
    dated = sorted((v for v in out if v.start), key=lambda v: (v.staff, v.start))
    for a, b in itertools.pairwise(dated):
        if a.staff == b.staff and b.start <= a.end:  # type: ignore[operator]
            r.problem(("vacations", b.row, "start"),
                      f"{b.staff}'s vacation {b.start}..{b.end} overlaps their vacation "
                      f"{a.start}..{a.end} (row {a.row + 1})",
                      f"ferien til {b.staff} {b.start}..{b.end} overlapper ferien deres "
                      f"{a.start}..{a.end} (rad {a.row + 1})")
    return out


def _period_in_year(r: _Reader, path: tuple, start: dt.date | None, end: dt.date | None, year: int,
                    outside: tuple[str, str]) -> bool:
    """Both dates read, in order and inside ``year``; else the problem is reported (``outside``
    says what is wrong with a period outside the year, with ``{year}`` in it, in English
    and bokmål)."""
    if start is None or end is None:
        return False
    if end < start:
        r.problem((*path, "end"), f"ends ({end}) before it starts ({start})",
                  f"slutter ({end}) før den starter ({start})")
        return False
    if start.year != year or end.year != year:
        en, nb = outside
        r.problem((*path, "start" if start.year != year else "end"),
                  f"{start}..{end} {en.format(year=year)}", f"{start}..{end} {nb.format(year=year)}")
        return False
    return True


def _window(r: _Reader, t: dict, path: tuple, year: int,
            by_name: dict[str, HolidayPlan]) -> tuple[dt.date, dt.date] | None:
    if "within" in t:
        name = t["within"]
        plan = by_name.get(name) if isinstance(name, str) else None
        if plan is None:
            r.problem((*path, "within"), f"no holiday plan named {shown(repr(name))}; the plans are "
                                         f"{', '.join(by_name) or 'none'} (or give from/to dates)",
                      f"ingen høytidsplan med navnet {shown(repr(name))}; planene er "
                      f"{', '.join(by_name) or 'ingen'} (eller oppgi datoer i from/to)")
            return None
        return plan.start, plan.end
    if "from" in t or "to" in t:
        a = r.date(t.get("from"), (*path, "from"))
        b = r.date(t.get("to"), (*path, "to"))
        if a is None or b is None:
            return None
        if b < a or a.year != year or b.year != year:
            r.problem((*path, "to"), f"{a}..{b} is not a window inside {year}",
                      f"{a}..{b} er ikke et vindu innenfor {year}")
            return None
        return a, b
    if "sommer" in by_name:
        return by_name["sommer"].start, by_name["sommer"].end
    return dt.date(year, 6, 1), dt.date(year, 9, 30)
