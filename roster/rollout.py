"""Roll a grunnturnus out over real dates: the rota of a month, or of a whole year.

Each line of the grunnturnus (``roster.grunnturnus``) repeats every N weeks from the
grunnturnus's start (``cycle_start``, a Monday: week 1, Monday). Lines are held by people:
by default line i by the i-th staff member of the scenario; ``--assign L03=b07@2028-03-01``
gives a line to someone from a date (that person's default line is then vacant from that
date unless it is given to someone too).

The rolled period is cut into calendar months (or kept whole) and each piece becomes an
ordinary ``rota.json`` with a scenario file of its own period beside it, so ``roster
check``, ``replan``, ``export``, ``publish`` and the app take it like a planned month. What
the calendar changes, and how:

- **Public holidays and eves** are listed. A holiday shift is worked as the grunnturnus says,
  unless the scenario's coverage closes it that day (the shift does not run on a holiday:
  the person is off) or caps it (more people than the holiday's ``max_staff``: those
  beyond it are off, skill holders the shift needs kept first). Holidays get their own
  plan (høytidsturnus) outside this module (issue 17 item 3).
- **Absences** in the scenario take the shifts of those days off the rota (listed: they
  need cover; the rota's status says what is short).
- **Contract hours** are averaged over the cycle (AML § 10-5), not the month: a month
  holds what the grunnturnus gives it. The piece's scenario gives each line holder a band
  that contains both their contract band for the month and their rolled hours; the
  difference (plus/minus hours against the month's contract) is reported per person,
  with a running balance over the pieces.
- **Month boundaries**: each piece is checked with the previous piece as history (the
  first with ``--previous``, or else the grunnturnus rolled back 5 weeks), so rest, days in
  a row, weekly rest and weekend frequency hold across them; so does a change of line.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import tomllib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from roster.calendar import days_between
from roster.contract import absent_share, hours_band
from roster.errors import UserError
from roster.excel.toml_write import dumps
from roster.grunnturnus import Line
from roster.planner import HISTORY_DAYS
from roster.rota import Assignment, Rota
from roster.rota_build import build_rota
from roster.safe_io import os_reason
from roster.scenario import Scenario
from roster.scenario_load import loads_scenario
from roster.slots import SlotTable

MAX_ROLLOUT_DAYS = 366
ASSIGN = re.compile(r"^\s*L?0*(\d+)\s*=\s*([^@\s]+)\s*(?:@\s*(\S+))?\s*$", re.IGNORECASE)
FAR_PAST = dt.date(1900, 1, 1)


# --------------------------------------------------------------------------------------
# Who holds which line, from when


@dataclass(frozen=True)
class Holding:
    line: int  # 1-based
    staff: str
    start: dt.date
    end: dt.date  # inclusive


def parse_assign(text: str) -> tuple[int, str, dt.date | None]:
    """``L03=b07`` or ``3=b07@2028-03-01`` as (line, staff id, from)."""
    m = ASSIGN.match(text)
    if not m:
        raise UserError(f"--assign {text!r}: expected LINE=STAFF_ID[@FROM], e.g. L03=b07@2028-03-01",
                        nb=f"--assign {text!r}: forventet LINJE=ANSATT_ID[@FRA], f.eks. L03=b07@2028-03-01")
    when = None
    if m.group(3):
        try:
            when = dt.date.fromisoformat(m.group(3))
        except ValueError:
            raise UserError(f"--assign {text!r}: {m.group(3)!r} is not a date like 2028-03-01",
                            nb=f"--assign {text!r}: {m.group(3)!r} er ikke en dato som 2028-03-01") from None
    return int(m.group(1)), m.group(2), when


def holdings(lines: Sequence[Line], scenario: Scenario,
             assigns: Sequence[tuple[int, str, dt.date | None]] = ()) -> list[Holding]:
    """Who holds each line on which dates: line i by the i-th staff member unless told
    otherwise; an explicit holding from a date ends the holder's default line on that date
    (it is vacant then, unless given to someone). Two holdings of one person that overlap,
    or two holders of one line from the same date, are refused."""
    ids = scenario.staff_ids
    far = dt.date(2200, 12, 31)
    explicit: dict[int, dict[dt.date, str]] = defaultdict(dict)
    moves: dict[str, dt.date] = {}  # the first date a person holds a line they were given
    for number, sid, when in assigns:
        if not 1 <= number <= len(lines):
            raise UserError(f"--assign L{number:02d}: the grunnturnus has lines L01 to L{len(lines):02d}",
                            nb=f"--assign L{number:02d}: grunnturnusen har linjene L01 til "
                               f"L{len(lines):02d}")
        if sid not in ids:
            raise UserError(f"--assign L{number:02d}={sid}: '{sid}' is not in the scenario's staff list",
                            nb=f"--assign L{number:02d}={sid}: «{sid}» finnes ikke blant scenarioets "
                               "ansatte")
        start = when or FAR_PAST
        if start in explicit[number]:
            raise UserError(f"--assign L{number:02d}: two holders from {when or 'the start'}",
                            nb=f"--assign L{number:02d}: to innehavere fra {when or 'starten'}")
        explicit[number][start] = sid
        moves[sid] = min(moves.get(sid, far), start)
    out: list[Holding] = []
    for i in range(len(lines)):
        timeline = [(start, sid, False) for start, sid in sorted(explicit[i + 1].items())]
        if (not timeline or timeline[0][0] > FAR_PAST) and i < len(ids):
            timeline.insert(0, (FAR_PAST, ids[i], True))
        for k, (start, sid, default) in enumerate(timeline):
            end = timeline[k + 1][0] - dt.timedelta(days=1) if k + 1 < len(timeline) else far
            if default and sid in moves:
                end = min(end, moves[sid] - dt.timedelta(days=1))
            if end >= start:
                out.append(Holding(i + 1, sid, start, end))
    by_staff: dict[str, list[Holding]] = defaultdict(list)
    for h in out:
        by_staff[h.staff].append(h)
    for sid, items in by_staff.items():
        items.sort(key=lambda h: h.start)
        for a, b in pairwise(items):
            if b.start <= a.end:
                when, when_nb = (b.start, b.start) if b.start > FAR_PAST else ("the start", "starten")
                raise UserError(f"{sid} would hold L{a.line:02d} and L{b.line:02d} at once (from "
                                f"{when}); give each person one line at a time",
                                nb=f"{sid} ville hatt L{a.line:02d} og L{b.line:02d} samtidig (fra "
                                   f"{when_nb}); gi hver person én linje om gangen")
    return sorted(out, key=lambda h: (h.line, h.start))


def holder_on(hold: Sequence[Holding], line: int, date: dt.date) -> str | None:
    for h in hold:
        if h.line == line and h.start <= date <= h.end:
            return h.staff
    return None


# --------------------------------------------------------------------------------------
# Rolling


def rolled(lines: Sequence[Line], cycle_start: dt.date, hold: Sequence[Holding], first: dt.date,
           last: dt.date) -> list[tuple[Assignment, int]]:
    """The lines' shifts from ``first`` to ``last`` with their holders, as (assignment, line)."""
    out = []
    n = (last - first).days + 1
    for line in lines:
        for k in range(n):
            date = first + dt.timedelta(days=k)
            code = line.shift_on((date - cycle_start).days)
            sid = holder_on(hold, line.number, date) if code else None
            if code and sid:
                out.append((Assignment(date=date, staff=sid, shift=code), line.number))
    return out


