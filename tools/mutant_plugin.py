"""A pytest plugin for ``tools/mutants.py``: before any test runs, it disables one half of one
rule unit, named by ``ROSTER_MUTANT`` ("build:<rule id>" or "check:<rule id>").

``build`` turns the unit's model builder into a no-op (an eligibility filter into "allow
everything"); ``check`` turns its checker measurement into one that finds nothing. Loaded
with ``-p tools.mutant_plugin``; without the variable it does nothing.
"""

from __future__ import annotations

import dataclasses
import importlib
import os

ENV = "ROSTER_MUTANT"


def _no_build(m: object) -> None:
    return None


def _allow_all(m: object, p: int, d: int, code: str) -> bool:
    return True


def _finds_nothing(ctx: object) -> list:
    return []


def disable(half: str, rule_id: str) -> None:
    """Replace one half of the unit ``rule_id`` in its module, then forget the catalogue's cache."""
    from roster.rules import catalogue

    for name in catalogue.UNITS:
        module = importlib.import_module(f"roster.rules.{name}")
        unit = module.UNIT
        if unit.id != rule_id:
            continue
        if half == "check":
            changes = {"check": _finds_nothing}
        elif unit.allows is not None:
            changes = {"allows": _allow_all}
        else:
            changes = {"build": _no_build}
        module.UNIT = dataclasses.replace(unit, **changes)
        for value in vars(catalogue).values():  # every cached look-up built from the units
            if hasattr(value, "cache_clear"):
                value.cache_clear()
        return
    raise SystemExit(f"{ENV}: no rule unit '{rule_id}'")


def pytest_configure(config: object) -> None:
    spec = os.environ.get(ENV)
    if spec:
        half, _, rule_id = spec.partition(":")
        if half not in ("build", "check"):
            raise SystemExit(f"{ENV}={spec!r}: expected build:<rule id> or check:<rule id>")
        disable(half, rule_id)
