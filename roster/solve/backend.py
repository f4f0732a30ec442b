"""What every solver backend offers the stage driver, and the result of one stage.

A backend holds the whole model once and is asked, stage by stage, to minimise an
objective (``minimize``), to keep a stage's value (``add_rows`` with ``expr <= bound``), to
add the rows that need the stages above (fairness bands), and for the values of the best
rota. A backend that can search a neighbourhood of its incumbent says so with
``can_search`` and overrides ``improve``; the others keep the default (no search).
"""

from __future__ import annotations

import bisect
import math
from abc import ABC, abstractmethod
from dataclasses import dataclass
from fractions import Fraction
from typing import ClassVar

import pulp

from roster.model import Stage


@dataclass
class StageResult:
    stage: Stage
    status: str  # optimal | feasible | infeasible | no_solution | error
    value: float | None = None
    bound: float | None = None
    gap: float | None = None
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {"stage": self.stage.label, "status": self.status, "value": _round(self.value),
                "bound": _round(self.bound), "gap": _round(self.gap), "seconds": round(self.seconds, 3)}


def _round(v: float | None) -> float | None:
    return None if v is None or not math.isfinite(v) else round(v, 6)


@dataclass(frozen=True)
class Grid:
    """The values a stage's cost can take at an optimum: whole multiples of ``step`` (a
    whole-valued cost has step 1, a sum of shortfalls weighted 1/4 and 1/5 step 1/20), or
    one of ``points`` (a worst-hit share: 0, 1/5, 1/4, 2/5 ...). A bound rounded up to the
    next such value is still a bound, so a stage is proven as soon as that reaches its value."""

    step: float | None = None
    points: tuple[float, ...] = ()

    def up(self, bound: float) -> float:
        """The least value the cost can take that is not below ``bound``."""
        if not math.isfinite(bound):
            return bound
        if self.points:
            i = bisect.bisect_left(self.points, bound - 1e-9)
            return self.points[i] if i < len(self.points) else math.inf
        if self.step:
            return math.ceil(bound / self.step - 1e-6) * self.step
        return bound

    def below(self, value: float) -> float | None:
        """The largest value the cost can take below ``value`` (None if there is none known)."""
        if self.points:
            i = bisect.bisect_left(self.points, value - 1e-9)
            return self.points[i - 1] if i > 0 else None
        if self.step:  # a value between two steps (a helper column not at its least) too
            return (math.ceil(value / self.step - 1e-6) - 1) * self.step
        return None

    def gap(self) -> float:
        """The smallest distance between two values (HiGHS may stop once incumbent and bound
        are closer than that)."""
        if self.points:
            return min((b - a for a, b in zip(self.points, self.points[1:], strict=False)), default=1.0)
        return self.step or 0.0


WHOLE = Grid(step=1.0)
MAX_DENOMINATOR = 10_000


def grid_of(expr: pulp.LpAffineExpression, implied: set[str] | frozenset = frozenset(),
            points: tuple[float, ...] = ()) -> Grid | None:
    """The grid of a cost: its declared ``points``, else a step if every term is a whole-valued
    column with a rational coefficient of small denominator (and so is the constant), else None."""
    if points:
        return Grid(points=tuple(sorted(set(points))))
    if not all(v.cat == pulp.LpInteger or v.name in implied for v, _ in expr.items()):
        return None
    denominator = 1
    for c in [*(c for _, c in expr.items()), expr.constant]:
        f = Fraction(float(c)).limit_denominator(MAX_DENOMINATOR)
        if abs(float(f) - float(c)) > 1e-12 * max(1.0, abs(float(c))):
            return None
        denominator = math.lcm(denominator, f.denominator)
        if denominator > MAX_DENOMINATOR:
            return None
    return Grid(step=1.0 / denominator)


