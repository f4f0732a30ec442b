"""A rule's parameters: key, type, default, bounds, scenario-wide or per person, labels.

Each rule unit lists its :class:`Param` values; the scenario schema (the ``[rules]`` and
``[staff.rules]`` keys the loader accepts and checks), the rule pack's validation, the
Excel template's settings and staff columns, the app's rule editor and the rules written
to ``rota.json`` are all read from them (docs/adr/0005-rule-catalogue.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from roster.input_files import describe, is_number, shown, shown_number

MAX_DAYS = 366  # a count of days or weekends: at most one year's worth
HOURS_PER_WEEK = 168
MAX_HOURS_PER_PERSON = 24 * MAX_DAYS
MAX_PAIRS = 1_000  # forbidden successions in one scenario


class Kind(StrEnum):
    INT = "int"
    """A whole number."""
    NUMBER = "number"
    """A whole or decimal number."""
    BOOL = "bool"
    CHOICE = "choice"
    """One text out of ``choices``."""
    TABLE = "table"
    """Numbers by name out of ``choices`` (weekly hours by working-time arrangement)."""
    PAIRS = "pairs"
    """Shift-code pairs: ``["FROM", "TO"]`` or ``{from = "N", to = ["D"]}``."""
    SHIFT_COUNTS = "shift_counts"
    """Whole numbers by shift code (``{ N = 4 }``)."""


class Scope(StrEnum):
    SCENARIO = "scenario"
    """Only in ``[rules]``."""
    PERSON = "person"
    """Only in a person's ``[staff.rules]``."""
    BOTH = "both"
    """In ``[rules]``, and a person's own value in ``[staff.rules]`` wins."""


_TYPE_WORDS = {Kind.INT: "a whole number", Kind.NUMBER: "a number", Kind.BOOL: "true or false",
               Kind.CHOICE: "text", Kind.TABLE: "a table", Kind.PAIRS: "an array",
               Kind.SHIFT_COUNTS: "a table"}
_PYTHON_TYPES: dict[Kind, tuple[type, ...]] = {
    Kind.INT: (int,), Kind.NUMBER: (int, float), Kind.BOOL: (bool,), Kind.CHOICE: (str,),
    Kind.TABLE: (dict, Mapping), Kind.PAIRS: (list, tuple), Kind.SHIFT_COUNTS: (dict, Mapping)}


@dataclass(frozen=True)
class Param:
    """One rule parameter. ``default`` is the resolved value when neither the rule pack nor
    the scenario sets it (0 switches a rule with ``zero_is_off`` off, stored as None)."""

    key: str
    kind: Kind
    default: Any
    nb: str
    en: str
    bounds: tuple[float, float] | None = None
    choices: tuple[str, ...] = ()
    scope: Scope = Scope.SCENARIO
    zero_is_off: bool = False
    note: str = ""
    """A short hint shown next to the value (its source, or the values it takes)."""
    contract: bool = True
    """Written to ``rota.json``'s ``rules`` field."""
    offered: bool = True
    """Offered in the Excel template and the app (False for benchmark-only or list values)."""

    @property
    def scenario_wide(self) -> bool:
        return self.scope is not Scope.PERSON

    @property
    def per_person(self) -> bool:
        return self.scope is not Scope.SCENARIO

    @property
    def person_default(self) -> Any:
        """A person's value when their ``[staff.rules]`` does not set it."""
        return MappingProxyType({}) if self.kind is Kind.SHIFT_COUNTS else None

    def label(self, lang: str) -> str:
        return self.nb if lang == "nb" else self.en

    # --- checking and resolving a value from the rule pack or a scenario's [rules] -------
    def problems(self, value: Any) -> list[tuple[str | int, str]]:
        """What is wrong with a value, as (sub-key, message) pairs; empty when it is fine."""
        types = _PYTHON_TYPES[self.kind]
        if not isinstance(value, types) or (isinstance(value, bool) and self.kind is not Kind.BOOL):
            return [("", f"expected {_TYPE_WORDS[self.kind]}, got {describe(value)}")]
        if self.bounds is not None and self.kind in (Kind.INT, Kind.NUMBER):
            lo, hi = self.bounds
            if not is_number(value):
                return [("", f"expected a finite number, got {describe(value)}")]
            if not lo <= value <= hi:
                return [("", f"must be between {lo:g} and {hi:g}, got {shown_number(value)}")]
        if self.kind is Kind.CHOICE and value not in self.choices:
            return [("", f"'{shown(value)}' is not one of: {', '.join(self.choices)}")]
        if self.kind is Kind.TABLE:
            return self._table_problems(value)
        if self.kind is Kind.PAIRS:
            return _pairs_problems(value)
        return []

    def _table_problems(self, table: Mapping) -> list[tuple[str | int, str]]:
        out: list[tuple[str | int, str]] = []
        hi = self.bounds[1] if self.bounds else HOURS_PER_WEEK
        for k, v in table.items():
            if k not in self.choices:
                out.append((str(k), f"unknown working-time arrangement '{shown(str(k))}' "
                                    f"(expected one of: {', '.join(self.choices)})"))
            elif not is_number(v) or not 0 < v <= hi:
                out.append((k, f"expected hours per week above 0 and at most {hi:g}, "
                               f"got {shown_number(v) if is_number(v) else describe(v)}"))
        return out

    def resolve(self, value: Any) -> Any:
        """A checked value as the planner keeps it (0 to None where 0 switches the rule off)."""
        if self.kind is Kind.INT:
            return None if self.zero_is_off and not value else int(value)
        if self.kind is Kind.NUMBER:
            return None if self.zero_is_off and not value else float(value)
        if self.kind is Kind.TABLE:
            return MappingProxyType({**self.default, **{k: float(v) for k, v in value.items()}})
        if self.kind is Kind.PAIRS:
            return tuple(_pairs(value))
        if self.kind is Kind.SHIFT_COUNTS:
            return MappingProxyType(dict(value))
        return value

    def to_json(self, value: Any) -> Any:
        """A resolved value as plain JSON data."""
        if self.kind is Kind.PAIRS:
            return [list(p) for p in value]
        if isinstance(value, Mapping):
            return dict(value)
        return value


def _pairs(value: list) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for pair in value:
        if isinstance(pair, dict):
            tos = pair.get("to")
            out.extend((pair["from"], to) for to in ([tos] if isinstance(tos, str) else tos))
        else:
            out.append((pair[0], pair[1]))
    return out


def _pairs_problems(value: list) -> list[tuple[str | int, str]]:
    if len(value) > MAX_PAIRS:
        return [("", f"at most {MAX_PAIRS} entries, got {len(value)}")]
    out: list[tuple[str | int, str]] = []
    for i, pair in enumerate(value):
        if isinstance(pair, dict):
            frm, tos = pair.get("from"), pair.get("to")
            tos = [tos] if isinstance(tos, str) else tos
            if isinstance(frm, str) and isinstance(tos, list) and len(tos) <= MAX_PAIRS \
                    and all(isinstance(to, str) for to in tos):
                continue
        elif isinstance(pair, list | tuple) and len(pair) == 2 and all(isinstance(x, str) for x in pair):
            continue
        out.append((i, 'expected ["FROM", "TO"] or {from = "N", to = ["D"]}'))
    return out
