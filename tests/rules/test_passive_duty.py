"""passive_duty: a sleeping night watch and on-call from home count as working time at a
ratio (AML § 10-4 (3): on-call at least 1/7; a sleeping night watch 1/3 by common agreement
practice), and on-call counted below 1/7 is flagged."""

import pytest
from builders import DAY, scenario
from verifier import breaches

from roster.rules.params import Kind
from roster.rules.passive_duty import counted_minutes, duty_words, fraction, ratio_words

ID = "passive_duty"
ON_CALL = {"code": "HV", "name": "Hjemmevakt", "name_en": "On call", "start": "22:00", "end": "08:00",
           "kind": "on_call"}
SLEEPING = {"code": "SN", "name": "Hvilende natt", "name_en": "Sleeping night", "start": "22:00",
            "end": "08:00", "kind": "passive_night"}


def duty(shift: dict, **rules: object):
    return scenario(staff=1, shifts=[DAY, shift], rules=dict(rules),
                    coverage=[{"shift": shift["code"], "days": ["weekday", "saturday", "sunday"],
                               "min_staff_if_open": 1}])


def test_counted_time_is_the_clock_time_at_the_ratio_rounded_up_to_the_minute():
    assert counted_minutes(600, 1 / 7) == 86  # 85.7 min: "at least" 1/7, so up
    assert counted_minutes(600, 0.142857) == 86  # the rule pack's 1/7
    assert counted_minutes(600, 1 / 3) == 200 and counted_minutes(600, 0.333333) == 200
    assert counted_minutes(660, 1 / 3, active=120) == 120 + 180  # 2 h active, 9 h at 1/3
    assert counted_minutes(600, 1 / 3, breaks=60) == 180
    assert counted_minutes(600, 1.0) == 600


def test_the_loader_counts_a_duty_shift_at_the_rule_pack_s_ratio():
    s = duty(ON_CALL)
    hv = s.shift("HV")
    assert (hv.paid_minutes, hv.duty_ratio, hv.clock_minutes, hv.is_duty) == (86, 0.142857, 600, True)
    sn = duty(SLEEPING).shift("SN")
    assert (sn.paid_minutes, sn.duty_ratio) == (200, 0.333333)
    assert s.shift("D").duty_ratio is None and not s.shift("D").is_duty


def test_a_scenario_sets_its_own_agreement_s_ratio_and_active_hours():
    assert duty(ON_CALL, on_call_ratio=0.2).shift("HV").paid_minutes == 120
    sn = duty({**SLEEPING, "start": "21:00", "active_hours": 2}, passive_night_ratio=0.5).shift("SN")
    assert (sn.paid_minutes, sn.active_minutes) == (120 + 270, 120)


def test_stated_hours_win_over_the_ratio():
    hv = duty({**ON_CALL, "hours": 2.5}).shift("HV")
    assert (hv.paid_minutes, hv.duty_ratio) == (150, None)


def test_the_ratios_are_numbers_above_0_and_at_most_1():
    from roster.rules.catalogue import param

    for key in ("passive_night_ratio", "on_call_ratio"):
        p = param(key)
        assert p.kind is Kind.NUMBER and p.bounds == (0.01, 1.0) and p.nb and p.en and p.note
        assert p.problems(0) == [("", "must be between 0.01 and 1, got 0")]
        assert p.problems(1.5) == [("", "must be between 0.01 and 1, got 1.5")]
        assert p.problems(1) == [] and p.problems(0.25) == []


def test_how_a_duty_shift_counts_is_said_in_both_languages():
    hv = duty(ON_CALL).shift("HV")
    assert duty_words(hv).en == "counts 1.43 h: 1/7 of 10 h on call"
    assert duty_words(hv).nb == "teller 1,43 t: 1/7 av 10 t hjemmevakt"
    sn = duty({**SLEEPING, "start": "21:00", "active_hours": 2}).shift("SN")
    assert ratio_words(sn).nb == "2 t aktiv + 1/3 av 9 t hvilende nattevakt"
    stated = duty({**ON_CALL, "hours": 2.5}).shift("HV")
    assert duty_words(stated).en == "counts 2.5 h of 10 h on call, as stated"
    assert ratio_words(stated).nb == "2,5 t av 10 t hjemmevakt, som oppgitt"
    assert duty_words(duty(ON_CALL).shift("D")) is None
    assert [fraction(r) for r in (0.142857, 0.333333, 0.5, 0.4)] == ["1/7", "1/3", "1/2", "0.4"]


@pytest.mark.parametrize(("shift", "rules", "flagged"), [
    (ON_CALL, {}, False),                                 # 1/7: the law's main rule
    (ON_CALL, {"on_call_ratio": 0.1}, True),              # below 1/7: only by agreement
    ({**ON_CALL, "hours": 1.0}, {}, True),                # stated below 1/7 of 10 h
    ({**ON_CALL, "hours": 1.5}, {}, False),
    (SLEEPING, {"passive_night_ratio": 0.1}, False),      # the law gives no factor here
])
def test_the_check_warns_once_when_on_call_counts_below_a_seventh(shift, rules, flagged):
    s = duty(shift, **rules)
    rows = [("p1", "2027-01-04", shift["code"]), ("p1", "2027-01-05", shift["code"])]
    found = breaches(s, ID, rows)
    assert len(found) == (1 if flagged else 0)
    if flagged:
        b = found[0]
        assert b.shift == "HV" and not b.is_error  # a warning: lawful by written agreement
        assert "below 1/7 (AML § 10-4 (3))" in b.en and "under 1/7 (aml. § 10-4 (3))" in b.nb
    assert breaches(s, ID, [("p1", "2027-01-04", "D")]) == []  # not used in the rota: silent
