"""What the command line says when a command fails on the user's input, in the language of
the command's ``--lang`` (English for a command without one).

A :class:`roster.errors.UserError` raised with its bokmål (``UserError(en, nb=...)``) is
said in it; a scenario's problems (:class:`roster.errors.ScenarioError`) and the English-only
refusals of the file readers are put in bokmål from their templates
(:mod:`roster.nb_messages`); an OS error by its error number (``roster.safe_io.os_reason``).
A message no template knows is shown in English rather than lost.
"""

from __future__ import annotations

import argparse

from roster import nb_messages
from roster.errors import Problem, ScenarioError, UserError
from roster.rules.words import Words
from roster.safe_io import describe_os_error

ERROR = Words("error", "feil")
INTERRUPTED = Words("interrupted", "avbrutt")
OUT_OF_MEMORY = Words("the input is too large: the planner ran out of memory (a smaller period, fewer "
                      "staff or fewer runs may help)",
                      "inndataene er for store: planleggeren gikk tom for minne (en kortere periode, "
                      "færre ansatte eller færre kjøringer kan hjelpe)")
TOO_DEEP = Words("the input is too deeply nested to read",
                 "inndataene ligger for dypt inni hverandre til å kunne leses")
INTERNAL = Words("internal error", "intern feil")
A_BUG = Words("This is a bug in the planner; please report it with the command you ran (add --debug "
              "for details).",
              "Dette er en feil i planleggeren; meld den med kommandoen du kjørte (legg til --debug "
              "for detaljer).")


def lang_of(args: argparse.Namespace) -> str:
    """The language of a parsed command line: its ``--lang`` (which defaults to
    $ROSTER_LANG), English for a command without one."""
    return "nb" if getattr(args, "lang", "en") == "nb" else "en"


def problem_text(p: Problem, lang: str) -> str:
    """'file: place: message', the place and message in bokmål for ``lang`` "nb"."""
    if lang != "nb":
        return str(p)
    message = p.nb if p.nb is not None else nb_messages.message(p.message, "nb")
    return f"{p.source}: {nb_messages.problem_place(p.where)}: {message}" if p.where else \
        f"{p.source}: {message}"


def scenario_error_text(exc: ScenarioError, lang: str) -> str:
    """'3 problems found:' and one line per problem."""
    if lang != "nb":
        return str(exc)
    n = len(exc.problems)
    lines = "\n".join(f"  - {problem_text(p, lang)}" for p in exc.problems)
    return f"{n} {'problem' if n == 1 else 'problemer'} funnet:\n{lines}"


def user_error_text(exc: UserError, lang: str) -> str:
    """A user error in ``lang``: its own bokmål, else from the templates, else English."""
    if isinstance(exc, ScenarioError):
        return scenario_error_text(exc, lang)
    if lang != "nb":
        return str(exc)
    if exc.nb is not None:
        return exc.nb
    return nb_messages.user_error(str(exc)) or str(exc)


def os_error_text(exc: OSError, lang: str) -> str:
    """'path: reason' (not found, a folder, permission denied, disk full ...)."""
    return describe_os_error(exc, lang)


def error_line(message: str, lang: str) -> str:
    """'error: message' / 'feil: message'."""
    return f"{ERROR.render(lang)}: {message}"


def internal_error_text(exc: BaseException, lang: str) -> str:
    """An internal error (a bug, exit 2): its class and text (as Python wrote them) and what
    to do."""
    return f"{INTERNAL.render(lang)}: {type(exc).__name__}: {exc}\n{A_BUG.render(lang)}"

