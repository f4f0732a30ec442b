"""The planner's shared words in Norwegian bokmål and English, for every summary and report.

One place for the words a unit leader reads in more than one command: the rota's status,
the solver's stages (priorities), severities, rule names (from the rule catalogue), units,
service targets and periods, day types, the rota store's record states, and numbers and
dates written the Norwegian way. The machine values in ``rota.json`` and the other files
stay the contract's English (``status: "feasible"``); these functions only say them.

Every function takes ``lang`` ("nb" or "en"); anything but "nb" is English. A value no
table knows is returned as it is, so a new machine value shows rather than fails.

- :func:`pick` ``(lang, en, nb)``: one of two phrases.
- :func:`status_word`, :func:`stage_word`, :func:`severity_word`, :func:`rule_word`,
  :func:`solver_message`, :func:`priority_word`, :func:`day_type_word`, :func:`kind_word`,
  :func:`record_status_word`,
  :func:`unit_word`, :func:`target_words`, :func:`period_words`: a machine value said.
- :func:`num`, :func:`pct`, :func:`hours`: numbers (decimal comma and "t" in bokmål).
- :func:`day_words`, :func:`weekday_word`, :func:`weekday_short`: dates as words.

The sentences of each report stay with the report (``TEXT[lang]`` tables or
:class:`roster.rules.words.Text`); the words they share are here. :data:`STATUS_WORDS`
can replace ``STATUS_NB`` tables elsewhere (``roster.arsturnus.report``).
"""

from __future__ import annotations

import datetime as dt
import re

from roster.calendar import WEEKDAY_NAMES, WEEKDAY_NAMES_NB
from roster.rules.words import Day, Words

LANGS: tuple[str, ...] = ("nb", "en")
ENV_VAR = "ROSTER_LANG"
"""The environment variable that sets the default ``--lang`` of every command."""


def pick(lang: str, en: str, nb: str) -> str:
    """``nb`` in bokmål, else ``en``."""
    return nb if lang == "nb" else en


def _say(table: dict[str, Words], value: object, lang: str) -> str:
    words = table.get(str(value)) if value is not None else None
    return words.render(lang) if words else str(value)


STATUS_WORDS: dict[str, Words] = {
    # the rota's status (rota.json "status") and a solver stage's status
    "optimal": Words("optimal", "optimal"),
    "feasible": Words("feasible", "gyldig"),
    "infeasible": Words("infeasible", "ikke gyldig"),
    "error": Words("error", "feil"),
    "no_solution": Words("no_solution", "ingen løsning"),
}
"""A rota's status: ``optimal`` (every priority proven best), ``feasible`` (every hard rule
and base minimum kept, not every priority proven: *gyldig*), ``infeasible`` (a hard rule
broken or base shifts short: *ikke gyldig*, the verdict after it says which), ``error``
(no rota found in time: *feil*)."""

STATUS_NB: dict[str, str] = {k: w.nb for k, w in STATUS_WORDS.items()}


def status_word(status: object, lang: str) -> str:
    """'feasible' -> 'gyldig' in bokmål; English keeps the contract's value."""
    return _say(STATUS_WORDS, status, lang)


STAGE_WORDS: dict[str, Words] = {
    "rules": Words("rules", "harde regler"),
    "base": Words("base", "grunnbemanning"),
    "hours": Words("hours", "avtalte timer"),
    "service": Words("service", "tjenestenivå"),
    "robust": Words("robust", "robusthet"),
    "fairness": Words("fairness", "rettferdig fordeling"),
    "wishes": Words("wishes", "ønsker"),
    "stability": Words("stability", "stabilitet"),
    "tidiness": Words("tidiness", "ryddig turnus"),
    "weighted": Words("weighted", "vektet sum"),
    "feasibility": Words("feasibility", "gyldig turnus"),
    "changes": Words("changes", "færrest endringer"),
}


