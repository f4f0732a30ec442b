"""Weighted mode (public benchmarks): the LP strength of the benchmark's succession rows,
and the weighted-mode local search (roster/solve/weighted_search.py, ADR 0008)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from roster.bench import curtois
from roster.model import Priority, Stage
from roster.planner import build_model
from roster.solve.backend import WHOLE, StageResult
from roster.solve.highs import HighsBackend

WEIGHTED = Stage(Priority.WEIGHTED)


def _instance(tmp_path: Path, *, days: int, shifts: str, staff: str, cover: str) -> Path:
    text = (f"SECTION_HORIZON\n{days}\n\nSECTION_SHIFTS\n{shifts}\n\nSECTION_STAFF\n{staff}\n\n"
            f"SECTION_DAYS_OFF\n\nSECTION_SHIFT_ON_REQUESTS\n\nSECTION_SHIFT_OFF_REQUESTS\n\n"
            f"SECTION_COVER\n{cover}\n")
    path = tmp_path / "Tiny.txt"
    path.write_text(text)
    return path


def _backend(m, threads: int = 1) -> HighsBackend:
    m.prob.setObjective(m.weighted_expr())
    for v in m.x.values():
        m.prob.addVariable(v)
    return HighsBackend(m.prob, threads=threads, msg=False, seed=0, owner=m.owner,
                        implied_integer=frozenset(m.implied_integer))


def _lp_bound(path: Path) -> float:
    _, s = curtois.load(path)
    m = build_model(s)
    b = _backend(m)
    cols = np.arange(len(b.names), dtype=np.int32)
    b.h.changeColsIntegrality(len(cols), cols, np.zeros(len(cols), dtype=np.uint8))
    res = b.minimize(m.weighted_expr(), 10, 0.0, WEIGHTED)
    assert res.status == "optimal"
    return round(res.value, 6)


def test_a_forbidden_succession_row_covers_every_follower_at_once(tmp_path):
    # one person; day 0 wants a late shift, day 1 a day and an early shift (10 per person
    # missing); a late may be followed by neither. Whatever the rota, two of the three are
    # missing: 20. One row per (late, follower) pair lets the LP work half a late and half
    # of each follower (15); the row "late + day + early next day <= 1" closes that gap
    path = _instance(tmp_path, days=2, shifts="E,480,\nD,480,\nL,480,E|D",
                     staff="A,E=2|D=2|L=2,5000,0,2,1,1,1",
                     cover="0,L,1,10,0\n1,D,1,10,0\n1,E,1,10,0")
    assert _lp_bound(path) == 20


def test_weighted_search_keeps_the_rota_valid_and_leaves_no_cutoff_behind(tmp_path):
    # the weighted search (two workers sharing the incumbent when the process has two
    # threads, one of them running the full MIP for the second half) must end with a rota
    # the evaluator accepts, at the value it reports, and leave HiGHS without the
    # objective cutoff it used for its sub-problems
    rows = "\n".join(f"{d},D,2,100,1" for d in range(14))
    staff = "\n".join(f"{c},D=14,6720,1920,5,2,2,2" for c in "ABCD")
    path = _instance(tmp_path, days=14, shifts="D,480,", staff=staff, cover=rows)
    inst, s = curtois.load(path)
    m = build_model(s)
    b = _backend(m, threads=2)
    expr = m.weighted_expr()
    first = b.minimize(expr, 5, 0.0, WEIGHTED, WHOLE)
    assert first.value is not None
    start = StageResult(WEIGHTED, "feasible", first.value, 1.0, None)  # a weak bound
    res = b.improve(expr, 3.0, start, seed=1, grid=WHOLE, weighted=True)
    values = b.values()
    rota = {(m.staff[p].id, d): code for (p, d, code), v in m.x.items() if values[v.name] > 0.5}
    ev = curtois.evaluate(inst, rota)
    assert ev.feasible and res.value == pytest.approx(ev.objective)
    assert res.value <= first.value
    assert b.h.getOptionValue("objective_bound")[1] == pytest.approx(b.h.getInfinity())
