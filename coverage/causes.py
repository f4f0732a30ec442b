"""Why shifts are short: the binding cause of a rota's shortfall, found with the model.

When the planner's rota leaves base shifts short, or closes service shifts below their
target, :func:`explain` asks the model which rule family binds. It re-solves the base
stage (and the service targets below it) once per family with that family lifted, each
time from the planner's own rota (so a re-solve is never worse than it), and measures
the new rota: a family that lets the planner staff more is a cause, by that much. The
families:

- ``hours``: the contract hours band (``hours``);
- ``skills``: the skill minimums (everyone counts as holding every skill);
- ``weekends``: weekend frequency, weekends per period, Sunday/holiday rest;
- ``rest``: daily rest, weekly rest, days in a row, nights in a row, minimum blocks and
  days off, 48 h in 7 days;
- ``availability``: fixed days off, shift types people may not work, caps per shift type;
- ``locks``: locked (pinned) shifts and days off;
- ``absences``: everyone present (no absence kind is ever named);
- ``next_period``: in a re-plan next to a published month, the rows that keep its first
  days legal across the end (every other re-solve keeps them, as the planner did).

The re-solves are compared with a control (the same re-solve with every rule kept), not
with the planner's rota, so time alone is never taken for a cause. The bounds of
``coverage.capacity`` add the numbers where one is broken ("the base shifts need 1 643 h;
the contracts allow at most 1 413 h: 230 h short, about 1.5 årsverk this month"), and a
broken bound makes its family a cause by proof; when nobody is away and a day needs more
different people than there are, the cause is ``people`` (a bound, not a rule to lift).
Each shift left short and each service shift closed below its target gets the
family whose lifting staffs it (the one that staffs the most, if several), else the
month's main cause. The result lands in ``rota.json`` (``reasons``, ``cause_analysis``, and
``cause``/``reason``/``reason_nb`` on the coverage rows and the breaches of those shifts),
in the summary and in ``roster open-shifts``'s reason column (docs/coverage.md).

The extra solves are bounded: ``seconds`` in all (default :data:`DEFAULT_SECONDS`), shared
evenly by the families that apply.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pulp

from coverage.capacity import (
    Shortfall,
    capacities,
    day_shortfalls,
    hours_short,
    hours_shortfall,
    skill_shortfalls,
    target_day_shortfalls,
    weekend_shortfalls,
)
from coverage.words import fmt_arsverk, fmt_int, whole
from roster.model import Model, Priority, Stage
from roster.planner import PlanOptions, assignments_from, build_model
from roster.rota import Assignment, Rota
from roster.rota_build import opened_units
from roster.rules.coverage import SHORT as SHORT_TEXT
from roster.rules.coverage import shortfall_cost
from roster.rules.words import Day, Words
from roster.scenario import Scenario
from roster.slots import SlotTable, on_duty
from roster.solve.driver import make_backend, solve_stage
from roster.solve.highs import HighsBackend

DEFAULT_SECONDS = 8.0
"""The time the cause analysis may use in all (``--explain-seconds``)."""
FIX_SHARE = 0.25
"""Of a family's time: the solve with the planner's rota fixed that gives the start."""
NOISE = 0.05
"""A family is binding when lifting it cuts the weighted shortfall by more than this share
of the control's (two re-solves of a second or two differ by a few places)."""
COST_ONLY = ("fairness", "wishes", "stability", "tidiness")


# --- rule families --------------------------------------------------------------------
def _everyone_skilled(s: Scenario) -> Scenario:
    skills = tuple(sorted({k for r in s.requirements for k in r.skills}))
    return s.with_changes(staff=tuple(replace(p, skills=tuple(sorted(set(p.skills) | set(skills))))
                                      for p in s.staff))


def _nobody_away(s: Scenario) -> Scenario:
    return s.with_changes(absences=())


def _has_skills(s: Scenario) -> bool:
    return any(r.skills for r in s.requirements)


def _has_weekend_rules(s: Scenario) -> bool:
    rules = ("weekend_every", "max_weekends")
    return (bool(s.rules.weekend_every) or bool(s.rules.sunday_holiday_rest)
            or any(p.rules.get(k) for p in s.staff for k in rules))


def _has_availability_rules(s: Scenario) -> bool:
    return any(p.cannot_work or p.fixed_days_off or p.weekdays_off or p.rules.max_shifts
               for p in s.staff)


