"""The one rule for every file a command writes: never overwrite an input or a file it
did not write itself.

A command refuses (a user error, exit code 1), before any work is done, when

- an output path is one of its input files (the same path, or the same file through a
  symbolic or hard link) -- always, also with ``--force``: an input is never overwritten;
- an output path exists and is not a regular file (a folder, a FIFO, a device) -- always;
- an output file exists and this command did not write it, unless ``--force``.

"Did not write it" is decided by a small manifest beside the outputs,
``.roster-outputs.json`` in each output folder: file name -> the command that wrote it
and the SHA-256 of the bytes written. An existing file may be replaced without
``--force`` only when the manifest records it as written by the same command and its
content is unchanged since. So ``roster solve s.toml --out out/x`` can be run again (the
Makefile does), while a hand-edited rota, a rota written by another command or any other
file is kept. Files are written through :mod:`roster.safe_io`: a temporary file renamed
into place, owner-only unless the command says the file holds nothing personal.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from roster import safe_io
from roster.errors import UserError
from roster.resources import resolve_input

MANIFEST = ".roster-outputs.json"
MANIFEST_FORMAT = "roster-outputs/1"
FORCE_HINT = "choose another --out, move the file away, or add --force to overwrite it"
FORCE_HINT_NB = "velg en annen --out, flytt filen bort, eller legg til --force for å overskrive den"


def force_arg(parser: Any) -> None:
    parser.add_argument("--force", action="store_true",
                        help="overwrite output files this command did not write (never an input)")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _stat(path: Path) -> os.stat_result | None:
    """``os.stat`` of ``path``, None if nothing is there; never opens it."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except ValueError:
        raise UserError(f"{str(path)!r}: not a valid file name",
                        nb=f"{str(path)!r}: ikke et gyldig filnavn") from None
    except OSError as exc:
        raise _unusable(path, exc) from None


def _unusable(path: Path, exc: OSError) -> UserError:
    return UserError(f"{path}: cannot use this path ({safe_io.os_reason(exc)})",
                     nb=f"{path}: kan ikke bruke denne stien ({safe_io.os_reason(exc, 'nb')})")


def _blocking_file(path: Path) -> Path | None:
    """The nearest existing ancestor of ``path`` when that is not a folder (a file where a
    folder must be), else None."""
    for parent in path.parents:
        info = _stat(parent)
        if info is not None:
            return None if stat.S_ISDIR(info.st_mode) else parent
    return None


def _same_file(a: Path, b: Path) -> bool:
    if _resolved(a) == _resolved(b):
        return True
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _resolved(path: Path) -> Path:
    """``path`` with every symbolic link followed; a loop of links is the user's error."""
    try:
        return path.resolve()
    except RuntimeError:  # Python 3.11-3.12 raise this for a loop (3.13: OSError)
        raise UserError(f"{path}: cannot use this path (a loop of symbolic links)",
                        nb=f"{path}: kan ikke bruke denne stien (en løkke av symbolske lenker)") from None
    except OSError as exc:
        raise _unusable(path, exc) from None


def read_manifest(folder: Path) -> dict[str, dict]:
    """The manifest's records by file name; empty when there is none or it is unreadable
    (then every existing file counts as not written by us, the safe side)."""
    path = folder / MANIFEST
    info = _stat(path)
    if info is None or not stat.S_ISREG(info.st_mode):
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return {}
    return {k: v for k, v in files.items() if isinstance(v, dict)}


