"""Bad input never crashes the store (issue 13, items 8 and 9): damaged backups, damaged store
files, damaged rows inside the store, leftover restore files of a killed import, file modes.

Real SQLite files, real backups, real killed processes; no mocks.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_store import SCENARIO_TOML, UNIT, replanned, week_rota

from roster.cli.main import main
from roster.store import Store, StoreError
from roster.store.backup import MAX_BACKUP_BYTES, export_data, export_db, import_db

OTHER = "Annet team"
WORKBOOK = b"PK\x03\x04 workbook bytes"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def rich_store(path: Path) -> Path:
    """A store with a row in every table and every kind of column.

    Backup rows: units[0] Testteam, units[1] Annet team; scenarios[0] JSON (scrubbed by
    forget), [1] TOML, [2] workbook; rotas[0] superseded, [1] published, [2..3] drafts;
    absences[0]; changes[0..1]; forgotten[0].
    """
    with Store(path) as st:
        st.publish(week_rota(), UNIT, SCENARIO_TOML, user="kari", scenario_file="s.toml")
        st.publish(replanned(), UNIT, user="ola", note="Kari sjuk\nto linjer")
        st.forget("p3", UNIT, user="leader")
        st.save_draft(week_rota(), OTHER, SCENARIO_TOML.replace("\n", "\r\n"), user="kari",
                      scenario_file="annet.toml")
        st.save_draft(week_rota(), OTHER, WORKBOOK, user="kari", scenario_file="annet.xlsx")
    return path


def restore_leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".restore" in p.name)


def content_with(**changes: object):
    def mutate(old: str) -> str:
        data = json.loads(old)
        data.update(changes)
        return json.dumps(data)
    return mutate


def absence_with(**changes: object):
    def mutate(old: str) -> str:
        data = json.loads(old)
        data["absences"] = [{**data["absences"][0], **changes}]
        return json.dumps(data)
    return mutate


# (table, row index, column, new value or function of the old one, what the message says)
BAD_CELLS = [
    ("units", 0, "id", -1, "expected a row id"),
    ("units", 0, "id", "1", "expected a row id"),
    ("units", 1, "name", "x" * 5000, "at most 200 characters"),
    ("units", 0, "name", "", "expected non-empty text"),
    ("units", 0, "staff", "not json", "does not parse"),
    ("units", 0, "staff", '{"id": "p1"}', "expected a list"),
    ("units", 0, "staff", "[1, 2]", "staff[0]: expected an object"),
    ("units", 0, "created_at", "yesterday", "expected a time like"),
    ("scenarios", 1, "format", "yaml", "expected one of toml, json, xlsx"),
    ("scenarios", 1, "text", "this = is = not toml", "does not parse"),
    ("scenarios", 0, "text", '["a list"]', "expected a scenario"),
    ("scenarios", 1, "text", 'staff = 3\nabsences = [1]\n', "staff: expected a list"),
    ("scenarios", 2, "data", {"base64": "!!not base64!!"}, "expected base64"),
    ("scenarios", 2, "data", {"base64": "aGVsbG8="}, "expected an .xlsx workbook"),
    ("scenarios", 1, "data", {"base64": "UEsDBA=="}, "expected null for a TOML scenario"),
    ("scenarios", 2, "filename", "../../evil.xlsx", "without a folder"),
    ("scenarios", 1, "sha256", "abc", "SHA-256"),
    ("rotas", 0, "status", "approved", "expected one of draft, published, superseded"),
    ("rotas", 1, "start_date", "2027-02-30", "expected a date like 2027-01-31"),
    ("rotas", 1, "start_date", 20270104, "expected a date like 2027-01-31"),
    ("rotas", 1, "end_date", "2027-01-01", "the end date is before the start date"),
    ("rotas", 1, "content", "{}", "not a valid rota.json"),
    ("rotas", 1, "content", "[", "does not parse"),
    ("rotas", 1, "content", "[" * 100_000 + "]" * 100_000, "nests too deeply"),
    ("rotas", 1, "content", content_with(absences=["x"]), "content.absences[0]: expected an object"),
    ("rotas", 1, "content", content_with(solver=[1]), "content.solver: expected an object"),
    ("rotas", 1, "content", content_with(violations="x"), "content.violations: expected a list"),
    ("rotas", 1, "content", content_with(start="2027-01-03"), "covers another period"),
    ("rotas", 1, "content", absence_with(percent="half"), "absences[0].percent: expected a number"),
    ("rotas", 1, "content", absence_with(start="soon"), "absences[0].start: expected a date"),
    ("rotas", 0, "superseded_by", 0, "expected a row id"),
    ("rotas", 1, "created_by", None, "expected a value, got null"),
    ("rotas", 1, "note", 123, "expected text"),
    ("absences", 0, "percent", 150, "expected a whole number 0..100"),
    ("absences", 0, "percent", True, "expected a whole number 0..100"),
    ("absences", 0, "kind", "sick\x1b[31m", "without control characters"),
    ("absences", 0, "start_date", "not a date", "expected a date like"),
    ("absences", 0, "staff", ["p1"], "expected non-empty text"),
    ("changes", 1, "diff", '{"added": "x", "removed": [], "changed": []}', "added: expected a list"),
    ("changes", 1, "diff", "[]", "expected a JSON object"),
    ("changes", 1, "diff", '{"added": [{"staff": "p2", "date": "x", "shift": "D"}], "removed": [], '
                           '"changed": []}', "added[0].date: expected a date"),
    ("changes", 0, "action", "delete", "expected one of publish, replan"),
    ("forgotten", 0, "pseudonym", "Kari Nordmann", "expected a pseudonym like anon-1"),
]


@pytest.fixture(scope="module")
def backup_data(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("rich")
    return export_data(rich_store(folder / "rich.db"))


@pytest.mark.parametrize(("table", "index", "column", "value", "says"), BAD_CELLS,
                         ids=[f"{t}[{i}].{c}:{s[:24]}" for t, i, c, _, s in BAD_CELLS])
def test_backup_with_a_damaged_cell_is_refused_naming_the_row(tmp_path, backup_data, table, index,
                                                              column, value, says):
    data = json.loads(json.dumps(backup_data))
    row = data["tables"][table][index]
    row[column] = value(row[column]) if callable(value) else value
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    db = tmp_path / "turnus.db"
    with Store(db) as st:
        st.publish(week_rota(), "Eksisterende", user="kari")
    before = export_data(db)
    with pytest.raises(StoreError) as err:
        import_db(bad, db, replace=True)
    message = str(err.value)
    assert f"tables.{table}[{index}].{column}: " in message and says in message
    assert str(bad) in message
    assert "sick" not in message and "Kari" not in message  # never echoes what the row holds
    assert export_data(db) == before
    assert restore_leftovers(tmp_path) == []
    # into a new path: nothing is created
    with pytest.raises(StoreError):
        import_db(bad, tmp_path / "new.db")
    assert not (tmp_path / "new.db").exists()


def test_backup_rows_that_do_not_fit_together_are_refused(tmp_path, backup_data, capsys):
    cases = {
        "a missing parent row": (lambda t: t["rotas"][1].update(unit_id=99),
                                 "tables.rotas[1] (id 2) refers to a row of units"),
        "two rows with one id": (lambda t: t["units"].append(dict(t["units"][1], name="Kopi")),
                                 "tables.units[2]: UNIQUE constraint failed"),
        "a row that is not an object": (lambda t: t["absences"].insert(0, [1, 2]),
                                        "tables.absences[0]: expected a row object"),
        "an unknown column": (lambda t: t["units"][0].update(password="x"),
                              "tables.units[0]: unknown column 'password'"),
        "a missing column": (lambda t: t["units"][0].pop("staff"), "tables.units[0].staff: missing"),
        "an unknown table": (lambda t: t.update(accounts=[]), "unknown table 'accounts'"),
        "two published rotas for one period": (
            lambda t: t["rotas"][0].update(status="published", superseded_by=None),
            "tables.rotas[1]: UNIQUE constraint failed"),
    }
    db = tmp_path / "turnus.db"
    rich_store(db)
    before = export_data(db)
    for name, (mutate, says) in cases.items():
        data = json.loads(json.dumps(backup_data))
        mutate(data["tables"])
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps(data), encoding="utf-8")
        code, _, err = run(capsys, "import-db", str(bad), "--db", str(db), "--replace")
        assert code == 1 and says in err, (name, err)
        assert export_data(db) == before, name
    assert restore_leftovers(tmp_path) == []


def test_every_kind_of_row_the_store_writes_restores(tmp_path):
    src = rich_store(tmp_path / "a.db")
    export_db(tmp_path / "a.json", src)
    import_db(tmp_path / "a.json", tmp_path / "b.db")
    assert export_data(tmp_path / "b.db") == export_data(src)
    with Store(tmp_path / "b.db") as st:
        assert st.forget("p2", UNIT).pseudonym == "anon-2"


def _write(path: Path, content: bytes | str) -> Path:
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


BAD_FILES = {
    "random bytes": (os.urandom(4096), "not UTF-8 text"),
    "not UTF-8": ('{"format": "turnus-db/1", "note": "ø"}'.encode("latin-1"), "not UTF-8 text"),
    "invalid JSON": ('{"format": "turnus-db/1",', "not a JSON backup (line 1"),
    "nested too deeply": ("[" * 200_000 + "]" * 200_000, "nests too deeply"),
    "a number too long": ("1" * 10_000, "a number too long"),
    "a JSON list": ("[1, 2]", 'expected "turnus-db/1"'),
    "a rota.json": (json.dumps(week_rota().to_json()), 'expected "turnus-db/1"'),
    "schema version as text": ('{"format": "turnus-db/1", "schema_version": "1", "tables": {}}',
                               "schema_version: expected 1..2, got str"),
    "schema version from the future": ('{"format": "turnus-db/1", "schema_version": 99, "tables": {}}',
                                       "schema_version: expected 1..2, got 99"),
    "tables not an object": ('{"format": "turnus-db/1", "schema_version": 2, "tables": []}',
                             "tables: expected an object"),
    "too many rows": ('{"format": "turnus-db/1", "schema_version": 2, "tables": {"units": ['
                      + ",".join(["{}"] * 1_000_001) + "]}}", "1000001 rows; at most 1000000"),
    "forgotten in a version 1 backup": (
        '{"format": "turnus-db/1", "schema_version": 1, "tables": {"forgotten": []}}',
        "unknown table 'forgotten' for schema version 1"),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_unreadable_backup_files_are_refused_clearly(tmp_path, capsys, kind):
    content, says = BAD_FILES[kind]
    bad = _write(tmp_path / "backup.json", content)
    code, _, err = run(capsys, "import-db", str(bad), "--db", str(tmp_path / "turnus.db"))
    assert code == 1 and says in err and str(bad) in err, err
    assert "Traceback" not in err and not (tmp_path / "turnus.db").exists()


RESTORER = """
import sys
from roster.store import StoreError
from roster.store.backup import import_db
try:
    import_db(sys.argv[1], sys.argv[2])
