"""Errors a user can act on: which file, which key or row, what was expected.

A message built in code is given in both languages where it is raised, as the rule units
word theirs (:class:`roster.rules.words.Words`, ``pick(lang, en, nb)``):
``UserError(f"... {x}", nb=f"... {x}")`` or ``UserError(Words(en, nb))``. ``str(exc)`` is
the English; :meth:`UserError.text` the message in a language. A message given in English
only (a loader's :class:`Problem`, a file reader's refusal) is put in bokmål from its
template by ``roster.nb_messages``, or shown as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file.

    ``where`` is a key path (``staff[3].fte``), a sheet/row/column
    (``Ansatte!C7``) or a line number, whichever the input format has. ``nb`` is the
    message in bokmål where the reader gives it (else ``roster.nb_messages`` translates
    ``message`` from its template).
    """

    source: str
    where: str
    message: str
    nb: str | None = field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        loc = f"{self.source}: {self.where}" if self.where else self.source
        return f"{loc}: {self.message}"


class UserError(Exception):
    """An error caused by the user's input; the CLI exits with code 1.

    ``message`` is the English text, or an object with ``en`` and ``nb`` (``Words``);
    ``nb`` is the bokmål text, None when only English was given.
    """

    def __init__(self, message: Any = "", *args: Any, nb: str | None = None):
        en, both = getattr(message, "en", None), getattr(message, "nb", None)
        if isinstance(en, str) and isinstance(both, str):
            message, nb = en, both
        super().__init__(message, *args)
        self.nb = nb

    def text(self, lang: str) -> str:
        """The message in bokmål (``lang`` "nb") if it was given in bokmål, else English."""
        return self.nb if lang == "nb" and self.nb is not None else str(self)


def within(place: str, exc: UserError, kind: type[UserError] | None = None) -> UserError:
    """``place: message``, an inner error named by its file (or option), in both languages
    as far as the inner error has them; a :class:`UserError` unless ``kind`` is given."""
    nb = f"{place}: {exc.nb}" if exc.nb is not None else None
    return (kind or UserError)(f"{place}: {exc}", nb=nb)


class ScenarioError(UserError):
    """A scenario that failed validation; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        noun = "problem" if len(self.problems) == 1 else "problems"
        super().__init__(f"{len(self.problems)} {noun} found:\n{lines}")


class RotaFileError(UserError):
    """A rota.json that cannot be read or does not fit the scenario."""
