"""``roster ladder SCENARIO [--absent ID:FROM:TO ...]``: the best service level a staffing
holds without anyone alone, and why the level above fails.

The rungs are solved on the executor of ``--workers``/``--scheduler`` (roster.parallel),
by the same code as ``roster portfolio``. The default is ``--workers 1``, every rung in
this process with ``--threads`` HiGHS threads: the ladder is a sequential search of a few
short solves (a rung a bound proves impossible needs none), so starting a local cluster
(a few seconds) costs more than it gains for one unit. ``--workers N`` starts one
(rungs below the one being solved are tried ahead on idle workers, one HiGHS thread
each); ``--scheduler ADDRESS`` or $ROSTER_DASK_SCHEDULER uses an existing cluster.
"""

from __future__ import annotations

import json

from coverage.ladder import format_ladder, service_ladder
from coverage.replan import check_absences, parse_absent
from roster.cli.common import read_scenario, scenario_arg, threads_arg, time_limit_arg
from roster.cli.options import absent_spec, lang_arg
from roster.cli.outputs import OutputGuard, force_arg
from roster.parallel import executor_args, open_executor
from roster.planner import PlanOptions
from roster.scenario import ABSENCE_KINDS
from roster.vocabulary import pick


def register(sub) -> None:
    p = sub.add_parser("ladder", help="best service level (evenings/weekends) the staff can hold",
                       description="Walk a ladder of service levels from the scenario's own "
                                   "standard down (4 evenings/week + every weekend, 3 + every "
                                   "weekend, 3 + 3 weekends/month, 2 + 3, 2 + 2, ... base only), "
                                   "solve each with the real optimiser and stop at the first "
                                   "that holds: base coverage, no rule broken (no one alone) "
                                   "and every target met. A level that needs more hours, skill "
                                   "holders' hours or weekend staff than the staff can give (no "
                                   "capacity on days they are away) fails at once, proven, with "
                                   "the numbers.")
    scenario_arg(p)
    p.add_argument("--absent", action="append", default=[], metavar="ID:FROM:TO", type=absent_spec,
                   help="an extra absence (repeatable)")
    p.add_argument("--kind", default="sick", choices=ABSENCE_KINDS,
                   help="kind of the extra absences (default sick)")
    time_limit_arg(p, 10.0, "seconds per level")
    threads_arg(p)
    executor_args(p, default_workers=1)  # one unit: a cluster's start-up costs more than it gains
    p.add_argument("--out", metavar="DIR",
                   help="write DIR/rota.json: the rota that proves the best level (fairness and "
                        "wishes not optimised; re-solve the scenario at that level to publish)")
    lang_arg(p, "en", "the report")
    p.add_argument("--json", action="store_true", help="print the result as JSON (both languages)")
    force_arg(p)
    p.set_defaults(func=run)


def run(args) -> int:
    scenario = read_scenario(args.scenario)
    absences = [parse_absent(a, args.kind) for a in args.absent]
    check_absences(scenario, absences)
    guard = OutputGuard("ladder", [args.scenario], args.force)
    out = guard.folder(args.out, ["rota.json"]) if args.out else None
    with open_executor(args, threads=args.threads, raise_errors=True) as executor:
        result = service_ladder(scenario, absences, time_limit=args.time_limit,
                                options=PlanOptions(threads=args.threads), executor=executor)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
    else:
        print(format_ladder(result, lang=args.lang))
    best = result.best
    if out is not None and best is not None and best.rota is not None:
        path = out / "rota.json"
        guard.write_with(path, best.rota.save)
        if not args.json:
            print(f"{pick(args.lang, 'Wrote', 'Skrev')} {path}")
    return 0 if best is not None else 1
