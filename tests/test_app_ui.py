"""The app's view-model helpers (roster/ui): scenario editing, TOML out, tables, texts."""

from __future__ import annotations

import datetime as dt
import string
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from roster.ui import scenario_data as sd
from roster.ui import views, whatif
from roster.ui.i18n import TEXT, t
from roster.ui.toml_out import dumps
from tests.builders import DAY, scenario, solve

DATA = Path(__file__).resolve().parent.parent / "data"


def example(name: str = "fredrikstad-mat") -> dict:
    return tomllib.loads((DATA / f"{name}.toml").read_text(encoding="utf-8"))


# --- TOML out ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.stem for p in DATA.glob("*.toml")))
def test_toml_round_trip_of_every_bundled_example(name):
    data = example(name)
    assert tomllib.loads(dumps(data)) == data


def test_toml_escapes_quotes_newlines_and_odd_keys():
    data = {"scenario": {"name": 'Team "Nord"\nline two', "unit": "Ålesund"},
            "extra": {"kostnad kr": 1.5, "når": dt.date(2027, 1, 2)},
            "staff": [{"id": "s1", "rules": {"max_shifts": {"N": 2}}, "skills": []}]}
    assert tomllib.loads(dumps(data)) == data


def test_toml_download_drops_empty_values_and_says_where_it_came_from():
    data = {"scenario": {"name": "x", "description": None}, "staff": [{"id": "s1", "role": None}]}
    text = dumps(data)
    assert text.startswith("# Scenario saved from the what-if planner")
    assert tomllib.loads(text) == {"scenario": {"name": "x"}, "staff": [{"id": "s1"}]}


# --- validation next to the field ------------------------------------------------------


def test_valid_example_validates_to_a_scenario():
    checked = sd.validate(example())
    assert checked.scenario is not None and not checked.problems
    assert len(checked.scenario.staff) == 8


def test_each_problem_names_its_section_row_and_field():
    data = example()
    data["staff"][2]["fte"] = 1.5
    data["absences"] = [{"staff": "nobody", "start": dt.date(2027, 1, 5), "end": dt.date(2027, 1, 6)}]
    checked = sd.validate(data)
    assert checked.scenario is None
    staff = checked.for_section("staff")
    assert [(p.row, p.key) for p in staff] == [(2, "fte")]
    assert "at most 1" in staff[0].message
    absences = checked.for_section("absences")
    assert [(p.row, p.key) for p in absences] == [(0, "staff")]
    assert "unknown staff id 'nobody'" in absences[0].message


# --- editor tables ------------------------------------------------------------------------


def test_editor_delta_edits_deletes_and_adds_rows():
    rows = [{"id": "a"}, {"id": "b"}, {"id": "c"}]
    out = sd.apply_editor_delta(rows, {"edited_rows": {"0": {"id": "A"}}, "deleted_rows": [1],
                                       "added_rows": [{"id": "d"}]})
    assert out == [{"id": "A"}, {"id": "c"}, {"id": "d"}]
    assert rows[0] == {"id": "a"}  # input untouched


def test_staff_edits_keep_what_the_table_does_not_show():
    data = example()
    data["staff"][0]["cannot_work"] = ["A"]
    rows = sd.staff_table(data)
    assert rows[0]["skills"] == "nurse"
    assert rows[0]["pct"] == 100  # stillingsprosent in %, not 1.0
    rows[0]["pct"] = 60
    rows[0]["skills"] = "nurse; vernepleier"
    rows.append({"id": None, "name": float("nan"), "fte": None, "skills": "", "role": None})  # empty row
    new = sd.with_staff(data, rows)
    assert len(new["staff"]) == 8
    assert new["staff"][0]["fte"] == 0.6
    assert new["staff"][0]["skills"] == ["nurse", "vernepleier"]
    assert new["staff"][0]["cannot_work"] == ["A"]
    assert sd.validate(new).scenario is not None
    assert data["staff"][0]["fte"] == 1.0  # the original dict is not changed


