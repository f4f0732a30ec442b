"""Large-neighbourhood search for weighted mode (public benchmarks, ADR 0008).

The staged Norwegian mode keeps ``LocalSearch.improve``; this policy differs where the
Curtois & Qu instances showed it pays:

- three neighbourhoods: a few people over the whole horizon, everyone on a window of
  consecutive days, and a focused block (a cost drawn by its amount, a window around its
  day, people who carry it or could fill it and others at random); each has its own size,
  grown while its re-solves end early and shrunk when they hit their time limit;
- short re-solves (``SUB_SECONDS``), given more time while the search finds nothing;
- an objective cutoff: each re-solve is asked only for a rota better than the incumbent
  (HiGHS's ``objective_bound``), so one that cannot improve ends as soon as its bound says so;
- with two HiGHS threads, two workers search at once on their own copies of the model and
  share the incumbent (a result found from an older incumbent is merged into the new one);
- once the search stalls, the full MIP from the incumbent for a slice of the time.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import highspy
import numpy as np
import pulp

from roster.highs_threads import new_highs, process_threads
from roster.solve.backend import Grid, StageResult, proven
from roster.solve.search import SHORT_ROW, matrix_entries
from roster.solve.trace import progress, stop_requested, trace, trace_round

if TYPE_CHECKING:
    from roster.solve.highs import HighsBackend
    from roster.solve.search import LocalSearch


SUB_SECONDS = 0.6  # the most one re-solve may take (before escalation)
GROW_SHARE = 0.4  # a re-solve done within this share of its time grows the next one
ESCALATE_ROUNDS = 60  # rounds without a better rota that double a re-solve's time ...
MAX_ESCALATION = 8  # ... up to this factor
FULL_AFTER_ROUNDS = 150  # rounds without a better rota before a full MIP from the incumbent ...
FULL_SHARE = 0.1  # ... for this share of the search's time
PORTFOLIO_AT = 0.4  # with two workers, the first runs the full MIP from this share of the search on
WORKERS = 2  # search threads, at most HiGHS's thread count for the process
KINDS = ("people", "window", "block")
SOLUTION_FEASIBLE = highspy.SolutionStatus.kSolutionStatusFeasible


class WeightedSearch:
    def __init__(self, ls: LocalSearch):
        self.ls = ls
        highs = ls.highs
        index, int_pos = highs.index, ls.int_pos
        persons = sorted({p for n, p in ls.owner.items() if index.get(n) in int_pos})
        position = {p: i for i, p in enumerate(persons)}
        n_days = len(ls.day_groups)
        day_pos = {d: i for i, d in enumerate(sorted(
            {int(n.split("_", 3)[2]) for n in ls.owner if n.startswith("x_") and n in index
             and index[n] in int_pos}))}
        cells: list[list[list[int]]] = [[[] for _ in range(n_days)] for _ in persons]
        helpers: list[list[int]] = [[] for _ in persons]
        for name, p in ls.owner.items():
            col = index.get(name)
            if col is None or col not in int_pos or p not in position:
                continue
            parts = name.split("_", 3)
            if parts[0] == "x" and len(parts) == 4 and parts[2].isdigit():
                cells[position[p]][day_pos[int(parts[2])]].append(int_pos[col])
            else:
                helpers[position[p]].append(int_pos[col])
        self.cells = [[np.array(c, dtype=np.int64) for c in row] for row in cells]
        self.helpers = [np.array(h, dtype=np.int64) for h in helpers]
        # the day of each column (assignments), to place the cost nobody owns on its days
        self.col_day = np.full(len(highs.names), -1, dtype=np.int64)
        for row in cells:
            for d, c in enumerate(row):
                self.col_day[highs.integer[np.array(c, dtype=np.int64)]] = d
        self.n_days = n_days
        self.other_days = _column_days(highs, self.col_day)
        self.col_person = np.full(len(highs.names), -1, dtype=np.int64)
        for i, cols in enumerate(ls.person_cols):
            self.col_person[cols] = i

    # --- the cost, by person and by day ---------------------------------------------------
    def day_cost(self, cost: np.ndarray, solution: np.ndarray) -> np.ndarray:
        """The cost on each day: an assignment's own, and a cost nobody owns (a slot short)
        on the days of the assignment columns it shares a row with."""
        out = np.zeros(self.n_days)
        paid = cost * solution
        for col in np.nonzero(paid > 1e-6)[0]:
            d = self.col_day[col]
            if d >= 0:
                out[d] += paid[col]
            else:
                days = self.other_days.get(int(col))
                if days is not None and len(days):
                    out[days] += paid[col] / len(days)
        return out

    # --- the search -------------------------------------------------------------------------
    def improve(self, expr: pulp.LpAffineExpression, time_limit: float, res: StageResult,
                seed: int, grid: Grid | None = None) -> StageResult:
        """Free a neighbourhood of the incumbent, re-solve it for a better rota, repeat until
        the time is up or the value reaches the bound (rounded up to the ``grid``). With more
        than one HiGHS thread, as many workers search at once (HiGHS's MIP uses one core for
        most of a small solve), each on its own copy of the model, sharing the incumbent."""
        ls, highs = self.ls, self.ls.highs
        if highs.solution is None or len(ls.groups) < 2 or res.value is None:
            return res
        cost, const = highs.cost_vector(expr)
        target = res.bound if res.bound is not None else -math.inf
        if grid is not None:
            target = grid.up(target)
        # the first MIP finished its root (its bound is above the least value the columns
        # allow): the full MIP is then worth one of the threads (Instance12's root takes
        # longer than the whole search, so there it is not)
        root_done = res.bound is not None and res.bound > highs.lowest(cost) + const + 1e-9
        state = _State(best=float(cost @ highs.solution) + const, solution=highs.solution,
                       target=target, t0=time.perf_counter(), time_limit=time_limit)
        step = grid.gap() if grid is not None and grid.step else 0.0
        workers = [_Worker(self, highs.h, np.random.default_rng(seed))]
        # one worker where the root is slow: measured on Instance12 (load 2-3), two workers
        # ended at 4 424 - 5 331 against 4 412 - 4 555 for one (their re-solves slower,
        # their neighbourhoods smaller); elsewhere the second thread pays (item 5, ADR 0008)
        for i in range(1, min(WORKERS, process_threads()) if root_done else 1):
            copy = new_highs()
            copy.passModel(highs.h.getModel())
            for name in ("output_flag", "threads", "mip_abs_gap", "mip_rel_gap"):
                copy.setOptionValue(name, highs.h.getOptionValue(name)[1])
            copy.setOptionValue("random_seed", int(seed + 1000 * i) % 2147483647)
            workers.append(_Worker(self, copy, np.random.default_rng(seed + 1000 * i)))
        threads = [threading.Thread(target=w.run, args=(state, cost, const, step), daemon=True)
                   for w in workers[1:]]
        for t in threads:
            t.start()
        shown = state.best
        try:
            # the first worker runs in this thread: progress events and stop requests
            # belong to it (roster.solve.trace)
            portfolio = len(workers) > 1 and root_done
            while workers[0].round(state, cost, const, step):
                elapsed = time.perf_counter() - state.t0
                if portfolio and elapsed > PORTFOLIO_AT * time_limit and state.running():
                    # the full MIP from the search's rota for the rest of the time, while
                    # the other worker keeps searching (Instances 5 and 11 need the MIP, 8
                    # and 12 the search)
                    portfolio = False
                    self.full_mip(state, const, res, time_limit - elapsed)
                elif state.since >= FULL_AFTER_ROUNDS and state.running():
                    self.full_mip(state, const, res)  # the other workers keep searching
                if state.best < shown:
                    shown = state.best
                    progress(event="value", stage=res.stage.label, value=shown, bound=res.bound)
                if stop_requested():
                    state.stop = True
        finally:
            state.stop = True
            for t in threads:
                t.join()
            highs.h.setOptionValue("objective_bound", highspy.kHighsInf)
        highs.solution = state.solution
        best = state.best
        if state.bound > -math.inf and (res.bound is None or state.bound > res.bound):
            res = replace(res, bound=state.bound)
            target = max(target, grid.up(state.bound) if grid is not None else state.bound)
        gap = 0.0 if proven(best, target, grid) else (best - target) / max(abs(best), 1e-9)
        status = "optimal" if gap <= 1e-9 else "feasible"
        trace(f"  lns-w {res.stage.label}: {len(workers)} workers, "
              f"{sum(w.rounds for w in workers)} rounds, {state.improved} better "
              f"{[dict(w.found_by) for w in workers]}, sizes {[w.size for w in workers]}, "
              f"full MIP {state.full_better}/{state.full_runs}, "
              f"{res.value} -> {best} (target {target}) in {time.perf_counter() - state.t0:.1f}s")
        return StageResult(res.stage, status, best, res.bound, gap,
                           res.seconds + time.perf_counter() - state.t0)

    def full_mip(self, state: _State, const: float, res: StageResult,
                 seconds: float | None = None) -> None:
        """The whole model from the incumbent for a slice of the time, once the search has
        stalled: HiGHS's own heuristics (RINS, RENS) work on the whole rota from a good
        start, where a neighbourhood of a few people cannot reach (Instance5: 1441 -> 1246
        in 9 s after 45 s of search without it)."""
        h = self.ls.highs.h
        left = state.time_limit - (time.perf_counter() - state.t0)
        h.setOptionValue("objective_bound", highspy.kHighsInf)
        with state.lock:
            solution, state.since = state.solution, 0
        start = highspy.HighsSolution()
        start.col_value = list(solution)
        start.value_valid = True
        h.setSolution(start)
        share = FULL_SHARE * state.time_limit if seconds is None else seconds
        h.setOptionValue("time_limit", max(0.05, min(left - 0.05, share)))
        h.run()
        info = h.getInfo()
        if math.isfinite(info.mip_dual_bound):
            state.bound = max(state.bound, float(info.mip_dual_bound) + const)
        if h.getModelStatus() == highspy.HighsModelStatus.kOptimal:
            state.bound = max(state.bound, float(info.objective_function_value) + const)
        if info.primal_solution_status == SOLUTION_FEASIBLE:
            value = float(info.objective_function_value) + const
            with state.lock:
                if value < state.best - 1e-9:
                    state.best, state.solution = value, np.array(h.getSolution().col_value)
                    state.improved += 1
                    state.full_better += 1
        state.full_runs += 1
        trace_round(f"    full MIP: {state.best} at {time.perf_counter() - state.t0:.1f}s")

    def pick_people(self, cost: np.ndarray, solution: np.ndarray, size: int,
                    rng: np.random.Generator) -> np.ndarray:
        """``LocalSearch.pick_people`` on a given rota (workers share the incumbent)."""
        return self.ls.pick_people(cost, size, rng, solution=solution)

    def focus(self, cost: np.ndarray, solution: np.ndarray, width: int, size: int,
              rng: np.random.Generator) -> tuple[int, np.ndarray]:
        """A block around one cost: a cost drawn in proportion to its amount (a request not
        met, a slot short or over), a window of ``width`` days around its day, and ``size``
        people: up to half of them among those who carry it or could fill it, the rest at
        random (whom a better rota must move to make room)."""
        paid = cost * solution
        cols = np.nonzero(paid > 1e-6)[0]
        n_people = len(self.ls.groups)
        if len(cols) == 0:
            return int(rng.integers(0, max(1, self.n_days - width + 1))), \
                rng.choice(n_people, size=size, replace=False)
        col = int(rng.choice(cols, p=paid[cols] / paid[cols].sum()))
        if self.col_day[col] >= 0:
            day = int(self.col_day[col])
        else:
            days = self.other_days.get(col)
            day = int(rng.choice(days)) if days is not None and len(days) else int(rng.integers(self.n_days))
        first = min(max(0, day - int(rng.integers(0, width))), max(0, self.n_days - width))
        who = self.ls.carriers.get(col)
        if who is None:
            who = np.array([self.col_person[col]] if self.col_person[col] >= 0 else [], dtype=np.int64)
        k = min(len(who), (size + 1) // 2)
        chosen = list(rng.choice(who, size=k, replace=False)) if k else []
        rest = np.setdiff1d(np.arange(n_people), chosen)
        chosen += list(rng.choice(rest, size=min(size - k, len(rest)), replace=False))
        return first, np.array(chosen, dtype=np.int64)

    def pick_window(self, cost: np.ndarray, solution: np.ndarray, width: int,
                    rng: np.random.Generator) -> int:
        """The first day of a window: half the time where the cost is, else at random."""
        starts = self.n_days - width + 1
        if starts <= 1:
            return 0
        if rng.random() < 0.5:
            per_day = self.day_cost(cost, solution)
            sums = np.convolve(per_day, np.ones(width), mode="valid")[:starts]
            if sums.sum() > 1e-9:
                return int(rng.choice(starts, p=sums / sums.sum()))
        return int(rng.integers(0, starts))


@dataclass
class _State:
    """What the workers share: the incumbent and when to stop."""

    best: float
    solution: np.ndarray
    target: float
    t0: float
    time_limit: float
    improved: int = 0
    since: int = 0  # rounds (of all workers) since the last better rota
    full_runs: int = 0
    bound: float = -math.inf  # a bound the full MIP proved during the search
    full_better: int = 0
    stop: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def running(self) -> bool:
        return (not self.stop and self.best > max(self.target, self.bound) + 1e-6
                and time.perf_counter() - self.t0 < self.time_limit - 0.05)


class _Worker:
    """One search thread: its own HiGHS copy of the model, its own neighbourhood sizes."""

    def __init__(self, search: WeightedSearch, h: highspy.Highs, rng: np.random.Generator):
        self.search, self.h, self.rng = search, h, rng
        self.size = {"people": 2, "window": 3, "block": 4}
        self.width = 7  # days of a block
        self.rounds = 0
        self.found_by = dict.fromkeys(KINDS, 0)
        highs = search.ls.highs
        self.integer, self.int_lb, self.int_ub = highs.integer, highs.int_lb, highs.int_ub

    def merged(self, current: np.ndarray, found: np.ndarray, free: np.ndarray,
               const: float) -> tuple[np.ndarray, float] | None:
        """``current`` with the integer columns at positions ``free`` taken from ``found``,
        the continuous columns re-optimised (one run with every integer fixed); None if that
        rota breaks a row."""
        h, cols = self.h, self.integer
        values = np.round(current[cols])
        values[free] = np.round(found[cols[free]])
        h.changeColsBounds(len(cols), cols, values, values)
        h.setOptionValue("objective_bound", highspy.kHighsInf)
        h.setOptionValue("time_limit", SUB_SECONDS)
        try:
            h.run()
            info = h.getInfo()
            if info.primal_solution_status != SOLUTION_FEASIBLE:
                return None
            return np.array(h.getSolution().col_value), float(info.objective_function_value) + const
        finally:
            h.changeColsBounds(len(cols), cols, self.int_lb, self.int_ub)

    def run(self, state: _State, cost: np.ndarray, const: float, step: float) -> None:
        try:
            while self.round(state, cost, const, step):
                pass
        finally:
            self.h.setOptionValue("objective_bound", highspy.kHighsInf)

    def round(self, state: _State, cost: np.ndarray, const: float, step: float) -> bool:
        """One neighbourhood re-solved; False once the search is over."""
        if not state.running():
            return False
        search, ls, rng, h = self.search, self.search.ls, self.rng, self.h
        n_people, n_days = len(ls.groups), search.n_days
        with state.lock:
            solution, best = state.solution, state.best
        kind = KINDS[self.rounds % len(KINDS)] if n_days > 7 else "people"
        size = self.size
        free = np.zeros(len(self.integer), dtype=bool)
        if kind == "people":
            for g in search.pick_people(cost, solution, min(size[kind], n_people), rng):
                free[ls.groups[g]] = True
        elif kind == "window":
            w = min(size[kind], n_days)
            first = search.pick_window(cost, solution, w, rng)
            for g in ls.day_groups[first:first + w]:
                free[g] = True
            free[ls.helper_pos] = True
        else:
            w = min(self.width, n_days)
            first, people = search.focus(cost, solution, w, min(size[kind], n_people), rng)
            for g in people:
                for d in range(first, first + w):
                    free[search.cells[g][d]] = True
                free[search.helpers[g]] = True
        fixed = np.nonzero(~free)[0]
        cols = self.integer[fixed]
        values = np.round(solution[cols])
        h.changeColsBounds(len(cols), cols, values, values)
        if step > 0:  # a whole-valued cost: only a better rota will do
            h.setOptionValue("objective_bound", best - const - 0.5 * step)
        else:
            start = highspy.HighsSolution()
            start.col_value = list(solution)
            start.value_valid = True
            h.setSolution(start)
        left = state.time_limit - (time.perf_counter() - state.t0)
        # a search that keeps finding nothing gives its sub-problems more time (and so, by
        # the growth rule below, more room): small instances need whole-horizon moves of
        # many people that a short re-solve cannot finish
        budget = SUB_SECONDS * min(MAX_ESCALATION, 2 ** (state.since // ESCALATE_ROUNDS))
        sub_limit = max(0.05, min(left, budget))
        h.setOptionValue("time_limit", sub_limit)
        t_sub = time.perf_counter()
        h.run()
        sub_seconds = time.perf_counter() - t_sub
        info = h.getInfo()
        found = None
        if info.primal_solution_status == SOLUTION_FEASIBLE:
            found = np.array(h.getSolution().col_value), float(info.objective_function_value) + const
        h.changeColsBounds(len(cols), cols, self.int_lb[fixed], self.int_ub[fixed])
        done = sub_seconds < sub_limit * 0.95  # solved, or proven unable to improve
        if found is not None and found[1] < best - 1e-9:
            with state.lock:
                current = state.solution
            if current is not solution:
                # another worker moved the incumbent meanwhile: this neighbourhood's new
                # values on top of the incumbent of now, if that is still a valid rota
                found = self.merged(current, found[0], np.nonzero(free)[0], const) or found
            with state.lock:
                if found[1] < state.best - 1e-9:
                    state.best, state.solution = found[1], found[0]
                    state.improved += 1
                    state.since = -1
                    self.found_by[kind] += 1
                    trace_round(f"    {kind} {size[kind]}x{self.width}: {state.best} at "
                                f"{time.perf_counter() - state.t0:.1f}s")
        self.rounds += 1
        with state.lock:
            state.since += 1
        most = n_days if kind == "window" else n_people
        if done and sub_seconds < GROW_SHARE * budget:
            if kind == "block" and (size[kind] >= most or rng.random() < 0.5) and self.width < n_days:
                self.width += 1  # a block grows in days or in people
            elif size[kind] < most:
                size[kind] += 1
        elif not done:
            if kind == "block" and self.width > 7 and rng.random() < 0.5:
                self.width -= 1
            elif size[kind] > 2:
                size[kind] -= 1
        return True


def _column_days(highs: HighsBackend, col_day: np.ndarray) -> dict[int, np.ndarray]:
    """For each column that is not an assignment (a slot's shortfall): the days of the
    assignment columns it shares a short row with."""
    lp = highs.h.getLp()
    rows, cols = matrix_entries(lp)
    by_row = np.argsort(rows, kind="stable")
    row_start = np.searchsorted(rows[by_row], np.arange(lp.num_row_ + 1))
    row_len = np.diff(row_start)
    out: dict[int, np.ndarray] = {}
    others = col_day[cols] < 0
    for col, r in zip(cols[others].tolist(), rows[others].tolist(), strict=True):
        if row_len[r] > SHORT_ROW:
            continue
        members = col_day[cols[by_row[row_start[r]:row_start[r + 1]]]]
        days = members[members >= 0]
        if len(days):
            out[col] = np.union1d(out.get(col, np.array([], dtype=np.int64)), days)
    return out
