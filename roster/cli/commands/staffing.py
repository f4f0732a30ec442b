"""``roster staffing SCENARIO``: årsverk and kroner for a service level, checked by the optimiser.

Prints the årsverk arithmetic step by step, the headcount floor and position sizes, the
yearly budget, optionally the optimiser check (``--check``) and a comparison with other
scenarios (``--compare``); ``--out DIR`` writes staffing.csv, hours.csv, budget.json
(the Excel exporter's Cost sheet input), staffing.json and, when asked, check.csv and
compare.csv. All numbers come from coverage.staffing / budget / compare.

The solves of --check and --compare run on the executor of ``--workers``/``--scheduler``
(roster.parallel), by the same code as ``roster portfolio``. The default is ``--workers
1``, every solve in this process: the check is a sequential search of a few plans (and a
comparison a few more), so starting a local cluster (a few seconds, a Python process per
worker) costs more than it gains for one unit. ``--workers N`` starts one anyway (the
search may then plan the next steps ahead on idle workers); ``--scheduler ADDRESS`` or
$ROSTER_DASK_SCHEDULER sends the solves to an existing cluster.
"""

from __future__ import annotations

import contextlib
import json

from coverage.budget import budget, load_costs
from coverage.compare import compare, comparison_table
from coverage.staffing import estimate, with_targets
from roster import safe_io
from roster.cli.common import (
    read_scenario,
    scenario_arg,
    staffing_params,
    staffing_params_args,
    time_limit_arg,
)
from roster.cli.options import (
    MAX_RUNS,
    MAX_YEAR,
    MIN_YEAR,
    bounded_float,
    bounded_int,
    input_file,
    lang_arg,
    weekends_target,
)
from roster.cli.outputs import OutputGuard, force_arg
from roster.parallel import executor_args, open_executor
from roster.vocabulary import num, pick, unit_word

MAX_ARSVERK = 10_000.0  # a municipality's whole care service is a few thousand
MAX_STEPS = 100


def register(sub) -> None:
    p = sub.add_parser(
        "staffing", help="årsverk and budget for a service level (checked by the optimiser)",
        description="Compute the hours a service pattern needs over a year, the årsverk and "
                    "headcount that takes with vacation, holidays and absence, and the yearly "
                    "cost; --check proves the staffing with real rotas; --compare puts "
                    "scenarios side by side.")
    scenario_arg(p)
    p.add_argument("--target-evenings", type=bounded_int(0, 7), metavar="N",
                   help="open N evenings a week, 0 to 7 (evening service requirements)")
    p.add_argument("--target-weekends", type=weekends_target, metavar="every|N",
                   help="open every weekend, or N weekends a month, 0 to 5 (weekend service "
                        "requirements)")
    p.add_argument("--year", type=bounded_int(MIN_YEAR, MAX_YEAR),
                   help=f"calendar year, {MIN_YEAR} to {MAX_YEAR} (default: the scenario's year)")
    staffing_params_args(p)
    p.add_argument("--budget-arsverk", type=bounded_float(0, MAX_ARSVERK, low_open=True), metavar="FTE",
                   help="budget this many årsverk (default: the årsverk needed; with --check, "
                        "the smallest checked staffing)")
    p.add_argument("--check", action="store_true",
                   help="prove the staffing: plan the scenario's month at staffing steps")
    p.add_argument("--step", type=bounded_float(0, 1, low_open=True), default=0.5, metavar="FTE",
                   help="staffing step for --check, in årsverk, above 0 up to 1 (default 0.5)")
    time_limit_arg(p, 15.0, "solver seconds per plan")
    p.add_argument("--max-steps", type=bounded_int(1, MAX_STEPS), default=8, metavar="N",
                   help=f"most plans --check tries, 1 to {MAX_STEPS} (default 8)")
    p.add_argument("--compare", nargs="+", metavar="OTHER", default=[], type=input_file,
                   help="other scenario files to compare side by side")
    p.add_argument("--runs", type=bounded_int(1, MAX_RUNS), default=200, metavar="N",
                   help=f"simulation runs for robustness, 1 to {MAX_RUNS} (default 200)")
    executor_args(p, default_workers=1)  # one unit: a cluster's start-up costs more than it gains
    p.add_argument("--out", metavar="DIR", help="write CSV and budget.json here")
    lang_arg(p, "en", "the report (the CSV and JSON files keep their English keys)")
    force_arg(p)
    p.set_defaults(func=run)


