"""The shared optimisation model that every rule unit adds its constraints and costs to.

One binary ``x[p, d, s]`` per person, day and shift, created only where the shift has a
slot on that day and every eligibility rule allows it. Days before the period come from
the previous rota (``history``) as constants, days after it are unknown and treated as
free, so rules that look across the month boundary see the real past.

Objects that more than one rule uses belong to the model, created on first use and the
same for every rule, whatever the build order: who is on a slot (:meth:`Model.staffed`),
whether a service unit is opened (:meth:`Model.opened`), whether a person works a weekend
or any of some days (:meth:`Model.weekend_worked`, :meth:`Model.worked_any`).

Costs are grouped in stages (:class:`Priority`); ``roster.solve`` minimises them in
priority order (or, in weighted mode, as one weighted sum). Rows that need the rota of
the stages above (fairness bands) are declared as :class:`StageRows` and added by the
solver just before their stage.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import pulp

from roster.calendar import Day, weekend_saturdays
from roster.contract import HoursBand, hours_band
from roster.rules.breach import Breach, Severity
from roster.rules.catalogue import unit
from roster.rules.words import Words
from roster.scenario import Scenario, ShiftType, Staff
from roster.slots import Slot, SlotTable


class Priority(StrEnum):
    """The stages of the staged objective (README "Priorities")."""

    RULES = "rules"
    """Only in the elastic fallback that explains an infeasible scenario: hard rules bent."""
    BASE = "base"
    HOURS = "hours"
    SERVICE = "service"
    ROBUST = "robust"
    FAIRNESS = "fairness"
    WISHES = "wishes"
    STABILITY = "stability"
    TIDINESS = "tidiness"
    WEIGHTED = "weighted"
    """Weighted mode (public benchmarks): every cost in one sum."""
    FEASIBILITY = "feasibility"
    """No costs at all: any rota that keeps the hard rules."""


@dataclass(frozen=True, order=True)
class Stage:
    """One stage of the solve: a priority and, within it, a sub-stage (service ranks)."""

    priority: Priority
    sub: int = 0

    @property
    def label(self) -> str:
        """The stage as ``rota.json`` names it: "base", "service.3"."""
        return f"{self.priority}.{self.sub}" if self.sub else str(self.priority)


# "hours" (contract hours below the band) sits between base coverage and the service level.
DEFAULT_STAGE_ORDER: tuple[Priority, ...] = (
    Priority.RULES, Priority.BASE, Priority.HOURS, Priority.SERVICE, Priority.ROBUST,
    Priority.FAIRNESS, Priority.WISHES, Priority.STABILITY, Priority.TIDINESS,
)
# A re-plan keeps published shifts right after coverage and service (issue: minimal change
# is an explicit objective after coverage).
REPLAN_STAGE_ORDER: tuple[Priority, ...] = (
    Priority.RULES, Priority.BASE, Priority.HOURS, Priority.SERVICE, Priority.STABILITY,
    Priority.ROBUST, Priority.FAIRNESS, Priority.WISHES, Priority.TIDINESS,
)

Expr = pulp.LpAffineExpression | pulp.LpVariable | int | float


def is_constant(expr: Expr) -> bool:
    """True for a number, or an expression without variables (decided by the past alone)."""
    return isinstance(expr, int | float) or (isinstance(expr, pulp.LpAffineExpression) and len(expr) == 0)


@dataclass
class Cost:
    stage: Stage
    expr: pulp.LpAffineExpression
    rule: str


@dataclass(frozen=True)
class StageRows:
    """Rows that depend on the rota the stages above left: just before ``stage`` the
    solver calls ``rows`` with the current values and adds the rows it returns."""

    stage: Priority
    rows: Callable[[Mapping[str, float]], list[pulp.LpConstraint]]


@dataclass
class ModelOptions:
    elastic: bool = False
    stage_order: tuple[str, ...] = DEFAULT_STAGE_ORDER
    extra_on_base: int = 0
    """Robust planning: require this many staff above the minimum on base slots."""
    run_flow: bool = True
    """Weighted mode: the run rules also as a flow (``rules.blocks.runs_as_flow``); the
    planner builds the model without it where it does not pay (``solve.flow_gate``)."""


@dataclass
class Model:
    scenario: Scenario
    table: SlotTable
    history: dict[tuple[str, dt.date], str] = field(default_factory=dict)
    baseline: dict[tuple[str, dt.date], str] | None = None
    options: ModelOptions = field(default_factory=ModelOptions)

    def __post_init__(self) -> None:
        self.prob = pulp.LpProblem("rota", pulp.LpMinimize)
        self.days: list[Day] = self.table.days
        self.n_days = len(self.days)
        self.staff: list[Staff] = list(self.scenario.staff)
        self.shifts: dict[str, ShiftType] = {s.code: s for s in self.scenario.shifts}
        self.x: dict[tuple[int, int, str], pulp.LpVariable] = {}
        self.by_pd: dict[tuple[int, int], list[tuple[str, pulp.LpVariable]]] = defaultdict(list)
        self.by_slot: dict[tuple[int, str], list[tuple[int, pulp.LpVariable]]] = defaultdict(list)
        self.costs: list[Cost] = []
        self.notes: list[Breach] = []
        self.stage_rows: list[StageRows] = []
        # the values a stage's cost can take at an optimum, where its rule knows them (a
        # worst-hit share: 0, 1/4, 1/3 ...): a bound rounded up to them proves the stage sooner
        self.stage_values: dict[Stage, tuple[float, ...]] = {}
        self.bands: list[HoursBand] = [hours_band(self.scenario, p, self.days) for p in self.staff]
        self._counter = 0
        # continuous variables that take whole values in every optimal solution (slacks of
        # whole-number expressions): with whole cost weights the objective is then whole,
        # and the solver may stop once incumbent and bound are less than 1 apart
        self.implied_integer: set[str] = set()
        self.owner: dict[str, int] = {}
        self.rule_ids: frozenset[str] = frozenset()
        """The rule units this model is built with (``planner.build_model``; empty: unknown)."""
        self.flow_people: list[int] = []
        """People whose runs are also a flow (``rules.blocks.run_flow``)."""
        self._cache: dict[tuple, Expr] = {}
        self._opened: dict[tuple, pulp.LpVariable] = {}
        self.date0 = self.scenario.start
        worked_before = {sid for sid, _ in self.history}
        self._has_history = [p.id in worked_before for p in self.staff]

    # --- variables --------------------------------------------------------------------
    def _name(self, prefix: str) -> str:
        self._counter += 1
        return f"{prefix}_{self._counter}"

    def binary(self, prefix: str, owner: int | None = None) -> pulp.LpVariable:
        """A new 0/1 variable; ``owner`` is the person it belongs to (for local search)."""
        v = pulp.LpVariable(self._name(prefix), cat=pulp.LpBinary)
        if owner is not None:
            self.owner[v.name] = owner
        return v

    def integer(self, prefix: str, low: int = 0, up: int | None = None,
                owner: int | None = None) -> pulp.LpVariable:
        """A new whole-valued variable (a count that branching should see as one number);
        ``owner`` as for :meth:`binary`."""
        v = pulp.LpVariable(self._name(prefix), lowBound=low, upBound=up, cat=pulp.LpInteger)
        if owner is not None:
            self.owner[v.name] = owner
        return v

    def continuous(self, prefix: str, low: float = 0, up: float | None = None,
                   owner: int | None = None) -> pulp.LpVariable:
        """A new continuous variable; ``owner`` as for :meth:`binary` (a person's own cost)."""
        v = pulp.LpVariable(self._name(prefix), lowBound=low, upBound=up)
        if owner is not None:
            self.owner[v.name] = owner
        return v

    def create_assignment_vars(self, allows: list[Callable[[Model, int, int, str], bool]]) -> None:
        for slot in self.table.slots:
            d, code = slot.day_index, slot.shift
            for p in range(len(self.staff)):
                if all(rule(self, p, d, code) for rule in allows):
                    v = pulp.LpVariable(f"x_{p}_{d}_{code}", cat=pulp.LpBinary)
                    self.owner[v.name] = p
                    self.x[(p, d, code)] = v
                    self.by_pd[(p, d)].append((code, v))
                    self.by_slot[(d, code)].append((p, v))

    # --- expressions over days (history before the period, unknown after) ---------
    def date_of(self, d: int) -> dt.date:
        return self.date0 + dt.timedelta(days=d)

    def history_shift(self, p: int, d: int) -> str | None:
        return self.history.get((self.staff[p].id, self.date_of(d)))

    def has_history(self, p: int) -> bool:
        """True if the previous rota gives any day of this person."""
        return self._has_history[p]

    def x_at(self, p: int, d: int, code: str) -> Expr:
        """The assignment of person p to shift code on day d (a constant outside the period)."""
        if d < 0:
            return 1 if self.history_shift(p, d) == code else 0
        if d >= self.n_days:
            return 0
        return self.x.get((p, d, code), 0)

    def work(self, p: int, d: int, codes: Iterable[str] | None = None) -> Expr:
        """1 if person p works on day d (any shift, or one of ``codes``), else 0."""
        if d < 0:
            shift = self.history_shift(p, d)
            return 1 if shift is not None and (codes is None or shift in codes) else 0
        if d >= self.n_days:
            return 0
        items = self.by_pd.get((p, d))
        if codes is not None:
            wanted = set(codes)
            items = [(c, v) for c, v in items or () if c in wanted]
        return pulp.lpSum(v for _, v in items) if items else 0

    def worked_minutes(self, p: int, d: int) -> Expr:
        if d < 0:
            code = self.history_shift(p, d)
            return self.shifts[code].paid_minutes if code in self.shifts else 0
        items = self.by_pd.get((p, d)) or []
        return pulp.lpSum(self.shifts[c].paid_minutes * v for c, v in items) if items else 0

    def limit_minutes(self, p: int, d: int) -> Expr:
        """Person p's minutes on day d as the working-time limits count them
        (``ShiftType.limit_minutes``: a sleeping night watch in full clock time); the previous
        rota before day 0. The same as :meth:`worked_minutes` unless a duty kind is used."""
        if d < 0:
            code = self.history_shift(p, d)
            return self.shifts[code].limit_minutes if code in self.shifts else 0
        items = self.by_pd.get((p, d)) or []
        return pulp.lpSum(self.shifts[c].limit_minutes * v for c, v in items) if items else 0

    def worked_any(self, p: int, days: list[int], prefix: str) -> Expr:
        """1 if person p works on any of these days of the period, else 0 (days outside
        the period count as off)."""
        per_day = [pulp.lpSum(v for _, v in self.by_pd[(p, d)]) for d in days
                   if 0 <= d < self.n_days and self.by_pd.get((p, d))]
        if not per_day:
            return 0
        if len(per_day) == 1:
            return per_day[0]  # at most one shift a day: already 0 or 1
        w = self.binary(prefix, owner=p)
        # each day's shifts summed are 0 or 1, so one row per day is valid and much
        # tighter in the LP than one row per shift
        for day in per_day:
            self.add(w >= day)
        self.add(w <= pulp.lpSum(per_day))
        return w

    def weekend_worked(self, p: int, saturday: dt.date) -> Expr:
        """1 if person p works on the Saturday or Sunday of that weekend."""
        key = ("weekend", p, saturday)
        if key in self._cache:
            return self._cache[key]
        d_sat = (saturday - self.date0).days
        days = [d_sat, d_sat + 1]
        consts = [self.work(p, d) for d in days if d < 0]
        result: Expr = 1 if any(c == 1 for c in consts) else self.worked_any(p, days, "wkend")
        self._cache[key] = result
        return result

    def saturdays(self, back: int = 0) -> list[dt.date]:
        """Saturdays from the weekend on or before the first day to the last day, plus
        ``back`` weekends before that (windows reaching into the previous rota)."""
        return weekend_saturdays(self.date0, self.date_of(self.n_days - 1), back)

    def period_saturdays(self) -> list[dt.date]:
        """Saturdays of the weekends with a day in the period."""
        return [s for s in self.saturdays() if s >= self.date0 - dt.timedelta(days=1)]

    # --- who is on a slot, and whether a service unit is opened ---------------------
    def staffed(self, slot: Slot) -> pulp.LpAffineExpression:
        """The number of people on a slot."""
        return pulp.lpSum(v for _, v in self.by_slot.get((slot.day_index, slot.shift), []))

    def skilled(self, slot: Slot, skill: str) -> pulp.LpAffineExpression:
        """The number of people with ``skill`` on a slot."""
        return pulp.lpSum(v for p, v in self.by_slot.get((slot.day_index, slot.shift), [])
                          if self.staff[p].has_skill(skill))

    def eligible(self, slot: Slot) -> int:
        """How many people may take the slot at all."""
        return len(self.by_slot.get((slot.day_index, slot.shift), []))

    def opened(self, key: tuple) -> pulp.LpVariable:
        """1 if the service unit ``key`` counts as opened, which it may only when each of its
        slots has at least its minimum. The same variable for every rule that asks."""
        var = self._opened.get(key)
        if var is None:
            var = self.binary("open")
            for slot in self.table.units[key]:
                self.add(self.staffed(slot) >= slot.min_staff * var)
            self._opened[key] = var
        return var

    # --- constraints and costs ----------------------------------------------------
    def add(self, constraint: pulp.LpConstraint) -> None:
        if isinstance(constraint, bool):
            if not constraint:
                raise ValueError("constant constraint is false")
            return
        self.prob += constraint

    def limit(self, expr: Expr, rhs: float, rule: str, weight: float = 1.0) -> None:
        """expr <= rhs as a hard rule, or with a penalised slack in the elastic fallback."""
        if isinstance(expr, pulp.LpAffineExpression) and len(expr) == 0:
            expr = expr.constant
        if isinstance(expr, int | float):
            if expr > rhs + 1e-9:
                self.note(rule, Words("already broken by the previous rota",
                                      "allerede brutt i forrige turnus"))
            return
        if self.options.elastic:
            slack = self.continuous(f"el_{rule}")
            self.add(expr - slack <= rhs)
            self.cost(Priority.RULES, slack, rule=rule, weight=weight)
        else:
            self.add(expr <= rhs)

    def at_least(self, expr: Expr, rhs: float, rule: str, weight: float = 1.0) -> None:
        self.limit(-1 * expr, -rhs, rule, weight)

    def note(self, rule: str, said: Words, *, staff: str | None = None, date: dt.date | None = None,
             shift: str | None = None) -> None:
        """Something found while building that the rota must report (a lock that cannot be
        kept, say)."""
        self.notes.append(unit(rule).breach(said, severity=Severity.ERROR, staff=staff, date=date,
                                            shift=shift))

    def cost(self, priority: Priority, expr: Expr, *, rule: str, weight: float = 1.0,
             sub: int = 0) -> None:
        if isinstance(expr, int | float):
            expr = pulp.LpAffineExpression(constant=expr)
        elif isinstance(expr, pulp.LpVariable):
            expr = pulp.LpAffineExpression(expr)
        self.costs.append(Cost(stage=Stage(priority, sub), expr=weight * expr, rule=rule))

    def stages(self) -> list[Stage]:
        """The stages that carry costs, in priority order."""
        order = {s: i for i, s in enumerate(self.options.stage_order)}
        found = {c.stage for c in self.costs}
        return sorted(found, key=lambda st: (order.get(st.priority, len(order)), st.sub))

    def stage_expr(self, stage: Stage) -> pulp.LpAffineExpression:
        return pulp.lpSum(c.expr for c in self.costs if c.stage == stage)

    def weighted_expr(self) -> pulp.LpAffineExpression:
        return pulp.lpSum(c.expr for c in self.costs)

    # --- people -------------------------------------------------------------------
    def staff_index(self, staff_id: str) -> int:
        for i, p in enumerate(self.staff):
            if p.id == staff_id:
                return i
        raise KeyError(staff_id)

    def person_rule(self, p: int, key: str) -> Any:
        """A rule value for one person: their own if set, else the scenario's."""
        return self.scenario.rule_for(self.staff[p], key)

    def persons(self) -> Iterable[int]:
        return range(len(self.staff))

    def persons_with(self, key: str, least: int = 1) -> Iterator[tuple[int, Any]]:
        """People whose value of a rule is set and at least ``least``, with the value."""
        for p in self.persons():
            value = self.person_rule(p, key)
            if value is not None and value >= least:
                yield p, value
