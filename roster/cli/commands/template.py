"""``roster template --out FILE.xlsx [--from SCENARIO]``: the scenario workbook to fill in."""

from __future__ import annotations

import tomllib
from pathlib import Path

from roster.cli.common import read_scenario
from roster.cli.options import input_file
from roster.cli.outputs import OutputGuard, force_arg
from roster.errors import UserError
from roster.excel.scenario_workbook import read_scenario_workbook, write_scenario_workbook
from roster.resources import resolve_input


def register(sub) -> None:
    p = sub.add_parser("template", help="write the Excel scenario template (empty or filled)",
                       description="Write the scenario workbook unit leaders fill in: settings, "
                                   "shifts, staff, coverage, absences, wishes and locked days, "
                                   "with drop-down lists and instructions in Norwegian and "
                                   "English. With --from, the workbook is filled from a "
                                   "scenario. The same input gives the same bytes.")
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help="workbook to write")
    p.add_argument("--from", dest="source", metavar="SCENARIO", type=input_file,
                   help="fill the workbook from this scenario (.toml or .xlsx)")
    force_arg(p)
    p.set_defaults(func=run)


def scenario_data(path: str) -> dict:
    """The plain data of a scenario file, after checking that the scenario is valid."""
    read_scenario(path)  # reports every problem, with its location, before we copy anything
    path = resolve_input(path)
    if Path(path).suffix.lower() in (".xlsx", ".xlsm"):
        return read_scenario_workbook(path)[0]
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UserError(f"{path}: cannot read ({exc})") from None


def run(args) -> int:
    if not args.out.lower().endswith(".xlsx"):
        raise UserError(f"--out {args.out}: the workbook name must end in .xlsx")
    guard = OutputGuard("template", [args.source], args.force)
    out = guard.file(args.out)
    data = scenario_data(args.source) if args.source else None
    # a filled workbook carries the scenario's absences (health data): owner-only
    guard.write_with(out, lambda tmp: write_scenario_workbook(tmp, data), private=data is not None)
    what = f"filled from {args.source}" if args.source else "empty template"
    print(f"Wrote {out} ({what})")
    return 0
