"""Service-level ladder: the documented rungs, and the right rung on a case solved by hand."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from builders import EVENING, QUIET_RULES, scenario

from coverage.capacity import capacities, prove_impossible
from coverage.ladder import (
    Level,
    apply_level,
    format_ladder,
    hours_available,
    judge,
    ladder_levels,
    service_ladder,
    try_level,
)
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
    # February 2027 has no holidays here: a full post is 35.5 h x 4 weeks = 142 h, so
    # 52 h short is 52 / 142 = 0.37 årsverk
    assert above.proven_impossible and [p.kind for p in above.proof] == ["hours"]
    assert above.reasons[0].startswith("needs at least 252 staff hours")
    assert "the contracts allow at most 200 h" in above.reasons[0]
    assert above.reasons[0].endswith("52 h short, about 0.37 årsverk this month")
    assert above.reasons_nb[0].endswith("52 t for lite, om lag 0,37 årsverk denne måneden")
    # the level found: 8 evenings and 3 weekends (6 days) for 2 staff at 7 h = 196 h
    assert result.best.hours_needed == 196.0
    # no opened shift below its minimum at the level found
    rows = [r for r in result.best.rota.coverage if r["open"]]
    assert rows and all(r["assigned"] >= r["min"] for r in rows)


def test_a_holiday_that_cannot_be_staffed_does_not_make_the_month_base_only():
    # the month above with a holiday service on Wednesday 10 February that needs 3 staff (of
    # 2): it cannot be opened on any rung. The evenings and weekends can still be held at
    # 2 + 3, so that is the best level, with the holiday reported as not opened
    staff = [{"id": f"p{i}", "name": f"P{i}", "fte": 1.0, "rules": {"max_hours": 100}}
             for i in (1, 2)]
    feast = {"code": "F", "name": "Fest", "name_en": "Feast", "start": "10:00", "end": "14:00",
             "hours": 4.0, "days": []}
    s = scenario(start="2027-02-01", days=28, staff=staff,
                 shifts=[{**EVENING, "days": ["weekday"]}, WEEKEND, feast],
                 coverage=[{"shift": "A", "days": ["weekday"], "min_staff_if_open": 2,
                            "priority": "service", "open": {"count": 4, "per": "week"},
                            "label": "Kveld"},
                           {"shift": "H", "days": ["saturday", "sunday"], "min_staff_if_open": 2,
                            "priority": "service", "unit": "weekend", "open": "always",
                            "label": "Helg"},
                           {"shift": "F", "dates": ["2027-02-10"], "min_staff_if_open": 3,
                            "priority": "service", "open": "always", "label": "Høytid"}])
    result = service_ladder(s, time_limit=10)
    assert result.best is not None and result.best.level == Level(2, 3)
    assert result.best.holidays == (0, 1)
    text = format_ladder(result)
    assert "Best level: 2 evening(s)/week + 3 weekend(s)/month" in text
    assert "holiday service: 0 of 1 opened" in text
    assert "høytidstjeneste: 0 av 1 åpnet" in format_ladder(result, lang="nb")
    assert json.loads(json.dumps(result.to_json()))["tried"][-1]["holidays_opened"] == 0


def test_weekend_frequency_proves_a_level_impossible_without_solving():
    # enough hours, but at most every second weekend: 4 weekends x 2 staff need 8
    # person-weekends, and each of the 2 can work 2 of the 4 (4 in all); any 2 weekends in
    # a row need 4 different people. Proven by the bound; 2 weekends a month hold
    staff = [{"id": f"p{i}", "name": f"P{i}", "fte": 1.0} for i in (1, 2)]
    s = scenario(start="2027-02-01", days=28, staff=staff, shifts=[WEEKEND],
                 rules={"weekend_every": 2},
                 coverage=[{"shift": "H", "days": ["saturday", "sunday"], "min_staff_if_open": 2,
                            "priority": "service", "unit": "weekend", "open": "always",
                            "label": "Helg"}])
    every = try_level(s, Level(0, None), time_limit=10)
    assert not every.holds and every.status == "too few weekend staff" and every.rota is None
    totals = [p for p in every.proof if p.kind == "weekends"]
    assert len(totals) == 1 and (totals[0].needed, totals[0].available) == (8, 4)
    assert "needs at least 8 person-weekends" in totals[0].detail and totals[0].detail.endswith("4 short")
    runs = [p for p in every.proof if p.kind == "weekend_run"]
    assert len(runs) == 3 and all((p.needed, p.available) == (4, 2) for p in runs)
    two = try_level(s, Level(0, 2), time_limit=10)
    assert two.holds and not judge(two.rota)


# --- capacity: absent days give nothing ------------------------------------------------
def test_absent_days_give_no_capacity():
    # one week from Monday 4 January 2027, D 7.5 h every day, 35.5 h weeks, band +-4 h.
    # p1 is there all week: band top 35.5 + 4 = 39.5 h (below 7 x 7.5 = 52.5 h of shifts).
    # p2 is away all week: nothing (the band alone would still give the 4 h tolerance).
    # p3 is away Monday-Wednesday: 35.5 x 4/7 = 20.29 h (1 217 whole minutes) + 4 h.
    # (In minutes, as the planner counts them.)
    s = scenario(staff=3, rules={"hours_tolerance": 4},
                 coverage=[{"shift": "D", "days": ["weekday", "saturday", "sunday"], "min_staff_if_open": 1}],
                 absences=[{"staff": "p2", "start": dt.date(2027, 1, 4), "end": dt.date(2027, 1, 10)},
                           {"staff": "p3", "start": dt.date(2027, 1, 4), "end": dt.date(2027, 1, 6)}])
    assert capacities(s) == {"p1": 39.5 * 60, "p2": 0, "p3": 1217 + 240}
    assert hours_available(s) == (2370 + 1457) / 60


def test_days_in_a_row_limit_the_capacity():
    # 14 days of 7.5 h, at most 3 days in a row: 11 days can be worked (3+1 off, three
    # times, then 2), 82.5 h, below the band's 71 + 1000 h
    s = scenario(staff=1, days=14, rules={"max_consecutive_days": 3},
                 coverage=[{"shift": "D", "days": ["weekday", "saturday", "sunday"], "min_staff_if_open": 1}])
    assert capacities(s) == {"p1": 11 * 450}


def test_fredrikstad_sick_three_evenings_and_three_weekends_proven_impossible(data_dir):
    # January 2027, s02 and s03 away all month. The rung needs 706.5 h: day shift 2 x 7.5 h
    # on 20 weekdays (1 January is a holiday) = 300, 3 evenings x 4 weeks x 3 x 7 h = 252,
    # 3 weekends x 2 days x 3 x 7.5 h = 135, the holiday shift on 1 January 3 x 6.5 = 19.5.
    # The six left can give 699.5 h: a full post is 35.5 x 31/7 - 7.1 (1 January) = 150.1 h,
    # so 2 x 154.1 (1.0) + 124.1 (0.8) + 109.1 (0.7) + 2 x 79.1 (0.5). The two away used to
    # count 4 h each (707.5 h, "not proven impossible").
    s = apply_level(load_scenario(data_dir / "fredrikstad-mat-sick.toml"), Level(3, 3))
    proof = prove_impossible(s)
    assert [p.kind for p in proof] == ["hours"]
    assert proof[0].needed == 706.5 and proof[0].available == pytest.approx(699.5, abs=0.05)
    assert "needs at least 707 staff hours" in proof[0].detail
    assert "the contracts allow at most 700 h" in proof[0].detail
    assert proof[0].detail.endswith("7 h short, about 0.05 årsverk this month")


def test_bofellesskap_christmas_base_coverage_proven_impossible(data_dir):
    # December 2027: 31 days x (3 x 7.5 + 3 x 7 + 9.5) = 1 643 h, a nurse on each shift:
    # 31 x 24 = 744 h. 33.6 h weeks, no weekday holiday: a full post is 148.8 h. Capacity
    # (band top, days away give nothing): four full posts 4 x 152.8, e02 away 19 days
    # 4.8 x 12 + 4 = 61.6, e04, e05, e10 (80 %) 3 x 123.04, e06 away 12 days 95.2, e09 away
    # 5 days 103.84, e11 (60 %) 93.28, e12 (50 %) 78.4: 1 412.64 h. Nurses e01-e05: 613.28 h.
    # Weekends: 4 x 7 = 28 person-weekends; at most every 2nd weekend each person works 2 of
    # the 4, e02 only the last one: 11 x 2 + 1 = 23.
    s = load_scenario(data_dir / "bofellesskap-jul.toml")
    result = service_ladder(s, time_limit=5)
    assert result.levels == [Level(0, 0)] and result.best is None
    rung = result.tried[0]
    assert rung.rota is None and rung.status == "too few hours"
    got = {(p.kind, p.subject): p for p in rung.proof}
    hours, nurse, weekends = got[("hours", "")], got[("skill", "nurse")], got[("weekends", "")]
    assert hours.needed == 1643.0 and hours.available == pytest.approx(1412.64, abs=0.05)
    assert hours.detail.endswith("1 413 h (absent days give none): 230 h short, about 1.5 årsverk "
                                 "this month")
    assert nurse.needed == 744.0 and nurse.available == pytest.approx(613.28, abs=0.05)
    assert "131 h short, about 0.88 årsverk" in nurse.detail
    assert (weekends.needed, weekends.available) == (28, 23)
    text = format_ladder(result, lang="nb")
    assert "trenger minst 1 643 timer" in text and "230 t for lite, om lag 1,5 årsverk denne måneden" in text


def test_july_vacations_leave_no_day_for_an_evening(data_dir):
    # 5 to 30 July: four of the eight are on vacation every weekday; a day needs 2 on the
    # day shift and 3 more for an evening: 5 different people, only 4 are there
    s = load_scenario(data_dir / "fredrikstad-mat-juli.toml")
    proof = prove_impossible(apply_level(s, Level(1, 1)))
    days = [p for p in proof if p.kind == "target_days"]
    assert [p.subject for p in days] == ["Kveld week 27", "Kveld week 28", "Kveld week 29",
                                         "Kveld week 30"]
    assert all((p.needed, p.available) == (1, 0) for p in days)


def test_ladder_command_in_norwegian(data_dir, capsys):
    from roster.cli.main import main

    assert main(["ladder", str(data_dir / "bofellesskap-jul.toml"), "--lang", "nb"]) == 1
    out = capsys.readouterr().out
    assert "bare grunnbemanning" in out and "holder ikke" in out and "bevist" in out
    assert "kompetanse «nurse»: trenger minst 744 t" in out


def test_ladder_command_gives_the_same_verdicts_on_a_local_cluster(tmp_path, capsys, monkeypatch):
    # the hand-solved case above as a file; --workers 1 solves in this process, --workers 2
    # on a real local Dask cluster (rungs below tried ahead on the idle worker)
    from roster.cli.main import main
    from roster.excel.toml_write import dumps
    from roster.parallel import ENV_SCHEDULER

    monkeypatch.delenv(ENV_SCHEDULER, raising=False)
    first = dt.date(2027, 2, 1)
    data = {"scenario": {"name": "two staff"}, "calendar": {"country": ""}, "rules": QUIET_RULES,
            "period": {"start": first, "end": first + dt.timedelta(days=27)},
            "shifts": [{**EVENING, "days": ["weekday"]}, WEEKEND],
            "staff": [{"id": f"p{i}", "name": f"P{i}", "fte": 1.0, "rules": {"max_hours": 100}}
                      for i in (1, 2)],
            "coverage": [{"shift": "A", "days": ["weekday"], "min_staff_if_open": 2,
                          "priority": "service", "open": {"count": 4, "per": "week"}, "label": "Kveld"},
                         {"shift": "H", "days": ["saturday", "sunday"], "min_staff_if_open": 2,
                          "priority": "service", "unit": "weekend", "open": "always", "label": "Helg"}]}
    path = tmp_path / "two.toml"
    path.write_text(dumps(data), encoding="utf-8")

    def verdicts(workers: str) -> tuple[list, str]:
        out = tmp_path / f"out{workers}"
        assert main(["ladder", str(path), "--json", "--time-limit", "10", "--workers", workers,
                     "--out", str(out)]) == 0
        captured = capsys.readouterr()
        tried = json.loads(captured.out)["tried"]
        assert (out / "rota.json").exists()
        return [{k: v for k, v in r.items() if k != "seconds"} for r in tried], captured.err

    one, err_one = verdicts("1")
    two, err_two = verdicts("2")
    levels = [Level(4, None), Level(3, None), Level(3, 3), Level(2, 3)]
    assert [(r["level"], r["holds"]) for r in one] == [(lv.describe(), lv == Level(2, 3)) for lv in levels]
    assert two == one
    assert "Solving on: " not in err_one and "local Dask cluster, 2 worker processes" in err_two
