"""Hours: each person's contract band, the 7-day maximum, caps per shift type."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pulp

from roster.rules import rule

if TYPE_CHECKING:
    from roster.model import Model


@rule("contract_hours", "Stillingsprosent x weekly hours (KS HTA § 4) within a tolerance; "
      "benchmarks: total minutes band")
def contract_hours(m: Model) -> None:
    """Planned hours fall within the person's band for the period (after absences). Hours
    above the band are never planned; hours below it are minimised right after base
    coverage and reported (there may not be enough shifts to give everyone their hours)."""
    for p in m.persons():
        band = m.bands[p]
        minutes = pulp.lpSum(m.worked_minutes(p, d) for d in range(m.n_days))
        if len(minutes) == 0:
            if band.min > 0 and m.scenario.objective_mode != "weighted":
                m.cost("hours", band.min / 60, rule="contract_hours")
            continue
        m.limit(minutes, band.max, "hours")
        if band.min > 0:
            if m.scenario.objective_mode == "weighted":
                m.at_least(minutes, band.min, "hours")
            else:
                short = m.continuous("hours_short", owner=p)
                m.add(minutes + short >= band.min)
                m.cost("hours", short * (1 / 60), rule="contract_hours")


@rule("max_hours_7_days", "AML § 10-5 (2): at most 48 hours in any 7 days (averaged by agreement)")
def max_hours_7_days(m: Model) -> None:
    """Paid hours in any 7 consecutive days stay within the limit."""
    limit = m.scenario.rules.max_hours_per_7_days
    if not limit:
        return
    cap = round(limit * 60)
    longest = max((s.paid_minutes for s in m.shifts.values()), default=0)
    if longest * 7 <= cap:
        return  # cannot bind: seven of the longest shifts fit
    for p in m.persons():
        for t in range(-6, m.n_days - 6):
            window = [m.worked_minutes(p, d) for d in range(t, t + 7)]
            if all(isinstance(w, int) for w in window):
                continue
            m.limit(pulp.lpSum(window), cap, "hours_7_days")


@rule("max_shifts_per_type", "Benchmarks / scenario: at most N shifts of a type per person")
def max_shifts_per_type(m: Model) -> None:
    """A person works at most their cap of each shift type in the period."""
    for p in m.persons():
        for code, cap in m.staff[p].rules.max_shifts.items():
            vars_ = [m.x[(p, d, code)] for d in range(m.n_days) if (p, d, code) in m.x]
            if len(vars_) > cap:
                m.limit(pulp.lpSum(vars_), cap, "max_shifts")
