"""Build the årsturnus: the grunnturnus rolled over the year, the holiday plans planned as
their own periods, vacations entered, and each person's annual hours (årsarbeidstid).

1. **Vacations** (``roster.arsturnus.vacation``): the dated rows, then ``weeks`` requests
   placed. They become absences of kind ``vacation`` in every scenario below.
2. **Roll-out** (``roster.rollout``): each line over the year with its holder; a vacation
   day, an absence, a closed or capped holiday shift takes the shift off, as ``roster
   rollout`` does.
3. **Periods planned by the planner**, in date order: each holiday plan (jul, nyttår, påske,
   sommer, or the unit's own) with its service level, and each *cover week*: a week outside
   the plans where a vacation leaves a base shift short. Each is an ordinary model
   (``roster.planner.build_model``) of its dates, with

   - the days before it (rolled, or planned earlier) as history, so rest, days in a row,
     weekend frequency hold across its start;
   - the rolled days after it fixed as the next period (``coverage.boundary``), so they
     hold across its end too;
   - vacations and absences as absences; the scenario's wishes of those dates;
   - each person's hours band for the period: their contract band (holiday reductions and
     absences in), widened to hold their rolled hours, plus the rule pack's tolerance
     on top (so colleagues can cover a vacation; the year's balance shows it);
   - the rolled rota as baseline: the stability stage keeps what the turnus says where the
     plan does not need a change;
   - the holiday history cost (``roster.arsturnus.history``) after the planner's fairness.

   Holiday plans are solved in date order, so Easter worked this year counts at Christmas.
4. **Months**: the year cut into calendar months, each an ordinary rota (``kind:
   "arsturnus"``) with its own scenario (the year's coverage for those dates, vacations as
   absences, each person's band holding both contract and planned hours, as ``roster
   rollout`` writes it), checked with the month before as history.
5. **Annual hours**: per person and month, owed (``roster.contract.hours_band``'s target:
   stillingsprosent × the turnus type's weekly hours per day, less absences and vacation,
   less the holiday reduction on weekdays, as every rota of the product counts it), planned,
   plus/minus and the running balance; the year's total flagged outside a tolerance.
"""

from __future__ import annotations

import copy
import datetime as dt
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from roster.arsturnus.balance import balance_unit
from roster.arsturnus.history import (
    HistoryCounts,
    Worked,
    history_unit,
    occasions_worked,
    weigh,
)
from roster.arsturnus.plan_file import HolidayPlan, Vikar, YearPlan
from roster.arsturnus.vacation import (
    Vacation,
    is_virkedag,
    place_vacations,
    vacation_problems,
    virkedager,
)
from roster.calendar import days_between
from roster.contract import hours_band
from roster.errors import UserError
from roster.excel.toml_write import dumps
from roster.grunnturnus import Line
from roster.planner import HISTORY_DAYS, PlanOptions, assignments_from, build_model
from roster.rollout import as_date, calendar_fit, holdings, piece_data, pieces, previous_notes, rolled
from roster.rota import Assignment, Rota
from roster.rota_build import build_rota
from roster.rules.catalogue import units_for
from roster.scenario import Scenario
from roster.scenario_load import loads_scenario
from roster.slots import SlotTable
from roster.solve import solve_model

KIND = "arsturnus"
COVER_PREFIX = "uke"


@dataclass
class PlannedPeriod:
    """One period the planner planned: a holiday plan or a cover week."""

    plan: HolidayPlan
    kind: str  # holiday | cover
    status: str
    seconds: float
    solver: dict
    changed: int  # (person, day) cells that differ from the rolled rota
    boundary: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        stages = [{k: s.get(k) for k in ("stage", "status", "value", "bound", "seconds") if k in s}
                  for s in self.solver.get("stages", [])]
        return {"name": self.plan.name, "kind": self.kind, "start": self.plan.start.isoformat(),
                "end": self.plan.end.isoformat(), "service": self.plan.service,
                "coverage_lines": len(self.plan.coverage), "status": self.status,
                "seconds": round(self.seconds, 2), "changed_cells": self.changed,
                "stages": stages, "boundary_breaches": self.boundary}


