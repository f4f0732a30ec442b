"""Languages of the command line: ``--lang nb|en`` and $ROSTER_LANG on every command that
prints a summary or a report, and no English word in bokmål mode.

Each command runs for real (the solver with short time limits on small scenarios) in
bokmål, half of them by ``--lang nb`` and half by ``ROSTER_LANG=nb``; the output must not
hold any word of :data:`ENGLISH` (status and stage names, "Wrote", "short", weekday names
...). Proper nouns, file paths, command-line options, dotted identifiers, staff names and
ids and shift codes are taken out first; the Norwegian words that are English too
("optimal", "status", "robust", "min") are not on the list.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import sys

import pytest
from conftest import DATA

from roster.cli.main import main
from roster.rota import Rota
from roster.vocabulary import stage_word, status_word, target_words

ENGLISH = (
    # status values, stage and rule names
    "feasible", "infeasible", "error", "tidiness", "fairness", "wishes?", "stability",
    "robustness", "priority", "stage", "solver", "bound", "value", "gap", "not proven",
    "time limit", "breach(es)?", "warnings?", "rule", "rules", "coverage",
    # the summary's words
    "base", "service", "short", "staffed", "staff", "wrote", "hours?", "weeks?", "weekends?",
    "evenings?", "nights?", "holidays?", "days?", "day off", "people", "person\\(s\\)",
    "opened", "target", "granted", "missing", "needed", "shifts?", "slots?", "skills?",
    "changes", "re-?planned", "absence", "sick", "leave", "cost", "budget", "runs", "mean",
    "percentile", "weak", "critical", "period", "rotas?", "lines?", "cycle", "reason",
    "cause", "none", "note", "level", "check", "staffing", "headcount", "position",
    "salaries", "supplement", "substitutes?", "total",
    # small words
    "the", "and", "of", "with", "in", "not", "at least", "every", "from", "each",
    # weekdays and months
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "wed", "thu", "sat", "sun", "may", "oct", "dec",
)
FORBIDDEN = re.compile(r"\b(" + "|".join(ENGLISH) + r")\b", re.IGNORECASE)
WHITELIST = ("HiGHS", "KS HTA", "SSB/KS", "KLP", "N-1", "P(min)")


def english_words(text: str) -> list[str]:
    """The English words in ``text``, after taking out what is not prose."""
    text = re.sub(r"`[^`]*`", " ", text)  # `roster ladder`
    text = re.sub(r"roster [a-z-]+", " ", text)  # a command to run
    text = re.sub(r"\S*[/\\]\S*", " ", text)  # file paths
    text = re.sub(r"--[a-z][a-z-]*", " ", text)  # options
    text = re.sub(r"\b\w+\.\w+(\.\w+)*\b", " ", text)  # dotted identifiers, rules.weekly_hours
    for word in WHITELIST:
        text = text.replace(word, " ")
    return sorted({m.group(0) for m in FORBIDDEN.finditer(text)})


def run(argv: list[str], monkeypatch, env_nb: bool = False) -> tuple[int, str]:
    """The command's exit code and what it printed (stdout and stderr), in process."""
    with monkeypatch.context() as m:
        if env_nb:
            m.setenv("ROSTER_LANG", "nb")
        else:
            m.delenv("ROSTER_LANG", raising=False)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    return code, out.getvalue() + err.getvalue()


def assert_bokmal(text: str, what: str) -> None:
    found = english_words(text)
    assert not found, f"{what}: English in bokmål mode: {found}\n{text}"


TINY = """
[scenario]
name = "Liten bolig"
unit = "Liten"
[period]
start = 2027-02-01
end = 2027-02-14
[[shifts]]
code = "D"
name = "Dagvakt"
start = "08:00"
end = "15:30"
[[staff]]
id = "p1"
name = "Kari"
fte = 1.0
[[staff]]
id = "p2"
name = "Ola"
fte = 1.0
[[coverage]]
shift = "D"
days = ["weekday", "saturday", "sunday"]
min_staff_if_open = 2
"""


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    """A rota of a month with service targets missed (solved once, in bokmål), and one of
    a unit too small for its base shifts (status infeasible)."""
    root = tmp_path_factory.mktemp("lang")
    mp = pytest.MonkeyPatch()
    try:
        code, text = run(["solve", str(DATA / "fredrikstad-mat-sick.toml"), "--out", str(root / "sick"),
                          "--time-limit", "6", "--explain-seconds", "2", "--lang", "nb"], mp)
        tiny = root / "tiny.toml"
        tiny.write_text(TINY, encoding="utf-8")
        code2, text2 = run(["solve", str(tiny), "--out", str(root / "tiny"), "--time-limit", "5",
                            "--explain-seconds", "2"], mp, env_nb=True)
    finally:
        mp.undo()
    return {"root": root, "solve": (code, text), "solve_short": (code2, text2), "tiny": tiny}