def _has_absences(s: Scenario) -> bool:
    return any(a.end >= s.start and a.start <= s.end for a in s.absences)


@dataclass(frozen=True)
class Family:
    key: str
    label: Words
    rules: tuple[str, ...] = ()
    """Rule units left out of the model."""
    relax: Callable[[Scenario], Scenario] | None = None
    """The scenario changed instead (skills for everyone, nobody away)."""
    applies: Callable[[Scenario], bool] = lambda s: True


FAMILIES: tuple[Family, ...] = (
    Family("hours", Words("contract hours", "avtalte timer"), rules=("hours",)),
    Family("skills", Words("skill holders", "kompetanse"), relax=_everyone_skilled, applies=_has_skills),
    Family("weekends", Words("weekend frequency", "helgefrekvens"),
           rules=("weekend", "max_weekends", "sunday_rest"), applies=_has_weekend_rules),
    Family("rest", Words("rest and working-time rules", "hvile- og arbeidstidsregler"),
           rules=("rest", "weekly_rest", "consecutive", "consecutive_nights", "min_block",
                  "min_days_off", "hours_7_days")),
    Family("availability", Words("fixed days off and shifts people may not work",
                                 "faste fridager og vakter folk ikke skal ha"),
           rules=("fixed_day_off", "cannot_work", "max_shifts"), applies=_has_availability_rules),
    Family("locks", Words("locked shifts", "låste vakter"), rules=("locked",),
           applies=lambda s: bool(s.locks)),
    Family("absences", Words("staff away", "fravær"), relax=_nobody_away, applies=_has_absences),
)


# --- measuring a rota -----------------------------------------------------------------
@dataclass(frozen=True)
class Measure:
    """What a rota leaves short: base people and skill holders missing, the weighted base
    cost (``roster.rules.coverage.shortfall_cost``), service units below their targets,
    and which base slots and service units."""

    people: int
    skill: int
    cost: int
    closed: int
    short_slots: frozenset[tuple[dt.date, str]]
    closed_units: frozenset[tuple]

    def to_json(self) -> dict:
        return {"people": self.people, "skill_holders": self.skill, "weighted": self.cost,
                "service_below_target": self.closed}


def measure(scenario: Scenario, table: SlotTable, assignments: Sequence[Assignment]) -> Measure:
    """What a rota leaves short (:class:`Measure`), counted from its assignments alone."""
    skills = {p.id: set(p.skills) for p in scenario.staff}
    duty = on_duty(list(assignments))
    people = skill = cost = 0
    short = set()
    for slot in table.slots:
        if slot.priority != "base":
            continue
        who = duty.get((slot.date, slot.shift), [])
        missing_skill = sum(max(0, k - sum(1 for sid in who if sk in skills.get(sid, ())))
                            for sk, k in slot.req.skills.items())
        missing = max(0, slot.min_staff - len(who))
        if missing or missing_skill:
            short.add((slot.date, slot.shift))
        people += missing
        skill += missing_skill
        cost += shortfall_cost(len(who), slot.min_staff, missing_skill)
    opened = opened_units(table, list(assignments))
    closed_units = set()
    closed = 0
    for g in table.target_groups:
        done = sum(1 for k in g.units if opened.get(k))
        if done < g.target:
            closed += g.target - done
            closed_units.update(k for k in g.units if not opened.get(k))
    return Measure(people, skill, cost, closed, frozenset(short), frozenset(closed_units))


# --- one re-solve -------------------------------------------------------------------
def _objective(m: Model) -> pulp.LpAffineExpression:
    """The base stage first (weighted so that no service target can outweigh one step of
    it), then the service units below their targets by rank, as the planner gives them
    up: one unit of a rank outweighs every unit of the ranks after it (rank 1 is kept
    longest). Without the ranks a re-solve closes the cheapest units whatever their rank,
    and its count ("5 service openings with every rule kept") reads as if the planner's
    ranked rota (8 closed) could have opened 3 more."""
    base = m.stage_expr(Stage(Priority.BASE))
    below: dict[int, list] = {}
    targets: dict[int, int] = {}
    for g in m.table.target_groups:
        if g.target <= 0:
            continue
        u = m.continuous("why_below", up=g.target)
        m.implied_integer.add(u.name)
        m.add(pulp.lpSum(m.opened(k) for k in g.units) + u >= g.target)
        below.setdefault(g.req.rank, []).append(u)
        targets[g.req.rank] = targets.get(g.req.rank, 0) + g.target
    weight, after = {}, 0  # after: the most the ranks after this one can weigh
    for rank in sorted(below, reverse=True):
        weight[rank] = 1 + after
        after += weight[rank] * targets[rank]
    return (1 + after) * base + pulp.lpSum(weight[r] * pulp.lpSum(us) for r, us in below.items())


