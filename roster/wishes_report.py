"""Wishes granted and not granted, per person: the rota's answer to each wish.

:func:`wish_outcomes` judges any rota (planned, re-planned or hand-edited) against the
scenario's wishes, the way the planner's wishes stage counts them (``roster/rules/wishes.py``):
a day off is granted when the person has no shift that date, a shift when they have that
shift, a shift not wanted when they do not have it. A wish the rota could not have granted
at all says why (``blocked``): the person is away that day (no kind is given: sick leave is
health information), has a fixed day off, may not work the shift, or the shift does not run
that day. ``rota.json`` carries the outcomes as ``wishes`` (docs/rota-fields.md); the
summary, the rota workbook and the app show them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from roster.availability import CANNOT_WORK, FIXED_DAY_OFF, unavailable_reason
from roster.rota import Assignment, Rota
from roster.rules.words import Words
from roster.scenario import Scenario
from roster.slots import SlotTable

KIND_WORDS: dict[str, Words] = {
    "day_off": Words("day off", "fri"),
    "shift": Words("shift wanted", "ønsket vakt"),
    "not_shift": Words("shift not wanted", "ikke ønsket vakt"),
}
BLOCKED_WORDS: dict[str, Words] = {
    "away": Words("away that day", "borte den dagen"),
    "day_off": Words("fixed day off", "fast fridag"),
    "not_allowed": Words("may not work the shift", "skal ikke ha vakten"),
    "no_shift": Words("the shift does not run that day", "vakten går ikke den dagen"),
}
GRANTED_WORDS = {True: Words("granted", "innfridd"), False: Words("not granted", "ikke innfridd")}


@dataclass(frozen=True)
class WishOutcome:
    """One wish (one person, one date) and whether the rota grants it."""

    staff: str
    name: str
    date: dt.date
    kind: str  # day_off | shift | not_shift
    shift: str | None
    weight: float
    granted: bool
    worked: str | None
    """The shift the person has that date in the rota (None: a day off)."""
    blocked: str | None = None
    """Why the rota could not grant it at all (:data:`BLOCKED_WORDS`), else None."""

    def to_json(self) -> dict:
        return {"staff": self.staff, "date": self.date.isoformat(), "kind": self.kind,
                "shift": self.shift, "off": self.kind == "day_off", "weight": self.weight,
                "granted": self.granted, "worked": self.worked, "blocked": self.blocked}

    def describe(self, lang: str = "en") -> str:
        """'Tue 14 Dec: shift not wanted N (weight 2): not granted, has N'."""
        what = KIND_WORDS[self.kind].render(lang) + (f" {self.shift}" if self.shift else "")
        text = f"{self.date.isoformat()} {what} ({'vekt' if lang == 'nb' else 'weight'} " \
               f"{self.weight:g}): {GRANTED_WORDS[self.granted].render(lang)}"
        if not self.granted:
            has = self.worked or ("fri" if lang == "nb" else "off")
            text += f", {'har' if lang == 'nb' else 'has'} {has}"
        if self.blocked:
            text += f" ({BLOCKED_WORDS[self.blocked].render(lang)})"
        return text


def _blocked(scenario: Scenario, table: SlotTable, staff_id: str, date: dt.date,
             kind: str, shift: str | None) -> str | None:
    """Why a shift wish could not be granted by any rota (None if it could)."""
    if kind != "shift" or shift is None:
        return None
    person = next((p for p in scenario.staff if p.id == staff_id), None)
    if person is None:
        return None
    day = table.index_of.get(date)
    if day is None or table.get(day, shift) is None:
        return "no_shift"
    reason = unavailable_reason(scenario, person, date, shift)
    if reason is None:
        return None
    return {FIXED_DAY_OFF: "day_off", CANNOT_WORK: "not_allowed"}.get(reason, "away")


def wish_outcomes(scenario: Scenario, rota: Rota | Iterable[Assignment],
                  table: SlotTable | None = None) -> list[WishOutcome]:
    """Each of the scenario's wishes in the period, granted or not by this rota, by person
    (in staff order) and date."""
    assignments = rota.assignments if isinstance(rota, Rota) else list(rota)
    worked = {(a.staff, a.date): a.shift for a in assignments}
    table = table or SlotTable(scenario)
    names = {p.id: p.name for p in scenario.staff}
    order = {p.id: i for i, p in enumerate(scenario.staff)}
    out = []
    for w in scenario.wishes:
        if not scenario.start <= w.date <= scenario.end:
            continue
        has = worked.get((w.staff, w.date))
        if w.kind == "day_off":
            granted = has is None
        elif w.kind == "shift":
            granted = has == w.shift
        else:
            granted = has != w.shift
        out.append(WishOutcome(staff=w.staff, name=names.get(w.staff, w.staff), date=w.date,
                               kind=w.kind, shift=w.shift, weight=w.weight, granted=granted,
                               worked=has, blocked=None if granted else
                               _blocked(scenario, table, w.staff, w.date, w.kind, w.shift)))
    out.sort(key=lambda o: (order.get(o.staff, len(order)), o.date, o.kind, o.shift or ""))
    return out


def per_person(outcomes: Sequence[WishOutcome]) -> list[dict]:
    """Per person with wishes: wishes and weight, granted and in all."""
    rows: dict[str, dict] = {}
    for o in outcomes:
        r = rows.setdefault(o.staff, {"staff": o.staff, "name": o.name, "wishes": 0, "granted": 0,
                                      "weight": 0.0, "weight_granted": 0.0})
        r["wishes"] += 1
        r["weight"] += o.weight
        if o.granted:
            r["granted"] += 1
            r["weight_granted"] += o.weight
    return list(rows.values())
