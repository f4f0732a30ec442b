"""fairness: evening and night shifts, weekends and holiday periods worked shared in
proportion to contract hours, among people who may work the same shifts."""

from builders import EVENING, NIGHT, count, scenario
from verifier import model_verdict

from roster.planner import PlanOptions, plan

ID = "fairness"


def test_each_shift_outside_a_person_s_share_costs_one():
    # two full posts and four evenings: a share of 2 each
    s = scenario(staff=2, days=4, shifts=[EVENING],
                 coverage=[{"shift": "A", "days": ["weekday"], "min_staff_if_open": 1, "max_staff": 1}])
    all_to_one = [("p1", f"2027-01-0{d}", "A") for d in range(4, 8)]
    shared = [("p1", "2027-01-04", "A"), ("p2", "2027-01-05", "A"), ("p1", "2027-01-06", "A"),
              ("p2", "2027-01-07", "A")]
    assert model_verdict(s, ID, all_to_one).cost("fairness") == 4  # 2 over for p1, 2 under for p2
    assert model_verdict(s, ID, shared).cost("fairness") == 0


def test_a_weekend_counts_once_whether_one_or_both_days_are_worked():
    weekend = {"code": "H", "name": "Helg", "start": "10:00", "end": "18:00", "hours": 7.5,
               "days": ["saturday", "sunday"]}
    s = scenario(staff=2, days=14, shifts=[weekend],
                 coverage=[{"shift": "H", "days": ["saturday", "sunday"], "min_staff_if_open": 1}])
    one_each = [("p1", "2027-01-09", "H"), ("p1", "2027-01-10", "H"), ("p2", "2027-01-16", "H")]
    assert model_verdict(s, ID, one_each).cost("fairness") == 0


def test_evenings_are_shared_in_proportion_to_the_position():
    staff = [{"id": "p1", "name": "A", "fte": 1.0}, {"id": "p2", "name": "B", "fte": 0.5}]
    s = scenario(staff=staff, shifts=[EVENING], days=14,
                 coverage=[{"shift": "A", "dates": [f"2027-01-{d:02d}" for d in range(4, 10)],
                            "min_staff_if_open": 1, "max_staff": 1}])
    rota = plan(s, PlanOptions(time_limit=10))
    assert (count(rota, staff="p1"), count(rota, staff="p2")) == (4, 2)


def test_night_only_staff_are_compared_with_each_other_not_with_evening_staff():
    # two people on evenings, two night-only workers on the nights: each pair shares its
    # own shifts by position size, and nobody is unfair for working the only shifts they may
    staff = [{"id": "e1", "name": "A", "fte": 1.0, "cannot_work": ["N"]},
             {"id": "e2", "name": "B", "fte": 0.5, "cannot_work": ["N"]},
             {"id": "n1", "name": "C", "fte": 1.0, "cannot_work": ["A"]},
             {"id": "n2", "name": "D", "fte": 1.0, "cannot_work": ["A"]}]
    week = [f"2027-01-{d:02d}" for d in range(4, 10)]
    s = scenario(staff=staff, shifts=[EVENING, NIGHT], days=14,
                 coverage=[{"shift": "A", "dates": week, "min_staff_if_open": 1, "max_staff": 1},
                           {"shift": "N", "dates": week[:2], "min_staff_if_open": 1,
                            "max_staff": 1}])
    rota = plan(s, PlanOptions(time_limit=10))
    assert (count(rota, staff="e1"), count(rota, staff="e2")) == (4, 2)
    assert (count(rota, staff="n1"), count(rota, staff="n2")) == (1, 1)
    fairness = next(st for st in rota.solver["stages"] if st["stage"] == "fairness")
    assert fairness["status"] == "optimal" and fairness["value"] == 0


def test_two_holidays_in_a_row_count_as_one_holiday_for_fairness():
    # 1st and 2nd Christmas Day 2029 (Tuesday, Wednesday), one person each day, three
    # colleagues: one of them takes "Christmas" (both days, no isolated days) and nobody
    # is counted unfair for it
    s = scenario(start="2029-12-24", days=4, staff=3, country="NO",
                 coverage=[{"shift": "D", "days": ["holiday"], "min_staff_if_open": 1,
                            "max_staff": 1}])
    rota = plan(s, PlanOptions(time_limit=10))
    workers = {a.staff for a in rota.assignments}
    assert count(rota) == 2 and len(workers) == 1
    fairness = next(st for st in rota.solver["stages"] if st["stage"] == "fairness")
    assert fairness["status"] == "optimal" and fairness["value"] == 0
