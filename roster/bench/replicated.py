"""Larger instances of the Curtois & Qu family with a known reference: k copies of a
published instance.

Issue 16 asks for the quality of 1-12 on larger instances of the same family, so that the
engine is seen not to be tuned to the twelve. Generated instances (``generator``) have
no known optimum, and their lower bounds are weak, so a gap to them says little. A copy
of a published instance does have one:

- **shared** shift types (``replicate(inst, k)``): k copies of every person, with their
  days off and requests, and every cover requirement k times as large. Each copy of the
  staff working one rota of the original costs exactly k times that rota's cost (every
  cover deviation is k times as large, every request is paid k times), so
  **k x best known is a rota's cost** and the optimum is at most that. It may be lower:
  copies may work different rotas whose cover deviations cancel. A value within 1 % of
  k x best known (or below it) is the quality of the published instance at k times the
  staff.
- **separate** shift types (``replicate(inst, k, separate=True)``): copy c has shift
  types of its own (``E#2`` ...) and only its own staff may work them, so nothing couples
  the copies: the optimum is **exactly k x the optimum** of the original (all twelve are
  proven, ``best_known.csv``). k times the staff and k times the shift types.

``python -m roster.bench.replicated --instance ../shared/bench/curtois/Instance4.txt
--copies 2 [--separate] --out F.txt`` writes one; ``make bench`` solves a few
(``--replicated 4x2,3x2,2x3s``: instance x copies, ``s`` for separate shift types).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from roster.bench.curtois import MAX_COVER, MAX_SHIFTS, MAX_STAFF, Cover, Instance, Request
from roster.rules.params import MAX_PAIRS

SEP = "#"
"""Between an original id (a person, a shift code) and its copy's number: ``A#2``."""
MAX_COPIES = 10
ORIGIN = "copies of a published instance, written by roster.bench.replicated"


def copy_id(ident: str, copy: int) -> str:
    """The id of ``ident`` in copy ``copy`` (1, 2, ...)."""
    return f"{ident}{SEP}{copy}"


def size_problem(inst: Instance, copies: int, separate: bool) -> str | None:
    """Why k copies of ``inst`` cannot be planned (None if they can): the planner's limits on
    staff, shift types, forbidden successions and staff per shift."""
    if not 1 <= copies <= MAX_COPIES:
        return f"copies must be from 1 to {MAX_COPIES}, got {copies}"
    if len(inst.staff) * copies > MAX_STAFF:
        return f"{copies} copies of {len(inst.staff)} staff is more than {MAX_STAFF} staff"
    if separate:
        if len(inst.shifts) * copies > MAX_SHIFTS:
            return f"{copies} copies of {len(inst.shifts)} shift types is more than {MAX_SHIFTS}"
        pairs = copies * sum(len(v) for v in inst.forbidden.values())
        if pairs > MAX_PAIRS:
            return f"{copies} copies give {pairs} forbidden successions, more than {MAX_PAIRS}"
    elif max((c.requirement for c in inst.cover), default=0) * copies > MAX_COVER:
        return f"a requirement times {copies} is more than {MAX_COVER} staff on one shift"
    return None


def replicate(inst: Instance, copies: int, *, separate: bool = False) -> Instance:
    """``copies`` copies of ``inst`` as one instance (see the module's text); raises
    ValueError for a size the planner refuses (:func:`size_problem`)."""
    problem = size_problem(inst, copies, separate)
    if problem:
        raise ValueError(problem)
    ks = range(1, copies + 1)

    def code(c: str, k: int) -> str:
        return copy_id(c, k) if separate else c

    shifts = {code(c, k): m for k in ks for c, m in inst.shifts.items()} if separate else dict(inst.shifts)
    forbidden = ({code(c, k): [code(f, k) for f in fs] for k in ks for c, fs in inst.forbidden.items()}
                 if separate else {c: list(fs) for c, fs in inst.forbidden.items()})
    staff = []
    for k in ks:
        for s in inst.staff:
            caps = {code(c, k): n for c, n in s.max_shifts.items()}
            if separate:  # the other copies' shift types are not theirs to work
                caps = {c: caps.get(c, 0) for c in shifts}
            staff.append(replace(s, id=copy_id(s.id, k), max_shifts=caps))
    days_off = {copy_id(sid, k): list(d) for k in ks for sid, d in inst.days_off.items()}

    def requests(reqs: list[Request]) -> list[Request]:
        return [Request(copy_id(r.staff, k), r.day, code(r.shift, k), r.weight) for k in ks for r in reqs]

    if separate:
        cover = [Cover(c.day, code(c.shift, k), c.requirement, c.under, c.over)
                 for k in ks for c in inst.cover]
    else:
        cover = [replace(c, requirement=c.requirement * copies) for c in inst.cover]
    name = f"{inst.name}x{copies}{'s' if separate else ''}"
    return Instance(name, inst.days, shifts, forbidden, staff, days_off, requests(inst.on),
                    requests(inst.off), cover)


def union(roster: dict[tuple[str, int], str], copies: int, *, separate: bool = False
          ) -> dict[tuple[str, int], str]:
    """Every copy of the staff working ``roster`` (a rota of the original): a rota of the
    replicated instance that costs ``copies`` times as much."""
    return {(copy_id(sid, k), day): copy_id(code, k) if separate else code
            for k in range(1, copies + 1) for (sid, day), code in roster.items()}


@dataclass(frozen=True)
class Spec:
    """One replicated instance of the bench: published instance ``number``, ``copies``
    copies, shift types shared or separate."""

    number: int
    copies: int
    separate: bool = False

    @property
    def label(self) -> str:
        return f"{self.number}x{self.copies}{'s' if self.separate else ''}"