except StoreError as exc:
    print(exc, file=sys.stderr)
    sys.exit(1)
"""


def test_backup_that_is_a_folder_a_pipe_or_too_big_is_refused_without_reading_it(tmp_path):
    folder = tmp_path / "folder.json"
    folder.mkdir()
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.json"
    with huge.open("wb") as f:
        f.truncate(MAX_BACKUP_BYTES + 1)  # sparse: no disk used
    db = tmp_path / "turnus.db"
    for path, says in ((folder, "is a folder"), (fifo, "not a regular file (a pipe"),
                       (huge, f"a backup is at most {MAX_BACKUP_BYTES} bytes"),
                       (tmp_path / "missing.json", "file not found")):
        # in a subprocess, so that a pipe opened by mistake fails the test instead of hanging it
        for argv in (["-c", RESTORER, str(path), str(db)],
                     ["-m", "roster.cli.main", "import-db", str(path), "--db", str(db)]):
            proc = subprocess.run([sys.executable, *argv], capture_output=True, text=True, timeout=60)
            assert proc.returncode == 1 and says in proc.stderr and str(path) in proc.stderr, proc.stderr
    assert not db.exists()


# --- damaged store files ----------------------------------------------------------------


def _store_bytes(tmp_path: Path) -> bytes:
    db = rich_store(tmp_path / "whole.db")
    with Store(db) as st:
        st.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db.read_bytes()


def _foreign_sqlite(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO customers (name) VALUES ('Ola')")
    con.commit()
    con.close()
    return path


def _damaged_file(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / "turnus.db"
    if kind == "random bytes":
        path.write_bytes(os.urandom(20_000))
    elif kind == "truncated store":
        whole = _store_bytes(tmp_path)
        path.write_bytes(whole[: len(whole) // 2])
    elif kind == "store header only":
        path.write_bytes(_store_bytes(tmp_path)[:100])
    elif kind == "another program's database":
        _foreign_sqlite(path)
    elif kind == "text file":
        path.write_text("Husk: vaktliste til fredag.\n" * 20, encoding="utf-8")
    return path


STORE_COMMANDS = [
    ["units"], ["history", "--unit", UNIT], ["history", "--unit", UNIT, "--details"],
    ["forget", "p1", "--unit", UNIT, "--yes"], ["forget", "p1", "--unit", UNIT],
    ["export-db", "--out", "{tmp}/out.json"], ["import-db", "{tmp}/backup.json"],
    ["publish", "{tmp}/v2.json", "--unit", UNIT],
]


@pytest.mark.parametrize("kind", ["random bytes", "truncated store", "store header only",
                                  "another program's database", "text file"])
def test_store_commands_on_a_damaged_store_file_exit_1_and_leave_it(tmp_path, capsys, kind):
    replanned().save(tmp_path / "v2.json")
    export_db(tmp_path / "backup.json", rich_store(tmp_path / "source.db"))
    db = _damaged_file(tmp_path, kind)
    before = db.read_bytes()
    for command in STORE_COMMANDS:
        argv = [a.replace("{tmp}", str(tmp_path)) for a in command]
        code, _, err = run(capsys, *argv, "--db", str(db))
        assert code == 1, (command, err)
        assert "not a rota store" in err or "damaged store" in err, (command, err)
        assert str(db) in err and "internal error" not in err
        assert db.read_bytes() == before, command
    assert not (tmp_path / "out.json").exists()
    if kind != "truncated store":  # a truncated store keeps its WAL switch in the header
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("turnus.db")) == \
            ["turnus.db"]


def test_publish_to_a_text_file_refuses_and_leaves_it_byte_for_byte(tmp_path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"Handleliste:\n- kaffe\n- melk\n")
    before = notes.read_bytes()
    mode = stat.S_IMODE(notes.stat().st_mode)
    week_rota().save(tmp_path / "v1.json")
    code, _, err = run(capsys, "publish", str(tmp_path / "v1.json"), "--unit", UNIT, "--db", str(notes))
    assert code == 1 and "notes.txt: not a rota store (planner database)" in err
    assert "nothing was changed" in err
    export_db(tmp_path / "b.json", rich_store(tmp_path / "a.db"))
    code, _, err = run(capsys, "import-db", str(tmp_path / "b.json"), "--db", str(notes), "--replace")
    assert code == 1 and "not a rota store" in err
    assert notes.read_bytes() == before and stat.S_IMODE(notes.stat().st_mode) == mode
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("notes")) == ["notes.txt"]


def test_restore_replaces_a_damaged_store_but_never_another_programs_database(tmp_path, capsys):
    backup = tmp_path / "backup.json"
    export_db(backup, rich_store(tmp_path / "source.db"))
    damaged = _damaged_file(tmp_path, "truncated store")
    code, _, err = run(capsys, "import-db", str(backup), "--db", str(damaged))
    assert code == 1 and "damaged store" in err and "--replace" in err
    code, _, err = run(capsys, "import-db", str(backup), "--db", str(damaged), "--replace")
    assert code == 0, err
    assert export_data(damaged) == export_data(tmp_path / "source.db")
    foreign = _foreign_sqlite(tmp_path / "customers.db")
    before = foreign.read_bytes()
    code, _, err = run(capsys, "import-db", str(backup), "--db", str(foreign), "--replace")
    assert code == 1 and "belongs to another program" in err and "refusing to replace it" in err
    assert foreign.read_bytes() == before


# --- damaged rows inside the store file --------------------------------------------------

# (SQL run on the store file, the command, what the message names)
DAMAGED_ROWS = [
    ("UPDATE units SET staff = 'nope' WHERE id = 1", ["units"],
     "damaged store: table units row 1: column staff: expected JSON text"),
    ("UPDATE units SET name = 'Testteam' || char(27) || '[2J' WHERE id = 2", ["units"],
     "table units row 2: column name: expected one line of text without control characters"),
    ("UPDATE rotas SET end_date = 'garbage' WHERE id = 2", ["units"],
     "table rotas row 2: column end_date: expected a date"),
    ("UPDATE rotas SET start_date = 20270104 WHERE id = 1", ["history", "--unit", UNIT],
     "table rotas row 1: column start_date: expected a date"),
    ("UPDATE rotas SET status = 'weird' WHERE id = 1", ["history", "--unit", UNIT],
     "table rotas row 1: column status: expected one of draft, published, superseded"),
    ("UPDATE rotas SET created_by = '' WHERE id = 1", ["history", "--unit", UNIT],
     "table rotas row 1: column created_by: expected non-empty text"),
    ("UPDATE changes SET diff = '[1]' WHERE id = 2", ["history", "--unit", UNIT, "--details"],
     "table changes row 2: column diff: expected a JSON object"),
    ("UPDATE changes SET summary = x'ff00fe' WHERE id = 1", ["history", "--unit", UNIT],
     "table changes row 1: column summary: expected text, got 3 bytes"),
    ("UPDATE changes SET summary = CAST(x'ff00fe' AS TEXT) WHERE id = 1", ["history", "--unit", UNIT],
     "a text column holds bytes that are not UTF-8"),
    ("UPDATE rotas SET content = '{\"format\": \"rota/1\"}' WHERE id = 2",
     ["publish", "{tmp}/v2.json", "--unit", UNIT],
     "table rotas row 2: column content: not a valid rota.json"),
    ("UPDATE rotas SET content = json_set(content, '$.absences', json('[7]')) WHERE id = 1",
     ["forget", "p2", "--unit", UNIT, "--yes"],
     "table rotas row 1: column content: content.absences[0]: expected an object"),
    ("UPDATE scenarios SET text = 'x = = 1' WHERE id = 1", ["forget", "p2", "--unit", UNIT, "--yes"],
     "table scenarios row 1: column text: expected JSON text, but it does not parse"),
    ("UPDATE forgotten SET pseudonym = 'Per Olsen' WHERE id = 1",
     ["forget", "p2", "--unit", UNIT, "--yes"],
     "table forgotten row 1: column pseudonym: expected a pseudonym like anon-1"),
    ("UPDATE schema_version SET version = 'two'", ["units"],
     "damaged store: table schema_version: expected whole numbers from 1"),
    ("ALTER TABLE rotas DROP COLUMN note", ["history", "--unit", UNIT],
     "damaged store: table rotas has no column note"),
    ("DROP TABLE changes", ["units"], "damaged store: table changes is missing"),
]


@pytest.mark.parametrize(("sql", "command", "says"), DAMAGED_ROWS,
                         ids=[s[:40] for s, _, _ in DAMAGED_ROWS])
def test_damaged_rows_in_the_store_file_are_named_not_a_traceback(tmp_path, capsys, sql, command, says):
    replanned().save(tmp_path / "v2.json")
    db = rich_store(tmp_path / "turnus.db")
    con = sqlite3.connect(db)  # someone edits the file with another tool
    con.execute("PRAGMA ignore_check_constraints=ON")
    con.execute(sql)
    con.commit()
    con.close()
    argv = [a.replace("{tmp}", str(tmp_path)) for a in command]
    code, out, err = run(capsys, *argv, "--db", str(db))
    assert code == 1 and f"{db}: " in err and says in err, err
    assert "Traceback" not in err and "internal error" not in err
    assert "sick" not in err + out


def test_store_api_reads_check_every_row(tmp_path):
    db = rich_store(tmp_path / "turnus.db")
    con = sqlite3.connect(db)
    con.execute("UPDATE absences SET percent = 'half' WHERE id = 1")
    con.execute("UPDATE scenarios SET filename = '../../escape.xlsx' WHERE id = 3")
    con.commit()
    con.close()
    with Store(db) as st:
        with pytest.raises(StoreError, match="table absences row 1: column percent: expected a whole"):
            st.absences(UNIT)
        with pytest.raises(StoreError, match="table scenarios row 3: column filename: expected a file "
                                             "name without a folder"):
            st.get_scenario(3)
    assert not (tmp_path.parent / "escape.xlsx").exists()


def test_writes_refuse_what_reading_back_would_refuse(tmp_path):
    with Store(tmp_path / "turnus.db") as st:
        with pytest.raises(StoreError, match="unit name: expected one line of text"):
            st.publish(week_rota(), "Team\x1b[2J")
        with pytest.raises(StoreError, match="note: expected text without control characters"):
            st.publish(week_rota(), UNIT, note="bell\x07")
        with pytest.raises(StoreError, match=r"scenario s\.toml: expected scenario TOML text"):
            st.publish(week_rota(), UNIT, "not = = toml", scenario_file="s.toml")
        bad = week_rota()
        bad.violations.append("not an object")  # type: ignore[arg-type]
        with pytest.raises(StoreError, match=r"rota\.violations\[0\]: expected an object"):
            st.save_draft(bad, UNIT)
        assert st.units() == []


# --- restore work files of a killed import -------------------------------------------------

IMPORTER = """
import sys, time
from pathlib import Path
from roster.store.backup import import_db

