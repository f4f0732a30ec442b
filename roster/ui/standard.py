"""The documented staffing standard, protected: at least 3 on evenings, weekends and holidays.

The project's source documents (the Fredrikstad outreach team's project report, 2006-2008;
../shared/DOMAIN.md) say responsible staffing on evenings, weekends and public holidays is
a minimum of 3, and one person alone on an evening or weekend is not advisable. A scenario
may go below that (an aftercare house may staff one person on purpose), but only on
purpose: each such minimum needs an explicit confirmation that cites the standard, names
who confirmed it and why, and is recorded with the rota (``rota.extra
["standard_confirmations"]``, so in rota.json, the store and the workbook) and shown in
the summary. Nights, sleeping night watches (``passive_night``) and on-call from home
(``on_call``) are outside this standard: it is about evening and weekend service to users.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roster.scenario import DUTY_KINDS, Requirement, Scenario

STANDARD_MIN = 3
STANDARD_NB = ("Dokumentert standard (prosjektrapporten for Miljøarbeidertjenesten i Fredrikstad, "
               "2006–2008): forsvarlig bemanning på kveld, helg og høytid er minimum 3. Én alene på "
               "kveld eller helg er ikke tilrådelig, av hensyn til sikkerhet og tilgjengelighet.")
STANDARD_EN = ("Documented standard (project report of the Fredrikstad outreach team, 2006-2008): "
               "responsible staffing on kveld, helg and høytid is a minimum of 3. One person alone "
               "on an evening or weekend is not advisable, for safety and for availability.")
WEEKEND_DAYS = {"saturday", "sunday"}


@dataclass(frozen=True)
class Lowered:
    """A requirement whose minimum is below the standard."""

    index: int
    label: str
    shift: str
    kind: str
    """'evening', 'weekend' or 'holiday'."""
    min_staff: int

    @property
    def key(self) -> str:
        """What a confirmation is for: this requirement at this minimum (a lower one needs a
        new confirmation)."""
        return f"{self.index}:{self.shift}:{self.min_staff}"


def kind_of(scenario: Scenario, req: Requirement) -> str | None:
    """'evening', 'weekend' or 'holiday' when the standard covers the requirement."""
    try:
        shift_kind = scenario.shift(req.shift).kind
    except KeyError:
        shift_kind = None
    days = set(req.days)
    if shift_kind in ("night", *DUTY_KINDS):
        return None  # nights, sleeping night watches and on-call are outside the standard
    if req.unit == "weekend" or days & WEEKEND_DAYS:
        return "weekend"
    if "holiday" in days:
        return "holiday"
    if shift_kind == "evening":
        return "evening"
    return None


def lowered(scenario: Scenario) -> list[Lowered]:
    """Every evening, weekend or holiday requirement whose minimum is below 3."""
    out = []
    for req in scenario.requirements:
        kind = kind_of(scenario, req)
        if kind is not None and req.min_staff_if_open < STANDARD_MIN:
            label = req.label if getattr(req, "label", None) else req.shift
            out.append(Lowered(req.index, str(label), req.shift, kind, int(req.min_staff_if_open)))
    return out


def confirmation(item: Lowered, *, who: str, reason: str, at: dt.datetime | None = None) -> dict:
    """The record of one confirmation (kept with the rota)."""
    when = (at or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    return {"requirement": item.label, "shift": item.shift, "kind": item.kind,
            "min_staff": item.min_staff, "standard_min": STANDARD_MIN, "key": item.key,
            "confirmed_by": who.strip(), "reason": reason.strip(),
            "at": when.isoformat().replace("+00:00", "Z"), "standard": STANDARD_NB}


def missing(scenario: Scenario, confirmed: dict[str, dict]) -> list[Lowered]:
    """The lowered minimums without a confirmation."""
    return [x for x in lowered(scenario) if x.key not in confirmed]


def records(scenario: Scenario, confirmed: dict[str, dict]) -> list[dict]:
    """The confirmations that apply to this scenario (those of minimums it still has)."""
    return [confirmed[x.key] for x in lowered(scenario) if x.key in confirmed]
