"""``roster replan SCENARIO ROTA.json --absent ID:FROM:TO ... --out DIR``: re-plan a
published rota after sick leave, changing as little as the rules allow."""

from __future__ import annotations

import csv
import datetime as dt

from coverage.replan import format_replan, parse_absent, replan
from roster.cli.common import out_dir, read_rota, read_scenario, scenario_arg, solver_args
from roster.errors import UserError
from roster.planner import PlanOptions


def register(sub) -> None:
    p = sub.add_parser("replan", help="re-plan a published rota after new absences",
                       description="Keep every day before the first affected day as published, "
                                   "add the absences, and re-plan the rest keeping everyone's "
                                   "published shifts as far as the rules allow (minimal change "
                                   "comes right after coverage and service). Writes DIR/rota.json "
                                   "(with 'changes' and 'replan') and DIR/changes.csv, and lists "
                                   "who could take each shift left short, cheapest first.")
    scenario_arg(p)
    p.add_argument("rota", metavar="ROTA.json", help="the published rota")
    p.add_argument("--absent", action="append", required=True, metavar="ID:FROM:TO",
                   help="a new absence, e.g. s03:2027-01-11:2027-01-24 (repeatable)")
    p.add_argument("--kind", default="sick", help="absence kind (default sick)")
    p.add_argument("--today", metavar="DATE", help="days before this date are kept as published")
    p.add_argument("--previous", metavar="ROTA.json", help="the previous period's rota (history)")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder")
    solver_args(p, time_limit=60.0)
    p.set_defaults(func=run)


def run(args) -> int:
    scenario = read_scenario(args.scenario)
    published = read_rota(args.rota)
    previous = read_rota(args.previous) if args.previous else None
    absences = [parse_absent(a, args.kind) for a in args.absent]
    today = None
    if args.today:
        try:
            today = dt.date.fromisoformat(args.today)
        except ValueError:
            raise UserError(f"--today {args.today!r}: expected a date like 2027-01-11") from None
    out = out_dir(args.out, [args.scenario, args.rota, args.previous])
    options = PlanOptions(time_limit=args.time_limit, solver=args.solver, threads=args.threads,
                          seed=args.seed)
    result = replan(scenario, published, absences, today=today, options=options,
                    previous=previous)
    result.rota.save(out / "rota.json")
    with (out / "changes.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["staff", "date", "before", "after"])
        w.writeheader()
        w.writerows(result.changes)
    print(format_replan(result, {p.id: p.name for p in scenario.staff}))
    print(f"\nWrote {out / 'rota.json'}, {out / 'changes.csv'}")
    return 0 if result.rota.status in ("optimal", "feasible") else 1
