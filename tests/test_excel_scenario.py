"""The scenario workbook: template, filled workbook, import to TOML, errors naming cells."""

import dataclasses
import tomllib

import openpyxl
import pytest
from conftest import DATA, ROOT

from roster.cli.main import main
from roster.errors import ScenarioError
from roster.excel.scenario_workbook import read_scenario_workbook, write_scenario_workbook
from roster.rules.catalogue import person_params, scenario_params
from roster.scenario_load import build_scenario, load_scenario

MAT = DATA / "fredrikstad-mat.toml"


def same(a, b) -> bool:
    return dataclasses.replace(a, source="") == dataclasses.replace(b, source="")


def toml_data(path):
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_template_is_reproducible_and_the_committed_one_is_current(tmp_path):
    first = write_scenario_workbook(tmp_path / "a.xlsx").read_bytes()
    second = write_scenario_workbook(tmp_path / "b.xlsx").read_bytes()
    assert first == second
    assert (ROOT / "templates" / "scenario.xlsx").read_bytes() == first, \
        "regenerate with: roster template --out templates/scenario.xlsx"


def test_template_has_bilingual_headers_drop_downs_and_instructions(tmp_path):
    wb = openpyxl.load_workbook(write_scenario_workbook(tmp_path / "t.xlsx"))
    assert wb.sheetnames == ["Instruksjoner", "Innstillinger", "Vakter", "Ansatte", "Bemanning",
                             "Fravær", "Ønsker", "Låst"]
    staff = wb["Ansatte"]
    assert staff["A2"].value == "Ansatt-ID / Staff id"
    assert staff["A3"].value == "id" and staff["C3"].value == "fte"
    text = "\n".join(str(c.value) for c in wb["Instruksjoner"]["A"] if c.value)
    assert "Slik fyller du ut" in text and "How to fill in" in text

    def validations(ws):
        return {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}

    absences = validations(wb["Fravær"])
    assert absences["A4"].type == "list" and "Ansatte" in absences["A4"].formula1  # staff ids
    assert absences["B4"].type == "date"  # from date
    assert absences["D4"].formula1 == '"vacation,sick,course,leave,other"'
    coverage = validations(wb["Bemanning"])
    assert "Vakter" in coverage["B4"].formula1  # shift codes
    assert coverage["G4"].formula1 == '"base,service,soft"'  # priorities


@pytest.mark.parametrize("name", ["fredrikstad-mat.toml", "storgata-bofellesskap.toml",
                                  "alta-ettervern.toml"])
def test_toml_to_workbook_to_scenario_gives_the_same_scenario(tmp_path, name):
    path = DATA / name
    xlsx = write_scenario_workbook(tmp_path / "s.xlsx", toml_data(path))
    assert same(load_scenario(xlsx), load_scenario(path))


def test_import_writes_toml_that_loads_as_the_same_scenario(tmp_path):
    xlsx = tmp_path / "mat.xlsx"
    assert main(["template", "--from", str(MAT), "--out", str(xlsx)]) == 0
    out = tmp_path / "back.toml"
    assert main(["import", str(xlsx), "--out", str(out)]) == 0
    assert same(load_scenario(out), load_scenario(MAT))
    # never overwrites its input
    before = xlsx.read_bytes()
    assert main(["import", str(xlsx), "--out", str(xlsx)]) == 1
    assert xlsx.read_bytes() == before


def test_errors_name_sheet_row_and_column(tmp_path):
    xlsx = write_scenario_workbook(tmp_path / "s.xlsx", toml_data(MAT))
    wb = openpyxl.load_workbook(xlsx)
    wb["Ansatte"]["C6"] = "mye"  # fte of the third person
    wb["Bemanning"]["B5"] = "ZZ"  # shift code of the second requirement
    wb["Ønsker"]["B4"] = "i morgen"  # date of the first wish
    wb.save(xlsx)
    with pytest.raises(ScenarioError) as info:
        load_scenario(xlsx)
    where = {p.where: p.message for p in info.value.problems}
    assert where["sheet 'Ansatte', row 6, column C (fte)"] == "expected a number, got 'mye'"
    assert "unknown shift code 'ZZ'" in where["sheet 'Bemanning', row 5, column B (shift)"]
    assert "expected a date" in where["sheet 'Ønsker', row 4, column B (start)"]


