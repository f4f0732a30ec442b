"""How the solver searches: LP strength of the weekend rule, where local search looks,
and how the time limit is shared between the priority stages."""

import numpy as np
from builders import DAY, EVENING, scenario

from roster.planner import build_model
from roster.solve import STAGE_TIME_CAP, HighsBackend, stage_budget

WEEKEND = ["saturday", "sunday"]


def _backend(m):
    m.prob.setObjective(m.weighted_expr())
    for v in m.x.values():
        m.prob.addVariable(v)
    b = HighsBackend(m.prob, threads=1, msg=False, seed=0)
    b.set_groups(m.owner)
    return b


def test_the_lp_relaxation_knows_how_many_people_a_weekend_can_have():
    # three people, each may work one of two weekends; each weekend day wants 2 on the day
    # shift and 2 on the evening: 16 person-days wanted, 3 person-weekends (6 days) to
    # give, so 10 short; the LP relaxation must see that without branching
    s = scenario(staff=3, days=14, shifts=[DAY, EVENING], rules={"weekend_every": 2},
                 coverage=[{"shift": c, "days": WEEKEND, "min_staff_if_open": 2}
                           for c in ("D", "A")])
    m = build_model(s)
    b = _backend(m)
    cols = np.arange(len(b.names), dtype=np.int32)
    b.h.changeColsIntegrality(len(cols), cols, np.zeros(len(cols), dtype=np.uint8))
    res = b.minimize(m.stage_expr(("base", 0)), 10, 0.0, "base")
    assert res.status == "optimal" and round(res.value, 6) == 10


def test_local_search_draws_half_its_people_among_those_who_carry_the_cost():
    s = scenario(staff=6, days=7, coverage=[{"shift": "D", "days": ["weekday"],
                                             "min_staff_if_open": 1}])
    m = build_model(s)
    b = _backend(m)
    b.solution = np.zeros(len(b.names))
    # person 4 (index 3) carries all of a made-up cost on one of their assignments
    col = b.index[m.x[(3, 0, "D")].name]
    b.solution[col] = 1.0
    cost = np.zeros(len(b.names))
    cost[col] = 5.0
    rng = np.random.default_rng(0)
    for size in (1, 2, 4):
        picks = [b._pick_people(cost, size, rng) for _ in range(20)]
        assert all(3 in p and len(set(p.tolist())) == size for p in picks)
    # the others are drawn at random, not always the same
    assert len({tuple(sorted(b._pick_people(cost, 2, rng).tolist())) for _ in range(30)}) > 1


def test_the_last_stage_gets_the_time_left_and_polish_stages_a_capped_share():
    assert stage_budget("service.3", 25.0, 60.0, last=True) == 25.0
    assert stage_budget("tidiness", 15.0, 60.0, last=True) == 15.0
    assert stage_budget("tidiness", 50.0, 60.0, last=True) == STAGE_TIME_CAP["tidiness"] * 60
    assert stage_budget("wishes", 50.0, 60.0, last=False) == STAGE_TIME_CAP["wishes"] * 60
    assert stage_budget("base", 50.0, 60.0, last=False) == 30.0  # 60 % of what is left
    # a small model's polish stage gets less than a big one's
    small = stage_budget("tidiness", 50.0, 60.0, last=True, columns=700)
    big = stage_budget("tidiness", 50.0, 60.0, last=True, columns=3000)
    assert small < big <= STAGE_TIME_CAP["tidiness"] * 60


def test_weekend_rows_stay_valid_for_a_person_who_works_both_days():
    # the tighter rows (one per day) must still let one person work Saturday and Sunday
    s = scenario(staff=1, days=7, shifts=[DAY, EVENING], rules={"weekend_every": 2},
                 coverage=[{"shift": "D", "days": WEEKEND, "min_staff_if_open": 1}])
    m = build_model(s)
    b = _backend(m)
    res = b.minimize(m.stage_expr(("base", 0)), 10, 0.0, "base")
    assert res.status == "optimal" and res.value == 0
