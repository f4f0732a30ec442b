"""The command line's user errors follow --lang: with --lang nb every message (prefix, header,
file, row, key and reason) is bokmål; without it they stay English (roster.cli.user_errors)."""

from __future__ import annotations

import errno
import json
import os
import re
from pathlib import Path

import pytest
from conftest import BAD_SCENARIO

from roster.cli.main import main

SCENARIO = """
[scenario]
name = "Liten"
[period]
start = 2027-01-04
end = 2027-01-10
[calendar]
country = ""
[[shifts]]
code = "D"
start = "08:00"
end = "16:00"
hours = 7.5
[[staff]]
id = "p1"
name = "Per"
fte = 1.0
[[staff]]
id = "p2"
name = "Kari"
fte = 1.0
[[coverage]]
shift = "D"
days = ["weekday", "saturday", "sunday"]
min_staff_if_open = 1
"""


# "problem" and "store" are bokmål too ("1 problem funnet", "for store"); "problems" is not
ENGLISH = re.compile(
    r"\b(error|errors|expected|problems|found|file|files|not|the|must|sheet|row|column|cell|"
    r"cannot|missing|unknown|refusing|input|folder|exists|got|give|choose|period|covers|starts|"
    r"day|is|are|of|or|and|no|with|line|denied|space|permission|interrupted)\b", re.IGNORECASE)


def english_words(text: str, tmp_path: Path) -> list[str]:
    """The common English words in a message, the test's own folder left out."""
    return ENGLISH.findall(text.replace(str(tmp_path), "<mappe>"))


def rota(start: str = "2027-01-04", end: str = "2027-01-10", **more: object) -> str:
    data = {"format": "rota/1", "start": start, "end": end, "status": "feasible",
            "assignments": [{"staff": "p1", "date": start, "shift": "D"}], **more}
    return json.dumps(data)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {"scenario": tmp_path / "scenario.toml", "rota": tmp_path / "turnus.json"}
    paths["scenario"].write_text(SCENARIO, encoding="utf-8")
    paths["rota"].write_text(rota(), encoding="utf-8")
    return paths


def run(capsys, *argv: object) -> tuple[int, str]:
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().err


def both(capsys, tmp_path: Path, *argv: object) -> tuple[str, str]:
    """The error of ``argv`` with --lang nb (checked bokmål) and with --lang en."""
    code, nb = run(capsys, *argv, "--lang", "nb")
    assert code == 1, nb
    assert nb.startswith("feil: "), nb
    assert not english_words(nb, tmp_path), (english_words(nb, tmp_path), nb)
    code, en = run(capsys, *argv, "--lang", "en")
    assert code == 1, en
    assert en.startswith("error: "), en
    return nb, en


def test_a_toml_file_that_does_not_parse(tmp_path, capsys):
    bad = tmp_path / "brutt.toml"
    bad.write_text('name = "x"\n[period]\nstart = "2027-01-01\n', encoding="utf-8")
    nb, en = both(capsys, tmp_path, "validate", bad)
    assert nb.startswith(f"feil: 1 problem funnet:\n  - {bad}: ikke gyldig TOML: linje 3, kolonne 20: "
                         "ugyldig tegn"), nb
    assert "1 problem found:" in en and "not valid TOML: Illegal character" in en and "line 3" in en


def test_a_scenario_with_several_invalid_fields_names_each_line_and_key(tmp_path, capsys):
    bad = tmp_path / "ugyldig.toml"
    bad.write_text(BAD_SCENARIO, encoding="utf-8")
    nb, en = both(capsys, tmp_path, "validate", bad)
    assert "feil: 5 problemer funnet:" in nb
    for text in (f"{bad}: linje 6 (Periode, til): til-datoen 04.01.2027 er før fra-datoen 10.01.2027",
                 "(Ansatte, rad 1, stilling): må være minst 0, fikk -1",
                 "(Bemanningskrav, rad 1, vakt): ukjent vaktkode «Z» (kjente: D)",
                 "(Fravær, rad 1, ansatt): ukjent ansatt-id «nobody»",
                 "(Ønsker, rad 1, type): «holiday» er ikke blant"):
        assert text in nb, (text, nb)
    assert "5 problems found" in en and "line 6 (period.end): end 2027-01-04 is before start" in en
    assert "(staff #1.fte): must be at least 0" in en


