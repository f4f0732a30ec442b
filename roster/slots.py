"""Requirements expanded to slots: one (date, shift) with its minimum, priority and skills.

A date-specific requirement beats a day-type one. On an eve, a shift whose requirements
never name ``eve`` falls back to the plain day type (a weekday or a Saturday). Service
slots are grouped into opening units (a day, or a whole weekend) and the units into
target periods (week, month or the whole period) with the number to open in each.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from roster.calendar import Day, days_between, iso_week_key, plain_day_type
from roster.scenario import Requirement, Scenario

if TYPE_CHECKING:
    from roster.rota import Assignment


@dataclass(frozen=True)
class Slot:
    """One shift on one date that has a staffing requirement."""

    day_index: int
    day: Day
    shift: str
    req: Requirement

    @property
    def date(self) -> dt.date:
        return self.day.date

    @property
    def min_staff(self) -> int:
        return self.req.min_staff_if_open

    @property
    def max_staff(self) -> int | None:
        return self.req.max_staff

    @property
    def priority(self) -> str:
        return self.req.priority

    @property
    def unit_key(self) -> tuple:
        """Slots with the same unit key are opened or closed together."""
        if self.req.unit == "weekend" and self.day.weekend_key is not None:
            return (self.req.index, "weekend", self.day.weekend_key)
        return (self.req.index, "day", self.date)


@dataclass(frozen=True)
class TargetGroup:
    """Opening units of one service requirement in one target period, and how many to open."""

    req: Requirement
    period: tuple
    units: tuple[tuple, ...]
    target: int

    @property
    def label(self) -> str:
        kind, *rest = self.period
        if kind == "unit":
            return f"{rest[-1]}"
        if kind == "week":
            return f"week {rest[1]}"
        if kind == "month":
            return f"{rest[0]}-{rest[1]:02d}"
        return "period"


def requirement_for(scenario: Scenario, day: Day, shift: str) -> Requirement | None:
    """The requirement that governs one shift on one day, or None."""
    if day.day_type == "closed":
        return None
    reqs = [r for r in scenario.requirements if r.shift == shift]
    for r in reqs:
        if day.date in r.dates:
            return r
    day_type = day.day_type
    if day_type == "eve" and not any("eve" in r.days for r in reqs):
        day_type = plain_day_type(day.date)
    for r in reqs:
        if day_type in r.days:
            return r
    return None


def _period_of(per: str, date: dt.date) -> tuple:
    if per == "week":
        return ("week", *iso_week_key(date))
    if per == "month":
        return ("month", date.year, date.month)
    return ("period",)


class SlotTable:
    """All slots of a scenario, with look-ups the model, the checker and reports share."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.days: list[Day] = days_between(scenario.start, scenario.end, scenario.calendar)
        self.index_of: dict[dt.date, int] = {d.date: i for i, d in enumerate(self.days)}
        slots: list[Slot] = []
        for i, day in enumerate(self.days):
            for shift in scenario.shifts:
                req = requirement_for(scenario, day, shift.code)
                if req is not None:
                    slots.append(Slot(day_index=i, day=day, shift=shift.code, req=req))
        self.slots: list[Slot] = slots
        self.by_key: dict[tuple[int, str], Slot] = {(s.day_index, s.shift): s for s in slots}

    def get(self, day_index: int, shift: str) -> Slot | None:
        return self.by_key.get((day_index, shift))

    @cached_property
    def units(self) -> dict[tuple, list[Slot]]:
        """Opening units of service slots: unit key -> its slots."""
        out: dict[tuple, list[Slot]] = defaultdict(list)
        for s in self.slots:
            if s.priority == "service":
                out[s.unit_key].append(s)
        return dict(out)

    @cached_property
    def target_groups(self) -> list[TargetGroup]:
        """Each service requirement's opening target per week / month / period."""
        groups: list[TargetGroup] = []
        by_req: dict[int, list[tuple]] = defaultdict(list)
        for key, slots in self.units.items():
            by_req[slots[0].req.index].append(key)
        for req in self.scenario.requirements:
            if req.priority != "service":
                continue
            keys = sorted(by_req.get(req.index, []), key=lambda k: self.units[k][0].date)
            if req.open.always:
                for key in keys:
                    groups.append(TargetGroup(req, ("unit", *key[1:]), (key,), 1))
                continue
            per_period: dict[tuple, list[tuple]] = defaultdict(list)
            for key in keys:
                per_period[_period_of(req.open.per, self.units[key][0].date)].append(key)
            for period, members in per_period.items():
                target = self._prorated(req, period, len(members))
                groups.append(TargetGroup(req, period, tuple(members), target))
        return groups

    def _prorated(self, req: Requirement, period: tuple, n_in: int) -> int:
        """The target for a period, prorated where the period is cut by the planning period."""
        count = req.open.count
        if period[0] == "period":
            return min(count, n_in)
        n_full = self._units_in_full_period(req, period)
        if n_in >= n_full or n_full == 0:
            return min(count, n_in)
        return min(n_in, int(count * n_in / n_full + 0.5))

    def _units_in_full_period(self, req: Requirement, period: tuple) -> int:
        if period[0] == "week":
            monday = dt.date.fromisocalendar(period[1], period[2], 1)
            first, last = monday, monday + dt.timedelta(days=6)
        else:
            first = dt.date(period[1], period[2], 1)
            nxt = dt.date(period[1] + (period[2] == 12), period[2] % 12 + 1, 1)
            last = nxt - dt.timedelta(days=1)
        keys = set()
        for day in days_between(first, last, self.scenario.calendar):
            if requirement_for(self.scenario, day, req.shift) is not req:
                continue
            if req.unit == "weekend" and day.weekend_key is not None:
                keys.add(day.weekend_key)
            else:
                keys.add(day.date)
        return len(keys)


def on_duty(assignments: Iterable[Assignment]) -> dict[tuple[dt.date, str], list[str]]:
    """Who is on each (date, shift) of a rota: the one per-slot count every report shares."""
    out: dict[tuple[dt.date, str], list[str]] = defaultdict(list)
    for a in assignments:
        out[(a.date, a.shift)].append(a.staff)
    return out


def slot_counts(assignments: Iterable[Assignment]) -> dict[tuple[dt.date, str], int]:
    """How many people are on each (date, shift) (0 where nobody is)."""
    return defaultdict(int, {key: len(people) for key, people in on_duty(assignments).items()})
