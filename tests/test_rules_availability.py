"""Who may work at all: absences, fixed days off, forbidden shift types, locks, one a day."""

from builders import DAY, EVENING, count, scenario, solve

BASE_D = {"shift": "D", "days": ["weekday"], "min_staff_if_open": 1, "max_staff": 1}


def test_absence_no_shift_on_an_absent_day():
    s = scenario(staff=2, coverage=[{**BASE_D, "max_staff": 2}],
                 absences=[{"staff": "p1", "start": "2027-01-04", "end": "2027-01-06", "kind": "sick"}])
    rota = solve(s)
    for date in ("2027-01-04", "2027-01-05", "2027-01-06"):
        assert count(rota, staff="p1", date=date) == 0
        assert count(rota, date=date) == 1  # p2 covers
    assert rota.errors() == []


def test_fixed_weekday_off_and_fixed_date_off():
    staff = [{"id": "p1", "name": "A", "weekdays_off": ["friday"], "fixed_days_off": ["2027-01-05"]},
             {"id": "p2", "name": "B"}]
    s = scenario(staff=staff, coverage=[{**BASE_D, "min_staff_if_open": 2, "max_staff": 2}])
    rota = solve(s)
    assert count(rota, staff="p1", date="2027-01-08") == 0  # a Friday
    assert count(rota, staff="p1", date="2027-01-05") == 0
    assert count(rota, staff="p1") == 3
    shortfalls = [v for v in rota.violations if v["rule"] == "coverage"]
    assert {v["date"] for v in shortfalls} == {"2027-01-05", "2027-01-08"}
    assert "fixed day off" in shortfalls[0]["detail"]


def test_cannot_work_a_shift_type():
    staff = [{"id": "p1", "name": "A", "cannot_work": ["A"]}, {"id": "p2", "name": "B"}]
    cov = [BASE_D, {"shift": "A", "days": ["weekday"], "min_staff_if_open": 1, "max_staff": 1}]
    rota = solve(scenario(staff=staff, shifts=[DAY, EVENING], coverage=cov,
                          rules={"min_rest_hours": 0}))
    assert count(rota, staff="p1", shift="A") == 0
    assert count(rota, shift="A") == 5


def test_one_shift_per_day():
    cov = [BASE_D, {"shift": "A", "days": ["weekday"], "min_staff_if_open": 1, "max_staff": 1}]
    rota = solve(scenario(staff=1, shifts=[DAY, EVENING], coverage=cov, rules={"min_rest_hours": 0}))
    assert count(rota) == 5  # one a day, never both
    assert len([v for v in rota.violations if v["rule"] == "coverage"]) == 5


def test_locked_shift_and_locked_day_off_are_kept():
    s = scenario(staff=2, coverage=[BASE_D],
                 locked=[{"staff": "p2", "date": "2027-01-05", "shift": "D"},
                         {"staff": "p2", "date": "2027-01-06", "shift": "off"}],
                 wishes=[{"staff": "p1", "date": "2027-01-05", "kind": "shift", "shift": "D", "weight": 5},
                         {"staff": "p2", "date": "2027-01-06", "kind": "shift", "shift": "D",
                          "weight": 5}])
    rota = solve(s)
    assert count(rota, staff="p2", date="2027-01-05") == 1
    assert count(rota, staff="p2", date="2027-01-06") == 0
    assert [a.locked for a in rota.assignments if a.staff == "p2" and a.date.day == 5] == [True]


def test_a_lock_the_person_cannot_take_is_reported_not_infeasible():
    s = scenario(staff=2, coverage=[BASE_D],
                 absences=[{"staff": "p1", "start": "2027-01-05", "end": "2027-01-05"}],
                 locked=[{"staff": "p1", "date": "2027-01-05", "shift": "D"}])
    rota = solve(s)
    assert rota.status in ("optimal", "feasible")
    assert any(v["rule"] == "locked" and v.get("staff") == "p1" for v in rota.errors())
