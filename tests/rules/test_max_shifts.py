"""max_shifts: at most N shifts of a type per person in the period."""

from builders import scenario
from verifier import allowed, breaches

ID = "max_shifts"


def capped():
    return scenario(staff=[{"id": "p1", "name": "A", "rules": {"max_shifts": {"D": 2}}}],
                    coverage=[{"shift": "D", "days": ["weekday"], "min_staff_if_open": 1}])


def worked(*days: int) -> list[tuple[str, str, str]]:
    return [("p1", f"2027-01-{d:02d}", "D") for d in days]


def test_the_model_allows_the_cap_and_not_more():
    s = capped()
    assert allowed(s, ID, worked(4, 5))
    assert not allowed(s, ID, worked(4, 5, 6))


def test_the_check_reports_shifts_above_the_cap():
    s = capped()
    assert [(b.staff, b.shift, b.en) for b in breaches(s, ID, worked(4, 5, 6))] == \
        [("p1", "D", "A: 3 shifts D; at most 2")]
    assert breaches(s, ID, worked(4, 5)) == []
