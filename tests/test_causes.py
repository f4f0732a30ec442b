"""Why shifts are short (issue 15, item 3): the binding cause found with the model
(coverage.causes), with the numbers of the capacity bounds, in rota.json, the breaches and
the open-shifts reason. Small cases where the cause is known by hand."""

from builders import EVENING, scenario, solve

from coverage.causes import explain
from coverage.open_shifts import open_shifts
from roster.rota import Rota

MON, TUE = "2027-01-04", "2027-01-05"
WEEKDAY_D = [{"shift": "D", "days": ["weekday"], "min_staff_if_open": 1}]


def test_too_few_contract_hours_is_the_cause_with_its_numbers():
    # two people with at most 7.5 h each for three day shifts of 7.5 h: 22.5 h needed, 15 h
    # allowed; one day is empty. A full post over 3 days is 35.5 h x 3/7 = 15.2 h (913 min),
    # so 7.5 h short is 450/913 = 0.49 årsverk.
    staff = [{"id": f"p{i}", "name": f"P{i}", "rules": {"max_hours": 7.5}} for i in (1, 2)]
    s = scenario(staff=staff, days=3, coverage=WEEKDAY_D)
    rota = solve(s, time_limit=5)
    found = explain(s, rota, seconds=2)
    assert found is not None and found.seconds < 4
    (reason,) = rota.extra["reasons"]
    assert reason["cause"] == "hours" and reason["bounds"][0]["needed"] == 22.5
    assert reason["bounds"][0]["available"] == 15.0 and reason["bounds"][0]["arsverk"] == 0.49
    assert (reason["control"]["people"], reason["lifted"]["people"]) == (1, 0)
    assert "rest" in rota.extra["cause_analysis"]["not_binding"]
    short = "contract hours: 23 h needed, 15 h allowed, 8 h short (about 0.49 årsverk)"
    (breach,) = rota.errors()
    assert breach["cause"] == "hours" and breach["detail"].endswith(f"0 of 1 staffed; {short}")
    assert "av 1 bemannet; avtalte timer: 23 t trengs, 15 t tillatt, 8 t for lite" in breach["detail_nb"]
    (row,) = [r for r in rota.coverage if r["assigned"] < r["min"]]
    assert (row["cause"], row["reason"]) == ("hours", short)
    # rota.json keeps it, and open-shifts starts its reason with it
    back = Rota.from_json(rota.to_json())
    (item,) = open_shifts(s, back)
    assert item.cause == "hours"
    assert item.reason == (f"0 of 1 (cause: {short}): none of the 2 staff can take it "
                           "(2 at the top of their contract hours)")


def test_a_missing_nurse_is_put_down_to_the_nurses_hours():
    # one nurse with at most 7.5 h, two day shifts that each need a nurse: 15 h of nurse
    # shifts, 7.5 h of nurse: one shift gets p2 without the skill
    staff = [{"id": "n1", "name": "Nurse", "skills": ["nurse"], "rules": {"max_hours": 7.5}},
             {"id": "p2", "name": "B"}]
    s = scenario(staff=staff, days=2, coverage=[{**WEEKDAY_D[0], "skills": {"nurse": 1}}])
    rota = solve(s, time_limit=5)
    explain(s, rota, seconds=2)
    # both bind: with anyone as a nurse, or with the nurse's 7.5 h lifted, both are covered;
    # the nurses' hours come first (a bound proves them short)
    assert [r["cause"] for r in rota.extra["reasons"]] == ["skills", "hours"]
    bound = rota.extra["reasons"][0]["bounds"][0]
    assert (bound["kind"], bound["needed"], bound["available"]) == ("skill", 15.0, 7.5)
    (breach,) = rota.errors()
    assert breach["rule"] == "skill" and breach["cause"] == "skills"
    assert breach["detail"].endswith("0 of 1 with skill 'nurse'; skill holders: those with skill "
                                     "'nurse' can give 7 h too few")
    (item,) = open_shifts(s, rota)  # its people are there: the nurses' hours are the cause
    assert item.kind == "skill" and item.cause == "skills"
    assert item.reason.startswith("1 of 1 staffed, 1 with skill 'nurse' missing (cause: skill holders: "
                                  "those with skill 'nurse' can give 7 h too few): none of the 1 with")


def test_staff_away_is_the_cause_only_when_it_is():
    # two on every day shift; p2 is on vacation on Tuesday: one alone that day, and with
    # everyone present nothing would be short (contract hours are not binding)
    s = scenario(staff=2, days=2, coverage=[{**WEEKDAY_D[0], "min_staff_if_open": 2}],
                 absences=[{"staff": "p2", "start": TUE, "end": TUE, "kind": "vacation"}])
    rota = solve(s, time_limit=5)
    explain(s, rota, seconds=2)
    (reason,) = rota.extra["reasons"]
    assert reason["cause"] == "absences" and reason["bounds"][0]["kind"] == "day"
    assert reason["detail"].startswith("Staff away: Tue 5 Jan: the shifts that must be staffed need "
                                       "2 different people; only 1 are there")
    assert "vacation" not in reason["detail"] and "ferie" not in reason["detail_nb"]
    assert [v["cause"] for v in rota.errors()] == ["absences"]


