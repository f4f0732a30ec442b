"""Vacations of the year: virkedager counted as the law counts them, requested weeks placed,
and what a unit leader must be told (too many or too few days, no main holiday in summer).

Ferieloven § 5 (1): 25 virkedager a year; virkedager are all days but Sundays and public
holidays (so a week Monday-Sunday holds 6). The tariff (KS HTA) adds a fifth week (5
virkedager, "avtalefestet ferie"): 30 in all. Who turns 60 in the year has 6 more (§ 5
(2)). The main holiday (§ 7 (1)) is 18 virkedager in 1 June-30 September when the employee
asks for it. Dates are given by the unit; a row with ``weeks = N`` is placed by the tool:
whole Monday-Sunday weeks, in a row, where the fewest colleagues with the same skills are
already away.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from roster.arsturnus.plan_file import YearPlan
from roster.calendar import public_holidays
from roster.scenario import Scenario


@dataclass(frozen=True)
class Vacation:
    staff: str
    start: dt.date
    end: dt.date
    placed: bool  # True: placed by the tool from a ``weeks`` request
    note: str = ""
    row: int | None = None  # the [[vacations]] row (0-based) it was placed from

    def dates(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=k) for k in range((self.end - self.start).days + 1)]

    def to_json(self) -> dict:
        return {"staff": self.staff, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "virkedager": virkedager(self.start, self.end), "placed": self.placed,
                "note": self.note}


def is_virkedag(date: dt.date) -> bool:
    """A vacation day as Ferieloven § 5 (1) counts it: not a Sunday, not a public holiday."""
    return date.weekday() != 6 and date not in public_holidays(date.year)


def virkedager(start: dt.date, end: dt.date) -> int:
    return sum(1 for k in range((end - start).days + 1)
               if is_virkedag(start + dt.timedelta(days=k)))


def place_vacations(plan: YearPlan, scenario: Scenario) -> list[Vacation]:
    """The year's vacations: the dated rows as given, then each ``weeks`` request placed in
    its window (in file order) on the whole weeks where the fewest colleagues are already
    away (summed over the days; one sharing a skill with the person counts twice); earliest
    on a tie."""
    out = [Vacation(v.staff, v.start, v.end, False, v.note)
           for v in plan.vacations if v.start is not None and v.end is not None]
    skills = {p.id: set(p.skills) or {"-"} for p in scenario.staff}
    away: dict[dt.date, set[str]] = defaultdict(set)
    for v in out:
        for d in v.dates():
            away[d].add(v.staff)
    for req in plan.vacations:
        if req.weeks is None or req.window is None:
            continue
        first, last = req.window
        monday = first + dt.timedelta(days=(7 - first.weekday()) % 7)
        best: tuple | None = None
        while monday + dt.timedelta(days=7 * req.weeks - 1) <= last:
            end = monday + dt.timedelta(days=7 * req.weeks - 1)
            days = [monday + dt.timedelta(days=k) for k in range(7 * req.weeks)]
            if any(req.staff in away[d] for d in days):
                monday += dt.timedelta(days=7)
                continue
            # colleagues already away on those days: those sharing a skill count double
            load = sum(len(away[d]) + sum(1 for s in away[d] if skills.get(s, set()) & skills[req.staff])
                       for d in days)
            key = (load, monday)
            if best is None or key < best[0]:
                best = (key, monday, end)
            monday += dt.timedelta(days=7)
        if best is None:
            continue  # reported by vacation_problems: nothing placed
        _, a, b = best
        v = Vacation(req.staff, a, b, True, req.note, row=req.row)
        out.append(v)
        for d in v.dates():
            away[d].add(req.staff)
    return sorted(out, key=lambda v: (v.staff, v.start))


def vacation_problems(plan: YearPlan, scenario: Scenario, vacations: Sequence[Vacation]
                      ) -> list[dict[str, str]]:
    """Warnings: a request that could not be placed, more or fewer virkedager than the
    person is owed, no main holiday of ``main_days`` virkedager in a row in the summer."""
    ent = plan.entitlement
    out: list[dict[str, str]] = []
    for req in plan.vacations:
        if req.weeks is not None and not any(v.placed and v.row == req.row for v in vacations):
            out.append({"text": f"vacations row {req.row + 1}: {req.weeks} week(s) for {req.staff} "
                                f"could not be placed (no {req.weeks} whole Monday-Sunday week(s) in "
                                "a row in the window are free of their other vacation)",
                        "text_nb": f"vacations rad {req.row + 1}: {req.weeks} uke(r) for {req.staff} "
                                   f"fikk ikke plass (vinduet har ikke {req.weeks} hele uker "
                                   "mandag-søndag på rad uten annen ferie)"})
    by_staff: dict[str, list[Vacation]] = defaultdict(list)
    for v in vacations:
        by_staff[v.staff].append(v)
    main_a = dt.date(plan.year, *ent.main_from)
    main_b = dt.date(plan.year, *ent.main_to)
    for p in scenario.staff:
        mine = sorted(by_staff.get(p.id, []), key=lambda v: v.start)
        days = sum(virkedager(v.start, v.end) for v in mine)
        owed = ent.of(p.id)
        if not mine:
            # no vacation entered: all of it is left to place (the summary lists these people
            # on one line); a main holiday is not judged, nobody asked for one
            out.append({"text": f"{p.id}: no vacation entered; {owed} days (virkedager) left to place",
                        "text_nb": f"{p.id}: ingen ferie lagt inn; {owed} feriedager (virkedager) "
                                   "igjen å legge inn",
                        "kind": "left_to_place", "staff": p.id, "days": 0, "owed": owed})
            continue
        if days > owed:
            out.append({"text": f"{p.id}: {days} vacation days (virkedager) entered, more than the "
                                f"{owed} they are owed (Ferieloven § 5 + the tariff)",
                        "text_nb": f"{p.id}: {days} feriedager (virkedager) lagt inn, flere enn de "
                                   f"{owed} vedkommende har rett på (ferieloven § 5 + tariff)"})
        elif days < owed:
            out.append({"text": f"{p.id}: {days} vacation days (virkedager) entered of the {owed} "
                                f"they are owed; {owed - days} left to place",
                        "text_nb": f"{p.id}: {days} feriedager (virkedager) lagt inn av {owed}; "
                                   f"{owed - days} igjen å legge inn",
                        "kind": "left_to_place", "staff": p.id, "days": days, "owed": owed})
        if ent.main_days:
            longest = _longest_run(mine, main_a, main_b)
            if longest < ent.main_days:
                out.append({"text": f"{p.id}: no main holiday of {ent.main_days} virkedager in a row "
                                    f"between {main_a:%d.%m} and {main_b:%d.%m} (longest {longest}; "
                                    "Ferieloven § 7 (1) gives it when the employee asks)",
                            "text_nb": f"{p.id}: ingen hovedferie på {ent.main_days} virkedager i "
                                       f"sammenheng mellom {main_a:%d.%m} og {main_b:%d.%m} (lengste "
                                       f"{longest}; ferieloven § 7 (1) gir rett til den når "
                                       "arbeidstakeren ber om det)"})
    return out


def _longest_run(vacations: Sequence[Vacation], a: dt.date, b: dt.date) -> int:
    """The most virkedager of vacation in a row inside a..b (Sundays and holidays between
    vacation days do not break a run)."""
    days = {d for v in vacations for d in v.dates() if a <= d <= b}
    best = run = 0
    d = a
    while d <= b:
        if d in days:
            run += 1 if is_virkedag(d) else 0
        elif is_virkedag(d):
            run = 0
        best = max(best, run)
        d += dt.timedelta(days=1)
    return best
