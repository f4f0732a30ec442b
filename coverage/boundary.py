"""The end of the period: the next period's published rota, kept legal by a re-plan.

The planner sees the past (the previous rota's last weeks are history) but treats the days
after the period as free. When the next period is already published, a re-plan of this
one must not break a rule across the end: a late shift on the 31st before an early one
on the 1st, eight days in a row across the month, no 35 h rest in a week that straddles
the boundary, more than 48 h in seven days, two weekends in a row, two Sundays in a row.

:func:`next_period` carries the first days of the next rota (``CARRY`` days at least, as
many as the longest window of these rules needs). :func:`add_end_boundary` adds those days
to a built model as fixed constants, with one constraint per window that crosses the end,
written the way the planner's own rule units write them (``roster.rules``):

- daily rest / forbidden successions (AML § 10-8 (1)),
- weekly rest of ``weekly_rest_hours`` in every 7 days (AML § 10-8 (2)),
- days in a row (``max_consecutive_days``),
- hours in 7 days (``max_hours_per_7_days``, AML § 10-5 (2)),
- weekend frequency (``weekend_every``) and Sunday/holiday rest (AML § 10-8 (4)).

:func:`boundary_breaches` judges the result with the independent checker
(``roster.check.check_rota``) on the two periods joined, and returns only the breaches that
involve both this period and the next, each conflict once (one person, rule and days found
from two windows of the rule is one conflict). :func:`plan_with_next` plans with the boundary
kept; when it cannot be kept, the re-plan is refused with the conflict named
(:class:`BoundaryConflict`).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

import pulp

from roster.calendar import classify
from roster.errors import UserError
from roster.model import Expr, Model
from roster.planner import PlanOptions, assignments_from, baseline_from, build_model, history_from, plan
from roster.rota import Assignment, Rota
from roster.rota_build import build_rota, shift_rows
from roster.rules.rest import forbidden_successions
from roster.scenario import MINUTES_PER_DAY, Scenario
from roster.slots import SlotTable
from roster.solve import solve_model

BOUNDARY_RULES: tuple[str, ...] = ("rest", "weekly_rest", "consecutive", "hours_7_days", "weekend",
                                   "sunday_rest")
CARRY = 8  # days at least: a 7-day window and the day after it


class BoundaryConflict(UserError):
    """The re-plan cannot keep the next period's published rota legal."""


@dataclass(frozen=True)
class NextPeriod:
    """The first days of the next period's published rota, as fixed assignments."""

    start: dt.date
    last: dt.date
    """The last day carried."""
    days: dict[tuple[str, dt.date], str]
    staff: frozenset[str]
    """People the next rota plans (a day without a shift is a day off for them)."""
    rota: Rota

    def shift(self, staff: str, date: dt.date) -> str | None:
        return self.days.get((staff, date))

    def assignments(self, known: Iterable[str]) -> list[Assignment]:
        keep = set(known)
        return sorted(Assignment(date=d, staff=s, shift=c, locked=True)
                      for (s, d), c in self.days.items() if s in keep)


def carry_days(scenario: Scenario) -> int:
    """How many days of the next period the boundary rules can look at."""
    longest_run = max((scenario.rule_for(p, "max_consecutive_days") or 0 for p in scenario.staff), default=0)
    every = max((scenario.rule_for(p, "weekend_every") or 0 for p in scenario.staff), default=0)
    return max(CARRY, longest_run + 1, 7 * max(0, every - 1) + 2)


