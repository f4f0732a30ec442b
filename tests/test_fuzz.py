"""The bad-input suite (tests/fuzz): malformed inputs on every input path end with a message,
never a traceback, an internal error, a hang, a changed input or a live formula.

``make test`` runs a quick subset (every kind and mutation class); ``FUZZ_FULL=1`` runs all
cases (``make fuzz``). ``FUZZ_REPORT=FILE`` writes the failure summary there (the full run
writes it to fuzz-failures.txt in the temporary directory unless told otherwise).
``FUZZ_PRODUCT_ROOT=DIR`` runs the suite against another checkout of the planner.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fuzz.generate import all_cases, subset
from fuzz.harness import Harness
from fuzz.report import Summary, describe

FULL = os.environ.get("FUZZ_FULL", "") not in ("", "0")
CASES = all_cases() if FULL else subset(all_cases())

pytestmark = pytest.mark.fuzz


def report_path() -> Path | None:
    if os.environ.get("FUZZ_REPORT"):
        return Path(os.environ["FUZZ_REPORT"])
    return Path(tempfile.gettempdir()) / "fuzz-failures.txt" if FULL else None


@pytest.fixture(scope="module")
def harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harness]:
    h = Harness(tmp_path_factory.mktemp("fuzz"))
    yield h
    h.close()


@pytest.fixture(scope="module")
def summary() -> Iterator[Summary]:
    s = Summary()
    yield s
    path = report_path()
    if path is not None:
        s.write(path, "full run" if FULL else "quick subset")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_gets_a_clear_answer(case, harness: Harness, summary: Summary) -> None:
    outcome = harness.run(case)
    summary.add(outcome)
    assert not outcome.failures, describe(outcome)


def test_the_suite_is_big_enough() -> None:
    cases = all_cases()
    kinds = {c.kind for c in cases}
    assert len(cases) >= 500
    assert {c.kind for c in subset(cases)} == kinds
    assert kinds == {
        "toml-scenario",
        "xlsx-scenario",
        "xlsx-rota",
        "rota-json",
        "store-backup",
        "store-db",
        "cost-table",
        "bench-instance",
        "cli-args",
        "app-upload",
    }
