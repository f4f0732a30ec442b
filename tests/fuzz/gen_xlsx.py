"""Excel inputs: scenario workbooks (validate, info, import, solve) and edited rota workbooks
(import-rota): odd cell values, formulas without cached values, merged key cells, duplicate
and missing sheets, huge-but-small workbooks, zip bombs, broken zips and XML."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

from openpyxl import Workbook

from fuzz import mutate as m
from fuzz import xlsx
from fuzz.cases import Case
from fuzz.common import built, fifo, folder, make, seed
from fuzz.seeds import Seeds

ByteEdit = Callable[[bytes], bytes]
SCENARIO_KIND, ROTA_KIND = "xlsx-scenario", "xlsx-rota"
EXAMPLE, TINY = "example.xlsx", "tiny.xlsx"


def from_seed(base: str, change: ByteEdit) -> Callable[[Seeds], bytes]:
    return lambda s: change(s.bytes(base))


def cells(*changes: tuple[str, str, Any]) -> ByteEdit:
    """Set cells: (sheet, coordinate, value); a str starting with '=' becomes a formula."""

    def change(wb: Workbook) -> None:
        for sheet, coord, value in changes:
            wb[sheet][coord].value = value

    return lambda raw: xlsx.edit(raw, change)


def dated(sheet: str, coord: str, serial: float) -> ByteEdit:
    """A number with a date format: what Excel stores for a date (or a broken one)."""

    def change(wb: Workbook) -> None:
        wb[sheet][coord].value = serial
        wb[sheet][coord].number_format = "yyyy-mm-dd"

    return lambda raw: xlsx.edit(raw, change)


def wb_edit(change: Callable[[Workbook], None]) -> ByteEdit:
    return lambda raw: xlsx.edit(raw, change)


def sheet_xml(title: str, change: Callable[[bytes], bytes]) -> ByteEdit:
    return lambda raw: xlsx.edit_sheet_xml(raw, title, change)


def replace_xml(title: str, old: bytes, new: bytes) -> ByteEdit:
    return sheet_xml(title, lambda xml: xml.replace(old, new, 1))


NUMBER_VALUES: dict[str, Any] = {
    **{k: v for k, v in m.NUMBERS.items() if k != "string"},
    "text": "mye",
    "decimal-comma": "0,8",
    "int-1e20": 10**20,
}
NUMBER_CELLS = {
    "fte": ("Ansatte", "C4"),
    "hours": ("Vakter", "F4"),
    "min-staff": ("Bemanning", "E4"),
    "weight": ("Ønsker", "F4"),
    "weekend-every": ("Innstillinger", "C11"),
}


def _number_edits() -> list[tuple[str, str, ByteEdit]]:
    pairs = list(itertools.product(NUMBER_CELLS, NUMBER_VALUES))
    picked = m.sample(m.rng_for("xlsx-numbers"), pairs, 20)
    return [("number", f"{c}={v}", cells((*NUMBER_CELLS[c], NUMBER_VALUES[v]))) for c, v in picked]


def _date_edits() -> list[tuple[str, str, ByteEdit]]:
    wish, month, start = ("Ønsker", "B4"), ("Innstillinger", "C7"), ("Innstillinger", "C8")
    return [
        ("dates", "wish-1900", cells((*wish, dt.datetime(1900, 1, 1)))),
        ("dates", "wish-9999", cells((*wish, dt.datetime(9999, 12, 31)))),
        ("dates", "wish-text", cells((*wish, "i morgen"))),
        ("dates", "wish-time", cells((*wish, dt.time(8, 0)))),
        ("dates", "wish-serial-past-9999", dated(*wish, 2958466)),
        ("dates", "wish-serial-negative", dated(*wish, -1)),
        ("dates", "wish-serial-1e10", dated(*wish, 1e10)),
        ("dates", "wish-serial-nan", dated(*wish, float("nan"))),
        ("dates", "month-0000", cells((*month, "0000-01"))),
        ("dates", "month-9999", cells((*month, "9999-12"))),
        ("dates", "month-datetime-9999", cells((*month, dt.datetime(9999, 12, 1)))),
        ("dates", "month-negative-number", cells((*month, -5))),
        (
            "dates",
            "start-year1",
            cells(
                (*month, None), (*start, dt.datetime(1, 1, 1)), ("Innstillinger", "C9", dt.datetime(1, 1, 31))
            ),
        ),
    ]


def _formula_cell_edits() -> list[tuple[str, str, ByteEdit]]:
    return [
        ("formula-cell", "staff-id", cells(("Ansatte", "A4", '="s"&"01"'))),
        ("formula-cell", "fte-div0", cells(("Ansatte", "C4", "=1/0"))),
        ("formula-cell", "shift-code", cells(("Vakter", "A4", '=IF(1,"D","A")'))),
        ("formula-cell", "wish-date", cells(("Ønsker", "B4", "=DATE(2027,1,15)"))),
        ("formula-cell", "month", cells(("Innstillinger", "C7", '="2027-01"'))),
        ("formula-cell", "min-staff", cells(("Bemanning", "E4", "=SUM(1,1)"))),
        ("formula-cell", "dde-in-name", cells(("Ansatte", "B4", "=cmd|' /C calc'!A0"))),
    ]


def _control_edits() -> list[tuple[str, str, ByteEdit]]:
    kari = b">Kari Nordmann<"
    return [
        ("control-chars", "raw-ctrl-byte", replace_xml("Ansatte", kari, b">Kari\x01Nordmann<")),
        ("control-chars", "char-ref-1", replace_xml("Ansatte", kari, b">Kari&#1;Nordmann<")),
        ("control-chars", "excel-escape-x0007", replace_xml("Ansatte", kari, b">Kari_x0007_Nordmann<")),
        ("control-chars", "raw-escape-byte", replace_xml("Ansatte", kari, b">\x1b[2JKari<")),
        (
            "control-chars",
            "rtl-override",
            wb_edit(lambda wb: xlsx.set_text(wb["Ansatte"], "B4", "\u202eKari")),
        ),
        ("control-chars", "newline-in-id", wb_edit(lambda wb: xlsx.replace_everywhere(wb, "s01", "s\n01"))),
        (
            "control-chars",
            "name-40000-chars",
            wb_edit(lambda wb: xlsx.set_text(wb["Ansatte"], "B4", "K" * 40000)),
        ),
    ]


def _merge(sheet: str, ref: str) -> ByteEdit:
    return wb_edit(lambda wb: wb[sheet].merge_cells(ref))


def _copy_sheet(title: str, new: str) -> Callable[[Workbook], None]:
    def change(wb: Workbook) -> None:
        wb.copy_worksheet(wb[title]).title = new

    return change


def _remove(*titles: str) -> Callable[[Workbook], None]:
    def change(wb: Workbook) -> None:
        for t in titles:
            del wb[t]

    return change


def _keep_only(title: str) -> Callable[[Workbook], None]:
    def change(wb: Workbook) -> None:
        for t in [t for t in wb.sheetnames if t != title]:
            del wb[t]

    return change


def _rename(title: str, new: str) -> Callable[[Workbook], None]:
    def change(wb: Workbook) -> None:
        wb[title].title = new

    return change


def _empty_workbook(_raw: bytes) -> bytes:
    import io

    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


def _structure_edits() -> list[tuple[str, str, ByteEdit]]:
    return [
        ("merged-cells", "key-row", _merge("Ansatte", "A3:B3")),
        ("merged-cells", "names", _merge("Ansatte", "B4:B5")),
        ("merged-cells", "setting-key-value", _merge("Innstillinger", "B7:C7")),
        ("merged-cells", "header-and-keys", _merge("Vakter", "A2:A3")),
        ("merged-cells", "whole-table", _merge("Ansatte", "A4:N11")),
        ("sheets", "ansatte-and-staff", wb_edit(_copy_sheet("Ansatte", "Staff"))),
        ("sheets", "vakter-and-shifts", wb_edit(_copy_sheet("Vakter", "Shifts"))),
        ("sheets", "no-ansatte", wb_edit(_remove("Ansatte"))),
        ("sheets", "only-instructions", wb_edit(_keep_only("Instruksjoner"))),
        ("sheets", "renamed-vakter", wb_edit(_rename("Vakter", "Vakter (2)"))),
        ("sheets", "empty-workbook", _empty_workbook),
        ("sheets", "formula-sheet-name", wb_edit(_rename("Låst", "=cmd"))),
        ("key-row", "deleted", wb_edit(lambda wb: wb["Ansatte"].delete_rows(3))),
        ("key-row", "unknown-key", cells(("Ansatte", "A3", "zz_unknown"))),
        ("key-row", "duplicate-key", cells(("Ansatte", "B3", "id"))),
        ("key-row", "number-key", cells(("Ansatte", "A3", 5))),
        ("key-row", "formula-key", cells(("Ansatte", "A3", "=cmd|' /C calc'!A0"))),
        ("key-row", "cleared", wb_edit(lambda wb: [setattr(c, "value", None) for c in wb["Ansatte"][3]])),
        ("key-row", "unknown-setting", cells(("Innstillinger", "B7", "zz.unknown"))),
        (
            "key-row",
            "setting-broken-toml",
            cells(
                ("Innstillinger", "B12", "rules.forbidden_successions"), ("Innstillinger", "C12", "[{from = ")
            ),
        ),
        (
            "key-row",
            "setting-deep-toml",
            cells(
                ("Innstillinger", "B12", "rules.forbidden_successions"),
                ("Innstillinger", "C12", m.nested_array(30000)),
            ),
        ),
        (
            "key-row",
            "setting-nan",
            cells(("Innstillinger", "B12", "rules.weekly_hours.turnus"), ("Innstillinger", "C12", "nan")),
        ),
    ]


def _many_rows(sheet: str, count: int) -> ByteEdit:
    def change(wb: Workbook) -> None:
        ws = wb[sheet]
        for i in range(count):
            ws.append([f"p{i:05d}", f"Person {i}", 0.5])

    return wb_edit(change)


def _dimension_all(raw: bytes) -> bytes:
    parts = xlsx.members(raw)
    for name in parts:
        if name.startswith("xl/worksheets/sheet"):
            parts[name] = xlsx.set_dimension(parts[name], "A1:XFD1048576")
    return xlsx.rezip(parts)


def _huge_edits(sheet: str, extra_rows_from: int) -> list[tuple[str, str, ByteEdit]]:
    return [
        ("huge-sheet", "cell-at-row-1048576", cells((sheet, "A1048576", "s99"))),
        ("huge-sheet", "cell-at-XFD4", cells((sheet, "XFD4", "x"))),
        ("huge-sheet", "cell-at-XFD1048576", cells((sheet, "XFD1048576", 1))),
        ("huge-sheet", "key-at-XFD3", cells((sheet, "XFD3", "zz"))),
        (
            "huge-sheet",
            "dimension-A1-XFD1048576",
            sheet_xml(sheet, lambda x: xlsx.set_dimension(x, "A1:XFD1048576")),
        ),
        ("huge-sheet", "dimension-on-every-sheet", _dimension_all),
        ("huge-sheet", "3000-rows", _many_rows(sheet, 3000)),
        ("zip-bomb", "120mb-whitespace", lambda raw: xlsx.bomb_whitespace(raw, sheet)),
        ("zip-bomb", "120mb-cell-text", lambda raw: xlsx.bomb_text(raw, sheet)),
        ("zip-bomb", "styled-rows-to-1048576", lambda raw: xlsx.bottom_rows(raw, sheet, extra_rows_from)),
    ]


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b"]>"
)


def _doctype(xml: bytes, doctype: bytes, entity: bytes, old: bytes) -> bytes:
    body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
    return doctype + body.replace(old, entity, 1)


def _drop_member(name: str) -> ByteEdit:
    def change(raw: bytes) -> bytes:
        parts = xlsx.members(raw)
        del parts[name]
        return xlsx.rezip(parts)

    return change


def _add_member(name: str, data: bytes) -> ByteEdit:
    def change(raw: bytes) -> bytes:
        parts = xlsx.members(raw)
        parts[name] = data
        return xlsx.rezip(parts)

    return change


def _zip_of_text(_raw: bytes) -> bytes:
    return xlsx.rezip({"hello.txt": b"not a workbook\n"})


def _broken_edits(sheet: str, text: bytes) -> list[tuple[str, str, ByteEdit]]:
    xxe = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'
    return [
        ("broken-file", "truncated-50pct", lambda raw: raw[: len(raw) // 2]),
        ("broken-file", "truncated-90pct", lambda raw: raw[: len(raw) * 9 // 10]),
        ("broken-file", "truncated-300-bytes", lambda raw: raw[:300]),
        ("broken-file", "random-10k", lambda _raw: m.random_bytes(m.rng_for("xlsx-random"), 10240)),
        ("broken-file", "flip-30-bytes", lambda raw: m.flip_bytes(raw, m.rng_for("xlsx-flip"), 30)),
        ("broken-file", "empty", lambda _raw: b""),
        ("broken-file", "text-content", lambda _raw: text),
        ("broken-file", "ole-header", lambda _raw: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000),
        ("broken-file", "zip-of-text", _zip_of_text),
        ("broken-file", "no-content-types", _drop_member("[Content_Types].xml")),
        ("broken-file", "no-workbook-xml", _drop_member("xl/workbook.xml")),
        ("broken-file", "sheet-part-missing", lambda raw: _drop_member(xlsx.sheet_member(raw, sheet))(raw)),
        ("broken-file", "sheet-xml-cut", sheet_xml(sheet, lambda x: x[: len(x) // 2])),
        (
            "broken-file",
            "billion-laughs",
            sheet_xml(sheet, lambda x: _doctype(x, BILLION_LAUGHS, b"<t>&lol9;</t>", b"<t>")),
        ),
        ("broken-file", "xxe-entity", sheet_xml(sheet, lambda x: _doctype(x, xxe, b"<t>&xxe;", b"<t>"))),
        ("broken-file", "zip-slip-member", _add_member("../../../../tmp/fuzz-zip-slip.txt", b"x")),
    ]


def _special(kind: str, name: str, steps: list[tuple[str, ...]], others: list) -> list[Case]:
    return [
        make(kind, "special-file", "folder", steps, [folder(name), *others]),
        make(kind, "special-file", "fifo", steps, [fifo(name), *others]),
        make(kind, "special-file", "missing", steps, others),
    ]


# --- scenario workbooks --------------------------------------------------------------


def scenario_steps(f: str = "scenario.xlsx") -> list[tuple[str, ...]]:
    return [("validate", f), ("info", f), ("import", f, "--out", "imported.toml")]


def scenario_output_steps(f: str = "scenario.xlsx") -> list[tuple[str, ...]]:
    return [
        ("validate", f),
        ("solve", f, "--out", "out", "--time-limit", "2"),
        ("export", f, "out/rota.json", "--out", "out/rota.xlsx"),
        ("coverage", f, "out/rota.json", "--out", "out/cov"),
        ("import", f, "--out", "imported.toml"),
    ]


def _payload_edits() -> list[tuple[str, str, ByteEdit]]:
    edits = []
    for name, payload in m.FORMULAS.items():
        edits.append(
            (
                "formula",
                f"staff-id={name}",
                wb_edit(lambda wb, p=payload: xlsx.replace_everywhere(wb, "s1", p)),
            )
        )
        edits.append(
            (
                "formula",
                f"staff-name={name}",
                wb_edit(lambda wb, p=payload: xlsx.set_text(wb["Ansatte"], "B4", p)),
            )
        )
    for name in ("dde", "at"):
        payload = m.FORMULAS[name]
        edits.append(
            (
                "formula",
                f"shift-code={name}",
                wb_edit(lambda wb, p=payload: xlsx.replace_everywhere(wb, "D", p)),
            )
        )
        edits.append(
            (
                "formula",
                f"scenario-name={name}",
                wb_edit(lambda wb, p=payload: xlsx.set_text(wb["Innstillinger"], "C4", p)),
            )
        )
    return edits


def scenario_edits() -> list[tuple[str, str, ByteEdit]]:
    return [
        *_number_edits(),
        *_date_edits(),
        *_formula_cell_edits(),
        *_control_edits(),
        *_structure_edits(),
        *_huge_edits("Ansatte", 12),
        *_broken_edits("Ansatte", b"[scenario]\n"),
    ]


def scenario_cases() -> list[Case]:
    out = [
        make(
            SCENARIO_KIND,
            mutation,
            detail,
            scenario_steps(),
            [built("scenario.xlsx", from_seed(EXAMPLE, fn))],
        )
        for mutation, detail, fn in scenario_edits()
    ]
    out += [
        make(
            SCENARIO_KIND,
            mutation,
            f"tiny/{detail}",
            scenario_output_steps(),
            [built("scenario.xlsx", from_seed(TINY, fn))],
        )
        for mutation, detail, fn in _payload_edits()
    ]
    out.append(
        make(
            SCENARIO_KIND,
            "broken-file",
            "empty-template",
            scenario_steps(),
            [seed("scenario.xlsx", "template.xlsx")],
        )
    )
    out.append(
        make(
            SCENARIO_KIND,
            "special-file",
            "xls-suffix",
            scenario_steps("scenario.xls"),
            [seed("scenario.xls", EXAMPLE)],
        )
    )
    out.append(
        make(
            SCENARIO_KIND,
            "special-file",
            "xlsm-suffix",
            scenario_steps("scenario.xlsm"),
            [seed("scenario.xlsm", EXAMPLE)],
        )
    )
    out += _special(SCENARIO_KIND, "scenario.xlsx", scenario_steps(), [])
    return out


# --- edited rota workbooks -----------------------------------------------------------

SCEN = "scenario.toml"


def rota_steps(out: str = "edited.json") -> list[tuple[str, ...]]:
    return [("import-rota", "rota.xlsx", "--scenario", SCEN, "--out", out), ("check", SCEN, out)]


GRID_VALUES: dict[str, Any] = {
    "unknown-code": "X7",
    "lower-case": "d",
    "spaces": " D ",
    "dde-formula": "=cmd|' /C calc'!A0",
    "at-text": "@SUM(1)",
    "tab": "\t",
    "nan": float("nan"),
    "number": 5,
    "bool": True,
    "datetime": dt.datetime(2027, 1, 1),
    "fri": "fri",
    "40000-chars": "L" * 40000,
}
ID_VALUES: dict[str, Any] = {
    "formula": "=1+1",
    "number": 5,
    "empty": None,
    "unknown": "nobody",
    "duplicate": "s02",
    "dde-text": "=cmd|' /C calc'!A0",
}
HEADER_VALUES: dict[str, Any] = {
    "text": "x",
    "nan": float("nan"),
    "year-9999": dt.datetime(9999, 12, 31),
    "empty": None,
    "duplicate": dt.datetime(2027, 1, 2),
    "year-1900": dt.datetime(1900, 1, 1),
}


def _grid_edits() -> list[tuple[str, str, ByteEdit]]:
    edits: list[tuple[str, str, ByteEdit]] = []
    for name, value in GRID_VALUES.items():
        change = (
            wb_edit(lambda wb, v=value: xlsx.set_text(wb["Turnus"], "E4", v))
            if name in ("at-text", "tab")
            else cells(("Turnus", "E4", value))
        )
        edits.append(("grid-cell", name, change))
    edits += [("staff-id", name, cells(("Turnus", "A4", v))) for name, v in ID_VALUES.items()]
    edits += [("date-header", name, cells(("Turnus", "D3", v))) for name, v in HEADER_VALUES.items()]
    edits += [("date-header", f"serial-{s:g}", dated("Turnus", "D3", s)) for s in (0, -1, 2958466)]
    edits += [
        ("sheets", "no-turnus", wb_edit(_remove("Turnus"))),
        ("sheets", "renamed-turnus", wb_edit(_rename("Turnus", "Rota"))),
        ("sheets", "two-turnus", wb_edit(_copy_sheet("Turnus", "Turnus (2)"))),
        ("sheets", "only-turnus", wb_edit(_keep_only("Turnus"))),
        ("sheets", "empty-workbook", _empty_workbook),
        ("merged-cells", "grid", _merge("Turnus", "D4:E5")),
        ("merged-cells", "staff-ids", _merge("Turnus", "A4:A5")),
        ("merged-cells", "dates", _merge("Turnus", "D3:E3")),
        ("control-chars", "raw-ctrl-in-id", replace_xml("Turnus", b">s01<", b">s0\x011<")),
        ("control-chars", "excel-escape-in-id", replace_xml("Turnus", b">s01<", b">s01_x0007_<")),
        ("control-chars", "raw-escape-in-code", replace_xml("Turnus", b">D<", b">\x1bD<")),
    ]
    return edits


def rota_cases() -> list[Case]:
    scen = seed(SCEN, "fredrikstad-mat.toml")
    edits = [*_grid_edits(), *_huge_edits("Turnus", 40), *_broken_edits("Turnus", b'{"format": "rota/1"}')]
    out = [
        make(
            ROTA_KIND, mutation, detail, rota_steps(), [built("rota.xlsx", from_seed("rota.xlsx", fn)), scen]
        )
        for mutation, detail, fn in edits
    ]
    rota = seed("rota.xlsx")
    out += [
        make(ROTA_KIND, "arguments", "out-is-the-workbook", rota_steps("rota.xlsx"), [rota, scen]),
        make(ROTA_KIND, "arguments", "out-is-the-scenario", rota_steps(SCEN), [rota, scen]),
        make(ROTA_KIND, "arguments", "out-under-a-file", rota_steps(f"{SCEN}/edited.json"), [rota, scen]),
        make(
            ROTA_KIND, "arguments", "other-scenario", rota_steps(), [rota, seed(SCEN, "alta-ettervern.toml")]
        ),
        make(
            ROTA_KIND,
            "arguments",
            "scenario-workbook-as-rota",
            rota_steps(),
            [seed("rota.xlsx", EXAMPLE), scen],
        ),
    ]
    out += _special(ROTA_KIND, "rota.xlsx", rota_steps(), [scen])
    return out


def upload_edits() -> list[tuple[str, str, ByteEdit]]:
    """A spread of the scenario workbook mutations, for the app's upload path."""
    edits = scenario_edits()
    return [e for i, e in enumerate(edits) if i % 3 == 0 or e[0] in ("zip-bomb", "huge-sheet")]


def cases() -> list[Case]:
    return [*scenario_cases(), *rota_cases()]
