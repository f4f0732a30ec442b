"""Check any rota against every rule, like the law alerts unit leaders know.

Each rule unit in the catalogue (``roster.rules.catalogue``) has a measurement, ``check``,
that reads a rota through a :class:`CheckContext` (the assignments, the previous rota's
last weeks, dates and clock times) and returns its breaches. The measurements share no
constraint-building code with the model (only the scenario, the calendar, the slot table
and the contract band, which are data), so a hand-edited rota and a solver's rota are
judged the same way, and a bug in a model rule shows up here as a breach
(docs/adr/0002-independent-checker.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from typing import Any, TypeVar

from roster.calendar import saturday_of
from roster.rota import Assignment
from roster.rules.breach import Breach
from roster.rules.catalogue import units
from roster.rules.spec import RuleUnit
from roster.scenario import MINUTES_PER_DAY, Scenario, Staff
from roster.slots import SlotTable, on_duty

ONE_DAY = dt.timedelta(days=1)
T = TypeVar("T")


class CheckContext:
    """One rota (assignments in the scenario's period) plus the history before it, with the
    look-ups the measurements share."""

    def __init__(self, scenario: Scenario, assignments: Iterable[Assignment],
                 history: dict[tuple[str, dt.date], str] | None = None,
                 table: SlotTable | None = None):
        self.scenario = scenario
        self.table = table or SlotTable(scenario)
        self.assignments = list(assignments)
        self.history = dict(history or {})
        self.start, self.end = scenario.start, scenario.end
        self.shifts = {sh.code: sh for sh in scenario.shifts}
        self.staff = {p.id: p for p in scenario.staff}
        self.work: dict[tuple[str, dt.date], str] = {(a.staff, a.date): a.shift
                                                     for a in self.assignments}
        self._days: dict[str, dict[dt.date, str]] = {}

    @cached_property
    def on_duty(self) -> dict[tuple[dt.date, str], list[str]]:
        """Who is on each (date, shift)."""
        return on_duty(self.assignments)

    def by_known_staff(self) -> Iterator[tuple[Assignment, Staff]]:
        """Each assignment of a person the scenario knows, with the person."""
        for a in self.assignments:
            person = self.staff.get(a.staff)
            if person is not None:
                yield a, person

    def days_of(self, sid: str) -> dict[dt.date, str]:
        """Every known worked date of a person: history plus this rota."""
        if sid not in self._days:
            out = {d: c for (s, d), c in self.history.items() if s == sid and d < self.start}
            out.update({d: c for (s, d), c in self.work.items() if s == sid})
            self._days[sid] = out
        return self._days[sid]

    def weekends_worked(self, sid: str) -> set[dt.date]:
        """The Saturdays of the weekends a person works (history included)."""
        return {sat for d in self.days_of(sid) if (sat := saturday_of(d)) is not None}

    def has_history(self, sid: str) -> bool:
        return any(s == sid for s, _ in self.history)

    def rule(self, sid: str, key: str) -> Any:
        """A rule value for one person: their own if set, else the scenario's."""
        return self.scenario.rule_for(self.staff[sid], key)

    def staff_with(self, key: str, least: int = 1) -> Iterator[tuple[str, Staff, Any]]:
        """People whose value of a rule is set and at least ``least``, with the value."""
        for sid, person in self.staff.items():
            value = self.rule(sid, key)
            if value is not None and value >= least:
                yield sid, person, value

    def intervals(self, sid: str) -> list[tuple[int, int, dt.date, str]]:
        """Worked intervals in minutes since the period start (history is negative)."""
        out = []
        for date, code in sorted(self.days_of(sid).items()):
            sh = self.shifts.get(code)
            if sh is None or not sh.has_times:
                continue
            base = (date - self.start).days * MINUTES_PER_DAY
            out.append((base + sh.start, base + sh.end_offset, date, code))  # type: ignore[operator]
        return out

    def runs_longer_than(self, sid: str, k: int, codes: Iterable[str] | None = None
                         ) -> Iterator[tuple[dt.date, dt.date, int]]:
        """Runs of more than ``k`` days (see :meth:`runs`) that reach into the period, as
        (first, last, length)."""
        for first, last in self.runs(sid, codes):
            n = (last - first).days + 1
            if n > k and last >= self.start:
                yield first, last, n

    def runs(self, sid: str, codes: Iterable[str] | None = None) -> list[tuple[dt.date, dt.date]]:
        """Runs of consecutive worked dates (history included), as (first, last); with
        ``codes``, runs of dates worked on one of those shifts."""
        wanted = None if codes is None else set(codes)
        dates = sorted(d for d, c in self.days_of(sid).items() if wanted is None or c in wanted)
        out: list[tuple[dt.date, dt.date]] = []
        for d in dates:
            if out and out[-1][1] == d - ONE_DAY:
                out[-1] = (out[-1][0], d)
            else:
                out.append((d, d))
        return out


def windows(items: Sequence[T], width: int) -> Iterator[tuple[int, Sequence[T]]]:
    """Every run of ``width`` consecutive items, with the index of its first."""
    for i in range(len(items) - width + 1):
        yield i, items[i:i + width]


def check_rota(scenario: Scenario, assignments: Iterable[Assignment],
               history: dict[tuple[str, dt.date], str] | None = None,
               table: SlotTable | None = None,
               rules: Iterable[RuleUnit] | None = None) -> list[Breach]:
    """Every breach of every rule in a rota (empty list = clean); ``rules`` to measure only
    some of them."""
    ctx = CheckContext(scenario, assignments, history, table)
    out: list[Breach] = []
    for u in units() if rules is None else rules:
        if u.check is not None:
            out.extend(u.check(ctx))
    return out
