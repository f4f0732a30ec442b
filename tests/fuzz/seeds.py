"""The valid files every case is derived from: bundled data, plus rotas, workbooks and a store
made once per run with the planner itself (``Seeds.build``)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" if (ROOT / "data").is_dir() else ROOT / "roster" / "data"
TEMPLATES = ROOT / "templates" if (ROOT / "templates").is_dir() else ROOT / "roster" / "templates"
CURTOIS = ROOT.parent / "shared" / "bench" / "curtois" / "Instance1.txt"
UNIT = "MAT Fredrikstad"
TINY_UNIT = "Fuzz unit"

Runner = Callable[[list[str], Path], tuple[int, str]]
"""Runs ``roster argv`` in a folder; returns the exit code and the captured output."""

TINY_TOML = """\
[scenario]
name = "Fuzz tiny"
unit = "Fuzz unit"
description = "A one-week team for the bad-input suite"

[period]
start = 2027-03-01
end = 2027-03-07

[rules]
weekend_every = 2
max_consecutive_days = 6

[[shifts]]
code = "D"
name = "Dag"
start = "08:00"
end = "16:00"
hours = 7.5
days = ["weekday", "saturday", "sunday"]

[[shifts]]
code = "A"
name = "Kveld"
start = "14:00"
end = "21:30"
break_minutes = 30
days = ["weekday"]
kind = "evening"

[[staff]]
id = "s1"
name = "Kari"
fte = 0.6
skills = ["nurse"]
role = "sykepleier"

[[staff]]
id = "s2"
name = "Ola"
fte = 0.6
skills = ["nurse"]
role = "vernepleier"

[[staff]]
id = "s3"
name = "Ingrid"
fte = 0.6
skills = ["nurse"]

[[staff]]
id = "s4"
name = "Per"
stillingsprosent = 60
cannot_work = ["A"]

[[coverage]]
label = "Dag"
shift = "D"
days = ["weekday", "saturday", "sunday"]
min_staff_if_open = 1
priority = "base"
skills = { nurse = 1 }

[[coverage]]
label = "Kveld"
shift = "A"
days = ["weekday"]
min_staff_if_open = 3
priority = "service"
open = { count = 1, per = "week" }
rank = 1

[[absences]]
staff = "s2"
start = 2027-03-05
end = 2027-03-05
kind = "course"

[[wishes]]
staff = "s3"
date = 2027-03-03
kind = "day_off"
weight = 5

[[locked]]
staff = "s1"
date = 2027-03-01
shift = "D"
"""

CURTOIS_FALLBACK = """\
SECTION_HORIZON
7

SECTION_SHIFTS
D,480,
L,480,D

SECTION_STAFF
A,D=7|L=7,2400,960,5,1,1,1
B,D=7|L=7,2400,960,5,1,1,1
C,D=7|L=7,2400,960,5,1,1,1

SECTION_DAYS_OFF
A,0

SECTION_SHIFT_ON_REQUESTS
B,1,D,2

SECTION_SHIFT_OFF_REQUESTS
C,2,L,1

SECTION_COVER
0,D,1,100,1
1,D,1,100,1
2,L,1,100,1
3,D,2,100,1
4,L,1,100,1
5,D,1,100,1
6,D,1,100,1
"""


class SeedError(RuntimeError):
    """A seed file could not be made with the planner (the product is broken right now)."""


class Seeds:
    """Bytes of the valid base files, by name. ``build`` makes the generated ones first."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._cache: dict[str, bytes] = {}

    # --- the files -------------------------------------------------------------------
    def bytes(self, name: str) -> bytes:
        if name not in self._cache:
            self._cache[name] = (self.folder / name).read_bytes()
        return self._cache[name]

    def text(self, name: str) -> str:
        return self.bytes(name).decode("utf-8")

    # --- making them -----------------------------------------------------------------
    def build(self, run: Runner) -> None:
        f = self.folder
        f.mkdir(parents=True, exist_ok=True)
        for name in ("fredrikstad-mat.toml", "alta-ettervern.toml", "storgata-bofellesskap.toml"):
            shutil.copyfile(DATA / name, f / name)
        shutil.copyfile(DATA / "costs" / "ks-2024.toml", f / "costs.toml")
        shutil.copyfile(TEMPLATES / "example-fredrikstad-mat.xlsx", f / "example.xlsx")
        shutil.copyfile(TEMPLATES / "scenario.xlsx", f / "template.xlsx")
        (f / "tiny.toml").write_text(TINY_TOML, encoding="utf-8")
        bench = CURTOIS.read_text(encoding="utf-8") if CURTOIS.is_file() else CURTOIS_FALLBACK
        (f / "curtois.txt").write_text(bench, encoding="utf-8")
        self._planned(run)

    def _planned(self, run: Runner) -> None:
        f = self.folder
        self._run(run, ["solve", "fredrikstad-mat.toml", "--out", "mat", "--time-limit", "5"])
        shutil.copyfile(f / "mat" / "rota.json", f / "rota.json")
        self._run(run, ["solve", "tiny.toml", "--out", "tiny", "--time-limit", "5"])
        shutil.copyfile(f / "tiny" / "rota.json", f / "tiny-rota.json")
        self._run(
            run,
            [
                "replan",
                "fredrikstad-mat.toml",
                "rota.json",
                "--absent",
                "s03:2027-01-11:2027-01-24",
                "--today",
                "2027-01-11",
                "--out",
                "replan",
                "--time-limit",
                "5",
            ],
        )
        shutil.copyfile(f / "replan" / "rota.json", f / "replan-rota.json")
        self._run(run, ["export", "fredrikstad-mat.toml", "rota.json", "--out", "rota.xlsx"])
        self._run(run, ["template", "--from", "tiny.toml", "--out", "tiny.xlsx"])
        self._run(
            run,
            [
                "publish",
                "rota.json",
                "--unit",
                UNIT,
                "--scenario",
                "fredrikstad-mat.toml",
                "--user",
                "fuzz",
                "--db",
                "store.db",
            ],
        )
        self._run(
            run,
            [
                "publish",
                "tiny-rota.json",
                "--unit",
                TINY_UNIT,
                "--scenario",
                "tiny.toml",
                "--user",
                "fuzz",
                "--db",
                "store.db",
            ],
        )
        self._run(run, ["export-db", "--out", "backup.json", "--db", "store.db"])
        _fold_wal(f / "store.db")

    def _run(self, run: Runner, argv: list[str]) -> None:
        code, output = run(argv, self.folder)
        if code != 0:
            raise SeedError(f"roster {' '.join(argv)} failed with exit code {code}:\n{output}")


def _fold_wal(db: Path) -> None:
    """One self-contained database file (no -wal/-shm beside it) to copy into cases."""
    con = sqlite3.connect(db)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # stays in WAL mode, as the store keeps it
    finally:
        con.close()
    for side in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        side.unlink(missing_ok=True)