@dataclass
class Dropped:
    date: dt.date
    staff: str
    shift: str
    line: int
    reason: str  # closed | above_max | absence | fixed_day_off | vacant

    def to_json(self) -> dict:
        return {"date": self.date.isoformat(), "staff": self.staff, "shift": self.shift,
                "line": f"L{self.line:02d}", "reason": self.reason}


REASONS = {
    "closed": ("the coverage does not run this shift that day", "vakta går ikke den dagen"),
    "above_max": ("more than the day's maximum staff", "flere enn dagens maksimum"),
    "absence": ("the holder is absent", "innehaveren er borte"),
    "fixed_day_off": ("the holder's fixed day off", "innehaverens faste fridag"),
    "vacant": ("the line has no holder", "linja har ingen innehaver"),
}


def calendar_fit(scenario: Scenario, table: SlotTable, items: Sequence[tuple[Assignment, int]]
                 ) -> tuple[list[Assignment], list[Dropped]]:
    """The rolled shifts the real calendar keeps: a shift the coverage does not run that day
    (a closed day, a holiday without it) is off; on a day whose coverage allows fewer people
    than the line pattern gives (a holiday with its own maximum), those beyond the maximum
    are off, skill holders the shift needs kept first, then by line number; a holder's
    absence or fixed day off takes the shift off."""
    kept: list[tuple[Assignment, int]] = []
    dropped: list[Dropped] = []
    fixed = {(p.id, d) for p in scenario.staff for d in p.fixed_days_off}
    for a, line in items:
        i = table.index_of.get(a.date)
        reason = None
        if i is None or table.get(i, a.shift) is None:
            reason = "closed"
        elif absent_share(scenario, a.staff, a.date) >= 1.0:
            reason = "absence"
        elif (a.staff, a.date) in fixed:
            reason = "fixed_day_off"
        if reason:
            dropped.append(Dropped(a.date, a.staff, a.shift, line, reason))
        else:
            kept.append((a, line))
    by_slot: dict[tuple[dt.date, str], list[tuple[Assignment, int]]] = defaultdict(list)
    for a, line in kept:
        by_slot[(a.date, a.shift)].append((a, line))
    skills = {p.id: set(p.skills) for p in scenario.staff}
    out: list[Assignment] = []
    for (date, code), people in by_slot.items():
        slot = table.get(table.index_of[date], code)
        cap = slot.max_staff if slot is not None else None
        people.sort(key=lambda x: x[1])
        if cap is None or len(people) <= cap:
            out.extend(a for a, _ in people)
            continue
        chosen: list[tuple[Assignment, int]] = []
        for skill, need in slot.req.skills.items():  # type: ignore[union-attr]
            for item in people:
                have = sum(1 for c in chosen if skill in skills.get(c[0].staff, ()))
                if have >= need:
                    break
                if item not in chosen and skill in skills.get(item[0].staff, ()):
                    chosen.append(item)
        for item in people:
            if len(chosen) >= cap:
                break
            if item not in chosen:
                chosen.append(item)
        out.extend(a for a, _ in chosen)
        dropped.extend(Dropped(a.date, a.staff, a.shift, line, "above_max")
                       for a, line in people if (a, line) not in chosen)
    return sorted(out), sorted(dropped, key=lambda d: (d.date, d.line))


