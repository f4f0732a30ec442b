"""Sequences of working days: maximum run of working days, minimum blocks of work and rest."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pulp

from roster.rules import rule

if TYPE_CHECKING:
    from roster.model import Model


def _has_history(m: Model, p: int) -> bool:
    sid = m.staff[p].id
    return any(s == sid for s, _ in m.history)


@rule("max_consecutive_days", "Planner default 6 (the law has no number; AML § 10-8 (2) "
      "weekly rest limits it indirectly); benchmarks: per person")
def max_consecutive_days(m: Model) -> None:
    """At most K working days in a row, counting the previous rota's last days."""
    for p in m.persons():
        k = m.person_rule(p, "max_consecutive_days")
        if not k:
            continue
        for d in range(-k, m.n_days - k):
            window = [m.work(p, t) for t in range(d, d + k + 1)]
            if all(isinstance(w, int) for w in window):
                continue
            m.limit(pulp.lpSum(window), k, "consecutive")


@rule("min_consecutive_days", "Benchmarks / scenario: working blocks of at least N days")
def min_consecutive_days(m: Model) -> None:
    """A block of working days is at least N days long. A block that touches the edge of
    the period (with no known history) never counts as too short."""
    for p in m.persons():
        k = m.person_rule(p, "min_consecutive_days")
        if not k or k < 2:
            continue
        first = -(k - 1) if _has_history(m, p) else 1
        for d in range(first, m.n_days):
            starts = m.work(p, d) - m.work(p, d - 1)
            for j in range(1, k):
                if d + j >= m.n_days:
                    break
                if d + j < 0:
                    continue
                m.limit(starts - m.work(p, d + j), 0, "min_block")


@rule("min_days_off", "Benchmarks / scenario: at least N consecutive days off")
def min_days_off(m: Model) -> None:
    """A stretch of days off is at least N days long (edges as for working blocks)."""
    for p in m.persons():
        k = m.person_rule(p, "min_days_off")
        if not k or k < 2:
            continue
        first = -(k - 1) if _has_history(m, p) else 1
        for d in range(first, m.n_days):
            ends_work = m.work(p, d - 1) - m.work(p, d)
            for j in range(1, k):
                if d + j >= m.n_days:
                    break
                if d + j < 0:
                    continue
                m.limit(ends_work + m.work(p, d + j), 1, "min_days_off")
