"""Backup to a plain JSON file and restore from it (``roster export-db`` / ``import-db``).

The file holds every row of every table, with the schema version it was written at, so a
restore reproduces the same data (same ids, same texts). The backup holds health data: it
is written with mode 0600.

A restore trusts nothing in the file: it must be a regular file (a pipe is never opened)
of at most ``MAX_BACKUP_BYTES``, UTF-8 JSON in the ``turnus-db/1`` format, and every row is
checked against what its table holds (``roster.store.validate``: types, ranges, dates,
JSON shapes, rota.json content, scenario text) before it is written. One bad row refuses
the whole backup with a message naming the table, the row index and the column. The
restore is built in a locked work file next to the target (``roster.store.restore_files``)
and moved into place only when complete: an interrupted or refused restore leaves the store
as it was, and a work file left by a killed restore is removed on the next use of the store.
"""

from __future__ import annotations

import base64
import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from roster.input_files import read_bytes
from roster.store import restore_files
from roster.store.db import (
    NOT_A_STORE,
    StoreError,
    check_store_file,
    connect,
    db_path,
    foreign_tables,
    os_reason,
    shown_names,
    side_files,
    sqlite_errors,
    transaction,
)
from roster.store.schema import LATEST, TABLES, expected_columns, migrate, version
from roster.store.validate import Invalid, check_row, decode_backup_cell

FORMAT = "turnus-db/1"
MAX_BACKUP_BYTES = 256 * 1024 * 1024
MAX_ROWS = 1_000_000
"""Rows per table in a backup."""


def _cell(value: object) -> object:
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode("ascii")}
    return value


def export_data(path: str | os.PathLike | None = None) -> dict:
    """Every row of the store at ``path`` as plain data (one consistent snapshot).

    Rows are exported as they are, even damaged ones: a backup is the way to rescue a
    store, and ``import-db`` names any row that needs mending by hand.
    """
    from roster.store.store import Store

    with Store(path, create=False) as store, sqlite_errors(store.path):
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
    from roster.safe_io import write_text

    data = export_data(path)
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    write_text(out, text, private=True)
    return {t: len(rows) for t, rows in data["tables"].items()}


# --- reading a backup -----------------------------------------------------------------


def read_backup_bytes(file: Path) -> bytes:
    """The bytes of a backup file: a regular file within the size limit, never a pipe."""
    def too_big(size: int | None) -> str:
        return (f"is {size} bytes; " if size is not None else "") + \
            f"a backup is at most {MAX_BACKUP_BYTES} bytes"

    return read_bytes(file, fail=lambda message: StoreError(f"{file}: {message}"),
                      limit=MAX_BACKUP_BYTES, what="backup file written by roster export-db",
                      too_big=too_big)


def read_backup(file: str | os.PathLike) -> dict:
    """A backup file parsed, with its format, schema version and table lists checked."""
    file = Path(file)
    raw = read_backup_bytes(file)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StoreError(f"{file}: not a backup: not UTF-8 text (byte {exc.start}); expected the "
                         "JSON file written by roster export-db") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StoreError(f"{file}: not a JSON backup (line {exc.lineno}, column {exc.colno}: "
                         f"{exc.msg})") from None
    except (ValueError, RecursionError):
        raise StoreError(f"{file}: not a JSON backup (it nests too deeply or has a number too "
                         "long)") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StoreError(f"{file}: format: expected \"{FORMAT}\" (a file from roster export-db)")
    ver = data.get("schema_version")
    if type(ver) is not int or not 1 <= ver <= LATEST:
        shown = ver if type(ver) is int else type(ver).__name__
        raise StoreError(f"{file}: schema_version: expected 1..{LATEST}, got {shown}")
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise StoreError(f"{file}: tables: expected an object of lists of rows")
    known = expected_columns(ver)
    for name, rows in tables.items():
        if name not in known:
            raise StoreError(f"{file}: tables: unknown table {str(name)[:40]!r} for schema version "
                             f"{ver} (expected {', '.join(known)})")
        if not isinstance(rows, list):
            raise StoreError(f"{file}: tables.{name}: expected a list of rows")
        if len(rows) > MAX_ROWS:
            raise StoreError(f"{file}: tables.{name}: {len(rows)} rows; at most {MAX_ROWS} per table")
    return data


def backup_row(file: Path, table: str, index: int, row: Any, columns: tuple[str, ...]) -> dict:
    """One backup row as SQLite values, every column checked; ``StoreError`` names the row."""
    where = f"{file}: tables.{table}[{index}]"
    if not isinstance(row, dict):
        raise StoreError(f"{where}: expected a row object")
    unknown = [str(c)[:40] for c in row if c not in columns]
    if unknown:
        raise StoreError(f"{where}: unknown column {unknown[0]!r} (expected {', '.join(columns)})")
    missing = [c for c in columns if c not in row]
    if missing:
        raise StoreError(f"{where}.{missing[0]}: missing (a backup row has every column)")
    try:
        values = {c: decode_backup_cell(table, c, row[c]) for c in columns}
        check_row(table, values)
    except Invalid as exc:
        raise StoreError(f"{where}.{exc.column}: {exc.message}" if exc.column
                         else f"{where}: {exc.message}") from None
    return values