def test_a_missing_file(tmp_path, capsys):
    missing = tmp_path / "borte.toml"
    nb, en = both(capsys, tmp_path, "validate", missing)
    assert nb == f"feil: {missing}: filen finnes ikke\n"
    assert en == f"error: {missing}: file not found\n"


def test_a_folder_given_as_a_file(tmp_path, capsys, files):
    folder = tmp_path / "mappe"
    folder.mkdir()
    nb, en = both(capsys, tmp_path, "check", files["scenario"], folder)
    assert nb == f"feil: {folder}: er en mappe; forventet en fil\n"
    assert en == f"error: {folder}: is a folder; expected a file\n"


def test_an_unknown_absence_kind_in_a_rota_file(tmp_path, capsys, files):
    files["rota"].write_text(rota(absences=[{"staff": "p1", "start": "2027-01-05", "end": "2027-01-06",
                                             "kind": "syk"}]), encoding="utf-8")
    nb, en = both(capsys, tmp_path, "check", files["scenario"], files["rota"])
    assert f"{files['rota']}: absences[0].kind: ukjent fraværstype; forventet en av vacation, sick" in nb
    assert f"{files['rota']}: absences[0].kind: expected one of vacation, sick" in en
    assert "syk" not in nb + en  # the value is not echoed: a rota carries sick leave


def test_a_rota_file_that_does_not_check_out(tmp_path, capsys, files):
    bad = tmp_path / "feil.json"
    bad.write_text(rota().replace('"date": "2027-01-04"', '"date": "2027-13-04"'), encoding="utf-8")
    nb, en = both(capsys, tmp_path, "check", files["scenario"], bad)
    assert nb == f"feil: {bad}: assignments[0].date: forventet en dato som 31.01.2027 (ikke en gyldig dato)\n"
    assert en == f"error: {bad}: assignments[0].date: expected a date like 2027-01-31 (not a valid date)\n"
    bad.write_text('{"format": "rota/1", "start": "2027-01-04",\n', encoding="utf-8")
    nb, en = both(capsys, tmp_path, "check", files["scenario"], bad)
    assert nb.startswith(f"feil: {bad}: ikke gyldig JSON (linje 2, kolonne 1: forventet"), nb
    assert en.startswith(f"error: {bad}: not valid JSON (Expecting property name"), en


def test_a_rota_of_another_period(tmp_path, capsys, files):
    files["rota"].write_text(rota("2027-02-01", "2027-02-07"), encoding="utf-8")
    nb, en = both(capsys, tmp_path, "coverage", files["scenario"], files["rota"])
    assert nb == (f"feil: {files['rota']}: turnusen dekker 2027-02-01..2027-02-07, men scenarioet "
                  "dekker 2027-01-04..2027-01-10\n")
    assert en == (f"error: {files['rota']}: the rota covers 2027-02-01..2027-02-07 but the scenario "
                  "covers 2027-01-04..2027-01-10\n")


def test_an_out_that_would_overwrite_an_input(tmp_path, capsys, files):
    before = files["scenario"].read_bytes()
    nb, en = both(capsys, tmp_path, "open-shifts", files["scenario"], files["rota"],
                  "--out", files["scenario"])
    assert nb.startswith(f"feil: {files['scenario']} er en av inndatafilene til roster open-shifts; "
                         "den blir ikke overskrevet"), nb
    assert en.startswith(f"error: {files['scenario']} is one of the input files of roster open-shifts; "
                         "refusing to overwrite it"), en
    nb, en = both(capsys, tmp_path, "solve", files["scenario"], "--out", files["scenario"])
    assert nb == f"feil: --out {files['scenario']} er en av inndatafilene; velg en mappe for utdataene\n"
    assert en == f"error: --out {files['scenario']} is an input file; choose a folder for the output\n"
    assert files["scenario"].read_bytes() == before


