"""Benchmark of ``roster portfolio``: a sector of synthetic units, sequential against a Dask
cluster, written as a markdown section (for BENCHMARKS.md).

Units are ``roster.bench.synthetic`` scenarios of different sizes (``--sizes``, cycled;
seed = the unit's number), each the whole portfolio pipeline: the staffing check, the
ladder, today's rota with the absence simulation, the budget. The same units run

- sequentially in this process (``SequentialExecutor``: one solve at a time, one HiGHS
  thread), and
- on a Dask cluster: a local one of ``--workers`` processes (its start-up counted in the
  wall time and shown), or the existing cluster at ``--scheduler`` / $ROSTER_DASK_SCHEDULER.

Reported: wall time, time per unit, solves (and solves started ahead on idle workers), the
speed-up, and whether the two runs gave the same answers (the parts that do not depend on
timing; see coverage.portfolio). Small portfolios (at most ``--small`` units) are run
``--repeats`` times and the medians given. Usage:

    .venv/bin/python -m roster.bench.portfolio_bench --units 40 [--workers 2]
        [--time-limit 2] [--sizes 8,12,16,20,24] [--scheduler ADDRESS] [--out FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shlex
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from coverage.portfolio import (
    PortfolioResult,
    ScenarioSource,
    default_settings,
    proven_parts,
    run_portfolio,
    without_timing,
)
from roster.bench.synthetic import synthetic_data
from roster.excel.toml_write import dumps
from roster.parallel import DaskExecutor, Executor, SequentialExecutor, default_workers, scheduler_from_env

DEFAULT_SIZES = (8, 12, 16, 20, 24)
SMALL = 10  # portfolios of at most this many units are repeated (medians)


def synthetic_units(count: int, sizes: tuple[int, ...] = DEFAULT_SIZES) -> list[ScenarioSource]:
    """``count`` synthetic units, sizes cycled, unit i with seed i (the same every run)."""
    out = []
    for i in range(count):
        n = sizes[i % len(sizes)]
        data = synthetic_data(n, seed=i + 1)
        data["scenario"]["name"] = f"Synthetic {i + 1:02d} ({n} staff)"
        out.append(ScenarioSource(f"synthetic-{i + 1:02d}", "toml", dumps(data)))
    return out


def timed(run: Callable[[], PortfolioResult]) -> tuple[PortfolioResult, float]:
    t0 = time.perf_counter()
    result = run()
    return result, time.perf_counter() - t0


def _cluster(workers: int, scheduler: str | None) -> tuple[Executor, float]:
    t0 = time.perf_counter()
    executor = DaskExecutor(scheduler=scheduler) if scheduler else DaskExecutor(workers)
    return executor, time.perf_counter() - t0


def measure(units: list[ScenarioSource], *, workers: int, scheduler: str | None, time_limit: float,
            repeats: int, sequential: bool = True) -> dict:
    """Wall times (medians over ``repeats``) of the sequential and the cluster run."""
    settings = default_settings(time_limit=time_limit, ladder_time_limit=time_limit)
    seq: list[tuple[PortfolioResult, float]] = []
    par: list[tuple[PortfolioResult, float, float]] = []
    for r in range(repeats):
        if sequential:
            print(f"portfolio bench: sequential run {r + 1}/{repeats} ...", file=sys.stderr, flush=True)
            seq.append(timed(lambda: run_portfolio(units, settings, SequentialExecutor())))
        print(f"portfolio bench: cluster run {r + 1}/{repeats} ...", file=sys.stderr, flush=True)
        executor, start = _cluster(workers, scheduler)
        with executor:
            result, wall = timed(lambda executor=executor: run_portfolio(units, settings, executor))
        par.append((result, wall + start, start))
    out: dict = {"units": len(units), "repeats": repeats, "time_limit": time_limit}
    cluster_result = par[len(par) // 2][0]
    out["cluster"] = {"wall": statistics.median(w for _, w, _ in par),
                      "start": statistics.median(s for _, _, s in par),
                      "solves": sum(u.solves for u in cluster_result.units),
                      "ahead": sum(u.solves_ahead for u in cluster_result.units),
                      "task_seconds": sum(u.task_seconds for u in cluster_result.units),
                      "executor": cluster_result.executor,
                      "failed": len(cluster_result.failed)}
    if seq:
        seq_result = seq[len(seq) // 2][0]
        from roster.highs_threads import process_threads

        out["sequential"] = {"wall": statistics.median(w for _, w in seq),
                             "threads": process_threads(),
                             "solves": sum(u.solves for u in seq_result.units),
                             "task_seconds": sum(u.task_seconds for u in seq_result.units),
                             "failed": len(seq_result.failed)}
        a, b = seq_result.to_json(), cluster_result.to_json()
        out["same_proven"] = sum(x == y for x, y in zip(proven_parts(a), proven_parts(b), strict=True))
        out["same_all"] = sum(without_timing(x) == without_timing(y)
                              for x, y in zip(a["units"], b["units"], strict=True))
        out["limit_hit"] = sum(1 for u in a["units"] if u.get("timing_dependent"))
    return out


def section(m: dict, *, command: str, sizes: tuple[int, ...]) -> list[str]:
    """The markdown section for BENCHMARKS.md."""
    n = m["units"]
    reps = f"median of {m['repeats']} runs" if m["repeats"] > 1 else "one run"
    c = m["cluster"]
    lines = [f"## Portfolio: {n} synthetic units, sequential against a Dask cluster", "",
             f"`{command}`, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC. Units: "
             f"`roster.bench.synthetic` (24/7, February 2027) of {', '.join(map(str, sizes))} staff "
             f"in turn, seed = unit number. Per unit: the staffing check (step 0.5, at most 8 "
             f"steps), the ladder, today's rota with 1000 simulated months of sick leave, the "
             f"budget; {m['time_limit']:g} s per solve. Wall times: {reps}.", "",
             "| run | wall time | per unit | solves (ahead) | solver time per unit | speed-up |",
             "|---|---|---|---|---|---|"]
    base = m.get("sequential")
    if base:
        threads = f"{base['threads']} HiGHS thread{'s' if base['threads'] > 1 else ''}"
        lines.append(f"| sequential, this process, {threads} | {base['wall']:.1f} s "
                     f"| {base['wall'] / n:.1f} s | {base['solves']} | "
                     f"{base['task_seconds'] / n:.1f} s | 1.00 |")
    speed = f"{base['wall'] / c['wall']:.2f}" if base else "-"
    lines.append(f"| {c['executor']} (start {c['start']:.1f} s included) | {c['wall']:.1f} s "
                 f"| {c['wall'] / n:.1f} s | {c['solves']} ({c['ahead']}) | "
                 f"{c['task_seconds'] / n:.1f} s | {speed} |")
    lines.append("")
    if base:
        lines.append(f"Same answers: the proven parts (årsverk, staffing steps met, ladder rungs "
                     f"held, budget) agree for {m['same_proven']} of {n} units; everything but "
                     f"timings agrees for {m['same_all']} of {n}. {m['limit_hit']} units had a solve "
                     "stop at its time limit, so their rota (robustness, vikar hours) and solver "
                     "statuses may differ between runs (coverage.portfolio, 'What is "
                     "deterministic').")
    failed = max(c["failed"], base["failed"] if base else 0)
    if failed:
        lines.append(f"{failed} unit(s) failed (see `roster portfolio` for the messages).")
    lines += ["", "Point it at a real cluster: `python -m roster.bench.portfolio_bench --units 40 "
              "--scheduler tls://SCHEDULER:8786` (docs/portfolio.md).", ""]
    return lines


def suite_section(units: int, *, time_limit: float = 2.0, repeats: int = 3, command: str = "make bench",
                  workers: int | None = None, scheduler: str | None = None) -> list[str]:
    """The section ``make bench`` (roster.bench.suite) adds to BENCHMARKS.md."""
    m = measure(synthetic_units(units), workers=workers or default_workers(),
                scheduler=scheduler_from_env(scheduler), time_limit=time_limit,
                repeats=repeats if units <= SMALL else 1)
    return section(m, command=command, sizes=DEFAULT_SIZES)


def parse_sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(x) for x in text.split(",") if x.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes like 8,12,16, got {text!r}") from None
    if not sizes or min(sizes) < 6:
        raise argparse.ArgumentTypeError("sizes must be at least 6 staff")
    return sizes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m roster.bench.portfolio_bench",
                                 description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--units", type=int, default=40, help="synthetic units (default 40)")
    ap.add_argument("--sizes", type=parse_sizes, default=DEFAULT_SIZES,
                    help="unit sizes in staff, cycled (default 8,12,16,20,24)")
    ap.add_argument("--workers", type=int, default=default_workers(),
                    help="worker processes of the local cluster (default: one per core)")
    ap.add_argument("--scheduler", help="an existing Dask scheduler instead of a local cluster "
                                        "(default $ROSTER_DASK_SCHEDULER)")
    ap.add_argument("--time-limit", type=float, default=2.0, help="seconds per solve (default 2)")
    ap.add_argument("--repeats", type=int, default=3,
                    help=f"runs of portfolios of at most {SMALL} units (medians; default 3)")
    ap.add_argument("--no-sequential", action="store_true", help="only the cluster run")
    ap.add_argument("--out", type=Path, help="append the section to this markdown file "
                                             "(default: print it)")
    args = ap.parse_args(argv)
    if args.units < 1 or args.workers < 1 or args.time_limit <= 0 or args.repeats < 1:
        ap.error("--units, --workers, --repeats and --time-limit must be positive")
    raw = argv if argv is not None else sys.argv[1:]
    command = "python -m roster.bench.portfolio_bench" + (f" {shlex.join(raw)}" if raw else "")
    units = synthetic_units(args.units, args.sizes)
    m = measure(units, workers=args.workers, scheduler=scheduler_from_env(args.scheduler),
                time_limit=args.time_limit, repeats=args.repeats if args.units <= SMALL else 1,
                sequential=not args.no_sequential)
    text = "\n".join(section(m, command=command, sizes=args.sizes)) + "\n"
    if args.out:
        with args.out.open("a", encoding="utf-8") as f:
            f.write("\n" + text)
        print(f"Appended to {args.out}", file=sys.stderr)
    else:
        print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
