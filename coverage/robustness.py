"""Robustness of a fixed rota: N-1 analysis, a score, the weak days, and the cost of a
robust plan.

N-1: for each assignment (a person on a worked day), suppose that person calls in sick
and nobody is called in. The loss *breaks* something when the person's slot then falls
below its minimum (a base slot, or a service slot that was opened: then one short, or
someone alone), or when the slot loses its last person with a required skill. The
robustness score is the share of worked person-days whose loss breaks nothing; a slot
is weak when any single loss on it breaks something (it has no margin).

A robust plan: ``roster solve --robust N`` / ``PlanOptions(extra_on_base=N)`` asks for N
staff above the minimum on base shifts where the contract hours allow it (the cost is in
the model's "base" stage, below the minimum itself). ``robust_cost`` compares the planned
hours, the margin and the service of a plain and a robust rota.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roster.planner import PlanOptions, plan
from roster.rota import Assignment, Rota
from roster.scenario import Scenario
from roster.slots import SlotTable, on_duty, slot_counts
from roster.vocabulary import num, pct, priority_word, weekday_name_words


@dataclass
class Loss:
    """What one person's sick day would break."""

    staff: str
    date: dt.date
    shift: str
    breaks: list[str]

    def to_json(self) -> dict:
        return {"staff": self.staff, "date": self.date.isoformat(), "shift": self.shift,
                "breaks": self.breaks}


@dataclass
class RobustnessResult:
    person_days: int
    safe: int
    losses: list[Loss]
    weak_slots: list[dict]

    @property
    def score(self) -> float:
        return self.safe / self.person_days if self.person_days else 1.0

    def to_json(self) -> dict:
        return {"person_days": self.person_days, "safe": self.safe, "score": round(self.score, 4),
                "breaking_losses": [x.to_json() for x in self.losses if x.breaks],
                "weak_slots": self.weak_slots}


def n_minus_1(scenario: Scenario, rota: Rota | list[Assignment]) -> RobustnessResult:
    """The N-1 analysis of a rota against its scenario's slots."""
    assignments = rota.assignments if isinstance(rota, Rota) else list(rota)
    table = SlotTable(scenario)
    skills = {p.id: set(p.skills) for p in scenario.staff}
    on = on_duty(assignments)
    slots = {(s.date, s.shift): s for s in table.slots}
    losses: list[Loss] = []
    weak: dict[tuple[dt.date, str], dict] = {}
    for a in sorted(assignments):
        slot = slots.get((a.date, a.shift))
        breaks: list[str] = []
        if slot is not None:
            people = on[(a.date, a.shift)]
            n = len(people)
            counts = slot.priority == "base" or (slot.priority == "service" and n >= slot.min_staff)
            if counts and n - 1 < slot.min_staff:
                what = "base" if slot.priority == "base" else "opened service"
                breaks.append(f"{what} {a.shift} {n - 1} of {slot.min_staff}")
            if counts:
                for skill, k in slot.req.skills.items():
                    have = sum(1 for sid in people if skill in skills.get(sid, ()))
                    if skill in skills.get(a.staff, ()) and have - 1 < k:
                        breaks.append(f"skill {skill} {have - 1} of {k}")
            if breaks:
                row = weak.setdefault((a.date, a.shift), {
                    "date": a.date.isoformat(), "weekday": a.date.strftime("%a"),
                    "shift": a.shift, "priority": slot.priority, "assigned": n,
                    "min": slot.min_staff, "critical_staff": []})
                row["critical_staff"].append(a.staff)
        losses.append(Loss(staff=a.staff, date=a.date, shift=a.shift, breaks=breaks))
    safe = sum(1 for x in losses if not x.breaks)
    return RobustnessResult(person_days=len(losses), safe=safe, losses=losses,
                            weak_slots=[weak[k] for k in sorted(weak)])


def _totals(scenario: Scenario, rota: Rota) -> dict:
    r = n_minus_1(scenario, rota)
    table = SlotTable(scenario)
    count = slot_counts(rota.assignments)
    margin = sum(max(0, count[(s.date, s.shift)] - s.min_staff)
                 for s in table.slots if s.priority == "base")
    opened = sum(s["opened"] for s in rota.extra.get("service_level", []))
    return {"planned_hours": round(sum(x.get("planned_hours", 0) for x in rota.staff), 2),
            "base_margin_person_shifts": margin, "service_units_opened": opened,
            "score": round(r.score, 4), "weak_slots": len(r.weak_slots),
            "status": rota.status}


