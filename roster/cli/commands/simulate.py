"""``roster simulate SCENARIO ROTA.json --absence-rate 0.095 --runs 1000 --seed 1``: sick
leave drawn at random against a fixed rota; shortfall, service kept, vikar hours and cost."""

from __future__ import annotations

import json

from coverage.simulate import AbsenceParams, format_simulation, simulate
from roster.cli.common import read_scenario_and_rota, scenario_rota_args
from roster.cli.options import MAX_RUNS, MAX_SEED, bounded_float, bounded_int, lang_arg
from roster.cli.outputs import OutputGuard, force_arg
from roster.errors import UserError
from roster.vocabulary import pick

D = AbsenceParams()
MAX_HOURLY_COST = 100_000.0
REFUSALS_NB = {
    "short_share must be between 0 and 1": "--short-share må være mellom 0 og 1",
    "need 1 <= short_min <= short_max": "krever 1 <= short_min <= short_max",
    "need short_max < long_min <= long_max": "krever short_max < long_min <= long_max",
    "long_mean must be above long_min": "--long-mean må være over long_min",
    "vikar_hourly_cost must not be negative": "--vikar-cost kan ikke være negativ",
    "absence_rate must be in [0, 1)": "--absence-rate må være fra 0 til under 1",
    "runs must be at least 1": "--runs må være minst 1",
}
"""``coverage.simulate``'s refusals of its parameters in bokmål (the options' bounds keep
them from the command line; a new one shows in English)."""


def register(sub) -> None:
    p = sub.add_parser("simulate", help="simulate sick leave against a fixed rota",
                       description="Draw sick-leave spells (short self-certified egenmelding "
                                   "and longer doctor-certified sykmelding) for each person and "
                                   "apply them to the rota without re-planning. Reports the "
                                   "shifts below their minimum, the chance each opened service "
                                   "shift keeps its minimum, and the vikar hours and cost to "
                                   "restore the minimums. Defaults and sources: docs/coverage.md.")
    scenario_rota_args(p)
    p.add_argument("--absence-rate", type=bounded_float(0, 1, high_open=True), default=0.095,
                   metavar="R", help="share of days lost to sick leave, 0 to below 1 (default 0.095, "
                                     "SSB/KS health and care)")
    p.add_argument("--runs", type=bounded_int(1, MAX_RUNS), default=1000, metavar="N",
                   help=f"simulated periods, 1 to {MAX_RUNS} (default 1000)")
    p.add_argument("--seed", type=bounded_int(0, MAX_SEED), default=1,
                   help=f"random seed, 0 to {MAX_SEED} (default 1)")
    p.add_argument("--short-share", type=bounded_float(0, 1), default=D.short_share, metavar="S",
                   help=f"share of lost days in 1-3 day spells, 0 to 1 (default {D.short_share})")
    p.add_argument("--long-mean", type=bounded_float(D.long_min, D.long_max, low_open=True),
                   default=D.long_mean, metavar="DAYS",
                   help=f"mean length of doctor-certified spells, above {D.long_min} up to "
                        f"{D.long_max} (default {D.long_mean:g})")
    p.add_argument("--vikar-cost", type=bounded_float(0, MAX_HOURLY_COST), default=D.vikar_hourly_cost,
                   metavar="NOK", help=f"vikar cost per hour (default {D.vikar_hourly_cost:g})")
    p.add_argument("--out", metavar="DIR", help="write DIR/simulation.json")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    lang_arg(p, "en", "the report")
    force_arg(p)
    p.set_defaults(func=run)


def run(args) -> int:
    scenario, rota = read_scenario_and_rota(args.scenario, args.rota)
    guard = OutputGuard("simulate", [args.scenario, args.rota], args.force)
    out = guard.folder(args.out, ["simulation.json"]) if args.out else None
    params = AbsenceParams(short_share=args.short_share, long_mean=args.long_mean,
                           vikar_hourly_cost=args.vikar_cost)
    try:
        result = simulate(scenario, rota, absence_rate=args.absence_rate, runs=args.runs,
                          seed=args.seed, params=params)
    except ValueError as exc:
        raise UserError(str(exc), nb=REFUSALS_NB.get(str(exc))) from None
    data = result.to_json()
    print(json.dumps(data, ensure_ascii=False, indent=1) if args.json
          else format_simulation(result, lang=args.lang))
    if out is not None:
        path = guard.write_text(out / "simulation.json",
                                json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        print(f"{pick(args.lang, 'Wrote', 'Skrev')} {path}")
    return 0
