"""Cost tables (staffing --costs) and benchmark instance files (bench curtois)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import Any

from fuzz import mutate as m
from fuzz.cases import Case
from fuzz.common import built, fifo, folder, make, seed, text_builder, toml_builder
from fuzz.textmut import text_mutations

COSTS_KIND, BENCH_KIND = "cost-table", "bench-instance"

# --- cost tables ---------------------------------------------------------------------


def cost_steps(scenario: str = "scenario.toml") -> list[tuple[str, ...]]:
    return [("staffing", scenario, "--costs", "costs.toml", "--out", "out")]


def _costs(mutation: str, detail: str, mutator: Any) -> Case:
    return make(
        COSTS_KIND,
        mutation,
        detail,
        cost_steps(),
        [built("costs.toml", toml_builder("costs.toml", mutator)), seed("scenario.toml", "tiny.toml")],
    )


def _costs_parsed() -> Any:
    import tomllib

    from fuzz.seeds import DATA

    return tomllib.loads((DATA / "costs" / "ks-2024.toml").read_text(encoding="utf-8"))


COST_TARGETS = [
    ("salary_month",),
    ("social",),
    ("ubekvem",),
    ("vikar",),
    ("running",),
    ("year",),
    ("ubekvem", "weekend_tiers"),
    ("ubekvem", "evening_night_start"),
    ("salary_month", "default"),
    ("social", "employer_tax"),
    ("vikar", "annual_hours"),
]
TIERS: dict[str, Any] = {
    "one-number": [[0]],
    "text": [["a", 1]],
    "empty": [],
    "duplicate": [[0, 53], [0, 100]],
    "nan": [[float("nan"), 1]],
    "negative": [[-1, 53]],
    "huge": [[1e308, 1]],
    "three-numbers": [[0, 53, 7]],
    "deeper": [[[0]]],
    "flat": [0, 53],
}
TIMES = {
    "25:00": "25:00",
    "empty": "",
    "24:00": "24:00",
    "no-colon": "8",
    "minute-60": "08:60",
    "negative": "-1:00",
    "number": 5,
}


def cost_cases() -> list[Case]:
    data = _costs_parsed()
    leaves = m.paths(data, m.is_number)
    cases = [
        _costs("number", f"{m.path_name(p)}={n}", lambda d, p=p, v=m.NUMBERS[n]: m.set_at(d, p, v))
        for p, n in m.sample(m.rng_for("cost-numbers"), list(itertools.product(leaves, m.NUMBERS)), 16)
    ]
    pairs = m.sample(m.rng_for("cost-types"), list(itertools.product(COST_TARGETS, m.WRONG_TYPES)), 14)
    cases += [
        _costs("wrong-type", f"{m.path_name(t)}={n}", lambda d, t=t, v=m.WRONG_TYPES[n]: m.set_at(d, t, v))
        for t, n in pairs
    ]
    keys = [p for p, _v in m.walk(data) if p and isinstance(p[-1], str)]
    cases += [
        _costs("deleted-key", m.path_name(p), lambda d, p=p: m.delete_at(d, p))
        for p in m.sample(m.rng_for("cost-delete"), keys, 8)
    ]
    cases += [
        _costs("unknown-key", name, fn)
        for name, fn in (
            ("top", lambda d: {**d, "zz": 1}),
            ("section", lambda d: m.set_at(d, ("social", "zz"), 1)),
            ("table", lambda d: {**d, "zz": {"a": 1}}),
        )
    ]
    cases += [
        _costs("tiers", name, lambda d, v=v: m.set_at(d, ("ubekvem", "weekend_tiers"), v))
        for name, v in TIERS.items()
    ]
    cases += [
        _costs("times", name, lambda d, v=v: m.set_at(d, ("ubekvem", "evening_night_start"), v))
        for name, v in TIMES.items()
    ]
    cases += [
        make(
            COSTS_KIND,
            mutation,
            detail,
            cost_steps(),
            [built("costs.toml", text_builder("costs.toml", fn)), seed("scenario.toml", "tiny.toml")],
        )
        for mutation, detail, fn in text_mutations("costs")[::2]
    ]
    for name in ("dde", "at", "tab"):
        payload = m.FORMULAS[name]
        role_costs = toml_builder("costs.toml", lambda d, p=payload: m.set_at(d, ("salary_month", p), 50000))
        role_scen = toml_builder("tiny.toml", lambda d, p=payload: m.set_at(d, ("staff", 0, "role"), p))
        cases.append(
            make(
                COSTS_KIND,
                "formula",
                f"role={name}",
                cost_steps(),
                [built("costs.toml", role_costs), built("scenario.toml", role_scen)],
            )
        )
    scen = seed("scenario.toml", "tiny.toml")
    cases += [
        make(COSTS_KIND, "special-file", "folder", cost_steps(), [folder("costs.toml"), scen]),
        make(COSTS_KIND, "special-file", "fifo", cost_steps(), [fifo("costs.toml"), scen]),
        make(COSTS_KIND, "special-file", "missing", cost_steps(), [scen]),
        make(
            COSTS_KIND,
            "special-file",
            "scenario-as-costs",
            cost_steps(),
            [seed("costs.toml", "tiny.toml"), scen],
        ),
    ]
    return cases


# --- benchmark instances -------------------------------------------------------------

INST = "instance.txt"
LineEdit = Callable[[list[str]], list[str]]


def bench_steps(out: str = "rota.json", instance: str = INST) -> list[tuple[str, ...]]:
    return [("bench", "curtois", instance, "--time-limit", "2", "--out", out)]


def _sections(text: str) -> list[tuple[str, list[str]]]:
    """The instance as (section header, data lines), comments dropped."""
    out: list[tuple[str, list[str]]] = [("", [])]
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("#"):
            continue
        if s.startswith("SECTION_"):
            out.append((s, []))
        elif s:
            out[-1][1].append(s)
    return out


def _join(sections: list[tuple[str, list[str]]]) -> str:
    parts = []
    for head, lines in sections:
        parts.append("\n".join(([head] if head else []) + lines))
    return "\n\n".join(p for p in parts if p) + "\n"


def section_edit(section: str, edit: LineEdit) -> Callable[[bytes], bytes]:
    def change(raw: bytes) -> bytes:
        secs = _sections(raw.decode("utf-8"))
        return _join(
            [(h, edit(list(lines)) if h == f"SECTION_{section}" else lines) for h, lines in secs]
        ).encode()

    return change


def field(index: int, value: str, row: int = 0) -> LineEdit:
    def edit(lines: list[str]) -> list[str]:
        if row < len(lines):
            cells = lines[row].split(",")
            while len(cells) <= index:
                cells.append("")
            cells[index] = value
            lines[row] = ",".join(cells)
        return lines

    return edit


def whole(value: str, row: int = 0) -> LineEdit:
    def edit(lines: list[str]) -> list[str]:
        if row < len(lines):
            lines[row] = value
        return lines

    return edit


def _drop_section(section: str) -> Callable[[bytes], bytes]:
    return lambda raw: _join(
        [(h, lines) for h, lines in _sections(raw.decode()) if h != f"SECTION_{section}"]
    ).encode()


def _rename_staff(new: str) -> Callable[[bytes], bytes]:
    """The first staff member renamed everywhere (staff, days off, requests)."""

    def change(raw: bytes) -> bytes:
        secs = _sections(raw.decode())
        old = next(lines[0].split(",")[0] for h, lines in secs if h == "SECTION_STAFF")
        fixed = [
            (
                h,
                [
                    new + line[len(old) :] if line.split(",")[0] == old and h != "SECTION_COVER" else line
                    for line in lines
                ],
            )
            for h, lines in secs
        ]
        return _join(fixed).encode()

    return change


def _rename_shift(new: str) -> Callable[[bytes], bytes]:
    def change(raw: bytes) -> bytes:
        secs = _sections(raw.decode())
        old = next(lines[0].split(",")[0] for h, lines in secs if h == "SECTION_SHIFTS")
        pattern = re.compile(r"(?<![A-Za-z0-9_])" + re.escape(old) + r"(?![A-Za-z0-9_])")
        return _join(
            [(h, [pattern.sub(lambda _m: new, line) for line in lines]) for h, lines in secs]
        ).encode()

    return change


SECTIONS = ("HORIZON", "SHIFTS", "STAFF", "DAYS_OFF", "SHIFT_ON_REQUESTS", "SHIFT_OFF_REQUESTS", "COVER")


def _bench_edits() -> list[tuple[str, str, Callable[[bytes], bytes]]]:
    edits: list[tuple[str, str, Callable[[bytes], bytes]]] = []
    for v in ("0", "-1", "abc", "1000000000", "99999", "3.5", "14 14", "1e3", "nan"):
        edits.append(("horizon", v, section_edit("HORIZON", whole(v))))
    edits.append(("horizon", "missing-value", section_edit("HORIZON", lambda _l: [])))
    for name, v in (
        ("length-nan", "nan"),
        ("length-negative", "-480"),
        ("length-zero", "0"),
        ("length-huge", "99999999999"),
        ("length-text", "abc"),
    ):
        edits.append(("shift-row", name, section_edit("SHIFTS", field(1, v))))
    edits += [
        ("shift-row", "unknown-follower", section_edit("SHIFTS", field(2, "Z|Q"))),
        ("shift-row", "only-id", section_edit("SHIFTS", whole("D"))),
        ("shift-row", "extra-fields", section_edit("SHIFTS", lambda ls: [ls[0] + ",x,y,z", *ls[1:]])),
    ]
    for name, idx, v in (
        ("max-shifts-text", 1, "D=abc"),
        ("max-shifts-negative", 1, "D=-1"),
        ("max-shifts-unknown-shift", 1, "X=3"),
        ("max-shifts-no-number", 1, "D"),
        ("max-shifts-empty", 1, ""),
        ("max-shifts-twice", 1, "D=14|D=3"),
        ("max-minutes-nan", 2, "nan"),
        ("max-minutes-negative", 2, "-1"),
        ("max-minutes-1e999", 2, "1e999"),
        ("min-over-max", 3, "100000"),
        ("max-consecutive-zero", 4, "0"),
        ("max-consecutive-negative", 4, "-5"),
        ("max-consecutive-huge", 4, "99999"),
        ("max-weekends-text", 7, "x"),
    ):
        edits.append(("staff-row", name, section_edit("STAFF", field(idx, v))))
    edits += [
        (
            "staff-row",
            "short-line",
            section_edit("STAFF", lambda ls: [ls[0].split(",")[0] + ",D=14", *ls[1:]]),
        ),
        ("staff-row", "long-line", section_edit("STAFF", lambda ls: [ls[0] + ",1,2,3,4", *ls[1:]])),
    ]
    edits += [("days-off", f"day={v}", section_edit("DAYS_OFF", field(1, v))) for v in ("-1", "99999", "x")]
    edits.append(("days-off", "unknown-staff", section_edit("DAYS_OFF", field(0, "ZZ"))))
    for name, idx, v in (
        ("day-negative", 1, "-1"),
        ("day-999", 1, "999"),
        ("unknown-shift", 2, "Q"),
        ("weight-nan", 3, "nan"),
        ("weight-1e308", 3, "1e308"),
        ("weight-negative", 3, "-5"),
        ("unknown-staff", 0, "ZZ"),
    ):
        edits.append(("requests", name, section_edit("SHIFT_ON_REQUESTS", field(idx, v))))
    for name, idx, v in (
        ("day-999", 0, "999"),
        ("unknown-shift", 1, "Q"),
        ("requirement-negative", 2, "-1"),
        ("requirement-huge", 2, "1000000000"),
        ("requirement-text", 2, "x"),
        ("weight-nan", 3, "nan"),
    ):
        edits.append(("cover", name, section_edit("COVER", field(idx, v))))
    edits += [
        ("duplicates", "staff", section_edit("STAFF", lambda ls: [ls[0], *ls])),
        ("duplicates", "shift", section_edit("SHIFTS", lambda ls: [ls[0], *ls])),
    ]
    for name in ("dde", "plus", "at"):
        edits.append(("formula", f"staff-id={name}", _rename_staff(m.FORMULAS[name].replace(",", ";"))))
    edits.append(("formula", "shift-id=formula", _rename_shift("=1+1")))
    edits += [
        ("control-chars", "staff-id-nul", _rename_staff("A\x00")),
        ("control-chars", "staff-id-escape", _rename_staff("\x1b[2J")),
    ]
    edits += [
        ("structure", "unknown-section", lambda raw: raw + b"\nSECTION_EVIL\n1,2,3\n"),
        ("structure", "data-before-section", lambda raw: b"1,2,3\n" + raw),
        ("structure", "sections-twice", lambda raw: raw + b"\n" + raw),
        ("structure", "headers-only", lambda _raw: "\n\n".join(f"SECTION_{s}" for s in SECTIONS).encode()),
    ]
    edits += [("structure", f"no-{s.lower()}", _drop_section(s)) for s in SECTIONS]
    edits += [
        ("huge", "horizon-100000", section_edit("HORIZON", whole("100000"))),
        (
            "huge",
            "5000-staff",
            section_edit("STAFF", lambda ls: ls + [f"X{i}" + ls[0][ls[0].index(",") :] for i in range(5000)]),
        ),
        ("huge", "line-of-1m-chars", lambda raw: raw + b"\n" + b"x" * 1_000_000 + b"\n"),
    ]
    return edits


def bench_cases() -> list[Case]:
    cases = [
        make(BENCH_KIND, mutation, detail, bench_steps(), [built(INST, text_builder("curtois.txt", fn))])
        for mutation, detail, fn in _bench_edits()
    ]
    cases += [
        make(BENCH_KIND, mutation, detail, bench_steps(), [built(INST, text_builder("curtois.txt", fn))])
        for mutation, detail, fn in text_mutations("bench")[::2]
    ]
    inst = seed(INST, "curtois.txt")
    cases += [
        make(BENCH_KIND, "special-file", "folder", bench_steps(), [folder(INST)]),
        make(BENCH_KIND, "special-file", "fifo", bench_steps(), [fifo(INST)]),
        make(BENCH_KIND, "special-file", "missing", bench_steps(), []),
        make(BENCH_KIND, "arguments", "out-is-the-instance", bench_steps(INST), [inst]),
        make(BENCH_KIND, "arguments", "out-under-a-file", bench_steps(f"{INST}/rota.json"), [inst]),
        make(
            BENCH_KIND,
            "arguments",
            "time-limit-nan",
            [("bench", "curtois", INST, "--time-limit", "nan", "--out", "rota.json")],
            [inst],
        ),
        make(
            BENCH_KIND,
            "arguments",
            "time-limit-negative",
            [("bench", "curtois", INST, "--time-limit", "-1", "--out", "rota.json")],
            [inst],
        ),
        make(
            BENCH_KIND,
            "arguments",
            "threads-100000",
            [("bench", "curtois", INST, "--time-limit", "2", "--threads", "100000")],
            [inst],
        ),
    ]
    return cases


def cases() -> list[Case]:
    return [*cost_cases(), *bench_cases()]
