"""Shared fixtures: paths to the bundled data, a helper to build small scenarios, a local
Dask cluster."""

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


@pytest.fixture(scope="module")
def cluster():
    """One real local Dask cluster per test module (2 worker processes, one thread each)."""
    from roster.parallel import local_cluster

    c = local_cluster(2)
    yield c
    c.close()


@pytest.fixture
def dask(cluster):
    """A Dask executor on the module's cluster."""
    from roster.parallel import DaskExecutor

    ex = DaskExecutor(scheduler=cluster.scheduler_address)
    yield ex
    ex.close()
