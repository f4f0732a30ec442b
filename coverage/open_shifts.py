"""Open shifts: every shift a rota still leaves short, ready for booking vikarer.

:func:`open_shifts` reads a scenario and a rota (planned, re-planned or hand-edited) and
lists each shift that is short, with its date, times, how many people are missing, the
skills missing and an honest reason drawn only from what the rota and the scenario show:

- ``below_minimum``: a base shift with fewer than its minimum;
- ``alone``: a service shift opened with fewer than its minimum (never one alone: fill it
  or close it);
- ``skill``: a shift with its people but without a skill it needs (a nurse on every shift);
- ``closed``: a service shift the target wanted opened and that is not (the week or month
  is below its target); to open it takes its whole minimum.

The reason counts, among the people who could matter (everyone not on the shift; for a
missing skill, those with the skill), why each cannot take it: away that day (no kind is
given: sick leave is health information), a fixed day off, a shift they may not work, on
another shift that day, a rule it would break (rest, days in a row, weekly rest, weekend
frequency, 48 h in 7 days: tried with the independent checker ``roster.check.check_rota``
on the rota with them added), or the top of their contract hours. Anyone left could take
it without breaking a rule or going above their hours, and is named: ask them first.

The names hold together: if everyone named takes every shift they are named for, no rule
breaks and nobody goes above their hours. The shifts are judged in order of importance
(base before service, then by date and shift; closed service shifts last), each on the
rota with the shifts its people are already named for: someone named for Saturday who
would then work 6 days in a row is not named for Sunday too, and is counted as "already
named for another short shift" there (with their name). A closed service shift is an
alternative (any k of a target period's closed days will do), so its names bind only the
other days of its own unit (the Saturday and Sunday of a weekend), not other shifts.

When the rota carries the planner's causes (``coverage.causes``: ``cause``/``reason`` on
its coverage rows, written by ``roster solve`` and ``roster replan``), the reason starts
with that binding cause, found with the model ("contract hours: 1 643 h needed, 1 413 h
allowed, 230 h short"), before the count of who could not take it.

The same function serves the command (``roster open-shifts``), the rota workbook's sheet
and the app; :func:`rows` gives the table in English or Norwegian bokmål.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from coverage.boundary import NextPeriod, boundary_breaches
from coverage.words import day_words
from roster.availability import CANNOT_WORK, FIXED_DAY_OFF, unavailable_reason
from roster.check import check_rota
from roster.contract import hours_band
from roster.rota import Assignment, Rota
from roster.rota_build import opened_units
from roster.scenario import Scenario, ShiftType, Staff
from roster.slots import Slot, SlotTable, on_duty

KINDS: tuple[str, ...] = ("below_minimum", "alone", "skill", "closed")
# why someone cannot take the shift, in the order they are counted
WHY = ("absent", "day_off", "not_allowed", "busy", "rules", "hours", "named")
WHY_WORDS = {
    "absent": ("away", "borte"),
    "day_off": ("on a fixed day off", "har fast fridag"),
    "not_allowed": ("may not work this shift", "skal ikke ha denne vakten"),
    "busy": ("on another shift that day", "på en annen vakt samme dag"),
    "rules": ("would break a rest or working-time rule", "ville brutt en hvile- eller arbeidstidsregel"),
    "hours": ("at the top of their contract hours", "på toppen av avtalte timer"),
    "named": ("already named for another short shift they could not also take",
              "allerede nevnt for en annen ledig vakt de ikke kan ta i tillegg"),
}
KIND_WORDS = {
    "below_minimum": ("below minimum", "under minimum"),
    "alone": ("opened below minimum", "åpnet under minimum"),
    "skill": ("skill missing", "kompetanse mangler"),
    "closed": ("closed, target not met", "stengt, mål ikke nådd"),
}
PRIORITY_WORDS = {"base": ("base", "grunnbemanning"), "service": ("service", "tjeneste"),
                  "soft": ("soft", "ønsket")}
# the rules a person's extra shift is judged by; the slot's own count rules are what it helps
_SLOT_RULES = ("coverage", "open_or_minimum", "skill", "service_target", "max_staff")


@dataclass(frozen=True)
class OpenShift:
    """One shift still short, with what a vikar booking needs."""

    date: dt.date
    shift: str
    name: str
    name_en: str
    start: str
    end: str
    hours: float
    priority: str
    kind: str
    assigned: int
    minimum: int
    missing: int
    skills: dict[str, int]
    """The shift's skill minimums."""
    skills_missing: dict[str, int]
    reason: str
    reason_nb: str
    could_take: tuple[str, ...] = ()
    """Own staff who could take it without breaking a rule or going above their hours."""
    why: dict[str, int] = field(default_factory=dict)
    """Among the people counted: how many for each reason (``WHY``)."""
    cause: str | None = None
    """The binding cause the model found (``coverage.causes`` family), if the rota has one."""
    target_group: str | None = None
    """A closed unit's target period ("Kveld week 27"); its closed units are alternatives."""
    target_needed: int = 0
    """How many more of ``target_group``'s closed units reach its target (any of them)."""
    target_needed_shifts: int = 0
    """``target_needed`` in shifts (a weekend unit is its Saturday and Sunday shifts)."""

    def to_json(self) -> dict:
        return {"date": self.date.isoformat(), "shift": self.shift, "name": self.name,
                "name_en": self.name_en, "start": self.start, "end": self.end, "hours": self.hours,
                "priority": self.priority, "kind": self.kind, "assigned": self.assigned,
                "minimum": self.minimum, "missing": self.missing, "skills": dict(self.skills),
                "skills_missing": dict(self.skills_missing), "reason": self.reason,
                "reason_nb": self.reason_nb, "could_take": list(self.could_take),
                "why": dict(self.why), "cause": self.cause, "target_group": self.target_group,
                "target_needed": self.target_needed, "target_needed_shifts": self.target_needed_shifts}


