"""The run rules (min_block, min_days_off, consecutive) once more as a flow through an
automaton (``roster.rules.blocks.run_flow``): it must keep every line the rules allow,
and its LP must be the hull of those lines (issue 16: LP-bound strength on small cases)."""

from __future__ import annotations

import datetime as dt
import itertools

import highspy
import numpy as np
import pytest
from builders import CURTOIS_BENCH, one_person_runs

from roster.bench import curtois
from roster.bench.curtois import Instance
from roster.check import check_rota
from roster.planner import build_model
from roster.rota import Assignment
from roster.rules import blocks
from roster.rules.catalogue import unit
from roster.solve.driver import make_backend, weighted_problem

DAYS = 9




def backend_of(inst: Instance):
    m = build_model(curtois.to_scenario(inst))
    weighted_problem(m)
    b = make_backend("highs", m, 1, False, 0)
    cost, const = b.cost_vector(m.weighted_expr())
    b.h.changeColsCost(len(cost), np.arange(len(cost), dtype=np.int32), cost)
    return m, b, const


def lp_and_mip(inst: Instance) -> tuple[float, float]:
    _, b, const = backend_of(inst)
    h = b.h
    h.run()
    mip = h.getInfo().objective_function_value + const
    h.changeColsIntegrality(len(b.integer), b.integer, np.zeros(len(b.integer), dtype=np.uint8))
    h.run()
    return h.getInfo().objective_function_value + const, mip


RULES = [(4, 2, 2), (5, 3, 1), (3, 1, 3), (9, 2, 2), (2, 2, 1)]  # (most, least, off)


@pytest.mark.parametrize("most,least,off", RULES)
def test_every_line_the_rules_allow_is_kept_and_no_other(most, least, off):
    """All 2^9 lines of one person: the model (rows and flow) accepts a line exactly when
    the product's checker finds no breach of the three rules."""
    inst = one_person_runs(most, least, off, [1] * DAYS)
    m, b, _ = backend_of(inst)
    assert any(n.startswith("run") for n in b.names)  # the flow is in the model
    h = b.h
    scenario = curtois.to_scenario(inst)
    rules = [unit("min_block"), unit("min_days_off"), unit("consecutive")]
    cols = np.array([b.index[m.x[(0, d, "D")].name] for d in range(DAYS)], dtype=np.int32)
    for line in itertools.product((0, 1), repeat=DAYS):
        values = np.array(line, dtype=float)
        h.changeColsBounds(DAYS, cols, values, values)
        h.run()
        kept = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
        rota = [Assignment(date=curtois.START + dt.timedelta(days=d), staff="A", shift="D")
                for d in range(DAYS) if line[d]]
        clean = not check_rota(scenario, rota, rules=rules)
        assert kept == clean, f"line {line}: model {'keeps' if kept else 'refuses'} it"


@pytest.mark.parametrize("most,least,off", RULES)
@pytest.mark.parametrize("seed", range(4))
def test_the_lp_of_one_person_is_the_integer_optimum(most, least, off, seed):
    """One person with only the run rules and a cost per day: the flow's LP is the hull of
    the allowed lines, so its bound is the optimum itself."""
    need = np.random.default_rng(seed).integers(0, 2, DAYS).tolist()
    lp, mip = lp_and_mip(one_person_runs(most, least, off, need))
    assert lp == pytest.approx(mip, abs=1e-6)


def test_without_the_flow_the_lp_is_weaker(monkeypatch):
    """What the flow is for: on the same case the rows alone let the LP work part of days
    (9 days, one needed every day, at most 4 in a row and 2 days off: 2 days must stay
    empty, 200; the rows alone give 133)."""
    inst = one_person_runs(4, 3, 2, [1] * DAYS)
    lp, mip = lp_and_mip(inst)
    monkeypatch.setattr(blocks, "run_flow", lambda *a, **k: None)
    weak, same = lp_and_mip(inst)
    assert same == pytest.approx(mip) and lp == pytest.approx(mip)
    assert weak < mip - 1


@pytest.mark.skipif(not CURTOIS_BENCH.exists(), reason="benchmark instances not available")
def test_instance5_lp_bound_is_pinned():
    """Curtois Instance5 (optimum 1143): LP bound 712 from the rows alone, 904 with the flow."""
    inst = curtois.parse(CURTOIS_BENCH / "Instance5.txt")
    _, b, const = backend_of(inst)
    h = b.h
    h.changeColsIntegrality(len(b.integer), b.integer, np.zeros(len(b.integer), dtype=np.uint8))
    h.run()
    assert h.getInfo().objective_function_value + const > 900


def test_no_flow_outside_weighted_mode_with_history_or_in_the_elastic_model():
    inst = one_person_runs(4, 2, 2, [1] * DAYS)
    s = curtois.to_scenario(inst)
    names = lambda m: [v.name for v in m.prob.variables() if v.name.startswith("run")]  # noqa: E731
    assert names(build_model(s))
    assert not names(build_model(s, elastic=True))
    assert not names(build_model(s, history={("A", curtois.START - dt.timedelta(days=1)): "D"}))
    staged = s.with_changes(objective_mode="staged")
    assert not names(build_model(staged))
