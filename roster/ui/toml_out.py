"""The scenario download as TOML, written by the project's one TOML writer
(``roster.excel.toml_write``), with a header saying where it came from.

``tomllib.loads(dumps(d))`` gives ``d`` back (empty values dropped: TOML has no null).
"""

from __future__ import annotations

from typing import Any

from roster.excel.toml_write import dumps as _dumps

HEADER = "Scenario saved from the what-if planner (app.py); format: docs/scenario-format.md"


def _without_none(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _without_none(x) for k, x in v.items() if x is not None}
    if isinstance(v, list):
        return [_without_none(x) for x in v if x is not None]
    return v


def dumps(data: dict, header: str = HEADER) -> str:
    return _dumps(_without_none(data), header=header)
