"""Check any rota against every rule, like the law alerts unit leaders know.

This module reads a rota as a list of assignments and measures each rule directly from
dates and clock times. It shares no code with the optimisation model's rule units (only
the scenario, the calendar, the slot table and the contract band, which are data), so a
hand-edited rota and a solver's rota are judged the same way, and a bug in a model rule
shows up here as a breach.

Each breach is a dict with ``rule``, ``severity`` (``error`` for a broken rule,
``warning`` for a service target missed or hours under the band), ``detail`` (a sentence
a unit leader understands) and what it concerns (``staff``, ``date``, ``shift``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from itertools import pairwise

from roster.calendar import WEEKDAY_NAMES, WEEKDAY_NAMES_NB, Day, classify
from roster.contract import absent_share, hours_band
from roster.rota import Assignment
from roster.scenario import MINUTES_PER_DAY, Scenario
from roster.slots import SlotTable


def _fmt(date: dt.date) -> str:
    return f"{WEEKDAY_NAMES[date.weekday()].capitalize()} {date.day} {date:%b} {date.year}"


MONTHS_NB = ("jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des")


def _nb(date: dt.date) -> str:
    """A date the Norwegian way: 'lørdag 9. jan 2027'."""
    return f"{WEEKDAY_NAMES_NB[date.weekday()]} {date.day}. {MONTHS_NB[date.month - 1]} {date.year}"


def _h(minutes: float) -> str:
    return f"{minutes / 60:.1f} h"


def _t(minutes: float) -> str:
    return f"{minutes / 60:.1f}".replace(".", ",") + " t"


def breach(rule: str, detail: str, *, severity: str = "error", staff: str | None = None,
           date: dt.date | None = None, shift: str | None = None, nb: str | None = None,
           **more: object) -> dict:
    """One breach row; ``detail`` in English, ``detail_nb`` (from ``nb``) in Norwegian."""
    row: dict = {"rule": rule, "severity": severity, "detail": detail}
    if nb is not None:
        row["detail_nb"] = nb
    if staff is not None:
        row["staff"] = staff
    if date is not None:
        row["date"] = date.isoformat()
    if shift is not None:
        row["shift"] = shift
    row.update({k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in more.items()})
    return row


class RotaChecker:
    """Checks one rota (assignments in the scenario's period) plus the history before it."""

    def __init__(self, scenario: Scenario, assignments: Iterable[Assignment],
                 history: dict[tuple[str, dt.date], str] | None = None,
                 table: SlotTable | None = None):
        self.s = scenario
        self.table = table or SlotTable(scenario)
        self.assignments = list(assignments)
        self.history = dict(history or {})
        self.shifts = {sh.code: sh for sh in scenario.shifts}
        self.staff = {p.id: p for p in scenario.staff}
        self.work: dict[tuple[str, dt.date], str] = {}
        self.breaches: list[dict] = []
        for a in self.assignments:
            self.work[(a.staff, a.date)] = a.shift

    # ----------------------------------------------------------------------------
    def run(self) -> list[dict]:
        checks = [
            self.check_references, self.check_slots, self.check_availability,
            self.check_locks, self.check_coverage, self.check_skills, self.check_daily_rest,
            self.check_weekly_rest, self.check_consecutive, self.check_blocks,
            self.check_weekends, self.check_sunday_rest, self.check_hours,
            self.check_hours_7_days, self.check_max_shifts, self.check_service_targets,
        ]
        for check in checks:
            check()
        return self.breaches

    def add(self, *args, **kwargs) -> None:
        self.breaches.append(breach(*args, **kwargs))

    def _days_of(self, sid: str) -> dict[dt.date, str]:
        """Every known worked date of a person: history plus this rota."""
        out = {d: c for (s, d), c in self.history.items() if s == sid and d < self.s.start}
        out.update({d: c for (s, d), c in self.work.items() if s == sid})
        return out

    def _has_history(self, sid: str) -> bool:
        return any(s == sid for s, _ in self.history)

    # ----------------------------------------------------------------------------
    def check_references(self) -> None:
        for a in self.assignments:
            if a.staff not in self.staff:
                self.add("unknown_staff", f"'{a.staff}' is not in the scenario's staff list",
                         staff=a.staff, date=a.date, nb=f"'{a.staff}' finnes ikke i ansattlisten")
            if a.shift not in self.shifts:
                self.add("unknown_shift", f"shift code '{a.shift}' is not defined in the scenario",
                         staff=a.staff, date=a.date, shift=a.shift,
                         nb=f"vaktkoden '{a.shift}' finnes ikke i scenarioet")
            if not self.s.start <= a.date <= self.s.end:
                self.add("outside_period", f"{a.date} is outside the period "
                         f"{self.s.start}..{self.s.end}", staff=a.staff, date=a.date,
                         nb=f"{a.date} er utenfor perioden {self.s.start}..{self.s.end}")

    def check_slots(self) -> None:
        for a in self.assignments:
            i = self.table.index_of.get(a.date)
            if i is None or a.shift not in self.shifts:
                continue
            if self.table.get(i, a.shift) is None:
                day = self.table.days[i]
                self.add("no_slot", f"shift {a.shift} is not run on {_fmt(a.date)} "
                         f"({day.day_type})", staff=a.staff, date=a.date, shift=a.shift,
                         nb=f"vakt {a.shift} går ikke {_nb(a.date)}")

    def check_availability(self) -> None:
        for a in self.assignments:
            p = self.staff.get(a.staff)
            if p is None:
                continue
            if absent_share(self.s, a.staff, a.date) >= 1.0:
                self.add("absence", f"{p.name} works on {_fmt(a.date)} but is registered absent",
                         staff=a.staff, date=a.date, shift=a.shift,
                         nb=f"{p.name} jobber {_nb(a.date)}, men er registrert med fravær")
            if a.date in p.fixed_days_off or a.date.weekday() in p.weekdays_off:
                self.add("day_off", f"{p.name} works on a fixed day off ({_fmt(a.date)})",
                         staff=a.staff, date=a.date, shift=a.shift,
                         nb=f"{p.name} jobber på en fast fridag ({_nb(a.date)})")
            if a.shift in p.cannot_work or p.rules.max_shifts.get(a.shift, 1) == 0:
                self.add("not_allowed", f"{p.name} may not work shift {a.shift}",
                         staff=a.staff, date=a.date, shift=a.shift,
                         nb=f"{p.name} skal ikke ha vakt {a.shift}")

    def check_locks(self) -> None:
        for lock in self.s.locks:
            got = self.work.get((lock.staff, lock.date))
            if got != lock.shift:
                want = lock.shift or "a day off"
                self.add("locked", f"{lock.staff} is locked to {want} on {_fmt(lock.date)} "
                         f"but has {got or 'a day off'}", staff=lock.staff, date=lock.date,
                         shift=lock.shift, nb=f"{lock.staff} er låst til {lock.shift or 'fri'} "
                         f"{_nb(lock.date)}, men har {got or 'fri'}")

    # ----------------------------------------------------------------------------
    def staffed(self) -> dict[tuple[dt.date, str], list[str]]:
        out: dict[tuple[dt.date, str], list[str]] = defaultdict(list)
        for a in self.assignments:
            out[(a.date, a.shift)].append(a.staff)
        return out

    def check_coverage(self) -> None:
        staffed = self.staffed()
        for slot in self.table.slots:
            n = len(staffed.get((slot.date, slot.shift), []))
            where = f"{_fmt(slot.date)} {slot.shift}"
            hvor = f"{_nb(slot.date)} {slot.shift}"
            if slot.priority == "base" and n < slot.min_staff:
                self.add("coverage", f"{where}: {n} of {slot.min_staff} staffed",
                         date=slot.date, shift=slot.shift, assigned=n, min=slot.min_staff,
                         nb=f"{hvor}: {n} av {slot.min_staff} bemannet")
            if slot.priority == "service" and 0 < n < slot.min_staff:
                alone = "one person alone" if n == 1 else f"only {n}"
                alene = "én person alene" if n == 1 else f"bare {n}"
                self.add("open_or_minimum", f"{where}: opened with {alone}; a service shift "
                         f"needs at least {slot.min_staff} or is not opened",
                         date=slot.date, shift=slot.shift, assigned=n, min=slot.min_staff,
                         nb=f"{hvor}: åpnet med {alene}; vakten skal ha minst {slot.min_staff} "
                            "eller ikke åpnes")
            if slot.max_staff is not None and n > slot.max_staff:
                self.add("max_staff", f"{where}: {n} staffed, at most {slot.max_staff}",
                         date=slot.date, shift=slot.shift, assigned=n,
                         nb=f"{hvor}: {n} bemannet, høyst {slot.max_staff}")

    def check_skills(self) -> None:
        staffed = self.staffed()
        for slot in self.table.slots:
            people = staffed.get((slot.date, slot.shift), [])
            if slot.priority == "service" and not people:
                continue
            for skill, k in slot.req.skills.items():
                have = sum(1 for sid in people if sid in self.staff
                           and skill in self.staff[sid].skills)
                if have < k:
                    self.add("skill", f"{_fmt(slot.date)} {slot.shift}: {have} of {k} with "
                             f"skill '{skill}'", date=slot.date, shift=slot.shift,
                             nb=f"{_nb(slot.date)} {slot.shift}: {have} av {k} med "
                                f"kompetanse '{skill}'")

    # ----------------------------------------------------------------------------
    def intervals(self, sid: str) -> list[tuple[int, int, dt.date, str]]:
        """Worked intervals in minutes since the period start (history is negative)."""
        out = []
        for date, code in sorted(self._days_of(sid).items()):
            sh = self.shifts.get(code)
            if sh is None or not sh.has_times:
                continue
            base = (date - self.s.start).days * MINUTES_PER_DAY
            out.append((base + sh.start, base + sh.end_offset, date, code))  # type: ignore[operator]
        return out

    def check_daily_rest(self) -> None:
        rest = round(self.s.rules.min_rest_hours * 60)
        forbidden = set(self.s.rules.forbidden_successions)
        for sid in self.staff:
            days = self._days_of(sid)
            if rest > 0 and self.s.rules.check_times:
                iv = self.intervals(sid)
                for (_, e1, d1, c1), (s2, _, d2, c2) in pairwise(iv):
                    if d2 < self.s.start:
                        continue
                    if s2 - e1 < rest:
                        name = self.staff[sid].name
                        self.add("rest", f"{name}: {_h(max(0, s2 - e1))} rest "
                                 f"between {c1} on {_fmt(d1)} and {c2} on {_fmt(d2)}; at least "
                                 f"{self.s.rules.min_rest_hours:g} h required (AML § 10-8 (1))",
                                 staff=sid, date=d2, shift=c2,
                                 nb=f"{name}: {_t(max(0, s2 - e1))} hvile mellom {c1} {_nb(d1)} "
                                    f"og {c2} {_nb(d2)}; minst {self.s.rules.min_rest_hours:g} t "
                                    "kreves (aml. § 10-8 (1))")
            for date, code in days.items():
                nxt = days.get(date + dt.timedelta(days=1))
                if nxt and (code, nxt) in forbidden and date + dt.timedelta(days=1) >= self.s.start:
                    self.add("succession", f"{self.staff[sid].name}: {nxt} may not follow {code} "
                             f"({_fmt(date)})", staff=sid, date=date + dt.timedelta(days=1),
                             shift=nxt, nb=f"{self.staff[sid].name}: {nxt} kan ikke komme etter "
                                           f"{code} ({_nb(date)})")

    def check_weekly_rest(self) -> None:
        rules = self.s.rules
        need = round(rules.weekly_rest_hours * 60)
        if need <= 0 or not rules.check_times or not all(s.has_times for s in self.shifts.values()):
            return
        n = (self.s.end - self.s.start).days + 1
        for sid, person in self.staff.items():
            iv = self.intervals(sid)
            d_lo = -6 if self._has_history(sid) else 0
            if n - d_lo < 7:
                continue
            rest_day = {}
            for d in range(d_lo, n):
                lo, hi = d * MINUTES_PER_DAY, (d + 1) * MINUTES_PER_DAY
                if any(s < hi and e > lo for s, e, _, _ in iv):
                    rest_day[d] = False
                    continue
                prev_end = max((e for _, e, _, _ in iv if e <= lo), default=-10**9)
                next_start = min((s for s, _, _, _ in iv if s >= hi), default=10**9)
                rest_day[d] = next_start - prev_end >= need
            for t in range(d_lo, n - 6):
                if not any(rest_day[d] for d in range(t, t + 7)):
                    first = self.s.start + dt.timedelta(days=t)
                    self.add("weekly_rest", f"{person.name}: no free period of "
                             f"{rules.weekly_rest_hours:g} h in the 7 days from {_fmt(first)} "
                             "(AML § 10-8 (2))", staff=sid, date=first,
                             nb=f"{person.name}: ingen sammenhengende fritid på "
                                f"{rules.weekly_rest_hours:g} t i de 7 dagene fra {_nb(first)} "
                                "(aml. § 10-8 (2))")

    def _runs(self, sid: str) -> list[tuple[dt.date, dt.date]]:
        """Runs of consecutive worked dates (history included), as (first, last)."""
        dates = sorted(self._days_of(sid))
        runs: list[tuple[dt.date, dt.date]] = []
        for d in dates:
            if runs and runs[-1][1] == d - dt.timedelta(days=1):
                runs[-1] = (runs[-1][0], d)
            else:
                runs.append((d, d))
        return runs

    def _rule(self, sid: str, name: str):
        own = getattr(self.staff[sid].rules, name, None)
        return own if own is not None else getattr(self.s.rules, name, None)

    def check_consecutive(self) -> None:
        for sid, person in self.staff.items():
            k = self._rule(sid, "max_consecutive_days")
            if not k:
                continue
            for first, last in self._runs(sid):
                length = (last - first).days + 1
                if length > k and last >= self.s.start:
                    self.add("consecutive", f"{person.name}: {length} working days in a row "
                             f"({_fmt(first)} to {_fmt(last)}); at most {k}", staff=sid,
                             date=last, start=first, end=last,
                             nb=f"{person.name}: {length} arbeidsdager på rad ({_nb(first)} til "
                                f"{_nb(last)}); høyst {k}")

    def check_blocks(self) -> None:
        for sid, person in self.staff.items():
            known_start = self.s.start if not self._has_history(sid) else None
            kmin = self._rule(sid, "min_consecutive_days")
            if kmin and kmin > 1:
                for first, last in self._runs(sid):
                    length = (last - first).days + 1
                    touches = first == known_start or last == self.s.end or last < self.s.start
                    if length < kmin and not touches:
                        self.add("min_block", f"{person.name}: a working block of {length} "
                                 f"day(s) from {_fmt(first)}; at least {kmin}", staff=sid,
                                 date=first, nb=f"{person.name}: en arbeidsperiode på {length} "
                                                f"dag(er) fra {_nb(first)}; minst {kmin}")
            koff = self._rule(sid, "min_days_off")
            if koff and koff > 1:
                runs = self._runs(sid)
                for (_, last), (nxt, _) in pairwise(runs):
                    gap = (nxt - last).days - 1
                    if gap < koff and nxt >= self.s.start:
                        self.add("min_days_off", f"{person.name}: only {gap} day(s) off before "
                                 f"{_fmt(nxt)}; at least {koff}", staff=sid, date=nxt,
                                 nb=f"{person.name}: bare {gap} fridag(er) før {_nb(nxt)}; "
                                    f"minst {koff}")

    def _weekends_worked(self, sid: str) -> set[dt.date]:
        out = set()
        for d in self._days_of(sid):
            if d.weekday() >= 5:
                out.add(d - dt.timedelta(days=d.weekday() - 5))
        return out

    def check_weekends(self) -> None:
        sats = []
        first = self.s.start - dt.timedelta(days=(self.s.start.weekday() - 5) % 7)
        d = first
        while d <= self.s.end:
            sats.append(d)
            d += dt.timedelta(weeks=1)
        for sid, person in self.staff.items():
            worked = self._weekends_worked(sid)
            n = self._rule(sid, "weekend_every")
            if n and n > 1:
                all_sats = [first - dt.timedelta(weeks=i) for i in range(n - 1, 0, -1)] + sats
                for i in range(len(all_sats) - n + 1):
                    window = all_sats[i:i + n]
                    hits = [s for s in window if s in worked]
                    if len(hits) > 1 and hits[-1] + dt.timedelta(days=1) >= self.s.start:
                        dates = ", ".join(f"{h:%d %b}" for h in hits)
                        self.add("weekend", f"{person.name}: works the weekends of "
                                 f"{dates}; at most every {n}. weekend", staff=sid, date=hits[-1],
                                 nb=f"{person.name}: jobber helgene {dates}; høyst hver {n}. helg")
            mx = self._rule(sid, "max_weekends")
            if mx is not None:
                inside = [s for s in worked if s >= self.s.start - dt.timedelta(days=1)]
                if len(inside) > mx:
                    self.add("max_weekends", f"{person.name}: {len(inside)} weekends worked; "
                             f"at most {mx}", staff=sid,
                             nb=f"{person.name}: {len(inside)} helger i arbeid; høyst {mx}")

    def check_sunday_rest(self) -> None:
        if not self.s.rules.sunday_holiday_rest:
            return
        dates: list[dt.date] = []
        d = self.s.start - dt.timedelta(days=14)
        while d <= self.s.end:
            day: Day = classify(d, self.s.calendar)
            if day.is_sunday_or_holiday:
                dates.append(d)
            d += dt.timedelta(days=1)
        for sid, person in self.staff.items():
            days = self._days_of(sid)
            for a, b in pairwise(dates):
                if a in days and b in days and b >= self.s.start:
                    self.add("sunday_rest", f"{person.name}: works both {_fmt(a)} and {_fmt(b)}; "
                             "after a Sunday or holiday worked the next one is off "
                             "(AML § 10-8 (4))", staff=sid, date=b,
                             nb=f"{person.name}: jobber både {_nb(a)} og {_nb(b)}; etter en søn- "
                                "eller helgedag i arbeid skal neste være fri (aml. § 10-8 (4))")

    # ----------------------------------------------------------------------------
    def check_hours(self) -> None:
        for person in self.s.staff:
            band = hours_band(self.s, person, self.table.days)
            total = sum(self.shifts[c].paid_minutes for (s, d), c in self.work.items()
                        if s == person.id and c in self.shifts)
            span = f"contract band {_h(band.min)}-{_h(band.max)}"
            spenn = f"{_t(band.min)}-{_t(band.max)} etter stillingsprosent"
            if total > band.max:
                self.add("hours", f"{person.name}: {_h(total)} planned, above the {span}",
                         staff=person.id, planned=round(total / 60, 2),
                         nb=f"{person.name}: {_t(total)} planlagt, over {spenn}")
            elif total < band.min:
                self.add("hours", f"{person.name}: {_h(total)} planned, below the {span}",
                         severity="warning", staff=person.id, planned=round(total / 60, 2),
                         nb=f"{person.name}: {_t(total)} planlagt, under {spenn}")

    def check_hours_7_days(self) -> None:
        limit = self.s.rules.max_hours_per_7_days
        if not limit:
            return
        for sid, person in self.staff.items():
            days = self._days_of(sid)
            d = self.s.start - dt.timedelta(days=6)
            while d <= self.s.end - dt.timedelta(days=6):
                total = sum(self.shifts[days[d + dt.timedelta(days=i)]].paid_minutes
                            for i in range(7) if days.get(d + dt.timedelta(days=i)) in self.shifts)
                if total > limit * 60 + 1e-6:
                    self.add("hours_7_days", f"{person.name}: {_h(total)} in the 7 days from "
                             f"{_fmt(d)}; at most {limit:g} h (AML § 10-5 (2))", staff=sid, date=d,
                             nb=f"{person.name}: {_t(total)} i de 7 dagene fra {_nb(d)}; høyst "
                                f"{limit:g} t (aml. § 10-5 (2))")
                d += dt.timedelta(days=1)

    def check_max_shifts(self) -> None:
        for sid, person in self.staff.items():
            for code, cap in person.rules.max_shifts.items():
                n = sum(1 for (s, _), c in self.work.items() if s == sid and c == code)
                if n > cap:
                    self.add("max_shifts", f"{person.name}: {n} shifts {code}; at most {cap}",
                             staff=sid, shift=code,
                             nb=f"{person.name}: {n} vakter {code}; høyst {cap}")

    def check_service_targets(self) -> None:
        staffed = self.staffed()
        for g in self.table.target_groups:
            opened = 0
            for key in g.units:
                slots = self.table.units[key]
                if all(len(staffed.get((sl.date, sl.shift), [])) >= sl.min_staff for sl in slots):
                    opened += 1
            if opened < g.target:
                what = g.req.label or g.req.shift
                unit = "weekends" if g.req.unit == "weekend" else "days"
                enhet = "helger" if g.req.unit == "weekend" else "dager"
                first = self.table.units[g.units[0]][0].date
                self.add("service_target", f"{what} {g.label}: {opened} of {g.target} {unit} "
                         f"opened (target {g.req.open.describe(g.req.unit)})",
                         severity="warning", date=first, shift=g.req.shift,
                         opened=opened, target=g.target,
                         nb=f"{what} {g.label.replace('week', 'uke')}: {opened} av {g.target} "
                            f"{enhet} åpnet")


def check_rota(scenario: Scenario, assignments: Iterable[Assignment],
               history: dict[tuple[str, dt.date], str] | None = None,
               table: SlotTable | None = None) -> list[dict]:
    """Every breach of every rule in a rota (empty list = clean)."""
    return RotaChecker(scenario, assignments, history, table).run()
