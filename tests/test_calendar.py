import datetime as dt

from roster.calendar import classify, days_between, eves, public_holidays, saturday_of, weekend_saturdays
from roster.scenario import CalendarConfig

D = dt.date


def test_17_may_2027_is_both_constitution_day_and_whit_monday():
    name = public_holidays(2027)[D(2027, 5, 17)]
    assert "Grunnlovsdag" in name and "Andre pinsedag" in name
    assert classify(D(2027, 5, 17)).day_type == "holiday"


def test_easter_2027_holidays_and_the_eve():
    h = public_holidays(2027)
    assert h[D(2027, 3, 25)] == "Skjærtorsdag"
    assert h[D(2027, 3, 26)] == "Langfredag"
    assert h[D(2027, 3, 28)] == "Første påskedag"
    assert h[D(2027, 3, 29)] == "Andre påskedag"
    assert D(2027, 3, 27) not in h  # påskeaften is not a public holiday ...
    assert eves(2027)[D(2027, 3, 27)] == "Påskeaften"  # ... but an eve
    assert eves(2027)[D(2027, 5, 15)] == "Pinseaften"


def test_eves_are_their_own_day_type_only_when_the_scenario_uses_them():
    julaften = D(2027, 12, 24)  # a Friday
    assert classify(julaften).day_type == "weekday"
    assert classify(julaften, CalendarConfig(use_eves=True)).day_type == "eve"
    assert classify(julaften).eve_name == "Julaften"


def test_weekends_and_sundays():
    sat, sun = classify(D(2027, 1, 9)), classify(D(2027, 1, 10))
    assert (sat.day_type, sun.day_type) == ("saturday", "sunday")
    assert sat.weekend_key == sun.weekend_key == D(2027, 1, 9)
    assert sun.is_sunday_or_holiday and not sat.is_sunday_or_holiday
    assert classify(D(2027, 1, 11)).weekend_key is None


def test_holiday_beats_sunday_and_closed_days_beat_everything():
    assert classify(D(2027, 3, 28)).day_type == "holiday"  # Easter Sunday
    cfg = CalendarConfig(closed_days=(D(2027, 1, 5),))
    assert classify(D(2027, 1, 5), cfg).day_type == "closed"


def test_local_extra_holiday_and_no_country():
    cfg = CalendarConfig(extra_holidays={D(2027, 6, 1): "Lokal fridag"})
    assert classify(D(2027, 6, 1), cfg).day_type == "holiday"
    assert classify(D(2027, 1, 1), CalendarConfig(country="")).day_type == "weekday"


def test_days_between_covers_a_month_and_its_weekends():
    days = days_between(D(2027, 1, 1), D(2027, 1, 31))
    assert len(days) == 31
    assert [d.date for d in days if d.is_holiday] == [D(2027, 1, 1)]
    assert len({saturday_of(d.date) for d in days} - {None}) == 5
    saturdays = [D(2026, 12, 26), *(D(2027, 1, d) for d in (2, 9, 16, 23, 30))]
    assert weekend_saturdays(D(2027, 1, 1), D(2027, 1, 31)) == saturdays  # from the one on or before


def test_every_country_the_loader_accepts_has_holidays():
    # the loader refuses other countries; each one it accepts must work in classify
    from roster.scenario import HOLIDAY_COUNTRIES

    for country in HOLIDAY_COUNTRIES:
        assert public_holidays(2027, country), country
        assert classify(D(2027, 12, 25), CalendarConfig(country=country)).day_type == "holiday"
