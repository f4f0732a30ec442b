"""one_shift_per_day: at most one shift per person and date."""

from builders import DAY, EVENING, scenario
from verifier import allowed, breaches

ID = "one_shift_per_day"


def test_the_model_forbids_two_shifts_on_one_date():
    s = scenario(staff=1, shifts=[DAY, EVENING],
                 coverage=[{"shift": c, "days": ["weekday"], "min_staff_if_open": 1} for c in ("D", "A")])
    assert not allowed(s, ID, [("p1", "2027-01-04", "D"), ("p1", "2027-01-04", "A")])
    assert allowed(s, ID, [("p1", "2027-01-04", "D"), ("p1", "2027-01-05", "A")])


def test_the_check_reports_two_shifts_on_one_date():
    s = scenario(staff=1, shifts=[DAY, EVENING])
    found = breaches(s, ID, [("p1", "2027-01-04", "D"), ("p1", "2027-01-04", "A"),
                             ("p1", "2027-01-05", "D")])
    assert [(b.staff, b.date.isoformat()) for b in found] == [("p1", "2027-01-04")]
    assert found[0].en == "Person 1 has 2 shifts on Monday 4 Jan 2027 (D, A); at most one a day"