def next_period(scenario: Scenario, rota: Rota) -> NextPeriod:
    """The next rota's first days; it must start the day after this period ends."""
    first = scenario.end + dt.timedelta(days=1)
    if rota.start != first:
        raise UserError(f"the next period's rota starts on {rota.start}, not the day after this "
                        f"period ({first}); give the rota that follows {scenario.end}",
                        nb=f"neste periodes turnus starter {rota.start:%d.%m.%Y}, ikke dagen etter "
                           f"denne perioden ({first:%d.%m.%Y}); oppgi turnusen som følger etter "
                           f"{scenario.end:%d.%m.%Y}")
    last = min(rota.end, scenario.end + dt.timedelta(days=carry_days(scenario)))
    codes = {s.code for s in scenario.shifts}
    unknown = sorted({a.shift for a in rota.assignments if a.shift not in codes})
    if unknown:
        raise UserError(f"the next period's rota uses shift code(s) {', '.join(unknown)} that this "
                        "scenario does not define",
                        nb=f"neste periodes turnus bruker vaktkode(r) {', '.join(unknown)} som dette "
                           "scenarioet ikke har")
    differ = _times_differ(scenario, rota, {a.shift for a in rota.assignments if first <= a.date <= last})
    if differ:
        raise UserError("the next period's rota gives shift code(s) other times than this scenario ("
                        + "; ".join(en for en, _ in differ) + "): rest across the end would be judged by "
                        "the wrong times; give both periods the same shift times, or re-plan them together",
                        nb="neste periodes turnus gir vaktkode(r) andre tider enn dette scenarioet ("
                           + "; ".join(nb for _, nb in differ) + "): hvilen over periodeskiftet ville "
                           "blitt vurdert etter feil tider; gi begge periodene de samme vakttidene, "
                           "eller planlegg dem på nytt sammen")
    days = {(a.staff, a.date): a.shift for a in rota.assignments if first <= a.date <= last}
    staff = frozenset({str(row.get("id")) for row in rota.staff if row.get("id")}
                      | {a.staff for a in rota.assignments})
    return NextPeriod(start=first, last=last, days=days, staff=staff, rota=rota)


def _times_differ(scenario: Scenario, rota: Rota, used: set[str]) -> list[tuple[str, str]]:
    """The shift codes the next rota uses across the end whose start or end there (its
    ``shifts`` rows) is not this scenario's (as rota.json lists them, ``shift_rows``), in
    English and bokmål: 'D 05:00-13:00 there, 07:00-15:00 here'."""
    here = {row["code"]: (row["start"], row["end"]) for row in shift_rows(scenario)}
    out = []
    for row in rota.shifts:
        code = row.get("code") if isinstance(row, dict) else None
        if code not in used or code not in here:
            continue
        theirs = (row.get("start"), row.get("end"))
        if None not in theirs and theirs != here[code]:
            out.append((f"{code} {theirs[0]}-{theirs[1]} there, {here[code][0]}-{here[code][1]} here",
                        f"{code} {theirs[0]}-{theirs[1]} der, {here[code][0]}-{here[code][1]} her"))
    return out


# --- the model side ---------------------------------------------------------------------
class _Extended:
    """A person's days across the end of the period: the model's variables inside it, the
    next rota's shifts (constants) after it, free beyond the days carried."""

    def __init__(self, m: Model, nxt: NextPeriod, p: int):
        self.m, self.p, self.nxt = m, p, nxt
        self.sid = m.staff[p].id
        self.n = m.n_days
        self.carried = (nxt.last - m.scenario.end).days

    def future(self, e: int) -> str | None:
        if e - self.n >= self.carried:
            return None
        return self.nxt.shift(self.sid, self.m.date_of(e))

    def x(self, e: int, code: str) -> Expr:
        return self.m.x_at(self.p, e, code) if e < self.n else int(self.future(e) == code)

    def work(self, e: int) -> Expr:
        return self.m.work(self.p, e) if e < self.n else int(self.future(e) is not None)

    def minutes(self, e: int) -> Expr:
        if e < self.n:
            return self.m.worked_minutes(self.p, e)
        code = self.future(e)
        return self.m.shifts[code].paid_minutes if code in self.m.shifts else 0


def _constant(expr: Expr) -> bool:
    return isinstance(expr, int | float) or (isinstance(expr, pulp.LpAffineExpression) and len(expr) == 0)


def _limit(m: Model, terms: list[Expr], bound: float, rule: str) -> None:
    if all(_constant(t) for t in terms):
        return  # nothing this rota decides (the next rota's own days)
    m.limit(pulp.lpSum(terms), bound, rule)


