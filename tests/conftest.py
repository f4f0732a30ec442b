"""Shared fixtures: paths to the bundled data, a helper to build small scenarios, a local
Dask cluster."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SHARED = ROOT.parent / "shared"

BAD_SCENARIO = """
[scenario]
name = "Bad"
[period]
start = 2027-01-10
end = 2027-01-04
[[shifts]]
code = "D"
start = "08:00"
end = "16:00"
[[staff]]
id = "p1"
fte = -1
[[coverage]]
shift = "Z"
days = ["weekday"]
min_staff_if_open = 1
[[absences]]
staff = "nobody"
start = 2027-01-05
[[wishes]]
staff = "p1"
date = 2027-01-05
kind = "holiday"
"""
"""A scenario with a mistake in every section: the CLI must name each one (tests/test_cli.py,
tests/test_cli_nb_errors.py)."""

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
