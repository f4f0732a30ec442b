"""Bad workbooks never crash or hang: each becomes a clear error naming the file, sheet or cell.

Real files only: workbooks written by openpyxl, then edited as zip archives for what openpyxl
cannot write (a cached formula value, an Excel error value, a lying size). Every hostile file
here is a few kB; limits are tested with declared sizes, not with big files.
"""

import datetime as dt
import os
import re
import stat
import struct
import time
import tomllib
import zipfile
from pathlib import Path

import openpyxl
import pytest
from builders import DAY, rota_of
from builders import scenario as small_scenario
from conftest import DATA

from roster.cli.main import main
from roster.errors import ScenarioError, UserError
from roster.excel import safe_read
from roster.excel.rota_import import read_rota_workbook
from roster.excel.rota_workbook import write_rota_workbook
from roster.excel.scenario_workbook import read_scenario_workbook, write_scenario_workbook
from roster.rota_build import build_rota
from roster.scenario_load import load_scenario

MAT = DATA / "fredrikstad-mat.toml"
STAFF_SHEET = "xl/worksheets/sheet4.xml"  # Instruksjoner, Innstillinger, Vakter, Ansatte ...
TURNUS_SHEET = "xl/worksheets/sheet1.xml"


# --------------------------------------------------------------------------------------
# helpers: real workbooks, edited as zip archives


def mat_workbook(tmp_path: Path, name: str = "s.xlsx") -> Path:
    data = tomllib.loads(MAT.read_text(encoding="utf-8"))
    return write_scenario_workbook(tmp_path / name, data)


def parts_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_zip(path: Path, parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def edit_part(path: Path, member: str, edit) -> Path:
    parts = parts_of(path)
    parts[member] = edit(parts[member].decode("utf-8")).encode("utf-8")
    return write_zip(path, parts)


def set_cell_xml(path: Path, member: str, ref: str, cell_xml: str) -> Path:
    """Replace the <c r="ref"> element of a sheet with raw XML (what openpyxl cannot write)."""
    pattern = re.compile(rf'<c r="{ref}"(?:[^>]*/>|[^>]*>.*?</c>)', re.S)

    def edit(xml: str) -> str:
        new, n = pattern.subn(cell_xml, xml, count=1)
        assert n == 1, f"cell {ref} not found in {member}"
        return new

    return edit_part(path, member, edit)


def declare_sizes(raw: bytes, sizes: dict[str, int]) -> bytes:
    """Patch the unpacked size the zip's central directory declares for some members."""
    data = bytearray(raw)
    count, _, offset = struct.unpack("<HII", data[-12:-2])
    for _ in range(count):
        name_len, extra_len, comment_len = struct.unpack("<HHH", data[offset + 28:offset + 34])
        name = data[offset + 46:offset + 46 + name_len].decode()
        if name in sizes:
            data[offset + 24:offset + 28] = struct.pack("<I", sizes[name])
        offset += 46 + name_len + extra_len + comment_len
    return bytes(data)


def scenario_problems(path: Path) -> dict[str, str]:
    with pytest.raises(ScenarioError) as info:
        read_scenario_workbook(path)
    return {p.where: p.message for p in info.value.problems}


def only_problem(path: Path) -> str:
    with pytest.raises(ScenarioError) as info:
        read_scenario_workbook(path)
    [problem] = info.value.problems
    return str(problem)


# --------------------------------------------------------------------------------------
# far cells and declared sizes: bounded work, the cell named


def test_a_value_in_the_last_row_is_refused_at_once_naming_the_cell(tmp_path):
    path = mat_workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["Ansatte"]["C1048576"] = 1
    wb.save(path)
    assert path.stat().st_size < 50_000  # small enough for any upload limit
    started = time.monotonic()
    problems = scenario_problems(path)
    assert time.monotonic() - started < 5  # was minutes and gigabytes
    message = problems["sheet 'Ansatte', cell C1048576"]
    assert "row 1 048 576" in message and "at most 5 000 rows" in message


def test_a_value_in_the_last_column_is_refused_naming_the_cell(tmp_path):
    path = mat_workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["Bemanning"]["XFD5"] = "x"
    wb.save(path)
    message = scenario_problems(path)["sheet 'Bemanning', cell XFD5"]
    assert "column XFD" in message and "at most 500 columns" in message


def test_a_huge_declared_dimension_alone_is_harmless(tmp_path):
    path = mat_workbook(tmp_path)
    parts = parts_of(path)
    for name in parts:
        if name.startswith("xl/worksheets/sheet"):
            parts[name] = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"',
                                 parts[name])
    write_zip(path, parts)
    started = time.monotonic()
    assert load_scenario(path).person("s01").fte == load_scenario(MAT).person("s01").fte
    assert time.monotonic() - started < 5