@dataclass
class Month:
    first: dt.date
    last: dt.date
    scenario: Scenario
    scenario_text: str
    rota: Rota
    hours: list[dict]

    @property
    def label(self) -> str:
        return f"{self.first:%Y-%m}"


@dataclass
class YearResult:
    plan: YearPlan
    vacations: list[Vacation]
    periods: list[PlannedPeriod]
    months: list[Month]
    hours: list[dict]
    holiday_work: dict[str, dict]
    history: HistoryCounts
    history_sources: list[dict[str, str]]
    warnings: list[dict[str, str]]
    dropped: list[dict]
    seconds: float = 0.0
    tolerance: float = 0.0
    scenario: Scenario | None = None
    """The year's scenario: the staff with the vikarer, vacations as absences, the plans'
    coverage."""

    @property
    def ok(self) -> bool:
        return all(m.rota.status in ("optimal", "feasible") for m in self.months)


def _day_range(a: dt.date, b: dt.date) -> list[dt.date]:
    return [a + dt.timedelta(days=k) for k in range((b - a).days + 1)]


# --------------------------------------------------------------------------------------
# The scenario data of the year: vacations as absences, the plans' service levels as
# date-specific coverage


def service_coverage(data: Mapping, scenario: Scenario, plans: Sequence[HolidayPlan]) -> list[dict]:
    """Date-specific coverage lines for the holiday plans' service levels.

    ``weekend``/``sunday``: each Monday-Friday of the plan that is not a holiday or an eve
    gets, per shift, the base coverage the scenario has for Saturday (Sunday); a shift
    without one keeps its weekday coverage. Explicit ``coverage`` lines of a plan win, on
    the day types they name (the real calendar's: a holiday is ``holiday``)."""
    out: list[dict] = []
    entries = [e for e in data.get("coverage") or [] if isinstance(e, dict) and "dates" not in e
               and "date" not in e]
    codes = [s.code for s in scenario.shifts]
    for plan in plans:
        days = days_between(plan.start, plan.end, scenario.calendar)
        like = {"weekend": "saturday", "sunday": "sunday"}.get(plan.service)
        for code in codes:
            # line key -> (coverage line, its dates): explicit lines by their index, copies of
            # the scenario's weekend line by its index (negative)
            by_line: dict[int, tuple[dict, list[dt.date]]] = {}
            for d in days:
                explicit = next((j for j, c in enumerate(plan.coverage)
                                 if c.shift == code and d.day_type in c.days), None)
                if explicit is not None:
                    by_line.setdefault(explicit, (_plan_line(plan, explicit), []))[1].append(d.date)
                    continue
                if like is None or d.day_type != "weekday":
                    continue
                for i, e in enumerate(entries):
                    if e.get("shift") == code and like in (e.get("days") or []) \
                            and e.get("priority", "base") == "base":
                        line = {k: v for k, v in e.items() if k not in ("days", "open", "rank")}
                        line["label"] = f"{plan.name}: {e.get('label') or code} ({like})"
                        by_line.setdefault(-1 - i, (line, []))[1].append(d.date)
                        break
            for line, dates in by_line.values():
                out.append({**line, "dates": dates})
    return out


def _plan_line(plan: HolidayPlan, j: int) -> dict:
    c = plan.coverage[j]
    line: dict = {"shift": c.shift, "min_staff_if_open": c.min_staff_if_open, "priority": c.priority,
                  "label": c.label or f"{plan.name} {c.shift}"}
    if c.max_staff is not None:
        line["max_staff"] = c.max_staff
    if c.skills:
        line["skills"] = dict(c.skills)
    return line


def year_data(data: Mapping, scenario: Scenario, plans: Sequence[HolidayPlan],
              vacations: Sequence[Vacation], vikarer: Sequence[Vikar] = ()) -> dict:
    """The scenario data with the vacations as absences, the vikarer as staff (absent, kind
    ``other``, outside their dates; the key ``employed`` is taken out per period by
    :func:`period_data`) and the plans' coverage added."""
    out = copy.deepcopy(dict(data))
    absences = [a for a in out.get("absences") or [] if isinstance(a, dict)]
    absences += [{"staff": v.staff, "start": v.start, "end": v.end, "kind": "vacation"}
                 for v in vacations]
    staff = list(out.get("staff") or [])
    for v in vikarer:
        staff.append({**v.staff_row(), "employed": (v.start, v.end)})
        first, last = dt.date(v.start.year, 1, 1), dt.date(v.start.year + 1, 1, 31)
        if v.start > first:
            absences.append({"staff": v.id, "start": first, "end": v.start - dt.timedelta(days=1),
                             "kind": "other"})
        absences.append({"staff": v.id, "start": v.end + dt.timedelta(days=1), "end": last,
                         "kind": "other"})
    out["staff"] = staff
    out["absences"] = absences
    out["coverage"] = list(out.get("coverage") or []) + service_coverage(data, scenario, plans)
    return out


def period_data(ydata: Mapping, first: dt.date, last: dt.date,
                bands: Mapping[str, tuple[float, float]], *, keep_wishes: bool) -> dict:
    """``roster.rollout.piece_data`` for one period, with only the absences that touch it
    and (for a planned period) the scenario's wishes of its dates."""
    out = piece_data(ydata, first, last, bands)
    gone = set()
    staff = []
    for person in out.get("staff") or []:
        employed = person.pop("employed", None) if isinstance(person, dict) else None
        if employed and (employed[1] < first or employed[0] > last):
            gone.add(person.get("id"))
            continue
        staff.append(person)
    out["staff"] = staff
    out["absences"] = [a for a in out.get("absences") or []
                       if (s := as_date(a.get("start"))) and (e := as_date(a.get("end")))
                       and s <= last and e >= first and a.get("staff") not in gone]
    if keep_wishes:
        wishes = []
        for w in ydata.get("wishes") or []:
            d = as_date(w.get("date")) if "date" in w else None
            s, e = as_date(w.get("start")), as_date(w.get("end"))
            if (d and first <= d <= last) or (s and e and s >= first and e <= last):
                wishes.append(w)
        if wishes:
            out["wishes"] = wishes
    return out


def load_period(ydata: Mapping, first: dt.date, last: dt.date,
                bands: Mapping[str, tuple[float, float]], source: str, *,
                keep_wishes: bool = False) -> tuple[Scenario, str]:
    text = dumps(period_data(ydata, first, last, bands, keep_wishes=keep_wishes),
                 header=f"Scenario for {first}..{last} of an årsturnus (roster arsturnus).")
    return loads_scenario(text, source=f"{source or 'scenario'} [{first}..{last}]"), text


# --------------------------------------------------------------------------------------
# Cover weeks: vacation outside the plans that leaves a base shift short


def breach_dates(scenario: Scenario, table: SlotTable, work: Mapping[tuple[str, dt.date], str],
                 history: Mapping[tuple[str, dt.date], str]) -> set[dt.date]:
    """Dates where the rolled year breaks a hard rule or leaves a base shift short, by the
    independent checker (contract hours are judged per month and over the year instead)."""
    from roster.check import check_rota

    rota = [Assignment(date=d, staff=s, shift=c) for (s, d), c in work.items()]
    out = set()
    for b in check_rota(scenario, rota, dict(history), table):
        if b.is_error and b.rule != "hours" and b.date is not None:
            out.add(b.date)
    return out


