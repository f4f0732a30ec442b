"""A rule unit: spec, model builder, checker measurement and messages, side by side.

A MIP cannot score a given rota, so a rule is written twice: once as constraints or costs
(``build``, or ``allows`` for an eligibility filter that keeps the variable from being
created) and once as a measurement of a finished rota (``check``, which returns the
breaches). Both halves live in the rule's own module and are tested together
(``tests/rules/``); the two share data look-ups, never constraint-building code
(docs/adr/0002-independent-checker.md, docs/adr/0005-rule-catalogue.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from roster.rules.breach import Breach, Severity, breach_of
from roster.rules.params import Param
from roster.rules.words import Words

if TYPE_CHECKING:
    import datetime as dt

    from roster.check import CheckContext
    from roster.model import Model

Build = Callable[["Model"], None]
Allows = Callable[["Model", int, int, str], bool]
Check = Callable[["CheckContext"], Iterable[Breach]]
PersonProblems = Callable[[Mapping[str, Any]], list[tuple[str, str]]]


@dataclass(frozen=True)
class RuleUnit:
    id: str
    """The rule's one name: in the model, the checker, ``rota.json``, Excel and the app."""
    nb: str
    en: str
    source: str
    """The legal, tariff or planning source ("AML § 10-8 (1)", "the scenario", ...)."""
    summary: str
    """What the rule does, in one sentence (``roster rules``, docs/rules.md)."""
    kind: str
    """How the planner holds it: "filter", "hard", "priority 3", "hard + priority 1" ..."""
    params: tuple[Param, ...] = ()
    build: Build | None = None
    allows: Allows | None = None
    check: Check | None = None
    severity: Severity = Severity.ERROR
    staged_only: bool = False
    """A cost that only makes sense in the staged (Norwegian) objective, not in benchmarks."""
    person_problems: PersonProblems | None = None
    """Checks across one person's values of this rule (min above max, say)."""

    def label(self, lang: str) -> str:
        return self.nb if lang == "nb" else self.en

    def breach(self, said: Words, *, severity: Severity | None = None, staff: str | None = None,
               date: dt.date | None = None, shift: str | None = None, **data: Any) -> Breach:
        """A breach of this rule, with a sentence in both languages (``Text.render``)."""
        return breach_of(self.id, self.source, said, severity=severity or self.severity,
                         staff=staff, date=date, shift=shift, **data)
