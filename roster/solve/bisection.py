"""Close a stage's gap from both ends by asking yes-or-no questions: "is there a rota whose
cost is at most L?" (``Backend.below``), first at the least value not yet ruled out, then
halfway between that and the incumbent (docs/adr/0010-bisection-on-weak-bounds.md).

A stage whose LP bound says nothing (tidiness: a bound of 0 against a rota of 3) is proven
only if the MIP's tree is searched to the end. The same question asked as a feasibility
problem, the cost row fixed at L, is settled by presolve and propagation in a fraction of
a second in many cases; a "no" raises the proven bound to the next value above L, a "yes"
is a better rota. Such questions have a heavy tail (the same question took 0.1 s or 13 s
by HiGHS's random seed alone), so a question that runs out of its slice is asked again
with another seed and a longer slice (restarts on the Luby sequence: 1, 1, 2, 1, 1, 2, 4
slices), which finds the quick answers without giving up on the slow proofs.
"""

from __future__ import annotations

import math
import time

import pulp

from roster.model import Stage
from roster.solve.backend import Backend, Grid, StageResult, proven
from roster.solve.trace import progress, stop_requested, trace

SLICE_SECONDS = 0.5
"""The first slice of a question (restarts take 1, 1, 2, 1, 1, 2, 4 ... slices)."""
FLOOR_TRIES = 3
"""Slices (1, 1, 2 of them) spent on the floor question before asking halfway."""
SEED_STRIDE = 7919
"""Seeds of a question's restarts: the stage's seed plus multiples of a prime."""


def luby(i: int) -> int:
    """The i-th term (from 1) of the Luby sequence 1, 1, 2, 1, 1, 2, 4, 1, 1, 2, ..."""
    k = 1
    while (1 << k) - 1 < i:
        k += 1
    while i != (1 << k) - 1:
        i -= (1 << (k - 1)) - 1
        k = 1
        while (1 << k) - 1 < i:
            k += 1
    return 1 << (k - 1)


def values_between(grid: Grid, low: float, high: float) -> list[float]:
    """The values the cost can take from ``low`` up to ``high`` (both included, ascending),
    or [] if the grid has no step nor points."""
    if grid.points:
        return [v for v in grid.points if low - 1e-9 <= v <= high + 1e-9]
    if grid.step:
        first, last = round(low / grid.step), round(high / grid.step)
        return [k * grid.step for k in range(first, last + 1)]
    return []


def next_question(grid: Grid, floor: float, value: float, floor_done: bool) -> float | None:
    """The limit to ask about: the floor first (the least value not ruled out; often settled
    by presolve), then the middle of the values from the floor to just below the incumbent,
    rounded up: a "yes" or a "no" there halves the interval either way, and a "yes" (a
    better rota, which the user sees) is the quicker answer to find than a "no" to prove."""
    below = grid.below(value)
    if below is None or below < floor - 1e-9:
        return None
    if not floor_done:
        return floor
    candidates = values_between(grid, floor, below)
    if not candidates:
        return None
    return candidates[len(candidates) // 2]


def bisect_gap(backend: Backend, expr: pulp.LpAffineExpression, res: StageResult,
               seconds: float, stage: Stage, grid: Grid, seed: int) -> StageResult:
    """Narrow the stage's gap with questions for at most ``seconds``: each "no" raises the
    proven bound, each "yes" is the new incumbent (the backend keeps it). Returns the result
    with the bound and value learned, ``optimal`` once they meet."""
    t0 = time.perf_counter()
    floor = grid.up(max(res.bound if res.bound is not None else -math.inf, backend.floor(expr)))
    if not math.isfinite(floor) or res.value is None:
        return res
    floor_done = False  # the floor question has had its tries; ask halfway from now on
    asked, tries = None, 0  # the limit asked last, and how many times in a row
    while not proven(res.value, floor, grid) and not stop_requested():
        left = seconds - (time.perf_counter() - t0)
        limit = next_question(grid, floor, res.value, floor_done)
        if limit is None or left < 0.1:
            break
        tries = tries + 1 if asked is not None and abs(limit - asked) < 1e-9 else 1
        asked = limit
        test = backend.below(expr, limit, min(left, SLICE_SECONDS * luby(tries)), stage,
                             seed=(seed + SEED_STRIDE * tries) % 2147483647)
        res.seconds += test.seconds
        trace(f"    ask {stage.label} <= {limit} (try {tries}): {test.status} in {test.seconds:.1f}s")
        if test.status == "infeasible":
            floor = grid.up(limit + grid.gap() / 2)  # the next value the cost can take
            asked = None
            progress(event="value", stage=stage.label, value=res.value, bound=floor)
        elif test.status == "feasible" and test.value is not None:
            res.value, asked = test.value, None  # the rota the backend holds now (<= limit)
            floor_done = True
            progress(event="value", stage=stage.label, value=res.value, bound=floor)
        elif test.status == "no_solution":
            if limit == floor and tries >= FLOOR_TRIES:
                floor_done = True
        else:
            break  # an error: leave the stage as it is
    res.bound = floor if res.bound is None else max(res.bound, floor)
    trace(f"  bisect {stage.label}: {res.value}/{floor} in {time.perf_counter() - t0:.1f}s of {seconds:.1f}")
    if proven(res.value, floor, grid):
        res.status, res.bound, res.gap = "optimal", res.value, 0.0
    else:
        res.gap = max(0.0, (res.value - floor) / max(abs(res.value), 1e-9))
    return res
