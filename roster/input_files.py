"""Reading input files without ever crashing on them: a regular file, not too big, UTF-8
text, parsed with the parser's own failures (deep nesting, huge numbers) turned into errors
a user can act on.

Every reader of a user-supplied file (scenario TOML, rule pack, cost table, rota.json,
benchmark instances) goes through :func:`read_text`, so a folder, a named pipe (which would
block a plain ``open`` for ever), a 2 GB file or a UTF-16 export gets a clear message
instead of a hang or a traceback. The helpers take ``fail``, a function that turns a
message into the caller's own error type (``ScenarioError``, ``RotaFileError`` ...).
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import math
import os
import re
import stat
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

Fail = Callable[[str], Exception]

MB = 1024 * 1024
MAX_TOML_BYTES = 5 * MB
MAX_JSON_BYTES = 20 * MB
MAX_NESTING = 32  # arrays/tables/objects inside each other; real files use at most 4

# control characters (C0, DEL, C1) and the bidi overrides that reorder what a reader sees
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_IN_FREE_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def check_regular(info: os.stat_result, *, fail: Fail, what: str = "file", limit: int | None = None,
                  too_big: Callable[[int | None], str] | None = None) -> None:
    """Refuse (``fail``) a stat result that is a folder, a pipe, a socket or a device, or a
    regular file of more than ``limit`` bytes. ``too_big(size)`` words the size message
    (``size`` None: the file grew past the limit while being read)."""
    if stat.S_ISDIR(info.st_mode):
        raise fail(f"is a folder; expected a {what}")
    if not stat.S_ISREG(info.st_mode):
        raise fail(f"is not a regular file (a pipe, socket or device); expected a {what}")
    if limit is not None and info.st_size > limit:
        raise fail((too_big or _too_big_words(limit, what))(info.st_size))


def _too_big_words(limit: int, what: str) -> Callable[[int | None], str]:
    def words(size: int | None) -> str:
        if size is None:
            return f"the file is larger than {limit / MB:g} MB, the most a {what} may be"
        return f"the file is {size / MB:.1f} MB; a {what} may be at most {limit / MB:g} MB"
    return words


def regular_file(path: str | Path, *, fail: Fail, what: str = "file", limit: int | None = None,
                 too_big: Callable[[int | None], str] | None = None,
                 missing_ok: bool = False) -> os.stat_result | None:
    """The stat of ``path`` if it is a regular file (or a link to one) of at most ``limit``
    bytes; ``fail(message)`` otherwise (None for a missing file if ``missing_ok``). Never
    opens the file: a named pipe is refused without reading from it."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if missing_ok:
            return None
        raise fail("file not found") from None
    except ValueError:  # a NUL byte in the name
        raise fail("not a valid file name") from None
    except OSError as exc:
        raise fail(f"cannot read the file ({exc.strerror or type(exc).__name__})") from None
    check_regular(info, fail=fail, what=what, limit=limit, too_big=too_big)
    return info


