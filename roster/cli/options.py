"""Argument types for the command line: bounded numbers, dates, absences and input files.

Every option that sets how much work a command does has bounds, so a typing slip (an extra
zero, a minus sign, ``nan``) is a clear usage error (exit code 3) instead of a run that
never ends, a machine out of memory or a crash deep in a library. The bounds are in
:data:`LIMITS`; ``roster COMMAND --help`` shows the defaults.

Input files (arguments of type :func:`input_file`) are checked by :func:`check_inputs` once
the command line parsed, before anything opens them: a missing file, a folder or a FIFO
(reading one waits forever for a writer) is a user error (exit code 1) naming the path.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
from collections.abc import Callable
from pathlib import Path

from roster.errors import UserError
from roster.input_files import regular_file
from roster.resources import resolve_input

MIN_YEAR, MAX_YEAR = 1900, 2200
MAX_SEED = 2**31 - 1
MAX_TIME_LIMIT = 86_400.0  # one day of solver time
MAX_RUNS = 100_000
MAX_DB_ID = 2**63 - 1  # SQLite's largest integer
MAX_ROBUST = 50  # staff above the minimum on a base shift


def max_threads() -> int:
    """At most 64 solver threads, or four per CPU on a larger machine."""
    return max(64, 4 * (os.cpu_count() or 1))


def _fmt(x: float) -> str:
    return f"{x:,g}".replace(",", " ") if float(x).is_integer() else f"{x:g}"


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high`` (inclusive)."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"expected a whole number from {_fmt(low)} to {_fmt(high)}, got {text!r}")
        return value

    parse.__name__ = "whole number"
    return parse


def bounded_float(low: float, high: float, *, low_open: bool = False,
                  high_open: bool = False) -> Callable[[str], float]:
    """An argparse type: a finite number between ``low`` and ``high``; ``*_open`` excludes
    that end (``low_open`` for "above 0")."""
    lo = f"above {_fmt(low)}" if low_open else f"from {_fmt(low)}"
    hi = f"to below {_fmt(high)}" if high_open else f"up to {_fmt(high)}"

    def parse(text: str) -> float:
        try:
            value = float(text.strip())
        except ValueError:
            value = math.nan
        ok = (math.isfinite(value) and (value > low if low_open else value >= low)
              and (value < high if high_open else value <= high))
        if not ok:
            raise argparse.ArgumentTypeError(f"expected a number {lo} {hi}, got {text!r}")
        return value

    parse.__name__ = "number"
    return parse


def threads(text: str) -> int:
    """An argparse type: solver threads, 1 to :func:`max_threads`."""
    return bounded_int(1, max_threads())(text)


def iso_date(text: str) -> dt.date:
    """An argparse type: a date like 2027-01-11, in the years the calendar knows."""
    try:
        value = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2027-01-11, got {text!r}") from None
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise argparse.ArgumentTypeError(f"expected a year from {MIN_YEAR} to {MAX_YEAR}, got {text!r}")
    return value


def absent_spec(text: str) -> str:
    """An argparse type: ``ID:FROM:TO`` with real dates, FROM not after TO. Returns the text;
    the command turns it into an absence of its ``--kind``."""
    parts = text.rsplit(":", 2)  # an id may hold a colon; the dates do not
    if len(parts) != 3 or not parts[0].strip():
        raise argparse.ArgumentTypeError(
            f"expected ID:FROM:TO, e.g. s03:2027-01-11:2027-01-24, got {text!r}")
    start, end = iso_date(parts[1]), iso_date(parts[2])
    if end < start:
        raise argparse.ArgumentTypeError(f"{text!r}: the end {end} is before the start {start}")
    return text


def weekends_target(text: str) -> str:
    """An argparse type for ``--target-weekends``: ``every`` or 0 to 5 weekends a month."""
    if text.strip().lower() == "every":
        return "every"
    try:
        return str(bounded_int(0, 5)(text))
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(
            f"expected 'every' or a number of weekends a month from 0 to 5, got {text!r}") from None


class _FromEnvironment(str):
    """The default of ``--lang`` taken from $ROSTER_LANG (argparse passes a string default
    through the type, so a bad value is a usage error naming the variable)."""

    __slots__ = ()


def lang(text: str) -> str:
    """An argparse type: ``nb`` (Norwegian bokmål) or ``en`` (English)."""
    from roster.vocabulary import ENV_VAR, LANGS

    value = text.strip().lower()
    if value in LANGS:
        return value
    if isinstance(text, _FromEnvironment):
        raise argparse.ArgumentTypeError(f"{ENV_VAR}={str(text)!r}: expected nb or en "
                                         f"(or unset {ENV_VAR})")
    raise argparse.ArgumentTypeError(f"expected nb or en, got {text!r}")


lang.__name__ = "language"


def lang_arg(parser: argparse.ArgumentParser, default: str = "en",
             what: str = "the summary") -> None:
    """``--lang nb|en``, the language of what the command prints and writes as text. The
    default is $ROSTER_LANG if set (nb or en; anything else is a usage error), else
    ``default`` (the command's own: English for most, bokmål where it always was)."""
    from roster.vocabulary import ENV_VAR

    env = os.environ.get(ENV_VAR, "")
    parser.add_argument("--lang", type=lang, metavar="nb|en",
                        default=_FromEnvironment(env) if env.strip() else default,
                        help=f"language of {what}: nb (Norwegian bokmål) or en (English); "
                             f"default ${ENV_VAR} if set, else {default}")


def check_input_file(path: str | Path, what: str = "") -> Path:
    """``path`` if it is a regular file (or a link to one); a clear :class:`UserError`
    otherwise. Never opens the file: a FIFO is refused without reading from it."""
    label = f"{what} {path}" if what else str(path)
    if "\x00" in label:  # not a valid file name: shown quoted
        label = repr(label)
    regular_file(path, fail=lambda message: UserError(f"{label}: {message}"))
    return Path(path)


class InputPath(str):
    """A path argument naming an input file; :func:`check_inputs` checks it once parsing is
    done, so a usage error (exit 3) is reported before a missing file (exit 1)."""

    __slots__ = ()


def input_file(text: str) -> InputPath:
    """An argparse type for an input file (``example:NAME`` allowed for scenarios)."""
    return InputPath(text)


def check_inputs(args: argparse.Namespace) -> None:
    """Every input file of the parsed command line exists and is a regular file."""
    for value in vars(args).values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, InputPath):
                check_input_file(resolve_input(item))
