"""Large-neighbourhood search on the HiGHS model: free a part of the incumbent rota, re-solve
that part exactly, keep it if it is better (docs/adr/0003-benchmark-engine.md, 0004).

Two neighbourhoods alternate: a few people (half of them drawn among those who carry the
stage's cost now), and everyone on a window of consecutive days (with the service units'
"opened" variables, which nobody owns, free as well). Their sizes adapt to how fast the
sub-problems solve.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

import highspy
import numpy as np
import pulp

from roster.solve.backend import Grid, StageResult, proven
from roster.solve.trace import progress, stop_requested, trace, trace_round

if TYPE_CHECKING:
    from roster.solve.highs import HighsBackend

SUB_SOLVE_SECONDS = 2.0  # the most one neighbourhood's re-solve may take
# a stalled search (``stall`` rounds, or STALL_MIN_ROUNDS rounds and STALL_SHARE of its time,
# without a better rota, and at least STALL_SECONDS) hands the rest to the full MIP
STALL_SECONDS, STALL_MIN_ROUNDS, STALL_SHARE = 1.0, 10, 0.25
GROW_BELOW, SHRINK_ABOVE = 0.3, 1.5  # seconds of a re-solve that grow / shrink the next one


class LocalSearch:
    def __init__(self, highs: HighsBackend, owner: dict[str, int]):
        self.highs = highs
        index, integer = highs.index, highs.integer
        int_pos = {int(c): k for k, c in enumerate(integer)}
        # integer columns per person
        groups: dict[int, list[int]] = {}
        for name, p in owner.items():
            col = index.get(name)
            if col is not None and col in int_pos:
                groups.setdefault(p, []).append(int_pos[col])
        self.groups = [np.array(sorted(g), dtype=np.int64) for _, g in sorted(groups.items())]
        # every column a person owns (their costs too), to find who carries the cost
        cols: dict[int, list[int]] = {}
        for name, p in owner.items():
            if name in index:
                cols.setdefault(p, []).append(index[name])
        self.person_cols = [np.array(sorted(cols.get(p, [])), dtype=np.int64)
                            for p, _ in sorted(groups.items())]
        # assignment columns per day (x_<person>_<day>_<shift>) and the other per-person
        # integer helpers (weekend worked, rest day...), for day-window neighbourhoods
        by_day: dict[int, list[int]] = {}
        helpers: list[int] = []
        for name in owner:
            col = index.get(name)
            if col is None or col not in int_pos:
                continue
            parts = name.split("_", 3)
            if parts[0] == "x" and len(parts) == 4 and parts[2].isdigit():
                by_day.setdefault(int(parts[2]), []).append(int_pos[col])
            else:
                helpers.append(int_pos[col])
        self.day_groups = [np.array(sorted(by_day[d]), dtype=np.int64) for d in sorted(by_day)]
        self.owner, self.int_pos = owner, int_pos  # for the weighted-mode search
        # integer columns nobody owns (a service slot opened or not) are free in a day window
        owned = {int_pos[index[n]] for n in owner if index.get(n) in int_pos}
        helpers += [k for k in range(len(integer)) if k not in owned]
        self.helper_pos = np.array(sorted(helpers), dtype=np.int64)
        position = {p: i for i, (p, _) in enumerate(sorted(groups.items()))}
        self.carriers = _carriers(highs, {index[n]: position[p] for n, p in owner.items()
                                          if n in index and p in position})

    def improve(self, expr: pulp.LpAffineExpression, time_limit: float, res: StageResult,
                seed: int, grid: Grid | None = None, stall: int | None = None) -> StageResult:
        """Keep every shift but those of a few people or of everyone on a few consecutive
        days, re-solve that part exactly, keep the result if it is better; repeat until the
        time is up, the value reaches the bound (rounded up to the ``grid`` of values the
        cost can take) or, with ``stall``, the search stalls (then the incumbent is often
        optimal and only the full MIP can prove it). The bound stays the one the full solve
        proved, so the reported gap is honest."""
        highs = self.highs
        if highs.solution is None or len(self.groups) < 2 or res.value is None:
            return res
        rng = np.random.default_rng(seed)
        cost, const = highs.cost_vector(expr)
        best = float(cost @ highs.solution) + const
        # the optimum is at least the bound rounded up to the values the cost can take
        target = res.bound if res.bound is not None else -math.inf
        if grid is not None:
            target = grid.up(target)
        t0 = time.perf_counter()
        size, width = 2, 3  # people, and days freed for everyone, in a neighbourhood
        rounds = improved = since = 0  # since: rounds since the last better rota
        t_better = t0
        days = self.day_groups
        k = len(highs.integer)
        while (time.perf_counter() - t0 < time_limit - 0.05 and best > target + 1e-6
               and not stop_requested()):
            free = np.zeros(k, dtype=bool)
            by_window = len(days) > width and rounds % 2 == 1
            if by_window:
                first = int(rng.integers(0, len(days) - width + 1))
                for g in days[first:first + width]:
                    free[g] = True
                free[self.helper_pos] = True
            else:
                for g in self.pick_people(cost, min(size, len(self.groups)), rng):
                    free[self.groups[g]] = True
            fixed = np.nonzero(~free)[0]
            highs.fix_integers(fixed, np.round(highs.solution[highs.integer[fixed]]))
            highs.set_start(highs.solution)
            left = time_limit - (time.perf_counter() - t0)
            highs.h.setOptionValue("time_limit", max(0.05, min(left, SUB_SOLVE_SECONDS)))
            t_sub = time.perf_counter()
            found = highs.run_if_feasible()
            sub_seconds = time.perf_counter() - t_sub
            if found is not None:
                value = found[1] + const
                if value < best - 1e-9:
                    best = value
                    highs.solution = found[0]
                    improved += 1
                    since, t_better = -1, time.perf_counter()
                    trace_round(f"    {'window' if by_window else 'people'} {width if by_window else size}: "
                                f"{best} at {time.perf_counter() - t0:.1f}s")
                    progress(event="value", stage=res.stage.label, value=best, bound=res.bound)
            highs.free_integers(fixed)
            rounds += 1
            since += 1
            quiet = time.perf_counter() - t_better
            if stall is not None and ((since >= stall and quiet > STALL_SECONDS)
                                      or (since >= STALL_MIN_ROUNDS and quiet > max(
                                          STALL_SECONDS, STALL_SHARE * time_limit))):
                break  # stalled: the full MIP gets the time left
            # grow the neighbourhood while sub-problems solve quickly
            if by_window:
                width = _resized(width, sub_seconds, 2, len(days) // 2)
            else:
                size = _resized(size, sub_seconds, 2, len(self.groups) // 2)
        gap = 0.0 if proven(best, target, grid) else (best - target) / max(abs(best), 1e-9)
        status = "optimal" if gap <= 1e-9 else "feasible"
        trace(f"  lns {res.stage.label}: {rounds} rounds, {improved} better, {res.value} -> {best} "
              f"(target {target}) in {time.perf_counter() - t0:.1f}s")
        return StageResult(res.stage, status, best, res.bound, gap,
                           res.seconds + time.perf_counter() - t0)

    def pick_people(self, cost: np.ndarray, size: int, rng: np.random.Generator,
                    solution: np.ndarray | None = None) -> np.ndarray:
        """People for a neighbourhood: half of them drawn among those who carry the stage's
        cost now (in proportion to it), the rest at random, so the search works where the
        cost is but can still move the others that a better rota needs. ``solution``: the
        rota to look at (default: the incumbent)."""
        solution = self.highs.solution if solution is None else solution
        if solution is None:
            raise RuntimeError("no rota to search from")
        n = len(self.groups)
        own = np.array([float(cost[c] @ solution[c]) if len(c) else 0.0 for c in self.person_cols])
        # a cost nobody owns (a shift left short) is carried by the people who could fill it
        for col in np.nonzero(cost * solution > 1e-6)[0]:
            who = self.carriers.get(int(col))
            if who is not None and len(who):
                own[who] += cost[col] * solution[col] / len(who)
        hot = np.nonzero(own > 1e-6)[0]
        k = min(len(hot), (size + 1) // 2)
        chosen = list(rng.choice(hot, size=k, replace=False, p=own[hot] / own[hot].sum())) if k else []
        rest = np.setdiff1d(np.arange(n), chosen)
        chosen += list(rng.choice(rest, size=min(size - k, len(rest)), replace=False))
        return np.array(chosen, dtype=np.int64)


SHORT_ROW = 60  # rows with more entries (a stage's value kept, a month's hours) say little


def matrix_entries(lp: highspy.HighsLp) -> tuple[np.ndarray, np.ndarray]:
    """The row and column of every nonzero of the model's matrix, whichever way HiGHS
    stores it."""
    matrix = lp.a_matrix_
    start = np.array(matrix.start_, dtype=np.int64)
    inner = np.array(matrix.index_, dtype=np.int64)
    outer = np.repeat(np.arange(len(start) - 1), np.diff(start))
    if matrix.format_ == highspy.MatrixFormat.kColwise:
        return inner, outer
    return outer, inner


def _carriers(highs: HighsBackend, position: dict[int, int]) -> dict[int, np.ndarray]:
    """For each column nobody owns (a slot's shortfall, a service unit opened): the people
    (positions in ``LocalSearch.groups``) whose columns share a short row with it, such as
    the people who may work the slot the shortfall belongs to."""
    lp = highs.h.getLp()
    rows, cols = matrix_entries(lp)
    who = np.full(lp.num_col_, -1, dtype=np.int64)
    for col, p in position.items():
        who[col] = p
    by_col, by_row = np.argsort(cols, kind="stable"), np.argsort(rows, kind="stable")
    col_start = np.searchsorted(cols[by_col], np.arange(lp.num_col_ + 1))
    row_start = np.searchsorted(rows[by_row], np.arange(lp.num_row_ + 1))
    out: dict[int, np.ndarray] = {}
    for col in np.nonzero(who < 0)[0]:
        found: set[int] = set()
        for r in rows[by_col[col_start[col]:col_start[col + 1]]]:
            a, b = row_start[r], row_start[r + 1]
            if b - a <= SHORT_ROW:
                members = who[cols[by_row[a:b]]]
                found.update(int(p) for p in members[members >= 0])
        if found:
            out[int(col)] = np.array(sorted(found), dtype=np.int64)
    return out


def _resized(size: int, seconds: float, least: int, most: int) -> int:
    """A neighbourhood one larger after a quick re-solve, one smaller after a slow one."""
    if seconds < GROW_BELOW and size < most:
        return size + 1
    if seconds > SHRINK_ABOVE and size > least:
        return size - 1
    return size
