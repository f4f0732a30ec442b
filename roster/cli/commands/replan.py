"""``roster replan SCENARIO ROTA.json --absent ID:FROM:TO ... --out DIR``: re-plan a
published rota after sick leave, changing as little as the rules allow."""

from __future__ import annotations

import datetime as dt

from coverage.budget import load_costs
from coverage.replan import format_replan, parse_absent, replan
from roster import safe_io
from roster.cli.common import (
    explain_arg,
    read_previous,
    read_rota,
    read_scenario,
    rota_exit_code,
    scenario_arg,
    solver_args,
)
from roster.cli.options import absent_spec, input_file, iso_date, lang_arg
from roster.cli.outputs import OutputGuard, force_arg
from roster.errors import UserError
from roster.planner import PlanOptions
from roster.rota import Rota
from roster.scenario import ABSENCE_KINDS
from roster.store.cli_support import db_arg
from roster.vocabulary import pick

OUTPUTS = ("rota.json", "changes.csv")
CHANGE_FIELDS = ("staff", "date", "before", "after")


def register(sub) -> None:
    p = sub.add_parser("replan", help="re-plan a published rota after new absences",
                       description="Keep every day before the first affected day as published, "
                                   "add the absences, and re-plan the rest keeping everyone's "
                                   "published shifts as far as the rules allow (minimal change "
                                   "comes right after coverage and service). Writes DIR/rota.json "
                                   "(with 'changes' and 'replan') and DIR/changes.csv, and lists "
                                   "who could take each shift left short (alone or as a group, "
                                   "skills and every rule checked, extra hours within AML § 10-6 "
                                   "priced) and how many vikarer are still needed.")
    scenario_arg(p)
    p.add_argument("rota", metavar="ROTA.json", type=input_file, help="the published rota")
    p.add_argument("--absent", action="append", required=True, metavar="ID:FROM:TO", type=absent_spec,
                   help="a new absence, e.g. s03:2027-01-11:2027-01-24 (repeatable)")
    p.add_argument("--kind", default="sick", choices=ABSENCE_KINDS, help="absence kind (default sick)")
    p.add_argument("--today", metavar="DATE", type=iso_date,
                   help="days before this date are kept as published")
    p.add_argument("--previous", metavar="ROTA.json", type=input_file,
                   help="the previous period's rota (history)")
    p.add_argument("--next", metavar="ROTA.json", type=input_file,
                   help="the next period's published rota: its first days are kept legal across "
                        "the end of this period (rest, days in a row, weekly rest, hours in 7 "
                        "days), or the re-plan is refused naming the conflict")
    p.add_argument("--unit", metavar="NAME",
                   help="unit in the rota store: without --next, take its published rota for "
                        "the period after this one (read only)")
    db_arg(p)
    p.add_argument("--costs", metavar="FILE.toml", type=input_file,
                   help="cost parameters for pricing extra hours (default data/costs/ks-2024.toml)")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder")
    solver_args(p, time_limit=60.0)
    explain_arg(p)
    lang_arg(p, "en", "the report")
    force_arg(p)
    p.set_defaults(func=run)


def run(args) -> int:
    scenario = read_scenario(args.scenario)
    published = read_rota(args.rota)
    previous = read_previous(args.previous, scenario.start)
    absences = [parse_absent(a, args.kind) for a in args.absent]
    next_rota = read_rota(args.next) if args.next else None
    if next_rota is None and args.unit:
        next_rota = next_from_store(args.db, args.unit, scenario.end, args.lang)
    costs = load_costs(args.costs)
    guard = OutputGuard("replan", [args.scenario, args.rota, args.previous, args.next, args.costs],
                        args.force)
    out = guard.folder(args.out, OUTPUTS)
    options = PlanOptions(time_limit=args.time_limit, solver=args.solver, threads=args.threads,
                          seed=args.seed)
    result = replan(scenario, published, absences, today=args.today, options=options,
                    previous=previous, next_rota=next_rota, costs=costs,
                    explain_seconds=args.explain_seconds)
    guard.write_with(out / "rota.json", result.rota.save)
    guard.write_text(out / "changes.csv", safe_io.dict_csv_text(CHANGE_FIELDS, result.changes))
    print(format_replan(result, {p.id: p.name for p in scenario.staff}, args.lang))
    print(f"\n{pick(args.lang, 'Wrote', 'Skrev')} {out / 'rota.json'}, {out / 'changes.csv'}")
    return rota_exit_code(result.rota)


def next_from_store(db: str | None, unit: str, end: dt.date, lang: str = "en") -> Rota | None:
    """The unit's published rota that starts the day after ``end``, if the store has one
    (read only); says which it took."""
    from roster.store.db import db_path
    from roster.store.store import Store

    if not db_path(db).exists():
        print(pick(lang, f"No rota store at {db_path(db)}; the next period is not checked.",
                   f"Ingen turnusbase i {db_path(db)}; neste periode sjekkes ikke."))
        return None
    first = end + dt.timedelta(days=1)
    with Store(db, create=False) as store:
        if store.unit(unit) is None:
            raise UserError(f"unit '{unit}' is not in the rota store {db_path(db)}",
                            nb=f"enheten «{unit}» finnes ikke i turnusbasen {db_path(db)}")
        rec = next((r for r in store.rotas(unit, "published") if r.start == first), None)
        if rec is None:
            print(pick(lang, f"No published rota from {first} for unit '{unit}'; the next period is "
                             "not checked.",
                       f"Ingen publisert turnus fra {first} for enheten «{unit}»; neste periode "
                       "sjekkes ikke."))
            return None
        print(pick(lang, f"Next period from the store: rota {rec.id} of unit '{unit}', {rec.period}; "
                         "its first days are kept legal.",
                   f"Neste periode fra turnusbasen: turnus {rec.id} for enheten «{unit}», {rec.period}; "
                   "de første dagene holdes lovlige."))
        return store.get_rota(rec.id)
