"""Helpers the generators share: file specs from seeds, case ids, the usual command steps."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from typing import Any

from fuzz import tomlw
from fuzz.cases import FIFO, FOLDER, INPUT, Builder, Case, FileSpec
from fuzz.seeds import Seeds

Mutator = Callable[[Any], Any]
"""Takes parsed data (a deep copy is the mutator's job) and returns data, text or bytes."""


def case_id(*parts: object) -> str:
    text = "/".join(str(p) for p in parts)
    text = re.sub(r"[^A-Za-z0-9_.=/+@-]+", "_", text)
    return text[:160]


PRIVATE_SEEDS = {"store.db": 0o600}
"""Seeds the planner writes owner-only; their copies get the same mode."""


def seed(name: str, seed_name: str | None = None, role: str = INPUT) -> FileSpec:
    source = seed_name or name
    return FileSpec(name, lambda s: s.bytes(source), role=role, mode=PRIVATE_SEEDS.get(source))


def const(name: str, data: bytes, role: str = INPUT) -> FileSpec:
    return FileSpec(name, lambda _s: data, role=role)


def built(name: str, build: Builder, role: str = INPUT) -> FileSpec:
    return FileSpec(name, build, role=role)


def folder(name: str) -> FileSpec:
    return FileSpec(name, kind=FOLDER)


def fifo(name: str) -> FileSpec:
    return FileSpec(name, kind=FIFO)


def encode(out: Any, writer: Callable[[Any], str]) -> bytes:
    if isinstance(out, bytes):
        return out
    if isinstance(out, str):
        return out.encode("utf-8")
    return writer(out).encode("utf-8")


def toml_builder(base: str, mutate: Mutator) -> Builder:
    def build(seeds: Seeds) -> bytes:
        return encode(mutate(tomllib.loads(seeds.text(base))), tomlw.dumps)

    return build


def json_dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)


def json_builder(base: str, mutate: Mutator) -> Builder:
    def build(seeds: Seeds) -> bytes:
        return encode(mutate(json.loads(seeds.text(base))), json_dumps)

    return build


def text_builder(base: str, mutate: Callable[[bytes], bytes]) -> Builder:
    def build(seeds: Seeds) -> bytes:
        return mutate(seeds.bytes(base))

    return build


def make(kind: str, mutation: str, detail: str, steps: list[tuple[str, ...]], files: list[FileSpec]) -> Case:
    return Case(case_id(kind, mutation, detail), kind, mutation, tuple(steps), tuple(files))


# --- the usual steps -----------------------------------------------------------------


def check_steps(f: str) -> list[tuple[str, ...]]:
    return [("validate", f), ("info", f)]


def solve_steps(f: str) -> list[tuple[str, ...]]:
    return [*check_steps(f), ("solve", f, "--out", "out", "--time-limit", "2")]


def output_steps(f: str) -> list[tuple[str, ...]]:
    """Solve, then every command that writes a CSV or a workbook from the scenario."""
    return [
        *solve_steps(f),
        ("export", f, "out/rota.json", "--out", "out/rota.xlsx"),
        ("coverage", f, "out/rota.json", "--out", "out/cov"),
        ("template", "--from", f, "--out", "out/scenario.xlsx"),
        ("staffing", f, "--out", "out/staffing"),
    ]
