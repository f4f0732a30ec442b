"""``roster check SCENARIO ROTA.json``: list every rule the rota breaks."""

from __future__ import annotations

import json

from roster.check import check_rota
from roster.cli.common import read_rota, read_scenario_and_rota, scenario_rota_args
from roster.cli.options import lang_arg
from roster.planner import history_from
from roster.vocabulary import pick, rule_word, severity_word


def register(sub) -> None:
    p = sub.add_parser("check", help="check a rota (also a hand-edited one) against every rule",
                       description="Check each rule on the rota's assignments and list every "
                                   "breach. Exit code 0 when no rule is broken (warnings about "
                                   "service targets allowed), 1 when a rule is broken.")
    scenario_rota_args(p, previous=True)
    p.add_argument("--json", action="store_true", help="print the breaches as JSON")
    lang_arg(p, "en", "the list")
    p.set_defaults(func=run)


def run(args) -> int:
    scenario, rota = read_scenario_and_rota(args.scenario, args.rota)
    previous = read_rota(args.previous) if args.previous else None
    breaches = check_rota(scenario, rota.assignments, history_from(previous, scenario))
    errors = [b for b in breaches if b.is_error]
    if args.json:
        print(json.dumps([b.to_json() for b in breaches], ensure_ascii=False, indent=1))
    else:
        nb = args.lang == "nb"
        for b in breaches:
            severity = severity_word(b.severity, "nb") if nb else str(b.severity)
            print(f"{severity.upper():8} {rule_word(b.rule, args.lang):<18} {b.detail(args.lang)}")
        warnings = len(breaches) - len(errors)
        print(pick(args.lang, f"{len(errors)} rule breach(es), {warnings} warning(s)",
                   f"{len(errors)} regelbrudd, {warnings} "
                   f"{'advarsel' if warnings == 1 else 'advarsler'}"))
    return 1 if errors else 0
