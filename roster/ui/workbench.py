"""The workbench: saved scenarios and rotas (the store), side-by-side comparison,
publishing with the breach check, history with its diffs.

Every store call opens its own ``roster.store.Store`` (a SQLite connection must not be
shared between threads, and Streamlit runs each page run in a thread of its own). The
comparison reshapes what each rota already carries (service level, coverage, staff rows,
breaches) and prices the årsverk with ``coverage.budget``; nothing is re-planned.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from roster.rota import Rota
from roster.ui import fmt
from roster.ui.features import FeatureMissing, module
from roster.ui.i18n import t, term
from roster.ui.views import open_counts, shortfall_counts


def _store_mod() -> Any:
    return module("feature_store", "roster.store")


def store_file() -> str:
    return str(_store_mod().db_path())


def _open(create: bool = False) -> Any:
    mod = _store_mod()
    path = mod.db_path()
    if not create and not Path(path).exists():
        return None  # looking must not create a store file
    return mod.Store(path)


def unit_name(data: dict | None, rota: Rota | None = None) -> str:
    meta = (data or {}).get("scenario") or {}
    if meta.get("unit"):
        return str(meta["unit"])
    if rota is not None and rota.extra.get("unit"):
        return str(rota.extra["unit"])
    return str(meta.get("name") or (rota.scenario if rota is not None else "") or "enhet")


def scenario_text(data: dict) -> str:
    from roster.ui.toml_out import dumps

    return dumps(data)


# --- saving and opening -------------------------------------------------------------------


def save(data: dict, rota: Rota, note: str | None = None, user: str | None = None) -> int:
    """Keep the scenario and its rota as a draft; the rota's id."""
    with _open(create=True) as store:
        return int(store.save_draft(rota, unit_name(data, rota), scenario_text(data), user=user or None,
                                    scenario_file="app.toml", note=note or None))


def units() -> list[str]:
    store = _open()
    if store is None:
        return []
    with store:
        return [u.name for u in store.units()]


@dataclass(frozen=True)
class Saved:
    id: int
    status: str
    start: str
    end: str
    created_at: str
    created_by: str
    published_at: str | None
    published_by: str | None
    note: str | None
    changes: list[dict]

    def label(self, lang: str) -> str:
        note = f" · {self.note}" if self.note else ""
        return (f"#{self.id} · {fmt.month(self.start, lang)} · {term('rota_status', self.status, lang)}"
                f"{note}")


def saved(unit: str) -> list[Saved]:
    store = _open()
    if store is None:
        return []
    with store:
        try:
            records = store.rotas(unit)
        except Exception:  # an unknown unit: nothing saved for it
            return []
    return [Saved(r.id, r.status, r.start.isoformat(), r.end.isoformat(), r.created_at, r.created_by,
                  r.published_at, r.published_by, r.note, list(r.changes)) for r in records]


def open_saved(rota_id: int) -> tuple[dict, Rota]:
    """The scenario dict and the rota stored under ``rota_id``."""
    store = _open()
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
    if content.lstrip().startswith("{"):
        return json.loads(content), rota
    return tomllib.loads(content), rota


def published(unit: str, rota: Rota) -> Rota | None:
    """The rota published for exactly this unit and period, if any."""
    store = _open()
    if store is None:
        return None
    with store:
        try:
            rec = store.published(unit, rota.start, rota.end)
        except Exception:
            return None
        return store.get_rota(rec.id) if rec is not None else None


# --- publishing -----------------------------------------------------------------------------


def blockers(rota: Rota) -> dict:
    """Why publishing needs a deliberate 'publish anyway': hard-rule breaches, base shifts
    short, a status other than optimal/feasible (the store's own check, counted)."""
    errors = rota.errors()
    short = [c for c in rota.coverage if c.get("priority") == "base" and c["assigned"] < c["min"]]
    return {"errors": len(errors), "base_short": len(short),
            "status_ok": rota.status in ("optimal", "feasible") and not errors,
            "empty": not rota.assignments or rota.status == "error"}


def publish(data: dict, rota: Rota, *, user: str, note: str | None = None, force: bool = False) -> Any:
    """Publish through ``Store.publish`` (which refuses a rota with breaches unless forced)."""
    with _open(create=True) as store:
        return store.publish(rota, unit_name(data, rota), scenario_text(data), user=user or None,
                             scenario_file="app.toml", note=note or None, force=force)


def diff_counts(diff: dict | str | None) -> dict[str, int]:
    if isinstance(diff, str):
        try:
            diff = json.loads(diff)
        except ValueError:
            diff = {}
    diff = diff or {}
    return {k: len(diff.get(k) or []) for k in ("changed", "added", "removed")}


