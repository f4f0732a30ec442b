"""min_block: working blocks of at least N days (a block at the edge of the period is fine)."""

from builders import scenario
from verifier import allowed, breaches

ID = "min_block"
EVERY_DAY = [{"shift": "D", "days": ["weekday", "saturday", "sunday"], "min_staff_if_open": 1}]


def worked(*days: int) -> list[tuple[str, str, str]]:
    return [("p1", f"2027-01-{d:02d}", "D") for d in days]


def blocks_of_two():
    return scenario(staff=[{"id": "p1", "name": "A", "rules": {"min_consecutive_days": 2}}],
                    coverage=EVERY_DAY)


def test_the_model_forbids_a_single_day_inside_the_period():
    s = blocks_of_two()
    assert not allowed(s, ID, worked(6))
    assert allowed(s, ID, worked(6, 7))
    assert allowed(s, ID, worked(4))  # touches the start (no known past)
    assert allowed(s, ID, worked(10))  # touches the end


def test_with_the_previous_rota_the_first_day_is_judged_too():
    s = blocks_of_two()
    off_before = [("p1", "2027-01-01", "D")]
    assert not allowed(s, ID, worked(4), history=off_before)
    assert [b.date.isoformat() for b in breaches(s, ID, worked(4), history=off_before)] == ["2027-01-04"]


def test_the_check_reports_a_short_block():
    s = blocks_of_two()
    assert [b.date.isoformat() for b in breaches(s, ID, worked(4, 6, 8, 9))] == ["2027-01-06"]
    assert breaches(s, ID, worked(4, 6, 7, 10)) == []
