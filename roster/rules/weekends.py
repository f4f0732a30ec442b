"""Weekends and Sundays: weekend frequency, weekends per period, Sunday/holiday rest."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from typing import TYPE_CHECKING

import pulp

from roster.calendar import classify
from roster.rules import rule

if TYPE_CHECKING:
    from roster.model import Model


def _saturdays(m: Model, back: int) -> list[dt.date]:
    """Saturdays of the weekends touching the period, plus ``back`` weekends before it."""
    first = m.date0 - dt.timedelta(days=(m.date0.weekday() - 5) % 7)
    sats = []
    d = first - dt.timedelta(weeks=back)
    last = m.date0 + dt.timedelta(days=m.n_days - 1)
    while d <= last:
        sats.append(d)
        d += dt.timedelta(weeks=1)
    return sats


@rule("weekend_frequency", "Helgebelastning: at most every Nth weekend (default 3, usual "
      "practice and KS HTA § 4.2.2)")
def weekend_frequency(m: Model) -> None:
    """In any N consecutive weekends a person works at most one (counting the previous
    rota's weekends). A weekend is worked if Saturday or Sunday has a shift."""
    for p in m.persons():
        n = m.person_rule(p, "weekend_every")
        if not n or n < 2:
            continue
        sats = _saturdays(m, back=n - 1)
        for i in range(len(sats) - n + 1):
            window = [m.weekend_worked(p, s) for s in sats[i:i + n]]
            if all(isinstance(w, int) for w in window):
                continue
            m.limit(pulp.lpSum(window), 1, "weekend")


@rule("max_weekends", "Benchmarks / scenario: at most N weekends worked in the period")
def max_weekends(m: Model) -> None:
    """A person works at most N weekends within the period."""
    for p in m.persons():
        n = m.person_rule(p, "max_weekends")
        if n is None:
            continue
        worked = [m.weekend_worked(p, s) for s in _saturdays(m, back=0)
                  if s >= m.date0 - dt.timedelta(days=1)]
        if any(not isinstance(w, int) for w in worked):
            m.limit(pulp.lpSum(worked), n, "max_weekends")


@rule("sunday_holiday_rest", "AML § 10-8 (4): after a Sunday or holiday worked, the next "
      "Sunday or holiday off")
def sunday_holiday_rest(m: Model) -> None:
    """Whoever works a Sunday or public holiday is off on the next one."""
    if not m.scenario.rules.sunday_holiday_rest:
        return
    dates = []
    for d in range(-14, m.n_days):
        date = m.date_of(d)
        day = m.days[d] if d >= 0 else classify(date, m.scenario.calendar)
        if day.is_sunday_or_holiday:
            dates.append(d)
    for p in m.persons():
        for a, b in pairwise(dates):
            wa, wb = m.work(p, a), m.work(p, b)
            if isinstance(wa, int) and isinstance(wb, int):
                continue
            m.limit(wa + wb, 1, "sunday_rest")
