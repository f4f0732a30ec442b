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
    rows[0]["fte"] = 0.6
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
    grid = views.grid_frame(small_rota, "nb")
    assert grid.shape == (3, 7)
    assert list(grid.columns[:3]) == ["04 ma", "05 ti", "06 on"]
    assert grid.loc["Person 1 (p1)", "06 on"] == "syk"
    assert grid.loc["Person 2 (p2)", "04 ma"] == "D"
    html = views.style_grid(grid, small_rota).to_html()
    assert "background-color" in html


def test_coverage_marks_the_shortfall(small_rota):
    cov = views.coverage_frame(small_rota, "en")
    assert cov.loc["06 We", "D"] == "2/3 !"  # p1 off sick, nobody else to call in
    assert cov.loc["04 Mo", "D"] == "3/3"
    assert [r["date"] for r in views.shortfalls(small_rota)] == ["2027-01-06"]
    assert any(v["rule"] == "coverage" for v in small_rota.violations)
    assert not views.violations_frame(small_rota, "nb").empty


def test_fairness_has_one_row_per_person(small_rota):
    fair = views.fairness_frame(small_rota, "nb")
    assert len(fair) == 3 and "Planlagte timer" in fair.columns
    assert fair["Planlagte timer"].sum() == pytest.approx(views.headline(small_rota)["hours"])


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
    assert frame["Kan ta vakten"].tolist() == ["Person 3 (+7.5 h overtid)",
                                               "ingen uten regelbrudd: vikar trengs"]
    assert frame["På vakt / minimum"].tolist() == ["2 / 3", "0 / 3"]


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
