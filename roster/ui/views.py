"""Tables the page shows, built from a Rota: turnus grid, coverage heat map, fairness, breaches.

Each function takes a ``Rota`` (and the language) and returns a pandas DataFrame or a
Styler; nothing here solves or recomputes coverage: it only reshapes ``rota.coverage``,
``rota.staff`` and ``rota.violations``.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from pandas.io.formats.style import Styler

from roster.grid import absence_code, rota_dates
from roster.rota import Rota
from roster.rota_diff import changed_days
from roster.rules.catalogue import label
from roster.ui.i18n import t

PALETTE = ("#cfe2f3", "#f9cb9c", "#b6d7a8", "#ea9999", "#d9d2e9", "#fff2cc", "#d0e0e3", "#f4cccc")
ABSENCE_COLOUR = "#d9d9d9"
SHORT_COLOUR = "#e06666"
OK_COLOUR = "#b6d7a8"
CLOSED_COLOUR = "#f3f3f3"
WEEKDAYS = {"nb": ("ma", "ti", "on", "to", "fr", "lø", "sø"),
            "en": ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")}


def day_label(d: dt.date, lang: str) -> str:
    return f"{d.day:02d} {WEEKDAYS[lang][d.weekday()]}"


def shift_colours(rota: Rota) -> dict[str, str]:
    out = {}
    for i, s in enumerate(rota.shifts):
        out[s["code"]] = s.get("color") or PALETTE[i % len(PALETTE)]
    return out


ABSENCE_MARK = {"vacation": "ferie", "sick": "syk", "course": "kurs", "leave": "perm", "other": "fravær"}


def grid_frame(rota: Rota, lang: str = "nb") -> pd.DataFrame:
    """People x dates, shift code per cell; absence days marked (ferie, syk...)."""
    dates = rota_dates(rota)
    work = rota.by_staff_date()
    rows = {}
    for p in rota.staff:
        cells = []
        for d in dates:
            code = work.get((p["id"], d))
            if code is None:
                kind = absence_code(rota, p["id"], d)
                code = ABSENCE_MARK.get(kind, kind) if kind else ""
            cells.append(code)
        rows[f"{p['name']} ({p['id']})"] = cells
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=[day_label(d, lang) for d in dates])
    frame.index.name = t("grid_person", lang)
    return frame


def style_grid(frame: pd.DataFrame, rota: Rota) -> Styler:
    colours = shift_colours(rota)

    def cell(v: str) -> str:
        if v in colours:
            return f"background-color: {colours[v]}; color: #000; text-align: center"
        if v:
            return f"background-color: {ABSENCE_COLOUR}; color: #555; font-style: italic"
        return ""

    return frame.style.map(cell)


def legend(rota: Rota, lang: str = "nb") -> list[tuple[str, str, str]]:
    """(code, name, colour) per shift for the grid's legend."""
    colours = shift_colours(rota)
    name_key = "name" if lang == "nb" else "name_en"
    return [(s["code"], s.get(name_key) or s.get("name") or s["code"], colours[s["code"]])
            for s in rota.shifts]


def coverage_frame(rota: Rota, lang: str = "nb") -> pd.DataFrame:
    """Dates x shifts: 'assigned/required', '!' marking a shortfall, '–' a shift not opened."""
    cells: dict[str, dict[str, str]] = {}
    codes = [s["code"] for s in rota.shifts]
    for row in rota.coverage:
        d = dt.date.fromisoformat(row["date"])
        label = day_label(d, lang)
        if not row["open"]:
            text = "–"
        else:
            text = f"{row['assigned']}/{row['required']}"
            if row["assigned"] < row["required"]:
                text += " !"
        cells.setdefault(label, {})[row["shift"]] = text
    frame = pd.DataFrame.from_dict(cells, orient="index")
    frame = frame.reindex(columns=[c for c in codes if c in frame.columns]).fillna("")
    frame.index.name = t("date", lang)
    return frame


def style_coverage(frame: pd.DataFrame) -> Styler:
    def cell(v: str) -> str:
        if v.endswith("!"):
            return f"background-color: {SHORT_COLOUR}; color: #fff; font-weight: bold"
        if v == "–":
            return f"background-color: {CLOSED_COLOUR}; color: #999"
        if v:
            return f"background-color: {OK_COLOUR}"
        return ""

    return frame.style.map(cell)


