"""``roster rollout GRUNNTURNUS.json --from DATE --to DATE --scenario SCENARIO --out DIR``:
the rota of a month, or of a whole year, rolled out from a grunnturnus."""

from __future__ import annotations

import argparse
import json
import sys

from roster.cli.common import read_grunnturnus, read_rota, read_scenario
from roster.cli.options import input_file, iso_date, lang_arg
from roster.cli.outputs import OutputGuard, force_arg
from roster.grid import grid_csv_text
from roster.grunnturnus import differences_note
from roster.resources import resolve_input
from roster.rollout import REASONS, Rollout, parse_assign, roll_out, scenario_data
from roster.summary import notice_warning
from roster.vocabulary import num, pick, rule_word, status_word, weekday_word

PIECE_FILES = ("rota.json", "scenario.toml", "rota.csv")
TOP_FILES = ("rollout.json", "summary.txt")
EXIT_ROTA_SHORT = 4

TEXT = {
    "en": {"head": "Rolled out {name} ({weeks}-week grunnturnus from {start}): {first} to {last}, "
                   "{n} rota(s)",
           "hist": {"grunnturnus": "History before {first}: the grunnturnus rolled back",
                    "previous": "History before {first}: the previous rota (--previous)"},
           "piece": "  {label}: {status}, {shifts} shifts, starts in week {week} of the cycle; {verdict}",
           "dropped": "      off: {n} shift(s) ({why})",
           "holidays": "Public holidays and eves in the period (a holiday shift is worked as the "
                       "grunnturnus says unless the coverage closes or caps it):",
           "holiday": "  {date} {name}: {worked} at work, {off} off by the coverage",
           "no_holidays": "No public holidays in the period.",
           "balance": "Hours against the contract, averaged over the cycle (AML § 10-5); "
                      "balance at the end: {lo} to {hi} h",
           "warn": "Note: {text}",
           "check": "Check a rota: roster check {dir}/scenario.toml {dir}/rota.json",
           "wrote": "Wrote {files}"},
    "nb": {"head": "Rullert ut {name} ({weeks} ukers grunnturnus fra {start}): {first} til {last}, "
                   "{n} turnus(er)",
           "hist": {"grunnturnus": "Historikk før {first}: grunnturnusen rullert bakover",
                    "previous": "Historikk før {first}: forrige turnus (--previous)"},
           "piece": "  {label}: {status}, {shifts} vakter, starter i uke {week} av perioden; {verdict}",
           "dropped": "      fri: {n} vakt(er) ({why})",
           "holidays": "Helligdager og aftener i perioden (en helligdagsvakt går som grunnturnusen "
                       "sier, med mindre bemanningsplanen stenger eller begrenser den):",
           "holiday": "  {date} {name}: {worked} på jobb, {off} fri etter bemanningsplanen",
           "no_holidays": "Ingen helligdager i perioden.",
           "balance": "Timer mot stillingen, gjennomsnitt over perioden (aml. § 10-5); saldo ved "
                      "slutten: {lo} til {hi} t",
           "warn": "Merk: {text}",
           "check": "Sjekk en turnus: roster check {dir}/scenario.toml {dir}/rota.json",
           "wrote": "Skrev {files}"},
}


def register(sub) -> None:
    p = sub.add_parser("rollout", help="roll a grunnturnus out over a month or a year",
                       description="Roll a grunnturnus (from roster grunnturnus) out over real "
                                   "dates: one ordinary rota.json per calendar month (or one for "
                                   "the whole period, --split none), each with a scenario.toml of "
                                   "its own period beside it, so roster check, replan, export, "
                                   "publish and the app take it. Lines are held by people: line i "
                                   "by the i-th staff member unless --assign says otherwise. Each "
                                   "month is checked with the month before as history. Public "
                                   "holidays are listed; a holiday shift is worked as the "
                                   "grunnturnus says unless the coverage closes or caps it. Exit "
                                   "code 4 when a rota is written but breaks a hard rule or leaves "
                                   "base shifts short.")
    p.add_argument("grunnturnus", metavar="GRUNNTURNUS.json", type=input_file,
                   help="the grunnturnus's rota.json")
    p.add_argument("--from", dest="first", required=True, type=iso_date, metavar="DATE",
                   help="first date to roll out")
    p.add_argument("--to", dest="last", required=True, type=iso_date, metavar="DATE",
                   help="last date to roll out (at most a year after --from)")
    p.add_argument("--scenario", required=True, type=input_file, metavar="SCENARIO",
                   help="the scenario (shifts, staff, coverage, rules, absences)")
    p.add_argument("--assign", action="append", default=[], metavar="LINE=STAFF_ID[@FROM]", type=assign_spec,
                   help="who holds a line, from a date: L03=b07 or L03=b07@2028-03-01 (repeatable; "
                        "default: line i = the i-th staff member)")
    p.add_argument("--start", type=iso_date, metavar="DATE",
                   help="the Monday week 1 starts (default: the grunnturnus's cycle_start)")
    p.add_argument("--previous", type=input_file, metavar="ROTA.json",
                   help="the rota before --from (default: the grunnturnus rolled back)")
    p.add_argument("--split", choices=("month", "none"), default="month",
                   help="one rota per calendar month (default) or one for the whole period")
    lang_arg(p, "nb", "the summary (screen and summary.txt)")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder")
    force_arg(p)
    p.set_defaults(func=run)


