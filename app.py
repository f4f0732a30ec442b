"""The turnus workbench: plan, edit by hand, break, re-plan, compare, publish.

Start it with ``make app`` (http://localhost:8501). This file only lays out widgets: it
calls ``roster``/``coverage`` through the helpers in ``roster/ui`` and shows their
results. See docs/app.md.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from roster.errors import ScenarioError, UserError
from roster.rota import Rota
from roster.rules.params import Kind, Param
from roster.ui import edits, fmt, jobs, standard, views, whatif, workbench
from roster.ui import nb_messages as nbm
from roster.ui import scenario_data as sd
from roster.ui.features import FeatureMissing
from roster.ui.i18n import ABSENCE_KINDS, LANGS, WISH_KINDS, t, term

log = logging.getLogger("roster.app")

PAGES = ("page_scenario", "page_plan", "page_whatif", "page_workbench", "page_staffing", "page_download")
CSS = """<style>
.block-container {padding-left: 1rem; padding-right: 1rem; padding-top: 2.2rem; max-width: 100%;}
[data-testid="stFileUploaderDropzoneInstructions"] > div > span,
[data-testid="stFileUploaderDropzoneInstructions"] > div > small {display: none;}
[data-testid="stFileUploaderDropzone"] button {visibility: hidden; position: relative;}
[data-testid="stFileUploaderDropzone"] button::after {visibility: visible; position: absolute;
  left: 0; right: 0; top: 0; bottom: 0; display: flex; align-items: center; justify-content: center;
  content: var(--upload-label); border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem;}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {content: var(--upload-hint);
  font-size: 0.875rem;}