def diff_rows(diff: dict | str | None, names: dict[str, str], lang: str) -> list[dict]:
    """One row per changed person-day of a change-log diff."""
    if isinstance(diff, str):
        diff = json.loads(diff or "{}")
    diff = diff or {}
    off = t("off", lang)
    rows = []
    for kind in ("changed", "added", "removed"):
        for r in diff.get(kind) or []:
            before = r.get("old") if kind == "changed" else (None if kind == "added" else r.get("shift"))
            after = r.get("new") if kind == "changed" else (r.get("shift") if kind == "added" else None)
            rows.append({t("col_name", lang): names.get(r.get("staff"), r.get("staff")),
                         t("date", lang): fmt.day(r.get("date"), lang),
                         t("col_before", lang): before or off, t("col_after", lang): after or off,
                         "_date": r.get("date")})
    rows.sort(key=lambda r: (r["_date"] or "", r[t("col_name", lang)] or ""))
    for r in rows:
        r.pop("_date")
    return rows


def change_words(diff: dict | str | None, lang: str) -> str:
    n = diff_counts(diff)
    total = sum(n.values())
    return t("history_changes", lang, n=total, changed=n["changed"], added=n["added"],
             removed=n["removed"])


# --- comparison -------------------------------------------------------------------------------


def measures(rota: Rota, scenario: Any = None, wishes: dict | None = None,
             open_items: list | None = None) -> dict[str, Any]:
    """The numbers the side-by-side comparison shows for one rota (raw values); the shortfall
    counts from ``coverage.open_shifts`` when given (shift-days, as the app lists them)."""
    staff = [p for p in rota.staff if (p.get("fte") or 0) > 0]
    service = [(s.get("requirement"), s.get("opened", 0), s.get("target_total", 0))
               for s in rota.extra.get("service_level") or []]

    def spread(key: str) -> tuple[float, float] | None:
        vals = [float(p.get(key) or 0) for p in staff]
        return (min(vals), max(vals)) if vals else None

    arsverk = sum(float(p.get("fte") or 0) for p in rota.staff)
    cost = None
    if scenario is not None:
        try:
            budget = module("feature_compare", "coverage.budget")
            cost = arsverk * float(budget.average_annual_salary(scenario, budget.load_costs()))
        except Exception:  # no cost table: the row says "–"
            cost = None
    counts = shortfall_counts(rota)
    if open_items is not None:
        counts = {k: v for k, v in open_counts(open_items).items() if k in counts}
    return {"status": rota.status, "period": (rota.start, rota.end), "service": service, **counts,
            "errors": len(rota.errors()),
            "hours": sum(float(p.get("planned_hours") or 0) for p in rota.staff),
            "hours_target": sum(float(p.get("target_hours") or 0) for p in rota.staff),
            "evenings": spread("evenings"), "weekends": spread("weekends"),
            "hours_spread": spread("planned_hours"), "arsverk": arsverk,
            "headcount": len(rota.staff), "cost": cost, "wishes": wishes}


def _range(r: tuple[float, float] | None, lang: str) -> str:
    return "–" if r is None else f"{fmt.num(r[0], lang)}–{fmt.num(r[1], lang)}"


def comparison(a: dict, b: dict, lang: str) -> list[tuple[str, str, str]]:
    """(measure, left, right) rows in the page's language."""
    rows: list[tuple[str, str, str]] = [
        (t("m_status", lang), term("status", a["status"], lang), term("status", b["status"], lang)),
        (t("period", lang), fmt.period(*a["period"], lang), fmt.period(*b["period"], lang)),
    ]
    names = [n for n, _, _ in a["service"]] + [n for n, _, _ in b["service"] if n not in
                                                 [x for x, _, _ in a["service"]]]
    for name in names:
        def cell(m: dict, name: str = name) -> str:
            for n, opened, target in m["service"]:
                if n == name:
                    return t("opened_of", lang, opened=opened, target=target)
            return "–"
        rows.append((t("cmp_service_of", lang, name=name), cell(a), cell(b)))
    rows += [
        (t("k_base_short_long", lang), str(a["base_short"]), str(b["base_short"])),
        (t("k_alone_long", lang), str(a["alone"]), str(b["alone"])),
        (t("k_closed_long", lang), str(a["closed"]), str(b["closed"])),
        (t("m_errors", lang), str(a["errors"]), str(b["errors"])),
        (t("m_hours", lang), fmt.num(a["hours"], lang), fmt.num(b["hours"], lang)),
        (t("hours_vs_target", lang), fmt.num(a["hours"] - a["hours_target"], lang),
         fmt.num(b["hours"] - b["hours_target"], lang)),
        (t("fair_evenings", lang), _range(a["evenings"], lang), _range(b["evenings"], lang)),
        (t("fair_weekends", lang), _range(a["weekends"], lang), _range(b["weekends"], lang)),
        (t("fair_hours", lang), _range(a["hours_spread"], lang), _range(b["hours_spread"], lang)),
        (t("cmp_arsverk", lang), fmt.num(a["arsverk"], lang, 2), fmt.num(b["arsverk"], lang, 2)),
        (t("cmp_headcount", lang), str(a["headcount"]), str(b["headcount"])),
        (t("cmp_salary", lang), fmt.kr(a["cost"], lang), fmt.kr(b["cost"], lang)),
    ]
    if a.get("wishes") is not None or b.get("wishes") is not None:
        def w(m: dict) -> str:
            x = m.get("wishes")
            return "–" if not x else t("wishes_granted_of", lang, granted=x["granted"], total=x["total"])
        rows.append((t("wishes_header", lang), w(a), w(b)))
    return rows