def parse_specs(text: str) -> list[Spec]:
    """'4x2,3x2,2x3s' -> specs (an argparse type; '' gives none)."""
    out = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        m = re.fullmatch(r"(\d{1,2})x(\d{1,2})(s?)", part)
        if not m or not 1 <= int(m[1]) <= 12:
            raise argparse.ArgumentTypeError(
                f"expected INSTANCExCOPIES with an instance from 1 to 12 and 's' for separate "
                f"shift types (4x2, 2x3s), got {part!r}")
        out.append(Spec(int(m[1]), int(m[2]), m[3] == "s"))
    return out


def run_replicated(spec: Spec, seed: int, time_limit: float, solver: str, bench_dir: Path,
                   directory: Path, best: dict[str, int]) -> dict:
    """Replicate, write, read back and solve one instance with the planner (solver seed
    ``seed``); the objective is evaluated from the written rota."""
    import dataclasses
    import time

    from roster.bench import curtois
    from roster.bench.generator import instance_text
    from roster.planner import PlanOptions

    original = curtois.parse(bench_dir / f"Instance{spec.number}.txt")
    inst = replicate(original, spec.copies, separate=spec.separate)
    path = directory / f"{inst.name}.txt"
    if not path.exists():
        path.write_text(instance_text(inst, ORIGIN), encoding="utf-8")
    inst, scenario = curtois.load(path)
    t0 = time.perf_counter()
    rota, ev = curtois.solve(inst, scenario, dataclasses.replace(
        PlanOptions(time_limit=time_limit, solver=solver), seed=seed))
    stage = (rota.solver.get("stages") or [{}])[0]
    known = best.get(original.name)
    return {"name": inst.name, "objective": ev.objective, "bound": stage.get("bound"),
            "seconds": time.perf_counter() - t0, "status": rota.status, "feasible": ev.feasible,
            "staff": len(inst.staff), "types": len(inst.shifts), "days": inst.days,
            "reference": None if known is None else known * spec.copies}


def versus(objective: float | None, reference: float | None) -> str:
    """The objective against the reference, in per cent (negative: below it)."""
    if objective is None or not reference:
        return "-"
    return f"{100 * (objective - reference) / reference:+.1f} %"


def suite_section(specs: list[Spec], seeds: int, time_limit: float, bench_dir: Path,
                  solver: str = "highs") -> list[str]:
    """BENCHMARKS.md lines: each replicated instance solved with ``seeds`` seeds."""
    import tempfile

    from roster.bench import curtois
    from roster.bench.generator import gap_to_bound
    from roster.bench.suite import seeded  # the suite's median-of-seeds row (it imports this module)

    best = curtois.best_known(bench_dir)
    lines = [f"## Copies of published instances ({time_limit:g} s per run, {seeds} seeds)", "",
             "`roster.bench.replicated`: k copies of a published instance, so that the engine is "
             "seen at the quality of 1-12 on larger instances of the family. `NxK`: K copies of "
             "every person of InstanceN, every cover requirement K times as large; each copy "
             "working one rota of the original costs K times its cost, so the reference "
             "K x best known is a rota's cost and the optimum is at most that. `NxKs`: each copy "
             "has shift types of its own, nothing couples the copies, and K x best known is the "
             "optimum. vs reference: the median objective against K x best known (the target "
             "of issue 16 is +1 % or below).", "",
             "| instance | days | staff | shift types | objective | runs | reference | vs reference "
             "| lower bound | gap to bound | seconds | hard rules |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        for spec in specs:
            print(f"replicated {spec.label} ...", file=sys.stderr, flush=True)
            mid = seeded(lambda seed, spec=spec: run_replicated(
                spec, seed, time_limit, solver, bench_dir, Path(tmp), best), seeds)
            bound = mid["bound"]
            runs = ", ".join(f"{o:g}" for o in mid["objectives"] if o is not None)
            ref = mid["reference"]
            objective = "-" if mid["objective"] is None else f"{mid['objective']:g}"
            lines.append(
                f"| {mid['name']} | {mid['days']} | {mid['staff']} | {mid['types']} | {objective} "
                f"| {runs} | {'-' if ref is None else ref} | {versus(mid['objective'], ref)} "
                f"| {'-' if bound is None else f'{bound:g}'} | {gap_to_bound(mid['objective'], bound)} "
                f"| {mid['seconds']:.1f} | {'kept' if mid['feasible'] else 'BROKEN'} |")
    lines += ["", "Write one: `.venv/bin/python -m roster.bench.replicated --instance "
              "../shared/bench/curtois/Instance4.txt --copies 2 [--separate] --out F.txt`; solve it: "
              "`.venv/bin/roster bench curtois F.txt`.", ""]
    return lines


def main(argv: list[str] | None = None) -> int:
    from roster.bench import curtois
    from roster.bench.generator import instance_text, write_instance
    from roster.cli.main import Parser  # usage errors exit 3, as every command's
    from roster.errors import UserError

    ap = Parser(prog="python -m roster.bench.replicated",
                description="Write k copies of a Curtois & Qu instance as one instance.")
    ap.add_argument("--instance", type=Path, required=True, help="a published instance file")
    ap.add_argument("--copies", type=int, required=True, help=f"1 to {MAX_COPIES}")
    ap.add_argument("--separate", action="store_true", help="shift types of each copy's own")
    ap.add_argument("--out", type=Path, required=True, help="instance file to write (not overwritten)")
    args = ap.parse_args(argv)
    try:
        original = curtois.parse(args.instance)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        inst = replicate(original, args.copies, separate=args.separate)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    return write_instance(args.out, instance_text(inst, ORIGIN), inst.name)


if __name__ == "__main__":
    raise SystemExit(main())
