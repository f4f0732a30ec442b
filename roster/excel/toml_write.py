"""A small TOML writer for scenario data (``tomllib`` only reads).

Writes plain tables as ``[table]``, lists of tables as ``[[table]]`` entries, and anything
nested below that as inline values (``{ count = 4, per = "week" }``). Dates stay TOML
dates (``2027-01-15``), so ``tomllib.loads(dumps(data)) == data`` for scenario data.

Text from a workbook can hold any character. Strings escape quotes, backslashes and every
control character TOML forbids raw (U+0000-U+001F, U+007F); a lone surrogate, which UTF-8
cannot hold, becomes U+FFFD. Header comment lines drop control characters the same way.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
NEEDS_ESCAPE = re.compile('["\\\\\x00-\x1f\x7f\ud800-\udfff]')
NOT_IN_COMMENT = re.compile("[\x00-\x08\x0a-\x1f\x7f\ud800-\udfff]")
SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n",
                 "\f": "\\f", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in SHORT_ESCAPES:
        return SHORT_ESCAPES[ch]
    if "\ud800" <= ch <= "\udfff":
        return "\\uFFFD"
    return f"\\u{ord(ch):04X}"


def string(text: str) -> str:
    """A TOML basic string that reads back as ``text`` (control characters escaped)."""
    return '"' + NEEDS_ESCAPE.sub(_escape, text) + '"'


def key(name: str) -> str:
    return name if BARE_KEY.fullmatch(name) else string(name)


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
        return string(v)
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
    lines: list[str] = [f"# {NOT_IN_COMMENT.sub('?', line)}".rstrip() for line in header.splitlines()]
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
