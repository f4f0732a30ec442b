"""Messages in Norwegian bokmål and English: a rule unit writes each sentence once per language.

A :class:`Text` holds the two templates side by side; the values it is filled with render
themselves in the language of the sentence (:class:`Day` as "Monday 1 Mar 2027" or
"mandag 1. mar 2027", :class:`Hours` as "10.0 h" or "10,0 t", :class:`Words` as either of
two phrases), so a breach reads naturally in both.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roster.calendar import WEEKDAY_NAMES, WEEKDAY_NAMES_NB

LANGS: tuple[str, ...] = ("nb", "en")
MONTHS_NB = ("jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des")


@dataclass(frozen=True)
class Day:
    """A date in a sentence: 'Monday 1 Mar 2027' / 'mandag 1. mar 2027'."""

    date: dt.date

    def render(self, lang: str) -> str:
        d = self.date
        if lang == "nb":
            return f"{WEEKDAY_NAMES_NB[d.weekday()]} {d.day}. {MONTHS_NB[d.month - 1]} {d.year}"
        return f"{WEEKDAY_NAMES[d.weekday()].capitalize()} {d.day} {d:%b} {d.year}"


@dataclass(frozen=True)
class Hours:
    """Minutes shown as hours: '10.0 h' / '10,0 t'."""

    minutes: float

    def render(self, lang: str) -> str:
        text = f"{self.minutes / 60:.1f}"
        return text.replace(".", ",") + " t" if lang == "nb" else text + " h"


@dataclass(frozen=True)
class Nth:
    """An ordinal: '3rd' / '3.' ("at most every 3rd weekend", "høyst hver 3. helg")."""

    n: int

    def render(self, lang: str) -> str:
        if lang == "nb":
            return f"{self.n}."
        suffix = "th" if 10 <= self.n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(self.n % 10, "th")
        return f"{self.n}{suffix}"


@dataclass(frozen=True)
class Words:
    """A phrase that differs by language: Words('one person alone', 'én person alene')."""

    en: str
    nb: str

    def render(self, lang: str) -> str:
        return self.nb if lang == "nb" else self.en


@dataclass(frozen=True)
class Text:
    """One sentence in both languages, as ``str.format`` templates with the same fields."""

    en: str
    nb: str

    def render(self, **values: object) -> Words:
        """The sentence in both languages, each value rendered in the sentence's language."""

        def filled(template: str, lang: str) -> str:
            return template.format(**{k: v.render(lang) if hasattr(v, "render") else v
                                      for k, v in values.items()})

        return Words(en=filled(self.en, "en"), nb=filled(self.nb, "nb"))
