"""wishes: each wish not granted costs its weight."""

from builders import DAY, EVENING, count, scenario, solve
from verifier import model_verdict

ID = "wishes"
BOTH = [{"shift": c, "days": ["weekday"], "min_staff_if_open": 1} for c in ("D", "A")]
WISHES = [{"staff": "p1", "date": "2027-01-05", "kind": "day_off", "weight": 3},
          {"staff": "p1", "date": "2027-01-06", "kind": "shift", "shift": "A", "weight": 2},
          {"staff": "p1", "date": "2027-01-07", "kind": "not_shift", "shift": "D", "weight": 4}]


def test_each_wish_not_granted_costs_its_weight():
    s = scenario(staff=1, shifts=[DAY, EVENING], coverage=BOTH, wishes=WISHES)
    granted = [("p1", "2027-01-06", "A"), ("p1", "2027-01-07", "A")]
    assert model_verdict(s, ID, granted).cost("wishes") == 0
    assert model_verdict(s, ID, [("p1", "2027-01-05", "D")]).cost("wishes") == 3 + 2
    wrong_shifts = [("p1", "2027-01-06", "D"), ("p1", "2027-01-07", "D")]
    assert model_verdict(s, ID, wrong_shifts).cost("wishes") == 2 + 4


def test_the_planner_grants_a_day_off_wish_when_the_rules_allow():
    s = scenario(staff=2, coverage=[{"shift": "D", "days": ["weekday"], "min_staff_if_open": 1,
                                     "max_staff": 1}],
                 wishes=[{"staff": "p1", "date": "2027-01-06", "kind": "day_off", "weight": 3},
                         {"staff": "p2", "date": "2027-01-07", "kind": "not_shift", "shift": "D",
                          "weight": 3}])
    rota = solve(s)
    assert count(rota, staff="p1", date="2027-01-06") == 0
    assert count(rota, staff="p2", date="2027-01-07") == 0
