"""max_staff: no slot has more people than its maximum."""

from builders import scenario
from verifier import allowed, breaches

ID = "max_staff"
ONE_AT_MOST = [{"shift": "D", "dates": ["2027-01-04"], "min_staff_if_open": 1, "max_staff": 1}]
BOTH = [("p1", "2027-01-04", "D"), ("p2", "2027-01-04", "D")]


def test_the_model_keeps_a_slot_within_its_maximum():
    s = scenario(staff=2, days=1, coverage=ONE_AT_MOST)
    assert not allowed(s, ID, BOTH)
    assert allowed(s, ID, BOTH[:1])


def test_the_check_reports_a_slot_above_its_maximum():
    s = scenario(staff=2, days=1, coverage=ONE_AT_MOST)
    found = breaches(s, ID, BOTH)
    assert [(b.date.isoformat(), b.shift, b.data["assigned"]) for b in found] == [("2027-01-04", "D", 2)]
    assert breaches(s, ID, BOTH[:1]) == []
