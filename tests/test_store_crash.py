"""Publishing is atomic: a writer killed mid-transaction, or a failing write, leaves the last
committed state intact (roster.store.db.transaction, roster.store.Store.publish)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from test_store import UNIT, replanned, week_rota

from roster.store import Store

WRITER = """
import sys, time
from pathlib import Path
from roster.rota import Rota
from roster.store import Store

db, rota_file, ready, stop_at, unit = sys.argv[1:6]

def step(name):
    if name == stop_at:  # inside the transaction, part of the publish written
        Path(ready).write_text(name)
        time.sleep(600)

with Store(db) as store:
    store.con.execute("PRAGMA cache_size=1")  # spill dirty pages to the WAL before the commit
    store.publish(Rota.load(rota_file), unit, user="killed", on_step=step)
"""


def state(path) -> dict:
    with Store(path) as st:
        con = st.con
        return {
            "rotas": [tuple(r) for r in con.execute("SELECT id, status, superseded_by FROM rotas")],
            "changes": con.execute("SELECT count(*) FROM changes").fetchone()[0],
            "absences": con.execute("SELECT count(*) FROM absences").fetchone()[0],
            "integrity": con.execute("PRAGMA integrity_check").fetchone()[0],
        }


@pytest.mark.parametrize("stop_at", ["superseded", "rota", "changes"])
def test_writer_killed_mid_publish_leaves_the_last_commit_intact(tmp_path, stop_at):
    db = tmp_path / "turnus.db"
    with Store(db) as st:
        first = st.publish(week_rota(), UNIT, user="kari").rota_id
    before = state(db)
    rota_file = replanned().save(tmp_path / "replan.json")
    ready = tmp_path / "ready"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(rota_file), str(ready),
                             stop_at, UNIT])
    try:
        deadline = time.monotonic() + 30
        while not ready.exists():
            assert proc.poll() is None, "the writer ended before reaching the pause point"
            assert time.monotonic() < deadline, "the writer never reached the pause point"
            time.sleep(0.02)
        # while the writer holds its transaction open, a reader (the front end) sees the old state
        assert state(db) == before
        if stop_at == "changes":  # by then the writer has spilled uncommitted pages to disk
            assert (tmp_path / "turnus.db-wal").stat().st_size > 0
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    after = state(db)
    assert after == before
    assert after["rotas"] == [(first, "published", None)]
    assert after["integrity"] == "ok"
    # and the store takes the same publish again afterwards
    with Store(db) as st:
        assert st.publish(replanned(), UNIT, user="ola").superseded_id == first


def test_failed_publish_rolls_back_every_step(tmp_path):
    db = tmp_path / "turnus.db"
    with Store(db) as st:
        first = st.publish(week_rota(), UNIT).rota_id
        before = state(db)

        def fail_after_changes(name: str) -> None:
            if name == "changes":
                raise OSError("disk full")

        with pytest.raises(OSError, match="disk full"):
            st.publish(replanned(), UNIT, on_step=fail_after_changes)
        assert state(db) == before
        assert st.published(UNIT, week_rota().start, week_rota().end).id == first
        assert st.publish(replanned(), UNIT).superseded_id == first