class Backend(ABC):
    name: ClassVar[str]
    can_search: ClassVar[bool] = False
    """True if ``improve`` runs a local search (else it returns the result unchanged)."""

    def __init__(self, implied_integer: frozenset[str] = frozenset()) -> None:
        self.implied = implied_integer
        """Continuous columns that are whole at every optimum (``Model.implied_integer``)."""

    @abstractmethod
    def minimize(self, expr: pulp.LpAffineExpression, time_limit: float, gap: float,
                 stage: Stage, grid: Grid | None = None) -> StageResult:
        """Minimise ``expr`` from the incumbent (if any); with a ``grid`` the solver may stop
        as soon as the bound rounded up to it reaches the incumbent's value."""

    @abstractmethod
    def add_rows(self, rows: list[pulp.LpConstraint]) -> None: ...

    @abstractmethod
    def values(self) -> dict[str, float]: ...

    @abstractmethod
    def has_incumbent(self) -> bool:
        """True once a rota is known (the next stage starts from it)."""

    def integer_columns(self) -> int | None:
        """How many integer columns the model has, where the backend knows (time policy)."""
        return None

    @abstractmethod
    def keep(self) -> object:
        """The incumbent, to put back with :meth:`restore` if a later run finds a worse one."""

    @abstractmethod
    def restore(self, kept: object) -> None:
        """Put back an incumbent from :meth:`keep`."""

    def improve(self, expr: pulp.LpAffineExpression, time_limit: float, res: StageResult,
                seed: int, grid: Grid | None = None, stall: int | None = None,
                weighted: bool = False) -> StageResult:
        """Search near the incumbent for a better rota (with the weighted-mode policy if
        ``weighted``); without a search, the result as it is."""
        return res

    def settle(self, expr: pulp.LpAffineExpression, time_limit: float) -> float | None:
        """The incumbent's value of ``expr`` with its continuous helpers (a shift short, an
        hour over) at their least for its shifts; None where the backend cannot tell. A
        search's rota may carry a helper above what its shifts cost, and the value it
        reports would then be above the rota's own cost."""
        return None

    def floor(self, expr: pulp.LpAffineExpression) -> float:
        """The least value ``expr`` can take within its columns' bounds alone (-inf if unknown)."""
        return -math.inf

    def below(self, expr: pulp.LpAffineExpression, limit: float, time_limit: float,
              stage: Stage, seed: int | None = None) -> StageResult:
        """Is there a rota whose cost is at most ``limit``? ``infeasible`` if there is none
        (which proves the incumbent's value, when ``limit`` is the next value below it), else
        the rota found, or ``no_solution`` if the time ran out first. Without support:
        ``no_solution``."""
        return StageResult(stage, "no_solution")

    def whole_valued(self, expr: pulp.LpAffineExpression) -> bool:
        return integral(expr, self.implied)

    def grid(self, expr: pulp.LpAffineExpression, points: tuple[float, ...] = ()) -> Grid | None:
        """The values the stage's cost can take (:func:`grid_of`)."""
        return grid_of(expr, self.implied, points)


def split(expr: pulp.LpAffineExpression) -> tuple[dict[str, float], float]:
    """An expression as {column name: coefficient} and its constant."""
    return {v.name: c for v, c in expr.items() if c != 0}, float(expr.constant)


def integral(expr: pulp.LpAffineExpression, implied: set[str] | frozenset = frozenset()) -> bool:
    """True if the expression can only take whole values at an optimum."""
    return all((v.cat == pulp.LpInteger or v.name in implied) and float(c).is_integer()
               for v, c in expr.items())


def tolerance(value: float, whole: bool) -> float:
    """How far above a stage's value the next stages may let it go."""
    if whole:
        return 1e-6
    return max(1e-6, 1e-6 * abs(value))


def proven(value: float | None, bound: float | None, grid: Grid | None) -> bool:
    """True if no better value than ``value`` can exist: the bound, rounded up to the grid of
    values the cost can take, has reached it."""
    if value is None or bound is None:
        return False
    rounded = grid.up(bound) if grid is not None else bound
    slack = 1e-6 * max(1.0, abs(value))
    if grid is not None and grid.gap() > 0:
        slack = min(slack, grid.gap() / 2)  # never a whole step, however large the value
    return value <= rounded + slack