def test_a_workbook_with_a_bad_cell(tmp_path, capsys, files):
    import openpyxl

    book = tmp_path / "scenario.xlsx"
    assert main(["template", "--from", str(files["scenario"]), "--out", str(book)]) == 0
    capsys.readouterr()
    wb = openpyxl.load_workbook(book)
    assert wb["Ansatte"]["C3"].value == "fte"
    wb["Ansatte"]["C4"] = "hundre"
    bad = tmp_path / "celle.xlsx"
    wb.save(bad)
    nb, en = both(capsys, tmp_path, "validate", bad)
    assert nb == (f"feil: 1 problem funnet:\n  - {bad}: ark «Ansatte», rad 4, kolonne C (stilling): "
                  "forventet et tall, fikk 'hundre'\n")
    assert en == (f"error: 1 problem found:\n  - {bad}: sheet 'Ansatte', row 4, column C (fte): "
                  "expected a number, got 'hundre'\n")


def test_missing_store_entries(tmp_path, capsys):
    from roster.store import Store

    missing = tmp_path / "ingen.db"
    nb, en = both(capsys, tmp_path, "history", "--unit", "Storgata", "--db", missing)
    assert nb.startswith(f"feil: ingen turnusbase i {missing} (publiser en turnus først"), nb
    assert en.startswith(f"error: no rota store at {missing} (publish a rota first"), en
    db = tmp_path / "turnus.db"
    with Store(db):
        pass
    nb, en = both(capsys, tmp_path, "history", "--unit", "Storgata", "--db", db)
    assert nb == f"feil: enheten «Storgata» finnes ikke i turnusbasen {db} (enheter: ingen ennå)\n"
    assert en == f"error: unit 'Storgata' is not in the store {db} (units: none yet)\n"
    nb, en = both(capsys, tmp_path, "publish", "--draft", 7, "--unit", "Storgata", "--db", db)
    assert nb == f"feil: ingen turnus med id 7 i {db}\n"
    assert en == f"error: no rota with id 7 in {db}\n"


def test_replan_refusals_of_the_next_period_and_an_absent_stranger(tmp_path, capsys, files):
    following = tmp_path / "neste.json"
    following.write_text(rota("2027-01-20", "2027-01-26"), encoding="utf-8")
    nb, en = both(capsys, tmp_path, "replan", files["scenario"], files["rota"], "--absent",
                  "p2:2027-01-06:2027-01-07", "--next", following, "--out", tmp_path / "ut")
    assert nb == ("feil: neste periodes turnus starter 20.01.2027, ikke dagen etter denne perioden "
                  "(11.01.2027); oppgi turnusen som følger etter 10.01.2027\n")
    assert en.startswith("error: the next period's rota starts on 2027-01-20, not the day after")
    nb, en = both(capsys, tmp_path, "replan", files["scenario"], files["rota"], "--absent",
                  "p9:2027-01-06:2027-01-07", "--out", tmp_path / "ut")
    assert nb == "feil: --absent: «p9» finnes ikke blant scenarioets ansatte (p1, p2)\n"
    assert en == "error: --absent: 'p9' is not in the scenario's staff list (p1, p2)\n"


