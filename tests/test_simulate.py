"""Absence simulation: reproducible, rises with the rate, and matches hand probabilities."""

from __future__ import annotations

import json

import numpy as np
import pytest
from builders import rota_of, scenario

from coverage.simulate import AbsenceParams, draw_absence, simulate, spell_lengths
from roster.rota_build import build_rota

ALL = ["weekday", "saturday", "sunday"]


def case():
    """4 staff, one week; D (base) needs 2 every day. p1+p2 on every day without margin,
    and Monday also has p3 (one above the minimum)."""
    s = scenario(staff=4, days=7, coverage=[{"shift": "D", "days": ALL, "min_staff_if_open": 2}])
    rows = []
    for i in range(4, 11):
        d = f"2027-01-{i:02d}"
        rows += [("p1", d, "D"), ("p2", d, "D")]
    rows.append(("p3", "2027-01-04", "D"))
    return s, build_rota(s, rota_of(s, rows), status="feasible")


def test_same_seed_same_numbers():
    s, rota = case()
    a = simulate(s, rota, absence_rate=0.1, runs=500, seed=7)
    b = simulate(s, rota, absence_rate=0.1, runs=500, seed=7)
    assert np.array_equal(a.uncovered, b.uncovered)
    assert a.vikar_hours_mean == b.vikar_hours_mean and a.p_keep_min == b.p_keep_min
    c = simulate(s, rota, absence_rate=0.1, runs=500, seed=8)
    assert not np.array_equal(a.uncovered, c.uncovered)


def test_shortfall_rises_with_the_absence_rate():
    s, rota = case()
    means = [simulate(s, rota, absence_rate=r, runs=1000, seed=1).uncovered.mean()
             for r in (0.0, 0.05, 0.1, 0.2)]
    assert means[0] == 0
    assert means[0] < means[1] < means[2] < means[3]
    zero = simulate(s, rota, absence_rate=0.0, runs=10)
    assert zero.vikar_hours_mean == 0 and zero.vikar_cost_mean == 0


def test_keep_minimum_probability_matches_hand_calculation():
    s, rota = case()
    r = 0.2
    res = simulate(s, rota, absence_rate=r, runs=20000, seed=3)
    import datetime as dt

    tue = res.p_keep_min[(dt.date(2027, 1, 5), "D")]
    mon = res.p_keep_min[(dt.date(2027, 1, 4), "D")]
    # two staff, both must come: (1-r)^2; three staff, at most one may be off
    assert tue == pytest.approx((1 - r) ** 2, abs=0.015)
    assert mon == pytest.approx((1 - r) ** 3 + 3 * r * (1 - r) ** 2, abs=0.015)
    # vikar hours: 7.5 h per missing person on a slot that falls short
    assert res.vikar_hours_mean == pytest.approx(7.5 * (6 * 2 * r + 3 * r * r * 1), rel=0.05)
    assert res.to_json()["runs"] == 20000


def test_drawn_share_is_the_rate_and_short_spells_carry_their_share():
    rng = np.random.default_rng(11)
    absent = draw_absence(0.1, 40000, 1, 120, AbsenceParams(), rng)
    assert absent.mean() == pytest.approx(0.1, abs=0.006)
    # the mix: short spells carry `short_share` of the lost days, and last 1-3 days
    pmf = spell_lengths(AbsenceParams(short_share=0.3))
    days = np.arange(len(pmf))
    assert (pmf[1:4] * days[1:4]).sum() / (pmf * days).sum() == pytest.approx(0.3)
    assert spell_lengths(AbsenceParams(short_share=1.0))[4:].sum() == pytest.approx(0.0)
    with pytest.raises(ValueError):
        AbsenceParams(short_share=1.5).validate()


def test_simulate_command_is_reproducible_and_checks_the_rate(tmp_path, capsys):
    from roster.cli.main import main

    toml = tmp_path / "tiny.toml"
    toml.write_text("""
[scenario]
name = "tiny"
[period]
start = 2027-01-04
end = 2027-01-10
[calendar]
country = ""
[rules]
hours_tolerance = 1000.0
weekend_every = 0
[[shifts]]
code = "D"
name = "Dag"
start = "08:00"
end = "16:00"
hours = 7.5
[[staff]]
id = "p1"
name = "Kari"
fte = 1.0
[[staff]]
id = "p2"
name = "Ola"
fte = 1.0
[[staff]]
id = "p3"
name = "Per"
fte = 1.0
[[coverage]]
shift = "D"
days = ["weekday"]
min_staff_if_open = 2
max_staff = 2
""", encoding="utf-8")
    assert main(["solve", str(toml), "--out", str(tmp_path), "--time-limit", "20"]) == 0
    rota = str(tmp_path / "rota.json")
    capsys.readouterr()
    outs = []
    for _ in range(2):
        assert main(["simulate", str(toml), rota, "--runs", "300", "--seed", "5", "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        data.pop("seconds")
        outs.append(data)
    assert outs[0] == outs[1] and outs[0]["uncovered"]["mean"] > 0
    assert main(["simulate", str(toml), rota, "--absence-rate", "1.5"]) == 3  # usage error
