"""The rota store: backups (export-db JSON) with damaged headers and rows, and database files
that are not a store, are cut short, come from a newer program or hold damaged rows."""

from __future__ import annotations

import base64
import datetime as dt
import json
import sqlite3
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from fuzz import mutate as m
from fuzz import tomlw
from fuzz.cases import STATE, Case, FileSpec
from fuzz.common import built, fifo, folder, json_builder, make, seed, text_builder
from fuzz.seeds import TINY_UNIT, UNIT, Seeds
from fuzz.textmut import text_mutations

BACKUP_KIND, DB_KIND = "store-backup", "store-db"
NEXT = "next.toml"


def _next_period(seeds: Seeds) -> bytes:
    """The tiny scenario one week later: its previous period is the stored tiny rota."""
    data = tomllib.loads(seeds.text("tiny.toml"))

    def move(v: Any) -> Any:
        if isinstance(v, dt.date):
            return v + dt.timedelta(days=7)
        if isinstance(v, dict):
            return {k: move(x) for k, x in v.items()}
        if isinstance(v, list):
            return [move(x) for x in v]
        return v

    return tomlw.dumps(move(data)).encode()


def store_steps(db: str) -> list[tuple[str, ...]]:
    """Every command that reads the store, then the ones that write to it."""
    return [
        ("units", "--db", db),
        ("history", "--unit", UNIT, "--details", "--db", db),
        ("history", "--unit", TINY_UNIT, "--db", db),
        ("export-db", "--out", "again.json", "--db", db),
        ("solve", NEXT, "--unit", TINY_UNIT, "--db", db, "--out", "out", "--time-limit", "2"),
        ("publish", "tiny-rota.json", "--unit", TINY_UNIT, "--scenario", "tiny.toml", "--db", db),
        ("forget", "s1", "--unit", TINY_UNIT, "--yes", "--db", db),
    ]


def _helpers() -> list:
    return [built(NEXT, _next_period), seed("tiny-rota.json"), seed("tiny.toml")]


# --- backups -------------------------------------------------------------------------


def _restore_steps() -> list[tuple[str, ...]]:
    return [("import-db", "backup.json", "--db", "restored.db"), *store_steps("restored.db")]


def _table_row(table: str, key: str, value: Any, index: int = 0) -> Any:
    return lambda d: m.set_at(d, ("tables", table, index, key), value)


def _rota_content(change: Any) -> Any:
    def mutate(d: Any) -> Any:
        content = json.loads(d["tables"]["rotas"][0]["content"])
        return m.set_at(d, ("tables", "rotas", 0, "content"), json.dumps(change(content)))

    return mutate


def _append_copy(table: str) -> Any:
    return lambda d: m.set_at(d, ("tables", table), d["tables"][table] + d["tables"][table][:1])


HEADER: dict[str, Any] = {
    "format-missing": lambda d: {k: v for k, v in d.items() if k != "format"},
    "format-int": lambda d: {**d, "format": 5},
    "format-v2": lambda d: {**d, "format": "turnus-db/2"},
    **{
        f"schema-version={name}": (lambda d, v=v: {**d, "schema_version": v})
        for name, v in {
            "0": 0,
            "3": 3,
            "99": 99,
            "text": "2",
            "true": True,
            "float": 2.0,
            "nan": float("nan"),
            "negative": -1,
            "2^70": 2**70,
            "null": None,
        }.items()
    },
    **{
        f"tables={name}": (lambda d, v=v: {**d, "tables": v})
        for name, v in {
            "int": 5,
            "list": [],
            "text": "x",
            "null": None,
            "rotas-int": {"rotas": 5},
            "rotas-list-of-int": {"rotas": [5]},
            "rotas-empty-row": {"rotas": [{}]},
            "sql-in-name": {"evil; DROP TABLE units": []},
            "empty": {},
        }.items()
    },
    "tables-no-units": lambda d: m.delete_at(d, ("tables", "units")),
}

