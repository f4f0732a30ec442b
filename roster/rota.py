"""The rota: assignments plus what they cover and what they break, to and from ``rota.json``.

The file format is the contract in ``../shared/ROTA_JSON.md`` (``format = "rota/1"``).
Reading validates the file and names the key that is wrong.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from roster import safe_io
from roster.errors import RotaFileError
from roster.input_files import MAX_JSON_BYTES, parse_json, read_text
from roster.rota_schema import checked_fields

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

    @property
    def solver_status(self) -> str:
        """What the solver said, before the checker's verdict made ``status`` (a rota with a
        breach is ``infeasible`` whatever the solver proved; docs/adr/0006)."""
        return (self.extra.get("verdict") or {}).get("solver_status") or self.status

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
        """Write atomically (a temporary file renamed into place: never a half-written file)
        and owner-only (0600): a rota carries sick leave."""
        text = json.dumps(self.to_json(), ensure_ascii=False, indent=1)
        return safe_io.write_text(path, text + "\n")

    @classmethod
    def from_json(cls, data: Any, source: str = "<rota>") -> Rota:
        """A rota from parsed rota.json data; every field it holds is checked first
        (``roster.rota_schema``), so a wrong one is a RotaFileError naming it."""
        def fail(where: str, msg: str) -> RotaFileError:
            return RotaFileError(f"{source}: {where}: {msg}")

        if not isinstance(data, dict):
            raise fail("top level", "expected a JSON object")
        fmt = data.get("format")
        if fmt != FORMAT:
            plain = isinstance(fmt, str) and len(fmt) <= 40 and fmt.isprintable()
            shown_fmt = repr(fmt) if plain else "another value"
            raise fail("format", f"expected \"{FORMAT}\", got {shown_fmt}")
        status = data.get("status", "feasible")
        if status not in STATUSES:
            raise fail("status", f"expected one of {', '.join(STATUSES)}")
        fields = checked_fields(data, source)
        assignments = []
        seen: set[tuple[str, dt.date]] = set()
        for i, a in enumerate(fields.pop("assignments")):
            d = dt.date.fromisoformat(a["date"])
            if not fields["start"] <= d <= fields["end"]:
                raise fail(f"assignments[{i}].date", f"{d} is outside the rota's period "
                                                     f"{fields['start']}..{fields['end']}")
            if (a["staff"], d) in seen:
                raise fail(f"assignments[{i}]", "a person has two assignments on one day (at most one a day)")
            seen.add((a["staff"], d))
            assignments.append(Assignment(date=d, staff=a["staff"], shift=a["shift"],
                                          locked=a.get("locked", False)))
        known = {"format", "scenario", "start", "end", "status", "solver", "rules", "shifts",
                 "staff", "absences", "assignments", "coverage", "violations"}
        extra = {k: v for k, v in data.items() if k not in known}
        extra.update(fields.pop("extra"))
        return cls(status=status, assignments=assignments, extra=extra, **fields)

    @classmethod
    def load(cls, path: str | Path) -> Rota:
        """Read a rota.json: a regular UTF-8 file of at most 20 MB holding valid JSON."""
        path = Path(path)

        def fail(message: str) -> RotaFileError:
            return RotaFileError(f"{path}: {message}")

        text = read_text(path, fail=fail, limit=MAX_JSON_BYTES, what="rota.json file")
        return cls.from_json(parse_json(text, fail), source=str(path))