def _resolve(scenario: Scenario, family: Family, history: dict | None,
             start: Sequence[Assignment], seconds: float, solver: str, seed: int,
             extend: Callable[[Model], None] | None = None) -> tuple[list[Assignment] | None, bool]:
    """The base stage (then service) re-solved with one family lifted, starting from the
    planner's rota where the solver can; the rota found and whether it is proven best."""
    relaxed = family.relax(scenario) if family.relax else scenario
    m = build_model(relaxed, history=history,
                    options=PlanOptions(skip_rules=COST_ONLY + family.rules))
    if extend is not None:
        extend(m)
    expr = _objective(m)
    m.prob.setObjective(m.weighted_expr())
    for v in m.x.values():
        m.prob.addVariable(v)
    backend = make_backend(solver, m, None, False, seed)
    stage = Stage(Priority.BASE)
    t0 = time.perf_counter()
    if isinstance(backend, HighsBackend):  # the planner's rota first (fixed), then free
        index = {int(c): k for k, c in enumerate(backend.integer)}
        wanted = {(a.staff, a.date, a.shift) for a in start}
        pos, val = [], []
        for (p, d, code), var in m.x.items():
            col = backend.index.get(var.name)
            if col is not None and col in index:
                pos.append(index[col])
                val.append(1.0 if (m.staff[p].id, m.date_of(d), code) in wanted else 0.0)
        positions = np.array(pos, dtype=np.int64)
        backend.fix_integers(positions, np.array(val))
        backend.minimize(expr, seconds * FIX_SHARE, 0.0, stage)
        backend.free_integers(positions)
    left = max(0.2, seconds - (time.perf_counter() - t0))
    res = solve_stage(backend, expr, left, 0.0, stage, seed)
    if not backend.has_incumbent():
        return None, False
    return assignments_from(m, backend.values()), res.status == "optimal"


# --- the sentences ------------------------------------------------------------------
def _base_hours_bound(scenario: Scenario, table: SlotTable, caps: dict[str, int]) -> Shortfall | None:
    """Hours the base shifts alone need against what the staff can give."""
    minutes = {s.code: s.paid_minutes for s in scenario.shifts}
    need = sum(s.min_staff * minutes[s.shift] for s in table.slots if s.priority == "base") / 60
    return hours_short(scenario, table, need, caps,
                       needs=f"the base shifts need {fmt_int(need)} staff hours",
                       needs_nb=f"grunnvaktene trenger {fmt_int(need)} timer")


def _bounds(scenario: Scenario, table: SlotTable) -> dict[str, list[Shortfall]]:
    """The capacity bounds that are broken, by family."""
    caps = capacities(scenario, table)
    out: dict[str, list[Shortfall]] = {}
    base_hours = _base_hours_bound(scenario, table, caps)
    all_hours = hours_shortfall(scenario, table, caps)
    hours = base_hours or all_hours
    if hours is not None:
        # the contract bands are the cause only if the hours suffice without them; else it is
        # the days people are there (and the bound on people a day names them)
        free = capacities(scenario, table, band=False)
        without = _base_hours_bound(scenario, table, free) if base_hours else \
            hours_shortfall(scenario, table, free)
        if without is not None:
            hours = None
    out["hours"] = [hours] if hours is not None else []
    out["skills"] = skill_shortfalls(scenario, table, caps)
    out["weekends"] = weekend_shortfalls(scenario, table)
    out["people"] = day_shortfalls(scenario, table) + target_day_shortfalls(scenario, table)
    return out


def _left_words(m: Measure, other: Measure) -> Words:
    """'10 people and 8 skill holders' missing (a kind left out when neither rota misses any)."""
    en, nb = [], []
    for n, o, one_en, many_en, one_nb, many_nb in (
            (m.people, other.people, "person", "people", "person", "personer"),
            (m.skill, other.skill, "skill holder", "skill holders", "med kompetanse", "med kompetanse"),
            (m.closed, other.closed, "service opening", "service openings",
             "tjenesteåpning", "tjenesteåpninger")):
        if n or o:
            en.append(f"{n} {one_en if n == 1 else many_en}")
            nb.append(f"{n} {one_nb if n == 1 else many_nb}")
    return Words(" and ".join(en) or "nothing", " og ".join(nb) or "ingenting")