def test_solve_in_bokmal(work):
    code, text = work["solve"]
    assert code == 0, text
    assert text.startswith("Status: ")
    assert "Tjenestenivå:" in text and "Grunnbemanning:" in text and "Skrev " in text
    assert_bokmal(text, "solve --lang nb")
    summary = (work["root"] / "sick" / "summary.txt").read_text(encoding="utf-8")
    assert summary.startswith("Status: ") and "Tjenestenivå:" in summary
    assert_bokmal(summary, "summary.txt")
    # the machine value in rota.json stays the contract's English
    rota = json.loads((work["root"] / "sick" / "rota.json").read_text(encoding="utf-8"))
    assert rota["status"] in ("optimal", "feasible")


def test_solve_short_staffed_in_bokmal_by_environment(work):
    code, text = work["solve_short"]
    assert code == 4, text
    assert text.startswith("Status: ikke gyldig")
    assert "Regelbrudd: " in text and "Regelbrudd: ingen" not in text
    assert_bokmal(text, "solve, ROSTER_LANG=nb, short of staff")


def test_report_commands_in_bokmal(work, monkeypatch, tmp_path):
    sick = str(DATA / "fredrikstad-mat-sick.toml")
    rota = str(work["root"] / "sick" / "rota.json")
    tiny, tiny_rota = str(work["tiny"]), str(work["root"] / "tiny" / "rota.json")
    runs = [
        (["check", tiny, tiny_rota, "--lang", "nb"], False, 1),
        (["check", sick, rota], True, 0),
        (["coverage", sick, rota, "--lang", "nb", "--out", str(tmp_path / "cov")], False, 0),
        (["simulate", sick, rota, "--runs", "40"], True, 0),
        (["robustness", sick, rota, "--lang", "nb"], False, 0),
        (["robustness", tiny, tiny_rota, "--robust", "1", "--time-limit", "3"], True, 0),
        (["info", str(DATA / "alta-ettervern.toml"), "--lang", "nb"], False, 0),
        (["info", sick], True, 0),
        (["validate", sick, "--lang", "nb"], False, 0),
        (["validate", sick], True, 0),
        (["open-shifts", sick, rota], True, 0),
        (["export", sick, rota, "--out", str(tmp_path / "rota.xlsx")], True, 0),
        (["portfolio", sick, str(DATA / "alta-ettervern.toml"), "--out", str(tmp_path / "pf"),
          "--no-check", "--no-ladder", "--no-simulation", "--workers", "1", "--quiet"], True, 0),
    ]
    for argv, env_nb, expected in runs:
        code, text = run(argv, monkeypatch, env_nb=env_nb)
        assert code == expected, (argv, text)
        assert_bokmal(text, " ".join(argv[:1]) + (" (ROSTER_LANG=nb)" if env_nb else " --lang nb"))


def test_replan_and_staffing_in_bokmal(work, monkeypatch, tmp_path):
    sick = str(DATA / "fredrikstad-mat-sick.toml")
    rota = str(work["root"] / "sick" / "rota.json")
    code, text = run(["replan", sick, rota, "--absent", "s01:2027-01-11:2027-01-15", "--out",
                      str(tmp_path / "re"), "--time-limit", "6", "--explain-seconds", "1",
                      "--lang", "nb"], monkeypatch)
    assert code in (0, 4), text
    assert "Omplanlagt fra 2027-" in text
    assert_bokmal(text, "replan --lang nb")
    code, text = run(["staffing", str(DATA / "fredrikstad-mat-sick.toml"), "--check", "--max-steps",
                      "1", "--time-limit", "3", "--out", str(tmp_path / "st")], monkeypatch, env_nb=True)
    assert code == 0, text
    assert "Budsjett " in text and "Registrert fravær" in text
    assert_bokmal(text, "staffing --check (ROSTER_LANG=nb)")
    code, text = run(["ladder", str(DATA / "alta-ettervern.toml"), "--time-limit", "3"], monkeypatch,
                     env_nb=True)
    assert_bokmal(text, "ladder (ROSTER_LANG=nb)")