def _clock(minutes: int | None) -> str:
    return "" if minutes is None else f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def _skills_missing(slot: Slot, people: list[str], staff: dict[str, Staff]) -> dict[str, int]:
    out = {}
    for skill, k in slot.req.skills.items():
        have = sum(1 for sid in people if sid in staff and staff[sid].has_skill(skill))
        if have < k:
            out[skill] = k - have
    return out


def _breach_keys(breaches: list, slot: tuple[dt.date, str],
                 also: frozenset[tuple[dt.date, str]] = frozenset()) -> Counter:
    """Rule breaches as countable keys, leaving out the count rules of ``slot`` (and of
    the slots in ``also``): what a person taking those shifts is there to mend."""
    keys: Counter = Counter()
    for b in breaches:
        if not b.is_error or b.rule == "hours":
            continue
        if b.rule in _SLOT_RULES and ((b.date, b.shift) == slot or (b.date, b.shift) in also):
            continue
        keys[(b.rule, b.staff, b.date, b.shift)] += 1
    return keys


class _Judge:
    """Why each person could or could not take one more shift, on one rota."""

    def __init__(self, scenario: Scenario, assignments: list[Assignment], history: dict | None,
                 table: SlotTable, nxt: NextPeriod | None = None):
        self.s, self.assignments, self.history, self.table = scenario, assignments, history, table
        self.nxt = nxt
        self.by_person_date = {(a.staff, a.date) for a in assignments}
        self.minutes = {sh.code: sh.paid_minutes for sh in scenario.shifts}
        self.planned = Counter()
        for a in assignments:
            self.planned[a.staff] += self.minutes.get(a.shift, 0)
        self.band_max = {p.id: hours_band(scenario, p, table.days).max for p in scenario.staff}
        self._before: dict[tuple[dt.date, str], Counter] = {}

    def before(self, slot: tuple[dt.date, str]) -> Counter:
        if slot not in self._before:
            self._before[slot] = _breach_keys(check_rota(self.s, self.assignments, self.history,
                                                         self.table), slot)
        return self._before[slot]

    def why_not(self, person: Staff, date: dt.date, shift: str,
                named: list[Assignment] | None = None) -> str | None:
        """The first reason (``WHY``) the person cannot take the shift; None if they can.
        ``named``: the other short shifts they are already named for; "named" when they
        could take this one alone but not on top of those."""
        reason = unavailable_reason(self.s, person, date, shift)
        if reason == FIXED_DAY_OFF:
            return "day_off"
        if reason == CANNOT_WORK:
            return "not_allowed"
        if reason is not None:
            return "absent"
        if (person.id, date) in self.by_person_date:
            return "busy"
        trial = [*self.assignments, Assignment(date=date, staff=person.id, shift=shift)]
        after = _breach_keys(check_rota(self.s, trial, self.history, self.table), (date, shift))
        if after - self.before((date, shift)):
            return "rules"
        if self.nxt is not None and boundary_breaches(self.s, trial, self.nxt, self.history):
            return "rules"  # across the end, into the next period's published rota
        if self.planned[person.id] + self.minutes.get(shift, 0) > self.band_max[person.id]:
            return "hours"
        if named and not self._fits_with(person, Assignment(date=date, staff=person.id, shift=shift),
                                         named):
            return "named"
        return None

    def _fits_with(self, person: Staff, new: Assignment, named: list[Assignment]) -> bool:
        """The shift on top of the ones the person is already named for: no new breach
        (here or across the end) and within their hours. Only the person's own shifts are
        added: the rules that judge a person look at that person's shifts alone."""
        if any(a.date == new.date for a in named):
            return False
        minutes = sum(self.minutes.get(a.shift, 0) for a in [*named, new])
        if self.planned[person.id] + minutes > self.band_max[person.id]:
            return False
        trial = [*self.assignments, *named, new]
        slot = (new.date, new.shift)
        theirs = frozenset((a.date, a.shift) for a in named)
        after = _breach_keys(check_rota(self.s, trial, self.history, self.table), slot, theirs)
        if after - self.before(slot):
            return False
        return self.nxt is None or not boundary_breaches(self.s, trial, self.nxt, self.history)


