from builders import scenario, solve


def test_one_day_shift_is_staffed_to_its_minimum():
    s = scenario(staff=3, coverage=[{"shift": "D", "days": ["weekday"], "min_staff_if_open": 2,
                                     "max_staff": 2}])
    rota = solve(s)
    assert rota.status == "optimal"
    per_day = {}
    for a in rota.assignments:
        per_day[a.date] = per_day.get(a.date, 0) + 1
    assert sorted(per_day.values()) == [2] * 5
    assert rota.errors() == []
