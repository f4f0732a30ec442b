"""Short-staffed months for teams of up to 15 staff: the scenarios behind BENCHMARKS.md's
"Short-staffed months, teams up to 15" and the even-cuts test.

Besides the bundled examples (data/*.toml) it writes variants of them in other months and
with other absences, and two 15-staff teams of its own, so the figures do not rest on the
months the engine was tuned on. Every variant is plain scenario data built through the real
loader (``build_scenario``); ``CASES`` names them, ``load(name)`` builds one.

    .venv/bin/python -m roster.bench.short_staffed [--names a,b] [--repeats 3]
        [--time-limit 30] [--markdown]

prints one line per run on stderr and, per case, the medians on stdout (seconds to the end
of the last stage a unit leader sees: base, hours, service, fairness; with ``--markdown``
as rows of BENCHMARKS.md's table, with the evenings kept in each week judged for evenness).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import statistics
import sys
import time
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from roster.planner import PlanOptions, plan
from roster.rota import Assignment, Rota
from roster.scenario import Scenario
from roster.scenario_load import build_scenario, load_scenario
from roster.slots import SlotTable, slot_counts

ROOT = Path(__file__).resolve().parents[2]
SEEN = ("base", "hours", "service", "fairness")
"""The stages a unit leader sees: base coverage, contract hours, service level, fairness."""


def _data(name: str) -> dict:
    with open(ROOT / "data" / name, "rb") as f:
        return tomllib.load(f)


def _month(data: dict, month: str, absences: list[dict], *, name: str) -> dict:
    """A bundled example in another month with other absences (wishes dropped: they name
    dates of the original month)."""
    out = copy.deepcopy(data)
    out["period"] = {"month": month}
    out["absences"] = absences
    out.pop("wishes", None)
    out["scenario"] = {**out.get("scenario", {}), "name": name}
    return out


def _sick(staff: str, start: str, end: str, kind: str = "sick") -> dict:
    return {"staff": staff, "start": dt.date.fromisoformat(start), "end": dt.date.fromisoformat(end),
            "kind": kind}


def mat_october() -> dict:
    """Fredrikstad MAT in October 2027: the nurse s01 on sick leave all month, s05 from the
    11th, s07 on a week's vacation (5 of 8 left for most of the month)."""
    return _month(_data("fredrikstad-mat.toml"), "2027-10", [
        _sick("s01", "2027-09-20", "2027-11-30"), _sick("s05", "2027-10-11", "2027-11-14"),
        _sick("s07", "2027-10-18", "2027-10-24", "vacation")], name="MAT Fredrikstad, oktober")


def mat_february() -> dict:
    """Fredrikstad MAT in February 2027 (28 days, four whole weeks): s03 sick all month,
    s06 from the 8th to the 21st, s08 on winter vacation in week 8."""
    return _month(_data("fredrikstad-mat.toml"), "2027-02", [
        _sick("s03", "2027-01-25", "2027-03-14"), _sick("s06", "2027-02-08", "2027-02-21"),
        _sick("s08", "2027-02-22", "2027-02-28", "vacation")], name="MAT Fredrikstad, februar")


def mat_may() -> dict:
    """Fredrikstad MAT in May 2027 (Ascension, Whit Monday, 17 May): three on sick leave,
    staggered."""
    return _month(_data("fredrikstad-mat.toml"), "2027-05", [
        _sick("s02", "2027-04-26", "2027-05-23"), _sick("s04", "2027-05-10", "2027-06-06"),
        _sick("s08", "2027-05-01", "2027-05-31")], name="MAT Fredrikstad, mai")


def bofellesskap_november() -> dict:
    """The 24/7 Elvebakken unit in November 2027, two staff on sick leave from mid-month:
    short of hours, no holidays."""
    return _month(_data("bofellesskap-jul.toml"), "2027-11", [
        _sick("e03", "2027-11-15", "2027-12-12"), _sick("e08", "2027-11-01", "2027-11-30")],
        name="Elvebakken, november")