def cover_weeks(short: set[dt.date], plans: Sequence[HolidayPlan], first: dt.date,
                last: dt.date) -> list[HolidayPlan]:
    """Monday-Sunday weeks (cut to the year, and to the gaps between the plans) with a date
    where the rolled rota breaks a hard rule or leaves a base shift short (a vacation, a
    holiday's Sunday rest): they are planned like a holiday plan, at the scenario's level."""
    inside = {d for p in plans for d in _day_range(p.start, p.end)}
    mondays = sorted({d - dt.timedelta(days=d.weekday()) for d in short if d not in inside})
    out: list[HolidayPlan] = []
    for monday in mondays:
        days = [d for d in _day_range(monday, monday + dt.timedelta(days=6))
                if first <= d <= last and d not in inside]
        if not days:
            continue
        # a week split by a plan becomes its longest run of free days with a short date
        runs: list[list[dt.date]] = []
        for d in days:
            if runs and runs[-1][-1] == d - dt.timedelta(days=1):
                runs[-1].append(d)
            else:
                runs.append([d])
        for run in runs:
            if any(d in short for d in run):
                iso = run[0].isocalendar()
                out.append(HolidayPlan(f"{COVER_PREFIX} {iso[1]}", run[0], run[-1]))
    return out


# --------------------------------------------------------------------------------------
# Planning one period between its rolled neighbours


def _next_period(scn: Scenario, work: Mapping[tuple[str, dt.date], str], carry: int):
    from coverage.boundary import NextPeriod

    first = scn.end + dt.timedelta(days=1)
    last = scn.end + dt.timedelta(days=carry)
    days = {(s, d): c for (s, d), c in work.items() if first <= d <= last}
    stub = Rota(scenario=scn.name, start=first, end=last, status="feasible",
                assignments=[Assignment(date=d, staff=s, shift=c) for (s, d), c in sorted(days.items())])
    return NextPeriod(start=first, last=last, days=days,
                      staff=frozenset(p.id for p in scn.staff), rota=stub)


def plan_period(scn: Scenario, history: dict, baseline: dict, work_after: Mapping,
                options: PlanOptions, counts: HistoryCounts, this_year: Mapping[str, float],
                deadline_seconds: float, extra_rules: Sequence = ()
                ) -> tuple[list[Assignment], str, dict, list[dict]]:
    """The planner on one period with its neighbours fixed (see the module docstring);
    when the hard rules cannot all hold, the elastic model lists what had to bend."""
    from coverage.boundary import add_end_boundary, boundary_breaches, carry_days

    table = SlotTable(scn)
    nxt = _next_period(scn, work_after, carry_days(scn))
    rules = [*units_for(scn, skip=options.skip_rules), history_unit(counts, this_year), *extra_rules]
    t0 = time.perf_counter()
    kw = dict(solver=options.solver, threads=options.threads, gap=options.gap, msg=options.msg,
              seed=options.seed)
    outcome = m = None
    for elastic in (False, True):
        t_build = time.perf_counter()
        m = build_model(scn, history=history, baseline=baseline, options=options, elastic=elastic,
                        table=table, rules=rules)
        add_end_boundary(m, nxt)
        built = time.perf_counter() - t_build
        left = max(1.0, deadline_seconds - (time.perf_counter() - t0))
        outcome = solve_model(m, time_limit=left, **kw)
        if outcome.status != "infeasible" or elastic:
            break
    assert m is not None and outcome is not None
    info = {"name": outcome.solver, "seconds": round(time.perf_counter() - t0, 3),
            "build_seconds": round(built, 3), "gap": round(outcome.gap, 6),
            "stages": [s.to_json() for s in outcome.stages], "message": outcome.message}
    if outcome.values is None:
        return [], "error", info, []
    got = assignments_from(m, outcome.values)
    boundary = boundary_breaches(scn, got, nxt, history)
    # the period's own verdict from the independent checker (a base shift short is a breach
    # even when the solver proved it the least possible)
    status = build_rota(scn, got, status=outcome.status, history=history, table=table).status
    if boundary:
        status = "infeasible"
    return got, status, info, boundary


