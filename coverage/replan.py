"""Re-plan a published rota after new absences, changing as little as the rules allow.

Days before the first affected day are kept exactly (locked from the published rota: the
shift, or the day off). The new absences are added to the scenario, and the planner runs
with the published rota as baseline and ``REPLAN_STAGE_ORDER``, where minimal change
("stability") is the stage right after base coverage, contract hours and service, so the
planner gives up a published shift only to keep coverage or a rule. Source: the
trust-person principle in ../shared/DOMAIN.md (plans change as little as possible when
someone falls ill).

Respecting people and the calendar:

- **The person coming back keeps their shifts.** The contract band of someone newly absent
  is cut by the hours of the published shifts they lose to the absence
  (:func:`returning_staff`), not by an average per absent day: their remaining published
  shifts still fit the band, so the planner has no reason to take them away.
- **The next period stays legal.** With the next period's published rota (``next_rota``,
  from ``--next`` or the rota store) its first days are fixed after the end of the period
  (``coverage.boundary``): rest, days in a row, weekly rest and hours in 7 days hold across
  the boundary, or the re-plan is refused with the conflict named.
- **Cover for a shift left short** (:func:`short_slots`): everyone who could take it is
  tried on the whole changed rota with the independent checker ``roster.check.check_rota``
  (skills and every rule; hours above the band are extra hours, not a breach). When
  several people are needed they are offered as a group, tried together, skill holders
  first, and the rest is "vikar needed: N". Extra hours are merarbeid or overtime, offered
  only within AML § 10-6 and priced from the cost table (``coverage.overtime``); cheapest
  first: no extra hours, then by cost.
- **The offers are bookable as a whole.** The shifts left short are taken in order of
  importance (base before service, then by date and shift), and each is tried on the
  changed rota *with the offers already made*: if every offer is accepted, no rule breaks
  (someone offered Saturday's shift who would then work 6 days in a row is not offered
  Sunday's too). Who could take a shift alone but not on top of their other offers is
  named (``offered_elsewhere``), so the leader can choose otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace

from coverage.boundary import NextPeriod, add_end_boundary, boundary_breaches, next_period, plan_with_next
from coverage.budget import CostParams, load_costs
from coverage.causes import explain
from coverage.overtime import extra_hours
from coverage.words import fmt_int
from roster.availability import unavailable_reason
from roster.check import check_rota
from roster.contract import HoursBand, band_less, hours_band, with_band
from roster.errors import UserError
from roster.model import REPLAN_STAGE_ORDER
from roster.planner import PlanOptions, history_from, plan
from roster.rota import Assignment, Rota
from roster.rota_build import service_level
from roster.rota_diff import changed_days
from roster.rules.breach import Breach
from roster.scenario import ABSENCE_KINDS, Absence, Lock, Scenario, Staff
from roster.slots import Slot, SlotTable, on_duty, slot_counts
from roster.summary import format_reasons
from roster.vocabulary import num, priority_word, status_word, target_words

# rules whose breach on the short slot itself is what the candidate fixes, not a new breach
_SLOT_RULES = ("coverage", "open_or_minimum", "skill", "service_target")


def parse_absent(text: str, kind: str = "sick") -> Absence:
    """``ID:FROM:TO`` (dates as YYYY-MM-DD) as an Absence; a clear error otherwise."""
    parts = text.rsplit(":", 2)  # an id may hold a colon; the dates do not
    if len(parts) != 3:
        raise UserError(f"--absent {text!r}: expected ID:FROM:TO, e.g. s03:2027-01-11:2027-01-24",
                        nb=f"--absent {text!r}: forventet ID:FRA:TIL, f.eks. s03:2027-01-11:2027-01-24")
    sid, a, b = parts
    try:
        start, end = dt.date.fromisoformat(a), dt.date.fromisoformat(b)
    except ValueError:
        raise UserError(f"--absent {text!r}: dates must look like 2027-01-11",
                        nb=f"--absent {text!r}: datoer skrives som 2027-01-11") from None
    if end < start:
        raise UserError(f"--absent {text!r}: end {end} is before start {start}",
                        nb=f"--absent {text!r}: slutt {end:%d.%m.%Y} er før start {start:%d.%m.%Y}")
    if kind not in ABSENCE_KINDS:
        raise UserError(f"--kind {kind!r}: expected one of {', '.join(ABSENCE_KINDS)}",
                        nb=f"--kind {kind!r}: forventet en av {', '.join(ABSENCE_KINDS)}")
    return Absence(staff=sid, start=start, end=end, kind=kind)


def check_absences(scenario: Scenario, absences: list[Absence]) -> None:
    known = set(scenario.staff_ids)
    for a in absences:
        if a.staff not in known:
            raise UserError(f"--absent: '{a.staff}' is not in the scenario's staff list "
                            f"({', '.join(sorted(known))})",
                            nb=f"--absent: «{a.staff}» finnes ikke blant scenarioets ansatte "
                               f"({', '.join(sorted(known))})")
        if a.end < scenario.start or a.start > scenario.end:
            raise UserError(f"--absent {a.staff}: {a.start}..{a.end} is outside the period "
                            f"{scenario.start}..{scenario.end}",
                            nb=f"--absent {a.staff}: {a.start:%d.%m.%Y}–{a.end:%d.%m.%Y} er utenfor "
                               f"perioden {scenario.start:%d.%m.%Y}–{scenario.end:%d.%m.%Y}")




@dataclass
class Candidate:
    """Someone of the staff who could take one more shift without breaking a rule."""

    staff: str
    name: str
    hours: float
    overtime: bool
    overtime_hours: float
    hours_above_target: float
    merarbeid_hours: float = 0.0
    extra_cost: float = 0.0
    """NOK for the extra hours (merarbeid and overtime), holiday pay and employer's tax."""
    skills: tuple[str, ...] = ()

    @property
    def extra_hours(self) -> float:
        return self.merarbeid_hours + self.overtime_hours

    def describe(self, lang: str = "en") -> str:
        if lang == "nb":
            if self.overtime:
                more = (f"; og merarbeid {num(self.merarbeid_hours, lang, 'g')} t"
                        if self.merarbeid_hours else "")
                return (f"OVERTID {num(self.overtime_hours, lang, 'g')} t{more}, om lag "
                        f"{fmt_int(self.extra_cost)} kr")
            if self.merarbeid_hours:
                return (f"merarbeid {num(self.merarbeid_hours, lang, 'g')} t, om lag "
                        f"{fmt_int(self.extra_cost)} kr")
            return "ingen ekstra timer"
        if self.overtime:
            more = f"; and merarbeid {self.merarbeid_hours:g} h" if self.merarbeid_hours else ""
            return f"OVERTIME {self.overtime_hours:g} h{more}, about NOK {fmt_int(self.extra_cost)}"
        if self.merarbeid_hours:
            return f"merarbeid {self.merarbeid_hours:g} h, about NOK {fmt_int(self.extra_cost)}"
        return "no extra hours"

    def to_json(self) -> dict:
        return {"staff": self.staff, "name": self.name, "hours": self.hours, "overtime": self.overtime,
                "overtime_hours": self.overtime_hours, "merarbeid_hours": self.merarbeid_hours,
                "extra_cost_nok": round(self.extra_cost), "hours_above_target": self.hours_above_target,
                "skills": list(self.skills)}


