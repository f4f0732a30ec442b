"""Tables and charts the page shows, built from a Rota: the compact turnus grid, coverage,
the per-person month, fairness, breaches, change lists.

Each function takes a ``Rota`` (and the language) and returns a pandas DataFrame, a
Styler or plain rows; nothing here solves or recomputes coverage: it only reshapes
``rota.coverage``, ``rota.staff``, ``rota.violations`` and ``rota.extra``. Numbers and
dates are written by ``roster.ui.fmt`` (12,5 and 01.02.2027 in bokmål).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd
from pandas.io.formats.style import Styler

from roster.grid import absence_code, rota_dates
from roster.rota import Rota
from roster.rota_diff import changed_days
from roster.rules.catalogue import label
from roster.ui import fmt
from roster.ui.i18n import t, term

PALETTE = ("#cfe2f3", "#f9cb9c", "#b6d7a8", "#ea9999", "#d9d2e9", "#fff2cc", "#d0e0e3", "#f4cccc")
ABSENCE_COLOUR = "#d9d9d9"
WEEKEND_COLOUR = "#eef1f6"
HOLIDAY_COLOUR = "#fde9d9"
CHANGED_TEXT = "#c00000"
SHORT_COLOUR = "#e06666"
OK_COLOUR = "#b6d7a8"
CLOSED_COLOUR = "#f3f3f3"
WEEKDAYS = fmt.WEEKDAY_SHORT
ABSENCE_MARK = {"vacation": "fer", "sick": "syk", "course": "kur", "leave": "prm", "other": "frv"}
"""Three letters, so a day column stays narrow (the legend spells them out)."""
LOCK_MARK = "🔒"
OFF_CHANGED = "–"
"""A day made free by an edit (a shift removed)."""
DAY_WIDTH = 28
NAME_WIDTH = 128
ROW_HEIGHT = 24


def day_label(d: dt.date, lang: str) -> str:
    return f"{d.day:02d} {WEEKDAYS[lang][d.weekday()]}"


def shift_colours(rota: Rota) -> dict[str, str]:
    out = {}
    for i, s in enumerate(rota.shifts):
        out[s["code"]] = s.get("color") or PALETTE[i % len(PALETTE)]
    return out


def legend(rota: Rota, lang: str = "nb") -> list[tuple[str, str, str]]:
    """(code, name, colour) per shift for the grid's legend."""
    colours = shift_colours(rota)
    name_key = "name" if lang == "nb" else "name_en"
    return [(s["code"], s.get(name_key) or s.get("name") or s["code"], colours[s["code"]])
            for s in rota.shifts]


def day_types(rota: Rota) -> dict[dt.date, str]:
    """weekday | saturday | sunday | holiday | eve per date, from the rota's coverage rows."""
    out: dict[dt.date, str] = {}
    for row in rota.coverage:
        d = dt.date.fromisoformat(row["date"])
        if row.get("day_type") and (d not in out or row["day_type"] == "holiday"):
            out[d] = row["day_type"]
    for d in rota_dates(rota):
        out.setdefault(d, "saturday" if d.weekday() == 5 else "sunday" if d.weekday() == 6 else "weekday")
    return out


def is_red(d: dt.date, kind: str) -> bool:
    """A column the grid marks: Saturday, Sunday or a public holiday."""
    return kind in ("saturday", "sunday", "holiday") or d.weekday() >= 5


# --- the turnus grid ------------------------------------------------------------------------


@dataclass
class Grid:
    """The grid's frame and what maps its rows and columns back to people and dates."""

    frame: pd.DataFrame
    staff: list[str]
    dates: list[dt.date]
    columns: list[str]
    kinds: dict[dt.date, str]
    changed: set[tuple[str, dt.date]] = field(default_factory=set)
    locks: set[tuple[str, dt.date]] = field(default_factory=set)

    def cells(self, selection: Iterable[tuple[int, str]]) -> list[tuple[str, dt.date]]:
        """(staff, date) of selected (row position, column label) cells."""
        col = dict(zip(self.columns, self.dates, strict=True))
        out = []
        for r, c in selection:
            if 0 <= int(r) < len(self.staff) and c in col:
                out.append((self.staff[int(r)], col[c]))
        return out