def _daily_rest(m: Model, ext: _Extended) -> None:
    for (a, k), follow in forbidden_successions(m.scenario).items():
        for d in range(max(0, ext.n - k), ext.n):
            if ext.future(d + k) in follow:
                _limit(m, [m.x_at(ext.p, d, a)], 0, "rest")


def _consecutive(m: Model, ext: _Extended) -> None:
    k = m.person_rule(ext.p, "max_consecutive_days")
    if not k:
        return
    for t in range(ext.n - k, ext.n):
        _limit(m, [ext.work(e) for e in range(t, t + k + 1)], k, "consecutive")


def _hours_7_days(m: Model, ext: _Extended) -> None:
    cap = m.scenario.rules.max_hours_per_7_days
    if not cap:
        return
    for t in range(ext.n - 6, ext.n):
        _limit(m, [ext.minutes(e) for e in range(t, t + 7)], round(cap * 60), "hours_7_days")


def _weekly_rest(m: Model, ext: _Extended) -> None:
    """The planner's weekly-rest counting (roster/rules/weekly_rest.py: a rest day is a
    date with no shift inside a free period of ``weekly_rest_hours``) on the windows whose
    rest days depend on the next period's first days."""
    rules = m.scenario.rules
    shifts = list(m.shifts.values())
    need = round(rules.weekly_rest_hours * 60)
    if need <= 0 or not rules.check_times or not all(s.has_times for s in shifts):
        return
    start = {s.code: s.start for s in shifts}
    end = {s.code: s.end_offset for s in shifts}
    overflow = [c for c in end if end[c] > MINUTES_PER_DAY]
    lo = max(0, ext.n - 7) if not m.has_history(ext.p) else ext.n - 7
    rest_day: dict[int, Expr] = {}
    for e in range(lo, ext.n + 7):
        work = ext.work(e)
        if _constant(work) and work == 1:
            rest_day[e] = 0
            continue
        r = m.binary("restday_next", owner=ext.p)
        rest_day[e] = r
        if not _constant(work) or work:
            m.add(r + work <= 1)
        for a in overflow:
            m.add(r + ext.x(e - 1, a) <= 1)
        for b in start:
            xb = ext.x(e + 1, b)
            if _constant(xb) and xb == 0:
                continue
            bad = [a for a in end if a not in overflow and 2 * MINUTES_PER_DAY + start[b] - end[a] < need]
            if bad:
                m.add(r + xb + pulp.lpSum(ext.x(e - 1, a) for a in bad) <= 2)
            for a2 in overflow:
                if 3 * MINUTES_PER_DAY + start[b] - end[a2] < need:
                    m.add(r + xb + ext.x(e - 2, a2) - ext.work(e - 1) <= 2)
    for t in range(lo, ext.n + 1):
        window = [rest_day[e] for e in range(t, t + 7)]
        if all(_constant(w) for w in window):
            continue  # decided by the next rota alone: its own rule, not this re-plan's
        m.at_least(pulp.lpSum(window), 1, "weekly_rest")


def _weekend_term(m: Model, ext: _Extended, sat: dt.date) -> Expr:
    """1 if the person works that weekend (Saturday or Sunday), across the end."""
    end = m.scenario.end
    if sat > end:
        return int(ext.nxt.shift(ext.sid, sat) is not None
                   or ext.nxt.shift(ext.sid, sat + dt.timedelta(days=1)) is not None)
    if sat + dt.timedelta(days=1) > end and ext.nxt.shift(ext.sid, sat + dt.timedelta(days=1)):
        return 1
    return m.weekend_worked(ext.p, sat)


def _weekends(m: Model, ext: _Extended) -> None:
    every = m.person_rule(ext.p, "weekend_every")
    if not every or every < 2:
        return
    sats = m.saturdays(back=every - 1)
    nxt = sats[-1] + dt.timedelta(weeks=1)
    while nxt + dt.timedelta(days=1) <= ext.nxt.last or nxt <= ext.nxt.last:
        sats.append(nxt)
        nxt += dt.timedelta(weeks=1)
    end = m.scenario.end
    for i in range(len(sats) - every + 1):
        window = sats[i:i + every]
        if window[-1] + dt.timedelta(days=1) <= end:
            continue  # wholly inside this period: the planner's own rule
        _limit(m, [_weekend_term(m, ext, s) for s in window], 1, "weekend")