def test_absence_rows_from_the_editor_validate():
    data = example()
    rows = [{"staff": "s03", "start": pd.Timestamp("2027-01-11"), "end": "2027-01-24", "kind": "sick",
             "percent": float("nan")}]
    new = sd.with_absences(data, rows)
    assert new["absences"] == [{"staff": "s03", "start": dt.date(2027, 1, 11), "end": "2027-01-24",
                                "kind": "sick"}]
    s = sd.validate(new).scenario
    assert s is not None and s.absences[0].end == dt.date(2027, 1, 24)
    bad = sd.with_absences(data, [{**rows[0], "end": "2027-01-02"}])
    problems = sd.validate(bad).for_section("absences")
    assert problems and problems[0].row == 0 and "before start" in problems[0].message


def test_wish_rows_round_trip():
    data = example()
    rows = sd.wish_table(data)
    assert rows[0]["start"] == rows[0]["end"] == dt.date(2027, 1, 15)
    new = sd.with_wishes(data, rows)
    assert sd.validate(new).scenario.wishes == sd.validate(data).scenario.wishes


def test_service_level_change_reaches_the_scenario():
    data = example()
    evening = next(r for r in sd.service_rows(data) if r.shift == "A")
    assert (evening.always, evening.count, evening.per, evening.min_staff) == (False, 4, "week", 3)
    new = sd.with_service(data, evening.index, min_staff=4, always=False, count=2, per="week")
    req = next(r for r in sd.validate(new).scenario.requirements if r.shift == "A")
    assert (req.open.count, req.min_staff_if_open, req.max_staff) == (2, 4, 4)


def test_rule_values_come_from_the_catalogue_and_reach_the_scenario():
    data = example()
    rows = {r.param.key: r.value for r in sd.rule_rows(data)}
    assert rows["weekend_every"] == 2  # the scenario's own
    assert rows["max_consecutive_nights"] == 3  # the rule pack's
    assert rows["max_hours_per_7_days"] == 48 and rows["min_consecutive_days"] == 0  # off
    new = sd.with_rule(sd.with_rule(data, "max_consecutive_nights", 2), "hours_tolerance", 2)
    rules = sd.validate(new).scenario.rules
    assert (rules.max_consecutive_nights, rules.hours_tolerance) == (2, 2.0)
    bad = sd.validate(sd.with_rule(data, "weekend_every", 1000)).for_section("rules")
    assert [(p.key, "must be between" in p.message) for p in bad] == [("weekend_every", True)]


def test_holiday_hours_change_is_validated_against_the_shift_length():
    data = example()
    [(index, code, hours)] = sd.holiday_shifts(data)
    assert (code, hours) == ("HD", 6.5)
    assert sd.validate(sd.with_shift_hours(data, index, 6.0)).scenario is not None
    problems = sd.validate(sd.with_shift_hours(data, index, 9.0)).for_section("shifts")
    assert problems and problems[0].row == index and problems[0].key == "hours"


# --- uploads ------------------------------------------------------------------------------


def test_upload_reads_toml():
    raw = (DATA / "alta-ettervern.toml").read_bytes()
    assert sd.read_upload("x.TOML", raw) == example("alta-ettervern")


@pytest.mark.parametrize(("name", "raw", "code"), [
    ("a.toml", b"x" * (sd.MAX_UPLOAD_BYTES + 1), "too_big"),
    ("a.toml", b"", "empty"),
    ("a.toml", "navn = 'Ø'".encode("latin-1"), "not_utf8"),
    ("a.toml", b"[staff\n", "bad_toml"),
    ("a.csv", b"id,name\n", "bad_kind"),
    ("a.xlsx", b"not a zip file", "bad_xlsx"),
])
def test_upload_refused_with_a_reason(name, raw, code):
    with pytest.raises(sd.UploadRefused) as err:
        sd.read_upload(name, raw)
    assert str(err.value).split(":")[0] == code
    assert t(f"refuse_{code}", "nb", detail="x") != f"refuse_{code}"  # the page has a sentence for it


# --- tables from a rota -------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_rota():
    s = scenario(staff=3, days=7, coverage=[{"shift": "D", "days": ["weekday"], "min_staff": 3}],
                 absences=[{"staff": "p1", "start": "2027-01-06", "end": "2027-01-06", "kind": "sick"}])
    return solve(s, time_limit=10)


