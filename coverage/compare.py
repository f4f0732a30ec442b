"""Scenarios side by side (current vs proposal): service level, årsverk, headcount, cost,
robustness and cost per opened evening.

For each scenario: the årsverk arithmetic and the budget for its own staffing (one year),
a planned representative month (its own period) for the service level it really reaches,
and, where ``coverage.simulate`` is available, the simulated probability that an opened
service shift keeps its minimum under random sick leave.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from coverage.budget import CostParams, budget
from coverage.staffing import StaffingParams, estimate, is_evening_requirement, slot_weights, year_scenario
from roster.contract import absent_share
from roster.planner import PlanOptions, plan
from roster.scenario import Scenario
from roster.slots import SlotTable

if TYPE_CHECKING:
    from roster.parallel import Executor


@dataclass(frozen=True)
class ScenarioSummary:
    name: str
    source: str
    arsverk_now: float
    arsverk_present: float
    headcount_now: int
    arsverk_needed: float
    headcount_needed: int
    service_target: str
    month_opened: int
    month_target: int
    month_status: str
    evenings_per_year: float
    cost_per_year: float
    cost_per_evening: float | None
    robustness: float | None
    robustness_note: str

    @property
    def service_share(self) -> float:
        return self.month_opened / self.month_target if self.month_target else 1.0

    def to_json(self) -> dict:
        d = asdict(self)
        d["service_share"] = round(self.service_share, 4)
        return d


def evenings_per_year(scenario: Scenario, year: int) -> float:
    """Evening service shifts the pattern opens in a year (at the opening target)."""
    ys = year_scenario(scenario, year)
    table = SlotTable(ys)
    weight = slot_weights(table)
    return sum(weight.get((s.date, s.shift), 0.0) for s in table.slots
               if is_evening_requirement(ys, s.req))


def present_arsverk(scenario: Scenario) -> float:
    """Årsverk at work in the scenario's own period after its recorded absences
    (long-term sick leave, leave): fte x share of the days present."""
    days = scenario.dates
    total = 0.0
    for p in scenario.staff:
        present = sum(1.0 - absent_share(scenario, p.id, d) for d in days) / len(days)
        total += p.fte * present
    return total


def describe_target(scenario: Scenario) -> str:
    parts = [f"{r.key} {'every' if r.open.always else f'{r.open.count}/{r.open.per}'} "
             f"min {r.min_staff_if_open}"
             for r in scenario.requirements if r.priority == "service"]
    return "; ".join(parts) or "no service requirements"


def robustness(scenario: Scenario, rota, *, absence_rate: float, runs: int,
               seed: int = 1) -> tuple[float | None, str]:
    """The simulated probability that an opened service shift keeps its minimum, or None
    with a note when coverage.simulate is not installed yet."""
    try:
        from coverage.simulate import simulate  # lazy: written by another module
    except ImportError:
        return None, "coverage.simulate not available"
    try:
        result = simulate(scenario, rota, absence_rate=absence_rate, runs=runs, seed=seed)
    except Exception as exc:  # report the gap, keep the comparison
        return None, f"simulation failed: {exc}"
    return float(result.p_service_keeps_min), f"{runs} runs at {absence_rate:.1%} absence"


def summarise(scenario: Scenario, *, year: int, params: StaffingParams, costs: CostParams,
              time_limit: float = 15.0, runs: int = 200, simulate_robustness: bool = True
              ) -> ScenarioSummary:
    """One scenario's column in the comparison."""
    est = estimate(scenario, year, params)
    now = est.current_arsverk
    bud = budget(scenario, est, costs, arsverk=now, headcount=len(scenario.staff))
    rota = plan(scenario, PlanOptions(time_limit=time_limit))
    levels = rota.extra.get("service_level", [])
    opened = sum(r["opened"] for r in levels)
    target = sum(r["target_total"] for r in levels)
    ev_opened = sum(r["opened"] for r in levels
                    if is_evening_requirement(scenario, _req(scenario, r["requirement"])))
    ev_target = sum(r["target_total"] for r in levels
                    if is_evening_requirement(scenario, _req(scenario, r["requirement"])))
    share = ev_opened / ev_target if ev_target else 1.0
    evenings = evenings_per_year(scenario, year) * min(1.0, share)
    total = float(bud.total)
    if simulate_robustness:
        robust, note = robustness(scenario, rota, absence_rate=params.sick_leave, runs=runs)
    else:
        robust, note = None, "not simulated"
    return ScenarioSummary(
        name=scenario.name, source=scenario.source, arsverk_now=round(now, 3),
        arsverk_present=round(present_arsverk(scenario), 3),
        headcount_now=len(scenario.staff), arsverk_needed=round(est.arsverk, 3),
        headcount_needed=est.headcount_needed, service_target=describe_target(scenario),
        month_opened=opened, month_target=target, month_status=rota.status,
        evenings_per_year=round(evenings, 1), cost_per_year=total,
        cost_per_evening=round(total / evenings) if evenings else None,
        robustness=None if robust is None else round(robust, 4), robustness_note=note)


def _req(scenario: Scenario, key: str):
    return next(r for r in scenario.requirements if r.key == key)


def compare(scenarios: list[Scenario], *, executor: Executor | None = None,
            **kw: Any) -> list[ScenarioSummary]:
    """Each scenario summarised (:func:`summarise`) with the same year, parameters and
    costs, by :func:`coverage.portfolio.compare_on`: one task per scenario on ``executor``
    (default: this process, one after the other, errors raised as they were; ``roster
    staffing --compare --workers N`` passes a Dask one)."""
    from coverage.portfolio import ScenarioSource, compare_on
    from roster.parallel import SequentialExecutor

    return compare_on(executor or SequentialExecutor.in_process(),
                      [ScenarioSource.of(s) for s in scenarios], **kw)


COMPARE_ROWS: tuple[tuple[str, str], ...] = (
    ("service_target", "Service target"),
    ("month_opened", "Opened in the planned month"),
    ("month_target", "Target in the planned month"),
    ("arsverk_now", "Årsverk now"),
    ("arsverk_present", "Årsverk present in the month (after absences)"),
    ("headcount_now", "Headcount now"),
    ("arsverk_needed", "Årsverk needed for the target"),
    ("headcount_needed", "Headcount needed"),
    ("cost_per_year", "Cost per year now (NOK)"),
    ("evenings_per_year", "Evenings opened per year"),
    ("cost_per_evening", "Cost per opened evening (NOK)"),
    ("robustness", "P(opened shift keeps its minimum)"),
)


def comparison_table(rows: list[ScenarioSummary]) -> list[list[str]]:
    """The comparison as a table of strings: one row per measure, one column per scenario."""
    table = [["", *[r.name for r in rows]]]
    for key, label in COMPARE_ROWS:
        cells = []
        for r in rows:
            v = getattr(r, key)
            if v is None:
                cells.append("-")
            elif isinstance(v, (int, float)) and key in ("cost_per_year", "cost_per_evening"):
                cells.append(f"{v:,.0f}".replace(",", " "))
            else:
                cells.append(str(v))
        table.append([label, *cells])
    return table
