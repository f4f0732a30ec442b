"""open_or_minimum: a service shift has nobody or at least its minimum: never one alone."""

from builders import EVENING, count, scenario, solve
from verifier import allowed, breaches

ID = "open_or_minimum"
EVENING_OF_3 = [{"shift": "A", "dates": ["2027-01-04"], "min_staff_if_open": 3, "priority": "service"}]
WEEKEND = {"code": "H", "name": "Helg", "start": "10:00", "end": "18:00", "hours": 7.5,
           "days": ["saturday", "sunday"]}


def on_evening(*people: str) -> list[tuple[str, str, str]]:
    return [(p, "2027-01-04", "A") for p in people]


def test_the_model_allows_nobody_or_the_minimum_and_nothing_between():
    s = scenario(staff=3, days=1, shifts=[EVENING], coverage=EVENING_OF_3)
    assert allowed(s, ID, [])
    assert allowed(s, ID, on_evening("p1", "p2", "p3"))
    assert not allowed(s, ID, on_evening("p1"))
    assert not allowed(s, ID, on_evening("p1", "p2"))


def test_a_weekend_unit_opens_saturday_and_sunday_together():
    s = scenario(staff=3, shifts=[WEEKEND], coverage=[
        {"shift": "H", "days": ["saturday", "sunday"], "min_staff_if_open": 3, "priority": "service",
         "unit": "weekend"}])
    saturday = [(p, "2027-01-09", "H") for p in ("p1", "p2", "p3")]
    sunday = [(p, "2027-01-10", "H") for p in ("p1", "p2", "p3")]
    assert allowed(s, ID, saturday + sunday)
    assert not allowed(s, ID, saturday)


def test_the_check_reports_an_evening_opened_with_too_few():
    s = scenario(staff=3, days=1, shifts=[EVENING], coverage=EVENING_OF_3)
    alone = breaches(s, ID, on_evening("p1"))
    assert [(b.date.isoformat(), b.shift) for b in alone] == [("2027-01-04", "A")]
    assert "one person alone" in alone[0].en and "én person alene" in alone[0].nb
    assert "only 2" in breaches(s, ID, on_evening("p1", "p2"))[0].en
    assert breaches(s, ID, []) == breaches(s, ID, on_evening("p1", "p2", "p3")) == []


def test_two_people_one_evening_that_needs_three_is_not_opened():
    every_evening = {**EVENING_OF_3[0], "dates": [], "days": ["weekday"], "open": "always"}
    s = scenario(staff=2, shifts=[EVENING], coverage=[every_evening])
    rota = solve(s)
    assert count(rota, shift="A") == 0  # never 1 or 2 alone
    assert rota.errors() == []
    missed = [v for v in rota.violations if v["rule"] == "service_target"]
    assert len(missed) == 5  # and the rota is not reported as meeting the target
    assert rota.extra["service_level"][0]["opened"] == 0
