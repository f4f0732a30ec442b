"""Opening the store's SQLite file: where it lives, its permissions, pragmas, transactions.

The store is one embedded SQLite file (Python's own ``sqlite3``; nothing to install and no
server). It holds sick leave, which is health data (GDPR art. 9), so the file is readable
by its owner only (0600: created so, and tightened when found wider) and deleted rows are
overwritten (``secure_delete``). Nothing here opens a network connection.

A path that is not a store is refused before SQLite writes a byte to it: a folder, a pipe
or device (never opened), a file that is not an SQLite database (``notes.txt``), or the
SQLite database of another program. SQLite errors met while using a store become
``StoreError`` ("damaged store", "busy"); only errors in the planner's own SQL stay bugs.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from roster import safe_io
from roster.errors import UserError
from roster.input_files import check_regular, regular_file

DEFAULT_DB = "turnus.db"
ENV_DB = "TURNUS_DB"
SQLITE_MAGIC = b"SQLite format 3\x00"
PRIVATE_MODE = 0o600
SIDE_FILES = ("-wal", "-shm", "-journal")
NOT_A_STORE = "not a rota store (planner database)"
NOT_A_STORE_NB = "ikke en turnusbase (planleggerens database)"


class StoreError(UserError):
    """A store file that cannot be used, or a request the store refuses; CLI exit 1."""


def db_path(path: str | os.PathLike | None = None) -> Path:
    """The store file: the given path, else ``$TURNUS_DB``, else ``./turnus.db``."""
    if path:
        return Path(path)
    env = os.environ.get(ENV_DB, "").strip()
    return Path(env) if env else Path(DEFAULT_DB)


def os_reason(exc: OSError, lang: str = "en") -> str:
    return safe_io.os_reason(exc, lang)


def side_files(path: Path) -> list[Path]:
    """SQLite's files beside a database: ``-wal``, ``-shm`` (and ``-journal``)."""
    return [Path(f"{path}{suffix}") for suffix in SIDE_FILES]


def check_store_file(path: Path) -> None:
    """Refuse a path that cannot be a store, before SQLite opens (and perhaps writes) it.

    A missing or empty file is fine (a new store). A folder, a pipe or a device is refused
    without opening it; any other file must start with the SQLite header.
    """
    info = regular_file(path, fail=_store_fail(path), what="database file", missing_ok=True)
    if info is None or info.st_size == 0:
        return
    if read_header(path) != SQLITE_MAGIC:
        raise StoreError(f"{path}: {NOT_A_STORE}: it is not an SQLite database file; nothing was "
                         "changed",
                         nb=f"{path}: {NOT_A_STORE_NB}: den er ikke en SQLite-databasefil; ingenting "
                            "ble endret")


def _store_fail(path: Path) -> Callable[[str], StoreError]:
    return lambda message: StoreError(f"{path}: {message}")


