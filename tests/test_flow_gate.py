"""The run flow is kept only where it lifts the LP bound (``roster.solve.flow_gate``,
ADR 0011): where it does, the MIP proves what it could not; where it does not, the five to
ten times larger model only slows the root (Curtois Instance9: bound 194 against 373)."""

from __future__ import annotations

import pytest
from builders import CURTOIS_BENCH, one_person_runs

from roster import planner
from roster.bench import curtois
from roster.bench.curtois import Instance
from roster.planner import PlanOptions, build_model, plan
from roster.solve import flow_gate
from roster.solve.flow_gate import flow_pays, lp_bound

DAYS = 9


def both(inst: Instance):
    s = curtois.to_scenario(inst)
    return build_model(s), build_model(s, run_flow=False)


def test_the_flow_is_kept_where_it_lifts_the_lp():
    """Needed every day, at most 4 in a row, 2 days off: 2 days stay empty (200); the rows
    alone let the line work part of every day (133), the flow gives 200."""
    with_flow, rows_only = both(one_person_runs(4, 3, 2, [1] * DAYS))
    assert with_flow.flow_people == [0] and rows_only.flow_people == []
    assert lp_bound(rows_only, 10) < lp_bound(with_flow, 10) - 50
    assert flow_pays(with_flow, rows_only, 10)


def test_the_flow_is_left_out_where_the_lp_stays_the_same():
    """Needed on days that a line of allowed runs can cover anyway: both LPs are 0."""
    with_flow, rows_only = both(one_person_runs(4, 2, 2, [1, 1, 0, 0, 1, 1, 1, 0, 0]))
    assert lp_bound(with_flow, 10) == pytest.approx(lp_bound(rows_only, 10), abs=1e-4)
    assert not flow_pays(with_flow, rows_only, 10)


def test_an_lp_without_time_to_finish_leaves_the_flow_out():
    with_flow, rows_only = both(one_person_runs(4, 3, 2, [1] * DAYS))
    assert lp_bound(with_flow, 0) is None
    assert not flow_pays(with_flow, rows_only, 0)


@pytest.mark.parametrize("keep", [True, False])
def test_plan_solves_whichever_model_the_gate_chose(monkeypatch, keep):
    """The planner solves the model the gate picked, and both give the same optimum (the
    flow never changes which rotas are allowed)."""
    asked = []

    def gate(with_flow, rows_only, seconds):
        asked.append((bool(with_flow.flow_people), bool(rows_only.flow_people), seconds))
        return keep

    monkeypatch.setattr(planner, "flow_pays", gate)
    s = curtois.to_scenario(one_person_runs(4, 3, 2, [1] * DAYS))
    rota = plan(s, PlanOptions(time_limit=20))
    assert asked == [(True, False, pytest.approx(flow_gate.FLOW_CHECK_SHARE * 20))]
    assert rota.status == "optimal"
    assert rota.solver["objective"] == pytest.approx(200)
    assert len(rota.assignments) == DAYS - 2


@pytest.mark.skipif(not CURTOIS_BENCH.exists(), reason="benchmark instances not available")
@pytest.mark.parametrize("name,pays", [("Instance5", True), ("Instance9", False)])
def test_curtois_instances(name, pays):
    """Instance5: LP 712 -> 904 with the flow (kept); Instance9: 38.9 either way (left out)."""
    s = curtois.to_scenario(curtois.parse(CURTOIS_BENCH / f"{name}.txt"))
    assert flow_pays(build_model(s), build_model(s, run_flow=False), 30) is pays
