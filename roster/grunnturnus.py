"""Grunnturnus: a rolling base rota of N weeks that repeats, legal across its wrap-around.

A Norwegian unit agrees a *grunnturnus*: a plan of N weeks (often 6, 8 or 12) in which each
line (one position, one stillingsprosent) works the same pattern, cycle after cycle, known
at least 14 days before it starts (AML § 10-3). Week N is followed by week 1, so the
rules must hold across that wrap-around too: daily rest from Sunday night of week N into
Monday of week 1, days in a row, weekly rest, weekend frequency, 48 h in 7 days.

How it is planned (no change to the model or the solver): the scenario becomes a generic
cycle (N weeks from a Monday, no public holidays, no dated absences, wishes or locks:
:func:`cycle_scenario`) and is planned as **one cycle on a ring of days**
(``roster.grunnturnus_cycle.CycleModel``: the rule units as for any rota, each look back
into "the previous rota" finding the end of the same cycle), after counting person-weekends
has closed the weekend service openings the weekend frequency rules out. The earlier
method, two cycles tied together (``x[p, d + 7N, s] == x[p, d, s]``, every window rule
seeing week N followed by week 1 in the middle of the horizon), is kept (``method="tied"``)
and is the fallback should the wrap check find a hard breach in a one-cycle plan.

Contract hours are averaged over the cycle (gjennomsnittsberegning, AML § 10-5): a line's
hours over one cycle lie within its band for the cycle (stillingsprosent x weekly hours x
N, plus/minus the rule pack's tolerance), whatever a single week holds; the rule pack's
limits per week (48 h in any 7 days) and per shift (12.5 h) stay hard rules. (Over two
tied cycles the band is twice the cycle's: the tolerance is doubled, the hours double by
themselves.)

The result is checked by the independent checker (``roster.check``) on the cycle repeated
three times (:func:`wrap_check`): a grunnturnus whose week N -> week 1 transition breaks
a rule is found there, however it was made.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from roster.calendar import WEEKDAY_SHORT_EN
from roster.check import check_rota
from roster.errors import UserError
from roster.grunnturnus_cycle import (
    apply_weekend_bound,
    bound_is_valid,
    build_cycle_model,
    weekend_opening_bound,
)
from roster.model import Model
from roster.planner import PlanOptions, assignments_from, build_model
from roster.rota import Assignment, Rota
from roster.rota_build import build_rota
from roster.rules.breach import Breach
from roster.rules.catalogue import units
from roster.scenario import CalendarConfig, OpenTarget, Rules, Scenario, Staff, StaffRules
from roster.slots import SlotTable
from roster.solve import SolveOutcome, solve_model
from roster.vocabulary import weekday_word

KIND = "grunnturnus"
MIN_WEEKS, MAX_WEEKS = 1, 26
"""A cycle of 1 to 26 weeks: the model plans two cycles, at most a year."""
WRAP_CYCLES = 3
"""The checker judges the cycle repeated this many times (week N -> week 1 twice)."""
DAYS_PER_MONTH = 365.25 / 12
MAX_MODEL_PERSON_DAYS = 20_000
"""Staff x days of the two-cycle model: the same bound a scenario has."""


def first_monday(date: dt.date) -> dt.date:
    """The Monday on or after ``date``."""
    return date + dt.timedelta(days=(7 - date.weekday()) % 7)


def monday_on_or_before(date: dt.date) -> dt.date:
    return date - dt.timedelta(days=date.weekday())


# --------------------------------------------------------------------------------------
# The generic scenario of k cycles


def _scale_count(value: int | None, per_cycle: float, cycles: int) -> int | None:
    """A count per scenario period (shifts, weekends) as a count per ``cycles`` cycles."""
    if value is None:
        return None
    return int(value * per_cycle + 1e-9) * cycles


def _scale_person_rules(rules: StaffRules, per_cycle: float, cycles: int) -> StaffRules:
    """A person's own per-period values (band, caps) for ``cycles`` cycles."""
    values = dict(rules.values())
    for key in ("min_hours", "max_hours", "min_minutes", "max_minutes"):
        if values.get(key) is not None:
            values[key] = values[key] * per_cycle * cycles
    if values.get("max_weekends") is not None:
        values["max_weekends"] = _scale_count(values["max_weekends"], per_cycle, cycles)
    caps = values.get("max_shifts")
    if caps:
        values["max_shifts"] = {code: _scale_count(n, per_cycle, cycles) for code, n in caps.items()}
    return StaffRules(**values)


