"""Prove a staffing with the real optimiser: the smallest staffing whose rota meets the target.

For a representative month (the scenario's own period) each candidate staffing is planned
with :func:`roster.planner.plan`. The absence allowance is applied by lowering every
person's stillingsprosent (fte) by the availability factor of the årsverk arithmetic:
vacation spread evenly over the year, sick leave and other leave taken off
(``StaffingEstimate.availability_factor``, about 0.79 with the defaults). The planner then
cannot give anyone more hours than that reduced contract allows (hours band, roster/contract.py).

**Recorded absence and the allowance are counted once.** The check answers the yearly
question (the årsverk and the budget), and the allowance is the expected absence of a
year, recorded or not: vacation, sick leave and other leave, spread evenly over the
months (as the vacation already is). A scenario's recorded absences (its
``[[absences]]``) are part of that absence, not extra to it: the check plans the month
with the allowance in their place (every post at fte x factor, nobody marked away), never
with both. :func:`recorded_absence` sets their hours against the allowance and says how
far this month's recorded absence goes beyond a month's share of it: that excess is
short-term cover this month (vikar, overtime), not structural staffing; what the month
itself can hold with its recorded absences is ``roster ladder``'s question. (Counting both,
a month with two full posts on sick leave asked for 10.5 årsverk where the arithmetic
says 7.45.)

Candidates go in steps of one position size (``step`` årsverk): above the scenario's own
staffing, new generic staff of ``step`` fte each are added; below it, every person's fte
is scaled down to the candidate total (the headcount stays). The search starts at the
arithmetic estimate and walks down while the target holds, or up until it holds.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING

from coverage.staffing import StaffingEstimate
from coverage.words import fmt_arsverk, fmt_int
from roster.contract import hours_band
from roster.planner import PlanOptions, plan
from roster.rota import Rota
from roster.scenario import Scenario, Staff
from roster.slots import SlotTable

if TYPE_CHECKING:
    from roster.parallel import Executor

# which part of the allowance each recorded absence kind belongs to
ALLOWANCE_PART = {"vacation": "vacation", "sick": "sick leave", "course": "other leave",
                  "leave": "other leave", "other": "other leave"}


@dataclass(frozen=True)
class RecordedAbsence:
    """A scenario's recorded absences set against the absence allowance (hours)."""

    people: int
    hours: float
    by_kind: dict[str, float]
    allowance_month: float
    """The team's allowance for the scenario's period: contract hours x (1 - factor)."""
    allowance_year: float
    """The team's allowance over a year: (nominal - holiday hours - productive hours) x årsverk."""
    full_post_month: float
    """Contract hours of one full post in the period (to express hours as årsverk)."""

    @property
    def excess_month(self) -> float:
        """Recorded absence beyond a month's share of the allowance (cover this month)."""
        return max(0.0, self.hours - self.allowance_month)

    @property
    def excess_arsverk(self) -> float:
        return self.excess_month / self.full_post_month if self.full_post_month else 0.0

    @property
    def beyond_year(self) -> bool:
        """True when the recorded absence alone is more than the year's allowance."""
        return self.hours > self.allowance_year + 1e-6

    def to_json(self) -> dict:
        return {"people": self.people, "hours": round(self.hours, 1),
                "by_kind": {k: round(v, 1) for k, v in self.by_kind.items()},
                "allowance_month_hours": round(self.allowance_month, 1),
                "allowance_year_hours": round(self.allowance_year, 1),
                "excess_month_hours": round(self.excess_month, 1),
                "excess_arsverk_month": round(self.excess_arsverk, 3),
                "beyond_yearly_allowance": self.beyond_year,
                "counted": "inside the allowance, not on top of it"}

    def describe(self) -> list[str]:
        """The lines the staffing command prints."""
        kinds = ", ".join(f"{k} {fmt_int(v)} h" for k, v in self.by_kind.items())
        lines = [f"Recorded absences in the scenario: {self.people} people, {fmt_int(self.hours)} h "
                 f"in the period ({kinds}).",
                 "They are part of the absence allowance (a month's allowance for the team is "
                 f"{fmt_int(self.allowance_month)} h, a year's {fmt_int(self.allowance_year)} h), so "
                 "the check plans the month with the allowance in their place, not on top of it."]
        if self.excess_month > 0.5:
            lines.append(f"This month's recorded absence is {fmt_int(self.excess_month)} h above a "
                         f"month's allowance (about {fmt_arsverk(self.excess_arsverk)} årsverk): cover "
                         "for this month (vikar, overtime), not structural staffing; `roster ladder` "
                         "shows the service the month can hold.")
        if self.beyond_year:
            lines.append("The recorded absence alone is more than a year's allowance: the sick-leave "
                         "or other-leave share is too low for this team (raise --sick-leave).")
        return lines


def recorded_absence(scenario: Scenario, estimate: StaffingEstimate) -> RecordedAbsence | None:
    """The scenario's recorded absences in hours (contract hours they take off the
    period, by kind) against the team's allowance; None when there are none."""
    if not scenario.absences:
        return None
    table = SlotTable(scenario)
    bare = scenario.with_changes(absences=())
    by_kind: dict[str, float] = {}
    people = set()
    for kind in dict.fromkeys(a.kind for a in scenario.absences):
        only = scenario.with_changes(absences=tuple(a for a in scenario.absences if a.kind == kind))
        lost = sum(hours_band(bare, p, table.days).target - hours_band(only, p, table.days).target
                   for p in scenario.staff)
        by_kind[kind] = lost / 60
        people |= {a.staff for a in scenario.absences if a.kind == kind}
    team = sum(hours_band(bare, p, table.days).target for p in scenario.staff) / 60
    post = hours_band(bare, Staff(id="__full_post__", name="", fte=1.0), table.days).target / 60
    factor = estimate.availability_factor
    per_arsverk_year = estimate.available_hours + estimate.vacation_hours - estimate.productive_hours
    fte = sum(p.fte for p in scenario.staff)
    return RecordedAbsence(people=len(people), hours=sum(by_kind.values()), by_kind=by_kind,
                           allowance_month=team * (1 - factor),
                           allowance_year=per_arsverk_year * fte, full_post_month=post)


