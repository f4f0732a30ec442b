"""weekend: at most every Nth weekend (Saturday, Sunday or both), counting the previous rota."""

from builders import scenario
from verifier import allowed, breaches

ID = "weekend"
WEEKEND = {"code": "H", "name": "Helg", "start": "10:00", "end": "18:00", "hours": 7.5,
           "days": ["saturday", "sunday"]}
COVER = [{"shift": "H", "days": ["saturday", "sunday"], "min_staff_if_open": 1}]


def on(*dates: str) -> list[tuple[str, str, str]]:
    return [("p1", d, "H") for d in dates]


def every_second(days: int = 21):
    return scenario(staff=1, days=days, shifts=[WEEKEND], coverage=COVER, rules={"weekend_every": 2})


def test_the_model_allows_every_second_weekend_and_not_two_in_a_row():
    s = every_second()
    assert allowed(s, ID, on("2027-01-09", "2027-01-10", "2027-01-23"))
    assert not allowed(s, ID, on("2027-01-09", "2027-01-17"))  # Saturday, then the next Sunday


def test_the_previous_rota_counts():
    s = every_second(days=7)
    sunday_before = on("2027-01-03")
    assert not allowed(s, ID, on("2027-01-09"), history=sunday_before)
    assert [b.date.isoformat() for b in breaches(s, ID, on("2027-01-09"), history=sunday_before)] == \
        ["2027-01-09"]


def test_the_check_reports_the_weekends_worked_too_often():
    s = every_second()
    found = breaches(s, ID, on("2027-01-09", "2027-01-17"))
    assert [b.en for b in found] == [
        "Person 1: works the weekends of 09 Jan, 16 Jan; at most every 2nd weekend"]
    assert found[0].nb.endswith("høyst hver 2. helg")
    assert breaches(s, ID, on("2027-01-09", "2027-01-10", "2027-01-23")) == []
