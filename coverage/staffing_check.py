"""Prove a staffing with the real optimiser: the smallest staffing whose rota meets the target.

For a representative month (the scenario's own period) each candidate staffing is planned
with :func:`roster.planner.plan`. The absence allowance is applied by lowering every
person's stillingsprosent (fte) by the availability factor of the årsverk arithmetic:
vacation spread evenly over the year, sick leave and other leave taken off
(``StaffingEstimate.availability_factor``, about 0.79 with the defaults). The planner then
cannot give anyone more hours than that reduced contract allows (hours band, roster/contract.py).

Candidates go in steps of one position size (``step`` årsverk): above the scenario's own
staffing, new generic staff of ``step`` fte each are added; below it, every person's fte
is scaled down to the candidate total (the headcount stays). The search starts at the
arithmetic estimate and walks down while the target holds, or up until it holds.
"""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass, replace

from coverage.staffing import StaffingEstimate
from roster.errors import UserError
from roster.planner import PlanOptions, plan
from roster.rota import Rota
from roster.scenario import Scenario, Staff


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
                     scale=round(scale, 4), meets=ok, status=rota.status, opened=opened,
                     target=target, errors=len(rota.errors()),
                     seconds=round(time.perf_counter() - t0, 2))


def check_staffing(scenario: Scenario, estimate: StaffingEstimate, *, step: float = 0.5,
                   time_limit: float = 15.0, max_steps: int = 8, solver: str = "highs",
                   apply_absence: bool = True) -> CheckResult:
    """Find the smallest staffing, in steps of ``step`` årsverk around the scenario's own
    staffing, whose planned month meets the service target with the absence allowance;
    and show that one step below does not."""
    if step <= 0 or step > 1:
        raise UserError(f"--step must be above 0 and at most 1 årsverk (got {step})")
    base = sum(p.fte for p in scenario.staff)
    factor = estimate.availability_factor if apply_absence else 1.0
    options = PlanOptions(time_limit=time_limit, solver=solver)
    k = math.ceil((estimate.arsverk - base) / step - 1e-9)
    tried: dict[int, CheckStep] = {}

    def at(i: int) -> CheckStep:
        if i not in tried:
            tried[i] = try_staffing(scenario, base + i * step, step, factor, options)
        return tried[i]

    def valid(i: int) -> bool:
        return base + i * step > 1e-9

    first = at(k)
    i = k
    if first.meets:
        while len(tried) < max_steps and valid(i - 1):
            if not at(i - 1).meets:
                break
            i -= 1
    else:
        while len(tried) < max_steps:
            i += 1
            if at(i).meets:
                break
    steps = tuple(tried[j] for j in sorted(tried))
    return CheckResult(step=step, availability_factor=factor, estimate_arsverk=estimate.arsverk,
                       steps=steps, time_limit=time_limit)
