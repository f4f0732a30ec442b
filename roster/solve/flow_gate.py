"""Whether the run flow pays (weighted mode, ADR 0011): keep it only where it lifts the LP.

The flow (``rules.blocks.run_flow``) gives the convex hull of one person's lines under the
run rules, at five to ten times the model's columns. Where the cover pulls lines towards
fractional runs the LP rises with it (Curtois Instance4: 1261 -> 1488, Instance5: 712 ->
904) and the MIP proves optima it could not before. Where it does not (Instance9: 38.9
either way; Instances 10-12: under 0.2 %) only the size is left: HiGHS's root then reaches
a weaker bound in the same seconds (Instance9: 194 against 373 after 12 s) and the search
ends worse (465 against 439). So the planner solves both LP relaxations (interior point)
in a small share of the time limit and keeps the flow when its LP is at least
``FLOW_LP_RISE`` higher; an LP that does not finish in its share is a model too large for
the flow to pay.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

import numpy as np

from roster.solve.driver import weighted_problem
from roster.solve.highs import OPTIMAL, HighsBackend
from roster.solve.trace import trace

if TYPE_CHECKING:
    from roster.model import Model

FLOW_LP_RISE = 0.01
"""Keep the flow when it lifts the LP bound by at least this share of the bound."""
FLOW_CHECK_SHARE = 0.05
"""Of the time limit, for the two LP relaxations together."""


def lp_bound(m: Model, seconds: float) -> float | None:
    """The LP relaxation's value of the model's weighted costs (to the interior point
    method's tolerance); None when it does not finish within ``seconds``."""
    if seconds <= 0.01:
        return None
    weighted_problem(m)
    b = HighsBackend(m.prob, None, False, 0, owner=m.owner)
    h = b.h
    cost, const = b.cost_vector(m.weighted_expr())
    h.changeColsCost(len(cost), np.arange(len(cost), dtype=np.int32), cost)
    if len(b.integer):
        h.changeColsIntegrality(len(b.integer), b.integer, np.zeros(len(b.integer), dtype=np.uint8))
    h.setOptionValue("time_limit", float(seconds))
    # the value is all we need: interior point without crossover is 2-4 times faster than
    # simplex here (Instance8's flow LP: 1.2 s against 5 s)
    h.setOptionValue("solver", "ipm")
    h.setOptionValue("run_crossover", "off")
    h.run()
    if h.getModelStatus() != OPTIMAL:
        return None
    value = float(h.getInfo().objective_function_value) + const
    return value if math.isfinite(value) else None


def flow_pays(with_flow: Model, rows_only: Model, seconds: float) -> bool:
    """True when ``with_flow``'s LP bound is at least ``FLOW_LP_RISE`` above ``rows_only``'s,
    both solved within ``seconds`` in all."""
    t0 = time.perf_counter()
    rows = lp_bound(rows_only, seconds)
    flow = None if rows is None else lp_bound(with_flow, seconds - (time.perf_counter() - t0))
    pays = rows is not None and flow is not None and flow - rows >= FLOW_LP_RISE * max(abs(flow), 1.0)
    trace(f"  run flow: LP {rows} without, {flow} with -> {'kept' if pays else 'left out'} "
          f"({time.perf_counter() - t0:.1f}s)")
    return pays

