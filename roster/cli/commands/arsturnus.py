"""``roster arsturnus GRUNNTURNUS.json --scenario SCENARIO --plan YEAR_PLAN.toml --out DIR``:
the year (årsturnus) from a grunnturnus, the holiday plans and each person's vacation, with
every person's annual hours. See docs/arsturnus.md."""

from __future__ import annotations

import datetime as dt
import json
import sys

from roster.cli.common import read_grunnturnus, read_rota, read_scenario, solver_args
from roster.cli.options import bounded_int, input_file, lang_arg
from roster.cli.outputs import OutputGuard, force_arg
from roster.store.cli_support import db_arg

MONTH_FILES = ("rota.json", "scenario.toml", "rota.csv")
TOP_FILES = ("arsturnus.json", "arsturnus.xlsx", "summary.txt")
EXIT_ROTA_SHORT = 4
DEFAULT_TIME_LIMIT = 60.0


def register(sub) -> None:
    p = sub.add_parser("arsturnus", help="build the year (årsturnus): grunnturnus, holiday plans, "
                                         "vacations, annual hours",
                       description="Build the årsturnus of a year: the grunnturnus rolled out, each "
                                   "holiday plan (jul, nyttår, påske, sommer, or the unit's own) "
                                   "planned as its own period with the service level the year-plan "
                                   "file sets, vacations entered (dates given, or weeks placed by "
                                   "the tool), weeks where a vacation leaves a base shift short "
                                   "re-planned, holiday work shared fairly within the year and over "
                                   "earlier years (--unit with the rota store, or --history), and "
                                   "each person's annual hours (owed, planned, plus/minus). Writes "
                                   "one ordinary rota per month (DIR/YYYY-MM/), arsturnus.json, "
                                   "arsturnus.xlsx and summary.txt. Exit code 4 when a month is "
                                   "written but breaks a hard rule or leaves base shifts short.")
    p.add_argument("grunnturnus", metavar="GRUNNTURNUS.json", type=input_file,
                   help="the grunnturnus's rota.json (from roster grunnturnus)")
    p.add_argument("--scenario", required=True, type=input_file, metavar="SCENARIO",
                   help="the scenario (shifts, staff, coverage, rules)")
    p.add_argument("--plan", required=True, type=input_file, metavar="YEAR_PLAN.toml",
                   help="the year-plan file: holiday plans, vacations (docs/arsturnus.md)")
    p.add_argument("--year", type=bounded_int(2000, 2200), metavar="YEAR",
                   help="the year (default: the plan file's year)")
    p.add_argument("--previous", type=input_file, metavar="ROTA.json",
                   help="the rota before 1 January (default: the store's last published rota "
                        "with --unit, else the grunnturnus rolled back)")
    p.add_argument("--history", action="append", default=[], type=input_file, metavar="PATH",
                   help="earlier years' holiday work: a rota.json or an arsturnus.json "
                        "(repeatable)")
    p.add_argument("--unit", metavar="NAME",
                   help="unit in the rota store: earlier years' published rotas give the holiday "
                        "history, and the last one before the year the previous rota")
    db_arg(p)
    solver_args(p, time_limit=DEFAULT_TIME_LIMIT)
    p.add_argument("--no-balance", action="store_true",
                   help="do not aim the planned periods at each person's plus/minus over the year")
    lang_arg(p, "nb", "the summary and the workbook")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder")
    force_arg(p)
    p.set_defaults(func=run)


def history_from_files(paths: list[str], year: int):
    """Holiday occasions worked from rota.json files and arsturnus.json files."""
    from roster.arsturnus.history import Worked, from_rotas
    from roster.errors import UserError
    from roster.input_files import MAX_JSON_BYTES, parse_json, read_text
    from roster.resources import resolve_input

    worked: list[Worked] = []
    said: list[dict[str, str]] = []
    for path in paths:
        real = resolve_input(path)

        def fail(message: str, nb: str | None = None, path=path) -> UserError:
            return UserError(f"{path}: {message}", nb=f"{path}: {nb}" if nb else None)

        data = parse_json(read_text(real, fail=fail, limit=MAX_JSON_BYTES, what="history file"), fail)
        if isinstance(data, dict) and data.get("format") == "arsturnus/1":
            got = []
            for sid, hw in (data.get("holiday_work") or {}).items():
                for o in (hw or {}).get("occasions") or []:
                    try:
                        d = dt.date.fromisoformat(str(o["date"]))
                    except (KeyError, TypeError, ValueError):
                        raise fail("holiday_work: an occasion without a date like 2027-12-24",
                                   "holiday_work: en høytid uten en dato som 2027-12-24") from None
                    got.append(Worked(str(sid), d.year, str(o.get("occasion")), d))
        else:
            rota = read_rota(path)
            if rota.extra.get("kind") == "grunnturnus":
                raise fail("a grunnturnus is not worked history (its dates are a generic cycle "
                           "without holidays); give rotas of earlier months or an arsturnus.json",
                           "en grunnturnus er ikke arbeidet historikk (datoene er en generell syklus "
                           "uten helligdager); oppgi turnuser for tidligere måneder eller en "
                           "arsturnus.json")
            got = from_rotas([rota])
        got = [w for w in got if w.year < year]
        worked += got
        said.append({"text": f"{len(got)} holiday occasion(s) worked before {year} from {path}",
                     "text_nb": f"{len(got)} høytidsanledning(er) arbeidet før {year} fra {path}"})
    return worked, said