def _breakdown(why: Counter, lang: str, held: list[Staff] | None = None) -> str:
    """'3 away, 1 at the top of their contract hours'; ``held`` names those counted as
    already named for another short shift."""
    i = 1 if lang == "nb" else 0
    return ", ".join(f"{why[k]} {WHY_WORDS[k][i]}" + (f" ({_names(held)})" if k == "named" and held else "")
                     for k in WHY if why.get(k))


def _names(people: list[Staff]) -> str:
    return ", ".join(p.name for p in people[:4]) + (" ..." if len(people) > 4 else "")


def _clause(who: tuple[str, str], pool: list[Staff], could: list[Staff], why: Counter,
            held: list[Staff] | None = None) -> tuple[str, str]:
    """'none of the 10 other staff can take it (3 away, ...)' or '2 of them could ...'."""
    who_en, who_nb = who
    if not pool:
        return f"nobody is {who_en}", f"ingen er {who_nb}"
    if not could:
        return (f"none of the {len(pool)} {who_en} can take it ({_breakdown(why, 'en', held)})",
                f"ingen av de {len(pool)} {who_nb} kan ta den ({_breakdown(why, 'nb', held)})")
    rest_en = f"; the others: {_breakdown(why, 'en', held)}" if why else ""
    rest_nb = f"; de andre: {_breakdown(why, 'nb', held)}" if why else ""
    return (f"{len(could)} of the {len(pool)} {who_en} could take it without breaking a rule or "
            f"going above their hours ({_names(could)}): ask them before booking a vikar{rest_en}",
            f"{len(could)} av de {len(pool)} {who_nb} kan ta den uten å bryte en regel eller gå "
            f"over avtalte timer ({_names(could)}): spør dem før du bestiller vikar{rest_nb}")


