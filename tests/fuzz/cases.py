"""What a case is: files to create in a fresh folder and the commands to run there."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fuzz.seeds import Seeds

Builder = Callable[["Seeds"], bytes]

UPLOAD = "@upload"
"""First word of a step that goes through the app's upload path instead of the CLI."""

INPUT, STATE = "input", "state"
"""An input file must be byte-identical afterwards; a state file (a store) may change."""

REGULAR, FOLDER, FIFO = "file", "folder", "fifo"


@dataclass(frozen=True)
class FileSpec:
    """One file (or folder, or named pipe) the case creates before it runs."""

    name: str
    build: Builder | None = None
    kind: str = REGULAR
    role: str = INPUT
    mode: int | None = None
    """Permission bits to set (a store the planner made is owner-only, 0600)."""


@dataclass(frozen=True)
class Case:
    """``steps`` are argv lists run in order in the case folder (``@upload NAME`` for the app).

    ``mutation`` is the mutation class (for grouping and for picking the quick subset).
    """

    id: str
    kind: str
    mutation: str
    steps: tuple[tuple[str, ...], ...]
    files: tuple[FileSpec, ...] = field(default=())

    def inputs(self) -> list[FileSpec]:
        return [f for f in self.files if f.role == INPUT]


def step(*argv: str) -> tuple[str, ...]:
    return tuple(argv)
