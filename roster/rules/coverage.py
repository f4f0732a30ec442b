"""Base coverage: a base slot has at least its minimum, even under sick leave.

A shortfall is the first thing the planner minimises (priority 1) and is reported with who
was away. It is ranked as a unit leader ranks it: a shift with nobody on duty is worse
than one person alone, which is worse than one short of the minimum. The cost of a slot
is convex in the people missing: each person missing while two or more are still there
costs :data:`SHORT_WEIGHT`, the one whose absence leaves a single person alone
:data:`ALONE_WEIGHT`, and the last one, whose absence leaves the shift empty,
:data:`EMPTY_WEIGHT` (a night with a minimum of 1 has only that last step). A missing skill
holder (the nurse) costs like one missing head, :data:`SHORT_WEIGHT` (``skill.py``).
With ``--robust N`` base slots also want N more (priority "robust")."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from typing import TYPE_CHECKING

import pulp

from roster.explain import explain_slot
from roster.model import Priority
from roster.rules.spec import RuleUnit
from roster.rules.words import Day, Text

if TYPE_CHECKING:
    from roster.check import CheckContext
    from roster.model import Model
    from roster.rules.breach import Breach

ID = "coverage"
SHORT = Text("{day} {shift}: {n} of {need} staffed; {why}",
             "{day} {shift}: {n} av {need} bemannet; {why}")

SHORT_WEIGHT = 1
"""A person missing while two or more are still on the shift (and a missing skill holder)."""
ALONE_WEIGHT = 3
"""The person missing that leaves one alone on a shift that needs two or more."""
EMPTY_WEIGHT = 9
"""The last person missing: nobody is on the shift."""


def step_weights(minimum: int) -> list[int]:
    """The cost of each person missing from a base slot with this minimum, the first missing
    (cheapest) first: [1, 3, 9] for a minimum of 3, [9] for a night with a minimum of 1."""
    if minimum <= 0:
        return []
    last = [ALONE_WEIGHT, EMPTY_WEIGHT] if minimum >= 2 else [EMPTY_WEIGHT]
    return [SHORT_WEIGHT] * (minimum - len(last)) + last


def shortfall_cost(assigned: int, minimum: int, skills_missing: int = 0) -> int:
    """What the planner's base stage charges a slot with ``assigned`` people on it."""
    missing = max(0, minimum - assigned)
    return sum(step_weights(minimum)[:missing]) + SHORT_WEIGHT * skills_missing


def build(m: Model) -> None:
    """A base slot has at least its minimum; a shortfall costs :func:`step_weights`, convex
    in the people missing (one continuous variable per weight, cheapest filled first, so no
    binaries are needed)."""
    extra = m.options.extra_on_base
    for slot in m.table.slots:
        if slot.priority != "base":
            continue
        staffed = m.staffed(slot)
        steps = []
        for weight, same in groupby(step_weights(slot.min_staff)):
            short = m.continuous("short", up=len(list(same)))
            m.implied_integer.add(short.name)
            m.cost(Priority.BASE, short, rule=ID, weight=weight)
            steps.append(short)
        missing = pulp.lpSum(steps)
        m.add(staffed + missing >= slot.min_staff)
        if extra:
            short_extra = m.continuous("short_extra")
            m.add(staffed + missing + short_extra >= slot.min_staff + extra)
            # robust margin: wanted, but not at the price of the service level
            m.cost(Priority.ROBUST, short_extra, rule=ID)


def check(ctx: CheckContext) -> Iterator[Breach]:
    for slot in ctx.table.slots:
        n = len(ctx.on_duty.get((slot.date, slot.shift), []))
        if slot.priority == "base" and n < slot.min_staff:
            why = explain_slot(ctx.scenario, slot.date, slot.shift)
            yield UNIT.breach(SHORT.render(day=Day(slot.date), shift=slot.shift, n=n,
                                           need=slot.min_staff, why=why),
                              date=slot.date, shift=slot.shift, assigned=n, min=slot.min_staff)


UNIT = RuleUnit(
    id=ID, nb="bemanning", en="base coverage", kind="hard + priority 1",
    source="service standard (DOMAIN.md): base coverage holds even under sick leave",
    summary="base slots reach their minimum; a shortfall is minimised first, an empty shift "
            "before one alone before one short, and reported with its cause",
    build=build, check=check,
)
