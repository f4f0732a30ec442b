"""max_weekends: at most N weekends worked in the period."""

from builders import scenario
from verifier import allowed, breaches

ID = "max_weekends"
WEEKEND = {"code": "H", "name": "Helg", "start": "10:00", "end": "18:00", "hours": 7.5,
           "days": ["saturday", "sunday"]}


def one_weekend():
    return scenario(staff=[{"id": "p1", "name": "A", "rules": {"max_weekends": 1}}], days=14,
                    shifts=[WEEKEND], coverage=[{"shift": "H", "days": ["saturday", "sunday"],
                                                 "min_staff_if_open": 1}])


def test_the_model_allows_one_weekend_and_not_two():
    s = one_weekend()
    assert allowed(s, ID, [("p1", "2027-01-09", "H"), ("p1", "2027-01-10", "H")])
    assert not allowed(s, ID, [("p1", "2027-01-09", "H"), ("p1", "2027-01-16", "H")])


def test_the_check_reports_too_many_weekends():
    s = one_weekend()
    found = breaches(s, ID, [("p1", "2027-01-09", "H"), ("p1", "2027-01-17", "H")])
    assert [(b.staff, b.en) for b in found] == [("p1", "A: 2 weekends worked; at most 1")]
    assert breaches(s, ID, [("p1", "2027-01-09", "H"), ("p1", "2027-01-10", "H")]) == []
