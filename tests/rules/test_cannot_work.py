"""cannot_work: no shift type the person may not work, nor one capped at 0 for them."""

from builders import DAY, EVENING, scenario
from verifier import allowed, breaches

ID = "cannot_work"
BOTH = [{"shift": c, "days": ["weekday"], "min_staff_if_open": 1} for c in ("D", "A")]


def two_people():
    staff = [{"id": "p1", "name": "A", "cannot_work": ["A"]},
             {"id": "p2", "name": "B", "rules": {"max_shifts": {"D": 0}}}]
    return scenario(staff=staff, shifts=[DAY, EVENING], coverage=BOTH)


def test_the_model_gives_nobody_a_shift_they_may_not_work():
    s = two_people()
    assert not allowed(s, ID, [("p1", "2027-01-04", "A")])
    assert not allowed(s, ID, [("p2", "2027-01-04", "D")])
    assert allowed(s, ID, [("p1", "2027-01-04", "D"), ("p2", "2027-01-04", "A")])


def test_the_check_reports_a_shift_the_person_may_not_work():
    s = two_people()
    rows = [("p1", "2027-01-04", "A"), ("p2", "2027-01-05", "D"), ("p1", "2027-01-06", "D")]
    assert [(b.staff, b.shift) for b in breaches(s, ID, rows)] == [("p1", "A"), ("p2", "D")]
