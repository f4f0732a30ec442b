"""Numbers, dates and percentages as the page's language writes them.

Bokmål: decimal comma, space between thousands, dates as 01.02.2027 (``DD.MM.YYYY``);
English: decimal point, dates as 2027-02-01. Every number the app shows goes through here,
so a Norwegian screen never shows ``12.5`` or ``2027-02-01``.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

DATE_INPUT_FORMAT = {"nb": "DD.MM.YYYY", "en": "YYYY-MM-DD"}
"""The ``format`` of ``st.date_input`` per language."""
WEEKDAY_NAMES = {"nb": ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"),
                 "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")}
WEEKDAY_SHORT = {"nb": ("ma", "ti", "on", "to", "fr", "lø", "sø"),
                 "en": ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")}
MONTHS = {"nb": ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
                 "oktober", "november", "desember"),
          "en": ("January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December")}


def num(value: Any, lang: str = "nb", decimals: int = 1) -> str:
    """A number with at most ``decimals`` decimals (trailing zeros dropped): 12,5 / 12.5;
    thousands grouped with a space (bokmål) or a comma (English); "–" for none."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    x = round(float(value), decimals)
    if x == 0:
        x = 0.0  # no "-0"
    text = f"{x:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "nb":
        text = text.replace(",", " ").replace(".", ",")
    return text


def kr(value: Any, lang: str = "nb") -> str:
    """Kroner, whole: 3 417 000 kr."""
    if value is None:
        return "–"
    return f"{num(round(float(value)), 'nb', 0)} kr" if lang == "nb" else f"NOK {num(value, 'en', 0)}"


def pct(share: Any, lang: str = "nb", decimals: int = 0) -> str:
    """A share 0..1 as a percentage: 80 %."""
    if share is None:
        return "–"
    return f"{num(float(share) * 100, lang, decimals)} %"


def fte_pct(fte: Any, lang: str = "nb") -> str:
    """Stillingsprosent from an FTE: 0.8 -> 80 %."""
    return pct(fte, lang, 1)


def hours(value: Any, lang: str = "nb") -> str:
    return f"{num(value, lang, 1)} t" if lang == "nb" else f"{num(value, lang, 1)} h"


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def date(value: Any, lang: str = "nb") -> str:
    """01.02.2027 (bokmål) or 2027-02-01 (English); text that is no date is returned as it is."""
    d = as_date(value)
    if d is None:
        return "" if value is None else str(value)
    return d.strftime("%d.%m.%Y") if lang == "nb" else d.isoformat()


def day(value: Any, lang: str = "nb") -> str:
    """A date with its weekday: 'lø 02.01.2027'."""
    d = as_date(value)
    if d is None:
        return date(value, lang)
    return f"{WEEKDAY_SHORT[lang][d.weekday()]} {date(d, lang)}"


def period(start: Any, end: Any, lang: str = "nb") -> str:
    return f"{date(start, lang)}–{date(end, lang)}"


def month(value: Any, lang: str = "nb") -> str:
    """'januar 2027'."""
    d = as_date(value)
    return "" if d is None else f"{MONTHS[lang][d.month - 1]} {d.year}"


def timestamp(text: Any, lang: str = "nb") -> str:
    """A store timestamp (2026-11-22T16:21:47Z) as 22.11.2026 16:21 (UTC)."""
    if not text:
        return ""
    try:
        t = dt.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return str(text)
    return t.strftime("%d.%m.%Y %H:%M" if lang == "nb" else "%Y-%m-%d %H:%M") + " UTC"