def test_a_closed_evening_gets_its_reason_when_nobody_is_away():
    # an evening service of 3 on Monday with two staff: it cannot open; no rule to lift,
    # the bound on different people a day says why
    cov = [{"shift": "A", "dates": [MON], "min_staff_if_open": 3, "priority": "service",
            "open": "always"}]
    s = scenario(staff=2, days=1, shifts=[EVENING], coverage=cov)
    rota = solve(s, time_limit=5)
    assert rota.status in ("optimal", "feasible")  # a closed service shift breaks no rule
    explain(s, rota, seconds=2)
    (reason,) = rota.extra["reasons"]
    assert reason["cause"] == "people"
    assert reason["detail"] == ("Too few people there: Mon 4 Jan: the shifts that must be staffed "
                                "need 3 different people; only 2 are there")
    assert "hours" in rota.extra["cause_analysis"]["not_binding"]  # 2 x 7 h is all the day allows
    (row,) = rota.coverage
    assert row["cause"] == "people" and not row["open"]
    (warning,) = [v for v in rota.violations if v["rule"] == "service_target"]
    assert warning["cause"] == "people"


def test_nothing_short_nothing_explained():
    s = scenario(staff=2, days=2, coverage=WEEKDAY_D)
    rota = solve(s, time_limit=5)
    assert explain(s, rota, seconds=2) is None and "reasons" not in rota.extra


def test_a_shift_is_not_given_a_bound_about_another_day_as_its_reason():
    # "staff away" binds on 12 July (3 nurses needed, 2 there); a shift left short on 3 July
    # must not be told that: its reason names its own day's bound, or else what the re-solve
    # without absences showed
    import datetime as dt

    from coverage.capacity import Shortfall
    from coverage.causes import FAMILIES, Cause, Measure

    away = next(f for f in FAMILIES if f.key == "absences")
    jul3, jul12 = dt.date(2027, 7, 3), dt.date(2027, 7, 12)
    before = Measure(19, 31, 50, 0, frozenset({(jul3, "D"), (jul12, "D")}), frozenset())
    after = Measure(0, 6, 6, 0, frozenset({(jul12, "D")}), frozenset())
    bound = Shortfall(kind="day", subject="2027-07-12 nurse", needed=3, available=2,
                      unit="people", detail="Mon 12 Jul: need 3 with skill 'nurse'; 2 there",
                      detail_nb="man. 12. jul: trenger 3 med kompetanse «nurse»; 2 der", days=(jul12,))
    cause = Cause(away, before, before, after, [bound])
    assert "12 Jul" in cause.short_words().en  # the month's summary names the bound
    assert "12 Jul" in cause.short_words(jul12).en and "12. jul" in cause.short_words(jul12).nb
    on_3rd = cause.short_words(jul3)
    assert "12 Jul" not in on_3rd.en and "12. jul" not in on_3rd.nb
    assert on_3rd.en == ("staff away (lifted: short of 0 people and 6 skill holders instead of "
                         "19 people and 31 skill holders)")
    month = Shortfall(kind="hours", needed=1194, available=1062, unit="h", detail="", detail_nb="")
    hours = Cause(away, before, before, after, [month])
    assert hours.short_words(jul3) == hours.short_words()  # the month's hours: every day's reason


def test_a_bound_about_one_service_target_is_no_reason_for_other_shifts():
    # "the evenings of week 27: 4 to open, but no day has enough people there" explains the
    # evenings of week 27 only: not a base day shift that week, not week 28's evenings, not
    # another service requirement's shifts
    import datetime as dt

    from coverage.capacity import Shortfall
    from coverage.causes import FAMILIES, Cause, Measure

    away = next(f for f in FAMILIES if f.key == "absences")
    week27 = tuple(dt.date(2027, 7, d) for d in range(5, 10))
    before = Measure(6, 0, 6, 22, frozenset(), frozenset())
    after = Measure(0, 0, 0, 0, frozenset(), frozenset())
    bound = Shortfall(kind="target_days", subject="Kveld week 27", needed=4, available=0, unit="days",
                      detail="Kveld week 27: 4 days to open, but only 0 of its 5 days have enough "
                             "people there", detail_nb="Kveld uke 27: ...", days=week27,
                      service="A:weekday")
    cause = Cause(away, before, before, after, [bound])
    tue = dt.date(2027, 7, 6)
    assert "week 27" in cause.short_words(tue, "A:weekday").en
    assert "week 27" not in cause.short_words(tue).en  # the base day shift of that Tuesday
    assert "week 27" not in cause.short_words(dt.date(2027, 7, 13), "A:weekday").en
    assert "week 27" not in cause.short_words(tue, "H:saturday+sunday").en
    assert cause.short_words(tue).en == ("staff away (lifted: short of 0 people and 0 service openings "
                                         "instead of 6 people and 22 service openings)")


def test_the_comparison_re_solves_give_service_up_by_rank_as_the_planner_does():
    # three staff, one shift each on Monday. The evening service (rank 1) needs all three;
    # three small services (rank 2) need one each. The planner keeps the evening and closes
    # the three small ones. A re-solve that counted every opening alike would open the three
    # small ones and close only the evening ("1 with every rule kept"), as if the planner
    # could have opened two more; ranked, the control closes the same 3 as the rota
    small = [{"code": c, "name": c, "name_en": c, "start": "10:00", "end": "14:00", "hours": 4.0}
             for c in ("B1", "B2", "B3")]
    s = scenario(staff=3, days=1, shifts=[{**EVENING, "days": ["weekday"]}, *small],
                 coverage=[{"shift": "A", "dates": [MON], "min_staff_if_open": 3, "priority": "service",
                            "open": "always", "rank": 1, "label": "Kveld"},
                           *[{"shift": c["code"], "dates": [MON], "min_staff_if_open": 1,
                              "priority": "service", "open": "always", "rank": 2, "label": c["code"]}
                             for c in small]])
    rota = solve(s, time_limit=5)
    assert sorted(a.shift for a in rota.assignments) == ["A", "A", "A"]
    found = explain(s, rota, seconds=2)
    assert found is not None
    assert (found.before.closed, found.control.closed) == (3, 3)
