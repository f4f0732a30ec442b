"""``roster robustness SCENARIO ROTA.json [--robust N]``: N-1 analysis of a rota, and the
cost in hours of planning N above the minimum on base shifts."""

from __future__ import annotations

import json

from coverage.robustness import format_cost, format_robustness, n_minus_1, plan_robust, robust_cost
from roster.cli.common import read_scenario_and_rota, scenario_rota_args, solver_args
from roster.cli.options import MAX_ROBUST, bounded_int, lang_arg
from roster.cli.outputs import OutputGuard, force_arg
from roster.errors import UserError
from roster.planner import PlanOptions
from roster.vocabulary import pick


def register(sub) -> None:
    p = sub.add_parser("robustness", help="N-1 analysis: which single sick call breaks the rota",
                       description="For each worked person-day: if that person calls in sick, "
                                   "does base coverage still hold and does every opened service "
                                   "shift keep its minimum? Prints the robustness score and the "
                                   "weak shifts. --robust N also plans a robust rota (N above "
                                   "the minimum on base shifts) and shows its cost in hours.")
    scenario_rota_args(p)
    p.add_argument("--robust", type=bounded_int(0, MAX_ROBUST), default=0, metavar="N",
                   help=f"also plan with N above the minimum on base shifts and compare "
                        f"(0 to {MAX_ROBUST})")
    p.add_argument("--out", metavar="DIR", help="with --robust: write DIR/rota.json (robust rota)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    lang_arg(p, "en", "the report")
    solver_args(p, time_limit=60.0)
    force_arg(p)
    p.set_defaults(func=run)


def run(args) -> int:
    if args.out and args.robust <= 0:
        raise UserError("--out writes the robust rota: give --robust N as well",
                        nb="--out skriver den robuste turnusen: oppgi også --robust N")
    scenario, rota = read_scenario_and_rota(args.scenario, args.rota)
    guard = OutputGuard("robustness", [args.scenario, args.rota], args.force)
    out = guard.folder(args.out, ["rota.json"]) if args.out else None
    result = n_minus_1(scenario, rota)
    data = {"n_minus_1": result.to_json()}
    text = [format_robustness(result, lang=args.lang)]
    if args.robust > 0:
        options = PlanOptions(time_limit=args.time_limit, solver=args.solver,
                              threads=args.threads, seed=args.seed)
        robust = plan_robust(scenario, args.robust, options)
        cost = robust_cost(scenario, rota, robust)
        data["robust_cost"] = cost
        text.append(format_cost(cost, args.robust, args.lang))
        if out is not None:
            path = out / "rota.json"
            guard.write_with(path, robust.save)
            text.append(f"{pick(args.lang, 'Wrote', 'Skrev')} {path}")
    print(json.dumps(data, ensure_ascii=False, indent=1) if args.json else "\n".join(text))
    return 0
