"""``roster solve SCENARIO --out DIR``: plan a rota and write rota.json, rota.csv, summary.txt."""

from __future__ import annotations

import sys

from coverage.causes import explain
from roster.cli.common import (
    explain_arg,
    read_baseline,
    read_previous,
    read_scenario,
    rota_exit_code,
    scenario_arg,
    solver_args,
)
from roster.cli.options import MAX_ROBUST, bounded_int, input_file, lang_arg
from roster.cli.outputs import OutputGuard, force_arg
from roster.errors import UserError
from roster.grid import grid_csv_text
from roster.planner import PlanOptions, history_from, plan
from roster.store.cli_support import db_arg, previous_from_store, save_draft_to_store
from roster.summary import format_rota_summary, notice_warning
from roster.vocabulary import pick

OUTPUTS = ("rota.json", "rota.csv", "summary.txt")


def register(sub) -> None:
    p = sub.add_parser("solve", help="plan a rota for a scenario",
                       description="Build the rota that meets the coverage and the rules as "
                                   "well as possible, in priority order, and write DIR/rota.json "
                                   "(the rota file contract), DIR/rota.csv (the grid) and "
                                   "DIR/summary.txt.")
    scenario_arg(p)
    p.add_argument("--out", required=True, metavar="DIR", help="output folder")
    p.add_argument("--previous", metavar="ROTA.json", type=input_file,
                   help="the previous period's rota: its last days count for rest, days in a "
                        "row and weekend frequency")
    p.add_argument("--baseline", metavar="ROTA.json", type=input_file,
                   help="a published rota for the same period to change as little as possible")
    p.add_argument("--robust", type=bounded_int(0, MAX_ROBUST), default=0, metavar="N",
                   help=f"plan N staff above the minimum on base shifts where possible "
                        f"(0 to {MAX_ROBUST})")
    p.add_argument("--unit", metavar="NAME",
                   help="unit in the rota store: without --previous, take its last published "
                        "rota before this period as the previous period")
    p.add_argument("--save-draft", action="store_true",
                   help="also save the new rota as a draft of --unit in the rota store")
    db_arg(p)
    solver_args(p)
    explain_arg(p)
    lang_arg(p, "en", "the summary (screen and summary.txt)")
    force_arg(p)
    p.set_defaults(func=run)


def run(args) -> int:
    scenario = read_scenario(args.scenario)
    previous = read_previous(args.previous, scenario.start)
    if args.save_draft and not args.unit:
        raise UserError("--save-draft needs --unit NAME", nb="--save-draft krever --unit NAVN")
    if previous is None and args.unit:
        previous = previous_from_store(args.db, args.unit, scenario.start)
    baseline = read_baseline(args.baseline, scenario)
    guard = OutputGuard("solve", [args.scenario, args.previous, args.baseline], args.force)
    out = guard.folder(args.out, OUTPUTS)
    warn = notice_warning(scenario, lang=args.lang)
    if warn:
        print(warn, file=sys.stderr)
    options = PlanOptions(time_limit=args.time_limit, solver=args.solver, threads=args.threads,
                          seed=args.seed, extra_on_base=args.robust)
    rota = plan(scenario, options, previous=previous, baseline=baseline)
    explain(scenario, rota, history=history_from(previous, scenario), seconds=args.explain_seconds,
            solver=args.solver, seed=args.seed)
    guard.write_with(out / "rota.json", rota.save)
    guard.write_text(out / "rota.csv", grid_csv_text(rota))
    text = format_rota_summary(rota, args.lang)
    guard.write_text(out / "summary.txt", text + "\n")
    print(text)
    print(f"\n{pick(args.lang, 'Wrote', 'Skrev')} {out / 'rota.json'}, {out / 'rota.csv'}, "
          f"{out / 'summary.txt'}")
    if args.save_draft:
        save_draft_to_store(args.db, args.unit, rota, args.scenario)
    return rota_exit_code(rota)
