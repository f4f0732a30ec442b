"""Bad input never crashes the command line, and no command overwrites a user's file.

Exit codes (roster.cli.main): 0 ok, 1 user/input error and OS conditions, 2 internal error,
3 usage error. Outputs follow one rule (roster.cli.outputs): never an input, never a file
the command did not write (a manifest in the output folder says which), unless --force;
CSV cells never start a formula; files with personal data are owner-only.
"""

from __future__ import annotations

import csv
import io
import json
import os
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT, SHARED

from roster.cli.main import main
from roster.cli.options import max_threads
from roster.cli.outputs import MANIFEST

TIME = ["--time-limit", "5"]
EVIL_NAMES = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)"]  # the loader refuses "\tx"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

TINY = """
[scenario]
name = "{name}"
[period]
start = 2027-01-04
end = 2027-01-10
[[shifts]]
code = "D"
name = "Dag"
start = "08:00"
end = "16:00"
[[shifts]]
code = "A"
name = "Kveld"
start = "14:00"
end = "21:00"
kind = "evening"
{staff}
[[coverage]]
shift = "D"
days = ["weekday"]
min_staff_if_open = 2
[[coverage]]
shift = "A"
days = ["weekday"]
min_staff_if_open = 1
priority = "service"
open = {{ count = 2, per = "week" }}
[rules]
weekend_every = 0
"""


def tiny_toml(name: str = "Tiny") -> str:
    staff = "\n".join(f'[[staff]]\nid = "p{i + 1}"\nname = {json.dumps(n)}\nfte = 1.0'
                      for i, n in enumerate(EVIL_NAMES))
    return TINY.format(name=name, staff=staff)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="module")
def solved(tmp_path_factory) -> tuple[Path, Path]:
    """A scenario file and a folder with its solved rota (written by roster solve)."""
    base = tmp_path_factory.mktemp("solved")
    scen = base / "s.toml"
    scen.write_text(tiny_toml(), encoding="utf-8")
    assert main(["solve", str(scen), "--out", str(base / "jan"), *TIME]) == 0
    return scen, base / "jan"


@pytest.fixture
def jan(solved, tmp_path) -> tuple[Path, Path]:
    """A private copy of the scenario and of the solved folder (manifest included)."""
    scen, folder = solved
    copy = tmp_path / "jan"
    copy.mkdir()
    for f in folder.iterdir():
        (copy / f.name).write_bytes(f.read_bytes())
    (tmp_path / "s.toml").write_bytes(scen.read_bytes())
    return tmp_path / "s.toml", copy


def csv_cells(path: Path) -> list[str]:
    return [c for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))) for c in row]


def assert_no_live_formula(path: Path) -> None:
    for cell in csv_cells(path):
        if cell.startswith(FORMULA_START):
            float(cell)  # only a plain negative number may start with '-'


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


# --- exit codes ---------------------------------------------------------------------------
@pytest.mark.parametrize("argv", [
    ["nosuch"], [], ["solve"], ["solve", "missing.toml"], ["validate", "missing.toml", "b"],
    ["check", "--nope"], ["--frobnicate"], ["replan", "missing.toml", "r.json", "--out", "o"],
])
def test_usage_errors_exit_3(argv, capsys):
    code, _, err = run(capsys, *argv)
    assert code == 3
    assert "usage:" in err


def test_help_exits_0(capsys):
    assert run(capsys, "--help")[0] == 0
    assert run(capsys, "solve", "--help")[0] == 0


def test_missing_file_folder_and_fifo_inputs_exit_1(tmp_path, capsys):
    code, _, err = run(capsys, "validate", tmp_path / "missing.toml")
    assert code == 1 and f"{tmp_path / 'missing.toml'}: file not found" in err
    code, _, err = run(capsys, "validate", tmp_path)
    assert code == 1 and f"{tmp_path}: is a folder" in err
    (tmp_path / "s.toml").write_text(tiny_toml(), encoding="utf-8")
    code, _, err = run(capsys, "check", tmp_path / "s.toml", tmp_path)
    assert code == 1 and "is a folder" in err and "internal" not in err


