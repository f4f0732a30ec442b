"""Workbook mutations: through openpyxl (cells, sheets, merges) or on the zip and XML itself
(declared dimensions, zip bombs, broken XML, characters openpyxl refuses to write)."""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Callable

from openpyxl import Workbook, load_workbook

Edit = Callable[[Workbook], None]
BOMB_BYTES = 120 * 1024 * 1024
"""What a zip bomb expands to: over 100 MB from about 120 KB on disk (deflate's limit is ~1:1000)."""


def edit(raw: bytes, change: Edit) -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(io.BytesIO(raw))
    change(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def set_text(ws, coord: str, text: str) -> None:
    """Text that stays text in the file even when it starts with '='."""
    cell = ws[coord]
    cell.value = text
    cell.data_type = "s"


def replace_everywhere(wb: Workbook, old: object, new: object, as_text: bool = True) -> None:
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value == old:
                    cell.value = new
                    if as_text and isinstance(new, str):
                        cell.data_type = "s"


def find(ws, value: object) -> str:
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell.coordinate
    raise KeyError(f"{value!r} not on sheet {ws.title}")


# --- the zip itself ------------------------------------------------------------------


def members(raw: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        return {info.filename: zf.read(info.filename) for info in zf.infolist()}


def rezip(
    parts: dict[str, bytes], big: dict[str, Callable[[zipfile.ZipFile, str], None]] | None = None
) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in parts.items():
            if big and name in big:
                big[name](zf, name)
            else:
                zf.writestr(name, data)
    return out.getvalue()


def sheet_member(raw: bytes, title: str) -> str:
    """The zip member of the sheet called ``title`` (through workbook.xml and its rels)."""
    parts = members(raw)
    book = parts["xl/workbook.xml"].decode("utf-8")
    rels = parts["xl/_rels/workbook.xml.rels"].decode("utf-8")
    for name, rid in re.findall(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', book):
        if name == title:
            target = re.search(r'Id="' + re.escape(rid) + r'"[^>]*Target="([^"]+)"', rels)
            if target is None:
                target = re.search(r'Target="([^"]+)"[^>]*Id="' + re.escape(rid) + '"', rels)
            assert target is not None
            path = target.group(1).lstrip("/")
            return path if path.startswith("xl/") else f"xl/{path}"
    raise KeyError(title)


def edit_member(raw: bytes, member: str, change: Callable[[bytes], bytes]) -> bytes:
    parts = members(raw)
    parts[member] = change(parts[member])
    return rezip(parts)


def edit_sheet_xml(raw: bytes, title: str, change: Callable[[bytes], bytes]) -> bytes:
    return edit_member(raw, sheet_member(raw, title), change)


def set_dimension(xml: bytes, ref: str) -> bytes:
    if b"<dimension" in xml:
        return re.sub(rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>'.encode(), xml, count=1)
    return re.sub(rb"(<worksheet[^>]*>)", rb'\1<dimension ref="' + ref.encode() + b'"/>', xml, count=1)


def _stream_bomb(
    xml: bytes, marker: bytes, filler: bytes, keep: bool = True
) -> Callable[[zipfile.ZipFile, str], None]:
    """Write ``xml`` with BOMB_BYTES of ``filler`` inserted before ``marker``, in chunks."""
    head, _, tail = xml.partition(marker)
    end = marker + tail if keep else tail
    chunk = filler * (1024 * 1024 // len(filler))

    def write(zf: zipfile.ZipFile, name: str) -> None:
        with zf.open(name, "w", force_zip64=True) as f:
            f.write(head)
            for _ in range(BOMB_BYTES // len(chunk)):
                f.write(chunk)
            f.write(end)

    return write


def bomb_whitespace(raw: bytes, title: str) -> bytes:
    member = sheet_member(raw, title)
    parts = members(raw)
    return rezip(parts, {member: _stream_bomb(parts[member], b"</sheetData>", b" ")})


def bomb_text(raw: bytes, title: str) -> bytes:
    """One cell whose text is BOMB_BYTES long (an inline string)."""
    member = sheet_member(raw, title)
    parts = members(raw)
    cell = b'<row r="1048575"><c r="B1048575" t="inlineStr"><is><t>'
    xml = parts[member].replace(b"</sheetData>", cell + b"\x00MARK</t></is></c></row></sheetData>", 1)
    return rezip(parts, {member: _stream_bomb(xml, b"\x00MARK", b"A", keep=False)})


def bottom_rows(raw: bytes, title: str, first: int, last: int = 1048576) -> bytes:
    """A styled empty cell in every row down to ``last`` (a sheet formatted to the bottom)."""
    member = sheet_member(raw, title)
    parts = members(raw)
    rows = b"".join(b'<row r="%d"><c r="A%d" s="0"/></row>' % (r, r) for r in range(first, last + 1))
    parts[member] = parts[member].replace(b"</sheetData>", rows + b"</sheetData>", 1)
    return rezip(parts)
