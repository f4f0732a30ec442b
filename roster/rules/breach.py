"""A breach: one rule broken (or one target missed) somewhere in a rota, as a typed record.

The checker's measurements and the model's notes both produce :class:`Breach` records;
``rota.json`` carries them as plain rows (``to_json``: ``rule``, ``severity``, ``detail``
in English, ``detail_nb`` in Norwegian, ``source``, and ``staff``/``date``/``shift`` and
any measured figures), the shape ``../shared/ROTA_JSON.md`` describes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from roster.rules.words import Words


class Severity(StrEnum):
    ERROR = "error"
    """A broken rule."""
    WARNING = "warning"
    """A missed service target or hours under the contract band: shown, not a breach."""


@dataclass(frozen=True)
class Breach:
    rule: str
    severity: Severity
    en: str
    nb: str
    source: str
    staff: str | None = None
    date: dt.date | None = None
    shift: str | None = None
    data: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    """Measured figures and more places (``start``/``end`` of a run, ``assigned``, ``min`` ...)."""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def detail(self, lang: str = "en") -> str:
        return self.nb if lang == "nb" else self.en

    def to_json(self) -> dict[str, Any]:
        row: dict[str, Any] = {"rule": self.rule, "severity": str(self.severity), "detail": self.en,
                               "detail_nb": self.nb, "source": self.source}
        if self.staff is not None:
            row["staff"] = self.staff
        if self.date is not None:
            row["date"] = self.date.isoformat()
        if self.shift is not None:
            row["shift"] = self.shift
        for key, value in self.data.items():
            row[key] = value.isoformat() if isinstance(value, dt.date) else value
        return row


def breach_of(rule: str, source: str, said: Words, *, severity: Severity = Severity.ERROR,
              staff: str | None = None, date: dt.date | None = None, shift: str | None = None,
              **data: Any) -> Breach:
    """A breach from a sentence in both languages (``Text.render``) and where it happened."""
    return Breach(rule=rule, severity=severity, en=said.en, nb=said.nb, source=source, staff=staff,
                  date=date, shift=shift, data=MappingProxyType(data))
