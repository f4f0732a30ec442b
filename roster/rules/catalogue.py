"""The rule catalogue: the one ordered list of rule units.

Each line of :data:`UNITS` names one module in ``roster/rules/`` whose ``UNIT`` is a
:class:`~roster.rules.spec.RuleUnit`. The order is the order in which the model is built,
the checker reports and ``roster rules`` and docs/rules.md list the rules. Everything that
knows about rules reads them from here: the scenario schema and the rule pack's checks
(:func:`params`), the Excel template, the app's rule editor, the labels of breaches
(:func:`label`), ``roster rules`` and the rules table in the docs (:func:`markdown_table`).

Adding a rule: write ``roster/rules/<id>.py`` and ``tests/rules/test_<id>.py`` and add one
line here (README, "Adding a rule").
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from roster.rules.params import MAX_DAYS, Kind, Param, Scope
from roster.rules.spec import RuleUnit

if TYPE_CHECKING:
    from roster.scenario import Scenario

UNITS: tuple[str, ...] = (
    "reference",
    "absence",
    "fixed_day_off",
    "cannot_work",
    "one_shift_per_day",
    "locked",
    "coverage",
    "max_staff",
    "open_or_minimum",
    "skill",
    "soft_cover",
    "service_target",
    "rest",
    "weekly_rest",
    "consecutive",
    "min_block",
    "min_days_off",
    "consecutive_nights",
    "weekend",
    "max_weekends",
    "sunday_rest",
    "passive_duty",
    "hours",
    "hours_7_days",
    "max_shifts",
    "fairness",
    "wishes",
    "stability",
    "tidiness",
)

# Settings that belong to no single rule.
SETTINGS: tuple[Param, ...] = (
    Param("max_shift_hours", Kind.NUMBER, 12.5, "Maks vaktlengde (timer)", "Max shift length (hours)",
          bounds=(0, 24), zero_is_off=True, note="AML § 10-5 (2); checked when the scenario is read"),
    Param("notice_days", Kind.INT, 14, "Varsel (dager)", "Notice (days)", bounds=(0, MAX_DAYS),
          note="AML § 10-3; `roster solve` warns when a period starts sooner"),
    Param("check_times", Kind.BOOL, True, "Regn hvile fra klokkeslett", "Rest from clock times",
          contract=False, offered=False, note="false for benchmarks without clock times"),
)


@cache
def units() -> tuple[RuleUnit, ...]:
    """Every rule unit, in catalogue order."""
    found = tuple(importlib.import_module(f"roster.rules.{name}").UNIT for name in UNITS)
    ids = [u.id for u in found]
    if len(set(ids)) != len(ids):
        raise ValueError(f"two rule units share an id: {ids}")
    return found


def unit(rule_id: str) -> RuleUnit:
    """The unit with this id (KeyError if none)."""
    return _by_id()[rule_id]


@cache
def _by_id() -> Mapping[str, RuleUnit]:
    return MappingProxyType({u.id: u for u in units()})


def units_for(scenario: Scenario, skip: tuple[str, ...] = ()) -> list[RuleUnit]:
    """The units that apply to a scenario, in build order (weighted mode: no staged-only costs)."""
    weighted = scenario.objective_mode == "weighted"
    return [u for u in units() if u.id not in skip and not (weighted and u.staged_only)]


@cache
def params() -> tuple[Param, ...]:
    """Every rule parameter, in catalogue order, then the general settings."""
    found = tuple(p for u in units() for p in u.params) + SETTINGS
    keys = [p.key for p in found]
    if len(set(keys)) != len(keys):
        raise ValueError(f"two rule parameters share a key: {keys}")
    return found


def param(key: str) -> Param:
    """The parameter with this key (KeyError if none)."""
    return _by_key()[key]


@cache
def _by_key() -> Mapping[str, Param]:
    return MappingProxyType({p.key: p for p in params()})


def scenario_params() -> tuple[Param, ...]:
    """Keys of a scenario's ``[rules]`` table (and of the rule pack)."""
    return tuple(p for p in params() if p.scenario_wide)


def person_params() -> tuple[Param, ...]:
    """Keys of a person's ``[staff.rules]`` table."""
    return tuple(p for p in params() if p.per_person)


@cache
def defaults(scope: Scope) -> Mapping[str, Any]:
    """Every key of one level with its default: scenario-wide values, or a person's (unset)."""
    if scope is Scope.PERSON:
        return MappingProxyType({p.key: p.person_default for p in person_params()})
    return MappingProxyType({p.key: p.default for p in scenario_params()})


def owner(key: str) -> RuleUnit | None:
    """The unit a parameter belongs to (None for a general setting)."""
    return next((u for u in units() if any(p.key == key for p in u.params)), None)


def label(rule_id: str, lang: str) -> str:
    """A rule's name for people (Excel, the app); an unknown id is shown as it is."""
    try:
        return unit(rule_id).label(lang)
    except KeyError:
        return rule_id


def markdown_table() -> str:
    """The rules table of docs/rules.md, then the table of their parameters."""
    lines = ["| rule | kind | source | what it does | parameters |", "|---|---|---|---|---|"]
    for u in units():
        keys = ", ".join(f"`{p.key}`" for p in u.params)
        lines.append(f"| `{u.id}` | {u.kind} | {u.source} | {u.summary} | {keys or '-'} |")
    lines += ["", "| parameter | rule | type | default | bounds | where | note |",
              "|---|---|---|---|---|---|---|"]
    for p in params():
        rule = owner(p.key)
        where = {Scope.SCENARIO: "`[rules]`", Scope.PERSON: "`[staff.rules]`",
                 Scope.BOTH: "`[rules]`, `[staff.rules]`"}[p.scope]
        bounds = f"{p.bounds[0]:g}-{p.bounds[1]:g}" if p.bounds else "-"
        default = "-" if p.default is None or p.default == () else f"`{json.dumps(p.to_json(p.default))}`"
        lines.append(f"| `{p.key}` | {f'`{rule.id}`' if rule else '(setting)'} | {p.kind} | {default} "
                     f"| {bounds} | {where} | {p.note} |")
    return "\n".join(lines)

