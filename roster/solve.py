"""Solving the model: staged (lexicographic) or weighted objective, HiGHS or CBC, honest status.

Staged mode minimises one priority stage at a time and then fixes its value (an upper
bound of value + tolerance) before the next stage, so a lower priority can never buy
itself at the cost of a higher one. Each stage starts from the previous stage's rota,
which is still feasible, so HiGHS always has an incumbent.

HiGHS is driven through highspy directly: the PuLP model is handed over once and each
stage only changes the objective and adds one row. CBC (bundled with PuLP) is the
fallback and goes through PuLP's own interface.

Every stage (and weighted mode, the public benchmarks, which is one stage) runs the full
MIP for a while, then a large-neighbourhood search (a few people, or everyone on a few
days), then the full MIP again from the improved rota (docs/adr/0003-benchmark-engine.md,
docs/adr/0004-stage-search.md).
"""

from __future__ import annotations

import math
import os
import sys
import time
import warnings
from dataclasses import dataclass, field

import numpy as np
import pulp

from roster.highs_threads import process_threads
from roster.model import Model

SOLVERS = ("highs", "cbc")
TRACE = bool(os.environ.get("ROSTER_TRACE"))


def _trace(text: str) -> None:
    """Progress of the search on stderr when ROSTER_TRACE is set (never any personal data)."""
    if TRACE:
        print(text, file=sys.stderr, flush=True)


@dataclass
class StageResult:
    name: str
    status: str  # optimal | feasible | infeasible | no_solution | error
    value: float | None = None
    bound: float | None = None
    gap: float | None = None
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {"stage": self.name, "status": self.status, "value": _round(self.value),
                "bound": _round(self.bound), "gap": _round(self.gap), "seconds": round(self.seconds, 3)}


def _round(v: float | None) -> float | None:
    return None if v is None or not math.isfinite(v) else round(v, 6)


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


def _split(expr: pulp.LpAffineExpression) -> tuple[dict[str, float], float]:
    return {v.name: c for v, c in expr.items() if c != 0}, float(expr.constant)


def _integral(expr: pulp.LpAffineExpression, implied: set[str] | frozenset = frozenset()) -> bool:
    """True if the expression can only take whole values at an optimum."""
    return all((v.cat == pulp.LpInteger or v.name in implied) and float(c).is_integer()
               for v, c in expr.items())


