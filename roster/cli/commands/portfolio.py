"""``roster portfolio UNITS... --out DIR``: a sector's budget round, every unit at once.

For every unit (scenario files, folders of them, or units in the rota store): the årsverk
needed by the arithmetic and proven by the optimiser, the service level today's staffing
holds, N-1 robustness, simulated vikar hours and the yearly budget in NOK. Writes
``portfolio.xlsx`` (one row per unit, totals, charts), ``portfolio.json`` and
``portfolio.csv``. The solves run on a local Dask cluster (worker processes on this
machine, one HiGHS thread each), on the cluster named by ``--scheduler`` /
$ROSTER_DASK_SCHEDULER, or in this process with ``--workers 1``. A unit that fails is
reported and the others finish; the exit code is then 1. All numbers come from
coverage.portfolio.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from coverage.budget import load_costs
from coverage.portfolio import (
    PortfolioResult,
    PortfolioSettings,
    ScenarioSource,
    run_portfolio,
    sources_from_paths,
    sources_from_store,
)
from roster import safe_io
from roster.cli.common import staffing_params, staffing_params_args, time_limit_arg
from roster.cli.options import (
    MAX_RUNS,
    MAX_SEED,
    MAX_TIME_LIMIT,
    MAX_YEAR,
    MIN_YEAR,
    bounded_float,
    bounded_int,
    check_input_file,
    lang_arg,
)
from roster.cli.outputs import OutputGuard, force_arg
from roster.parallel import ENV_SCHEDULER, Progress, executor_args, open_executor
from roster.resources import resolve_input
from roster.store.cli_support import db_arg
from roster.vocabulary import num, pick

EXIT_USAGE = 3
MAX_STEPS = 100
OUTPUTS = ("portfolio.xlsx", "portfolio.json", "portfolio.csv")
CSV_KEYS = ("unit", "source", "staff", "arsverk_now", "arsverk_needed", "arsverk_proven", "step",
            "proven", "service_level", "robustness_n1", "p_service_keeps_min", "vikar_hours",
            "budget_nok", "budget_basis", "error")


def register(sub) -> None:
    p = sub.add_parser(
        "portfolio", help="a sector's budget round: staffing, service level, robustness and "
                          "budget for every unit, solved in parallel",
        description="For every unit: the årsverk needed (arithmetic and proven by the "
                    "optimiser), the service level today's staffing holds, robustness, "
                    "simulated vikar hours and the budget in NOK; a sector workbook and a JSON "
                    "summary. The solves run on a local Dask cluster (worker processes on this "
                    f"machine), on --scheduler ADDRESS (or ${ENV_SCHEDULER}), or in this "
                    "process with --workers 1.")
    p.add_argument("units", nargs="*", metavar="UNITS",
                   help="scenario files (.toml, .xlsx, example:NAME) or folders of them")
    db_arg(p)
    p.add_argument("--unit", action="append", default=[], metavar="NAME", dest="store_units",
                   help="a unit in the rota store (its newest published scenario); repeatable")
    p.add_argument("--all-units", action="store_true",
                   help="every unit in the rota store")
    p.add_argument("--out", required=True, metavar="DIR",
                   help="write portfolio.xlsx, portfolio.json and portfolio.csv here")
    executor_args(p)
    p.add_argument("--year", type=bounded_int(MIN_YEAR, MAX_YEAR),
                   help="budget year (default: each scenario's year)")
    staffing_params_args(p, whose="each scenario's", running_costs="running costs per unit and year")
    p.add_argument("--step", type=bounded_float(0, 1, low_open=True), default=0.5, metavar="FTE",
                   help="staffing step of the optimiser check, above 0 up to 1 årsverk (default 0.5)")
    p.add_argument("--max-steps", type=bounded_int(1, MAX_STEPS), default=8, metavar="N",
                   help=f"most staffing steps per unit, 1 to {MAX_STEPS} (default 8)")
    time_limit_arg(p, 15.0, "solver seconds per staffing step and for today's rota")
    p.add_argument("--ladder-time-limit", type=bounded_float(0, MAX_TIME_LIMIT, low_open=True),
                   default=10.0, metavar="S", help="solver seconds per ladder rung (default 10)")
    p.add_argument("--runs", type=bounded_int(1, MAX_RUNS), default=1000, metavar="N",
                   help=f"absence simulation runs per unit, 1 to {MAX_RUNS} (default 1000)")
    p.add_argument("--seed", type=bounded_int(0, MAX_SEED), default=1,
                   help="seed of the absence simulation (default 1; the solver's seed is 0)")
    p.add_argument("--no-check", action="store_true",
                   help="skip the optimiser check (budget on the arithmetic årsverk)")
    p.add_argument("--no-ladder", action="store_true", help="skip the service-level ladder")
    p.add_argument("--no-simulation", action="store_true",
                   help="skip today's rota, robustness and the absence simulation")
    lang_arg(p, "nb", "the workbook")
    p.add_argument("--quiet", action="store_true", help="no progress line")
    force_arg(p)
    p.set_defaults(func=run)


def run(args) -> int:
    if not (args.units or args.store_units or args.all_units):
        print("roster portfolio: error: give scenario files or folders, or --unit NAME / "
              "--all-units with the rota store", file=sys.stderr)
        return EXIT_USAGE
    inputs = input_paths(args.units)
    settings = settings_from(args)
    guard = OutputGuard("portfolio", [*inputs, args.costs], args.force)
    sources = collect_sources(args)
    out = guard.folder(args.out, OUTPUTS)
    with open_executor(args, quiet=args.quiet) as executor:
        progress = Progress(len(sources), enabled=not args.quiet)
        result = run_portfolio(sources, settings, executor, progress)
    print_result(result, args.lang)
    summary = result.to_json()
    written = write_outputs(guard, out, summary, args.lang)
    print(f"{pick(args.lang, 'Wrote', 'Skrev')} {', '.join(str(p) for p in written)}")
    for unit in result.failed:
        print(f"error: {unit.name}: {unit.error}", file=sys.stderr)
    return 1 if result.failed else 0


def input_paths(units: list[str]) -> list[str]:
    """The scenario files named (folders expanded later); a missing path is refused now,
    before any work, so a typo does not cost a night of solving."""
    files = []
    for raw in units:
        path = Path(resolve_input(raw))
        if path.is_dir():
            files.extend(str(p) for p in sorted(path.iterdir()) if p.is_file())
            continue
        check_input_file(path, "scenario")
        files.append(str(path))
    return files


def settings_from(args) -> PortfolioSettings:
    params = staffing_params(args)
    return PortfolioSettings(
        costs=load_costs(args.costs, running=args.running_costs), year=args.year, params=params,
        step=args.step, max_steps=args.max_steps, time_limit=args.time_limit,
        ladder_time_limit=args.ladder_time_limit, runs=args.runs, seed=args.seed,
        check=not args.no_check, ladder=not args.no_ladder, today=not args.no_simulation)


def collect_sources(args) -> list[ScenarioSource]:
    sources = sources_from_paths(args.units) if args.units else []
    if args.store_units or args.all_units:
        sources += sources_from_store(args.db, None if args.all_units else args.store_units)
    return sources


def _fmt(value, spec: str, lang: str = "en") -> str:
    if value is None:
        return "-"
    text = format(value, spec)
    if lang == "nb":  # a space between thousands (as the NOK column has), a decimal comma
        text = text.replace(",", " ").replace(".", ",")
    return text


def _executor_words(text: str, lang: str) -> str:
    """roster.parallel's executor descriptions in bokmål."""
    if lang != "nb":
        return text
    if text == "sequential, in this process":
        return "etter hverandre, i denne prosessen"
    m = re.fullmatch(r"local Dask cluster, (\d+) worker processes on (\S+)", text)
    if m:
        return f"lokal Dask-klynge, {m[1]} arbeidsprosesser på {m[2]}"
    m = re.fullmatch(r"Dask cluster at (\S+) \((\d+) workers\)", text)
    if m:
        return f"Dask-klynge på {m[1]} ({m[2]} arbeidere)"
    return text


