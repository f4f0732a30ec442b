"""The what-if planner: plan, break, re-plan and price a service in one screen.

Start it with ``make app`` (http://localhost:8501). This file only lays out widgets: it
calls ``roster``/``coverage`` through the helpers in ``roster/ui`` and shows their
results. See docs/app.md.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable

import pandas as pd
import streamlit as st

from roster.errors import ScenarioError, UserError
from roster.rules.params import Kind, Param
from roster.ui import scenario_data as sd
from roster.ui import views, whatif
from roster.ui.features import FeatureMissing
from roster.ui.i18n import LANGS, t

log = logging.getLogger("roster.app")

PAGES = ("page_scenario", "page_plan", "page_whatif", "page_staffing", "page_download")
ABSENCE_KINDS = ("sick", "vacation", "course", "leave", "other")


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
        for key in ("rota", "rota_data", "rota_scenario", "whatif", "cmp_result", "sim_result"):
            st.session_state.pop(key, None)


def current() -> dict | None:
    return st.session_state.get("data")


def key(name: str) -> str:
    """A widget key that changes when a new scenario is loaded (fresh editors) or the language
    changes (option labels are translated)."""
    return f"{name}_{st.session_state.get('ver', 0)}_{lang()}"


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
            st.markdown(f"- **{p.where or p.source}**: {p.message}")
    except UserError as exc:
        st.error(tr("user_error", detail=str(exc)))
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
    for p in problems:
        st.error(f"{p.where}: {p.message}", icon="⚠️")


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
            if "rota" in st.session_state:
                st.caption(tr("has_rota", status=tr("status_" + st.session_state["rota"].status)))
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
    return tr(f"refuse_{kind}", detail=detail)


def saved_section() -> None:
    with st.expander(tr("saved_header")):
        try:
            units = whatif.saved_units()
        except FeatureMissing as exc:
            st.info(tr("feature_missing", feature=tr(exc.feature)))
            return
        if not units:
            st.caption(tr("saved_none"))
            return
        unit = st.selectbox(tr("saved_unit"), units, key="saved_unit")
        rotas = whatif.saved_rotas(unit)
        if not rotas:
            st.caption(tr("saved_none"))
            return
        labels = {r["id"]: r["label"] for r in rotas}
        rid = st.selectbox(tr("saved_rota"), list(labels), format_func=labels.get, key="saved_rota")
        if st.button(tr("saved_open"), key="saved_open"):
            data, rota = whatif.open_saved(rid)
            set_data(data, source=labels[rid])
            checked = sd.validate(data)
            if rota is not None and checked.scenario is not None:
                st.session_state["rota"] = rota
                st.session_state["rota_data"] = data
                st.session_state["rota_scenario"] = checked.scenario
            st.success(tr("loaded", name=labels[rid]))


def editor(name: str, rows: list[dict], columns: dict, apply: Callable[[dict, list[dict]], dict]) -> None:
    """A table editor whose edits are written straight back into the scenario dict."""
    k = key(name)

    def commit() -> None:
        delta = st.session_state.get(k) or {}
        data = current()
        if data is not None:
            st.session_state["data"] = apply(data, sd.apply_editor_delta(rows, delta))
            st.session_state["ver"] = st.session_state.get("ver", 0) + 1

    frame = pd.DataFrame(rows, columns=list(columns))
    st.data_editor(frame, key=k, num_rows="dynamic", column_config=columns, on_change=safe(commit),
                   width="stretch", hide_index=True)


def edit_section(data: dict, checked: sd.Validation) -> None:
    cc = st.column_config
    ids = sd.staff_ids(data)
    codes = [str(s.get("code")) for s in data.get("shifts") or []]

    st.subheader(tr("staff_header"))
    editor("staff", sd.staff_table(data), {
        "id": cc.TextColumn("id", required=True), "name": cc.TextColumn(tr("col_name")),
        "fte": cc.NumberColumn(tr("col_fte"), min_value=0.0, max_value=1.0, step=0.05),
        "skills": cc.TextColumn(tr("col_skills"), help=tr("skills_help")),
        "role": cc.TextColumn(tr("col_role"))}, sd.with_staff)
    show_problems(checked.for_section("staff"))

    st.subheader(tr("absences_header"))
    editor("absences", sd.absence_table(data), {
        "staff": cc.SelectboxColumn(tr("col_staff"), options=ids, required=True),
        "start": cc.DateColumn(tr("col_from")), "end": cc.DateColumn(tr("col_to")),
        "kind": cc.SelectboxColumn(tr("col_kind"), options=list(ABSENCE_KINDS)),
        "percent": cc.NumberColumn("%", min_value=1, max_value=100, step=1)}, sd.with_absences)
    show_problems(checked.for_section("absences"))

    st.subheader(tr("wishes_header"))
    editor("wishes", sd.wish_table(data), {
        "staff": cc.SelectboxColumn(tr("col_staff"), options=ids, required=True),
        "kind": cc.SelectboxColumn(tr("col_kind"), options=["day_off", "shift", "not_shift"]),
        "start": cc.DateColumn(tr("col_from")), "end": cc.DateColumn(tr("col_to")),
        "shift": cc.SelectboxColumn(tr("col_shift"), options=codes),
        "weight": cc.NumberColumn(tr("col_weight"), min_value=0.0, max_value=10.0)}, sd.with_wishes)
    show_problems(checked.for_section("wishes"))

    service_section(data)
    show_problems(checked.for_section("coverage") + checked.for_section("shifts"))
    rules_section(data)
    show_problems(checked.for_section("rules"))
    other = [p for p in checked.problems
             if p.section not in ("staff", "absences", "wishes", "coverage", "shifts", "rules")]
    show_problems(other)


def service_section(data: dict) -> None:
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
                        value=float(hours), key=key(f"hours_{index}"), on_change=safe(change_hours))


def rules_section(data: dict) -> None:
    """One input per rule value the rule catalogue offers (a new rule appears here by itself)."""
    lg = lang()
    with st.expander(tr("rules_header")):
        st.caption(tr("rules_help"))
        for row in sd.rule_rows(data):
            p, name = row.param, key(f"rule_{row.param.key}")

            def change(p: Param = p, name: str = name) -> None:
                st.session_state["data"] = sd.with_rule(current() or data, p.key, st.session_state[name])

            label, hint = p.label(lg), p.note or None
            if p.kind is Kind.BOOL:
                st.checkbox(label, value=bool(row.value), key=name, help=hint, on_change=safe(change))
            elif p.kind is Kind.CHOICE:
                st.selectbox(label, p.choices, index=p.choices.index(row.value), key=name, help=hint,
                             on_change=safe(change))
            else:
                whole = p.kind is Kind.INT
                lo, hi = p.bounds or (0, 10_000)
                number = int if whole else float
                st.number_input(label, min_value=number(lo), max_value=number(hi),
                                value=number(row.value), step=1 if whole else 0.5, key=name, help=hint,
                                on_change=safe(change))


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
        st.success(tr("scenario_ok", name=s.name, start=s.start, end=s.end, n=len(s.staff),
                      fte=round(sum(p.fte for p in s.staff), 2)))
    edit_section(data, checked)


# --- page: plan ----------------------------------------------------------------------


def time_limit_input() -> float:
    return float(st.number_input(tr("time_limit"), min_value=1, max_value=600, value=20, step=5,
                                 key="time_limit", help=tr("time_limit_help")))


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


def show_rota(rota: object, prefix: str = "", before: object | None = None) -> None:
    """The rota's key numbers, grid, coverage heat map, fairness and breaches; with ``before``,
    the numbers show the change against that rota."""
    lg = lang()
    head = views.headline(rota)
    was = views.headline(before) if before is not None else None

    def delta(name: str) -> float | None:
        return None if was is None else round(head[name] - was[name], 1)

    cols = st.columns(5)
    cols[0].metric(tr("m_status"), tr(f"status_{head['status']}"), help=tr("status_help"))
    cols[1].metric(tr("m_shortfalls"), head["shortfalls"], delta("shortfalls"), delta_color="inverse")
    cols[2].metric(tr("m_errors"), head["errors"], delta("errors"), delta_color="inverse")
    cols[3].metric(tr("m_hours"), head["hours"], delta("hours"))
    cols[4].metric(tr("m_seconds"), head["seconds"])
    if head["status"] == "infeasible":
        st.warning(tr("infeasible_help"))
    st.subheader(prefix + tr("grid_header"))
    st.markdown(" ".join(
        f"<span style='background:{colour};padding:2px 6px;border-radius:3px;color:#000'>"
        f"{code} {name}</span>" for code, name, colour in views.legend(rota, lg)),
        unsafe_allow_html=True)
    grid = views.grid_frame(rota, lg)
    st.dataframe(views.style_grid(grid, rota), width="stretch", key=f"{prefix}grid")
    st.subheader(tr("coverage_header"))
    st.caption(tr("coverage_help"))
    st.dataframe(views.style_coverage(views.coverage_frame(rota, lg)), width="stretch")
    service = views.service_frame(rota, lg)
    if not service.empty:
        st.subheader(tr("service_level_header"))
        st.dataframe(service, width="stretch", hide_index=True)
    st.subheader(tr("fairness_header"))
    st.dataframe(views.fairness_frame(rota, lg), width="stretch", hide_index=True)
    st.subheader(tr("violations_header"))
    broken = views.violations_frame(rota, lg)
    if broken.empty:
        st.success(tr("no_violations"))
    else:
        st.dataframe(broken, width="stretch", hide_index=True)


def page_plan() -> None:
    st.header(tr("page_plan"))
    checked = need_scenario()
    if checked is None:
        return
    limit = time_limit_input()
    if st.button(tr("solve"), type="primary", key="solve"):
        with st.status(tr("solving", n=int(limit)), expanded=False) as status:
            rota = whatif.solve(checked.scenario, limit)
            status.update(label=tr("solved", status=tr(f"status_{rota.status}")), state="complete")
        st.session_state["rota"] = rota
        st.session_state["rota_data"] = current()
        st.session_state["rota_scenario"] = checked.scenario
        for k in ("whatif", "cmp_result", "sim_result"):
            st.session_state.pop(k, None)
    rota = st.session_state.get("rota")
    if rota is None:
        st.info(tr("not_solved"))
        return
    if st.session_state.get("rota_data") != current():
        st.warning(tr("stale"))
    show_rota(rota)
    st.divider()
    if st.button(tr("save_draft"), key="save_draft"):
        rid, path = whatif.save_draft(st.session_state.get("rota_data") or current(), rota)
        st.success(tr("saved_draft", id=rid, path=path))


# --- page: what-if -------------------------------------------------------------------


def need_rota() -> object | None:
    rota = st.session_state.get("rota")
    if rota is None or current() is None:
        st.info(tr("solve_first"))
        return None
    return rota


def page_whatif() -> None:
    st.header(tr("page_whatif"))
    rota = need_rota()
    if rota is None:
        return
    data = st.session_state.get("rota_data") or current()
    names = sd.staff_names(data)
    st.subheader(tr("sick_header"))
    st.caption(tr("sick_help"))
    cols = st.columns(3)
    who = cols[0].selectbox(tr("col_staff"), list(names), format_func=lambda i: f"{names[i]} ({i})",
                            key="sick_who")
    first = cols[1].date_input(tr("col_from"), value=min(rota.end, rota.start + dt.timedelta(days=10)),
                               min_value=rota.start,
                               max_value=rota.end, key="sick_from")
    last = cols[2].date_input(tr("col_to"), value=min(rota.end, first + dt.timedelta(days=13)),
                              min_value=rota.start, max_value=rota.end, key="sick_to")
    limit = time_limit_input()
    if st.button(tr("replan"), type="primary", key="replan"):
        if last < first:
            st.error(tr("to_before_from"))
            return
        new_data = sd.add_absence(data, who, first, last, "sick")
        checked = sd.validate(new_data)
        if checked.scenario is None:
            st.error(tr("scenario_invalid", n=len(checked.problems)))
            show_problems(checked.problems)
            return
        with st.status(tr("replanning"), expanded=False) as status:
            result = whatif.replan(st.session_state.get("rota_scenario") or sd.validate(data).scenario,
                                   rota, checked.scenario, limit)
            status.update(label=tr("solved", status=tr(f"status_{result.rota.status}")),
                          state="complete")
        st.session_state["whatif"] = {"data": new_data, "result": result, "who": who,
                                      "scenario": checked.scenario}
    state = st.session_state.get("whatif")
    if not state:
        return
    result = state["result"]
    st.subheader(tr("changes_header", n=len(result.changes)))
    if result.changes:
        st.dataframe(views.changes_frame(result.changes, lang()), width="stretch",
                     hide_index=True)
    else:
        st.info(tr("no_changes"))
    if result.short:
        st.subheader(tr("short_header", n=len(result.short)))
        st.caption(tr("short_help"))
        st.dataframe(views.short_frame(result.short, names, lang()), width="stretch", hide_index=True)
    show_rota(result.rota, prefix=tr("proposed") + ": ", before=rota)
    if st.button(tr("accept"), key="accept"):
        set_data(state["data"], keep_rota=True)
        st.session_state["rota"] = result.rota
        st.session_state["rota_data"] = state["data"]
        st.session_state["rota_scenario"] = state["scenario"]
        st.session_state.pop("whatif", None)
        st.success(tr("accepted"))


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
    st.subheader(tr("robust_header"))
    st.caption(tr("robust_help"))
    try:
        rb = whatif.robustness(scenario, rota)
    except FeatureMissing as exc:
        st.info(tr("feature_missing", feature=tr(exc.feature)))
        return
    cols = st.columns(2)
    cols[0].metric(tr("robust_score"), f"{rb['score'] * 100:.0f} %",
                   help=f"{rb['safe']} / {rb['person_days']}")
    cols[1].metric(tr("weak_count"), len(rb["weak"]))
    if rb["weak"]:
        with st.expander(tr("weak_count")):
            st.dataframe(whatif.weak_frame(rb["weak"], sd.staff_names(data), lang()), width="stretch",
                         hide_index=True)


def compare_section(scenario: object, rota: object, data: dict) -> None:
    st.subheader(tr("compare_header"))
    st.caption(tr("compare_help"))
    cols = st.columns(3)
    extra_staff = cols[0].number_input(tr("extra_staff"), min_value=0, max_value=20, value=2,
                                       key="extra_staff")
    extra_fte = cols[1].number_input(tr("extra_fte"), min_value=0.1, max_value=1.0, value=1.0,
                                     step=0.1, key="extra_fte")
    rate = cols[2].slider(tr("absence_rate"), 0, 30, 8, key="compare_rate", format="%d %%")
    if st.button(tr("compare"), type="primary", key="compare"):
        with st.status(tr("comparing"), expanded=False) as status:
            table = whatif.compare(scenario, rota, data, extra_staff=int(extra_staff),
                                   extra_fte=float(extra_fte), absence_rate=rate / 100,
                                   time_limit=float(st.session_state.get("time_limit", 20)))
            status.update(label=tr("compared"), state="complete")
        st.session_state["cmp_result"] = table
    table = st.session_state.get("cmp_result")
    if table is not None:
        st.dataframe(whatif.compare_frame(table, lang()), width="stretch", hide_index=True)
        st.caption(tr("compare_note", runs=table.get("runs", 0),
                      rate=round(100 * table.get("rate", 0.0), 1)))


def simulate_section(scenario: object, rota: object) -> None:
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
    cols[0].metric(tr("p_keeps"), f"{sim['p_keeps'] * 100:.0f} %")
    cols[1].metric(tr("vikar_hours"), f"{sim['vikar_hours']:.0f}")
    cols[2].metric(tr("vikar_cost"), f"{sim['vikar_cost']:,.0f} kr".replace(",", " "))
    st.caption(tr("histogram_caption"))
    st.bar_chart(whatif.histogram_frame(sim, lang()), x=tr("uncovered"), y=tr("runs_share"))


# --- page: download ------------------------------------------------------------------


def page_download() -> None:
    st.header(tr("page_download"))
    data = current()
    if data is None:
        st.info(tr("nothing_loaded"))
        return
    from roster.ui.toml_out import dumps

    stem = whatif.file_stem(data)
    st.download_button(tr("dl_scenario"), dumps(data).encode("utf-8"), file_name=f"{stem}.toml",
                       mime="application/toml", key="dl_scenario")
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
        st.download_button(tr("dl_rota_xlsx"), workbook, file_name=f"{stem}-turnus.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           key="dl_rota_xlsx")
    st.caption(tr("download_help"))


def main() -> None:
    st.set_page_config(page_title="Turnus – hva om", page_icon="🗓️", layout="wide")
    page = sidebar()
    guarded({"page_scenario": page_scenario, "page_plan": page_plan, "page_whatif": page_whatif,
             "page_staffing": page_staffing, "page_download": page_download}[page])


main()