def test_grunnturnus_and_rollout_in_bokmal(monkeypatch, tmp_path):
    gt = tmp_path / "gt"
    code, text = run(["grunnturnus", str(DATA / "fredrikstad-mat.toml"), "--weeks", "2", "--out",
                      str(gt), "--time-limit", "6"], monkeypatch, env_nb=True)
    assert code in (0, 4), text
    assert "Status: " in text and "Løser: " in text
    assert_bokmal(text, "grunnturnus (ROSTER_LANG=nb)")
    code, text = run(["rollout", str(gt / "rota.json"), "--scenario", str(DATA / "fredrikstad-mat.toml"),
                      "--from", "2027-01-04", "--to", "2027-01-17", "--split", "none", "--out",
                      str(tmp_path / "ro"), "--lang", "nb"], monkeypatch)
    assert code in (0, 4), text
    assert_bokmal(text, "rollout --lang nb")


def test_history_in_bokmal(monkeypatch, tmp_path, capsys):
    from test_store_cli import published_store

    db = published_store(tmp_path, capsys)
    code, text = run(["history", "--unit", "Testteam", "--db", db, "--details", "--lang", "nb"],
                     monkeypatch)
    assert code == 0, text
    assert "erstattet" in text and "publisert" in text
    assert_bokmal(text, "history --lang nb")
    code, text = run(["units", "--db", db], monkeypatch, env_nb=True)
    assert code == 0 and "Enheter i " in text
    assert_bokmal(text, "units (ROSTER_LANG=nb)")
    code, text = run(["publish", str(tmp_path / "v1.json"), "--unit", "Nytt team", "--db", db,
                      "--user", "kari", "--lang", "nb"], monkeypatch)
    assert code == 0 and "Publiserte turnus " in text
    assert_bokmal(text, "publish --lang nb")
    # a unit's first publication ("published (N assignments)" in the store) in bokmål too
    code, text = run(["history", "--unit", "Nytt team", "--db", db, "--lang", "nb"], monkeypatch)
    assert code == 0 and "publisert (" in text and "published" not in text
    assert_bokmal(text, "history --lang nb (first publication)")


def test_english_stays_english(work, monkeypatch):
    sick = str(DATA / "fredrikstad-mat-sick.toml")
    rota = str(work["root"] / "sick" / "rota.json")
    # --lang en wins over ROSTER_LANG=nb
    code, text = run(["check", str(work["tiny"]), str(work["root"] / "tiny" / "rota.json"),
                      "--lang", "en"], monkeypatch, env_nb=True)
    assert code == 1 and "rule breach(es)" in text and "ERROR" in text
    code, text = run(["coverage", sick, rota], monkeypatch)
    assert code == 0 and "Service targets (opened/target per period):" in text
    code, text = run(["info", sick], monkeypatch)
    assert "Hours to cover" in text and "Period: " in text
    r = Rota.load(rota)
    from roster.summary import format_rota_summary

    text = format_rota_summary(r, "en")
    assert text.startswith(f"Status: {r.status}") and "Service level:" in text
    assert "Rule breaches:" in text


def test_bad_environment_value_is_a_usage_error(monkeypatch, capsys):
    monkeypatch.setenv("ROSTER_LANG", "de")
    assert main(["info", str(DATA / "alta-ettervern.toml")]) == 3
    assert "ROSTER_LANG='de': expected nb or en" in capsys.readouterr().err
    monkeypatch.setenv("ROSTER_LANG", "en")
    assert main(["info", str(DATA / "alta-ettervern.toml")]) == 0
    assert "Hours to cover" in capsys.readouterr().out
    assert main(["info", str(DATA / "alta-ettervern.toml"), "--lang", "sv"]) == 3


@pytest.mark.parametrize("command", ["solve", "replan", "check", "coverage", "staffing", "simulate",
                                     "robustness", "validate", "info", "history", "ladder",
                                     "portfolio", "open-shifts", "export", "grunnturnus", "rollout",
                                     "units", "publish"])
def test_every_report_command_has_lang(command, capsys):
    assert main([command, "--help"]) == 0
    assert "--lang nb|en" in capsys.readouterr().out


def test_vocabulary():
    assert status_word("feasible", "nb") == "gyldig" and status_word("feasible", "en") == "feasible"
    assert status_word("infeasible", "nb") == "ikke gyldig"
    assert stage_word("tidiness", "nb") == "ryddig turnus"
    assert stage_word("service.3", "nb") == "tjenestenivå (rang 3)"
    assert stage_word("fairness.1", "nb") == "rettferdig fordeling (1)"  # an årsturnus sub-stage
    assert stage_word("service.3", "en") == "service.3"
    assert target_words("4 days per week", "nb") == "4 dager per uke"
    assert target_words("every weekend", "nb") == "hver helg"
    assert set(english_words("Status: feasible, 3 short; Wrote out/rota.json")) == {
        "feasible", "short", "Wrote"}
    assert not english_words("Status: optimal. Skrev /tmp/x/rota.json; se `roster ladder`")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