ROWS: dict[str, Any] = {
    "rota-content-int": _table_row("rotas", "content", 5),
    "rota-content-not-json": _table_row("rotas", "content", "not json"),
    "rota-content-empty-object": _table_row("rotas", "content", "{}"),
    "rota-content-null": _table_row("rotas", "content", "null"),
    "rota-content-list": _table_row("rotas", "content", "[]"),
    "rota-content-format-v2": _rota_content(lambda c: {**c, "format": "rota/2"}),
    "rota-content-bad-start": _rota_content(lambda c: {**c, "start": "x"}),
    "rota-content-nan": _rota_content(lambda c: m.set_at(c, ("staff", 0, "fte"), float("nan"))),
    "rota-content-assignments-int": _rota_content(lambda c: {**c, "assignments": 5}),
    "rota-content-10mb": _table_row(
        "rotas", "content", '{"format": "rota/1", "x": "' + "x" * 10_000_000 + '"}'
    ),
    "rota-status-weird": _table_row("rotas", "status", "weird"),
    "rota-start-text": _table_row("rotas", "start_date", "x"),
    "rota-start-9999": _table_row("rotas", "start_date", "9999-12-31"),
    "rota-end-year1": _table_row("rotas", "end_date", "0001-01-01"),
    "rota-id-text": _table_row("rotas", "id", "x"),
    "rota-id-null": _table_row("rotas", "id", None),
    "rota-id-2^70": _table_row("rotas", "id", 2**70),
    "rota-id-nan": _table_row("rotas", "id", float("nan")),
    "rota-duplicate-id": _append_copy("rotas"),
    "rota-unit-missing": _table_row("rotas", "unit_id", 999),
    "rota-superseded-by-missing": _table_row("rotas", "superseded_by", 999),
    "rota-published-at-text": _table_row("rotas", "published_at", "x"),
    "rota-note-object": _table_row("rotas", "note", {"a": 1}),
    "rota-note-list": _table_row("rotas", "note", [1, 2]),
    "rota-sql-column": _table_row("rotas", "evil) VALUES (1); DROP TABLE units; --", 1),
    "unit-name-int": _table_row("units", "name", 5),
    "unit-name-formula": _table_row("units", "name", "=cmd|' /C calc'!A0"),
    "unit-staff-not-json": _table_row("units", "staff", "not json"),
    "unit-staff-list-of-int": _table_row("units", "staff", "[5]"),
    "scenario-text-garbage": _table_row("scenarios", "text", "garbage = = ="),
    "scenario-format-exe": _table_row("scenarios", "format", "exe"),
    "scenario-data-bad-base64": _table_row("scenarios", "data", {"base64": "!!!"}),
    "scenario-xlsx-random": lambda d: m.set_at(
        m.set_at(d, ("tables", "scenarios", 0, "format"), "xlsx"),
        ("tables", "scenarios", 0, "data"),
        {"base64": base64.b64encode(b"PK\x03\x04" + b"x" * 500).decode()},
    ),
    "scenario-sha-wrong": _table_row("scenarios", "sha256", "0" * 64),
    "change-diff-not-json": _table_row("changes", "diff", "not json"),
    "change-diff-added-int": _table_row("changes", "diff", '{"added": 5}'),
    "change-action-weird": _table_row("changes", "action", "weird"),
    "absence-junk": lambda d: m.set_at(
        d,
        ("tables", "absences"),
        [
            {
                "id": 1,
                "unit_id": 1,
                "rota_id": None,
                "staff": 5,
                "start_date": "x",
                "end_date": "9999-12-31",
                "kind": "=cmd|' /C calc'!A0",
                "percent": "x",
                "registered_at": "x",
                "registered_by": "y",
            }
        ],
    ),
}


def _backup(mutator: Any) -> list:
    return [built("backup.json", json_builder("backup.json", mutator)), *_helpers()]


def _replace(old: bytes, new: bytes) -> Any:
    return lambda raw: raw.replace(old, new, 1)


BACKUP_TEXT: dict[str, Any] = {
    "nan-literal": _replace(b'"schema_version": 2', b'"schema_version": NaN'),
    "deep-nesting": _replace(b'"absences": []', b'"absences": ' + m.nested_array(100_000).encode()),
    "int-5000-digits": _replace(b'"schema_version": 2', b'"schema_version": ' + b"9" * 5000),
}


