"""Hours: the contract band from stillingsprosent, 48 h in 7 days, caps per shift type."""

from builders import count, scenario

from roster.contract import hours_band
from roster.planner import PlanOptions, plan
from roster.slots import SlotTable

ALL_DAYS = {"code": "D", "name": "Dag", "start": "08:00", "end": "16:00", "hours": 7.5}
LONG = {"code": "L", "name": "Langvakt", "start": "08:00", "end": "20:00", "hours": 12}
EVERY_DAY = ["weekday", "saturday", "sunday"]


def test_contract_band_from_stillingsprosent_and_absence():
    s = scenario(staff=[{"id": "p1", "name": "A", "fte": 0.5}], days=14, shifts=[ALL_DAYS],
                 rules={"hours_tolerance": 4.0}, absences=[{"staff": "p1", "start": "2027-01-11",
                                                            "end": "2027-01-17", "kind": "vacation"}])
    band = hours_band(s, s.staff[0], SlotTable(s).days)
    # 50 % of 35.5 h a week, one week present of two
    assert band.target == round(0.5 * 35.5 * 60 * 7 / 7)
    assert (band.min, band.max) == (band.target - 240, band.target + 240)


def test_hours_never_above_the_band():
    s = scenario(staff=[{"id": "p1", "name": "A", "fte": 0.4}], shifts=[ALL_DAYS],
                 rules={"hours_tolerance": 1.0},
                 coverage=[{"shift": "D", "days": EVERY_DAY, "min_staff_if_open": 1}])
    rota = plan(s, PlanOptions(time_limit=10))
    # 40 % of 35.5 h = 14.2 h, band up to 15.2 h: two shifts of 7.5 h fit, three do not
    assert count(rota) == 2


def test_hours_below_the_band_are_warned_about():
    s = scenario(staff=[{"id": "p1", "name": "A", "fte": 1.0}], shifts=[ALL_DAYS],
                 rules={"hours_tolerance": 2.0},
                 coverage=[{"shift": "D", "dates": ["2027-01-04"], "min_staff_if_open": 1}])
    rota = plan(s, PlanOptions(time_limit=10))
    warn = [v for v in rota.violations if v["rule"] == "hours"]
    assert warn and warn[0]["severity"] == "warning" and "below the contract band" in warn[0]["detail"]


def test_at_most_48_hours_in_7_days():
    s = scenario(staff=1, shifts=[LONG], rules={"max_hours_per_7_days": 48},
                 coverage=[{"shift": "L", "days": EVERY_DAY, "min_staff_if_open": 1}])
    rota = plan(s, PlanOptions(time_limit=10))
    assert count(rota) == 4  # 4 x 12 h = 48 h


def test_cap_per_shift_type():
    staff = [{"id": "p1", "name": "A", "rules": {"max_shifts": {"D": 2}}}, {"id": "p2", "name": "B"}]
    s = scenario(staff=staff, shifts=[ALL_DAYS],
                 coverage=[{"shift": "D", "days": ["weekday"], "min_staff_if_open": 2}])
    rota = plan(s, PlanOptions(time_limit=10))
    assert count(rota, staff="p1") == 2