@dataclass
class ShortSlot:
    date: dt.date
    shift: str
    priority: str
    assigned: int
    min: int
    candidates: list[Candidate] = field(default_factory=list)
    """Everyone who could take the shift alone, cheapest first."""
    skills_missing: dict[str, int] = field(default_factory=dict)
    group: list[Candidate] = field(default_factory=list)
    """The people offered together (tried together with the checker)."""
    vikar_needed: int = 0
    vikar_skills: dict[str, int] = field(default_factory=dict)
    offered_elsewhere: list[str] = field(default_factory=list)
    """People who could take the shift alone but are offered another short shift (more
    important, or earlier) that they could not also take without breaking a rule; listed
    only when a vikar is needed."""

    @property
    def needed(self) -> int:
        """People to add: the missing count, or more when a skill is missing."""
        return max(self.min - self.assigned, max(self.skills_missing.values(), default=0))

    def to_json(self) -> dict:
        return {"date": self.date.isoformat(), "shift": self.shift, "priority": self.priority,
                "assigned": self.assigned, "min": self.min, "needed": self.needed,
                "skills_missing": dict(self.skills_missing),
                "group": [c.staff for c in self.group], "vikar_needed": self.vikar_needed,
                "vikar_skills": dict(self.vikar_skills),
                "offered_elsewhere": list(self.offered_elsewhere),
                "candidates": [c.to_json() for c in self.candidates]}


