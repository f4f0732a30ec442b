"""The command line: exit codes 0 ok / 1 user error (3 usage error: test_cli_safety.py), clear
messages, files written, inputs safe."""

import json

from conftest import BAD_SCENARIO as BAD
from conftest import DATA

from roster.cli.main import main


def test_validate_ok_and_bad(tmp_path, capsys):
    assert main(["validate", str(DATA / "fredrikstad-mat.toml")]) == 0
    assert "valid" in capsys.readouterr().out
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD, encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "5 problems found" in err
    for text in ("end 2027-01-04 is before start", "fte", "unknown shift code 'Z'",
                 "unknown staff id 'nobody'", "'holiday' is not one of"):
        assert text in err
    assert f"{bad}: line " in err


def test_info_shows_hours_and_holidays(capsys):
    assert main(["info", str(DATA / "alta-ettervern.toml")]) == 0
    out = capsys.readouterr().out
    assert "Skjærtorsdag" in out and "Andre påskedag" in out
    assert "Hours to cover" in out and "weekday" in out


def test_solve_then_check(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["solve", str(DATA / "alta-ettervern.toml"), "--out", str(out), "--time-limit", "20"]) == 0
    text = capsys.readouterr().out
    assert "Status:" in text and "Rule breaches: none" in text
    rota = json.loads((out / "rota.json").read_text(encoding="utf-8"))
    assert rota["format"] == "rota/1" and rota["assignments"]
    assert (out / "rota.csv").exists() and (out / "summary.txt").exists()
    assert main(["check", str(DATA / "alta-ettervern.toml"), str(out / "rota.json")]) == 0
    # hand-edit: put a1 on an evening and the next morning -> rest breach, exit code 1
    rota["assignments"] = [a for a in rota["assignments"] if a["date"] not in ("2027-03-01", "2027-03-02")
                           or a["staff"] != "a1"]
    rota["assignments"] += [{"staff": "a1", "date": "2027-03-01", "shift": "A"},
                            {"staff": "a1", "date": "2027-03-02", "shift": "D"}]
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(rota), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(DATA / "alta-ettervern.toml"), str(edited)]) == 1
    assert "rest" in capsys.readouterr().out


def test_bad_rota_file_is_a_user_error(tmp_path, capsys):
    broken = tmp_path / "rota.json"
    broken.write_text('{"format": "rota/1", "start": "2027-03-01", "end": "2027-03-31", '
                      '"assignments": [{"staff": "a1", "date": "2027-13-01", "shift": "D"}]}')
    assert main(["check", str(DATA / "alta-ettervern.toml"), str(broken)]) == 1
    assert "assignments[0].date" in capsys.readouterr().err


def test_a_key_given_twice_in_a_rota_file_is_refused(tmp_path, capsys):
    # JSON would keep the last "assignments" without a word: half a hand-edited file lost
    twice = tmp_path / "rota.json"
    twice.write_text('{"format": "rota/1", "start": "2027-03-01", "end": "2027-03-31", '
                     '"assignments": [{"staff": "a1", "date": "2027-03-02", "shift": "D"}], '
                     '"assignments": []}')
    assert main(["check", str(DATA / "alta-ettervern.toml"), str(twice)]) == 1
    assert "key 'assignments' appears twice in one object" in capsys.readouterr().err


def test_an_absence_of_a_staff_id_with_a_colon_can_be_given():
    from coverage.replan import parse_absent
    from roster.cli.options import absent_spec

    assert absent_spec("team:a1:2027-03-01:2027-03-02") == "team:a1:2027-03-01:2027-03-02"
    a = parse_absent("team:a1:2027-03-01:2027-03-02")
    assert (a.staff, str(a.start), str(a.end)) == ("team:a1", "2027-03-01", "2027-03-02")


def test_output_folder_may_not_be_an_input(tmp_path, capsys):
    scen = tmp_path / "s.toml"
    scen.write_text((DATA / "alta-ettervern.toml").read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["solve", str(scen), "--out", str(scen)]) == 1
    assert "input file" in capsys.readouterr().err
    assert scen.read_text(encoding="utf-8").startswith("# Ettervern")


def test_help_lists_the_commands(capsys):
    try:
        main(["--help"])
    except SystemExit as exc:
        assert exc.code == 0
    assert "solve" in capsys.readouterr().out
