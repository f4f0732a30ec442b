"""``roster check SCENARIO ROTA.json``: list every rule the rota breaks."""

from __future__ import annotations

import json

from roster.check import check_rota
from roster.cli.common import read_rota, read_scenario_and_rota, scenario_rota_args
from roster.planner import history_from


def register(sub) -> None:
    p = sub.add_parser("check", help="check a rota (also a hand-edited one) against every rule",
                       description="Check each rule on the rota's assignments and list every "
                                   "breach. Exit code 0 when no rule is broken (warnings about "
                                   "service targets allowed), 1 when a rule is broken.")
    scenario_rota_args(p, previous=True)
    p.add_argument("--json", action="store_true", help="print the breaches as JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    scenario, rota = read_scenario_and_rota(args.scenario, args.rota)
    previous = read_rota(args.previous) if args.previous else None
    breaches = check_rota(scenario, rota.assignments, history_from(previous, scenario))
    errors = [b for b in breaches if b.is_error]
    if args.json:
        print(json.dumps([b.to_json() for b in breaches], ensure_ascii=False, indent=1))
    else:
        for b in breaches:
            print(f"{b.severity.upper():8} {b.rule:<18} {b.en}")
        print(f"{len(errors)} rule breach(es), {len(breaches) - len(errors)} warning(s)")
    return 1 if errors else 0
