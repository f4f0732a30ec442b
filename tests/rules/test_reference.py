"""reference: an assignment must name a known person and shift, on a day that shift runs."""

from builders import scenario
from verifier import allowed, breaches

ID = "reference"
WEEKDAYS_D = [{"shift": "D", "days": ["weekday"], "min_staff_if_open": 1}]


def test_the_model_has_no_variable_for_a_day_the_shift_does_not_run():
    s = scenario(staff=1, coverage=WEEKDAYS_D)
    assert allowed(s, ID, [("p1", "2027-01-04", "D")])
    assert not allowed(s, ID, [("p1", "2027-01-09", "D")])  # a Saturday: no slot


def test_the_check_reports_unknown_staff_shifts_dates_and_days_without_the_shift():
    s = scenario(staff=1, coverage=WEEKDAYS_D)
    rows = [("x9", "2027-01-04", "D"), ("p1", "2027-01-05", "Q"), ("p1", "2027-01-09", "D"),
            ("p1", "2027-01-20", "D")]
    found = [(b.staff, b.date.isoformat(), b.shift) for b in breaches(s, ID, rows)]
    assert found == [("x9", "2027-01-04", None), ("p1", "2027-01-05", "Q"),
                     ("p1", "2027-01-09", "D"), ("p1", "2027-01-20", None)]
    assert breaches(s, ID, [("p1", "2027-01-04", "D")]) == []
    said = breaches(s, ID, rows[2:3])[0]
    assert said.en == "shift D is not run on Saturday 9 Jan 2027 (saturday)"
    assert said.nb == "vakt D går ikke lørdag 9. jan 2027"
