"""service_target: open service shifts as often as the target says, given up by rank."""

from builders import EVENING, count, scenario, solve
from verifier import breaches, model_verdict

from roster.rules.breach import Severity

ID = "service_target"
WEEKEND = {"code": "H", "name": "Helg", "start": "10:00", "end": "18:00", "hours": 7.5,
           "days": ["saturday", "sunday"]}


def evening(**kw):
    return {"shift": "A", "days": ["weekday"], "min_staff_if_open": 3, "max_staff": 3,
            "priority": "service", **kw}


def trio(date: str) -> list[tuple[str, str, str]]:
    return [(p, date, "A") for p in ("p1", "p2", "p3")]


def test_each_evening_short_of_an_every_day_target_costs():
    s = scenario(staff=3, days=2, shifts=[EVENING], coverage=[evening(open="always")])
    # the worst-hit month (1 of 2 evenings short: 0.5), then the share short (0.5)
    one = model_verdict(s, ID, trio("2027-01-04"))
    assert (one.cost("service.2"), one.cost("service.3")) == (0.5, 0.5)
    both = model_verdict(s, ID, trio("2027-01-04") + trio("2027-01-05"))
    assert (both.cost("service.2"), both.cost("service.3")) == (0, 0)


def test_an_evening_counts_as_opened_only_with_its_minimum():
    s = scenario(staff=3, days=1, shifts=[EVENING], coverage=[evening(open="always")])
    assert model_verdict(s, ID, trio("2027-01-04")[:2]).cost("service.3") == 1


def test_the_check_warns_about_a_missed_target():
    s = scenario(staff=3, days=7, shifts=[EVENING], coverage=[evening(open={"count": 2, "per": "week"})])
    found = breaches(s, ID, trio("2027-01-04"))
    assert [(b.severity, b.data["opened"], b.data["target"]) for b in found] == [(Severity.WARNING, 1, 2)]
    assert found[0].en == "A week 1: 1 of 2 days opened (target 2 days per week)"
    assert found[0].nb == "A uke 1: 1 av 2 dager åpnet"
    assert breaches(s, ID, trio("2027-01-04") + trio("2027-01-06")) == []


def test_the_planner_meets_a_weekly_target_and_never_exceeds_it():
    rota = solve(scenario(staff=4, shifts=[EVENING], coverage=[evening(open={"count": 4, "per": "week"})]))
    opened = {a.date for a in rota.assignments}
    assert len(opened) == 4 and all(count(rota, date=d.isoformat()) == 3 for d in opened)


def test_service_is_given_up_by_rank():
    # three people, each may work one shift in the week: only one of the two services fits
    staff = [{"id": f"p{i}", "name": f"P{i}", "rules": {"max_hours": 8}} for i in range(1, 4)]
    cov = [evening(open={"count": 1, "per": "week"}, rank=2),
           {"shift": "H", "days": ["saturday", "sunday"], "min_staff_if_open": 3, "max_staff": 3,
            "priority": "service", "open": {"count": 1, "per": "week"}, "rank": 1}]
    rota = solve(scenario(staff=staff, shifts=[EVENING, WEEKEND], coverage=cov))
    assert count(rota, shift="H") == 3 and count(rota, shift="A") == 0
    flipped = [dict(cov[0], rank=1), dict(cov[1], rank=2)]
    rota = solve(scenario(staff=staff, shifts=[EVENING, WEEKEND], coverage=flipped))
    assert count(rota, shift="A") == 3 and count(rota, shift="H") == 0


def test_reduced_service_is_spread_over_the_weeks():
    # capacity for about two evenings a week over two weeks: not four one week and none the next
    staff = [{"id": f"p{i}", "name": f"P{i}", "rules": {"max_hours": 28}} for i in range(1, 4)]
    rota = solve(scenario(staff=staff, shifts=[EVENING], days=14,
                          coverage=[evening(open={"count": 4, "per": "week"})]))
    weeks = [len({a.date for a in rota.assignments if a.date.isocalendar()[1] == w}) for w in (1, 2)]
    assert weeks == [2, 2]
