"""Progress of the search on stderr when ``ROSTER_TRACE`` is set (never any personal data)."""

from __future__ import annotations

import os
import sys

TRACE = bool(os.environ.get("ROSTER_TRACE"))


def trace(text: str) -> None:
    if TRACE:
        print(text, file=sys.stderr, flush=True)
