"""Progress of the search on stderr when ``ROSTER_TRACE`` is set (never any personal data),
and, for a front end, progress events and a stop request for the solve running in this
thread (:func:`watching`)."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable, Iterator

TRACE = bool(os.environ.get("ROSTER_TRACE"))
STOPPED = "stopped on request; the best rota found so far"
"""The solver message of a solve stopped through :func:`watching`'s ``stop``."""

_watch = threading.local()


def trace(text: str) -> None:
    if TRACE:
        print(text, file=sys.stderr, flush=True)


TRACE_ROUNDS = os.environ.get("ROSTER_TRACE") == "rounds"


def trace_round(text: str) -> None:
    """Each better rota the local search finds, with ``ROSTER_TRACE=rounds``."""
    if TRACE_ROUNDS:
        print(text, file=sys.stderr, flush=True)


@contextlib.contextmanager
def watching(on_event: Callable[[dict], None] | None = None,
             stop: Callable[[], bool] | None = None) -> Iterator[None]:
    """While this block runs, solves in this thread send progress events to ``on_event``
    (``{"event": "stage", "stage", "index", "of"}``, ``{"event": "value", "stage", "value",
    "bound"}``) and stop at the next stage or local-search round once ``stop()`` is true,
    keeping the best rota found so far."""
    before = getattr(_watch, "hooks", None)
    _watch.hooks = (on_event, stop)
    try:
        yield
    finally:
        _watch.hooks = before


def progress(**event: object) -> None:
    hooks = getattr(_watch, "hooks", None)
    if hooks and hooks[0] is not None:
        hooks[0](event)


def stop_requested() -> bool:
    hooks = getattr(_watch, "hooks", None)
    return bool(hooks and hooks[1] is not None and hooks[1]())
