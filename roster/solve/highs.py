"""The HiGHS adapter: the PuLP model handed to HiGHS (highspy) once, then one objective and a
few rows per stage. Its thread count and banner belong to ``roster.highs_threads``."""

from __future__ import annotations

import math
import time

import highspy
import numpy as np
import pulp

from roster.highs_threads import new_highs, process_threads
from roster.model import Stage
from roster.solve.backend import Backend, Grid, StageResult, proven, split
from roster.solve.search import LocalSearch
from roster.solve.trace import trace
from roster.solve.weighted_search import WeightedSearch

# HiGHS's answers, by name
SOLUTION_FEASIBLE = highspy.SolutionStatus.kSolutionStatusFeasible
OPTIMAL = highspy.HighsModelStatus.kOptimal
INFEASIBLE = (highspy.HighsModelStatus.kInfeasible, highspy.HighsModelStatus.kUnboundedOrInfeasible)
STOPPED = (highspy.HighsModelStatus.kTimeLimit, highspy.HighsModelStatus.kInterrupt,
           highspy.HighsModelStatus.kIterationLimit, highspy.HighsModelStatus.kSolutionLimit)
INF = highspy.kHighsInf
MAX_INT = 2147483647  # HiGHS's "no limit" for its integer options
POLISH_MAX_SECONDS = 5.0  # the LP that re-optimises continuous helpers at a stage's start