def read_bytes(path: str | Path, *, fail: Fail, limit: int, what: str = "file",
               too_big: Callable[[int | None], str] | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. Never blocks on a named pipe:
    the path is checked before it is opened, and opened non-blocking and checked again
    (a pipe swapped in between cannot hang the read)."""
    regular_file(path, fail=fail, what=what, limit=limit, too_big=too_big)
    flags = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
             | getattr(os, "O_BINARY", 0))
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise fail("file not found") from None
    except IsADirectoryError:
        raise fail(f"is a folder; expected a {what}") from None
    except OSError as exc:
        raise fail(f"cannot read the file ({exc.strerror or type(exc).__name__})") from None
    try:
        check_regular(os.fstat(fd), fail=fail, what=what, limit=limit, too_big=too_big)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise fail(f"cannot read the file ({exc.strerror or type(exc).__name__})") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise fail((too_big or _too_big_words(limit, what))(None))
    return data


def read_text(path: str | Path, *, fail: Fail, limit: int, what: str = "file") -> str:
    """The text of a regular file of at most ``limit`` bytes, UTF-8 (a byte-order mark is
    dropped); see :func:`read_bytes`."""
    return decode_utf8(read_bytes(path, fail=fail, limit=limit, what=what), fail)


def decode_utf8(data: bytes, fail: Fail) -> str:
    """UTF-8 bytes as text, without a leading byte-order mark."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise fail("not UTF-8 text (it is UTF-16); save the file as UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise fail(f"not UTF-8 text (byte {exc.start} cannot be read: {exc.reason}); "
                   "save the file as UTF-8") from None
    return strip_bom(text)


def strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def parse_toml(text: str, fail: Fail, *, limit: int = MAX_TOML_BYTES) -> dict[str, Any]:
    """TOML text as a dict; deep nesting and numbers too long to read become errors."""
    text = strip_bom(text)
    if len(text) > limit:
        raise fail(f"the text is larger than {limit / MB:g} MB")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise fail(f"not valid TOML: {exc}") from None
    except RecursionError:
        raise fail("not valid TOML: arrays or tables are nested too deeply") from None
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        raise fail(f"not valid TOML: {exc}") from None


class NonFinite(float):
    """A JSON ``NaN``/``Infinity`` (Python's json accepts them); kept to name its key."""

    __slots__ = ()


class DuplicateKey(ValueError):
    """A key given twice in one JSON object (JSON keeps the last one without a word)."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKey(key)
        out[key] = value
    return out


def parse_json(text: str, fail: Fail) -> Any:
    """JSON text as Python data; ``NaN``/``Infinity`` come back as :class:`NonFinite`; a key
    given twice in one object is an error (which value is meant is not clear)."""
    try:
        return json.loads(strip_bom(text), parse_constant=lambda s: NonFinite(s),
                          object_pairs_hook=_unique_keys)
    except DuplicateKey as exc:
        raise fail(f"not valid JSON for the planner: key '{exc}' appears twice in one object; "
                   "keep one") from None
    except json.JSONDecodeError as exc:
        raise fail(f"not valid JSON ({exc})") from None
    except RecursionError:
        raise fail("not valid JSON: arrays or objects are nested too deeply") from None
    except ValueError as exc:  # an integer of more than 4300 digits
        raise fail(f"not valid JSON ({exc})") from None


def first_bad_value(data: Any, path: str = "") -> tuple[str, str] | None:
    """The first place (key path, reason) where data nests too deeply or holds a number
    that is not finite; walks without recursion, so any depth is safe."""
    stack: list[tuple[Any, str, int]] = [(data, path, 0)]
    while stack:
        value, where, depth = stack.pop()
        if depth > MAX_NESTING:
            return where or "top level", f"nested more than {MAX_NESTING} levels deep"
        if isinstance(value, float) and not math.isfinite(value):
            return where or "top level", f"expected a finite number, got {float(value)}"
        if isinstance(value, dict):
            stack.extend((v, f"{where}.{k}" if where else str(k), depth + 1)
                         for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((v, f"{where}[{i}]", depth + 1) for i, v in reversed(list(enumerate(value))))
    return None


def is_number(value: Any) -> bool:
    """An int or float (bool is not a number) that is finite."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return not isinstance(value, float) or math.isfinite(value)


def control_char(text: str, *, free_text: bool = False) -> str | None:
    """The first control character in ``text`` as an escape (``\\x1b``), or None.
    Free text (a description, a note) may hold tabs and line breaks."""
    m = (_CONTROL_IN_FREE_TEXT if free_text else _CONTROL).search(text)
    return None if m is None else repr(m.group())[1:-1]


def shown(text: str, limit: int = 60) -> str:
    """Text safe to print in a message: control characters escaped, long text cut."""
    out = _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)
    return out if len(out) <= limit else out[: limit - 1] + "…"


def shown_number(value: float) -> str:
    """A number for a message; an integer too big for a float is not converted (that raises)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value) if abs(value) < 10**15 else f"a {len(str(abs(value)))}-digit number"
    return f"{value:g}"


def describe(value: Any, *, json_words: bool = False) -> str:
    """What a value is, in the words of a TOML (or JSON) file: "an integer", "text", "a table"."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number" if math.isfinite(value) else f"the number {float(value)}"
    if isinstance(value, str):
        return "a string" if json_words else "text"
    if isinstance(value, dict):
        return "an object" if json_words else "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dt.datetime):
        return "a date and time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, dt.time):
        return "a time of day"
    if value is None:
        return "null"
    return type(value).__name__
