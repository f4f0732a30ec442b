"""``roster import-rota rota.xlsx --scenario S --out rota.json``: read back an edited grid."""

from __future__ import annotations

from pathlib import Path

from roster.cli.common import read_previous, read_scenario
from roster.cli.options import input_file
from roster.cli.outputs import OutputGuard, force_arg
from roster.errors import UserError
from roster.excel.rota_import import read_rota_workbook
from roster.planner import history_from
from roster.rota_build import build_rota


def register(sub) -> None:
    p = sub.add_parser("import-rota", help="read an edited turnus workbook back into rota.json",
                       description="Read the shift codes of the Turnus sheet (written by roster "
                                   "export, then edited) into a rota file. Every rule the edits "
                                   "break is listed in the rota's violations and by roster check.")
    p.add_argument("workbook", metavar="ROTA.xlsx", type=input_file)
    p.add_argument("--scenario", required=True, metavar="SCENARIO", type=input_file,
                   help="the scenario the rota belongs to (.toml or .xlsx)")
    p.add_argument("--out", required=True, metavar="ROTA.json", help="rota file to write")
    p.add_argument("--previous", metavar="ROTA.json", type=input_file,
                   help="the previous period's rota, to check rules across the month boundary")
    force_arg(p)
    p.set_defaults(func=run)


def run(args) -> int:
    if Path(args.out).suffix.lower() in (".xlsx", ".xlsm"):
        raise UserError(f"--out {args.out}: write the rota to a .json file")
    scenario = read_scenario(args.scenario)
    guard = OutputGuard("import-rota", [args.workbook, args.scenario, args.previous], args.force)
    out = guard.file(args.out)
    assignments = read_rota_workbook(args.workbook, scenario)
    previous = read_previous(args.previous, scenario.start)
    rota = build_rota(scenario, assignments, status="feasible",
                      solver={"name": "excel", "source": Path(args.workbook).name},
                      history=history_from(previous, scenario),
                      extra={"imported_from": Path(args.workbook).name})
    guard.write_with(out, rota.save)
    errors = rota.errors()
    warnings = len(rota.violations) - len(errors)
    print(f"Wrote {out}: {len(assignments)} shifts for {len(scenario.staff)} staff, "
          f"{len(errors)} rule breach(es), {warnings} warning(s)"
          + (f" (see: roster check {args.scenario} {out})" if rota.violations else ""))
    return 0