def test_a_zip_bomb_part_is_refused_before_it_is_unpacked(tmp_path):
    path = mat_workbook(tmp_path)
    parts = parts_of(path)
    parts["xl/media/padding.bin"] = bytes(3 * 1024 * 1024)  # 3 MB of zeros packs to ~3 kB
    write_zip(path, parts)
    assert path.stat().st_size < 60_000
    message = only_problem(path)
    assert "xl/media/padding.bin" in message and "more than 100 times" in message


def test_a_declared_unpacked_size_over_the_limit_is_refused(tmp_path):
    path = mat_workbook(tmp_path)
    parts = parts_of(path)
    pads = {f"xl/media/pad{i}.bin": 1_000_000 for i in range(60)}  # 60 MB declared, under 1 MB each
    parts.update(dict.fromkeys(pads, b"x"))
    write_zip(path, parts, zipfile.ZIP_STORED)
    path.write_bytes(declare_sizes(path.read_bytes(), pads))
    assert "unpacks to 57 MB; a workbook may unpack to at most 50 MB" in only_problem(path)


def test_too_many_parts_are_refused(tmp_path):
    path = mat_workbook(tmp_path)
    parts = parts_of(path)
    parts.update({f"xl/media/p{i}.bin": b"" for i in range(1_000)})
    write_zip(path, parts)
    assert "a workbook may hold at most 1 000" in only_problem(path)


def test_too_many_xml_elements_are_refused_before_openpyxl_parses_them(tmp_path):
    path = mat_workbook(tmp_path)
    parts = parts_of(path)
    for i in range(5):  # 5 x 250 000 empty elements, each part under the ratio check's floor
        parts[f"xl/custom{i}.xml"] = b"<a/>" * 250_000
    write_zip(path, parts)
    assert "more than 1 000 000 XML elements" in only_problem(path)


# --------------------------------------------------------------------------------------
# files that are not workbooks


def ole_file(tmp_path: Path, name: str, encrypted: bool) -> Path:
    body = safe_read.OLE_MAGIC + bytes(504)
    if encrypted:
        body += "EncryptionInfo".encode("utf-16-le") + bytes(64)
    path = tmp_path / name
    path.write_bytes(body + bytes(512))
    return path


