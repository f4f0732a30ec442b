"""Roll-out: a grunnturnus over real months keeps the month-boundary rules, is an ordinary
rota that roster check takes, lists public holidays, and assigns lines to people."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections import defaultdict
from dataclasses import replace

import pytest

from roster.check import check_rota
from roster.cli.main import main
from roster.errors import UserError
from roster.grunnturnus import Line, grunnturnus_of
from roster.rollout import holdings, parse_assign, roll_out
from roster.rota import Rota
from tests.grunnturnus_case import SCENARIO_TOML, START, WEEKS, planned, scenario

TIMES = {"D": (7 * 60 + 30, 15 * 60 + 30), "A": (15 * 60, 22 * 60 + 30)}


def _data() -> dict:
    return tomllib.loads(SCENARIO_TOML)


def test_month_boundary_keeps_rest_and_days_in_a_row() -> None:
    g = planned()
    r = roll_out(_data(), scenario(), g.lines, START, START, dt.date(2027, 7, 31))
    june, july = r.pieces
    assert (june.first, june.last, july.first, july.last) == (
        START, dt.date(2027, 6, 30), dt.date(2027, 7, 1), dt.date(2027, 7, 31))
    assert r.holidays == []
    for piece in r.pieces:
        assert piece.rota.status in ("optimal", "feasible"), piece.rota.errors()
        assert piece.rota.errors() == []
    # the checker on July with June as history: nothing across the boundary
    history = {(a.staff, a.date): a.shift for a in june.rota.assignments}
    assert [b for b in check_rota(july.scenario, july.rota.assignments, history) if b.is_error] == []
    # measured here as well: rest and days in a row over both months together
    by_person: dict[str, dict[dt.date, str]] = defaultdict(dict)
    for a in june.rota.assignments + july.rota.assignments:
        by_person[a.staff][a.date] = a.shift
    crossing = 0
    for days in by_person.values():
        for d, code in days.items():
            nxt = days.get(d + dt.timedelta(days=1))
            if nxt:
                assert 24 * 60 + TIMES[nxt][0] - TIMES[code][1] >= 11 * 60
        run = 0
        for k in range((dt.date(2027, 7, 31) - START).days + 1):
            run = run + 1 if START + dt.timedelta(days=k) in days else 0
            assert run <= 6
        crossing += dt.date(2027, 6, 30) in days and dt.date(2027, 7, 1) in days
    assert crossing > 0  # somebody works across the boundary, so it was tested
    # the lines as rolled: July 1st is day (July 1 - start) of the cycle
    k = (dt.date(2027, 7, 1) - START).days
    assert {(a.staff, a.shift) for a in july.rota.assignments if a.date == dt.date(2027, 7, 1)} == {
        (line.holder, line.shift_on(k)) for line in g.lines if line.shift_on(k)}


def test_rolled_month_is_an_ordinary_rota_roster_check_accepts(tmp_path, capsys) -> None:
    g = planned()
    gt = g.rota.save(tmp_path / "grunnturnus.json")
    src = tmp_path / "unit.toml"
    src.write_text(SCENARIO_TOML, encoding="utf-8")
    out = tmp_path / "rolled"
    assert main(["rollout", str(gt), "--from", "2027-07-01", "--to", "2027-08-31", "--scenario",
                 str(src), "--out", str(out), "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "2027-07: feasible" in text and "No public holidays in the period." in text
    for month in ("2027-07", "2027-08"):
        rota = Rota.load(out / month / "rota.json")
        assert rota.extra["kind"] == "rollout" and rota.status == "feasible"
    assert main(["check", str(out / "2027-08" / "scenario.toml"), str(out / "2027-08" / "rota.json"),
                 "--previous", str(out / "2027-07" / "rota.json")]) == 0
    assert "0 rule breach(es)" in capsys.readouterr().out
    # the same command again replaces its own files; a rota edited by hand is kept
    assert main(["rollout", str(gt), "--from", "2027-07-01", "--to", "2027-08-31", "--scenario",
                 str(src), "--out", str(out)]) == 0
    assert (out / "rollout.json").is_file()
    assert main(["rollout", str(gt), "--from", "2027-08-31", "--to", "2027-07-01", "--scenario",
                 str(src), "--out", str(out)]) == 1
    assert main(["rollout", str(src), "--from", "2027-07-01", "--to", "2027-07-31", "--scenario",
                 str(src), "--out", str(out)]) == 1


def _two_lines() -> list[Line]:
    """Line 1: evenings Monday-Friday; line 2: day shifts Monday-Friday (a 1-week cycle)."""
    def line(n: int, holder: str, code: str) -> Line:
        return Line(number=n, holder=holder, name=holder, fte=1.0, skills=(), role=None,
                    cannot_work=(), weeks=((code,) * 5 + (None, None),))
    return [line(1, "p1", "A"), line(2, "p2", "D")]


def test_a_change_of_line_at_the_month_boundary_is_checked() -> None:
    s = scenario()
    lines = _two_lines()
    start = dt.date(2027, 6, 28)  # Monday; June 30th is a Wednesday
    assigns = [parse_assign("L02=p1@2027-07-01")]
    r = roll_out(_data(), s, lines, start, start, dt.date(2027, 7, 31), assigns=assigns)
    hold = {(h.line, h.staff): (h.start, h.end) for h in r.holdings}
    assert hold[(1, "p1")][1] == dt.date(2027, 6, 30)  # p1 leaves line 1 ...
    assert hold[(2, "p1")][0] == dt.date(2027, 7, 1)  # ... for line 2
    assert hold[(2, "p2")][1] == dt.date(2027, 6, 30)
    _june, july = r.pieces
    # evening on Wednesday 30 June (line 1), day shift on Thursday 1 July (line 2): 9 h rest,
    # found only with June as July's history
    rest = [v for v in july.rota.violations if v["rule"] == "rest"]
    assert [(v["staff"], v["date"]) for v in rest] == [("p1", "2027-07-01")]
    assert july.rota.status == "infeasible"
    vacant = [d for d in july.dropped if d.reason == "vacant"]
    assert vacant and {d.line for d in vacant} == {1}
    assert min(d.date for d in vacant) == dt.date(2027, 7, 1)


def test_public_holidays_are_listed_and_holiday_coverage_caps_the_shift() -> None:
    g = planned()
    r = roll_out(_data(), scenario(), g.lines, START, dt.date(2027, 5, 1), dt.date(2027, 5, 31))
    (may,) = r.pieces
    names = {h["date"]: h["name"] for h in r.holidays}
    assert set(names) == {"2027-05-01", "2027-05-06", "2027-05-16", "2027-05-17"}
    assert "Kristi himmelfartsdag" in names["2027-05-06"]
    # Thursday 6 May: the lines give the weekday's 2-3 day shifts, the holiday's coverage allows 1
    ascension = dt.date(2027, 5, 6)
    k = (ascension - START).days
    in_lines = sum(1 for line in g.lines if line.shift_on(k) == "D")
    on_day = [a for a in may.rota.assignments if a.date == ascension and a.shift == "D"]
    assert in_lines >= 2 and len(on_day) == 1
    capped = [d for d in may.dropped if d.date == ascension]
    assert len(capped) == in_lines - 1 and {d.reason for d in capped} == {"above_max"}
    assert [v for v in may.rota.violations if v["rule"] == "max_staff"] == []
    assert "rollout" in may.rota.extra and may.rota.extra["rollout"]["holidays"]
    assert r.warnings and "before the grunnturnus starts" in r.warnings[-1]


def test_assignments_of_lines_are_checked() -> None:
    s = scenario()
    lines = _two_lines()
    assert parse_assign("L03=b07@2028-03-01") == (3, "b07", dt.date(2028, 3, 1))
    assert parse_assign("2=p1") == (2, "p1", None)
    for bad in ("L3", "L3=p1@soon", "x=p1"):
        with pytest.raises(UserError):
            parse_assign(bad)
    with pytest.raises(UserError, match="not in the scenario"):
        holdings(lines, s, [(1, "zz", None)])
    with pytest.raises(UserError, match="lines L01 to L02"):
        holdings(lines, s, [(3, "p1", None)])
    with pytest.raises(UserError, match="at once"):
        holdings(lines, s, [(1, "p3", None), (2, "p3", dt.date(2027, 7, 1))])
    # default: line i by the i-th staff member
    assert [(h.line, h.staff) for h in holdings(lines, s)] == [(1, "p1"), (2, "p2")]


def test_a_hand_made_grunnturnus_is_judged_like_a_planned_one() -> None:
    judged = grunnturnus_of(scenario(), 1, dt.date(2027, 6, 28), _two_lines())
    assert judged.status == "infeasible"  # coverage and hours: two lines cannot run the unit
    assert judged.rota.extra["kind"] == "grunnturnus" and judged.rota.extra["weeks"] == 1
    assert WEEKS == 6


def test_a_previous_rota_that_does_not_end_the_day_before_is_named() -> None:
    """--previous of another period (or another unit) gave an empty history in silence."""
    g = planned()
    june = roll_out(_data(), scenario(), g.lines, START, START, dt.date(2027, 6, 30)).pieces[0].rota
    fits = roll_out(_data(), scenario(), g.lines, START, dt.date(2027, 7, 1), dt.date(2027, 7, 31),
                    previous=june)
    assert not [w for w in fits.warnings if "--previous" in w]
    gap = roll_out(_data(), scenario(), g.lines, START, dt.date(2027, 8, 1), dt.date(2027, 8, 31),
                   previous=june)
    assert any(w.startswith("--previous covers 2027-06-07..2027-06-30, not the day before 2027-08-01")
               for w in gap.warnings), gap.warnings
    other = Rota(scenario="x", start=june.start, end=june.end, status="feasible",
                 assignments=[replace(a, staff="zz") for a in june.assignments])
    alien = roll_out(_data(), scenario(), g.lines, START, dt.date(2027, 7, 1), dt.date(2027, 7, 31),
                     previous=other)
    assert any("none of the scenario's people" in w for w in alien.warnings)


def test_weekend_breach_of_a_rolled_month_names_its_dates_in_bokmal() -> None:
    """The weekend-frequency breach (a line change makes one) gave its dates with English
    month names in bokmål ("jobber helgene 05 Jun, 12 Jun")."""
    from roster.rota import Assignment

    s = scenario()  # weekend every 2nd; June 2027
    work = [Assignment(date=dt.date(2027, 6, d), staff="p1", shift="D") for d in (5, 12)]
    (b,) = [b for b in check_rota(s, work) if b.rule == "weekend"]
    assert "5. jun, 12. jun" in b.detail("nb"), b.detail("nb")
    assert "05 Jun, 12 Jun" in b.detail("en")
