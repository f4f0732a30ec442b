"""soft_cover: each person missing from (or above) a preferred staffing costs its weight."""

from builders import count, scenario, solve
from verifier import model_verdict

ID = "soft_cover"


def test_missing_and_extra_people_cost_their_weights():
    s = scenario(staff=3, days=1, coverage=[{"shift": "D", "dates": ["2027-01-04"], "min_staff_if_open": 2,
                                             "priority": "soft", "under_weight": 3, "over_weight": 5}])
    on = [(p, "2027-01-04", "D") for p in ("p1", "p2", "p3")]
    assert model_verdict(s, ID, on[:1]).cost("base") == 3
    assert model_verdict(s, ID, on[:2]).cost("base") == 0
    assert model_verdict(s, ID, on).cost("base") == 5


def test_soft_cover_in_weighted_mode_pays_per_missing_and_extra_person():
    wishes = [{"staff": f"p{i}", "date": "2027-01-04", "kind": "shift", "shift": "D", "weight": 5}
              for i in (1, 2, 3)]

    def staffed(over_weight: float) -> int:
        cov = [{"shift": "D", "dates": ["2027-01-04"], "min_staff_if_open": 2, "priority": "soft",
                "under_weight": 100, "over_weight": over_weight}]
        return count(solve(scenario(staff=3, days=1, coverage=cov, objective={"mode": "weighted"},
                                    wishes=wishes)))

    assert staffed(over_weight=1) == 3  # a granted wish (5) is worth one extra person (1)
    assert staffed(over_weight=10) == 2  # but not when an extra person costs 10