# --------------------------------------------------------------------------------------
# Pieces: months (or the whole period) as scenario + rota


def pieces(first: dt.date, last: dt.date, split: str) -> list[tuple[dt.date, dt.date]]:
    """The rolled period cut into calendar months (``split="month"``) or kept whole."""
    if split == "none":
        return [(first, last)]
    out = []
    start = first
    while start <= last:
        nxt = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        end = min(last, nxt - dt.timedelta(days=1))
        out.append((start, end))
        start = end + dt.timedelta(days=1)
    return out


def scenario_data(path: str | Path) -> dict:
    """The plain data of a scenario file (.toml or .xlsx), to write a piece's scenario from."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from roster.excel.scenario_workbook import read_scenario_workbook

        return read_scenario_workbook(path)[0]
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        reason_nb = (os_reason(exc, "nb") if isinstance(exc, OSError) else
                     "ikke UTF-8-tekst" if isinstance(exc, UnicodeDecodeError) else "ikke gyldig TOML")
        raise UserError(f"{path}: cannot read ({exc})", nb=f"{path}: kan ikke lese ({reason_nb})") from None


def as_date(value: Any) -> dt.date | None:
    """A TOML/JSON date value (date, datetime or ISO text) as a date; None if it is none."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def piece_data(data: Mapping, first: dt.date, last: dt.date,
               bands: Mapping[str, tuple[float, float]]) -> dict:
    """The scenario's data for one piece: its own period, no wishes or locks (the rota is
    the grunnturnus's), date-specific coverage cut to the period, and each line holder's
    band for the piece (``bands``: staff id -> (min hours, max hours))."""
    out = copy.deepcopy(dict(data))
    out["period"] = {"start": first, "end": last}
    out.pop("wishes", None)
    out.pop("locked", None)
    coverage = []
    for entry in out.get("coverage") or []:
        if isinstance(entry, dict) and "dates" in entry:
            dates = entry["dates"] if isinstance(entry["dates"], list) else [entry["dates"]]
            inside = [d for d in dates if (x := as_date(d)) is not None and first <= x <= last]
            if not inside:
                if not entry.get("days"):
                    continue
                entry = {k: v for k, v in entry.items() if k != "dates"}
            else:
                entry = {**entry, "dates": inside}
        coverage.append(entry)
    out["coverage"] = coverage
    for person in out.get("staff") or []:
        if not isinstance(person, dict) or person.get("id") not in bands:
            continue
        lo, hi = bands[person["id"]]
        rules = dict(person.get("rules") or {})
        for key in ("min_minutes", "max_minutes"):
            rules.pop(key, None)
        rules["min_hours"] = round(lo, 2)
        rules["max_hours"] = round(hi, 2)
        person["rules"] = rules
    return out


