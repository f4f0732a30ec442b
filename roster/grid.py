"""The turnus grid: one row per person, one column per date, shift codes in the cells."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from roster.rota import Rota


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


def write_grid_csv(rota: Rota, path: str | Path) -> Path:
    path = Path(path)
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(grid_rows(rota, {"vacation": "(ferie)", "sick": "(fravær)",
                                                  "course": "(kurs)", "leave": "(perm)",
                                                  "other": "(fravær)"}))
    return path
