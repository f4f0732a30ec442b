"""``roster bench curtois INSTANCE.txt --out ROTA.json``: solve a public benchmark instance
with the product's own engine and print the benchmark objective computed from the rota."""

from __future__ import annotations

from pathlib import Path

from roster.cli.common import safe_output_file, solver_args
from roster.errors import UserError
from roster.planner import PlanOptions


def register(sub) -> None:
    p = sub.add_parser("bench", help="solve a public benchmark instance (Curtois & Qu)",
                       description="Solve one Curtois & Qu shift scheduling instance with the "
                                   "planner, write the rota (rota.json contract) and print the "
                                   "benchmark objective evaluated from the written rota. The "
                                   "whole suite: make bench (see docs/benchmarks.md).")
    p.add_argument("set", choices=("curtois",), help="benchmark set")
    p.add_argument("instance", metavar="INSTANCE.txt", help="instance file")
    p.add_argument("--out", metavar="ROTA.json", help="write the rota here")
    solver_args(p, time_limit=60.0)
    p.set_defaults(func=run)


def run(args) -> int:
    from roster.bench import curtois

    if not Path(args.instance).is_file():
        raise UserError(f"{args.instance}: file not found")
    inst, scenario = curtois.load(args.instance)
    out = safe_output_file(args.out, [args.instance]) if args.out else None
    options = PlanOptions(time_limit=args.time_limit, solver=args.solver, threads=args.threads,
                          seed=args.seed)
    rota, ev = curtois.solve(inst, scenario, options)
    if out is not None:
        rota.save(out)
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