def test_a_fifo_input_is_refused_without_opening_it(tmp_path):
    fifo = tmp_path / "s.toml"
    os.mkfifo(fifo)
    for argv in (["validate", str(fifo)], ["import", str(fifo), "--out", str(tmp_path / "x.toml")]):
        # a plain open() of a FIFO blocks until a writer comes: the timeout would fire
        proc = subprocess.run([sys.executable, "-m", "roster.cli.main", *argv], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 1, proc.stderr
        assert f"{fifo}: is not a regular file" in proc.stderr


def test_out_under_a_regular_file_exits_1(tmp_path, capsys):
    scen = tmp_path / "s.toml"
    scen.write_text(tiny_toml(), encoding="utf-8")
    code, _, err = run(capsys, "solve", scen, "--out", scen / "jan", *TIME)
    assert code == 1 and f"{scen} is a file, not a folder" in err
    code, _, err = run(capsys, "template", "--out", scen / "sub" / "t.xlsx")
    assert code == 1 and f"{scen} is a file, not a folder" in err
    assert scen.read_text(encoding="utf-8") == tiny_toml()


def test_an_output_that_is_a_folder_or_a_fifo_is_refused_even_with_force(tmp_path, capsys):
    (tmp_path / "t.xlsx").mkdir()
    code, _, err = run(capsys, "template", "--out", tmp_path / "t.xlsx", "--force")
    assert code == 1 and f"{tmp_path / 't.xlsx'} exists and is a folder" in err
    fifo = tmp_path / "f.xlsx"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "template", "--out", fifo, "--force")
    assert code == 1 and "not a regular file" in err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.skipif(os.geteuid() == 0, reason="root is never denied permission")