def column_labels(dates: list[dt.date]) -> list[str]:
    """Day numbers ("7"); with the month ("7.2") when the period spans months."""
    one_month = len({(d.year, d.month) for d in dates}) == 1
    return [str(d.day) if one_month else f"{d.day}.{d.month}" for d in dates]


def grid(rota: Rota, lang: str = "nb", *, reference: Rota | None = None,
         locks: set[tuple[str, dt.date]] | None = None) -> Grid:
    """People × dates with the shift code per cell, absence days marked (syk, fer ...), a
    changed cell (against ``reference``) marked, and locked cells with a padlock."""
    dates = rota_dates(rota)
    work = rota.by_staff_date()
    locks = set(locks or ())
    changed = set()
    if reference is not None:
        changed = {(c.staff, c.date) for c in changed_days(reference.assignments, rota.assignments,
                                                             first=rota.start, last=rota.end)}
    labels = column_labels(dates)
    rows: list[list[str]] = []
    ids: list[str] = []
    for p in rota.staff:
        cells = []
        for d in dates:
            code = work.get((p["id"], d))
            if code is None:
                kind = absence_code(rota, p["id"], d)
                code = ABSENCE_MARK.get(kind, kind or "") if kind else ""
                if not code and (p["id"], d) in changed:
                    code = OFF_CHANGED
            if (p["id"], d) in locks:
                code = f"{LOCK_MARK}{code}"
            cells.append(code)
        rows.append(cells)
        ids.append(p["id"])
    frame = pd.DataFrame(rows, columns=labels)
    frame.index = pd.Index(row_names(rota), name=t("grid_person", lang))
    return Grid(frame, ids, dates, labels, day_types(rota), changed, locks)


def row_names(rota: Rota) -> list[str]:
    """Each person's name; with the id where two people share a name (the index must be unique)."""
    names = [str(p["name"]) for p in rota.staff]
    return [f"{n} ({p['id']})" if names.count(n) > 1 else n for n, p in zip(names, rota.staff, strict=True)]


def grid_frame(rota: Rota, lang: str = "nb") -> pd.DataFrame:
    """The grid's plain frame (no marks against a reference)."""
    return grid(rota, lang).frame


def style_grid(g: Grid | pd.DataFrame, rota: Rota) -> Styler:
    """Shift colours; Saturday, Sunday and holiday columns tinted; changed cells in red bold."""
    if isinstance(g, pd.DataFrame):
        g = Grid(g, [], [], list(g.columns), {})
    colours = shift_colours(rota)
    frame = g.frame
    tint = {c: (HOLIDAY_COLOUR if g.kinds.get(d) == "holiday" else WEEKEND_COLOUR)
            for c, d in zip(g.columns, g.dates, strict=False) if is_red(d, g.kinds.get(d, ""))}
    col_date = dict(zip(g.columns, g.dates, strict=False))

    def styles(col: pd.Series) -> list[str]:
        d = col_date.get(col.name)
        out = []
        for i, v in enumerate(col):
            code = str(v).replace(LOCK_MARK, "")
            if code in colours:
                css = f"background-color: {colours[code]}; color: #000"
            elif code and code != OFF_CHANGED:
                css = f"background-color: {ABSENCE_COLOUR}; color: #444"
            elif col.name in tint:
                css = f"background-color: {tint[col.name]}"
            else:
                css = ""
            sid = g.staff[i] if i < len(g.staff) else None
            if d is not None and sid is not None and (sid, d) in g.changed:
                css += f"; color: {CHANGED_TEXT}; font-weight: bold"
            out.append(css.strip("; "))
        return out

    return frame.style.apply(styles, axis=0)


def grid_column_config(g: Grid, lang: str) -> dict:
    """Compact day columns (the whole month fits 1366 px), names pinned on the left, the
    weekday and holiday name in each column's tooltip."""
    import streamlit as st

    cc: dict = {"_index": st.column_config.TextColumn(t("grid_person", lang), width=NAME_WIDTH,
                                                      pinned=True)}
    for c, d in zip(g.columns, g.dates, strict=True):
        kind = g.kinds.get(d, "")
        extra = f" ({term('day_type', kind, lang)})" if kind in ("holiday", "eve") else ""
        cc[c] = st.column_config.TextColumn(c, width=DAY_WIDTH,
                                            help=f"{fmt.WEEKDAY_NAMES[lang][d.weekday()]} "
                                                 f"{fmt.date(d, lang)}{extra}")
    return cc


