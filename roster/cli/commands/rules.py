"""``roster rules``: the rule units the planner applies, with their sources and parameters,
read from the rule catalogue (``--markdown``: the rules table of docs/rules.md)."""

from __future__ import annotations

from roster.rules.catalogue import markdown_table, units


def register(sub) -> None:
    p = sub.add_parser("rules", help="list the rule units the planner applies, with their sources")
    p.add_argument("--markdown", action="store_true",
                   help="print the rules table of docs/rules.md (generated from the catalogue)")
    p.set_defaults(func=run)


def run(args) -> int:
    if args.markdown:
        print(markdown_table())
        return 0
    for u in units():
        print(f"{u.id:<20} {u.kind:<22} {u.source}")
        print(f"{'':<20} {u.summary}")
        for p in u.params:
            who = " (per person too)" if p.per_person and p.scenario_wide else \
                " (per person)" if p.per_person else ""
            default = "" if p.default is None else f", default {p.to_json(p.default)}"
            print(f"{'':<20}   {p.key}: {p.en.lower()}{default}{who}")
    return 0
