"""The one owner of HiGHS's process-wide state: its thread count and its banner.

HiGHS keeps one task scheduler (thread pool) per process, sized by the first solve that
runs. A later solve asking for another count gets an error status from ``run()`` (seen
with highspy 1.16: a default solve, then ``threads = 1``). A long-running process (the
app, a staffing check, a portfolio worker) solves many times with options from different
callers, so the count is decided once here: the first request fixes it, and every later
solve in the process uses the same count whatever it asks for.

Order of choice for the first solve: the caller's ``threads``, else ``ROSTER_THREADS``
from the environment, else the machine's core count (HiGHS's own automatic choice).
"""

from __future__ import annotations

import os
import sys
import threading

_lock = threading.Lock()
_fixed: int | None = None
_banner_shown = False
ENV = "ROSTER_THREADS"


def default_threads() -> int:
    raw = os.environ.get(ENV, "")
    if raw.strip().isdigit() and int(raw) > 0:
        return int(raw)
    return max(1, os.cpu_count() or 1)


def process_threads(requested: int | None = None) -> int:
    """The thread count every HiGHS solve in this process must use."""
    global _fixed
    with _lock:
        if _fixed is None:
            _fixed = int(requested) if requested else default_threads()
        return _fixed


def new_highs():
    """A new ``highspy.Highs``. The English banner HiGHS prints on the first one in a
    process ("Running HiGHS 1.16.0 ... MIT licence terms") is dropped: it is not the
    planner's output, and in bokmål mode no English word may show (the README credits
    HiGHS and its licence). With ``ROSTER_TRACE`` set it goes to stderr, with the trace."""
    global _banner_shown
    import highspy

    with _lock:
        if _banner_shown:
            return highspy.Highs()
        _banner_shown = True
        sys.stdout.flush()
        saved = os.dup(1)
        target = None if os.environ.get("ROSTER_TRACE") else os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(2 if target is None else target, 1)
            return highspy.Highs()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
            if target is not None:
                os.close(target)
