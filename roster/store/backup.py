"""Backup to a plain JSON file and restore from it (``roster export-db`` / ``import-db``).

The file holds every row of every table, with the schema version it was written at, so a
restore reproduces the same data (same ids, same texts). A restore is built in a new
temporary file next to the target and moved into place only when complete: the target is
never left half-restored. The backup holds health data: it is written with mode 0600.
"""

from __future__ import annotations

import base64
import json
import os
import sqlite3
import tempfile
from pathlib import Path

from roster.store.db import StoreError, connect, create_private_file, db_path, transaction
from roster.store.schema import LATEST, TABLES, migrate, version

FORMAT = "turnus-db/1"


def _cell(value: object) -> object:
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode("ascii")}
    return value


def _uncell(value: object) -> object:
    if isinstance(value, dict) and set(value) == {"base64"}:
        return base64.b64decode(value["base64"])
    return value


def export_data(path: str | os.PathLike | None = None) -> dict:
    """Every row of the store at ``path`` as plain data (one consistent snapshot)."""
    from roster.store.store import Store

    with Store(path, create=False) as store:
        con = store.con
        con.execute("BEGIN")  # a read transaction: one snapshot even if a writer is busy
        try:
            tables = {}
            for table in TABLES:
                rows = con.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
                tables[table] = [{k: _cell(v) for k, v in dict(r).items()} for r in rows]
            ver = version(con)
        finally:
            con.execute("COMMIT")
    return {"format": FORMAT, "schema_version": ver, "tables": tables}


def export_db(out: str | os.PathLike, path: str | os.PathLike | None = None) -> dict[str, int]:
    """Write the backup file (atomically, mode 0600); returns rows per table."""
    data = export_data(path)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1, sort_keys=True)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return {t: len(rows) for t, rows in data["tables"].items()}


def read_backup(file: str | os.PathLike) -> dict:
    file = Path(file)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(f"{file}: file not found") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise StoreError(f"{file}: not a JSON backup ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StoreError(f"{file}: format: expected \"{FORMAT}\" (a file from roster export-db)")
    ver = data.get("schema_version")
    if not isinstance(ver, int) or not 1 <= ver <= LATEST:
        raise StoreError(f"{file}: schema_version: expected 1..{LATEST}, got {ver!r}")
    tables = data.get("tables")
    if not isinstance(tables, dict) or not all(isinstance(tables.get(t, []), list) for t in TABLES):
        raise StoreError(f"{file}: tables: expected an object of lists of rows")
    return data


def import_db(file: str | os.PathLike, path: str | os.PathLike | None = None, *,
              replace: bool = False) -> dict[str, int]:
    """Restore a backup into the store at ``path``; refuses a store with data unless ``replace``.

    Close other programs using the store (the front end) before replacing it.
    """
    data = read_backup(file)
    target = db_path(path)
    if target.exists() and target.stat().st_size > 0 and not replace:
        from roster.store.store import Store

        with Store(target) as store:
            if not store.is_empty():
                raise StoreError(f"{target} already holds data; restore with --replace to overwrite "
                                 "it (export it first if you may need it)")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".restore")
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    counts: dict[str, int] = {}
    try:
        create_private_file(tmp)
        con = connect(tmp)
        try:
            migrate(con, target=data["schema_version"])
            with transaction(con):
                con.execute("PRAGMA defer_foreign_keys=ON")  # rows may point forward (superseded_by)
                for table in TABLES:
                    known = {r[1] for r in con.execute(f"PRAGMA table_info({table})")}
                    rows = data["tables"].get(table, [])
                    counts[table] = len(rows)
                    for i, row in enumerate(rows):
                        if not isinstance(row, dict) or not row:
                            raise StoreError(f"{file}: tables.{table}[{i}]: expected a row object")
                        cols = list(row)
                        unknown = [c for c in cols if c not in known]
                        if unknown:
                            raise StoreError(f"{file}: tables.{table}[{i}]: unknown column "
                                             f"'{unknown[0]}' for schema version "
                                             f"{data['schema_version']}")
                        sql = (f"INSERT INTO {table} ({', '.join(cols)}) "
                               f"VALUES ({', '.join('?' for _ in cols)})")
                        try:
                            con.execute(sql, [_uncell(row[c]) for c in cols])
                        except Exception as exc:
                            raise StoreError(f"{file}: tables.{table}[{i}]: {exc}") from None
            migrate(con)
            bad = con.execute("PRAGMA foreign_key_check").fetchall()
            if bad:
                raise StoreError(f"{file}: {len(bad)} rows refer to missing rows (table {bad[0][0]})")
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{file}: the rows do not fit together ({exc})") from None
        finally:
            con.close()
        _replace_db(tmp, target)
    finally:
        for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            p.unlink(missing_ok=True)
    return counts


def _replace_db(new: Path, target: Path) -> None:
    """Move a finished database over the target, folding the target's WAL away first."""
    if target.exists() and target.stat().st_size > 0:
        con = connect(target)
        try:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            con.execute("PRAGMA journal_mode=DELETE")
        finally:
            con.close()
    os.replace(new, target)
    for side in (Path(f"{target}-wal"), Path(f"{target}-shm")):
        side.unlink(missing_ok=True)
