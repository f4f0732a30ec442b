"""The scenario: a service, its staff, what must be covered, and the rules that apply.

Everything here is immutable data. ``roster.scenario_load`` builds it from TOML (or, via
``roster.excel``, from a workbook) and validates it; everything downstream only reads it.
Times are kept in whole minutes to keep the optimisation model free of rounding noise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, ClassVar

DAY_TYPES: tuple[str, ...] = ("weekday", "saturday", "sunday", "holiday", "eve")
"""Day types a requirement or shift can name. ``eve`` (julaften, nyttårsaften, påskeaften,
pinseaften) is opt-in: a date is an eve only if the scenario mentions ``eve`` anywhere."""

PRIORITIES: tuple[str, ...] = ("base", "service", "soft")
"""``base`` must always hold; ``service`` is opened (with at least its minimum) or not
opened, as staffing allows; ``soft`` is a weighted wish for a staffing level (used by the
public benchmarks: a penalty per missing and per extra person)."""

ABSENCE_KINDS: tuple[str, ...] = ("vacation", "sick", "course", "leave", "other")
WISH_KINDS: tuple[str, ...] = ("day_off", "shift", "not_shift")
SHIFT_KINDS: tuple[str, ...] = ("day", "evening", "night", "passive_night", "on_call", "other")
"""What a shift is. ``passive_night`` is a sleeping night watch at the workplace (hvilende
or sovende nattevakt), ``on_call`` on-call duty from home (hjemmevakt, beredskapsvakt
utenfor arbeidsstedet); both count as working time at a ratio (``DUTY_KINDS``)."""
DUTY_KINDS: tuple[str, ...] = ("passive_night", "on_call")
"""Passive duty: its clock time counts as working time at the rule pack's ratio
(``roster.rules.passive_duty``) unless the shift states its own hours."""
NIGHT_KINDS: tuple[str, ...] = ("night", "passive_night")
"""Nights spent at the workplace: nights in a row (Arbeidstilsynet's practice) and the
evening/night share of fairness count them; on-call from home is not among them."""
EVENING_NIGHT_KINDS: tuple[str, ...] = ("evening", *NIGHT_KINDS)
"""Evenings and nights at the workplace (the coverage report's evenings opened)."""
UNSOCIAL_KINDS: tuple[str, ...] = (*EVENING_NIGHT_KINDS, "on_call")
"""Evening and night work and duty, on-call nights included: fairness shares them as one
burden, and each person's "evenings/nights" total counts them."""
SHIFT_KIND_ALIASES: Mapping[str, str] = MappingProxyType({"oncall": "on_call"})
"""Older spellings the loader still reads (``oncall`` was listed before on-call was counted)."""
TURNUS_TYPES: tuple[str, ...] = ("day", "turnus", "round_the_clock")
OPEN_PER: tuple[str, ...] = ("week", "month", "period")
OPEN_UNITS: tuple[str, ...] = ("day", "weekend")
HOLIDAY_COUNTRIES: tuple[str, ...] = ("NO",)
"""Countries whose public holidays the calendar knows (``calendar.country``; "" for none)."""

MINUTES_PER_DAY = 24 * 60


def frozen_map(d: Mapping | None = None) -> Mapping:
    return MappingProxyType(dict(d or {}))


@dataclass(frozen=True)
class ShiftType:
    """A kind of shift: ``D`` 08:00-16:00, ``A`` 13:00-21:00 and so on.

    ``start`` and ``end`` are minutes after midnight of the shift's own date; an end at or
    before the start crosses midnight. Benchmark shifts may have no clock times (None).
    """

    code: str
    name_nb: str
    name_en: str
    start: int | None
    end: int | None
    paid_minutes: int
    days: tuple[str, ...] = ()
    kind: str = "day"
    color: str | None = None
    duty_ratio: float | None = None
    """For passive duty (``DUTY_KINDS``) counted by the rule pack: the ratio its passive
    part counts at (1/3, 1/7 ...). None when the time counts in full or the shift states its
    own ``hours``."""
    active_minutes: int = 0
    """For passive duty: the minutes at the start or end of it that count in full (active
    work), before the ratio applies to the rest."""

    @property
    def paid_hours(self) -> float:
        """Working time the shift counts: contract hours, staffing, budget (for passive duty
        the counted part, not the clock time)."""
        return self.paid_minutes / 60

    @property
    def is_duty(self) -> bool:
        """Passive duty at a ratio: a sleeping night watch or on-call from home."""
        return self.kind in DUTY_KINDS

    @property
    def clock_minutes(self) -> int | None:
        """From start to end on the clock (None without clock times)."""
        end = self.end_offset
        return None if end is None or self.start is None else end - self.start

    @property
    def limit_minutes(self) -> int:
        """Minutes the law's limits on hours count (at most 48 h in 7 days): the whole clock
        time of a sleeping night watch at the workplace (EU Court C-151/02 Jaeger: on-call at
        the workplace is working time in full; AML § 10-4 (2) only lets passive time extend
        the working day), the counted part of on-call from home (AML § 10-4 (3)), else the
        paid time."""
        if self.kind == "passive_night" and self.clock_minutes is not None:
            return max(self.paid_minutes, self.clock_minutes)
        return self.paid_minutes

    @property
    def has_times(self) -> bool:
        return self.start is not None and self.end is not None

    @property
    def end_offset(self) -> int | None:
        """End in minutes after midnight of the shift's date (above 1440 across midnight)."""
        if self.start is None or self.end is None:
            return None
        return self.end if self.end > self.start else self.end + MINUTES_PER_DAY

    def name(self, lang: str = "nb") -> str:
        return self.name_en if lang == "en" else self.name_nb

    def runs_on(self, day_type: str) -> bool:
        return not self.days or day_type in self.days


class RuleValues:
    """Rule values by key, read as attributes (``rules.min_rest_hours``). The keys, their
    types and their defaults come from the rule catalogue (``roster.rules.catalogue``);
    an unknown key is refused. Immutable, like the rest of the scenario."""

    scope: ClassVar[str] = "scenario"

    def __init__(self, **values: Any) -> None:
        from roster.rules.catalogue import defaults
        from roster.rules.params import Scope

        known = defaults(Scope(self.scope))
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise TypeError(f"unknown rule value(s): {', '.join(unknown)}")
        object.__setattr__(self, "_values", MappingProxyType({**known, **values}))

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["_values"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"rule values are immutable ({name})")

    def get(self, key: str) -> Any:
        return self.__dict__["_values"].get(key)

    def values(self) -> Mapping[str, Any]:
        return self.__dict__["_values"]

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and dict(self.values()) == dict(other.values())  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(tuple(sorted((k, repr(v)) for k, v in self.values().items())))

    def __repr__(self) -> str:
        set_ = ", ".join(f"{k}={v!r}" for k, v in self.values().items() if v is not None)
        return f"{type(self).__name__}({set_})"


class StaffRules(RuleValues):
    """Per-person rule values; None means the scenario's rule applies."""

    scope: ClassVar[str] = "person"


@dataclass(frozen=True)
class Staff:
    """A person in the rota. ``fte`` is the stillingsprosent as a fraction (0.8 = 80 %)."""

    id: str
    name: str
    fte: float
    skills: tuple[str, ...] = ()
    role: str | None = None
    cannot_work: tuple[str, ...] = ()
    fixed_days_off: tuple[dt.date, ...] = ()
    weekdays_off: tuple[int, ...] = ()
    rules: StaffRules = field(default_factory=StaffRules)

    def has_skill(self, skill: str) -> bool:
        return skill in self.skills


@dataclass(frozen=True)
class OpenTarget:
    """How often a service shift should be opened.

    ``always``: every occurrence. Otherwise ``count`` occurrences per ``per`` (week,
    month or the whole period), counted in ``unit`` (days, or weekends opened as a whole).
    """

    always: bool = True
    count: int = 0
    per: str = "week"

    def describe(self, unit: str) -> str:
        what = "weekends" if unit == "weekend" else "days"
        if self.always:
            return f"every {'weekend' if unit == 'weekend' else 'day'}"
        return f"{self.count} {what} per {self.per}"


@dataclass(frozen=True)
class Requirement:
    """What one shift needs on some days: a coverage rule from the scenario."""

    index: int
    shift: str
    days: tuple[str, ...] = ()
    dates: tuple[dt.date, ...] = ()
    min_staff_if_open: int = 1
    max_staff: int | None = None
    priority: str = "base"
    open: OpenTarget = field(default_factory=OpenTarget)
    unit: str = "day"
    rank: int = 1
    skills: Mapping[str, int] = field(default_factory=frozen_map)
    under_weight: float = 1.0
    over_weight: float = 0.0
    label: str | None = None

    @property
    def key(self) -> str:
        """A stable, readable name for this requirement in reports."""
        return self.label or f"{self.shift}:{'+'.join(self.days) or 'dates'}"


@dataclass(frozen=True)
class Absence:
    staff: str
    start: dt.date
    end: dt.date
    kind: str = "vacation"
    percent: int = 100

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Wish:
    """A wish with a weight: ``day_off`` on a date, a ``shift`` wanted or ``not_shift``."""

    staff: str
    date: dt.date
    kind: str
    shift: str | None = None
    weight: float = 1.0


@dataclass(frozen=True)
class Lock:
    """A pinned assignment; ``shift`` None pins a day off."""

    staff: str
    date: dt.date
    shift: str | None


class Rules(RuleValues):
    """Resolved rule values: the rule pack's defaults with the scenario's overrides."""

    @property
    def hours_per_week(self) -> float:
        return float(self.weekly_hours[self.turnus_type])

    def as_contract(self) -> dict:
        """The rule values written to ``rota.json``'s ``rules`` field."""
        from roster.rules.catalogue import scenario_params

        out = {p.key: p.to_json(self.get(p.key)) for p in scenario_params() if p.contract}
        out["hours_per_week"] = self.hours_per_week
        return out


@dataclass(frozen=True)
class CalendarConfig:
    country: str = "NO"
    closed_days: tuple[dt.date, ...] = ()
    extra_holidays: Mapping[dt.date, str] = field(default_factory=frozen_map)
    use_eves: bool = False


@dataclass(frozen=True)
class Scenario:
    """A whole planning problem. Build with ``roster.scenario_load``; never mutate."""

    name: str
    start: dt.date
    end: dt.date
    shifts: tuple[ShiftType, ...]
    staff: tuple[Staff, ...]
    requirements: tuple[Requirement, ...]
    rules: Rules = field(default_factory=Rules)
    absences: tuple[Absence, ...] = ()
    wishes: tuple[Wish, ...] = ()
    locks: tuple[Lock, ...] = ()
    calendar: CalendarConfig = field(default_factory=CalendarConfig)
    objective_mode: str = "staged"
    unit: str = ""
    source: str = ""
    extra: Mapping[str, object] = field(default_factory=frozen_map)

    # --- look-ups -------------------------------------------------------------------
    @property
    def dates(self) -> list[dt.date]:
        n = (self.end - self.start).days + 1
        return [self.start + dt.timedelta(days=i) for i in range(n)]

    def shift(self, code: str) -> ShiftType:
        for s in self.shifts:
            if s.code == code:
                return s
        raise KeyError(code)

    def person(self, staff_id: str) -> Staff:
        for p in self.staff:
            if p.id == staff_id:
                return p
        raise KeyError(staff_id)

    @property
    def staff_ids(self) -> list[str]:
        return [p.id for p in self.staff]

    def rule_for(self, person: Staff, key: str) -> Any:
        """A rule value for one person: their own (``[staff.rules]``) if set, else the
        scenario's."""
        own = person.rules.get(key)
        return own if own is not None else self.rules.get(key)

    def with_changes(self, **changes: object) -> Scenario:
        """A new scenario with some fields replaced (re-plans, what-ifs)."""
        return replace(self, **changes)  # type: ignore[arg-type]
