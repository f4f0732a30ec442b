"""fixed_day_off: no shift on a person's fixed dates or weekdays off."""

from builders import scenario
from verifier import allowed, breaches

ID = "fixed_day_off"


def one_person():
    staff = [{"id": "p1", "name": "A", "weekdays_off": ["friday"], "fixed_days_off": ["2027-01-05"]}]
    return scenario(staff=staff, coverage=[{"shift": "D", "days": ["weekday"], "min_staff_if_open": 1}])


def test_the_model_keeps_fixed_days_off():
    s = one_person()
    assert not allowed(s, ID, [("p1", "2027-01-08", "D")])  # a Friday
    assert not allowed(s, ID, [("p1", "2027-01-05", "D")])
    assert allowed(s, ID, [("p1", "2027-01-04", "D"), ("p1", "2027-01-06", "D")])


def test_the_check_reports_work_on_a_fixed_day_off():
    s = one_person()
    rows = [("p1", "2027-01-04", "D"), ("p1", "2027-01-05", "D"), ("p1", "2027-01-08", "D")]
    assert [b.date.isoformat() for b in breaches(s, ID, rows)] == ["2027-01-05", "2027-01-08"]
    assert breaches(s, ID, rows[:1]) == []
