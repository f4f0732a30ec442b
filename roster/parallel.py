"""Run independent solves on several processes: one executor interface, two implementations.

A command hands its work to an :class:`Executor` as a :class:`Work` object: single tasks
and *walks* (a sequential search such as the staffing check's "walk down while the target
holds" or the ladder's "stop at the first rung that holds", replayed over the results
that have come in, see :class:`Walk`). The executor asks the work for up to as many tasks
as it has free slots, runs them, and feeds each :class:`Outcome` back; the work decides
what comes next. The same code path serves

- :class:`SequentialExecutor`: one task at a time in this process (``--workers 1``, the
  plain functions ``check_staffing``, ``service_ladder`` and ``compare``, and the
  reference for the equality tests), and
- :class:`DaskExecutor`: a Dask ``distributed`` cluster. By default a local one, made
  here with no set-up: ``n`` worker *processes* on this machine, one thread each, every
  socket bound to 127.0.0.1 and no dashboard. Or an existing cluster whose scheduler the
  user names (``--scheduler ADDRESS`` or ``$ROSTER_DASK_SCHEDULER``).

Tasks are module-level functions of plain, picklable data. Each runs inside
:func:`execute`, which first fixes HiGHS to one thread in the worker process
(``roster.highs_threads``), runs one task at a time per process, and turns any exception
into an error message: a task never raises on a worker, so Dask never logs a failed
task's arguments (scenarios can hold sick leave, which is never logged). One failed task
is reported by its key; the rest of the work goes on.

Answers do not depend on the executor or on the order results arrive in: a walk asks for
the step its sequential search needs next and uses only those steps (steps solved ahead
of time on idle workers, *speculative* ones, are used when the search reaches them and
dropped otherwise), and seeds are explicit. What can still differ is what depends on
time: a solve that stops at its time limit under load.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
import time
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TextIO

from roster.errors import UserError

ENV_SCHEDULER = "ROSTER_DASK_SCHEDULER"
CONNECT_TIMEOUT = 20.0  # seconds to reach a named scheduler
CLOSE_TIMEOUT = 1.0  # seconds a local worker process gets to stop at the end
LOCAL_HOST = "127.0.0.1"
TASK_THREADS = 1  # HiGHS threads per worker process

_task_lock = threading.Lock()  # one task at a time per process, whatever the worker's threads


# --- tasks and outcomes ----------------------------------------------------------------
@dataclass(frozen=True)
class Task:
    """One call ``fn(*args)`` to run somewhere. ``key`` is unique within a run; ``group``
    ties it to a unit of work (dropped together on failure); ``kind`` is for progress."""

    key: str
    fn: Callable[..., Any]
    args: tuple = ()
    kind: str = "task"
    group: Hashable = None


@dataclass(frozen=True)
class Outcome:
    """What a task returned, or why it failed (a message, never a traceback)."""

    key: str
    value: Any = None
    error: str | None = None
    internal: bool = False
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


def error_message(exc: BaseException) -> tuple[str, bool]:
    """(message, internal): a user error's own message; anything else named by its type."""
    if isinstance(exc, UserError):
        return str(exc), False
    if isinstance(exc, MemoryError):
        return "out of memory", False
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"internal error: {type(exc).__name__}{': ' + text if text else ''}", True


def execute(fn: Callable[..., Any], args: tuple, threads: int | None = TASK_THREADS,
            worker: bool = False) -> tuple[Any, str | None, bool, float]:
    """Run one task where it lands: (value, error message, internal, seconds). HiGHS gets
    ``threads`` threads in this process (fixed by the first solve, roster.highs_threads);
    in a worker process (``worker``) its banner is swallowed, not printed by every worker."""
    from roster.highs_threads import process_threads

    if threads:
        process_threads(threads)
    with _task_lock:
        if worker:
            _swallow_banner()
        t0 = time.perf_counter()
        try:
            value = fn(*args)
        except Exception as exc:  # reported per task; the run goes on
            message, internal = error_message(exc)
            return None, message, internal, time.perf_counter() - t0
        return value, None, False, time.perf_counter() - t0


_banner_gone = False