@dataclass
class ReplanResult:
    rota: Rota
    changes: list[dict]
    start: dt.date
    absences: list[Absence]
    short: list[ShortSlot]
    service_before: list[dict] = field(default_factory=list)
    bands: dict[str, dict] = field(default_factory=dict)
    """For each newly absent person: the published hours they lose and their new band."""
    next_period: dict | None = None


def replan_start(scenario: Scenario, absences: list[Absence], today: dt.date | None = None) -> dt.date:
    """The first day that may change: the first absent day, never before ``today``."""
    first = min((a.start for a in absences), default=scenario.start)
    first = max(first, scenario.start, today or scenario.start)
    return min(first, scenario.end)


def past_locks(scenario: Scenario, published: Rota, before: dt.date) -> list[Lock]:
    """Locks that keep every published shift and day off before ``before``."""
    worked = published.by_staff_date()
    locks = []
    for d in scenario.dates:
        if d >= before:
            break
        for sid in scenario.staff_ids:
            locks.append(Lock(staff=sid, date=d, shift=worked.get((sid, d))))
    return locks


def changes_between(old: Rota, new: Rota) -> list[dict]:
    """Every person-day whose shift differs: {"staff", "date", "before", "after"} (codes or
    None for a day off), sorted by date and person."""
    return [{"staff": c.staff, "date": c.date.isoformat(), "before": c.before, "after": c.after}
            for c in changed_days(old.assignments, new.assignments)]




def _breach_keys(breaches: list[Breach], slot: tuple[dt.date, str] | None = None) -> Counter:
    keys: Counter = Counter()
    for b in breaches:
        if not b.is_error or b.rule == "hours":
            continue  # hours above the band are extra hours: judged by coverage.overtime
        if slot and b.rule in _SLOT_RULES and (b.date, b.shift) == slot:
            continue
        keys[(b.rule, b.staff, b.date, b.shift)] += 1
    return keys


def returning_staff(scenario: Scenario, published: Rota, absences: tuple[Absence, ...],
                    table: SlotTable) -> tuple[tuple[Staff, ...], dict[str, dict]]:
    """The staff with the band of each newly absent person cut by the published hours they
    lose to the absence (a 50 % graded absence: half of each shift), not by an average
    per absent day. Returns the staff and, per person cut, what was cut."""
    minutes = {s.code: s.paid_minutes for s in scenario.shifts}
    worked = published.by_staff_date()
    # everyone newly absent, also whoever loses no shift (an absence on their days off):
    # without their own band the model would cut it by an average per absent day
    lost: dict[str, float] = {a.staff: 0.0 for a in absences}
    for a in absences:
        for d in scenario.dates:
            code = worked.get((a.staff, d))
            if a.covers(d) and code in minutes:
                lost[a.staff] = lost.get(a.staff, 0.0) + minutes[code] * a.percent / 100
    staff, cuts = [], {}
    for p in scenario.staff:
        if p.id not in lost:
            staff.append(p)
            continue
        before = hours_band(scenario, p, table.days)
        band = band_less(before, round(lost[p.id]))
        staff.append(with_band(p, band))
        cuts[p.id] = {"lost_hours": round(lost[p.id] / 60, 2), "band_before": _band_json(before),
                      "band_after": _band_json(band)}
    return tuple(staff), cuts


