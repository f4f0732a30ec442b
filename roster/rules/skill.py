"""Skill minimums (at least one nurse, say) on every opened shift."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from roster.model import Priority
from roster.rules.coverage import SHORT_WEIGHT
from roster.rules.spec import RuleUnit
from roster.rules.words import Day, Text

if TYPE_CHECKING:
    from roster.check import CheckContext
    from roster.model import Model
    from roster.rules.breach import Breach

ID = "skill"
MISSING = Text("{day} {shift}: {have} of {need} with skill '{skill}'",
               "{day} {shift}: {have} av {need} med kompetanse '{skill}'")


def build(m: Model) -> None:
    """Every opened slot has its skill minimums: hard on service slots (a shift without
    its nurse does not count as opened), a shortfall costed first on base and soft slots,
    each missing skill holder like one missing head (``coverage.SHORT_WEIGHT``)."""
    for slot in m.table.slots:
        for skill, k in slot.req.skills.items():
            skilled = m.skilled(slot, skill)
            if slot.priority == "service":
                m.add(skilled >= k * m.opened(slot.unit_key))
            else:
                short = m.continuous("skill_short", up=k)
                m.implied_integer.add(short.name)
                m.add(skilled + short >= k)
                m.cost(Priority.BASE, short, rule=ID, weight=SHORT_WEIGHT)


def check(ctx: CheckContext) -> Iterator[Breach]:
    for slot in ctx.table.slots:
        people = ctx.on_duty.get((slot.date, slot.shift), [])
        if slot.priority == "service" and not people:
            continue
        for skill, k in slot.req.skills.items():
            have = sum(1 for sid in people if sid in ctx.staff and ctx.staff[sid].has_skill(skill))
            if have < k:
                yield UNIT.breach(MISSING.render(day=Day(slot.date), shift=slot.shift, have=have,
                                                 need=k, skill=skill),
                                  date=slot.date, shift=slot.shift)


UNIT = RuleUnit(
    id=ID, nb="kompetanse", en="skills", kind="hard / priority 1",
    source="the scenario: skill minimums on every opened shift",
    summary="skill minimums on every opened shift",
    build=build, check=check,
)