def _swallow_banner() -> None:
    """Create this process's first HiGHS instance with its output going nowhere: HiGHS
    prints its banner once per process, and a worker's output lands in the user's terminal."""
    global _banner_gone
    if _banner_gone:
        return
    _banner_gone = True
    from roster.highs_threads import new_highs

    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        os.dup2(null, 2)
        new_highs()
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in (*saved, null):
            os.close(fd)


# --- walks: sequential searches replayed over results in any order ----------------------------
class Missing(Exception):
    """Raised inside a walk's search when the result of step ``index`` is not in yet."""

    def __init__(self, index: int):
        super().__init__(index)
        self.index = index


@dataclass
class Walk:
    """A sequential search over numbered steps, e.g. "solve step k; while it holds, try the
    one below". ``search(at)`` is the sequential algorithm itself; ``at(i)`` gives step
    ``i``'s result. The walk replays the search over the results in; where it needs one
    not yet in, that step is the one to run next. ``guesses(needed, visited)`` names steps
    the search will probably want after that (run ahead only on idle workers). Results of
    steps the search never reaches are kept apart and do not change the answer."""

    name: str
    search: Callable[[Callable[[int], Any]], Any]
    make_task: Callable[[int], Task]
    guesses: Callable[[int, list[int]], list[int]] = lambda needed, visited: []
    results: dict[int, Any] = field(default_factory=dict)
    errors: dict[int, Outcome] = field(default_factory=dict)
    needed: int | None = None
    visited: list[int] = field(default_factory=list)
    answer: Any = None
    done: bool = False

    def replay(self) -> None:
        """Run the search over the results in: sets ``needed`` (or ``done`` and ``answer``)."""
        visited: dict[int, None] = {}

        def at(i: int) -> Any:
            if i not in self.results:
                raise Missing(i)
            visited[i] = None
            return self.results[i]

        try:
            self.answer = self.search(at)
        except Missing as m:
            self.needed, self.done = m.index, False
        else:
            self.needed, self.done = None, True
        self.visited = list(visited)

    @property
    def failed(self) -> Outcome | None:
        """The error of the step the search needs, if that step failed."""
        return self.errors.get(self.needed) if self.needed is not None else None

    @property
    def used(self) -> list[Any]:
        """The results the search used, in the order of their step numbers."""
        return [self.results[i] for i in sorted(self.visited)]

    @property
    def ahead(self) -> int:
        """Steps solved that the search did not use (speculative work)."""
        return len(set(self.results) - set(self.visited)) + len(self.errors)


# --- the work a command hands to an executor ----------------------------------------------------
@dataclass
class _Item:
    group: Hashable
    rank: tuple[int, int] = (0, 0)
    task: Task | None = None
    then: Callable[[Outcome], None] | None = None
    walk: Walk | None = None
    walk_done: Callable[[Walk], None] | None = None
    walk_failed: Callable[[Outcome], None] | None = None
    submitted: set[str] = field(default_factory=set)


