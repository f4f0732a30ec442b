"""The worker process: imports the planner once and runs one request per input line.

Run by ``fuzz.harness.Worker``; not a command for people. Each request is a JSON line
``{"op": "cli" | "upload", "argv": [...], "cwd": ..., "db": ..., "out": ..., "err": ...}``;
the reply is one JSON line ``{"code": ..., "uncaught": bool}``. The command's stdout and
stderr (also what native code such as HiGHS prints) go to the files ``out`` and ``err``,
so nothing the product prints can disturb the protocol, which runs on its own descriptors.

``FUZZ_PRODUCT_ROOT`` runs another checkout of the planner (for example a snapshot of HEAD)
instead of the installed one.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

UNCAUGHT = "uncaught"


def isolate_product() -> None:
    """With FUZZ_PRODUCT_ROOT, import the planner from there and not from the editable install."""
    root = os.environ.get("FUZZ_PRODUCT_ROOT")
    if not root:
        return
    sys.meta_path[:] = [f for f in sys.meta_path if "__editable__" not in type(f).__module__]
    sys.path[:] = [p for p in sys.path if "__editable__" not in p]
    sys.path.insert(0, root)


@contextlib.contextmanager
def captured(out: str, err: str) -> Iterator[None]:
    """Point descriptors 1 and 2 (and sys.stdout/sys.stderr) at the two capture files."""
    saved = os.dup(1), os.dup(2)
    with open(out, "wb") as fo, open(err, "wb") as fe:
        os.dup2(fo.fileno(), 1)
        os.dup2(fe.fileno(), 2)
    old_streams = sys.stdout, sys.stderr
    sys.stdout = io.TextIOWrapper(os.fdopen(os.dup(1), "wb"), encoding="utf-8", errors="backslashreplace")
    sys.stderr = io.TextIOWrapper(
        os.fdopen(os.dup(2), "wb"), encoding="utf-8", errors="backslashreplace", line_buffering=True
    )
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
            with contextlib.suppress(Exception):
                stream.close()
        sys.stdout, sys.stderr = old_streams
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        os.close(saved[0])
        os.close(saved[1])


def run_cli(cli_main: Callable[[list[str]], int], argv: list[str]) -> Any:
    try:
        return cli_main(argv)
    except SystemExit as exc:  # argparse: usage errors and --help
        if exc.code is None:
            return 0
        if isinstance(exc.code, int):
            return exc.code
        print(exc.code, file=sys.stderr)
        return 1
    except BaseException:
        traceback.print_exc()
        return UNCAUGHT


APP_VIEWS = (
    "staff_table",
    "absence_table",
    "wish_table",
    "service_rows",
    "holiday_shifts",
    "staff_ids",
    "staff_names",
)
"""What the app's pages compute from a freshly uploaded scenario (roster/ui/scenario_data.py)."""


def run_upload(file: str, name: str) -> Any:
    """The app's upload path: read_upload, then validate and the page views of the result."""
    from roster.ui import scenario_data as sd

    raw = Path(file).read_bytes()
    try:
        data = sd.read_upload(name, raw)
    except sd.UploadRefused as exc:
        print(f"upload refused: {exc}", file=sys.stderr)
        return 1
    except BaseException:
        traceback.print_exc()
        return UNCAUGHT
    code: Any = 0
    try:
        checked = sd.validate(data)
        if checked.scenario is None:
            print(f"{len(checked.problems)} problem(s) shown next to their fields", file=sys.stderr)
            code = 1
    except BaseException:
        traceback.print_exc()
        return UNCAUGHT
    for view in APP_VIEWS:
        try:
            getattr(sd, view)(data)
        except BaseException:
            print(f"app view {view} failed on the uploaded scenario:", file=sys.stderr)
            traceback.print_exc()
            return UNCAUGHT
    return code


def handle(request: dict, cli_main: Callable[[list[str]], int]) -> dict:
    os.chdir(request["cwd"])
    os.environ["TURNUS_DB"] = request["db"]
    with captured(request["out"], request["err"]):
        if request["op"] == "upload":
            code = run_upload(request["argv"][0], request["argv"][1])
        else:
            code = run_cli(cli_main, request["argv"])
    return {"code": code}


def serve() -> None:
    proto_in = os.fdopen(os.dup(0), "r", encoding="utf-8")
    proto_out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    isolate_product()
    from roster.cli.main import main as cli_main

    proto_out.write(json.dumps({"ready": True}) + "\n")
    proto_out.flush()
    for line in proto_in:
        reply = handle(json.loads(line), cli_main)
        proto_out.write(json.dumps(reply) + "\n")
        proto_out.flush()


if __name__ == "__main__":
    serve()
