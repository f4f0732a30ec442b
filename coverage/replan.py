"""Re-plan a published rota after new absences, changing as little as the rules allow.

Days before the first affected day are kept exactly (locked from the published rota: the
shift, or the day off). The new absences are added to the scenario, and the planner runs
with the published rota as baseline and ``REPLAN_STAGE_ORDER``, where minimal change
("stability") is the stage right after base coverage, contract hours and service, so the
planner gives up a published shift only to keep coverage or a rule. Source: the
trust-person principle in ../shared/DOMAIN.md (plans change as little as possible when
someone falls ill).

For each shift the re-plan still leaves short, ``candidates`` ranks who could take it
without a new rule breach (checked with the independent checker ``roster.check``),
cheapest first: no overtime first, then the fewest hours above the person's target.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace

from roster.check import check_rota
from roster.contract import fully_absent, hours_band
from roster.errors import UserError
from roster.model import REPLAN_STAGE_ORDER
from roster.planner import PlanOptions, history_from, plan
from roster.rota import Assignment, Rota
from roster.rota_build import service_level
from roster.scenario import ABSENCE_KINDS, Absence, Lock, Scenario
from roster.slots import SlotTable

# rules whose breach on the short slot itself is what the candidate fixes, not a new breach
_SLOT_RULES = ("coverage", "open_or_minimum", "skill", "service_target")


def parse_absent(text: str, kind: str = "sick") -> Absence:
    """``ID:FROM:TO`` (dates as YYYY-MM-DD) as an Absence; a clear error otherwise."""
    parts = text.split(":")
    if len(parts) != 3:
        raise UserError(f"--absent {text!r}: expected ID:FROM:TO, e.g. s03:2027-01-11:2027-01-24")
    sid, a, b = parts
    try:
        start, end = dt.date.fromisoformat(a), dt.date.fromisoformat(b)
    except ValueError:
        raise UserError(f"--absent {text!r}: dates must look like 2027-01-11") from None
    if end < start:
        raise UserError(f"--absent {text!r}: end {end} is before start {start}")
    if kind not in ABSENCE_KINDS:
        raise UserError(f"--kind {kind!r}: expected one of {', '.join(ABSENCE_KINDS)}")
    return Absence(staff=sid, start=start, end=end, kind=kind)


def check_absences(scenario: Scenario, absences: list[Absence]) -> None:
    known = set(scenario.staff_ids)
    for a in absences:
        if a.staff not in known:
            raise UserError(f"--absent: '{a.staff}' is not in the scenario's staff list "
                            f"({', '.join(sorted(known))})")
        if a.end < scenario.start or a.start > scenario.end:
            raise UserError(f"--absent {a.staff}: {a.start}..{a.end} is outside the period "
                            f"{scenario.start}..{scenario.end}")


@dataclass
class Candidate:
    staff: str
    name: str
    hours: float
    overtime: bool
    overtime_hours: float
    hours_above_target: float

    def to_json(self) -> dict:
        return dict(self.__dict__)


@dataclass
class ShortSlot:
    date: dt.date
    shift: str
    priority: str
    assigned: int
    min: int
    candidates: list[Candidate] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"date": self.date.isoformat(), "shift": self.shift, "priority": self.priority,
                "assigned": self.assigned, "min": self.min,
                "candidates": [c.to_json() for c in self.candidates]}


@dataclass
class ReplanResult:
    rota: Rota
    changes: list[dict]
    start: dt.date
    absences: list[Absence]
    short: list[ShortSlot]
    service_before: list[dict] = field(default_factory=list)


def replan_start(scenario: Scenario, absences: list[Absence], today: dt.date | None = None) -> dt.date:
    """The first day that may change: the first absent day, never before ``today``."""
    first = min((a.start for a in absences), default=scenario.start)
    first = max(first, scenario.start, today or scenario.start)
    return min(first, scenario.end)


def past_locks(scenario: Scenario, published: Rota, before: dt.date) -> list[Lock]:
    """Locks that keep every published shift and day off before ``before``."""
    worked = published.by_staff_date()
    locks = []
    for d in scenario.dates:
        if d >= before:
            break
        for sid in scenario.staff_ids:
            locks.append(Lock(staff=sid, date=d, shift=worked.get((sid, d))))
    return locks


def changes_between(old: Rota | list[Assignment], new: Rota | list[Assignment]) -> list[dict]:
    """Every person-day whose shift differs: {"staff", "date", "before", "after"} (codes or
    None for a day off), sorted by date and person."""
    a = {(x.staff, x.date): x.shift for x in (old.assignments if isinstance(old, Rota) else old)}
    b = {(x.staff, x.date): x.shift for x in (new.assignments if isinstance(new, Rota) else new)}
    out = []
    for sid, d in sorted(set(a) | set(b), key=lambda k: (k[1], k[0])):
        if a.get((sid, d)) != b.get((sid, d)):
            out.append({"staff": sid, "date": d.isoformat(), "before": a.get((sid, d)),
                        "after": b.get((sid, d))})
    return out


def _breach_keys(rows: list[dict], slot: tuple[str, str] | None = None) -> Counter:
    keys: Counter = Counter()
    for r in rows:
        if r["severity"] != "error" or r["rule"] == "hours":
            continue  # hours above the band is overtime: marked, not forbidden
        if slot and r["rule"] in _SLOT_RULES and (r.get("date"), r.get("shift")) == slot:
            continue
        keys[(r["rule"], r.get("staff"), r.get("date"), r.get("shift"))] += 1
    return keys


def candidates(scenario: Scenario, assignments: list[Assignment], date: dt.date, shift: str,
               history: dict | None = None, table: SlotTable | None = None) -> list[Candidate]:
    """Who could take one more ``shift`` on ``date`` without a new rule breach, cheapest
    first (no overtime, then fewest hours above their target, then id).

    Each person is tried alone: the checker runs on a copy of the scenario with only that
    person (every rule about one person sees only their own days; the slot's own
    minimum and skills are what the candidate helps, and a short slot is below its
    maximum), before and after adding the shift. Hours above the band are not a
    breach here but overtime, which is marked.
    """
    table = table or SlotTable(scenario)
    slot_key = (date.isoformat(), shift)
    shifts = {s.code: s for s in scenario.shifts}
    busy = {a.staff for a in assignments if a.date == date}
    out = []
    for p in scenario.staff:
        if p.id in busy or fully_absent(scenario, p.id, date):
            continue
        own = [a for a in assignments if a.staff == p.id]
        alone = scenario.with_changes(staff=(p,),
                                      locks=tuple(lk for lk in scenario.locks if lk.staff == p.id))
        hist = {k: v for k, v in (history or {}).items() if k[0] == p.id}
        before = _breach_keys(check_rota(alone, own, hist, table), slot_key)
        trial = [*own, Assignment(date=date, staff=p.id, shift=shift)]
        after = _breach_keys(check_rota(alone, trial, hist, table), slot_key)
        if after - before:
            continue
        band = hours_band(scenario, p, table.days)
        total = sum(shifts[a.shift].paid_minutes for a in trial if a.shift in shifts)
        over = max(0, total - band.max)
        out.append(Candidate(staff=p.id, name=p.name, hours=round(shifts[shift].paid_hours, 2),
                             overtime=over > 0, overtime_hours=round(over / 60, 2),
                             hours_above_target=round(max(0, total - band.target) / 60, 2)))
    out.sort(key=lambda c: (c.overtime, c.overtime_hours, c.hours_above_target, c.staff))
    return out


def short_slots(scenario: Scenario, rota: Rota, published: Rota, start: dt.date,
                history: dict | None = None, limit: int | None = None) -> list[ShortSlot]:
    """Slots from ``start`` on that are short after the re-plan: base slots below their
    minimum, and service slots opened in the published rota but below their minimum now."""
    table = SlotTable(scenario)
    now = Counter((a.date, a.shift) for a in rota.assignments)
    was = Counter((a.date, a.shift) for a in published.assignments)
    out = []
    for slot in table.slots:
        if slot.date < start:
            continue
        n = now[(slot.date, slot.shift)]
        if (slot.priority == "base" and n < slot.min_staff) or (
                slot.priority == "service" and was[(slot.date, slot.shift)] >= slot.min_staff
                and n < slot.min_staff):
            out.append(ShortSlot(date=slot.date, shift=slot.shift, priority=slot.priority,
                                 assigned=n, min=slot.min_staff))
    for s in out[:limit]:
        s.candidates = candidates(scenario, rota.assignments, s.date, s.shift, history, table)
    return out


def replan(scenario: Scenario, published: Rota, absences: list[Absence], *,
           today: dt.date | None = None, options: PlanOptions | None = None,
           previous: Rota | None = None) -> ReplanResult:
    """Re-plan ``published`` for ``scenario`` after the new ``absences``.

    The new absences are clipped to the days that may still change (the past is kept as
    it was). Returns the new rota (with ``changes`` and ``replan`` in ``Rota.extra``, so
    both land in rota.json), the change list and the slots left short with candidates.
    """
    if (published.start, published.end) != (scenario.start, scenario.end):
        raise UserError(f"the rota covers {published.start}..{published.end} but the scenario "
                        f"covers {scenario.start}..{scenario.end}")
    check_absences(scenario, absences)
    start = replan_start(scenario, absences, today)
    clipped = tuple(Absence(a.staff, max(a.start, start), a.end, a.kind, a.percent)
                    for a in absences if a.end >= start)
    locks = past_locks(scenario, published, start)
    pinned = {(lk.staff, lk.date) for lk in locks}
    kept = tuple(lk for lk in scenario.locks if (lk.staff, lk.date) not in pinned)
    new_scenario = scenario.with_changes(absences=scenario.absences + clipped,
                                         locks=kept + tuple(locks))
    opts = options or PlanOptions()
    opts = replace(opts, stage_order=REPLAN_STAGE_ORDER)
    meta = {"from": start.isoformat(),
            "absent": [{"staff": a.staff, "start": a.start.isoformat(), "end": a.end.isoformat(),
                        "kind": a.kind} for a in absences]}
    rota = plan(new_scenario, opts, previous=previous, baseline=published,
                extra={"replan": meta})
    changes = changes_between(published, rota)
    rota.extra["changes"] = changes
    short = short_slots(new_scenario, rota, published, start, history_from(previous, scenario))
    rota.extra["short"] = [s.to_json() for s in short]
    before = published.extra.get("service_level") or service_level(SlotTable(scenario),
                                                                    published.assignments)
    return ReplanResult(rota=rota, changes=changes, start=start, absences=list(absences),
                        short=short, service_before=before)


def format_replan(result: ReplanResult, names: dict[str, str] | None = None) -> str:
    names = names or {}
    lines = [f"Re-planned from {result.start} (days before kept as published); status "
             f"{result.rota.status}"]
    lines.append(f"Changes: {len(result.changes)} person-day(s)")
    for c in result.changes:
        who = names.get(c["staff"], c["staff"])
        lines.append(f"  {c['date']}  {c['staff']:<6} {who:<22} {c['before'] or 'off':>4} -> "
                     f"{c['after'] or 'off'}")
    was = {s["requirement"]: s for s in result.service_before}
    for s in result.rota.extra.get("service_level", []):
        b = was.get(s["requirement"])
        before = f"{b['opened']} -> " if b else ""
        lines.append(f"Service {s['requirement']} ({s['shift']}, target {s['target']}): opened "
                     f"{before}{s['opened']} of {s['possible']}")
    if not result.short:
        lines.append("Every base shift and every service shift that was opened has its minimum.")
    for s in result.short:
        lines.append(f"Short: {s.date} {s.shift} ({s.priority}) {s.assigned} of {s.min}, needs "
                     f"{s.min - s.assigned} more; each of these could take it alone:")
        if not s.candidates:
            lines.append("    nobody without breaking a rule (vikar needed)")
        for c in s.candidates[:8]:
            ot = f"OVERTIME +{c.overtime_hours:g} h" if c.overtime else "no overtime"
            lines.append(f"    {c.staff:<6} {c.name:<22} {ot}; {c.hours_above_target:g} h above "
                         "target")
    return "\n".join(lines)