def _concerns(bound: Shortfall, days: frozenset[dt.date], service: str | None) -> bool:
    """Whether a capacity bound is about shifts on ``days`` of the service requirement
    ``service`` (None: a base shift): a bound about some days (a day's people, a run of
    weekends, a target period's units: ``Shortfall.days``) concerns those days only, and
    one about a service requirement's target (``Shortfall.service``) only that
    requirement's shifts; the others (hours, skills, the month's weekends) every shift."""
    if bound.days and not days & set(bound.days):
        return False
    return bound.service is None or bound.service == service


def _bounds_shown(key: str, bounds: list[Shortfall]) -> list[Shortfall]:
    """The bounds a sentence names: for weekends the month's total, else the first run."""
    if key == "weekends":
        total = [b for b in bounds if b.kind == "weekends"]
        return total or bounds[:1]
    return bounds[:2]


@dataclass
class Cause:
    """One family lifted: the measure of the control re-solve (nothing lifted, same time)
    and of the re-solve with the family lifted, and the capacity bounds it breaks."""

    family: Family
    before: Measure
    """The planner's rota."""
    control: Measure
    """The same re-solve with every rule kept (never worse than the planner's rota)."""
    after: Measure
    bounds: list[Shortfall] = field(default_factory=list)
    seconds: float = 0.0
    proven: bool = False

    @property
    def gain(self) -> tuple[int, int]:
        """How much lifting the family staffs beyond the control: weighted base cost, then
        service units below their targets."""
        return self.control.cost - self.after.cost, self.control.closed - self.after.closed

    @property
    def binding(self) -> bool:
        """A capacity bound of the family is broken (a proof), or lifting the family staffs
        more than the control, by more than a short re-solve's noise (:data:`NOISE` of the
        control's weighted shortfall)."""
        base, service = self.gain
        return bool(self.bounds) or base > NOISE * self.control.cost or (base >= 0 and service > 0)

    def words(self) -> Words:
        label = self.family.label
        shown = _bounds_shown(self.family.key, self.bounds)
        lifted = Words(f"lifting the {label.en}", f"uten reglene for {label.nb}")
        if self.family.key == "absences":
            lifted = Words("with everyone present", "med alle til stede")
        elif self.family is NEXT_PERIOD:
            lifted = Words("without the next period's first days fixed",
                           "uten neste periodes første dager låst")
        elif self.family.key == "skills":
            lifted = Words("if anyone could take the places that need a skill",
                           "om hvem som helst kunne ta plassene som krever kompetanse")
        if self.family is PEOPLE:
            en = "; ".join(b.detail for b in shown)
            nb = "; ".join(b.detail_nb for b in shown)
            return Words(f"Too few people there: {en}", f"For få folk til stede: {nb}")
        after, control = _left_words(self.after, self.control), _left_words(self.control, self.after)
        test = Words(f"{lifted.en}, the planner's re-solve is short of {after.en}, against "
                     f"{control.en} with every rule kept",
                     f"{lifted.nb} mangler planleggerens nye løsning {after.nb}, mot "
                     f"{control.nb} med alle regler")
        en = "; ".join([*(b.detail for b in shown), test.en])
        nb = "; ".join([*(b.detail_nb for b in shown), test.nb])
        return Words(f"{label.en[0].upper()}{label.en[1:]}: {en}",
                     f"{label.nb[0].upper()}{label.nb[1:]}: {nb}")

    def short_words(self, day: dt.date | None = None, service: str | None = None,
                    days: frozenset[dt.date] | None = None) -> Words:
        """The cause in a few words, for one shift: 'contract hours: 230 h short ...'. For
        the shift on ``day`` (or a target period on ``days``) of the service requirement
        ``service`` (None: a base shift), a bound about other days (too few nurses there on
        12 July) or another requirement's target (the evenings of week 27) is not its
        reason: then a bound that concerns it, or the re-solve's counts, are named."""
        if days is None and day is not None:
            days = frozenset({day})
        label = self.family.label
        hours = [b for b in self.bounds if b.unit == "h"]
        if hours:
            b = hours[0]
            short = fmt_int(whole(b.needed) - whole(b.available))  # as the bound's sentence says
            if b.kind == "skill":
                return Words(f"{label.en}: those with skill '{b.subject}' can give {short} h too few",
                             f"{label.nb}: de med kompetanse «{b.subject}» kan gi {short} t for lite")
            arsverk_en = f" (about {fmt_arsverk(b.arsverk)} årsverk)" if b.arsverk else ""
            arsverk_nb = f" (om lag {fmt_arsverk(b.arsverk, 'nb')} årsverk)" if b.arsverk else ""
            return Words(f"{label.en}: {fmt_int(b.needed)} h needed, {fmt_int(b.available)} h allowed, "
                         f"{short} h short{arsverk_en}",
                         f"{label.nb}: {fmt_int(b.needed)} t trengs, {fmt_int(b.available)} t tillatt, "
                         f"{short} t for lite{arsverk_nb}")
        shown = _bounds_shown(self.family.key, self.bounds)
        if days is not None and not all(_concerns(b, days, service) for b in shown):
            shown = [b for b in self.bounds if _concerns(b, days, service)]
        if shown:
            b = shown[0]
            return Words(f"{label.en}: {b.detail}", f"{label.nb}: {b.detail_nb}")
        after, control = _left_words(self.after, self.control), _left_words(self.control, self.after)
        return Words(f"{label.en} (lifted: short of {after.en} instead of {control.en})",
                     f"{label.nb} (uten dem: mangler {after.nb} i stedet for {control.nb})")

    def to_json(self) -> dict:
        w = self.words()
        short = self.short_words()
        return {"cause": self.family.key, "label": self.family.label.en,
                "label_nb": self.family.label.nb, "binding": self.binding,
                "detail": w.en, "detail_nb": w.nb, "short": short.en, "short_nb": short.nb,
                "rota": self.before.to_json(), "control": self.control.to_json(),
                "lifted": self.after.to_json(),
                "gain": {"weighted": self.gain[0], "service_below_target": self.gain[1],
                         "people": self.control.people - self.after.people,
                         "skill_holders": self.control.skill - self.after.skill},
                "bounds": [b.to_json() for b in self.bounds], "proven": self.proven,
                "seconds": round(self.seconds, 2)}


