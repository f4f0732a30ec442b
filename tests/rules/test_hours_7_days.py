"""hours_7_days: at most 48 paid hours in any 7 days (AML § 10-5 (2))."""

from builders import scenario
from verifier import allowed, breaches

ID = "hours_7_days"
LONG = {"code": "L", "name": "Langvakt", "start": "08:00", "end": "20:00", "hours": 12}


def long_shifts(days: int = 7):
    return scenario(staff=1, days=days, shifts=[LONG], rules={"max_hours_per_7_days": 48},
                    coverage=[{"shift": "L", "days": ["weekday", "saturday", "sunday"],
                               "min_staff_if_open": 1}])


def worked(*days: int) -> list[tuple[str, str, str]]:
    return [("p1", f"2027-01-{d:02d}", "L") for d in days]


def test_the_model_allows_48_hours_in_7_days_and_not_60():
    s = long_shifts()
    assert allowed(s, ID, worked(4, 5, 6, 7))
    assert not allowed(s, ID, worked(4, 5, 6, 7, 10))


def test_the_previous_rota_counts():
    s = long_shifts(days=3)
    weekend = [("p1", d, "L") for d in ("2027-01-01", "2027-01-02", "2027-01-03")]
    assert not allowed(s, ID, worked(4, 5), history=weekend)
    assert allowed(s, ID, worked(4), history=weekend)


def test_the_check_reports_each_7_day_window_over_the_limit():
    s = long_shifts(days=8)
    found = breaches(s, ID, worked(4, 5, 6, 7, 10))
    assert [b.date.isoformat() for b in found] == ["2027-01-04"]
    assert found[0].en == ("Person 1: 60.0 h in the 7 days from Monday 4 Jan 2027; at most 48 h "
                           "(AML § 10-5 (2))")
    assert breaches(s, ID, worked(4, 5, 6, 7)) == []
