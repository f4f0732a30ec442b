"""Test one rule unit alone, in the verifier style (Timefold's ConstraintVerifier): given a
small rota, does the rule's model forbid it (or what does it cost), and does the rule's
check report it?

``model_verdict`` builds the model of a scenario with only that rule (plus one shift a
day), fixes every assignment variable to the given rota and solves: the rota is
``allowed`` when the hard constraints hold, and ``costs`` gives each stage's value. An
assignment the model has no variable for (a filter or a missing slot forbids it) makes the
rota not allowed. ``breaches`` runs only that rule's check on the same rota.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from builders import rota_of

from roster.check import check_rota
from roster.planner import PlanOptions, build_model
from roster.rules.breach import Breach
from roster.rules.catalogue import unit
from roster.scenario import Scenario
from roster.solve import solve_model

Rows = list[tuple[str, str, str]]  # (staff, "YYYY-MM-DD", shift code)


@dataclass
class Verdict:
    allowed: bool
    costs: dict[str, float] = field(default_factory=dict)

    def cost(self, stage: str) -> float:
        """The rota's cost in one stage (0 where the rule put no cost there)."""
        return round(self.costs.get(stage, 0.0), 6)


def history_of(rows: Rows) -> dict[tuple[str, dt.date], str]:
    return {(p, dt.date.fromisoformat(d)): c for p, d, c in rows}


def model_verdict(s: Scenario, rule: str, rows: Rows, *, also: tuple[str, ...] = (),
                  history: Rows = (), baseline: Rows | None = None,
                  options: PlanOptions | None = None) -> Verdict:
    """The rule's model (with ``also``) on exactly this rota: allowed, and what it costs."""
    ids = dict.fromkeys(("one_shift_per_day", rule, *also))
    m = build_model(s, rules=[unit(i) for i in ids], history=history_of(list(history)),
                    baseline=history_of(baseline) if baseline is not None else None, options=options)
    index = {p.id: i for i, p in enumerate(s.staff)}
    wanted = {(index.get(p, -1), (dt.date.fromisoformat(d) - s.start).days, c) for p, d, c in rows}
    if any(key not in m.x for key in wanted):
        return Verdict(allowed=False)
    for key, var in m.x.items():
        var.lowBound = var.upBound = 1 if key in wanted else 0
    outcome = solve_model(m, time_limit=10)
    if outcome.status not in ("optimal", "feasible"):
        return Verdict(allowed=False)
    return Verdict(allowed=True, costs={r.stage.label: r.value or 0.0 for r in outcome.stages})


def allowed(s: Scenario, rule: str, rows: Rows, **kw: object) -> bool:
    return model_verdict(s, rule, rows, **kw).allowed


def breaches(s: Scenario, rule: str, rows: Rows, *, history: Rows = ()) -> list[Breach]:
    """What the rule's check reports on this rota."""
    return check_rota(s, rota_of(s, rows), history_of(list(history)), rules=[unit(rule)])


def reported(s: Scenario, rule: str, rows: Rows, **kw: object) -> list[tuple[str | None, str | None]]:
    """(staff, date) of each breach the rule's check reports."""
    return [(b.staff, b.date.isoformat() if b.date else None) for b in breaches(s, rule, rows, **kw)]
