"""``roster rules``: the rule units the planner applies, with their sources."""

from __future__ import annotations

from roster.rules import REGISTRY, _load_all


def register(sub) -> None:
    p = sub.add_parser("rules", help="list the rule units the planner applies, with their sources")
    p.set_defaults(func=run)


def run(args) -> int:
    _load_all()
    for r in REGISTRY:
        kind = "filter" if r.allows else "rule"
        print(f"{r.name:<22} {kind:<7} {r.source}")
        fn = r.build or r.allows
        text = " ".join((fn.__doc__ or "").split()) if fn else ""
        if text:
            print(f"{'':<30} {text.split('. ')[0].rstrip('.')}.")
    return 0
