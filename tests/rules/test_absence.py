"""absence: nobody works on a day they are away all day."""

from builders import scenario
from verifier import allowed, breaches

ID = "absence"
WEEKDAYS_D = [{"shift": "D", "days": ["weekday"], "min_staff_if_open": 1}]


def away(percent: int = 100):
    return scenario(staff=1, coverage=WEEKDAYS_D,
                    absences=[{"staff": "p1", "start": "2027-01-05", "end": "2027-01-06", "kind": "sick",
                               "percent": percent}])


def test_the_model_gives_no_shift_on_an_absent_day():
    s = away()
    assert not allowed(s, ID, [("p1", "2027-01-05", "D")])
    assert not allowed(s, ID, [("p1", "2027-01-06", "D")])
    assert allowed(s, ID, [("p1", "2027-01-04", "D"), ("p1", "2027-01-07", "D")])


def test_a_graded_absence_leaves_the_day_open():
    assert allowed(away(percent=50), ID, [("p1", "2027-01-05", "D")])
    assert breaches(away(percent=50), ID, [("p1", "2027-01-05", "D")]) == []


def test_the_check_reports_work_on_an_absent_day_without_saying_why():
    s = away()
    found = breaches(s, ID, [("p1", "2027-01-04", "D"), ("p1", "2027-01-05", "D")])
    assert [(b.staff, b.date.isoformat()) for b in found] == [("p1", "2027-01-05")]
    assert "sick" not in found[0].en and "syk" not in found[0].nb  # health data stays out