def assign_spec(text: str) -> tuple:
    """An argparse type: ``LINE=STAFF_ID[@FROM]`` (a malformed one is a usage error)."""
    from roster.errors import UserError

    try:
        return parse_assign(text)
    except UserError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def run(args) -> int:
    from roster.errors import UserError

    scenario = read_scenario(args.scenario)
    gt, weeks, cycle_start, lines = read_grunnturnus(args.grunnturnus)
    file_start = cycle_start
    if args.start is not None:
        if args.start.weekday() != 0:
            raise UserError(f"--start {args.start}: week 1 starts on a Monday ({args.start:%A} given)",
                            nb=f"--start {args.start}: uke 1 starter på en mandag (oppgitt: "
                               f"{weekday_word(args.start, 'nb')})")
        cycle_start = args.start
    assigns = list(args.assign)
    previous = read_rota(args.previous) if args.previous else None
    data = scenario_data(resolve_input(args.scenario))
    guard = OutputGuard("rollout", [args.grunnturnus, args.scenario, args.previous], args.force)
    out = guard.folder(args.out, TOP_FILES)
    result = roll_out(data, scenario, lines, cycle_start, args.first, args.last, assigns=assigns,
                      split=args.split, previous=previous, source=str(args.scenario))
    differ = differences_note(gt, lines, file_start)
    if differ:
        result.warnings.append(differ["text"])
    folders = []
    for piece in result.pieces:
        folder = out if args.split == "none" else out / piece.label
        guard.folder(str(folder), PIECE_FILES)
        folders.append(folder)
    for piece, folder in zip(result.pieces, folders, strict=True):
        guard.write_with(folder / "rota.json", piece.rota.save)
        guard.write_text(folder / "scenario.toml", piece.scenario_text)
        guard.write_text(folder / "rota.csv", grid_csv_text(piece.rota))
    guard.write_text(out / "rollout.json", json.dumps(report(result, weeks, cycle_start, folders),
                                                      ensure_ascii=False, indent=1) + "\n")
    text = summary(result, scenario.unit or scenario.name, weeks, cycle_start, args.lang)
    guard.write_text(out / "summary.txt", text + "\n")
    print(text)
    if result.pieces:
        warn = notice_warning(result.pieces[0].scenario, lang=args.lang)
        if warn:
            print(warn, file=sys.stderr)
        print(TEXT[args.lang]["check"].format(dir=folders[0]))
    print(TEXT[args.lang]["wrote"].format(files=", ".join(
        [str(f / "rota.json") for f in folders[:3]] + (["..."] if len(folders) > 3 else [])
        + [str(out / "rollout.json"), str(out / "summary.txt")])))
    return 0 if result.ok else EXIT_ROTA_SHORT


def report(result: Rollout, weeks: int, cycle_start, folders) -> dict:
    """rollout.json: the pieces with their status, the holidays, who held which line."""
    last = {r["staff"]: r["running_balance"] for p in result.pieces for r in p.balance}
    return {
        "format": "rollout/1", "weeks": weeks, "cycle_start": cycle_start.isoformat(),
        "history": result.history_from,
        "pieces": [{"start": p.first.isoformat(), "end": p.last.isoformat(), "folder": str(f),
                    "status": p.rota.status, "shifts": len(p.rota.assignments),
                    "errors": len(p.rota.errors()), "dropped": len(p.dropped)}
                   for p, f in zip(result.pieces, folders, strict=True)],
        "holidays": result.holidays,
        "holdings": [{"line": f"L{h.line:02d}", "staff": h.staff,
                      "from": None if h.start.year <= 1900 else h.start.isoformat(),
                      "to": None if h.end.year >= 2200 else h.end.isoformat()} for h in result.holdings],
        "hours_balance": last, "warnings": result.warnings,
    }