def previous_from_store(db: str | None, unit: str, first: dt.date):
    """The unit's last published rota before the year (as ``roster solve --unit``), and what
    was taken, in both languages (for the summary)."""
    from roster.store.db import db_path
    from roster.store.store import Store, StoreError

    if not db_path(db).exists():
        return None, []
    with Store(db, create=False) as store:
        try:
            rec = store.last_published_record_before(unit, first)
        except StoreError:
            rec = None
        if rec is None:
            return None, [{"text": f"no published rota of unit '{unit}' before {first}: the "
                                   "grunnturnus rolled back is the history before the year",
                           "text_nb": f"ingen publisert turnus for enheten '{unit}' før {first}: "
                                      "grunnturnusen rullert bakover er historikken før året"}]
        rota = store.get_rota(rec.id)
    return rota, [{"text": f"the rota before the year: rota {rec.id} of unit '{unit}', {rec.period}, "
                           f"published {rec.published_at}",
                   "text_nb": f"turnusen før året: turnus {rec.id} for enheten '{unit}', {rec.period}, "
                              f"publisert {rec.published_at}"}]


def run(args) -> int:
    from roster.arsturnus.build import build_year
    from roster.arsturnus.history import from_store
    from roster.arsturnus.plan_file import load_year_plan
    from roster.arsturnus.report import TEXT, report, summary
    from roster.excel.year_sheet import write_year_workbook
    from roster.grid import grid_csv_text
    from roster.grunnturnus import differences_note
    from roster.planner import PlanOptions
    from roster.resources import resolve_input
    from roster.rollout import scenario_data

    scenario = read_scenario(args.scenario)
    gt, weeks, cycle_start, lines = read_grunnturnus(args.grunnturnus)
    plan = load_year_plan(resolve_input(args.plan), staff_ids=set(scenario.staff_ids),
                          shift_codes={s.code for s in scenario.shifts}, year=args.year,
                          skills={sk for p in scenario.staff for sk in p.skills})
    previous = read_rota(args.previous) if args.previous else None
    worked, sources = history_from_files(args.history, plan.year)
    if previous is None and args.unit:
        previous, said = previous_from_store(args.db, args.unit, plan.first)
        sources += said
    if args.unit:
        more, said = from_store(args.db, args.unit, plan.year, plan.history_years)
        worked += more
        sources += said
    data = scenario_data(resolve_input(args.scenario))
    guard = OutputGuard("arsturnus", [args.grunnturnus, args.scenario, args.plan, args.previous,
                                      *args.history], args.force)
    out = guard.folder(args.out, TOP_FILES)
    folders = [guard.folder(str(out / f"{plan.year}-{m:02d}"), MONTH_FILES) for m in range(1, 13)]
    options = PlanOptions(time_limit=args.time_limit, solver=args.solver, threads=args.threads,
                          seed=args.seed)
    result = build_year(data, scenario, lines, cycle_start, plan, history=worked,
                        history_sources=sources, previous=previous, options=options,
                        time_limit=args.time_limit, tolerance=plan.hours_tolerance,
                        balance=not args.no_balance, source=str(args.scenario))
    differ = differences_note(gt, lines, cycle_start)
    if differ:
        result.warnings.append(differ)
    for month, folder in zip(result.months, folders, strict=True):
        guard.write_with(folder / "rota.json", month.rota.save)
        guard.write_text(folder / "scenario.toml", month.scenario_text)
        guard.write_text(folder / "rota.csv", grid_csv_text(month.rota))
    unit = scenario.unit or scenario.name
    data_out = report(result, unit=unit, scenario_file=str(args.scenario),
                      grunnturnus_file=str(args.grunnturnus), plan_file=str(args.plan), weeks=weeks,
                      cycle_start=cycle_start, folders=folders)
    guard.write_text(out / "arsturnus.json", json.dumps(data_out, ensure_ascii=False, indent=1) + "\n")
    work = {(a.staff, a.date): a.shift for m in result.months for a in m.rota.assignments}
    guard.write_with(out / "arsturnus.xlsx", lambda tmp: write_year_workbook(
        tmp, data_out, lang=args.lang, scenario=result.scenario, work=work))
    text = summary(result, unit, weeks, cycle_start, args.lang)
    guard.write_text(out / "summary.txt", text + "\n")
    print(text)
    t = TEXT[args.lang]
    print(t["check"].format(dir=folders[0]))
    print(t["wrote"].format(files=", ".join([str(folders[0] / "rota.json"), "...",
                                             str(out / "arsturnus.json"), str(out / "arsturnus.xlsx"),
                                             str(out / "summary.txt")])))
    if not result.ok:
        print(t["warn"].format(text=("a month breaks a hard rule or leaves base shifts short; see "
                                     "its rota.json violations") if args.lang == "en" else
                               ("en måned bryter en hard regel eller mangler grunnbemanning; se "
                                "violations i dens rota.json")), file=sys.stderr)
    return 0 if result.ok else EXIT_ROTA_SHORT


