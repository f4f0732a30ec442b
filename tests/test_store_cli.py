"""The store's commands: roster publish, history, units, export-db, import-db, forget."""

from __future__ import annotations

import json
from pathlib import Path

from test_store import SCENARIO_TOML, UNIT, replanned, week_rota

from roster.cli.main import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def published_store(tmp_path, capsys) -> str:
    db = str(tmp_path / "turnus.db")
    week_rota().save(tmp_path / "v1.json")
    replanned().save(tmp_path / "v2.json")
    (tmp_path / "s.toml").write_text(SCENARIO_TOML, encoding="utf-8")
    code, out, _ = run(capsys, "publish", str(tmp_path / "v1.json"), "--unit", UNIT, "--db", db,
                       "--user", "kari", "--scenario", str(tmp_path / "s.toml"))
    assert code == 0 and "Published rota 1 for unit 'Testteam', 2027-01-04..2027-01-10" in out
    code, out, _ = run(capsys, "publish", str(tmp_path / "v2.json"), "--unit", UNIT, "--db", db,
                       "--user", "ola", "--note", "Kari sjuk")
    assert code == 0
    assert "It supersedes rota 1: 2 assignments changed: 1 added, 1 removed; " \
           "1 new absence registered." in out
    return db


def test_publish_replan_and_history(tmp_path, capsys):
    db = published_store(tmp_path, capsys)
    code, out, _ = run(capsys, "history", "--unit", UNIT, "--db", db, "--details")
    assert code == 0
    lines = out.splitlines()
    row2 = next(line for line in lines if line.strip().startswith("2 "))
    row1 = next(line for line in lines if line.strip().startswith("1 "))
    assert "published" in row2 and "ola" in row2 and "replaces 1: 2 assignments changed" in row2
    assert "superseded" in row1 and "kari" in row1 and "superseded by 2" in row1
    assert "note: Kari sjuk" in out
    assert "2027-01-06 p1: D -> off" in out and "2027-01-06 p2: off -> D" in out
    assert "sick" not in out  # the history never says who is sick
    code, out, _ = run(capsys, "units", "--db", db)
    assert code == 0 and "Testteam: test; 3 staff; 2 rotas, 1 published" in out


def test_publish_refusals_are_user_errors(tmp_path, capsys):
    db = str(tmp_path / "turnus.db")
    week_rota().save(tmp_path / "v1.json")
    code, _, err = run(capsys, "publish", "--unit", UNIT, "--db", db)
    assert code == 1 and "give either ROTA.json or --draft ID" in err
    other = tmp_path / "other.toml"
    other.write_text(SCENARIO_TOML.replace("end = 2027-01-10", "end = 2027-01-09"), encoding="utf-8")
    code, _, err = run(capsys, "publish", str(tmp_path / "v1.json"), "--unit", UNIT, "--db", db,
                       "--scenario", str(other))
    assert code == 1 and "is not the rota's period 2027-01-04..2027-01-10" in err
    code, _, err = run(capsys, "history", "--unit", UNIT, "--db", db)
    assert code == 1 and "unit 'Testteam' is not in the store" in err


def test_publish_with_its_scenario_does_not_take_the_rota_at_its_word(tmp_path, capsys):
    # a rota.json that says "optimal" with no breaches, but puts someone on a shift the
    # scenario does not have: with --scenario the checker runs again and refuses it
    # (it was published); --force still publishes it on purpose
    db = str(tmp_path / "turnus.db")
    (tmp_path / "s.toml").write_text(SCENARIO_TOML, encoding="utf-8")
    data = week_rota().to_json()
    data["assignments"][0]["shift"] = "ZZ"
    assert data["status"] == "optimal" and data["violations"] == []
    (tmp_path / "lie.json").write_text(json.dumps(data), encoding="utf-8")
    argv = ["publish", str(tmp_path / "lie.json"), "--unit", UNIT, "--db", db,
            "--scenario", str(tmp_path / "s.toml")]
    code, _, err = run(capsys, *argv)
    assert code == 1, err
    # the undefined shift, and Monday left without its D
    assert "lie.json: breaks 2 rule(s) of" in err and "shift code 'ZZ' is not defined" in err
    assert "--force" in err
    code, out, _ = run(capsys, *argv, "--force")
    assert code == 0 and "Published rota 1" in out


def test_export_import_round_trip_and_replace(tmp_path, capsys):
    db = published_store(tmp_path, capsys)
    backup = str(tmp_path / "backup.json")
    code, out, _ = run(capsys, "export-db", "--out", backup, "--db", db)
    assert code == 0 and "1 units, 1 scenarios, 2 rotas, 1 absences, 2 changes, 0 forgotten" in out
    code, _, err = run(capsys, "export-db", "--out", db, "--db", db)
    assert code == 1 and "refusing to overwrite" in err
    new = str(tmp_path / "new.db")
    assert run(capsys, "import-db", backup, "--db", new)[0] == 0
    code, _, _ = run(capsys, "export-db", "--out", str(tmp_path / "again.json"), "--db", new)
    assert json.loads((tmp_path / "again.json").read_text()) == json.loads(Path(backup).read_text())
    code, _, err = run(capsys, "import-db", backup, "--db", db)
    assert code == 1 and "already holds data; restore with --replace" in err
    assert run(capsys, "import-db", backup, "--db", db, "--replace")[0] == 0
    code, _, err = run(capsys, "import-db", str(tmp_path / "v1.json"), "--db", new, "--replace")
    assert code == 1 and "expected \"turnus-db/1\"" in err


def test_forget_needs_yes_then_anonymises(tmp_path, capsys):
    db = published_store(tmp_path, capsys)
    code, out, _ = run(capsys, "forget", "p1", "--unit", UNIT, "--db", db)
    assert code == 1 and "Nothing changed" in out
    code, out, _ = run(capsys, "forget", "p1", "--unit", UNIT, "--db", db, "--yes")
    assert code == 0
    assert "now 'anon-1' in 2 rotas; 1 scenario versions scrubbed, 1 registered absences deleted" in out
    code, out, _ = run(capsys, "history", "--unit", UNIT, "--db", db, "--details")
    assert "anon-1: D -> off" in out and "p1" not in out
    code, _, err = run(capsys, "forget", "p1", "--unit", UNIT, "--db", db, "--yes")
    assert code == 1 and "not found" in err