def not_workbooks(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    text = tmp_path / "text.xlsx"
    text.write_text("id,name\ns01,Kari\n")
    plain_zip = write_zip(tmp_path / "plain.xlsx", {"notes.txt": b"hello"})
    ods = write_zip(tmp_path / "sheet.xlsx", {"mimetype": b"application/vnd.oasis.opendocument"
                                              b".spreadsheet", "content.xml": b"<a/>"})
    xlsb = write_zip(tmp_path / "book.xlsx", {"[Content_Types].xml": b"<a/>",
                                              "xl/workbook.bin": b"\x00"})
    cases = {
        "missing": (tmp_path / "missing.xlsx", "file not found"),
        "folder": (folder, "a folder, not a workbook file"),
        "empty": (empty, "the file is empty"),
        "text": (text, "not a zip archive"),
        "plain zip": (plain_zip, "a zip archive, but not an Excel workbook"),
        "ods": (ods, "OpenDocument spreadsheet"),
        "xlsb": (xlsb, "binary workbook (.xlsb)"),
        "encrypted": (ole_file(tmp_path, "locked.xlsx", True), "password-protected"),
        "xls": (ole_file(tmp_path, "old.xlsx", False), "Excel 97-2003 file (.xls)"),
    }
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.xlsx"
        os.mkfifo(fifo)
        cases["fifo"] = (fifo, "not a regular file")
    return cases


def test_files_that_are_not_workbooks_give_one_clear_error(tmp_path):
    scenario = small_scenario()
    for case, (path, expected) in not_workbooks(tmp_path).items():
        with pytest.raises(ScenarioError) as info:
            read_scenario_workbook(path)
        assert expected in str(info.value), case
        with pytest.raises(UserError, match=re.escape(expected)):
            read_rota_workbook(path, scenario)


def test_the_cli_exits_1_without_a_traceback_for_hostile_files(tmp_path, capsys):
    far = mat_workbook(tmp_path)
    wb = openpyxl.load_workbook(far)
    wb["Ansatte"]["A1048576"] = "x"
    wb.save(far)
    locked = ole_file(tmp_path, "locked.xlsx", True)
    for path in (far, locked):
        assert main(["validate", str(path)]) == 1
        err = capsys.readouterr().err
        assert "Traceback" not in err and str(path) in err


# --------------------------------------------------------------------------------------
# cells: formulas, error values, types


def test_a_formula_without_a_computed_value_is_an_error_naming_the_cell(tmp_path):
    path = mat_workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["Ansatte"]["C4"] = "=0.5+0.25"  # openpyxl stores no computed value; was read as fte 1.0
    wb.save(path)
    message = scenario_problems(path)["sheet 'Ansatte', row 4, column C (fte)"]
    assert "a formula without a computed value" in message and "save the file in Excel" in message


def test_a_formula_uses_its_computed_value(tmp_path):
    path = set_cell_xml(mat_workbook(tmp_path), STAFF_SHEET, "C4", '<c r="C4"><f>1/2</f><v>0.5</v></c>')
    assert load_scenario(path).person("s01").fte == 0.5


def test_a_text_formula_that_computed_empty_text_is_an_empty_cell(tmp_path):
    path = set_cell_xml(mat_workbook(tmp_path), STAFF_SHEET, "D4",
                        '<c r="D4" t="str"><f>IF(1,"","x")</f><v></v></c>')
    data, _ = read_scenario_workbook(path)
    assert "role" not in data["staff"][0]


@pytest.mark.parametrize(("cell_xml", "expected"), [
    ('<c r="C4" t="e"><v>#DIV/0!</v></c>', "an Excel error value (#DIV/0!)"),
    ('<c r="C4"><v>1e999</v></c>', "not a finite number (inf)"),
    ('<c r="C4" t="b"><v>1</v></c>', "expected a number, got TRUE (a yes/no value)"),
    ('<c r="C4" t="inlineStr"><is><t>nan</t></is></c>', "expected a number, got 'nan'"),
    ('<c r="C4" t="inlineStr"><is><t>-Infinity</t></is></c>', "expected a number, got '-Infinity'"),
    ('<c r="C4" t="d"><v>2027-01-15T00:00:00</v></c>', "expected a number, got a date"),
])
def test_a_value_of_the_wrong_kind_names_the_cell(tmp_path, cell_xml, expected):
    path = set_cell_xml(mat_workbook(tmp_path), STAFF_SHEET, "C4", cell_xml)
    assert expected in scenario_problems(path)["sheet 'Ansatte', row 4, column C (fte)"]


def test_dates_as_text_and_yes_no_in_a_date_column_name_the_cell(tmp_path):
    path = mat_workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["Fravær"]["A4"], wb["Fravær"]["B4"], wb["Fravær"]["C4"] = "s01", "15.01.2027", True
    wb["Fravær"]["D4"] = "vacation"
    wb.save(path)
    assert "expected a date like 2027-01-31, got TRUE" in \
        scenario_problems(path)["sheet 'Fravær', row 4, column C (end)"]
    wb["Fravær"]["C4"] = dt.date(2027, 1, 20)
    wb.save(path)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)  # the text date passes the reader; the loader names its cell
    where = {p.where: p.message for p in info.value.problems}
    assert "15.01.2027" in where["sheet 'Fravær', row 4, column B (start)"]


def test_a_name_called_nan_stays_a_name(tmp_path):
    path = mat_workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["Ansatte"]["B4"] = "Nan"
    wb.save(path)
    assert load_scenario(path).person("s01").name == "Nan"


def test_merged_key_cells_are_reported_but_a_merged_title_is_fine(tmp_path):
    path = mat_workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["Ansatte"].merge_cells("A1:D1")  # the title: harmless
    wb.save(path)
    assert load_scenario(path).person("s01")
    wb["Ansatte"].merge_cells("B3:C3")  # the keys: would drop the fte column
    wb.save(path)
    message = scenario_problems(path)["sheet 'Ansatte', cells B3:C3"]
    assert "merged cells" in message and "unmerge" in message


def test_both_a_norwegian_and_an_english_sheet_is_refused(tmp_path):
    path = mat_workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb.copy_worksheet(wb["Ansatte"]).title = "Staff"
    wb.save(path)
    assert "both sheets 'Ansatte' and 'Staff' are there; keep one" in only_problem(path)


def test_a_setting_given_twice_is_refused(tmp_path):
    path = mat_workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Innstillinger"]
    row = next(c.row for c in ws["B"] if c.value == "rules.weekend_every")
    ws.cell(ws.max_row + 1, 2).value = "rules.weekend_every"
    ws.cell(ws.max_row, 3).value = 3
    wb.save(path)
    [message] = scenario_problems(path).values()
    assert f"setting 'rules.weekend_every' appears twice (also in row {row})" == message


# --------------------------------------------------------------------------------------
# the edited rota workbook (import-rota)


@pytest.fixture
def rota_book(tmp_path):
    s = small_scenario(staff=3, shifts=[DAY])
    rows = [("p1", "2027-01-04", "D"), ("p2", "2027-01-05", "D")]
    rota = build_rota(s, rota_of(s, rows), status="feasible")
    return s, write_rota_workbook(tmp_path / "rota.xlsx", s, rota)


