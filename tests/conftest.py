"""Shared fixtures: paths to the bundled data and a helper to build small scenarios."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SHARED = ROOT.parent / "shared"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the developer tools in tools/ (browser driver) are not installed


@pytest.fixture
def data_dir() -> Path:
    return DATA
