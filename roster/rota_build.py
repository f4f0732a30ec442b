"""Turn assignments into a full rota: staff bands, coverage rows, service level, breaches,
wishes granted, and the rota's true status (docs/adr/0006-true-status.md)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from roster.calendar import holiday_runs, saturday_of
from roster.check import check_rota
from roster.contract import hours_band
from roster.rota import Assignment, Rota
from roster.rules.breach import Breach
from roster.rules.words import Text, Words
from roster.scenario import UNSOCIAL_KINDS, Scenario
from roster.slots import SlotTable, on_duty, slot_counts
from roster.wishes_report import wish_outcomes


def _fmt_time(minutes: int | None) -> str | None:
    if minutes is None:
        return None
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def shift_rows(scenario: Scenario) -> list[dict]:
    """The shift types as rota.json lists them; ``hours`` is the working time a shift counts
    (for passive duty its counted part), and passive duty adds how it was counted."""
    rows = []
    for s in scenario.shifts:
        row = {"code": s.code, "name": s.name_nb, "name_en": s.name_en, "start": _fmt_time(s.start),
               "end": _fmt_time(s.end), "hours": round(s.paid_hours, 4), "kind": s.kind,
               "color": s.color}
        if s.is_duty:
            row["ratio"] = s.duty_ratio
            row["active_hours"] = round(s.active_minutes / 60, 4)
        rows.append(row)
    return rows


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
            "evenings": sum(1 for a in mine if shifts[a.shift].kind in UNSOCIAL_KINDS),
            "weekend_days": sum(1 for d in days if saturday_of(d) is not None),
            "weekends": len(weekends), "holidays": len(holidays),
            "holiday_periods": sum(1 for run in runs if any(d in days for d in run)),
            # peers for fairness: people who may work the same shifts
            "may_work": [c for c in shifts if c not in p.cannot_work],
        })
    return rows


# --- the true status ----------------------------------------------------------------
SHORT_KINDS: tuple[str, ...] = ("empty", "alone", "short", "skill")
"""How a base slot is short: nobody on it; one person alone on a shift that needs two or
more; two or more on it but below the minimum; its people there but a skill missing."""


def base_shortfall(scenario: Scenario, table: SlotTable, assignments: Sequence[Assignment]) -> dict:
    """Base slots below their minimum or without a skill they need, counted by kind
    (:data:`SHORT_KINDS`), with the people and skill holders missing."""
    skills = {p.id: set(p.skills) for p in scenario.staff}
    duty = on_duty(list(assignments))
    kinds: Counter = Counter()
    people = skill_people = 0
    for slot in table.slots:
        if slot.priority != "base":
            continue
        who = duty.get((slot.date, slot.shift), [])
        n = len(who)
        missing_skill = sum(max(0, k - sum(1 for sid in who if skill in skills.get(sid, ())))
                            for skill, k in slot.req.skills.items())
        if n < slot.min_staff:
            kinds["empty" if n == 0 else "alone" if n == 1 else "short"] += 1
        elif missing_skill:
            kinds["skill"] += 1
        people += max(0, slot.min_staff - n)
        skill_people += missing_skill
    return {"slots": sum(kinds.values()), **{k: kinds.get(k, 0) for k in SHORT_KINDS},
            "people": people, "skill_holders": skill_people}


def true_status(solver_status: str, breaches: Sequence[Breach]) -> str:
    """The rota's status as the contract means it, from the independent checker's verdict:
    never ``optimal`` or ``feasible`` with a hard-rule breach or a base shift short (both are
    error-severity breaches); ``infeasible`` then, with the rota written and every breach
    in ``violations``. ``error`` (no rota at all) stays ``error``."""
    if solver_status == "error":
        return "error"
    if solver_status == "infeasible" or any(b.is_error for b in breaches):
        return "infeasible"
    return solver_status


VERDICT_OK = {
    "optimal": Words("every hard rule kept and every base shift at its minimum; every priority "
                     "proven best",
                     "alle harde regler holdt og alle grunnvakter har minimum; hver prioritet "
                     "bevist best"),
    "feasible": Words("every hard rule kept and every base shift at its minimum; not every "
                      "priority proven best (time limit)",
                      "alle harde regler holdt og alle grunnvakter har minimum; ikke hver "
                      "prioritet bevist best (tidsgrense)"),
}
VERDICT_SHORT = Text("{slots} base shift(s) short ({empty} empty, {alone} with one alone, {short} "
                     "below the minimum, {skill} without a skill they need; {people} person(s) and "
                     "{skill_holders} skill holder(s) missing)",
                     "{slots} grunnvakt(er) som mangler folk ({empty} tomme, {alone} med én alene, "
                     "{short} under minimum, {skill} uten nødvendig kompetanse; {people} person(er) "
                     "og {skill_holders} med kompetanse mangler)")
VERDICT_OTHER = Text("{n} other hard-rule breach(es)", "{n} andre brudd på harde regler")
PROOF = {
    "proven": Words("the planner proved this shortfall the least possible",
                    "planleggeren beviste at mangelen ikke kan bli mindre"),
    "unavoidable": Words("not proven the least possible (time limit), but part of it is "
                         "unavoidable", "ikke bevist minst mulig (tidsgrense), men en del av "
                         "den kan ikke unngås"),
    "unproven": Words("not proven unavoidable: more time may cover it",
                      "ikke bevist at den ikke kan unngås: mer tid kan dekke den"),
}


def _base_proof(stages: Sequence[dict]) -> str | None:
    """How far the solver proved the base stage: "proven" (its value is the least
    possible), "unavoidable" (its best bound is above zero) or "unproven"."""
    base = next((st for st in stages if st.get("stage") == "base"), None)
    if base is None:
        return None
    if base.get("status") == "optimal":
        return "proven"
    bound = base.get("bound")
    return "unavoidable" if bound is not None and bound > 1e-6 else "unproven"


def verdict(status: str, solver_status: str, breaches: Sequence[Breach], short: dict,
            stages: Sequence[dict] = ()) -> dict:
    """The status with what it rests on, for ``rota.json``'s ``verdict`` and the summary's
    first line, in English and bokmål."""
    slot_rules = ("coverage", "skill")
    other = sum(1 for b in breaches if b.is_error and b.rule not in slot_rules)
    if status in VERDICT_OK:
        said = VERDICT_OK[status]
    elif status == "error":
        said = Words("no rota found within the time limit; allow more time",
                     "fant ingen turnus innen tidsgrensen; gi mer tid")
    else:
        parts_en, parts_nb = [], []
        if short["slots"]:
            w = VERDICT_SHORT.render(**short)
            proof = _base_proof(stages)
            parts_en.append(w.en + (f": {PROOF[proof].en}" if proof else ""))
            parts_nb.append(w.nb + (f": {PROOF[proof].nb}" if proof else ""))
        if other or not parts_en:
            w = VERDICT_OTHER.render(n=other)
            parts_en.append(w.en)
            parts_nb.append(w.nb)
        said = Words("rota written, but it leaves " + "; and ".join(parts_en),
                     "turnusen er skrevet, men den har " + "; og ".join(parts_nb))
    return {"status": status, "solver_status": solver_status, "base_short": short,
            "hard_breaches": other, "proof": _base_proof(stages),
            "text": said.en, "text_nb": said.nb}


def build_rota(scenario: Scenario, assignments: list[Assignment], *, status: str,
               solver: dict | None = None, history: dict | None = None,
               notes: list[Breach] | None = None, table: SlotTable | None = None,
               extra: dict | None = None) -> Rota:
    """A complete rota for the scenario from its assignments, with every breach listed.
    ``status`` is what the solver (or the caller) says; the rota's status is
    :func:`true_status` of it and the checker's breaches, explained in ``verdict``."""
    table = table or SlotTable(scenario)
    breaches = check_rota(scenario, assignments, history, table)
    breaches += [note for note in notes or [] if note not in breaches]
    violations = [b.to_json() for b in breaches]
    solver_status, status = status, true_status(status, breaches)
    short = base_shortfall(scenario, table, assignments)
    more = {"unit": scenario.unit, "service_level": service_level(table, assignments),
            "verdict": verdict(status, solver_status, breaches, short,
                               (solver or {}).get("stages", [])),
            "wishes": [w.to_json() for w in wish_outcomes(scenario, assignments)]}
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