def test_grid_has_people_by_dates_with_absence_marked(small_rota):
    g = views.grid(small_rota, "nb")
    grid = g.frame
    assert grid.shape == (3, 7)
    assert list(grid.columns[:3]) == ["4", "5", "6"]  # day numbers: the month fits 1366 px
    assert grid.loc["Person 1", "6"] == "syk"
    assert grid.loc["Person 2", "4"] == "D"
    html = views.style_grid(g, small_rota).to_html()
    assert "background-color" in html
    assert g.cells([(0, "6"), (2, "10")]) == [("p1", dt.date(2027, 1, 6)), ("p3", dt.date(2027, 1, 10))]
    assert views.WEEKEND_COLOUR in html  # Saturday 9 and Sunday 10 are tinted


def test_changed_and_locked_cells_are_marked(small_rota):
    from roster.ui import edits

    s = scenario(staff=3, days=7, coverage=[{"shift": "D", "days": ["weekday"], "min_staff": 3}],
                 absences=[{"staff": "p1", "start": "2027-01-06", "end": "2027-01-06", "kind": "sick"}])
    session = edits.EditSession.start(s, small_rota)
    assert session.set([("p2", dt.date(2027, 1, 4))], "") == 1
    session.lock([("p3", dt.date(2027, 1, 5))])
    g = views.grid(session.rota, "nb", reference=small_rota, locks=session.locks)
    assert g.frame.loc["Person 2", "4"] == views.OFF_CHANGED
    assert g.frame.loc["Person 3", "5"] == f"{views.LOCK_MARK}D"
    html = views.style_grid(g, session.rota).to_html()
    assert views.CHANGED_TEXT in html and "font-weight: bold" in html
    assert session.rota.errors()  # Monday is one short now: the checker says so
    assert session.undo() and session.undo() and not session.can_undo
    assert session.rota.assignments == small_rota.assignments


def test_coverage_marks_the_shortfall(small_rota):
    cov = views.coverage_frame(small_rota, "en")
    assert cov.loc["We 2027-01-06", "D"] == "2/3 !"  # p1 off sick, nobody else to call in
    assert cov.loc["Mo 2027-01-04", "D"] == "3/3"
    assert views.coverage_frame(small_rota, "nb").loc["on 06.01.2027", "D"] == "2/3 !"
    assert views.shortfall_counts(small_rota) == {"base_short": 1, "alone": 0, "closed": 0}
    assert views.plan_is_red(small_rota)
    assert [r["date"] for r in views.shortfalls(small_rota)] == ["2027-01-06"]
    assert any(v["rule"] == "coverage" for v in small_rota.violations)
    assert not views.violations_frame(small_rota, "nb").empty


def test_fairness_has_one_row_per_person(small_rota):
    fair = views.fairness_frame(small_rota, "nb")
    assert len(fair) == 3 and "Planlagte timer" in fair.columns
    total = sum(float(v.replace(",", ".")) for v in fair["Planlagte timer"])
    assert total == pytest.approx(views.headline(small_rota)["hours"])
    assert set(fair["Stillingsprosent"]) == {"100 %"}


def test_change_list_between_two_rotas(small_rota):
    s = scenario(staff=3, days=7, coverage=[{"shift": "D", "days": ["weekday"], "min_staff": 2}],
                 shifts=[DAY])
    other = solve(s, time_limit=10)
    rows = views.changes(small_rota, other)
    assert rows and all(r["before"] != r["after"] for r in rows)
    assert views.changes(small_rota, small_rota) == []


# --- what-if helpers ----------------------------------------------------------------------


def test_proposal_adds_people_with_new_ids():
    data = example()
    data["staff"].append({"id": "ny1", "name": "Already here", "fte": 0.5})
    new = whatif.proposal(data, 2, 0.8)
    ids = [p["id"] for p in new["staff"]]
    assert len(ids) == len(set(ids)) == 11
    assert sd.validate(new).scenario is not None
    assert len(data["staff"]) == 9


