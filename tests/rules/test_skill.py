"""skill: skill minimums on every opened shift."""

from builders import EVENING, scenario
from verifier import allowed, breaches, model_verdict

ID = "skill"
STAFF = [{"id": "n1", "name": "Nurse", "skills": ["nurse"]}, {"id": "p2", "name": "B"},
         {"id": "p3", "name": "C"}, {"id": "p4", "name": "D"}]


def test_a_base_shift_without_its_nurse_costs_one_at_the_base_priority():
    s = scenario(staff=STAFF, days=1, coverage=[{"shift": "D", "dates": ["2027-01-04"],
                                                 "min_staff_if_open": 1, "skills": {"nurse": 1}}])
    assert model_verdict(s, ID, [("p2", "2027-01-04", "D")]).cost("base") == 1
    assert model_verdict(s, ID, [("n1", "2027-01-04", "D")]).cost("base") == 0


def test_an_opened_service_shift_needs_its_nurse():
    s = scenario(staff=STAFF, days=1, shifts=[EVENING], coverage=[
        {"shift": "A", "dates": ["2027-01-04"], "min_staff_if_open": 3, "priority": "service",
         "skills": {"nurse": 1}}])
    without = [(p, "2027-01-04", "A") for p in ("p2", "p3", "p4")]
    with_nurse = [(p, "2027-01-04", "A") for p in ("n1", "p2", "p3")]
    assert not allowed(s, ID, without, also=("open_or_minimum",))
    assert allowed(s, ID, with_nurse, also=("open_or_minimum",))
    assert allowed(s, ID, without)  # alone, the rule only stops it counting as opened


def test_the_check_reports_a_shift_without_its_skill():
    s = scenario(staff=STAFF, days=1, coverage=[{"shift": "D", "dates": ["2027-01-04"],
                                                 "min_staff_if_open": 1, "skills": {"nurse": 1}}])
    found = breaches(s, ID, [("p2", "2027-01-04", "D")])
    assert [b.en for b in found] == ["Monday 4 Jan 2027 D: 0 of 1 with skill 'nurse'"]
    assert breaches(s, ID, [("n1", "2027-01-04", "D")]) == []