@dataclass
class Piece:
    first: dt.date
    last: dt.date
    scenario: Scenario
    scenario_text: str
    rota: Rota
    dropped: list[Dropped]
    balance: list[dict]

    @property
    def label(self) -> str:
        if self.first.day == 1 and (self.last + dt.timedelta(days=1)).day == 1 \
                and (self.first.year, self.first.month) == (self.last.year, self.last.month):
            return f"{self.first:%Y-%m}"
        return f"{self.first.isoformat()}_{self.last.isoformat()}"


@dataclass
class Rollout:
    pieces: list[Piece]
    holidays: list[dict]
    holdings: list[Holding]
    warnings: list[str] = field(default_factory=list)
    history_from: str = "grunnturnus"

    @property
    def ok(self) -> bool:
        return all(p.rota.status in ("optimal", "feasible") for p in self.pieces)


def position_warnings(lines: Sequence[Line], scenario: Scenario, hold: Sequence[Holding]) -> list[str]:
    """A holder whose own post does not match the line's position (stillingsprosent, skills
    the line was planned with, shifts they may not work): the checker judges the result."""
    out = []
    people = {p.id: p for p in scenario.staff}
    for h in hold:
        line, person = lines[h.line - 1], people[h.staff]
        codes = {c for w in line.weeks for c in w if c}
        if abs(person.fte - line.fte) > 1e-6:
            out.append(f"{person.id} ({person.fte:.0%}) holds L{h.line:02d}, planned for {line.fte:.0%}")
        missing = sorted(set(line.skills) - set(person.skills))
        if missing:
            out.append(f"{person.id} holds L{h.line:02d}, planned with skills they lack: "
                       f"{', '.join(missing)}")
        barred = sorted(codes & set(person.cannot_work))
        if barred:
            out.append(f"{person.id} holds L{h.line:02d}, whose shifts {', '.join(barred)} they may not work")
    return out


def previous_notes(previous: Rota, scenario: Scenario, first: dt.date) -> list[dict[str, str]]:
    """What is wrong with a ``--previous`` rota as the history before ``first``: it does not
    end on the day before (so some or all of the days the rules look back on are missing),
    or none of its people are in the scenario. Empty when it fits."""
    out = []
    day_before = first - dt.timedelta(days=1)
    if not previous.start <= day_before <= previous.end:
        out.append({"text": f"--previous covers {previous.start}..{previous.end}, not the day "
                            f"before {first}: the rules across {first} see no shifts there",
                    "text_nb": f"--previous dekker {previous.start}..{previous.end}, ikke dagen "
                               f"før {first}: reglene over {first} ser ingen vakter der"})
    elif previous.assignments and not {a.staff for a in previous.assignments} & set(scenario.staff_ids):
        out.append({"text": "--previous has none of the scenario's people: is it a rota of "
                            "another unit?",
                    "text_nb": "--previous har ingen av scenarioets ansatte: er det turnusen til "
                               "en annen enhet?"})
    return out


