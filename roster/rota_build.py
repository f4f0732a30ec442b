"""Turn assignments into a full rota: staff bands, coverage rows, service level, breaches."""

from __future__ import annotations

from roster.calendar import holiday_runs, saturday_of
from roster.check import check_rota
from roster.contract import hours_band
from roster.rota import Assignment, Rota
from roster.rules.breach import Breach
from roster.scenario import Scenario
from roster.slots import SlotTable, slot_counts


def _fmt_time(minutes: int | None) -> str | None:
    if minutes is None:
        return None
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def shift_rows(scenario: Scenario) -> list[dict]:
    return [{"code": s.code, "name": s.name_nb, "name_en": s.name_en, "start": _fmt_time(s.start),
             "end": _fmt_time(s.end), "hours": round(s.paid_hours, 4), "kind": s.kind,
             "color": s.color} for s in scenario.shifts]


def opened_units(table: SlotTable, assignments: list[Assignment]) -> dict[tuple, bool]:
    """An opening unit counts as opened when every slot in it has its minimum."""
    count = slot_counts(assignments)
    return {key: all(count[(s.date, s.shift)] >= s.min_staff for s in slots)
            for key, slots in table.units.items()}


def coverage_rows(table: SlotTable, assignments: list[Assignment]) -> list[dict]:
    count = slot_counts(assignments)
    rows = []
    for slot in table.slots:
        n = count[(slot.date, slot.shift)]
        is_open = n > 0 if slot.priority == "service" else True
        rows.append({
            "date": slot.date.isoformat(), "shift": slot.shift, "min": slot.min_staff,
            "max": slot.max_staff, "required": slot.min_staff if is_open else 0, "assigned": n,
            "open": is_open, "priority": slot.priority, "skills": dict(slot.req.skills),
            "day_type": slot.day.day_type,
        })
    return rows


def service_level(table: SlotTable, assignments: list[Assignment]) -> list[dict]:
    """Per service requirement: the target and what was opened, per target period."""
    opened = opened_units(table, assignments)
    out = []
    for req in table.scenario.requirements:
        if req.priority != "service":
            continue
        groups = [g for g in table.target_groups if g.req is req]
        periods = []
        for g in groups:
            periods.append({"period": g.label, "target": g.target,
                            "opened": sum(1 for k in g.units if opened.get(k))})
        units = [k for k in table.units if k[0] == req.index]
        out.append({
            "requirement": req.key, "shift": req.shift, "unit": req.unit, "rank": req.rank,
            "target": req.open.describe(req.unit), "min_staff_if_open": req.min_staff_if_open,
            "opened": sum(1 for k in units if opened.get(k)), "possible": len(units),
            "target_total": sum(g.target for g in groups), "periods": periods,
        })
    return out


def staff_rows(scenario: Scenario, table: SlotTable, assignments: list[Assignment]) -> list[dict]:
    shifts = {s.code: s for s in scenario.shifts}
    runs = [[table.days[i].date for i in run] for run in holiday_runs(table.days)]
    rows = []
    for p in scenario.staff:
        band = hours_band(scenario, p, table.days)
        mine = [a for a in assignments if a.staff == p.id and a.shift in shifts]
        minutes = sum(shifts[a.shift].paid_minutes for a in mine)
        days = {a.date: a for a in mine}
        weekends = {saturday_of(d) for d in days} - {None}
        holidays = [d for d in days if table.days[table.index_of[d]].is_holiday] \
            if days else []
        rows.append({
            "id": p.id, "name": p.name, "fte": p.fte, "skills": list(p.skills), "role": p.role,
            "target_hours": round(band.target / 60, 2), "min_hours": round(band.min / 60, 2),
            "max_hours": round(band.max / 60, 2), "planned_hours": round(minutes / 60, 2),
            "shifts": len(mine),
            "evenings": sum(1 for a in mine if shifts[a.shift].kind in ("evening", "night")),
            "weekend_days": sum(1 for d in days if saturday_of(d) is not None),
            "weekends": len(weekends), "holidays": len(holidays),
            "holiday_periods": sum(1 for run in runs if any(d in days for d in run)),
            # peers for fairness: people who may work the same shifts
            "may_work": [c for c in shifts if c not in p.cannot_work],
        })
    return rows


def build_rota(scenario: Scenario, assignments: list[Assignment], *, status: str,
               solver: dict | None = None, history: dict | None = None,
               notes: list[Breach] | None = None, table: SlotTable | None = None,
               extra: dict | None = None) -> Rota:
    """A complete rota for the scenario from its assignments, with every breach listed."""
    table = table or SlotTable(scenario)
    breaches = check_rota(scenario, assignments, history, table)
    breaches += [note for note in notes or [] if note not in breaches]
    violations = [b.to_json() for b in breaches]
    more = {"unit": scenario.unit, "service_level": service_level(table, assignments)}
    more.update(extra or {})
    return Rota(
        scenario=scenario.name, start=scenario.start, end=scenario.end, status=status,
        assignments=sorted(assignments), solver=solver or {},
        rules=scenario.rules.as_contract(), shifts=shift_rows(scenario),
        staff=staff_rows(scenario, table, assignments),
        absences=[{"staff": a.staff, "start": a.start.isoformat(), "end": a.end.isoformat(),
                   "kind": a.kind, "percent": a.percent} for a in scenario.absences],
        coverage=coverage_rows(table, assignments), violations=violations, extra=more,
    )
