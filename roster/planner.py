"""Plan a rota: build the model from the rule units, solve it, and return a checked Rota.

This is the one function the CLI, the coverage tools and the front end call.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

from roster.model import DEFAULT_STAGE_ORDER, Model, ModelOptions
from roster.rota import Assignment, Rota
from roster.rota_build import build_rota
from roster.rules.catalogue import units_for
from roster.rules.spec import RuleUnit
from roster.scenario import Scenario
from roster.slots import SlotTable
from roster.solve import SolveOutcome, solve_model
from roster.solve.flow_gate import FLOW_CHECK_SHARE, flow_pays

HISTORY_DAYS = 35


@dataclass
class PlanOptions:
    time_limit: float = 60.0
    solver: str = "highs"
    threads: int | None = None
    gap: float = 0.0
    seed: int = 0
    msg: bool = False
    stage_order: tuple[str, ...] = DEFAULT_STAGE_ORDER
    """Priorities in the order the planner gives them up (``roster.model.Priority``)."""
    extra_on_base: int = 0
    skip_rules: tuple[str, ...] = field(default_factory=tuple)


def history_from(previous: Rota | None, scenario: Scenario,
                 days: int = HISTORY_DAYS) -> dict[tuple[str, dt.date], str]:
    """The previous rota's last weeks before this period, as (staff, date) -> shift."""
    if previous is None:
        return {}
    first = scenario.start - dt.timedelta(days=days)
    return {(a.staff, a.date): a.shift for a in previous.assignments
            if first <= a.date < scenario.start}


def baseline_from(rota: Rota | None, scenario: Scenario) -> dict[tuple[str, dt.date], str] | None:
    """A published plan's assignments inside this period, to change as little as possible."""
    if rota is None:
        return None
    return {(a.staff, a.date): a.shift for a in rota.assignments
            if scenario.start <= a.date <= scenario.end}


def build_model(scenario: Scenario, *, history: dict | None = None, baseline: dict | None = None,
                options: PlanOptions | None = None, elastic: bool = False,
                table: SlotTable | None = None, rules: list[RuleUnit] | None = None,
                run_flow: bool = True) -> Model:
    """The optimisation model of a scenario, with every rule unit applied (or only ``rules``);
    ``run_flow``: in weighted mode, the run rules also as a flow (ADR 0011)."""
    options = options or PlanOptions()
    m = Model(scenario=scenario, table=table or SlotTable(scenario), history=history or {},
              baseline=baseline, options=ModelOptions(elastic=elastic,
                                                      stage_order=options.stage_order,
                                                      extra_on_base=options.extra_on_base,
                                                      run_flow=run_flow))
    if rules is None:
        rules = units_for(scenario, skip=options.skip_rules)
    m.rule_ids = frozenset(r.id for r in rules)
    m.create_assignment_vars([r.allows for r in rules if r.allows is not None])
    for r in rules:
        if r.build is not None:
            r.build(m)
    return m


def assignments_from(m: Model, values: dict[str, float]) -> list[Assignment]:
    locks = {(lk.staff, lk.date, lk.shift) for lk in m.scenario.locks}
    out = []
    for (p, d, code), var in m.x.items():
        if values.get(var.name, 0.0) > 0.5:
            sid = m.staff[p].id
            date = m.date_of(d)
            out.append(Assignment(date=date, staff=sid, shift=code,
                                  locked=(sid, date, code) in locks))
    return sorted(out)


MIN_SOLVE_SECONDS = 1.0
"""A solve always gets at least this long, even when building the model used up the limit."""


def _time_left(deadline: float) -> float:
    return max(MIN_SOLVE_SECONDS, deadline - time.perf_counter())


def _solver_info(outcome: SolveOutcome, options: PlanOptions, seconds_build: float) -> dict:
    weighted = sum(s.value or 0.0 for s in outcome.stages)
    return {
        "name": outcome.solver, "seconds": round(outcome.seconds + seconds_build, 3),
        "solve_seconds": round(outcome.seconds, 3), "build_seconds": round(seconds_build, 3),
        "gap": round(outcome.gap, 6), "objective": round(weighted, 6),
        "time_limit": options.time_limit, "stages": [s.to_json() for s in outcome.stages],
        "message": outcome.message,
    }


def plan(scenario: Scenario, options: PlanOptions | None = None, *,
         previous: Rota | None = None, baseline: Rota | None = None,
         extra: dict | None = None) -> Rota:
    """Build and solve a rota. Never raises for an unsolvable scenario: it returns the best
    rota it can with every breach listed, and status ``infeasible`` when hard rules had to
    give."""
    options = options or PlanOptions()
    history = history_from(previous, scenario)
    base = baseline_from(baseline, scenario)
    table = SlotTable(scenario)
    t0 = time.perf_counter()
    # the time limit covers the whole plan: building the model, solving, and an elastic
    # re-solve if the hard rules cannot all hold (so a large input cannot overrun it)
    deadline = t0 + options.time_limit
    m = build_model(scenario, history=history, baseline=base, options=options, table=table)
    if m.flow_people:  # weighted mode: keep the run flow only where it lifts the LP
        rows_only = build_model(scenario, history=history, baseline=base, options=options,
                                table=table, run_flow=False)
        if not flow_pays(m, rows_only, FLOW_CHECK_SHARE * options.time_limit):
            m = rows_only
    t_build = time.perf_counter() - t0
    kw = dict(solver=options.solver, threads=options.threads,
              gap=options.gap, msg=options.msg, seed=options.seed)
    outcome = solve_model(m, time_limit=_time_left(deadline), **kw)
    status = outcome.status
    if status == "infeasible":
        # explain instead of failing: let hard rules bend at a high price, then list them
        t0 = time.perf_counter()
        m = build_model(scenario, history=history, baseline=base, options=options,
                        elastic=True, table=table)
        t_build += time.perf_counter() - t0
        elastic_outcome = solve_model(m, time_limit=_time_left(deadline), **kw)
        if elastic_outcome.values is not None:
            outcome = elastic_outcome
    info = _solver_info(outcome, options, t_build)
    if outcome.values is None:
        return build_rota(scenario, [], status="error", solver=info, history=history,
                          notes=m.notes, table=table, extra=extra)
    assignments = assignments_from(m, outcome.values)
    return build_rota(scenario, assignments, status=status, solver=info, history=history,
                      notes=m.notes, table=table, extra=extra)