@dataclass
class Analysis:
    before: Measure
    control: Measure
    causes: list[Cause]
    """Every family tried, binding ones first (largest gain first)."""
    slot_cause: dict[tuple[dt.date, str], str]
    unit_cause: dict[tuple, str]
    seconds: float
    budget: float
    skipped: list[str] = field(default_factory=list)
    """Families not tried for lack of time."""

    def cause(self, key: str) -> Cause | None:
        return next((c for c in self.causes if c.family.key == key), None)


# --- the analysis -------------------------------------------------------------------
CONTROL = Family("control", Words("no rule lifted", "ingen regel løftet"))
NEXT_PERIOD = Family("next_period", Words("the next period's published rota",
                                          "neste periodes publiserte turnus"))
"""Lifted by re-solving without the rows that keep the next period's first days legal
across the end (a re-plan with ``--next``: ``extend`` of :func:`analyse`)."""
PEOPLE = Family("people", Words("too few people there", "for få folk til stede"))
"""Not a rule to lift: the bound on different people a day needs, when nobody is away."""


def _better(a: Measure, b: Measure) -> Measure:
    return a if (a.cost, a.closed) <= (b.cost, b.closed) else b


def analyse(scenario: Scenario, rota: Rota | Sequence[Assignment], *, history: dict | None = None,
            seconds: float = DEFAULT_SECONDS, solver: str = "highs", seed: int = 0,
            extend: Callable[[Model], None] | None = None) -> Analysis | None:
    """The causes of a rota's shortfall (None if nothing is short): a control re-solve with
    every rule kept, then every family that applies re-solved with it lifted, each from the
    planner's rota and with the same share of ``seconds``. A family is binding when its
    re-solve staffs more than the control. ``extend`` adds what the planner's model had
    beyond the scenario's rules (a re-plan's rows that keep the next period's published
    rota legal across the end) to every re-solve; it is a family of its own
    (``NEXT_PERIOD``), lifted by leaving it out."""
    assignments = list(rota.assignments if isinstance(rota, Rota) else rota)
    table = SlotTable(scenario)
    before = measure(scenario, table, assignments)
    if not before.short_slots and not before.closed_units:
        return None
    t0 = time.perf_counter()
    families = [f for f in FAMILIES if f.applies(scenario)] + ([NEXT_PERIOD] if extend else [])
    share = seconds / (len(families) + 1)
    found, _ = _resolve(scenario, CONTROL, history, assignments, share, solver, seed, extend)
    control = _better(before, measure(scenario, table, found)) if found is not None else before
    bounds = _bounds(scenario, table)
    causes: list[Cause] = []
    skipped = []
    for i, fam in enumerate(families):
        share = (seconds - (time.perf_counter() - t0)) / (len(families) - i)
        if share < 0.3:
            skipped.append(fam.key)
            continue
        t1 = time.perf_counter()
        found, proven = _resolve(scenario, fam, history, assignments, share, solver, seed,
                                 None if fam is NEXT_PERIOD else extend)
        relaxed = fam.relax(scenario) if fam.relax else scenario
        after = measure(relaxed, table, found) if found is not None else before
        # the planner's rota is a start of every re-solve: never count one that lost it
        after = _better(after, before) if fam.relax is None else after
        mine = bounds.get(fam.key, []) + (bounds["people"] if fam.key == "absences" else [])
        causes.append(Cause(fam, before, control, after, mine, time.perf_counter() - t1, proven))
    if bounds["people"] and not any(c.family.key == "absences" for c in causes):
        causes.append(Cause(PEOPLE, before, control, control, bounds["people"], proven=True))
    causes.sort(key=lambda c: (not c.binding, -c.gain[0], -c.gain[1], not c.bounds))
    binding = [c for c in causes if c.binding]
    slot_cause, unit_cause = _attribute(before, binding)
    return Analysis(before, control, causes, slot_cause, unit_cause, time.perf_counter() - t0,
                    seconds, skipped)


