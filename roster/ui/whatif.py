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
from roster.ui.features import module
from roster.ui.i18n import t, term
from roster.ui.scenario_data import validate


def solve(scenario: Scenario, time_limit: float) -> Rota:
    """Plan the scenario with the given time limit (seconds); a rota with shifts short or
    service closed gets its binding causes with their numbers, as from ``roster solve``
    (``coverage.causes.explain``: ``reasons`` and each short row's ``reason``)."""
    rota = plan(scenario, PlanOptions(time_limit=float(time_limit)))
    module("feature_causes", "coverage.causes").explain(scenario, rota)  # roster solve's default time
    return rota


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
    result = rp.replan(before, published, new, options=PlanOptions(time_limit=float(time_limit)),
                       explain_seconds=module("feature_causes", "coverage.causes").DEFAULT_SECONDS)
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


def _fmt(value: Any, kind: str, lang: str) -> str:
    from roster.ui import fmt

    if value is None:
        return "–"
    if kind == "kr":
        return fmt.kr(value, lang)
    if kind == "pct":
        return fmt.pct(value, lang)
    if kind == "status":
        return term("status", str(value), lang)
    if isinstance(value, float):
        return fmt.num(value, lang, 2)
    return str(value)


def comparison_rows(cur: Any, new: Any) -> dict:
    """The two ``ScenarioSummary`` columns as (measure key, current, proposed, kind) rows;
    ``compare_frame`` writes them in the page's language."""
    rows = [
        ("cmp_service", f"{cur.month_opened} / {cur.month_target}",
         f"{new.month_opened} / {new.month_target}", ""),
        ("cmp_arsverk", cur.arsverk_now, new.arsverk_now, ""),
        ("cmp_arsverk_needed", cur.arsverk_needed, new.arsverk_needed, ""),
        ("cmp_headcount", cur.headcount_now, new.headcount_now, ""),
        ("cmp_cost", cur.cost_per_year, new.cost_per_year, "kr"),
        ("cmp_cost_evening", cur.cost_per_evening, new.cost_per_evening, "kr"),
        ("cmp_robust", cur.robustness, new.robustness, "pct"),
        ("cmp_status", cur.month_status, new.month_status, "status"),
    ]
    return {"rows": rows, "robustness_note": cur.robustness_note}


def compare_frame(table: dict, lang: str) -> pd.DataFrame:
    cur, prop = t("current", lang), t("proposed", lang)
    return pd.DataFrame([{t("measure", lang): t(k, lang), cur: _fmt(a, kind, lang), prop: _fmt(b, kind, lang)}
                         for k, a, b, kind in table["rows"]])


# --- robustness (N-1) ------------------------------------------------------------------


def robustness(scenario: Scenario, rota: Rota) -> dict:
    """``coverage.robustness.n_minus_1``: the share of worked person-days whose loss breaks
    nothing, and the slots without margin (one sick call and they fall below minimum)."""
    rb = module("feature_robustness", "coverage.robustness")
    res = rb.n_minus_1(scenario, rota)
    return {"score": float(res.score), "person_days": res.person_days, "safe": res.safe,
            "weak": list(res.weak_slots)}