def _reason(head: tuple[str, str], count_short: bool, missing_skills: dict[str, int], others: list[Staff],
            verdict: dict[str, str | None], others_word: tuple[str, str],
            cause: tuple[str, str] | None = None) -> tuple[str, str]:
    """The reason in English and bokmål: the model's cause if given, then from the counts
    alone: for the people missing (everyone not on the shift) and for each skill missing
    (those with the skill)."""
    en, nb = head
    parts_en, parts_nb = [], []
    if count_short:
        could = [p for p in others if verdict[p.id] is None]
        why = Counter(verdict[p.id] for p in others if verdict[p.id] is not None)
        held = [p for p in others if verdict[p.id] == "named"]
        c_en, c_nb = _clause(others_word, others, could, why, held)
        parts_en.append(c_en)
        parts_nb.append(c_nb)
    for skill, k in missing_skills.items():
        en += f", {k} with skill '{skill}' missing"
        nb += f", mangler {k} med kompetanse «{skill}»"
        pool = [p for p in others if p.has_skill(skill)]
        could = [p for p in pool if verdict[p.id] is None]
        why = Counter(verdict[p.id] for p in pool if verdict[p.id] is not None)
        held = [p for p in pool if verdict[p.id] == "named"]
        c_en, c_nb = _clause((f"with skill '{skill}'", f"med kompetanse «{skill}»"), pool, could, why,
                             held)
        parts_en.append(c_en)
        parts_nb.append(c_nb)
    if cause is not None:
        en, nb = f"{en} (cause: {cause[0]})", f"{nb} (årsak: {cause[1]})"
    return f"{en}: {'; '.join(parts_en)}", f"{nb}: {'; '.join(parts_nb)}"


class ClosedNote(NamedTuple):
    """Why a service unit is listed closed: the words, its target period and how many more
    of that period's closed units would reach the target (any of them will do)."""

    en: str
    nb: str
    group: str
    needed: int
    needed_shifts: int
    """``needed`` in shifts (a weekend opens its Saturday and its Sunday)."""


def _closed_units(table: SlotTable, assignments: list[Assignment]) -> dict[tuple, ClosedNote]:
    """Service units not opened in target periods below their target: unit -> a note."""
    opened = opened_units(table, assignments)
    out = {}
    for g in table.target_groups:
        done = sum(1 for k in g.units if opened.get(k))
        if done >= g.target:
            continue
        label = g.req.label or g.req.shift
        per = g.label
        closed = [k for k in g.units if not opened.get(k)]
        more = g.target - done
        en = f"closed: {label} {per} has {done} of {g.target} opened"
        nb = f"stengt: {label} {per.replace('week', 'uke')} har {done} av {g.target} åpnet"
        if more < len(closed):  # any of the closed units will do: say how many are needed
            weekends = g.req.unit == "weekend"
            en += f" (any {more} of its closed {'weekends' if weekends else 'days'} reach the target)"
            nb += f" ({more} av de stengte {'helgene' if weekends else 'dagene'} holder for å nå målet)"
        per_unit = max(len(table.units[k]) for k in closed)
        for k in closed:
            out[k] = ClosedNote(en, nb, f"{label} {per}", more, more * per_unit)
    return out


def _causes(rota: Rota | list[Assignment]) -> dict[tuple[str, str], tuple[str, str, str]]:
    """(date, shift) -> (cause, reason, reason_nb) from a rota's coverage rows, where the
    planner wrote them (``coverage.causes.explain``)."""
    if not isinstance(rota, Rota):
        return {}
    out = {}
    for row in rota.coverage:
        cause, en, nb = row.get("cause"), row.get("reason"), row.get("reason_nb")
        if all(isinstance(v, str) for v in (cause, en, nb)):
            out[(str(row.get("date")), str(row.get("shift")))] = (cause, en, nb)
    return out


