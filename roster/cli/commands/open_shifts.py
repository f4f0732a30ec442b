"""``roster open-shifts SCENARIO ROTA.json [--out FILE.csv] [--lang nb|en]``: every shift a
rota still leaves short, with the reason, ready for booking vikarer."""

from __future__ import annotations

import json

from coverage.boundary import next_period
from coverage.open_shifts import open_shifts, rows, summary
from roster import safe_io
from roster.cli.common import read_previous, read_rota, read_scenario_and_rota, scenario_rota_args
from roster.cli.options import input_file, lang_arg
from roster.cli.outputs import OutputGuard, force_arg
from roster.planner import history_from
from roster.vocabulary import pick

TITLE = {"en": "Open shifts", "nb": "Ledige vakter"}
NONE = {"en": "No shift is short: every base shift has its minimum and skills, and every "
              "service target is met.",
        "nb": "Ingen vakter mangler folk: hver grunnvakt har minimum og kompetanse, og hvert "
              "tjenestemål er nådd."}


def register(sub) -> None:
    p = sub.add_parser("open-shifts", help="shifts still short after planning, for booking vikarer",
                       description="List every shift the rota leaves short: base shifts below "
                                   "their minimum, service shifts opened below it, shifts without "
                                   "a skill they need, and service shifts closed below their "
                                   "target; with date, times, people missing, skills missing and "
                                   "the reason (who is away, busy, blocked by a rule or at their "
                                   "hours limit; absence kinds are never shown). --out writes CSV.")
    scenario_rota_args(p, previous=True)
    p.add_argument("--out", metavar="FILE.csv", help="write the list as CSV")
    lang_arg(p, "nb", "the list and the CSV")
    p.add_argument("--no-closed", action="store_true",
                   help="leave out service shifts that are closed below their target")
    p.add_argument("--json", action="store_true", help="print the list as JSON (both languages)")
    p.add_argument("--next", metavar="ROTA.json", type=input_file,
                   help="the next period's published rota: nobody is offered a shift that would "
                        "break a rule across the end into it (rest, days in a row, weekly rest, "
                        "hours in 7 days, weekends)")
    force_arg(p)
    p.set_defaults(func=run)


def run(args) -> int:
    scenario, rota = read_scenario_and_rota(args.scenario, args.rota)
    previous = read_previous(args.previous, scenario.start)
    nxt = next_period(scenario, read_rota(args.next)) if args.next else None
    guard = OutputGuard("open-shifts", [args.scenario, args.rota, args.previous, args.next], args.force)
    out = guard.file(args.out) if args.out else None
    items = open_shifts(scenario, rota, history=history_from(previous, scenario),
                        closed=not args.no_closed, nxt=nxt)
    table = rows(items, scenario, args.lang)
    if args.json:
        print(json.dumps([o.to_json() for o in items], ensure_ascii=False, indent=1))
    else:
        print(format_table(table, args.lang, summary(items, args.lang)))
    if out is not None:
        guard.write_text(out, safe_io.csv_text(table))
        print(f"{pick(args.lang, 'Wrote', 'Skrev')} {out}")
    return 0


def format_table(table: list[list], lang: str, line: str) -> str:
    """The list for the terminal: one block per shift."""
    if len(table) == 1:
        return f"{TITLE[lang]}: {NONE[lang]}"
    lines = [f"{TITLE[lang]}: {line}"]
    for r in table[1:]:
        date, day, shift, name, start, end, _hours, _prio, kind, _n, _m, missing, skills, reason, _ = r
        need = f"{missing} {'mangler' if lang == 'nb' else 'missing'}"
        skill = f" ({skills})" if skills else ""
        lines.append(f"  {date} {day:<11} {shift:<3} {name:<14} {start}-{end}  {need}{skill}  [{kind}]")
        lines.append(f"      {reason}")
    return "\n".join(lines)
