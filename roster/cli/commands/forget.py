"""``roster forget STAFF_ID --unit NAME``: erase a person's data from the rota store (GDPR art. 17)."""

from __future__ import annotations

from roster.store.cli_support import db_arg, user_arg


def register(sub) -> None:
    p = sub.add_parser("forget", help="erase a person's absences and wishes; anonymise their shifts",
                       description="Delete the person's absences and wishes from every stored "
                                   "scenario and rota of the unit, replace their id and name with "
                                   "a pseudonym (anon-N) in the rotas, keeping the shifts, and "
                                   "compact the file so nothing lingers. This cannot be undone; "
                                   "back-ups made earlier still hold the data.")
    p.add_argument("staff", metavar="STAFF_ID", help="the person's staff id in the scenario")
    p.add_argument("--unit", required=True, metavar="NAME", help="the unit (team)")
    p.add_argument("--yes", action="store_true", help="confirm: without it nothing is changed")
    user_arg(p)
    db_arg(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from roster.store import Store

    with Store(args.db, create=False) as store:
        if not args.yes:
            n = len(store.rotas(args.unit))
            print(f"This would erase '{args.staff}' from unit '{args.unit}' ({n} stored rotas) in "
                  f"{store.path}. Nothing changed; run again with --yes to do it.")
            return 1
        report = store.forget(args.staff, args.unit, user=args.user)
    print(f"Forgot '{args.staff}' in unit '{args.unit}': now '{report.pseudonym}' in {report.rotas} "
          f"rotas; {report.scenarios} scenario versions scrubbed, {report.absences} registered "
          f"absences deleted, {report.changes} change-log entries anonymised; file compacted.")
    if report.restore_files:
        print(f"Removed {report.restore_files} leftover restore files (copies of a backup) beside the store.")
    return 0
