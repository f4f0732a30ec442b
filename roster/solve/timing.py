"""The time policy: how much of the limit each stage gets, and how a stage splits its time
between the first full MIP, the local search and the full MIP again (ADR 0004, 0007)."""

from __future__ import annotations

from dataclasses import dataclass

from roster.model import Priority, Stage

# Stages below the service level are polish: each may use at most this share of the
# whole time limit, so a hard-to-prove tidiness stage cannot hold the rota back.
STAGE_TIME_CAP: dict[Priority, float] = {
    Priority.ROBUST: 0.2, Priority.FAIRNESS: 0.5, Priority.WISHES: 0.15, Priority.STABILITY: 0.2,
    Priority.TIDINESS: 0.5,
}
STAGE_SHARE = 0.6  # of what is left, for a stage that is not the last

# A polish stage's time also scales with the model: POLISH_MIN_SECONDS plus seconds per
# integer column above POLISH_FREE_COLUMNS, so a small unit's rota is not held back by its
# tidiness stage while a 25-staff month gets the time its search needs (ADR 0004). Fairness
# is a stage a unit leader sees (ADR 0007): it keeps its share of the limit but is not cut
# to the polish allowance, and ends as soon as it is proven.
POLISH_PRIORITIES = frozenset({Priority.ROBUST, Priority.WISHES, Priority.STABILITY, Priority.TIDINESS})
BISECT_PRIORITIES = frozenset({Priority.TIDINESS})
"""Stages whose gap is closed by yes-or-no questions (ADR 0010; measured on tidiness only)."""
POLISH_SECONDS_PER_COLUMN = 0.009
POLISH_FREE_COLUMNS = 300
POLISH_MIN_SECONDS = 5.0


@dataclass(frozen=True)
class SearchShares:
    """How one stage spends its time: the first full MIP gets ``probe`` of it (at most
    ``probe_max`` seconds when it starts from an earlier stage's rota: its job is the bound,
    which a small model's LP gives at once), local search runs to ``lns_end`` of it, then the
    full MIP again; below ``min_budget`` seconds a stage is one full MIP run."""

    probe: float
    lns_end: float
    min_budget: float
    probe_max: float | None
    close: float
    """After the first MIP, at most this share of the stage asks whether a rota one value
    better than the incumbent exists (``driver.close_gap``)."""
    bisect: float
    """In the tidiness stage (``BISECT_PRIORITIES``: LP bound 0 by design), this share of the
    time left after the local search asks yes-or-no questions that narrow the gap from both
    ends (``bisection.bisect_gap``); the full MIP gets the rest. Elsewhere the full MIP
    from the incumbent proved faster (a sick month's service stage took 17 s instead of
    5 s with questions, ADR 0010)."""
    stall: int | None
    """Local search hands the rest of its time to the full MIP after this many rounds in a
    row without a better rota, or sooner after a quarter of its time (``search.STALL_*``):
    with a small model the incumbent is then usually optimal and only the MIP can prove it.
    None: never (weighted mode)."""


STAGED = SearchShares(probe=0.15, lns_end=0.6, min_budget=4.0, probe_max=1.0, close=0.25,
                      bisect=0.85, stall=40)
WEIGHTED = SearchShares(probe=0.1, lns_end=0.85, min_budget=10.0, probe_max=None, close=0.0,
                        bisect=0.0, stall=None)
"""Weighted mode (public benchmarks): a short first MIP (its bound, and the proof on small
instances), the local search most of the time (with two threads, one of them runs the full
MIP from the search's rota for its second half: ``weighted_search.PORTFOLIO_AT``), the full
MIP again at the end (ADR 0008; was 40 % / 75 %, ADR 0003)."""


def stage_budget(stage: Stage, remaining: float, time_limit: float, last: bool,
                 columns: int | None = None) -> float:
    """Seconds for one stage: 60 % of what is left (all of it for the last stage), for the
    stages below the service level at most their share of the limit, and for the polish
    stages (not fairness) at most their allowance by model size."""
    cap = STAGE_TIME_CAP.get(stage.priority)
    budget = remaining if last else remaining * STAGE_SHARE
    if cap is not None:
        budget = min(budget, max(1.0, cap * time_limit))
        if columns is not None and stage.priority in POLISH_PRIORITIES:
            budget = min(budget, max(POLISH_MIN_SECONDS, POLISH_SECONDS_PER_COLUMN
                                     * (columns - POLISH_FREE_COLUMNS)))
    return max(0.05, min(budget, remaining))
