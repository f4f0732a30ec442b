"""``roster export SCENARIO ROTA.json --out rota.xlsx``: the rota workbook to print and edit."""

from __future__ import annotations

from roster.cli.common import read_previous, read_scenario_and_rota, scenario_rota_args
from roster.cli.options import input_file, lang_arg
from roster.cli.outputs import OutputGuard, force_arg
from roster.errors import UserError
from roster.excel.rota_workbook import load_budget, write_rota_workbook
from roster.planner import history_from
from roster.vocabulary import pick


def register(sub) -> None:
    p = sub.add_parser("export", help="write the rota as an Excel workbook (turnus grid to print)",
                       description="Write the rota workbook: the Turnus grid (one row per "
                                   "person, one column per date, coloured shift codes, weekends "
                                   "and holidays shaded, totals, print set-up), coverage per "
                                   "shift with shortfalls in red, changes (re-plans), cost "
                                   "(with --budget) and every rule breach.")
    scenario_rota_args(p)
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help="workbook to write")
    lang_arg(p, "nb", "the workbook")
    p.add_argument("--budget", metavar="BUDGET.json", type=input_file,
                   help="add a Cost sheet from a budget file (from roster staffing)")
    p.add_argument("--previous", metavar="ROTA.json", type=input_file,
                   help="the previous period's rota, to check rules across the month boundary")
    force_arg(p)
    p.set_defaults(func=run)


def run(args) -> int:
    if not args.out.lower().endswith(".xlsx"):
        raise UserError(f"--out {args.out}: the workbook name must end in .xlsx",
                        nb=f"--out {args.out}: navnet på arbeidsboken må slutte på .xlsx")
    guard = OutputGuard("export", [args.scenario, args.rota, args.budget, args.previous], args.force)
    out = guard.file(args.out)
    scenario, rota = read_scenario_and_rota(args.scenario, args.rota, references=False)
    budget = load_budget(args.budget) if args.budget else None
    previous = read_previous(args.previous, scenario.start)
    guard.write_with(out, lambda tmp: write_rota_workbook(tmp, scenario, rota, lang=args.lang,
                                                          budget=budget,
                                                          history=history_from(previous, scenario)))
    print(pick(args.lang, f"Wrote {out} ({len(scenario.staff)} staff, {len(scenario.dates)} days)",
               f"Skrev {out} ({len(scenario.staff)} ansatte, {len(scenario.dates)} dager)"))
    return 0
