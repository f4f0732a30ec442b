"""Service-level ladder: the documented rungs, and the right rung on a case solved by hand."""

from __future__ import annotations

from builders import EVENING, scenario

from coverage.ladder import Level, apply_level, judge, ladder_levels, service_ladder, try_level
from roster.scenario_load import load_scenario
from roster.slots import SlotTable

WEEKEND = {"code": "H", "name": "Helg", "name_en": "Weekend", "start": "10:00", "end": "17:00",
           "hours": 7.0, "days": ["saturday", "sunday"]}


def test_ladder_from_the_fredrikstad_standard(data_dir):
    s = load_scenario(data_dir / "fredrikstad-mat.toml")
    assert ladder_levels(s) == [Level(4, None), Level(3, None), Level(3, 3), Level(2, 3),
                                Level(2, 2), Level(1, 2), Level(1, 1), Level(0, 1), Level(0, 0)]


def test_apply_level_sets_the_targets(data_dir):
    s = apply_level(load_scenario(data_dir / "fredrikstad-mat.toml"), Level(2, 2))
    targets = {g.req.label: g.target for g in SlotTable(s).target_groups}
    assert targets["Kveld"] == 2 and targets["Helg"] == 2


def test_best_level_known_by_hand():
    # February 2027: 4 full ISO weeks and 4 weekends. Two staff, every opened evening or
    # weekend needs both. Each may work at most 100 h = 14 shifts of 7 h. A level of E
    # evenings a week and W weekends a month needs 4E + 2W shifts each:
    # 3 + 3 needs 18 (fails), 2 + 3 needs 14 (holds).
    staff = [{"id": f"p{i}", "name": f"P{i}", "fte": 1.0, "rules": {"max_hours": 100}}
             for i in (1, 2)]
    s = scenario(start="2027-02-01", days=28, staff=staff,
                 shifts=[{**EVENING, "days": ["weekday"]}, WEEKEND],
                 coverage=[{"shift": "A", "days": ["weekday"], "min_staff_if_open": 2,
                            "priority": "service", "open": {"count": 4, "per": "week"},
                            "label": "Kveld"},
                           {"shift": "H", "days": ["saturday", "sunday"], "min_staff_if_open": 2,
                            "priority": "service", "unit": "weekend", "open": "always",
                            "label": "Helg"}])
    result = service_ladder(s, time_limit=10)
    assert result.best is not None and result.best.level == Level(2, 3)
    assert [r.level for r in result.tried] == [Level(4, None), Level(3, None), Level(3, 3),
                                               Level(2, 3)]
    above = result.tried[-2]
    assert not above.holds and above.status == "too few hours"
    assert "needs at least 252.0 staff hours" in above.reasons[0]
    assert "allow at most 200.0 h" in above.reasons[0]
    # the level found: 8 evenings and 3 weekends (6 days) for 2 staff at 7 h = 196 h
    assert result.best.hours_needed == 196.0
    # no opened shift below its minimum at the level found
    rows = [r for r in result.best.rota.coverage if r["open"]]
    assert rows and all(r["assigned"] >= r["min"] for r in rows)


def test_a_level_the_rules_forbid_fails_with_the_missed_target():
    # enough hours, but at most every second weekend: 2 staff cannot both work 2 weekends
    # in a row, so "every weekend" fails on the solver's word; 2 weekends a month hold
    staff = [{"id": f"p{i}", "name": f"P{i}", "fte": 1.0} for i in (1, 2)]
    s = scenario(start="2027-02-01", days=28, staff=staff, shifts=[WEEKEND],
                 rules={"weekend_every": 2},
                 coverage=[{"shift": "H", "days": ["saturday", "sunday"], "min_staff_if_open": 2,
                            "priority": "service", "unit": "weekend", "open": "always",
                            "label": "Helg"}])
    every = try_level(s, Level(0, None), time_limit=10)
    assert not every.holds and every.status == "optimal"
    assert any(r.startswith("Helg") and "0 of 1 opened" in r for r in every.reasons)
    two = try_level(s, Level(0, 2), time_limit=10)
    assert two.holds and not judge(two.rota)
