"""Benchmark of ``roster arsturnus``: the year 2028 of the 25-person Storgata unit with its
holiday plans, every person's main holiday placed in the summer, and the summer vikarer
(``data/arsplan/storgata-2028.toml``), from a 6-week grunnturnus (issue 17 item 6: "a year
roll-out with holiday plans for 25 people in under 2 minutes").

The grunnturnus is an input (``--grunnturnus``, from ``roster grunnturnus
data/storgata-bofellesskap.toml --weeks 6 --out DIR --time-limit 60``); without it, it is
planned first (about 60-120 s more, reported apart). The årsturnus runs through the command
line in this process, with its default ``--time-limit`` (60 s for the planned periods
together); its wall time covers reading the inputs, the roll-out, every planned period, the
twelve months checked and every file written. Prints one markdown table row (``--header``
for the header too). Usage:

    .venv/bin/python -m roster.bench.arsturnus_bench [--grunnturnus DIR/rota.json]
        [--time-limit 60] [--out DIR] [--header]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import tempfile
import time
from pathlib import Path

from roster.resources import DATA_DIR

SCENARIO = DATA_DIR / "storgata-bofellesskap.toml"
PLAN = DATA_DIR / "arsplan" / "storgata-2028.toml"
LIMIT_SECONDS = 120.0
HEADER = ("| what | årsturnus wall (s) | under 2 min | months ok | planned periods (status) | "
          "plus/minus over the year (h) | grunnturnus (s) |\n|---|---|---|---|---|---|---|")


def build_grunnturnus(out: Path, time_limit: float = 60.0) -> tuple[Path, float]:
    from roster.cli.main import main

    t0 = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["grunnturnus", str(SCENARIO), "--weeks", "6", "--out", str(out),
                     "--time-limit", str(time_limit), "--lang", "en"])
    if code not in (0, 4):
        raise SystemExit(f"roster grunnturnus failed (exit {code})")
    return out / "rota.json", time.perf_counter() - t0


def run(grunnturnus: Path, out: Path, time_limit: float) -> tuple[float, int, dict]:
    from roster.cli.main import main

    t0 = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["arsturnus", str(grunnturnus), "--scenario", str(SCENARIO), "--plan", str(PLAN),
                     "--out", str(out), "--time-limit", str(time_limit), "--lang", "en", "--force"])
    seconds = time.perf_counter() - t0
    report = json.loads((out / "arsturnus.json").read_text(encoding="utf-8"))
    return seconds, code, report


def row(seconds: float, report: dict, gt_seconds: float | None) -> str:
    months_ok = sum(1 for m in report["months"] if m["status"] in ("optimal", "feasible"))
    periods = report["holiday_plans"] + report["cover_weeks"]
    counts: dict[str, int] = {}
    for p in periods:
        counts[p["status"]] = counts.get(p["status"], 0) + 1
    diffs = [h["difference"] for h in report["hours"] if not h.get("vikar")]
    people = sum(1 for h in report["hours"] if not h.get("vikar"))
    vikarer = len(report["hours"]) - people
    what = (f"årsturnus {report['year']}, Storgata ({people} people + {vikarer} vikarer), "
            f"{len(report['holiday_plans'])} holiday plans + {len(report['cover_weeks'])} weeks "
            f"re-planned, {len(report['vacations'])} vacations")
    status = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
    gt = f"{gt_seconds:.1f}" if gt_seconds is not None else "given"
    return (f"| {what} | {seconds:.1f} | {'yes' if seconds < LIMIT_SECONDS else 'NO'} | "
            f"{months_ok}/12 | {len(periods)} ({status}) | {min(diffs):+.1f} to {max(diffs):+.1f} | {gt} |")


def suite_section(runs: int = 1, time_limit: float = 60.0) -> list[str]:
    """BENCHMARKS.md's section "Årsturnus" (issue 17 item 6): the grunnturnus planned once,
    then the year ``runs`` times; the row of the median run."""
    with tempfile.TemporaryDirectory(prefix="arsturnus-bench-") as tmp:
        gt, gt_seconds = build_grunnturnus(Path(tmp) / "gt")
        results = [run(gt, Path(tmp) / f"year{i}", time_limit) for i in range(runs)]
    results.sort(key=lambda r: r[0])
    seconds, _, report = results[(len(results) - 1) // 2]
    return ["## Årsturnus: a year with holiday plans, 25 people", "",
            f"`python -m roster.bench.arsturnus_bench` ({runs} run(s), the median shown; the "
            "grunnturnus planned once before, its seconds in the last column); target: under "
            f"{LIMIT_SECONDS:g} s for the whole command.", "", HEADER,
            row(seconds, report, gt_seconds), ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--grunnturnus", type=Path, help="a grunnturnus rota.json of Storgata "
                                                         "(default: plan one first)")
    parser.add_argument("--time-limit", type=float, default=60.0,
                        help="roster arsturnus --time-limit (default 60)")
    parser.add_argument("--out", type=Path, help="output folder (default: a temporary one)")
    parser.add_argument("--header", action="store_true", help="print the table header too")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="arsturnus-bench-") as tmp:
        gt_seconds = None
        gt = args.grunnturnus
        if gt is None:
            gt, gt_seconds = build_grunnturnus(Path(tmp) / "gt")
        out = args.out or Path(tmp) / "year"
        seconds, code, report = run(gt, out, args.time_limit)
    if args.header:
        print(HEADER)
    print(row(seconds, report, gt_seconds))
    return 0 if code == 0 and seconds < LIMIT_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
