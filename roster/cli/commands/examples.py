"""``roster examples``: the bundled example scenarios, usable as ``example:NAME`` anywhere."""

from __future__ import annotations

from roster.resources import EXAMPLE_PREFIX, examples


def register(sub) -> None:
    p = sub.add_parser("examples", help="list the bundled example scenarios (use them as example:NAME)")
    p.add_argument("--path", action="store_true", help="print each example's file path too")
    p.set_defaults(func=run)


def run(args) -> int:
    for name, path in examples().items():
        print(f"{EXAMPLE_PREFIX}{name}" + (f"\t{path}" if args.path else ""))
    return 0