SOLVER_MESSAGES: dict[str, Words] = {
    "stopped on request; the best rota found so far":
        Words("stopped on request; the best rota found so far",
              "stoppet på forespørsel; den beste turnusen funnet så langt"),
    "the hard rules cannot all hold":
        Words("the hard rules cannot all hold", "de harde reglene kan ikke alle holdes"),
    "no rota found within the time limit; allow more time":
        Words("no rota found within the time limit; allow more time",
              "ingen turnus funnet innen tidsgrensen; gi mer tid"),
}


def solver_message(text: object, lang: str) -> str:
    """The solver's note on a solve (rota.json solver.message) in bokmål."""
    return _say(SOLVER_MESSAGES, text, lang)


def stage_word(stage: object, lang: str) -> str:
    """A solver stage (priority) by name: 'tidiness' -> 'ryddig turnus'; a service rank
    'service.3' -> 'tjenestenivå (rang 3)'. English keeps the stage's own name."""
    text = str(stage)
    if lang != "nb":
        return text
    m = re.fullmatch(r"service\.(\d+)", text)
    if m:
        return f"tjenestenivå (rang {m[1]})"
    m = re.fullmatch(r"(\w+)\.(\d+)", text)
    if m and m[1] in STAGE_WORDS:  # a sub-stage of another priority: 'hours.1' (årsturnus)
        return f"{STAGE_WORDS[m[1]].nb} ({m[2]})"
    return _say(STAGE_WORDS, text, lang)


SEVERITY_WORDS: dict[str, Words] = {
    "error": Words("breach", "brudd"), "warning": Words("warning", "advarsel"),
}


def severity_word(severity: object, lang: str) -> str:
    """'error' -> 'breach' / 'brudd', 'warning' -> 'warning' / 'advarsel'."""
    return _say(SEVERITY_WORDS, severity, lang)


def rule_word(rule_id: str, lang: str) -> str:
    """A rule's name for people: the rule catalogue's label in bokmål ('rest' ->
    'døgnhvile'); English keeps the rule id (what ``roster rules`` and rota.json show)."""
    if lang != "nb":
        return rule_id
    from roster.rules.catalogue import label

    return label(rule_id, "nb")


PRIORITY_WORDS: dict[str, Words] = {
    "base": Words("base", "grunnvakt"), "service": Words("service", "tjeneste"),
    "soft": Words("soft", "ønsket"),
}


def priority_word(priority: object, lang: str) -> str:
    """A coverage requirement's priority: 'base' -> 'grunnvakt', 'service' -> 'tjeneste'."""
    return _say(PRIORITY_WORDS, priority, lang)


DAY_TYPE_WORDS: dict[str, Words] = {
    "weekday": Words("weekday", "hverdag"), "saturday": Words("saturday", "lørdag"),
    "sunday": Words("sunday", "søndag"), "holiday": Words("holiday", "helligdag"),
    "eve": Words("eve", "aften"), "total": Words("total", "sum"),
}


def day_type_word(day_type: object, lang: str) -> str:
    return _say(DAY_TYPE_WORDS, day_type, lang)


KIND_WORDS: dict[str, Words] = {
    "day": Words("day", "dag"), "evening": Words("evening", "kveld"), "night": Words("night", "natt"),
    "weekend": Words("weekend", "helg"), "holiday": Words("holiday", "helligdag"),
    "passive_night": Words("passive_night", "sovende nattevakt"),
    "on_call": Words("on_call", "hjemmevakt"), "other": Words("other", "annen"),
}


def kind_word(kind: object, lang: str) -> str:
    """A shift's or a slot's kind: 'evening' -> 'kveld', 'weekend' -> 'helg'."""
    return _say(KIND_WORDS, kind, lang)


RECORD_STATUS_WORDS: dict[str, Words] = {
    "draft": Words("draft", "utkast"), "published": Words("published", "publisert"),
    "superseded": Words("superseded", "erstattet"),
}


def record_status_word(status: object, lang: str) -> str:
    """A rota's state in the rota store: draft / published / superseded."""
    return _say(RECORD_STATUS_WORDS, status, lang)


