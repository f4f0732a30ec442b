"""Staffing arithmetic: hours to cover for a service pattern, and the årsverk that takes.

Everything is data in, data out, and every step is a :class:`Line` (what, value, unit,
source) so a manager can follow and re-check the arithmetic. The optimiser check that
proves the answer with a real rota lives in :mod:`coverage.staffing_check`.

Sources for the default factors (each an editable field of :class:`StaffingParams`):
- weekly hours per årsverk: the scenario's ``rules.weekly_hours`` (37.5 day work, 35.5
  turnus, 33.6 round-the-clock; Arbeidsmiljøloven § 10-4 and KS HTA § 4.2.2);
- vacation 5 weeks: 25 virkedager by Ferieloven § 5 (1) plus the tariff's extra week
  (Ferieloven § 5 (1) avtalefestet ferie, KS HTA § 7);
- public holidays on Monday-Friday reduce the hours a turnus årsverk owes by 1/5 of a
  week each (the rule pack's ``holiday_hours_reduction``; see roster/contract.py);
- sick leave 9.5 % (approximate level in municipal health and care services, SSB/KS
  sykefraværsstatistikk 2023-2024);
- other paid leave 3.2 % (approximate KS figure for welfare leave, courses, care days).

Passive duty (a sleeping night watch, on-call from home) is counted as the working time it
counts (``ShiftType.paid_minutes``: its clock time at the rule pack's ratio,
``roster.rules.passive_duty``), like the contract hours of the people who work it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import asdict, dataclass, field, replace

from roster.calendar import saturday_of, weekend_saturdays
from roster.errors import UserError
from roster.rules.passive_duty import ratio_words
from roster.scenario import OpenTarget, Requirement, Scenario
from roster.slots import SlotTable


@dataclass(frozen=True)
class Line:
    """One step of the arithmetic: what, value, unit and where the number comes from."""

    key: str
    what: str
    value: float
    unit: str
    source: str

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class StaffingParams:
    """The editable factors of the årsverk arithmetic (defaults documented in the module)."""

    vacation_weeks: float = 5.0
    sick_leave: float = 0.095
    other_leave: float = 0.032
    weekly_hours: float | None = None  # None: the scenario's rules.weekly_hours[turnus_type]

    def __post_init__(self) -> None:
        for name in ("sick_leave", "other_leave"):
            v = getattr(self, name)
            if not 0 <= v < 1:
                raise UserError(f"{name} must be a share between 0 and 1 (got {v})",
                                nb=f"{name} må være en andel mellom 0 og 1 (fikk {v})")
        if self.sick_leave + self.other_leave >= 1:
            raise UserError("sick_leave + other_leave must be below 1",
                            nb="sick_leave + other_leave må være under 1")
        if not 0 <= self.vacation_weeks < 52:
            raise UserError(f"vacation_weeks must be between 0 and 52 (got {self.vacation_weeks})",
                            nb=f"vacation_weeks må være mellom 0 og 52 (fikk {self.vacation_weeks})")
        if self.weekly_hours is not None and self.weekly_hours <= 0:
            raise UserError(f"weekly_hours must be positive (got {self.weekly_hours})",
                            nb=f"weekly_hours må være over 0 (fikk {self.weekly_hours})")

    @property
    def absence_share(self) -> float:
        return self.sick_leave + self.other_leave


# --- the service pattern ---------------------------------------------------------------
def is_evening_requirement(scenario: Scenario, req: Requirement) -> bool:
    try:
        kind = scenario.shift(req.shift).kind
    except KeyError:
        return False
    return req.priority == "service" and kind == "evening"


def is_duty(scenario: Scenario, req: Requirement) -> bool:
    """True when the requirement's shift is passive duty (a sleeping night watch, on-call)."""
    try:
        return scenario.shift(req.shift).is_duty
    except KeyError:
        return False


def is_weekend_requirement(req: Requirement) -> bool:
    return req.priority == "service" and (
        req.unit == "weekend" or (bool(req.days) and set(req.days) <= {"saturday", "sunday"}))