class OutputGuard:
    """Checks a command's output paths up front and writes them, recording each in the
    manifest of its folder. ``command`` is the sub-command's name (``solve``)."""

    def __init__(self, command: str, inputs: Iterable[str | os.PathLike | None], force: bool = False):
        self.command = command
        self.force = force
        self.inputs = [Path(resolve_input(str(p))) for p in inputs if p]

    # --- checks ---------------------------------------------------------------------
    def folder(self, path: str, names: Iterable[str]) -> Path:
        """An output folder (created) in which this command will write ``names``."""
        out = Path(path)
        for item in self.inputs:
            if _same_file(item, out):
                raise UserError(f"--out {path} is an input file; choose a folder for the output",
                                nb=f"--out {path} er en av inndatafilene; velg en mappe for utdataene")
        info = _stat(out)
        if info is not None and not stat.S_ISDIR(info.st_mode):
            raise UserError(f"--out {path} exists and is not a folder; choose a folder for the output",
                            nb=f"--out {path} finnes og er ikke en mappe; velg en mappe for utdataene")
        self._make_folder(out, f"--out {path}")
        for name in names:
            self.check(out / name)
        return out

    def file(self, path: str) -> Path:
        """A single output file (its folder created)."""
        out = Path(path)
        self.check(out)
        self._make_folder(out.parent, f"--out {path}")
        return out

    def check(self, path: Path) -> None:
        """Refuse ``path`` if writing it would overwrite an input or someone else's file."""
        if path.name == MANIFEST:
            raise UserError(f"{path}: {MANIFEST} is the planner's own record of its outputs; "
                            "choose another name",
                            nb=f"{path}: {MANIFEST} er planleggerens egen liste over filene den har "
                               "skrevet; velg et annet navn")
        blocker = _blocking_file(path)
        if blocker is not None:
            raise UserError(f"{path}: cannot write here: {blocker} is a file, not a folder",
                            nb=f"{path}: kan ikke skrive her: {blocker} er en fil, ikke en mappe")
        for item in self.inputs:
            if _same_file(item, path):
                same = item.absolute() == path.absolute()
                what = "one of the input files" if same else f"the same file as the input {item}"
                what_nb = "en av inndatafilene" if same else f"samme fil som inndatafilen {item}"
                raise UserError(f"{path} is {what} of roster {self.command}; refusing to overwrite "
                                "it (--force never overwrites an input): choose another --out",
                                nb=f"{path} er {what_nb} til roster {self.command}; den blir ikke "
                                   "overskrevet (--force overskriver aldri inndata): velg en annen "
                                   "--out")
        info = _stat(path)
        if info is None:
            return
        if not stat.S_ISREG(info.st_mode):
            folder = stat.S_ISDIR(info.st_mode)
            kind = "a folder" if folder else "not a regular file"
            kind_nb = "en mappe" if folder else "ikke en vanlig fil"
            raise UserError(f"{path} exists and is {kind}; refusing to write there (also with "
                            "--force): choose another --out",
                            nb=f"{path} finnes og er {kind_nb}; skriver ikke dit (heller ikke med "
                               "--force): velg en annen --out")
        if self.force:
            return
        reason = self._not_ours(path)
        if reason:
            raise UserError(f"{path} {reason[0]}; refusing to overwrite it: {FORCE_HINT}",
                            nb=f"{path} {reason[1]}; den blir ikke overskrevet: {FORCE_HINT_NB}")

    def _not_ours(self, path: Path) -> tuple[str, str] | None:
        """Why an existing file may not be replaced without --force (in English and
        bokmål), or None if it may."""
        record = read_manifest(path.parent).get(path.name)
        if record is None:
            return (f"exists and was not written by roster {self.command}",
                    f"finnes og ble ikke skrevet av roster {self.command}")
        if record.get("command") != self.command:
            return (f"was written by roster {record.get('command')}, not roster {self.command}",
                    f"ble skrevet av roster {record.get('command')}, ikke roster {self.command}")
        try:
            unchanged = sha256_file(path) == record.get("sha256")
        except OSError as exc:
            raise UserError(f"{path}: cannot read ({safe_io.os_reason(exc)})",
                            nb=f"{path}: kan ikke lese ({safe_io.os_reason(exc, 'nb')})") from None
        return None if unchanged else (f"was changed after roster {self.command} wrote it",
                                       f"er endret etter at roster {self.command} skrev den")

    @staticmethod
    def _make_folder(folder: Path, label: str) -> None:
        blocker = _blocking_file(folder / "x")
        if blocker is not None:
            raise UserError(f"{label}: cannot create the folder: {blocker} is a file, not a folder",
                            nb=f"{label}: kan ikke lage mappen: {blocker} er en fil, ikke en mappe")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"{label}: cannot create the folder {folder} "
                            f"({safe_io.os_reason(exc)})",
                            nb=f"{label}: kan ikke lage mappen {folder} "
                               f"({safe_io.os_reason(exc, 'nb')})") from None

    # --- writing ----------------------------------------------------------------------
    def write_bytes(self, path: Path, data: bytes, private: bool = True) -> Path:
        self.check(path)
        safe_io.write_bytes(path, data, private)
        self._record(path, hashlib.sha256(data).hexdigest())
        return path

    def write_text(self, path: Path, text: str, private: bool = True) -> Path:
        return self.write_bytes(path, text.encode("utf-8"), private)

    def write_with(self, path: Path, writer: Callable[[Path], Any], private: bool = True) -> Any:
        """Let a library write the file (``writer(temporary_path)``), then move it into place."""
        self.check(path)
        with safe_io.atomic_path(path, private) as tmp:
            result = writer(tmp)
            digest = sha256_file(tmp)
        self._record(path, digest)
        return result

    def _record(self, path: Path, digest: str) -> None:
        records = read_manifest(path.parent)
        records[path.name] = {"command": self.command, "sha256": digest}
        text = json.dumps({"format": MANIFEST_FORMAT, "files": dict(sorted(records.items()))},
                          indent=1) + "\n"
        safe_io.write_text(path.parent / MANIFEST, text)