# --- restoring ------------------------------------------------------------------------


def import_db(file: str | os.PathLike, path: str | os.PathLike | None = None, *,
              replace: bool = False, on_step: Callable[[str], None] | None = None) -> dict[str, int]:
    """Restore a backup into the store at ``path``; refuses a store with data unless ``replace``.

    Close other programs using the store (the front end) before replacing it. ``on_step(name)``
    is called after each table's rows are written (``name`` is the table) and with ``"built"``
    before the move into place (progress; the crash test uses it).
    """
    step = on_step or (lambda name: None)
    file = Path(file)
    data = read_backup(file)
    target = db_path(path)
    restore_files.sweep(target)
    check_target(target, replace)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with restore_files.RestoreFile(target) as work:
            counts = build_restore(work.path, file, data, step)
            step("built")
            work.release()  # SQLite has closed it; the lock goes before the move
            replace_db(work.path, target)
    except OSError as exc:
        raise StoreError(f"{target}: could not write the restored store ({os_reason(exc)}); the "
                         "store is unchanged") from None
    return counts


def check_target(target: Path, replace: bool) -> None:
    """The target must be no file, a new file, or a store; one with data only with ``replace``."""
    from roster.store.store import Store

    check_store_file(target)
    if not target.exists() or target.stat().st_size == 0:
        return
    refuse_foreign(target)
    if replace:
        return
    try:
        with Store(target) as store:
            empty = store.is_empty()
    except StoreError as exc:
        raise StoreError(f"{exc}; to restore over it, add --replace") from None
    if not empty:
        raise StoreError(f"{target} already holds data; restore with --replace to overwrite "
                         "it (export it first if you may need it)")


def refuse_foreign(target: Path) -> None:
    """Never replace another program's SQLite database; a damaged store may be replaced."""
    try:
        con = sqlite3.connect(str(target))  # reads only; its side files go when it closes
        try:
            foreign = foreign_tables(con)
        finally:
            con.close()
    except sqlite3.Error:
        return  # unreadable: a damaged store, which a restore may replace
    if foreign:
        raise StoreError(f"{target}: {NOT_A_STORE}: this SQLite file belongs to another program "
                         f"(tables: {shown_names(foreign)}); refusing to replace it")


def build_restore(work: Path, file: Path, data: dict, step: Callable[[str], None]) -> dict[str, int]:
    """Write every row of the backup into the new database ``work``; returns rows per table."""
    ver = data["schema_version"]
    counts: dict[str, int] = {}
    con = connect(work)
    try:
        migrate(con, target=ver)
        index_of: dict[str, dict[int, int]] = {}
        with transaction(con):
            con.execute("PRAGMA defer_foreign_keys=ON")  # rows may point forward (superseded_by)
            for table, columns in expected_columns(ver).items():
                rows = data["tables"].get(table, [])
                counts[table] = len(rows)
                index_of[table] = {}
                for i, row in enumerate(rows):
                    values = backup_row(file, table, i, row, columns)
                    insert_row(con, file, table, i, values)
                    index_of[table][values["id"]] = i
                step(table)
            check_references(con, file, index_of)
        migrate(con)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{file}: the rows do not fit together ({str(exc).split(' with text ')[0]})") \
            from None
    finally:
        con.close()
    return {t: counts.get(t, 0) for t in TABLES}


def check_references(con: sqlite3.Connection, file: Path, index_of: dict[str, dict[int, int]]) -> None:
    """Every reference to another row points at a row of the backup (named, before the commit)."""
    bad = con.execute("PRAGMA foreign_key_check").fetchall()
    if bad:
        table, rowid, parent = bad[0][0], bad[0][1], bad[0][2]
        i = index_of.get(table, {}).get(rowid, "?")
        raise StoreError(f"{file}: tables.{table}[{i}] (id {rowid}) refers to a row of {parent} "
                         f"that is not in the backup ({len(bad)} such references)")


def insert_row(con: sqlite3.Connection, file: Path, table: str, index: int, values: dict) -> None:
    cols = list(values)
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
    try:
        con.execute(sql, [values[c] for c in cols])
    except sqlite3.DatabaseError as exc:
        reason = str(exc).split(" with text ")[0]
        raise StoreError(f"{file}: tables.{table}[{index}]: {reason}") from None


def replace_db(new: Path, target: Path) -> None:
    """Move a finished database over the target, folding the target's WAL away first.

    The old side files go before the move: an old WAL must never be read with the new file.
    """
    if target.exists() and target.stat().st_size > 0:
        try:
            con = connect(target)
            try:
                con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                con.execute("PRAGMA journal_mode=DELETE")
            finally:
                con.close()
        except (StoreError, sqlite3.Error):
            pass  # a damaged store being replaced: nothing of it to keep
    for side in side_files(target):
        side.unlink(missing_ok=True)
    os.replace(new, target)
    for side in side_files(target):
        side.unlink(missing_ok=True)