def _cycle_target(target: OpenTarget, weeks: int, per_cycle: float, cycles: int) -> OpenTarget:
    """An opening target in the generic period: per week as it is (weeks start on Monday);
    per month or per scenario period as a count per cycle (rounded), times the cycles."""
    if target.always or target.per == "week":
        return target
    if target.per == "month":
        per = round(target.count * 7 * weeks / DAYS_PER_MONTH)
    else:
        per = round(target.count * per_cycle)
    return OpenTarget(always=False, count=per * cycles, per="period")


def cycle_scenario(scenario: Scenario, weeks: int, cycles: int = 1,
                   start: dt.date | None = None) -> Scenario:
    """The scenario as a generic period of ``cycles`` cycles of ``weeks`` weeks from the
    Monday ``start``: no public holidays or eves (a rolling grunnturnus ignores them), no
    dated absences, wishes, locks, fixed days off or date-specific coverage; coverage by
    weekday, Saturday and Sunday as the scenario gives it. Per-period values (the hours
    tolerance, a person's own band, caps of shifts and weekends, opening targets per month
    or per period) are scaled to the cycles, so k cycles ask k times what one cycle asks."""
    if not MIN_WEEKS <= weeks <= MAX_WEEKS:
        raise UserError(f"a grunnturnus has {MIN_WEEKS} to {MAX_WEEKS} weeks, got {weeks}",
                        nb=f"en grunnturnus har {MIN_WEEKS} til {MAX_WEEKS} uker, fikk {weeks}")
    start = start or first_monday(scenario.start)
    if start.weekday() != 0:
        raise UserError(f"a grunnturnus starts on a Monday; {start} is a "
                        f"{start.strftime('%A')}",
                        nb=f"en grunnturnus starter på en mandag; {start} er en "
                           f"{weekday_word(start, 'nb')}")
    period_days = (scenario.end - scenario.start).days + 1
    per_cycle = 7 * weeks / period_days
    values = dict(scenario.rules.values())
    values["hours_tolerance"] = scenario.rules.hours_tolerance * cycles
    values["max_weekends"] = _scale_count(values.get("max_weekends"), per_cycle, cycles)
    staff = tuple(replace(p, fixed_days_off=(), rules=_scale_person_rules(p.rules, per_cycle, cycles))
                  for p in scenario.staff)
    reqs = tuple(replace(r, dates=(), open=_cycle_target(r.open, weeks, per_cycle, cycles))
                 for r in scenario.requirements)
    return scenario.with_changes(
        start=start, end=start + dt.timedelta(days=7 * weeks * cycles - 1), staff=staff,
        requirements=reqs, rules=Rules(**values), absences=(), wishes=(), locks=(),
        calendar=CalendarConfig(country="", closed_days=(), extra_holidays={}, use_eves=False))


# --------------------------------------------------------------------------------------
# The result


