"""Rule units: each rule is one small named function that adds its part to the model.

A rule is either a *filter* (it says which person may take which shift on which day, so
the model never creates the variable), or a *builder* (it adds constraints and/or costs
to ``roster.model.Model``). Every rule names its source. ``roster.check`` checks a rota
against the same rules with code of its own; the two share no constraint-building code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roster.model import Model
    from roster.scenario import Scenario


@dataclass(frozen=True)
class Rule:
    name: str
    source: str
    build: Callable[[Model], None] | None = None
    allows: Callable[[Model, int, int, str], bool] | None = None
    staged_only: bool = False
    """Objective rules that only make sense in the staged (Norwegian) mode."""

    @property
    def doc(self) -> str:
        fn = self.build or self.allows
        return (fn.__doc__ or "").strip().split("\n")[0] if fn else ""


REGISTRY: list[Rule] = []


def rule(name: str, source: str, *, filter: bool = False, staged_only: bool = False):
    """Register a rule unit. ``filter=True`` for eligibility rules."""

    def deco(fn):
        REGISTRY.append(Rule(name=name, source=source, build=None if filter else fn,
                             allows=fn if filter else None, staged_only=staged_only))
        return fn

    return deco


def _load_all() -> None:
    # importing the modules registers their rules, in this order
    from roster.rules import (  # noqa: F401
        availability,
        coverage,
        daily,
        hours,
        objectives,
        rest,
        sequences,
        service,
        weekends,
    )


def rules_for(scenario: Scenario, skip: tuple[str, ...] = ()) -> list[Rule]:
    """The rule units that apply to a scenario, in build order."""
    _load_all()
    weighted = scenario.objective_mode == "weighted"
    return [r for r in REGISTRY
            if r.name not in skip and not (weighted and r.staged_only)]


def rule_by_name(name: str) -> Rule:
    _load_all()
    for r in REGISTRY:
        if r.name == name:
            return r
    raise KeyError(name)