def outreach_team(n: int = 15, absent: int = 5, month: str = "2027-09") -> dict:
    """An outreach team of ``n`` staff shaped like Fredrikstad MAT (day shifts with a base
    minimum, service evenings 4 a week, every weekend and holidays with 3 staff), with
    ``absent`` of them on long-term sick leave for the whole month."""
    base = _data("fredrikstad-mat.toml")
    ftes = (1.0, 1.0, 0.8, 0.7, 0.5)
    staff = [{"id": f"t{i + 1:02d}", "name": f"Team {i + 1}", "fte": ftes[i % len(ftes)]}
             for i in range(n)]
    first = dt.date.fromisoformat(month + "-01")
    absences = [{"staff": p["id"], "start": first - dt.timedelta(days=14),
                 "end": first + dt.timedelta(days=45), "kind": "sick"} for p in staff[:absent]]
    coverage = copy.deepcopy(base["coverage"])
    for c in coverage:
        if c["shift"] == "D":
            c["min_staff_if_open"], c["max_staff"] = max(2, n // 3), max(4, n // 2)
    return {"scenario": {"name": f"Outreach team, {n} staff, {absent} on sick leave"},
            "period": {"month": month}, "rules": base.get("rules", {}), "shifts": base["shifts"],
            "staff": staff, "coverage": coverage, "absences": absences}


def housing_15(month: str = "2027-10") -> dict:
    """A 24/7 housing unit of 15 staff (day, evening, night, a nurse on every shift), three of
    them absent part of the month: a 15-staff variant of data/bofellesskap-jul.toml."""
    base = _data("bofellesskap-jul.toml")
    staff = copy.deepcopy(base["staff"])
    staff += [{"id": "e13", "name": "Mona Ruud", "fte": 1.0, "skills": ["nurse"]},
              {"id": "e14", "name": "Nils Sand", "fte": 0.8, "skills": ["helsefag"]},
              {"id": "e15", "name": "Ole Tangen", "fte": 0.6, "skills": ["helsefag"]}]
    return _month({**base, "staff": staff}, month, [
        _sick("e01", "2027-10-04", "2027-10-24"), _sick("e07", "2027-09-20", "2027-10-31"),
        _sick("e10", "2027-10-18", "2027-10-31", "vacation")], name="Bofellesskap, 15 staff")


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[], Scenario]
    short: bool
    """True for a short-staffed month (the service or base coverage must give)."""


def _file(name: str) -> Callable[[], Scenario]:
    return lambda: load_scenario(ROOT / "data" / name)


def _built(make: Callable[[], dict], source: str) -> Callable[[], Scenario]:
    return lambda: build_scenario(make(), source=source)


def _synthetic(n: int) -> Callable[[], Scenario]:
    def make() -> Scenario:
        from roster.bench.synthetic import synthetic

        return synthetic(n, seed=1)
    return make


CASES: dict[str, Case] = {c.name: c for c in (
    Case("fredrikstad-mat-sick", _file("fredrikstad-mat-sick.toml"), True),
    Case("fredrikstad-mat-mars-sykmeldte", _file("fredrikstad-mat-mars-sykmeldte.toml"), True),
    Case("fredrikstad-mat-juli", _file("fredrikstad-mat-juli.toml"), True),
    Case("bofellesskap-jul", _file("bofellesskap-jul.toml"), True),
    Case("mat-october", _built(mat_october, "mat-october"), True),
    Case("mat-february", _built(mat_february, "mat-february"), True),
    Case("mat-may", _built(mat_may, "mat-may"), True),
    Case("bofellesskap-november", _built(bofellesskap_november, "bofellesskap-november"), True),
    Case("outreach-15", _built(outreach_team, "outreach-15"), True),
    Case("housing-15", _built(housing_15, "housing-15"), True),
    Case("fredrikstad-mat", _file("fredrikstad-mat.toml"), False),
    Case("alta-ettervern", _file("alta-ettervern.toml"), False),
    Case("synthetic-10", _synthetic(10), False),
    Case("synthetic-15", _synthetic(15), False),
)}


def load(name: str) -> Scenario:
    return CASES[name].make()


def seen_seconds(rota: Rota) -> tuple[float, bool]:
    """Seconds until the last stage a unit leader sees ended (model building included), and
    whether every one of those stages was proven."""
    solver = rota.solver
    seconds = float(solver.get("build_seconds", 0.0))
    proven = True
    for st in solver.get("stages", []):
        if not str(st["stage"]).startswith(SEEN):
            break
        seconds += float(st["seconds"])
        proven = proven and st["status"] == "optimal"
    return seconds, proven


def kept_per_week(scenario: Scenario, assignments: Iterable[Assignment]) -> dict[str, list[int]]:
    """Per weekly service requirement, the units kept open in each week judged for evenness
    (whole, or at least half inside the period: ``roster.rules.service_target``)."""
    table = SlotTable(scenario)
    on = slot_counts(assignments)
    out: dict[str, list[int]] = {}
    for g in table.target_groups:
        if g.req.open.always or g.period[0] != "week":
            continue
        whole = table._units_in_full_period(g.req, g.period)
        if 2 * len(g.units) < whole:
            continue
        kept = sum(all(on[(sl.date, sl.shift)] >= sl.min_staff for sl in table.units[k]) for k in g.units)
        out.setdefault(g.req.label or g.req.shift, []).append(kept)
    return out


