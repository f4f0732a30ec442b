"""Errors a user can act on: which file, which key or row, what was expected."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file.

    ``where`` is a key path (``staff[3].fte``), a sheet/row/column
    (``Ansatte!C7``) or a line number, whichever the input format has.
    """

    source: str
    where: str
    message: str

    def __str__(self) -> str:
        loc = f"{self.source}: {self.where}" if self.where else self.source
        return f"{loc}: {self.message}"


class UserError(Exception):
    """An error caused by the user's input; the CLI exits with code 1."""


class ScenarioError(UserError):
    """A scenario that failed validation; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        noun = "problem" if len(self.problems) == 1 else "problems"
        super().__init__(f"{len(self.problems)} {noun} found:\n{lines}")


class RotaFileError(UserError):
    """A rota.json that cannot be read or does not fit the scenario."""
