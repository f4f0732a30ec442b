"""Coverage: base minimums, the open-or-minimum rule for service shifts, soft cover, skills."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pulp

from roster.rules import rule

if TYPE_CHECKING:
    from roster.model import Model
    from roster.slots import Slot


def _staffed(m: Model, slot: Slot) -> pulp.LpAffineExpression:
    return pulp.lpSum(v for _, v in m.by_slot.get((slot.day_index, slot.shift), []))


def _skilled(m: Model, slot: Slot, skill: str) -> pulp.LpAffineExpression:
    return pulp.lpSum(v for p, v in m.by_slot.get((slot.day_index, slot.shift), [])
                      if m.staff[p].has_skill(skill))


@rule("base_coverage", "Service standard (DOMAIN.md): base coverage holds even under sick leave")
def base_coverage(m: Model) -> None:
    """A base slot has at least its minimum (a shortfall is the first thing the planner
    minimises and is reported) and never more than its maximum."""
    extra = m.options.extra_on_base
    for slot in m.table.slots:
        if slot.priority != "base":
            continue
        staffed = _staffed(m, slot)
        short = m.continuous("short")
        m.add(staffed + short >= slot.min_staff)
        m.cost("base", short, rule="base_coverage")
        if extra:
            short_extra = m.continuous("short_extra")
            m.add(staffed + short + short_extra >= slot.min_staff + extra)
            # robust margin: wanted, but not at the price of the service level
            m.cost("robust", short_extra, rule="robust_extra")
        if slot.max_staff is not None:
            m.limit(staffed, slot.max_staff, "max_staff")


@rule("open_or_minimum", "Service standard (DOMAIN.md): never one alone; 3 or not opened")
def open_or_minimum(m: Model) -> None:
    """A service slot is either not opened (nobody on it) or staffed with at least its
    minimum; all slots of one opening unit (a whole weekend, say) open together."""
    for key, slots in m.table.units.items():
        opened = m.binary("open")
        m.open_vars[key] = opened
        for slot in slots:
            staffed = _staffed(m, slot)
            cap = slot.max_staff
            n_eligible = len(m.by_slot.get((slot.day_index, slot.shift), []))
            cap = n_eligible if cap is None else min(cap, n_eligible)
            m.add(staffed >= slot.min_staff * opened)
            m.add(staffed <= cap * opened)


@rule("soft_cover", "Benchmarks: a preferred staffing with a weight per missing/extra person")
def soft_cover(m: Model) -> None:
    """A soft slot wants exactly its staffing; each missing and each extra person costs
    the slot's under/over weight (the weighted objective of the public benchmarks)."""
    for slot in m.table.slots:
        if slot.priority != "soft":
            continue
        staffed = _staffed(m, slot)
        n = len(m.by_slot.get((slot.day_index, slot.shift), []))
        under = m.continuous("under", up=slot.min_staff)
        m.implied_integer.add(under.name)
        m.add(staffed + under >= slot.min_staff)
        m.cost("base", under, rule="soft_cover", weight=slot.req.under_weight)
        if slot.req.over_weight and n > slot.min_staff:
            over = m.continuous("over", up=n - slot.min_staff)
            m.implied_integer.add(over.name)
            m.add(staffed - over <= slot.min_staff)
            m.cost("base", over, rule="soft_cover", weight=slot.req.over_weight)
        if slot.max_staff is not None:
            m.limit(staffed, slot.max_staff, "max_staff")


@rule("skills", "Scenario: skill minimums (for example at least one nurse) on every opened shift")
def skills(m: Model) -> None:
    """Every opened slot has its skill minimums: hard on service slots (a shift without
    its nurse is not opened), a reported shortfall on base and soft slots."""
    for slot in m.table.slots:
        for skill, k in slot.req.skills.items():
            skilled = _skilled(m, slot, skill)
            if slot.priority == "service":
                m.add(skilled >= k * m.open_vars[slot.unit_key])
            else:
                short = m.continuous("skill_short")
                m.add(skilled + short >= k)
                m.cost("base", short, rule="skills")
