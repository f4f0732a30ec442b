"""Seeded instances of the Curtois & Qu family at any size, with a planted rota.

Issue 16 asks that the engine reach the same quality on larger instances of the family
(more weeks, more staff, more shift types) as on the published 1-12, so that it is not
tuned to those twelve. ``generate`` builds one such instance the way the published ones
are built (shift types early < day < late < night, a later shift not followed by an
earlier one the next day; full-time and part-time contracts of the published instances,
scaled to the horizon; two fixed days off per four weeks; shift-on and shift-off
requests of weight 1-3; cover with weights 100 under and 1 over) and returns it with a
**planted rota**: one rota that keeps every hard rule, drawn first, from which the
contracts, days off, cover and requests are derived. So every generated instance has a
rota (none is infeasible by accident), and the planted rota's cost is a reference the
engine should beat.

The same ``(weeks, staff, shift_types, seed)`` always gives the same instance. Write one
with ``python -m roster.bench.generator --weeks 8 --staff 40 --shift-types 5 --out F``;
``make bench`` solves a few (``--generated``) and reports the gap to the engine's own
proven lower bound, beside the same gap on the published instances.
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from roster.bench.curtois import (
    MAX_COVER,
    MAX_DAYS,
    MAX_SHIFTS,
    MAX_STAFF,
    BenchStaff,
    Cover,
    Instance,
    Request,
)
from roster.rules.params import MAX_PAIRS
from roster.scenario_load import MAX_STAFF_DAYS

# (max minutes, min minutes per 28 days, max consecutive shifts, min consecutive shifts,
#  min consecutive days off, max weekends per 4 weeks), share of the staff: the contracts
# of the published instances 4-12
CONTRACTS: tuple[tuple[tuple[int, int, int, int, int, int], float], ...] = (
    ((8640, 7560, 5, 2, 2, 2), 0.55),
    ((8640, 7560, 6, 2, 3, 2), 0.2),
    ((6480, 5400, 4, 2, 3, 2), 0.1),
    ((5160, 4080, 5, 1, 2, 3), 0.1),
    ((3420, 2340, 5, 1, 1, 3), 0.05),
)
CLASSES = ("E", "D", "L", "N")  # early, day, late, night: a later class may not precede an earlier one
NIGHT_CAP = 4  # nights per 4 weeks a night worker may take, as in Instance12
DAYS_OFF_PER_4_WEEKS = 2
ON_REQUESTS_PER_4_WEEKS = 5  # about the published rate (Instance8: 140 for 30 staff)
OFF_REQUESTS_PER_4_WEEKS = 3
PLANT_TRIES = 400  # draws of one person's planted line before the contract is widened to fit
UNDER_WEIGHT, OVER_WEIGHT = 100, 1
DEMAND_SHARE = 1.0  # cover demand in minutes over the staff's most minutes (published: 1.0)


@dataclass(frozen=True)
class Generated:
    instance: Instance
    planted: dict[tuple[str, int], str]  # (staff id, day) -> shift: a rota keeping every hard rule
    widened: int  # people whose minutes band was widened to fit their planted line (none from
    # 2 weeks up in the tests; at 1 week the 40 % and 60 % bands hold no whole 480-minute shift)


def shift_types(k: int, rng: np.random.Generator) -> tuple[dict[str, int], dict[str, list[str]]]:
    """``k`` shift types spread over the classes E < D < L < N (one each first, then more of
    the day classes), 480 minutes each, a night 480 or 600; each type forbids the types of
    earlier classes the next day."""
    per_class = types_per_class(k)
    codes: list[tuple[str, str]] = []
    for c in CLASSES:
        n = per_class[c]
        codes += [(c if n == 1 else f"{c}{i + 1}", c) for i in range(n)]
    night = 600 if rng.random() < 0.5 else 480
    minutes = {code: night if cls == "N" else 480 for code, cls in codes}
    rank = {cls: i for i, cls in enumerate(CLASSES)}
    forbidden = {code: [other for other, ocls in codes if rank[ocls] < rank[cls]]
                 for code, cls in codes}
    return minutes, forbidden


def types_per_class(k: int) -> dict[str, int]:
    """How many of ``k`` shift types fall in each class: one each of D, E, L and N first,
    then more of the day classes in turn."""
    per_class = {c: 0 for c in CLASSES}
    order = ["D", "E", "L", "N"] + [c for _ in range(k) for c in ("D", "E", "L")]
    for c in order[:k]:
        per_class[c] += 1
    return per_class


def class_of(code: str) -> str:
    return code[0]


def plant_line(rng: np.random.Generator, days: int, allowed: list[str], minutes: dict[str, int],
               contract: tuple[int, int, int, int, int, int], max_weekends: int,
               night_cap: int) -> list[str | None]:
    """One person's planted line: work blocks of ``min_cons..max_cons`` shifts (classes never
    falling within a block), rest blocks of at least ``min_off`` days, weekends off except
    ``max_weekends`` drawn ones, nights at most ``night_cap``; drawn until its minutes fall in
    the contract's band (the closest draw if none does)."""
    hi, lo, max_cons, min_cons, min_off, _ = contract
    target = (hi + lo) / 2
    mean_len = sum(minutes[c] for c in allowed) / len(allowed)
    share = min(0.95, target / (mean_len * days))  # of the days worked
    weekends = list(range(5, days, 7))
    rank = {c: i for i, c in enumerate(CLASSES)}
    best: tuple[float, list[str | None]] | None = None
    mean_work = (min_cons + max_cons) / 2
    mean_off = max(min_off, mean_work * (1 - share) / share)
    for _ in range(PLANT_TRIES):
        worked = set(rng.choice(len(weekends), size=min(max_weekends, len(weekends)), replace=False).tolist())
        forced = [False] * days
        for i, sat in enumerate(weekends):
            if i not in worked:
                forced[sat] = True
                if sat + 1 < days:
                    forced[sat + 1] = True
        line: list[str | None] = [None] * days
        nights = 0
        d = int(rng.integers(0, min_off + 1))  # the line may start in a rest block
        while d < days:
            room = 0
            while d + room < days and not forced[d + room] and room < max_cons:
                room += 1
            if room < min_cons and d + room < days:  # a block here would be too short
                d += 1
                continue
            length = min(room, int(rng.integers(min_cons, max_cons + 1)))
            code = allowed[int(rng.integers(len(allowed)))]
            for i in range(length):
                if i and rng.random() < 0.3:  # move on to a type of the same or a later class
                    later = [c for c in allowed if rank[class_of(c)] >= rank[class_of(code)]]
                    code = later[int(rng.integers(len(later)))]
                if class_of(code) == "N":
                    if nights >= night_cap:
                        # no night left: a day type no earlier than yesterday's, else the block ends
                        prev = rank[class_of(line[d + i - 1])] if i and line[d + i - 1] else 0
                        day_types = [c for c in allowed if class_of(c) != "N" and rank[class_of(c)] >= prev]
                        if not day_types:
                            length = i
                            break
                        code = day_types[int(rng.integers(len(day_types)))]
                    else:
                        nights += 1
                line[d + i] = code
            if length and length < min_cons and d + length < days:  # undo a block cut short
                for i in range(length):
                    if line[d + i] is not None and class_of(line[d + i]) == "N":
                        nights -= 1
                    line[d + i] = None
            rest = min_off + int(rng.integers(0, max(1, round(2 * (mean_off - min_off)) + 1)))
            d += length + rest
        worked_minutes = sum(minutes[c] for c in line if c is not None)
        miss = max(0, lo - worked_minutes, worked_minutes - hi)
        if best is None or miss < best[0]:
            best = (miss, line)
        if miss == 0:
            break
    assert best is not None
    return best[1]


