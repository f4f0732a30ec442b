"""``roster check SCENARIO ROTA.json``: list every rule the rota breaks."""

from __future__ import annotations

import json
import re
import sys

from roster.check import check_rota
from roster.cli.common import read_previous, read_rota, read_scenario_and_rota, scenario_rota_args
from roster.cli.options import lang_arg
from roster.planner import history_from
from roster.vocabulary import pick, rule_word, severity_word


def register(sub) -> None:
    p = sub.add_parser("check", help="check a rota (also a hand-edited one) against every rule",
                       description="Check each rule on the rota's assignments and list every "
                                   "breach. A grunnturnus (the rota.json of roster grunnturnus, "
                                   "also one edited by hand) is checked on its lines, the cycle "
                                   "repeated three times, so week N -> week 1 is checked too. "
                                   "Exit code 0 when no rule is broken (warnings about "
                                   "service targets allowed), 1 when a rule is broken.")
    scenario_rota_args(p, previous=True)
    p.add_argument("--json", action="store_true", help="print the breaches as JSON")
    lang_arg(p, "en", "the list")
    p.set_defaults(func=run)


def run(args) -> int:
    rota = read_rota(args.rota)
    if rota.extra.get("kind") == "grunnturnus":
        # a grunnturnus (planned or edited by hand): its lines on the cycle repeated three
        # times, so week N -> week 1 is checked (the cycle is its own history)
        from roster.cli.common import read_scenario
        from roster.errors import UserError, within
        from roster.grunnturnus import check_grunnturnus

        scenario = read_scenario(args.scenario)
        try:
            breaches, notes = check_grunnturnus(scenario, rota)
        except UserError as exc:
            raise within(args.rota, exc) from None
        for note in notes:
            print(pick(args.lang, f"note: {args.rota}: {note}",
                       f"merk: {args.rota}: {note_nb(note)}"), file=sys.stderr)
    else:
        scenario, rota = read_scenario_and_rota(args.scenario, args.rota, references=False)
        previous = read_previous(args.previous, scenario.start)
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


def note_nb(note: str) -> str:
    """A grunnturnus check note (``roster.grunnturnus.check_grunnturnus``) in bokmål."""
    m = re.fullmatch(r"the rota's assignments differ from its lines on (\d+) day\(s\): (.*); both "
                     r"were checked \(roster rollout and roster arsturnus read the lines\)", note)
    if not m:
        return note
    days = re.sub(r"\boff\b", "fri", m.group(2).replace(" in assignments, ", " i assignments, ")
                  .replace(" in lines ", " i lines ").replace("(and ", "(og ").replace(" more)", " til)"))
    return (f"turnusens assignments avviker fra lines på {m.group(1)} dag(er): {days}; begge er "
            "sjekket (roster rollout og roster arsturnus leser lines)")