class HighsBackend:
    name = "HiGHS"

    def __init__(self, prob: pulp.LpProblem, threads: int | None, msg: bool, seed: int):
        import highspy

        self.highspy = highspy
        self.h = highspy.Highs()
        self.h.setOptionValue("output_flag", bool(msg))
        self.h.setOptionValue("random_seed", int(seed))
        # one thread count per process, whatever this caller asks for (roster/highs_threads.py)
        self.h.setOptionValue("threads", process_threads(threads))
        variables = prob.variables()
        self.names = [v.name for v in variables]
        self.index = {n: i for i, n in enumerate(self.names)}
        n = len(variables)
        inf = highspy.kHighsInf
        lb = np.array([-inf if v.lowBound is None else v.lowBound for v in variables], dtype=float)
        ub = np.array([inf if v.upBound is None else v.upBound for v in variables], dtype=float)
        self.h.addCols(n, np.zeros(n), lb, ub, 0, np.array([], dtype=np.int32),
                       np.array([], dtype=np.int32), np.array([], dtype=float))
        integer = [i for i, v in enumerate(variables) if v.cat == pulp.LpInteger]
        self.integer = np.array(integer, dtype=np.int32)
        self.int_lb, self.int_ub = lb[self.integer], ub[self.integer]
        if integer:
            self.h.changeColsIntegrality(len(integer), np.array(integer, dtype=np.int32),
                                         np.ones(len(integer), dtype=np.uint8))
        lower, upper, starts, idx, vals = [], [], [], [], []
        self.rows = {name: (i, c.sense) for i, (name, c) in enumerate(prob.constraints.items())}
        for c in prob.constraints.values():
            starts.append(len(idx))
            for v, coef in c.items():
                if coef != 0:
                    idx.append(self.index[v.name])
                    vals.append(coef)
            rhs = -c.constant
            lower.append(rhs if c.sense in (pulp.LpConstraintGE, pulp.LpConstraintEQ) else -inf)
            upper.append(rhs if c.sense in (pulp.LpConstraintLE, pulp.LpConstraintEQ) else inf)
        if lower:
            self.h.addRows(len(lower), np.array(lower, dtype=float), np.array(upper, dtype=float),
                           len(idx), np.array(starts, dtype=np.int32),
                           np.array(idx, dtype=np.int32), np.array(vals, dtype=float))
        self.solution: np.ndarray | None = None

    def minimize(self, expr: pulp.LpAffineExpression, time_limit: float, gap: float,
                 name: str) -> StageResult:
        h = self.h
        coefs, const = _split(expr)
        cost = np.zeros(len(self.names))
        for n, c in coefs.items():
            cost[self.index[n]] = c
        h.changeColsCost(len(cost), np.arange(len(cost), dtype=np.int32), cost)
        h.setOptionValue("time_limit", max(0.05, float(time_limit)))
        h.setOptionValue("mip_rel_gap", float(gap))
        whole = _integral(expr, getattr(self, "implied", frozenset()))
        h.setOptionValue("mip_abs_gap", 0.999 if whole and gap < 1e-3 else 1e-6)
        t0 = time.perf_counter()
        if self.solution is not None:
            self._polish_start(min(5.0, time_limit / 4))
            sol = self.highspy.HighsSolution()
            sol.col_value = list(self.solution)
            sol.value_valid = True
            h.setSolution(sol)
        h.setOptionValue("time_limit", max(0.05, float(time_limit) - (time.perf_counter() - t0)))
        h.run()
        seconds = time.perf_counter() - t0
        ms = h.getModelStatus()
        info = h.getInfo()
        S = self.highspy.HighsModelStatus
        has_solution = info.primal_solution_status == 2
        if has_solution:
            self.solution = np.array(h.getSolution().col_value)
        value = float(info.objective_function_value) + const if has_solution else None
        bound = float(info.mip_dual_bound) + const if math.isfinite(info.mip_dual_bound) else None
        if ms == S.kOptimal:
            status, gap_v = "optimal", 0.0
            bound = value if bound is None else bound
        elif ms in (S.kInfeasible, S.kUnboundedOrInfeasible):
            return StageResult(name, "infeasible", seconds=seconds)
        elif has_solution:
            status = "feasible"
            gap_v = float(info.mip_gap) if math.isfinite(info.mip_gap) else None
        elif ms in (S.kTimeLimit, S.kInterrupt, S.kIterationLimit, S.kSolutionLimit):
            return StageResult(name, "no_solution", seconds=seconds)
        else:
            return StageResult(name, "error", seconds=seconds)
        _trace(f"  mip {name}: {status} {value}/{bound} in {seconds:.1f}s of {time_limit:.1f}")
        return StageResult(name, status, value, bound, gap_v, seconds)

    def set_groups(self, owner: dict[str, int]) -> None:
        """Integer columns per person, for the local search."""
        int_pos = {int(c): k for k, c in enumerate(self.integer)}
        groups: dict[int, list[int]] = {}
        for name, p in owner.items():
            col = self.index.get(name)
            if col is not None and col in int_pos:
                groups.setdefault(p, []).append(int_pos[col])
        self.groups = [np.array(sorted(g), dtype=np.int64) for _, g in sorted(groups.items())]
        # every column a person owns (their costs too), to find who carries the cost
        cols: dict[int, list[int]] = {}
        for name, p in owner.items():
            if name in self.index:
                cols.setdefault(p, []).append(self.index[name])
        self.person_cols = [np.array(sorted(cols.get(p, [])), dtype=np.int64)
                            for p, _ in sorted(groups.items())]
        # assignment columns per day (x_<person>_<day>_<shift>) and the other per-person
        # integer helpers (weekend worked, rest day...), for day-window neighbourhoods
        by_day: dict[int, list[int]] = {}
        helpers: list[int] = []
        for name in owner:
            col = self.index.get(name)
            if col is None or col not in int_pos:
                continue
            parts = name.split("_", 3)
            if parts[0] == "x" and len(parts) == 4 and parts[2].isdigit():
                by_day.setdefault(int(parts[2]), []).append(int_pos[col])
            else:
                helpers.append(int_pos[col])
        self.day_groups = [np.array(sorted(by_day[d]), dtype=np.int64) for d in sorted(by_day)]
        # integer columns nobody owns (a service slot opened or not) are free in a day window
        owned = {int_pos[self.index[n]] for n in owner if self.index.get(n) in int_pos}
        helpers += [k for k in range(len(self.integer)) if k not in owned]
        self.helper_pos = np.array(sorted(helpers), dtype=np.int64)

    def improve(self, expr: pulp.LpAffineExpression, time_limit: float, res: StageResult,
                seed: int) -> StageResult:
        """Large neighbourhood search: keep every shift but those of a few people (half of
        them among those who carry the cost) or of everyone on a few consecutive days,
        re-solve that part exactly, keep the result if it is better; repeat until the time
        is up or the value reaches the bound. The bound stays the one the full solve
        proved, so the reported gap is honest."""
        groups = getattr(self, "groups", [])
        if self.solution is None or len(groups) < 2 or res.value is None:
            return res
        h = self.h
        rng = np.random.default_rng(seed)
        coefs, const = _split(expr)
        cost = np.zeros(len(self.names))
        for n, c in coefs.items():
            cost[self.index[n]] = c
        best = float(cost @ self.solution) + const
        # with a whole-valued objective the optimum is the bound rounded up
        target = res.bound if res.bound is not None else -math.inf
        if _integral(expr, getattr(self, "implied", frozenset())) and math.isfinite(target):
            target = math.ceil(target - 1e-6)
        t0 = time.perf_counter()
        size = 2
        k = len(self.integer)
        rounds = improved = 0
        days = getattr(self, "day_groups", [])
        width = 3  # days freed for everyone in a day-window neighbourhood
        while time.perf_counter() - t0 < time_limit - 0.05 and best > target + 1e-6:
            free = np.zeros(k, dtype=bool)
            by_window = len(days) > width and rounds % 2 == 1
            if by_window:
                first = int(rng.integers(0, len(days) - width + 1))
                for g in days[first:first + width]:
                    free[g] = True
                free[self.helper_pos] = True
            else:
                chosen = self._pick_people(cost, min(size, len(groups)), rng)
                for g in chosen:
                    free[groups[g]] = True
            fixed_pos = np.nonzero(~free)[0]
            cols = self.integer[fixed_pos]
            vals = np.round(self.solution[cols])
            h.changeColsBounds(len(cols), cols, vals, vals)
            sol = self.highspy.HighsSolution()
            sol.col_value = list(self.solution)
            sol.value_valid = True
            h.setSolution(sol)
            left = time_limit - (time.perf_counter() - t0)
            h.setOptionValue("time_limit", max(0.05, min(left, 2.0)))
            t_sub = time.perf_counter()
            h.run()
            sub_seconds = time.perf_counter() - t_sub
            info = h.getInfo()
            if info.primal_solution_status == 2:
                value = float(info.objective_function_value) + const
                if value < best - 1e-9:
                    best = value
                    self.solution = np.array(h.getSolution().col_value)
                    improved += 1
            h.changeColsBounds(len(cols), cols, self.int_lb[fixed_pos], self.int_ub[fixed_pos])
            rounds += 1
            # grow the neighbourhood while sub-problems solve quickly
            if by_window:
                if sub_seconds < 0.3 and width < len(days) // 2:
                    width += 1
                elif sub_seconds > 1.5 and width > 2:
                    width -= 1
            elif sub_seconds < 0.3 and size < len(groups) // 2:
                size += 1
            elif sub_seconds > 1.5 and size > 2:
                size -= 1
        gap = 0.0 if best <= target + 1e-6 else (best - target) / max(abs(best), 1e-9)
        status = "optimal" if gap <= 1e-9 else "feasible"
        _trace(f"  lns {res.name}: {rounds} rounds, {improved} better, {res.value} -> {best} "
               f"(target {target}) in {time.perf_counter() - t0:.1f}s")
        return StageResult(res.name, status, best, res.bound, gap,
                           res.seconds + time.perf_counter() - t0)

    def _pick_people(self, cost: np.ndarray, size: int, rng: np.random.Generator) -> np.ndarray:
        """People for a neighbourhood: half of them drawn among those who carry the stage's
        cost now (in proportion to it), the rest at random, so the search works where the
        cost is but can still move the others that a better rota needs."""
        n = len(self.groups)
        assert self.solution is not None
        own = np.array([float(cost[c] @ self.solution[c]) if len(c) else 0.0
                        for c in self.person_cols])
        hot = np.nonzero(own > 1e-6)[0]
        k = min(len(hot), (size + 1) // 2)
        chosen = list(rng.choice(hot, size=k, replace=False, p=own[hot] / own[hot].sum())) if k else []
        rest = np.setdiff1d(np.arange(n), chosen)
        chosen += list(rng.choice(rest, size=min(size - k, len(rest)), replace=False))
        return np.array(chosen, dtype=np.int64)

    def _polish_start(self, time_limit: float) -> None:
        """Give the incumbent the best values of the continuous helper variables for the
        new objective: with every integer fixed, that is one LP. Without it the previous
        stage leaves this stage's cost variables wherever they happened to be."""
        h = self.h
        k = len(self.integer)
        if k == 0 or self.solution is None:
            return
        fixed = np.round(self.solution[self.integer])
        h.changeColsBounds(k, self.integer, fixed, fixed)
        h.setOptionValue("time_limit", max(0.05, time_limit))
        h.run()
        if h.getInfo().primal_solution_status == 2:
            self.solution = np.array(h.getSolution().col_value)
        h.changeColsBounds(k, self.integer, self.int_lb, self.int_ub)

    def add_upper(self, expr: pulp.LpAffineExpression, rhs: float) -> None:
        coefs, const = _split(expr)
        idx = np.array([self.index[n] for n in coefs], dtype=np.int32)
        vals = np.array(list(coefs.values()), dtype=float)
        self.h.addRow(-self.highspy.kHighsInf, rhs - const, len(idx), idx, vals)

    def set_rhs(self, name: str, rhs: float) -> None:
        i, sense = self.rows[name]
        inf = self.highspy.kHighsInf
        lo = rhs if sense in (pulp.LpConstraintGE, pulp.LpConstraintEQ) else -inf
        hi = rhs if sense in (pulp.LpConstraintLE, pulp.LpConstraintEQ) else inf
        self.h.changeRowBounds(i, lo, hi)

    def values(self) -> dict[str, float]:
        assert self.solution is not None
        return dict(zip(self.names, self.solution.tolist(), strict=True))


class CbcBackend:
    name = "CBC"

    def __init__(self, prob: pulp.LpProblem, threads: int | None, msg: bool, seed: int):
        self.prob = prob
        self.threads = threads
        self.msg = msg
        self.has_solution = False

    def minimize(self, expr: pulp.LpAffineExpression, time_limit: float, gap: float,
                 name: str) -> StageResult:
        self.prob.setObjective(expr)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            solver = pulp.PULP_CBC_CMD(msg=self.msg, timeLimit=max(1, math.ceil(time_limit)),
                                       gapRel=gap or None, threads=self.threads,
                                       warmStart=self.has_solution)
        t0 = time.perf_counter()
        self.prob.solve(solver)
        seconds = time.perf_counter() - t0
        st, sol = self.prob.status, self.prob.sol_status
        if st == pulp.LpStatusInfeasible:
            return StageResult(name, "infeasible", seconds=seconds)
        if sol not in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
            return StageResult(name, "no_solution" if st == 0 else "error", seconds=seconds)
        self.has_solution = True
        value = pulp.value(expr)
        value = float(value) if value is not None else 0.0
        if sol == pulp.LpSolutionOptimal:
            return StageResult(name, "optimal", value, value, 0.0, seconds)
        return StageResult(name, "feasible", value, None, None, seconds)

    def add_upper(self, expr: pulp.LpAffineExpression, rhs: float) -> None:
        self.prob += expr <= rhs

    def set_rhs(self, name: str, rhs: float) -> None:
        c = self.prob.constraints[name]
        c.constant = -rhs + 0.0

    def values(self) -> dict[str, float]:
        return {v.name: (v.varValue or 0.0) for v in self.prob.variables()}


def make_backend(solver: str, prob: pulp.LpProblem, threads: int | None, msg: bool, seed: int):
    if solver == "highs":
        return HighsBackend(prob, threads, msg, seed)
    if solver == "cbc":
        return CbcBackend(prob, threads, msg, seed)
    raise ValueError(f"unknown solver '{solver}' (choose {', '.join(SOLVERS)})")


def _tolerance(value: float, integral: bool) -> float:
    if integral:
        return 1e-6
    return max(1e-6, 1e-6 * abs(value))


# Stages below the service level are polish: each may use at most this share of the
# whole time limit, so a hard-to-prove tidiness stage cannot hold the rota back.
STAGE_TIME_CAP = {"robust": 0.2, "fairness": 0.5, "wishes": 0.15, "stability": 0.2, "tidiness": 0.5}


# Share of a stage's time the first full MIP gets before local search takes over, and
# the share by which local search ends (the full MIP then runs again from its rota).
PROBE_SHARE = 0.15
LNS_END = 0.6
PROBE_MAX = 2.5  # seconds, when the stage starts from an earlier stage's rota
MIN_LNS_BUDGET = 4.0  # below this a stage is one full MIP run
# In weighted mode (public benchmarks) the full MIP gets this share before local search.
WEIGHTED_MIP_SHARE = 0.4
WEIGHTED_LNS_END = 0.75  # then the full MIP again from the improved rota


# A polish stage's time also scales with the model: POLISH_MIN_SECONDS plus seconds per
# integer column above POLISH_FREE_COLUMNS, so a small unit's rota is not held back by its
# tidiness stage while a 25-staff month gets the time its search needs (ADR 0004).
POLISH_SECONDS_PER_COLUMN = 0.009
POLISH_FREE_COLUMNS = 300
POLISH_MIN_SECONDS = 5.0


def stage_budget(name: str, remaining: float, time_limit: float, last: bool,
                 columns: int | None = None) -> float:
    """Seconds for one stage: 60 % of what is left (all of it for the last stage), and for
    the polish stages at most their share of the limit and their allowance by model size."""
    cap = STAGE_TIME_CAP.get(name.split(".")[0])
    budget = remaining if last else remaining * 0.6
    if cap is not None:
        budget = min(budget, max(1.0, cap * time_limit))
        if columns is not None:
            budget = min(budget, max(POLISH_MIN_SECONDS, POLISH_SECONDS_PER_COLUMN
                                     * (columns - POLISH_FREE_COLUMNS)))
    return max(0.05, min(budget, remaining))


def solve_stage(backend, expr: pulp.LpAffineExpression, budget: float, gap: float, name: str,
                seed: int, *, weighted: bool = False) -> StageResult:
    """One stage: a short full MIP (its bound, and often its proof), then large-neighbourhood
    search from its rota, then the full MIP again from the improved rota if time is left
    (a good incumbent prunes the tree, so what is left may prove it). The reported bound is
    the best the full MIP runs proved, so the gap stays honest."""
    t0 = time.perf_counter()
    if not hasattr(backend, "improve") or budget < (10.0 if weighted else MIN_LNS_BUDGET):
        return backend.minimize(expr, budget, gap, name)
    probe, lns_end = (WEIGHTED_MIP_SHARE, WEIGHTED_LNS_END) if weighted else (PROBE_SHARE, LNS_END)
    probe_time = budget * probe
    if not weighted and backend.solution is not None:
        probe_time = min(probe_time, PROBE_MAX)  # from a rota: the bound is what it is for
    res = backend.minimize(expr, probe_time, gap, name)
    if res.status == "no_solution":  # nothing to improve yet: the full MIP keeps searching
        more = backend.minimize(expr, budget - (time.perf_counter() - t0), gap, name)
        more.seconds += res.seconds
        return more
    if res.status != "feasible":
        return res
    res = backend.improve(expr, budget * lns_end - (time.perf_counter() - t0), res, seed)
    left = budget - (time.perf_counter() - t0)
    if res.status != "feasible" or left < 1:
        return res
    kept = backend.solution
    again = backend.minimize(expr, left, gap, name)
    if again.value is None or again.value > (res.value or math.inf) + 1e-9:
        backend.solution = kept
        return res
    again.seconds += res.seconds
    if res.bound is not None and (again.bound is None or again.bound < res.bound):
        again.bound = res.bound  # the first MIP's bound may be the stronger
    if again.bound is not None and again.status != "optimal":
        bound = again.bound
        if _integral(expr, getattr(backend, "implied", frozenset())):
            bound = math.ceil(bound - 1e-6)  # a whole-valued cost: the bound rounded up
        again.gap = max(0.0, (again.value - bound) / max(abs(again.value), 1e-9))
        if again.gap <= 1e-9:
            again.status, again.gap = "optimal", 0.0
    return again


def solve_model(m: Model, *, time_limit: float = 60.0, solver: str = "highs",
                threads: int | None = None, gap: float = 0.0, msg: bool = False,
                seed: int = 0) -> SolveOutcome:
    """Minimise the model's costs stage by stage (or weighted) within the time limit."""
    t_start = time.perf_counter()
    # PuLP knows the variables of its objective and constraints; add every assignment too
    m.prob.setObjective(m.weighted_expr())
    for v in m.x.values():
        m.prob.addVariable(v)
    backend = make_backend(solver, m.prob, threads, msg, seed)
    if hasattr(backend, "set_groups"):
        backend.set_groups(m.owner)
    backend.implied = frozenset(m.implied_integer)
    if m.scenario.objective_mode == "weighted":
        stages = [("weighted", m.weighted_expr())]
    else:
        stages = [(k[0] + (f".{k[1]}" if k[1] else ""), m.stage_expr(k)) for k in m.stage_keys()]
    if not stages:
        stages = [("feasibility", pulp.LpAffineExpression())]
    results: list[StageResult] = []
    overall = "optimal"
    best: dict[str, float] | None = None
    weighted = len(stages) == 1 and stages[0][0] == "weighted"
    for i, (name, expr) in enumerate(stages):
        remaining = max(0.0, time_limit - (time.perf_counter() - t_start))
        if best is not None:
            for stage, hook in m.stage_hooks:
                if stage == name.split(".")[0]:
                    for row, rhs in hook(best):
                        backend.set_rhs(row, rhs)
        budget = stage_budget(name, remaining, time_limit, i == len(stages) - 1,
                              columns=len(getattr(backend, "integer", ())) or None)
        res = solve_stage(backend, expr, budget, gap, name, seed + i, weighted=weighted)
        results.append(res)
        if res.status in ("infeasible", "no_solution", "error"):
            if best is None:
                status = "infeasible" if res.status == "infeasible" else "error"
                msg_ = ("the hard rules cannot all hold" if status == "infeasible"
                        else "no rota found within the time limit; allow more time")
                return SolveOutcome(status, None, results, time.perf_counter() - t_start,
                                    backend.name, msg_)
            overall = "feasible"  # keep the previous stage's rota
            break
        if res.status == "feasible":
            overall = "feasible"
        best = backend.values()
        if i < len(stages) - 1 and res.value is not None:
            backend.add_upper(expr, res.value + _tolerance(res.value, _integral(expr, m.implied_integer)))
    return SolveOutcome(overall, best, results, time.perf_counter() - t_start, backend.name)
