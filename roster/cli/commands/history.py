"""``roster history --unit NAME``: the unit's rotas with status, period, who and what changed."""

from __future__ import annotations

import re

from roster.cli.options import lang_arg
from roster.store.cli_support import db_arg
from roster.vocabulary import pick, record_status_word


def register(sub) -> None:
    p = sub.add_parser("history", help="list a unit's stored rotas and their changes",
                       description="List the unit's rotas in the rota store: status (draft, "
                                   "published, superseded), period, when and by whom, and what "
                                   "each re-plan changed.")
    p.add_argument("--unit", required=True, metavar="NAME", help="the unit (team)")
    p.add_argument("--details", action="store_true",
                   help="also list each changed assignment (person, date, old and new shift)")
    db_arg(p)
    lang_arg(p, "en", "the list")
    p.set_defaults(func=run)


def _when(stamp: str | None) -> str:
    return (stamp or "").replace("T", " ").replace("Z", " UTC")


def summary_words(text: str, lang: str) -> str:
    """A change's one-line summary (stored in English by roster.store.diff.summarise:
    "3 assignments changed: 1 to another shift, 2 added; 1 new absence registered", or by
    the store's first publication: "published (85 assignments)") in the language."""
    if lang != "nb":
        return text
    first = re.fullmatch(r"published \((\d+) assignments?\)", text)  # a first publication
    if first is not None:
        return f"publisert ({first[1]} {'vakt' if first[1] == '1' else 'vakter'})"
    m = re.fullmatch(r"(?:no assignments changed|(?P<n>\d+) assignments? changed: (?P<parts>[^;]*))"
                     r"(?:; (?P<a>\d+) new absences? registered)?", text)
    if m is None:
        return text
    if m["n"] is None:
        out = "ingen vakter endret"
    else:
        words = {"to another shift": "til en annen vakt", "added": "lagt til", "removed": "fjernet"}
        parts = []
        for part in m["parts"].split(", "):
            count, _, what = part.partition(" ")
            parts.append(f"{count} {words.get(what, what)}")
        out = f"{m['n']} {'vakt' if m['n'] == '1' else 'vakter'} endret: " + ", ".join(parts)
    if m["a"]:
        out += "; 1 nytt fravær registrert" if m["a"] == "1" else f"; {m['a']} nye fravær registrert"
    return out


def format_history(unit: str, records: list, lang: str = "en") -> str:
    nb = lang == "nb"
    head = (("id", "status", "periode", "publisert / lagret", "av", "endringer") if nb else
            ("id", "status", "period", "published / saved", "by", "changes"))
    lines = [pick(lang, f"Rotas of unit '{unit}' ({len(records)}), newest period first:",
                  f"Turnuser for enheten «{unit}» ({len(records)}), nyeste periode først:"), "",
             f"{head[0]:>4}  {head[1]:<10}  {head[2]:<22}  {head[3]:<24}  {head[4]:<12}  {head[5]}"]
    for r in records:
        when = r.published_at or r.created_at
        who = r.published_by or r.created_by
        change = summary_words(r.changes[-1].get("summary") or "", lang) if r.changes else ""
        if r.status == "superseded" and r.superseded_by:
            change = pick(lang, f"superseded by {r.superseded_by} at {_when(r.superseded_at)}",
                          f"erstattet av {r.superseded_by} {_when(r.superseded_at)}")
        elif r.changes and r.changes[-1].get("replaces"):
            change = pick(lang, "replaces", "erstatter") + f" {r.changes[-1]['replaces']}: {change}"
        lines.append(f"{r.id:>4}  {record_status_word(r.status, lang):<10}  {r.period:<22}  "
                     f"{_when(when):<24}  {who:<12}  {change}")
        if r.note:
            lines.append(f"{'':>6}{pick(lang, 'note', 'merknad')}: {r.note}")
    return "\n".join(lines)


def format_details(records: list, lang: str = "en") -> str:
    off = pick(lang, "off", "fri")
    lines = []
    for r in records:
        for c in r.changes:
            d = c["diff"]
            rows = ([f"{x['date']} {x['staff']}: {x['old']} -> {x['new']}" for x in d["changed"]]
                    + [f"{x['date']} {x['staff']}: {off} -> {x['shift']}" for x in d["added"]]
                    + [f"{x['date']} {x['staff']}: {x['shift']} -> {off}" for x in d["removed"]])
            if rows:
                lines.append(pick(lang, f"\nRota {r.id} (replaces {c['replaces']}), {c['at']} by "
                                        f"{c['user']}:",
                                  f"\nTurnus {r.id} (erstatter {c['replaces']}), {c['at']} av "
                                  f"{c['user']}:"))
                lines += [f"  {row}" for row in sorted(rows)]
    return "\n".join(lines)


def run(args) -> int:
    from roster.store import Store

    with Store(args.db, create=False) as store:
        records = store.rotas(args.unit)
    print(format_history(args.unit, records, args.lang))
    if args.details:
        print(format_details(records, args.lang))
    return 0
