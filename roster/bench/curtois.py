"""Curtois & Qu shift scheduling instances (schedulingbenchmarks.org, 2014) as scenarios.

``parse`` reads an ``InstanceN.txt`` file, ``scenario_data`` maps it onto the product's
own scenario format (the same ``build_scenario`` as a TOML file, no separate model) and
``evaluate`` computes the benchmark objective and the hard-rule breaches of a written rota
with code of its own, independent of the solver. Format: ../shared/bench/curtois/README.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from pathlib import Path

from roster.errors import UserError
from roster.input_files import control_char, read_text, shown
from roster.scenario import Scenario
from roster.scenario_load import build_scenario

START = dt.date(2024, 1, 1)  # a Monday: the instances' day 0

SECTIONS = ("SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF", "SECTION_DAYS_OFF",
            "SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS", "SECTION_COVER")


@dataclass(frozen=True)
class BenchStaff:
    id: str
    max_shifts: dict[str, int]
    max_minutes: int
    min_minutes: int
    max_consecutive: int
    min_consecutive: int
    min_days_off: int
    max_weekends: int


@dataclass(frozen=True)
class Request:
    staff: str
    day: int
    shift: str
    weight: int


@dataclass(frozen=True)
class Cover:
    day: int
    shift: str
    requirement: int
    under: int
    over: int


@dataclass
class Instance:
    name: str
    days: int
    shifts: dict[str, int]  # code -> minutes
    forbidden: dict[str, list[str]]  # code -> codes that may not follow it the next day
    staff: list[BenchStaff]
    days_off: dict[str, list[int]] = field(default_factory=dict)
    on: list[Request] = field(default_factory=list)
    off: list[Request] = field(default_factory=list)
    cover: list[Cover] = field(default_factory=list)

    def date(self, day: int) -> dt.date:
        return START + dt.timedelta(days=day)


MAX_INSTANCE_BYTES = 20 * 1024 * 1024
MAX_DAYS = 366      # the longest scenario period
MAX_STAFF = 500
MAX_SHIFTS = 100
MAX_WEIGHT = 1_000  # request and cover weights (the published instances use at most 100)
MAX_COVER = 100     # staff required on one shift


def _int(text: str, where: str, lo: int = 0, hi: int = 10**9) -> int:
    """A whole number from lo to hi (a number too long to read is refused, not converted)."""
    text = text.strip()
    if not re.fullmatch(r"[+-]?\d{1,12}", text):
        raise UserError(f"{where}: expected a whole number, got {shown(text, 20)!r}")
    value = int(text)
    if not lo <= value <= hi:
        raise UserError(f"{where}: expected a whole number from {lo} to {hi}, got {value}")
    return value


def _name(text: str, where: str) -> str:
    """An id or a shift code: non-empty, printable, short."""
    if not text or len(text) > 100 or control_char(text):
        raise UserError(f"{where}: expected an id (printable text, at most 100 characters), "
                        f"got {shown(text, 20)!r}")
    return text


def _sections(path: Path, text: str) -> dict[str, list[tuple[int, list[str]]]]:
    rows: dict[str, list[tuple[int, list[str]]]] = defaultdict(list)
    section = None
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("SECTION_"):
            if line not in SECTIONS:
                raise UserError(f"{path}:{no}: unknown section {shown(line)}")
            section = line
            continue
        if section is None:
            raise UserError(f"{path}:{no}: data before the first SECTION_ line")
        rows[section].append((no, [f.strip() for f in line.split(",")]))
    return rows


def parse(path: str | Path) -> Instance:
    """Read an instance file; raises UserError naming the file and line on bad input. Every
    number must lie in its range (days inside the horizon, at most 500 staff ...) and every
    staff id and shift code named in a later section must be declared."""
    path = Path(path)

    def fail(message: str) -> UserError:
        return UserError(f"{path}: {message}")

    text = read_text(path, fail=fail, limit=MAX_INSTANCE_BYTES, what="benchmark instance file")
    rows = _sections(path, text)

    def need(fields: list[str], n: int, no: int, sec: str) -> None:
        if len(fields) < n:
            raise UserError(f"{path}:{no}: {sec} needs {n} comma-separated fields, got {len(fields)}")

    if not rows["SECTION_HORIZON"]:
        raise UserError(f"{path}: SECTION_HORIZON is missing")
    no, f = rows["SECTION_HORIZON"][0]
    days = _int(f[0], f"{path}:{no}", 1, MAX_DAYS)
    shifts = _shifts(path, rows["SECTION_SHIFTS"], need)
    staff = _staff(path, rows["SECTION_STAFF"], shifts, need)
    inst = Instance(path.stem, days, {c: m for c, (m, _) in shifts.items()},
                    {c: bad for c, (_, bad) in shifts.items()}, staff)
    ids = {s.id for s in staff}
    for no, f in rows["SECTION_DAYS_OFF"]:
        w = f"{path}:{no}"
        who = _known(f[0], ids, w, "staff id")
        # a person's days off given on two lines count together
        inst.days_off[who] = sorted({*inst.days_off.get(who, []),
                                     *(_int(x, w, 0, days - 1) for x in f[1:] if x)})
    for sec, target in (("SECTION_SHIFT_ON_REQUESTS", inst.on), ("SECTION_SHIFT_OFF_REQUESTS", inst.off)):
        for no, f in rows[sec]:
            need(f, 4, no, sec)
            w = f"{path}:{no}"
            target.append(Request(_known(f[0], ids, w, "staff id"), _int(f[1], w, 0, days - 1),
                                  _known(f[2], shifts, w, "shift"), _int(f[3], w, 0, MAX_WEIGHT)))
    for no, f in rows["SECTION_COVER"]:
        need(f, 5, no, "SECTION_COVER")
        w = f"{path}:{no}"
        inst.cover.append(Cover(_int(f[0], w, 0, days - 1), _known(f[1], shifts, w, "shift"),
                                _int(f[2], w, 0, MAX_COVER), _int(f[3], w, 0, MAX_WEIGHT),
                                _int(f[4], w, 0, MAX_WEIGHT)))
    return inst


def _known(text: str, known: Collection[str], where: str, what: str) -> str:
    if text not in known:
        raise UserError(f"{where}: unknown {what} {shown(text, 20)!r}")
    return text


def _shifts(path: Path, rows: list[tuple[int, list[str]]],
            need: Callable[[list[str], int, int, str], None]) -> dict[str, tuple[int, list[str]]]:
    """Shift code -> (minutes, codes that may not follow it the next day)."""
    if len(rows) > MAX_SHIFTS:
        raise UserError(f"{path}: at most {MAX_SHIFTS} shifts, got {len(rows)}")
    shifts: dict[str, tuple[int, list[str]]] = {}
    for no, f in rows:
        need(f, 2, no, "SECTION_SHIFTS")
        w = f"{path}:{no}"
        code = _name(f[0], w)
        if code in shifts:
            raise UserError(f"{w}: shift {shown(code)!r} is declared twice")
        shifts[code] = (_int(f[1], w, 1, 24 * 60),
                        [_name(c, w) for c in (f[2].split("|") if len(f) > 2 else []) if c])
    for no, f in rows:
        for c in shifts[f[0]][1]:
            _known(c, shifts, f"{path}:{no}", "shift")
    return shifts


def _staff(path: Path, rows: list[tuple[int, list[str]]], shifts: Collection[str],
           need: Callable[[list[str], int, int, str], None]) -> list[BenchStaff]:
    if len(rows) > MAX_STAFF:
        raise UserError(f"{path}: at most {MAX_STAFF} staff, got {len(rows)}")
    staff: list[BenchStaff] = []
    seen: set[str] = set()
    minutes = MAX_DAYS * 24 * 60  # bounds independent of the horizon: "no limit" is a big number
    for no, f in rows:
        need(f, 8, no, "SECTION_STAFF")
        w = f"{path}:{no}"
        sid = _name(f[0], w)
        if sid in seen:
            raise UserError(f"{w}: staff id {shown(sid)!r} is declared twice")
        seen.add(sid)
        caps = {}
        for item in f[1].split("|"):
            if item:
                code, _, cap = item.partition("=")
                caps[_known(code, shifts, w, "shift")] = _int(cap, w, 0, MAX_DAYS)
        staff.append(BenchStaff(sid, caps, _int(f[2], w, 0, minutes), _int(f[3], w, 0, minutes),
                                _int(f[4], w, 0, MAX_DAYS), _int(f[5], w, 0, MAX_DAYS),
                                _int(f[6], w, 0, MAX_DAYS), _int(f[7], w, 0, MAX_DAYS)))
    return staff


# Norwegian defaults that the benchmark does not have (0 / false switches them off)
NEUTRAL_RULES = {"weekend_every": 0, "weekly_rest_hours": 0, "min_rest_hours": 0,
                 "sunday_holiday_rest": False, "max_shift_hours": 0, "max_hours_per_7_days": 0,
                 "holiday_hours_reduction": False, "max_consecutive_days": 0}


def scenario_data(inst: Instance) -> dict:
    """The instance as plain scenario data (the TOML format's dict)."""
    succ = [[a, b] for a, bs in inst.forbidden.items() for b in bs]
    staff = []
    for s in inst.staff:
        rules = {"max_shifts": {c: s.max_shifts.get(c, 0) for c in inst.shifts},
                 "min_minutes": s.min_minutes, "max_minutes": s.max_minutes,
                 "max_consecutive_days": s.max_consecutive, "min_consecutive_days": s.min_consecutive,
                 "min_days_off": s.min_days_off, "max_weekends": s.max_weekends}
        staff.append({"id": s.id, "fte": 1.0, "rules": rules,
                      "fixed_days_off": [inst.date(d) for d in inst.days_off.get(s.id, [])]})
    wishes = ([{"staff": r.staff, "date": inst.date(r.day), "kind": "shift", "shift": r.shift,
                "weight": r.weight} for r in inst.on]
              + [{"staff": r.staff, "date": inst.date(r.day), "kind": "not_shift", "shift": r.shift,
                  "weight": r.weight} for r in inst.off])
    coverage = [{"shift": c.shift, "dates": [inst.date(c.day)], "priority": "soft",
                 "min_staff_if_open": c.requirement, "under_weight": c.under,
                 "over_weight": c.over} for c in inst.cover]
    # a (day, shift) without a cover row asks for nobody and costs nothing either way; it
    # is still a shift people may work (the model only has shifts that some row opens)
    given = {(c.day, c.shift) for c in inst.cover}
    coverage += [{"shift": code, "dates": [inst.date(d)], "priority": "soft", "min_staff_if_open": 0,
                  "under_weight": 0, "over_weight": 0}
                 for d in range(inst.days) for code in inst.shifts if (d, code) not in given]
    return {
        "scenario": {"name": f"Curtois {inst.name}", "unit": inst.name},
        "period": {"start": START, "end": inst.date(inst.days - 1)},
        "calendar": {"country": ""},
        "objective": {"mode": "weighted"},
        "rules": {**NEUTRAL_RULES, "forbidden_successions": succ},
        "shifts": [{"code": c, "name": c, "minutes": mins, "kind": "other"}
                   for c, mins in inst.shifts.items()],
        "staff": staff, "coverage": coverage, "wishes": wishes,
    }


def to_scenario(inst: Instance) -> Scenario:
    s = build_scenario(scenario_data(inst), source=inst.name)
    # the loader reads country = "" as the default "NO"; the benchmark has no holidays
    return s.with_changes(calendar=replace(s.calendar, country=""))


def load(path: str | Path) -> tuple[Instance, Scenario]:
    inst = parse(path)
    return inst, to_scenario(inst)


@dataclass
class Evaluation:
    objective: int
    request_penalty: int
    cover_under: int
    cover_over: int
    violations: list[str]

    @property
    def feasible(self) -> bool:
        return not self.violations

    def to_json(self) -> dict:
        return {"objective": self.objective, "request_penalty": self.request_penalty,
                "cover_under_penalty": self.cover_under, "cover_over_penalty": self.cover_over,
                "feasible": self.feasible, "violations": self.violations}


def evaluate(inst: Instance, roster: dict[tuple[str, int], str]) -> Evaluation:
    """The benchmark objective of a rota given as (staff id, day index) -> shift code, and
    every hard rule it breaks (README of the instances; independent of the model)."""
    bad: list[str] = []
    ids = {s.id for s in inst.staff}
    for (sid, d), code in roster.items():
        if sid not in ids or code not in inst.shifts or not 0 <= d < inst.days:
            bad.append(f"unknown assignment {sid} day {d} {code}")
    for s in inst.staff:
        line = [roster.get((s.id, d)) for d in range(inst.days)]
        work = [c is not None for c in line]
        for code in inst.shifts:
            n = line.count(code)
            if n > s.max_shifts.get(code, 0):
                bad.append(f"{s.id}: {n} x {code} > max {s.max_shifts.get(code, 0)}")
        minutes = sum(inst.shifts[c] for c in line if c in inst.shifts)
        if not s.min_minutes <= minutes <= s.max_minutes:
            bad.append(f"{s.id}: {minutes} minutes outside [{s.min_minutes}, {s.max_minutes}]")
        for d in range(inst.days - 1):
            a, b = line[d], line[d + 1]
            if a is not None and b is not None and b in inst.forbidden.get(a, []):
                bad.append(f"{s.id}: {a} on day {d} followed by {b}")
        for d in inst.days_off.get(s.id, []):
            if 0 <= d < inst.days and work[d]:
                bad.append(f"{s.id}: works on fixed day off {d}")
        # runs of work and rest: (value, start, length)
        runs: list[tuple[bool, int, int]] = []
        for d, w in enumerate(work):
            if runs and runs[-1][0] == w:
                runs[-1] = (w, runs[-1][1], runs[-1][2] + 1)
            else:
                runs.append((w, d, 1))
        for w, start, length in runs:
            inner = start > 0 and start + length < inst.days
            if w and length > s.max_consecutive:
                bad.append(f"{s.id}: {length} shifts in a row from day {start}")
            if w and inner and length < s.min_consecutive:
                bad.append(f"{s.id}: block of {length} shifts from day {start}")
            if not w and inner and length < s.min_days_off:
                bad.append(f"{s.id}: {length} days off from day {start}")
        weekends = sum(1 for sat in range(5, inst.days, 7)
                       if work[sat] or (sat + 1 < inst.days and work[sat + 1]))
        if weekends > s.max_weekends:
            bad.append(f"{s.id}: {weekends} weekends > max {s.max_weekends}")
    requests = sum(r.weight for r in inst.on if roster.get((r.staff, r.day)) != r.shift)
    requests += sum(r.weight for r in inst.off if roster.get((r.staff, r.day)) == r.shift)
    staffed: dict[tuple[int, str], int] = defaultdict(int)
    for (_, d), code in roster.items():
        staffed[(d, code)] += 1
    under = over = 0
    for c in inst.cover:
        n = staffed[(c.day, c.shift)]
        under += max(0, c.requirement - n) * c.under
        over += max(0, n - c.requirement) * c.over
    return Evaluation(requests + under + over, requests, under, over, bad)


def roster_of(rota_assignments, inst: Instance) -> dict[tuple[str, int], str]:
    """(staff, day index) -> shift from a Rota's assignments (or rota.json rows)."""
    out = {}
    for a in rota_assignments:
        date = a.date if hasattr(a, "date") else dt.date.fromisoformat(a["date"])
        staff = a.staff if hasattr(a, "staff") else a["staff"]
        shift = a.shift if hasattr(a, "shift") else a["shift"]
        out[(staff, (date - START).days)] = shift
    return out


def best_known(directory: str | Path) -> dict[str, int]:
    """Instance name -> best known objective, from best_known.csv next to the instances."""
    path = Path(directory) / "best_known.csv"
    if not path.exists():
        return {}

    def fail(message: str) -> UserError:
        return UserError(f"{path}: {message}")

    text = read_text(path, fail=fail, limit=MAX_INSTANCE_BYTES, what="best_known.csv file")
    reader = csv.DictReader(io.StringIO(text))
    if not {"instance", "best_known"} <= set(reader.fieldnames or []):
        raise fail("expected a header line with the columns instance and best_known")
    out = {}
    try:
        for row in reader:
            w = f"{path}:{reader.line_num}"
            name = _name(row["instance"] or "", w)
            out[name] = _int(row["best_known"] or "", w, 0, 10**12)
    except csv.Error as exc:
        raise fail(f"not a valid CSV file ({exc})") from None
    return out


def solve(inst: Instance, scenario: Scenario, options=None):
    """Plan the instance with the product's planner; returns (rota, evaluation). The rota
    carries the benchmark objective (computed from the rota, not the solver) in
    ``extra["benchmark"]``."""
    from roster.planner import PlanOptions, plan

    rota = plan(scenario, options or PlanOptions())
    ev = evaluate(inst, roster_of(rota.assignments, inst))
    rota.extra["benchmark"] = {"set": "curtois", "instance": inst.name, **ev.to_json()}
    rota.extra["staff_rules"] = {s.id: {"max_shifts": s.max_shifts, "min_minutes": s.min_minutes,
                                        "max_minutes": s.max_minutes,
                                        "max_consecutive": s.max_consecutive,
                                        "min_consecutive": s.min_consecutive,
                                        "min_days_off": s.min_days_off,
                                        "max_weekends": s.max_weekends} for s in inst.staff}
    return rota, ev