def _band_json(band: HoursBand) -> dict:
    """The band in hours to read, and in exact minutes for `roster check` and `publish`
    (``roster.cli.common.with_replanned_bands``)."""
    return {"min": round(band.min / 60, 2), "target": round(band.target / 60, 2),
            "max": round(band.max / 60, 2), "minutes": [band.min, band.target, band.max]}


def _new_breaches(before: Counter, after: list, slot: tuple[dt.date, str]) -> bool:
    """True when ``after`` holds a rule breach that ``before`` did not (the slot's own
    minimum, skills and target aside; hours above a band are extra hours, judged apart)."""
    return bool(_breach_keys(after, slot) - before)


def _breaks_a_rule(scenario: Scenario, trial: list[Assignment], before: Counter,
                   slot: tuple[dt.date, str], history: dict | None, table: SlotTable,
                   nxt: NextPeriod | None) -> bool:
    """A rota with one more shift breaks a rule the rota did not (:func:`_new_breaches`),
    or, with ``nxt``, one across the end into the next period's published rota."""
    if _new_breaches(before, check_rota(scenario, trial, history, table), slot):
        return True
    return nxt is not None and bool(boundary_breaches(scenario, trial, nxt, history))


def candidates(scenario: Scenario, assignments: list[Assignment], date: dt.date, shift: str,
               history: dict | None = None, table: SlotTable | None = None,
               costs: CostParams | None = None, nxt: NextPeriod | None = None,
               among: set[str] | None = None) -> list[Candidate]:
    """Who could take one more ``shift`` on ``date``, each tried alone on the whole changed
    rota with the independent checker (every rule, skills included; with ``nxt``, the next
    period's published first days too, across the end): no new breach, and extra hours
    only within AML § 10-6. Cheapest first: no extra hours, then by cost. ``assignments``
    may hold offers made for other shifts (:func:`short_slots`); ``among`` tries only
    those people."""
    table = table or SlotTable(scenario)
    costs = costs or load_costs()
    slot_key = (date, shift)
    busy = {a.staff for a in assignments if a.date == date}
    before = _breach_keys(check_rota(scenario, assignments, history, table), slot_key)
    hours = scenario.shift(shift).paid_hours
    out = []
    for p in scenario.staff:
        if among is not None and p.id not in among:
            continue
        if p.id in busy or unavailable_reason(scenario, p, date, shift) is not None:
            continue
        new = Assignment(date=date, staff=p.id, shift=shift)
        trial = [*assignments, new]
        if _breaks_a_rule(scenario, trial, before, slot_key, history, table, nxt):
            continue
        mine = [a for a in trial if a.staff == p.id]
        extra = extra_hours(scenario, p, mine, date, costs, table)
        if not extra.within_law:
            continue
        band = hours_band(scenario, p, table.days)
        total = sum(scenario.shift(a.shift).paid_minutes for a in mine)
        out.append(Candidate(staff=p.id, name=p.name, hours=round(hours, 2),
                             overtime=extra.overtime > 0, overtime_hours=round(extra.overtime, 2),
                             merarbeid_hours=round(extra.merarbeid, 2), extra_cost=extra.cost,
                             hours_above_target=round(max(0, total - band.target) / 60, 2),
                             skills=tuple(p.skills)))
    out.sort(key=lambda c: (c.extra_hours > 0, c.overtime, round(c.extra_cost), c.hours_above_target,
                            c.staff))
    return out


def skills_missing(scenario: Scenario, slot: Slot, people: list[str]) -> dict[str, int]:
    """Skill minimums of a slot that the people on it do not meet: skill -> how many more."""
    skills = {p.id: set(p.skills) for p in scenario.staff}
    out = {}
    for skill, k in slot.req.skills.items():
        have = sum(1 for sid in people if skill in skills.get(sid, set()))
        if have < k:
            out[skill] = k - have
    return out


