"""The app's upload path (roster.ui.scenario_data.read_upload, then validate and the page views):
the same bad scenarios as the CLI gets, as bytes with a file name, plus odd names and sizes."""

from __future__ import annotations

from fuzz import gen_toml, gen_xlsx
from fuzz.cases import UPLOAD, Case
from fuzz.common import built, const, make, seed
from fuzz.mutate import random_bytes, rng_for

KIND = "app-upload"
NOT_BYTES = {"special-file"}
"""Mutations about the file system (folders, pipes): an upload is bytes, so they do not apply."""


def upload(name: str) -> tuple[str, ...]:
    return (UPLOAD, name, name)


def toml_cases() -> list[Case]:
    """Every mutation class of the TOML scenarios, then every sixth case."""
    picked, classes = [], set()
    for i, case in enumerate(gen_toml.cases()):
        if case.mutation in NOT_BYTES:
            continue
        if case.mutation not in classes or i % 6 == 0:
            classes.add(case.mutation)
            picked.append(case)
    return [
        make(
            KIND,
            f"toml-{c.mutation}",
            c.id.split("/", 2)[2],
            [upload("scenario.toml")],
            [built("scenario.toml", c.files[0].build)],
        )
        for c in picked
        if c.files and c.files[0].build
    ]


def xlsx_cases() -> list[Case]:
    return [
        make(
            KIND,
            f"xlsx-{mutation}",
            detail,
            [upload("scenario.xlsx")],
            [built("scenario.xlsx", gen_xlsx.from_seed(gen_xlsx.EXAMPLE, fn))],
        )
        for mutation, detail, fn in gen_xlsx.upload_edits()
    ]


def name_cases() -> list[Case]:
    big = b"# padding\n" * 220_000
    return [
        make(KIND, "name", "upper-suffix", [upload("scenario.TOML")], [seed("scenario.TOML", "tiny.toml")]),
        make(KIND, "name", "no-suffix", [upload("scenario")], [seed("scenario", "tiny.toml")]),
        make(KIND, "name", "xls-suffix", [upload("scenario.xls")], [seed("scenario.xls", "example.xlsx")]),
        make(KIND, "name", "xlsm-suffix", [upload("scenario.xlsm")], [seed("scenario.xlsm", "example.xlsx")]),
        make(
            KIND, "name", "toml-named-xlsx", [upload("scenario.xlsx")], [seed("scenario.xlsx", "tiny.toml")]
        ),
        make(
            KIND,
            "name",
            "xlsx-named-toml",
            [upload("scenario.toml")],
            [seed("scenario.toml", "example.xlsx")],
        ),
        make(
            KIND,
            "name",
            "double-suffix",
            [upload("scenario.toml.xlsx")],
            [seed("scenario.toml.xlsx", "example.xlsx")],
        ),
        make(KIND, "size", "over-2mb", [upload("scenario.toml")], [const("scenario.toml", big)]),
        make(
            KIND,
            "size",
            "random-2mb-xlsx",
            [upload("scenario.xlsx")],
            [built("scenario.xlsx", lambda _s: random_bytes(rng_for("upload-2mb"), 2 * 1024 * 1024))],
        ),
        make(KIND, "size", "empty", [upload("scenario.toml")], [const("scenario.toml", b"")]),
    ]


def cases() -> list[Case]:
    return [*toml_cases(), *xlsx_cases(), *name_cases()]