UNIT_WORDS: dict[str, Words] = {
    "h": Words("h", "t"), "h/week": Words("h/week", "t/uke"), "h/year": Words("h/year", "t/år"),
    "staff-hours": Words("staff-hours", "timeverk"), "people": Words("people", "personer"),
    "årsverk": Words("årsverk", "årsverk"), "days": Words("days", "dager"),
    "weeks": Words("weeks", "uker"), "s": Words("s", "s"), "NOK": Words("NOK", "kr"),
    "%": Words("%", "%"), "share": Words("share", "andel"),
}


def unit_word(unit: object, lang: str) -> str:
    """A unit: 'h' -> 't', 'h/week' -> 't/uke', 'people' -> 'personer', 'NOK' -> 'kr'."""
    return _say(UNIT_WORDS, unit, lang)


def num(x: float, lang: str, spec: str = ".1f") -> str:
    """A number with a decimal comma in bokmål: num(7.5, 'nb') -> '7,5'."""
    text = format(x, spec)
    return text.replace(".", ",") if lang == "nb" else text


def pct(x: float, lang: str, decimals: int = 1) -> str:
    """A share as a percentage: 0.095 -> '9.5%' / '9,5 %'."""
    text = f"{x * 100:.{decimals}f}"
    return f"{text.replace('.', ',')} %" if lang == "nb" else f"{text}%"


def hours(x: float, lang: str, spec: str = ".1f") -> str:
    """Hours with their unit: '7.5 h' / '7,5 t'."""
    return f"{num(x, lang, spec)} {pick(lang, 'h', 't')}"


_TARGET = re.compile(r"(?P<n>\d+) (?P<what>days|weekends) per (?P<per>\w+)")
_PER_NB = {"week": "uke", "month": "måned", "period": "periode", "year": "år"}


def target_words(text: object, lang: str) -> str:
    """A service target as rota.json writes it ('4 days per week', 'every weekend') said
    in bokmål ('4 dager per uke', 'hver helg')."""
    text = str(text)
    if lang != "nb":
        return text
    fixed = {"every weekend": "hver helg", "every day": "hver dag"}
    if text in fixed:
        return fixed[text]
    m = _TARGET.fullmatch(text)
    if m:
        what = "dager" if m["what"] == "days" else "helger"
        return f"{m['n']} {what} per {_PER_NB.get(m['per'], m['per'])}"
    return text


def period_words(label: object, lang: str) -> str:
    """A target period's label ('week 3', '2027-01', a date, 'period') in bokmål."""
    text = str(label)
    if lang != "nb":
        return text
    m = re.fullmatch(r"week (\d+)", text)
    if m:
        return f"uke {m[1]}"
    return "perioden" if text == "period" else text


def weekday_word(date: dt.date, lang: str) -> str:
    """'Monday' / 'mandag'."""
    names = WEEKDAY_NAMES_NB if lang == "nb" else tuple(n.capitalize() for n in WEEKDAY_NAMES)
    return names[date.weekday()]


def weekday_short(date: dt.date, lang: str) -> str:
    """'Mon' / 'man'."""
    return weekday_word(date, lang)[:3]


def weekday_name_words(name: object, lang: str) -> str:
    """A weekday as the reports store it ('Mon', 'monday', 'Mo') said in bokmål ('man')."""
    text = str(name)
    if lang != "nb":
        return text
    for i, full in enumerate(WEEKDAY_NAMES):
        if text.lower() in (full, full[:3], full[:2]):
            nb = WEEKDAY_NAMES_NB[i]
            return nb if text.lower() == full else nb[:len(text)] if len(text) == 2 else nb[:3]
    return text


def day_words(date: dt.date, lang: str) -> str:
    """'Monday 1 Mar 2027' / 'mandag 1. mar 2027'."""
    return Day(date).render(lang)


def yes_no(value: bool, lang: str) -> str:
    return pick(lang, "yes" if value else "no", "ja" if value else "nei")