def offer_group(scenario: Scenario, assignments: list[Assignment], short: ShortSlot,
                history: dict | None, table: SlotTable, nxt: NextPeriod | None = None) -> None:
    """Fill ``short.group`` from its candidates: skill holders for the missing skills
    first, then the cheapest, each tried with the group already chosen (checker on the
    whole changed rota, and across the end with ``nxt``); what is left is
    ``vikar_needed`` (and ``vikar_skills``)."""
    slot_key = (short.date, short.shift)
    before = _breach_keys(check_rota(scenario, assignments, history, table), slot_key)
    current = list(assignments)
    missing = dict(short.skills_missing)
    order = sorted(short.candidates, key=lambda c: not any(missing.get(s) for s in c.skills))
    for c in order:
        if len(short.group) >= short.needed:
            break
        still = sum(missing.values())
        if still and not any(missing.get(s) for s in c.skills) and \
                short.needed - len(short.group) <= still:
            continue  # the places left are for the skills still missing
        trial = [*current, Assignment(date=short.date, staff=c.staff, shift=short.shift)]
        if _breaks_a_rule(scenario, trial, before, slot_key, history, table, nxt):
            continue
        current = trial
        short.group.append(c)
        for skill in c.skills:
            if missing.get(skill):
                missing[skill] -= 1
    short.vikar_needed = short.needed - len(short.group)
    short.vikar_skills = {k: v for k, v in missing.items() if v > 0}


def short_slots(scenario: Scenario, rota: Rota, published: Rota, start: dt.date,
                history: dict | None = None, limit: int | None = None,
                costs: CostParams | None = None, nxt: NextPeriod | None = None) -> list[ShortSlot]:
    """Slots from ``start`` on that are short after the re-plan: base slots below their
    minimum or missing a skill, and service slots opened in the published rota but below
    their minimum now (or opened and missing a skill); each with its candidates, the group
    offered and the vikarer still needed.

    The slots are listed by date and shift, but offered to in order of importance
    (:func:`by_importance`), each tried on the rota with the groups offered so far, so
    that the offers hold together: booking every group breaks no rule. With ``limit``,
    only the ``limit`` most important get candidates; the rest are vikar needed."""
    table = SlotTable(scenario)
    now, was = slot_counts(rota.assignments), slot_counts(published.assignments)
    people = on_duty(rota.assignments)
    out = []
    for slot in table.slots:
        if slot.date < start:
            continue
        n = now[(slot.date, slot.shift)]
        opened = slot.priority == "base" or n > 0 or was[(slot.date, slot.shift)] >= slot.min_staff
        if not opened or slot.priority not in ("base", "service"):
            continue
        missing = skills_missing(scenario, slot, people.get((slot.date, slot.shift), []))
        if n < slot.min_staff or missing:
            out.append(ShortSlot(date=slot.date, shift=slot.shift, priority=slot.priority,
                                 assigned=n, min=slot.min_staff, skills_missing=missing))
    costs = costs or load_costs()
    ordered = by_importance(out)
    offered: list[Assignment] = []
    for s in ordered[:limit]:
        current = [*rota.assignments, *offered]
        s.candidates = candidates(scenario, current, s.date, s.shift, history, table, costs, nxt)
        offer_group(scenario, current, s, history, table, nxt)
        if s.vikar_needed:
            s.offered_elsewhere = _offered_elsewhere(scenario, rota.assignments, offered, s, history,
                                                     table, costs, nxt)
        offered += [Assignment(date=s.date, staff=c.staff, shift=s.shift) for c in s.group]
    for s in ordered[limit:] if limit is not None else []:
        s.vikar_needed = s.needed
        s.vikar_skills = dict(s.skills_missing)
    return out


def by_importance(short: list[ShortSlot]) -> list[ShortSlot]:
    """The order in which short shifts get their offers: base before service, then by
    date, then in the order given (the slot table's shift order)."""
    ranked = sorted(enumerate(short), key=lambda t: (t[1].priority != "base", t[1].date, t[0]))
    return [s for _, s in ranked]