def _line(name: str, width: int, r: dict, proven: str, total: bool = False, lang: str = "en") -> str:
    n1 = "" if total else _fmt(r["robustness_n1"], ".0%", lang)
    keeps = "" if total else _fmt(r["p_service_keeps_min"], ".1%", lang)
    level = r.get("service_level_nb") if lang == "nb" else r.get("service_level")
    staff = 7 if lang == "nb" else 5
    return (f"{name[:width]:<{width}} {_fmt(r['staff'], 'g'):>{staff}} "
            f"{_fmt(r['arsverk_now'], '.2f', lang):>6} "
            f"{_fmt(r['arsverk_needed'], '.2f', lang):>6} {proven:>6}  {n1:>5} {keeps:>6} "
            f"{_fmt(r['vikar_hours'], ',.1f', lang):>8} "
            f"{_fmt(r['budget_nok'], ',.0f').replace(',', ' '):>12}"
            f"  {'' if total else level or '-'}").rstrip()


HEAD = {"en": ("unit", "staff", "today", "needed", "proven", "N-1", "P(min)", "vikar h",
               "budget NOK", "service level"),
        "nb": ("enhet", "ansatte", "i dag", "trengs", "bevist", "N-1", "P(min)", "vikar t",
               "budsjett kr", "tjenestenivå")}


