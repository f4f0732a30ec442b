"""A small TOML writer for scenario data (``tomllib`` only reads).

Writes plain tables as ``[table]``, lists of tables as ``[[table]]`` entries, and anything
nested below that as inline values (``{ count = 4, per = "week" }``). Dates stay TOML
dates (``2027-01-15``), so ``tomllib.loads(dumps(data)) == data`` for scenario data.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any

BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def key(name: str) -> str:
    return name if BARE_KEY.fullmatch(name) else json.dumps(name, ensure_ascii=False)


def value(v: Any) -> str:
    """One TOML value, inline."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, str):
        # a JSON string with its escapes is a valid TOML basic string
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, (dt.datetime, dt.date, dt.time)):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(value(x) for x in v) + "]"
    if isinstance(v, dict):
        if not v:
            return "{}"
        return "{ " + ", ".join(f"{key(str(k))} = {value(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"cannot write {type(v).__name__} as TOML")


def _is_table_list(v: Any) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(x, dict) for x in v)


def dumps(data: dict[str, Any], header: str = "") -> str:
    """The whole document: top-level scalars first, then tables, then arrays of tables."""
    lines: list[str] = [f"# {line}".rstrip() for line in header.splitlines()]
    if lines:
        lines.append("")
    scalars = {k: v for k, v in data.items() if not isinstance(v, dict) and not _is_table_list(v)}
    for k, v in scalars.items():
        lines.append(f"{key(k)} = {value(v)}")
    if scalars:
        lines.append("")
    for k, v in data.items():
        if isinstance(v, dict):
            lines.append(f"[{key(k)}]")
            lines.extend(f"{key(str(kk))} = {value(vv)}" for kk, vv in v.items())
            lines.append("")
    for k, v in data.items():
        if _is_table_list(v):
            for entry in v:
                lines.append(f"[[{key(k)}]]")
                lines.extend(f"{key(str(kk))} = {value(vv)}" for kk, vv in entry.items())
                lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
