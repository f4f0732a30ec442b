"""rest: 11 h between shifts from real clock times, across midnight and the month boundary;
explicitly forbidden successions."""

from builders import DAY, scenario
from verifier import allowed, breaches

ID = "rest"
LATE = {"code": "A", "name": "Sen", "start": "14:00", "end": "22:00", "hours": 7.5, "kind": "evening"}
NIGHT = {"code": "N", "name": "Natt", "start": "22:00", "end": "07:00", "hours": 9}
EVERY_DAY = ["weekday", "saturday", "sunday"]


def late_and_day(**rules):
    cov = [{"shift": c, "days": EVERY_DAY, "min_staff_if_open": 1} for c in ("A", "D")]
    return scenario(staff=1, days=3, shifts=[DAY, LATE], coverage=cov, rules=rules)


def test_the_model_forbids_a_day_shift_10_hours_after_a_late_one():
    s = late_and_day(min_rest_hours=11)
    assert not allowed(s, ID, [("p1", "2027-01-04", "A"), ("p1", "2027-01-05", "D")])  # 22:00 -> 08:00
    assert allowed(s, ID, [("p1", "2027-01-04", "D"), ("p1", "2027-01-05", "A")])
    assert allowed(s, ID, [("p1", "2027-01-04", "A"), ("p1", "2027-01-06", "D")])


def test_ten_hours_is_fine_when_the_rule_asks_for_ten():
    late_then_day = [("p1", "2027-01-04", "A"), ("p1", "2027-01-05", "D")]
    assert allowed(late_and_day(min_rest_hours=10), ID, late_then_day)


def test_a_night_across_midnight_blocks_the_next_morning():
    cov = [{"shift": c, "days": EVERY_DAY, "min_staff_if_open": 1} for c in ("N", "D")]
    s = scenario(staff=1, days=2, shifts=[DAY, NIGHT], coverage=cov, rules={"min_rest_hours": 11})
    assert not allowed(s, ID, [("p1", "2027-01-04", "N"), ("p1", "2027-01-05", "D")])  # 07:00 -> 08:00


def test_the_previous_rota_counts():
    s = late_and_day(min_rest_hours=11)
    sunday_late = [("p1", "2027-01-03", "A")]
    assert not allowed(s, ID, [("p1", "2027-01-04", "D")], history=sunday_late)
    assert reported(s, [("p1", "2027-01-04", "D")], history=sunday_late) == [("p1", "2027-01-04")]


def test_an_explicitly_forbidden_succession():
    s = late_and_day(min_rest_hours=0, forbidden_successions=[{"from": "A", "to": ["D"]}])
    assert not allowed(s, ID, [("p1", "2027-01-04", "A"), ("p1", "2027-01-05", "D")])
    assert allowed(s, ID, [("p1", "2027-01-04", "D"), ("p1", "2027-01-05", "A")])
    found = breaches(s, ID, [("p1", "2027-01-04", "A"), ("p1", "2027-01-05", "D")])
    assert [b.en for b in found] == ["Person 1: D may not follow A (Monday 4 Jan 2027)"]


def test_the_check_measures_the_rest_from_clock_times():
    s = late_and_day(min_rest_hours=11)
    found = breaches(s, ID, [("p1", "2027-01-04", "A"), ("p1", "2027-01-05", "D")])
    assert [(b.staff, b.date.isoformat(), b.shift) for b in found] == [("p1", "2027-01-05", "D")]
    assert found[0].en == ("Person 1: 10.0 h rest between A on Monday 4 Jan 2027 and D on Tuesday 5 Jan "
                           "2027; at least 11 h required (AML § 10-8 (1))")
    assert found[0].nb.startswith("Person 1: 10,0 t hvile mellom A mandag 4. jan 2027")
    assert breaches(s, ID, [("p1", "2027-01-04", "A"), ("p1", "2027-01-06", "D")]) == []


def reported(s, rows, **kw):
    return [(b.staff, b.date.isoformat()) for b in breaches(s, ID, rows, **kw)]
