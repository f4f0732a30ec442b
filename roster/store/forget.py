"""Erasure of one person's data (GDPR art. 17): pure functions over stored JSON and TOML data.

Absences and wishes of the person are removed; everywhere else their id and name are
replaced by a pseudonym (``anon-1``), so a published rota keeps its shifts and stays a
true record of who-worked-what without saying who it was. Sick leave is health data
(GDPR art. 9), so absence rows and absence breaches are dropped, not pseudonymised.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any


class Scrubber:
    """Replaces one person's id and name in any plain data, and drops their absences."""

    def __init__(self, staff_id: str, names: set[str], pseudonym: str):
        self.staff_id = staff_id
        self.pseudonym = pseudonym
        words = sorted({staff_id, *(n for n in names if n and n.strip())}, key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")
        self.hits = 0

    def text(self, value: str) -> str:
        new, n = self.pattern.subn(self.pseudonym, value)
        self.hits += n
        return new

    def is_theirs(self, row: Any) -> bool:
        return isinstance(row, dict) and row.get("staff") == self.staff_id

    def value(self, value: Any) -> Any:
        """A copy of ``value`` with the person pseudonymised (recursively)."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.value(v) for v in value]
        if isinstance(value, dict):
            out = {}
            for k, v in value.items():
                if k in ("id", "staff", "name") and isinstance(v, str) and (
                        v == self.staff_id or self.pattern.fullmatch(v)):
                    self.hits += 1
                    out[k] = self.pseudonym
                else:
                    out[k] = self.value(v)
            return out
        if isinstance(value, (dt.date, dt.time, dt.datetime)):
            return value.isoformat()
        return value


def names_in_rota(data: dict, staff_id: str) -> set[str]:
    return {str(r.get("name")) for r in data.get("staff") or []
            if isinstance(r, dict) and r.get("id") == staff_id and r.get("name")}


def names_in_scenario(data: dict, staff_id: str) -> set[str]:
    return {str(r.get("name")) for r in data.get("staff") or []
            if isinstance(r, dict) and r.get("id") == staff_id and r.get("name")}


def scrub_rota(data: dict, s: Scrubber) -> dict:
    """A rota.json with the person's absences (and breaches about absence) removed and the
    rest pseudonymised; assignments keep their dates and shifts."""
    data = dict(data)
    data["absences"] = [r for r in data.get("absences") or [] if not s.is_theirs(r)]
    data["violations"] = [r for r in data.get("violations") or []
                          if not (s.is_theirs(r) and r.get("rule") == "absence")]
    return s.value(data)


def scrub_scenario(data: dict, s: Scrubber) -> dict:
    """Scenario data (parsed TOML) without the person's absences and wishes, pseudonymised."""
    data = dict(data)
    for key in ("absences", "wishes"):
        if key in data:
            data[key] = [r for r in data.get(key) or [] if not s.is_theirs(r)]
    return s.value(data)


def scrub_staff_list(rows: list, s: Scrubber) -> list:
    return s.value(rows)