HEADER_HEIGHT = 35
"""The grid's header row (glide-data-grid keeps it at 35 px whatever the row height)."""


def grid_height(rows: int) -> int:
    """Every row visible: no scroll box inside the page."""
    return rows * ROW_HEIGHT + HEADER_HEIGHT + 3


# --- coverage -----------------------------------------------------------------------------------


def coverage_frame(rota: Rota, lang: str = "nb") -> pd.DataFrame:
    """Dates x shifts: 'assigned/required', '!' marking a shortfall, '–' a shift not opened."""
    cells: dict[str, dict[str, str]] = {}
    codes = [s["code"] for s in rota.shifts]
    for row in rota.coverage:
        d = dt.date.fromisoformat(row["date"])
        name = fmt.day(d, lang)
        if not row["open"]:
            text = "–"
        else:
            text = f"{row['assigned']}/{row['required']}"
            if row["assigned"] < row["required"]:
                text += " !"
        cells.setdefault(name, {})[row["shift"]] = text
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


def coverage_chart_frame(rota: Rota, lang: str = "nb") -> pd.DataFrame:
    """One row per date and shift: staffed, the minimum, and a state for the colour
    (at minimum / short / closed), for the coverage chart."""
    rows = []
    for r in rota.coverage:
        d = dt.date.fromisoformat(r["date"])
        if r["open"]:
            state = t("cov_short", lang) if r["assigned"] < r["min"] else t("cov_ok", lang)
        else:
            state = t("cov_closed", lang)
        rows.append({"dag": d.day, t("date", lang): fmt.day(d, lang), t("col_shift", lang): r["shift"],
                     t("cov_staffed", lang): r["assigned"], t("cov_minimum", lang): r["min"],
                     t("cov_state", lang): state})
    return pd.DataFrame(rows)


def coverage_chart(rota: Rota, lang: str = "nb") -> object:
    """Staffed against minimum per day, one row of bars per shift (Altair)."""
    import altair as alt

    df = coverage_chart_frame(rota, lang)
    if df.empty:
        return None
    x = alt.X("dag:O", title=t("day_of_month", lang), axis=alt.Axis(labelAngle=0))
    state, staffed, minimum = t("cov_state", lang), t("cov_staffed", lang), t("cov_minimum", lang)
    colours = alt.Scale(domain=[t("cov_ok", lang), t("cov_short", lang), t("cov_closed", lang)],
                        range=[OK_COLOUR, SHORT_COLOUR, "#cccccc"])
    tooltip = [t("date", lang), t("col_shift", lang), staffed, minimum, state]
    bars = alt.Chart().mark_bar().encode(x=x, y=alt.Y(f"{staffed}:Q", title=staffed),
                                         color=alt.Color(f"{state}:N", scale=colours, title=state),
                                         tooltip=tooltip)
    ticks = alt.Chart().mark_tick(color="#000", thickness=2, size=14).encode(
        x=x, y=f"{minimum}:Q", tooltip=tooltip)
    return alt.layer(bars, ticks, data=df).properties(height=90).facet(
        row=alt.Row(f"{t('col_shift', lang)}:N", title=None)).resolve_scale(y="independent")


def week_service_frame(rota: Rota, lang: str = "nb") -> pd.DataFrame:
    """Per service requirement and week: opened / target (always-open requirements: opened /
    possible units in the week)."""
    rows: dict[str, dict[str, str]] = {}
    for s in rota.extra.get("service_level") or []:
        weeks: dict[str, list[int]] = {}
        for p in s.get("periods") or []:
            name = str(p.get("period"))
            if name.startswith("week "):
                key = f"{t('week_short', lang)} {name.split()[1]}"
            else:
                d = fmt.as_date(name)
                if d is None:
                    key = fmt.month(name + "-01", lang) if len(name) == 7 else name
                else:
                    key = f"{t('week_short', lang)} {d.isocalendar()[1]}"
            acc = weeks.setdefault(key, [0, 0])
            acc[0] += int(p.get("opened") or 0)
            acc[1] += int(p.get("target") or 0)
        rows[f"{s.get('requirement')} ({s.get('shift')})"] = {k: f"{a}/{b}" for k, (a, b) in weeks.items()}
    frame = pd.DataFrame.from_dict(rows, orient="index").fillna("")
    frame.index.name = t("col_requirement", lang)
    return frame