class HighsBackend(Backend):
    name = "HiGHS"
    can_search = True

    def __init__(self, prob: pulp.LpProblem, threads: int | None, msg: bool, seed: int,
                 implied_integer: frozenset[str] = frozenset(),
                 owner: dict[str, int] | None = None):
        super().__init__(implied_integer)
        self.h = new_highs()
        self.h.setOptionValue("output_flag", bool(msg))
        self.h.setOptionValue("random_seed", int(seed))
        # one thread count per process, whatever this caller asks for (roster/highs_threads.py)
        self.h.setOptionValue("threads", process_threads(threads))
        variables = prob.variables()
        self.names = [v.name for v in variables]
        self.index = {n: i for i, n in enumerate(self.names)}
        n = len(variables)
        lb = np.array([-INF if v.lowBound is None else v.lowBound for v in variables], dtype=float)
        ub = np.array([INF if v.upBound is None else v.upBound for v in variables], dtype=float)
        self.h.addCols(n, np.zeros(n), lb, ub, 0, np.array([], dtype=np.int32),
                       np.array([], dtype=np.int32), np.array([], dtype=float))
        integer = [i for i, v in enumerate(variables) if v.cat == pulp.LpInteger]
        self.integer = np.array(integer, dtype=np.int32)
        self.col_lb, self.col_ub = lb, ub
        self.int_lb, self.int_ub = lb[self.integer], ub[self.integer]
        if integer:
            self.h.changeColsIntegrality(len(integer), np.array(integer, dtype=np.int32),
                                         np.ones(len(integer), dtype=np.uint8))
        self.add_rows(list(prob.constraints.values()))
        self.solution: np.ndarray | None = None
        self.search = LocalSearch(self, owner or {})
        self._weighted: WeightedSearch | None = None

    # --- the model ----------------------------------------------------------------------
    def add_rows(self, rows: list[pulp.LpConstraint]) -> None:
        lower, upper, starts, idx, vals = [], [], [], [], []
        for c in rows:
            starts.append(len(idx))
            for v, coef in c.items():
                if coef != 0:
                    idx.append(self.index[v.name])
                    vals.append(coef)
            rhs = -c.constant
            lower.append(rhs if c.sense in (pulp.LpConstraintGE, pulp.LpConstraintEQ) else -INF)
            upper.append(rhs if c.sense in (pulp.LpConstraintLE, pulp.LpConstraintEQ) else INF)
        if lower:
            self.h.addRows(len(lower), np.array(lower, dtype=float), np.array(upper, dtype=float),
                           len(idx), np.array(starts, dtype=np.int32),
                           np.array(idx, dtype=np.int32), np.array(vals, dtype=float))

    def cost_vector(self, expr: pulp.LpAffineExpression) -> tuple[np.ndarray, float]:
        coefs, const = split(expr)
        cost = np.zeros(len(self.names))
        for n, c in coefs.items():
            cost[self.index[n]] = c
        return cost, const

    def integer_columns(self) -> int | None:
        return len(self.integer) or None

    # --- solving ------------------------------------------------------------------------
    def minimize(self, expr: pulp.LpAffineExpression, time_limit: float, gap: float,
                 stage: Stage, grid: Grid | None = None) -> StageResult:
        h = self.h
        cost, const = self.cost_vector(expr)
        h.changeColsCost(len(cost), np.arange(len(cost), dtype=np.int32), cost)
        h.setOptionValue("time_limit", max(0.05, float(time_limit)))
        h.setOptionValue("mip_rel_gap", float(gap))
        # HiGHS may stop once incumbent and bound are closer than two values the cost can take
        step = grid.gap() if grid is not None and gap < 1e-3 else 0.0
        h.setOptionValue("mip_abs_gap", max(1e-6, 0.999 * step))
        t0 = time.perf_counter()
        if self.solution is not None:
            self._polish_start(min(POLISH_MAX_SECONDS, time_limit / 4))
            start_value = float(cost @ self.solution) + const
            floor = self.lowest(cost) + const
            if proven(start_value, floor, grid):
                # the start rota already has the least value the columns' bounds allow
                seconds = time.perf_counter() - t0
                trace(f"  mip {stage.label}: optimal {start_value} by the columns' bounds")
                return StageResult(stage, "optimal", start_value, start_value, 0.0, seconds)
            self.set_start(self.solution)
        h.setOptionValue("time_limit", max(0.05, float(time_limit) - (time.perf_counter() - t0)))
        self._run_until_proven(const, grid)
        seconds = time.perf_counter() - t0
        ms = h.getModelStatus()
        info = h.getInfo()
        has_solution = info.primal_solution_status == SOLUTION_FEASIBLE
        if has_solution:
            self.solution = np.array(h.getSolution().col_value)
        value = float(info.objective_function_value) + const if has_solution else None
        bound = float(info.mip_dual_bound) + const if math.isfinite(info.mip_dual_bound) else None
        if ms == OPTIMAL:
            status, gap_v = "optimal", 0.0
            bound = value if bound is None else bound
        elif ms in INFEASIBLE:
            return StageResult(stage, "infeasible", seconds=seconds)
        elif has_solution:
            status = "feasible"
            gap_v = float(info.mip_gap) if math.isfinite(info.mip_gap) else None
            if proven(value, bound, grid):
                status, gap_v = "optimal", 0.0
        elif ms in STOPPED:
            return StageResult(stage, "no_solution", seconds=seconds)
        else:
            return StageResult(stage, "error", seconds=seconds)
        trace(f"  mip {stage.label}: {status} {value}/{bound} in {seconds:.1f}s of {time_limit:.1f}")
        return StageResult(stage, status, value, bound, gap_v, seconds)

    def below(self, expr: pulp.LpAffineExpression, limit: float, time_limit: float,
              stage: Stage, seed: int | None = None) -> StageResult:
        """Is there a rota whose cost is at most ``limit``? The row ``expr <= limit`` for one
        run: with ``limit`` at the least value the costs can take (0 for a sum of
        deviations) presolve fixes every cost column, and the question is a plain
        feasibility problem, often settled in a second where minimising from a bound of 0
        takes the full search. ``seed``: HiGHS's random seed for this question only (a
        question asked again with another seed often takes a very different time)."""
        h = self.h
        cost, const = self.cost_vector(expr)
        nz = np.nonzero(cost)[0]
        h.changeColsCost(len(cost), np.arange(len(cost), dtype=np.int32), cost)
        h.addRow(-INF, limit - const + 1e-9, len(nz), nz.astype(np.int32), cost[nz])
        row = h.getNumRow() - 1
        h.setOptionValue("time_limit", max(0.05, float(time_limit)))
        h.setOptionValue("mip_abs_gap", 1e-6)
        h.setOptionValue("mip_max_improving_sols", 1)  # a yes-or-no question: the first rota will do
        seed_before = h.getOptionValue("random_seed")[1]
        if seed is not None:
            h.setOptionValue("random_seed", int(seed))
        t0 = time.perf_counter()
        try:
            h.run()
            ms = h.getModelStatus()
            info = h.getInfo()
            found = info.primal_solution_status == SOLUTION_FEASIBLE
            solution = np.array(h.getSolution().col_value) if found else None
        finally:
            h.deleteRows(1, np.array([row], dtype=np.int32))
            h.setOptionValue("mip_max_improving_sols", MAX_INT)
            h.setOptionValue("random_seed", seed_before)
        seconds = time.perf_counter() - t0
        trace(f"  below {stage.label} <= {limit}: {ms} in {seconds:.1f}s")
        if ms in INFEASIBLE:
            return StageResult(stage, "infeasible", seconds=seconds)
        if solution is None:  # out of time (or stopped) without a rota; else a solver error
            return StageResult(stage, "no_solution" if ms in STOPPED else "error", seconds=seconds)
        self.solution = solution
        value = float(cost @ solution) + const
        return StageResult(stage, "feasible", value, None, None, seconds)

    def floor(self, expr: pulp.LpAffineExpression) -> float:
        cost, const = self.cost_vector(expr)
        return self.lowest(cost) + const

    def lowest(self, cost: np.ndarray) -> float:
        """The least value ``cost`` can take within the columns' bounds alone (-inf if none)."""
        nz = np.nonzero(cost)[0]
        if len(nz) == 0:
            return 0.0
        c = cost[nz]
        ends = np.where(c > 0, self.col_lb[nz], self.col_ub[nz])
        if not np.all(np.isfinite(ends)):
            return -math.inf
        return float(c @ ends)

    def _run_until_proven(self, const: float, grid: Grid | None) -> None:
        """Run HiGHS; with a grid of points (a worst-hit share), stop it as soon as the dual
        bound rounded up to the next point reaches the incumbent (HiGHS's own gap test only
        knows evenly spaced values)."""
        h = self.h
        if grid is None or not grid.points:
            h.run()
            return

        def interrupt(_kind, _message, out, into, _data) -> None:
            value, bound = out.mip_primal_bound, out.mip_dual_bound
            if math.isfinite(value) and math.isfinite(bound) and proven(value + const, bound + const, grid):
                into.user_interrupt = True

        h.setCallback(interrupt, None)
        h.startCallback(highspy.cb.HighsCallbackType.kCallbackMipInterrupt)
        try:
            h.run()
        finally:
            h.stopCallback(highspy.cb.HighsCallbackType.kCallbackMipInterrupt)

    def set_start(self, values: np.ndarray) -> None:
        """Hand HiGHS a full solution to start from."""
        sol = highspy.HighsSolution()
        sol.col_value = list(values)
        sol.value_valid = True
        self.h.setSolution(sol)

    def run_if_feasible(self) -> tuple[np.ndarray, float] | None:
        """Run HiGHS; its solution and objective value if it found one."""
        self.h.run()
        info = self.h.getInfo()
        if info.primal_solution_status == SOLUTION_FEASIBLE:
            return np.array(self.h.getSolution().col_value), float(info.objective_function_value)
        return None

    def fix_integers(self, positions: np.ndarray, values: np.ndarray) -> None:
        """Fix the integer columns at these positions (into ``self.integer``) to values."""
        cols = self.integer[positions]
        self.h.changeColsBounds(len(cols), cols, values, values)

    def free_integers(self, positions: np.ndarray) -> None:
        cols = self.integer[positions]
        self.h.changeColsBounds(len(cols), cols, self.int_lb[positions], self.int_ub[positions])

    def _polish_start(self, time_limit: float) -> None:
        """Give the incumbent the best values of the continuous helper variables for the
        new objective: with every integer fixed, that is one LP. Without it the previous
        stage leaves this stage's cost variables wherever they happened to be."""
        k = len(self.integer)
        if k == 0 or self.solution is None:
            return
        everything = np.arange(k)
        self.fix_integers(everything, np.round(self.solution[self.integer]))
        self.h.setOptionValue("time_limit", max(0.05, time_limit))
        polished = self.run_if_feasible()
        if polished is not None:
            self.solution = polished[0]
        self.free_integers(everything)

    def settle(self, expr: pulp.LpAffineExpression, time_limit: float) -> float | None:
        """:meth:`Backend.settle`: one run with every integer column fixed (an LP after
        presolve) that puts the continuous helpers at their least for ``expr``."""
        if self.solution is None or len(self.integer) == 0:
            return None
        cost, const = self.cost_vector(expr)
        self.h.changeColsCost(len(cost), np.arange(len(cost), dtype=np.int32), cost)
        self._polish_start(time_limit)
        return float(cost @ self.solution) + const

    def improve(self, expr: pulp.LpAffineExpression, time_limit: float, res: StageResult,
                seed: int, grid: Grid | None = None, stall: int | None = None,
                weighted: bool = False) -> StageResult:
        if weighted:  # the public benchmarks' policy (ADR 0008); staged mode keeps its own
            if self._weighted is None:
                self._weighted = WeightedSearch(self.search)
            return self._weighted.improve(expr, time_limit, res, seed, grid)
        return self.search.improve(expr, time_limit, res, seed, grid, stall)

    # --- the incumbent ------------------------------------------------------------------
    def has_incumbent(self) -> bool:
        return self.solution is not None

    def keep(self) -> object:
        return self.solution

    def restore(self, kept: object) -> None:
        self.solution = kept  # type: ignore[assignment]

    def values(self) -> dict[str, float]:
        if self.solution is None:
            raise RuntimeError("no rota yet")
        return dict(zip(self.names, self.solution.tolist(), strict=True))

