"""Building blocks the rule units share on the model side, instead of each writing its own loop.

- :func:`window_limit`: every run of ``width`` consecutive terms (days, weekends) sums to at
  most (or at least) a bound; windows wholly in the past are not this rota's to fix.
- :func:`max_run` and :func:`min_run`: bounds on the length of runs of days in a state
  (working, off, on nights), the sequence constraints of OR-Tools' shift_scheduling_sat.

The checker has its own measurements (``roster.check``): the two halves of a rule share
no constraint-building code.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import pulp

from roster.model import Expr, is_constant

if TYPE_CHECKING:
    from roster.model import Model


def window_limit(m: Model, terms: Sequence[Expr], width: int, bound: float, rule: str, *,
                 at_least: bool = False) -> None:
    """Each window of ``width`` consecutive terms sums to at most ``bound`` (at least, with
    ``at_least``). A window of constants only lies in the previous rota: skipped."""
    for i in range(len(terms) - width + 1):
        window = terms[i:i + width]
        if all(is_constant(t) for t in window):
            continue
        total = pulp.lpSum(window)
        if at_least:
            m.at_least(total, bound, rule)
        else:
            m.limit(total, bound, rule)


def max_run(m: Model, on: Callable[[int], Expr], k: int, rule: str) -> None:
    """At most ``k`` days in a row in the state ``on(d)`` (0 or 1), counting the previous
    rota's last days."""
    window_limit(m, [on(d) for d in range(-k, m.n_days)], k + 1, k, rule)


def min_run(m: Model, on: Callable[[int], Expr], k: int, rule: str, *, known_past: bool) -> None:
    """A run of days in the state ``on(d)`` lasts at least ``k`` days. A run that touches the
    end of the period, or its start when the past is unknown, never counts as too short."""
    first = -(k - 1) if known_past else 1
    for d in range(first, m.n_days):
        starts = on(d) - on(d - 1)
        for j in range(1, k):
            if d + j >= m.n_days:
                break
            if d + j < 0:
                continue
            m.limit(starts - on(d + j), 0, rule)
