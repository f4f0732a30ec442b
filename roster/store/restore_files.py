"""The work file of a restore, and removing the ones a killed restore left behind.

``roster import-db`` builds the restored database in a hidden file beside the store,
``.turnus.db.<pid>-<random>.restore`` (SQLite adds ``-wal``/``-shm`` beside it while it is
open), and moves it over the store only when it is complete. The work file holds the whole
backup, sick leave included. A restore killed with SIGKILL cannot clean up after itself, so
every open of the store, every ``import-db`` and ``forget`` remove the restore files beside
the store that no live restore holds.

A live restore holds an exclusive ``flock`` on its work file from creation until just
before the move. A work file is stale when nobody holds that lock and either the process
named in the file name is gone or the file is older than a minute (a process id reused by
another program, or a file of an older planner version without a process id).
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import secrets
import stat
import time
from pathlib import Path
from types import TracebackType

from roster.store.db import PRIVATE_MODE, SIDE_FILES, side_files

try:
    import fcntl
except ImportError:  # Windows: no flock; process ids and age decide
    fcntl = None  # type: ignore[assignment]

SUFFIX = ".restore"
GRACE_SECONDS = 60.0


class RestoreFile:
    """A new, locked, owner-only work file beside ``target``; removed (with its side files) on
    exit from the ``with`` block, however the block ends."""

    def __init__(self, target: Path):
        self.path = target.parent / f".{target.name}.{os.getpid()}-{secrets.token_hex(6)}{SUFFIX}"
        self._fd: int | None = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_RDWR, PRIVATE_MODE)
        os.fchmod(self._fd, PRIVATE_MODE)
        if fcntl is not None:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def release(self) -> None:
        """Drop the lock. Call it only after SQLite has closed the file: closing any descriptor
        of a file drops the process's POSIX locks on it, SQLite's included."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def remove(self) -> None:
        self.release()
        for p in (self.path, *side_files(self.path)):
            with contextlib.suppress(OSError):
                p.unlink(missing_ok=True)

    def __enter__(self) -> RestoreFile:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.remove()


def sweep(target: Path) -> int:
    """Remove stale restore work files beside the store ``target``; returns how many."""
    try:
        found = list(target.parent.glob(f".{glob.escape(target.name)}.*{SUFFIX}*"))
    except OSError:
        return 0
    mains = {m for m in (main_file(p) for p in found) if m is not None}
    removed = 0
    for main in sorted(mains):
        pid = pid_in_name(main.name, target.name)
        try:
            st = os.lstat(main)
        except FileNotFoundError:  # side files whose work file is gone
            if pid is None or not pid_alive(pid):
                removed += _unlink(side_files(main))
            continue
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode) and is_stale(main, pid, st.st_mtime):
            removed += _unlink([main, *side_files(main)])
    return removed


def main_file(path: Path) -> Path | None:
    """The work file a name belongs to (itself, or the file a ``-wal``/``-shm`` sits beside)."""
    name = path.name
    if name.endswith(SUFFIX):
        return path
    for side in SIDE_FILES:
        if name.endswith(SUFFIX + side):
            return path.with_name(name[: -len(side)])
    return None


def pid_in_name(name: str, target_name: str) -> int | None:
    match = re.fullmatch(rf"\.{re.escape(target_name)}\.([0-9]{{1,10}})-[0-9a-f]+{re.escape(SUFFIX)}", name)
    pid = int(match.group(1)) if match else 0
    return pid if pid > 0 else None


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists (signal 0 only asks; never 0 or negative)."""
    if pid == os.getpid():
        return True
    if pid <= 0 or os.name == "nt":
        return pid > 0  # Windows: os.kill would end the process; age decides there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists but belongs to someone else
        return True
    return True


def is_locked(path: Path) -> bool:
    """Whether a live restore holds the work file's lock (unknown counts as held)."""
    if fcntl is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return True
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return True
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)


def is_stale(main: Path, pid: int | None, mtime: float) -> bool:
    if pid == os.getpid() or is_locked(main):
        return False
    if pid is not None and not pid_alive(pid):
        return True
    return time.time() - mtime > GRACE_SECONDS


def _unlink(paths: list[Path]) -> int:
    removed = 0
    for p in paths:
        try:
            p.unlink()
            removed += 1
        except OSError:  # already gone, or not ours to remove
            continue
    return removed