def _sunday_rest(m: Model, ext: _Extended) -> None:
    if not m.scenario.rules.sunday_holiday_rest:
        return
    days = [e for e in range(ext.n - 14, ext.n + ext.carried)
            if _is_sunday_or_holiday(m, e)]
    for a, b in pairwise(days):
        if a < ext.n <= b:
            _limit(m, [ext.work(a), ext.work(b)], 1, "sunday_rest")


def _is_sunday_or_holiday(m: Model, e: int) -> bool:
    if 0 <= e < m.n_days:
        return m.days[e].is_sunday_or_holiday
    return classify(m.date_of(e), m.scenario.calendar).is_sunday_or_holiday


def add_end_boundary(m: Model, nxt: NextPeriod) -> None:
    """Constraints that keep the rules across the end of the period, with the next
    period's first days fixed (everyone the next rota plans)."""
    for p in m.persons():
        if m.staff[p].id not in nxt.staff:
            continue
        ext = _Extended(m, nxt, p)
        _daily_rest(m, ext)
        _consecutive(m, ext)
        _hours_7_days(m, ext)
        _weekly_rest(m, ext)
        _weekends(m, ext)
        _sunday_rest(m, ext)


# --- the checker side ------------------------------------------------------------------
def _rows(breaches: Iterable) -> list[dict]:
    return [b.to_json() if hasattr(b, "to_json") else dict(b) for b in breaches]


def _key(row: dict) -> tuple:
    return (row["rule"], row.get("staff"), row.get("date"), row.get("shift"))


def _conflict_key(row: dict) -> tuple:
    """One conflict: the person, the rule and the days it concerns (its date, shift and
    the ``start``/``end`` of a run)."""
    return (row.get("staff"), row["rule"], row.get("date"), row.get("shift"), row.get("start"),
            row.get("end"))


def distinct_conflicts(rows: Iterable[dict]) -> list[dict]:
    """Each conflict once, the first row of each (person, rule, days) in the order given.

    The checker's window rules can name one conflict from several windows: with weekends
    at most every 3rd, the weekends of 9 and 16 January lie in the windows starting 2 and
    9 January, and a refusal listed "works the weekends of 09 Jan, 16 Jan" twice."""
    seen: set[tuple] = set()
    out = []
    for row in rows:
        key = _conflict_key(row)
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def boundary_breaches(scenario: Scenario, assignments: list[Assignment], nxt: NextPeriod,
                      history: dict | None = None) -> list[dict]:
    """Breaches of the boundary rules that involve both this period's rota and the next
    one's first days, found by the independent checker on the two joined."""
    from roster.check import check_rota
    from roster.rules.catalogue import unit

    rules = [unit(r) for r in BOUNDARY_RULES]
    joined = scenario.with_changes(end=nxt.last, locks=())
    staff = {p.id for p in scenario.staff} & nxt.staff
    future = nxt.assignments(staff)
    mine = [a for a in assignments if a.staff in staff]
    both = _rows(check_rota(joined, mine + future, history, rules=rules))
    alone_here = {_key(r) for r in _rows(check_rota(scenario, mine, history, rules=rules))}
    alone_next = {_key(r) for r in _rows(check_rota(joined, future, None, rules=rules))}
    return distinct_conflicts(r for r in both if r.get("severity", "error") == "error"
                              and _key(r) not in alone_here and _key(r) not in alone_next)


def conflict_message(rows: list[dict], lang: str = "en") -> str:
    """The refusal (in bokmål for ``lang`` "nb"): each conflict once
    (:func:`distinct_conflicts`), in the order given."""
    rows = distinct_conflicts(rows)
    nb = lang == "nb"
    lines = [("omplanleggingen kan ikke holde neste periodes publiserte turnus lovlig over "
              f"periodeskiftet ({len(rows)} konflikt(er)):") if nb else
             ("the re-plan cannot keep the next period's published rota legal across "
              f"the end of the period ({len(rows)} conflict(s)):")]
    lines += [f"  - {r.get('detail_nb') or r['detail'] if nb else r['detail']}" for r in rows[:10]]
    if len(rows) > 10:
        lines.append(f"  - … og {len(rows) - 10} til" if nb else f"  - ... and {len(rows) - 10} more")
    lines.append("Endre neste periodes turnus (eller planlegg den på nytt også), og planlegg så denne "
                 "på nytt." if nb else
                 "Change the next period's rota (or re-plan it too), then re-plan this one.")
    return "\n".join(lines)


def _refusal(conflicts: list[dict]) -> BoundaryConflict:
    return BoundaryConflict(conflict_message(conflicts), nb=conflict_message(conflicts, "nb"))


# --- planning -----------------------------------------------------------------------------
def _solver_info(outcome, options: PlanOptions, seconds_build: float, nxt: NextPeriod) -> dict:
    """The ``solver`` field of rota.json, as :func:`roster.planner.plan` writes it, plus the
    days of the next period that were kept fixed."""
    return {
        "name": outcome.solver, "seconds": round(outcome.seconds + seconds_build, 3),
        "solve_seconds": round(outcome.seconds, 3), "build_seconds": round(seconds_build, 3),
        "gap": round(outcome.gap, 6), "objective": round(sum(s.value or 0.0 for s in outcome.stages), 6),
        "time_limit": options.time_limit, "stages": [s.to_json() for s in outcome.stages],
        "message": outcome.message,
        "next_period": {"start": nxt.start.isoformat(), "carried_to": nxt.last.isoformat()},
    }


def _hard_rules_hold(rota: Rota) -> bool:
    """The rota keeps every hard rule; base shifts left short (status ``infeasible`` since
    ADR 0006) do not count: a short-staffed month whose end conflicts with the next
    period's rota is a conflict to name, not a reason to bend a rule (such as a day before
    ``--today``) in the elastic model."""
    verdict = rota.extra.get("verdict")
    if rota.status == "error":
        return False
    if rota.status != "infeasible":
        return True
    return isinstance(verdict, dict) and verdict.get("hard_breaches") == 0


def plan_with_next(scenario: Scenario, options: PlanOptions, nxt: NextPeriod, *,
                   previous: Rota | None = None, baseline: Rota | None = None,
                   extra: dict | None = None) -> Rota:
    """:func:`roster.planner.plan` with the next period's first days fixed after the end.

    When the hard rules and the fixed days cannot all hold, the plan without them shows
    whether the end is the cause: if that plan holds every rule but breaks one across the
    end, :class:`BoundaryConflict` names those breaches (the re-plan is refused). If the
    rules cannot hold even without the next period, the elastic model (as in ``plan``)
    lists what had to bend, and a breach across the end is still refused."""
    history = history_from(previous, scenario)
    base = baseline_from(baseline, scenario)
    table = SlotTable(scenario)
    kw = dict(time_limit=options.time_limit, solver=options.solver, threads=options.threads,
              gap=options.gap, msg=options.msg, seed=options.seed)

    def solve(elastic: bool):
        t0 = time.perf_counter()
        m = build_model(scenario, history=history, baseline=base, options=options, elastic=elastic,
                        table=table)
        add_end_boundary(m, nxt)
        built = time.perf_counter() - t0
        return m, solve_model(m, **kw), built

    m, outcome, t_build = solve(elastic=False)
    status = outcome.status
    if status == "infeasible":
        plain = plan(scenario, options, previous=previous, baseline=baseline, extra=extra)
        conflicts = boundary_breaches(scenario, plain.assignments, nxt, history)
        if _hard_rules_hold(plain):
            if conflicts:
                raise _refusal(conflicts)
            return plain
        m, outcome, t_build = solve(elastic=True)
    assignments = assignments_from(m, outcome.values) if outcome.values is not None else []
    conflicts = boundary_breaches(scenario, assignments, nxt, history) if assignments else []
    if conflicts:
        raise _refusal(conflicts)
    if outcome.values is None:
        status = "error"
    return build_rota(scenario, assignments, status=status,
                      solver=_solver_info(outcome, options, t_build, nxt), history=history,
                      notes=m.notes, table=table, extra=extra)
