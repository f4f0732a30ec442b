"""``roster publish ROTA.json --unit NAME``: store a rota as the published plan of its period."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from roster.cli.commands.history import summary_words
from roster.cli.common import read_rota, read_scenario
from roster.cli.options import MAX_DB_ID, bounded_int, input_file, lang_arg
from roster.errors import UserError
from roster.store.cli_support import db_arg, scenario_payload, user_arg
from roster.vocabulary import pick

if TYPE_CHECKING:
    from roster.rota import Rota
    from roster.scenario import Scenario


def register(sub) -> None:
    p = sub.add_parser("publish", help="publish a rota to the local rota store",
                       description="Store ROTA.json as the published rota of its period for the "
                                   "unit. Publishing again for the same period (a re-plan) "
                                   "supersedes the earlier rota and records what changed.")
    p.add_argument("rota", metavar="ROTA.json", nargs="?", type=input_file,
                   help="the rota file to publish")
    p.add_argument("--draft", type=bounded_int(1, MAX_DB_ID), metavar="ID",
                   help="publish a stored draft instead of a file")
    p.add_argument("--unit", required=True, metavar="NAME", help="the unit (team) the rota is for")
    p.add_argument("--scenario", metavar="FILE", type=input_file,
                   help="the scenario file the rota was planned from (stored as a version with the rota)")
    p.add_argument("--note", metavar="TEXT", help="a short note, e.g. why this re-plan")
    p.add_argument("--force", action="store_true",
                   help="publish even if the rota breaks hard rules (its breaches stay listed)")
    user_arg(p)
    db_arg(p)
    lang_arg(p, "en", "the confirmation")
    p.set_defaults(func=run)


def run(args) -> int:
    from roster.store import Store

    if bool(args.rota) == bool(args.draft):
        raise UserError("give either ROTA.json or --draft ID", nb="oppgi enten ROTA.json eller --draft ID")
    if args.draft and args.scenario:
        raise UserError("--scenario goes with ROTA.json; a draft keeps the scenario it was saved with",
                        nb="--scenario hører sammen med ROTA.json; et utkast beholder scenarioet det "
                           "ble lagret med")
    with Store(args.db) as store:
        if args.draft:
            rec = store.record(args.draft)
            if rec.unit != args.unit:
                raise UserError(f"draft {args.draft} belongs to unit '{rec.unit}', not '{args.unit}'",
                                nb=f"utkast {args.draft} hører til enheten «{rec.unit}», ikke "
                                   f"«{args.unit}»")
            result = store.publish_draft(args.draft, user=args.user, force=args.force)
            start, end = rec.start, rec.end
        else:
            rota = read_rota(args.rota)
            text, name = None, None
            if args.scenario:
                scenario = read_scenario(args.scenario)
                if (scenario.start, scenario.end) != (rota.start, rota.end):
                    raise UserError(f"{args.scenario}: period {scenario.start}..{scenario.end} is "
                                    f"not the rota's period {rota.start}..{rota.end}",
                                    nb=f"{args.scenario}: perioden {scenario.start}..{scenario.end} "
                                       f"er ikke turnusens periode {rota.start}..{rota.end}")
                text, name = scenario_payload(args.scenario)
                if not args.force:
                    _check_against(scenario, rota, args)
            result = store.publish(rota, args.unit, text, user=args.user, scenario_file=name,
                                   note=args.note, force=args.force)
            start, end = rota.start, rota.end
        print(pick(args.lang, f"Published rota {result.rota_id} for unit '{args.unit}', {start}..{end} "
                              f"(store {store.path}).",
                   f"Publiserte turnus {result.rota_id} for enheten «{args.unit}», {start}..{end} "
                   f"(turnusbase {store.path})."))
        if result.superseded_id is not None:
            print(pick(args.lang, f"It supersedes rota {result.superseded_id}: {result.summary}.",
                       f"Den erstatter turnus {result.superseded_id}: "
                       f"{summary_words(result.summary, args.lang)}."))
    return 0


def _check_against(scenario: Scenario, rota: Rota, args: argparse.Namespace) -> None:
    """With --scenario the rota is checked again by the independent checker: a rota.json
    that says it keeps every rule (hand-edited, or written by another tool) is not taken at
    its word."""
    from roster.check import check_rota
    from roster.cli.common import with_recorded_absences

    scenario = with_recorded_absences(scenario, rota, args.rota)
    errors = [b for b in check_rota(scenario, rota.assignments, {}) if b.is_error]
    if errors:
        raise UserError(f"{args.rota}: breaks {len(errors)} rule(s) of {args.scenario}, first: "
                        f"{errors[0].detail('en')} (see `roster check`); fix it, or publish "
                        "anyway with --force",
                        nb=f"{args.rota}: bryter {len(errors)} regel(er) i {args.scenario}, først: "
                           f"{errors[0].detail('nb')} (se `roster check`); rett det, eller publiser "
                           "likevel med --force")