def read_header(path: Path) -> bytes:
    """The first 16 bytes of a regular file (opened non-blocking: never waits on a pipe)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise StoreError(f"{path}: cannot read it ({os_reason(exc)})",
                         nb=f"{path}: kan ikke lese den ({os_reason(exc, 'nb')})") from None
    try:
        check_regular(os.fstat(fd), fail=_store_fail(path), what="database file")
        return os.read(fd, len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"{path}: cannot read it ({os_reason(exc)})",
                         nb=f"{path}: kan ikke lese den ({os_reason(exc, 'nb')})") from None
    finally:
        os.close(fd)


def create_private_file(path: Path) -> None:
    """Create an empty file with mode 0600 (owner read/write only) if it does not exist.

    SQLite gives its ``-wal`` and ``-shm`` side files the same mode as the database file.
    """
    if path.exists():
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_MODE)
    except FileExistsError:
        return
    except OSError as exc:
        raise StoreError(f"{path}: cannot create the store here ({os_reason(exc)})",
                         nb=f"{path}: kan ikke lage turnusbasen her ({os_reason(exc, 'nb')})") from None
    os.close(fd)
    os.chmod(path, PRIVATE_MODE)


def make_private(path: Path) -> None:
    """Take the group's and others' access away from a store file (and its side files) of
    ours: 0644 becomes 0600, a read-only 0444 becomes 0400 (the owner's bits stay as they
    are: reading a store never makes it writable)."""
    for p in (path, *side_files(path)):
        try:
            st = os.stat(p)
            if stat.S_ISREG(st.st_mode) and st.st_mode & 0o077 and st.st_uid == os.geteuid():
                os.chmod(p, stat.S_IMODE(st.st_mode) & 0o700)
        except (OSError, AttributeError):  # gone, not ours, or no geteuid (Windows)
            continue


def foreign_tables(con: sqlite3.Connection) -> list[str]:
    """The tables of an SQLite file that is not a store (no ``schema_version``); else []."""
    names = sorted(str(r[0]) for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
    return [] if not names or "schema_version" in names else names


def shown_names(names: list[str]) -> str:
    """Table names of a foreign file for a message: a few, without control characters."""
    shown = [re.sub(r"[\x00-\x1f\x7f-\x9f]", "?", n)[:40] for n in names[:5]]
    return ", ".join(shown) + (", ..." if len(names) > 5 else "")


def connect(path: Path) -> sqlite3.Connection:
    """An autocommit connection (transactions are explicit, see ``transaction``)."""
    check_store_file(path)
    create_private_file(path)
    con = None
    try:
        con = sqlite3.connect(str(path), isolation_level=None, timeout=10.0)
        con.row_factory = sqlite3.Row
        con.execute("PRAGMA busy_timeout=10000")
        # read-only look first: the WAL switch below writes the file header
        foreign = foreign_tables(con)
        if foreign:
            raise StoreError(f"{path}: {NOT_A_STORE}: this SQLite file belongs to another program "
                             f"(tables: {shown_names(foreign)}); nothing was changed",
                             nb=f"{path}: {NOT_A_STORE_NB}: denne SQLite-filen tilhører et annet "
                                f"program (tabeller: {shown_names(foreign)}); ingenting ble endret")
        # WAL: readers never block the writer and a killed writer leaves the last commit intact;
        # synchronous=FULL: a committed publish survives a power cut too.
        mode = con.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            con.execute("PRAGMA journal_mode=DELETE")
        con.execute("PRAGMA synchronous=FULL")
        con.execute("PRAGMA foreign_keys=ON")
        con.execute("PRAGMA secure_delete=ON")
    except sqlite3.DatabaseError as exc:
        if con is not None:
            con.close()
        raise sqlite_failure(exc, path) or StoreError(f"{path}: {NOT_A_STORE} ({exc})",
                                                      nb=f"{path}: {NOT_A_STORE_NB}") from None
    except BaseException:
        if con is not None:
            con.close()
        raise
    return con


def sqlite_failure(exc: sqlite3.Error, path: Path) -> StoreError | None:
    """The user-facing error for an SQLite error met on a store file; None for a bug in our SQL.

    Messages never carry stored text (SQLite quotes it for a column that is not UTF-8).
    """
    if isinstance(exc, sqlite3.ProgrammingError | sqlite3.InterfaceError | sqlite3.Warning):
        return None
    message = str(exc).split(" with text ", 1)[0]
    low = message.lower()
    if "syntax error" in low or "no such function" in low or "bindings" in low:
        return None
    if "locked" in low or "busy" in low:
        return StoreError(f"{path}: the store is busy (another program is writing to it); try again, "
                          "and close the app if it stays busy",
                          nb=f"{path}: turnusbasen er opptatt (et annet program skriver til den); prøv "
                             "igjen, og lukk appen hvis den forblir opptatt")
    reason_nb = next((words for key, words in SQLITE_REASONS_NB if key in low), None)
    if reason_nb is not None:
        return StoreError(f"{path}: cannot use the store file ({message})",
                          nb=f"{path}: kan ikke bruke filen til turnusbasen ({reason_nb})")
    if "not a database" in low or "file is encrypted" in low:
        return StoreError(f"{path}: {NOT_A_STORE}: not an SQLite database ({message})",
                          nb=f"{path}: {NOT_A_STORE_NB}: ikke en SQLite-database")
    if "could not decode" in low:
        return StoreError(f"{path}: damaged store: a text column holds bytes that are not UTF-8 "
                          f"({message})",
                          nb=f"{path}: skadet turnusbase: en tekstkolonne har bytes som ikke er UTF-8")
    if isinstance(exc, sqlite3.IntegrityError):
        return StoreError(f"{path}: the store refused the change ({message}); another program may "
                          "have changed it at the same time, or the file is damaged",
                          nb=f"{path}: turnusbasen avviste endringen; et annet program kan ha endret "
                             "den samtidig, eller filen er skadet")
    return StoreError(f"{path}: damaged store ({message}); restore a backup with "
                      "roster import-db --replace",
                      nb=f"{path}: skadet turnusbase; hent tilbake en sikkerhetskopi med "
                         "roster import-db --replace")


SQLITE_REASONS_NB = (
    ("readonly", "skrivebeskyttet"), ("read-only", "skrivebeskyttet"),
    ("unable to open", "kan ikke åpnes"), ("disk i/o", "lese- eller skrivefeil på disken"),
    ("full", "disken er full"), ("permission", "ingen tilgang"),
)
"""SQLite's reasons a store file cannot be used, in bokmål (SQLite's message says them in
English)."""


@contextmanager
def sqlite_errors(path: Path) -> Iterator[None]:
    """Turn an SQLite error on the store file into a ``StoreError`` (exit 1, no traceback)."""
    try:
        yield
    except sqlite3.Error as exc:
        failure = sqlite_failure(exc, path)
        if failure is None:
            raise
        raise failure from None


def damaged(path: Path, table: str, row: object, column: str | None, message: str) -> StoreError:
    """``damaged store: table X row Y: column Z: what was expected`` for a row read back."""
    from roster.nb_messages import message as said

    col, col_nb = (f": column {column}", f": kolonne {column}") if column else ("", "")
    return StoreError(f"{path}: damaged store: table {table} row {row}{col}: {message}",
                      nb=f"{path}: skadet turnusbase: tabell {table} rad {row}{col_nb}: "
                         f"{said(message, 'nb')}")


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