def with_targets(scenario: Scenario, *, evenings: int | None = None,
                 weekends: str | int | None = None) -> Scenario:
    """The scenario with new opening targets: ``evenings`` per week on every evening
    service requirement; ``weekends`` "every" (always) or N per month on weekend ones."""
    if evenings is None and weekends is None:
        return scenario
    reqs = []
    hit_e = hit_w = False
    for r in scenario.requirements:
        if evenings is not None and is_evening_requirement(scenario, r):
            if evenings < 0:
                raise UserError(f"--target-evenings must be 0 or more (got {evenings})",
                                nb=f"--target-evenings må være 0 eller mer (fikk {evenings})")
            r = replace(r, open=OpenTarget(always=False, count=int(evenings), per="week"))
            hit_e = True
        elif weekends is not None and is_weekend_requirement(r) and not is_duty(scenario, r):
            if str(weekends) == "every":
                r = replace(r, open=OpenTarget(always=True))
            else:
                try:
                    n = int(weekends)
                except ValueError:
                    raise UserError(f"--target-weekends must be 'every' or a number per month "
                                    f"(got {weekends!r})",
                                    nb=f"--target-weekends må være «every» eller et antall per "
                                       f"måned (fikk {weekends!r})") from None
                if n < 0:
                    raise UserError(f"--target-weekends must be 0 or more (got {n})",
                                    nb=f"--target-weekends må være 0 eller mer (fikk {n})")
                r = replace(r, open=OpenTarget(always=False, count=n, per="month"))
            hit_w = True
        reqs.append(r)
    if evenings is not None and not hit_e:
        raise UserError("--target-evenings: the scenario has no service requirement on an "
                        "evening shift (a shift with kind = \"evening\")",
                        nb="--target-evenings: scenarioet har ikke noe tjenestekrav på en kveldsvakt "
                           "(en vakt med kind = \"evening\")")
    if weekends is not None and not hit_w:
        raise UserError("--target-weekends: the scenario has no weekend service requirement "
                        "(unit = \"weekend\" or days saturday/sunday)",
                        nb="--target-weekends: scenarioet har ikke noe tjenestekrav i helgene "
                           "(unit = \"weekend\" eller days saturday/sunday)")
    return scenario.with_changes(requirements=tuple(reqs))


def year_scenario(scenario: Scenario, year: int) -> Scenario:
    """The same service with its period set to one calendar year."""
    return scenario.with_changes(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))


# --- hours to cover --------------------------------------------------------------------
@dataclass(frozen=True)
class HoursRow:
    """Hours to cover for one shift on one day type: slots (weighted by the opening
    target), minimum staff, paid hours per shift, and staff-hours."""

    day_type: str
    shift: str
    priority: str
    slots: float
    min_staff: int
    paid_hours: float
    staff_hours: float

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class SlotNeed:
    """One slot of the period with the weight it is counted at (1 = every time; 4/5 =
    opened on 4 of the 5 weekdays of its week)."""

    date: dt.date
    day_type: str
    is_holiday: bool
    shift: str
    min_staff: int
    paid_hours: float
    weight: float
    priority: str


@dataclass(frozen=True)
class HoursToCover:
    start: dt.date
    end: dt.date
    rows: tuple[HoursRow, ...]
    needs: tuple[SlotNeed, ...] = field(repr=False, default=())

    @property
    def total(self) -> float:
        return sum(r.staff_hours for r in self.rows)

    def to_json(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(),
                "total_hours": round(self.total, 2), "rows": [r.to_json() for r in self.rows]}


def slot_weights(table: SlotTable) -> dict[tuple[dt.date, str], float]:
    """Each slot's weight: 1 for base and soft slots and always-open service; for a
    service target of N per period, N / (units in that period) on each unit's slots."""
    weight: dict[tuple[dt.date, str], float] = {}
    for s in table.slots:
        if s.priority != "service":
            weight[(s.date, s.shift)] = 1.0
    for g in table.target_groups:
        w = g.target / len(g.units) if g.units else 0.0
        for key in g.units:
            for s in table.units[key]:
                weight[(s.date, s.shift)] = w
    return weight


def hours_to_cover(scenario: Scenario) -> HoursToCover:
    """Staff-hours the scenario's coverage needs over its own period, at minimum staff,
    service requirements counted at their opening target, holidays included."""
    table = SlotTable(scenario)
    weight = slot_weights(table)
    needs = []
    acc: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for s in table.slots:
        w = weight.get((s.date, s.shift), 0.0)
        hours = scenario.shift(s.shift).paid_hours
        needs.append(SlotNeed(s.date, s.day.day_type, s.day.is_holiday, s.shift, s.min_staff,
                              hours, w, s.priority))
        a = acc[(s.day.day_type, s.shift, s.priority)]
        a[0] += w
        a[1] = max(a[1], s.min_staff)
        a[2] += w * s.min_staff * hours
    order = {t: i for i, t in enumerate(("weekday", "saturday", "sunday", "holiday", "eve"))}
    rows = tuple(
        HoursRow(day_type=dt_, shift=sh, priority=pr, slots=round(v[0], 4), min_staff=int(v[1]),
                 paid_hours=scenario.shift(sh).paid_hours, staff_hours=round(v[2], 4))
        for (dt_, sh, pr), v in sorted(acc.items(), key=lambda kv: (order.get(kv[0][0], 9),
                                                                    kv[0][1])))
    return HoursToCover(scenario.start, scenario.end, rows, tuple(needs))


# --- headcount floors --------------------------------------------------------------------
@dataclass(frozen=True)
class HeadcountFloor:
    per_day: int
    per_weekend: int
    weekend_staff: int
    weekend_every: int | None
    weekend_share: float

    @property
    def floor(self) -> int:
        return max(self.per_day, self.per_weekend)


def headcount_floor(scenario: Scenario, hours: HoursToCover) -> HeadcountFloor:
    """The fewest people the pattern needs, whatever their position sizes.

    - per day: one person works at most one shift a day, so a day with 2 on D and 3 on A
      needs 5 different people;
    - weekends: with work at most every k-th weekend (rules.weekend_every), each person
      covers at most 1/k of the weekends, so W opened weekends with s staff on the busiest
      weekend day need at least ceil(s x k x share of weekends opened) people. This assumes
      people work both days of their weekend (the best case); if Saturday and Sunday are
      staffed by different people the need is higher.
    """
    per_date: dict[dt.date, int] = defaultdict(int)
    for n in hours.needs:
        if n.weight > 0:
            per_date[n.date] += n.min_staff
    per_day = max(per_date.values(), default=0)
    k = scenario.rules.weekend_every or None
    weekends: dict[dt.date, tuple[float, int]] = {}
    per_day_weekend: dict[dt.date, int] = defaultdict(int)
    wmax: dict[dt.date, float] = defaultdict(float)
    for n in hours.needs:
        key = saturday_of(n.date)
        if key is not None and n.weight > 0:
            per_day_weekend[n.date] += n.min_staff
            wmax[key] = max(wmax[key], n.weight)
    for key, w in wmax.items():
        s = max(per_day_weekend.get(key, 0), per_day_weekend.get(key + dt.timedelta(days=1), 0))
        weekends[key] = (w, s)
    n_weekends = _count_weekends(hours.start, hours.end)
    staff_weekends = sum(w * s for w, s in weekends.values())
    s_max = max((s for _, s in weekends.values()), default=0)
    share = (sum(w for w, _ in weekends.values()) / n_weekends) if n_weekends else 0.0
    per_weekend = math.ceil(staff_weekends / n_weekends * k - 1e-9) if k and n_weekends else s_max
    return HeadcountFloor(per_day=per_day, per_weekend=per_weekend, weekend_staff=s_max,
                          weekend_every=k, weekend_share=round(share, 4))


def _count_weekends(start: dt.date, end: dt.date) -> int:
    """Weekends with at least one day in ``start..end``."""
    return sum(1 for sat in weekend_saturdays(start, end) if sat + dt.timedelta(days=1) >= start)


# --- årsverk --------------------------------------------------------------------------
@dataclass(frozen=True)
class StaffingEstimate:
    """The årsverk arithmetic for one scenario and year, step by step."""

    scenario: str
    year: int
    hours: HoursToCover
    lines: tuple[Line, ...]
    arsverk: float
    arsverk_without_absence: float
    productive_hours: float
    available_hours: float
    current_arsverk: float
    current_headcount: int
    headcount: HeadcountFloor
    positions: tuple[float, ...]
    params: StaffingParams
    weekly_hours: float

    @property
    def headcount_needed(self) -> int:
        return max(self.headcount.floor, math.ceil(self.arsverk - 1e-9))

    @property
    def availability_factor(self) -> float:
        """Share of the contract hours of a month that an årsverk really delivers, with
        vacation spread over the year and the absence allowance taken off."""
        return self.productive_hours / (self.available_hours + self.vacation_hours)

    @property
    def vacation_hours(self) -> float:
        return self.params.vacation_weeks * self.weekly_hours

    def line(self, key: str) -> Line:
        for li in self.lines:
            if li.key == key:
                return li
        raise KeyError(key)

    def to_json(self) -> dict:
        return {
            "scenario": self.scenario, "year": self.year,
            "arsverk": round(self.arsverk, 3),
            "arsverk_without_absence": round(self.arsverk_without_absence, 3),
            "current_arsverk": round(self.current_arsverk, 3),
            "current_headcount": self.current_headcount,
            "headcount_floor": self.headcount.floor, "headcount_needed": self.headcount_needed,
            "positions": list(self.positions),
            "params": asdict(self.params), "weekly_hours": self.weekly_hours,
            "lines": [li.to_json() for li in self.lines], "hours": self.hours.to_json(),
        }


def weekday_holidays(scenario: Scenario) -> int:
    """Public holidays on Monday-Friday in the period (each reduces owed hours by 1/5 week)."""
    table_days = SlotTable(scenario).days
    return sum(1 for d in table_days if d.is_holiday and d.date.weekday() < 5)


def positions_for(arsverk: float, headcount: int) -> tuple[float, ...]:
    """Equal position sizes (stillingsprosent as fractions, rounded to whole per cent)
    that add up to the årsverk over the headcount; the last absorbs rounding."""
    if headcount <= 0:
        return ()
    each = math.floor(arsverk / headcount * 100) / 100
    sizes = [min(1.0, each)] * headcount
    sizes[-1] = round(min(1.0, arsverk - each * (headcount - 1)), 2)
    return tuple(round(s, 2) for s in sizes)


