"""``roster history --unit NAME``: the unit's rotas with status, period, who and what changed."""

from __future__ import annotations

from roster.store.cli_support import db_arg


def register(sub) -> None:
    p = sub.add_parser("history", help="list a unit's stored rotas and their changes",
                       description="List the unit's rotas in the rota store: status (draft, "
                                   "published, superseded), period, when and by whom, and what "
                                   "each re-plan changed.")
    p.add_argument("--unit", required=True, metavar="NAME", help="the unit (team)")
    p.add_argument("--details", action="store_true",
                   help="also list each changed assignment (person, date, old and new shift)")
    db_arg(p)
    p.set_defaults(func=run)


def _when(stamp: str | None) -> str:
    return (stamp or "").replace("T", " ").replace("Z", " UTC")


def format_history(unit: str, records: list) -> str:
    lines = [f"Rotas of unit '{unit}' ({len(records)}), newest period first:", "",
             f"{'id':>4}  {'status':<10}  {'period':<22}  {'published / saved':<24}  {'by':<12}  changes"]
    for r in records:
        when = r.published_at or r.created_at
        who = r.published_by or r.created_by
        change = r.changes[-1]["summary"] if r.changes else ""
        if r.status == "superseded" and r.superseded_by:
            change = f"superseded by {r.superseded_by} at {_when(r.superseded_at)}"
        elif r.changes and r.changes[-1].get("replaces"):
            change = f"replaces {r.changes[-1]['replaces']}: {change}"
        lines.append(f"{r.id:>4}  {r.status:<10}  {r.period:<22}  {_when(when):<24}  {who:<12}  "
                     f"{change}")
        if r.note:
            lines.append(f"{'':>6}note: {r.note}")
    return "\n".join(lines)


def format_details(records: list) -> str:
    lines = []
    for r in records:
        for c in r.changes:
            d = c["diff"]
            rows = ([f"{x['date']} {x['staff']}: {x['old']} -> {x['new']}" for x in d["changed"]]
                    + [f"{x['date']} {x['staff']}: off -> {x['shift']}" for x in d["added"]]
                    + [f"{x['date']} {x['staff']}: {x['shift']} -> off" for x in d["removed"]])
            if rows:
                lines.append(f"\nRota {r.id} (replaces {c['replaces']}), {c['at']} by {c['user']}:")
                lines += [f"  {row}" for row in sorted(rows)]
    return "\n".join(lines)


def run(args) -> int:
    from roster.store import Store

    with Store(args.db, create=False) as store:
        records = store.rotas(args.unit)
    print(format_history(args.unit, records))
    if args.details:
        print(format_details(records))
    return 0