backup, db, ready, stop_at = sys.argv[1:5]

def step(name):
    if name == stop_at:  # the work file beside the store holds the backup's rows by now
        Path(ready).write_text(name)
        time.sleep(600)

import_db(backup, db, replace=True, on_step=step)
"""


def _pause_importer(tmp_path: Path, backup: Path, db: Path, stop_at: str) -> subprocess.Popen:
    ready = tmp_path / "ready"
    ready.unlink(missing_ok=True)
    proc = subprocess.Popen([sys.executable, "-c", IMPORTER, str(backup), str(db), str(ready), stop_at])
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert proc.poll() is None, "the import ended before reaching the pause point"
        assert time.monotonic() < deadline, "the import never reached the pause point"
        time.sleep(0.02)
    return proc


@pytest.mark.parametrize(("stop_at", "next_command"), [("rotas", "units"), ("built", "forget"),
                                                        ("absences", "history")])
def test_killed_import_leaves_no_restore_file_after_the_next_store_command(tmp_path, capsys, stop_at,
                                                                          next_command):
    backup = tmp_path / "backup.json"
    export_db(backup, rich_store(tmp_path / "source.db"))
    db = tmp_path / "turnus.db"
    with Store(db) as st:
        st.publish(week_rota(), UNIT, user="kari")
        st.publish(replanned(), UNIT, user="ola")
    before = export_data(db)
    proc = _pause_importer(tmp_path, backup, db, stop_at)
    try:
        held = restore_leftovers(tmp_path)
        assert held and all(name.startswith(f".turnus.db.{proc.pid}-") for name in held)
        # while the import is alive, opening the store leaves its work file alone
        with Store(db) as st:
            assert st.restore_files_removed == 0
        assert restore_leftovers(tmp_path) == held
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    assert restore_leftovers(tmp_path), "SIGKILL left the work file (the case to clean up)"
    argv = {"units": ["units"], "history": ["history", "--unit", UNIT],
            "forget": ["forget", "p1", "--unit", UNIT, "--yes"]}[next_command]
    code, out, err = run(capsys, *argv, "--db", str(db))
    assert code == 0, err
    assert restore_leftovers(tmp_path) == []
    if next_command == "forget":
        assert "leftover restore files" in out
    else:  # the store is as it was before the killed import
        assert export_data(db) == before
    with Store(db) as st:
        assert st.con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_restore_files_are_told_from_live_ones(tmp_path):
    db = tmp_path / "turnus.db"
    Store(db).close()
    dead = _dead_pid()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    locker = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, os, sys, time\n"
        "fd = os.open(sys.argv[1], os.O_CREAT | os.O_RDWR, 0o600)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\n"
        "print('locked', flush=True)\n"
        "time.sleep(600)\n"), str(tmp_path / f".turnus.db.{dead}-bb.restore")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert locker.stdout.readline().strip() == "locked"
        locked = tmp_path / f".turnus.db.{dead}-bb.restore"  # its name's process is gone, but
        old = time.time() - 3600
        files = {
            "dead process": (tmp_path / f".turnus.db.{dead}-aa.restore", True),
            "dead process, its WAL": (tmp_path / f".turnus.db.{dead}-aa.restore-wal", True),
            "older version, an hour old": (tmp_path / ".turnus.db.x1y2z3.restore", True),
            "WAL of a gone work file": (tmp_path / f".turnus.db.{dead}-cc.restore-shm", True),
            "live process, just made": (tmp_path / f".turnus.db.{sleeper.pid}-dd.restore", False),
            "another store's file": (tmp_path / f".other.db.{dead}-ee.restore", False),
        }
        for name, (path, _) in files.items():
            path.write_bytes(b"rows of a backup")
            if "hour old" in name:
                os.utime(path, (old, old))
        os.utime(locked, (old, old))  # and it is old, yet a live process holds its lock
        with Store(db) as st:
            assert st.restore_files_removed == 4
        for name, (path, removed) in files.items():
            assert path.exists() != removed, name
        assert locked.exists()
    finally:
        for proc in (sleeper, locker):
            proc.kill()
            proc.wait(timeout=10)
    with Store(db) as st:  # the lock went with its process, and the sleeper is gone too
        assert st.restore_files_removed == 2
    assert not locked.exists()


# --- file modes ---------------------------------------------------------------------------


def test_store_backup_and_restore_are_owner_only_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        db = rich_store(tmp_path / "turnus.db")
        backup = tmp_path / "backup.json"
        export_db(backup, db)
        restored = tmp_path / "restored.db"
        import_db(backup, restored)
        with Store(restored) as st:
            st.publish(week_rota(), "Nytt team")
            wal = Path(f"{restored}-wal")
            assert wal.exists() and stat.S_IMODE(wal.stat().st_mode) == 0o600
        for path in (db, backup, restored):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        # a store copied in with wider permissions is made owner-only when opened
        os.chmod(db, 0o644)
        Store(db).close()
        assert stat.S_IMODE(db.stat().st_mode) == 0o600
    finally:
        os.umask(old)
