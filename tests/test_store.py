"""The rota store (roster.store): publish, re-plan, history, drafts, schema, backup, forget."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import stat

import pytest
from builders import rota_of, scenario

from roster.rota import Rota
from roster.rota_build import build_rota
from roster.store import Store, StoreError
from roster.store.backup import export_data, export_db, import_db
from roster.store.schema import LATEST, migrate

UNIT = "Testteam"
STAFF = [{"id": "p1", "name": "Kari Nordmann", "fte": 1.0},
         {"id": "p2", "name": "Ola Hansen", "fte": 1.0},
         {"id": "p3", "name": "Per Olsen", "fte": 1.0}]
COVER = [{"shift": "D", "days": ["weekday"], "min_staff": 1}]
WEEK = [("p1", "2027-01-04", "D"), ("p1", "2027-01-05", "D"), ("p1", "2027-01-06", "D"),
        ("p2", "2027-01-07", "D"), ("p3", "2027-01-08", "D")]
SCENARIO_TOML = """[scenario]
name = "test"
# Kari Nordmann asked for Fridays off
[period]
start = 2027-01-04
end = 2027-01-10
[[shifts]]
code = "D"
start = "08:00"
end = "16:00"
hours = 7.5
[[staff]]
id = "p1"
name = "Kari Nordmann"
[[staff]]
id = "p2"
name = "Ola Hansen"
[[staff]]
id = "p3"
name = "Per Olsen"
[[coverage]]
shift = "D"
days = ["weekday"]
min_staff = 1
[[absences]]
staff = "p1"
start = 2027-01-08
end = 2027-01-08
kind = "sick"
[[wishes]]
staff = "p1"
date = 2027-01-07
kind = "day_off"
[[wishes]]
staff = "p2"
date = 2027-01-05
kind = "day_off"
"""


def week_rota(rows=WEEK, absences: list[dict] | None = None) -> Rota:
    s = scenario(staff=STAFF, coverage=COVER, absences=absences or [])
    rota = build_rota(s, rota_of(s, rows), status="optimal")
    assert rota.errors() == []
    return rota


def replanned() -> Rota:
    """Kari falls ill from Wednesday: her two shifts go to Ola and Per."""
    rows = [WEEK[0], WEEK[1], ("p2", "2027-01-06", "D"), WEEK[3], WEEK[4]]
    return week_rota(rows, [{"staff": "p1", "start": "2027-01-06", "end": "2027-01-08",
                             "kind": "sick"}])


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "turnus.db") as st:
        yield st


def test_publish_stores_the_rota_and_reads_it_back_equal(store):
    rota = week_rota()
    result = store.publish(rota, UNIT, SCENARIO_TOML, user="kari", scenario_file="uke1.toml")
    assert result.superseded_id is None
    assert store.get_rota(result.rota_id).to_json() == rota.to_json()
    [unit] = store.units()
    assert (unit.name, unit.published, unit.rotas) == (UNIT, 1, 1)
    assert unit.last_period == (dt.date(2027, 1, 4), dt.date(2027, 1, 10))
    [rec] = store.rotas(UNIT)
    assert (rec.status, rec.published_by, rec.scenario_id) == ("published", "kari", 1)
    assert store.scenario_content(rec.scenario_id) == SCENARIO_TOML
    assert store.get_scenario(rec.scenario_id).staff_ids == ["p1", "p2", "p3"]


def test_replan_supersedes_and_logs_the_changed_assignments(store):
    first = store.publish(week_rota(), UNIT, user="kari")
    second = store.publish(replanned(), UNIT, user="ola", note="Kari sjuk")
    assert second.superseded_id == first.rota_id
    assert second.diff["changed"] == []
    assert second.diff["added"] == [{"staff": "p2", "date": "2027-01-06", "shift": "D"}]
    assert second.diff["removed"] == [{"staff": "p1", "date": "2027-01-06", "shift": "D"}]
    new, old = store.rotas(UNIT)
    assert (new.id, new.status, new.published_by, new.note) == (second.rota_id, "published", "ola",
                                                                "Kari sjuk")
    assert (old.status, old.superseded_by) == ("superseded", second.rota_id)
    assert new.changes[0]["action"] == "replan" and new.changes[0]["replaces"] == first.rota_id
    assert "2 assignments changed" in new.changes[0]["summary"]
    # the sick leave that came after publication is registered once, linked to the re-plan
    [absence] = store.absences(UNIT)
    assert (absence["staff"], absence["rota_id"], absence["kind"]) == ("p1", second.rota_id, "sick")
    assert store.published(UNIT, dt.date(2027, 1, 4), dt.date(2027, 1, 10)).id == second.rota_id


def test_one_published_rota_per_period_is_enforced_by_the_database(store):
    store.publish(week_rota(), UNIT)
    uid = store.con.execute("SELECT id FROM units").fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError):
        store.con.execute("INSERT INTO rotas (unit_id, status, start_date, end_date, content, "
                          "sha256, created_at, created_by) VALUES (?, 'published', '2027-01-04', "
                          "'2027-01-10', '{}', '', '', '')", (uid,))


def test_overlapping_period_is_refused_and_nothing_changes(store):
    store.publish(week_rota(), UNIT)
    s = scenario(start="2027-01-06", days=7, staff=STAFF, coverage=[])
    other = build_rota(s, rota_of(s, [("p1", "2027-01-06", "D")]), status="optimal")
    with pytest.raises(StoreError, match="overlapping period"):
        store.publish(other, UNIT, force=True)
    assert [r.status for r in store.rotas(UNIT)] == ["published"]


def test_rota_with_broken_rules_needs_force(store):
    rows = [WEEK[0], WEEK[1], WEEK[2], WEEK[3]]  # Friday uncovered
    s = scenario(staff=STAFF, coverage=COVER)
    bad = build_rota(s, rota_of(s, rows), status="optimal")
    assert bad.errors()
    with pytest.raises(StoreError, match="--force"):
        store.publish(bad, UNIT)
    assert store.units() == []  # the refusal wrote nothing, not even the unit
    assert store.publish(bad, UNIT, force=True).rota_id == 1


def test_draft_is_not_previous_until_published(store):
    draft = store.save_draft(week_rota(), UNIT, user="kari")
    assert store.last_published_before(UNIT, dt.date(2027, 2, 1)) is None
    result = store.publish_draft(draft, user="kari")
    assert result.rota_id == draft
    prev = store.last_published_before(UNIT, dt.date(2027, 1, 11))
    assert prev is not None and prev.to_json() == week_rota().to_json()
    # a rota is only "before" a date when it ends before it
    assert store.last_published_before(UNIT, dt.date(2027, 1, 10)) is None
    with pytest.raises(StoreError, match="not a draft"):
        store.publish_draft(draft)


def test_new_file_is_private_and_wal(tmp_path):
    path = tmp_path / "sub" / "turnus.db"
    with Store(path) as st:
        st.publish(week_rota(), UNIT)
        assert st.con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        for p in (path, tmp_path / "sub" / "turnus.db-wal"):
            assert stat.S_IMODE(os.stat(p).st_mode) == 0o600


def test_opening_a_store_takes_others_access_away_but_never_adds_write(tmp_path):
    # a store left readable by others (0644) is tightened to 0600 when opened; one the
    # owner made read-only (0444) becomes 0400: reading it never makes it writable
    path = tmp_path / "turnus.db"
    with Store(path) as st:
        st.publish(week_rota(), UNIT)
    for before, after in ((0o644, 0o600), (0o444, 0o400)):
        os.chmod(path, before)
        with Store(path, create=False) as st:
            assert [u.name for u in st.units()] == [UNIT]
        assert stat.S_IMODE(os.stat(path).st_mode) == after


def test_store_path_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("TURNUS_DB", str(tmp_path / "env.db"))
    with Store() as st:
        assert st.path == tmp_path / "env.db"
    assert (tmp_path / "env.db").exists()


def test_old_schema_is_migrated_on_open_keeping_its_data(tmp_path):
    path = tmp_path / "old.db"
    con = sqlite3.connect(path, isolation_level=None)
    migrate(con, target=1)
    con.execute("INSERT INTO units (name, created_at) VALUES ('Gammel', '2026-01-01T00:00:00Z')")
    con.close()
    with Store(path) as st:
        assert st.schema_version == LATEST == 2
        assert [u.name for u in st.units()] == ["Gammel"]
        st.publish(week_rota(), "Gammel", note="after migration")
        assert st.rotas("Gammel")[0].note == "after migration"


def test_files_that_are_not_a_store_are_refused(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_text("not a database at all, just text " * 100)
    with pytest.raises(StoreError, match="not a rota store"):
        Store(junk)
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE customers (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a rota store"):
        Store(other)


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.db"
    Store(path).close()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO schema_version (version) VALUES (99)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_unknown_unit_names_the_known_ones(store):
    store.publish(week_rota(), UNIT)
    with pytest.raises(StoreError, match="Testteam"):
        store.rotas("Nope")


# --- backup and restore ---------------------------------------------------------------


def test_backup_and_restore_round_trip(tmp_path):
    src = tmp_path / "a.db"
    with Store(src) as st:
        st.publish(week_rota(), UNIT, SCENARIO_TOML, user="kari", scenario_file="s.toml")
        st.publish(replanned(), UNIT, SCENARIO_TOML + "\n# v2\n", user="ola")
        st.save_draft(week_rota(), "Annet team", b"PK\x03\x04 workbook bytes", scenario_file="x.xlsx")
    backup = tmp_path / "backup.json"
    counts = export_db(backup, src)
    assert counts["rotas"] == 3 and counts["changes"] == 2 and counts["scenarios"] == 3
    assert stat.S_IMODE(os.stat(backup).st_mode) == 0o600
    dst = tmp_path / "restored.db"
    import_db(backup, dst)
    assert export_data(dst) == export_data(src)
    with Store(dst) as st:
        new, old = st.rotas(UNIT)
        assert (new.status, old.status, new.changes[0]["user"]) == ("published", "superseded", "ola")
        assert st.get_rota(new.id).to_json() == replanned().to_json()
        draft = st.rotas("Annet team")[0]
        assert st.scenario_content(draft.scenario_id) == b"PK\x03\x04 workbook bytes"


def test_restore_refuses_to_overwrite_data_without_replace(tmp_path):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    with Store(a) as st:
        st.publish(week_rota(), UNIT)
    with Store(b) as st:
        st.publish(week_rota(), "Other unit")
    export_db(tmp_path / "a.json", a)
    with pytest.raises(StoreError, match="--replace"):
        import_db(tmp_path / "a.json", b)
    with Store(b) as st:
        assert [u.name for u in st.units()] == ["Other unit"]
    import_db(tmp_path / "a.json", b, replace=True)
    with Store(b) as st:
        assert [u.name for u in st.units()] == [UNIT]
    assert stat.S_IMODE(os.stat(b).st_mode) == 0o600


def test_restore_of_a_bad_backup_names_the_row_and_leaves_the_store(tmp_path):
    a = tmp_path / "a.db"
    with Store(a) as st:
        st.publish(week_rota(), UNIT)
    data = export_data(a)
    data["tables"]["rotas"][0]["status"] = "approved"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    with pytest.raises(StoreError, match=r"tables\.rotas\[0\]"):
        import_db(bad, a, replace=True)
    with Store(a) as st:
        assert st.rotas(UNIT)[0].status == "published"
    assert [p.name for p in tmp_path.iterdir() if "restore" in p.name] == []


# --- forget -----------------------------------------------------------------------------


def test_forget_erases_absences_and_wishes_and_anonymises_shifts(tmp_path):
    path = tmp_path / "turnus.db"
    with Store(path) as st:
        st.publish(week_rota(), UNIT, SCENARIO_TOML, user="kari", scenario_file="s.toml")
        st.publish(replanned(), UNIT, user="ola")
        st.add_absence(UNIT, "p1", dt.date(2027, 1, 11), dt.date(2027, 1, 20), "sick")
        report = st.forget("p1", UNIT, user="leader")
        assert (report.pseudonym, report.rotas, report.scenarios, report.absences) == ("anon-1", 2, 1, 2)
        assert st.absences(UNIT) == []
        for rec in st.rotas(UNIT):
            rota = st.get_rota(rec.id)
            assert all(a["staff"] != "p1" for a in rota.absences)
            # her shifts stay, under the pseudonym
            assert ("anon-1", dt.date(2027, 1, 4), "D") in {(a.staff, a.date, a.shift)
                                                           for a in rota.assignments}
            assert {"id": "anon-1", "name": "anon-1"}.items() <= rota.staff[0].items()
        data = json.loads(st.scenario_content(1))
        assert [w["staff"] for w in data["wishes"]] == ["p2"]
        assert "absences" in data and data["absences"] == []
        assert [p["id"] for p in data["staff"]] == ["anon-1", "p2", "p3"]
        scrubbed = st.get_scenario(1)  # still a valid scenario to plan from
        assert [p.id for p in scrubbed.staff] == ["anon-1", "p2", "p3"]
        assert (scrubbed.absences, [w.staff for w in scrubbed.wishes]) == ((), ["p2"])
        assert "Kari" not in json.dumps(export_data(path), ensure_ascii=False)
        # the same person again: already gone
        with pytest.raises(StoreError, match="not found"):
            st.forget("p1", UNIT)
        assert st.forget("p2", UNIT).pseudonym == "anon-2"
    # after VACUUM no page of the file or its WAL still holds her name
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("turnus.db"))
    assert b"Kari" not in raw and b"Nordmann" not in raw


def test_reading_commands_do_not_create_a_store(tmp_path):
    with pytest.raises(StoreError, match="no rota store at"):
        Store(tmp_path / "missing.db", create=False)
    with pytest.raises(StoreError, match="no rota store at"):
        export_data(tmp_path / "missing.db")
    assert list(tmp_path.iterdir()) == []


def test_store_code_has_no_network_imports():
    """Nothing leaves the machine: no module of the store imports a network library."""
    import ast
    from pathlib import Path

    import roster.store

    network = {"socket", "ssl", "http", "urllib", "requests", "ftplib", "smtplib", "httpx",
               "aiohttp", "websocket", "xmlrpc"}
    files = sorted(Path(roster.store.__file__).parent.glob("*.py"))
    assert len(files) >= 6
    for f in files:
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not {n.split(".")[0] for n in names} & network, f"{f.name} imports {names}"
