"""Open shifts: every shift a rota leaves short, with counts and an honest reason."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest
from builders import EVENING, QUIET_RULES_TOML, rota_of, scenario

from coverage.open_shifts import open_shifts, summary
from roster.planner import PlanOptions, plan
from roster.rota import Assignment
from roster.rota_build import build_rota
from roster.scenario_load import load_scenario

ALL = ["weekday", "saturday", "sunday"]
MON, TUE = dt.date(2027, 1, 4), dt.date(2027, 1, 5)


def nurse_case():
    """Monday and Tuesday 4-5 January 2027: D needs 2 with a nurse. n1 and n2 are nurses,
    n1 is away on Tuesday, n2 may work at most 7.5 h (one shift); p3 and p4 have no skill."""
    staff = [{"id": "n1", "name": "Nina", "fte": 1.0, "skills": ["nurse"]},
             {"id": "n2", "name": "Nils", "fte": 1.0, "skills": ["nurse"], "rules": {"max_hours": 7.5}},
             {"id": "p3", "name": "Per", "fte": 1.0}, {"id": "p4", "name": "Pia", "fte": 1.0}]
    return scenario(staff=staff, days=2,
                    coverage=[{"shift": "D", "days": ALL, "min_staff_if_open": 2, "max_staff": 2,
                               "skills": {"nurse": 1}}],
                    absences=[{"staff": "n1", "start": TUE, "kind": "sick"}])


def test_a_short_shift_with_its_counts_and_reason():
    s = nurse_case()
    rota = build_rota(s, rota_of(s, [("n1", "2027-01-04", "D"), ("n2", "2027-01-04", "D"),
                                     ("p3", "2027-01-05", "D")]), status="feasible")
    items = open_shifts(s, rota)
    assert len(items) == 1
    o = items[0]
    assert (o.date, o.shift, o.kind, o.assigned, o.minimum, o.missing) == (TUE, "D", "below_minimum", 1, 2, 1)
    assert (o.start, o.end, o.hours, o.skills_missing) == ("08:00", "16:00", 7.5, {"nurse": 1})
    # Pia could come, but she is no nurse; of the two nurses one is away (no kind shown),
    # the other has worked her 7.5 h
    assert o.could_take == ("p4",)
    assert o.reason == ("1 of 2, 1 with skill 'nurse' missing: 1 of the 3 other staff could take it "
                        "without breaking a rule or going above their hours (Pia): ask them before "
                        "booking a vikar; the others: 1 away, 1 at the top of their contract hours; "
                        "none of the 2 with skill 'nurse' can take it (1 away, 1 at the top of their "
                        "contract hours)")
    assert "sick" not in o.reason and "syk" not in o.reason_nb
    assert o.reason_nb.startswith("1 av 2, mangler 1 med kompetanse «nurse»: 1 av de 3 andre ansatte")
    assert summary(items) == "1 shift(s) short of staff (1 people, 7.5 h)"


def test_opened_alone_and_closed_below_target():
    # evenings: 2 staff if opened, 2 evenings in the week (4-10 January). Monday is opened
    # with one person (never alone: fill it or close it); no other evening is opened, so
    # the week is 0 of 2 and every closed evening is listed with its whole minimum.
    s = scenario(staff=3, shifts=[EVENING],
                 coverage=[{"shift": "A", "days": ["weekday"], "min_staff_if_open": 2,
                            "priority": "service", "open": {"count": 2, "per": "week"},
                            "label": "Kveld"}])
    items = open_shifts(s, rota_of(s, [("p1", "2027-01-04", "A")]))
    kinds = [(o.date.day, o.kind, o.missing) for o in items]
    assert kinds == [(4, "alone", 1), (5, "closed", 2), (6, "closed", 2), (7, "closed", 2),
                     (8, "closed", 2)]
    # any 2 of the closed evenings reach the target: said, and counted once for the week
    assert items[1].reason.startswith("closed: Kveld week 1 has 0 of 2 opened (any 2 of its closed "
                                      "days reach the target): 3 of the 3 staff")
    assert items[1].reason_nb.startswith("stengt: Kveld uke 1 har 0 av 2 åpnet (2 av de stengte dagene "
                                         "holder for å nå målet)")
    assert {(o.target_group, o.target_needed) for o in items[1:]} == {("Kveld week 1", 2)}
    from roster.ui.views import open_counts

    assert open_counts(items)["closed"] == 2  # not the 4 evenings listed
    assert summary(items).endswith("; 2 more service opening(s) to reach the targets (2 shift(s); "
                                   "4 closed shift(s) to choose from)")
    assert [o.kind for o in open_shifts(s, rota_of(s, [("p1", "2027-01-04", "A")]), closed=False)] == [
        "alone"]


def test_july_vacations_list_every_closed_evening(data_dir):
    # 5 to 30 July four of the eight are away: a weekday cannot hold 2 on the day shift and
    # 3 on an evening (coverage.capacity proves it), so all 20 weekday evenings of weeks
    # 27-30 stay closed, each needing its 3 staff, as the rota's own coverage rows show
    s = load_scenario(data_dir / "fredrikstad-mat-juli.toml")
    rota = plan(s, PlanOptions(time_limit=10, skip_rules=("fairness", "wishes", "tidiness")))
    items = open_shifts(s, rota)
    evenings = [o for o in items if o.shift == "A" and dt.date(2027, 7, 5) <= o.date <= dt.date(2027, 7, 30)]
    assert len(evenings) == 20 and all(o.kind == "closed" and o.missing == 3 for o in evenings)
    closed_rows = {(r["date"], r["shift"]) for r in rota.coverage if r["priority"] == "service"
                   and not r["open"]}
    assert {(o.date.isoformat(), o.shift) for o in items if o.kind == "closed"} <= closed_rows
    assert evenings[0].reason.startswith("closed: Kveld week 27 has 0 of 4 opened")
    assert not [o for o in items if o.kind in ("below_minimum", "alone")]
    # with the causes, each closed evening is told the bound about its own week (week 28's
    # evenings were all told week 27's), and no other shift is told an evening's bound
    from coverage.causes import explain

    explain(s, rota, seconds=4)
    told = [(dt.date.fromisoformat(r["date"]), r["shift"], r["reason"]) for r in rota.coverage
            if r.get("reason")]
    weeks = {(d.isocalendar()[1], why) for d, code, why in told if code == "A" and "Kveld week" in why}
    assert weeks and all(f"Kveld week {week}:" in why for week, why in weeks)
    assert not [why for _, code, why in told if code != "A" and "Kveld week" in why]


def test_christmas_no_short_shift_someone_could_have_taken(data_dir):
    # the 24/7 unit in December is short of hours (the ladder proves it); every base shift
    # below its minimum in the rota's coverage rows is listed with the right count, and
    # for none of them could anyone of the staff have come (the ranking leaves no night
    # empty: tests/test_shortfall_ranking.py)
    s = load_scenario(data_dir / "bofellesskap-jul.toml")
    rota = plan(s, PlanOptions(time_limit=10, skip_rules=("fairness", "wishes", "stability", "tidiness")))
    items = {(o.date.isoformat(), o.shift): o for o in open_shifts(s, rota)}
    short = {(r["date"], r["shift"]): r for r in rota.coverage if r["assigned"] < r["min"]}
    assert short and set(short) <= set(items)
    for key, row in short.items():
        assert items[key].missing >= row["min"] - row["assigned"]
        assert items[key].could_take == (), items[key].reason
        assert f"{row['assigned']} of {row['min']}" in items[key].reason
        assert "none of the" in items[key].reason


PIA_SICK_TUESDAY = {"staff": "p4", "start": "2027-01-05", "end": "2027-01-05", "kind": "sick",
                    "percent": 100}


def nurse_files(tmp_path, *extra, recorded: tuple[dict, ...] = ()):
    """The nurse case as a scenario file and a rota.json: Nina and Nils on Monday, Per on
    Tuesday (and the ``extra`` assignments); ``recorded``: absences the rota.json records
    that the scenario file does not have (as a re-plan writes them)."""
    s = nurse_case()
    toml = tmp_path / "nurse.toml"
    toml.write_text(NURSE_TOML, encoding="utf-8")
    rota = build_rota(s, rota_of(s, [("n1", "2027-01-04", "D"), ("n2", "2027-01-04", "D"),
                                     ("p3", "2027-01-05", "D"), *extra]), status="feasible")
    rota.absences.extend(recorded)
    rota_path = tmp_path / "rota.json"
    rota.save(rota_path)
    return toml, rota_path


def test_open_shifts_command_writes_csv_in_norwegian(tmp_path, capsys):
    from roster.cli.main import main

    toml, rota_path = nurse_files(tmp_path)
    out = tmp_path / "ledige.csv"
    assert main(["open-shifts", str(toml), str(rota_path), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "Ledige vakter: 1 vakter mangler folk" in text and "1 mangler (nurse 1)" in text
    with out.open(encoding="utf-8") as f:
        table = list(csv.reader(f))
    assert table[0][:4] == ["dato", "dag", "vakt", "vaktnavn"]
    assert table[1][:3] == ["2027-01-05", "tir 5. jan", "D"] and table[1][11] == "1"
    assert len(table) == 2
    assert main(["open-shifts", str(toml), str(rota_path), "--out", str(rota_path)]) == 1
    assert main(["open-shifts", str(toml), str(rota_path), "--json", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["missing"] == 1 and data[0]["could_take"] == ["p4"]


def test_absences_a_replanned_rota_records_count_without_the_scenario_file(tmp_path, capsys):
    # a re-plan writes the absences it was planned for into rota.json, not into the
    # scenario file: listing that rota's open shifts against the scenario file must not
    # offer the shift to someone the re-plan took off sick (Pia, here), and checking it
    # must flag her if she is put back on a day she is away
    from roster.cli.main import main

    toml, rota_path = nurse_files(tmp_path, recorded=(PIA_SICK_TUESDAY,))
    assert main(["open-shifts", str(toml), str(rota_path), "--json", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(o["date"], o["shift"], o["missing"]) for o in data] == [("2027-01-05", "D", 1)]
    assert data[0]["could_take"] == []  # Pia is away; without her absence she was offered
    assert main(["check", str(toml), str(rota_path)]) == 1
    assert "absence" not in capsys.readouterr().out  # nobody works a day they are away
    nurse_files(tmp_path, ("p4", "2027-01-05", "D"), recorded=(PIA_SICK_TUESDAY,))
    assert main(["check", str(toml), str(rota_path)]) == 1
    assert "Pia works on Tuesday 5 Jan 2027 but is registered absent" in capsys.readouterr().out
    # an absence of someone the scenario does not know: refused, naming the file and row
    unknown = {"staff": "zz", "start": "2027-01-05", "end": "2027-01-05"}
    nurse_files(tmp_path, recorded=(PIA_SICK_TUESDAY, unknown))
    assert main(["check", str(toml), str(rota_path)]) == 1
    err = capsys.readouterr().err
    assert "rota.json: absences[2]: 'zz' is not in the scenario's staff list" in err
    # a kind of absence the contract does not have: refused, without echoing the value
    odd = {"staff": "p4", "start": "2027-01-05", "end": "2027-01-05", "kind": "influensa"}
    nurse_files(tmp_path, recorded=(PIA_SICK_TUESDAY, odd))
    assert main(["open-shifts", str(toml), str(rota_path), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "rota.json: absences[2].kind: expected one of vacation, sick, course, leave, other" in err
    assert "influensa" not in err



def test_a_rota_naming_someone_or_a_shift_the_scenario_lacks_is_refused_by_reports(tmp_path, capsys):
    # coverage and open-shifts left such a row out without a word ("0 short"); they refuse
    # it naming the row, while `roster check` still lists it as a breach
    from roster.cli.main import main

    toml, rota_path = nurse_files(tmp_path)
    for field, value, said in (("staff", "ghost", "'ghost' is not in the scenario's staff list"),
                               ("shift", "ZZ", "shift code 'ZZ' is not defined in the scenario")):
        data = json.loads(rota_path.read_text(encoding="utf-8"))
        data["assignments"][2][field] = value
        rota_path.write_text(json.dumps(data), encoding="utf-8")
        for command in ("open-shifts", "coverage"):
            assert main([command, str(toml), str(rota_path), "--lang", "en"]) == 1
            assert f"rota.json: assignments[2]: {said}" in capsys.readouterr().err
        assert main(["check", str(toml), str(rota_path)]) == 1
        assert "reference" in capsys.readouterr().out
        nurse_files(tmp_path)  # back to the sound rota for the next field

NURSE_TOML = """
[scenario]
name = "nurse"
[period]
start = 2027-01-04
end = 2027-01-05
""" + QUIET_RULES_TOML + """[[shifts]]
code = "D"
name = "Dag"
name_en = "Day"
start = "08:00"
end = "16:00"
hours = 7.5
[[staff]]
id = "n1"
name = "Nina"
fte = 1.0
skills = ["nurse"]
[[staff]]
id = "n2"
name = "Nils"
fte = 1.0
skills = ["nurse"]
[staff.rules]
max_hours = 7.5
[[staff]]
id = "p3"
name = "Per"
fte = 1.0
[[staff]]
id = "p4"
name = "Pia"
fte = 1.0
[[coverage]]
shift = "D"
days = ["weekday", "saturday", "sunday"]
min_staff_if_open = 2
max_staff = 2
skills = { nurse = 1 }
[[absences]]
staff = "n1"
start = 2027-01-05
kind = "sick"
"""


# --- the names hold together --------------------------------------------------------------
def short_weekend(spares: int):
    """Week of 4 January; D needs 2 every day; at most 5 days in a row and 40 h in 7 days.
    p1 and p2 work Monday to Friday, the ``spares`` (p5, p6) Tuesday to Friday, p3 the
    weekend; p4 is away that weekend: Saturday and Sunday are each one short. Returns the
    scenario and the rota."""
    staff = [{"id": f"p{i}", "name": name} for i, name in
             enumerate(["Kari", "Ola", "Per", "Pia", "Siri", "Tor"][:4 + spares], start=1)]
    s = scenario(staff=staff, days=7, coverage=[{"shift": "D", "days": ALL, "min_staff_if_open": 2}],
                 rules={"max_consecutive_days": 5, "max_hours_per_7_days": 40},
                 absences=[{"staff": "p4", "start": dt.date(2027, 1, 9), "end": dt.date(2027, 1, 10),
                            "kind": "sick"}])
    days = [(MON + dt.timedelta(days=i)).isoformat() for i in range(7)]
    rows = ([(p, d, "D") for p in ("p1", "p2") for d in days[:5]] + [("p3", d, "D") for d in days[5:]]
            + [(f"p{5 + i}", d, "D") for i in range(spares) for d in days[1:5]])
    return s, build_rota(s, rota_of(s, rows), status="feasible")


@pytest.mark.parametrize("spares", [1, 2])
def test_everyone_named_can_take_every_shift_they_are_named_for(spares):
    # Kari and Ola cannot take Saturday (6 days in a row) or Sunday (45 h in 7 days); each
    # spare can take Saturday or Sunday, not both. Each was named for both days, and if
    # they took both they broke two rules. Now Saturday's names count when Sunday is
    # judged: Sunday names nobody and says who is named for another shift
    from roster.check import check_rota

    s, rota = short_weekend(spares)
    items = open_shifts(s, rota)
    assert [(o.date.day, o.kind, o.missing) for o in items] == [(9, "below_minimum", 1),
                                                                  (10, "below_minimum", 1)]
    booked = [*rota.assignments, *(Assignment(date=o.date, staff=sid, shift=o.shift)
                                   for o in items for sid in o.could_take)]
    assert [(b.rule, b.staff) for b in check_rota(s, booked) if b.is_error and b.rule != "coverage"] == []
    sat, sun = items
    spare = ("p5", "p6")[:spares]
    assert sat.could_take == spare and sun.could_take == ()
    assert sun.why == {"absent": 1, "rules": 2, "named": spares}
    names = ("Siri", "Siri, Tor")[spares - 1]
    assert sun.reason == (f"1 of 2: none of the {3 + spares} other staff can take it (1 away, 2 would "
                          f"break a rest or working-time rule, {spares} already named for another short "
                          f"shift they could not also take ({names}))")
    assert "allerede nevnt for en annen ledig vakt de ikke kan ta i tillegg" in sun.reason_nb
    # each alone keeps every rule: any spare could take Sunday on the rota as it is
    for sid in spare:
        sunday = [*rota.assignments, Assignment(date=sun.date, staff=sid, shift="D")]
        assert [b for b in check_rota(s, sunday) if b.is_error and b.rule != "coverage"] == []


def test_a_closed_weekend_names_each_person_for_one_of_its_days():
    # a weekend evening unit (service, 1 person, one weekend a week) left closed: opening it
    # books its Saturday and its Sunday. Kari is away that weekend; Siri has worked Tuesday
    # to Friday, so she can take Saturday or Sunday, not both (6 days in a row). A closed
    # unit's names bind the other days of the unit (the days it is opened together)
    s = scenario(staff=[{"id": "p1", "name": "Kari"}, {"id": "p2", "name": "Siri"}],
                 days=7, shifts=[EVENING],
                 coverage=[{"shift": "A", "days": ["saturday", "sunday"], "min_staff_if_open": 1,
                            "priority": "service", "unit": "weekend", "open": {"count": 1, "per": "week"},
                            "label": "Helg"}],
                 rules={"max_consecutive_days": 5},
                 absences=[{"staff": "p1", "start": dt.date(2027, 1, 9), "end": dt.date(2027, 1, 10),
                            "kind": "vacation"}])
    items = open_shifts(s, rota_of(s, [("p2", f"2027-01-0{d}", "A") for d in range(5, 9)]))
    assert [(o.date.day, o.kind, o.could_take) for o in items] == [(9, "closed", ("p2",)), (10, "closed", ())]
    assert items[1].why == {"absent": 1, "named": 1}
    assert items[1].reason.endswith("none of the 2 staff can take it (1 away, 1 already named for "
                                    "another short shift they could not also take (Siri))")