def test_histogram_shares_sum_to_one():
    frame = whatif.histogram_frame({"uncovered": [0, 0, 1, 3]}, "nb")
    assert list(frame["Udekkede vakter"]) == [0, 1, 2, 3]
    assert frame["Andel kjøringer"].sum() == pytest.approx(1.0)


def test_file_stem_is_safe():
    assert whatif.file_stem({"scenario": {"unit": "MAT Fredrikstad / 2027"}}) == "mat-fredrikstad-2027"
    assert whatif.file_stem({}) == "scenario"


# --- texts ---------------------------------------------------------------------------------


def test_every_text_exists_in_both_languages_with_the_same_placeholders():
    fields = string.Formatter()
    for key, (nb, en) in TEXT.items():
        assert nb.strip() and en.strip(), key
        assert {f[1] for f in fields.parse(nb) if f[1]} == {f[1] for f in fields.parse(en) if f[1]}, key


def test_domain_terms_stay_norwegian_in_english():
    assert "årsverk" in t("scenario_ok", "en", name="x", start=1, end=2, n=3, fte=4)
    assert "vikar" in t("vikar_hours", "en").lower()


def test_short_shifts_list_candidates_or_say_a_vikar_is_needed():
    short = [{"date": "2027-01-06", "shift": "D", "assigned": 2, "min": 3,
              "candidates": [{"staff": "p3", "name": "Person 3", "overtime": True, "overtime_hours": 7.5}]},
             {"date": "2027-01-07", "shift": "A", "assigned": 0, "min": 3, "candidates": []}]
    frame = views.short_frame(short, {}, "nb")
    assert frame["Kan ta vakten"].tolist() == ["Person 3 (+7,5 t overtid)",
                                               "ingen uten regelbrudd: vikar trengs"]
    assert frame["På vakt / minimum"].tolist() == ["2 / 3", "0 / 3"]
    assert frame["Dato"].tolist() == ["on 06.01.2027", "to 07.01.2027"]


def test_rota_workbook_download_is_a_workbook_with_the_turnus(small_rota, tmp_path):
    import openpyxl

    s = scenario(staff=3, days=7, coverage=[{"shift": "D", "days": ["weekday"], "min_staff": 3}],
                 absences=[{"staff": "p1", "start": "2027-01-06", "end": "2027-01-06", "kind": "sick"}])
    raw = whatif.rota_workbook(s, small_rota, "nb")
    path = tmp_path / "turnus.xlsx"
    path.write_bytes(raw)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames and "turnus" in wb.sheetnames[0].lower()
    cells = {str(c.value) for row in wb.worksheets[0].iter_rows() for c in row if c.value is not None}
    assert "Person 2" in cells or any("Person 2" in v for v in cells)


def test_xlsx_scenario_upload_reads_the_workbook(tmp_path):
    from roster.excel.scenario_workbook import write_scenario_workbook

    data = example()
    path = write_scenario_workbook(tmp_path / "mat.xlsx", data)
    loaded = sd.read_upload("mat.xlsx", path.read_bytes())
    checked = sd.validate(loaded)
    assert checked.scenario is not None
    assert [p.id for p in checked.scenario.staff] == [p["id"] for p in data["staff"]]


def test_robustness_names_the_shifts_without_margin(small_rota):
    s = scenario(staff=3, days=7, coverage=[{"shift": "D", "days": ["weekday"], "min_staff": 3}],
                 absences=[{"staff": "p1", "start": "2027-01-06", "end": "2027-01-06", "kind": "sick"}])
    rb = whatif.robustness(s, small_rota)
    # every weekday is staffed at exactly its minimum of 3: any one sick call breaks it
    assert (rb["score"], rb["safe"], rb["person_days"]) == (0.0, 0, 14)  # 4 days x 3, Wednesday 2
    frame = whatif.weak_frame(rb["weak"], {"p2": "Person 2"}, "nb")
    assert len(frame) == 5  # every weekday, the already short Wednesday too
    assert "Person 2" in frame["Kritiske ansatte"].iloc[0]


# --- issue 18: formats, the standard, the background job, the workbench ------------------------