def test_settings_errors_name_the_settings_row(tmp_path):
    data = toml_data(MAT)
    data["rules"]["weekend_every"] = "annenhver"
    xlsx = write_scenario_workbook(tmp_path / "s.xlsx", data)
    with pytest.raises(ScenarioError) as info:
        load_scenario(xlsx)
    [problem] = info.value.problems
    assert problem.where.startswith("sheet 'Innstillinger', row ")
    assert problem.where.endswith("column C (rules.weekend_every)")


def test_every_rule_parameter_of_the_catalogue_is_offered_and_read_back(tmp_path):
    wb = openpyxl.load_workbook(write_scenario_workbook(tmp_path / "t.xlsx"))
    settings = {c.value for c in wb["Innstillinger"]["B"] if c.value}
    staff = {c.value for c in wb["Ansatte"][3] if c.value}
    assert {f"rules.{p.key}" for p in scenario_params() if p.offered} <= settings
    assert {f"rules.{p.key}" for p in person_params() if p.offered} <= staff
    data = toml_data(MAT)
    data["rules"]["max_consecutive_nights"] = 2
    data["staff"][0]["rules"] = {"max_consecutive_nights": 1}
    back = load_scenario(write_scenario_workbook(tmp_path / "s.xlsx", data))
    assert back.rules.max_consecutive_nights == 2
    assert back.rule_for(back.staff[0], "max_consecutive_nights") == 1


def test_garbage_and_foreign_workbooks_give_a_clear_error(tmp_path, capsys):
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not a workbook")
    with pytest.raises(ScenarioError, match="not a readable Excel workbook"):
        load_scenario(junk)
    other = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(other)
    with pytest.raises(ScenarioError, match="not a scenario workbook"):
        load_scenario(other)
    assert main(["import", str(junk), "--out", str(tmp_path / "x.toml")]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_a_name_that_looks_like_a_formula_stays_text(tmp_path):
    data = toml_data(MAT)
    data["staff"][0]["name"] = "=HYPERLINK(\"http://x\")"
    xlsx = write_scenario_workbook(tmp_path / "s.xlsx", data)
    cell = openpyxl.load_workbook(xlsx)["Ansatte"]["B4"]
    assert cell.data_type == "s" and cell.value == "=HYPERLINK(\"http://x\")" and cell.quotePrefix
    assert load_scenario(xlsx).person("s01").name == "=HYPERLINK(\"http://x\")"


def test_times_and_numbers_typed_by_hand_are_understood(tmp_path):
    import datetime as dt

    xlsx = write_scenario_workbook(tmp_path / "s.xlsx", toml_data(MAT))
    wb = openpyxl.load_workbook(xlsx)
    wb["Vakter"]["D4"] = dt.time(7, 30)  # Excel turns 07:30 into a time value
    wb["Ansatte"]["C4"] = "0,8"  # Norwegian decimal comma
    wb.save(xlsx)
    data, locate = read_scenario_workbook(xlsx)
    s = build_scenario(data, locate=locate)
    assert s.shift("D").start == 7 * 60 + 30
    assert s.person("s01").fte == 0.8


def test_committed_example_workbook_is_a_valid_scenario():
    s = load_scenario(ROOT / "templates" / "example-fredrikstad-mat.xlsx")
    assert len(s.staff) == 8 and s.shift("A").kind == "evening"


def test_filled_workbook_is_reproducible(tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert main(["template", "--from", str(MAT), "--out", str(a)]) == 0
    assert main(["template", "--from", str(MAT), "--out", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()


def test_a_month_excel_turned_into_a_date_is_read_as_the_month(tmp_path):
    import datetime as dt

    xlsx = write_scenario_workbook(tmp_path / "s.xlsx", toml_data(MAT))
    wb = openpyxl.load_workbook(xlsx)
    settings = wb["Innstillinger"]
    row = next(c.row for c in settings["B"] if c.value == "period.month")
    settings.cell(row, 3).value = dt.datetime(2027, 1, 1)
    wb.save(xlsx)
    s = load_scenario(xlsx)
    assert (s.start, s.end) == (dt.date(2027, 1, 1), dt.date(2027, 1, 31))
