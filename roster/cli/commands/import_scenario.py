"""``roster import FILE.xlsx --out scenario.toml``: a filled scenario workbook as TOML."""

from __future__ import annotations

from pathlib import Path

from roster.cli.options import input_file
from roster.cli.outputs import OutputGuard, force_arg
from roster.errors import UserError
from roster.excel.scenario_workbook import read_scenario_workbook
from roster.excel.toml_write import dumps
from roster.scenario_load import build_scenario


def register(sub) -> None:
    p = sub.add_parser("import", help="convert a filled scenario workbook (.xlsx) to TOML",
                       description="Read a scenario workbook (made with 'roster template'), "
                                   "validate it (errors name sheet, row and column) and write "
                                   "the scenario as TOML. Any command also takes the .xlsx "
                                   "directly.")
    p.add_argument("workbook", metavar="FILE.xlsx", type=input_file)
    p.add_argument("--out", required=True, metavar="SCENARIO.toml", help="TOML file to write")
    force_arg(p)
    p.set_defaults(func=run)


def run(args) -> int:
    if Path(args.out).suffix.lower() in (".xlsx", ".xlsm"):
        raise UserError(f"--out {args.out}: write the scenario to a .toml file")
    guard = OutputGuard("import", [args.workbook], args.force)
    out = guard.file(args.out)
    data, locate = read_scenario_workbook(args.workbook)
    scenario = build_scenario(data, source=args.workbook, locate=locate)
    text = dumps(data, header=f"Scenario imported from {Path(args.workbook).name} by roster import.")
    guard.write_text(out, text)
    print(f"Wrote {out}: {len(scenario.staff)} staff, {len(scenario.shifts)} shift types, "
          f"{len(scenario.requirements)} coverage requirements, {scenario.start} to {scenario.end}")
    return 0