# --------------------------------------------------------------------------------------
# The year


def build_year(data: Mapping, scenario: Scenario, lines: Sequence[Line], cycle_start: dt.date,
               plan: YearPlan, *, history: Sequence[Worked] = (),
               history_sources: Sequence[dict[str, str]] = (),
               previous: Rota | None = None, options: PlanOptions | None = None,
               time_limit: float = 60.0, tolerance: float | None = None, balance: bool = True,
               source: str = "") -> YearResult:
    """The årsturnus of ``plan.year`` (see the module docstring). ``time_limit``: seconds
    for the planned periods together, shared in proportion to their days,
    at least ``MIN_PERIOD_SECONDS`` each. ``balance``: aim each planned period at its
    share of each person's plus/minus (``roster.arsturnus.balance``)."""
    t_start = time.perf_counter()
    options = options or PlanOptions()
    first, last = plan.first, plan.last
    codes = {s.code for s in scenario.shifts}
    unknown = sorted({c for line in lines for w in line.weeks for c in w if c and c not in codes})
    if unknown:
        raise UserError(f"the grunnturnus uses shift codes the scenario does not define: "
                        f"{', '.join(unknown)}",
                        nb=f"grunnturnusen bruker vaktkoder som scenarioet ikke har: {', '.join(unknown)}")
    hold = holdings(lines, scenario)
    vacations = place_vacations(plan, scenario)
    warnings = vacation_problems(plan, scenario, vacations)
    if previous is not None:
        warnings += previous_notes(previous, scenario, first)
    warnings += holding_notes(lines, scenario, hold)
    counts = weigh(history, plan.year, plan.history_years)
    carry_after = 21

    # 2. the roll-out of the year (and three weeks after it, for the last plan's end)
    ydata = year_data(data, scenario, plan.plans, vacations, plan.vikarer)
    yscn, _ = load_period(ydata, first, last, {}, source)
    ytable = SlotTable(yscn)
    items = rolled(lines, cycle_start, hold, first, last)
    kept, dropped = calendar_fit(yscn, ytable, items)
    # after the year: the grunnturnus as it goes on (the next year's plan takes it from there)
    kept += [a for a, _ in rolled(lines, cycle_start, hold, last + dt.timedelta(days=1),
                                  last + dt.timedelta(days=carry_after))]
    vac_days = {(v.staff, d) for v in vacations for d in v.dates()}
    dropped_rows = [{**d.to_json(), "reason": "vacation" if (d.staff, d.date) in vac_days
                     and d.reason == "absence" else d.reason} for d in dropped if d.date <= last]
    work: dict[tuple[str, dt.date], str] = {(a.staff, a.date): a.shift for a in kept}
    if previous is not None:
        before = {(a.staff, a.date): a.shift for a in previous.assignments
                  if first - dt.timedelta(days=HISTORY_DAYS) <= a.date < first}
    else:
        back = first - dt.timedelta(days=HISTORY_DAYS)
        before = {(a.staff, a.date): a.shift
                  for a, _ in rolled(lines, cycle_start, hold, back, first - dt.timedelta(days=1))}

    # 3. the periods the planner plans, in date order
    short = breach_dates(yscn, ytable, {k: v for k, v in work.items() if k[1] <= last}, before)
    covers = cover_weeks(short, plan.plans, first, last)
    todo = sorted([(p, "holiday") for p in plan.plans] + [(p, "cover") for p in covers],
                  key=lambda x: x[0].start)
    minutes = {s.code: s.paid_minutes for s in scenario.shifts}
    budgets = time_shares([q.days for q, _ in todo], time_limit)
    this_year: dict[str, float] = defaultdict(float)
    periods: list[PlannedPeriod] = []
    tol = round(scenario.rules.hours_tolerance * 60)
    ydays = days_between(first, last, yscn.calendar)
    owed_year = {person.id: hours_band(yscn, person, ydays).target for person in yscn.staff}
    vikar_ids = {v.id for v in plan.vikarer}
    weekly = scenario.rules.hours_per_week
    weekly_cap = scenario.rules.max_hours_per_7_days or 48
    def solve_one(p: HolidayPlan, left_days: int, budget: float):
        base_scn, _ = load_period(ydata, p.start, p.end, {}, source)
        days = days_between(p.start, p.end, base_scn.calendar)
        bands, aims = {}, {}
        for person in base_scn.staff:
            band = hours_band(base_scn, person, days)
            got = sum(minutes[c] for (s, d), c in work.items() if s == person.id and p.start <= d <= p.end)
            # above the band: up to AML's weekly maximum, so colleagues can cover a vacation
            # (the balance sub-stage keeps each person near their aim where base allows)
            lift = max(0, round((weekly_cap - person.fte * weekly) * 60 * p.days / 7))
            lo, hi = min(band.min, got), max(band.max, got) + max(tol, lift)
            if balance and person.id not in vikar_ids:
                year_got = sum(minutes[c] for (s, d), c in work.items()
                               if s == person.id and first <= d <= last)
                aim = max(0, round(got - (year_got - owed_year[person.id]) * p.days / left_days))
                aims[person.id] = (max(0, aim - tol), aim + tol)
                lo, hi = min(lo, max(0, aim - tol)), max(hi, aim + 2 * tol)
            bands[person.id] = (lo / 60, hi / 60)
        scn, _ = load_period(ydata, p.start, p.end, bands, source, keep_wishes=True)
        hist = {k: v for k, v in {**before, **work}.items()
                if p.start - dt.timedelta(days=HISTORY_DAYS) <= k[1] < p.start}
        baseline = {k: v for k, v in work.items() if p.start <= k[1] <= p.end}
        after = {k: v for k, v in work.items() if k[1] > p.end}
        extra_rules = [balance_unit(aims)] if aims else []
        return (*plan_period(scn, hist, baseline, after, options, counts, this_year, budget,
                             extra_rules), baseline)

    for i, (p, kind) in enumerate(todo):
        t0 = time.perf_counter()
        left_days = sum(q.days for q, _ in todo[i:])
        got, status, info, boundary, baseline = solve_one(p, left_days, budgets[i])
        if kind == "cover" and status not in ("optimal", "feasible"):
            # the weekend rotation of the weeks around may be what leaves it short: one more
            # try with a week more on each side (not into another planned period)
            lo = max(first, p.start - dt.timedelta(days=7),
                     *(q.end + dt.timedelta(days=1) for q, _ in todo[:i]))
            hi = min(last, p.end + dt.timedelta(days=7),
                     *(q.start - dt.timedelta(days=1) for q, _ in todo[i + 1:]))
            if (lo, hi) != (p.start, p.end) and lo <= p.start and hi >= p.end:
                wide = HolidayPlan(f"{p.name}+", lo, hi)
                retry = solve_one(wide, left_days + wide.days - p.days, budgets[i])
                if retry[1] in ("optimal", "feasible"):
                    p = wide
                    got, status, info, boundary, baseline = retry
        for k in [k for k in work if p.start <= k[1] <= p.end]:
            del work[k]
        for a in got:
            work[(a.staff, a.date)] = a.shift
        new = {(a.staff, a.date): a.shift for a in got}
        changed = sum(1 for k in set(new) | set(baseline) if new.get(k) != baseline.get(k))
        for w in occasions_worked(new):
            this_year[w.staff] += 1.0
        periods.append(PlannedPeriod(p, kind, status, time.perf_counter() - t0, info, changed, boundary))

    # 4. months, each checked with the month before as history
    months: list[Month] = []
    hist_prev = dict(before)
    running: dict[str, float] = defaultdict(float)
    for a, b in pieces(first, last, "month"):
        mbase, _ = load_period(ydata, a, b, {}, source)
        mdays = days_between(a, b, mbase.calendar)
        items_m = sorted(Assignment(date=d, staff=s, shift=c) for (s, d), c in work.items() if a <= d <= b)
        planned: dict[str, int] = defaultdict(int)
        for x in items_m:
            planned[x.staff] += minutes[x.shift]
        bands, rows = {}, []
        for person in mbase.staff:
            band = hours_band(mbase, person, mdays)
            got = planned.get(person.id, 0)
            bands[person.id] = (min(band.min, got) / 60, max(band.max, got) / 60)
            diff = (got - band.target) / 60
            running[person.id] += diff
            vac = [d for d in mdays if (person.id, d.date) in vac_days]
            rows.append({"staff": person.id, "owed_hours": round(band.target / 60, 2),
                         "planned_hours": round(got / 60, 2), "difference": round(diff, 2),
                         "running_balance": round(running[person.id], 2),
                         "vacation_days": len(vac),
                         "vacation_virkedager": sum(1 for d in vac if is_virkedag(d.date))})
        mscn, text = load_period(ydata, a, b, bands, source)
        in_month = [q for q in periods if q.plan.start <= b and q.plan.end >= a]
        solver = {"name": "arsturnus", "seconds": round(sum(q.seconds for q in in_month), 3),
                  "message": "rolled out from the grunnturnus; "
                             + (", ".join(f"{q.plan.name} planned ({q.status})" for q in in_month)
                                or "no period planned in this month")}
        month_dropped = [d for d in dropped_rows if a.isoformat() <= d["date"] <= b.isoformat()
                         and work.get((d["staff"], dt.date.fromisoformat(d["date"]))) is None]
        extra = {"kind": KIND, KIND: {
            "year": plan.year, "month": f"{a:%Y-%m}", "cycle_start": cycle_start.isoformat(),
            "planned_periods": [{"name": q.plan.name, "kind": q.kind, "start": q.plan.start.isoformat(),
                                 "end": q.plan.end.isoformat(), "status": q.status} for q in in_month],
            "vacations": [v.to_json() for v in vacations if v.start <= b and v.end >= a],
            "dropped": month_dropped, "hours": rows,
            "history": "previous" if previous is not None or a > first else "grunnturnus"}}
        rota = build_rota(mscn, items_m, status="feasible", solver=solver, history=hist_prev,
                          table=SlotTable(mscn), extra=extra)
        if rota.status == "feasible":
            rota.extra["verdict"]["text"] = ("every hard rule kept and every base shift at its "
                                             "minimum (årsturnus: rolled grunnturnus and holiday plans)")
            rota.extra["verdict"]["text_nb"] = ("alle harde regler holdt og alle grunnvakter har "
                                                "minimum (årsturnus: rullert grunnturnus og høytidsplaner)")
        months.append(Month(a, b, mscn, text, rota, rows))
        hist_prev = {k: v for k, v in {**hist_prev, **{(x.staff, x.date): x.shift for x in items_m}}.items()
                     if k[1] >= b - dt.timedelta(days=HISTORY_DAYS)}

    # 5. the year's hours and holiday work
    tolerance = tolerance if tolerance is not None else 3 * scenario.rules.hours_tolerance
    hours = annual_hours(yscn, months, vacations, tolerance, {v.id for v in plan.vikarer})
    worked = occasions_worked((s, d) for (s, d) in work if first <= d <= last)
    holiday_work = {p.id: {"occasions": [{"occasion": w.occasion, "date": w.date.isoformat()}
                                         for w in worked if w.staff == p.id],
                           "count": sum(1 for w in worked if w.staff == p.id),
                           "christmas": sum(1 for w in worked if w.staff == p.id
                                            and w.occasion in ("julaften", "juledagene")),
                           "history": round(counts.total.get(p.id, 0.0), 2)}
                    for p in yscn.staff}
    return YearResult(plan=plan, vacations=vacations, periods=periods, months=months, hours=hours,
                      holiday_work=holiday_work, history=counts, history_sources=list(history_sources),
                      warnings=warnings, dropped=[d for d in dropped_rows],
                      seconds=time.perf_counter() - t_start, tolerance=tolerance, scenario=yscn)