@dataclass(frozen=True)
class Line:
    """One line of the grunnturnus: a position and its N weeks, Monday to Sunday."""

    number: int
    holder: str
    """The staff member whose position the line was planned for (the default holder)."""
    name: str
    fte: float
    skills: tuple[str, ...]
    role: str | None
    cannot_work: tuple[str, ...]
    weeks: tuple[tuple[str | None, ...], ...]

    @property
    def id(self) -> str:
        return f"L{self.number:02d}"

    def shift_on(self, day_of_cycle: int) -> str | None:
        """The shift of day ``day_of_cycle`` (0 = Monday of week 1; taken modulo the cycle)."""
        n = 7 * len(self.weeks)
        d = day_of_cycle % n
        return self.weeks[d // 7][d % 7]

    def to_json(self, shift_minutes: Mapping[str, int], extra: Mapping | None = None) -> dict:
        minutes = sum(shift_minutes.get(c, 0) for w in self.weeks for c in w if c)
        out = {"line": self.number, "id": self.id, "holder": self.holder, "name": self.name,
               "fte": self.fte, "skills": list(self.skills), "role": self.role,
               "cannot_work": list(self.cannot_work),
               "hours_per_cycle": round(minutes / 60, 2),
               "average_weekly_hours": round(minutes / 60 / len(self.weeks), 2),
               "weeks": [[c or "" for c in w] for w in self.weeks]}
        out.update(extra or {})
        return out


def line_of(number: int, person: Staff, weeks: Sequence[Sequence[str | None]]) -> Line:
    return Line(number=number, holder=person.id, name=person.name, fte=person.fte,
                skills=tuple(person.skills), role=person.role, cannot_work=tuple(person.cannot_work),
                weeks=tuple(tuple(w) for w in weeks))


def lines_from_json(data: Sequence[Mapping]) -> list[Line]:
    """The ``lines`` of a grunnturnus rota.json (checked: N weeks of 7 codes, numbered 1..)."""
    out: list[Line] = []
    n_weeks = None
    seen: dict[str, int] = {}
    if not isinstance(data, Sequence) or isinstance(data, str):
        raise UserError("lines: expected a list of lines", nb="lines: forventet en liste med linjer")
    for i, row in enumerate(data):
        where = f"lines[{i}]"
        if not isinstance(row, Mapping):
            raise UserError(f"{where}: expected an object", nb=f"{where}: forventet et objekt")
        weeks = row.get("weeks")
        if (not isinstance(weeks, list) or not weeks
                or any(not isinstance(w, list) or len(w) != 7 for w in weeks)):
            raise UserError(f"{where}.weeks: expected a list of weeks of 7 shift codes each",
                            nb=f"{where}.weeks: forventet en liste med uker på 7 vaktkoder hver")
        if n_weeks is not None and len(weeks) != n_weeks:
            raise UserError(f"{where}.weeks: {len(weeks)} weeks; line 1 has {n_weeks}",
                            nb=f"{where}.weeks: {len(weeks)} uker; linje 1 har {n_weeks}")
        n_weeks = len(weeks)
        if any(not isinstance(c, str) for w in weeks for c in w):
            raise UserError(f"{where}.weeks: expected shift codes (text, \"\" for a day off)",
                            nb=f"{where}.weeks: forventet vaktkoder (tekst, \"\" for en fridag)")
        holder = row.get("holder")
        if not isinstance(holder, str) or not holder:
            raise UserError(f"{where}.holder: expected a staff id",
                            nb=f"{where}.holder: forventet en ansatt-id")
        if holder in seen:
            raise UserError(f"{where}.holder: {holder!r} already holds lines[{seen[holder]}]; "
                            "a grunnturnus has one line per position",
                            nb=f"{where}.holder: {holder!r} har allerede lines[{seen[holder]}]; en "
                               "grunnturnus har én linje per stilling")
        seen[holder] = i
        fte = row.get("fte", 1.0)
        if isinstance(fte, bool) or not isinstance(fte, int | float) or not 0 < fte <= 1:
            raise UserError(f"{where}.fte: expected a stillingsprosent as a share above 0 and at "
                            f"most 1, got {fte!r}",
                            nb=f"{where}.fte: forventet en stillingsprosent som en andel over 0 og "
                               f"høyst 1, fikk {fte!r}")
        lists = {}
        for key in ("skills", "cannot_work"):
            value = row.get(key) or []
            if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
                raise UserError(f"{where}.{key}: expected a list of texts, got {value!r}",
                                nb=f"{where}.{key}: forventet en liste med tekster, fikk {value!r}")
            lists[key] = tuple(value)
        out.append(Line(number=i + 1, holder=holder, name=str(row.get("name") or holder),
                        fte=float(fte), skills=lists["skills"],
                        role=row.get("role") if isinstance(row.get("role"), str) else None,
                        cannot_work=lists["cannot_work"],
                        weeks=tuple(tuple(c or None for c in w) for w in weeks)))
    if not out:
        raise UserError("lines: the grunnturnus has no lines", nb="lines: grunnturnusen har ingen linjer")
    return out


def cycle_assignments(lines: Sequence[Line], start: dt.date, cycles: int = 1,
                      holders: Sequence[str] | None = None) -> list[Assignment]:
    """The lines as assignments from the Monday ``start``, repeated ``cycles`` times; line i
    worked by ``holders[i]`` (default: its own holder)."""
    out = []
    n = 7 * len(lines[0].weeks) * cycles
    for i, line in enumerate(lines):
        sid = holders[i] if holders else line.holder
        for d in range(n):
            code = line.shift_on(d)
            if code:
                out.append(Assignment(date=start + dt.timedelta(days=d), staff=sid, shift=code))
    return sorted(out)


@dataclass
class Grunnturnus:
    """A planned grunnturnus: its lines, the first cycle as a rota, and the wrap check."""

    scenario: Scenario
    """The original scenario (positions, shifts, coverage, rules)."""
    weeks: int
    start: dt.date
    lines: list[Line]
    rota: Rota
    wrap_breaches: list[Breach] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def status(self) -> str:
        return self.rota.status


def wrap_check(scenario: Scenario, lines: Sequence[Line], start: dt.date,
               cycles: int = WRAP_CYCLES) -> list[Breach]:
    """The independent checker on the cycle repeated ``cycles`` times: every breach, the
    ones at week N -> week 1 included (contract hours judged over all the cycles, against
    ``cycles`` times the cycle's band)."""
    weeks = len(lines[0].weeks)
    generic = cycle_scenario(scenario, weeks, cycles, start)
    return check_rota(generic, cycle_assignments(lines, start, cycles))


def _tie_cycles(m: Model, n_cycle_days: int) -> int:
    """The second cycle equal to the first: x[p, d + 7N, s] == x[p, d, s] (0 where only one
    of the two may be worked). Returns the number of rows added."""
    rows = 0
    for (p, d, code), var in list(m.x.items()):
        if d < n_cycle_days:
            twin = m.x.get((p, d + n_cycle_days, code))
            m.add(var == twin if twin is not None else var == 0)
            rows += 1
        elif (p, d - n_cycle_days, code) not in m.x:
            m.add(var == 0)
            rows += 1
    return rows


METHOD_CYCLE, METHOD_TIED = "one cycle on a ring of days", "two tied cycles"
METHODS = {"cycle": METHOD_CYCLE, "tied": METHOD_TIED}
FALLBACK_MIN_SECONDS = 10.0
"""A one-cycle plan the wrap check finds a hard breach in is planned again with two tied
cycles if at least this much of the time limit is left."""


def _solve(model_scenario: Scenario, n_cycle_days: int, options: PlanOptions,
           elastic: bool, deadline: float) -> tuple[Model, SolveOutcome, float]:
    """The two tied cycles (``model_scenario`` of two cycles)."""
    t0 = time.perf_counter()
    m = build_model(model_scenario, options=options, elastic=elastic,
                    table=SlotTable(model_scenario))
    _tie_cycles(m, n_cycle_days)
    built = time.perf_counter() - t0
    outcome = solve_model(m, time_limit=max(1.0, deadline - time.perf_counter()),
                          solver=options.solver, threads=options.threads, gap=options.gap,
                          msg=options.msg, seed=options.seed)
    return m, outcome, built


class _NeedsTiedCycles(Exception):
    """A rule unit cannot see the wrap on a ring of days: plan two tied cycles."""


def _solve_cycle(cycle: Scenario, options: PlanOptions, elastic: bool, deadline: float,
                 counting: bool, info: dict) -> tuple[Model, SolveOutcome, float]:
    """One cycle on a ring of days (``roster.grunnturnus_cycle``); with ``counting``, the
    weekend service openings counting rules out are closed first (recorded in ``info``)."""
    t0 = time.perf_counter()
    m = build_cycle_model(cycle, options, elastic=elastic)
    if m.history_asked:
        raise _NeedsTiedCycles("a rule reads the previous rota as fixed shifts")
    bound = weekend_opening_bound(m) if counting and not elastic else None
    if bound is not None:
        info["weekend_count"] = {**bound.to_json(), "applied": apply_weekend_bound(m, bound),
                                 "said": bound.describe()}
    built = time.perf_counter() - t0
    outcome = solve_model(m, time_limit=max(1.0, deadline - time.perf_counter()),
                          solver=options.solver, threads=options.threads, gap=options.gap,
                          msg=options.msg, seed=options.seed)
    return m, outcome, built


def _plan_once(scenario: Scenario, weeks: int, start: dt.date, options: PlanOptions,
               deadline: float, method: str, counting: bool) -> tuple[Model, SolveOutcome, float, dict]:
    """Build and solve with one method (elastic if the hard rules cannot all hold)."""
    n_days = 7 * weeks
    extra: dict = {"method": METHODS[method]}
    if method == "tied":
        model_scenario = cycle_scenario(scenario, weeks, 2, start)

        def run(elastic: bool) -> tuple[Model, SolveOutcome, float]:
            return _solve(model_scenario, n_days, options, elastic, deadline)
    else:
        cycle = cycle_scenario(scenario, weeks, 1, start)

        def run(elastic: bool) -> tuple[Model, SolveOutcome, float]:
            return _solve_cycle(cycle, options, elastic, deadline, counting, extra)
    m, outcome, built = run(False)
    count = extra.get("weekend_count")
    if count and count["applied"] and outcome.values is not None and not bound_is_valid(
            [s.to_json() for s in outcome.stages]):
        # the counting assumed every base minimum met, and the base stage did not prove it
        # possible: plan without it, so nothing is excluded that the stages might prefer
        extra["weekend_count"] = {**count, "applied": False, "dropped": True}
        m, outcome, built2 = _solve_cycle(cycle, options, False, deadline, False, {})
        built += built2
    if outcome.status == "infeasible":
        m2, elastic, built2 = run(True)
        built += built2
        if elastic.values is not None:
            m, outcome = m2, elastic
            extra["elastic"] = True
    return m, outcome, built, extra


def plan_grunnturnus(scenario: Scenario, weeks: int, options: PlanOptions | None = None,
                     start: dt.date | None = None, *, method: str = "cycle",
                     counting: bool = True) -> Grunnturnus:
    """Plan a grunnturnus of ``weeks`` weeks, one line per person of the scenario (their
    position: stillingsprosent, skills, shifts they may not work), starting on the Monday
    ``start`` (default: the first Monday of the scenario's period). Never raises for an
    unsolvable scenario: like ``roster.planner.plan`` it lets hard rules bend at a price
    and lists every breach (status ``infeasible``).

    ``method``: ``"cycle"`` (default) plans one cycle on a ring of days
    (``roster.grunnturnus_cycle``), with ``counting`` closing the weekend service openings
    that counting person-weekends rules out; ``"tied"`` plans two cycles tied together (the
    earlier method, kept as the fallback when the wrap check finds a hard breach in a
    one-cycle plan)."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r} (choose {', '.join(METHODS)})")
    options = options or PlanOptions()
    start = start or first_monday(scenario.start)
    cycle_scenario(scenario, weeks, 1, start)  # the checks of weeks and start, by name
    n_days = 7 * weeks
    if len(scenario.staff) * 2 * n_days > MAX_MODEL_PERSON_DAYS:
        raise UserError(f"{len(scenario.staff)} lines over two cycles of {weeks} weeks is "
                        f"{len(scenario.staff) * 2 * n_days} person-days; the planner handles at most "
                        f"{MAX_MODEL_PERSON_DAYS} (fewer weeks or fewer lines)",
                        nb=f"{len(scenario.staff)} linjer over to sykluser på {weeks} uker er "
                           f"{len(scenario.staff) * 2 * n_days} persondager; planleggeren håndterer "
                           f"høyst {MAX_MODEL_PERSON_DAYS} (færre uker eller færre linjer)")
    t0 = time.perf_counter()
    deadline = t0 + options.time_limit
    try:
        m, outcome, built, extra = _plan_once(scenario, weeks, start, options, deadline, method, counting)
    except _NeedsTiedCycles as why:
        m, outcome, built, extra = _plan_once(scenario, weeks, start, options, deadline, "tied", False)
        extra["fallback"] = f"{METHOD_CYCLE}: {why}"
        method = "tied"
    g = _result(scenario, weeks, start, options, m, outcome, built, extra, t0)
    missed = _ring_missed(g.wrap_breaches)
    if (method == "cycle" and missed and not extra.get("elastic")
            and deadline - time.perf_counter() >= FALLBACK_MIN_SECONDS):
        m, outcome, built2, extra = _plan_once(scenario, weeks, start, options, deadline, "tied", False)
        extra["fallback"] = f"{METHOD_CYCLE}: {len(missed)} breaches of hard rules on the repeated cycle"
        g = _result(scenario, weeks, start, options, m, outcome, built + built2, extra, t0)
    return g


def _ring_missed(breaches: Sequence[Breach]) -> list[Breach]:
    """Breaches of the rules the model keeps as hard rows (``kind == "hard"``: rest, days in
    a row, weekend frequency ...) that the checker finds on the repeated cycle: a one-cycle
    model that keeps them should never leave one. Base minimums and the band of hours are
    costs the stages minimise, so a shortfall there is no sign of a missed wrap."""
    hard = {u.id for u in units() if u.kind == "hard"}
    return [b for b in breaches if b.is_error and b.rule in hard]


def _result(scenario: Scenario, weeks: int, start: dt.date, options: PlanOptions, m: Model,
            outcome: SolveOutcome, built: float, extra: dict, t0: float) -> Grunnturnus:
    """The lines of the first cycle of a solved model, judged by :func:`grunnturnus_of`."""
    n_days = 7 * weeks
    seconds = time.perf_counter() - t0
    info = {"name": outcome.solver, "seconds": round(seconds, 3),
            "solve_seconds": round(outcome.seconds, 3), "build_seconds": round(built, 3),
            "gap": round(outcome.gap, 6),
            "objective": round(sum(s.value or 0.0 for s in outcome.stages), 6),
            "time_limit": options.time_limit, "stages": [s.to_json() for s in outcome.stages],
            "message": outcome.message, **extra}
    cycle = cycle_scenario(scenario, weeks, 1, start)
    if outcome.values is None:
        lines = [line_of(i + 1, p, [[None] * 7 for _ in range(weeks)])
                 for i, p in enumerate(scenario.staff)]
        rota = build_rota(cycle, [], status="error", solver=info, table=SlotTable(cycle))
        return _finish(scenario, weeks, start, lines, rota, [], seconds)
    first = [a for a in assignments_from(m, outcome.values) if a.date < start + dt.timedelta(days=n_days)]
    work = {(a.staff, (a.date - start).days): a.shift for a in first}
    lines = [line_of(i + 1, p, [[work.get((p.id, 7 * w + k)) for k in range(7)] for w in range(weeks)])
             for i, p in enumerate(scenario.staff)]
    return grunnturnus_of(scenario, weeks, start, lines, outcome.status, info, seconds)


def grunnturnus_of(scenario: Scenario, weeks: int, start: dt.date, lines: Sequence[Line],
                   solver_status: str = "feasible", solver: dict | None = None,
                   seconds: float = 0.0) -> Grunnturnus:
    """A grunnturnus from its lines (planned, or written by hand), judged by the checker:
    the first cycle with the cycle before it as history (week N -> week 1), and the cycle
    repeated :data:`WRAP_CYCLES` times. Any hard breach makes it ``infeasible``."""
    cycle = cycle_scenario(scenario, weeks, 1, start)
    assignments = cycle_assignments(lines, start)
    before = start - dt.timedelta(days=7 * weeks)
    history = {(a.staff, a.date): a.shift for a in cycle_assignments(lines, before)}
    wrap = wrap_check(scenario, lines, start)
    status = solver_status if not any(b.is_error for b in wrap) else "infeasible"
    rota = build_rota(cycle, assignments, status=status, solver=solver or {}, history=history,
                      table=SlotTable(cycle))
    return _finish(scenario, weeks, start, list(lines), rota, wrap, seconds)


def _finish(scenario: Scenario, weeks: int, start: dt.date, lines: list[Line], rota: Rota,
            wrap: list[Breach], seconds: float) -> Grunnturnus:
    g = Grunnturnus(scenario=scenario, weeks=weeks, start=start, lines=lines, rota=rota,
                    wrap_breaches=wrap, seconds=seconds)
    minutes = {s.code: s.paid_minutes for s in scenario.shifts}
    rows = {r["id"]: r for r in rota.staff}
    lines_json = []
    for line in lines:
        row = rows.get(line.holder, {})
        lines_json.append(line.to_json(minutes, {
            "band_hours": [row.get("min_hours"), row.get("max_hours")],
            "target_hours": row.get("target_hours"),
            "evenings": row.get("evenings"), "weekends": row.get("weekends")}))
    errors = [b for b in wrap if b.is_error]
    rota.extra.update({
        "kind": KIND, "weeks": weeks, "cycle_start": start.isoformat(),
        "weekdays": list(WEEKDAY_SHORT_EN), "lines": lines_json,
        "wraparound": {"cycles": WRAP_CYCLES, "errors": len(errors),
                       "warnings": len(wrap) - len(errors),
                       "violations": [b.to_json() for b in errors]},
        "source_scenario": scenario.source, "source_period": [scenario.start.isoformat(),
                                                              scenario.end.isoformat()],
    })
    return g


def load_grunnturnus(rota: Rota) -> tuple[int, dt.date, list[Line]]:
    """The weeks, start and lines of a grunnturnus rota.json (a UserError if it is not one)."""
    if rota.extra.get("kind") != KIND:
        raise UserError("not a grunnturnus: the rota has no \"kind\": \"grunnturnus\" (write one "
                        "with roster grunnturnus)",
                        nb="ikke en grunnturnus: turnusen har ikke \"kind\": \"grunnturnus\" (lag en "
                           "med roster grunnturnus)")
    lines = lines_from_json(rota.extra.get("lines") or [])
    weeks = rota.extra.get("weeks")
    if weeks != len(lines[0].weeks):
        raise UserError(f"weeks: {weeks!r}, but the lines have {len(lines[0].weeks)} weeks",
                        nb=f"weeks: {weeks!r}, men linjene har {len(lines[0].weeks)} uker")
    if not MIN_WEEKS <= weeks <= MAX_WEEKS:
        raise UserError(f"weeks: a grunnturnus has {MIN_WEEKS} to {MAX_WEEKS} weeks, got {weeks}",
                        nb=f"weeks: en grunnturnus har {MIN_WEEKS} til {MAX_WEEKS} uker, fikk {weeks}")
    try:
        start = dt.date.fromisoformat(str(rota.extra.get("cycle_start") or rota.start.isoformat()))
    except ValueError:
        raise UserError("cycle_start: expected a date like 2027-12-06",
                        nb="cycle_start: forventet en dato som 2027-12-06") from None
    if start.weekday() != 0:
        raise UserError(f"cycle_start: {start} is not a Monday", nb=f"cycle_start: {start} er ikke en mandag")
    return weeks, start, lines


def assignment_differences(rota: Rota, lines: Sequence[Line], start: dt.date
                           ) -> tuple[list[Line], list[str]]:
    """The lines as the rota's ``assignments`` (its first cycle, by each line's holder) give
    them, and where those differ from ``lines`` (``"s1 2028-01-03: D in assignments, off
    in lines"``): a file edited by hand in one place and not the other."""
    n = 7 * len(lines[0].weeks)
    given = {(a.staff, (a.date - start).days): a.shift for a in rota.assignments
             if 0 <= (a.date - start).days < n}
    out, diffs = [], []
    for line in lines:
        days = [given.get((line.holder, d)) for d in range(n)]
        for d, code in enumerate(days):
            if code != line.shift_on(d):
                when = start + dt.timedelta(days=d)
                diffs.append(f"{line.holder} {when}: {code or 'off'} in assignments, "
                             f"{line.shift_on(d) or 'off'} in lines ({line.id})")
        out.append(replace(line, weeks=tuple(tuple(days[7 * w:7 * w + 7]) for w in range(n // 7))))
    return out, diffs


def differences_note(rota: Rota, lines: Sequence[Line], start: dt.date) -> dict[str, str] | None:
    """For ``roster rollout`` and ``roster arsturnus``, which read the lines: a note when the
    file's assignments say otherwise (edited by hand in one place only)."""
    _, diffs = assignment_differences(rota, lines, start)
    if not diffs:
        return None
    first_nb = re.sub(r"\boff\b", "fri", diffs[0].replace(" in assignments, ", " i assignments, ")
                      .replace(" in lines ", " i lines "))
    return {"text": f"the grunnturnus's assignments differ from its lines on {len(diffs)} day(s) "
                    f"(first: {diffs[0]}); the lines are what is rolled out",
            "text_nb": f"grunnturnusens assignments avviker fra lines på {len(diffs)} dag(er) "
                       f"(først: {first_nb}); det er lines som rulleres ut"}


def check_grunnturnus(scenario: Scenario, rota: Rota) -> tuple[list[Breach], list[str]]:
    """``roster check`` of a grunnturnus rota.json (planned or edited by hand): its
    ``lines`` judged by :func:`wrap_check` on the cycle repeated, so a week N -> week 1
    that breaks a rule is found. Where the file's ``assignments`` (its first cycle) differ
    from its lines, the cycle they give is judged too and the differences are returned as
    notes. A UserError when the lines do not fit the scenario (a shift code it does not
    define, a holder not in its staff list)."""
    _weeks, start, lines = load_grunnturnus(rota)
    codes = {s.code for s in scenario.shifts}
    unknown = sorted({c for line in lines for w in line.weeks for c in w if c and c not in codes})
    if unknown:
        raise UserError(f"the grunnturnus uses shift codes the scenario does not define: "
                        f"{', '.join(unknown)}",
                        nb=f"grunnturnusen bruker vaktkoder som scenarioet ikke har: {', '.join(unknown)}")
    ids = set(scenario.staff_ids)
    for line in lines:
        if line.holder not in ids:
            raise UserError(f"lines[{line.number - 1}].holder: {line.holder!r} is not in the "
                            "scenario's staff list",
                            nb=f"lines[{line.number - 1}].holder: {line.holder!r} finnes ikke blant "
                               "scenarioets ansatte")
    breaches = wrap_check(scenario, lines, start)
    alt, diffs = assignment_differences(rota, lines, start)
    if not diffs:
        return breaches, []
    unknown = sorted({c for line in alt for w in line.weeks for c in w if c and c not in codes})
    if unknown:
        raise UserError("assignments: shift codes the scenario does not define: " + ", ".join(unknown),
                        nb="assignments: vaktkoder som scenarioet ikke har: " + ", ".join(unknown))
    seen = {(b.rule, b.staff, b.date, b.detail("en")) for b in breaches}
    breaches += [b for b in wrap_check(scenario, alt, start)
                 if (b.rule, b.staff, b.date, b.detail("en")) not in seen]
    more = f" (and {len(diffs) - 3} more)" if len(diffs) > 3 else ""
    return breaches, [f"the rota's assignments differ from its lines on {len(diffs)} day(s): "
                      f"{'; '.join(diffs[:3])}{more}; both were checked (roster rollout and "
                      "roster arsturnus read the lines)"]