def estimate(scenario: Scenario, year: int, params: StaffingParams | None = None) -> StaffingEstimate:
    """The årsverk a scenario's service pattern needs over one calendar year."""
    params = params or StaffingParams()
    ys = year_scenario(scenario, year)
    hours = hours_to_cover(ys)
    rules = scenario.rules
    weekly = params.weekly_hours or rules.hours_per_week
    days = (ys.end - ys.start).days + 1
    nominal = weekly * days / 7
    vacation = params.vacation_weeks * weekly
    n_hol = weekday_holidays(ys) if rules.holiday_hours_reduction else 0
    hol = n_hol * weekly / 5
    available = nominal - vacation - hol
    productive = available * (1 - params.absence_share)
    need = hours.total / productive if productive > 0 else math.inf
    need0 = hours.total / available if available > 0 else math.inf
    floor = headcount_floor(ys, hours)
    current = sum(p.fte for p in scenario.staff)
    head = max(floor.floor, math.ceil(need - 1e-9))
    lines = []
    for r in hours.rows:
        duty = ratio_words(scenario.shift(r.shift))
        lines.append(Line(f"hours.{r.day_type}.{r.shift}",
                          f"{r.shift} on {r.day_type}: {r.slots:g} shifts x {r.min_staff} staff x "
                          f"{round(r.paid_hours, 2):g} h" + (f" ({duty.en})" if duty else ""),
                          round(r.staff_hours, 1), "staff-hours",
                          f"calendar {year}, coverage ({r.priority}) at its opening target"
                          + ("; passive duty at the rule pack's ratio (AML § 10-4)" if duty else "")))
    lines += [
        Line("hours.total", "Hours to cover per year", round(hours.total, 1), "staff-hours",
             "sum of the lines above"),
        Line("weekly_hours", f"Weekly hours per årsverk ({rules.turnus_type})", weekly, "h/week",
             "rules.weekly_hours (AML § 10-4, KS HTA § 4.2.2)"),
        Line("nominal", f"Nominal hours per årsverk ({days} days / 7 x {weekly:g})",
             round(nominal, 1), "h/year", "calendar"),
        Line("vacation", f"Less vacation ({params.vacation_weeks:g} weeks)", round(-vacation, 1),
             "h/year", "Ferieloven § 5: 25 virkedager + 5 days (tariff): 5 weeks"),
        Line("holidays", f"Less public holidays on Mon-Fri ({n_hol} x 1/5 week)", round(-hol, 1),
             "h/year", "holiday hours reduction (rule pack), Norwegian calendar"),
        Line("available", "Hours an årsverk is at work before absence", round(available, 1),
             "h/year", "nominal - vacation - holidays"),
        Line("absence", f"Less sick leave {params.sick_leave:.1%} and other leave "
                        f"{params.other_leave:.1%}", round(-available * params.absence_share, 1),
             "h/year", "sick leave: SSB/KS level in municipal care (approx.); other: KS"),
        Line("productive", "Productive hours per årsverk", round(productive, 1), "h/year",
             "available x (1 - absence)"),
        Line("arsverk_without_absence", "Årsverk in the rota before absence",
             round(need0, 2), "årsverk", "hours to cover / available hours"),
        Line("arsverk", "Årsverk needed (with absence allowance)", round(need, 2), "årsverk",
             "hours to cover / productive hours"),
        Line("current", "Årsverk in the scenario now", round(current, 2), "årsverk",
             "sum of staff fte"),
        Line("difference", "Difference (needed - now)", round(need - current, 2), "årsverk", ""),
        Line("headcount.day", "Headcount floor: most staff on one day", floor.per_day, "people",
             "one shift per person per day"),
        Line("headcount.weekend",
             f"Headcount floor: {floor.weekend_staff} per weekend day x every "
             f"{floor.weekend_every or '-'} weekend x {floor.weekend_share:.0%} of weekends",
             floor.per_weekend, "people", "rules.weekend_every (AML § 10-8 (4), tariff)"),
        Line("headcount", "Headcount needed", head, "people",
             "max(floors, årsverk rounded up)"),
        Line("position", "Average position size (stillingsprosent)",
             round(100 * need / head, 1) if head else 0.0, "%", "årsverk / headcount"),
    ]
    return StaffingEstimate(
        scenario=scenario.name, year=year, hours=hours, lines=tuple(lines), arsverk=need,
        arsverk_without_absence=need0, productive_hours=productive, available_hours=available,
        current_arsverk=current, current_headcount=len(scenario.staff), headcount=floor,
        positions=positions_for(need, head), params=params, weekly_hours=weekly)
