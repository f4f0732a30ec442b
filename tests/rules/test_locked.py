"""locked: pinned shifts and days off are kept; a lock that cannot be kept is reported."""

from builders import scenario, solve
from verifier import allowed, breaches

from roster.planner import build_model
from roster.rules.catalogue import unit

ID = "locked"
WEEKDAYS_D = [{"shift": "D", "days": ["weekday"], "min_staff_if_open": 1}]
LOCKS = [{"staff": "p1", "date": "2027-01-05", "shift": "D"},
         {"staff": "p1", "date": "2027-01-06", "shift": "off"}]


def test_the_model_keeps_a_locked_shift_and_a_locked_day_off():
    s = scenario(staff=2, coverage=WEEKDAYS_D, locked=LOCKS)
    assert allowed(s, ID, [("p1", "2027-01-05", "D")])
    assert not allowed(s, ID, [("p2", "2027-01-05", "D")])  # p1's locked shift missing
    assert not allowed(s, ID, [("p1", "2027-01-05", "D"), ("p1", "2027-01-06", "D")])


def test_the_check_reports_each_lock_not_kept():
    s = scenario(staff=2, coverage=WEEKDAYS_D, locked=LOCKS)
    found = breaches(s, ID, [("p1", "2027-01-06", "D")])
    assert [b.date.isoformat() for b in found] == ["2027-01-05", "2027-01-06"]
    assert found[0].en == "p1 is locked to D on Tuesday 5 Jan 2027 but has a day off"
    assert found[1].nb == "p1 er låst til fri onsdag 6. jan 2027, men har D"
    assert breaches(s, ID, [("p1", "2027-01-05", "D")]) == []


def test_a_lock_the_person_cannot_take_is_a_note_not_an_impossible_model():
    s = scenario(staff=1, coverage=WEEKDAYS_D, locked=LOCKS[:1],
                 absences=[{"staff": "p1", "start": "2027-01-05", "end": "2027-01-05"}])
    m = build_model(s, rules=[unit("absence"), unit(ID)])
    assert [(n.rule, n.staff, n.date.isoformat()) for n in m.notes] == [(ID, "p1", "2027-01-05")]


def test_a_lock_the_person_cannot_take_is_reported_and_the_rota_not_called_feasible():
    s = scenario(staff=2, coverage=WEEKDAYS_D,
                 absences=[{"staff": "p1", "start": "2027-01-05", "end": "2027-01-05"}],
                 locked=[{"staff": "p1", "date": "2027-01-05", "shift": "D"}])
    rota = solve(s)
    # the solver finds a rota (no elastic fallback), but a lock it breaks is a hard-rule
    # breach: the rota's status is infeasible (docs/adr/0006-true-status.md)
    assert rota.extra["verdict"]["solver_status"] in ("optimal", "feasible")
    assert rota.status == "infeasible"
    assert any(v["rule"] == ID and v.get("staff") == "p1" for v in rota.errors())