def _pick_contract(rng: np.random.Generator) -> tuple[int, int, int, int, int, int]:
    shares = np.array([s for _, s in CONTRACTS])
    return CONTRACTS[int(rng.choice(len(CONTRACTS), p=shares / shares.sum()))][0]


def staff_id(i: int) -> str:
    """A, B, ..., Z, AA, AB, ... as in the published instances."""
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(ord("A") + r) + out
    return out


def generate(weeks: int, staff: int, n_types: int, seed: int = 0) -> Generated:
    """One instance of ``weeks`` weeks, ``staff`` people and ``n_types`` shift types."""
    days = 7 * weeks
    problem = size_problem(weeks, staff, n_types)
    if problem:
        raise ValueError(problem)
    rng = np.random.default_rng([weeks, staff, n_types, seed])
    minutes, forbidden = shift_types(n_types, rng)
    codes = list(minutes)
    scale = days / 28
    people: list[BenchStaff] = []
    planted: dict[tuple[str, int], str] = {}
    days_off: dict[str, list[int]] = {}
    on: list[Request] = []
    off: list[Request] = []
    widened = 0
    for i in range(staff):
        sid = staff_id(i)
        hi28, lo28, max_cons, min_cons, min_off, we28 = _pick_contract(rng)
        contract = (round(hi28 * scale), round(lo28 * scale), max_cons, min_cons, min_off, 0)
        max_weekends = max(1, math.ceil(we28 * scale))
        allowed = [c for c in codes if rng.random() < 0.75]
        day_types = [c for c in codes if class_of(c) != "N"]
        if day_types and not any(class_of(c) != "N" for c in allowed):  # not nights alone
            allowed.append(day_types[int(rng.integers(len(day_types)))])
        allowed = [c for c in codes if c in allowed]
        night_cap = max(1, round(NIGHT_CAP * scale))
        line = plant_line(rng, days, allowed, minutes, contract, max_weekends, night_cap)
        worked = sum(minutes[c] for c in line if c is not None)
        hi, lo = max(contract[0], worked), min(contract[1], worked)  # widened only if no draw fitted
        widened += (hi, lo) != contract[:2]
        caps = {c: (0 if c not in allowed else night_cap if class_of(c) == "N" else days) for c in codes}
        people.append(BenchStaff(sid, caps, hi, lo, max_cons, min_cons, min_off, max_weekends))
        for d, c in enumerate(line):
            if c is not None:
                planted[(sid, d)] = c
        free = [d for d, c in enumerate(line) if c is None]
        n_off = min(len(free), max(1, round(DAYS_OFF_PER_4_WEEKS * scale)))
        days_off[sid] = sorted(int(d) for d in rng.choice(free, size=n_off, replace=False)) if free else []
        # requests, never on a fixed day off: an on-request falls on a planted working day
        # with its planted shift about a third of the time (a good rota can grant those)
        open_days = [d for d in range(days) if d not in days_off[sid]]
        for _ in range(int(rng.poisson(ON_REQUESTS_PER_4_WEEKS * scale))):
            d = int(open_days[int(rng.integers(len(open_days)))])
            code = line[d]
            if code is None or rng.random() >= 0.7:
                code = allowed[int(rng.integers(len(allowed)))]
            on.append(Request(sid, d, code, int(rng.integers(1, 4))))
        for _ in range(int(rng.poisson(OFF_REQUESTS_PER_4_WEEKS * scale))):
            d = int(open_days[int(rng.integers(len(open_days)))])
            off.append(Request(sid, d, allowed[int(rng.integers(len(allowed)))], int(rng.integers(1, 4))))
    on = _unique(on)
    wanted = {(r.staff, r.day, r.shift) for r in on}
    off = [r for r in _unique(off) if (r.staff, r.day, r.shift) not in wanted]
    counts: dict[tuple[int, str], int] = {}
    for (_, d), c in planted.items():
        counts[(d, c)] = counts.get((d, c), 0) + 1
    # cover: the planted counts moved by one here and there, then trimmed or topped up at
    # random slots until the demand equals the staff's most minutes (within one shift), as
    # in the published instances (Instances 4-12: demand / sum of max minutes = 0.90-1.01);
    # at most MAX_COVER on one shift, the most the file format allows
    need = {slot: min(MAX_COVER, max(0, counts.get(slot, 0) + int(rng.choice([-1, 0, 0, 0, 0, 1]))))
            for slot in ((d, c) for d in range(days) for c in codes)}
    slots = list(need)
    capacity = DEMAND_SHARE * sum(p.max_minutes for p in people)
    demand = sum(n * minutes[c] for (_, c), n in need.items())
    while demand > capacity:
        filled = [slot for slot in slots if need[slot] > 0]
        slot = filled[int(rng.integers(len(filled)))]
        need[slot] -= 1
        demand -= minutes[slot[1]]
    while demand < capacity:
        open_slots = [slot for slot in slots if need[slot] < MAX_COVER]
        if not open_slots:
            break
        slot = open_slots[int(rng.integers(len(open_slots)))]
        need[slot] += 1
        demand += minutes[slot[1]]
    cover = [Cover(d, c, n, UNDER_WEIGHT, OVER_WEIGHT) for (d, c), n in need.items()]
    name = f"Generated-{weeks}w-{staff}s-{n_types}t-seed{seed}"
    inst = Instance(name, days, minutes, forbidden, people, days_off, on, off, cover)
    return Generated(inst, planted, widened)


