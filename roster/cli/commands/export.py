"""``roster export SCENARIO ROTA.json --out rota.xlsx``: the rota workbook to print and edit."""

from __future__ import annotations

from roster.cli.common import read_rota, read_scenario_and_rota, safe_output_file, scenario_arg
from roster.errors import UserError
from roster.excel.rota_workbook import load_budget, write_rota_workbook
from roster.planner import history_from


def register(sub) -> None:
    p = sub.add_parser("export", help="write the rota as an Excel workbook (turnus grid to print)",
                       description="Write the rota workbook: the Turnus grid (one row per "
                                   "person, one column per date, coloured shift codes, weekends "
                                   "and holidays shaded, totals, print set-up), coverage per "
                                   "shift with shortfalls in red, changes (re-plans), cost "
                                   "(with --budget) and every rule breach.")
    scenario_arg(p)
    p.add_argument("rota", metavar="ROTA.json")
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help="workbook to write")
    p.add_argument("--lang", choices=("nb", "en"), default="nb",
                   help="language of the workbook: Norwegian bokmål (default) or English")
    p.add_argument("--budget", metavar="BUDGET.json",
                   help="add a Cost sheet from a budget file (from roster staffing)")
    p.add_argument("--previous", metavar="ROTA.json",
                   help="the previous period's rota, to check rules across the month boundary")
    p.set_defaults(func=run)


def run(args) -> int:
    if not args.out.lower().endswith(".xlsx"):
        raise UserError(f"--out {args.out}: the workbook name must end in .xlsx")
    scenario, rota = read_scenario_and_rota(args.scenario, args.rota)
    budget = load_budget(args.budget) if args.budget else None
    previous = read_rota(args.previous) if args.previous else None
    out = safe_output_file(args.out, [args.scenario, args.rota, args.budget, args.previous])
    write_rota_workbook(out, scenario, rota, lang=args.lang, budget=budget,
                        history=history_from(previous, scenario))
    print(f"Wrote {out} ({len(scenario.staff)} staff, {len(scenario.dates)} days)")
    return 0
