"""Each person's contract hours for the period: the band their planned hours must fall in.

Planned hours = stillingsprosent x weekly hours x (days in the period / 7), less the share
of each absent day (a 50 % graded absence takes half a day), less 1/5 of the weekly hours
for each public holiday on Monday-Friday when the rule pack says so. The band is that
figure plus/minus the tolerance. A benchmark scenario may give the band in minutes
directly (``min_minutes``/``max_minutes`` on the person), which then wins.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roster.calendar import Day
from roster.scenario import Scenario, Staff


@dataclass(frozen=True)
class HoursBand:
    """Minutes a person should work in the period: target, and the allowed min and max."""

    target: int
    min: int
    max: int

    @property
    def target_hours(self) -> float:
        return round(self.target / 60, 2)


def absent_share(scenario: Scenario, staff_id: str, date: dt.date) -> float:
    """How much of this date the person is away (1.0 = all day, 0.5 = 50 % graded leave)."""
    share = 0.0
    for a in scenario.absences:
        if a.staff == staff_id and a.covers(date):
            share = max(share, a.percent / 100)
    return share


def fully_absent(scenario: Scenario, staff_id: str, date: dt.date) -> bool:
    return absent_share(scenario, staff_id, date) >= 1.0


def hours_band(scenario: Scenario, person: Staff, days: list[Day]) -> HoursBand:
    """The contract band for one person over the given days."""
    rules = scenario.rules
    r = person.rules
    if r.min_minutes is not None or r.max_minutes is not None:
        lo = r.min_minutes if r.min_minutes is not None else 0
        hi = r.max_minutes if r.max_minutes is not None else 10**7
        target = (lo + hi) // 2 if r.max_minutes is not None else lo
        return HoursBand(target=target, min=lo, max=hi)
    per_day = person.fte * rules.hours_per_week * 60 / 7
    minutes = 0.0
    for day in days:
        present = 1.0 - absent_share(scenario, person.id, day.date)
        minutes += per_day * present
        if (rules.holiday_hours_reduction and day.is_holiday and day.date.weekday() < 5):
            minutes -= person.fte * rules.hours_per_week * 60 / 5 * present
    target = max(0, round(minutes))
    tol = round(rules.hours_tolerance * 60)
    return HoursBand(target=target, min=max(0, target - tol), max=target + tol)