def _attribute(before: Measure, binding: list[Cause]
               ) -> tuple[dict[tuple[dt.date, str], str], dict[tuple, str]]:
    """Each short slot and closed unit: the binding family whose re-solve staffs it (the
    one with the largest gain first), else the family with the largest gain."""
    slot_cause: dict[tuple[dt.date, str], str] = {}
    unit_cause: dict[tuple, str] = {}
    if not binding:
        return slot_cause, unit_cause
    main_base = next((c for c in binding if c.gain[0] > 0), binding[0])
    main_service = next((c for c in binding if c.gain[1] > 0), binding[0])
    for key in sorted(before.short_slots):
        fixed = next((c for c in binding if c.gain[0] > 0 and key not in c.after.short_slots), None)
        slot_cause[key] = (fixed or main_base).family.key
    for key in sorted(before.closed_units, key=repr):
        fixed = next((c for c in binding if c.gain[1] > 0 and key not in c.after.closed_units), None)
        unit_cause[key] = (fixed or main_service).family.key
    return slot_cause, unit_cause


# --- into the rota ------------------------------------------------------------------
def explain(scenario: Scenario, rota: Rota, *, history: dict | None = None,
            seconds: float = DEFAULT_SECONDS, solver: str = "highs", seed: int = 0,
            extend: Callable[[Model], None] | None = None) -> Analysis | None:
    """Find the causes (:func:`analyse`) and write them into the rota: ``reasons`` (each
    family tried, binding first), ``cause_analysis`` (time used, families tried), and on the
    coverage rows and the coverage/skill breaches of each shift left short (and the closed
    service rows and missed targets) ``cause``, ``reason`` and ``reason_nb``; a coverage
    breach's ``detail`` then gives the cause instead of the count of staff available, a
    skill breach's adds it (the skill holders' hours, where the skills family binds).
    ``extend``: as for :func:`analyse`."""
    if seconds <= 0 or rota.status == "error":
        return None
    found = analyse(scenario, rota, history=history, seconds=seconds, solver=solver, seed=seed,
                    extend=extend)
    if found is None:
        return None
    rota.extra["reasons"] = [c.to_json() for c in found.causes if c.binding]
    rota.extra["cause_analysis"] = {
        "method": "base stage and service targets re-solved with one rule family lifted at a "
                  "time, from the planner's rota",
        "seconds": round(found.seconds, 2), "budget": found.budget,
        "tried": [c.family.key for c in found.causes], "skipped": found.skipped,
        "not_binding": [c.family.key for c in found.causes if not c.binding],
        "rota": found.before.to_json(), "control": found.control.to_json(),
    }
    if not rota.extra["reasons"]:
        rota.extra["reasons"] = [_no_cause(found)]
    skills_binding = any(c.binding and c.family.key == "skills" for c in found.causes)
    table = SlotTable(scenario)
    units = {(s.date.isoformat(), s.shift): s.unit_key for s in table.slots if s.priority == "service"}
    service = {(s.date, s.shift): s.req.key for s in table.slots if s.priority == "service"}
    for row in rota.coverage:
        key = (dt.date.fromisoformat(row["date"]), row["shift"])
        cause = found.slot_cause.get(key)
        if cause is not None and skills_binding and row.get("assigned", 0) >= row.get("min", 0):
            cause = "skills"  # its people are there, a skill holder is missing
        if cause is None and row.get("priority") == "service":
            cause = found.unit_cause.get(units.get((row["date"], row["shift"])))
        if cause is not None:
            said = _said(found, cause, key[0], service.get(key))
            row["cause"], row["reason"], row["reason_nb"] = cause, said.en, said.nb
    for v in rota.violations:
        if v.get("rule") not in ("coverage", "skill") or "date" not in v or "shift" not in v:
            continue
        key = (dt.date.fromisoformat(v["date"]), v["shift"])
        cause = found.slot_cause.get(key)
        if cause is None:
            continue
        if v["rule"] == "skill" and skills_binding:
            cause = "skills"  # the skill holders' own hours, not the slot's head count
        why = _said(found, cause, key[0], service.get(key))
        v["cause"], v["reason"], v["reason_nb"] = cause, why.en, why.nb
        if v["rule"] == "coverage":
            said = SHORT_TEXT.render(day=Day(key[0]), shift=key[1], n=v.get("assigned", 0),
                                     need=v.get("min", 0), why=why)
            v["detail"], v["detail_nb"] = said.en, said.nb
        else:
            v["detail"] += f"; {why.en}"
            v["detail_nb"] += f"; {why.nb}"
    _service_breach_causes(rota, found, table)
    return found


