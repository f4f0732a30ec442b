"""Files that ship inside the package: the rule pack, cost tables, examples, templates.

In the repository ``roster/data`` and ``roster/templates`` are links to the top-level
``data/`` and ``templates/`` folders, so the files live once; a wheel carries copies, so
``pip install .`` works outside the repository (tests/test_packaging.py proves it).

A bundled example can be named on the command line as ``example:NAME`` (for example
``roster solve example:fredrikstad-mat``); ``roster examples`` lists them.
"""

from __future__ import annotations

from pathlib import Path

from roster.errors import UserError

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
RULE_PACK = DATA_DIR / "rules" / "no-aml.toml"
COSTS = DATA_DIR / "costs" / "ks-2024.toml"
EXAMPLE_PREFIX = "example:"


def examples() -> dict[str, Path]:
    """The bundled example scenarios, by file stem."""
    return {p.stem: p for p in sorted(DATA_DIR.glob("*.toml"))}


def resolve_input(path: str) -> str:
    """``example:NAME`` becomes the bundled file's path; any other path is returned as is."""
    if not path.startswith(EXAMPLE_PREFIX):
        return path
    name = path[len(EXAMPLE_PREFIX):]
    found = examples().get(name)
    if found is None:
        raise UserError(f"{path}: no bundled example of that name; "
                        f"the examples are: {', '.join(examples())}",
                        nb=f"{path}: ingen innebygd eksempel med det navnet; eksemplene er: "
                           f"{', '.join(examples())}")
    return str(found)