def _open_shift(scenario: Scenario, slot: Slot, kind: str, people: list[str], judge: _Judge,
                staff: dict[str, Staff], shift: ShiftType, note: ClosedNote | None,
                cause: tuple[str, str, str] | None = None,
                named: dict[str, list[Assignment]] | None = None) -> OpenShift:
    assigned = len(people)
    closed = kind == "closed"
    missing_skills = {} if closed else _skills_missing(slot, people, staff)
    count_short = closed or assigned < slot.min_staff
    missing = slot.min_staff if closed else max(slot.min_staff - assigned,
                                                max(missing_skills.values(), default=0))
    others = [p for p in scenario.staff if p.id not in people]
    named = named or {}
    verdict = {p.id: judge.why_not(p, slot.date, slot.shift, named.get(p.id)) for p in others}
    if closed and note is not None:
        head = (note.en, note.nb)
    elif kind == "skill":
        head = (f"{assigned} of {slot.min_staff} staffed", f"{assigned} av {slot.min_staff} bemannet")
    else:
        head = (f"{assigned} of {slot.min_staff}", f"{assigned} av {slot.min_staff}")
    word = ("other staff", "andre ansatte") if assigned else ("staff", "ansatte")
    en, nb = _reason(head, count_short, missing_skills, others, verdict, word,
                     (cause[1], cause[2]) if cause else None)
    able = [p for p in others if verdict[p.id] is None]
    if not count_short:  # only a skill is missing: who with it could come
        able = [p for p in able if any(p.has_skill(k) for k in missing_skills)]
    why = Counter(v for v in verdict.values() if v is not None)
    return OpenShift(date=slot.date, shift=slot.shift, name=shift.name_nb, name_en=shift.name_en,
                     start=_clock(shift.start), end=_clock(shift.end), hours=round(shift.paid_hours, 2),
                     priority=slot.priority, kind=kind, assigned=assigned, minimum=slot.min_staff,
                     missing=missing, skills=dict(slot.req.skills), skills_missing=missing_skills,
                     reason=en, reason_nb=nb, could_take=tuple(p.id for p in able), why=dict(why),
                     cause=cause[0] if cause else None,
                     target_group=note.group if closed and note is not None else None,
                     target_needed=note.needed if closed and note is not None else 0,
                     target_needed_shifts=note.needed_shifts if closed and note is not None else 0)


def open_shifts(scenario: Scenario, rota: Rota | list[Assignment], *, history: dict | None = None,
                closed: bool = True, nxt: NextPeriod | None = None) -> list[OpenShift]:
    """Every shift of the rota still short (see the module docstring), by date and shift
    order; ``closed=False`` leaves out service shifts that are closed below their target;
    with ``nxt`` (the next period's published rota) nobody is offered a shift that would
    break a rule across the end into it. The people named hold together: each shift is
    judged, in order of importance (:func:`_importance`), with the shifts its people are
    already named for."""
    assignments = rota.assignments if isinstance(rota, Rota) else list(rota)
    table = SlotTable(scenario)
    staff = {p.id: p for p in scenario.staff}
    shifts = {s.code: s for s in scenario.shifts}
    duty = on_duty(assignments)
    judge = _Judge(scenario, assignments, history, table, nxt)
    closed_notes = _closed_units(table, assignments) if closed else {}
    causes = _causes(rota)
    found = []
    for slot in table.slots:
        people = duty.get((slot.date, slot.shift), [])
        kind = _kind(slot, people, staff, closed_notes)
        if kind is not None:
            found.append((slot, kind, people))
    named: dict[str, list[Assignment]] = {}  # every short shift each person is named for
    in_unit: dict[tuple, dict[str, list[Assignment]]] = {}  # closed shifts, per unit
    out: dict[int, OpenShift] = {}
    for i in sorted(range(len(found)), key=lambda i: _importance(*found[i][:2], i)):
        slot, kind, people = found[i]
        unit = in_unit.setdefault(slot.unit_key, {}) if kind == "closed" else {}
        theirs = {pid: [*named.get(pid, []), *unit.get(pid, [])] for pid in named.keys() | unit.keys()}
        o = _open_shift(scenario, slot, kind, people, judge, staff, shifts[slot.shift],
                        closed_notes.get(slot.unit_key), causes.get((slot.date.isoformat(), slot.shift)),
                        theirs)
        for pid in o.could_take:
            (unit if kind == "closed" else named).setdefault(pid, []).append(
                Assignment(date=slot.date, staff=pid, shift=slot.shift))
        out[i] = o
    return [out[i] for i in range(len(found))]


