"""Entry point: ``roster <command> ...``.

Exit codes (also in the README):

- 0: done.
- 1: a user or input error, with a message naming the file, row or key: a scenario or rota
  that does not validate, a missing file, a folder or a FIFO given as a file, permission
  denied, a full disk, ``--out`` under a file, an output that would overwrite an input or
  a file the command did not write (see ``roster.cli.outputs``), an input too large for
  memory. ``check`` also exits 1 for a result: a rule breach in the rota it checks.
- 2: an internal error, a bug in the planner (add ``--debug`` for the traceback).
- 3: a command-line usage error: an unknown command or option, a missing argument, a value
  out of its bounds (``roster.cli.options``).
- 4: ``solve`` and ``replan``: the rota was written, but it breaks a hard rule or leaves
  base shifts short (status ``infeasible``, every breach and its cause in ``rota.json``
  and the summary), or no rota was found within the time limit (status ``error``)
  (``roster.cli.common.EXIT_ROTA_SHORT``; docs/adr/0006-true-status.md).

Sub-commands are found in ``roster.cli.commands``: each module there has
``register(subparsers)``, adds its parser and sets ``func`` to a function of the parsed
arguments returning an exit code. A new command is a new module; nothing else changes.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import traceback
from typing import NoReturn

from roster.cli.options import check_inputs
from roster.cli.user_errors import (
    INTERRUPTED,
    OUT_OF_MEMORY,
    TOO_DEEP,
    error_line,
    internal_error_text,
    lang_of,
    os_error_text,
    user_error_text,
)
from roster.errors import UserError

EXIT_OK, EXIT_USER, EXIT_INTERNAL, EXIT_USAGE = 0, 1, 2, 3


class Parser(argparse.ArgumentParser):
    """argparse with usage errors exiting with code 3 (argparse's own 2 means an internal
    error here). Sub-parsers are of the same class (argparse makes them with ``type(self)``)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> Parser:
    import roster.cli.commands as commands

    parser = Parser(
        prog="roster",
        description="Rota (turnus) planner for Norwegian municipal health and social services.",
        epilog="Run 'roster COMMAND --help' for the options of one command. Exit codes: 0 ok, "
               "1 user or input error, 2 internal error, 3 usage error, 4 rota written but it "
               "breaks hard rules or leaves base shifts short (solve, replan).",
    )
    parser.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(sub)
    return parser


def _user_error(message: str, lang: str = "en") -> int:
    print(error_line(message, lang), file=sys.stderr)
    return EXIT_USER


def _run(args: argparse.Namespace) -> int:
    """Run the command; map what can go wrong to an exit code and one clear message, in the
    language of the command's ``--lang`` (``roster.cli.user_errors``)."""
    lang = lang_of(args)
    try:
        check_inputs(args)
        return int(args.func(args) or 0)
    except UserError as exc:
        return _user_error(user_error_text(exc, lang), lang)
    except KeyboardInterrupt:
        print(INTERRUPTED.render(lang), file=sys.stderr)
        return EXIT_USER
    except BrokenPipeError:  # output piped into a command that stopped reading (| head)
        sys.stderr.close()
        return EXIT_OK
    except OSError as exc:  # not found, a folder, permission denied, disk full ...
        return _user_error(os_error_text(exc, lang), lang)
    except MemoryError:
        return _user_error(OUT_OF_MEMORY.render(lang), lang)
    except RecursionError:
        return _user_error(TOO_DEEP.render(lang), lang)
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
        print(internal_error_text(exc, lang), file=sys.stderr)
        return EXIT_INTERNAL


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error (3)
        return EXIT_OK if exc.code is None else exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    return _run(args)


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry()
