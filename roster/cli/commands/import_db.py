"""``roster import-db FILE``: restore the rota store from a backup made by ``roster export-db``."""

from __future__ import annotations

from roster.cli.options import input_file
from roster.store.cli_support import db_arg


def register(sub) -> None:
    p = sub.add_parser("import-db", help="restore the rota store from a JSON backup",
                       description="Restore the store from FILE. A store that already holds "
                                   "data is only overwritten with --replace. The restore is "
                                   "built aside and moved into place when complete.")
    p.add_argument("file", metavar="FILE", type=input_file, help="backup file from roster export-db")
    p.add_argument("--replace", action="store_true",
                   help="overwrite a store that already holds data (close the app first)")
    db_arg(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from roster.store.backup import import_db
    from roster.store.db import db_path

    target = db_path(args.db)
    counts = import_db(args.file, target, replace=args.replace)
    rows = ", ".join(f"{n} {t}" for t, n in counts.items())
    print(f"Restored {target} from {args.file}: {rows}.")
    return 0