def weak_frame(weak: list[dict], names: dict[str, str], lang: str) -> pd.DataFrame:
    from roster.ui import fmt

    return pd.DataFrame([{t("date", lang): fmt.day(w["date"], lang), t("col_shift", lang): w["shift"],
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
        _point_to_the_app(path, lang)
        notes = rota.extra.get("standard_confirmations") or []
        if notes:
            _add_standard_sheet(path, notes, lang)
        return path.read_bytes()


def _point_to_the_app(path: Path, lang: str) -> None:
    """The workbook's note on reading edits back names the command line; from the app it
    names the app's upload first."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    changed = False
    for ws in wb.worksheets[:1]:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and "roster import-rota" in cell.value:
                    cell.value = t("xlsx_edit_note", lang)
                    changed = True
    if changed:
        wb.save(path)


def _add_standard_sheet(path: Path, notes: list[dict], lang: str) -> None:
    """A sheet that records each minimum below the documented standard and its confirmation,
    and a line under the turnus grid that points to it."""
    import openpyxl
    from openpyxl.styles import Font

    from roster.ui import fmt
    from roster.ui.standard import STANDARD_EN, STANDARD_NB

    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet(t("std_sheet", lang))
    ws.append([t("std_sheet_title", lang)])
    ws["A1"].font = Font(bold=True, color="C00000", size=12)
    ws.append([STANDARD_NB if lang == "nb" else STANDARD_EN])
    ws.append([])
    ws.append([t("col_requirement", lang), t("col_shift", lang), t("col_min_staff", lang),
               t("std_confirmed_by", lang), t("std_when", lang), t("std_reason", lang)])
    for c in ws[4]:
        c.font = Font(bold=True)
    for n in notes:
        ws.append([n.get("requirement"), n.get("shift"), n.get("min_staff"), n.get("confirmed_by"),
                   fmt.timestamp(n.get("at"), lang), n.get("reason")])
    for col, width in zip("ABCDEF", (22, 8, 16, 22, 22, 60), strict=True):
        ws.column_dimensions[col].width = width
    first = wb.worksheets[0]
    row = first.max_row + 2
    first.cell(row=row, column=1, value=t("std_sheet_pointer", lang, n=len(notes),
                                          sheet=t("std_sheet", lang))).font = Font(bold=True,
                                                                                  color="C00000")
    wb.save(path)


# --- hand edits, open shifts, wishes, files ---------------------------------------------


def plan_around(scenario: Scenario, rota: Rota, time_limit: float) -> Rota:
    """Re-plan the rest of ``rota`` around the locked cells (``scenario`` carries them as
    locks), changing as little as possible (the rota is the baseline)."""
    out = plan(scenario, PlanOptions(time_limit=float(time_limit)), baseline=rota,
               extra={"planned_around_locks": len(scenario.locks)})
    return out


def open_shifts(scenario: Scenario, rota: Rota) -> list:
    """``coverage.open_shifts.open_shifts``: every shift still short, with the reason."""
    mod = module("feature_open_shifts", "coverage.open_shifts")
    return list(mod.open_shifts(scenario, rota))


def open_shifts_csv(items: list, scenario: Scenario, lang: str) -> bytes:
    """The open shifts as CSV (semicolon-separated in bokmål, as Norwegian Excel reads it)."""
    import csv
    import io

    from roster import safe_io

    mod = module("feature_open_shifts", "coverage.open_shifts")
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if lang == "nb" else ",")
    for row in mod.rows(items, scenario, lang):
        writer.writerow([_csv_cell(v, lang, safe_io) for v in row])
    return buf.getvalue().encode("utf-8-sig")


def _csv_cell(value: Any, lang: str, safe_io: Any) -> Any:
    from roster.ui import fmt

    if isinstance(value, float):
        return fmt.num(value, lang, 2)
    if isinstance(value, str):
        d = fmt.as_date(value) if len(value) == 10 else None
        if d is not None and lang == "nb":
            return fmt.date(d, lang)
        return safe_io.neutralise(value)
    return value


def open_shifts_xlsx(items: list, scenario: Scenario, lang: str) -> bytes:
    """The open shifts as a workbook (one sheet, a header row, dates as dates)."""
    import io

    import openpyxl

    mod = module("feature_open_shifts", "coverage.open_shifts")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Ledige vakter" if lang == "nb" else "Open shifts"
    for i, row in enumerate(mod.rows(items, scenario, lang)):
        out = []
        for v in row:
            if i and isinstance(v, str) and len(v) == 10:
                from roster.ui import fmt

                d = fmt.as_date(v)
                v = d if d is not None else v
            if isinstance(v, str) and v[:1] in ("=", "+", "-", "@"):
                v = "'" + v  # never a formula
            out.append(v)
        ws.append(out)
        if i:
            ws.cell(row=i + 1, column=1).number_format = "DD.MM.YYYY" if lang == "nb" else "YYYY-MM-DD"
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


WISH_MODULES = ("roster.wishes_report", "roster.wishes", "roster.wish_outcomes")


def wish_outcomes(scenario: Scenario, rota: Rota) -> list[dict] | None:
    """Each wish and whether the rota grants it, from ``wish_outcomes(scenario, rota)`` (issue
    15) or the rota's ``wishes`` field; None when neither exists in this installation."""
    import importlib

    for name in WISH_MODULES:
        try:
            mod = importlib.import_module(name)
        except ImportError:
            continue
        fn = getattr(mod, "wish_outcomes", None)
        if fn is not None:
            return [_wish_row(w) for w in fn(scenario, rota)]
    field_ = rota.extra.get("wishes")
    if isinstance(field_, list):
        return [_wish_row(w) for w in field_]
    if isinstance(field_, dict) and isinstance(field_.get("wishes"), list):
        return [_wish_row(w) for w in field_["wishes"]]
    return None


def _wish_row(w: Any) -> dict:
    row = w.to_json() if hasattr(w, "to_json") else dict(w) if isinstance(w, dict) else vars(w)
    if hasattr(w, "describe"):
        row = {**row, "text_nb": w.describe("nb"), "text_en": w.describe("en")}
    granted = row.get("granted")
    if granted is None and "outcome" in row:
        granted = row["outcome"] in ("granted", True)
    return {**row, "staff": row.get("staff"), "granted": bool(granted)}


def template_workbook(data: dict | None = None) -> bytes:
    """The scenario workbook to fill in: empty, or filled from ``data``."""
    import tempfile

    xl = module("feature_excel", "roster.excel.scenario_workbook")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scenario.xlsx"
        xl.write_scenario_workbook(path, data)
        return path.read_bytes()


class RotaUploadRefused(Exception):
    """An edited rota workbook the app will not read; ``problems`` says why, cell by cell."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def read_rota_upload(name: str, raw: bytes, scenario: Scenario) -> list:
    """The assignments of an edited rota workbook's Turnus sheet (``roster import-rota``)."""
    import tempfile

    from roster.errors import UserError

    xl = module("feature_excel", "roster.excel.rota_import")
    if len(raw) > 2 * 1024 * 1024:
        raise RotaUploadRefused([f"too_big:{len(raw) / 1024 / 1024:.1f}"])
    if Path(name).suffix.lower() not in (".xlsx", ".xlsm"):
        raise RotaUploadRefused([f"bad_kind:{Path(name).suffix or '?'}"])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{Path(name).suffix.lower()}"
        path.write_bytes(raw)
        try:
            return list(xl.read_rota_workbook(path, scenario))
        except xl.RotaSheetError as exc:
            raise RotaUploadRefused([p.replace(str(path), name) for p in exc.problems]) from None
        except UserError as exc:
            raise RotaUploadRefused([str(exc).replace(str(path), name)]) from None
        except Exception as exc:  # a broken workbook must be refused, not crash the page
            raise RotaUploadRefused([f"{name}: {type(exc).__name__}"]) from None
