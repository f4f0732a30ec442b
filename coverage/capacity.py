"""What the staff can give at most, and the bounds that prove a service level impossible.

The ladder (``coverage.ladder``) asks whether a service level can be staffed. Before it
solves, it compares what the level needs with what the staff can give at most; when a
need is above the most the staff can give, no rota exists and no solver time is spent.
Each bound is a relaxation of the planner's own hard rules, so it never calls a level
impossible that the planner could staff:

- **hours**: every base slot at its minimum plus, for each service target, the cheapest
  units that meet it, against each person's *capacity*: the top of their contract band,
  but never more than the shifts they could work on the days they are there (a day of
  100 % absence, a fixed day off or a shift type they may not work gives nothing), at
  most ``max_consecutive_days`` days in a row (6 when weekly rest applies: every 7 days
  hold a day off) and at most ``max_hours_per_7_days`` in each calendar block of 7 days;
- **skill holders' hours**: the same for each skill minimum, against the capacity of the
  people who have the skill;
- **people on a day**: on one date each person works one shift, so the slots that must be
  staffed that day need that many different people who are there; and a service target
  can only open units on days (weekends) with enough people there for the must-staff
  shifts and the unit's own minimum;
- **weekends**: a person works at most one weekend in any ``weekend_every`` in a row, so
  the weekends that must be staffed need that many person-weekends (someone on duty
  Saturday and Sunday counts once), and each run of ``weekend_every`` weekends needs that
  many different people present in it.

Every shortfall carries its numbers and a sentence in English and Norwegian bokmål:
"needs at least 1 643 staff hours; the contracts allow at most 1 450 h: 193 h short,
about 1.2 årsverk this month".
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from coverage.words import day_words, fmt_arsverk, fmt_int, period_words, whole
from roster.availability import unavailable_reason
from roster.calendar import Day
from roster.contract import hours_band
from roster.scenario import Scenario, Staff
from roster.slots import Slot, SlotTable, TargetGroup

NO_LIMIT = 10**9


@dataclass(frozen=True)
class Shortfall:
    """One bound a service level breaks: what it needs, the most the staff can give."""

    kind: str  # "hours", "skill", "day", "weekends", "weekend_run"
    needed: float
    available: float
    unit: str  # "h", "people" or "person-weekends"
    detail: str
    detail_nb: str
    subject: str = ""  # the skill, the date or the weekends concerned
    arsverk: float | None = None  # the hours short as årsverk of this period
    days: tuple[dt.date, ...] = ()
    """The days the bound is about (a day's people, a run of weekends, a target period's
    units); empty: the whole period (hours, skills, the month's weekends)."""
    service: str | None = None
    """The service requirement (its key) a target period's bound is about; None: any shift."""

    @property
    def short(self) -> float:
        return self.needed - self.available

    def to_json(self) -> dict:
        return {"kind": self.kind, "subject": self.subject, "needed": round(self.needed, 1),
                "available": round(self.available, 1), "short": round(self.short, 1),
                "unit": self.unit, "arsverk": None if self.arsverk is None else round(self.arsverk, 2),
                "detail": self.detail, "detail_nb": self.detail_nb}


# --- what a person can give -----------------------------------------------------------
def full_post_minutes(scenario: Scenario, table: SlotTable) -> int:
    """The contract hours of one full post (100 %) over the period, in minutes."""
    post = Staff(id="__full_post__", name="", fte=1.0)
    return hours_band(scenario, post, table.days).target


def eligible_shifts(scenario: Scenario, person: Staff, table: SlotTable) -> list[list[Slot]]:
    """Per day of the period: the slots this person could take at all."""
    out: list[list[Slot]] = [[] for _ in table.days]
    for slot in table.slots:
        if unavailable_reason(scenario, person, slot.date, slot.shift) is None:
            out[slot.day_index].append(slot)
    return out


def _weekly_rest_applies(scenario: Scenario) -> bool:
    rules = scenario.rules
    return (bool(rules.weekly_rest_hours) and rules.check_times
            and all(s.has_times for s in scenario.shifts))


def max_run(scenario: Scenario, person: Staff) -> int:
    """The most working days in a row the rules allow this person (NO_LIMIT if none)."""
    k = scenario.rule_for(person, "max_consecutive_days") or NO_LIMIT
    if _weekly_rest_applies(scenario):
        k = min(k, 6)  # weekly rest: every 7 days hold a date with no shift
    return k


def best_days(day_minutes: list[int], run: int) -> int:
    """The most minutes from days taken with at most ``run`` taken in a row (exact, by
    dynamic programming over the length of the current run)."""
    best = [0] + [-NO_LIMIT] * run  # best[r]: the current run is r days long
    for m in day_minutes:
        rest = max(best)
        nxt = [rest] + [-NO_LIMIT] * run
        if m > 0:
            for r in range(1, run + 1):
                if best[r - 1] > -NO_LIMIT:
                    nxt[r] = best[r - 1] + m
        best = nxt
    return max(best)


def person_capacity(scenario: Scenario, person: Staff, table: SlotTable, *, band: bool = True) -> int:
    """The most minutes this person can work in the period (see the module docstring);
    ``band=False`` leaves out the contract band (what the days they are there allow)."""
    per_day = [max((scenario.shift(s.shift).paid_minutes for s in day), default=0)
               for day in eligible_shifts(scenario, person, table)]
    top = hours_band(scenario, person, table.days).max if band else NO_LIMIT
    run = max_run(scenario, person)
    by_run = best_days(per_day, min(run, len(per_day))) if run < len(per_day) else sum(per_day)
    cap7 = scenario.rules.max_hours_per_7_days
    by_week = sum(per_day)
    if cap7:
        by_week = sum(min(round(cap7 * 60), sum(per_day[i:i + 7])) for i in range(0, len(per_day), 7))
    return max(0, min(top, by_run, by_week))


def capacities(scenario: Scenario, table: SlotTable | None = None, *, band: bool = True) -> dict[str, int]:
    """Each person's capacity in minutes, by staff id (``band=False``: without the contract
    band)."""
    table = table or SlotTable(scenario)
    return {p.id: person_capacity(scenario, p, table, band=band) for p in scenario.staff}


# --- what a service level needs -------------------------------------------------------
def _minutes(scenario: Scenario) -> dict[str, int]:
    return {s.code: s.paid_minutes for s in scenario.shifts}


def _cheapest(values: list[float], n: int) -> float:
    return sum(sorted(values)[:n])


def forced_groups(table: SlotTable) -> list[TargetGroup]:
    """Target groups whose every unit must be opened (``always``, or a target equal to
    the number of units)."""
    return [g for g in table.target_groups if g.target >= len(g.units) and g.target > 0]


def forced_slots(table: SlotTable) -> list[Slot]:
    """Slots that must be staffed at their minimum: base slots and every slot of a
    forced service unit."""
    out = [s for s in table.slots if s.priority == "base"]
    for g in forced_groups(table):
        for key in g.units:
            out.extend(table.units[key])
    return out


def hours_needed(scenario: Scenario, table: SlotTable | None = None) -> float:
    """A lower bound on the staff hours a scenario needs: every base slot at its minimum
    plus, for each service target, the cheapest units it must open at their minimum."""
    table = table or SlotTable(scenario)
    minutes = _minutes(scenario)
    need = sum(s.min_staff * minutes[s.shift] for s in table.slots if s.priority == "base")
    for g in table.target_groups:
        per_unit = [sum(s.min_staff * minutes[s.shift] for s in table.units[k]) for k in g.units]
        need += _cheapest(per_unit, g.target)
    return need / 60


def skills_needed(scenario: Scenario, table: SlotTable) -> dict[str, float]:
    """Per skill: a lower bound on the hours of shifts that need someone with it."""
    minutes = _minutes(scenario)
    need: dict[str, float] = defaultdict(float)
    for s in table.slots:
        if s.priority == "base":
            for skill, k in s.req.skills.items():
                need[skill] += k * minutes[s.shift]
    for g in table.target_groups:
        skills = {sk for k in g.units for s in table.units[k] for sk in s.req.skills}
        for skill in skills:
            per_unit = [sum(s.req.skills.get(skill, 0) * minutes[s.shift] for s in table.units[k])
                        for k in g.units]
            need[skill] += _cheapest(per_unit, g.target)
    return {k: v / 60 for k, v in need.items()}


# --- the bounds ---------------------------------------------------------------------
def hours_shortfall(scenario: Scenario, table: SlotTable, caps: dict[str, int]) -> Shortfall | None:
    need = hours_needed(scenario, table)
    return hours_short(
        scenario, table, need, caps,
        needs=(f"needs at least {fmt_int(need)} staff hours (base minimums and the cheapest shifts "
               "that meet the targets)"),
        needs_nb=(f"trenger minst {fmt_int(need)} timer (grunnbemanning og de billigste vaktene som "
                  "når målene)"))


def hours_short(scenario: Scenario, table: SlotTable, need: float, caps: dict[str, int], *,
                needs: str, needs_nb: str) -> Shortfall | None:
    """``need`` staff hours against what the contracts (``caps``, minutes) allow; ``needs``
    words the need, in English and Norwegian."""
    have = sum(caps.values()) / 60
    if need <= have + 1e-6:
        return None
    short = whole(need) - whole(have)
    arsverk = (need - have) * 60 / max(1, full_post_minutes(scenario, table))
    en, nb = period_words(scenario.start, scenario.end)
    return Shortfall(
        kind="hours", needed=need, available=have, unit="h", arsverk=arsverk,
        detail=(f"{needs}; the contracts allow at most {fmt_int(have)} h (absent days give none): "
                f"{fmt_int(short)} h short, about {fmt_arsverk(arsverk)} årsverk {en}"),
        detail_nb=(f"{needs_nb}; kontraktene gir høyst {fmt_int(have)} t (fraværsdager gir ingen): "
                   f"{fmt_int(short)} t for lite, om lag {fmt_arsverk(arsverk, 'nb')} årsverk {nb}"))


def skill_shortfalls(scenario: Scenario, table: SlotTable, caps: dict[str, int]) -> list[Shortfall]:
    out = []
    post = max(1, full_post_minutes(scenario, table))
    en, nb = period_words(scenario.start, scenario.end)
    for skill, need in sorted(skills_needed(scenario, table).items()):
        holders = [p for p in scenario.staff if p.has_skill(skill)]
        have = sum(caps[p.id] for p in holders) / 60
        if need <= have + 1e-6:
            continue
        short = whole(need) - whole(have)
        arsverk = (need - have) * 60 / post
        out.append(Shortfall(
            kind="skill", subject=skill, needed=need, available=have, unit="h", arsverk=arsverk,
            detail=(f"skill '{skill}': needs at least {fmt_int(need)} h of shifts with '{skill}'; the "
                    f"{len(holders)} with the skill can give at most {fmt_int(have)} h: "
                    f"{fmt_int(short)} h short, about {fmt_arsverk(arsverk)} årsverk {en}"),
            detail_nb=(f"kompetanse «{skill}»: trenger minst {fmt_int(need)} t på vakter med «{skill}»; "
                       f"de {len(holders)} med kompetansen kan gi høyst {fmt_int(have)} t: "
                       f"{fmt_int(short)} t for lite, om lag {fmt_arsverk(arsverk, 'nb')} årsverk {nb}")))
    return out


def available_on(scenario: Scenario, table: SlotTable, day_index: int,
                 skill: str | None = None) -> list[Staff]:
    """Staff who could take at least one of the day's slots (with the skill, if given)."""
    slots = [s for s in table.slots if s.day_index == day_index]
    return [p for p in scenario.staff if (skill is None or p.has_skill(skill))
            and any(unavailable_reason(scenario, p, s.date, s.shift) is None for s in slots)]


def _date_words(date: dt.date) -> tuple[str, str]:
    return day_words(date, "en"), day_words(date, "nb")


def day_shortfalls(scenario: Scenario, table: SlotTable) -> list[Shortfall]:
    """Dates whose must-staff slots need more different people (or skill holders) than
    are there."""
    need: dict[int, int] = defaultdict(int)
    skill_need: dict[tuple[int, str], int] = defaultdict(int)
    for s in forced_slots(table):
        need[s.day_index] += s.min_staff
        for skill, k in s.req.skills.items():
            skill_need[(s.day_index, skill)] += k
    out = []
    for d, n in sorted(need.items()):
        have = len(available_on(scenario, table, d))
        if n > have:
            en, nb = _date_words(table.days[d].date)
            out.append(Shortfall(
                kind="day", subject=table.days[d].date.isoformat(), needed=n, available=have,
                unit="people", days=(table.days[d].date,),
                detail=f"{en}: the shifts that must be staffed need {n} different people; "
                       f"only {have} are there",
                detail_nb=f"{nb}: vaktene som må bemannes trenger {n} ulike personer; bare {have} "
                          "er til stede"))
    for (d, skill), n in sorted(skill_need.items()):
        have = len(available_on(scenario, table, d, skill))
        if n > have:
            en, nb = _date_words(table.days[d].date)
            out.append(Shortfall(
                kind="day", subject=f"{table.days[d].date.isoformat()} {skill}", needed=n,
                available=have, unit="people", days=(table.days[d].date,),
                detail=f"{en}: the shifts that must be staffed need {n} with skill '{skill}'; "
                       f"only {have} with it are there",
                detail_nb=f"{nb}: vaktene som må bemannes trenger {n} med kompetanse «{skill}»; "
                          f"bare {have} med den er til stede"))
    return out


def _forced_need_by_date(table: SlotTable) -> dict[dt.date, int]:
    need: dict[dt.date, int] = defaultdict(int)
    for s in forced_slots(table):
        need[s.date] += s.min_staff
    return need


def target_day_shortfalls(scenario: Scenario, table: SlotTable) -> list[Shortfall]:
    """Service targets that ask for more units than there are days (or weekends) with
    enough people there to open one: on each of its days a unit needs the shifts that must
    be staffed plus its own minimum, all different people."""
    forced = {id(g) for g in forced_groups(table)}
    need = _forced_need_by_date(table)
    there = {d: len(available_on(scenario, table, d)) for d in range(len(table.days))}
    out = []
    for g in table.target_groups:
        if id(g) in forced or g.target <= 0:
            continue
        openable = sum(1 for key in g.units
                       if all(need.get(s.date, 0) + s.min_staff <= there[s.day_index]
                              for s in table.units[key]))
        if openable >= g.target:
            continue
        label = g.req.label or g.req.shift
        weekends = g.req.unit == "weekend"
        one_en, many_en = ("weekend", "weekends") if weekends else ("day", "days")
        one_nb, many_nb = ("helg", "helger") if weekends else ("dag", "dager")
        out.append(Shortfall(
            kind="target_days", subject=f"{label} {g.label}", needed=g.target, available=openable,
            unit=many_en, days=tuple(sorted({s.date for key in g.units for s in table.units[key]})),
            service=g.req.key,
            detail=(f"{label} {g.label}: {g.target} {one_en if g.target == 1 else many_en} to open, "
                    f"but only {openable} of its {len(g.units)} {many_en} have enough people there "
                    f"(the shifts that must be staffed and {g.req.min_staff_if_open} more, all "
                    "different people)"),
            detail_nb=(f"{label} {g.label.replace('week', 'uke')}: {g.target} "
                       f"{one_nb if g.target == 1 else many_nb} skal åpnes, men bare {openable} av "
                       f"{len(g.units)} {many_nb} har nok folk til stede (vaktene som må bemannes og "
                       f"{g.req.min_staff_if_open} til, ulike personer)")))
    return out


# --- weekends -----------------------------------------------------------------------
def ordinal(n: int) -> str:
    """2 -> '2nd', 3 -> '3rd', 4 -> '4th'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _weekend_days(table: SlotTable) -> dict[dt.date, list[Day]]:
    """The weekends touching the period: Saturday -> its days inside the period."""
    out: dict[dt.date, list[Day]] = defaultdict(list)
    for day in table.days:
        if day.weekend_key is not None:
            out[day.weekend_key].append(day)
    return dict(sorted(out.items()))


def _weekend_base_need(table: SlotTable) -> dict[dt.date, int]:
    """People needed on each weekend by the slots that must be staffed: the busier of
    its Saturday and Sunday (someone working both counts once)."""
    per_date: dict[dt.date, int] = defaultdict(int)
    for s in forced_slots(table):
        per_date[s.date] += s.min_staff
    return {sat: max((per_date.get(d.date, 0) for d in days), default=0)
            for sat, days in _weekend_days(table).items()}


def _weekend_target_need(table: SlotTable, base: dict[dt.date, int]) -> int:
    """People-weekends that weekend targets add on top of the must-staff slots, at least:
    the cheapest units of the weekend group that adds the most (groups of whole weekends
    that are not forced)."""
    forced = {id(g) for g in forced_groups(table)}
    per_date: dict[dt.date, int] = defaultdict(int)
    for s in forced_slots(table):
        per_date[s.date] += s.min_staff
    best = 0
    for g in table.target_groups:
        if id(g) in forced or g.req.unit != "weekend" or g.target <= 0:
            continue
        extra = []
        for key in g.units:
            slots = table.units[key]
            sat = slots[0].day.weekend_key
            busiest = max(per_date.get(s.date, 0) + s.min_staff for s in slots)
            extra.append(max(0, busiest - base.get(sat, 0)))
        best = max(best, int(_cheapest(extra, g.target)))
    return best


def weekends_of(scenario: Scenario, person: Staff, table: SlotTable) -> list[dt.date]:
    """The weekends (Saturdays) on which the person could take a weekend slot."""
    days = eligible_shifts(scenario, person, table)
    out = set()
    for d, slots in enumerate(days):
        key = table.days[d].weekend_key
        if key is not None and slots:
            out.add(key)
    return sorted(out)


def max_weekends(scenario: Scenario, person: Staff, table: SlotTable, order: list[dt.date]) -> int:
    """The most weekends the person can work: at most one in any ``weekend_every`` in a row
    (greedy from the first, which is optimal on a line), and at most ``max_weekends``."""
    mine = set(weekends_of(scenario, person, table))
    every = scenario.rule_for(person, "weekend_every") or 1
    taken, last = 0, -NO_LIMIT
    for i, sat in enumerate(order):
        if sat in mine and i - last >= every:
            taken, last = taken + 1, i
    cap = scenario.rule_for(person, "max_weekends")
    return min(taken, cap) if cap is not None else taken


def weekend_shortfalls(scenario: Scenario, table: SlotTable) -> list[Shortfall]:
    """Person-weekends needed against what weekend frequency allows, in the whole period
    and in each run of ``weekend_every`` weekends."""
    order = list(_weekend_days(table))
    if not order:
        return []
    base = _weekend_base_need(table)
    need = sum(base.values()) + _weekend_target_need(table, base)
    have = sum(max_weekends(scenario, p, table, order) for p in scenario.staff)
    every = scenario.rules.weekend_every or 1
    out = []
    if need > have:
        out.append(Shortfall(
            kind="weekends", needed=need, available=have, unit="person-weekends",
            detail=(f"weekends: needs at least {need} person-weekends (staff on duty over a "
                    f"Saturday-Sunday, {len(order)} weekends); working at most every {ordinal(every)} "
                    f"weekend, the staff who are there can give {have}: {need - have} short"),
            detail_nb=(f"helger: trenger minst {need} helgeinnsatser (personer på jobb en "
                       f"lørdag-søndag, {len(order)} helger); med høyst hver {every}. helg kan de "
                       f"som er til stede gi {have}: {need - have} for lite")))
    out.extend(_weekend_runs(scenario, table, order, base))
    return out


def _weekend_runs(scenario: Scenario, table: SlotTable, order: list[dt.date],
                  base: dict[dt.date, int]) -> list[Shortfall]:
    """Each run of ``weekend_every`` weekends needs different people for each of them
    (everyone with the scenario's frequency works at most one of them)."""
    every = scenario.rules.weekend_every or 1
    if every < 2 or any(p.rules.get("weekend_every") is not None for p in scenario.staff):
        return []
    present = {p.id: set(weekends_of(scenario, p, table)) for p in scenario.staff}
    out = []
    for i in range(len(order) - every + 1):
        run = order[i:i + every]
        need = sum(base.get(s, 0) for s in run)
        have = sum(1 for p in scenario.staff if present[p.id] & set(run))
        if need > have:
            first, last = run[0], run[-1] + dt.timedelta(days=1)
            out.append(Shortfall(
                kind="weekend_run", subject=f"{first.isoformat()}..{last.isoformat()}",
                needed=need, available=have, unit="people",
                days=tuple(first + dt.timedelta(days=i) for i in range((last - first).days + 1)),
                detail=(f"weekends {first.day} {first:%b} to {last.day} {last:%b}: {need} different "
                        f"people needed (at most every {ordinal(every)} weekend each); only {have} "
                        "are there"),
                detail_nb=(f"helgene {first.day}.{first.month} til {last.day}.{last.month}: "
                           f"{need} ulike personer trengs (høyst hver {every}. helg hver); bare "
                           f"{have} er til stede")))
    return out


def prove_impossible(scenario: Scenario, table: SlotTable | None = None) -> list[Shortfall]:
    """Every bound the scenario's targets break (empty: not proven impossible; the solver
    decides)."""
    table = table or SlotTable(scenario)
    caps = capacities(scenario, table)
    out = []
    hours = hours_shortfall(scenario, table, caps)
    if hours is not None:
        out.append(hours)
    out += skill_shortfalls(scenario, table, caps)
    out += day_shortfalls(scenario, table)
    out += target_day_shortfalls(scenario, table)
    out += weekend_shortfalls(scenario, table)
    return out
