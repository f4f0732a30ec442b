"""weekly_rest: 35 free hours in every 7 days, counted from real clock times."""

from builders import scenario
from verifier import allowed, breaches

ID = "weekly_rest"
LATE = {"code": "A", "name": "Sen", "start": "14:00", "end": "22:00", "hours": 7.5, "kind": "evening"}
EARLY = {"code": "E", "name": "Tidlig", "start": "06:00", "end": "14:00", "hours": 7.5}
DAYS = [f"2027-01-{d:02d}" for d in range(4, 11)]


def week():
    cov = [{"shift": c, "days": ["weekday", "saturday", "sunday"], "min_staff_if_open": 1}
           for c in ("A", "E")]
    return scenario(staff=1, days=7, shifts=[LATE, EARLY], coverage=cov, rules={"weekly_rest_hours": 35})


def rota(codes: str) -> list[tuple[str, str, str]]:
    """'AAA-EEE': one letter a day from Monday 4 Jan, '-' for a day off."""
    return [("p1", d, c) for d, c in zip(DAYS, codes, strict=True) if c != "-"]


def test_one_day_off_between_a_late_and_an_early_shift_is_not_weekly_rest():
    # 22:00 -> 06:00 two days later is 32 h
    s = week()
    assert not allowed(s, ID, rota("AAA-EEE"))
    assert reported(s, rota("AAA-EEE")) == [("p1", "2027-01-04")]


def test_two_days_off_or_a_day_off_between_late_shifts_is():
    s = week()
    assert allowed(s, ID, rota("AAA--EE"))
    assert allowed(s, ID, rota("AAA-AAA"))  # 22:00 -> 14:00 two days later is 40 h
    assert breaches(s, ID, rota("AAA--EE")) == breaches(s, ID, rota("AAA-AAA")) == []


def test_the_previous_rota_counts():
    # six early shifts from Tuesday 29 Dec to Sunday 3 Jan: Monday 4 Jan must be a rest day
    s = scenario(staff=1, days=3, shifts=[LATE, EARLY], rules={"weekly_rest_hours": 35},
                 coverage=[{"shift": "E", "days": ["weekday"], "min_staff_if_open": 1}])
    before = [("p1", d, "E") for d in ("2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01",
                                      "2027-01-02", "2027-01-03")]
    assert not allowed(s, ID, [("p1", "2027-01-04", "E")], history=before)
    assert allowed(s, ID, [("p1", "2027-01-05", "E")], history=before)
    assert reported(s, [("p1", "2027-01-04", "E")], history=before) == [("p1", "2026-12-29")]
    assert reported(s, [("p1", "2027-01-05", "E")], history=before) == []


def reported(s, rows, **kw):
    return [(b.staff, b.date.isoformat()) for b in breaches(s, ID, rows, **kw)]
