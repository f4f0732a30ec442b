"""The executor: walks give the sequential answer on any executor, a failed task is one
error record, and the local Dask cluster stays on this machine (real LocalCluster)."""

from __future__ import annotations

import os
import time

import psutil
import pytest

from roster.errors import UserError
from roster.parallel import (
    ENV_SCHEDULER,
    DaskExecutor,
    SequentialExecutor,
    Task,
    Walk,
    Work,
    make_executor,
)

MARKER = "SICK-LEAVE-MARKER-s03"


# --- plain task functions (module level: pickled by reference to the workers) ----------------
def square(x: int) -> int:
    return x * x


def slow_meets(i: int, threshold: int, delay: float) -> bool:
    time.sleep(delay)
    return i >= threshold


def fails(text: str) -> None:
    raise UserError(f"unit broken: {len(text)} characters")


def crashes(text: str) -> None:
    raise KeyError(text[:3])


def worker_state() -> dict:
    from roster.highs_threads import process_threads

    return {"pid": os.getpid(), "threads": process_threads(), "env": os.environ.get("ROSTER_THREADS")}


def staffing_like(threshold: int, first: int, max_steps: int = 8, delay: float = 0.0) -> Walk:
    """check_staffing's walk shape over 'meets when i >= threshold'."""

    def search(at):
        tried = {}

        def get(i):
            if i not in tried:
                tried[i] = at(i)
            return tried[i]

        i = first
        if get(first):
            while len(tried) < max_steps and get(i - 1):
                i -= 1
        else:
            while len(tried) < max_steps:
                i += 1
                if get(i):
                    break
        return sorted(tried)

    def guesses(needed, visited):
        return [needed - 1, needed + 1, needed + 2]

    return Walk("w", search, lambda i: Task(f"w/{i}", slow_meets, (i, threshold, delay), kind="solve"),
                guesses)


def run_walk(executor, walk: Walk) -> Walk:
    failures = []
    work = Work()
    work.walk(walk, None, lambda w: None, failures.append)
    executor.run(work)
    assert not failures
    return walk


# --- walks -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("threshold,first,tried", [
    (3, 5, [2, 3, 4, 5]),              # meets at the start: down until one fails
    (7, 4, [4, 5, 6, 7]),              # misses at the start: up until one meets
    (4, 4, [3, 4]),
    (-20, 0, list(range(-7, 1))),      # at most max_steps (8) steps
])
def test_a_walk_replays_the_sequential_search(threshold, first, tried):
    walk = run_walk(SequentialExecutor(), staffing_like(threshold, first))
    assert walk.done and walk.answer == tried and sorted(walk.visited) == tried
    assert not walk.ahead  # one slot: never a step ahead


def test_steps_solved_ahead_do_not_change_the_answer(dask):
    sequential = run_walk(SequentialExecutor(), staffing_like(2, 5))
    parallel = run_walk(dask, staffing_like(2, 5, delay=0.05))
    assert parallel.answer == sequential.answer == [1, 2, 3, 4, 5]
    assert [parallel.results[i] for i in parallel.answer] == sequential.used


def test_work_runs_every_unit_and_reports_one_failure(dask):
    for executor in (SequentialExecutor(), dask):
        outcomes = executor.map([Task("a", square, (3,)), Task("b", fails, (MARKER,)),
                                 Task("c", crashes, (MARKER,)), Task("d", square, (4,))])
        assert [o.value for o in outcomes] == [9, None, None, 16]
        assert outcomes[1].error == "unit broken: 21 characters" and not outcomes[1].internal
        assert outcomes[2].error.startswith("internal error: KeyError") and outcomes[2].internal


def test_in_process_the_first_error_is_raised_as_it_was():
    # the plain check_staffing / service_ladder / compare: a loop in this process
    ran = []

    def note(x: int) -> int:
        ran.append(x)
        return x

    with pytest.raises(KeyError):
        SequentialExecutor.in_process().map([Task("a", note, (1,)), Task("b", crashes, (MARKER,)),
                                             Task("c", note, (2,))])
    assert ran == [1]
    assert [o.value for o in SequentialExecutor.in_process().map([Task("d", square, (3,))])] == [9]


def test_a_failed_task_never_puts_its_arguments_in_the_worker_logs(dask):
    dask.map([Task("x", fails, (MARKER,)), Task("y", crashes, (MARKER,))])
    logs = dask.client.get_worker_logs()
    assert logs and MARKER not in repr(logs)


def test_workers_solve_with_one_highs_thread(dask):
    states = [o.value for o in dask.map([Task(f"t{i}", worker_state) for i in range(4)])]
    assert {s["threads"] for s in states} == {1}
    assert {s["env"] for s in states} == {"1"}
    assert {s["pid"] for s in states} <= {c.pid for c in psutil.Process().children(recursive=True)}


def _listening(pids: set[int]) -> set[str]:
    found = set()
    for pid in pids:
        for conn in psutil.Process(pid).net_connections(kind="inet"):
            if conn.status == psutil.CONN_LISTEN:
                found.add(conn.laddr.ip)
    return found


def test_the_local_cluster_listens_on_this_machine_only():
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    with make_executor(2) as executor:
        assert isinstance(executor, DaskExecutor) and executor.cluster is not None
        assert executor.slots == 2 and not executor.multi_threaded()
        assert executor.address.startswith("tcp://127.0.0.1:")
        mine = {os.getpid()} | {p.pid for p in psutil.Process().children(recursive=True)} - before
        addresses = _listening(mine)
        assert addresses and addresses <= {"127.0.0.1"}, addresses
        assert executor.cluster.dashboard_link.startswith("http://127.0.0.1:")


def test_the_scheduler_comes_from_the_option_or_the_environment(cluster, monkeypatch):
    assert isinstance(make_executor(1), SequentialExecutor)
    monkeypatch.setenv(ENV_SCHEDULER, cluster.scheduler_address)
    with make_executor(1) as executor:  # a named cluster wins over --workers
        assert isinstance(executor, DaskExecutor) and executor.cluster is None
        assert executor.map([Task("a", square, (5,))])[0].value == 25


def test_an_unreachable_scheduler_is_a_user_error():
    with pytest.raises(UserError, match="cannot reach the Dask scheduler"):
        DaskExecutor(scheduler="tcp://127.0.0.1:9", connect_timeout=1)


class FakeTerminal:
    def __init__(self, tty: bool):
        self.tty, self.text = tty, ""

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


def test_progress_is_redrawn_on_a_terminal_and_plain_lines_otherwise():
    from roster.parallel import Progress

    for tty in (True, False):
        stream = FakeTerminal(tty)
        progress = Progress(4, stream=stream)
        for done in range(5):
            progress.update(done, 1 if done > 2 else 0, 3 * done, 2, force=True)
        progress.close()
        if tty:
            assert stream.text.startswith("\r[") and stream.text.endswith("\n")
            assert "\n" not in stream.text[:-1]
            assert "[####################] units 4/4 (1 failed)" in stream.text
        else:
            lines = stream.text.splitlines()
            assert len(lines) == 5
            assert lines[-1].startswith("units 4/4 (1 failed) | solves 12 done, 2 running | 0:0")
