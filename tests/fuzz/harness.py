"""Run a case in a fresh folder through the worker and say what went wrong, if anything.

A case passes when every step ends with exit code 0, 1 or 3 (ok, user error, usage error),
prints no traceback and no "internal error", finishes within ``TIMEOUT`` seconds, leaves
every input file as it was (bytes and mode), and every CSV or workbook it wrote holds no
cell a spreadsheet would run as a formula.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import re
import selectors
import shutil
import signal
import stat
import subprocess
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fuzz.cases import FIFO, FOLDER, UPLOAD, Case, FileSpec
from fuzz.seeds import Seeds

TIMEOUT = 30.0
OK_CODES = (0, 1, 3, 4)  # 4: a rota was written but breaks hard rules or leaves base shifts short
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NEGATIVE = re.compile(r"^-(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
TESTS_DIR = Path(__file__).resolve().parents[1]
MEMORY_LIMIT = 6 * 1024**3

HANG, CRASH, TRACEBACK, INTERNAL, EXIT, CHANGED, FORMULA = (
    "hang",
    "crash",
    "traceback",
    "internal error",
    "bad exit code",
    "input changed",
    "live formula",
)


@dataclass
class StepResult:
    argv: tuple[str, ...]
    code: Any
    stdout: str
    stderr: str
    seconds: float
    timed_out: bool = False
    crashed: bool = False


@dataclass(frozen=True)
class Failure:
    symptom: str
    detail: str
    argv: tuple[str, ...]


@dataclass
class Outcome:
    case: Case
    steps: list[StepResult] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0


# --- the worker process --------------------------------------------------------------


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


class Worker:
    """A persistent ``python -m fuzz.worker``; killed and started again after a hang or crash."""

    def __init__(self, log: Path):
        self.log = log
        self.proc: subprocess.Popen | None = None
        self.buffer = b""

    def start(self) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(TESTS_DIR), env.get("PYTHONPATH")) if p)
        env.pop("TURNUS_DB", None)
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "fuzz.worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                env=env,
                start_new_session=True,
                preexec_fn=_limit_memory,
            )
        self.buffer = b""
        reply = self._read(60.0)
        if not reply or not reply.get("ready"):
            self.stop()
            tail = self.log.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"the fuzz worker did not start (the planner does not import?):\n{tail}")

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream:
                stream.close()
        self.proc = None

    def call(self, request: dict, timeout: float) -> tuple[dict | None, str]:
        """The reply, or None and 'hang' / 'crash'; the worker is restarted after either."""
        if self.proc is None or self.proc.poll() is not None:
            self.stop()
            self.start()
        assert self.proc and self.proc.stdin
        try:
            self.proc.stdin.write((json.dumps(request) + "\n").encode())
            self.proc.stdin.flush()
        except BrokenPipeError:
            self.stop()
            return None, CRASH
        reply = self._read(timeout)
        if reply is None:
            status = HANG if self.proc.poll() is None else CRASH
            self.stop()
            return None, status
        return reply, ""

    def _read(self, timeout: float) -> dict | None:
        assert self.proc and self.proc.stdout
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while b"\n" not in self.buffer:
                left = deadline - time.monotonic()
                if left <= 0 or not sel.select(left):
                    return None
                chunk = os.read(fd, 65536)
                if not chunk:
                    return None
                self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return json.loads(line)


# --- one case ------------------------------------------------------------------------


class Harness:
    """Runs cases in folders under ``base``; seeds are built on first use."""

    def __init__(self, base: Path, timeout: float = TIMEOUT):
        self.base = base
        self.timeout = timeout
        base.mkdir(parents=True, exist_ok=True)
        self.worker = Worker(base / "worker.log")
        self.seeds = Seeds(base / "seeds")
        self._seeded = False
        self._seed_error: Exception | None = None
        self._count = 0

    def close(self) -> None:
        self.worker.stop()

    def ensure_seeds(self) -> Seeds:
        """Build the seeds once; a failure is remembered, not retried for every case."""
        if self._seed_error is not None:
            raise self._seed_error
        if not self._seeded:
            try:
                self.seeds.build(self._seed_run)
            except Exception as exc:
                self._seed_error = exc
                raise
            self._seeded = True
        return self.seeds

    def _seed_run(self, argv: list[str], cwd: Path) -> tuple[int, str]:
        result = self.run_step(tuple(argv), cwd, self.base / "seed-capture", 120.0)
        return (result.code if isinstance(result.code, int) else -1), result.stdout + result.stderr

    def run(self, case: Case) -> Outcome:
        seeds = self.ensure_seeds()
        self._count += 1
        folder = self.base / f"case-{self._count:04d}"
        work, capture = folder / "work", folder / "capture"
        work.mkdir(parents=True)
        outcome = Outcome(case)
        started = time.monotonic()
        try:
            make_files(case.files, work, seeds)
            before = {f.name: fingerprint(work / f.name) for f in case.inputs()}
            inputs = {f.name for f in case.files}
            seen: dict[str, tuple] = {}
            for argv in case.steps:
                result = self.run_step(argv, work, capture, self.timeout)
                outcome.steps.append(result)
                outcome.failures.extend(step_failures(result))
                outcome.failures.extend(output_failures(work, inputs, seen, argv))
            for f in case.inputs():
                after = fingerprint(work / f.name)
                if after != before[f.name]:
                    outcome.failures.append(
                        Failure(
                            CHANGED,
                            f"{f.name}: {describe(before[f.name])} -> {describe(after)}",
                            case.steps[-1],
                        )
                    )
        finally:
            outcome.seconds = time.monotonic() - started
            shutil.rmtree(folder, ignore_errors=True)
        return outcome

    def run_step(self, argv: tuple[str, ...], cwd: Path, capture: Path, timeout: float) -> StepResult:
        capture.mkdir(parents=True, exist_ok=True)
        out, err = capture / "stdout.txt", capture / "stderr.txt"
        upload = bool(argv) and argv[0] == UPLOAD
        request = {
            "op": "upload" if upload else "cli",
            "argv": list(argv[1:] if upload else argv),
            "cwd": str(cwd),
            "db": str(cwd / "turnus.db"),
            "out": str(out),
            "err": str(err),
        }
        started = time.monotonic()
        reply, trouble = self.worker.call(request, timeout)
        seconds = time.monotonic() - started
        return StepResult(
            argv,
            reply["code"] if reply else None,
            _read_text(out),
            _read_text(err),
            seconds,
            timed_out=trouble == HANG,
            crashed=trouble == CRASH,
        )


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes()[:200_000].decode("utf-8", errors="replace")
    except FileNotFoundError:
        return ""


def make_files(files: tuple[FileSpec, ...], work: Path, seeds: Seeds) -> None:
    for spec in files:
        path = work / spec.name
        path.parent.mkdir(parents=True, exist_ok=True)
        if spec.kind == FOLDER:
            path.mkdir()
            (path / "inside.txt").write_text("a file inside the folder\n")
        elif spec.kind == FIFO:
            os.mkfifo(path)
        else:
            assert spec.build is not None, spec.name
            path.write_bytes(spec.build(seeds))
            if spec.mode is not None:
                os.chmod(path, spec.mode)


# --- the checks ----------------------------------------------------------------------


def fingerprint(path: Path) -> tuple:
    """Type, permission bits and content (sha256 of a file, the names in a folder)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return ("missing",)
    if stat.S_ISREG(st.st_mode):
        return ("file", oct(st.st_mode), hashlib.sha256(path.read_bytes()).hexdigest())
    if stat.S_ISDIR(st.st_mode):
        return ("folder", oct(st.st_mode), tuple(sorted(os.listdir(path))))
    return ("other", oct(st.st_mode))