def _unique(requests: list[Request]) -> list[Request]:
    """One request per person and day (the first drawn), in (person, day) order."""
    seen: dict[tuple[str, int], Request] = {}
    for r in requests:
        seen.setdefault((r.staff, r.day), r)
    return sorted(seen.values(), key=lambda r: (r.staff, r.day))


def instance_text(inst: Instance, origin: str = "generated by roster.bench.generator") -> str:
    """The instance in the published file format (``curtois.parse`` reads it back)."""
    lines = [f"# {inst.name}: {origin}", "SECTION_HORIZON",
             "# days, starting on a Monday", str(inst.days), "", "SECTION_SHIFTS",
             "# ShiftID, Length in mins, Shifts which cannot follow this shift | separated"]
    lines += [f"{c},{m},{'|'.join(inst.forbidden.get(c, []))}" for c, m in inst.shifts.items()]
    lines += ["", "SECTION_STAFF", "# ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, "
              "MaxConsecutiveShifts, MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends"]
    for s in inst.staff:
        caps = "|".join(f"{c}={s.max_shifts.get(c, 0)}" for c in inst.shifts)
        lines.append(f"{s.id},{caps},{s.max_minutes},{s.min_minutes},{s.max_consecutive},"
                     f"{s.min_consecutive},{s.min_days_off},{s.max_weekends}")
    lines += ["", "SECTION_DAYS_OFF", "# EmployeeID, DayIndexes (start at zero)"]
    lines += [",".join([sid, *map(str, d)]) for sid, d in inst.days_off.items() if d]
    for title, reqs in (("SECTION_SHIFT_ON_REQUESTS", inst.on), ("SECTION_SHIFT_OFF_REQUESTS", inst.off)):
        lines += ["", title, "# EmployeeID, Day, ShiftID, Weight"]
        lines += [f"{r.staff},{r.day},{r.shift},{r.weight}" for r in reqs]
    lines += ["", "SECTION_COVER", "# Day, ShiftID, Requirement, Weight for under, Weight for over"]
    lines += [f"{c.day},{c.shift},{c.requirement},{c.under},{c.over}" for c in inst.cover]
    return "\n".join(lines) + "\n"


