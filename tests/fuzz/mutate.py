"""Mutation primitives: values that break parsers and validators, and edits of nested data."""

from __future__ import annotations

import copy
import datetime as dt
import random
from collections.abc import Callable, Iterator
from typing import Any

Path = tuple[Any, ...]

NUMBERS: dict[str, Any] = {
    "nan": float("nan"),
    "inf": float("inf"),
    "-inf": float("-inf"),
    "huge": 1e308,
    "hugeint": 2**63 - 1,
    "negative": -1,
    "zero": 0,
    "bool": True,
    "string": "7.5",
}

FORMULAS: dict[str, str] = {
    "dde": "=cmd|' /C calc'!A0",
    "plus": "+1",
    "minus": "-1",
    "at": "@SUM(1)",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
    "hyperlink": '=HYPERLINK("http://example.invalid/?x","click")',
    "minus-dde": "-2+3+cmd|' /C calc'!A0",
}

CONTROLS: dict[str, str] = {
    "nul": "a\x00b",
    "escape": "\x1b[2J\x1b[31mred",
    "bell": "a\x07b",
    "rtl": "\u202eevil.exe",
    "newline": "line\nbreak",
    "del": "x\x7f",
    "bom": "\ufeffname",
    "vtab": "a\x0bb",
    "long": "L" * 20000,
}

WRONG_TYPES: dict[str, Any] = {
    "int": 5,
    "bool": True,
    "string": "x",
    "list": [],
    "table": {},
    "list-of-int": [5],
    "nan": float("nan"),
}

FAR_DATES: dict[str, dt.date] = {
    "year1": dt.date(1, 1, 1),
    "year9999": dt.date(9999, 12, 31),
    "year1900": dt.date(1900, 2, 28),
}


def rng_for(case_id: str) -> random.Random:
    """A random source that depends only on the case id (string seeds are stable)."""
    return random.Random(f"fuzz:{case_id}")


def walk(data: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    yield path, data
    if isinstance(data, dict):
        for k, v in data.items():
            yield from walk(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from walk(v, (*path, i))


def paths(data: Any, pred: Callable[[Any], bool]) -> list[Path]:
    return [p for p, v in walk(data) if p and pred(v)]


def is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def is_date(v: Any) -> bool:
    return isinstance(v, dt.date)


def set_at(data: Any, path: Path, value: Any) -> Any:
    out = copy.deepcopy(data)
    node = out
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return out


def delete_at(data: Any, path: Path) -> Any:
    out = copy.deepcopy(data)
    node = out
    for step in path[:-1]:
        node = node[step]
    del node[path[-1]]
    return out


def get_at(data: Any, path: Path) -> Any:
    for step in path:
        data = data[step]
    return data


def rename(data: Any, old: str, new: str) -> Any:
    """Every string equal to ``old`` (values, list items and dict keys) becomes ``new``."""
    if isinstance(data, dict):
        return {(new if k == old else k): rename(v, old, new) for k, v in data.items()}
    if isinstance(data, list):
        return [rename(v, old, new) for v in data]
    if data == old:
        return new
    return data


def path_name(path: Path) -> str:
    return ".".join(str(p) for p in path)


def sample(rng: random.Random, items: list, n: int) -> list:
    """``n`` items in their original order (all when fewer)."""
    if len(items) <= n:
        return list(items)
    picked = sorted(rng.sample(range(len(items)), n))
    return [items[i] for i in picked]


def flip_bytes(raw: bytes, rng: random.Random, count: int) -> bytes:
    out = bytearray(raw)
    for _ in range(count):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def random_bytes(rng: random.Random, size: int) -> bytes:
    return rng.randbytes(size)


def nested_array(depth: int) -> str:
    return "[" * depth + "]" * depth