def _nok(x: float) -> str:
    return f"{x:,.0f}".replace(",", " ")


def run(args) -> int:
    scenario = read_scenario(args.scenario)
    scenario = with_targets(scenario, evenings=args.target_evenings, weekends=args.target_weekends)
    year = args.year or scenario.start.year
    params = staffing_params(args)
    costs = load_costs(args.costs, running=args.running_costs)
    guard = OutputGuard("staffing", [args.scenario, args.costs, *args.compare], args.force)
    out = guard.folder(args.out, output_names(args)) if args.out else None

    est = estimate(scenario, year, params)
    lang = args.lang
    nb = lang == "nb"
    if nb:
        from coverage import staffing_words as words
    print(pick(lang, f"Staffing for {scenario.name}, {year}", f"Bemanning for {scenario.name}, {year}"))
    for li in est.lines:
        what, unit, source = (words.estimate_line(li, est, scenario) if nb
                              else (li.what, li.unit, li.source))
        text = f"  {what:<72} {num(li.value, lang, 'g'):>10} {unit:<12} {source}"
        print(text.rstrip() if nb else text)
    print(pick(lang, "  Position sizes: ", "  Stillingsstørrelser: ")
          + ", ".join(f"{p:.0%}" if not nb else f"{p * 100:.0f} %" for p in est.positions))

    others = [read_scenario(p) for p in args.compare]  # refused before any cluster starts
    # the solves of --check and --compare run on the --workers/--scheduler executor
    # (default: this process); nothing is started without them
    with contextlib.ExitStack() as stack:
        executor = (stack.enter_context(open_executor(args, threads=None, raise_errors=True))
                    if args.check or args.compare else None)
        result = None
        if args.check:
            from coverage.staffing_check import check_staffing

            print(pick(lang, f"\nOptimiser check ({scenario.start}..{scenario.end}, fte x "
                             f"{est.availability_factor:.3f} for vacation and absence, step "
                             f"{args.step:g}):",
                       f"\nSjekk med optimereren ({scenario.start}..{scenario.end}, stilling x "
                       f"{num(est.availability_factor, lang, '.3f')} for ferie og fravær, trinn "
                       f"{num(args.step, lang, 'g')}):"))
            result = check_staffing(scenario, est, step=args.step, time_limit=args.time_limit,
                                    max_steps=args.max_steps, executor=executor)
            recorded = result.recorded
            for line in ((words.recorded_lines(recorded) if nb else recorded.describe())
                         if recorded else []):
                print(f"  {line}")
            for s in result.steps:
                print(f"  {words.check_step(s)}" if nb else
                      f"  {s.arsverk:>6g} årsverk, {s.headcount:>2} people: "
                      f"{'meets' if s.meets else 'misses'} the target ({s.opened} of {s.target} "
                      f"opened, {s.status}, {s.seconds:g} s)")
            best, below = result.smallest, result.below
            if best is None:
                print(pick(lang, "  No staffing tried meets the target; raise --max-steps or --time-limit.",
                           "  Ingen av bemanningene som ble prøvd når målet; øk --max-steps eller "
                           "--time-limit."))
            elif nb:
                tail = (f"; ett trinn under ({num(below.arsverk, lang, 'g')}) gjør det ikke"
                        if result.proven else "; trinnet under er ikke vist å mislykkes")
                print(f"  Minste bemanning som når målet: {num(best.arsverk, lang, 'g')} årsverk "
                      f"(regnestykket: {num(est.arsverk, lang, '.2f')}){tail}.")
            else:
                tail = (f"; one step below ({below.arsverk:g}) does not" if result.proven
                        else "; the step below was not shown to fail")
                print(f"  Smallest staffing that meets the target: {best.arsverk:g} årsverk "
                      f"(arithmetic: {est.arsverk:.2f}){tail}.")

        fte = args.budget_arsverk
        heads = None
        if fte is None and result is not None and result.smallest is not None:
            fte, heads = result.smallest.arsverk, result.smallest.headcount
        bud = budget(scenario, est, costs, arsverk=fte, headcount=heads)
        print(pick(lang, f"\nBudget {year} for {bud.arsverk:.2f} årsverk, {bud.headcount} people "
                         f"(cost level {costs.year}):",
                   f"\nBudsjett {year} for {num(bud.arsverk, lang, '.2f')} årsverk, {bud.headcount} "
                   f"personer (kostnadsnivå {costs.year}):"))
        nok = unit_word("NOK", lang)
        for li in bud.lines:
            detail = words.budget_detail(li) if nb else li.detail
            print(f"  {li.label_nb:<30} {_nok(li.amount):>12} {nok:<3}  {detail}".rstrip())
        print(f"  {'Sum':<30} {_nok(bud.total):>12} {nok}")

        rows = []
        if args.compare:
            rows = compare([scenario, *others], year=year, params=params, costs=costs,
                           time_limit=args.time_limit, runs=args.runs, executor=executor)
            table = words.comparison_table(rows) if nb else comparison_table(rows)
            widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
            print(pick(lang, "\nComparison (budget for each scenario's own staffing):",
                       "\nSammenligning (budsjett for hvert scenarios egen bemanning):"))
            for r in table:
                print("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
            notes = {words.robustness_note(r.robustness_note) if nb else r.robustness_note
                     for r in rows}
            print(f"  {pick(lang, 'Robustness', 'Robusthet')}: {'; '.join(sorted(notes))}")

        if out is not None:
            written = write_outputs(guard, out, est, bud, result, rows)
            print(f"\n{pick(lang, 'Wrote', 'Skrev')} {', '.join(str(p) for p in written)}")
        return 0


def output_names(args) -> list[str]:
    """The files ``--out`` gets, known before any work is done."""
    names = ["staffing.csv", "hours.csv", "budget.json", "staffing.json"]
    return names + (["check.csv"] if args.check else []) + (["compare.csv"] if args.compare else [])


def write_outputs(guard: OutputGuard, out, est, bud, result, rows) -> list:
    """Write the CSV files, budget.json and staffing.json; returns the paths written."""
    written = [
        guard.write_text(out / "staffing.csv", safe_io.csv_text(
            [["key", "what", "value", "unit", "source"],
             *([li.key, li.what, li.value, li.unit, li.source] for li in est.lines)])),
        guard.write_text(out / "hours.csv", safe_io.csv_text(
            [["day_type", "shift", "priority", "shifts", "min_staff", "paid_hours", "staff_hours"],
             *([r.day_type, r.shift, r.priority, r.slots, r.min_staff, r.paid_hours, r.staff_hours]
               for r in est.hours.rows)])),
    ]
    guard.write_with(out / "budget.json", bud.save)
    written.append(out / "budget.json")
    data = {"estimate": est.to_json(), "budget": bud.to_json()}
    if result is not None:
        data["check"] = result.to_json()
        written.append(guard.write_text(out / "check.csv", safe_io.csv_text(
            [["arsverk", "headcount", "added", "scale", "meets", "status", "opened", "target",
              "errors", "seconds"],
             *([s.arsverk, s.headcount, s.added, s.scale, s.meets, s.status, s.opened, s.target,
                s.errors, s.seconds] for s in result.steps)])))
    if rows:
        data["compare"] = [r.to_json() for r in rows]
        written.append(guard.write_text(out / "compare.csv", safe_io.csv_text(comparison_table(rows))))
    written.append(guard.write_text(out / "staffing.json",
                                    json.dumps(data, ensure_ascii=False, indent=1) + "\n"))
    return written