def shortfall_counts(rota: Rota) -> dict[str, int]:
    """The same three numbers everywhere: base shifts short (below minimum or without a
    skill they need, as the rota's verdict counts them), service shifts opened below
    minimum, and service shifts closed against the target."""
    verdict = rota.extra.get("verdict")
    short = verdict.get("base_short") if isinstance(verdict, dict) else None
    base = (int(short["slots"]) if isinstance(short, dict) and "slots" in short else
            sum(1 for c in rota.coverage if c.get("priority") == "base" and c["assigned"] < c["min"]))
    alone = sum(1 for c in rota.coverage
                if c.get("priority") == "service" and 0 < c["assigned"] < c["min"])
    closed = 0
    for s in rota.extra.get("service_level") or []:
        closed += max(0, int(s.get("target_total") or 0) - int(s.get("opened") or 0))
    return {"base_short": base, "alone": alone, "closed": closed}


def open_counts(items: list) -> dict[str, int]:
    """The same counts from ``coverage.open_shifts`` items (one per shift and day): base
    shifts short, service opened below minimum, service still to open to reach the targets
    (each target period's shortfall once, not every closed day it could be opened on)."""
    from coverage.open_shifts import openings_needed

    out = {"base_short": 0, "alone": 0, "closed": openings_needed(items)[0], "skill": 0}
    for o in items:
        if o.priority == "base" and o.kind in ("below_minimum", "skill"):
            out["base_short"] += 1  # as the rota's verdict counts them: a missing nurse too
        elif o.kind == "alone":
            out["alone"] += 1
        elif o.kind != "closed":
            out["skill"] += 1
    return out


def shortfalls(rota: Rota) -> list[dict]:
    """Coverage rows with fewer staff than required."""
    return [r for r in rota.coverage if r["open"] and r["assigned"] < r["required"]]


# --- people -------------------------------------------------------------------------------------


def fairness_frame(rota: Rota, lang: str = "nb") -> pd.DataFrame:
    rows = []
    for p in rota.staff:
        rows.append({t("col_name", lang): p.get("name"), t("col_fte", lang): fmt.fte_pct(p.get("fte"), lang),
                     t("col_planned", lang): fmt.num(p.get("planned_hours"), lang),
                     t("col_target", lang): fmt.num(p.get("target_hours"), lang),
                     t("col_band", lang): f"{fmt.num(p.get('min_hours'), lang)}–"
                                          f"{fmt.num(p.get('max_hours'), lang)}",
                     t("col_shifts", lang): p.get("shifts"), t("col_evenings", lang): p.get("evenings"),
                     t("col_weekends", lang): p.get("weekends"), t("col_holidays", lang): p.get("holidays")})
    return pd.DataFrame(rows)


def person_month(rota: Rota, staff: str, lang: str = "nb") -> pd.DataFrame:
    """One person's month as a calendar: weeks × weekdays, the shift (or absence) per day."""
    work = rota.by_staff_date()
    weeks: dict[str, dict[str, str]] = {}
    for d in rota_dates(rota):
        code = work.get((staff, d))
        if code is None:
            kind = absence_code(rota, staff, d)
            code = ABSENCE_MARK.get(kind, kind or "") if kind else ""
        key = f"{t('week_short', lang)} {d.isocalendar()[1]}"
        weeks.setdefault(key, {})[WEEKDAYS[lang][d.weekday()]] = f"{d.day}. {code}".strip()
    frame = pd.DataFrame.from_dict(weeks, orient="index").reindex(columns=list(WEEKDAYS[lang])).fillna("")
    frame.index.name = t("week", lang)
    return frame