def shortfalls(rota: Rota) -> list[dict]:
    """Coverage rows with fewer staff than required."""
    return [r for r in rota.coverage if r["open"] and r["assigned"] < r["required"]]


def fairness_frame(rota: Rota, lang: str = "nb") -> pd.DataFrame:
    cols = {"name": t("col_name", lang), "fte": t("col_fte", lang),
            "planned_hours": t("col_planned", lang), "target_hours": t("col_target", lang),
            "min_hours": "min", "max_hours": "max", "shifts": t("col_shifts", lang),
            "evenings": t("col_evenings", lang), "weekends": t("col_weekends", lang),
            "holidays": t("col_holidays", lang)}
    frame = pd.DataFrame([{k: p.get(k) for k in cols} for p in rota.staff])
    if frame.empty:
        return frame
    return frame.rename(columns=cols)


def _detail(v: dict, lang: str) -> str:
    """The breach sentence in the page's language (Norwegian where the checker wrote one)."""
    return (v.get("detail_nb") if lang == "nb" else None) or v.get("detail", "")


def violations_frame(rota: Rota, lang: str = "nb") -> pd.DataFrame:
    rows = [{t("col_rule", lang): label(str(v.get("rule")), lang),
             t("col_severity", lang): v.get("severity", "error"),
             t("col_staff", lang): v.get("staff", ""), t("date", lang): v.get("date", v.get("start", "")),
             t("col_shift", lang): v.get("shift", ""), t("col_detail", lang): _detail(v, lang)}
            for v in rota.violations]
    return pd.DataFrame(rows)


def service_frame(rota: Rota, lang: str = "nb") -> pd.DataFrame:
    rows = [{t("col_requirement", lang): s.get("requirement"), t("col_target", lang): s.get("target"),
             t("col_opened", lang): f"{s.get('opened')} / {s.get('possible')}",
             t("col_min_staff", lang): s.get("min_staff_if_open")}
            for s in rota.extra.get("service_level") or []]
    return pd.DataFrame(rows)


def headline(rota: Rota) -> dict:
    """Key numbers for the metric row: status, shortfalls, breaches, hours planned, seconds."""
    return {"status": rota.status, "shortfalls": len(shortfalls(rota)),
            "errors": len(rota.errors()), "violations": len(rota.violations),
            "hours": round(sum(p.get("planned_hours", 0) for p in rota.staff), 1),
            "seconds": rota.solver.get("seconds")}


def changes(before: Rota, after: Rota) -> list[dict]:
    """Per (person, date) where the two rotas differ: shift before and after ('' = off)."""
    names = {p["id"]: p["name"] for p in after.staff}
    return [{"staff": c.staff, "name": names.get(c.staff, c.staff), "date": c.date.isoformat(),
             "before": c.before or "", "after": c.after or ""}
            for c in changed_days(before.assignments, after.assignments)]


def changes_frame(rows: list[dict], lang: str = "nb") -> pd.DataFrame:
    return pd.DataFrame([{t("col_name", lang): r.get("name", r.get("staff")), t("date", lang): r["date"],
                          t("col_before", lang): r.get("before") or "–",
                          t("col_after", lang): r.get("after") or "–"} for r in rows])


def short_frame(short: list[dict], names: dict[str, str], lang: str = "nb", top: int = 3) -> pd.DataFrame:
    """Shifts a re-plan still leaves short, with who could take each without breaking a rule
    (cheapest first: no overtime, then fewest hours above target; from coverage.replan)."""
    rows = []
    for s in short:
        cands = s.get("candidates") or []
        who = ", ".join(
            f"{c.get('name') or names.get(c['staff'], c['staff'])}"
            + (f" (+{c['overtime_hours']:g} h {t('overtime', lang)})" if c.get("overtime") else "")
            for c in cands[:top])
        rows.append({t("date", lang): s["date"], t("col_shift", lang): s["shift"],
                     t("col_staffed", lang): f"{s['assigned']} / {s['min']}",
                     t("col_candidates", lang): who or t("vikar_needed", lang)})
    return pd.DataFrame(rows)