def _importance(slot: Slot, kind: str, index: int) -> tuple:
    """The order in which short shifts name their people: shifts short of their minimum or
    a skill before closed service shifts (alternatives, judged on what is named for the
    others), base before service, then by date, then the slot table's order."""
    return (kind == "closed", slot.priority != "base", slot.date, index)


def _kind(slot: Slot, people: list[str], staff: dict[str, Staff],
          closed_notes: dict[tuple, ClosedNote]) -> str | None:
    n = len(people)
    if slot.priority == "base" and n < slot.min_staff:
        return "below_minimum"
    if slot.priority == "service" and 0 < n < slot.min_staff:
        return "alone"
    if (slot.priority == "base" or n > 0) and _skills_missing(slot, people, staff):
        return "skill"
    if slot.priority == "service" and n == 0 and slot.unit_key in closed_notes:
        return "closed"
    return None


HEADERS = {
    "en": ("date", "day", "shift", "shift_name", "start", "end", "hours", "priority", "kind",
           "assigned", "minimum", "missing", "skills_missing", "reason", "own_staff_who_could"),
    "nb": ("dato", "dag", "vakt", "vaktnavn", "fra", "til", "timer", "prioritet", "type",
           "bemannet", "minimum", "mangler", "kompetanse_mangler", "årsak", "egne_som_kan"),
}


def rows(items: list[OpenShift], scenario: Scenario, lang: str = "en") -> list[list]:
    """The open shifts as a table (header first), in English or bokmål."""
    nb = lang == "nb"
    names = {p.id: p.name for p in scenario.staff}
    i = 1 if nb else 0
    out: list[list] = [list(HEADERS["nb" if nb else "en"])]
    for o in items:
        skills = "; ".join(f"{k} {v}" for k, v in o.skills_missing.items())
        out.append([o.date.isoformat(), day_words(o.date, lang), o.shift, o.name if nb else o.name_en,
                    o.start, o.end, o.hours, PRIORITY_WORDS.get(o.priority, (o.priority,) * 2)[i],
                    KIND_WORDS[o.kind][i],
                    o.assigned, o.minimum, o.missing, skills, o.reason_nb if nb else o.reason,
                    ", ".join(names.get(s, s) for s in o.could_take)])
    return out


def openings_needed(items: list[OpenShift]) -> tuple[int, int]:
    """The service openings (and their shifts) still needed to reach the targets: a target
    period short of k openings lists all its closed days, any k of which will do, so each
    period counts once."""
    groups = {o.target_group: o for o in items if o.kind == "closed"}
    return (sum(o.target_needed for o in groups.values()),
            sum(o.target_needed_shifts for o in groups.values()))


def summary(items: list[OpenShift], lang: str = "en") -> str:
    """One line: how many shifts and people are missing."""
    short = [o for o in items if o.kind != "closed"]
    closed = [o for o in items if o.kind == "closed"]
    people = sum(o.missing for o in short)
    hours = sum(o.missing * o.hours for o in short)
    needed, shifts = openings_needed(items)
    if lang == "nb":
        text = (f"{len(short)} vakter mangler folk ({people} personer, {hours:g} timer)"
                .replace(".", ","))
        if closed:
            text += (f"; {needed} tjenesteåpninger til for å nå målene ({shifts} vakter; "
                     f"{len(closed)} stengte vakter å velge blant)")
        return text
    text = f"{len(short)} shift(s) short of staff ({people} people, {hours:g} h)"
    if closed:
        text += (f"; {needed} more service opening(s) to reach the targets ({shifts} shift(s); "
                 f"{len(closed)} closed shift(s) to choose from)")
    return text
