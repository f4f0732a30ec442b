"""The turnus grid: one row per person, one column per date, shift codes in the cells.

The CSV form neutralises every cell a spreadsheet would run as a formula (a staff name
``=HYPERLINK(...)``), see :mod:`roster.safe_io`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from roster import safe_io
from roster.rota import Rota

ABSENCE_MARKS = {"vacation": "(ferie)", "sick": "(fravær)", "course": "(kurs)", "leave": "(perm)",
                 "other": "(fravær)"}


def rota_dates(rota: Rota) -> list[dt.date]:
    n = (rota.end - rota.start).days + 1
    return [rota.start + dt.timedelta(days=i) for i in range(n)]


def absence_code(rota: Rota, staff: str, date: dt.date) -> str | None:
    """A marker for an absence day in the grid (kind in lower case, e.g. 'sick')."""
    for a in rota.absences:
        if a["staff"] == staff and a["start"] <= date.isoformat() <= a["end"] \
                and a.get("percent", 100) >= 100:
            return a["kind"]
    return None


def grid_rows(rota: Rota, absence_marks: dict[str, str] | None = None) -> list[list[str]]:
    """Header row plus one row per person: id, name, then one cell per date."""
    marks = absence_marks or {}
    dates = rota_dates(rota)
    work = rota.by_staff_date()
    header = ["id", "name"] + [d.isoformat() for d in dates]
    rows = [header]
    for p in rota.staff:
        row = [p["id"], p["name"]]
        for d in dates:
            code = work.get((p["id"], d))
            if code is None:
                kind = absence_code(rota, p["id"], d)
                code = marks.get(kind, "") if kind else ""
            row.append(code)
        rows.append(row)
    return rows


def grid_csv_text(rota: Rota) -> str:
    """The grid as CSV text, safe to open in a spreadsheet."""
    return safe_io.csv_text(grid_rows(rota, ABSENCE_MARKS))


def write_grid_csv(rota: Rota, path: str | Path) -> Path:
    """Write the grid CSV atomically, owner-only (absence marks are health data)."""
    return safe_io.write_text(path, grid_csv_text(rota))
