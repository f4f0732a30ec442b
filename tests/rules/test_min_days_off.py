"""min_days_off: stretches of days off of at least N days."""

from builders import scenario
from verifier import allowed, breaches

ID = "min_days_off"
EVERY_DAY = [{"shift": "D", "days": ["weekday", "saturday", "sunday"], "min_staff_if_open": 1}]


def worked(*days: int) -> list[tuple[str, str, str]]:
    return [("p1", f"2027-01-{d:02d}", "D") for d in days]


def two_days_off():
    return scenario(staff=[{"id": "p1", "name": "A", "rules": {"min_days_off": 2}}], coverage=EVERY_DAY)


def test_the_model_forbids_a_single_day_off_between_working_days():
    s = two_days_off()
    assert not allowed(s, ID, worked(4, 6))
    assert allowed(s, ID, worked(4, 7))
    assert allowed(s, ID, worked(5, 6))  # days off at the edges are fine


def test_the_previous_rota_counts():
    s = two_days_off()
    assert not allowed(s, ID, worked(5), history=[("p1", "2027-01-03", "D")])
    assert allowed(s, ID, worked(6), history=[("p1", "2027-01-03", "D")])


def test_the_check_reports_too_few_days_off():
    s = two_days_off()
    found = breaches(s, ID, worked(4, 6, 9))
    assert [b.date.isoformat() for b in found] == ["2027-01-06"]
    assert found[0].en == "A: only 1 day(s) off before Wednesday 6 Jan 2027; at least 2"
    assert breaches(s, ID, worked(4, 7, 10)) == []
