"""``roster export-db --out FILE``: back the rota store up to one plain JSON file."""

from __future__ import annotations

from roster.cli.outputs import OutputGuard, force_arg
from roster.store.cli_support import db_arg


def register(sub) -> None:
    p = sub.add_parser("export-db", help="back up the rota store to a JSON file",
                       description="Write every row of the rota store to FILE (JSON, readable "
                                   "with any tool; restore with roster import-db). The file "
                                   "holds sick leave: keep it as safe as the store (mode 0600).")
    p.add_argument("--out", required=True, metavar="FILE", help="backup file to write")
    db_arg(p)
    force_arg(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from roster.store.backup import export_db
    from roster.store.db import db_path

    src = db_path(args.db)
    guard = OutputGuard("export-db", [src], args.force)
    out = guard.file(args.out)
    counts = guard.write_with(out, lambda tmp: export_db(tmp, src))
    rows = ", ".join(f"{n} {t}" for t, n in counts.items())
    print(f"Wrote {out} from {src}: {rows}.")
    return 0