def backup_cases() -> list[Case]:
    steps = _restore_steps()
    cases = [make(BACKUP_KIND, "header", name, steps, _backup(fn)) for name, fn in HEADER.items()]
    cases += [make(BACKUP_KIND, "damaged-row", name, steps, _backup(fn)) for name, fn in ROWS.items()]
    cases += [
        make(
            BACKUP_KIND,
            mutation,
            detail,
            steps,
            [built("backup.json", text_builder("backup.json", fn)), *_helpers()],
        )
        for mutation, detail, fn in text_mutations("backup")
    ]
    cases += [
        make(
            BACKUP_KIND,
            "json-syntax",
            detail,
            steps,
            [built("backup.json", text_builder("backup.json", fn)), *_helpers()],
        )
        for detail, fn in BACKUP_TEXT.items()
    ]
    cases += [
        make(BACKUP_KIND, "special-file", name, steps[:2], [spec, *_helpers()])
        for name, spec in (("folder", folder("backup.json")), ("fifo", fifo("backup.json")))
    ]
    cases.append(make(BACKUP_KIND, "special-file", "missing", steps[:2], _helpers()))
    existing = seed("store.db")
    cases += [
        make(
            BACKUP_KIND,
            "existing-store",
            "no-replace",
            [("import-db", "backup.json", "--db", "store.db")],
            [seed("backup.json"), existing],
        ),
        make(
            BACKUP_KIND,
            "existing-store",
            "replace",
            [("import-db", "backup.json", "--db", "store.db", "--replace"), *store_steps("store.db")],
            [seed("backup.json"), seed("store.db", role=STATE), *_helpers()],
        ),
        make(
            BACKUP_KIND,
            "existing-store",
            "into-damaged-file",
            [("import-db", "backup.json", "--db", "store.db")],
            [seed("backup.json"), built("store.db", lambda s: s.bytes("store.db")[:2048])],
        ),
        make(
            BACKUP_KIND,
            "existing-store",
            "replace-its-own-file",
            [("import-db", "backup.json", "--db", "backup.json", "--replace")],
            [seed("backup.json")],
        ),
    ]
    return cases


# --- database files ------------------------------------------------------------------


def _sql(*statements: str) -> Any:
    """The seed store with SQL applied (check constraints off, so any value goes in)."""

    def build(seeds: Seeds) -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "store.db"
            path.write_bytes(seeds.bytes("store.db"))
            con = sqlite3.connect(path)
            try:
                con.execute("PRAGMA ignore_check_constraints = ON")
                for sql in statements:
                    con.execute(sql)
                con.commit()
                con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                con.close()
            return path.read_bytes()

    return build


def _plain_sqlite(_seeds: Seeds) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.db"
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE foo (a INTEGER)")
        con.execute("INSERT INTO foo VALUES (1)")
        con.commit()
        con.close()
        return path.read_bytes()


def _head(size: int) -> Any:
    return lambda s: s.bytes("store.db")[:size]


def _patch(offset: int, data: bytes) -> Any:
    def build(seeds: Seeds) -> bytes:
        raw = bytearray(seeds.bytes("store.db"))
        raw[offset : offset + len(data)] = data
        return bytes(raw)

    return build