def holding_notes(lines: Sequence[Line], scenario: Scenario, hold: Sequence) -> list[dict[str, str]]:
    """Line i is held by the i-th staff member: name a line nobody holds (its shifts are not
    on the rota), a person who holds no line (they work only in the planned periods) and a
    holder whose post does not match the line (``roster.rollout.position_warnings``)."""
    from roster.cli.commands.rollout import warning_words
    from roster.rollout import position_warnings

    out = []
    held = {h.line for h in hold}
    for line in lines:
        if line.number not in held:
            out.append({"text": f"{line.id} (planned for {line.holder}) has no holder: the "
                                "scenario has fewer staff than the grunnturnus has lines; its "
                                "shifts are not on the rota",
                        "text_nb": f"{line.id} (planlagt for {line.holder}) har ingen innehaver: "
                                   "scenarioet har færre ansatte enn grunnturnusen har linjer; "
                                   "vaktene er ikke med i turnusen"})
    for person in scenario.staff[len(lines):]:
        out.append({"text": f"{person.id} holds no line of the grunnturnus (more staff than "
                            "lines): shifts only in the planned periods",
                    "text_nb": f"{person.id} har ingen linje i grunnturnusen (flere ansatte enn "
                               "linjer): vakter bare i de planlagte periodene"})
    out += [{"text": w, "text_nb": warning_words(w, "nb")}
            for w in position_warnings(lines, scenario, hold)]
    return out


