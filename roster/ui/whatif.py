"""The page's actions: solve, re-plan after sick leave, compare staffing, simulate absence,
export the workbook, and open saved rotas. Each is one call into ``roster``/``coverage``.

Optional modules are imported through ``roster.ui.features.module`` so that a missing one
raises ``FeatureMissing`` (the page says the feature is not available) instead of failing.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from roster.errors import Problem, ScenarioError
from roster.planner import PlanOptions, plan
from roster.rota import Rota
from roster.scenario import Scenario
from roster.ui.features import FeatureMissing, module
from roster.ui.i18n import t
from roster.ui.scenario_data import validate


def solve(scenario: Scenario, time_limit: float) -> Rota:
    """Plan the scenario with the given time limit (seconds)."""
    return plan(scenario, PlanOptions(time_limit=float(time_limit)))


@dataclass
class Replanned:
    """A re-plan as the page shows it: the new rota, the change list, the slots still short."""

    rota: Rota
    changes: list[dict]
    short: list[dict] = field(default_factory=list)


def replan(before: Scenario, published: Rota, after: Scenario, time_limit: float) -> Replanned:
    """Re-plan ``published`` for the absences ``after`` has on top of ``before``.

    Calls ``coverage.replan.replan`` (days before the first sick day kept, minimal change);
    the person's name is added to each change row for the page.
    """
    rp = module("feature_replan", "coverage.replan")
    new = [a for a in after.absences if a not in set(before.absences)]
    result = rp.replan(before, published, new, options=PlanOptions(time_limit=float(time_limit)))
    names = {p["id"]: p["name"] for p in result.rota.staff}
    changes = [{**c, "name": names.get(c["staff"], c["staff"]), "before": c.get("before") or "",
                "after": c.get("after") or ""} for c in result.changes]
    short = [s.to_json() for s in result.short]
    return Replanned(rota=result.rota, changes=changes, short=short)


# --- staffing comparison ----------------------------------------------------------------


def compare(scenario: Scenario, rota: Rota, data: dict, *, extra_staff: int, extra_fte: float,
            absence_rate: float, time_limit: float, runs: int = 100) -> dict:
    """Current staffing against a proposal with ``extra_staff`` more people of ``extra_fte``.

    Calls ``coverage.compare.compare`` on both scenarios (it plans a month for each, prices
    a year with ``coverage.budget`` and simulates robustness). Returns
    {"rows": [(measure key, current, proposed)], "notes": [...]} for ``compare_frame``.
    """
    cmp = module("feature_compare", "coverage.compare")
    staffing = module("feature_compare", "coverage.staffing")
    budget = module("feature_compare", "coverage.budget")
    proposed = proposal(data, extra_staff, extra_fte)
    checked = validate(proposed)
    if checked.scenario is None:
        raise ScenarioError([Problem("app", p.where, p.message) for p in checked.problems])
    params = staffing.StaffingParams(sick_leave=absence_rate)
    rows = cmp.compare([scenario, checked.scenario], year=scenario.start.year, params=params,
                       costs=budget.load_costs(), time_limit=time_limit, runs=runs)
    return {**comparison_rows(rows[0], rows[1]), "runs": runs, "rate": absence_rate}


def proposal(data: dict, extra_staff: int, extra_fte: float) -> dict:
    """The scenario dict with ``extra_staff`` new people ("ny1", "ny2", ...) of ``extra_fte``."""
    out = copy.deepcopy(data)
    ids = {str(p.get("id")) for p in out.get("staff") or []}
    staff = out.setdefault("staff", [])
    n = 0
    for _ in range(extra_staff):
        n += 1
        while f"ny{n}" in ids:
            n += 1
        staff.append({"id": f"ny{n}", "name": f"Ny ansatt {n}", "fte": float(extra_fte)})
    return out


def _fmt(value: Any, kind: str = "") -> str:
    if value is None:
        return "–"
    if kind == "kr":
        return f"{value:,.0f} kr".replace(",", " ")
    if kind == "pct":
        return f"{value * 100:.0f} %"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def comparison_rows(cur: Any, new: Any) -> dict:
    """The two ``ScenarioSummary`` columns as (measure key, current, proposed) text rows."""
    rows = [
        ("cmp_service", f"{cur.month_opened} / {cur.month_target}",
         f"{new.month_opened} / {new.month_target}"),
        ("cmp_arsverk", _fmt(cur.arsverk_now), _fmt(new.arsverk_now)),
        ("cmp_arsverk_needed", _fmt(cur.arsverk_needed), _fmt(new.arsverk_needed)),
        ("cmp_headcount", _fmt(cur.headcount_now), _fmt(new.headcount_now)),
        ("cmp_cost", _fmt(cur.cost_per_year, "kr"), _fmt(new.cost_per_year, "kr")),
        ("cmp_cost_evening", _fmt(cur.cost_per_evening, "kr"), _fmt(new.cost_per_evening, "kr")),
        ("cmp_robust", _fmt(cur.robustness, "pct"), _fmt(new.robustness, "pct")),
        ("cmp_status", cur.month_status, new.month_status),
    ]
    return {"rows": rows, "robustness_note": cur.robustness_note}


def compare_frame(table: dict, lang: str) -> pd.DataFrame:
    cur, prop = t("current", lang), t("proposed", lang)
    def cell(key: str, value: str) -> str:
        return t(f"status_{value}", lang) if key == "cmp_status" else value

    return pd.DataFrame([{t("measure", lang): t(k, lang), cur: cell(k, a), prop: cell(k, b)}
                         for k, a, b in table["rows"]])


# --- robustness (N-1) ------------------------------------------------------------------


def robustness(scenario: Scenario, rota: Rota) -> dict:
    """``coverage.robustness.n_minus_1``: the share of worked person-days whose loss breaks
    nothing, and the slots without margin (one sick call and they fall below minimum)."""
    rb = module("feature_robustness", "coverage.robustness")
    res = rb.n_minus_1(scenario, rota)
    return {"score": float(res.score), "person_days": res.person_days, "safe": res.safe,
            "weak": list(res.weak_slots)}


def weak_frame(weak: list[dict], names: dict[str, str], lang: str) -> pd.DataFrame:
    return pd.DataFrame([{t("date", lang): w["date"], t("col_shift", lang): w["shift"],
                          t("col_staffed", lang): f"{w['assigned']} / {w['min']}",
                          t("col_critical", lang): ", ".join(names.get(s, s) for s in w["critical_staff"])}
                         for w in weak])


# --- absence simulation -----------------------------------------------------------------


def simulate(scenario: Scenario, rota: Rota, *, absence_rate: float, runs: int, seed: int) -> dict:
    """Run ``coverage.simulate.simulate`` and keep what the page shows as plain numbers."""
    sim = module("feature_simulate", "coverage.simulate")
    res = sim.simulate(scenario, rota, absence_rate=absence_rate, runs=runs, seed=seed)
    uncovered = [float(x) for x in res.uncovered]
    return {"uncovered": uncovered, "p_keeps": float(res.p_service_keeps_min),
            "vikar_hours": float(res.vikar_hours_mean), "vikar_cost": float(res.vikar_cost_mean),
            "runs": runs, "rate": absence_rate}


def histogram_frame(sim: dict, lang: str) -> pd.DataFrame:
    """Share of runs per number of uncovered shifts (the distribution's bar chart)."""
    values = pd.Series(sim["uncovered"]).round().astype(int)
    counts = values.value_counts().sort_index()
    full = counts.reindex(range(0, int(counts.index.max()) + 1 if len(counts) else 1), fill_value=0)
    return pd.DataFrame({t("uncovered", lang): full.index.astype(int),
                         t("runs_share", lang): (full.values / max(1, len(values))).round(4)})


# --- files ----------------------------------------------------------------------------


def file_stem(data: dict) -> str:
    """A safe file name stem from the scenario's unit or name."""
    meta = data.get("scenario") or {}
    raw = str(meta.get("unit") or meta.get("name") or "scenario")
    stem = re.sub(r"[^0-9A-Za-zæøåÆØÅ_-]+", "-", raw).strip("-").lower()
    return stem or "scenario"


def rota_workbook(scenario: Scenario | None, rota: Rota, lang: str = "nb") -> bytes:
    """The rota workbook (``roster.excel.rota_workbook``) as bytes."""
    xl = module("feature_excel", "roster.excel.rota_workbook")
    if scenario is None:
        raise ValueError("the rota has no scenario to write the workbook from")
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "turnus.xlsx"
        xl.write_rota_workbook(path, scenario, rota, lang=lang)
        return path.read_bytes()


# --- the store --------------------------------------------------------------------------


def _store() -> Any:
    store_mod = module("feature_store", "roster.store")
    path = store_mod.db_path()
    if not Path(path).exists():
        return None  # viewing must not create a store file
    return store_mod.Store(path)


def saved_units() -> list[str]:
    store = _store()
    if store is None:
        return []
    with store:
        return [u.name for u in store.units()]


def saved_rotas(unit: str) -> list[dict]:
    store = _store()
    if store is None:
        return []
    with store:
        return [{"id": r.id, "label": f"{r.period} · {r.status} · #{r.id}", "scenario_id": r.scenario_id}
                for r in store.rotas(unit)]


def save_draft(data: dict, rota: Rota) -> tuple[int, str]:
    """Keep the rota and its scenario in the store as a draft; (rota id, store file)."""
    from roster.ui.toml_out import dumps

    store_mod = module("feature_store", "roster.store")
    path = store_mod.db_path()
    unit = str((data.get("scenario") or {}).get("unit") or rota.extra.get("unit") or rota.scenario)
    with store_mod.Store(path) as store:
        rid = store.save_draft(rota, unit, dumps(data), scenario_file="app.toml", note="app")
    return rid, str(path)


def open_saved(rota_id: int) -> tuple[dict, Rota | None]:
    """The scenario dict and rota stored under ``rota_id``."""
    import tomllib

    store = _store()
    if store is None:
        raise FeatureMissing("feature_store", "roster.store")
    with store:
        rota = store.get_rota(rota_id)
        rec = store.record(rota_id)
        content = store.scenario_content(rec.scenario_id) if rec.scenario_id else None
    if content is None:
        raise ValueError("no scenario stored with this rota")
    if isinstance(content, bytes):
        from roster.ui.scenario_data import read_upload

        return read_upload("saved.xlsx", content), rota
    if rec.scenario_id and content.lstrip().startswith("{"):
        import json

        return json.loads(content), rota
    return tomllib.loads(content), rota
