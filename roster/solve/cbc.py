"""The CBC fallback (bundled with PuLP), through PuLP's own interface: no local search."""

from __future__ import annotations

import math
import time
import warnings

import pulp

from roster.model import Stage
from roster.solve.backend import Backend, Grid, StageResult


class CbcBackend(Backend):
    name = "CBC"

    def __init__(self, prob: pulp.LpProblem, threads: int | None, msg: bool,
                 implied_integer: frozenset[str] = frozenset()):
        super().__init__(implied_integer)
        self.prob = prob
        self.threads = threads
        self.msg = msg
        self.solved = False

    def minimize(self, expr: pulp.LpAffineExpression, time_limit: float, gap: float,
                 stage: Stage, grid: Grid | None = None) -> StageResult:
        self.prob.setObjective(expr)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            solver = pulp.PULP_CBC_CMD(msg=self.msg, timeLimit=max(1, math.ceil(time_limit)),
                                       gapRel=gap or None, threads=self.threads,
                                       warmStart=self.solved)
        t0 = time.perf_counter()
        self.prob.solve(solver)
        seconds = time.perf_counter() - t0
        st, sol = self.prob.status, self.prob.sol_status
        if st == pulp.LpStatusInfeasible:
            return StageResult(stage, "infeasible", seconds=seconds)
        if sol not in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
            return StageResult(stage, "no_solution" if st == pulp.LpStatusNotSolved else "error",
                               seconds=seconds)
        self.solved = True
        value = pulp.value(expr)
        value = float(value) if value is not None else 0.0
        if sol == pulp.LpSolutionOptimal:
            return StageResult(stage, "optimal", value, value, 0.0, seconds)
        return StageResult(stage, "feasible", value, None, None, seconds)

    def add_rows(self, rows: list[pulp.LpConstraint]) -> None:
        for row in rows:
            self.prob += row

    def has_incumbent(self) -> bool:
        return self.solved

    def keep(self) -> object:
        return None  # CBC runs each stage once (no search): there is nothing to put back

    def restore(self, kept: object) -> None:
        return None

    def values(self) -> dict[str, float]:
        return {v.name: (v.varValue or 0.0) for v in self.prob.variables()}