def run(name: str, time_limit: float, seed: int = 0) -> dict:
    s = load(name)
    t0 = time.perf_counter()
    rota = plan(s, PlanOptions(time_limit=time_limit, seed=seed))
    total = time.perf_counter() - t0
    seen, proven = seen_seconds(rota)
    stages = [(st["stage"], st["status"], st["seconds"]) for st in rota.solver.get("stages", [])]
    kept = kept_per_week(s, rota.assignments)
    return {"name": name, "staff": len(s.staff), "seen": seen, "proven": proven, "total": total,
            "status": rota.status, "errors": len(rota.errors()), "stages": stages, "rota": rota,
            "kept": kept, "range": max((max(v) - min(v) for v in kept.values() if v), default=None)}


def summary(rows: list[dict]) -> dict:
    """Medians over repeated runs of one case."""
    mid = sorted(rows, key=lambda r: r["seen"])[len(rows) // 2]
    return {**mid, "seen": statistics.median(r["seen"] for r in rows),
            "total": statistics.median(r["total"] for r in rows),
            "proven_runs": sum(r["proven"] for r in rows), "runs": len(rows)}


def by_priority(stages: list[tuple[str, str, float]]) -> dict[str, tuple[str, float]]:
    """Each seen priority's status (optimal only if all its sub-stages are) and seconds."""
    out: dict[str, tuple[str, float]] = {}
    for label, status, seconds in stages:
        name = label.split(".")[0]
        if name in SEEN:
            st, sec = out.get(name, ("optimal", 0.0))
            out[name] = ("optimal" if st == status == "optimal" else "feasible", sec + seconds)
    return out


def markdown_row(s: dict) -> str:
    """One line of BENCHMARKS.md's table for a case's median run."""
    cells = []
    for name in SEEN:
        st = by_priority(s["stages"]).get(name)
        cells.append("-" if st is None else f"{'proven' if st[0] == 'optimal' else 'open'} {st[1]:.1f}")
    kept = "; ".join(f"{k} {', '.join(map(str, v))}" for k, v in s["kept"].items()) or "-"
    return (f"| {s['name']} | {s['staff']} | {' | '.join(cells)} | {s['seen']:.1f} "
            f"({s['proven_runs']}/{s['runs']}) | {s['total']:.1f} | {kept} |")


TABLE_HEAD = ["| scenario | staff | base | hours | service | fairness | seen s (proven runs) | run s "
              "| kept per week |", "|---|---|---|---|---|---|---|---|---|"]


def suite_section(repeats: int, time_limit: float, names: list[str] | None = None) -> list[str]:
    """BENCHMARKS.md's section "Short-staffed months, teams up to 15" (medians of ``repeats``)."""
    lines = ["## Short-staffed months, teams up to 15", "",
             f"`roster.bench.short_staffed`, {repeats} runs per case with `--time-limit "
             f"{time_limit:g}`, the median run by the seconds until the last stage a unit leader "
             "sees (base, hours, service, fairness) ended; per stage: proven or open, and its "
             "seconds in that run; run s: the whole plan (tidiness too), median; kept per week: "
             "evenings kept in each week judged for evenness.", "", *TABLE_HEAD]
    for name in names or list(CASES):
        print(f"short-staffed {name} ...", file=sys.stderr, flush=True)
        lines.append(markdown_row(summary([run(name, time_limit) for _ in range(repeats)])))
    return [*lines, ""]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m roster.bench.short_staffed",
                                 description=__doc__.split("\n")[0])
    ap.add_argument("--names", default=",".join(CASES), help="cases, comma-separated")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--time-limit", type=float, default=30.0)
    ap.add_argument("--markdown", action="store_true", help="print BENCHMARKS.md's table rows")
    args = ap.parse_args(argv)
    for name in [n for n in args.names.split(",") if n]:
        rows = []
        for _ in range(args.repeats):
            r = run(name, args.time_limit)
            rows.append(r)
            stages = " ".join(f"{lbl}:{st[:3]}:{sec:.1f}" for lbl, st, sec in r["stages"])
            print(f"  {name} seen {r['seen']:.1f}s proven={r['proven']} total {r['total']:.1f}s "
                  f"{r['status']} kept {r['kept']} | {stages}", file=sys.stderr, flush=True)
        s = summary(rows)
        if args.markdown:
            print(markdown_row(s), flush=True)
        else:
            print(f"{name}\t{s['staff']}\tseen {s['seen']:.1f}\tproven {s['proven_runs']}/{s['runs']}"
                  f"\ttotal {s['total']:.1f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