class Work:
    """Single tasks and walks waiting to run. :meth:`next_tasks` gives what the searches
    need first (in the order added), then speculative steps for idle slots;
    :meth:`on_outcome` feeds a result back and calls the caller's ``then``."""

    def __init__(self, speculate: bool = True):
        self.speculate = speculate
        self._items: list[_Item] = []
        self._flight: dict[str, tuple[_Item, int | None, str]] = {}
        self._dropped: set[Hashable] = set()
        self._groups: dict[Hashable, int] = {}
        self._seq = 0
        self._abandoned: list[str] = []
        self.started_ahead: dict[Hashable, int] = {}
        """Speculative tasks started per group (steps started before a search needed them)."""
        self.done_by_kind: dict[str, int] = {}
        self.running_by_kind: dict[str, int] = {}
        self.on_change: Callable[[], None] | None = None

    # building
    def _add(self, item: _Item) -> None:
        """Keep items in the order of their group's first appearance, then as added: the
        first units finish first, so results (and failures) come in early."""
        self._seq += 1
        item.rank = (self._groups.setdefault(item.group, len(self._groups)), self._seq)
        self._items.append(item)
        self._items.sort(key=lambda it: it.rank)

    def task(self, task: Task, then: Callable[[Outcome], None]) -> None:
        self._add(_Item(group=task.group, task=task, then=then))

    def walk(self, walk: Walk, group: Hashable, done: Callable[[Walk], None],
             failed: Callable[[Outcome], None]) -> None:
        walk.replay()
        item = _Item(group=group, walk=walk, walk_done=done, walk_failed=failed)
        if walk.done:
            done(walk)
            return
        self._add(item)

    def drop(self, group: Hashable) -> None:
        """Forget everything of ``group``: nothing more is started, and what still runs is
        abandoned (see :meth:`take_abandoned`)."""
        self._dropped.add(group)
        self._items = [it for it in self._items if it.group != group]
        self._abandon(lambda it: it.group == group)

    def _abandon(self, which: Callable[[_Item], bool]) -> None:
        self._abandoned += [key for key, (it, _, _) in self._flight.items() if which(it)]

    def take_abandoned(self) -> list[str]:
        """Keys of running tasks nobody needs any more (steps solved ahead for a search that
        has ended, tasks of a dropped group). They no longer count as in flight; the
        executor cancels them if it can and ignores their results."""
        keys, self._abandoned = self._abandoned, []
        for key in keys:
            if key in self._flight:
                _, _, kind = self._flight.pop(key)
                self.running_by_kind[kind] -= 1
        return keys

    # the executor's side
    @property
    def in_flight(self) -> int:
        return len(self._flight)

    def next_tasks(self, free: int) -> list[Task]:
        out: list[Task] = []
        for item in list(self._items):
            if len(out) >= free:
                return out
            if item.task is not None:
                if item.task.key not in self._flight and item.task.key not in item.submitted:
                    out.append(self._start(item, item.task, None))
                continue
            walk = item.walk
            assert walk is not None
            i = walk.needed
            if i is not None and i not in walk.results and i not in walk.errors:
                task = walk.make_task(i)
                if task.key not in item.submitted:
                    out.append(self._start(item, task, i))
        if not self.speculate:
            return out
        for item in list(self._items):
            walk = item.walk
            if walk is None or walk.needed is None:
                continue
            for i in walk.guesses(walk.needed, walk.visited):
                if len(out) >= free:
                    return out
                if i in walk.results or i in walk.errors:
                    continue
                task = walk.make_task(i)
                if task.key not in item.submitted:
                    out.append(self._start(item, task, i))
                    self.started_ahead[item.group] = self.started_ahead.get(item.group, 0) + 1
        return out

    def _start(self, item: _Item, task: Task, index: int | None) -> Task:
        item.submitted.add(task.key)
        self._flight[task.key] = (item, index, task.kind)
        self.running_by_kind[task.kind] = self.running_by_kind.get(task.kind, 0) + 1
        return task

    def on_outcome(self, outcome: Outcome) -> None:
        if outcome.key not in self._flight:  # abandoned: nobody waits for it
            return
        item, index, kind = self._flight.pop(outcome.key)
        self.running_by_kind[kind] -= 1
        self.done_by_kind[kind] = self.done_by_kind.get(kind, 0) + 1
        if item.group is not None and item.group in self._dropped:
            self._changed()
            return
        if item.task is not None:
            self._items.remove(item)
            assert item.then is not None
            item.then(outcome)
        else:
            self._walk_outcome(item, index, outcome)
        self._changed()

    def _walk_outcome(self, item: _Item, index: int | None, outcome: Outcome) -> None:
        walk = item.walk
        assert walk is not None and index is not None
        if outcome.ok:
            walk.results[index] = outcome.value
        else:
            walk.errors[index] = outcome
        if item not in self._items:
            return
        walk.replay()
        if walk.done:
            self._items.remove(item)
            self._abandon(lambda it: it is item)
            assert item.walk_done is not None
            item.walk_done(walk)
        elif walk.failed is not None:
            self._items.remove(item)
            self._abandon(lambda it: it is item)
            assert item.walk_failed is not None
            item.walk_failed(walk.failed)

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    @property
    def finished(self) -> bool:
        return not self._items and not self._flight