def summary(result: Rollout, name: str, weeks: int, cycle_start, lang: str = "nb") -> str:
    t = TEXT[lang]
    first, last = result.pieces[0].first, result.pieces[-1].last
    out = [t["head"].format(name=name, weeks=weeks, start=cycle_start, first=first, last=last,
                            n=len(result.pieces)),
           t["hist"][result.history_from].format(first=first)]
    for p in result.pieces:
        verdict = p.rota.extra.get("verdict", {}).get("text_nb" if lang == "nb" else "text", "")
        week = p.rota.extra.get("rollout", {}).get("week_of_cycle_at_start")
        out.append(t["piece"].format(label=p.label, status=status_word(p.rota.status, lang),
                                     shifts=len(p.rota.assignments), week=week, verdict=verdict))
        if p.dropped:
            counts: dict[str, int] = {}
            for d in p.dropped:
                counts[d.reason] = counts.get(d.reason, 0) + 1
            why = ", ".join(f"{n} {REASONS[r][1 if lang == 'nb' else 0]}" for r, n in counts.items())
            out.append(t["dropped"].format(n=len(p.dropped), why=why))
        for v in p.rota.errors()[:5]:
            out.append(f"      {rule_word(str(v.get('rule')), lang)}: "
                       f"{v.get('detail_nb' if lang == 'nb' else 'detail')}")
        if len(p.rota.errors()) > 5:
            out.append(f"      ... {pick(lang, 'and', 'og')} {len(p.rota.errors()) - 5} "
                       f"{pick(lang, 'more', 'til')}")
    if result.holidays:
        out.append(t["holidays"])
        for h in result.holidays:
            out.append(t["holiday"].format(date=h["date"], name=h["name"], worked=h["worked"], off=h["off"]))
    else:
        out.append(t["no_holidays"])
    balances = [r["running_balance"] for r in result.pieces[-1].balance]
    if balances:
        out.append(t["balance"].format(lo=num(min(balances), lang, "+.1f"),
                                       hi=num(max(balances), lang, "+.1f")))
    for w in result.warnings:
        out.append(t["warn"].format(text=warning_words(w, lang)))
    return "\n".join(out)


_WARNINGS_NB = (
    (r"(?P<id>\S+) \((?P<a>\d+)%\) holds (?P<l>L\d+), planned for (?P<b>\d+)%",
     "{id} ({a} %) har {l}, som er planlagt for {b} %"),
    (r"(?P<id>\S+) holds (?P<l>L\d+), planned with skills they lack: (?P<s>.*)",
     "{id} har {l}, som er planlagt med kompetanse vedkommende mangler: {s}"),
    (r"(?P<id>\S+) holds (?P<l>L\d+), whose shifts (?P<s>.*) they may not work",
     "{id} har {l}, med vaktene {s} som vedkommende ikke kan ta"),
    (r"(?P<a>\S+) is before the grunnturnus starts \((?P<b>\S+)\); the weeks before are rolled "
     r"back from it", "{a} er før grunnturnusen starter ({b}); ukene før er rullert bakover fra den"),
    (r"--previous covers (?P<a>\S+)\.\.(?P<b>\S+), not the day before (?P<c>\S+): the rules across "
     r"\S+ see no shifts there",
     "--previous dekker {a}..{b}, ikke dagen før {c}: reglene over {c} ser ingen vakter der"),
    (r"the grunnturnus's assignments differ from its lines on (?P<n>\d+) day\(s\) \(first: "
     r"(?P<who>\S+) (?P<d>\S+): (?P<a>\S+) in assignments, (?P<b>\S+) in lines \((?P<l>L\d+)\)\); the "
     r"lines are what is rolled out",
     "grunnturnusens assignments avviker fra lines på {n} dag(er) (først: {who} {d}: {a} i "
     "assignments, {b} i lines ({l})); det er lines som rulleres ut"),
    (r"--previous has none of the scenario's people: is it a rota of another unit\?",
     "--previous har ingen av scenarioets ansatte: er det turnusen til en annen enhet?"),
)


def warning_words(text: str, lang: str) -> str:
    """A roll-out warning (roster.rollout writes them in English) in bokmål."""
    import re

    if lang != "nb":
        return text
    for pattern, template in _WARNINGS_NB:
        m = re.fullmatch(pattern, text)
        if m:
            return template.format(**{k: "fri" if v == "off" else v for k, v in m.groupdict().items()})
    return text
