"""The Norwegian calendar: public holidays, the eves the tariff treats specially, weekends.

Public holidays come from the ``holidays`` package (country ``NO``, language ``no``). The
eves (julaften, nyttårsaften, påskeaften, pinseaften) are not public holidays, but the
tariff pays them as holidays from the afternoon; a scenario that names the day type
``eve`` gets them as their own day type.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays
from dateutil.easter import easter

from roster.scenario import CalendarConfig

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_NAMES_NB = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
WEEKDAY_SHORT_EN = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


@lru_cache(maxsize=64)
def public_holidays(year: int, country: str = "NO", language: str = "no") -> dict[dt.date, str]:
    """Public holidays of one year, date -> name in the given language."""
    return dict(holidays.country_holidays(country, years=year, language=language))


def eves(year: int) -> dict[dt.date, str]:
    """The four eves (aftener) the tariff treats specially, date -> Norwegian name."""
    e = easter(year)
    return {
        e - dt.timedelta(days=1): "Påskeaften",
        e + dt.timedelta(days=48): "Pinseaften",
        dt.date(year, 12, 24): "Julaften",
        dt.date(year, 12, 31): "Nyttårsaften",
    }


@dataclass(frozen=True)
class Day:
    """One calendar date with what the rota needs to know about it."""

    date: dt.date
    day_type: str  # weekday | saturday | sunday | holiday | eve | closed
    holiday_name: str | None = None
    eve_name: str | None = None

    @property
    def is_weekend(self) -> bool:
        return saturday_of(self.date) is not None

    @property
    def is_holiday(self) -> bool:
        return self.holiday_name is not None

    @property
    def is_sunday_or_holiday(self) -> bool:
        return self.date.weekday() == 6 or self.is_holiday

    @property
    def weekend_key(self) -> dt.date | None:
        """The Saturday of this date's weekend, or None on Monday-Friday."""
        return saturday_of(self.date)


def saturday_of(date: dt.date) -> dt.date | None:
    """The Saturday of this date's weekend, or None on Monday-Friday: the one weekend key."""
    wd = date.weekday()
    return date - dt.timedelta(days=wd - 5) if wd >= 5 else None


def weekend_saturdays(first: dt.date, last: dt.date, back: int = 0) -> list[dt.date]:
    """Saturdays from the one on or before ``first`` to ``last``, plus ``back`` weekends before
    them (windows of weekends that reach back into the previous rota)."""
    sat = first - dt.timedelta(days=(first.weekday() - 5) % 7) - dt.timedelta(weeks=back)
    out = []
    while sat <= last:
        out.append(sat)
        sat += dt.timedelta(weeks=1)
    return out


def plain_day_type(date: dt.date) -> str:
    wd = date.weekday()
    return "saturday" if wd == 5 else "sunday" if wd == 6 else "weekday"


def classify(date: dt.date, config: CalendarConfig | None = None) -> Day:
    """The day type of one date: closed > holiday > eve (if used) > saturday/sunday/weekday."""
    config = config or CalendarConfig()
    national = public_holidays(date.year, config.country) if config.country else {}
    hol = national.get(date) or config.extra_holidays.get(date)
    eve = eves(date.year).get(date) if config.country == "NO" else None
    if date in config.closed_days:
        day_type = "closed"
    elif hol:
        day_type = "holiday"
    elif eve and config.use_eves:
        day_type = "eve"
    else:
        day_type = plain_day_type(date)
    return Day(date=date, day_type=day_type, holiday_name=hol, eve_name=eve)


def days_between(start: dt.date, end: dt.date, config: CalendarConfig | None = None) -> list[Day]:
    """Every date from start to end inclusive, classified."""
    n = (end - start).days + 1
    return [classify(start + dt.timedelta(days=i), config) for i in range(n)]


def iso_week_key(date: dt.date) -> tuple[int, int]:
    iso = date.isocalendar()
    return (iso[0], iso[1])


def holiday_runs(days: list[Day]) -> list[list[int]]:
    """Public holidays in a row (1st and 2nd Christmas Day, say) as runs of indices into
    ``days``: each run is one holiday period."""
    runs: list[list[int]] = []
    for i, day in enumerate(days):
        if not day.is_holiday:
            continue
        if runs and runs[-1][-1] == i - 1 and days[i - 1].date == day.date - dt.timedelta(days=1):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs
