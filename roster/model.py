"""The shared optimisation model that every rule unit adds its constraints and costs to.

One binary ``x[p, d, s]`` per person, day and shift, created only where the shift has a
slot on that day and every eligibility rule allows it. Days before the period come from
the previous rota (``history``) as constants, days after it are unknown and treated as
free, so rules that look across the month boundary see the real past.

Costs are grouped in named stages; ``roster.solve`` minimises them in priority order
(or, in weighted mode, as one weighted sum).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pulp

from roster.calendar import Day
from roster.contract import HoursBand, hours_band
from roster.scenario import Scenario, ShiftType, Staff
from roster.slots import SlotTable

# Stage order of the staged objective. "rules" is only used by the elastic fallback that
# explains an infeasible scenario; "hours" (contract hours below the band) sits between
# base coverage and the service level. See README "Priorities".
DEFAULT_STAGE_ORDER: tuple[str, ...] = (
    "rules", "base", "hours", "service", "robust", "fairness", "wishes", "stability", "tidiness",
)
# A re-plan keeps published shifts right after coverage and service (issue: minimal change
# is an explicit objective after coverage).
REPLAN_STAGE_ORDER: tuple[str, ...] = (
    "rules", "base", "hours", "service", "stability", "robust", "fairness", "wishes", "tidiness",
)

Expr = pulp.LpAffineExpression | pulp.LpVariable | int | float


@dataclass
class Cost:
    stage: str
    sub: int
    expr: pulp.LpAffineExpression
    rule: str


@dataclass
class ModelOptions:
    elastic: bool = False
    stage_order: tuple[str, ...] = DEFAULT_STAGE_ORDER
    extra_on_base: int = 0
    """Robust planning: require this many staff above the minimum on base slots."""


@dataclass
class Note:
    """Something found while building the model that the rota must report (a lock that
    cannot be kept, for example)."""

    rule: str
    detail: str
    staff: str | None = None
    date: dt.date | None = None
    shift: str | None = None


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
        self.notes: list[Note] = []
        self.open_vars: dict[tuple, pulp.LpVariable] = {}
        # (stage, hook): just before that stage, hook(current values) returns
        # (constraint name, new right-hand side) pairs to apply
        self.stage_hooks: list[tuple[str, Callable[[dict[str, float]], list]]] = []
        self.bands: list[HoursBand] = [hours_band(self.scenario, p, self.days) for p in self.staff]
        self._counter = 0
        # continuous variables that take whole values in every optimal solution (slacks of
        # whole-number expressions): with whole cost weights the objective is then whole,
        # and the solver may stop once incumbent and bound are less than 1 apart
        self.implied_integer: set[str] = set()
        self.owner: dict[str, int] = {}
        self._cache: dict[tuple, object] = {}
        self.date0 = self.scenario.start

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

    def continuous(self, prefix: str, low: float = 0, up: float | None = None,
                   owner: int | None = None) -> pulp.LpVariable:
        """A new continuous variable; ``owner`` as for :meth:`binary` (a person's own cost)."""
        v = pulp.LpVariable(self._name(prefix), lowBound=low, upBound=up)
        if owner is not None:
            self.owner[v.name] = owner
        return v

    def integer(self, prefix: str, low: float = 0, up: float | None = None) -> pulp.LpVariable:
        return pulp.LpVariable(self._name(prefix), lowBound=low, upBound=up, cat=pulp.LpInteger)

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

    def x_at(self, p: int, d: int, code: str) -> Expr:
        """The assignment of person p to shift code on day d (a constant outside the period)."""
        if d < 0:
            return 1 if self.history_shift(p, d) == code else 0
        if d >= self.n_days:
            return 0
        return self.x.get((p, d, code), 0)

    def work(self, p: int, d: int) -> Expr:
        """1 if person p works on day d (any shift)."""
        if d < 0:
            return 1 if self.history_shift(p, d) is not None else 0
        if d >= self.n_days:
            return 0
        items = self.by_pd.get((p, d))
        return pulp.lpSum(v for _, v in items) if items else 0

    def worked_minutes(self, p: int, d: int) -> Expr:
        if d < 0:
            code = self.history_shift(p, d)
            return self.shifts[code].paid_minutes if code in self.shifts else 0
        items = self.by_pd.get((p, d)) or []
        return pulp.lpSum(self.shifts[c].paid_minutes * v for c, v in items) if items else 0

    def is_var_free(self, p: int, d: int) -> bool:
        """True if nothing can be decided for p on day d (outside the period or no vars)."""
        return d < 0 or d >= self.n_days or not self.by_pd.get((p, d))

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
            return self._cache[key]  # type: ignore[return-value]
        d_sat = (saturday - self.date0).days
        days = [d_sat, d_sat + 1]
        consts = [self.work(p, d) for d in days if d < 0]
        if any(c == 1 for c in consts):
            result: Expr = 1
        else:
            result = self.worked_any(p, days, "wkend")
        self._cache[key] = result
        return result

    # --- constraints and costs ----------------------------------------------------
    def add(self, constraint: pulp.LpConstraint, name: str | None = None) -> None:
        if isinstance(constraint, bool):
            if not constraint:
                raise ValueError(f"constant constraint is false: {name}")
            return
        self.prob += (constraint, name) if name else constraint

    def limit(self, expr: Expr, rhs: float, rule: str, weight: float = 1.0) -> None:
        """expr <= rhs as a hard rule, or with a penalised slack in the elastic fallback."""
        if isinstance(expr, pulp.LpAffineExpression) and len(expr) == 0:
            expr = expr.constant
        if isinstance(expr, (int, float)):
            if expr > rhs + 1e-9:
                self.notes.append(Note(rule=rule, detail="already broken by fixed history"))
            return
        if self.options.elastic:
            slack = self.continuous(f"el_{rule}")
            self.add(expr - slack <= rhs)
            self.cost("rules", slack, rule=rule, weight=weight)
        else:
            self.add(expr <= rhs)

    def at_least(self, expr: Expr, rhs: float, rule: str, weight: float = 1.0) -> None:
        self.limit(-1 * expr, -rhs, rule, weight)

    def cost(self, stage: str, expr: Expr, *, rule: str, weight: float = 1.0, sub: int = 0) -> None:
        if isinstance(expr, (int, float)):
            expr = pulp.LpAffineExpression(constant=expr)
        elif isinstance(expr, pulp.LpVariable):
            expr = pulp.LpAffineExpression(expr)
        self.costs.append(Cost(stage=stage, sub=sub, expr=weight * expr, rule=rule))

    def stage_keys(self) -> list[tuple[str, int]]:
        """The (stage, sub-stage) pairs that carry costs, in priority order."""
        order = {s: i for i, s in enumerate(self.options.stage_order)}
        keys = {(c.stage, c.sub) for c in self.costs}
        return sorted(keys, key=lambda k: (order.get(k[0], len(order)), k[1]))

    def stage_expr(self, key: tuple[str, int]) -> pulp.LpAffineExpression:
        return pulp.lpSum(c.expr for c in self.costs if (c.stage, c.sub) == key)

    def weighted_expr(self) -> pulp.LpAffineExpression:
        return pulp.lpSum(c.expr for c in self.costs)

    # --- helpers shared by rule units ---------------------------------------------
    def staff_index(self, staff_id: str) -> int:
        for i, p in enumerate(self.staff):
            if p.id == staff_id:
                return i
        raise KeyError(staff_id)

    def person_rule(self, p: int, name: str) -> int | None:
        """A per-person rule value if set, else the scenario's value."""
        own = getattr(self.staff[p].rules, name, None)
        return own if own is not None else getattr(self.scenario.rules, name, None)

    def persons(self) -> Iterable[int]:
        return range(len(self.staff))