def _offered_elsewhere(scenario: Scenario, assignments: list[Assignment], offered: list[Assignment],
                       short: ShortSlot, history: dict | None, table: SlotTable, costs: CostParams,
                       nxt: NextPeriod | None) -> list[str]:
    """Among the people offered other shifts, who could take ``short`` on the rota alone
    but not with their offers. Only they are tried again: the rules that judge a person
    look at that person's shifts alone (the slots' own rules aside, which an offer only
    helps), so for anyone else the offers change nothing."""
    held = {a.staff for a in offered} - {c.staff for c in short.candidates}
    if not held:
        return []
    alone = candidates(scenario, assignments, short.date, short.shift, history, table, costs, nxt,
                       among=held)
    return [c.staff for c in alone]


def replan(scenario: Scenario, published: Rota, absences: list[Absence], *,
           today: dt.date | None = None, options: PlanOptions | None = None,
           previous: Rota | None = None, next_rota: Rota | None = None,
           costs: CostParams | None = None, explain_seconds: float = 0.0) -> ReplanResult:
    """Re-plan ``published`` for ``scenario`` after the new ``absences``.

    The new absences are clipped to the days that may still change (the past is kept as
    it was); the newly absent people's bands are cut by the published hours they lose;
    with ``next_rota`` (the next period's published rota) its first days are kept legal
    across the end, or :class:`coverage.boundary.BoundaryConflict` (a UserError) names
    the conflict. With ``explain_seconds`` the shifts left short get their binding cause
    (``coverage.causes.explain``). Returns the new rota (with ``changes``, ``replan`` and ``short`` in
    ``Rota.extra``, so they land in rota.json), the change list and the slots left short
    with candidates, groups and the vikarer needed.
    """
    if (published.start, published.end) != (scenario.start, scenario.end):
        raise UserError(f"the rota covers {published.start}..{published.end} but the scenario "
                        f"covers {scenario.start}..{scenario.end}",
                        nb=f"turnusen dekker {published.start:%d.%m.%Y}–{published.end:%d.%m.%Y}, men "
                           f"scenarioet dekker {scenario.start:%d.%m.%Y}–{scenario.end:%d.%m.%Y}")
    check_absences(scenario, absences)
    nxt = next_period(scenario, next_rota) if next_rota is not None else None
    if today is not None and today > scenario.end:
        raise UserError(f"--today {today} is after the period {scenario.start}..{scenario.end}: "
                        "the whole rota is in the past and is kept as published; nothing is "
                        "left to re-plan",
                        nb=f"--today {today:%d.%m.%Y} er etter perioden {scenario.start:%d.%m.%Y}–"
                           f"{scenario.end:%d.%m.%Y}: hele turnusen er passert og beholdes som "
                           "publisert; ingenting er igjen å planlegge på nytt")
    start = replan_start(scenario, absences, today)
    if absences and all(a.end < start for a in absences):
        raise UserError(f"--absent: every new absence ends before {start}, the first day that may "
                        "change (--today): the past is kept as published; nothing is left to "
                        "re-plan",
                        nb=f"--absent: alle de nye fraværene slutter før {start:%d.%m.%Y}, den første "
                           "dagen som kan endres (--today): det som er passert beholdes som publisert; "
                           "ingenting er igjen å planlegge på nytt")
    clipped = tuple(Absence(a.staff, max(a.start, start), a.end, a.kind, a.percent)
                    for a in absences if a.end >= start)
    staff, bands = returning_staff(scenario, published, clipped, SlotTable(scenario))
    locks = past_locks(scenario, published, start)
    pinned = {(lk.staff, lk.date) for lk in locks}
    kept = tuple(lk for lk in scenario.locks if (lk.staff, lk.date) not in pinned)
    new_scenario = scenario.with_changes(absences=scenario.absences + clipped, staff=staff,
                                         locks=kept + tuple(locks))
    opts = replace(options or PlanOptions(), stage_order=REPLAN_STAGE_ORDER)
    meta = {"from": start.isoformat(),
            "absent": [{"staff": a.staff, "start": a.start.isoformat(), "end": a.end.isoformat(),
                        "kind": a.kind} for a in absences],
            "bands": bands}
    if nxt is not None:
        meta["next_period"] = {"start": nxt.start.isoformat(), "kept_to": nxt.last.isoformat()}
        rota = plan_with_next(new_scenario, opts, nxt, previous=previous, baseline=published,
                              extra={"replan": meta})
    else:
        rota = plan(new_scenario, opts, previous=previous, baseline=published,
                    extra={"replan": meta})
    if explain_seconds > 0:
        explain(new_scenario, rota, history=history_from(previous, scenario), seconds=explain_seconds,
                solver=opts.solver, seed=opts.seed,
                extend=None if nxt is None else (lambda m: add_end_boundary(m, nxt)))
    changes = changes_between(published, rota)
    rota.extra["changes"] = changes
    short = short_slots(new_scenario, rota, published, start, history_from(previous, scenario),
                        costs=costs, nxt=nxt)
    rota.extra["short"] = [s.to_json() for s in short]
    before = published.extra.get("service_level") or service_level(SlotTable(scenario),
                                                                    published.assignments)
    return ReplanResult(rota=rota, changes=changes, start=start, absences=list(absences),
                        short=short, service_before=before, bands=bands,
                        next_period=meta.get("next_period"))


