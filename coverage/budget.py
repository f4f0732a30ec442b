"""Budget per year in NOK for a staffing: salaries, ubekvem supplements, social costs,
vikar for expected absence, running costs; line by line, written as ``budget.json``.

Cost parameters are data (``data/costs/*.toml``; each value with its year and source).
The ``budget.json`` schema is the contract the Excel exporter reads for its Cost sheet::

    {"year": int, "currency": "NOK",
     "lines": [{"key", "label_nb", "label_en", "amount", "detail"}], "total": number}

Rules of the arithmetic (documented in docs/staffing.md):
- salaries: årsverk x average annual salary of the scenario's role mix (fte-weighted);
- ubekvem (KS HTA kap. 1 § 5): hours of the year's service pattern that fall in the
  evening/night window, on Saturday/Sunday (tiered per person and year), on public holidays
  (1 1/3 hourly wage); paid hours are spread evenly over the clock span of the shift;
- holiday pay (feriepenger) on salary + supplements; pension on salary + supplements;
  employer tax on all of these;
- vikar: the hours to cover that the staffing cannot deliver after absence
  (hours - årsverk x productive hours per årsverk), at the loaded average hourly cost;
- running costs (driftsutgifter): an input.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from coverage.staffing import StaffingEstimate
from roster.errors import UserError
from roster.input_files import (
    MAX_TOML_BYTES,
    control_char,
    describe,
    is_number,
    parse_toml,
    read_text,
    shown,
    shown_number,
)
from roster.nb_messages import described
from roster.resources import COSTS
from roster.scenario import Scenario

DEFAULT_COSTS = COSTS


@dataclass(frozen=True)
class CostParams:
    year: int
    salary_month: dict[str, float]
    employer_tax: float
    pension: float
    holiday_pay: float
    evening_night_per_hour: float
    evening_night_start: int
    evening_night_end: int
    weekend_tiers: tuple[tuple[float, float], ...]
    holiday_factor: float
    vikar_markup: float
    annual_hours: float
    running: float
    source: str = ""
    overtime_supplement: float = 0.5
    """Overtime supplement on the hourly wage (KS HTA kap. 1 § 6: 50 %; AML § 10-6 (11): at
    least 40 %). Optional in the cost file (``[overtime] supplement``); 0.5 when missing."""

    def hourly_wage(self, role: str | None) -> float:
        """Hourly wage of a role: annual salary / annual hours."""
        return self.salary_of(role) * 12 / self.annual_hours

    def salary_of(self, role: str | None) -> float:
        """Monthly salary for a role (the ``default`` entry when the role is unknown)."""
        if role and role in self.salary_month:
            return self.salary_month[role]
        return self.salary_month["default"]


# Bounds of the cost table's numbers (docs/staffing.md); beyond them a value is a typo.
MAX_NOK_MONTH = 10_000_000
MAX_NOK_HOUR = 10_000
MAX_NOK_YEAR = 10_000_000_000
MAX_HOURS_YEAR = 24 * 366
MAX_TIERS = 100
COST_BOUNDS: dict[tuple[str, str], tuple[float, float]] = {
    ("social", "employer_tax"): (0, 1), ("social", "pension"): (0, 1),
    ("social", "holiday_pay"): (0, 1),
    ("ubekvem", "evening_night_per_hour"): (0, MAX_NOK_HOUR),
    ("ubekvem", "holiday_factor"): (0, 10),
    ("vikar", "markup"): (0, 10), ("vikar", "annual_hours"): (1, MAX_HOURS_YEAR),
    ("running", "driftsutgifter"): (0, MAX_NOK_YEAR),
    ("overtime", "supplement"): (0, 10),
}
DEFAULT_OVERTIME_SUPPLEMENT = 0.5


def _minutes(text: str, where: str) -> int:
    """A wall-clock time "HH:MM" (00:00-24:00) as minutes after midnight."""
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip()) if isinstance(text, str) else None
    hour, minute = (int(m.group(1)), int(m.group(2))) if m else (99, 99)
    if (hour < 24 and minute < 60) or (hour, minute) == (24, 0):
        return hour * 60 + minute
    raise UserError(f"{where}: expected a time HH:MM from 00:00 to 24:00 (got {_shown(text)})",
                    nb=f"{where}: forventet et klokkeslett TT:MM fra 00:00 til 24:00 (fikk "
                       f"{_shown(text, 'nb')})")


def _shown(value: object, lang: str = "en") -> str:
    if isinstance(value, str):
        return repr(shown(value))
    if is_number(value):
        return shown_number(value)  # type: ignore[arg-type]
    return described(describe(value)) if lang == "nb" else describe(value)


def _cost_number(value: object, where: str, lo: float, hi: float) -> float:
    if not is_number(value):
        raise UserError(f"{where} must be a number (got {_shown(value)})",
                        nb=f"{where} må være et tall (fikk {_shown(value, 'nb')})")
    assert isinstance(value, (int, float))
    if not lo <= value <= hi:
        raise UserError(f"{where} must be a number from {lo:g} to {hi:g} (got {_shown(value)})",
                        nb=f"{where} må være et tall fra {lo:g} til {hi:g} (fikk {_shown(value, 'nb')})")
    return float(value)


def _weekend_tiers(tiers: object, where: str) -> tuple[tuple[float, float], ...]:
    message = f"{where} must be a list of [from_hour, NOK] pairs"
    message_nb = f"{where} må være en liste med par [fra_time, NOK]"
    if not isinstance(tiers, list) or not 1 <= len(tiers) <= MAX_TIERS:
        raise UserError(f"{message} (1 to {MAX_TIERS} of them)",
                        nb=f"{message_nb} (1 til {MAX_TIERS} av dem)")
    out = []
    for i, tier in enumerate(tiers):
        if not isinstance(tier, list) or len(tier) != 2:
            raise UserError(f"{message} (entry {i + 1} is {describe(tier)})",
                            nb=f"{message_nb} (rad {i + 1} er {described(describe(tier))})")
        out.append((_cost_number(tier[0], f"{where}[{i + 1}] from_hour", 0, MAX_HOURS_YEAR),
                    _cost_number(tier[1], f"{where}[{i + 1}] NOK", 0, MAX_NOK_HOUR)))
    return tuple(sorted(out))


def _salaries(data: dict, path: Path) -> dict[str, float]:
    salaries = data.get("salary_month")
    if not isinstance(salaries, dict) or "default" not in salaries:
        raise UserError(f"{path}: [salary_month] must list monthly salaries by role and a 'default'",
                        nb=f"{path}: [salary_month] må liste månedslønn per rolle og en «default»")
    out = {}
    for role, v in salaries.items():
        if control_char(role) or len(role) > 200:
            raise UserError(f"{path}: salary_month: the role name {_shown(role)} is not a plain name",
                            nb=f"{path}: salary_month: rollenavnet {_shown(role)} er ikke et vanlig navn")
        out[role] = _cost_number(v, f"{path}: salary_month.{role}", 1, MAX_NOK_MONTH)
    return out


COST_SECTIONS = ("year", "salary_month", "social", "ubekvem", "vikar")
"""Keys a cost file has; a file with none of them was given in the wrong place."""


def load_costs(path: str | Path | None = None, *, running: float | None = None) -> CostParams:
    """Cost parameters from a TOML file; every missing or wrong key is named, and every
    number must be finite and within COST_BOUNDS."""
    path = Path(path) if path else DEFAULT_COSTS

    def fail(message: str) -> UserError:
        return UserError(f"{path}: cost file: {message}")

    data = parse_toml(read_text(path, fail=fail, limit=MAX_TOML_BYTES, what="cost file (TOML)"), fail)

    def get(section: str, key: str, kind: type = float):
        name = f"{section + '.' if section else ''}{key}"
        table = data.get(section) if section else data
        if section and section in data and not isinstance(table, dict):
            raise UserError(f"{path}: [{section}] must be a table (got {describe(table)})",
                            nb=f"{path}: [{section}] må være en tabell (fikk {described(describe(table))})")
        if not isinstance(table, dict) or key not in table:
            cost_file = any(k in data for k in COST_SECTIONS)
            hint = "" if cost_file else "; is it a cost file (like data/costs/ks-2024.toml)?"
            hint_nb = "" if cost_file else "; er det en kostnadsfil (som data/costs/ks-2024.toml)?"
            raise UserError(f"{path}: missing key {name}{hint}",
                            nb=f"{path}: nøkkelen {name} mangler{hint_nb}")
        value = table[key]
        if kind is float:
            lo, hi = COST_BOUNDS[(section, key)]
            return _cost_number(value, f"{path}: {name}", lo, hi)
        return value

    year = get("", "year", int)
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200:
        raise UserError(f"{path}: year must be a whole number from 1900 to 2200 (got {_shown(year)})",
                        nb=f"{path}: year må være et heltall fra 1900 til 2200 (fikk {_shown(year, 'nb')})")
    if running is not None:
        running = _cost_number(running, "running costs", 0, MAX_NOK_YEAR)
    return CostParams(
        year=year, salary_month=_salaries(data, path),
        employer_tax=get("social", "employer_tax"), pension=get("social", "pension"),
        holiday_pay=get("social", "holiday_pay"),
        evening_night_per_hour=get("ubekvem", "evening_night_per_hour"),
        evening_night_start=_minutes(get("ubekvem", "evening_night_start", str),
                                     f"{path}: ubekvem.evening_night_start"),
        evening_night_end=_minutes(get("ubekvem", "evening_night_end", str),
                                   f"{path}: ubekvem.evening_night_end"),
        weekend_tiers=_weekend_tiers(get("ubekvem", "weekend_tiers", list),
                                     f"{path}: ubekvem.weekend_tiers"),
        holiday_factor=get("ubekvem", "holiday_factor"),
        vikar_markup=get("vikar", "markup"), annual_hours=get("vikar", "annual_hours"),
        running=float(running if running is not None else get("running", "driftsutgifter")),
        source=str(path),
        overtime_supplement=(get("overtime", "supplement") if "overtime" in data
                             else DEFAULT_OVERTIME_SUPPLEMENT))


# --- ubekvem hours ----------------------------------------------------------------------
@dataclass(frozen=True)
class UbekvemHours:
    evening_night: float = 0.0
    weekend: float = 0.0
    holiday: float = 0.0


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def shift_windows(start: int, end: int, date: dt.date, holidays: set[dt.date],
                  night_from: int, night_to: int) -> tuple[int, int, int, int]:
    """Clock minutes of one shift: (span, evening/night, Saturday/Sunday, public holiday)."""
    end_off = end if end > start else end + 1440
    span = end_off - start
    night = 0
    for day in (-1, 0, 1):  # windows from the day before to the day after
        base = day * 1440
        w0 = base + night_from
        w1 = base + night_to + (1440 if night_to <= night_from else 0)
        night += _overlap(start, end_off, w0, w1)
    weekend = holiday = 0
    for day in (0, 1):
        d = date + dt.timedelta(days=day)
        part = _overlap(start, end_off, day * 1440, (day + 1) * 1440)
        if d.weekday() >= 5:
            weekend += part
        if d in holidays:
            holiday += part
    return span, night, weekend, holiday


def ubekvem_hours(scenario: Scenario, estimate: StaffingEstimate,
                  costs: CostParams) -> UbekvemHours:
    """Staff-hours of the year's service pattern in each ubekvem window (paid hours,
    spread evenly over the shift's clock span)."""
    holidays = {n.date for n in estimate.hours.needs if n.is_holiday}
    ev = we = ho = 0.0
    for n in estimate.hours.needs:
        shift = scenario.shift(n.shift)
        if not shift.has_times or n.weight <= 0:
            continue
        span, night, weekend, holiday = shift_windows(
            shift.start, shift.end, n.date, holidays, costs.evening_night_start,
            costs.evening_night_end)
        if span <= 0:
            continue
        paid = n.weight * n.min_staff * n.paid_hours / span
        ev += paid * night
        we += paid * weekend
        ho += paid * holiday
    return UbekvemHours(round(ev, 2), round(we, 2), round(ho, 2))


