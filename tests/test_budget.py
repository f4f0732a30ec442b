"""The yearly budget: cost parameters as data, ubekvem hours, social costs, vikar, budget.json."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from coverage.budget import budget, load_costs, shift_windows, tiered, ubekvem_hours
from coverage.staffing import estimate
from roster.errors import UserError
from tests.builders import EVENING, NIGHT, scenario

SIMPLE_COSTS = """
year = 2024
[salary_month]
default = 50000
[social]
employer_tax = 0.1
pension = 0.2
holiday_pay = 0.1
[ubekvem]
evening_night_per_hour = 10
evening_night_start = "17:00"
evening_night_end = "06:00"
weekend_tiers = [[0, 0]]
holiday_factor = 0
[vikar]
markup = 0
annual_hours = 2000
[running]
driftsutgifter = 100000
"""


@pytest.fixture
def simple_costs(tmp_path):
    path = tmp_path / "costs.toml"
    path.write_text(SIMPLE_COSTS, encoding="utf-8")
    return load_costs(path)


def evening_team(n: int = 2):
    # evenings 14:00-21:00 Mon-Fri, 2 staff: 4 of the 7 hours are after 17:00
    return scenario(staff=n, shifts=[EVENING], rules={"turnus_type": "day"}, country="NO",
                    coverage=[{"shift": "A", "days": ["weekday"], "min_staff_if_open": 2}])


def test_default_cost_file_has_year_roles_and_rates():
    costs = load_costs()
    assert costs.year == 2024
    for role in ("sykepleier", "vernepleier", "sosionom", "helsefagarbeider", "miljøarbeider"):
        assert 35000 < costs.salary_of(role) < 80000
    assert costs.employer_tax == 0.141 and costs.holiday_pay == 0.12
    assert costs.salary_of("ukjent") == costs.salary_month["default"]


def test_hand_computed_budget(simple_costs):
    s = evening_team()
    est = estimate(s, 2027)
    b = budget(s, est, simple_costs, arsverk=3.0, headcount=3)
    assert b.amount("salaries") == pytest.approx(3 * 600000)
    # 255 weekday evenings x 2 staff x 4 h after 17:00, all worked by own staff (3 årsverk
    # deliver more than the hours to cover) x 10 NOK
    assert est.hours.total < 3 * est.productive_hours
    assert b.amount("ubekvem_evening_night") == pytest.approx(255 * 2 * 4 * 10)
    base = 1800000 + 255 * 2 * 4 * 10
    assert b.amount("holiday_pay") == pytest.approx(0.1 * base)
    assert b.amount("pension") == pytest.approx(0.2 * base)
    assert b.amount("employer_tax") == pytest.approx(0.1 * (base * 1.3))
    assert b.amount("vikar") == 0
    assert b.amount("running") == 100000
    assert b.total == sum(round(li.amount) for li in b.lines)


def test_vikar_covers_what_a_small_staffing_cannot(simple_costs):
    s = evening_team()
    est = estimate(s, 2027)
    b = budget(s, est, simple_costs, arsverk=1.0, headcount=2)
    hours = est.hours.total - est.productive_hours
    hourly = 600000 / 2000
    assert b.vikar_hours == pytest.approx(hours)
    assert b.amount("vikar") == pytest.approx(hours * hourly * 1.3 * 1.1)


def test_budget_json_schema(simple_costs, tmp_path):
    s = evening_team()
    b = budget(s, estimate(s, 2027), simple_costs)
    b.save(tmp_path / "budget.json")
    data = json.loads((tmp_path / "budget.json").read_text(encoding="utf-8"))
    assert set(data) == {"year", "currency", "lines", "total"}
    assert data["currency"] == "NOK" and data["year"] == 2027
    for line in data["lines"]:
        assert set(line) == {"key", "label_nb", "label_en", "amount", "detail"}
    assert data["total"] == sum(li["amount"] for li in data["lines"])


def test_tiered_weekend_rate():
    tiers = ((0.0, 53.0), (290.0, 100.0), (350.0, 150.0))
    assert tiered(100, tiers) == 100 * 53
    assert tiered(300, tiers) == 290 * 53 + 10 * 100
    assert tiered(400, tiers) == 290 * 53 + 60 * 100 + 50 * 150


def test_shift_windows_evening_night_weekend_holiday():
    saturday = dt.date(2027, 1, 9)
    span, night, weekend, holiday = shift_windows(14 * 60, 21 * 60, dt.date(2027, 1, 5), set(),
                                                  17 * 60, 6 * 60)
    assert (span, night, weekend, holiday) == (420, 240, 0, 0)
    # night 22:00-07:00 from Saturday into Sunday: 8 h in 17-06, all 9 h in the weekend
    span, night, weekend, holiday = shift_windows(22 * 60, 7 * 60, saturday,
                                                  {saturday + dt.timedelta(days=1)}, 17 * 60, 6 * 60)
    assert (span, night, weekend, holiday) == (540, 480, 540, 420)


def test_ubekvem_hours_of_a_night_pattern(simple_costs):
    s = scenario(staff=2, shifts=[NIGHT], rules={"turnus_type": "round_the_clock"}, country="NO",
                 coverage=[{"shift": "N", "days": ["saturday"], "min_staff_if_open": 1}])
    ub = ubekvem_hours(s, estimate(s, 2027), simple_costs)
    # 52 Saturdays in 2027; May 1 and Dec 25 are public holidays, not plain Saturdays: 50
    assert ub.weekend == pytest.approx(50 * 9)
    assert ub.evening_night == pytest.approx(50 * 8)


def test_bad_cost_file_names_the_key(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(SIMPLE_COSTS.replace("employer_tax = 0.1", "employer_tax = \"high\""),
                    encoding="utf-8")
    with pytest.raises(UserError, match=r"social\.employer_tax must be a number"):
        load_costs(path)
    path.write_text(SIMPLE_COSTS.replace("pension = 0.2\n", ""), encoding="utf-8")
    with pytest.raises(UserError, match=r"missing key social\.pension"):
        load_costs(path)
    with pytest.raises(UserError, match="not found"):
        load_costs(tmp_path / "nope.toml")
    # a scenario given where the cost file belongs: said so, not only "missing key year"
    scenario = tmp_path / "scenario.toml"
    scenario.write_text('[scenario]\nname = "x"\n', encoding="utf-8")
    with pytest.raises(UserError, match=r"missing key year; is it a cost file \(like data/costs"):
        load_costs(scenario)
    with pytest.raises(UserError, match=r"missing key social\.pension$"):  # a cost file: no hint
        load_costs(path)
