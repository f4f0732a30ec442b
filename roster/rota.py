"""The rota: assignments plus what they cover and what they break, to and from ``rota.json``.

The file format is the contract in ``../shared/ROTA_JSON.md`` (``format = "rota/1"``).
Reading validates the file and names the key that is wrong.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from roster.errors import RotaFileError

FORMAT = "rota/1"
STATUSES = ("optimal", "feasible", "infeasible", "error")


@dataclass(frozen=True, order=True)
class Assignment:
    date: dt.date
    staff: str
    shift: str
    locked: bool = False

    def to_json(self) -> dict:
        return {"staff": self.staff, "date": self.date.isoformat(), "shift": self.shift,
                "locked": self.locked}


@dataclass
class Rota:
    """A rota in memory. ``extra`` carries optional fields (service level, stages, changes)."""

    scenario: str
    start: dt.date
    end: dt.date
    status: str
    assignments: list[Assignment]
    solver: dict[str, Any] = field(default_factory=dict)
    rules: dict[str, Any] = field(default_factory=dict)
    shifts: list[dict] = field(default_factory=list)
    staff: list[dict] = field(default_factory=list)
    absences: list[dict] = field(default_factory=list)
    coverage: list[dict] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    # --- look-ups -----------------------------------------------------------------
    def by_staff_date(self) -> dict[tuple[str, dt.date], str]:
        return {(a.staff, a.date): a.shift for a in self.assignments}

    def errors(self) -> list[dict]:
        """Violations of hard rules (severity error), as opposed to service warnings."""
        return [v for v in self.violations if v.get("severity", "error") == "error"]

    # --- JSON -----------------------------------------------------------------------
    def to_json(self) -> dict:
        data = {
            "format": FORMAT,
            "scenario": self.scenario,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "status": self.status,
            "solver": self.solver,
            "rules": self.rules,
            "shifts": self.shifts,
            "staff": self.staff,
            "absences": self.absences,
            "assignments": [a.to_json() for a in sorted(self.assignments)],
            "coverage": self.coverage,
            "violations": self.violations,
        }
        for key, value in self.extra.items():
            data.setdefault(key, value)
        return data

    def save(self, path: str | Path) -> Path:
        """Write atomically (a temporary file renamed into place): never a half-written file."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.to_json(), ensure_ascii=False, indent=1)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text + "\n")
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return path

    @classmethod
    def from_json(cls, data: Any, source: str = "<rota>") -> Rota:
        def fail(where: str, msg: str) -> RotaFileError:
            return RotaFileError(f"{source}: {where}: {msg}")

        if not isinstance(data, dict):
            raise fail("top level", "expected a JSON object")
        fmt = data.get("format")
        if fmt != FORMAT:
            raise fail("format", f"expected \"{FORMAT}\", got {fmt!r}")

        def date_of(value: Any, where: str) -> dt.date:
            try:
                return dt.date.fromisoformat(str(value))
            except ValueError:
                raise fail(where, f"expected a date like 2027-01-31, got {value!r}") from None

        start = date_of(data.get("start"), "start")
        end = date_of(data.get("end"), "end")
        if end < start:
            raise fail("end", f"end {end} is before start {start}")
        status = data.get("status", "feasible")
        if status not in STATUSES:
            raise fail("status", f"expected one of {', '.join(STATUSES)}, got {status!r}")
        raw = data.get("assignments")
        if not isinstance(raw, list):
            raise fail("assignments", "expected a list")
        assignments = []
        seen: set[tuple[str, dt.date]] = set()
        for i, a in enumerate(raw):
            where = f"assignments[{i}]"
            if not isinstance(a, dict):
                raise fail(where, "expected an object with staff, date and shift")
            for key in ("staff", "date", "shift"):
                if not isinstance(a.get(key), str) or not a.get(key):
                    raise fail(f"{where}.{key}", "missing or not text")
            d = date_of(a["date"], f"{where}.date")
            if (a["staff"], d) in seen:
                raise fail(where, f"'{a['staff']}' has two assignments on {d} (at most one a day)")
            seen.add((a["staff"], d))
            assignments.append(Assignment(date=d, staff=a["staff"], shift=a["shift"],
                                          locked=bool(a.get("locked", False))))
        known = {"format", "scenario", "start", "end", "status", "solver", "rules", "shifts",
                 "staff", "absences", "assignments", "coverage", "violations"}
        return cls(
            scenario=str(data.get("scenario", "")), start=start, end=end, status=status,
            assignments=assignments, solver=dict(data.get("solver") or {}),
            rules=dict(data.get("rules") or {}), shifts=list(data.get("shifts") or []),
            staff=list(data.get("staff") or []), absences=list(data.get("absences") or []),
            coverage=list(data.get("coverage") or []),
            violations=list(data.get("violations") or []),
            extra={k: v for k, v in data.items() if k not in known},
        )

    @classmethod
    def load(cls, path: str | Path) -> Rota:
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise RotaFileError(f"{path}: file not found") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise RotaFileError(f"{path}: not valid JSON ({exc})") from None
        return cls.from_json(data, source=str(path))
