"""Mutation run over the rule catalogue: is every rule's builder and every check killed by a test?

For each rule unit, in turn, its model builder (or eligibility filter) is disabled, then
its checker measurement, and the unit's own test module (``tests/rules/test_<module>.py``)
runs against that mutant in a fresh process. A mutant is *killed* when at least one test
fails. Prints the kill table (Markdown) and exits 1 if any mutant survived.

    .venv/bin/python tools/mutants.py [-j 2] [--only rest,weekend] [--tests tests/rules] [--out FILE]

Not part of ``make test``: it runs each test module twice per rule (a few minutes).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from roster.rules.catalogue import UNITS, units  # noqa: E402
from tools.mutant_plugin import ENV  # noqa: E402


@dataclass(frozen=True)
class Mutant:
    rule: str
    half: str  # "build" or "check"
    tests: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    mutant: Mutant
    killed: bool
    seconds: float
    failed: str  # the first failing test, or the reason it survived


def mutants(only: set[str] | None, tests: tuple[str, ...] | None) -> list[Mutant]:
    out = []
    for module, unit in zip(UNITS, units(), strict=True):
        if only and unit.id not in only:
            continue
        own = tests or (f"tests/rules/test_{module}.py",)
        if unit.build is not None or unit.allows is not None:
            out.append(Mutant(unit.id, "build", own))
        if unit.check is not None:
            out.append(Mutant(unit.id, "check", own))
    return out


def run(m: Mutant | None, tests: tuple[str, ...]) -> tuple[int, str, float]:
    env = {**os.environ, "ROSTER_THREADS": "1", "PYTHONPATH": str(ROOT)}
    if m is not None:
        env[ENV] = f"{m.half}:{m.rule}"
    cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
           "-p", "tools.mutant_plugin", *tests]
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    failed = next((line.split(" ", 1)[1] for line in done.stdout.splitlines()
                   if line.startswith("FAILED ")), "")
    return done.returncode, failed, time.perf_counter() - t0


def judge(m: Mutant) -> Outcome:
    code, failed, seconds = run(m, m.tests)
    if code == 1:
        return Outcome(m, True, seconds, failed.split(" - ")[0])
    if code == 0:
        return Outcome(m, False, seconds, "all tests passed")
    return Outcome(m, False, seconds, f"pytest exit code {code}")


def table(outcomes: list[Outcome]) -> str:
    by_rule: dict[str, dict[str, Outcome]] = {}
    for o in outcomes:
        by_rule.setdefault(o.mutant.rule, {})[o.mutant.half] = o

    def cell(o: Outcome | None) -> str:
        if o is None:
            return "-"
        return f"killed (`{o.failed.split('::')[-1]}`)" if o.killed else f"**SURVIVED** ({o.failed})"

    lines = ["| rule | builder disabled | check disabled |", "|---|---|---|"]
    lines += [f"| `{rule}` | {cell(h.get('build'))} | {cell(h.get('check'))} |"
              for rule, h in by_rule.items()]
    killed = sum(o.killed for o in outcomes)
    lines.append(f"\n{killed} of {len(outcomes)} mutants killed.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-j", "--jobs", type=int, default=1, help="mutants run at the same time")
    ap.add_argument("--only", help="comma-separated rule ids")
    ap.add_argument("--tests", help="comma-separated test paths to run for every mutant "
                                    "(default: the rule's own test module)")
    ap.add_argument("--out", type=Path, help="also write the table to this file")
    args = ap.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None
    tests = tuple(args.tests.split(",")) if args.tests else None
    todo = mutants(only, tests)
    own = sorted({t for m in todo for t in m.tests})
    code, failed, _ = run(None, tuple(own))
    if code != 0:
        print(f"the tests fail without any mutant ({failed or f'exit code {code}'}): fix them first")
        return 2
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        outcomes = list(pool.map(judge, todo))
    text = table(outcomes) + f" ({time.perf_counter() - t0:.0f} s, {args.jobs} at a time)"
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0 if all(o.killed for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
