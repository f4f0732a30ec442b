"""Wishes granted and not granted, per person (issue 15, item 8): wish_outcomes, rota.json's
`wishes` and the summary."""

import json

from builders import DAY, EVENING, rota_of, scenario

from roster.rota import Rota
from roster.rota_build import build_rota
from roster.summary import format_rota_summary
from roster.wishes_report import per_person, wish_outcomes

MON, TUE, WED = "2027-01-04", "2027-01-05", "2027-01-06"


def wishes_case():
    staff = [{"id": "p1", "name": "Kari"}, {"id": "p2", "name": "Ola", "cannot_work": ["A"]},
             {"id": "p3", "name": "Per"}]
    wishes = [{"staff": "p1", "date": MON, "kind": "day_off", "weight": 2},   # granted
              {"staff": "p1", "date": TUE, "kind": "day_off", "weight": 3},   # not: works D
              {"staff": "p1", "date": WED, "kind": "shift", "shift": "A"},    # granted
              {"staff": "p2", "date": MON, "kind": "shift", "shift": "A"},    # never: may not work A
              {"staff": "p2", "date": TUE, "kind": "not_shift", "shift": "D"},  # not: works D
              {"staff": "p3", "date": TUE, "kind": "shift", "shift": "D"}]    # never: away
    s = scenario(staff=staff, days=3, shifts=[DAY, EVENING], wishes=wishes,
                 coverage=[{"shift": "D", "days": ["weekday"], "min_staff_if_open": 1},
                           {"shift": "A", "days": ["weekday"], "min_staff_if_open": 1}],
                 absences=[{"staff": "p3", "start": TUE, "end": TUE, "kind": "sick"}])
    rows = [("p2", MON, "D"), ("p3", MON, "A"), ("p1", TUE, "D"), ("p2", TUE, "D"),
            ("p1", WED, "A"), ("p2", WED, "D")]
    return s, rota_of(s, rows)


def test_each_wish_granted_or_not_with_why_it_never_could_be():
    s, rows = wishes_case()
    got = [(o.staff, o.date.isoformat(), o.kind, o.granted, o.worked, o.blocked)
           for o in wish_outcomes(s, rows)]
    assert got == [("p1", MON, "day_off", True, None, None),
                   ("p1", TUE, "day_off", False, "D", None),
                   ("p1", WED, "shift", True, "A", None),
                   ("p2", MON, "shift", False, "D", "not_allowed"),
                   ("p2", TUE, "not_shift", False, "D", None),
                   ("p3", TUE, "shift", False, None, "away")]  # never "sick"
    assert per_person(wish_outcomes(s, rows)) == [
        {"staff": "p1", "name": "Kari", "wishes": 3, "granted": 2, "weight": 6.0, "weight_granted": 3.0},
        {"staff": "p2", "name": "Ola", "wishes": 2, "granted": 0, "weight": 2.0, "weight_granted": 0.0},
        {"staff": "p3", "name": "Per", "wishes": 1, "granted": 0, "weight": 1.0, "weight_granted": 0.0}]


def test_rota_json_and_the_summary_carry_them():
    s, rows = wishes_case()
    rota = build_rota(s, rows, status="feasible")
    back = Rota.from_json(json.loads(json.dumps(rota.to_json())))
    assert back.extra["wishes"][1] == {"staff": "p1", "date": TUE, "kind": "day_off", "shift": None,
                                       "off": True, "weight": 3.0, "granted": False, "worked": "D",
                                       "blocked": None}
    text = format_rota_summary(rota)
    assert "Wishes: 2 of 6 granted (weight 3 of 9)" in text
    assert "  Kari: 2 of 3; not granted: 2027-01-05 day off" in text
    assert "  Ola: 0 of 2; not granted: 2027-01-04 shift A, 2027-01-05 not D" in text
    assert "sick" not in text.split("Wishes:")[1].split("Rule breaches")[0]