def parse_specs(text: str) -> list[tuple[int, int, int]]:
    """'8x30x4,4x90x10' -> [(8, 30, 4), (4, 90, 10)] (weeks x staff x shift types); '' -> []."""
    out = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        bits = part.lower().split("x")
        if len(bits) != 3 or not all(b.strip().isdigit() for b in bits):
            raise argparse.ArgumentTypeError(
                f"expected sizes like 8x30x4 (weeks x staff x shift types), got {part!r}")
        spec = (int(bits[0]), int(bits[1]), int(bits[2]))
        problem = size_problem(*spec)
        if problem:
            raise argparse.ArgumentTypeError(f"{part}: {problem}")
        out.append(spec)
    return out


def forbidden_pairs(n_types: int) -> int:
    """How many forbidden successions ``n_types`` shift types give (a type forbids every
    type of an earlier class the next day; :func:`shift_types` spreads them the same way)."""
    per_class = types_per_class(n_types)
    rank = {c: i for i, c in enumerate(CLASSES)}
    return sum(n * sum(per_class[e] for e in CLASSES if rank[e] < rank[c]) for c, n in per_class.items())


def size_problem(weeks: int, staff: int, n_types: int) -> str | None:
    """Why a size cannot be generated, or None: beyond the file format's limits, or beyond
    what the planner takes (``roster bench curtois`` would refuse the instance)."""
    if not 1 <= weeks <= MAX_DAYS // 7:
        return f"weeks must be from 1 to {MAX_DAYS // 7}, got {weeks}"
    if not 1 <= staff <= MAX_STAFF:
        return f"staff must be from 1 to {MAX_STAFF}, got {staff}"
    if not 1 <= n_types <= MAX_SHIFTS:
        return f"shift types must be from 1 to {MAX_SHIFTS}, got {n_types}"
    if 7 * weeks * staff > MAX_STAFF_DAYS:
        return (f"{weeks} weeks x {staff} staff is {7 * weeks * staff} person-days; the planner "
                f"takes at most {MAX_STAFF_DAYS}")
    if forbidden_pairs(n_types) > MAX_PAIRS:
        return (f"{n_types} shift types give {forbidden_pairs(n_types)} forbidden successions; the "
                f"planner takes at most {MAX_PAIRS} (at most {_most_types()} shift types)")
    return None


def _most_types() -> int:
    return max(k for k in range(1, MAX_SHIFTS + 1) if forbidden_pairs(k) <= MAX_PAIRS)


