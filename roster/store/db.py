"""Opening the store's SQLite file: where it lives, its permissions, pragmas, transactions.

The store is one embedded SQLite file (Python's own ``sqlite3``; nothing to install and no
server). It holds sick leave, which is health data (GDPR art. 9), so the file is created
readable by its owner only (0600) and deleted rows are overwritten (``secure_delete``).
Nothing here opens a network connection.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from roster.errors import UserError

DEFAULT_DB = "turnus.db"
ENV_DB = "TURNUS_DB"


class StoreError(UserError):
    """A store file that cannot be used, or a request the store refuses; CLI exit 1."""


def db_path(path: str | os.PathLike | None = None) -> Path:
    """The store file: the given path, else ``$TURNUS_DB``, else ``./turnus.db``."""
    if path:
        return Path(path)
    env = os.environ.get(ENV_DB, "").strip()
    return Path(env) if env else Path(DEFAULT_DB)


def create_private_file(path: Path) -> None:
    """Create an empty file with mode 0600 (owner read/write only) if it does not exist.

    SQLite gives its ``-wal`` and ``-shm`` side files the same mode as the database file.
    """
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)
    os.chmod(path, 0o600)


def connect(path: Path) -> sqlite3.Connection:
    """An autocommit connection (transactions are explicit, see ``transaction``)."""
    if path.exists() and path.is_dir():
        raise StoreError(f"{path}: is a folder; give the path of a database file")
    create_private_file(path)
    try:
        con = sqlite3.connect(str(path), isolation_level=None, timeout=10.0)
        con.row_factory = sqlite3.Row
        # WAL: readers never block the writer and a killed writer leaves the last commit intact;
        # synchronous=FULL: a committed publish survives a power cut too.
        mode = con.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            con.execute("PRAGMA journal_mode=DELETE")
        con.execute("PRAGMA synchronous=FULL")
        con.execute("PRAGMA foreign_keys=ON")
        con.execute("PRAGMA secure_delete=ON")
        con.execute("PRAGMA busy_timeout=10000")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a rota store database ({exc})") from None
    return con


@contextmanager
def transaction(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One all-or-nothing write: ``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any error.

    A process killed inside the block leaves no trace: SQLite ignores uncommitted WAL frames
    when the file is opened again.
    """
    con.execute("BEGIN IMMEDIATE")
    try:
        yield con
        con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise
