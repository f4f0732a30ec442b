"""sunday_rest: whoever works a Sunday or public holiday is off on the next one (AML § 10-8 (4))."""

from builders import scenario
from verifier import allowed, breaches

ID = "sunday_rest"
SUNDAY = {"code": "S", "name": "Søndag", "start": "10:00", "end": "18:00", "hours": 7.5,
          "days": ["sunday", "holiday"]}
COVER = [{"shift": "S", "days": ["sunday", "holiday"], "min_staff_if_open": 1}]


def sundays(days: int = 21, country: str = ""):
    return scenario(staff=1, days=days, shifts=[SUNDAY], coverage=COVER, country=country,
                    rules={"sunday_holiday_rest": True})


def test_the_model_forbids_two_sundays_in_a_row():
    s = sundays()
    assert not allowed(s, ID, [("p1", "2027-01-10", "S"), ("p1", "2027-01-17", "S")])
    assert allowed(s, ID, [("p1", "2027-01-10", "S"), ("p1", "2027-01-24", "S")])


def test_a_public_holiday_counts_as_a_sunday():
    # Good Friday 26 Mar 2027, then Easter Sunday 28 Mar
    s = scenario(start="2027-03-22", staff=1, shifts=[SUNDAY], coverage=COVER, country="NO",
                 rules={"sunday_holiday_rest": True})
    assert not allowed(s, ID, [("p1", "2027-03-26", "S"), ("p1", "2027-03-28", "S")])


def test_the_previous_rota_counts():
    s = sundays(days=7)
    assert not allowed(s, ID, [("p1", "2027-01-10", "S")], history=[("p1", "2027-01-03", "S")])
    assert [b.date.isoformat() for b in breaches(s, ID, [("p1", "2027-01-10", "S")],
                                                 history=[("p1", "2027-01-03", "S")])] == ["2027-01-10"]


def test_the_check_reports_the_second_sunday():
    s = sundays()
    found = breaches(s, ID, [("p1", "2027-01-10", "S"), ("p1", "2027-01-17", "S")])
    assert [(b.staff, b.date.isoformat()) for b in found] == [("p1", "2027-01-17")]
    assert breaches(s, ID, [("p1", "2027-01-10", "S"), ("p1", "2027-01-24", "S")]) == []
