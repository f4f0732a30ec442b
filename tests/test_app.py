"""The Streamlit app driven through Streamlit's own harness (AppTest): every page, real solver.

Solves use a 3 s time limit: the planner returns the best rota found by then, which is all
these tests need (they check what the page shows, not how good the rota is).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from roster.rules.catalogue import scenario_params
from roster.rules.params import Kind
from roster.ui.toml_out import dumps

APP = str(Path(__file__).resolve().parent.parent / "app.py")
DATA = Path(__file__).resolve().parent.parent / "data"
LIMIT = 3


def texts(elements) -> list[str]:
    return [str(e.value) for e in elements]


def fresh() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    return at


def k(at: AppTest, name: str) -> str:
    """The key of a scenario-bound widget (it changes with each load and with the language)."""
    return f"{name}_{at.session_state['ver']}_{at.session_state['lang']}"


def go(at: AppTest, page: str) -> None:
    at.sidebar.radio(key=f"page_{at.session_state['lang']}").set_value(page).run()
    assert not at.exception


def load_example(at: AppTest, name: str = "fredrikstad-mat") -> None:
    at.selectbox(key="example_choice").set_value(name).run()
    at.button(key="load_example").click().run()
    assert not at.exception


def solve(at: AppTest) -> None:
    go(at, "page_plan")
    at.number_input(key="time_limit").set_value(LIMIT).run()
    at.button(key="solve").click().run()
    assert not at.exception


def test_every_page_without_a_scenario_says_what_to_do_first():
    at = fresh()
    assert any("Ingen scenario lastet" in s for s in texts(at.info))
    for page in ("page_plan", "page_whatif", "page_staffing", "page_download"):
        go(at, page)
        assert at.info, page
        assert not at.error, page


def test_load_solve_sick_replan_compare_download():
    at = fresh()
    load_example(at)
    assert any("Scenarioet er gyldig" in s and "6.5 årsverk" in s for s in texts(at.success))

    solve(at)
    assert "Turnus (ansatte × datoer)" in texts(at.subheader)
    grid = at.dataframe[0].value
    assert grid.index.name == "Ansatt"
    assert len(grid) == 8 and grid.shape[1] == 31  # 8 people x 31 days of January 2027
    cells = set(grid.to_numpy().ravel())
    assert {"D", "A", "H"} <= cells
    assert "Dekning (datoer × vakter)" in texts(at.subheader)
    assert "Fordeling per ansatt" in texts(at.subheader)
    assert "Regler som ikke er oppfylt" in texts(at.subheader)
    status = at.metric[0].value
    assert status in ("optimal", "gyldig", "brudd")

    go(at, "page_whatif")
    at.selectbox(key="sick_who").set_value("s01").run()
    at.number_input(key="time_limit").set_value(LIMIT).run()
    at.button(key="replan").click().run()
    assert not at.exception
    heads = texts(at.subheader)
    assert any(h.startswith("Endringer (") for h in heads)
    assert "Forslag: Turnus (ansatte × datoer)" in heads
    grids = [d.value for d in at.dataframe if d.value.index.name == "Ansatt"]
    assert len(grids) == 1  # the proposed turnus (the current one is on page 2)
    proposed = grids[0]
    row = next(i for i in proposed.index if "(s01)" in i)
    sick_days = [c for c in proposed.columns if proposed.loc[row, c] == "syk"]
    assert len(sick_days) == 14  # 11-24 January, the default two weeks
    at.button(key="accept").click().run()
    assert any("gjeldende turnus" in s for s in texts(at.success))
    assert any(a.get("kind") == "sick" and a.get("staff") == "s01"
               for a in at.session_state["data"]["absences"])

    go(at, "page_staffing")
    assert "Sammenlign bemanning: nå og forslag" in texts(at.subheader)
    assert "Fraværssimulering" in texts(at.subheader)
    robust = {m.label: m.value for m in at.metric}
    # every evening and weekend opens with exactly its minimum of 3: those have no margin
    assert robust["Tåler ett fravær"].endswith(" %") and int(robust["Vakter uten margin"]) > 0
    at.number_input(key="extra_staff").set_value(2).run()
    at.number_input(key="extra_fte").set_value(1.0).run()
    at.button(key="compare").click().run()
    assert not at.exception and not at.error
    table = next(d.value for d in at.dataframe if "Mål" in d.value.columns).set_index("Mål")
    assert list(table.columns) == ["Nå", "Forslag"]
    assert table.loc["Årsverk i turnus"].tolist() == ["6.5", "8.5"]
    assert table.loc["Antall ansatte"].tolist() == ["8", "10"]
    assert table.loc["Lønnskostnad per år (kr)", "Forslag"].endswith(" kr")
    at.number_input(key="sim_runs").set_value(50).run()
    at.button(key="simulate").click().run()
    assert not at.exception
    shown = {m.label: m.value for m in at.metric}
    assert shown["Holder minimum"].endswith(" %") and shown["Vikarkostnad (snitt)"].endswith(" kr")
    assert any("Fordeling" in s for s in texts(at.caption))  # the distribution chart's caption

    go(at, "page_download")
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Last ned scenario (.toml)", "Last ned turnus (rota.json)",
                      "Last ned turnus som Excel (.xlsx)"]
    # what the scenario download holds: the edited scenario, readable again as TOML
    data = tomllib.loads(dumps(at.session_state["data"]))
    assert any(a["kind"] == "sick" for a in data["absences"])


def test_language_switch_keeps_norwegian_domain_terms():
    at = fresh()
    at.sidebar.radio(key="lang").set_value("en").run()
    load_example(at)
    assert any("The scenario is valid" in s and "årsverk" in s for s in texts(at.success))
    assert "Service levels" in texts(at.subheader)
    go(at, "page_staffing")
    assert any("Plan a turnus first" in s for s in texts(at.info))


def test_service_level_controls_change_the_scenario():
    at = fresh()
    load_example(at)
    evenings = next(i for i, c in enumerate(at.session_state["data"]["coverage"]) if c["shift"] == "A")
    at.slider(key=k(at, f"count_{evenings}")).set_value(2).run()
    assert not at.exception
    assert at.session_state["data"]["coverage"][evenings]["open"] == {"count": 2, "per": "week"}
    weekend = next(i for i, c in enumerate(at.session_state["data"]["coverage"]) if c["shift"] == "H")
    at.selectbox(key=k(at, f"mode_{weekend}")).set_value("month").run()
    at.slider(key=k(at, f"count_{weekend}")).set_value(2).run()
    assert at.session_state["data"]["coverage"][weekend]["open"] == {"count": 2, "per": "month"}
    assert any("Scenarioet er gyldig" in s for s in texts(at.success))


def test_every_rule_the_catalogue_offers_has_a_control_that_changes_the_scenario():
    at = fresh()
    load_example(at)
    for p in scenario_params():
        if p.offered and p.kind is not Kind.TABLE:
            assert at.session_state[k(at, f"rule_{p.key}")] is not None, p.key
    assert at.number_input(key=k(at, "rule_max_consecutive_nights")).value == 3  # the rule pack's
    at.number_input(key=k(at, "rule_max_consecutive_nights")).set_value(2).run()
    assert not at.exception
    assert at.session_state["data"]["rules"]["max_consecutive_nights"] == 2
    at.checkbox(key=k(at, "rule_sunday_holiday_rest")).uncheck().run()
    assert at.session_state["data"]["rules"]["sunday_holiday_rest"] is False
    assert any("Scenarioet er gyldig" in s for s in texts(at.success))


def test_invalid_edit_shows_the_problem_next_to_the_field():
    at = fresh()
    load_example(at)
    hd = next(i for i, s in enumerate(at.session_state["data"]["shifts"]) if s["code"] == "HD")
    at.number_input(key=k(at, f"hours_{hd}")).set_value(9.0).run()
    assert not at.exception
    errors = texts(at.error)
    assert any("har 1 feil" in s for s in errors)
    assert any(f"shifts #{hd + 1}.hours" in s and "longer than the shift" in s for s in errors)
    go(at, "page_plan")
    assert not at.button  # nothing to solve until the scenario is valid
    assert any("longer than the shift" in s for s in texts(at.error))


def test_upload_toml_loads_the_scenario():
    at = fresh()
    raw = (DATA / "alta-ettervern.toml").read_bytes()
    at.file_uploader(key="upload").upload("alta.toml", raw, "application/toml").run()
    assert not at.exception
    assert any("Lastet: alta.toml" in s for s in texts(at.success))
    assert at.session_state["data"] == tomllib.loads(raw.decode())


def test_upload_xlsx_scenario_loads_it(tmp_path):
    from roster.excel.scenario_workbook import write_scenario_workbook

    path = write_scenario_workbook(tmp_path / "alta.xlsx", tomllib.loads(
        (DATA / "alta-ettervern.toml").read_text(encoding="utf-8")))
    at = fresh()
    at.file_uploader(key="upload").upload("alta.xlsx", path.read_bytes()).run()
    assert not at.exception
    assert any("Scenarioet er gyldig" in s and "5 ansatte" in s for s in texts(at.success))


@pytest.mark.parametrize(("name", "raw", "reason"), [
    ("big.toml", b"# " + b"x" * (2 * 1024 * 1024 + 10), "grensen er 2 MB"),
    ("bad.toml", b"[scenario\nname = ", "ikke gyldig TOML"),
    ("bad.xlsx", b"this is not a workbook", "arbeidsboken kunne ikke leses"),
])
def test_oversized_or_malformed_upload_is_refused_with_a_reason(name, raw, reason):
    at = fresh()
    load_example(at)
    before = at.session_state["data"]
    # (other file types never reach the page: the uploader only accepts .toml and .xlsx)
    at.file_uploader(key="upload").upload(name, raw).run()
    assert not at.exception
    errors = texts(at.error)
    assert any("Filen ble ikke lest" in s and reason in s for s in errors), errors
    assert at.session_state["data"] == before  # the loaded scenario is kept


def test_save_a_draft_and_continue_it_later(tmp_path, monkeypatch):
    monkeypatch.setenv("TURNUS_DB", str(tmp_path / "turnus.db"))
    at = fresh()
    load_example(at, "alta-ettervern")
    solve(at)
    planned = at.session_state["rota"]
    at.button(key="save_draft").click().run()
    assert not at.exception
    assert any("Lagret som utkast" in s for s in texts(at.success))

    later = fresh()  # a new session: nothing loaded
    later.selectbox(key="saved_unit").set_value(planned.extra["unit"]).run()
    later.button(key="saved_open").click().run()
    assert not later.exception
    assert later.session_state["data"] == at.session_state["data"]
    assert later.session_state["rota"].assignments == planned.assignments
    go(later, "page_plan")
    assert "Turnus (ansatte × datoer)" in texts(later.subheader)
    assert len(later.dataframe[0].value) == 5  # Alta: 5 staff
    go(later, "page_download")
    assert len(later.get("download_button")) == 3  # the workbook too: the scenario came along
