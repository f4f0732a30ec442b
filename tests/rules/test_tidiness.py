"""tidiness: isolated working days (1), isolated days off (0.5) and quick returns (1) cost."""

from builders import DAY, scenario, solve
from verifier import model_verdict

ID = "tidiness"
LATE = {"code": "A", "name": "Sen", "start": "14:00", "end": "22:00", "hours": 7.5, "kind": "evening"}
WEEKDAYS = ["weekday"]


def rota(codes: str) -> list[tuple[str, str, str]]:
    """'D-D--': one letter a day from Monday 4 Jan, '-' for a day off."""
    return [("p1", f"2027-01-{4 + i:02d}", c) for i, c in enumerate(codes) if c != "-"]


def week(*shifts):
    return scenario(staff=1, days=5, shifts=list(shifts),
                    coverage=[{"shift": s["code"], "days": WEEKDAYS, "min_staff_if_open": 1} for s in shifts])


def test_isolated_days_and_days_off_cost():
    s = week(DAY)
    assert model_verdict(s, ID, rota("DDD--")).cost("tidiness") == 0
    assert model_verdict(s, ID, rota("D-D--")).cost("tidiness") == 1.5  # a day off alone, a day alone


def test_a_quick_return_costs_one():
    s = week(DAY, LATE)
    assert model_verdict(s, ID, rota("AD---")).cost("tidiness") == 1  # 22:00 -> 08:00
    assert model_verdict(s, ID, rota("DA---")).cost("tidiness") == 0


def test_tidiness_avoids_isolated_working_days():
    # one person, three working days to place in a week: together, not spread out
    staff = [{"id": "p1", "name": "A", "rules": {"max_hours": 22.5}}]
    s = scenario(staff=staff, shifts=[DAY],
                 coverage=[{"shift": "D", "days": ["weekday", "saturday", "sunday"],
                            "min_staff_if_open": 1, "priority": "soft", "under_weight": 1}])
    rota = solve(s)
    days = sorted(a.date.day for a in rota.assignments)
    assert len(days) == 3 and days[2] - days[0] == 2