[data-testid="stMainMenu"], [data-testid="stAppDeployButton"] {display: none;}
</style>"""
# Room for the month at 1366 px (narrow side padding); Streamlit's English file-picker words
# replaced by the page's own (CSS, set per language below); no Deploy or main menu.


# --- session -------------------------------------------------------------------------


def lang() -> str:
    return st.session_state.get("lang", "nb")


def tr(key: str, **kw: object) -> str:
    return t(key, lang(), **kw)


def set_data(data: dict, *, source: str | None = None, keep_rota: bool = False) -> None:
    """Replace the scenario being edited; editors are rebuilt from it."""
    st.session_state["data"] = data
    st.session_state["ver"] = st.session_state.get("ver", 0) + 1
    if source is not None:
        st.session_state["source"] = source
    if not keep_rota:
        for k in ("rota", "rota_data", "rota_scenario", "whatif", "cmp_result", "sim_result", "edit",
                  "original", "pending_abs", "wb_compare"):
            st.session_state.pop(k, None)


def current() -> dict | None:
    return st.session_state.get("data")


def key(name: str) -> str:
    """A widget key that changes when a new scenario is loaded (fresh editors) or the language
    changes (option labels are translated)."""
    return f"{name}_{st.session_state.get('ver', 0)}_{lang()}"


def confirmed() -> dict[str, dict]:
    return st.session_state.setdefault("std_ok", {})


def set_rota(rota: Rota, data: dict, scenario: Any, *, original: bool = False) -> None:
    """Make ``rota`` the current turnus (and the hand-edit session's starting point)."""
    notes = standard.records(scenario, confirmed())
    if notes:
        rota.extra["standard_confirmations"] = notes
    st.session_state["rota"] = rota
    st.session_state["rota_data"] = data
    st.session_state["rota_scenario"] = scenario
    st.session_state["edit"] = edits.EditSession.start(scenario, rota)
    if original or "original" not in st.session_state:
        st.session_state["original"] = rota


def edit_session() -> edits.EditSession | None:
    return st.session_state.get("edit")


def sync_rota() -> None:
    """After an edit: the edit session's rota is the current turnus."""
    session = edit_session()
    if session is not None:
        st.session_state["rota"] = session.rota


def guarded(render: Callable[[], None]) -> None:
    """Run a page; turn any error into a sentence a unit leader can act on."""
    failed = st.session_state.pop("callback_error", None)
    if failed:
        st.error(tr("internal_error", kind=failed))
    try:
        render()
    except FeatureMissing as exc:
        st.warning(tr("feature_missing", feature=tr(exc.feature)))
    except ScenarioError as exc:
        st.error(tr("scenario_invalid", n=len(exc.problems)))
        for p in exc.problems:
            st.markdown(f"- **{p.where or p.source}**: {nbm.message(p.message, lang())}")
    except UserError as exc:
        st.error(tr("user_error", detail=nbm.message(str(exc), lang())))
    except Exception as exc:
        log.error("app page failed: %s", type(exc).__name__, exc_info=exc)
        st.error(tr("internal_error", kind=type(exc).__name__))


def safe(callback: Callable[..., None]) -> Callable[..., None]:
    """A widget callback that cannot put a traceback on the page: it runs before the page
    (outside ``guarded``), so a failure is kept and shown by the page as a sentence."""

    def run(*args: object, **kwargs: object) -> None:
        try:
            callback(*args, **kwargs)
        except Exception as exc:
            log.error("app callback failed: %s", type(exc).__name__, exc_info=exc)
            st.session_state["callback_error"] = type(exc).__name__

    return run


def show_problems(problems: list[sd.FieldProblem]) -> None:
    lg = lang()
    for p in problems:
        st.error(f"{nbm.where(p.section, p.row, p.key, p.where, lg)}: {nbm.message(p.message, lg)}",
                 icon="⚠️")


def flash(kind: str, text: str) -> None:
    """A message for the next page run (after a background job ends)."""
    st.session_state.setdefault("flash", []).append((kind, text))


def show_flash() -> None:
    for kind, text in st.session_state.pop("flash", []):
        getattr(st, kind)(text)


# --- background planning --------------------------------------------------------------


def start_job(kind: str, limit: float, fn: Callable[..., Any], *args: Any, meta: dict | None = None,
              **kwargs: Any) -> None:
    st.session_state["job"] = jobs.start(kind, limit, fn, *args, meta=meta, **kwargs)


def running() -> bool:
    job = st.session_state.get("job")
    return job is not None and not job.done


def collect_job() -> None:
    """A finished job's result lands in the session (whatever page is open)."""
    job: jobs.Job | None = st.session_state.get("job")
    if job is None or not job.done:
        return
    st.session_state.pop("job")
    lg = lang()
    if job.error is not None:
        exc = job.error
        if isinstance(exc, ScenarioError):
            flash("error", t("scenario_invalid", lg, n=len(exc.problems)))
        elif isinstance(exc, UserError):
            flash("error", t("user_error", lg, detail=nbm.message(str(exc), lg)))
        else:
            flash("error", t("internal_error", lg, kind=type(exc).__name__))
        return
    result, meta = job.result, job.meta
    rota = result.rota if job.kind == "replan" else result
    stopped = job.cancelled or (rota.solver or {}).get("message", "").startswith("stopped")
    if job.kind == "plan":
        set_rota(rota, meta["data"], meta["scenario"], original=True)
        for k in ("whatif", "cmp_result", "sim_result"):
            st.session_state.pop(k, None)
    elif job.kind == "replan":
        notes = standard.records(meta["scenario"], confirmed())
        if notes:
            rota.extra["standard_confirmations"] = notes
        st.session_state["whatif"] = {**meta, "result": result}
    elif job.kind == "around_locks":
        session = edit_session()
        if session is not None:
            rota.extra.update({k: v for k, v in session.rota.extra.items()
                               if k == "standard_confirmations"})
            session.replace(rota)
            sync_rota()
    status = term("status", rota.status, lg)
    if stopped and rota.assignments:
        flash("warning", t("job_stopped", lg, status=status, seconds=fmt.num(job.elapsed(), lg)))
    elif stopped:
        flash("error", t("job_stopped_empty", lg))
    else:  # a rota that breaks a rule or leaves base shifts short is no success
        done_ok = rota.status in ("optimal", "feasible")
        flash("success" if done_ok else "warning",
              t("job_done", lg, status=status, seconds=fmt.num(job.elapsed(), lg)))


@st.fragment(run_every=1.0)
def progress_panel() -> None:
    """While a job runs: the stage being solved, the best value so far, the time; Cancel."""
    job: jobs.Job | None = st.session_state.get("job")
    if job is None:
        return
    if job.done:
        st.rerun()
    snap = job.snapshot()
    lg = lang()
    stage = term("stage", (snap["stage"] or "").split(".")[0], lg) if snap["stage"] else tr("job_building")
    with st.container(border=True):
        st.markdown(f"**{tr('job_' + snap['kind'])}** · " + tr(
            "job_progress", stage=stage, index=snap["index"] + 1, of=max(snap["of"], 1),
            best=fmt.num(snap["best"], lg, 2) if snap["best"] is not None else "–",
            seconds=fmt.num(snap["elapsed"], lg, 0), limit=fmt.num(snap["limit"], lg, 0)))
        share = min(1.0, snap["elapsed"] / max(snap["limit"], 1.0))
        st.progress(share, text=tr("job_time", seconds=fmt.num(snap["elapsed"], lg, 0),
                                   limit=fmt.num(snap["limit"], lg, 0)))
        if snap["cancelled"]:
            st.caption(tr("job_cancelling"))
        elif st.button(tr("cancel"), key="cancel_job", help=tr("cancel_help")):
            job.cancel()
            st.caption(tr("job_cancelling"))


# --- sidebar -------------------------------------------------------------------------


def sidebar() -> str:
    with st.sidebar:
        st.radio("Språk / Language", LANGS, key="lang", horizontal=True,
                 format_func=lambda code: {"nb": "Norsk bokmål", "en": "English"}[code])
        # keyed by language: the labels are translated, the chosen page is kept across the switch
        lg = lang()
        page = st.radio(tr("navigate"), PAGES, key=f"page_{lg}", format_func=lambda p: t(p, lg),
                        index=PAGES.index(st.session_state.get("current_page", PAGES[0])))
        st.session_state["current_page"] = page
        data = current()
        if data is not None:
            st.caption(tr("loaded", name=(data.get("scenario") or {}).get("name", "?")))
            rota = st.session_state.get("rota")
            if rota is not None:
                st.caption(tr("has_rota", status=term("status", rota.status, lg)))
        if running():
            st.caption(tr("job_running_side"))
    return page


# --- page: scenario ------------------------------------------------------------------


def load_section() -> None:
    st.subheader(tr("load_header"))
    col1, col2 = st.columns(2)
    with col1:
        names = list(sd.examples())
        default = names.index("fredrikstad-mat") if "fredrikstad-mat" in names else 0
        choice = st.selectbox(tr("example"), names, index=default, key="example_choice")
        if st.button(tr("load_example"), key="load_example"):
            set_data(sd.load_example(choice), source=f"data/{choice}.toml")
            st.success(tr("loaded", name=choice))
        st.download_button(tr("dl_template"), whatif.template_workbook(None), file_name="scenario-mal.xlsx",
                           mime=XLSX, key="dl_template_empty", help=tr("dl_template_help"))
    with col2:
        up = st.file_uploader(tr("upload"), type=["toml", "xlsx"], key="upload", max_upload_size=2,
                              help=tr("upload_help"))
        if up is not None and st.session_state.get("uploaded_id") != up.file_id:
            st.session_state["uploaded_id"] = up.file_id
            try:
                set_data(sd.read_upload(up.name, up.getvalue()), source=up.name)
                st.success(tr("loaded", name=up.name))
            except sd.UploadRefused as exc:
                st.error(tr("upload_refused", reason=refusal(str(exc))))
    saved_section()


def refusal(code: str) -> str:
    kind, _, detail = code.partition(":")
    if kind == "bad_xlsx" and lang() == "nb":
        parts = []
        for item in detail.split("; "):
            where, sep, msg = item.partition(": ")
            parts.append(f"{nbm.place(where)}: {nbm.message(msg, 'nb')}" if sep else nbm.message(item, "nb"))
        detail = "; ".join(parts)
    elif kind == "bad_toml" and lang() == "nb":
        detail = nbm.toml_error(detail)
    return tr(f"refuse_{kind}", detail=detail)


def saved_section() -> None:
    with st.expander(tr("saved_header")):
        units = workbench.units()
        if not units:
            st.caption(tr("saved_none"))
            return
        unit = st.selectbox(tr("saved_unit"), units, key="saved_unit")
        rotas = workbench.saved(unit)
        if not rotas:
            st.caption(tr("saved_none"))
            return
        lg = lang()
        labels = {r.id: r.label(lg) for r in rotas}
        rid = st.selectbox(tr("saved_rota"), list(labels), format_func=labels.get, key="saved_rota")
        if st.button(tr("saved_open"), key="saved_open"):
            open_rota(rid, labels[rid])


def open_rota(rid: int, label: str) -> None:
    data, rota = workbench.open_saved(rid)
    set_data(data, source=label)
    checked = sd.validate(data)
    for note in rota.extra.get("standard_confirmations") or []:
        if note.get("key"):
            confirmed()[note["key"]] = note
    if checked.scenario is not None:
        set_rota(rota, data, checked.scenario, original=True)
    st.success(tr("loaded", name=label))


def editor(name: str, rows: list[dict], columns: dict, apply: Callable[[dict, list[dict]], dict],
           back: Callable[[list[dict]], list[dict]] | None = None) -> None:
    """A table editor whose edits are written straight back into the scenario dict
    (``back`` maps the page's words in a row back to the file's codes)."""
    k = key(name)

    def commit() -> None:
        delta = st.session_state.get(k) or {}
        data = current()
        if data is not None:
            new_rows = sd.apply_editor_delta(rows, delta)
            st.session_state["data"] = apply(data, back(new_rows) if back else new_rows)
            st.session_state["ver"] = st.session_state.get("ver", 0) + 1

    frame = pd.DataFrame(rows, columns=list(columns))
    st.data_editor(frame, key=k, num_rows="dynamic", column_config=columns, on_change=safe(commit),
                   width="stretch", hide_index=True)


def edit_section(data: dict, checked: sd.Validation) -> None:
    cc = st.column_config
    lg = lang()
    ids = sd.staff_ids(data)
    codes = [str(s.get("code")) for s in data.get("shifts") or []]

    st.subheader(tr("staff_header"))
    editor("staff", sd.staff_table(data), {
        "id": cc.TextColumn(tr("col_id"), required=True), "name": cc.TextColumn(tr("col_name")),
        "pct": cc.NumberColumn(tr("col_pct"), min_value=0.0, max_value=100.0, step=0.5,
                               format="localized", help=tr("col_pct_help")),
        "skills": cc.TextColumn(tr("col_skills"), help=tr("skills_help")),
        "role": cc.TextColumn(tr("col_role"))}, sd.with_staff)
    show_problems(checked.for_section("staff"))

    st.subheader(tr("absences_header"))
    kinds = {k: term("absence", k, lg) for k in ABSENCE_KINDS}
    editor("absences", sd.relabel(sd.absence_table(data), "kind", kinds), {
        "staff": cc.SelectboxColumn(tr("col_staff"), options=ids, required=True),
        "start": cc.DateColumn(tr("col_from"), format=fmt.DATE_INPUT_FORMAT[lg]),
        "end": cc.DateColumn(tr("col_to"), format=fmt.DATE_INPUT_FORMAT[lg]),
        "kind": cc.SelectboxColumn(tr("col_kind"), options=list(kinds.values())),
        "percent": cc.NumberColumn(tr("col_percent"), min_value=1, max_value=100, step=1)},
        sd.with_absences, back=lambda rows: sd.relabel(rows, "kind", {v: k for k, v in kinds.items()}))
    show_problems(checked.for_section("absences"))

    st.subheader(tr("wishes_header"))
    wish_kinds = {k: term("wish", k, lg) for k in WISH_KINDS}
    editor("wishes", sd.relabel(sd.wish_table(data), "kind", wish_kinds), {
        "staff": cc.SelectboxColumn(tr("col_staff"), options=ids, required=True),
        "kind": cc.SelectboxColumn(tr("col_kind"), options=list(wish_kinds.values())),
        "start": cc.DateColumn(tr("col_from"), format=fmt.DATE_INPUT_FORMAT[lg]),
        "end": cc.DateColumn(tr("col_to"), format=fmt.DATE_INPUT_FORMAT[lg]),
        "shift": cc.SelectboxColumn(tr("col_shift"), options=codes),
        "weight": cc.NumberColumn(tr("col_weight"), min_value=0.0, max_value=10.0, format="localized")},
        sd.with_wishes, back=lambda rows: sd.relabel(rows, "kind", {v: k for k, v in wish_kinds.items()}))
    show_problems(checked.for_section("wishes"))

    service_section(data, checked)
    show_problems(checked.for_section("coverage") + checked.for_section("shifts"))
    rules_section(data)
    show_problems(checked.for_section("rules"))
    other = [p for p in checked.problems
             if p.section not in ("staff", "absences", "wishes", "coverage", "shifts", "rules")]
    show_problems(other)


def service_section(data: dict, checked: sd.Validation) -> None:
    st.subheader(tr("service_header"))
    st.caption(tr("service_help"))
    lg = lang()  # bound now: the harness may format options outside the script run
    for row in sd.service_rows(data):
        cols = st.columns([2, 1, 1, 2])
        cols[0].markdown(f"**{row.label}** ({row.shift})")

        def change(row: sd.ServiceRow = row) -> None:
            mn = st.session_state[key(f"min_{row.index}")]
            mode = st.session_state[key(f"mode_{row.index}")]
            count = st.session_state.get(key(f"count_{row.index}"), row.count) or 0
            st.session_state["data"] = sd.with_service(
                current() or data, row.index, min_staff=mn, always=mode == "always",
                count=count, per=mode if mode != "always" else "week")

        cols[1].number_input(tr("col_min_staff"), min_value=1, max_value=50, value=row.min_staff,
                             key=key(f"min_{row.index}"), on_change=safe(change))
        mode = "always" if row.always else row.per
        cols[2].selectbox(tr("open_mode"), ["always", "week", "month"],
                          index=["always", "week", "month"].index(mode) if mode in
                          ("always", "week", "month") else 1,
                          key=key(f"mode_{row.index}"), format_func=lambda m: t(f"open_{m}", lg),
                          on_change=safe(change))
        if not row.always:
            most = 7 if row.per == "week" else 31
            if row.unit == "weekend":
                most = 1 if row.per == "week" else 5
            cols[3].slider(tr("open_count", unit=tr(f"unit_{row.unit}"), per=tr(f"per_{row.per}")),
                           0, max(most, row.count), row.count, key=key(f"count_{row.index}"),
                           on_change=safe(change))
    for index, code, hours in sd.holiday_shifts(data):
        def change_hours(index: int = index) -> None:
            st.session_state["data"] = sd.with_shift_hours(
                current() or data, index, st.session_state[key(f"hours_{index}")])

        st.number_input(tr("holiday_hours", code=code), min_value=0.5, max_value=24.0, step=0.5,
                        value=float(hours), key=key(f"hours_{index}"), on_change=safe(change_hours),
                        format="%.1f")
    if checked.scenario is not None:
        standard_section(checked.scenario)


def standard_section(scenario: Any) -> None:
    """A minimum below 3 on evenings, weekends or holidays needs a recorded confirmation."""
    lg = lang()
    low = standard.lowered(scenario)
    if not low:
        return
    ok = confirmed()
    with st.container(border=True):
        st.markdown(f"**{tr('std_header')}**")
        st.caption(standard.STANDARD_NB if lg == "nb" else standard.STANDARD_EN)
        for item in low:
            what = tr("std_item", label=item.label, shift=item.shift, kind=term("std_kind", item.kind, lg),
                      n=item.min_staff)
            if item.key in ok:
                rec = ok[item.key]
                st.warning(tr("std_confirmed", what=what, who=rec["confirmed_by"],
                              when=fmt.timestamp(rec["at"], lg), reason=rec["reason"]), icon="⚠️")
                continue
            st.error(tr("std_needs", what=what), icon="🛑")
            cols = st.columns([2, 2, 1])
            reason = cols[0].text_input(tr("std_reason"), key=f"std_reason_{item.key}")
            who = cols[1].text_input(tr("std_who"), value=os.environ.get("USER", ""),
                                     key=f"std_who_{item.key}")
            agree = st.checkbox(tr("std_agree", n=item.min_staff), key=f"std_agree_{item.key}")
            if cols[2].button(tr("std_confirm"), key=f"std_confirm_{item.key}"):
                if not agree or not reason.strip() or not who.strip():
                    st.error(tr("std_incomplete"))
                else:
                    ok[item.key] = standard.confirmation(item, who=who, reason=reason)
                    st.rerun()


def rules_section(data: dict) -> None:
    """One input per rule value the rule catalogue offers (a new rule appears here by itself)."""
    lg = lang()
    with st.expander(tr("rules_header")):
        st.caption(tr("rules_help"))
        for row in sd.rule_rows(data):
            p, name = row.param, key(f"rule_{row.param.key}")

            def change(p: Param = p, name: str = name) -> None:
                st.session_state["data"] = sd.with_rule(current() or data, p.key, st.session_state[name])

            label, hint = p.label(lg), (p.note or None) if lg == "en" else None
            if p.kind is Kind.BOOL:
                st.checkbox(label, value=bool(row.value), key=name, help=hint, on_change=safe(change))
            elif p.kind is Kind.CHOICE:
                st.selectbox(label, p.choices, index=p.choices.index(row.value), key=name, help=hint,
                             on_change=safe(change),
                             format_func=lambda v, k=p.key: term(f"choice.{k}", v, lg))
            else:
                whole = p.kind is Kind.INT
                lo, hi = p.bounds or (0, 10_000)
                share = not whole and hi <= 1  # a ratio such as on-call's 1/7 = 0.142857
                number = int if whole else float
                st.number_input(label, min_value=number(lo), max_value=number(hi),
                                value=number(row.value), step=1 if whole else 0.01 if share else 0.5,
                                key=name, help=hint, on_change=safe(change),
                                format=None if whole else "%.6f" if share else "%.1f")


def page_scenario() -> None:
    st.header(tr("page_scenario"))
    st.caption(tr("intro"))
    load_section()
    data = current()
    if data is None:
        st.info(tr("nothing_loaded"))
        return
    checked = sd.validate(data)
    if checked.scenario is None:
        st.error(tr("scenario_invalid", n=len(checked.problems)))
    else:
        s = checked.scenario
        lg = lang()
        st.success(tr("scenario_ok", name=s.name, start=fmt.date(s.start, lg), end=fmt.date(s.end, lg),
                      n=len(s.staff), fte=fmt.num(sum(p.fte for p in s.staff), lg, 2)))
    edit_section(data, checked)


# --- page: plan ----------------------------------------------------------------------


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def time_limit_input(name: str = "time_limit") -> float:
    return float(st.number_input(tr("time_limit"), min_value=1, max_value=600, value=20, step=5,
                                 key=name, help=tr("time_limit_help")))


def need_scenario() -> sd.Validation | None:
    data = current()
    if data is None:
        st.info(tr("nothing_loaded"))
        return None
    checked = sd.validate(data)
    if checked.scenario is None:
        st.error(tr("scenario_invalid", n=len(checked.problems)))
        show_problems(checked.problems)
        return None
    return checked


def standard_blocks(scenario: Any) -> bool:
    """True (and says why) when a lowered minimum is not confirmed yet."""
    missing = standard.missing(scenario, confirmed())
    if missing:
        lg = lang()
        st.error(tr("std_blocked", items=", ".join(
            tr("std_item", label=m.label, shift=m.shift, kind=term("std_kind", m.kind, lg), n=m.min_staff)
            for m in missing)), icon="🛑")
    return bool(missing)


def open_items(scenario: Any, rota: Rota | None) -> list | None:
    """``coverage.open_shifts`` of a rota, kept for the rota shown (None if not available)."""
    if scenario is None or rota is None:
        return None
    cache = st.session_state.setdefault("_open_cache", {})
    hit = cache.get(id(rota))
    if hit is not None and hit[0] is rota:
        return hit[1]
    try:
        items = whatif.open_shifts(scenario, rota)
    except FeatureMissing:
        return None
    if len(cache) > 8:
        cache.clear()
    cache[id(rota)] = (rota, items)
    return items


def status_line(rota: Rota, scenario: Any, before: Rota | None = None, before_scenario: Any = None) -> None:
    """Status (red with breaches or base shifts short), the three shortfall numbers (counted
    as the open-shifts list counts them), breaches and hours; with ``before``, the change."""
    lg = lang()
    items = open_items(scenario, rota)
    head = views.headline(rota, items)
    was = views.headline(before, open_items(before_scenario or scenario, before)) \
        if before is not None else None

    def delta(name: str) -> str | None:
        if was is None:
            return None
        d = head[name] - was[name]
        return None if d == 0 else ("+" if d > 0 else "") + fmt.num(d, lg)

    status = term("status", head["status"], lg)
    if views.plan_is_red(rota, items):
        said = views.verdict_text(rota, lg)
        st.error(tr("status_red_why", status=status, why=said) if said else
                 tr("status_red", status=status, errors=head["errors"], base=head["base_short"]), icon="🛑")
    cols = st.columns([1.6, 1, 1, 1, 1, 1])
    cols[0].metric(tr("m_status"), status, help=tr("status_help"))
    cols[1].metric(tr("k_base_short"), head["base_short"], delta("base_short"), delta_color="inverse",
                   help=tr("k_base_short_help"))
    cols[2].metric(tr("k_alone"), head["alone"], delta("alone"), delta_color="inverse",
                   help=tr("k_alone_help"))
    cols[3].metric(tr("k_closed"), head["closed"], delta("closed"), delta_color="inverse",
                   help=tr("k_closed_help"))
    cols[4].metric(tr("m_errors"), head["errors"], delta("errors"), delta_color="inverse")
    cols[5].metric(tr("m_hours"), fmt.num(head["hours"], lg), delta("hours"))
    notes = rota.extra.get("standard_confirmations") or []
    for n in notes:
        st.warning(tr("std_in_summary", label=n.get("requirement"), shift=n.get("shift"),
                      n=n.get("min_staff"),
                      who=n.get("confirmed_by"), when=fmt.timestamp(n.get("at"), lg), reason=n.get("reason")),
                   icon="⚠️")
    if head["status"] == "infeasible" and not rota.extra.get("hand_edited"):
        st.warning(tr("infeasible_help"))


def legend_line(rota: Rota) -> None:
    lg = lang()
    chips = [f"<span style='background:{colour};padding:1px 6px;border-radius:3px;color:#000'>"
             f"{code} {name}</span>" for code, name, colour in views.legend(rota, lg)]
    chips.append(f"<span style='background:{views.WEEKEND_COLOUR};padding:1px 6px'>{tr('lg_weekend')}</span>")
    chips.append(f"<span style='background:{views.HOLIDAY_COLOUR};padding:1px 6px'>{tr('lg_holiday')}</span>")
    chips.append(f"<span style='color:{views.CHANGED_TEXT};font-weight:bold'>{tr('lg_changed')}</span>")
    chips.append(f"{views.LOCK_MARK} {tr('lg_locked')}")
    chips.append(tr("lg_absence"))
    st.markdown(" ".join(chips), unsafe_allow_html=True)


def reference_choice(rota: Rota) -> Rota | None:
    """The rota the grid's changes are marked against: none, the original or the published."""
    lg = lang()
    options = ["none", "original"]
    published = published_rota(rota)
    if published is not None:
        options.append("published")
    choice = st.selectbox(tr("mark_against"), options, key=f"mark_against_{lg}",
                          index=1 if len(options) > 1 else 0, format_func=lambda o: t(f"ref_{o}", lg))
    if choice == "original":
        return st.session_state.get("original")
    if choice == "published":
        return published
    return None


def published_rota(rota: Rota) -> Rota | None:
    try:
        return workbench.published(workbench.unit_name(st.session_state.get("rota_data"), rota), rota)
    except FeatureMissing:
        return None


def grid_view(rota: Rota, *, reference: Rota | None, locks: set | None, key_name: str | None,
              note: str | None = None) -> tuple[views.Grid, list]:
    """The compact turnus grid; with ``key_name`` the cells are selectable (for editing)."""
    lg = lang()
    g = views.grid(rota, lg, reference=reference, locks=locks)
    if note:
        st.caption(note)
    kwargs: dict[str, Any] = {}
    if key_name:
        kwargs = {"on_select": "rerun", "selection_mode": "multi-cell", "key": key_name}
    event = st.dataframe(views.style_grid(g, rota), column_config=views.grid_column_config(g, lg),
                         row_height=views.ROW_HEIGHT, height=views.grid_height(len(g.staff)),
                         width="stretch", **kwargs)
    selection = []
    if key_name:
        try:
            selection = list(event.selection.cells)  # type: ignore[union-attr]
        except AttributeError:
            selection = []
    return g, selection


def verdict(rota: Rota, before: Rota | None) -> None:
    """The independent checker's verdict on the rota as it stands (what the last edit broke)."""
    lg = lang()
    errors = rota.errors()
    fresh = edits.new_breaches(before, rota) if before is not None else []
    if not errors:
        st.success(tr("check_clean"))
    else:
        st.error(tr("check_breaches", n=len(errors), new=len(fresh)))
        st.dataframe(views.violations_frame(fresh or errors, lg,
                                            {p["id"]: p["name"] for p in rota.staff}),
                     width="stretch", hide_index=True)


def edit_tools(g: views.Grid, selection: list, session: edits.EditSession, scenario: Any) -> None:
    """Buttons that act on the selected cells: a shift code, day off, lock, undo/redo."""
    cells = g.cells(selection)
    codes = [s.code for s in scenario.shifts]
    st.caption(tr("edit_selected", n=len(cells)) if cells else tr("edit_select_first"))
    cols = st.columns(len(codes) + 6)
    before = session.rota

    def apply(code: str) -> None:
        if not cells:
            st.session_state["edit_msg"] = ("info", tr("edit_select_first"))
            return
        n = session.set(cells, code)
        sync_rota()
        st.session_state["edit_before"] = before
        st.session_state["edit_msg"] = ("success", tr("edit_done", n=n))

    for i, code in enumerate(codes):
        cols[i].button(code, key=f"set_{code}", on_click=safe(apply), args=(code,),
                       help=tr("edit_set_help", code=code), width="stretch")
    cols[len(codes)].button(tr("off"), key="set_off", on_click=safe(apply), args=("",),
                            help=tr("edit_off_help"), width="stretch")

    def lock(locked: bool) -> None:
        if not cells:
            st.session_state["edit_msg"] = ("info", tr("edit_select_first"))
            return
        session.lock(cells, locked)
        sync_rota()

    cols[len(codes) + 1].button(f"{views.LOCK_MARK} {tr('lock')}", key="lock", on_click=safe(lock),
                                args=(True,), width="stretch")
    cols[len(codes) + 2].button(tr("unlock"), key="unlock", on_click=safe(lock), args=(False,),
                                width="stretch")

    def undo(back: bool) -> None:
        (session.undo if back else session.redo)()
        sync_rota()
        st.session_state.pop("edit_before", None)

    cols[len(codes) + 3].button("↶ " + tr("undo"), key="undo", on_click=safe(undo), args=(True,),
                                disabled=not session.can_undo, width="stretch")
    cols[len(codes) + 4].button("↷ " + tr("redo"), key="redo", on_click=safe(undo), args=(False,),
                                disabled=not session.can_redo, width="stretch")
    msg = st.session_state.pop("edit_msg", None)
    if msg:
        getattr(st, msg[0])(msg[1])
    with st.expander(tr("range_header")):
        range_form(session, scenario, codes)


def range_form(session: edits.EditSession, scenario: Any, codes: list[str]) -> None:
    """Several people over a date range at once (works on a phone too)."""
    lg = lang()
    names = {p.id: p.name for p in scenario.staff}
    cols = st.columns([3, 2, 1, 1])
    who = cols[0].multiselect(tr("col_staff"), list(names), format_func=lambda i: names[i], key="range_who")
    days = cols[1].date_input(tr("range_dates"), value=(session.rota.start, session.rota.start),
                              min_value=session.rota.start, max_value=session.rota.end, key="range_dates",
                              format=fmt.DATE_INPUT_FORMAT[lg])
    code = cols[2].selectbox(tr("col_shift"), [*codes, ""], key="range_code",
                             format_func=lambda c: c or t("off", lg))
    lock_too = cols[3].checkbox(tr("lock"), key="range_lock")
    if st.button(tr("range_apply"), key="range_apply"):
        first, last = (days[0], days[-1]) if isinstance(days, (tuple, list)) and days else (days, days)
        if not who or first is None:
            st.info(tr("range_incomplete"))
            return
        cells = [(s, first + dt.timedelta(days=i)) for s in who for i in range((last - first).days + 1)]
        before = session.rota
        n = session.set(cells, code)
        if lock_too:
            session.lock(cells, True)
        sync_rota()
        st.session_state["edit_before"] = before
        st.session_state["edit_msg"] = ("success", tr("edit_done", n=n))
        st.rerun()


def plan_controls(checked: sd.Validation) -> None:
    blocked = standard_blocks(checked.scenario)
    cols = st.columns([2, 1, 3], vertical_alignment="bottom")
    with cols[0]:
        limit = time_limit_input()
    with cols[2]:
        show_flash()
    if cols[1].button(tr("solve"), type="primary", key="solve", disabled=blocked or running()):
        data = current()
        start_job("plan", limit, whatif.solve, checked.scenario, limit,
                  meta={"data": data, "scenario": checked.scenario})
        st.rerun()


def page_plan() -> None:
    st.header(tr("page_plan"))
    checked = need_scenario()
    if checked is None:
        return
    plan_controls(checked)
    if running():
        progress_panel()
    rota = st.session_state.get("rota")
    session = edit_session()
    if rota is None or session is None:
        if not running():
            st.info(tr("not_solved"))
        return
    if st.session_state.get("rota_data") != current():
        st.warning(tr("stale"))
    scenario = st.session_state["rota_scenario"]
    status_line(rota, scenario)
    tabs = st.tabs([tr("tab_grid"), tr("tab_coverage"), tr("tab_person"), tr("tab_rules"), tr("tab_files")])
    with tabs[0]:
        grid_tab(rota, session, scenario)
    with tabs[1]:
        coverage_tab(rota)
    with tabs[2]:
        person_tab(rota, scenario)
    with tabs[3]:
        rules_tab(rota, scenario)
    with tabs[4]:
        files_tab(rota, scenario)


def grid_tab(rota: Rota, session: edits.EditSession, scenario: Any) -> None:
    lg = lang()
    st.subheader(tr("grid_header"))
    cols = st.columns([2, 3])
    with cols[0]:
        reference = reference_choice(rota)
    if reference is not None:
        rows = views.changes(reference, rota)
        totals = views.change_totals(rows)
        cols[1].caption(tr("change_total", **totals))
    legend_line(rota)
    g, selection = grid_view(rota, reference=reference, locks=session.locks, key_name="turnus_grid",
                             note=tr("grid_help"))
    edit_tools(g, selection, session, scenario)
    verdict(session.rota, st.session_state.get("edit_before"))
    c1, c2 = st.columns([1, 3])
    limit = c1.number_input(tr("time_limit"), min_value=1, max_value=600, value=20, step=5,
                            key="around_limit")
    c2.caption(tr("around_help", n=len(session.locks)))
    if c2.button(tr("around"), key="around", disabled=running() or not session.locks):
        start_job("around_locks", limit, whatif.plan_around, session.locked_scenario(), session.rota,
                  float(limit), meta={})
        st.rerun()
    if reference is not None:
        rows = views.changes(reference, rota)
        if rows:
            with st.expander(tr("changes_header", n=len(rows))):
                st.dataframe(views.changes_frame(rows, lg), width="stretch", hide_index=True)
    st.divider()
    save_row(rota)


def save_row(rota: Rota) -> None:
    cols = st.columns([3, 1])
    note = cols[0].text_input(tr("save_note"), key="save_note", placeholder=tr("save_note_hint"))
    if cols[1].button(tr("save_draft"), key="save_draft"):
        rid = workbench.save(st.session_state.get("rota_data") or current(), rota, note)
        st.success(tr("saved_draft", id=rid, path=workbench.store_file()))


def coverage_tab(rota: Rota) -> None:
    lg = lang()
    st.subheader(tr("coverage_chart_header"))
    st.caption(tr("coverage_chart_help"))
    chart = views.coverage_chart(rota, lg)
    if chart is not None:
        st.altair_chart(chart, width="stretch")
    week = views.week_service_frame(rota, lg)
    if not week.empty:
        st.subheader(tr("week_service_header"))
        st.dataframe(week, width="stretch", height="content")
    service = views.service_frame(rota, lg)
    if not service.empty:
        st.subheader(tr("service_level_header"))
        st.dataframe(service, width="stretch", hide_index=True)
    with st.expander(tr("coverage_header")):
        st.caption(tr("coverage_help"))
        st.dataframe(views.style_coverage(views.coverage_frame(rota, lg)), width="stretch")


def person_tab(rota: Rota, scenario: Any) -> None:
    lg = lang()
    names = {p["id"]: p["name"] for p in rota.staff}
    who = st.selectbox(tr("col_staff"), list(names), format_func=lambda i: names[i], key="person_view")
    p = views.person_numbers(rota, who)
    if p is not None:
        cols = st.columns(5)
        cols[0].metric(tr("col_pct"), fmt.fte_pct(p.get("fte"), lg))
        cols[1].metric(tr("col_planned"), fmt.hours(p.get("planned_hours"), lg),
                       fmt.num((p.get("planned_hours") or 0) - (p.get("target_hours") or 0), lg) + " "
                       + tr("hours_unit"), delta_color="off",
                       help=tr("person_band", target=fmt.num(p.get("target_hours"), lg),
                               lo=fmt.num(p.get("min_hours"), lg), hi=fmt.num(p.get("max_hours"), lg)))
        cols[2].metric(tr("col_evenings"), p.get("evenings"))
        cols[3].metric(tr("col_weekends"), p.get("weekends"))
        cols[4].metric(tr("col_holidays"), p.get("holidays"))
    month = views.person_month(rota, who, lg)
    st.dataframe(views.style_person_month(month, rota), width="stretch", height="content")
    wishes = safe_wishes(scenario, rota)
    if wishes is not None:
        mine = [w for w in wishes if w.get("staff") == who]
        if mine:
            st.caption(tr("wishes_person", granted=sum(1 for w in mine if w["granted"]), total=len(mine)))
    st.subheader(tr("fairness_header"))
    st.dataframe(views.fairness_frame(rota, lg), width="stretch", hide_index=True, height="content")
    if wishes is not None:
        st.subheader(tr("wishes_report_header"))
        st.dataframe(views.wish_frame(wishes, names, lg), width="stretch", hide_index=True)
        missed = views.wish_detail_frame(wishes, names, lg)
        if not missed.empty:
            with st.expander(tr("wishes_missed", n=len(missed))):
                st.dataframe(missed, width="stretch", hide_index=True)
    else:
        st.caption(tr("wishes_unavailable"))


def safe_wishes(scenario: Any, rota: Rota) -> list[dict] | None:
    try:
        return whatif.wish_outcomes(scenario, rota)
    except Exception as exc:  # a wish report that fails must not take the page with it
        log.error("wish outcomes failed: %s", type(exc).__name__)
        return None


def rules_tab(rota: Rota, scenario: Any) -> None:
    lg = lang()
    st.subheader(tr("violations_header"))
    broken = views.violations_frame(rota, lg)
    if broken.empty:
        st.success(tr("no_violations"))
    else:
        st.dataframe(broken, width="stretch", hide_index=True)
    open_shifts_section(rota, scenario)


def open_shifts_section(rota: Rota, scenario: Any) -> None:
    lg = lang()
    st.subheader(tr("open_shifts_header"))
    items = open_items(scenario, rota)
    if items is None:
        st.info(tr("feature_missing", feature=tr("feature_open_shifts")))
        return
    if not items:
        st.success(tr("open_shifts_none"))
        return
    names = {p.id: p.name for p in scenario.staff}
    st.caption(tr("open_shifts_help"))
    st.dataframe(views.open_shift_rows(items, names, lg), width="stretch", hide_index=True)
    stem = whatif.file_stem(st.session_state.get("rota_data") or current() or {})
    c1, c2 = st.columns(2)
    c1.download_button(tr("dl_open_csv"), whatif.open_shifts_csv(items, scenario, lg),
                       file_name=f"{stem}-ledige-vakter.csv", mime="text/csv", key="dl_open_csv")
    c2.download_button(tr("dl_open_xlsx"), whatif.open_shifts_xlsx(items, scenario, lg),
                       file_name=f"{stem}-ledige-vakter.xlsx", mime=XLSX, key="dl_open_xlsx")


def files_tab(rota: Rota, scenario: Any) -> None:
    """The rota workbook out, an edited one back in (its edits are judged like any other)."""
    lg = lang()
    stem = whatif.file_stem(st.session_state.get("rota_data") or current() or {})
    try:
        book = whatif.rota_workbook(scenario, rota, lg)
    except FeatureMissing as exc:
        st.info(tr("feature_missing", feature=tr(exc.feature)))
        return
    st.download_button(tr("dl_rota_xlsx"), book, file_name=f"{stem}-turnus.xlsx", mime=XLSX,
                       key="dl_rota_xlsx_tab")
    st.caption(tr("upload_rota_help"))
    up = st.file_uploader(tr("upload_rota"), type=["xlsx"], key="upload_rota", max_upload_size=2)
    if up is not None and st.session_state.get("uploaded_rota_id") != up.file_id:
        st.session_state["uploaded_rota_id"] = up.file_id
        session = edit_session()
        try:
            assignments = whatif.read_rota_upload(up.name, up.getvalue(), scenario)
        except whatif.RotaUploadRefused as exc:
            st.error(tr("upload_rota_refused", n=len(exc.problems)))
            for p in exc.problems[:30]:
                kind, _, detail = p.partition(":")
                text = tr(f"refuse_{kind}", detail=detail) if kind in ("too_big", "bad_kind") \
                    else nbm.rota_problem(p, lg)
                st.markdown(f"- {text}")
            return
        if session is not None:
            before = session.rota
            n = session.load(assignments)
            sync_rota()
            st.session_state["edit_before"] = before
            st.success(tr("upload_rota_done", n=n, name=up.name))


# --- page: what-if -------------------------------------------------------------------


def need_rota() -> Rota | None:
    rota = st.session_state.get("rota")
    if rota is None or current() is None:
        st.info(tr("solve_first"))
        return None
    return rota


def page_whatif() -> None:
    st.header(tr("page_whatif"))
    show_flash()
    rota = need_rota()
    if rota is None:
        return
    lg = lang()
    data = st.session_state.get("rota_data") or current()
    names = sd.staff_names(data)
    st.subheader(tr("sick_header"))
    st.caption(tr("sick_help"))
    cols = st.columns([3, 2, 1])
    who = cols[0].multiselect(tr("col_staff"), list(names), format_func=lambda i: f"{names[i]} ({i})",
                              key="sick_who")
    first = min(rota.end, rota.start + dt.timedelta(days=10))
    days = cols[1].date_input(tr("range_dates"), value=(first, min(rota.end, first + dt.timedelta(days=13))),
                              min_value=rota.start, max_value=rota.end, key="sick_dates",
                              format=fmt.DATE_INPUT_FORMAT[lg])
    kind = cols[2].selectbox(tr("col_kind"), list(ABSENCE_KINDS), key="sick_kind",
                             format_func=lambda k: term("absence", k, lg))
    pending: list[dict] = st.session_state.setdefault("pending_abs", [])
    if st.button(tr("abs_add"), key="abs_add"):
        start, end = (days[0], days[-1]) if isinstance(days, (tuple, list)) and days else (days, days)
        if not who or start is None:
            st.info(tr("range_incomplete"))
        elif end < start:
            st.error(tr("to_before_from"))
        else:
            for sid in who:
                pending.append({"staff": sid, "start": start, "end": end, "kind": kind})
    if pending:
        table = pd.DataFrame([{tr("col_name"): names.get(a["staff"], a["staff"]),
                               tr("col_from"): fmt.date(a["start"], lg), tr("col_to"): fmt.date(a["end"], lg),
                               tr("col_kind"): term("absence", a["kind"], lg)} for a in pending])
        st.dataframe(table, width="stretch", hide_index=True)
        if st.button(tr("abs_clear"), key="abs_clear"):
            pending.clear()
            st.rerun()
    limit = time_limit_input("replan_limit")
    if st.button(tr("replan", n=len(pending)), type="primary", key="replan",
                 disabled=not pending or running()):
        new_data = sd.add_absences(data, pending)
        checked = sd.validate(new_data)
        if checked.scenario is None:
            st.error(tr("scenario_invalid", n=len(checked.problems)))
            show_problems(checked.problems)
            return
        before = st.session_state.get("rota_scenario") or sd.validate(data).scenario
        start_job("replan", limit, whatif.replan, before, rota, checked.scenario, limit,
                  meta={"data": new_data, "scenario": checked.scenario, "before": rota,
                        "absences": list(pending)})
        st.rerun()
    if running():
        progress_panel()
    state = st.session_state.get("whatif")
    if not state:
        return
    replan_result(state, names)


def replan_result(state: dict, names: dict[str, str]) -> None:
    lg = lang()
    result = state["result"]
    before: Rota = state["before"]
    st.subheader(tr("changes_header", n=len(result.changes)))
    totals = views.change_totals(result.changes)
    st.caption(tr("change_total", **totals))
    if result.short:
        st.subheader(tr("short_header", n=len(result.short)))
        st.caption(tr("short_help"))
        st.dataframe(views.short_frame(result.short, names, lg), width="stretch", hide_index=True)
    status_line(result.rota, state["scenario"], before=before,
                before_scenario=st.session_state.get("rota_scenario"))
    st.subheader(tr("proposed") + ": " + tr("grid_header"))
    ref_options = ["current", "original"]
    published = published_rota(result.rota)
    if published is not None:
        ref_options.append("published")
    ref = st.selectbox(tr("mark_against"), ref_options, key=f"whatif_ref_{lg}",
                       format_func=lambda o: t(f"ref_{o}", lg))
    reference = {"current": before, "original": st.session_state.get("original"),
                 "published": published}.get(ref)
    if reference is not None and ref != "current":
        st.caption(tr("change_total", **views.change_totals(views.changes(reference, result.rota))))
    legend_line(result.rota)
    grid_view(result.rota, reference=reference, locks=None, key_name=None)
    if result.changes:
        with st.expander(tr("changes_list")):
            st.dataframe(views.changes_frame(result.changes, lg), width="stretch", hide_index=True)
    else:
        st.info(tr("no_changes"))
    if st.button(tr("accept"), key="accept"):
        set_data(state["data"], keep_rota=True)
        set_rota(result.rota, state["data"], state["scenario"])
        st.session_state.pop("whatif", None)
        st.session_state.pop("pending_abs", None)
        st.success(tr("accepted"))


# --- page: workbench -----------------------------------------------------------------


def page_workbench() -> None:
    st.header(tr("page_workbench"))
    st.caption(tr("workbench_help"))
    show_flash()
    lg = lang()
    rota = st.session_state.get("rota")
    data = st.session_state.get("rota_data") or current()
    unit = workbench.unit_name(data, rota) if data is not None else None
    units = workbench.units()
    if unit and unit not in units:
        units = [unit, *units]
    if not units:
        st.info(tr("workbench_empty"))
        return
    unit = st.selectbox(tr("saved_unit"), units, index=units.index(unit) if unit in units else 0,
                        key="wb_unit")
    saved = workbench.saved(unit)
    if rota is not None:
        st.subheader(tr("publish_header"))
        publish_section(data, rota)
    st.subheader(tr("compare_two_header"))
    compare_two(saved, rota, lg)
    st.subheader(tr("history_header"))
    history_section(saved, data, lg)


def publish_section(data: dict, rota: Rota) -> None:
    lg = lang()
    block = workbench.blockers(rota)
    cols = st.columns([2, 2, 1])
    user = cols[0].text_input(tr("your_name"), value=os.environ.get("USER", ""), key="pub_user")
    note = cols[1].text_input(tr("save_note"), key="pub_note")
    force = False
    if not block["status_ok"] or block["base_short"]:
        st.error(tr("publish_blocked", errors=block["errors"], base=block["base_short"],
                    status=term("status", rota.status, lg)), icon="🛑")
        force = st.checkbox(tr("publish_force"), key="pub_force")
    if cols[2].button(tr("publish"), type="primary", key="publish", disabled=block["empty"]):
        if (not block["status_ok"] or block["base_short"]) and not force:
            st.error(tr("publish_need_force"))
            return
        if not user.strip():
            st.error(tr("publish_need_name"))
            return
        res = workbench.publish(data, rota, user=user, note=note, force=force)
        flash("success", tr("published", id=res.rota_id) + (
            " " + tr("published_supersedes", old=res.superseded_id,
                     changes=workbench.change_words(res.diff, lg)) if res.superseded_id else ""))
        st.rerun()  # the history below shows the new rota


def compare_two(saved: list[workbench.Saved], rota: Rota | None, lg: str) -> None:
    options: list[str] = (["current"] if rota is not None else []) + [str(s.id) for s in saved]
    if len(options) < 2:
        st.caption(tr("compare_two_need"))
        return
    labels = {"current": tr("current_rota")} | {str(s.id): s.label(lg) for s in saved}
    cols = st.columns(2)
    left = cols[0].selectbox(tr("cmp_left"), options, key="cmp_left", format_func=labels.get)
    right = cols[1].selectbox(tr("cmp_right"), options, index=1, key="cmp_right", format_func=labels.get)

    def load(choice: str) -> tuple[Rota, Any]:
        if choice == "current":
            return rota, st.session_state.get("rota_scenario")  # type: ignore[return-value]
        d, r = workbench.open_saved(int(choice))
        return r, sd.validate(d).scenario

    (ra, sa), (rb, sb) = load(left), load(right)

    def wishes(s: Any, r: Rota) -> dict | None:
        w = safe_wishes(s, r) if s is not None else None
        return None if w is None else {"granted": sum(1 for x in w if x["granted"]), "total": len(w)}

    rows = workbench.comparison(workbench.measures(ra, sa, wishes(sa, ra), open_items(sa, ra)),
                                workbench.measures(rb, sb, wishes(sb, rb), open_items(sb, rb)), lg)
    st.dataframe(pd.DataFrame(rows, columns=[tr("measure"), labels[left], labels[right]]),
                 width="stretch", hide_index=True, height="content")
    st.caption(tr("compare_two_note"))


def history_section(saved: list[workbench.Saved], data: dict | None, lg: str) -> None:
    if not saved:
        st.caption(tr("saved_none"))
        return
    names = sd.staff_names(data or {})
    rows = []
    for s in saved:
        change = next((c for c in reversed(s.changes) if c.get("diff") is not None), None)
        what = tr("history_published") if s.status != "draft" else tr("history_draft")
        if change is not None and change.get("replaces"):
            what = tr("history_replaces", old=change["replaces"]) + ": " + workbench.change_words(
                change.get("diff"), lg)
        rows.append({"#": s.id, tr("col_status"): term("rota_status", s.status, lg),
                     tr("period"): fmt.period(s.start, s.end, lg),
                     tr("col_when"): fmt.timestamp(s.published_at or s.created_at, lg),
                     tr("col_by"): s.published_by or s.created_by, tr("col_what"): what,
                     tr("save_note"): s.note or ""})
    st.dataframe(pd.DataFrame(rows), width="stretch", hide_index=True, height="content")
    labels = {s.id: s.label(lg) for s in saved}
    rid = st.selectbox(tr("history_pick"), list(labels), format_func=labels.get, key="history_pick")
    pick = next(s for s in saved if s.id == rid)
    for c in pick.changes:
        if c.get("diff"):
            diff = workbench.diff_rows(c["diff"], names, lg)
            st.caption(tr("history_diff", action=term("action", str(c.get("action")), lg),
                          when=fmt.timestamp(c.get("at"), lg), who=c.get("user"),
                          changes=workbench.change_words(c["diff"], lg)))
            if diff:
                st.dataframe(pd.DataFrame(diff), width="stretch", hide_index=True)
    if st.button(tr("history_open", month=fmt.month(pick.start, lg)), key="history_open"):
        open_rota(rid, labels[rid])


# --- page: staffing and simulation ---------------------------------------------------


def page_staffing() -> None:
    st.header(tr("page_staffing"))
    rota = need_rota()
    if rota is None:
        return
    scenario = st.session_state.get("rota_scenario")
    data = st.session_state.get("rota_data") or current()
    robustness_section(scenario, rota, data)
    st.divider()
    compare_section(scenario, rota, data)
    st.divider()
    simulate_section(scenario, rota)


def robustness_section(scenario: object, rota: object, data: dict) -> None:
    lg = lang()
    st.subheader(tr("robust_header"))
    st.caption(tr("robust_help"))
    try:
        rb = whatif.robustness(scenario, rota)
    except FeatureMissing as exc:
        st.info(tr("feature_missing", feature=tr(exc.feature)))
        return
    cols = st.columns(2)
    cols[0].metric(tr("robust_score"), fmt.pct(rb["score"], lg),
                   help=f"{rb['safe']} / {rb['person_days']}")
    cols[1].metric(tr("weak_count"), len(rb["weak"]))
    if rb["weak"]:
        with st.expander(tr("weak_count")):
            st.dataframe(whatif.weak_frame(rb["weak"], sd.staff_names(data), lg), width="stretch",
                         hide_index=True)


def compare_section(scenario: object, rota: object, data: dict) -> None:
    st.subheader(tr("compare_header"))
    st.caption(tr("compare_help"))
    cols = st.columns(3)
    extra_staff = cols[0].number_input(tr("extra_staff"), min_value=0, max_value=20, value=2,
                                       key="extra_staff")
    extra_pct = cols[1].number_input(tr("extra_pct"), min_value=10, max_value=100, value=100,
                                     step=10, key="extra_pct")
    rate = cols[2].slider(tr("absence_rate"), 0, 30, 8, key="compare_rate", format="%d %%")
    if st.button(tr("compare"), type="primary", key="compare"):
        with st.spinner(tr("comparing")):
            table = whatif.compare(scenario, rota, data, extra_staff=int(extra_staff),
                                   extra_fte=float(extra_pct) / 100, absence_rate=rate / 100,
                                   time_limit=float(st.session_state.get("time_limit", 20)))
        st.session_state["cmp_result"] = table
    table = st.session_state.get("cmp_result")
    if table is not None:
        lg = lang()
        st.dataframe(whatif.compare_frame(table, lg), width="stretch", hide_index=True)
        st.caption(tr("compare_note", runs=table.get("runs", 0),
                      rate=fmt.num(100 * table.get("rate", 0.0), lg)))


def simulate_section(scenario: object, rota: object) -> None:
    lg = lang()
    st.subheader(tr("simulate_header"))
    st.caption(tr("simulate_help"))
    cols = st.columns(3)
    rate = cols[0].slider(tr("absence_rate"), 0, 30, 8, key="sim_rate", format="%d %%")
    runs = cols[1].number_input(tr("runs"), min_value=10, max_value=2000, value=200, step=50,
                                key="sim_runs")
    seed = cols[2].number_input(tr("seed"), min_value=0, value=1, key="sim_seed")
    if st.button(tr("simulate"), type="primary", key="simulate"):
        with st.spinner(tr("simulating")):
            st.session_state["sim_result"] = whatif.simulate(scenario, rota, absence_rate=rate / 100,
                                                             runs=int(runs), seed=int(seed))
    sim = st.session_state.get("sim_result")
    if sim is None:
        return
    cols = st.columns(3)
    cols[0].metric(tr("p_keeps"), fmt.pct(sim["p_keeps"], lg))
    cols[1].metric(tr("vikar_hours"), fmt.num(sim["vikar_hours"], lg, 0))
    cols[2].metric(tr("vikar_cost"), fmt.kr(sim["vikar_cost"], lg))
    st.caption(tr("histogram_caption"))
    st.bar_chart(whatif.histogram_frame(sim, lg), x=tr("uncovered"), y=tr("runs_share"))


# --- page: download ------------------------------------------------------------------


def page_download() -> None:
    st.header(tr("page_download"))
    data = current()
    st.download_button(tr("dl_template"), whatif.template_workbook(None), file_name="scenario-mal.xlsx",
                       mime=XLSX, key="dl_template", help=tr("dl_template_help"))
    if data is None:
        st.info(tr("nothing_loaded"))
        return
    from roster.ui.toml_out import dumps

    stem = whatif.file_stem(data)
    st.download_button(tr("dl_scenario"), dumps(data).encode("utf-8"), file_name=f"{stem}.toml",
                       mime="application/toml", key="dl_scenario")
    st.download_button(tr("dl_template_filled"), whatif.template_workbook(data),
                       file_name=f"{stem}-scenario.xlsx", mime=XLSX, key="dl_template_filled")
    rota = st.session_state.get("rota")
    if rota is None:
        st.info(tr("solve_first"))
        return
    text = json.dumps(rota.to_json(), ensure_ascii=False, indent=1)
    st.download_button(tr("dl_rota_json"), text.encode("utf-8"), file_name=f"{stem}-rota.json",
                       mime="application/json", key="dl_rota_json")
    try:
        workbook = whatif.rota_workbook(st.session_state.get("rota_scenario"), rota, lang())
    except FeatureMissing as exc:
        st.info(tr("feature_missing", feature=tr(exc.feature)))
    else:
        st.download_button(tr("dl_rota_xlsx"), workbook, file_name=f"{stem}-turnus.xlsx", mime=XLSX,
                           key="dl_rota_xlsx")
    scenario = st.session_state.get("rota_scenario")
    if scenario is not None:
        try:
            items = whatif.open_shifts(scenario, rota)
        except FeatureMissing:
            items = None
        if items:
            lg = lang()
            st.download_button(tr("dl_open_csv"), whatif.open_shifts_csv(items, scenario, lg),
                               file_name=f"{stem}-ledige-vakter.csv", mime="text/csv", key="dl_open_csv_page")
            st.download_button(tr("dl_open_xlsx"), whatif.open_shifts_xlsx(items, scenario, lg),
                               file_name=f"{stem}-ledige-vakter.xlsx", mime=XLSX, key="dl_open_xlsx_page")
    st.caption(tr("download_help"))


def chrome() -> None:
    """Narrow padding, no Deploy/main menu, and the file picker in the page's language."""
    label = tr("upload_button").replace('"', "")
    hint = tr("upload_hint").replace('"', "")
    st.markdown(CSS.replace("</style>", f':root {{--upload-label: "{label}"; --upload-hint: "{hint}";}}'
                                        "</style>"), unsafe_allow_html=True)


def main() -> None:
    st.set_page_config(page_title="Turnus – arbeidsbenk", page_icon="🗓️", layout="wide",
                       menu_items={"Get help": None, "Report a bug": None, "About": None})
    chrome()
    collect_job()
    page = sidebar()
    guarded({"page_scenario": page_scenario, "page_plan": page_plan, "page_whatif": page_whatif,
             "page_workbench": page_workbench, "page_staffing": page_staffing,
             "page_download": page_download}[page])


main()