def test_a_year_plan_with_mistakes_and_a_rota_that_is_no_grunnturnus(tmp_path, capsys, files):
    lines = [{"holder": "p1", "weeks": [["D", "D", "D", "D", "D", "", ""]]},
             {"holder": "p2", "weeks": [["", "", "D", "D", "D", "D", "D"]]}]
    grunnturnus = tmp_path / "grunnturnus.json"
    grunnturnus.write_text(rota(kind="grunnturnus", weeks=1, cycle_start="2027-01-04", lines=lines),
                           encoding="utf-8")
    plan = tmp_path / "arsplan.toml"
    plan.write_text('year = 2027\nhours_tolerance = "mye"\n[[vacations]]\nstaff = "p9"\nweeks = 2\n',
                    encoding="utf-8")
    out = tmp_path / "ut"
    nb, en = both(capsys, tmp_path, "arsturnus", grunnturnus, "--scenario", files["scenario"],
                  "--plan", plan, "--out", out)
    assert nb == (f"feil: 2 problemer funnet:\n  - {plan}: linje 2 (hours_tolerance): forventet timer "
                  f"fra 0 til 500, fikk 'mye'\n  - {plan}: linje 4 (Ferier, rad 1, ansatt): 'p9' finnes "
                  "ikke blant scenarioets ansatte\n")
    assert "(vacations #1.staff): 'p9' is not in the scenario's staff list" in en
    nb, en = both(capsys, tmp_path, "arsturnus", files["rota"], "--scenario", files["scenario"],
                  "--plan", plan, "--out", out)
    assert nb == (f"feil: {files['rota']}: ikke en grunnturnus: turnusen har ikke \"kind\": "
                  "\"grunnturnus\" (lag en med roster grunnturnus)\n")
    assert en.startswith(f"error: {files['rota']}: not a grunnturnus: the rota has no \"kind\"")


@pytest.mark.parametrize(("fault", "nb_text", "en_text"), [
    (PermissionError(errno.EACCES, os.strerror(errno.EACCES), "låst.toml"), "feil: låst.toml: ingen tilgang",
     f"error: låst.toml: {os.strerror(errno.EACCES)}"),
    (OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "ut.json"), "feil: ut.json: disken er full",
     f"error: ut.json: {os.strerror(errno.ENOSPC)}"),
    (IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), "mappe"), "feil: mappe: er en mappe",
     f"error: mappe: {os.strerror(errno.EISDIR)}"),
    (MemoryError(), "feil: inndataene er for store: planleggeren gikk tom for minne",
     "error: the input is too large: the planner ran out of memory"),
    (KeyboardInterrupt(), "avbrutt", "interrupted"),
], ids=["permission", "disk-full", "a-folder", "memory", "interrupt"])
def test_os_errors_and_interruptions(tmp_path, capsys, files, monkeypatch, fault, nb_text, en_text):
    import roster.cli.commands.validate as validate

    def fails(path: str) -> None:
        raise fault

    monkeypatch.setattr(validate, "read_scenario", fails)
    code, nb = run(capsys, "validate", files["scenario"], "--lang", "nb")
    assert code == 1 and nb.startswith(nb_text), nb
    assert not english_words(nb, tmp_path), nb
    code, en = run(capsys, "validate", files["scenario"])
    assert code == 1 and en.startswith(en_text), en


def test_roster_lang_sets_the_language_of_errors_too(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ROSTER_LANG", "nb")
    missing = tmp_path / "borte.toml"
    assert run(capsys, "validate", missing) == (1, f"feil: {missing}: filen finnes ikke\n")
    assert run(capsys, "validate", missing, "--lang", "en") == (1, f"error: {missing}: file not found\n")


def test_a_message_nobody_translated_is_shown_in_english_not_lost(tmp_path, capsys, files, monkeypatch):
    import roster.cli.commands.validate as validate
    from roster.errors import UserError

    def fails(path: str) -> None:
        raise UserError("a brand new refusal without bokmål")

    monkeypatch.setattr(validate, "read_scenario", fails)
    assert run(capsys, "validate", files["scenario"], "--lang", "nb") == \
        (1, "feil: a brand new refusal without bokmål\n")
