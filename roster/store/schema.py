"""The store's schema as ordered migrations; opening an older file brings it up to date.

Each migration is a function of a connection, run inside the caller's transaction, and
the version reached is written to ``schema_version``. Add a migration at the end; never
edit one that has shipped.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable

from roster.store.db import StoreError


def _v1(con: sqlite3.Connection) -> None:
    """Units, scenario versions, rotas with status, absences after publication, change log."""
    for sql in (
        """CREATE TABLE units (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            service TEXT NOT NULL DEFAULT '',
            staff TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL)""",
        """CREATE TABLE scenarios (
            id INTEGER PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES units(id),
            sha256 TEXT NOT NULL,
            format TEXT NOT NULL CHECK (format IN ('toml', 'json', 'xlsx')),
            text TEXT,
            data BLOB,
            filename TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (unit_id, sha256))""",
        """CREATE TABLE rotas (
            id INTEGER PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES units(id),
            scenario_id INTEGER REFERENCES scenarios(id),
            status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
            start_date TEXT NOT NULL,
            end_date TEXT NOT NULL,
            content TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            published_at TEXT,
            published_by TEXT,
            superseded_at TEXT,
            superseded_by INTEGER REFERENCES rotas(id))""",
        # the database itself guarantees one published rota per unit and period
        """CREATE UNIQUE INDEX rotas_one_published ON rotas (unit_id, start_date, end_date)
            WHERE status = 'published'""",
        "CREATE INDEX rotas_unit ON rotas (unit_id, start_date)",
        """CREATE TABLE absences (
            id INTEGER PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES units(id),
            rota_id INTEGER REFERENCES rotas(id),
            staff TEXT NOT NULL,
            start_date TEXT NOT NULL,
            end_date TEXT NOT NULL,
            kind TEXT NOT NULL,
            percent INTEGER NOT NULL DEFAULT 100,
            registered_at TEXT NOT NULL,
            registered_by TEXT NOT NULL)""",
        """CREATE TABLE changes (
            id INTEGER PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES units(id),
            rota_id INTEGER NOT NULL REFERENCES rotas(id),
            replaces_id INTEGER REFERENCES rotas(id),
            action TEXT NOT NULL CHECK (action IN ('publish', 'replan')),
            at TEXT NOT NULL,
            user TEXT NOT NULL,
            summary TEXT NOT NULL,
            diff TEXT NOT NULL DEFAULT '{}')""",
    ):
        con.execute(sql)


def _v2(con: sqlite3.Connection) -> None:
    """A note per rota, and a record of erasures (pseudonym only: no link back to the person)."""
    con.execute("ALTER TABLE rotas ADD COLUMN note TEXT")
    con.execute("""CREATE TABLE forgotten (
        id INTEGER PRIMARY KEY,
        unit_id INTEGER NOT NULL REFERENCES units(id),
        pseudonym TEXT NOT NULL,
        at TEXT NOT NULL,
        user TEXT NOT NULL,
        UNIQUE (unit_id, pseudonym))""")


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1, _v2)
LATEST = len(MIGRATIONS)
TABLES = ("units", "scenarios", "rotas", "absences", "changes", "forgotten")
"""Data tables in dependency order (parents first): the order backups are written and read."""


def version(con: sqlite3.Connection) -> int:
    """The schema version of an open file: 0 for a new, empty file."""
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "schema_version" not in names:
        if names:
            found = ", ".join(sorted(map(str, names))[:5])
            raise StoreError("not a rota store (planner database): this SQLite file has tables of "
                             f"another program (found {found})",
                             nb="ikke en turnusbase (planleggerens database): denne SQLite-filen har "
                                f"tabeller fra et annet program (fant {found})")
        return 0
    try:
        values = [r[0] for r in con.execute("SELECT version FROM schema_version")]
    except sqlite3.OperationalError:
        raise StoreError("damaged store: table schema_version has no column version",
                         nb="skadet turnusbase: tabellen schema_version har ingen kolonne version") from None
    if not values:
        raise StoreError("damaged store: table schema_version is empty",
                         nb="skadet turnusbase: tabellen schema_version er tom")
    if any(type(v) is not int or v < 1 for v in values):
        raise StoreError("damaged store: table schema_version: expected whole numbers from 1",
                         nb="skadet turnusbase: tabellen schema_version: forventet heltall fra 1")
    return max(values)


@functools.cache
def expected_columns(ver: int) -> dict[str, tuple[str, ...]]:
    """The data tables and their columns at schema version ``ver`` (from a scratch database)."""
    con = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(con, target=ver)
        return {t: tuple(r[1] for r in con.execute(f"PRAGMA table_info({t})"))
                for t in TABLES
                if con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                               (t,)).fetchone()}
    finally:
        con.close()


def check_schema(con: sqlite3.Connection) -> int:
    """The file's version, after checking it has every table and column of that version."""
    ver = version(con)
    if not 1 <= ver <= LATEST:
        return ver
    for table, columns in expected_columns(ver).items():
        found = {r[1] for r in con.execute(f"PRAGMA table_info({table})")}
        if not found:
            raise StoreError(f"damaged store: table {table} is missing (schema version {ver})",
                             nb=f"skadet turnusbase: tabellen {table} mangler (skjemaversjon {ver})")
        missing = [c for c in columns if c not in found]
        if missing:
            raise StoreError(f"damaged store: table {table} has no column {missing[0]} "
                             f"(schema version {ver})",
                             nb=f"skadet turnusbase: tabellen {table} har ingen kolonne {missing[0]} "
                                f"(skjemaversjon {ver})")
    return ver


def migrate(con: sqlite3.Connection, target: int = LATEST) -> int:
    """Bring the schema up to ``target`` in one transaction; returns the version before."""
    from roster.store.db import transaction

    before = version(con)
    if before > LATEST:
        raise StoreError(f"the store has schema version {before}, newer than this program "
                         f"knows ({LATEST}); update the planner",
                         nb=f"turnusbasen har skjemaversjon {before}, nyere enn dette programmet "
                            f"kjenner ({LATEST}); oppdater planleggeren")
    if before >= target:
        return before  # nothing to do: no write lock taken, readers open alongside a writer
    with transaction(con):
        before = version(con)
        if before == 0:
            con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT "
                        "NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))")
        for number in range(before + 1, target + 1):
            MIGRATIONS[number - 1](con)
            con.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))
    return before
