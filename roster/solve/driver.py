"""The stage driver: minimise the model's costs one priority at a time (or weighted), each
stage a short full MIP, local search, then the full MIP again, with an honest status."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import pulp

from roster.model import Model, Priority, Stage
from roster.solve.backend import Backend, Grid, StageResult, proven, tolerance
from roster.solve.bisection import bisect_gap
from roster.solve.cbc import CbcBackend
from roster.solve.highs import HighsBackend
from roster.solve.timing import BISECT_PRIORITIES, STAGED, WEIGHTED, stage_budget
from roster.solve.trace import STOPPED, progress, stop_requested

SOLVERS = ("highs", "cbc")


@dataclass
class SolveOutcome:
    status: str  # optimal | feasible | infeasible | error
    values: dict[str, float] | None
    stages: list[StageResult] = field(default_factory=list)
    seconds: float = 0.0
    solver: str = "HiGHS"
    message: str = ""

    @property
    def gap(self) -> float:
        gaps = [s.gap for s in self.stages if s.gap is not None and math.isfinite(s.gap)]
        return max(gaps, default=0.0)


def make_backend(solver: str, m: Model, threads: int | None, msg: bool, seed: int) -> Backend:
    implied = frozenset(m.implied_integer)
    if solver == "highs":
        return HighsBackend(m.prob, threads, msg, seed, implied_integer=implied, owner=m.owner)
    if solver == "cbc":
        return CbcBackend(m.prob, threads, msg, implied_integer=implied)
    raise ValueError(f"unknown solver '{solver}' (choose {', '.join(SOLVERS)})")


def solve_stage(backend: Backend, expr: pulp.LpAffineExpression, budget: float, gap: float,
                stage: Stage, seed: int, *, weighted: bool = False,
                grid: Grid | None = None) -> StageResult:
    """One stage: a short full MIP (its bound, and often its proof), then large-neighbourhood
    search from its rota, in the tidiness stage yes-or-no questions that narrow the gap from
    both ends (``bisection.bisect_gap``), then the full MIP again from the improved rota if
    time is left (a good incumbent prunes the tree, so what is left may prove it). The reported bound is
    the best the full MIP runs proved, so the gap stays honest; the stage is proven once the
    bound, rounded up to the ``grid`` of values its cost can take, reaches its value."""
    t0 = time.perf_counter()
    shares = WEIGHTED if weighted else STAGED
    if not backend.can_search or budget < shares.min_budget:
        return backend.minimize(expr, budget, gap, stage, grid)
    probe_time = budget * shares.probe
    if shares.probe_max is not None and backend.has_incumbent():
        probe_time = min(probe_time, shares.probe_max)  # from a rota: the bound is what it is for
    res = backend.minimize(expr, probe_time, gap, stage, grid)
    if res.status == "no_solution":  # nothing to improve yet: the full MIP keeps searching
        more = backend.minimize(expr, budget - (time.perf_counter() - t0), gap, stage, grid)
        more.seconds += res.seconds
        return more
    if res.status != "feasible":
        return res
    if grid is not None and shares.close > 0:
        res = close_gap(backend, expr, res, min(budget * shares.close, budget - (time.perf_counter() - t0)),
                        stage, grid)
        if res.status != "feasible":
            return res
    if stop_requested():
        return res
    res = backend.improve(expr, budget * shares.lns_end - (time.perf_counter() - t0), res, seed, grid,
                          stall=shares.stall, weighted=weighted)
    if res.status == "feasible" and grid is not None and shares.close > 0:
        res = close_gap(backend, expr, res, min(budget * shares.close, budget - (time.perf_counter() - t0)),
                        stage, grid)
    left = budget - (time.perf_counter() - t0)
    if (res.status == "feasible" and grid is not None and shares.bisect > 0
            and stage.priority in BISECT_PRIORITIES and not stop_requested()):
        res = bisect_gap(backend, expr, res, left * shares.bisect, stage, grid, seed)
        left = budget - (time.perf_counter() - t0)
    if res.status != "feasible" or left < 1 or stop_requested():
        return res
    kept = backend.keep()
    again = backend.minimize(expr, left, gap, stage, grid)
    if again.value is None or again.value > (res.value or math.inf) + 1e-9:
        backend.restore(kept)
        return res
    again.seconds += res.seconds
    if res.bound is not None and (again.bound is None or again.bound < res.bound):
        again.bound = res.bound  # the first MIP's bound may be the stronger
    if again.status != "optimal":
        _judge_gap(again, grid)
    return again


def _judge_gap(res: StageResult, grid: Grid | None) -> None:
    """The gap of a stage's value to its bound (rounded up to the ``grid`` of values its
    cost can take), and ``optimal`` once the bound meets the value."""
    if res.bound is None or res.value is None:
        return
    bound = grid.up(res.bound) if grid is not None else res.bound
    res.gap = max(0.0, (res.value - bound) / max(abs(res.value), 1e-9))
    if proven(res.value, bound, grid):
        res.status, res.gap = "optimal", 0.0


def close_gap(backend: Backend, expr: pulp.LpAffineExpression, res: StageResult, seconds: float,
              stage: Stage, grid: Grid) -> StageResult:
    """Ask for a rota one value better than the incumbent (the next value below it on the
    cost's ``grid``) while that value is the least the cost's columns allow (a fairness of 0):
    then every cost column is fixed at its bound, the question is a plain feasibility
    problem that presolve and propagation often settle in a second, where minimising from
    an LP bound of 0 searches the whole tree. None proves the incumbent optimal; one found
    is the new incumbent (and optimal). Asked one step higher (is a fairness of 1 possible?)
    the question was slower than the MIP from the incumbent, so it is not asked."""
    t0 = time.perf_counter()
    least = grid.up(backend.floor(expr))
    while res.value is not None and (left := seconds - (time.perf_counter() - t0)) > 0.1:
        limit = grid.below(res.value)
        floor = grid.up(res.bound) if res.bound is not None else -math.inf
        if limit is None or limit < floor - 1e-9 or limit > least + 1e-9:
            break
        test = backend.below(expr, limit, left, stage)
        res.seconds += test.seconds
        if test.status == "infeasible":
            res.status, res.bound, res.gap = "optimal", res.value, 0.0
            break
        if test.value is None or test.value >= res.value - 1e-9:
            break
        res.value = test.value
        if proven(res.value, max(floor, least), grid):  # the least value there is
            res.status, res.bound, res.gap = "optimal", res.value, 0.0
            break
    return res


SETTLE_SECONDS = (0.2, 1.0)
"""The least and the most the settling LP of a stage may take (the least even when the time
limit is used up: it is one LP with every shift fixed)."""


def settle(backend: Backend, expr: pulp.LpAffineExpression, res: StageResult, grid: Grid | None,
           left: float) -> None:
    """Put a stage's reported value at its rota's own cost (``Backend.settle``): a rota the
    search found may carry a continuous helper above what its shifts cost (seen: 2 075
    reported for a rota of 2 066 on a generated instance). The value only goes down, and
    a value that meets the bound makes the stage proven."""
    lo, hi = SETTLE_SECONDS
    value = backend.settle(expr, min(hi, max(lo, left)))
    if value is None or res.value is None or value >= res.value - 1e-9:
        return
    res.value = value
    _judge_gap(res, grid)


def stages_of(m: Model) -> list[tuple[Stage, pulp.LpAffineExpression]]:
    """The stages to solve, in order: one weighted sum in weighted mode, else each priority.
    A first stage whose rows need a rota from the stages above starts from any feasible rota."""
    if m.scenario.objective_mode == "weighted":
        return [(Stage(Priority.WEIGHTED), m.weighted_expr())]
    feasibility = (Stage(Priority.FEASIBILITY), pulp.LpAffineExpression())
    stages = [(st, m.stage_expr(st)) for st in m.stages()]
    if stages and any(rows.stage == stages[0][0].priority for rows in m.stage_rows):
        stages.insert(0, feasibility)
    return stages or [feasibility]


def weighted_problem(m: Model) -> None:
    """Make ``m.prob`` the model a backend is built from: its objective the weighted sum of
    every cost, and every assignment a column (PuLP knows only the variables of its
    objective and rows)."""
    m.prob.setObjective(m.weighted_expr())
    for v in m.x.values():
        m.prob.addVariable(v)


def solve_model(m: Model, *, time_limit: float = 60.0, solver: str = "highs",
                threads: int | None = None, gap: float = 0.0, msg: bool = False,
                seed: int = 0) -> SolveOutcome:
    """Minimise the model's costs stage by stage (or weighted) within the time limit."""
    t_start = time.perf_counter()
    weighted_problem(m)
    backend = make_backend(solver, m, threads, msg, seed)
    stages = stages_of(m)
    weighted = stages[0][0].priority is Priority.WEIGHTED
    results: list[StageResult] = []
    overall = "optimal"
    best: dict[str, float] | None = None
    message = ""
    for i, (stage, expr) in enumerate(stages):
        if best is not None and stop_requested():
            overall, message = "feasible", STOPPED  # keep the rota of the stages done
            break
        progress(event="stage", stage=stage.label, index=i, of=len(stages))
        remaining = max(0.0, time_limit - (time.perf_counter() - t_start))
        if best is not None:
            for deferred in m.stage_rows:
                if deferred.stage == stage.priority:
                    backend.add_rows(deferred.rows(best))
        budget = stage_budget(stage, remaining, time_limit, i == len(stages) - 1,
                              columns=backend.integer_columns())
        grid = backend.grid(expr, m.stage_values.get(stage, ()))
        res = solve_stage(backend, expr, budget, gap, stage, seed + i, weighted=weighted, grid=grid)
        if res.status == "feasible":
            settle(backend, expr, res, grid, time_limit - (time.perf_counter() - t_start))
        results.append(res)
        progress(event="value", stage=stage.label, value=res.value, bound=res.bound)
        if res.status in ("infeasible", "no_solution", "error"):
            if best is None:
                status = "infeasible" if res.status == "infeasible" else "error"
                message = ("the hard rules cannot all hold" if status == "infeasible"
                           else "no rota found within the time limit; allow more time")
                return SolveOutcome(status, None, results, time.perf_counter() - t_start,
                                    backend.name, message)
            overall = "feasible"  # keep the previous stage's rota
            break
        if res.status == "feasible":
            overall = "feasible"
        best = backend.values()
        if i < len(stages) - 1 and res.value is not None:
            bound = res.value + tolerance(res.value, grid is not None)
            backend.add_rows([expr <= bound])
    return SolveOutcome(overall, best, results, time.perf_counter() - t_start, backend.name, message)
