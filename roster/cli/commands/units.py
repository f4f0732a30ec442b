"""``roster units``: the units in the rota store, with their rotas and last published period."""

from __future__ import annotations

from roster.cli.options import lang_arg
from roster.store.cli_support import db_arg
from roster.vocabulary import pick


def register(sub) -> None:
    p = sub.add_parser("units", help="list the units in the rota store",
                       description="List the units (teams) saved in the rota store.")
    db_arg(p)
    lang_arg(p, "en", "the list")
    p.set_defaults(func=run)


def run(args) -> int:
    from roster.store import Store

    with Store(args.db, create=False) as store:
        units = store.units()
        nb = args.lang == "nb"
        print(pick(args.lang, f"Units in {store.path} ({len(units)}):",
                   f"Enheter i {store.path} ({len(units)}):"))
        for u in units:
            last = (f"{u.last_period[0]}..{u.last_period[1]}" if u.last_period
                    else pick(args.lang, "none", "ingen"))
            print(f"  {u.name}: {u.service}; {len(u.staff)} ansatte; {u.rotas} turnuser, "
                  f"{u.published} publisert; sist publiserte periode {last}" if nb else
                  f"  {u.name}: {u.service}; {len(u.staff)} staff; {u.rotas} rotas, "
                  f"{u.published} published; last published period {last}")
    return 0
