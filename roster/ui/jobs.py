"""Planning in the background, with progress you can trust and a cancel that keeps the best.

Streamlit reruns the page on every click, so a solve cannot run inside a page run and stay
stoppable. A :class:`Job` runs one planning call (``whatif.solve``, ``whatif.replan``,
``whatif.plan_around``) in a thread, inside ``roster.solve.trace.watching``: the stage
driver reports each stage and each better value, and checks the job's stop flag between
stages and local-search rounds. Cancel sets the flag; the solve then ends at the next
check and returns the best rota found so far, which the page shows and says so.

The thread never touches Streamlit; the page reads :meth:`Job.snapshot`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from roster.solve.trace import watching

log = logging.getLogger("roster.app")


@dataclass
class Job:
    kind: str
    """What runs: 'plan', 'replan' or 'around_locks' (the page words it)."""
    time_limit: float
    meta: dict[str, Any] = field(default_factory=dict)
    """What the page needs when the job ends (the scenario it planned, the dict...)."""
    started: float = field(default_factory=time.monotonic)
    ended: float | None = None
    stage: str | None = None
    index: int = 0
    of: int = 0
    best: float | None = None
    bound: float | None = None
    result: Any = None
    error: BaseException | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _thread: threading.Thread | None = None

    # --- the worker side ------------------------------------------------------------
    def on_event(self, event: dict) -> None:
        with self._lock:
            if event.get("event") == "stage":
                self.stage = str(event.get("stage"))
                self.index = int(event.get("index", 0))  # type: ignore[arg-type]
                self.of = int(event.get("of", 0))  # type: ignore[arg-type]
                self.best = self.bound = None
            elif event.get("event") == "value":
                value = event.get("value")
                if value is not None:
                    self.best = float(value)  # type: ignore[arg-type]
                bound = event.get("bound")
                self.bound = float(bound) if bound is not None else None  # type: ignore[arg-type]

    def _run(self, fn: Callable[..., Any], args: tuple, kwargs: dict) -> None:
        try:
            with watching(self.on_event, self.stop.is_set):
                result = fn(*args, **kwargs)
            with self._lock:
                self.result = result
        except BaseException as exc:  # the page turns it into a sentence
            log.error("background planning failed: %s", type(exc).__name__, exc_info=exc)
            with self._lock:
                self.error = exc
        finally:
            with self._lock:
                self.ended = time.monotonic()

    # --- the page side --------------------------------------------------------------
    @property
    def done(self) -> bool:
        return self.ended is not None

    @property
    def cancelled(self) -> bool:
        return self.stop.is_set()

    def cancel(self) -> None:
        self.stop.set()

    def elapsed(self) -> float:
        end = self.ended if self.ended is not None else time.monotonic()
        return end - self.started

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {"kind": self.kind, "stage": self.stage, "index": self.index, "of": self.of,
                    "best": self.best, "bound": self.bound, "elapsed": self.elapsed(),
                    "limit": self.time_limit, "done": self.done, "cancelled": self.cancelled}

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job ends (tests); True when it has."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self.done


def start(kind: str, time_limit: float, fn: Callable[..., Any], *args: Any,
          meta: dict[str, Any] | None = None, **kwargs: Any) -> Job:
    """Run ``fn(*args, **kwargs)`` in a daemon thread as a watched job."""
    job = Job(kind=kind, time_limit=float(time_limit), meta=dict(meta or {}))
    job._thread = threading.Thread(target=job._run, args=(fn, args, kwargs), daemon=True,
                                   name=f"roster-{kind}")
    job._thread.start()
    return job
