"""consecutive: at most N working days in a row, counting the previous rota."""

from builders import scenario
from verifier import allowed, breaches

ID = "consecutive"
EVERY_DAY = [{"shift": "D", "days": ["weekday", "saturday", "sunday"], "min_staff_if_open": 1}]


def worked(*days: int) -> list[tuple[str, str, str]]:
    return [("p1", f"2027-01-{d:02d}", "D") for d in days]


def test_the_model_allows_two_in_a_row_and_not_three():
    s = scenario(staff=1, coverage=EVERY_DAY, rules={"max_consecutive_days": 2})
    assert allowed(s, ID, worked(4, 5, 7, 8, 10))
    assert not allowed(s, ID, worked(4, 5, 6))


def test_a_person_s_own_limit_wins():
    staff = [{"id": "p1", "name": "A", "rules": {"max_consecutive_days": 3}}]
    s = scenario(staff=staff, coverage=EVERY_DAY, rules={"max_consecutive_days": 2})
    assert allowed(s, ID, worked(4, 5, 6))
    assert not allowed(s, ID, worked(4, 5, 6, 7))


def test_the_previous_rota_counts():
    s = scenario(staff=1, days=3, coverage=EVERY_DAY, rules={"max_consecutive_days": 2})
    sunday = worked(3)
    assert not allowed(s, ID, worked(4, 5), history=sunday)
    assert allowed(s, ID, worked(5, 6), history=sunday)
    assert [b.date.isoformat() for b in breaches(s, ID, worked(4, 5), history=sunday)] == ["2027-01-05"]


def test_the_check_reports_the_run_with_its_first_and_last_day():
    s = scenario(staff=1, coverage=EVERY_DAY, rules={"max_consecutive_days": 2})
    found = breaches(s, ID, worked(4, 5, 6, 8))
    assert [(b.to_json()["start"], b.to_json()["end"]) for b in found] == [("2027-01-04", "2027-01-06")]
    assert found[0].en == ("Person 1: 3 working days in a row (Monday 4 Jan 2027 to Wednesday 6 Jan 2027); "
                           "at most 2")
    assert breaches(s, ID, worked(4, 5, 7, 8)) == []