def style_person_month(frame: pd.DataFrame, rota: Rota) -> Styler:
    colours = shift_colours(rota)

    def cell(v: str) -> str:
        code = v.split(". ", 1)[1] if ". " in v else ""
        if code in colours:
            return f"background-color: {colours[code]}; color: #000"
        if code:
            return f"background-color: {ABSENCE_COLOUR}; color: #444"
        return ""

    styler = frame.style.map(cell)
    weekend = [c for c in frame.columns if c in (WEEKDAYS["nb"][5:] + WEEKDAYS["en"][5:])]
    return styler.map(lambda v: "" if ". " in v and v.split(". ", 1)[1] else
                      f"background-color: {WEEKEND_COLOUR}", subset=weekend)


def person_numbers(rota: Rota, staff: str) -> dict | None:
    return next((p for p in rota.staff if p["id"] == staff), None)


# --- breaches and changes -----------------------------------------------------------------------


def _detail(v: dict, lang: str) -> str:
    """The breach sentence in the page's language (Norwegian where the checker wrote one)."""
    return (v.get("detail_nb") if lang == "nb" else None) or v.get("detail", "")


def violations_frame(rota: Rota | list[dict], lang: str = "nb", names: dict[str, str] | None = None
                     ) -> pd.DataFrame:
    items = rota.violations if isinstance(rota, Rota) else rota
    if names is None and isinstance(rota, Rota):
        names = {p["id"]: p["name"] for p in rota.staff}
    names = names or {}
    rows = [{t("col_rule", lang): label(str(v.get("rule")), lang),
             t("col_severity", lang): term("severity", str(v.get("severity", "error")), lang),
             t("col_staff", lang): names.get(v.get("staff", ""), v.get("staff", "")),
             t("date", lang): fmt.date(v.get("date", v.get("start", "")), lang),
             t("col_shift", lang): v.get("shift", ""), t("col_detail", lang): _detail(v, lang)}
            for v in items]
    return pd.DataFrame(rows)


def service_frame(rota: Rota, lang: str = "nb") -> pd.DataFrame:
    rows = [{t("col_requirement", lang): s.get("requirement"),
             t("col_target", lang): term("target", str(s.get("target")), lang),
             t("col_opened", lang): f"{s.get('opened')} / {s.get('possible')}",
             t("col_min_staff", lang): s.get("min_staff_if_open")}
            for s in rota.extra.get("service_level") or []]
    return pd.DataFrame(rows)


def headline(rota: Rota, open_items: list | None = None) -> dict:
    """Key numbers for the metric row: status, the three shortfall counts (from the open
    shifts when given: shift-days, as the list below shows them), breaches, hours."""
    counts = open_counts(open_items) if open_items is not None else shortfall_counts(rota)
    return {"status": rota.status, **counts, "shortfalls": len(shortfalls(rota)),
            "errors": len(rota.errors()), "violations": len(rota.violations),
            "hours": round(sum(p.get("planned_hours", 0) for p in rota.staff), 1),
            "seconds": rota.solver.get("seconds")}


def verdict_text(rota: Rota, lang: str = "nb") -> str:
    """The rota's verdict as the CLI summary's first line gives it ("rota written, but it
    leaves 44 base shift(s) short (0 empty, ..., 11 without a skill they need ...)"),
    capitalised; '' without one."""
    verdict = rota.extra.get("verdict")
    if not isinstance(verdict, dict):
        return ""
    text = verdict.get("text_nb") if lang == "nb" else verdict.get("text")
    text = text if isinstance(text, str) and text else str(verdict.get("text") or "")
    return text[:1].upper() + text[1:]


def plan_is_red(rota: Rota, open_items: list | None = None) -> bool:
    """Hard rules broken or base shifts short: the status is shown in red."""
    head = headline(rota, open_items)
    return bool(head["errors"] or head["base_short"] or rota.status in ("infeasible", "error"))


def changes(before: Rota, after: Rota) -> list[dict]:
    """Per (person, date) where the two rotas differ: shift before and after ('' = off)."""
    names = {p["id"]: p["name"] for p in after.staff}
    return [{"staff": c.staff, "name": names.get(c.staff, c.staff), "date": c.date.isoformat(),
             "before": c.before or "", "after": c.after or ""}
            for c in changed_days(before.assignments, after.assignments, first=after.start,
                                  last=after.end)]


