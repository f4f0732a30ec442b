"""``roster grunnturnus SCENARIO --weeks N --out DIR``: a rolling base rota of N weeks, one
line per position, legal across the wrap-around from week N to week 1."""

from __future__ import annotations

import datetime as dt
import sys
from collections import defaultdict

from roster import safe_io
from roster.cli.common import read_scenario, rota_exit_code, scenario_arg, solver_args
from roster.cli.options import bounded_int, iso_date, lang_arg
from roster.cli.outputs import OutputGuard, force_arg
from roster.errors import UserError
from roster.excel.labels import DAY_SHORT
from roster.excel.turnus_grid import write_turnus_grid
from roster.grunnturnus import MAX_WEEKS, MIN_WEEKS, Grunnturnus, first_monday, plan_grunnturnus
from roster.planner import PlanOptions
from roster.vocabulary import num, pct, rule_word, severity_word, stage_word, status_word, weekday_word

OUTPUTS = ("rota.json", "grunnturnus.xlsx", "grunnturnus.csv", "summary.txt")
DEFAULT_TIME_LIMIT = 120.0

TEXT = {
    "en": {"head": "Base rota (grunnturnus) {name}: {weeks} weeks from Monday {start}, {n} lines",
           "status": "Status: {status}. {verdict}",
           "solver": "Solver: {name}, {seconds} s (build {build} s); {stages}",
           "proven": "every stage proven", "open": "not proven (time limit)",
           "wrap": "Week {weeks} -> week 1: the checker on {cycles} cycles in a row finds {e} "
                   "breach(es), {w} warning(s)",
           "count": "Weekends: {capacity} person-weekends on the ring of {weekends} weekends, "
                    "at most {people} people in any {span} in a row (weekend frequency); the base "
                    "minimums need {base}: at most {most} of {units} weekend service openings can "
                    "be had (counted before solving)",
           "hours": "Hours per cycle (average week) against the band for the cycle (AML § 10-5 "
                    "averaging over the cycle):",
           "fair": "Per full post: evenings/nights {ev}; weekends {we} (per cycle)",
           "lines": "Lines (Mo-Su, one block per week; . = off):",
           "notice": "Make the base rota known at least {days} days before {start} (AML § 10-3).",
           "wrote": "Wrote {files}"},
    "nb": {"head": "Grunnturnus {name}: {weeks} uker fra mandag {start}, {n} linjer",
           "status": "Status: {status}. {verdict}",
           "solver": "Løser: {name}, {seconds} s (bygget {build} s); {stages}",
           "proven": "hvert trinn bevist", "open": "ikke bevist (tidsgrense)",
           "wrap": "Uke {weeks} -> uke 1: regelsjekken av {cycles} perioder etter hverandre "
                   "finner {e} brudd, {w} advarsler",
           "count": "Helger: {capacity} helgeinnsatser på ringen av {weekends} helger, høyst "
                    "{people} personer i {span} helger på rad (helgebelastning); grunnbemanningen "
                    "trenger {base}: høyst {most} av {units} åpninger av helgetjenester er mulig "
                    "(telt før løsning)",
           "hours": "Timer per periode (snitt per uke) mot båndet for perioden "
                    "(gjennomsnittsberegning over perioden, aml. § 10-5):",
           "fair": "Per hel stilling: kveld/natt {ev}; helger {we} (per periode)",
           "lines": "Linjer (ma-sø, én blokk per uke; . = fri):",
           "notice": "Gjør grunnturnusen kjent minst {days} dager før {start} (aml. § 10-3).",
           "wrote": "Skrev {files}"},
}