def tiered(hours: float, tiers: tuple[tuple[float, float], ...]) -> float:
    """NOK for ``hours`` weekend hours of one person in a year under tiered rates."""
    total = 0.0
    for i, (lo, rate) in enumerate(tiers):
        hi = tiers[i + 1][0] if i + 1 < len(tiers) else float("inf")
        total += max(0.0, min(hours, hi) - lo) * rate
    return total


# --- the budget ---------------------------------------------------------------------------
@dataclass
class BudgetLine:
    key: str
    label_nb: str
    label_en: str
    amount: float
    detail: str

    def to_json(self) -> dict:
        return {"key": self.key, "label_nb": self.label_nb, "label_en": self.label_en,
                "amount": round(self.amount), "detail": self.detail}


@dataclass
class Budget:
    year: int
    arsverk: float
    headcount: int
    lines: list[BudgetLine] = field(default_factory=list)
    vikar_hours: float = 0.0
    hourly_wage: float = 0.0

    @property
    def total(self) -> float:
        return sum(round(li.amount) for li in self.lines)

    def amount(self, key: str) -> float:
        return next(li.amount for li in self.lines if li.key == key)

    def to_json(self) -> dict:
        return {"year": self.year, "currency": "NOK", "lines": [li.to_json() for li in self.lines],
                "total": self.total}

    def save(self, path: str | Path) -> None:
        """Write budget.json atomically (roster.safe_io)."""
        from roster import safe_io

        safe_io.write_text(path, json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n")


def average_annual_salary(scenario: Scenario, costs: CostParams) -> float:
    """The fte-weighted average annual salary of the scenario's role mix (12 months)."""
    total = sum(p.fte for p in scenario.staff)
    if total <= 0:
        return 12 * costs.salary_of(None)
    return 12 * sum(p.fte * costs.salary_of(p.role) for p in scenario.staff) / total


def _nok(x: float) -> str:
    return f"{x:,.0f}".replace(",", " ")


def budget(scenario: Scenario, estimate: StaffingEstimate, costs: CostParams, *,
           arsverk: float | None = None, headcount: int | None = None) -> Budget:
    """The yearly budget for ``arsverk`` (default: the estimate's need) in the rota."""
    fte = estimate.arsverk if arsverk is None else arsverk
    heads = headcount if headcount is not None else estimate.headcount_needed
    annual = average_annual_salary(scenario, costs)
    hourly = annual / costs.annual_hours
    ub = ubekvem_hours(scenario, estimate, costs)
    salaries = fte * annual
    # vikar covers the hours the staffing cannot deliver after absence; own staff work the
    # rest, so supplements are split by who works the hours
    own_share = min(1.0, fte * estimate.productive_hours / estimate.hours.total) \
        if estimate.hours.total else 1.0
    vikar_hours = max(0.0, estimate.hours.total - fte * estimate.productive_hours)
    ev = own_share * ub.evening_night * costs.evening_night_per_hour
    per_person = own_share * ub.weekend / heads if heads else 0.0
    we = heads * tiered(per_person, costs.weekend_tiers)
    ho = own_share * ub.holiday * hourly * costs.holiday_factor
    supplements = ev + we + ho
    holiday_pay = costs.holiday_pay * (salaries + supplements)
    pension = costs.pension * (salaries + supplements)
    tax = costs.employer_tax * (salaries + supplements + holiday_pay + pension)
    loaded = hourly * (1 + costs.holiday_pay + costs.pension) * (1 + costs.employer_tax) \
        * (1 + costs.vikar_markup)
    vikar = vikar_hours * loaded
    lines = [
        BudgetLine("salaries", "Lønn faste stillinger", "Salaries", salaries,
                   f"{fte:.2f} årsverk x {_nok(annual)} NOK (avg. of the role mix, "
                   f"{costs.year} level, approx.)"),
        BudgetLine("ubekvem_evening_night", "Kvelds- og nattillegg", "Evening and night supplement",
                   ev, f"{own_share * ub.evening_night:.0f} h x {costs.evening_night_per_hour:g} NOK "
                       "(KS HTA § 5.4.1)"),
        BudgetLine("ubekvem_weekend", "Lørdags- og søndagstillegg", "Weekend supplement", we,
                   f"{per_person:.0f} h per person x {heads} people, tiers "
                   + ", ".join(f"{a:g} h+: {b:g} NOK" for a, b in costs.weekend_tiers)
                   + " (KS HTA § 5.4.2)"),
        BudgetLine("ubekvem_holiday", "Helge- og høytidstillegg", "Public holiday supplement", ho,
                   f"{own_share * ub.holiday:.0f} h x {costs.holiday_factor:g} x hourly wage "
                   f"{hourly:.0f} NOK (KS HTA § 5.3.1)"),
        BudgetLine("holiday_pay", "Feriepenger", "Holiday pay", holiday_pay,
                   f"{costs.holiday_pay:.0%} of salaries and supplements (Ferieloven § 10)"),
        BudgetLine("pension", "Pensjon (KLP)", "Pension", pension,
                   f"{costs.pension:.1%} of salaries and supplements (assumption)"),
        BudgetLine("employer_tax", "Arbeidsgiveravgift", "Employer tax", tax,
                   f"{costs.employer_tax:.1%} of salaries, supplements, holiday pay, pension "
                   "(zone I)"),
        BudgetLine("vikar", "Vikar ved fravær", "Substitutes for absence", vikar,
                   f"{vikar_hours:.0f} h the staffing cannot cover after absence x "
                   f"{loaded:.0f} NOK/h"),
        BudgetLine("running", "Driftsutgifter", "Running costs", costs.running,
                   "input (cost file or --running-costs)"),
    ]
    return Budget(year=estimate.year, arsverk=fte, headcount=heads, lines=lines,
                  vikar_hours=vikar_hours, hourly_wage=hourly)