def print_result(result: PortfolioResult, lang: str = "en") -> None:
    width = min(48, max([len(u.name) for u in result.units] + [10]))
    h = HEAD[lang]
    print(f"{h[0]:<{width}} {h[1]:>{7 if lang == 'nb' else 5}} {h[2]:>6} {h[3]:>6} {h[4]:>6}  "
          f"{h[5]:>5} {h[6]:>6} {h[7]:>8} {h[8]:>12}  {h[9]}")
    for unit in result.units:
        r = unit.row()
        if unit.failed:
            print(f"{unit.name[:width]:<{width}} {pick(lang, 'FAILED', 'FEILET')}: {unit.error}")
            continue
        proven = _fmt(r["arsverk_proven"], "g", lang)
        if r["arsverk_proven"] is not None and r["proven"] is False:
            proven += "?"
        print(_line(unit.name, width, r, proven, lang=lang))
    t = result.totals()
    print(_line(pick(lang, "Total", "Sum"), width, t, _fmt(t["arsverk_proven"], "g", lang), total=True,
                lang=lang))
    notes = []
    if t["units_without_proof"]:
        notes.append(pick(lang, f"{t['units_without_proof']} unit(s) without a staffing that met the "
                                "target (raise --max-steps or --time-limit); their proven årsverk is "
                                "left out",
                          f"{t['units_without_proof']} enhet(er) uten en bemanning som nådde målet "
                          "(øk --max-steps eller --time-limit); deres beviste årsverk er utelatt"))
    if any(u.check is not None and not u.check.proven and u.check.smallest for u in result.units):
        notes.append(pick(lang, "'?': the step below was not shown to fail",
                          "«?»: trinnet under er ikke vist å mislykkes"))
    for note in notes:
        print(f"  {note}")
    print(pick(lang, f"{len(result.units)} units, {len(result.failed)} failed; "
                     f"{result.wall_seconds:.1f} s on {result.executor}",
               f"{len(result.units)} enheter, {len(result.failed)} feilet; "
               f"{num(result.wall_seconds, lang)} s, {_executor_words(result.executor, lang)}"))


def write_outputs(guard: OutputGuard, out: Path, summary: dict, lang: str) -> list[Path]:
    from roster.excel.portfolio_workbook import write_portfolio_workbook

    rows = [[u.get(k) for k in CSV_KEYS] for u in summary["units"]]
    written = [
        guard.write_text(out / "portfolio.json", json.dumps(summary, ensure_ascii=False, indent=1) + "\n"),
        guard.write_text(out / "portfolio.csv", safe_io.csv_text([list(CSV_KEYS), *rows])),
    ]
    guard.write_with(out / "portfolio.xlsx", lambda tmp: write_portfolio_workbook(tmp, summary, lang=lang))
    written.append(out / "portfolio.xlsx")
    return written