def register(sub) -> None:
    p = sub.add_parser("grunnturnus", help="plan a rolling base rota (grunnturnus) of N weeks",
                       description="Plan a grunnturnus: N weeks, one line per staff member's "
                                   "position, that repeats (week N is followed by week 1) and "
                                   "keeps every rule across that wrap-around, the weekend "
                                   "frequency over the cycle and each line's hours within its "
                                   "contract averaged over the cycle, with evenings, nights and "
                                   "weekends shared fairly. Public holidays, dated absences, "
                                   "wishes and locks are left out (a rolling base rota ignores "
                                   "them). Writes DIR/rota.json (\"kind\": \"grunnturnus\"), "
                                   "DIR/grunnturnus.xlsx (the grid to print), DIR/grunnturnus.csv "
                                   "and DIR/summary.txt. Exit code 4 when it is written but breaks "
                                   "a hard rule or leaves base shifts short.")
    scenario_arg(p)
    p.add_argument("--weeks", required=True, type=bounded_int(MIN_WEEKS, MAX_WEEKS), metavar="N",
                   help=f"weeks in the cycle, {MIN_WEEKS} to {MAX_WEEKS} (typically 6, 8 or 12)")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder")
    p.add_argument("--start", type=iso_date, metavar="DATE",
                   help="the Monday week 1 first starts (default: the first Monday of the "
                        "scenario's period); roster rollout counts the weeks from it")
    lang_arg(p, "nb", "the workbook and the summary")
    solver_args(p, time_limit=DEFAULT_TIME_LIMIT)
    force_arg(p)
    p.set_defaults(func=run)


def run(args) -> int:
    scenario = read_scenario(args.scenario)
    start = args.start or first_monday(scenario.start)
    if start.weekday() != 0:
        raise UserError(f"--start {start}: a grunnturnus starts on a Monday ({start:%A} given)",
                        nb=f"--start {start}: en grunnturnus starter på en mandag (oppgitt: "
                           f"{weekday_word(start, 'nb')})")
    guard = OutputGuard("grunnturnus", [args.scenario], args.force)
    out = guard.folder(args.out, OUTPUTS)
    options = PlanOptions(time_limit=args.time_limit, solver=args.solver, threads=args.threads,
                          seed=args.seed)
    g = plan_grunnturnus(scenario, args.weeks, options, start=start)
    guard.write_with(out / "rota.json", g.rota.save)
    guard.write_with(out / "grunnturnus.xlsx", lambda tmp: write_turnus_grid(tmp, g, lang=args.lang))
    guard.write_text(out / "grunnturnus.csv", safe_io.csv_text(grid_rows(g, args.lang)))
    text = summary(g, args.lang)
    guard.write_text(out / "summary.txt", text + "\n")
    print(text)
    days = (start - dt.date.today()).days
    if 0 <= days < scenario.rules.notice_days:
        print(TEXT[args.lang]["notice"].format(days=scenario.rules.notice_days, start=start),
              file=sys.stderr)
    files = ", ".join(str(out / name) for name in OUTPUTS)
    print("\n" + TEXT[args.lang]["wrote"].format(files=files))
    return rota_exit_code(g.rota)


def grid_rows(g: Grunnturnus, lang: str = "nb") -> list[list]:
    """The grid as rows: line, holder, name, fte, one column per day (W1-ma ...), hours."""
    week = "U" if lang == "nb" else "W"
    head = ["line", "holder", "name", "fte"]
    head += [f"{week}{w + 1}-{DAY_SHORT[lang][k]}" for w in range(g.weeks) for k in range(7)]
    head += ["hours_per_cycle", "average_weekly_hours"]
    rows: list[list] = [head]
    info = {row["id"]: row for row in g.rota.extra.get("lines", [])}
    for line in g.lines:
        row = [line.id, line.holder, line.name, line.fte]
        row += [c or "" for w in line.weeks for c in w]
        totals = info.get(line.id, {})
        row += [totals.get("hours_per_cycle"), totals.get("average_weekly_hours")]
        rows.append(row)
    return rows


def _stages(solver: dict, t: dict, lang: str = "en") -> str:
    """The stages the solver did not prove, with their gaps, or that it proved them all."""
    stages = solver.get("stages") or []
    gap = "gap" if lang != "nb" else "avstand til grensen"
    unknown = "no bound" if lang != "nb" else "ingen grense funnet"

    def how_far(st: dict) -> str:
        # a stage stopped before the solver had a bound has no gap (not a gap of 0)
        return f"{gap} {pct(st['gap'], lang, 0)}" if st.get("gap") is not None else unknown

    open_ = [f"{stage_word(st['stage'], lang)} ({how_far(st)})"
             for st in stages if st.get("status") != "optimal"]
    return f"{t['open']}: {', '.join(open_)}" if open_ else t["proven"]


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _range(values: list[float], lang: str = "en") -> str:
    if not values:
        return "-"
    lo, hi = num(min(values), lang), num(max(values), lang)
    return lo if lo == hi else f"{lo}-{hi}"


