"""Entry point: ``roster <command> ...``. Exit codes: 0 ok, 1 user error, 2 internal error.

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

from roster.errors import UserError

EXIT_OK, EXIT_USER, EXIT_INTERNAL = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    import roster.cli.commands as commands

    parser = argparse.ArgumentParser(
        prog="roster",
        description="Rota (turnus) planner for Norwegian municipal health and social services.",
        epilog="Run 'roster COMMAND --help' for the options of one command.",
    )
    parser.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USER
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_USER
    except BrokenPipeError:  # output piped into a command that stopped reading (| head)
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
        print(f"internal error: {type(exc).__name__}: {exc}\n"
              "This is a bug in the planner; please report it with the command you ran "
              "(add --debug for details).", file=sys.stderr)
        return EXIT_INTERNAL


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry()
