"""Numbers and dates the way the coverage reports write them, in English and bokmål."""

from __future__ import annotations

import datetime as dt

from roster.calendar import WEEKDAY_NAMES, WEEKDAY_NAMES_NB

LANGS: tuple[str, ...] = ("nb", "en")
MONTHS_NB = ("jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des")


def whole(x: float) -> int:
    """Rounded half up (880.5 -> 881), so shown numbers add up."""
    return int(x + 0.5) if x >= 0 else -int(-x + 0.5)


def fmt_int(x: float) -> str:
    """1643 -> '1 643' (a space between thousands, as both languages write it)."""
    return f"{whole(x):,}".replace(",", " ")


def fmt_dec(x: float, lang: str = "en") -> str:
    """One decimal; a decimal comma in Norwegian."""
    text = f"{x:.1f}"
    return text.replace(".", ",") if lang == "nb" else text


def fmt_arsverk(x: float, lang: str = "en") -> str:
    """Årsverk with one decimal, two below 0.95 (0.05 rather than 0.0)."""
    text = f"{x:.1f}" if abs(x) >= 0.95 else f"{x:.2f}"
    return text.replace(".", ",") if lang == "nb" else text


def fmt_hours(x: float, lang: str = "en") -> str:
    """7.5 -> '7.5 h' / '7,5 t'; whole hours without decimals."""
    text = f"{x:g}" if abs(x - round(x, 1)) < 1e-9 else f"{x:.2f}"
    return text.replace(".", ",") + " t" if lang == "nb" else text + " h"


def day_words(date: dt.date, lang: str = "en") -> str:
    """'Sat 9 Jan' / 'lør 9. jan'."""
    if lang == "nb":
        return f"{WEEKDAY_NAMES_NB[date.weekday()][:3]} {date.day}. {MONTHS_NB[date.month - 1]}"
    return f"{WEEKDAY_NAMES[date.weekday()][:3].capitalize()} {date.day} {date:%b}"


def period_words(start: dt.date, end: dt.date) -> tuple[str, str]:
    """'this month' / 'denne måneden' for one calendar month, else 'this period'."""
    whole_month = start.day == 1 and (end + dt.timedelta(days=1)).day == 1 and (end - start).days < 31
    return ("this month", "denne måneden") if whole_month else ("this period", "i perioden")