MIN_PERIOD_SECONDS = 2.0


def time_shares(sizes: Sequence[int], total: float) -> list[float]:
    """``total`` seconds shared in proportion to ``sizes``, at least MIN_PERIOD_SECONDS each."""
    if not sizes:
        return []
    whole = sum(sizes) or 1
    return [max(MIN_PERIOD_SECONDS, total * s / whole) for s in sizes]


def annual_hours(scenario: Scenario, months: Sequence[Month], vacations: Sequence[Vacation],
                 tolerance: float, vikarer: set[str] = frozenset()) -> list[dict]:
    """Per person: owed, planned and plus/minus over the year, with the months, vacation
    days (virkedager) and whether the balance is outside ``tolerance`` hours (never for a
    vikar, who is paid for the hours worked)."""
    out = []
    empty = {"owed_hours": 0.0, "planned_hours": 0.0, "difference": 0.0, "vacation_days": 0}
    for p in scenario.staff:
        rows = [next((r for r in m.hours if r["staff"] == p.id), None) for m in months]
        owed = round(sum(r["owed_hours"] for r in rows if r), 2)
        got = round(sum(r["planned_hours"] for r in rows if r), 2)
        diff = round(got - owed, 2)
        running = 0.0
        month_rows = []
        for m, r in zip(months, rows, strict=True):
            r = r or empty
            running += r["difference"]
            month_rows.append({"month": m.label, "owed_hours": r["owed_hours"],
                               "planned_hours": r["planned_hours"], "difference": r["difference"],
                               "running_balance": round(running, 2),
                               "vacation_days": r["vacation_days"]})
        out.append({"staff": p.id, "name": p.name, "fte": p.fte, "vikar": p.id in vikarer,
                    "owed_hours": owed, "planned_hours": got, "difference": diff,
                    "vacation_virkedager": sum(virkedager(v.start, v.end) for v in vacations
                                               if v.staff == p.id),
                    "outside_tolerance": p.id not in vikarer and abs(diff) > tolerance,
                    "months": month_rows})
    return out