def format_replan(result: ReplanResult, names: dict[str, str] | None = None, lang: str = "en") -> str:
    if lang == "nb":
        return _format_replan_nb(result, names or {})
    names = names or {}
    verdict = result.rota.extra.get("verdict")
    said = verdict.get("text") if isinstance(verdict, dict) else None
    said = said if isinstance(said, str) and said else None
    lines = [f"Status: {result.rota.status}" + (f". {said[0].upper()}{said[1:]}" if said else ""),
             f"Re-planned from {result.start} (days before kept as published); status "
             f"{result.rota.status}"]
    if result.next_period:
        lines.append(f"The next period's published rota is kept legal across the end (its days "
                     f"{result.next_period['start']}..{result.next_period['kept_to']} fixed).")
    for sid, cut in result.bands.items():
        after = cut["band_after"]
        lines.append(f"Contract band of {sid} cut by the {cut['lost_hours']:g} h of published shifts "
                     f"lost to the absence: {after['min']:g}-{after['max']:g} h")
    lines.append(f"Changes: {len(result.changes)} person-day(s)")
    for c in result.changes:
        who = names.get(c["staff"], c["staff"])
        lines.append(f"  {c['date']}  {c['staff']:<6} {who:<22} {c['before'] or 'off':>4} -> "
                     f"{c['after'] or 'off'}")
    was = {s["requirement"]: s for s in result.service_before}
    for s in result.rota.extra.get("service_level", []):
        b = was.get(s["requirement"])
        before = f"{b['opened']} -> " if b else ""
        lines.append(f"Service {s['requirement']} ({s['shift']}, target {s['target']}): opened "
                     f"{before}{s['opened']} of {s['possible']}")
    reasons = result.rota.extra.get("reasons")
    lines += format_reasons([r for r in reasons if isinstance(r, dict) and isinstance(r.get("detail"), str)]
                            if isinstance(reasons, list) else [])
    if not result.short:
        lines.append("Every base shift and every service shift that was opened has its minimum.")
    for s in result.short:
        lines += _format_short(s)
    return "\n".join(lines)


