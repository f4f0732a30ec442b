"""What every solver backend offers the stage driver, and the result of one stage.

A backend holds the whole model once and is asked, stage by stage, to minimise an
objective (``minimize``), to keep a stage's value (``add_rows`` with ``expr <= bound``), to
add the rows that need the stages above (fairness bands), and for the values of the best
rota. A backend that can search a neighbourhood of its incumbent says so with
``can_search`` and overrides ``improve``; the others keep the default (no search).
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from dataclasses import dataclass
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


class Backend(ABC):
    name: ClassVar[str]
    can_search: ClassVar[bool] = False
    """True if ``improve`` runs a local search (else it returns the result unchanged)."""

    def __init__(self, implied_integer: frozenset[str] = frozenset()) -> None:
        self.implied = implied_integer
        """Continuous columns that are whole at every optimum (``Model.implied_integer``)."""

    @abstractmethod
    def minimize(self, expr: pulp.LpAffineExpression, time_limit: float, gap: float,
                 stage: Stage) -> StageResult: ...

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
                seed: int) -> StageResult:
        """Search near the incumbent for a better rota; without a search, the result as it is."""
        return res

    def whole_valued(self, expr: pulp.LpAffineExpression) -> bool:
        return integral(expr, self.implied)


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
