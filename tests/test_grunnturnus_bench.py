"""The grunnturnus benchmark's row: medians, per-stage statuses, and the target (issue 17
item 6: every stage a unit leader sees proven or within 1 %, under 60 s, clean wrap)."""

from __future__ import annotations

from roster.bench.grunnturnus_bench import HEADER, BenchResult, Run


def _stage(label, status="optimal", value=0.0, bound=0.0, gap=0.0, seconds=1.0):
    return {"stage": label, "status": status, "value": value, "bound": bound, "gap": gap, "seconds": seconds}


def _run(seconds, fairness=None, tidiness=None, wrap=0):
    stages = [_stage("base"), _stage("hours"), _stage("service.3", value=1, bound=1),
              fairness or _stage("fairness"), tidiness or _stage("tidiness")]
    return Run(seconds=seconds, status="optimal", stages=stages, wrap_errors=wrap, method="ring")


def test_row_gives_the_median_and_judges_the_seen_stages() -> None:
    res = BenchResult("6-week", [_run(4.0), _run(9.0), _run(5.0)], load="load 3.00")
    assert res.median == 5.0 and res.within_target()
    row = res.row()
    assert row.startswith("| 6-week | 5.0 (4.0-9.0), 3 runs | load 3.00 | optimal |")
    assert "service.3 3/3 optimal 1/1" in row and row.endswith("| 0 | yes |")
    assert row.count("|") == HEADER.splitlines()[0].count("|")
    # tidiness is shown but not part of the target; fairness is
    loose = _stage("tidiness", "feasible", 2.0, 0.0, 1.0)
    res.runs.append(_run(5.0, tidiness=loose))
    assert res.within_target() and res.unproven(seen_only=False) == ["tidiness"]
    assert "tidiness 3/4 optimal 2/0 (gap 100 %)" in res.row()
    close = _stage("fairness", "feasible", 100.0, 99.5, 0.005)
    assert BenchResult("x", [_run(5.0, fairness=close)]).within_target()  # within 1 %
    far = _stage("fairness", "feasible", 9.0, 6.0, 0.33)
    assert not BenchResult("x", [_run(5.0, fairness=far)]).within_target()
    assert not BenchResult("x", [_run(61.0)]).within_target()
    assert not BenchResult("x", [_run(5.0, wrap=1)]).within_target()
    lost = _stage("tidiness", "no_solution", None, None, None)
    assert "tidiness 0/1 optimal -/- (no_solution)" in BenchResult("x", [_run(5.0, tidiness=lost)]).row()