# --- executors -----------------------------------------------------------------------------------
class Executor(ABC):
    """Runs a :class:`Work` to the end. ``slots``: how many tasks run at once."""

    kind: str = "executor"

    @property
    @abstractmethod
    def slots(self) -> int: ...

    @abstractmethod
    def describe(self) -> str: ...

    @abstractmethod
    def run(self, work: Work) -> None: ...

    def close(self) -> None:  # noqa: B027 - nothing to release by default
        """Release workers and connections."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def map(self, tasks: list[Task]) -> list[Outcome]:
        """Run independent tasks; their outcomes in the order given."""
        found: dict[str, Outcome] = {}
        work = Work(speculate=False)
        for t in tasks:
            work.task(t, lambda o: found.__setitem__(o.key, o))
        self.run(work)
        return [found[t.key] for t in tasks]


class SequentialExecutor(Executor):
    """One task at a time, in this process. HiGHS is asked for ``threads`` threads (the
    process's first solve fixes the count: roster.highs_threads; None leaves it to the
    process's default or the caller's PlanOptions).

    ``raise_errors``: a task's exception reaches the caller as it was raised (its type and
    traceback), and the first one ends the run, as in a plain loop; otherwise it becomes the
    task's error message like on a worker (the portfolio's one record per failed unit)."""

    kind = "sequential"

    def __init__(self, threads: int | None = TASK_THREADS, *, raise_errors: bool = False):
        self.threads = threads
        self.raise_errors = raise_errors

    @classmethod
    def in_process(cls) -> SequentialExecutor:
        """The executor of the plain single-unit functions (``check_staffing``,
        ``service_ladder``, ``compare``): their solves in this process, one after the
        other, with the process's HiGHS threads, errors raised as they were."""
        return cls(threads=None, raise_errors=True)

    @property
    def slots(self) -> int:
        return 1

    def describe(self) -> str:
        return "sequential, in this process"

    def run(self, work: Work) -> None:
        while True:
            tasks = work.next_tasks(1)
            if not tasks:
                if work.in_flight:
                    raise RuntimeError("work left in flight with nothing running")
                return
            for task in tasks:
                work.on_outcome(self._run_one(task))
                work.take_abandoned()  # nothing else runs here

    def _run_one(self, task: Task) -> Outcome:
        if not self.raise_errors:
            value, error, internal, seconds = execute(task.fn, task.args, self.threads)
            return Outcome(task.key, value, error, internal, seconds)
        from roster.highs_threads import process_threads

        if self.threads:
            process_threads(self.threads)
        t0 = time.perf_counter()
        value = task.fn(*task.args)
        return Outcome(task.key, value, seconds=time.perf_counter() - t0)


def scheduler_from_env(explicit: str | None) -> str | None:
    """The scheduler address the user named: ``--scheduler``, else $ROSTER_DASK_SCHEDULER."""
    if explicit:
        return explicit.strip()
    env = os.environ.get(ENV_SCHEDULER, "").strip()
    return env or None