def describe(fp: tuple) -> str:
    if fp[0] == "file":
        return f"file {fp[1]} sha256 {fp[2][:12]}"
    return " ".join(str(x) for x in fp)


def step_failures(r: StepResult) -> list[Failure]:
    text = r.stdout + "\n" + r.stderr
    if r.timed_out:
        return [Failure(HANG, f"no answer within {r.seconds:.0f} s", r.argv)]
    if r.crashed:
        return [Failure(CRASH, "the process died (signal or hard exit)", r.argv)]
    if r.code == "uncaught" or "Traceback (most recent call last)" in text:
        return [Failure(TRACEBACK, last_line(r.stderr) or last_line(r.stdout), r.argv)]
    match = re.search(r"internal error:[^\n]*", text, re.IGNORECASE)
    if match or r.code == 2:
        return [
            Failure(
                INTERNAL if match else EXIT,
                match.group(0) if match else f"exit code 2: {last_line(r.stderr)}",
                r.argv,
            )
        ]
    if r.code not in OK_CODES:
        return [Failure(EXIT, f"exit code {r.code}: {last_line(r.stderr)}", r.argv)]
    return []


def last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""


def output_failures(
    work: Path, inputs: set[str], seen: dict[str, tuple], argv: tuple[str, ...]
) -> list[Failure]:
    """Formula cells in the CSV files and workbooks this step wrote (new or changed files)."""
    failures = []
    for path in sorted(work.rglob("*")):
        rel = path.relative_to(work).as_posix()
        if rel in inputs or not path.is_file() or path.is_symlink():
            continue
        st = path.stat()
        if seen.get(rel) == (st.st_mtime_ns, st.st_size, st.st_ino):
            continue
        seen[rel] = (st.st_mtime_ns, st.st_size, st.st_ino)
        cell = None
        if path.suffix.lower() == ".csv":
            cell = live_csv_cell(path)
        elif path.suffix.lower() in (".xlsx", ".xlsm"):
            cell = live_xlsx_cell(path)
        if cell:
            failures.append(Failure(FORMULA, f"{rel}: {cell}", argv))
    return failures


def is_formula_text(text: str) -> bool:
    return text.startswith(FORMULA_START) and not PLAIN_NEGATIVE.match(text)


def live_csv_cell(path: Path) -> str | None:
    csv.field_size_limit(sys.maxsize)
    text = path.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff")
    for row_no, row in enumerate(csv.reader(io.StringIO(text, newline="")), 1):
        for col_no, cell in enumerate(row, 1):
            if is_formula_text(cell):
                return f"row {row_no} column {col_no}: {cell[:60]!r}"
    return None


def live_xlsx_cell(path: Path) -> str | None:
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(path)
    except Exception as exc:  # an unreadable output is not this check's business
        return None if path.stat().st_size else f"empty workbook ({type(exc).__name__})"
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    return f"sheet {ws.title!r} {cell.coordinate}: formula {str(cell.value)[:60]!r}"
                if isinstance(cell.value, str) and is_formula_text(cell.value) and not cell.quotePrefix:
                    return f"sheet {ws.title!r} {cell.coordinate}: {cell.value[:60]!r} without quote prefix"
    return None
