"""The benchmark suite behind ``make bench``: writes BENCHMARKS.md with figures measured on
this machine.

Runs the Curtois & Qu instances, generated larger instances of their family
(``roster.bench.generator``), copies of published instances with a known reference
(``roster.bench.replicated``), the larger example scenario, seeded synthetic monthly
rotas at several sizes, the absence simulation (if ``coverage.simulate`` exists), on
request the short-staffed months of teams up to 15 (``roster.bench.short_staffed``) and the
portfolio (``roster.bench.portfolio_bench``: synthetic units sequentially and on a local
Dask cluster). Short runs are repeated and the median is reported. Usage:

    .venv/bin/python -m roster.bench.suite [--instances 1-4,7] [--time-limit 120] [--seeds 3]
        [--example-time-limit 60] [--sizes 10,25,50,100] [--repeats 3]
        [--generated 8x30x4,4x90x10] [--replicated 4x2s,4x3] [--short-staffed 3]
        [--portfolio-units 40] [--portfolio-time-limit 2]
        [--out BENCHMARKS.md]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import platform
import shlex
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from roster.bench import curtois, generator, replicated
from roster.planner import PlanOptions, plan
from roster.rota import Rota

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_BENCH_DIR = ROOT.parent / "shared" / "bench" / "curtois"
GENERATED = "8x30x4,4x90x10,6x50x16"  # more weeks, more staff, more shift types than 1-12
REPLICATED = "3x2s,4x2s,5x2s,7x2s,4x3"  # copies of published instances: a known reference
SHORT_RUN = 10.0  # seconds: runs shorter than this are repeated and the median quoted


def parse_instances(text: str) -> list[int]:
    """'1-4,7' -> [1, 2, 3, 4, 7]; 'none' (or empty) -> no instances."""
    out: list[int] = []
    if text.strip().lower() == "none":
        return out
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        lo, _, hi = part.partition("-")
        try:
            a, b = int(lo), int(hi or lo)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected instance numbers like 1-4,7, got {text!r}") from None
        out.extend(range(a, b + 1))
    return sorted(set(out))


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        from importlib.metadata import version

        import highspy  # noqa: F401
        solvers = f"highspy {version('highspy')}, PuLP {version('pulp')}"
    except Exception:  # pragma: no cover - metadata missing
        solvers = "?"
    return (f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {solvers}, "
            f"{platform.system()} {platform.release()}")


def repeated(run: Callable[[], dict], repeats: int) -> dict:
    """Run once; if it was short, run ``repeats`` times in all and take medians."""
    rows = [run()]
    if rows[0]["seconds"] < SHORT_RUN:
        rows += [run() for _ in range(repeats - 1)]
    out = dict(rows[len(rows) // 2])
    out["seconds"] = statistics.median(r["seconds"] for r in rows)
    if all(isinstance(r.get("objective"), (int, float)) for r in rows):
        out["objective"] = statistics.median(r["objective"] for r in rows)
    out["runs"] = len(rows)
    return out


def run_curtois(n: int, bench_dir: Path, options: PlanOptions, best: dict[str, int],
                seed: int = 0) -> dict:
    inst, s = curtois.load(bench_dir / f"Instance{n}.txt")
    t0 = time.perf_counter()
    rota, ev = curtois.solve(inst, s, dataclasses.replace(options, seed=seed))
    seconds = time.perf_counter() - t0
    stage = (rota.solver.get("stages") or [{}])[0]
    return {"name": inst.name, "objective": ev.objective, "best": best.get(inst.name),
            "bound": stage.get("bound"), "seconds": seconds, "status": rota.status,
            "feasible": ev.feasible, "solver": rota.solver.get("name"), "staff": len(s.staff)}


def run_scenario(label: str, scenario, options: PlanOptions) -> tuple[dict, Rota]:
    t0 = time.perf_counter()
    rota = plan(scenario, options)
    seconds = time.perf_counter() - t0
    stages = ", ".join(f"{st['stage']} {st['status']} {st['seconds']:.1f} s"
                       for st in rota.solver.get("stages", []))
    return {"name": label, "staff": len(scenario.staff), "seconds": seconds,
            "status": rota.status, "errors": len(rota.errors()),
            "solver": rota.solver.get("name"), "stages": stages}, rota


def fmt_gap(row: dict) -> str:
    if not row.get("best") or row.get("objective") is None:
        return "-"
    return f"{100 * (row['objective'] - row['best']) / row['best']:.1f} %"


CURTOIS_TARGET_GAP = 0.01  # issue 16: within 1 % of the best known (median of the seeds)
CURTOIS_PROVEN = range(1, 8)  # ... and the optimum proven on instances 1-7

EARLIER: tuple[tuple[str, dict[int, float]], ...] = (
    ("2026-11-22, 60 s, 1 seed (BENCHMARKS.md of that day)",
     {1: 0.0, 2: 0.0, 3: 0.0, 4: 0.3, 5: 8.1, 6: 9.8, 7: 1.8, 8: 73.9, 9: 3.2, 10: 16.0,
      11: 34.8, 12: 97.9}),
    ("2026-12-01 20:44, 120 s, median of 3 seeds (before the run flow, ADR 0011)",
     {1: 0.0, 2: 0.0, 3: 0.0, 4: 0.0, 5: 0.4, 6: 4.8, 7: 2.1, 8: 27.5, 9: 0.0, 10: 2.7,
      11: 0.0, 12: 17.3}),
    ("2026-12-01 23:56, 120 s, median of 3 seeds (the run flow everywhere)",
     {1: 0.0, 2: 0.0, 3: 0.0, 4: 0.0, 5: 0.0, 6: 0.0, 7: 0.7, 8: 19.8, 9: 4.3, 10: 0.9,
      11: 0.4, 12: 14.6}),
    ("2026-12-02 01:33, 120 s, median of 3 seeds (the run flow where it lifts the LP)",
     {1: 0.0, 2: 0.0, 3: 0.0, 4: 0.0, 5: 0.0, 6: 0.0, 7: 0.8, 8: 12.6, 9: 0.2, 10: 0.5,
      11: 0.0, 12: 18.0}),
)
"""Earlier gaps to the best known (per cent), so progress is visible in BENCHMARKS.md."""


def curtois_target(n: int, row: dict) -> str:
    """Issue 16's target for one instance: within 1 % of the best known (the median over
    the seeds), and on instances 1-7 the optimum proven (in every run)."""
    gap = (row["objective"] - row["best"]) / row["best"] if row.get("best") else None
    if not row["feasible"]:
        return "missed (no feasible rota)"
    if gap is None:
        return "- (no best known)"
    if gap > CURTOIS_TARGET_GAP + 1e-12:
        return f"missed (over {100 * CURTOIS_TARGET_GAP:g} %)"
    if n in CURTOIS_PROVEN and row.get("proven_runs", 0) < row.get("runs", 1):
        return f"missed (proven in {row.get('proven_runs', 0)} of {row.get('runs', 1)} runs)"
    return "met"


def seeded(run: Callable[[int], dict], seeds: int) -> dict:
    """One run per seed (0, 1, ...): the median objective (the run that holds it is the row),
    the best bound any run proved, the median seconds, and how many runs proved optimal."""
    rows = [run(seed) for seed in range(seeds)]
    rows.sort(key=lambda r: (r["objective"] is None, r["objective"]))
    out = dict(rows[(len(rows) - 1) // 2])
    out["seconds"] = statistics.median(r["seconds"] for r in rows)
    bounds = [r["bound"] for r in rows if isinstance(r.get("bound"), (int, float))]
    out["bound"] = max(bounds) if bounds else None
    out["objectives"] = [r["objective"] for r in rows]
    out["proven_runs"] = sum(r["status"] == "optimal" for r in rows)
    out["runs"] = len(rows)
    out["feasible"] = all(r["feasible"] for r in rows)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m roster.bench.suite", description=__doc__.split("\n")[0])
    ap.add_argument("--instances", type=parse_instances, default=parse_instances("1-12"),
                    help="Curtois instances to run, e.g. 1-4,7 (default 1-12); 'none' skips",)
    ap.add_argument("--time-limit", type=float, default=120.0, help="seconds per Curtois run")
    ap.add_argument("--seeds", type=int, default=3,
                    help="runs (seeds 0..N-1) per Curtois instance; the median is reported")
    ap.add_argument("--example", default="data/storgata-bofellesskap.toml,data/fredrikstad-mat.toml",
                    help="example scenario(s), comma-separated ('' skips)")
    ap.add_argument("--example-time-limit", type=float, default=60.0)
    ap.add_argument("--sizes", default="10,25,50,100", help="synthetic unit sizes ('' skips)")
    ap.add_argument("--synthetic-time-limit", type=float, default=60.0)
    ap.add_argument("--repeats", type=int, default=3, help="runs of short cases (median)")
    ap.add_argument("--portfolio-units", type=int, default=40,
                    help="synthetic units of the portfolio benchmark (default 40; 0 skips)")
    ap.add_argument("--portfolio-time-limit", type=float, default=2.0,
                    help="seconds per solve in the portfolio benchmark (default 2)")
    ap.add_argument("--short-staffed", type=int, default=3, metavar="RUNS",
                    help="runs per case of the short-staffed months (roster.bench.short_staffed, "
                         "about 20 min for 3; 0 skips)")
    ap.add_argument("--short-staffed-time-limit", type=float, default=30.0)
    ap.add_argument("--grunnturnus", type=int, default=3, metavar="RUNS",
                    help="runs of the 6-week 25-line grunnturnus (roster.bench.grunnturnus_bench; "
                         "0 skips)")
    ap.add_argument("--grunnturnus-time-limit", type=float, default=60.0)
    ap.add_argument("--arsturnus", type=int, default=1, metavar="RUNS",
                    help="runs of the 25-person year with holiday plans (roster.bench.arsturnus_bench; "
                         "0 skips)")
    ap.add_argument("--generated", type=generator.parse_specs, default=generator.parse_specs(GENERATED),
                    help="generated instances of the Curtois family, WEEKSxSTAFFxSHIFTTYPES, "
                         f"comma-separated (default {GENERATED}; '' skips); --time-limit, --seeds")
    ap.add_argument("--replicated", type=replicated.parse_specs, default=replicated.parse_specs(REPLICATED),
                    help="copies of published instances, INSTANCExCOPIES ('s': separate shift "
                         f"types), e.g. 4x2s,4x3 ('' skips; default {REPLICATED})")
    ap.add_argument("--solver", choices=("highs", "cbc"), default="highs")
    ap.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH_DIR)
    ap.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    ap.add_argument("--append", action="store_true",
                    help="add this run's sections to the end of --out instead of replacing it")
    args = ap.parse_args(argv)
    command = "make bench" + (f" BENCH_ARGS='{shlex.join(argv if argv is not None else sys.argv[1:])}'"
                              if (argv if argv is not None else sys.argv[1:]) else "")
    started = dt.datetime.now(dt.UTC)
    lines = [
        "# Benchmarks",
        "",
        f"Produced by `{command}` on {started:%Y-%m-%d %H:%M} UTC.",
        f"Machine: {machine()}.",
        "Every figure below was measured by that run on that machine; rerun the command to "
        "reproduce. Objectives of the public instances are computed from the written rota "
        "by `roster.bench.curtois.evaluate`, not taken from the solver. Runs shorter than "
        f"{SHORT_RUN:g} s are repeated ({args.repeats} runs) and the median is given.",
        "",
    ]

    if args.append and args.out.exists():
        head = args.out.read_text(encoding="utf-8").rstrip("\n").split("\n")
        lines = [*head, "", "---", "", "# Additional run", "", *lines[2:]]

    def flush() -> None:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")

    if args.instances:
        best = curtois.best_known(args.bench_dir)
        options = PlanOptions(time_limit=args.time_limit, solver=args.solver)
        lines += [f"## Curtois & Qu instances ({args.time_limit:g} s per run, {args.seeds} seeds)", "",
                  "Objective: the median over the seeds (all runs in brackets); gap: of that median "
                  "to the best known; lower bound: the best any run proved; seconds: the median. "
                  f"Target (issue 16): within {100 * CURTOIS_TARGET_GAP:g} % of the best known, "
                  "and on instances 1-7 the optimum proven in every run.", "",
                  "| instance | staff | objective | runs | best known | gap | lower bound "
                  "| gap to bound | seconds | proven | hard rules | solver | target |",
                  "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for n in args.instances:
            print(f"Curtois Instance{n} ...", file=sys.stderr, flush=True)
            row = seeded(lambda seed, n=n: run_curtois(n, args.bench_dir, options, best, seed),
                         args.seeds)
            bound = row["bound"]
            runs = ", ".join(f"{o:g}" for o in row["objectives"] if o is not None)
            lines.append(
                f"| {row['name']} | {row['staff']} | {row['objective']:g} | {runs} "
                f"| {row['best'] or '-'} | {fmt_gap(row)} | {'-' if bound is None else f'{bound:g}'} "
                f"| {generator.gap_to_bound(row['objective'], bound)} | {row['seconds']:.1f} "
                f"| {row['proven_runs']} of {row['runs']} "
                f"| {'kept' if row['feasible'] else 'BROKEN'} | {row['solver']} "
                f"| {curtois_target(n, row)} |")
            flush()
        lines += ["", "Reproduce one: `.venv/bin/roster bench curtois "
                  f"../shared/bench/curtois/InstanceN.txt --time-limit {args.time_limit:g} "
                  "--seed S --out rota.json`.", "",
                  "Earlier gaps to the best known (per cent), for comparison:", "",
                  "| run | " + " | ".join(str(n) for n in range(1, 13)) + " |",
                  "|---|" + "---|" * 12]
        for label, gaps in EARLIER:
            lines.append(f"| {label} | " + " | ".join(f"{gaps[n]:g}" for n in range(1, 13)) + " |")
        lines.append("")
        flush()
    if args.generated:
        lines += generator.suite_section(args.generated, args.seeds, args.time_limit, args.solver)
        flush()
    if args.replicated:
        lines += replicated.suite_section(args.replicated, args.seeds, args.time_limit, args.bench_dir,
                                          args.solver)
        flush()

    rota_for_sim = None
    scen_rows: list[str] = []
    examples = [e for e in args.example.split(",") if e.strip()]
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    if examples or sizes:
        lines += ["## Norwegian monthly rotas (staged objective)", "",
                  "| scenario | staff | seconds | status | hard-rule errors | solver | stages |",
                  "|---|---|---|---|---|---|---|"]
    from roster.scenario_load import load_scenario

    for path in examples:
        print(f"example {path} ...", file=sys.stderr, flush=True)
        s = load_scenario(ROOT / path if not Path(path).is_absolute() else path)
        opts = PlanOptions(time_limit=args.example_time_limit, solver=args.solver)
        holder: dict = {}

        def one(s=s, opts=opts, holder=holder, path=path) -> dict:
            row, rota = run_scenario(path, s, opts)
            holder["rota"], holder["scenario"] = rota, s
            return row

        row = repeated(one, args.repeats)
        if rota_for_sim is None:  # simulate on the first example (the 25-staff unit)
            rota_for_sim = (holder["scenario"], holder["rota"])
        scen_rows.append(f"| {row['name']} | {row['staff']} | {row['seconds']:.1f} | {row['status']} "
                         f"| {row['errors']} | {row['solver']} | {row['stages']} |")
    if sizes:
        from roster.bench.synthetic import synthetic
        for n in sizes:
            print(f"synthetic {n} ...", file=sys.stderr, flush=True)
            s = synthetic(n, seed=1)
            opts = PlanOptions(time_limit=args.synthetic_time_limit, solver=args.solver)
            row = repeated(lambda s=s, opts=opts, n=n: run_scenario(f"synthetic {n} staff (seed 1)",
                                                                    s, opts)[0], args.repeats)
            scen_rows.append(f"| {row['name']} | {row['staff']} | {row['seconds']:.1f} | "
                             f"{row['status']} | {row['errors']} | {row['solver']} | {row['stages']} |")
    lines += scen_rows
    if scen_rows:
        lines += ["", f"Time limits: examples {args.example_time_limit:g} s, synthetic "
                  f"{args.synthetic_time_limit:g} s (`roster.bench.synthetic.synthetic(n, seed=1)`, "
                  "February 2027, 24/7 unit shaped like storgata).", ""]
        flush()

    if rota_for_sim is not None:
        try:
            from coverage.simulate import simulate
        except Exception as exc:  # the simulation is another module; skip if absent or broken
            lines += ["## Absence simulation", "", f"Skipped: coverage.simulate not importable ({exc}).", ""]
        else:
            s, rota = rota_for_sim
            print("absence simulation ...", file=sys.stderr, flush=True)
            t0 = time.perf_counter()
            res = simulate(s, rota, absence_rate=0.095, runs=1000, seed=1)
            seconds = time.perf_counter() - t0
            lines += ["## Absence simulation", "",
                      f"`coverage.simulate.simulate(scenario, rota, absence_rate=0.095, runs=1000, "
                      f"seed=1)` on the rota of {examples[0]}: {seconds:.2f} s; mean uncovered "
                      f"shifts per month {float(res.uncovered.mean()):.2f}, mean vikar hours "
                      f"{float(res.vikar_hours.mean()):.1f}, chance an opened service slot keeps "
                      f"its minimum {100 * res.p_service_keeps_min:.1f} %.", ""]
    if args.short_staffed > 0:
        from roster.bench import short_staffed

        lines += short_staffed.suite_section(args.short_staffed, args.short_staffed_time_limit)
        flush()
    if args.grunnturnus > 0:
        from roster.bench.grunnturnus_bench import suite_section as grunnturnus_section

        print("grunnturnus ...", file=sys.stderr, flush=True)
        lines += grunnturnus_section(args.grunnturnus, time_limit=args.grunnturnus_time_limit)
        flush()
    if args.arsturnus > 0:
        from roster.bench import arsturnus_bench

        print("arsturnus ...", file=sys.stderr, flush=True)
        lines += arsturnus_bench.suite_section(args.arsturnus)
        flush()
    if args.portfolio_units > 0:
        from roster.bench.portfolio_bench import suite_section

        print(f"portfolio of {args.portfolio_units} units ...", file=sys.stderr, flush=True)
        lines += suite_section(args.portfolio_units, time_limit=args.portfolio_time_limit,
                               repeats=args.repeats, command=command)
        flush()
    lines += [f"Finished {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC."]
    flush()
    print(f"Wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
