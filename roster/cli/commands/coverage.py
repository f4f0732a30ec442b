"""``roster coverage SCENARIO ROTA.json [--out DIR]``: what a rota covers, and CSV files."""

from __future__ import annotations

import json

from coverage.report import CSV_NAMES, coverage_report, csv_texts, format_report
from roster.cli.common import read_scenario_and_rota, scenario_rota_args
from roster.cli.options import lang_arg
from roster.cli.outputs import OutputGuard, force_arg
from roster.vocabulary import pick


def register(sub) -> None:
    p = sub.add_parser("coverage", help="coverage report of a rota (per shift, week, person)",
                       description="Per date and shift: required, assigned and opened staffing "
                                   "and skill cover; per ISO week: evenings, weekends and "
                                   "holidays opened against the targets; per person: hours, "
                                   "evenings, weekends and holidays against their share "
                                   "(contract hours / total). --out writes coverage_*.csv.")
    scenario_rota_args(p)
    p.add_argument("--out", metavar="DIR", help="write coverage_slots/weeks/service/staff.csv")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    lang_arg(p, "en", "the report")
    force_arg(p)
    p.set_defaults(func=run)


def run(args) -> int:
    scenario, rota = read_scenario_and_rota(args.scenario, args.rota)
    guard = OutputGuard("coverage", [args.scenario, args.rota], args.force)
    out = guard.folder(args.out, CSV_NAMES) if args.out else None
    report = coverage_report(scenario, rota)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    else:
        print(format_report(report, args.lang))
    if out is not None:
        files = [guard.write_text(out / name, text) for name, text in csv_texts(report).items()]
        print(pick(args.lang, "Wrote ", "Skrev ") + ", ".join(str(p) for p in files))
    return 0