def test_norwegian_number_and_date_formats():
    from roster.ui import fmt

    assert (fmt.num(12.5), fmt.num(12.5, "en")) == ("12,5", "12.5")
    assert fmt.num(1234567.25, "nb", 2) == "1 234 567,25"
    assert (fmt.date("2027-02-01"), fmt.date(dt.date(2027, 2, 1), "en")) == ("01.02.2027", "2027-02-01")
    assert (fmt.fte_pct(0.8), fmt.fte_pct(0.875), fmt.kr(3417000)) == ("80 %", "87,5 %", "3 417 000 kr")
    assert fmt.day("2027-01-02") == "lø 02.01.2027"
    assert fmt.timestamp("2026-11-22T16:21:47Z") == "22.11.2026 16:21 UTC"


def test_terms_are_translated_and_unknown_values_pass_through():
    from roster.ui.i18n import term

    assert term("target", "every weekend") == "hver helg"
    assert term("target", "4 days per week") == "4 dager per uke"
    assert term("target", "2 weekends per month") == "2 helger per måned"
    assert term("severity", "warning") == "varsel" and term("status", "feasible") == "gyldig"
    assert term("absence", "vacation") == "ferie" and term("rota_status", "draft") == "utkast"
    assert term("status", "something_new") == "something_new"


def test_rota_workbook_problems_in_bokmal():
    from roster.ui import nb_messages

    text = nb_messages.rota_problem("sheet 'Turnus', cell C7 (s01, 2027-01-05): unknown shift code 'X' "
                                    "(known: D, A; empty = day off)", "nb")
    assert text == "ark «Turnus», celle C7 (s01, 05.01.2027): ukjent vaktkode «X» (kjente: D, A; tom = fri)"
    assert nb_messages.where("staff", 1, "fte", "staff #2.fte", "nb") == "Ansatte, rad 2, stilling"


def test_the_standard_covers_evenings_weekends_and_holidays_not_nights():
    from roster.ui import standard

    def lowered(name: str) -> list[tuple[str, str, int]]:
        s = sd.validate(example(name)).scenario
        return [(x.shift, x.kind, x.min_staff) for x in standard.lowered(s)]

    assert lowered("fredrikstad-mat") == []
    assert lowered("alta-ettervern") == [("A", "evening", 1), ("H", "weekend", 1)]
    assert lowered("storgata-bofellesskap") == []  # its nights have 2: nights are outside the standard
    data = example()
    evening = next(r for r in sd.service_rows(data) if r.shift == "A")
    s = sd.validate(sd.with_service(data, evening.index, min_staff=2, always=False, count=4)).scenario
    [item] = standard.lowered(s)
    assert standard.missing(s, {}) == [item]
    note = standard.confirmation(item, who="Kari", reason="test")
    assert standard.missing(s, {item.key: note}) == [] and standard.records(s, {item.key: note}) == [note]
    assert "minimum 3" in note["standard"] and note["at"].endswith("Z")


def test_a_background_job_reports_stages_and_a_cancel_keeps_the_best_rota():
    from roster.ui import jobs

    s = sd.validate(example("storgata-bofellesskap")).scenario
    job = jobs.start("plan", 60, whatif.solve, s, 60)
    import time

    deadline = time.monotonic() + 60
    while job.snapshot()["stage"] in (None, "base") and time.monotonic() < deadline:
        time.sleep(0.1)
    snap = job.snapshot()
    assert snap["of"] >= 2 and not snap["done"]
    job.cancel()
    assert job.wait(60)
    assert job.error is None and job.result.assignments
    assert job.result.solver["message"].startswith("stopped") and job.elapsed() < 55


def test_workbench_comparison_rows_in_bokmal(small_rota):
    from roster.ui import workbench

    a = workbench.measures(small_rota)
    rows = dict((m, (x, y)) for m, x, y in workbench.comparison(a, a, "nb"))
    assert rows["Periode"][0] == "04.01.2027–10.01.2027"
    assert rows["Årsverk i turnus"] == ("3", "3")
    assert rows["Grunnvakter som mangler folk"] == ("1", "1")
    assert rows["Lønn per år, grovt (kr)"] == ("–", "–")  # no scenario given: not priced
