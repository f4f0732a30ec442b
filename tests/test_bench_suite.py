"""The benchmark suite (make bench) and the synthetic scenario generator."""

from __future__ import annotations

from pathlib import Path

import pytest

from roster.bench import suite
from roster.bench.synthetic import synthetic, synthetic_data

BENCH = Path("/work/shared/bench/curtois")
for candidate in (Path(__file__).resolve().parents[2] / "shared" / "bench" / "curtois", BENCH):
    if candidate.exists():
        BENCH = candidate
        break


QUIET = ("--generated=", "--replicated=", "--portfolio-units", "0", "--short-staffed", "0",
         "--grunnturnus", "0", "--arsturnus", "0")
"""The suite's other sections, off."""


def test_instances_option_accepts_ranges_and_lists():
    assert suite.parse_instances("1-4,7") == [1, 2, 3, 4, 7]
    assert suite.parse_instances("3") == [3]
    with pytest.raises(Exception, match="instance numbers"):
        suite.parse_instances("x")


@pytest.mark.parametrize("n", [10, 25, 50, 100])
def test_synthetic_unit_is_seeded_and_valid(n):
    a, b = synthetic_data(n, seed=1), synthetic_data(n, seed=1)
    assert a == b
    assert synthetic_data(n, seed=2) != a
    s = synthetic(n)
    assert len(s.staff) == n and (s.end - s.start).days == 27
    nights = [p for p in s.staff if "D" in p.cannot_work]
    night_req = next(r for r in s.requirements if r.shift == "N")
    assert len(nights) == 3 * night_req.min_staff_if_open  # three teams: every third weekend
    assert sum("nurse" in p.skills for p in s.staff) >= 3


@pytest.mark.skipif(not BENCH.exists(), reason="benchmark instances not available")
def test_suite_writes_a_table_with_the_reproduce_command(tmp_path):
    out = tmp_path / "B.md"
    code = suite.main(["--instances", "1", "--time-limit", "10", "--seeds", "2", "--example", "",
                       "--sizes", "", "--repeats", "1", *QUIET, "--bench-dir",
                       str(BENCH), "--out", str(out)])
    assert code == 0
    text = out.read_text()
    assert "make bench BENCH_ARGS='--instances 1" in text
    assert "cores" in text
    row = next(line for line in text.splitlines() if line.startswith("| Instance1 "))
    # the median of two seeds, both runs listed, both proven
    assert "| 607 | 607, 607 | 607 | 0.0 % |" in row and "| 2 of 2 |" in row and row.endswith("| met |")
    assert "Earlier gaps to the best known" in text


@pytest.mark.skipif(not BENCH.exists(), reason="benchmark instances not available")
def test_suite_append_keeps_the_earlier_figures(tmp_path):
    out = tmp_path / "B.md"
    out.write_text("# Benchmarks\n\nearlier figures\n")
    assert suite.main(["--instances", "1", "--time-limit", "10", "--seeds", "1", "--example=", "--sizes=",
                       "--repeats", "1", *QUIET, "--bench-dir", str(BENCH),
                       "--out", str(out), "--append"]) == 0
    text = out.read_text()
    assert text.startswith("# Benchmarks\n\nearlier figures\n")
    assert "# Additional run" in text and "--append" in text and "| Instance1 " in text


def _run(objective, status="optimal", bound=None, seconds=1.0):
    return {"name": "InstanceX", "objective": objective, "best": 100, "bound": bound,
            "seconds": seconds, "status": status, "feasible": True, "solver": "HiGHS", "staff": 3}


def test_seeded_reports_the_median_run_the_best_bound_and_the_proofs():
    runs = {0: _run(104, "feasible", 90, 120), 1: _run(100, "optimal", 100, 30),
            2: _run(101, "feasible", 95, 120)}
    row = suite.seeded(lambda seed: runs[seed], 3)
    assert row["objective"] == 101 and row["objectives"] == [100, 101, 104]
    assert row["bound"] == 100 and row["seconds"] == 120 and row["proven_runs"] == 1


def test_curtois_target_is_one_percent_of_the_median_and_proofs_on_1_to_7():
    assert suite.curtois_target(9, {**_run(101, "feasible"), "runs": 3, "proven_runs": 0}) == "met"
    assert suite.curtois_target(9, {**_run(102), "runs": 3, "proven_runs": 3}).startswith("missed (over 1")
    two_of_three = {**_run(100), "runs": 3, "proven_runs": 2}
    assert suite.curtois_target(5, two_of_three) == "missed (proven in 2 of 3 runs)"
    assert suite.curtois_target(5, {**_run(100), "runs": 3, "proven_runs": 3}) == "met"