def test_permission_denied_exits_1(tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, _, err = run(capsys, "template", "--out", locked / "t.xlsx")
    finally:
        locked.chmod(0o700)
    assert code == 1 and "Permission denied" in err


@pytest.mark.parametrize("command", ["coverage", "export", "open-shifts"])
def test_an_output_path_through_a_loop_of_links_is_a_user_error(command, jan, tmp_path, capsys):
    # `a` -> `b` -> `a`: resolving the output path never ends; the command names the path
    # and exits 1, as it does for an input behind such a loop (it was an internal error)
    scen, folder = jan
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    (tmp_path / "loop.xlsx").symlink_to(tmp_path / "loop.xlsx")
    out = tmp_path / "a" / "x.csv" if command != "export" else tmp_path / "loop.xlsx"
    code = main([command, str(scen), str(folder / "rota.json"), "--out", str(out), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "cannot use this path" in err and str(out.parent if command != "export" else out) in err
    assert "Traceback" not in err


def _limit_file_size() -> None:  # in the child: files may grow to 100 bytes, then EFBIG
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))


def test_a_failed_write_is_a_user_error_and_leaves_no_temporary_file(tmp_path):
    """A full disk and a file-size limit fail the same write call; the limit can be set
    without root. The old file stays as it was."""
    xlsx = tmp_path / "s.xlsx"
    assert main(["template", "--from", str(ROOT / "data" / "alta-ettervern.toml"), "--out", str(xlsx)]) == 0
    out = tmp_path / "out" / "s.toml"
    proc = subprocess.run([sys.executable, "-m", "roster.cli.main", "import", str(xlsx), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120,
                          preexec_fn=_limit_file_size)
    assert proc.returncode == 1, proc.stderr
    assert f"{out}: could not write the file (File too large)" in proc.stderr
    assert not out.exists() and no_temp_files(tmp_path)


# --- bounded options ------------------------------------------------------------------------
BOUNDS = [
    ("solve", "--time-limit", ["0", "-1", "nan", "inf", "86401", "soon"]),
    ("solve", "--threads", ["0", "-2", str(max_threads() + 1), "many"]),
    ("solve", "--seed", ["-1", str(2**31)]),
    ("solve", "--robust", ["-1", "51"]),
    ("simulate", "--runs", ["0", "100001", "1e9"]),
    ("simulate", "--seed", ["-1", str(2**31)]),
    ("simulate", "--absence-rate", ["1", "-0.1", "nan"]),
    ("simulate", "--short-share", ["1.5"]),
    ("simulate", "--long-mean", ["4", "181"]),
    ("simulate", "--vikar-cost", ["-1", "inf"]),
    ("staffing", "--year", ["1899", "2201"]),
    ("staffing", "--step", ["0", "-0.5", "1.5", "101"]),
    ("staffing", "--max-steps", ["0", "101"]),
    ("staffing", "--runs", ["0", "100001"]),
    ("staffing", "--time-limit", ["0", "86401"]),
    ("staffing", "--target-evenings", ["-1", "8"]),
    ("staffing", "--target-weekends", ["6", "often", "-1"]),
    ("staffing", "--sick-leave", ["1", "-0.1"]),
    ("staffing", "--other-leave", ["1"]),
    ("staffing", "--vacation-weeks", ["52", "-1"]),
    ("staffing", "--weekly-hours", ["0", "169"]),
    ("staffing", "--budget-arsverk", ["0", "10001"]),
    ("staffing", "--running-costs", ["-1", "inf"]),
    ("ladder", "--time-limit", ["0", "1e6"]),
    ("ladder", "--threads", ["0"]),
    ("ladder", "--absent", ["p1:2027-01-05", "p1:2027-01-09:2027-01-05", "p1:1800-01-01:1800-01-02",
                            ":2027-01-05:2027-01-06", "p1:2027-02-30:2027-03-01"]),
    ("ladder", "--kind", ["bogus"]),
    ("replan", "--today", ["2027-13-01", "2301-01-01"]),
    ("replan", "--absent", ["p1"]),
    ("robustness", "--robust", ["-1", "51"]),
    ("robustness", "--time-limit", ["0"]),
    ("coverage", "--nope", ["1"]),
]


def _argv(command: str, scen: Path, folder: Path) -> list[str]:
    rota = str(folder / "rota.json")
    out = str(folder.parent / "bounds-out")
    return {
        "solve": ["solve", str(scen), "--out", out, *TIME],
        "simulate": ["simulate", str(scen), rota, "--runs", "10"],
        "staffing": ["staffing", str(scen)],
        "ladder": ["ladder", str(scen), *TIME],
        "replan": ["replan", str(scen), rota, "--absent", "p1:2027-01-05:2027-01-06", "--out", out, *TIME],
        "robustness": ["robustness", str(scen), rota, *TIME],
        "coverage": ["coverage", str(scen), rota],
    }[command]


@pytest.mark.parametrize(("command", "option", "values"), BOUNDS,
                         ids=[f"{c} {o}" for c, o, _ in BOUNDS])
def test_out_of_bounds_values_are_usage_errors(command, option, values, solved, capsys):
    scen, folder = solved
    for value in values:
        code, _, err = run(capsys, *_argv(command, scen, folder), option, value)
        assert code == 3, (option, value, err)
        assert option in err and "Traceback" not in err
    assert not (folder.parent / "bounds-out").exists()


def test_values_at_the_bounds_are_accepted(solved, capsys):
    scen, folder = solved
    code, out, _ = run(capsys, "simulate", scen, folder / "rota.json", "--runs", "1",
                       "--seed", str(2**31 - 1), "--absence-rate", "0", "--json")
    assert code == 0 and json.loads(out)["runs"] == 1


def test_publish_draft_id_is_bounded(tmp_path, capsys):
    for value in ("0", str(2**63)):
        code, _, err = run(capsys, "publish", "--draft", value, "--unit", "u", "--db", tmp_path / "x.db")
        assert code == 3 and "--draft" in err
    assert not (tmp_path / "x.db").exists()


# --- no live formulas in any CSV ------------------------------------------------------------
def test_rota_csv_neutralises_formula_names(solved):
    _, folder = solved
    cells = csv_cells(folder / "rota.csv")
    for name in EVIL_NAMES:
        assert "'" + name in cells
    assert_no_live_formula(folder / "rota.csv")


def test_tab_and_carriage_return_cells_are_neutralised():
    """Names with a tab or CR cannot come through the scenario loader; a rota.json may hold
    them, and the CSV writers must still neutralise them."""
    import datetime as dt

    from roster import safe_io
    from roster.grid import grid_csv_text
    from roster.rota import Rota

    names = ["\tx", "\rx", *EVIL_NAMES]
    rota = Rota(scenario="t", start=dt.date(2027, 1, 4), end=dt.date(2027, 1, 4), status="feasible",
                assignments=[], staff=[{"id": f"p{i}", "name": n} for i, n in enumerate(names)])
    cells = [c for row in csv.reader(io.StringIO(grid_csv_text(rota))) for c in row]
    assert all("'" + n in cells for n in names)
    assert not any(c.startswith(FORMULA_START) for c in cells)
    text = safe_io.dict_csv_text(["name", "n"], [{"name": n, "n": -2} for n in names])
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert [c for c in cells if c.startswith(FORMULA_START)] == ["-2"] * len(names)  # numbers stay


def test_coverage_csv_neutralises(jan, capsys):
    scen, folder = jan
    out = folder.parent / "cov"
    assert run(capsys, "coverage", scen, folder / "rota.json", "--out", out)[0] == 0
    files = sorted(out.glob("coverage_*.csv"))
    assert len(files) == 4
    assert "'" + EVIL_NAMES[0] in csv_cells(out / "coverage_staff.csv")
    for f in files:
        assert_no_live_formula(f)


def test_changes_csv_neutralises(tmp_path, capsys):
    # shift codes are the only free text in changes.csv: make one look like a formula
    scen = tmp_path / "s.toml"
    scen.write_text(tiny_toml().replace('code = "D"', 'code = "-D"').replace('shift = "D"', 'shift = "-D"'),
                    encoding="utf-8")
    assert run(capsys, "solve", scen, "--out", tmp_path / "jan", *TIME)[0] == 0
    code, _, err = run(capsys, "replan", scen, tmp_path / "jan" / "rota.json", "--absent",
                       "p1:2027-01-04:2027-01-08", "--out", tmp_path / "re", *TIME)
    assert code == 0, err
    changes = tmp_path / "re" / "changes.csv"
    assert "'-D" in csv_cells(changes)
    assert_no_live_formula(changes)


def test_staffing_csv_neutralises(tmp_path, capsys):
    scen = tmp_path / "s.toml"
    scen.write_text(tiny_toml(name="=cmd|' /C calc'!A0"), encoding="utf-8")
    other = tmp_path / "o.toml"
    other.write_text(tiny_toml(name="@other"), encoding="utf-8")
    code, _, err = run(capsys, "staffing", scen, "--year", "2027", "--compare", other, "--runs", "5",
                       *TIME, "--out", tmp_path / "st")
    assert code == 0, err
    files = sorted((tmp_path / "st").glob("*.csv"))
    assert {f.name for f in files} == {"staffing.csv", "hours.csv", "compare.csv"}
    assert "'@other" in csv_cells(tmp_path / "st" / "compare.csv")
    for f in files:
        assert_no_live_formula(f)


# --- never overwrite an input or a file the command did not write ---------------------------
def assert_refused(capsys, argv: list, target: Path) -> None:
    before = target.read_bytes()
    code, _, err = run(capsys, *argv)
    assert code == 1, err
    assert str(target) in err and "--force" in err
    assert target.read_bytes() == before


def as_week_before(path: Path) -> None:
    """Rewrite a rota.json of the week of 4 January 2027 as the week before it (a valid
    --previous for that week: the file stays where the command will write its rota)."""
    import datetime as dt

    def back(text: str) -> str:
        return (dt.date.fromisoformat(text) - dt.timedelta(days=7)).isoformat()

    data = json.loads(path.read_text(encoding="utf-8"))
    data["start"], data["end"] = back(data["start"]), back(data["end"])
    for key in ("assignments", "coverage"):
        for row in data.get(key, []):
            row["date"] = back(row["date"])
    data["violations"] = []
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_solve_never_overwrites_previous(jan, capsys):
    scen, folder = jan
    rota = folder / "rota.json"
    as_week_before(rota)
    assert_refused(capsys, ["solve", scen, "--previous", rota, "--out", folder, *TIME], rota)
    assert_refused(capsys, ["solve", scen, "--previous", rota, "--out", folder, "--force", *TIME], rota)


def test_a_previous_rota_of_another_period_and_a_baseline_of_another_period_are_refused(jan, capsys):
    # --previous must end before this period starts (and not long before); --baseline must be
    # a rota of this period: either used wrongly was accepted without a word
    scen, folder = jan
    rota = folder / "rota.json"  # the week of 4 January: this period itself
    code, _, err = run(capsys, "solve", scen, "--previous", rota, "--out", folder / "x", *TIME)
    assert code == 1 and "--previous must be the rota of the period before this one" in err
    assert "covers 2027-01-04..2027-01-10 and this period starts on 2027-01-04" in err
    code, _, err = run(capsys, "check", scen, rota, "--previous", rota)
    assert code == 1 and "--previous must be the rota of the period before this one" in err
    as_week_before(rota)
    code, _, err = run(capsys, "solve", scen, "--baseline", rota, "--out", folder / "y", *TIME)
    assert code == 1 and "--baseline covers 2026-12-28..2027-01-03, but this period is" in err
    assert not (folder / "x").exists() and not (folder / "y").exists()


def test_solve_never_overwrites_baseline(jan, capsys):
    scen, folder = jan
    rota = folder / "rota.json"
    assert_refused(capsys, ["solve", scen, "--baseline", rota, "--out", folder, *TIME], rota)


def test_an_input_reached_through_a_link_is_still_an_input(jan, tmp_path, capsys):
    scen, folder = jan
    other = tmp_path / "other"
    other.mkdir()
    as_week_before(folder / "rota.json")
    os.link(folder / "rota.json", other / "rota.json")  # hard link
    assert_refused(capsys, ["solve", scen, "--previous", folder / "rota.json", "--out", other,
                            "--force", *TIME], folder / "rota.json")
    (tmp_path / "via").symlink_to(folder)
    assert_refused(capsys, ["solve", scen, "--previous", folder / "rota.json", "--out", tmp_path / "via",
                            *TIME], folder / "rota.json")


def test_replan_never_overwrites_the_published_rota(jan, capsys):
    scen, folder = jan
    rota = folder / "rota.json"
    assert_refused(capsys, ["replan", scen, rota, "--absent", "p1:2027-01-05:2027-01-06", "--out", folder,
                            *TIME], rota)


def test_robustness_never_overwrites_its_rota(jan, capsys):
    scen, folder = jan
    rota = folder / "rota.json"
    assert_refused(capsys, ["robustness", scen, rota, "--robust", "1", "--out", folder, *TIME], rota)


def test_ladder_never_overwrites_a_rota_solve_wrote(jan, capsys):
    scen, folder = jan
    assert_refused(capsys, ["ladder", scen, "--out", folder, *TIME], folder / "rota.json")


def test_template_never_overwrites_a_filled_workbook(tmp_path, capsys):
    xlsx = tmp_path / "s.xlsx"
    assert run(capsys, "template", "--out", xlsx)[0] == 0
    assert run(capsys, "template", "--out", xlsx)[0] == 0  # its own, unchanged: may be redone
    wb = openpyxl.load_workbook(xlsx)
    wb.worksheets[0]["A1"] = "filled in by the unit leader"
    wb.save(xlsx)
    assert_refused(capsys, ["template", "--out", xlsx], xlsx)
    hand = tmp_path / "mine.xlsx"
    openpyxl.Workbook().save(hand)
    assert_refused(capsys, ["template", "--out", hand, "--from", ROOT / "data" / "alta-ettervern.toml"],
                   hand)


def test_import_never_overwrites_an_existing_scenario(tmp_path, capsys):
    xlsx = tmp_path / "s.xlsx"
    assert run(capsys, "template", "--from", ROOT / "data" / "alta-ettervern.toml", "--out", xlsx)[0] == 0
    toml = tmp_path / "s.toml"
    toml.write_text(tiny_toml(), encoding="utf-8")
    assert_refused(capsys, ["import", xlsx, "--out", toml], toml)
    (tmp_path / "link.toml").symlink_to(xlsx)
    assert_refused(capsys, ["import", xlsx, "--out", tmp_path / "link.toml", "--force"], xlsx)


def test_export_db_never_overwrites_an_existing_file(tmp_path, capsys):
    from roster.store import Store

    db = tmp_path / "turnus.db"
    with Store(db):
        pass
    toml = tmp_path / "s.toml"
    toml.write_text(tiny_toml(), encoding="utf-8")
    assert_refused(capsys, ["export-db", "--out", toml, "--db", db], toml)
    assert_refused(capsys, ["export-db", "--out", db, "--db", db, "--force"], db)
    backup = tmp_path / "backup.json"
    assert run(capsys, "export-db", "--out", backup, "--db", db)[0] == 0
    assert run(capsys, "export-db", "--out", backup, "--db", db)[0] == 0  # its own: may be redone
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_export_and_import_rota_never_overwrite_foreign_files(jan, capsys):
    scen, folder = jan
    hand = folder.parent / "mine.xlsx"
    openpyxl.Workbook().save(hand)
    assert_refused(capsys, ["export", scen, folder / "rota.json", "--out", hand], hand)
    xlsx = folder.parent / "rota.xlsx"
    assert run(capsys, "export", scen, folder / "rota.json", "--out", xlsx)[0] == 0
    assert stat.S_IMODE(xlsx.stat().st_mode) == 0o600
    # import-rota over the rota solve wrote: another command's file
    assert_refused(capsys, ["import-rota", xlsx, "--scenario", scen, "--out", folder / "rota.json"],
                   folder / "rota.json")


def test_coverage_simulate_and_staffing_never_overwrite_foreign_files(jan, capsys):
    scen, folder = jan
    mine = folder / "coverage_slots.csv"
    mine.write_text("my own notes\n", encoding="utf-8")
    assert_refused(capsys, ["coverage", scen, folder / "rota.json", "--out", folder], mine)
    sim = folder / "simulation.json"
    sim.write_text("{}", encoding="utf-8")
    assert_refused(capsys, ["simulate", scen, folder / "rota.json", "--runs", "5", "--out", folder], sim)
    budget = folder / "budget.json"
    budget.write_text("{}", encoding="utf-8")
    assert_refused(capsys, ["staffing", scen, "--year", "2027", "--out", folder], budget)


def test_bench_never_overwrites_a_foreign_file(jan, capsys):
    scen, _ = jan
    instance = SHARED / "bench" / "curtois" / "Instance1.txt"
    if not instance.exists():
        pytest.skip("benchmark instances not bundled here")
    assert_refused(capsys, ["bench", "curtois", instance, "--out", scen, *TIME], scen)


def test_rerun_is_allowed_and_a_hand_edit_needs_force(jan, capsys):
    scen, folder = jan
    assert run(capsys, "solve", scen, "--out", folder, *TIME)[0] == 0  # the Makefile's make run twice
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert {manifest["files"][n]["command"] for n in ("rota.json", "rota.csv", "summary.txt")} == {"solve"}
    summary = folder / "summary.txt"
    summary.write_text(summary.read_text(encoding="utf-8") + "my note\n", encoding="utf-8")
    assert_refused(capsys, ["solve", scen, "--out", folder, *TIME], summary)
    assert run(capsys, "solve", scen, "--out", folder, "--force", *TIME)[0] == 0
    assert "my note" not in summary.read_text(encoding="utf-8")
    assert run(capsys, "solve", scen, "--out", folder, *TIME)[0] == 0  # recorded again: re-run works


def test_outputs_are_owner_only_and_no_temporary_file_is_left(solved, jan, tmp_path, capsys):
    for name in ("rota.json", "rota.csv", "summary.txt", MANIFEST):
        assert stat.S_IMODE((solved[1] / name).stat().st_mode) == 0o600, name
    scen, folder = jan
    code, _, _ = run(capsys, "replan", scen, folder / "rota.json", "--absent", "p1:2027-01-05:2027-01-06",
                     "--out", tmp_path / "re", *TIME)
    assert code == 0
    for name in ("rota.json", "changes.csv"):
        assert stat.S_IMODE((tmp_path / "re" / name).stat().st_mode) == 0o600, name
    assert run(capsys, "template", "--out", tmp_path / "empty.xlsx")[0] == 0
    assert stat.S_IMODE((tmp_path / "empty.xlsx").stat().st_mode) == 0o644  # nothing personal
    assert run(capsys, "template", "--from", scen, "--out", tmp_path / "filled.xlsx")[0] == 0
    assert stat.S_IMODE((tmp_path / "filled.xlsx").stat().st_mode) == 0o600
    assert run(capsys, "import", tmp_path / "filled.xlsx", "--out", tmp_path / "back.toml")[0] == 0
    assert stat.S_IMODE((tmp_path / "back.toml").stat().st_mode) == 0o600
    assert no_temp_files(tmp_path)