DAMAGED_FILES: dict[str, Any] = {
    "random-4k": lambda _s: m.random_bytes(m.rng_for("db-4k"), 4096),
    "random-100k": lambda _s: m.random_bytes(m.rng_for("db-100k"), 100_000),
    "text": lambda _s: b"hello, this is not a database\n",
    "toml": lambda s: s.bytes("tiny.toml"),
    "backup-json": lambda s: s.bytes("backup.json"),
    "header-only-100": _head(100),
    "first-1024": _head(1024),
    "first-half": lambda s: s.bytes("store.db")[: len(s.bytes("store.db")) // 2],
    "last-page-cut": lambda s: s.bytes("store.db")[:-4096],
    "wrong-magic": _patch(0, b"SQLite format 4"),
    "bad-page-size": _patch(16, b"\x00\x03"),
    "header-then-random": lambda s: s.bytes("store.db")[:100] + m.random_bytes(m.rng_for("db-tail"), 20_000),
    "flip-200-bytes": lambda s: m.flip_bytes(s.bytes("store.db"), m.rng_for("db-flip"), 200),
    "plain-sqlite": _plain_sqlite,
    "newer-schema": _sql("UPDATE schema_version SET version = 99"),
    "no-schema-table": _sql("DROP TABLE schema_version"),
    "schema-version-text": _sql("UPDATE schema_version SET version = 'x'"),
}

DAMAGED_ROWS: dict[str, tuple[str, ...]] = {
    "content-not-json": ("UPDATE rotas SET content = 'not json'",),
    "content-empty-object": ("UPDATE rotas SET content = '{}'",),
    "content-null": ("UPDATE rotas SET content = 'null'",),
    "content-list": ("UPDATE rotas SET content = '[]'",),
    "content-format-v2": ("UPDATE rotas SET content = replace(content, 'rota/1', 'rota/2')",),
    "content-nan": ("UPDATE rotas SET content = replace(content, '\"fte\": 0.6', '\"fte\": NaN')",),
    "content-bad-dates": ("UPDATE rotas SET content = replace(content, '2027-03-0', '9999-99-9')",),
    "status-weird": ("UPDATE rotas SET status = 'weird'",),
    "start-text": ("UPDATE rotas SET start_date = 'x'",),
    "start-9999": ("UPDATE rotas SET start_date = '9999-12-31', end_date = '9999-12-31'",),
    "end-year1": ("UPDATE rotas SET end_date = '0001-01-01'",),
    "unit-missing": ("UPDATE rotas SET unit_id = 999",),
    "superseded-by-missing": ("UPDATE rotas SET superseded_by = 999",),
    "published-at-text": ("UPDATE rotas SET published_at = 'x', created_at = 'y'",),
    "unit-staff-not-json": ("UPDATE units SET staff = 'not json'",),
    "unit-staff-list-of-int": ("UPDATE units SET staff = '[5]'",),
    "unit-name-formula": ("UPDATE units SET name = '=cmd|'' /C calc''!A0' WHERE id = 1",),
    "diff-not-json": ("UPDATE changes SET diff = 'not json'",),
    "scenario-text-garbage": ("UPDATE scenarios SET text = 'garbage = = ='",),
    "scenario-format-exe": ("UPDATE scenarios SET format = 'exe'",),
    "scenario-random-xlsx": ("UPDATE scenarios SET format = 'xlsx', text = NULL, data = randomblob(500)",),
    "units-deleted": ("DELETE FROM units",),
    "changes-dropped": ("DROP TABLE changes",),
    "insert-trigger-aborts": (
        "CREATE TRIGGER no_insert BEFORE INSERT ON rotas BEGIN "
        "SELECT RAISE(ABORT, 'refused by a trigger'); END",
    ),
    "absence-junk": (
        "INSERT INTO absences (unit_id, staff, start_date, end_date, kind, percent, "
        "registered_at, registered_by) VALUES (2, 's1', 'x', '9999-12-31', '=cmd', 'x', 'x', 'y')",
    ),
}


def db_cases() -> list[Case]:
    steps = [
        *store_steps("store.db"),
        ("forget", "s1", "--unit", TINY_UNIT, "--db", "store.db"),
        ("import-db", "backup.json", "--db", "store.db"),
    ]
    helpers = [*_helpers(), seed("backup.json")]
    cases = [
        make(DB_KIND, "damaged-file", name, steps, [built("store.db", fn), *helpers])
        for name, fn in DAMAGED_FILES.items()
    ]
    cases.append(
        make(DB_KIND, "damaged-file", "empty", steps[:4], [built("store.db", lambda _s: b""), *helpers])
    )
    cases += [
        make(
            DB_KIND,
            "damaged-row",
            name,
            steps,
            [FileSpec("store.db", _sql(*sql), role=STATE, mode=0o600), *helpers],
        )
        for name, sql in DAMAGED_ROWS.items()
    ]
    cases.append(
        make(
            DB_KIND,
            "damaged-row",
            "garbage-wal",
            steps,
            [
                seed("store.db", role=STATE),
                built("store.db-wal", lambda _s: m.random_bytes(m.rng_for("wal"), 8192), role=STATE),
                *helpers,
            ],
        )
    )
    db_at = [
        ("folder", [folder("store.db")]),
        ("fifo", [fifo("store.db")]),
        ("under-a-file", []),
        ("is-the-scenario", []),
    ]
    for name, specs in db_at:
        db = {"under-a-file": "tiny.toml/store.db", "is-the-scenario": "tiny.toml"}.get(name, "store.db")
        cases.append(
            make(
                DB_KIND,
                "db-path",
                name,
                [*store_steps(db), ("import-db", "backup.json", "--db", db)],
                [*specs, *helpers],
            )
        )
    return cases


def cases() -> list[Case]:
    return [*backup_cases(), *db_cases()]
