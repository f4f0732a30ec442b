"""``roster bench curtois INSTANCE.txt --out ROTA.json``: solve a public benchmark instance
with the product's own engine and print the benchmark objective computed from the rota."""

from __future__ import annotations

from pathlib import Path

from roster.cli.common import solver_args
from roster.cli.options import input_file
from roster.cli.outputs import OutputGuard, force_arg
from roster.planner import PlanOptions


def register(sub) -> None:
    p = sub.add_parser("bench", help="solve a public benchmark instance (Curtois & Qu)",
                       description="Solve one Curtois & Qu shift scheduling instance with the "
                                   "planner, write the rota (rota.json contract) and print the "
                                   "benchmark objective evaluated from the written rota. The "
                                   "whole suite: make bench (see docs/benchmarks.md).")
    p.add_argument("set", choices=("curtois",), help="benchmark set")
    p.add_argument("instance", metavar="INSTANCE.txt", type=input_file, help="instance file")
    p.add_argument("--out", metavar="ROTA.json", help="write the rota here")
    solver_args(p, time_limit=60.0)
    force_arg(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from roster.bench import curtois

    guard = OutputGuard("bench", [args.instance], args.force)
    out = guard.file(args.out) if args.out else None
    inst, scenario = curtois.load(args.instance)
    options = PlanOptions(time_limit=args.time_limit, solver=args.solver, threads=args.threads,
                          seed=args.seed)
    rota, ev = curtois.solve(inst, scenario, options)
    if out is not None:
        guard.write_with(out, rota.save)
    best = curtois.best_known(Path(args.instance).parent).get(inst.name)
    gap = f", gap {100 * (ev.objective - best) / best:.2f} % to best known {best}" if best else ""
    print(f"{inst.name}: objective {ev.objective} (requests {ev.request_penalty}, cover under "
          f"{ev.cover_under}, over {ev.cover_over}){gap}")
    print(f"status {rota.status}, solver {rota.solver.get('name')}, "
          f"{rota.solver.get('seconds', 0):.1f} s, hard rules "
          f"{'all kept' if ev.feasible else 'BROKEN: ' + '; '.join(ev.violations[:5])}")
    if out is not None:
        print(f"Wrote {out}")
    return 0 if ev.feasible and rota.status in ("optimal", "feasible") else 1
