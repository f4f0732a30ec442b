"""Writing output files safely: atomically, owner-only, never a live formula.

Every file the planner writes goes through :func:`write_bytes` / :func:`write_text` (or
:func:`atomic_path` for libraries that want a path to write to). The data is written to a
hidden temporary file beside the target and renamed into place, so a crash, a kill or a
full disk never leaves a half-written file; the temporary file is removed on every exit
path. Files are created owner-only (0600) because rotas, scenarios, backups and change
lists can carry sick leave, which is health information (docs/data-protection.md).

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return as a formula (CSV injection). :func:`neutralise` prefixes such text with
a single quote, the OWASP rule; numbers stay numbers.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from roster.errors import UserError

PRIVATE_MODE = 0o600
PUBLIC_MODE = 0o644  # files with nothing personal in them (an empty template)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A cell value a spreadsheet will show as text, never run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


@contextlib.contextmanager
def atomic_path(path: str | Path, private: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it is renamed onto ``path``.

    On any error (or an interrupt) the temporary file is removed and ``path`` is untouched.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise UserError(f"{path}: cannot write here ({os_reason(exc)})",
                        nb=f"{path}: kan ikke skrive her ({os_reason(exc, 'nb')})") from None
    os.close(fd)
    tmp = Path(tmp_name)
    mode = PRIVATE_MODE if private else PUBLIC_MODE
    try:
        os.chmod(tmp, mode)
        yield tmp
        os.chmod(tmp, mode)  # a library may have re-created the file
        _sync(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise UserError(f"{path}: could not write the file ({os_reason(exc)})",
                        nb=f"{path}: kunne ikke skrive filen ({os_reason(exc, 'nb')})") from None
    finally:
        tmp.unlink(missing_ok=True)


def _sync(path: Path) -> None:
    """Flush the file to disk before the rename, so a power cut leaves the old or the new."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_bytes(path: str | Path, data: bytes, private: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically (owner-only unless ``private`` is False, then
    readable by all: 0644)."""
    with atomic_path(path, private) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_text(path: str | Path, text: str, private: bool = True) -> Path:
    return write_bytes(path, text.encode("utf-8"), private)


def csv_text(rows: Iterable[Sequence[Any]]) -> str:
    """Rows as CSV text with every cell neutralised."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return buf.getvalue()


def write_csv(path: str | Path, rows: Iterable[Sequence[Any]], private: bool = True) -> Path:
    """Write rows (the first one the header) as CSV, safely and atomically."""
    return write_text(path, csv_text(rows), private)


def dict_csv_text(fieldnames: Sequence[str], records: Iterable[dict]) -> str:
    """Dict records as CSV text with a header row, every cell neutralised."""
    rows: list[Sequence[Any]] = [list(fieldnames)]
    rows.extend([r.get(k, "") for k in fieldnames] for r in records)
    return csv_text(rows)


def write_dict_csv(path: str | Path, fieldnames: Sequence[str], records: Iterable[dict],
                   private: bool = True) -> Path:
    """Write dict records as CSV with a header row, safely and atomically."""
    return write_text(path, dict_csv_text(fieldnames, records), private)


OS_REASONS_NB: dict[int, str] = {
    code: words for name, words in (
        ("ENOENT", "finnes ikke"), ("EISDIR", "er en mappe"),
        ("ENOTDIR", "en del av stien er en fil, ikke en mappe"), ("EACCES", "ingen tilgang"),
        ("EPERM", "ikke tillatt"), ("ENOSPC", "disken er full"), ("EDQUOT", "diskkvoten er brukt opp"),
        ("EROFS", "filsystemet er skrivebeskyttet"), ("ENAMETOOLONG", "filnavnet er for langt"),
        ("ELOOP", "for mange symbolske lenker etter hverandre (en løkke?)"),
        ("EEXIST", "finnes allerede"), ("EIO", "lese- eller skrivefeil på disken"),
        ("EMFILE", "for mange åpne filer"), ("ENFILE", "for mange åpne filer i systemet"),
        ("EBUSY", "i bruk av et annet program"), ("ETXTBSY", "i bruk av et annet program"),
        ("ENXIO", "ingen slik enhet eller adresse"), ("ENODEV", "ingen slik enhet"),
        ("ENOTEMPTY", "mappen er ikke tom"), ("EXDEV", "kan ikke flyttes til et annet filsystem"),
        ("EINVAL", "ugyldig argument"), ("EFBIG", "filen er for stor"), ("ENOMEM", "ikke nok minne"),
        ("EAGAIN", "midlertidig utilgjengelig; prøv igjen"), ("EINTR", "avbrutt"),
        ("ECONNREFUSED", "tilkoblingen ble avvist"), ("ETIMEDOUT", "tidsavbrudd"),
    ) if (code := getattr(errno, name, None)) is not None
}
"""The reason of an OS error in bokmål, by error number (``strerror`` is English)."""


def os_reason(exc: OSError, lang: str = "en") -> str:
    """A short, user-facing reason for an OS error (no traceback, no errno jargon); in bokmål
    with ``lang`` "nb" (an error number without words there: "systemfeil ENOLCK")."""
    if lang == "nb":
        code = exc.errno
        if code in OS_REASONS_NB:
            return OS_REASONS_NB[code]
        return f"systemfeil {errno.errorcode[code]}" if code in errno.errorcode else "systemfeil"
    return exc.strerror or type(exc).__name__


def describe_os_error(exc: OSError, lang: str = "en") -> str:
    """``path: reason`` (both paths for a rename) for an error message."""
    names = [str(n) for n in (exc.filename, exc.filename2) if n is not None]
    where = " -> ".join(names)
    reason = os_reason(exc, lang)
    return f"{where}: {reason}" if where else reason
