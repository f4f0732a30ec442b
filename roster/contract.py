"""Each person's contract hours for the period: the band their planned hours must fall in.

Planned hours = stillingsprosent x weekly hours x (days in the period / 7), less the share
of each absent day (a 50 % graded absence takes half a day), less 1/5 of the weekly hours
for each public holiday on Monday-Friday when the rule pack says so. The band is that
figure plus/minus the tolerance. A benchmark scenario may give the band in minutes
directly (``min_minutes``/``max_minutes`` on the person), which then wins. A re-plan
sets it that way for someone newly absent: their band before the absence less the hours
of the published shifts the absence takes (:func:`band_less`, :func:`with_band`), so
the shifts they keep still fit (an average per absent day can cut more than they lost).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from roster.calendar import Day
from roster.scenario import Scenario, Staff, StaffRules


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


def band_minutes(rules: Mapping[str, Any] | StaffRules) -> tuple[int | None, int | None]:
    """A person's own band in minutes (``min_minutes``/``max_minutes``, or ``min_hours``/
    ``max_hours``; minutes win), None where not set."""
    def side(name: str) -> int | None:
        minutes, hours = rules.get(f"{name}_minutes"), rules.get(f"{name}_hours")
        if minutes is not None:
            return round(minutes)
        return round(hours * 60) if hours is not None else None

    return side("min"), side("max")


def hours_band(scenario: Scenario, person: Staff, days: list[Day]) -> HoursBand:
    """The contract band for one person over the given days."""
    rules = scenario.rules
    own_min, own_max = band_minutes(person.rules)
    if own_min is not None or own_max is not None:
        lo = own_min if own_min is not None else 0
        hi = own_max if own_max is not None else 10**7
        target = (lo + hi) // 2 if own_max is not None else lo
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


def band_less(band: HoursBand, minutes: int) -> HoursBand:
    """The band moved down by ``minutes`` (hours a person no longer works: the published
    shifts a new absence takes away), never below zero."""
    return HoursBand(target=max(0, band.target - minutes), min=max(0, band.min - minutes),
                     max=max(0, band.max - minutes))


def with_band(person: Staff, band: HoursBand) -> Staff:
    """The person with their band given directly (``min_minutes``/``max_minutes``, which win
    over the stillingsprosent). Used by a re-plan, where the band of someone newly absent is
    cut by the shifts they lose rather than by an average per absent day."""
    values = {**person.rules.values(), "min_minutes": band.min, "max_minutes": band.max,
              "min_hours": None, "max_hours": None}
    return replace(person, rules=StaffRules(**values))
