"""Holiday work year over year: who worked which høytid, and a planner cost that shares the
next one with those who worked less.

**Occasions** are the parts of a høytid unit leaders share out and remember: julaften, the
Christmas days (1st and 2nd juledag count once), nyttårsaften, 1st nyttårsdag, skjærtorsdag
and langfredag (once), påskeaften, the Easter days (once). A person works an occasion when
they have any shift on one of its dates (a night shift starting on julaften counts as
julaften).

**History** is counted from rotas: earlier years' published rotas in the store
(``Store.rotas(unit)``, published or superseded-by-nothing), earlier årsturnus outputs
(their month rotas), or any rota.json. An occasion ``k`` years before the planned year
weighs ``1/k`` (last year 1, the year before 1/2), up to ``history_years`` back.

**The cost** (:func:`history_unit`): an extra sub-stage right after the planner's own
fairness stage (``fairness.1``), so it never trades coverage, hours, service or the
within-period fairness for it; among rotas equal on those it prefers, per person,

- not working an occasion they worked in earlier years (weight: its history), and
- a low total of holiday work, history and the year's earlier plans included, per full
  post (a convex cost: the 3rd occasion costs more than the 2nd), so who worked Easter and
  Christmas Eve is not also given New Year's Eve when someone else can take it.

No shared module is changed: the unit is passed to ``roster.planner.build_model`` through
its ``rules`` argument, beside the catalogue's units.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pulp
from dateutil.easter import easter

from roster.model import Model, Priority
from roster.rota import Rota
from roster.rules.spec import RuleUnit

ID = "holiday_history"
OCCASIONS: dict[str, tuple[str, str]] = {
    "julaften": ("julaften", "Christmas Eve"),
    "juledagene": ("1. og 2. juledag", "Christmas Day and Boxing Day"),
    "nyttarsaften": ("nyttårsaften", "New Year's Eve"),
    "nyttarsdag": ("1. nyttårsdag", "New Year's Day"),
    "skjaertorsdag_langfredag": ("skjærtorsdag og langfredag", "Maundy Thursday and Good Friday"),
    "paskeaften": ("påskeaften", "Easter Saturday"),
    "paskedagene": ("1. og 2. påskedag", "Easter Sunday and Monday"),
}
CHRISTMAS = ("julaften", "juledagene")
SAME_OCCASION_WEIGHT = 4.0
"""A repeat of last year's occasion costs this much more than the convex step of one more
occasion: "not Christmas two years running" comes before evening out totals."""


def occasion_of(date: dt.date) -> str | None:
    """The høytid occasion a date belongs to, or None."""
    md = (date.month, date.day)
    if md == (12, 24):
        return "julaften"
    if md in ((12, 25), (12, 26)):
        return "juledagene"
    if md == (12, 31):
        return "nyttarsaften"
    if md == (1, 1):
        return "nyttarsdag"
    if date.month in (3, 4):
        delta = (date - easter(date.year)).days
        if delta in (-3, -2):
            return "skjaertorsdag_langfredag"
        if delta == -1:
            return "paskeaften"
        if delta in (0, 1):
            return "paskedagene"
    return None


@dataclass(frozen=True)
class Worked:
    """One occasion a person worked: its year and key (and one of its dates)."""

    staff: str
    year: int
    occasion: str
    date: dt.date


def occasions_worked(assignments: Iterable[tuple[str, dt.date]]) -> list[Worked]:
    """Each (person, year, occasion) once, from (staff, date) pairs of worked shifts."""
    seen: dict[tuple[str, int, str], dt.date] = {}
    for staff, date in assignments:
        occ = occasion_of(date)
        if occ is not None:
            key = (staff, date.year, occ)
            seen[key] = min(seen.get(key, date), date)
    return [Worked(s, y, o, d) for (s, y, o), d in sorted(seen.items())]


def from_rotas(rotas: Iterable[Rota]) -> list[Worked]:
    """Occasions worked in the given rotas (a date in two rotas counts once)."""
    pairs = {(a.staff, a.date) for r in rotas for a in r.assignments}
    return occasions_worked(pairs)


def from_store(db: str | None, unit: str, year: int, years: int
               ) -> tuple[list[Worked], list[dict[str, str]]]:
    """Occasions worked in the unit's published rotas of the ``years`` years before
    ``year``, and a line saying what was read."""
    from roster.store.db import db_path
    from roster.store.store import Store, StoreError

    path = db_path(db)
    if not path.exists():
        return [], [{"text": f"no rota store at {path}: no holiday history from it",
                     "text_nb": f"ingen turnusdatabase i {path}: ingen høytidshistorikk derfra"}]
    first = dt.date(year - years, 1, 1)
    last = dt.date(year - 1, 12, 31)
    with Store(db, create=False) as store:
        try:
            recs = [r for r in store.rotas(unit, status="published")
                    if r.end >= first and r.start <= last]
        except StoreError:
            recs = []
        rotas = [store.get_rota(r.id) for r in recs]
    said = [{"text": f"{len(rotas)} published rota(s) of unit '{unit}' from {first} to {last} "
                     f"in {path}",
             "text_nb": f"{len(rotas)} publiserte turnuser for enheten '{unit}' fra {first} til "
                        f"{last} i {path}"}]
    return [w for w in from_rotas(rotas) if first <= w.date <= last], said


@dataclass
class HistoryCounts:
    """Weighted counts per person: per occasion, and in all."""

    by_occasion: dict[str, dict[str, float]]
    total: dict[str, float]

    def to_json(self) -> dict:
        return {s: {"total": round(self.total.get(s, 0.0), 2),
                    "by_occasion": {o: round(v, 2) for o, v in sorted(occ.items())}}
                for s, occ in sorted(self.by_occasion.items())}


def weigh(worked: Iterable[Worked], year: int, years: int) -> HistoryCounts:
    """Occasions of the ``years`` years before ``year``; k years back weighs 1/k."""
    by: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    total: dict[str, float] = defaultdict(float)
    for w in worked:
        k = year - w.year
        if 1 <= k <= years:
            by[w.staff][w.occasion] += 1 / k
            total[w.staff] += 1 / k
    return HistoryCounts({s: dict(v) for s, v in by.items()}, dict(total))


def history_unit(history: HistoryCounts, this_year: Mapping[str, float]) -> RuleUnit:
    """The planner cost above, as a rule unit for ``build_model(rules=...)``.
    ``this_year``: occasions each person already works in the year's earlier plans."""

    def build(m: Model) -> None:
        runs: dict[str, list[int]] = defaultdict(list)
        for i, day in enumerate(m.days):
            occ = occasion_of(day.date)
            if occ is not None:
                runs[occ].append(i)
        if not runs:
            return
        for p in m.persons():
            person = m.staff[p]
            worked = {o: m.worked_any(p, days, "hol_hist") for o, days in runs.items()}
            worked = {o: w for o, w in worked.items() if not isinstance(w, int | float)}
            if not worked:
                continue
            past = history.by_occasion.get(person.id, {})
            for o, w in worked.items():
                if past.get(o):
                    m.cost(Priority.FAIRNESS, w, rule=ID, weight=SAME_OCCASION_WEIGHT * past[o], sub=1)
            offset = history.total.get(person.id, 0.0) + this_year.get(person.id, 0.0)
            share = max(person.fte, 0.1)
            load = (pulp.lpSum(worked.values()) + offset) * (1 / share)
            top = int((len(worked) + offset) / share) + 1
            for k in range(top):
                z = m.continuous("hol_load", owner=p)
                m.add(z >= load - k)
                m.cost(Priority.FAIRNESS, z, rule=ID, sub=1)

    return RuleUnit(id=ID, nb="høytidsarbeid over år", en="holiday work over the years",
                    kind="priority 4 (sub-stage 1)", staged_only=True,
                    source="årsturnus: holiday work shared year over year (the unit's history)",
                    summary="who worked a høytid in earlier years or earlier in the year is "
                            "spared the next one when someone else can take it",
                    build=build)