def run_generated(spec: tuple[int, int, int], seed: int, time_limit: float, solver: str,
                  directory: Path) -> dict:
    """Generate the instance of ``spec`` (instance seed 0), write it, solve it with the
    planner (solver seed ``seed``) and evaluate the written rota independently."""
    import dataclasses
    import time

    from roster.bench import curtois
    from roster.planner import PlanOptions

    gen = generate(*spec, seed=0)
    path = directory / f"{gen.instance.name}.txt"
    if not path.exists():
        path.write_text(instance_text(gen.instance), encoding="utf-8")
    inst, scenario = curtois.load(path)
    t0 = time.perf_counter()
    rota, ev = curtois.solve(inst, scenario, dataclasses.replace(
        PlanOptions(time_limit=time_limit, solver=solver), seed=seed))
    stage = (rota.solver.get("stages") or [{}])[0]
    return {"name": inst.name, "objective": ev.objective, "bound": stage.get("bound"),
            "seconds": time.perf_counter() - t0, "status": rota.status, "feasible": ev.feasible,
            "planted": curtois.evaluate(inst, gen.planted).objective, "widened": gen.widened}


def gap_to_bound(objective: float | None, bound: float | None) -> str:
    """How far a rota may be from the optimum: (objective - proven lower bound) / objective."""
    if objective is None or bound is None:
        return "-"
    if objective <= 0:
        return "0.0 %" if bound >= objective - 1e-9 else "-"
    return f"{100 * max(0.0, objective - bound) / objective:.1f} %"


def suite_section(specs: list[tuple[int, int, int]], seeds: int, time_limit: float,
                  solver: str = "highs") -> list[str]:
    """BENCHMARKS.md lines: each generated instance solved with ``seeds`` seeds."""
    import tempfile

    from roster.bench.suite import seeded  # the suite's median-of-seeds row (it imports this module)

    lines = [f"## Generated instances of the same family ({time_limit:g} s per run, {seeds} seeds)", "",
             "Instances from `roster.bench.generator` (seed 0), larger than the published ones in "
             "weeks, staff or shift types, so that the engine is seen not to be tuned to 1-12. "
             "Nobody knows their optimum: the gap is to the engine's own proven lower bound "
             "(the published instances' table has the same column), and the planted "
             "rota (drawn first; every hard rule kept) is a cost any good rota beats.", "",
             "| instance | days | staff | shift types | objective | runs | planted rota | lower bound "
             "| gap to bound | seconds | hard rules |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        for spec in specs:
            print(f"generated {spec[0]}x{spec[1]}x{spec[2]} ...", file=sys.stderr, flush=True)
            mid = seeded(lambda seed, spec=spec: run_generated(spec, seed, time_limit, solver, Path(tmp)),
                         seeds)
            bound = mid["bound"]
            runs = ", ".join(f"{o:g}" for o in mid["objectives"])
            lines.append(
                f"| {mid['name']} | {7 * spec[0]} | {spec[1]} | {spec[2]} | {mid['objective']:g} "
                f"| {runs} | {mid['planted']:g} "
                f"| {'-' if bound is None else f'{bound:g}'} | {gap_to_bound(mid['objective'], bound)} "
                f"| {mid['seconds']:.1f} | {'kept' if mid['feasible'] else 'BROKEN'} |")
    lines += ["", "Write one: `.venv/bin/python -m roster.bench.generator --weeks W --staff S "
              "--shift-types T --seed 0 --out F.txt`; solve it: `.venv/bin/roster bench curtois F.txt`.", ""]
    return lines


def main(argv: list[str] | None = None) -> int:
    from roster.cli.main import Parser  # usage errors exit 3, as every command's

    ap = Parser(prog="python -m roster.bench.generator",
                                 description="Write a seeded instance of the Curtois & Qu family.")
    ap.add_argument("--weeks", type=int, default=4)
    ap.add_argument("--staff", type=int, default=30)
    ap.add_argument("--shift-types", type=int, default=4)
    ap.add_argument("--seed", type=int, default=0, help="0 or more")
    ap.add_argument("--out", type=Path, required=True, help="instance file to write (not overwritten)")
    args = ap.parse_args(argv)
    if args.seed < 0:
        print(f"error: --seed must be 0 or more, got {args.seed}", file=sys.stderr)
        return 3
    try:
        gen = generate(args.weeks, args.staff, args.shift_types, args.seed)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    return write_instance(args.out, instance_text(gen.instance), gen.instance.name)


def write_instance(out: Path, text: str, name: str) -> int:
    """Write an instance file for a command line (never over an existing file); the exit
    code: 0 written, 1 not (the reason on stderr)."""
    from roster.errors import UserError
    from roster.safe_io import os_reason, write_text

    if out.exists():
        print(f"error: {out} exists; choose another --out", file=sys.stderr)
        return 1
    try:
        write_text(out, text, private=False)
    except (OSError, UserError) as exc:
        reason = os_reason(exc) if isinstance(exc, OSError) else str(exc)
        print(f"error: cannot write {out}: {reason}", file=sys.stderr)
        return 1
    print(f"Wrote {out} ({name})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
