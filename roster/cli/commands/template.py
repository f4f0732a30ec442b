"""``roster template --out FILE.xlsx [--from SCENARIO]``: the scenario workbook to fill in."""

from __future__ import annotations

import tomllib
from pathlib import Path

from roster.cli.common import read_scenario, safe_output_file
from roster.errors import UserError
from roster.excel.scenario_workbook import read_scenario_workbook, write_scenario_workbook


def register(sub) -> None:
    p = sub.add_parser("template", help="write the Excel scenario template (empty or filled)",
                       description="Write the scenario workbook unit leaders fill in: settings, "
                                   "shifts, staff, coverage, absences, wishes and locked days, "
                                   "with drop-down lists and instructions in Norwegian and "
                                   "English. With --from, the workbook is filled from a "
                                   "scenario. The same input gives the same bytes.")
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help="workbook to write")
    p.add_argument("--from", dest="source", metavar="SCENARIO",
                   help="fill the workbook from this scenario (.toml or .xlsx)")
    p.set_defaults(func=run)


def scenario_data(path: str) -> dict:
    """The plain data of a scenario file, after checking that the scenario is valid."""
    read_scenario(path)  # reports every problem, with its location, before we copy anything
    if Path(path).suffix.lower() in (".xlsx", ".xlsm"):
        return read_scenario_workbook(path)[0]
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UserError(f"{path}: cannot read ({exc})") from None


def run(args) -> int:
    if not args.out.lower().endswith(".xlsx"):
        raise UserError(f"--out {args.out}: the workbook name must end in .xlsx")
    data = scenario_data(args.source) if args.source else None
    out = safe_output_file(args.out, [args.source] if args.source else [])
    write_scenario_workbook(out, data)
    what = f"filled from {args.source}" if args.source else "empty template"
    print(f"Wrote {out} ({what})")
    return 0
