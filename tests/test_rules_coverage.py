"""Coverage: base minimums, the open-or-minimum rule, skills, service targets and their order."""

import datetime as dt

from builders import DAY, EVENING, count, scenario, solve

WEEKEND = {"code": "H", "name": "Helg", "start": "10:00", "end": "18:00", "hours": 7.5,
           "days": ["saturday", "sunday"]}


def evening(**kw):
    return {"shift": "A", "days": ["weekday"], "min_staff_if_open": 3, "max_staff": 3,
            "priority": "service", **kw}


def test_base_minimum_holds_and_a_shortfall_is_explained():
    s = scenario(staff=3, coverage=[{"shift": "D", "days": ["weekday"], "min_staff_if_open": 2}],
                 absences=[{"staff": "p1", "start": "2027-01-06", "end": "2027-01-06", "kind": "vacation"},
                           {"staff": "p2", "start": "2027-01-06", "end": "2027-01-06", "kind": "sick"}])
    rota = solve(s)
    assert all(count(rota, date=f"2027-01-0{d}") >= 2 for d in (4, 5, 7, 8))
    short = [v for v in rota.errors() if v["rule"] == "coverage"]
    assert len(short) == 1 and short[0]["date"] == "2027-01-06"
    assert "1 of 2 staffed" in short[0]["detail"]
    assert "1 of 3 staff available (1 vacation, 1 sick)" in short[0]["detail"]


def test_two_people_one_evening_that_needs_three_is_not_opened():
    s = scenario(staff=2, shifts=[EVENING], coverage=[evening(open="always")])
    rota = solve(s)
    assert count(rota, shift="A") == 0  # never 1 or 2 alone
    assert rota.errors() == []
    missed = [v for v in rota.violations if v["rule"] == "service_target"]
    assert len(missed) == 5  # and the rota is not reported as meeting the target
    assert rota.extra["service_level"][0]["opened"] == 0


def test_with_three_people_the_evening_opens_with_three():
    rota = solve(scenario(staff=3, shifts=[EVENING], coverage=[evening(open="always")]))
    per_day = [count(rota, date=f"2027-01-0{d}") for d in range(4, 9)]
    assert per_day == [3] * 5


def test_target_per_week_is_met_and_not_exceeded():
    rota = solve(scenario(staff=4, shifts=[EVENING], coverage=[evening(open={"count": 4, "per": "week"})]))
    opened = {a.date for a in rota.assignments}
    assert len(opened) == 4
    assert all(count(rota, date=d.isoformat()) == 3 for d in opened)


def test_skill_minimum_on_an_opened_shift():
    staff = [{"id": "n1", "name": "Nurse", "skills": ["nurse"]}, {"id": "p2", "name": "B"},
             {"id": "p3", "name": "C"}, {"id": "p4", "name": "D"}]
    s = scenario(staff=staff, shifts=[EVENING], coverage=[evening(open="always", skills={"nurse": 1})],
                 absences=[{"staff": "n1", "start": "2027-01-07", "end": "2027-01-07"}])
    rota = solve(s)
    for d in (4, 5, 6, 8):
        assert count(rota, staff="n1", date=f"2027-01-0{d}") == 1
    assert count(rota, date="2027-01-07") == 0  # three without a nurse: not opened


def test_base_skill_shortfall_is_reported():
    staff = [{"id": "n1", "name": "Nurse", "skills": ["nurse"]}, {"id": "p2", "name": "B"}]
    s = scenario(staff=staff, coverage=[{"shift": "D", "days": ["weekday"], "min_staff_if_open": 1,
                                         "skills": {"nurse": 1}}],
                 absences=[{"staff": "n1", "start": "2027-01-05", "end": "2027-01-05"}])
    rota = solve(s)
    assert [v["date"] for v in rota.errors() if v["rule"] == "skill"] == ["2027-01-05"]


def test_weekend_unit_opens_saturday_and_sunday_together():
    s = scenario(staff=3, shifts=[WEEKEND], days=14,
                 coverage=[{"shift": "H", "days": ["saturday", "sunday"], "min_staff_if_open": 3,
                            "max_staff": 3, "priority": "service", "unit": "weekend",
                            "open": {"count": 1, "per": "period"}}])
    rota = solve(s)
    dates = sorted({a.date for a in rota.assignments})
    assert len(dates) == 2 and dates[1] - dates[0] == dt.timedelta(days=1)
    assert dates[0].weekday() == 5


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


def test_max_staff_is_never_exceeded():
    rota = solve(scenario(staff=5, coverage=[{"shift": "D", "days": ["weekday"], "min_staff_if_open": 1,
                                             "max_staff": 2}]))
    assert max(count(rota, date=f"2027-01-0{d}") for d in range(4, 9)) <= 2


def test_soft_cover_in_weighted_mode_pays_per_missing_and_extra_person():
    wishes = [{"staff": f"p{i}", "date": "2027-01-04", "kind": "shift", "shift": "D", "weight": 5}
              for i in (1, 2, 3)]

    def staffed(over_weight: float) -> int:
        cov = [{"shift": "D", "dates": ["2027-01-04"], "min_staff_if_open": 2, "priority": "soft",
                "under_weight": 100, "over_weight": over_weight}]
        return count(solve(scenario(staff=3, days=1, coverage=cov, objective={"mode": "weighted"},
                                    wishes=wishes)))

    assert staffed(over_weight=1) == 3  # a granted wish (5) is worth one extra person (1)
    assert staffed(over_weight=10) == 2  # but not when an extra person costs 10


def test_robust_margin_on_base_shifts_never_costs_service():
    # five people, one shift each: two base day shifts + one evening of three fill them all;
    # asking for one extra on the base shifts must not close the evening
    staff = [{"id": f"p{i}", "name": f"P{i}", "rules": {"max_hours": 8}} for i in range(1, 6)]
    cov = [{"shift": "D", "dates": ["2027-01-04", "2027-01-05"], "min_staff_if_open": 1},
           evening(dates=["2027-01-06"], days=[], open="always")]
    s = scenario(staff=staff, shifts=[DAY, EVENING], coverage=cov)
    rota = solve(s, extra_on_base=1)
    assert count(rota, shift="A") == 3 and count(rota, shift="D") == 2
    spare = scenario(staff=[*staff, {"id": "p6", "name": "P6", "rules": {"max_hours": 8}},
                            {"id": "p7", "name": "P7", "rules": {"max_hours": 8}}],
                     shifts=[DAY, EVENING], coverage=cov)
    assert count(solve(spare, extra_on_base=1), shift="D") == 4  # with spare people: the margin