class DaskExecutor(Executor):
    """Tasks on a Dask ``distributed`` cluster: a new local one (``workers`` processes, one
    thread each, on 127.0.0.1 only, no dashboard), or the existing cluster at ``scheduler``.
    Results are gathered with ``as_completed`` as they finish."""

    kind = "dask"

    def __init__(self, workers: int | None = None, *, scheduler: str | None = None,
                 threads: int = TASK_THREADS, connect_timeout: float = CONNECT_TIMEOUT):
        from distributed import Client

        self.threads = threads
        self.cluster = None
        self.scheduler = scheduler
        if scheduler:
            try:
                self.client = Client(scheduler, timeout=connect_timeout, set_as_default=False)
            except (OSError, TimeoutError, ValueError) as exc:
                detail = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                raise UserError(f"cannot reach the Dask scheduler at {scheduler} ({detail})",
                                nb=f"får ikke kontakt med Dask-koordinatoren på {scheduler} "
                                   f"({type(exc).__name__})") from None
        else:
            self.cluster = local_cluster(workers or default_workers())
            self.client = Client(self.cluster, set_as_default=False)
        self._slots = 0
        self.refresh()
        if self._slots < 1:
            self.close()
            raise UserError(f"the Dask cluster at {scheduler} has no workers",
                            nb=f"Dask-klyngen på {scheduler} har ingen arbeidere")

    @property
    def slots(self) -> int:
        return self._slots

    def refresh(self) -> None:
        info = self.client.scheduler_info()
        self.workers = info.get("workers", {})
        # one task per worker process at a time (execute() holds a process-wide lock)
        self._slots = len(self.workers)

    @property
    def address(self) -> str:
        return str(self.client.scheduler.address)

    def multi_threaded(self) -> list[str]:
        """Workers with more than one thread (they still run one solve at a time)."""
        return sorted(a for a, w in self.workers.items() if int(w.get("nthreads", 1)) > 1)

    def describe(self) -> str:
        where = (f"local Dask cluster, {self._slots} worker processes on {LOCAL_HOST}"
                 if self.cluster is not None else
                 f"Dask cluster at {self.scheduler} ({self._slots} workers)")
        return where

    def run(self, work: Work) -> None:
        from distributed import as_completed

        run_id = uuid.uuid4().hex[:8]
        keys: dict[str, str] = {}
        futures: dict[str, Any] = {}
        pending = as_completed(loop=self.client.loop)

        def fill() -> None:
            for key in work.take_abandoned():
                future = futures.pop(key, None)
                if future is not None:
                    keys.pop(future.key, None)
                    future.cancel()
            self.refresh_if_idle(work)
            for task in work.next_tasks(max(0, self._slots - work.in_flight)):
                future = self.client.submit(execute, task.fn, task.args, self.threads, True,
                                            key=f"roster-{run_id}-{task.key}", pure=False)
                keys[future.key] = task.key
                futures[task.key] = future
                pending.add(future)

        fill()
        if work.in_flight == 0 and not work.finished:
            raise RuntimeError("work has nothing to run")
        for future in pending:
            key = keys.pop(future.key, None)
            if key is not None:  # else abandoned and cancelled
                futures.pop(key, None)
                work.on_outcome(self._outcome(key, future))
            future.release()
            fill()
            if work.finished:
                break

    def refresh_if_idle(self, work: Work) -> None:
        """Pick up workers that joined or left an existing cluster."""
        if self.cluster is None and work.in_flight < self._slots:
            with contextlib.suppress(Exception):
                self.refresh()
            self._slots = max(self._slots, 1)

    @staticmethod
    def _outcome(key: str, future: Any) -> Outcome:
        if future.status == "finished":
            value, error, internal, seconds = future.result()
            return Outcome(key, value, error, internal, seconds)
        exc = future.exception() if future.status == "error" else None
        if exc is None:
            return Outcome(key, error=f"task {future.status}", internal=True)
        if type(exc).__name__ == "KilledWorker":
            return Outcome(key, error="the worker process running it died (out of memory, or "
                                      "killed)", internal=True)
        message, internal = error_message(exc)
        return Outcome(key, error=message, internal=internal)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.close()
        if self.cluster is not None:
            # a solve abandoned at the end (a step solved ahead) cannot be interrupted: give
            # each worker process a second to stop, then end it, rather than Dask's 4 s
            for nanny in list(self.cluster.workers.values()):
                with contextlib.suppress(Exception):
                    self.cluster.sync(nanny.close, timeout=CLOSE_TIMEOUT)
            with contextlib.suppress(Exception):
                self.cluster.close()
            self.cluster = None


def default_workers() -> int:
    """Worker processes of a local cluster: one per core."""
    return max(1, os.cpu_count() or 1)


def local_cluster(workers: int) -> Any:
    """A Dask cluster on this machine: ``workers`` processes with one thread each; the
    scheduler, the workers and their HTTP endpoints listen on 127.0.0.1 only (no
    dashboard); worker processes start with ROSTER_THREADS=1."""
    from distributed import LocalCluster

    # no dashboard; the scheduler's small HTTP endpoint (health, metrics) on a free port of
    # 127.0.0.1 rather than on 8787, which another cluster of the user may hold
    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                        host=LOCAL_HOST, dashboard_address=None, worker_dashboard_address=None,
                        scheduler_kwargs={"dashboard_address": f"{LOCAL_HOST}:0"},
                        silence_logs=logging.ERROR, env={"ROSTER_THREADS": str(TASK_THREADS)})


def make_executor(workers: int | None = None, scheduler: str | None = None,
                  threads: int | None = TASK_THREADS, *, raise_errors: bool = False) -> Executor:
    """The executor a command asked for: a named scheduler (``--scheduler`` or
    $ROSTER_DASK_SCHEDULER) wins; else ``--workers 1`` runs in this process (HiGHS with
    ``threads`` threads, None: the process default; ``raise_errors``: see
    :class:`SequentialExecutor`); else a local cluster of ``workers`` processes (default:
    one per core)."""
    address = scheduler_from_env(scheduler)
    if address:
        return DaskExecutor(scheduler=address)
    if workers == 1:
        return SequentialExecutor(threads, raise_errors=raise_errors)
    return DaskExecutor(workers or default_workers())


