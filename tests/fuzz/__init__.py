"""The bad-input suite: malformed inputs for every input path, run against the real CLI.

``generate`` builds the cases (deterministic, derived from the bundled files), ``harness``
runs them through a persistent worker process (``worker``) and checks that each ends with a
user-facing message: no traceback, no internal error, no hang, no input changed, no live
formula in a written CSV or workbook. ``tests/test_fuzz.py`` runs them under pytest.
"""