@dataclass(frozen=True)
class CheckStep:
    """One candidate staffing and what the optimiser made of it."""

    arsverk: float
    headcount: int
    added: int
    scale: float
    meets: bool
    status: str
    opened: int
    target: int
    errors: int
    seconds: float

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class CheckResult:
    step: float
    availability_factor: float
    estimate_arsverk: float
    steps: tuple[CheckStep, ...]
    time_limit: float
    recorded: RecordedAbsence | None = None

    @property
    def smallest(self) -> CheckStep | None:
        """The smallest staffing tried that meets the target, if the one below it was tried
        and fails (or is zero)."""
        ok = [s for s in self.steps if s.meets]
        return min(ok, key=lambda s: s.arsverk) if ok else None

    @property
    def below(self) -> CheckStep | None:
        best = self.smallest
        if best is None:
            return None
        lower = [s for s in self.steps if s.arsverk < best.arsverk - 1e-9]
        return max(lower, key=lambda s: s.arsverk) if lower else None

    @property
    def proven(self) -> bool:
        """True when the smallest staffing meets the target and one step below does not."""
        below = self.below
        return self.smallest is not None and below is not None and not below.meets

    def to_json(self) -> dict:
        best, below = self.smallest, self.below
        return {"step": self.step, "availability_factor": round(self.availability_factor, 4),
                "estimate_arsverk": round(self.estimate_arsverk, 3), "time_limit": self.time_limit,
                "smallest_arsverk": best.arsverk if best else None,
                "smallest_headcount": best.headcount if best else None,
                "one_step_below_meets": below.meets if below else None, "proven": self.proven,
                "recorded_absence": self.recorded.to_json() if self.recorded else None,
                "steps": [s.to_json() for s in self.steps]}


def staffing_variant(scenario: Scenario, total: float, step: float,
                     factor: float) -> tuple[Scenario, int, float]:
    """The scenario with ``total`` årsverk (before the absence allowance) and every fte
    multiplied by ``factor``. Returns (scenario, people added, scale of the existing fte)."""
    base = sum(p.fte for p in scenario.staff)
    staff = list(scenario.staff)
    added, scale = 0, 1.0
    if total >= base - 1e-9:
        added = round((total - base) / step)
        for i in range(added):
            staff.append(Staff(id=f"new{i + 1:02d}", name=f"Ny stilling {i + 1}", fte=step,
                               role=None))
    else:
        scale = total / base if base else 0.0
        staff = [replace(p, fte=p.fte * scale) for p in staff]
    staff = [replace(p, fte=round(p.fte * factor, 4)) for p in staff]
    return scenario.with_changes(staff=tuple(staff)), added, scale


def meets_target(rota: Rota) -> tuple[bool, int, int]:
    """A rota meets the target when it has no hard-rule breach, and every service target
    (opened units per week / month / weekend) is reached. Returns (meets, opened, target)."""
    opened = sum(r["opened"] for r in rota.extra.get("service_level", []))
    target = sum(r["target_total"] for r in rota.extra.get("service_level", []))
    missed = [v for v in rota.violations if v.get("rule") == "service_target"]
    ok = rota.status in ("optimal", "feasible") and not rota.errors() and not missed
    return ok, opened, target


def try_staffing(scenario: Scenario, total: float, step: float, factor: float,
                 options: PlanOptions) -> CheckStep:
    variant, added, scale = staffing_variant(scenario, total, step, factor)
    t0 = time.perf_counter()
    rota = plan(variant, options)
    ok, opened, target = meets_target(rota)
    return CheckStep(arsverk=round(total, 3), headcount=len(variant.staff), added=added,
                     scale=round(scale, 4), meets=ok, status=rota.solver_status, opened=opened,
                     target=target, errors=len(rota.errors()),
                     seconds=round(time.perf_counter() - t0, 2))


def check_staffing(scenario: Scenario, estimate: StaffingEstimate, *, step: float = 0.5,
                   time_limit: float = 15.0, max_steps: int = 8, solver: str = "highs",
                   apply_absence: bool = True, executor: Executor | None = None) -> CheckResult:
    """Find the smallest staffing, in steps of ``step`` årsverk around the scenario's own
    staffing, whose planned month meets the service target with the absence allowance;
    and show that one step below does not. The scenario's recorded absences are counted
    inside the allowance, not on top of it (module docstring).

    The search starts at the arithmetic estimate rounded up to a step, walks down while the
    target holds, or up until it holds, at most ``max_steps`` plans. It is written once, as
    a walk (``coverage.portfolio.staffing_search``), and run by
    :func:`coverage.portfolio.check_staffing_on`: here on ``executor`` (default: this
    process, one plan after the other, errors raised as they were; ``roster staffing
    --check --workers N`` passes a Dask one). Every executor reports the same steps."""
    from coverage.portfolio import ScenarioSource, check_staffing_on
    from roster.parallel import SequentialExecutor

    return check_staffing_on(executor or SequentialExecutor.in_process(), ScenarioSource.of(scenario),
                             scenario, estimate, step=step, time_limit=time_limit,
                             max_steps=max_steps, solver=solver, apply_absence=apply_absence)