def robust_cost(scenario: Scenario, plain: Rota, robust: Rota) -> dict:
    """Planned hours, base margin (persons above the minimum, summed over base shifts),
    service opened and N-1 score of a plain and a robust rota, and the differences."""
    a, b = _totals(scenario, plain), _totals(scenario, robust)
    diff = {k: round(b[k] - a[k], 4) for k in a if isinstance(a[k], (int, float))}
    return {"plain": a, "robust": b, "difference": diff}


def plan_robust(scenario: Scenario, extra_on_base: int = 1,
                options: PlanOptions | None = None) -> Rota:
    """A rota planned with ``extra_on_base`` staff above the minimum on base shifts."""
    from dataclasses import replace

    return plan(scenario, replace(options or PlanOptions(), extra_on_base=extra_on_base))


def format_robustness(result: RobustnessResult, max_rows: int = 25, lang: str = "en") -> str:
    if lang == "nb":
        return _format_robustness_nb(result, max_rows)
    lines = [f"N-1 robustness: {result.safe} of {result.person_days} worked person-days can be "
             f"lost without breaking coverage (score {result.score:.1%})"]
    if result.weak_slots:
        lines.append(f"Weak shifts ({len(result.weak_slots)}): one sick call breaks the minimum")
        for w in result.weak_slots[:max_rows]:
            lines.append(f"  {w['date']} {w['weekday']} {w['shift']:<3} {w['priority']:<7} "
                         f"{w['assigned']} staffed, min {w['min']}; critical: "
                         f"{' '.join(w['critical_staff'])}")
        if len(result.weak_slots) > max_rows:
            lines.append(f"  ... and {len(result.weak_slots) - max_rows} more")
    else:
        lines.append("No weak shifts: every single sick call leaves the minimum in place.")
    return "\n".join(lines)


def format_cost(cost: dict, n: int, lang: str = "en") -> str:
    if lang == "nb":
        return _format_cost_nb(cost, n)
    p, r, d = cost["plain"], cost["robust"], cost["difference"]
    return "\n".join([
        f"Robust plan (+{n} above the minimum on base shifts) against the plain rota:",
        f"  {'':28}{'plain':>10}{'robust':>10}{'change':>10}",
        *(f"  {label:<28}{p[k]:>10}{r[k]:>10}{d[k]:>+10}" for label, k in (
            ("planned hours", "planned_hours"),
            ("base margin (person-shifts)", "base_margin_person_shifts"),
            ("service units opened", "service_units_opened"),
            ("N-1 score", "score"), ("weak shifts", "weak_slots"))),
    ])


def _format_robustness_nb(result: RobustnessResult, max_rows: int = 25) -> str:
    """``format_robustness`` in bokmål."""
    lines = [f"N-1-robusthet: {result.safe} av {result.person_days} arbeidede dagsverk kan falle bort "
             f"uten at bemanningen brytes (score {pct(result.score, 'nb')})"]
    if result.weak_slots:
        lines.append(f"Sårbare vakter ({len(result.weak_slots)}): ett sykefravær bryter minimum")
        for w in result.weak_slots[:max_rows]:
            lines.append(f"  {w['date']} {weekday_name_words(w['weekday'], 'nb'):<3} {w['shift']:<3} "
                         f"{priority_word(w['priority'], 'nb'):<9} {w['assigned']} på vakt, min "
                         f"{w['min']}; kritisk: {' '.join(w['critical_staff'])}")
        if len(result.weak_slots) > max_rows:
            lines.append(f"  ... og {len(result.weak_slots) - max_rows} til")
    else:
        lines.append("Ingen sårbare vakter: hvert enkelt sykefravær lar minimum stå.")
    return "\n".join(lines)


def _format_cost_nb(cost: dict, n: int) -> str:
    p, r, d = cost["plain"], cost["robust"], cost["difference"]

    def cell(x: object, sign: str = "") -> str:
        return num(x, "nb", f"{sign}g") if isinstance(x, float) else format(x, sign)

    return "\n".join([
        f"Robust plan (+{n} over minimum på grunnvakter) mot den vanlige turnusen:",
        f"  {'':28}{'vanlig':>10}{'robust':>10}{'endring':>10}",
        *(f"  {label:<28}{cell(p[k]):>10}{cell(r[k]):>10}{cell(d[k], '+'):>10}" for label, k in (
            ("planlagte timer", "planned_hours"),
            ("margin grunnvakter (dagsverk)", "base_margin_person_shifts"),
            ("tjenesteåpninger", "service_units_opened"),
            ("N-1-score", "score"), ("sårbare vakter", "weak_slots"))),
    ])