def summary(g: Grunnturnus, lang: str = "nb") -> str:
    t = TEXT[lang]
    rota = g.rota
    verdict = rota.extra.get("verdict", {})
    solver = rota.solver or {}
    wrap = rota.extra.get("wraparound", {})
    out = [t["head"].format(name=g.scenario.unit or g.scenario.name, weeks=g.weeks, start=g.start,
                            n=len(g.lines)),
           t["status"].format(status=status_word(rota.status, lang),
                              verdict=_first_upper(verdict.get("text_nb" if lang == "nb" else "text", ""))),
           t["solver"].format(name=solver.get("name", "-"),
                              seconds=num(solver.get("seconds", 0.0), lang),
                              build=num(solver.get("build_seconds", 0.0), lang),
                              stages=_stages(solver, t, lang)),
           t["wrap"].format(weeks=g.weeks, cycles=wrap.get("cycles", 3), e=wrap.get("errors", 0),
                            w=wrap.get("warnings", 0))]
    for b in g.wrap_breaches:
        out.append(f"  {severity_word(b.severity, lang):8} {rule_word(b.rule, lang):<16} {b.detail(lang)}")
    count = solver.get("weekend_count")
    if count and count.get("applied"):
        windows = {int(k): v for k, v in (count.get("people_per_window") or {"1": 0}).items()}
        span = max(windows)
        out.append(t["count"].format(capacity=count["person_weekends"], weekends=count["weekends"],
                                     people=windows[span], span=span, base=count["base_needs"],
                                     most=count["most_open"], units=count["weekend_service_units"]))
    out.append(t["hours"])
    peers: dict[tuple, list[dict]] = defaultdict(list)
    staff_rows = {r["id"]: r for r in rota.staff}
    unit = "t" if lang == "nb" else "h"
    for row in rota.extra.get("lines", []):
        lo, hi = row.get("band_hours") or [None, None]
        band = f"{num(lo, lang)}-{num(hi, lang)}" if lo is not None and hi is not None else "-"
        out.append(f"  {row['id']} {row['holder']:<6} {row['name'][:22]:<22} {row['fte']:>4.0%} "
                   f"{num(row['hours_per_cycle'], lang):>7} {unit} ({num(row['average_weekly_hours'], lang)}/"
                   f"{'uke' if lang == 'nb' else 'week'})  [{band}]")
        may = tuple(staff_rows.get(row["holder"], {}).get("may_work", []))
        if row.get("fte"):
            peers[may].append(row)
    # fairness is shared among lines that may work the same shifts (night-only lines with
    # night-only lines): one range per such group, named by its shifts when there are several
    ev_parts, we_parts = [], []
    for may, group in peers.items():
        ev = [r["evenings"] / r["fte"] for r in group if r.get("evenings") is not None]
        we = [r["weekends"] / r["fte"] for r in group if r.get("weekends") is not None]
        tag = f" ({'/'.join(may)})" if len(peers) > 1 and may else ""
        ev_parts.append(_range(ev, lang) + tag)
        we_parts.append(_range(we, lang) + tag)
    out.append(t["fair"].format(ev=", ".join(ev_parts) or "-", we=", ".join(we_parts) or "-"))
    out.append(t["lines"])
    # codes of more than one letter (HV, SN) padded to one width, so the days line up
    width = max((len(c) for line in g.lines for w in line.weeks for c in w if c), default=1)
    for line in g.lines:
        if width == 1:
            weeks = " | ".join("".join(c or "." for c in w) for w in line.weeks)
        else:
            weeks = " | ".join(" ".join((c or ".").ljust(width) for c in w) for w in line.weeks)
        out.append(f"  {line.id} {weeks.rstrip()}")
    return "\n".join(out)