def changes_frame(rows: list[dict], lang: str = "nb") -> pd.DataFrame:
    off = t("off", lang)
    return pd.DataFrame([{t("col_name", lang): r.get("name", r.get("staff")),
                          t("date", lang): fmt.day(r["date"], lang),
                          t("col_before", lang): r.get("before") or off,
                          t("col_after", lang): r.get("after") or off} for r in rows])


def change_totals(rows: list[dict]) -> dict[str, int]:
    """Changed person-days: to another shift, shifts added, shifts removed, people touched."""
    moved = sum(1 for r in rows if r.get("before") and r.get("after"))
    added = sum(1 for r in rows if not r.get("before") and r.get("after"))
    removed = sum(1 for r in rows if r.get("before") and not r.get("after"))
    return {"total": len(rows), "moved": moved, "added": added, "removed": removed,
            "people": len({r.get("staff") for r in rows})}


def short_kind(s: dict) -> str:
    """base_short | alone | closed | skill for a re-plan's short slot."""
    if s.get("priority") == "service" and not s.get("assigned"):
        return "closed"
    if s.get("priority") == "service":
        return "alone"
    if s.get("assigned", 0) >= s.get("min", 0) and s.get("skills_missing"):
        return "skill"
    return "base_short"


def short_frame(short: list[dict], names: dict[str, str], lang: str = "nb", top: int = 3) -> pd.DataFrame:
    """Shifts a re-plan still leaves short, each with its kind (the same words as the
    headline), and who could take it without breaking a rule (cheapest first: no overtime,
    then fewest hours above target; from coverage.replan)."""
    rows = []
    for s in short:
        cands = s.get("candidates") or []
        who = ", ".join(
            f"{c.get('name') or names.get(c['staff'], c['staff'])}"
            + (f" (+{fmt.num(c['overtime_hours'], lang)} {t('hours_unit', lang)} {t('overtime', lang)})"
               if c.get("overtime") else "")
            for c in cands[:top])
        rows.append({t("date", lang): fmt.day(s["date"], lang), t("col_shift", lang): s["shift"],
                     t("col_kind", lang): t(f"k_{short_kind(s)}_long", lang)
                     if short_kind(s) != "skill" else t("k_skill", lang),
                     t("col_staffed", lang): f"{s['assigned']} / {s['min']}",
                     t("col_candidates", lang): who or t("vikar_needed", lang)})
    return pd.DataFrame(rows)


def open_shift_rows(items: list, names: dict[str, str], lang: str = "nb") -> pd.DataFrame:
    """``coverage.open_shifts`` items as the page's table (for booking vikarer)."""
    rows = []
    for o in items:
        rows.append({t("date", lang): fmt.day(o.date, lang), t("col_shift", lang): o.shift,
                     t("col_time", lang): f"{o.start}–{o.end}",
                     t("col_kind", lang): term("open_kind", o.kind, lang),
                     t("col_staffed", lang): f"{o.assigned} / {o.minimum}",
                     t("col_missing", lang): o.missing,
                     t("col_reason", lang): o.reason_nb if lang == "nb" else o.reason,
                     t("col_could", lang): ", ".join(names.get(s, s) for s in o.could_take)})
    return pd.DataFrame(rows)


def wish_frame(outcomes: list[dict], names: dict[str, str], lang: str = "nb") -> pd.DataFrame:
    """Wishes granted / not granted per person (from ``wish_outcomes``)."""
    per: dict[str, list[int]] = {}
    for w in outcomes:
        acc = per.setdefault(str(w.get("staff")), [0, 0])
        acc[1] += 1
        if w.get("granted"):
            acc[0] += 1
    return pd.DataFrame([{t("col_name", lang): names.get(s, s), t("wish_granted", lang): g,
                          t("wish_not_granted", lang): n - g} for s, (g, n) in per.items()])


def wish_detail_frame(outcomes: list[dict], names: dict[str, str], lang: str = "nb") -> pd.DataFrame:
    """Each wish not granted, with the reporter's own sentence (why, where it says)."""
    rows = [{t("col_name", lang): names.get(w.get("staff"), w.get("staff")),
             t("date", lang): fmt.day(w.get("date"), lang),
             t("col_detail", lang): w.get("text_nb" if lang == "nb" else "text_en")
             or term("wish", str(w.get("kind")), lang)}
            for w in outcomes if not w.get("granted")]
    return pd.DataFrame(rows)