def test_rota_far_cell_formula_and_merge_are_named(rota_book):
    s, path = rota_book
    assert len(read_rota_workbook(path, s)) == 2
    wb = openpyxl.load_workbook(path)
    ws = wb["Turnus"]
    ws["E4"] = '="D"'  # p1 on 5 Jan, a formula without a value
    ws.merge_cells("F5:G5")
    wb.save(path)
    with pytest.raises(UserError) as info:
        read_rota_workbook(path, s)
    text = str(info.value)
    assert "sheet 'Turnus', cell E4 (p1, 2027-01-05): a formula without a computed value" in text
    assert "sheet 'Turnus', cells F5:G5: merged cells in the turnus grid" in text
    ws["E4"] = None
    ws.unmerge_cells("F5:G5")
    ws["Z1048576"] = "x"
    wb.save(path)
    with pytest.raises(UserError, match=r"sheet 'Turnus', cell Z1048576: a value far below"):
        read_rota_workbook(path, s)


def test_rota_with_both_turnus_and_rota_sheets_is_refused(rota_book):
    s, path = rota_book
    wb = openpyxl.load_workbook(path)
    wb.copy_worksheet(wb["Turnus"]).title = "Rota"
    wb.save(path)
    with pytest.raises(UserError, match="both sheets 'Turnus' and 'Rota' are there; keep one"):
        read_rota_workbook(path, s)


def test_rota_cached_formula_values_are_read(rota_book):
    s, path = rota_book
    set_cell_xml(path, TURNUS_SHEET, "E5", '<c r="E5" t="str"><f>"D"</f><v>D</v></c>')
    assert {(a.staff, a.date) for a in read_rota_workbook(path, s)} >= {("p2", dt.date(2027, 1, 5))}


# --------------------------------------------------------------------------------------
# writing: never a live formula, never a partial or world-readable file


LEADS = ["=1+1", "+47 999", "-x", "@SUM(A1)", "\tTab", "\rCR"]


def test_every_formula_lead_is_quote_prefixed_in_the_template(tmp_path):
    data = tomllib.loads(MAT.read_text(encoding="utf-8"))
    for person, name in zip(data["staff"], LEADS, strict=False):
        person["name"] = name
    wb = openpyxl.load_workbook(write_scenario_workbook(tmp_path / "s.xlsx", data))
    for row, name in enumerate(LEADS, start=4):
        cell = wb["Ansatte"].cell(row, 2)  # (XML reads a raw CR back as a line feed)
        assert cell.data_type == "s" and cell.quotePrefix and cell.value[1:] == name[1:], repr(name)


def test_every_formula_lead_is_quote_prefixed_in_the_rota_workbook(rota_book, tmp_path):
    s, _ = rota_book
    budget = {"lines": [{"key": f"k{i}", "label_nb": lead, "amount": 1} for i, lead in enumerate(LEADS)]}
    path = write_rota_workbook(tmp_path / "r.xlsx", s, build_rota(s, [], status="feasible"),
                               budget=budget)
    ws = openpyxl.load_workbook(path)["Kostnad"]
    for row, lead in enumerate(LEADS, start=4):
        assert ws.cell(row, 1).quotePrefix, repr(lead)


def test_control_characters_in_text_never_break_a_written_workbook(tmp_path):
    data = tomllib.loads(MAT.read_text(encoding="utf-8"))
    data["staff"][0]["name"] = "Kari\x01\x1f Nordmann\x0b"
    path = write_scenario_workbook(tmp_path / "s.xlsx", data)
    assert load_scenario(path).person("s01").name == "Kari\ufffd\ufffd Nordmann\ufffd"


def test_workbooks_are_written_owner_only_and_never_half(tmp_path):
    path = mat_workbook(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    blocked = tmp_path / "blocked.xlsx"
    blocked.mkdir()  # the rename onto it fails
    with pytest.raises(UserError, match=r"blocked\.xlsx"):
        mat_workbook(tmp_path, "blocked.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocked.xlsx", "s.xlsx"]


def test_a_budget_with_nan_is_refused(tmp_path):
    from roster.excel.rota_workbook import load_budget

    budget = tmp_path / "b.json"
    budget.write_text('{"lines": [{"key": "x", "amount": NaN}]}')
    with pytest.raises(UserError, match=r"lines\[0\]\.amount: expected a number, got nan"):
        load_budget(budget)
    with pytest.raises(UserError, match="not a regular file"):
        load_budget(tmp_path)


# --------------------------------------------------------------------------------------
# the app's upload: the same loader, refusals shown as reasons


def test_the_app_upload_refuses_what_the_loader_refuses(tmp_path):
    from roster.ui.scenario_data import UploadRefused, read_upload

    path = mat_workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["Ansatte"]["C1048576"] = 1
    wb.save(path)
    with pytest.raises(UploadRefused, match=r"sheet 'Ansatte', cell C1048576: a value far below"):
        read_upload("far.xlsx", path.read_bytes())
