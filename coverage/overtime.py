"""Extra hours offered to own staff: merarbeid or overtime, within the law, and what they cost.

When a re-plan leaves a shift short, someone of the staff may take it on top of their
contract hours. The hours above the top of their contract band are *extra hours*:

- for part-time staff, the extra hours up to what a full post would have in the period
  (band top of a 100 % post with the same absences) are **merarbeid**, paid at the
  ordinary hourly wage (KS HTA kap. 1 § 6);
- for full-time staff every extra hour, and for part-time staff the hours beyond a full
  post, are **overtime** (overtid), paid with the cost table's overtime
  supplement (``[overtime] supplement``, 50 % in KS HTA kap. 1 § 6; at least 40 % by
  AML § 10-6 (11)).

Overtime is offered only within the law's limits (AML § 10-6): at most 10 h in 7 days,
25 h in 4 weeks and 200 h in 52 weeks, and total working time (ordinary hours and
overtime) at most 13 h in 24 h and 48 h in 7 days (§ 10-6 (8)). A person's overtime is
counted in this rota only (the rota is one period; earlier overtime is not known here).

Cost = hours x hourly wage (monthly salary of the role x 12 / annual hours), overtime hours
x (1 + supplement), plus holiday pay and employer's tax from the cost table. Pension is
not added (overtime is not pensionable in KLP; merarbeid is, which this leaves out:
the figure is a little low for merarbeid).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coverage.budget import CostParams
from roster.contract import hours_band
from roster.rota import Assignment
from roster.scenario import Scenario, Staff
from roster.slots import SlotTable

OVERTIME_PER_7_DAYS = 10.0  # AML § 10-6: overtime at most 10 h in 7 days
OVERTIME_PER_4_WEEKS = 25.0  # ... 25 h in 4 consecutive weeks
OVERTIME_PER_52_WEEKS = 200.0  # ... 200 h in 52 weeks
TOTAL_PER_24_HOURS = 13.0  # AML § 10-6 (8): ordinary hours and overtime together
TOTAL_PER_7_DAYS = 48.0


@dataclass(frozen=True)
class ExtraHours:
    """What one more shift means for a person: hours above their band, split into
    merarbeid and overtime, whether the law allows it, and the cost."""

    above_band: float
    merarbeid: float
    overtime: float
    cost: float
    within_law: bool
    why_not: str = ""

    @property
    def kind(self) -> str:
        """"none", "merarbeid" or "overtime" (the most costly part)."""
        if self.overtime > 0:
            return "overtime"
        return "merarbeid" if self.merarbeid > 0 else "none"

    def to_json(self) -> dict:
        return {"above_band_hours": round(self.above_band, 2), "merarbeid_hours": round(self.merarbeid, 2),
                "overtime_hours": round(self.overtime, 2), "cost_nok": round(self.cost),
                "within_aml": self.within_law, "why_not": self.why_not}


def full_post_band_max(scenario: Scenario, person: Staff, table: SlotTable) -> int:
    """The top of the band of a full post with this person's absences, in minutes."""
    full = Staff(id=person.id, name=person.name, fte=1.0)
    return hours_band(scenario, full, table.days).max


def _window_minutes(work: dict[dt.date, int], first: dt.date, days: int) -> int:
    return sum(work.get(first + dt.timedelta(days=i), 0) for i in range(days))


def law_breach(scenario: Scenario, person: Staff, mine: list[Assignment], date: dt.date,
               overtime_hours: float) -> str:
    """Why the law does not allow this overtime ('' when it does). ``mine`` is the person's
    rota with the extra shift."""
    minutes = {s.code: s.paid_minutes for s in scenario.shifts}
    work = {a.date: minutes.get(a.shift, 0) for a in mine}
    if work.get(date, 0) > TOTAL_PER_24_HOURS * 60:
        return f"more than {TOTAL_PER_24_HOURS:g} h in 24 h (AML § 10-6 (8))"
    for back in range(7):
        first = date - dt.timedelta(days=back)
        if _window_minutes(work, first, 7) > TOTAL_PER_7_DAYS * 60:
            return f"more than {TOTAL_PER_7_DAYS:g} h in 7 days from {first} (AML § 10-6 (8))"
    if overtime_hours > OVERTIME_PER_7_DAYS:
        return f"more than {OVERTIME_PER_7_DAYS:g} h overtime in 7 days (AML § 10-6)"
    if overtime_hours > OVERTIME_PER_4_WEEKS:
        return f"more than {OVERTIME_PER_4_WEEKS:g} h overtime in 4 weeks (AML § 10-6)"
    if overtime_hours > OVERTIME_PER_52_WEEKS:
        return f"more than {OVERTIME_PER_52_WEEKS:g} h overtime in 52 weeks (AML § 10-6)"
    return ""


def _split(total: int, band_max: int, full_max: int) -> tuple[int, int]:
    """(merarbeid, overtime) minutes of a total above the band."""
    above = max(0, total - band_max)
    overtime = max(0, total - max(band_max, full_max))
    return above - overtime, overtime


def extra_hours(scenario: Scenario, person: Staff, mine: list[Assignment], date: dt.date,
                costs: CostParams, table: SlotTable) -> ExtraHours:
    """The extra hours that the shift on ``date`` adds for ``person`` (``mine`` is their rota
    with it), split into merarbeid and overtime, and their cost. Hours already above the
    band before the shift are not counted again."""
    minutes = {s.code: s.paid_minutes for s in scenario.shifts}
    after = sum(minutes.get(a.shift, 0) for a in mine)
    before = after - sum(minutes.get(a.shift, 0) for a in mine if a.date == date)
    band = hours_band(scenario, person, table.days).max
    full = band if person.fte >= 1 else max(band, full_post_band_max(scenario, person, table))
    mer_after, over_after = _split(after, band, full)
    mer_before, over_before = _split(before, band, full)
    merarbeid, overtime = mer_after - mer_before, over_after - over_before
    wage = costs.hourly_wage(person.role)
    pay = wage * (merarbeid + overtime * (1 + costs.overtime_supplement)) / 60
    cost = pay * (1 + costs.holiday_pay) * (1 + costs.employer_tax)
    why = law_breach(scenario, person, mine, date, over_after / 60) if merarbeid + overtime > 0 else ""
    return ExtraHours(above_band=(merarbeid + overtime) / 60, merarbeid=merarbeid / 60,
                      overtime=overtime / 60, cost=cost, within_law=not why, why_not=why)