def _said(found: Analysis, cause: str, day: dt.date, service: str | None = None) -> Words:
    """The cause's few words for a shift on ``day`` of the service requirement ``service``
    (None: a base shift; :meth:`Cause.short_words`)."""
    return _said_of(found, cause, frozenset({day}), service)


def _said_of(found: Analysis, cause: str, days: frozenset[dt.date], service: str | None) -> Words:
    """:func:`_said` for shifts on ``days``; a cause given a shift or a unit is always a
    family the analysis tried."""
    c = found.cause(cause)
    if c is None:
        raise KeyError(cause)
    return c.short_words(service=service, days=days)


def _service_breach_causes(rota: Rota, found: Analysis, table: SlotTable) -> None:
    """A missed service target (a warning per target period) gets the cause of its closed
    units (the most common one), in words about that period and requirement."""
    by_first: dict[tuple[str, str], list] = {}  # a warning's (date, shift) -> its target groups
    for g in table.target_groups:
        if any(k in found.unit_cause for k in g.units):
            first = table.units[g.units[0]][0].date.isoformat()
            by_first.setdefault((first, g.req.shift), []).append(g)
    for v in rota.violations:
        groups = by_first.get((v.get("date", ""), v.get("shift", "")), []) \
            if v.get("rule") == "service_target" else []
        if not groups:
            continue
        causes = [found.unit_cause[k] for g in groups for k in g.units if k in found.unit_cause]
        cause = max(set(causes), key=causes.count)
        days = frozenset(s.date for g in groups for k in g.units for s in table.units[k])
        words = _said_of(found, cause, days, groups[0].req.key)
        v["cause"], v["reason"], v["reason_nb"] = cause, words.en, words.nb


def _no_cause(found: Analysis) -> dict:
    """When no single family explains the shortfall within the time given."""
    tried = ", ".join(c.family.label.en for c in found.causes)
    tried_nb = ", ".join(c.family.label.nb for c in found.causes)
    return {"cause": None, "binding": False,
            "detail": (f"No single rule family explains the shortfall: lifting each alone ({tried}) "
                       f"staffs nothing more in {found.seconds:.1f} s; it takes several together, "
                       "or more time"),
            "detail_nb": (f"Ingen enkelt regelgruppe forklarer mangelen: å løfte hver for seg "
                          f"({tried_nb}) bemanner ikke mer på {found.seconds:.1f} s; det trengs "
                          "flere sammen, eller mer tid"),
            "rota": found.before.to_json(), "control": found.control.to_json()}
