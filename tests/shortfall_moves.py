"""An independent judge of a rota's shortfall: could one person have been somewhere better?

It shares nothing with the planner (no model, no weights): it re-assigns one person at a
time and asks the independent checker (``roster.check.check_rota``) whether the changed
rota breaks a rule the original did not (the slot counts themselves aside). The claim it
tests (issue 15, item 1): **no empty shift where someone could have been there, no one
alone where two could have been.** A *better move* is

- for an empty base shift: someone off that day, or on another shift with two or more on
  it (so that shift is not emptied), who could legally work the empty one;
- for a base shift with one person alone (minimum two or more): someone off that day, or
  on another shift with three or more on it (so that shift keeps two), who could legally
  join them.

Each such move lowers the worst shortfall (one empty or one-alone shift fewer, none made).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from roster.check import check_rota
from roster.rota import Assignment
from roster.scenario import Scenario
from roster.slots import SlotTable, on_duty

COUNT_RULES = ("coverage", "skill", "open_or_minimum", "service_target", "max_staff")


@dataclass(frozen=True)
class Move:
    staff: str
    date: dt.date
    from_shift: str | None  # None: from a day off
    to_shift: str
    why: str  # "empty" or "alone"


def _rule_breaches(scenario: Scenario, assignments: list[Assignment], history: dict | None,
                   table: SlotTable) -> Counter:
    """Error breaches of the person rules (rest, hours, weekends, locks ...), by where."""
    found = check_rota(scenario, assignments, history, table)
    return Counter((b.rule, b.staff, b.date, b.shift) for b in found
                   if b.is_error and b.rule not in COUNT_RULES)


def better_moves(scenario: Scenario, assignments: list[Assignment], history: dict | None = None
                 ) -> list[Move]:
    """Every single re-assignment that fills an empty base shift or joins one person alone
    without emptying (or leaving one alone on) another shift and without a new rule breach."""
    table = SlotTable(scenario)
    duty = on_duty(assignments)
    before = _rule_breaches(scenario, assignments, history, table)
    mine = {(a.staff, a.date): a for a in assignments}
    out = []
    for slot in table.slots:
        people = duty.get((slot.date, slot.shift), [])
        if slot.priority != "base" or len(people) >= slot.min_staff:
            continue
        if people and not (len(people) == 1 and slot.min_staff >= 2):
            continue  # two or more on it: not the claim's concern
        why, keep = ("empty", 1) if not people else ("alone", 2)
        for p in scenario.staff:
            if p.id in people:
                continue
            now = mine.get((p.id, slot.date))
            if now is not None and len(duty.get((slot.date, now.shift), [])) - 1 < keep:
                continue  # moving them would empty that shift (or leave one alone there)
            trial = [a for a in assignments if a is not now]
            trial.append(Assignment(date=slot.date, staff=p.id, shift=slot.shift))
            if not _rule_breaches(scenario, trial, history, table) - before:
                out.append(Move(p.id, slot.date, now.shift if now else None, slot.shift, why))
    return out