def roll_out(data: Mapping, scenario: Scenario, lines: Sequence[Line], cycle_start: dt.date,
             first: dt.date, last: dt.date, *, assigns: Sequence[tuple[int, str, dt.date | None]] = (),
             split: str = "month", previous: Rota | None = None, source: str = "") -> Rollout:
    """The grunnturnus rolled over ``first``..``last``, one :class:`Piece` per month (or
    one in all), each checked with the previous piece as history."""
    if last < first:
        raise UserError(f"--to {last} is before --from {first}", nb=f"--to {last} er før --from {first}")
    if (last - first).days + 1 > MAX_ROLLOUT_DAYS:
        raise UserError(f"a roll-out covers at most {MAX_ROLLOUT_DAYS} days (a year), got "
                        f"{(last - first).days + 1}; roll out one year at a time",
                        nb=f"en utrulling dekker høyst {MAX_ROLLOUT_DAYS} dager (et år), fikk "
                           f"{(last - first).days + 1}; rull ut ett år om gangen")
    codes = {s.code for s in scenario.shifts}
    unknown = sorted({c for line in lines for w in line.weeks for c in w if c and c not in codes})
    if unknown:
        raise UserError(f"the grunnturnus uses shift codes the scenario does not define: "
                        f"{', '.join(unknown)}",
                        nb=f"grunnturnusen bruker vaktkoder som scenarioet ikke har: {', '.join(unknown)}")
    hold = holdings(lines, scenario, assigns)
    if previous is not None:
        history = {(a.staff, a.date): a.shift for a in previous.assignments
                   if first - dt.timedelta(days=HISTORY_DAYS) <= a.date < first}
        history_source = "previous"
    else:
        back = first - dt.timedelta(days=HISTORY_DAYS)
        history = {(a.staff, a.date): a.shift
                   for a, _ in rolled(lines, cycle_start, hold, back, first - dt.timedelta(days=1))}
        history_source = "grunnturnus"
    out = Rollout(pieces=[], holidays=[], holdings=hold,
                  warnings=position_warnings(lines, scenario, hold), history_from=history_source)
    if previous is not None:
        out.warnings += [n["text"] for n in previous_notes(previous, scenario, first)]
    if first < cycle_start:
        out.warnings.append(f"{first} is before the grunnturnus starts ({cycle_start}); the "
                            "weeks before are rolled back from it")
    balance: dict[str, float] = defaultdict(float)
    n_weeks = len(lines[0].weeks)
    for a, b in pieces(first, last, split):
        base = scenario.with_changes(start=a, end=b)
        table = SlotTable(base)
        items = rolled(lines, cycle_start, hold, a, b)
        vacant = _vacant(lines, cycle_start, hold, a, b)
        kept, dropped = calendar_fit(base, table, items)
        dropped = sorted(dropped + vacant, key=lambda d: (d.date, d.line))
        minutes = {s.code: s.paid_minutes for s in scenario.shifts}
        planned: dict[str, int] = defaultdict(int)
        for x in kept:
            planned[x.staff] += minutes[x.shift]
        holders = {h.staff for h in hold if h.start <= b and h.end >= a}
        bands, rows = {}, []
        for p in scenario.staff:
            band = hours_band(base, p, table.days)
            got = planned.get(p.id, 0)
            if p.id in holders:
                bands[p.id] = (min(band.min, got) / 60, max(band.max, got) / 60)
            diff = (got - band.target) / 60
            balance[p.id] += diff
            rows.append({"staff": p.id, "contract_hours": round(band.target / 60, 2),
                         "planned_hours": round(got / 60, 2), "difference": round(diff, 2),
                         "running_balance": round(balance[p.id], 2)})
        text = dumps(piece_data(data, a, b, bands),
                     header=f"Scenario for the roll-out {a}..{b} of a grunnturnus (roster rollout).")
        piece_scenario = loads_scenario(text, source=f"{source or 'scenario'} [{a}..{b}]")
        piece_table = SlotTable(piece_scenario)
        days = days_between(a, b, piece_scenario.calendar)
        holidays = [{"date": d.date.isoformat(), "name": d.holiday_name or d.eve_name,
                     "kind": "holiday" if d.is_holiday else "eve",
                     "day_type": d.day_type,
                     "worked": sum(1 for x in kept if x.date == d.date),
                     "off": sum(1 for x in dropped
                                if x.date == d.date and x.reason in ("closed", "above_max"))}
                    for d in days if d.is_holiday or (d.eve_name and d.day_type == "eve")]
        out.holidays.extend(holidays)
        info = {"name": "rollout", "seconds": 0.0, "message": "rolled out from a grunnturnus"}
        extra = {"kind": "rollout", "rollout": {
            "cycle_start": cycle_start.isoformat(), "weeks": n_weeks,
            "week_of_cycle_at_start": ((a - cycle_start).days // 7) % n_weeks + 1,
            "lines": [{"line": f"L{h.line:02d}", "staff": h.staff,
                       "from": max(h.start, a).isoformat(), "to": min(h.end, b).isoformat()}
                      for h in hold if h.start <= b and h.end >= a],
            "holidays": holidays, "dropped": [d.to_json() for d in dropped],
            "hours": rows, "history": history_source}}
        rota = build_rota(piece_scenario, kept, status="feasible", solver=info, history=history,
                          table=piece_table, extra=extra)
        if rota.status == "feasible":
            rota.extra["verdict"]["text"] = ("every hard rule kept and every base shift at its "
                                             "minimum (rolled out from the grunnturnus, not solved)")
            rota.extra["verdict"]["text_nb"] = ("alle harde regler holdt og alle grunnvakter har "
                                                "minimum (rullert ut fra grunnturnusen, ikke løst)")
        out.pieces.append(Piece(a, b, piece_scenario, text, rota, dropped, rows))
        history = {k: v for k, v in history.items() if k[1] >= b - dt.timedelta(days=HISTORY_DAYS)}
        history.update({(x.staff, x.date): x.shift for x in kept})
    return out


def _vacant(lines: Sequence[Line], cycle_start: dt.date, hold: Sequence[Holding], first: dt.date,
            last: dt.date) -> list[Dropped]:
    out = []
    for line in lines:
        for k in range((last - first).days + 1):
            date = first + dt.timedelta(days=k)
            code = line.shift_on((date - cycle_start).days)
            if code and holder_on(hold, line.number, date) is None:
                out.append(Dropped(date, "", code, line.number, "vacant"))
    return out
