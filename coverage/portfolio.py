"""A sector's budget round: every unit's staffing, service level, robustness and budget.

For each unit (a scenario) the portfolio computes, with the functions the single-unit
commands use:

- the årsverk arithmetic (``coverage.staffing.estimate``);
- the staffing proven by the optimiser: the smallest staffing in steps of ``step``
  årsverk whose planned month meets the service target, and that one step below does not
  (``coverage.staffing_check``: each step one solve);
- the service level the unit's staffing holds today (``coverage.ladder``: each rung one
  solve, from the top down to the first that holds);
- today's rota (one solve), its N-1 robustness score and the seeded absence simulation:
  the chance an opened service shift keeps its minimum and the vikar hours
  (``coverage.robustness``, ``coverage.simulate``);
- the yearly budget in NOK for the checked staffing, else the arithmetic one
  (``coverage.budget``).

The solves are independent tasks on a :mod:`roster.parallel` executor. The staffing check
and the ladder are sequential searches; they run as walks (``roster.parallel.Walk``), so
the steps they report are exactly those :func:`coverage.staffing_check.check_staffing`
and :func:`coverage.ladder.service_ladder` would report, whatever the executor; steps
solved ahead of time on idle workers and not needed are dropped.

**What is deterministic.** Seeds are explicit (solver seed 0 as in every command, the
simulation ``--seed``). The arithmetic, the cost table and the simulation given a rota are
exact. A solve is the same on every executor when it ends before its time limit (proven
optimal or infeasible); a solve that stops at its limit may end differently under load,
and with it that step's "meets", the rung's "holds", today's rota and what is computed
from it (robustness, vikar hours). Even a proven-optimal month can have several equally
good rotas, and which one the time-bounded local search lands on can differ between runs,
so robustness and vikar hours are not part of the "same answers" guarantee
(:func:`proven_parts` is). Timings (:data:`TIMING_KEYS`) always differ.

Units come as :class:`ScenarioSource`: the text of a TOML scenario, the data of a
workbook read here, or a scenario stored in the rota store. A unit whose file cannot be
read, or whose task fails, gets an error record; the others finish.

Sick leave is health data: the sector summary carries no recorded absences, no staff ids
and no per-shift detail, and nothing is logged. Scenarios (with their absences) go only
to the executor's workers: processes on this machine, or the cluster the user named.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import math
import pickle
import tempfile
import time
from collections import Counter, OrderedDict
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from coverage.budget import CostParams, budget, load_costs
from coverage.ladder import LadderResult, Level, RungResult, ladder_levels, try_level
from coverage.staffing import StaffingEstimate, StaffingParams, estimate, with_targets
from coverage.staffing_check import CheckResult, CheckStep, recorded_absence, try_staffing
from roster.errors import UserError
from roster.parallel import Executor, Outcome, Progress, Task, Walk, Work
from roster.planner import PlanOptions
from roster.scenario import Absence, Scenario, frozen_map

FORMAT = "roster-portfolio/1"
SCENARIO_SUFFIXES = (".toml", ".xlsx", ".xlsm")
TIMING_KEYS = frozenset({"seconds", "wall_seconds", "task_seconds", "solves", "solves_ahead",
                         "executor", "timing_dependent"})
"""Keys of the JSON summary whose values depend on timing or on the executor."""
SPECULATE = 3  # steps of one walk solved ahead at most (idle workers only)


# --- units: where a scenario comes from ----------------------------------------------------
@dataclass(frozen=True)
class ScenarioSource:
    """One unit's scenario as plain data a worker can load: TOML text (``kind="toml"``),
    JSON text (``"json"``, from the store), scenario data read from a workbook here
    (``"data"``) or a scenario already built in this process (``"scenario"``, pickled:
    :meth:`of`). ``evenings``/``weekends``/``absences`` are edits applied after loading
    (``--target-evenings``, ``--target-weekends``, ``--absent``). ``problem``: why the
    unit could not be read (the unit is then reported as failed)."""

    label: str
    kind: str = "toml"
    payload: Any = None
    evenings: int | None = None
    weekends: str | None = None
    absences: tuple[Absence, ...] = ()
    problem: str | None = None

    @classmethod
    def of(cls, scenario: Scenario, label: str | None = None) -> ScenarioSource:
        """A scenario built here (read, edited, checked by a command or the front end) as a
        source: the single-unit functions run on an executor with it. Its pickle is the
        payload (a worker gets the same scenario, not a re-read file)."""
        return cls(label or scenario.source or scenario.name, "scenario", scenario_bytes(scenario))

    def with_targets(self, evenings: int | None, weekends: str | None) -> ScenarioSource:
        return replace(self, evenings=evenings, weekends=weekends)

    def with_absences(self, absences: list[Absence] | tuple[Absence, ...]) -> ScenarioSource:
        return replace(self, absences=self.absences + tuple(absences))


def source_from_file(path: str | Path, label: str | None = None) -> ScenarioSource:
    """A scenario file (``.toml``, ``.xlsx``, or ``example:NAME``) as a source; a file that
    cannot be read gives a source with its ``problem``."""
    from roster.input_files import MAX_TOML_BYTES, read_text
    from roster.resources import resolve_input

    shown = label or str(path)
    try:
        p = Path(resolve_input(str(path)))
        if p.suffix.lower() in (".xlsx", ".xlsm"):
            return ScenarioSource(shown, "data", _workbook_data(p, shown))
        text = read_text(p, fail=lambda m: UserError(f"{shown}: {m}"), limit=MAX_TOML_BYTES,
                         what="scenario file (TOML)")
        return ScenarioSource(shown, "toml", text)
    except UserError as exc:
        return ScenarioSource(shown, problem=str(exc))
    except OSError as exc:
        return ScenarioSource(shown, problem=f"{shown}: cannot read ({exc.strerror or type(exc).__name__})")


def _workbook_data(path: Path, label: str) -> dict:
    """A scenario workbook read here (checked with its cell locations), as plain data."""
    from roster.excel.scenario_workbook import read_scenario_workbook
    from roster.scenario_load import build_scenario

    data, locate = read_scenario_workbook(path)
    build_scenario(data, source=label, locate=locate)  # errors name the sheet and cell
    return data


def sources_from_folder(folder: str | Path) -> list[ScenarioSource]:
    """Every scenario file (``*.toml``, ``*.xlsx``) directly in ``folder``, by name."""
    root = Path(folder)
    files = sorted(p for p in root.iterdir() if p.suffix.lower() in SCENARIO_SUFFIXES
                   and p.is_file() and not p.name.startswith((".", "~$")))
    if not files:
        raise UserError(f"{folder}: no scenario files (*.toml, *.xlsx) in this folder",
                        nb=f"{folder}: ingen scenariofiler (*.toml, *.xlsx) i denne mappen")
    return [source_from_file(p) for p in files]


def sources_from_paths(paths: list[str]) -> list[ScenarioSource]:
    """Scenario files and folders, in the order given (a folder's files by name)."""
    out: list[ScenarioSource] = []
    for raw in paths:
        p = Path(raw)
        if not raw.startswith("example:") and p.is_dir():
            out.extend(sources_from_folder(p))
        else:
            out.append(source_from_file(raw))
    return out


def sources_from_store(db: str | None, names: list[str] | None = None) -> list[ScenarioSource]:
    """Units in the rota store: the scenario of each unit's newest published rota. With
    ``names``, those units (in that order); else every unit in the store."""
    from roster.store import Store

    out: list[ScenarioSource] = []
    with Store(db, create=False) as store:
        units = names if names else [u.name for u in store.units()]
        if not units:
            raise UserError(f"{store.path}: the store has no units",
                            nb=f"{store.path}: turnusbasen har ingen enheter")
        for name in units:
            out.append(_store_source(store, name))
    return out


def _store_source(store: Any, unit: str) -> ScenarioSource:
    label = f"store:{unit}"
    try:
        records = [r for r in store.rotas(unit, status="published") if r.scenario_id is not None]
        if not records:
            return ScenarioSource(label, problem=f"{label}: no published rota with its scenario "
                                                 "(publish with --scenario FILE)")
        content = store.scenario_content(records[0].scenario_id)
    except UserError as exc:
        return ScenarioSource(label, problem=str(exc))
    if content is None:
        return ScenarioSource(label, problem=f"{label}: the stored scenario was erased")
    if isinstance(content, bytes):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "scenario.xlsx"
            path.write_bytes(content)
            try:
                return ScenarioSource(label, "data", _workbook_data(path, label))
            except UserError as exc:
                return ScenarioSource(label, problem=str(exc))
    kind = "json" if content.lstrip().startswith("{") else "toml"
    return ScenarioSource(label, kind, content)


def _reduce_mapping(mapping: MappingProxyType) -> tuple:
    return frozen_map, (dict(mapping),)


def scenario_bytes(scenario: Scenario) -> bytes:
    """A scenario pickled (its read-only mappings as ``roster.scenario.frozen_map``, which
    plain pickle refuses; nothing changes for any other pickle in the process)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, MappingProxyType: _reduce_mapping}
    pickler.dump(scenario)
    return buffer.getvalue()


# --- loading in a worker ----------------------------------------------------------------------------
_CACHE: OrderedDict[str, Scenario] = OrderedDict()
_CACHE_SIZE = 32


def _parse(source: ScenarioSource) -> Scenario:
    import json

    from roster.scenario_load import build_scenario, loads_scenario

    if source.problem:
        raise UserError(source.problem)
    raw = source.payload if isinstance(source.payload, (str, bytes)) else pickle.dumps(source.payload)
    digest = hashlib.sha256(raw.encode() if isinstance(raw, str) else raw).hexdigest()
    key = f"{source.kind}:{source.label}:{digest}"
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    if source.kind == "toml":
        scenario = loads_scenario(source.payload, source=source.label)
    elif source.kind == "json":
        scenario = build_scenario(json.loads(source.payload), source=source.label)
    elif source.kind == "data":
        scenario = build_scenario(source.payload, source=source.label)
    elif source.kind == "scenario":
        scenario = pickle.loads(source.payload)  # made by ScenarioSource.of in the caller
    else:
        raise UserError(f"{source.label}: unknown scenario kind {source.kind!r}")
    _CACHE[key] = scenario
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return scenario


def load(source: ScenarioSource) -> Scenario:
    """The unit's scenario with the source's edits (targets, extra absences)."""
    scenario = _parse(source)
    scenario = with_targets(scenario, evenings=source.evenings, weekends=source.weekends)
    if source.absences:
        scenario = scenario.with_changes(absences=scenario.absences + source.absences)
    return scenario


# --- settings -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PortfolioSettings:
    """Everything a unit's tasks need besides the scenario (plain, picklable)."""

    costs: CostParams
    year: int | None = None
    params: StaffingParams = field(default_factory=StaffingParams)
    step: float = 0.5
    max_steps: int = 8
    time_limit: float = 15.0
    ladder_time_limit: float = 10.0
    runs: int = 1000
    seed: int = 1
    solver: str = "highs"
    check: bool = True
    ladder: bool = True
    today: bool = True

    def __post_init__(self) -> None:
        if not 0 < self.step <= 1:
            raise UserError(f"--step must be above 0 and at most 1 årsverk (got {self.step})",
                            nb=f"--step må være over 0 og høyst 1 årsverk (fikk {self.step})")


def default_settings(**kw: Any) -> PortfolioSettings:
    return PortfolioSettings(costs=kw.pop("costs", None) or load_costs(), **kw)


# --- the tasks (run on workers) ------------------------------------------------------------------
@dataclass(frozen=True)
class UnitPlan:
    """A unit's arithmetic and where its searches start (``prepare_unit``)."""

    name: str
    period: tuple[str, str]
    year: int
    staff: int
    arsverk_now: float
    arsverk_needed: float
    arsverk_without_absence: float
    headcount_needed: int
    availability_factor: float
    base: float
    first_step: int
    levels: tuple[Level, ...]


@dataclass(frozen=True)
class StepSpec:
    """What one staffing step needs besides its number (as in check_staffing)."""

    step: float
    factor: float
    base: float
    time_limit: float
    solver: str = "highs"


def first_step(arsverk: float, base: float, step: float) -> int:
    """The step the staffing search starts at (check_staffing: the estimate rounded up)."""
    return math.ceil((arsverk - base) / step - 1e-9)


def prepare_unit(source: ScenarioSource, settings: PortfolioSettings) -> UnitPlan:
    scenario = load(source)
    year = settings.year or scenario.start.year
    est = estimate(scenario, year, settings.params)
    base = sum(p.fte for p in scenario.staff)
    return UnitPlan(
        name=scenario.unit or scenario.name,
        period=(scenario.start.isoformat(), scenario.end.isoformat()), year=year,
        staff=len(scenario.staff), arsverk_now=est.current_arsverk, arsverk_needed=est.arsverk,
        arsverk_without_absence=est.arsverk_without_absence,
        headcount_needed=est.headcount_needed, availability_factor=est.availability_factor,
        base=base, first_step=first_step(est.arsverk, base, settings.step),
        levels=tuple(ladder_levels(scenario)))


def staffing_step(source: ScenarioSource, spec: StepSpec, index: int) -> CheckStep:
    """One candidate staffing planned, as check_staffing plans it (recorded absences are
    replaced by the allowance)."""
    scenario = load(source).with_changes(absences=())
    options = PlanOptions(time_limit=spec.time_limit, solver=spec.solver)
    return try_staffing(scenario, spec.base + index * spec.step, spec.step, spec.factor, options)


def ladder_rung(source: ScenarioSource, level: Level, time_limit: float,
                options: PlanOptions | None, keep_rota: bool) -> RungResult:
    """One rung of the ladder, as service_ladder tries it."""
    rung = try_level(load(source), level, time_limit, options)
    return rung if keep_rota else replace(rung, rota=None)


def todays_rota(source: ScenarioSource, settings: PortfolioSettings) -> dict:
    """Today's staffing planned for its period: N-1 robustness and the seeded simulation.
    Only totals leave the task (no staff ids, no per-shift absence detail)."""
    from coverage.robustness import n_minus_1
    from coverage.simulate import simulate
    from roster.planner import plan

    scenario = load(source)
    rota = plan(scenario, PlanOptions(time_limit=settings.time_limit, solver=settings.solver))
    levels = rota.extra.get("service_level", [])
    n1 = n_minus_1(scenario, rota)
    sim = simulate(scenario, rota, absence_rate=settings.params.sick_leave, runs=settings.runs,
                   seed=settings.seed)
    return {"status": rota.status, "errors": len(rota.errors()),
            "service_opened": sum(r["opened"] for r in levels),
            "service_target": sum(r["target_total"] for r in levels),
            "n1_score": round(n1.score, 4), "weak_shifts": len(n1.weak_slots),
            "p_service_keeps_min": round(sim.p_service_keeps_min, 4),
            "uncovered_mean": round(float(sim.uncovered.mean()), 3),
            "vikar_hours_mean": round(sim.vikar_hours_mean, 2),
            "vikar_cost_mean": round(sim.vikar_cost_mean),
            "runs": sim.runs, "seed": sim.seed, "absence_rate": sim.absence_rate}


def unit_budget(source: ScenarioSource, settings: PortfolioSettings, arsverk: float | None,
                headcount: int | None) -> dict:
    """The yearly budget for ``arsverk`` (None: the arithmetic need), as budget.json."""
    scenario = load(source)
    est = estimate(scenario, settings.year or scenario.start.year, settings.params)
    return budget(scenario, est, settings.costs, arsverk=arsverk, headcount=headcount).to_json()


# --- the searches, written as the sequential functions run them ----------------------------------
def staffing_search(first: int, max_steps: int, base: float, step: float):
    """check_staffing's walk: from ``first`` down while the target holds, or up until it
    holds, at most ``max_steps`` plans. Returns the step numbers tried."""

    def valid(i: int) -> bool:
        return base + i * step > 1e-9

    def search(at) -> list[int]:
        tried: dict[int, CheckStep] = {}

        def get(i: int) -> CheckStep:
            if i not in tried:
                tried[i] = at(i)
            return tried[i]

        i = first
        if get(first).meets:
            while len(tried) < max_steps and valid(i - 1):
                if not get(i - 1).meets:
                    break
                i -= 1
        else:
            while len(tried) < max_steps:
                i += 1
                if get(i).meets:
                    break
        return sorted(tried)

    def guesses(needed: int, visited: list[int]) -> list[int]:
        left = max_steps - len(visited) - 1
        if not visited:  # the first step: either neighbour may be next
            out = [needed - 1, needed + 1]
        else:
            down = needed < first
            out = [needed - j if down else needed + j for j in range(1, SPECULATE + 1)]
        return [i for i in out[:max(0, left)] if valid(i)]

    return search, guesses


def ladder_search(levels: int):
    """service_ladder's walk: from the top rung down; stop at the first that holds."""

    def search(at) -> int | None:
        for i in range(levels):
            if at(i).holds:
                return i
        return None

    def guesses(needed: int, visited: list[int]) -> list[int]:
        return [i for i in range(needed + 1, min(levels, needed + 1 + SPECULATE))]

    return search, guesses


def staffing_walk(name: str, source: ScenarioSource, spec: StepSpec, first: int, max_steps: int,
                  group: Any = None) -> Walk:
    search, guesses = staffing_search(first, max_steps, spec.base, spec.step)
    return Walk(name, search, lambda i: Task(f"{name}/step{i:+d}", staffing_step, (source, spec, i),
                                             kind="solve", group=group), guesses)


def ladder_walk(name: str, source: ScenarioSource, levels: tuple[Level, ...], time_limit: float,
                options: PlanOptions | None, keep_rota: bool, group: Any = None) -> Walk:
    search, guesses = ladder_search(len(levels))
    return Walk(name, search, lambda i: Task(f"{name}/rung{i}", ladder_rung,
                                             (source, levels[i], time_limit, options, keep_rota),
                                             kind="solve", group=group), guesses)


def check_result(walk: Walk, spec: StepSpec, arsverk: float, recorded=None) -> CheckResult:
    return CheckResult(step=spec.step, availability_factor=spec.factor, estimate_arsverk=arsverk,
                       steps=tuple(walk.used), time_limit=spec.time_limit, recorded=recorded)


def ladder_result(walk: Walk, levels: tuple[Level, ...]) -> LadderResult:
    return LadderResult(levels=list(levels), tried=list(walk.used))


# --- one unit's results --------------------------------------------------------------------------
@dataclass
class UnitResult:
    index: int
    label: str
    name: str
    plan: UnitPlan | None = None
    check: CheckResult | None = None
    ladder: LadderResult | None = None
    today: dict | None = None
    budget: dict | None = None
    budget_basis: str = ""
    error: str | None = None
    internal: bool = False
    task_seconds: float = 0.0
    solves: int = 0
    solves_ahead: int = 0
    parts: set[str] = field(default_factory=set)

    @property
    def failed(self) -> bool:
        return self.error is not None

    @property
    def finished(self) -> bool:
        return self.failed or (self.plan is not None and not self.parts)

    @property
    def arsverk_proven(self) -> float | None:
        best = self.check.smallest if self.check else None
        return best.arsverk if best else None

    @property
    def service_level(self) -> Level | None:
        best = self.ladder.best if self.ladder else None
        return best.level if best else None

    def timing_dependent(self) -> list[str]:
        """The parts with a solve that stopped at its time limit (status "feasible"): their
        answer may differ in another run or on a busier machine."""
        parts = []
        if self.check and any(s.status not in ("optimal", "infeasible") for s in self.check.steps):
            parts.append("check")
        if self.ladder and any(r.status == "feasible" for r in self.ladder.tried):
            parts.append("ladder")
        if self.today and self.today.get("status") != "optimal":
            parts.append("today")
        return parts

    def row(self) -> dict:
        """The unit's line of the sector table (None where not computed)."""
        p, t = self.plan, self.today or {}
        level = self.service_level
        return {
            "unit": self.name, "source": self.label, "error": self.error,
            "staff": p.staff if p else None,
            "arsverk_now": round(p.arsverk_now, 2) if p else None,
            "arsverk_needed": round(p.arsverk_needed, 2) if p else None,
            "arsverk_proven": self.arsverk_proven,
            "proven": self.check.proven if self.check else None,
            "step": self.check.step if self.check else None,
            "service_level": level.describe("en") if level else (
                "none holds" if self.ladder else None),
            "service_level_nb": level.describe("nb") if level else (
                "ingen holder" if self.ladder else None),
            "robustness_n1": t.get("n1_score"),
            "p_service_keeps_min": t.get("p_service_keeps_min"),
            "vikar_hours": t.get("vikar_hours_mean"),
            "budget_nok": self.budget.get("total") if self.budget else None,
            "budget_basis": self.budget_basis or None,
        }

    def to_json(self) -> dict:
        out: dict[str, Any] = {"index": self.index, **self.row(), "internal_error": self.internal}
        if self.plan is not None:
            p = self.plan
            out["plan"] = {"period": list(p.period), "year": p.year,
                           "arsverk_without_absence": round(p.arsverk_without_absence, 3),
                           "arsverk_needed": round(p.arsverk_needed, 3),
                           "headcount_needed": p.headcount_needed,
                           "availability_factor": round(p.availability_factor, 4)}
        if self.check is not None:
            check = self.check.to_json()
            check.pop("recorded_absence", None)  # health data stays out of the sector summary
            out["check"] = check
        if self.ladder is not None:
            out["ladder"] = self.ladder.to_json()
        if self.today is not None:
            out["today"] = self.today
        if self.budget is not None:
            out["budget"] = self.budget
        out["timing_dependent"] = self.timing_dependent()
        out["task_seconds"] = round(self.task_seconds, 2)
        out["solves"] = self.solves
        out["solves_ahead"] = self.solves_ahead
        return out


TOTAL_KEYS = ("staff", "arsverk_now", "arsverk_needed", "arsverk_proven", "vikar_hours",
              "budget_nok")


@dataclass
class PortfolioResult:
    units: list[UnitResult]
    settings: PortfolioSettings
    executor: str
    wall_seconds: float = 0.0

    @property
    def failed(self) -> list[UnitResult]:
        return [u for u in self.units if u.failed]

    def totals(self) -> dict:
        """Sums over the units that finished; ``arsverk_proven`` over those with a staffing
        that met the target (``units_without_proof`` counts the others)."""
        rows = [u.row() for u in self.units if not u.failed]
        out: dict[str, Any] = {}
        for key in TOTAL_KEYS:
            values = [r[key] for r in rows if r[key] is not None]
            out[key] = round(sum(values), 2) if values else None
        out["units"] = len(self.units)
        out["units_failed"] = len(self.failed)
        out["units_without_proof"] = sum(1 for r in rows if r["arsverk_proven"] is None)
        return out

    def to_json(self) -> dict:
        s = self.settings
        return {
            "format": FORMAT, "year": s.year or sector_year(self), "currency": "NOK",
            "settings": {"step": s.step, "max_steps": s.max_steps, "time_limit": s.time_limit,
                         "ladder_time_limit": s.ladder_time_limit, "runs": s.runs,
                         "seed": s.seed, "solver_seed": 0, "solver": s.solver,
                         "sick_leave": s.params.sick_leave, "other_leave": s.params.other_leave,
                         "vacation_weeks": s.params.vacation_weeks,
                         "weekly_hours": s.params.weekly_hours, "cost_year": s.costs.year,
                         "running_costs": s.costs.running,
                         "parts": [k for k in ("check", "ladder", "today") if getattr(s, k)]},
            "executor": self.executor, "wall_seconds": round(self.wall_seconds, 2),
            "totals": self.totals(),
            "units": [u.to_json() for u in self.units],
            "failed": [{"unit": u.name, "source": u.label, "error": u.error} for u in self.failed],
        }


def proven_parts(summary: dict) -> list[dict]:
    """Per unit, what does not depend on timing when each step's verdict was reached before
    the limit: the arithmetic, the steps met, the rungs held, the budget."""
    out = []
    for u in summary.get("units", []):
        out.append({
            "unit": u.get("unit"), "error": u.get("error"),
            **{k: u.get(k) for k in ("staff", "arsverk_now", "arsverk_needed", "arsverk_proven",
                                     "proven", "service_level", "budget_nok")},
            "steps": [(s["arsverk"], s["meets"]) for s in u.get("check", {}).get("steps", [])],
            "rungs": [(r["level"], r["holds"]) for r in u.get("ladder", {}).get("tried", [])],
        })
    return out


def without_timing(data: Any) -> Any:
    """The JSON summary without what depends on timing or on the executor (TIMING_KEYS)."""
    if isinstance(data, dict):
        return {k: without_timing(v) for k, v in data.items() if k not in TIMING_KEYS}
    if isinstance(data, list):
        return [without_timing(v) for v in data]
    return data


# --- the run ---------------------------------------------------------------------------------------
class PortfolioRun:
    """Every unit's tasks on one :class:`Work`: prepare, then the staffing walk, the ladder
    walk and today's rota in parallel, then the budget for the staffing found."""

    def __init__(self, sources: list[ScenarioSource], settings: PortfolioSettings,
                 progress: Progress | None = None):
        self.sources = sources
        self.settings = settings
        self.progress = progress
        self.work = Work(speculate=True)
        self.work.on_change = self.show
        self.units = [UnitResult(index=i, label=s.label, name=s.label) for i, s in enumerate(sources)]

    # progress
    def show(self, force: bool = False) -> None:
        if self.progress is None:
            return
        done = sum(1 for u in self.units if u.finished)
        failed = sum(1 for u in self.units if u.failed)
        running = sum(self.work.running_by_kind.values())
        self.progress.update(done, failed, self.work.done_by_kind.get("solve", 0), running,
                             force=force)

    # building the work
    def start(self) -> Work:
        for i, source in enumerate(self.sources):
            if source.problem:
                self._fail(i, Outcome(f"u{i}/read", error=source.problem))
                continue
            self.work.task(Task(f"u{i}/prepare", prepare_unit, (source, self.settings),
                                kind="prepare", group=i),
                           lambda o, i=i: self._prepared(i, o))
        return self.work

    def _count(self, i: int, outcome: Outcome) -> None:
        self.units[i].task_seconds += outcome.seconds

    def _fail(self, i: int, outcome: Outcome) -> None:
        unit = self.units[i]
        if unit.error is None:
            unit.error = outcome.error
            unit.internal = outcome.internal
        unit.parts.clear()
        self.work.drop(i)

    def _prepared(self, i: int, outcome: Outcome) -> None:
        self._count(i, outcome)
        if not outcome.ok:
            self._fail(i, outcome)
            return
        unit, plan, s = self.units[i], outcome.value, self.settings
        unit.plan, unit.name = plan, plan.name
        source = self.sources[i]
        unit.parts = {"budget"} | {k for k in ("check", "ladder", "today") if getattr(s, k)}
        if s.check:
            spec = StepSpec(s.step, plan.availability_factor, plan.base, s.time_limit, s.solver)
            walk = staffing_walk(f"u{i}/check", source, spec, plan.first_step, s.max_steps, group=i)
            self.work.walk(walk, i, lambda w, i=i, spec=spec: self._checked(i, w, spec),
                           lambda o, i=i: self._fail(i, o))
        else:
            self._budget(i, None, None)
        if s.ladder:
            options = PlanOptions(solver=s.solver)
            walk = ladder_walk(f"u{i}/ladder", source, plan.levels, s.ladder_time_limit, options,
                               keep_rota=False, group=i)
            self.work.walk(walk, i, lambda w, i=i: self._laddered(i, w),
                           lambda o, i=i: self._fail(i, o))
        if s.today:
            self.work.task(Task(f"u{i}/today", todays_rota, (source, s), kind="solve", group=i),
                           lambda o, i=i: self._today(i, o))

    def _walk_stats(self, i: int, walk: Walk) -> None:
        unit = self.units[i]
        unit.solves += len(walk.results) + len(walk.errors)
        unit.solves_ahead = self.work.started_ahead.get(i, 0)
        unit.task_seconds += sum(getattr(r, "seconds", 0.0) for r in walk.results.values())

    def _checked(self, i: int, walk: Walk, spec: StepSpec) -> None:
        unit = self.units[i]
        assert unit.plan is not None
        self._walk_stats(i, walk)
        unit.check = check_result(walk, spec, unit.plan.arsverk_needed)
        unit.parts.discard("check")
        best = unit.check.smallest
        self._budget(i, best.arsverk if best else None, best.headcount if best else None)

    def _budget(self, i: int, arsverk: float | None, headcount: int | None) -> None:
        self.units[i].budget_basis = "checked" if arsverk is not None else "arithmetic"
        self.work.task(Task(f"u{i}/budget", unit_budget, (self.sources[i], self.settings, arsverk,
                                                           headcount), kind="budget", group=i),
                       lambda o, i=i: self._budgeted(i, o))

    def _budgeted(self, i: int, outcome: Outcome) -> None:
        self._count(i, outcome)
        if not outcome.ok:
            self._fail(i, outcome)
            return
        self.units[i].budget = outcome.value
        self.units[i].parts.discard("budget")

    def _laddered(self, i: int, walk: Walk) -> None:
        unit = self.units[i]
        assert unit.plan is not None
        self._walk_stats(i, walk)
        unit.ladder = ladder_result(walk, unit.plan.levels)
        unit.parts.discard("ladder")

    def _today(self, i: int, outcome: Outcome) -> None:
        self._count(i, outcome)
        self.units[i].solves += 1
        if not outcome.ok:
            self._fail(i, outcome)
            return
        self.units[i].today = outcome.value
        self.units[i].parts.discard("today")


def run_portfolio(sources: list[ScenarioSource], settings: PortfolioSettings, executor: Executor,
                  progress: Progress | None = None) -> PortfolioResult:
    """Every unit's staffing, service level, robustness and budget on ``executor``."""
    t0 = time.perf_counter()
    run = PortfolioRun(sources, settings, progress)
    work = run.start()
    run.show(force=True)
    executor.run(work)
    run.show(force=True)
    if progress is not None:
        progress.close()
    for unit in run.units:
        if not unit.finished:  # a bug: say so for this unit rather than report half a result
            unit.error = unit.error or "internal error: the unit's work did not finish"
            unit.internal = True
    name_duplicates(run.units)
    return PortfolioResult(units=run.units, settings=settings, executor=executor.describe(),
                           wall_seconds=time.perf_counter() - t0)


def name_duplicates(units: list[UnitResult]) -> None:
    """Units with the same name (variants of one unit) get their file name added."""
    counts = Counter(u.name for u in units)
    for u in units:
        if counts[u.name] > 1:
            u.name = f"{u.name} ({Path(u.label).stem})"


# --- the single-unit searches on an executor ---------------------------------------------------------
# The one implementation of the staffing check, the ladder and the comparison: the plain
# functions (coverage.staffing_check.check_staffing, coverage.ladder.service_ladder,
# coverage.compare.compare) run these on SequentialExecutor.in_process(), and
# ``roster staffing --check/--compare`` and ``roster ladder`` on the --workers/--scheduler one.
def _run_walk(executor: Executor, walk: Walk) -> Walk:
    """Drive one walk to its end; a failed step is raised as the error it was."""
    failure: list[Outcome] = []
    work = Work(speculate=True)
    work.walk(walk, None, lambda w: None, failure.append)
    executor.run(work)
    if failure:
        message = failure[0].error or "a solve failed"
        if failure[0].internal:
            raise RuntimeError(message.removeprefix("internal error: "))
        raise UserError(message)
    return walk


def check_staffing_on(executor: Executor, source: ScenarioSource, scenario: Scenario,
                      est: StaffingEstimate, *, step: float = 0.5, time_limit: float = 15.0,
                      max_steps: int = 8, solver: str = "highs", apply_absence: bool = True
                      ) -> CheckResult:
    """The staffing check (:func:`coverage.staffing_check.check_staffing`, which calls
    this in this process) with its plans on ``executor``: the same steps and the same
    answer on every executor (``scenario`` is ``load(source)``)."""
    if step <= 0 or step > 1:
        raise UserError(f"--step must be above 0 and at most 1 årsverk (got {step})",
                        nb=f"--step må være over 0 og høyst 1 årsverk (fikk {step})")
    recorded = recorded_absence(scenario, est)
    base = sum(p.fte for p in scenario.staff)
    factor = est.availability_factor if apply_absence else 1.0
    spec = StepSpec(step, factor, base, time_limit, solver)
    walk = _run_walk(executor, staffing_walk("check", source, spec, first_step(est.arsverk, base, step),
                                             max_steps))
    return check_result(walk, spec, est.arsverk, recorded)


def service_ladder_on(executor: Executor, source: ScenarioSource, absences: list[Absence] | None = None,
                      *, time_limit: float = 10.0, options: PlanOptions | None = None) -> LadderResult:
    """The service-level ladder (:func:`coverage.ladder.service_ladder`, which calls this
    in this process) with its rungs on ``executor``; every rung tried comes back with its
    rota."""
    source = source.with_absences(absences or [])
    levels = tuple(ladder_levels(load(source)))
    walk = _run_walk(executor, ladder_walk("ladder", source, levels, time_limit, options,
                                           keep_rota=True))
    return ladder_result(walk, levels)


def summarise_task(source: ScenarioSource, kw: dict) -> Any:
    from coverage.compare import summarise

    return summarise(load(source), **kw)


def compare_on(executor: Executor, sources: list[ScenarioSource], **kw: Any) -> list:
    """The comparison (:func:`coverage.compare.compare`, which calls this in this
    process): one task per scenario on ``executor``, the summaries in the order given."""
    outcomes = executor.map([Task(f"compare{i}", summarise_task, (s, kw), kind="solve")
                             for i, s in enumerate(sources)])
    for source, o in zip(sources, outcomes, strict=True):
        if not o.ok:
            message = f"{source.label}: {o.error}"
            if o.internal:
                raise RuntimeError(message.replace("internal error: ", ""))
            raise UserError(message)
    return [o.value for o in outcomes]


def sector_year(result: PortfolioResult) -> int | None:
    """The budget year shared by the units (None when they differ)."""
    years = {u.plan.year for u in result.units if u.plan is not None}
    return years.pop() if len(years) == 1 else None