def _format_replan_nb(result: ReplanResult, names: dict[str, str]) -> str:
    """``format_replan`` in bokmål."""
    nb = "nb"
    rota = result.rota
    verdict = rota.extra.get("verdict")
    said = verdict.get("text_nb") if isinstance(verdict, dict) else None
    said = said if isinstance(said, str) and said else None
    lines = [f"Status: {status_word(rota.status, nb)}" + (f". {said[0].upper()}{said[1:]}" if said else ""),
             f"Omplanlagt fra {result.start} (dagene før beholdt som publisert); status "
             f"{status_word(rota.status, nb)}"]
    if result.next_period:
        lines.append(f"Neste periodes publiserte turnus holdes lovlig over periodeskiftet (dagene "
                     f"{result.next_period['start']}..{result.next_period['kept_to']} låst).")
    for sid, cut in result.bands.items():
        after = cut["band_after"]
        lines.append(f"Timebåndet til {sid} er kortet ned med de {num(cut['lost_hours'], nb, 'g')} t "
                     f"publiserte vakter som falt bort ved fraværet: {num(after['min'], nb, 'g')}-"
                     f"{num(after['max'], nb, 'g')} t")
    lines.append(f"Endringer: {len(result.changes)} dagsverk")
    for c in result.changes:
        who = names.get(c["staff"], c["staff"])
        lines.append(f"  {c['date']}  {c['staff']:<6} {who:<22} {c['before'] or 'fri':>4} -> "
                     f"{c['after'] or 'fri'}")
    was = {s["requirement"]: s for s in result.service_before}
    for s in rota.extra.get("service_level", []):
        b = was.get(s["requirement"])
        before = f"{b['opened']} -> " if b else ""
        lines.append(f"Tjeneste {s['requirement']} ({s['shift']}, mål {target_words(s['target'], nb)}): "
                     f"åpnet {before}{s['opened']} av {s['possible']}")
    reasons = rota.extra.get("reasons")
    lines += format_reasons([r for r in reasons if isinstance(r, dict)
                             and isinstance(r.get("detail_nb"), str)]
                            if isinstance(reasons, list) else [], nb)
    if not result.short:
        lines.append("Hver grunnvakt og hver tjenestevakt som ble åpnet har minimum.")
    for s in result.short:
        lines += _format_short(s, nb)
    return "\n".join(lines)


def _skills_text(skills: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in skills.items())


def _format_short(s: ShortSlot, lang: str = "en") -> list[str]:
    if lang == "nb":
        return _format_short_nb(s)
    skills = f" ({_skills_text(s.skills_missing)} missing)" if s.skills_missing else ""
    lines = [f"Short: {s.date} {s.shift} ({s.priority}) {s.assigned} of {s.min}{skills}, needs "
             f"{s.needed} more"]
    if s.group:
        word = "offer as a group" if len(s.group) > 1 else "offer"
        who = " + ".join(f"{c.staff} {c.name} ({c.describe()})" for c in s.group)
        lines.append(f"    {word}: {who}")
    vikar = f" ({_skills_text(s.vikar_skills)})" if s.vikar_skills else ""
    lines.append(f"    vikar needed: {s.vikar_needed}{vikar}")
    if s.offered_elsewhere:
        lines.append(f"    not offered: {', '.join(s.offered_elsewhere)} (offered another short shift; "
                     "taking this one too would break a rule)")
    others = [c for c in s.candidates if c not in s.group]
    if others:
        lines.append("    others who could take it: " + "; ".join(
            f"{c.staff} ({c.describe()})" for c in others[:6]))
    return lines


def _format_short_nb(s: ShortSlot) -> list[str]:
    skills = f" ({_skills_text(s.skills_missing)} mangler)" if s.skills_missing else ""
    lines = [f"Mangler folk: {s.date} {s.shift} ({priority_word(s.priority, 'nb')}) {s.assigned} av "
             f"{s.min}{skills}, trenger {s.needed} til"]
    if s.group:
        word = "tilby som gruppe" if len(s.group) > 1 else "tilby"
        who = " + ".join(f"{c.staff} {c.name} ({c.describe('nb')})" for c in s.group)
        lines.append(f"    {word}: {who}")
    vikar = f" ({_skills_text(s.vikar_skills)})" if s.vikar_skills else ""
    lines.append(f"    vikar trengs: {s.vikar_needed}{vikar}")
    if s.offered_elsewhere:
        lines.append(f"    ikke tilbudt: {', '.join(s.offered_elsewhere)} (tilbudt en annen vakt som "
                     "mangler folk; å ta denne i tillegg ville brutt en regel)")
    others = [c for c in s.candidates if c not in s.group]
    if others:
        lines.append("    andre som kan ta vakten: " + "; ".join(
            f"{c.staff} ({c.describe('nb')})" for c in others[:6]))
    return lines