# --- the command line ------------------------------------------------------------------------------
MAX_WORKERS = 1024


def executor_args(parser: Any, *, default_workers: int | None = None) -> None:
    """``--workers N`` and ``--scheduler ADDRESS`` for a command that runs solves on an
    executor. ``default_workers`` None: one worker process per core; 1: in this process."""
    from roster.cli.options import bounded_int

    default = ("one per core" if default_workers is None else
               "1: every solve in this process" if default_workers == 1 else str(default_workers))
    parser.add_argument("--workers", type=bounded_int(1, MAX_WORKERS), default=default_workers,
                        metavar="N", help=f"worker processes of a local Dask cluster (default "
                                          f"{default}); 1 runs every solve in this process")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help=f"an existing Dask scheduler, e.g. tls://10.0.0.5:8786 (default "
                             f"${ENV_SCHEDULER}); the scenarios, absences included, are sent to "
                             "its workers")


def open_executor(args: Any, *, threads: int | None = TASK_THREADS, quiet: bool = False,
                  stream: TextIO | None = None, raise_errors: bool = False) -> Executor:
    """The executor of ``--workers``/``--scheduler``, saying on stderr where the solves run
    and, for a named cluster, that the scenarios are sent there. ``threads`` and
    ``raise_errors`` apply with ``--workers 1`` (:func:`make_executor`)."""
    out = stream or sys.stderr
    executor = make_executor(getattr(args, "workers", None), getattr(args, "scheduler", None), threads,
                             raise_errors=raise_errors)
    if isinstance(executor, DaskExecutor) and executor.cluster is None:
        print(f"Using the Dask cluster at {executor.address} ({executor.slots} workers): the "
              "scenarios, recorded absences included, are sent to its workers.", file=out)
        host = executor.address.split("://")[-1].rsplit(":", 1)[0]
        if executor.address.startswith("tcp://") and host not in (LOCAL_HOST, "localhost", "[::1]"):
            print("warning: tcp:// is not encrypted; for a cluster on other machines use tls:// "
                  "with Dask's security settings (docs/portfolio.md).", file=out)
        busy = executor.multi_threaded()
        if busy:
            print(f"note: {len(busy)} workers have several threads; each runs one solve at a "
                  "time (start workers with --nthreads 1).", file=out)
    elif isinstance(executor, DaskExecutor) and not quiet:
        print(f"Solving on: {executor.describe()}", file=out)
    return executor


# --- progress ------------------------------------------------------------------------------------
class Progress:
    """One progress line on stderr: units done / total, solves done and running, elapsed.
    On a terminal the line is redrawn in place (at most five times a second); otherwise a
    plain line is printed whenever a unit finishes."""

    def __init__(self, total: int, *, stream: TextIO | None = None, noun: str = "units",
                 enabled: bool = True):
        self.total = total
        self.stream = stream or sys.stderr
        self.noun = noun
        self.enabled = enabled
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.t0 = time.monotonic()
        self._last = 0.0
        self._last_done = -1
        self._last_key: tuple[int, int, int] | None = None
        self._width = 0

    def line(self, done: int, failed: int, solves: int, running: int) -> str:
        secs = int(time.monotonic() - self.t0)
        bar = ""
        if self.tty and self.total:
            filled = round(20 * done / self.total)
            bar = "[" + "#" * filled + "-" * (20 - filled) + "] "
        fail = f" ({failed} failed)" if failed else ""
        return (f"{bar}{self.noun} {done}/{self.total}{fail} | solves {solves} done, "
                f"{running} running | {secs // 60}:{secs % 60:02d}")

    def update(self, done: int, failed: int, solves: int, running: int, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if self.tty:
            if not force and now - self._last < 0.2:
                return
            text = self.line(done, failed, solves, running)
            pad = max(0, self._width - len(text))
            self.stream.write("\r" + text + " " * pad)
            self._width = len(text)
        else:
            key = (done, failed, solves)
            if key == self._last_key or (not force and done == self._last_done):
                return
            self._last_key = key
            self.stream.write(self.line(done, failed, solves, running) + "\n")
        self._last, self._last_done = now, done
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.tty and self._width:
            self.stream.write("\n")
            self.stream.flush()
