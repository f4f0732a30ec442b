"""Small helpers the store's CLI commands (and ``roster solve --unit``) share."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from roster.rota import Rota
from roster.store.db import DEFAULT_DB, ENV_DB, db_path


def db_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="PATH",
                        help=f"rota store file (default ${ENV_DB}, else ./{DEFAULT_DB})")


def user_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", metavar="NAME",
                        help="your name for the change log (default $USER; there are no accounts)")


def scenario_payload(path: str | None) -> tuple[str | bytes | None, str | None]:
    """A scenario file's content as stored: text for TOML, bytes for a workbook."""
    if not path:
        return None, None
    p = Path(path)
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        return p.read_bytes(), p.name
    return p.read_text(encoding="utf-8"), p.name


def previous_from_store(db: str | None, unit: str, start: dt.date) -> Rota | None:
    """``roster solve --unit``: the last published rota before ``start``; says which it took."""
    from roster.store.store import Store

    if not db_path(db).exists():
        print(f"No rota store at {db_path(db)}; planning without the previous period.")
        return None
    with Store(db, create=False) as store:
        rec = store.last_published_record_before(unit, start)
        if rec is None:
            print(f"No published rota before {start} for unit '{unit}' in {db_path(db)}; "
                  "planning without the previous period.")
            return None
        print(f"Previous period from the store: rota {rec.id} of unit '{unit}', {rec.period}, "
              f"published {rec.published_at} by {rec.published_by}.")
        return store.get_rota(rec.id)


def save_draft_to_store(db: str | None, unit: str, rota: Rota, scenario_file: str | None,
                        user: str | None = None) -> int:
    from roster.store.store import Store

    text, name = scenario_payload(scenario_file)
    with Store(db) as store:
        rota_id = store.save_draft(rota, unit, text, scenario_file=name, user=user)
    print(f"Saved as draft rota {rota_id} of unit '{unit}' in {db_path(db)} "
          f"(publish it with: roster publish --draft {rota_id} --unit '{unit}').")
    return rota_id
