"""``roster coverage SCENARIO ROTA.json [--out DIR]``: what a rota covers, and CSV files."""

from __future__ import annotations

import json

from coverage.report import coverage_report, format_report, write_csv
from roster.cli.common import out_dir, read_scenario_and_rota, scenario_arg


def register(sub) -> None:
    p = sub.add_parser("coverage", help="coverage report of a rota (per shift, week, person)",
                       description="Per date and shift: required, assigned and opened staffing "
                                   "and skill cover; per ISO week: evenings, weekends and "
                                   "holidays opened against the targets; per person: hours, "
                                   "evenings, weekends and holidays against their share "
                                   "(contract hours / total). --out writes coverage_*.csv.")
    scenario_arg(p)
    p.add_argument("rota", metavar="ROTA.json")
    p.add_argument("--out", metavar="DIR", help="write coverage_slots/weeks/service/staff.csv")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    scenario, rota = read_scenario_and_rota(args.scenario, args.rota)
    report = coverage_report(scenario, rota)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    else:
        print(format_report(report))
    if args.out:
        paths = write_csv(report, out_dir(args.out, [args.scenario, args.rota]))
        print("Wrote " + ", ".join(str(p) for p in paths))
    return 0
