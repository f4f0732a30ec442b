"""rota.json: fields of the wrong type, damaged rows, NaN/Infinity, dates out of range, broken
text and odd files, through every command that reads a rota (and the solver's --previous and
--baseline, publish and replan)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from fuzz import mutate as m
from fuzz.cases import STATE, Case
from fuzz.common import built, fifo, folder, json_builder, make, seed, text_builder
from fuzz.seeds import UNIT
from fuzz.textmut import text_mutations

KIND = "rota-json"
SCEN = "scenario.toml"
ROTA = "rota.json"
FIELDS = (
    "format",
    "scenario",
    "start",
    "end",
    "status",
    "solver",
    "rules",
    "shifts",
    "staff",
    "absences",
    "assignments",
    "coverage",
    "violations",
)
REPLAN_FIELDS = ("changes", "replan", "short", "service_level", "unit")
WRONG: dict[str, Any] = {
    "int": 5,
    "string": "x",
    "list": [],
    "object": {},
    "null": None,
    "bool": True,
    "nan": float("nan"),
    "list-of-int": [5],
    "list-of-junk": [{"x": 1}],
    "-1e308": -1e308,
}


def read_steps() -> list[tuple[str, ...]]:
    """Every command that reads a rota of a scenario and does not solve."""
    return [
        ("check", SCEN, ROTA),
        ("export", SCEN, ROTA, "--out", "rota.xlsx"),
        ("coverage", SCEN, ROTA, "--out", "cov"),
        ("simulate", SCEN, ROTA, "--runs", "20", "--out", "sim"),
        ("robustness", SCEN, ROTA),
    ]


def _files(base: str, mutator: Any, scenario: str = "fredrikstad-mat.toml") -> list:
    return [built(ROTA, json_builder(base, mutator)), seed(SCEN, scenario)]


def _first(section: str, key: str, value: Any) -> Any:
    return lambda d: m.set_at(d, (section, 0, key), value)


def _swap(key: str, value: Any) -> Any:
    return lambda d: {**d, key: value}


def field_cases(count: int) -> list[Case]:
    pairs = list(itertools.product(FIELDS, WRONG))
    picked = m.sample(m.rng_for("rota-fields"), pairs, count)
    cases = [
        make(KIND, "wrong-type", f"{f}={w}", read_steps(), _files("rota.json", _swap(f, WRONG[w])))
        for f, w in picked
    ]
    for f, w in m.sample(m.rng_for("rota-replan-fields"), list(itertools.product(REPLAN_FIELDS, WRONG)), 10):
        cases.append(
            make(
                KIND,
                "wrong-type",
                f"replan/{f}={w}",
                read_steps(),
                _files("replan-rota.json", _swap(f, WRONG[w])),
            )
        )
    return cases


D9999, D1 = "9999-12-31", "0001-01-01"
ROW_EDITS: dict[str, Any] = {
    "assignment-staff-int": _first("assignments", "staff", 5),
    "assignment-staff-empty": _first("assignments", "staff", ""),
    "assignment-staff-unknown": _first("assignments", "staff", "nobody"),
    "assignment-staff-formula": _first("assignments", "staff", "=cmd|' /C calc'!A0"),
    "assignment-date-feb30": _first("assignments", "date", "2027-02-30"),
    "assignment-date-year1": _first("assignments", "date", D1),
    "assignment-date-9999": _first("assignments", "date", D9999),
    "assignment-date-int": _first("assignments", "date", 20270101),
    "assignment-date-datetime": _first("assignments", "date", "2027-01-01T08:00"),
    "assignment-shift-unknown": _first("assignments", "shift", "ZZ"),
    "assignment-shift-int": _first("assignments", "shift", 5),
    "assignment-shift-formula": _first("assignments", "shift", "=1+1"),
    "assignment-locked-text": _first("assignments", "locked", "yes"),
    "assignment-locked-nan": _first("assignments", "locked", float("nan")),
    "assignment-duplicate": lambda d: {**d, "assignments": d["assignments"] + d["assignments"][:1]},
    "assignment-outside-period": lambda d: {
        **d,
        "assignments": [
            *d["assignments"],
            {"staff": "s01", "date": "2027-03-01", "shift": "D", "locked": False},
        ],
    },
    "assignments-100000-fake-staff": lambda d: {
        **d,
        "assignments": [{"staff": f"x{i}", "date": "2027-01-04", "shift": "D"} for i in range(100_000)],
    },
    "staff-fte-nan": _first("staff", "fte", float("nan")),
    "staff-fte-text": _first("staff", "fte", "x"),
    "staff-fte-negative": _first("staff", "fte", -1),
    "staff-fte-1e308": _first("staff", "fte", 1e308),
    "staff-id-int": _first("staff", "id", 5),
    "staff-name-formula": _first("staff", "name", "=cmd|' /C calc'!A0"),
    "staff-target-nan": _first("staff", "target_hours", float("nan")),
    "staff-min-hours-text": _first("staff", "min_hours", "x"),
    "staff-row-int": lambda d: m.set_at(d, ("staff", 0), 5),
    "absence-year1-to-9999": _swap("absences", [{"staff": "s01", "start": D1, "end": D9999, "kind": "sick"}]),
    "absence-staff-int": _swap("absences", [{"staff": 5}]),
    "absence-start-text": _swap("absences", [{"staff": "s01", "start": "x"}]),
    "absence-end-before-start": _swap(
        "absences", [{"staff": "s01", "start": "2027-01-05", "end": "2027-01-03"}]
    ),
    "absence-formula-kind": _swap(
        "absences", [{"staff": "s01", "start": "2027-01-05", "kind": "=cmd", "percent": float("nan")}]
    ),
    "violation-rule-int": _swap("violations", [{"rule": 5}]),
    "violation-date-text": _swap("violations", [{"rule": "coverage", "date": "x", "detail": 5}]),
    "violation-formulas": _swap(
        "violations",
        [
            {
                "rule": "=cmd|' /C calc'!A0",
                "detail": "@SUM(1)",
                "staff": "-1+1",
                "date": "2027-01-04",
                "shift": "+D",
            }
        ],
    ),
    "rules-nan": _swap("rules", {"min_rest_hours": float("nan")}),
    "rules-weekend-every-0": _swap("rules", {"weekend_every": 0}),
    "rules-consecutive-negative": _swap("rules", {"max_consecutive_days": -1}),
    "rules-text-number": _swap("rules", {"min_rest_hours": "11"}),
    "rules-1e308": _swap("rules", {"weekly_rest_hours": 1e308}),
    "solver-seconds-text": _swap("solver", {"seconds": "x"}),
    "solver-gap-nan": _swap("solver", {"gap": float("nan"), "name": 5}),
    "shift-start-25": lambda d: m.set_at(d, ("shifts", 0, "start"), "25:00"),
    "shift-code-int": lambda d: m.set_at(d, ("shifts", 0, "code"), 5),
    "shift-hours-nan": lambda d: m.set_at(d, ("shifts", 0, "hours"), float("nan")),
    "coverage-date-text": lambda d: m.set_at(d, ("coverage", 0, "date"), "x"),
    "coverage-min-nan": lambda d: m.set_at(d, ("coverage", 0, "min"), float("nan")),
    "coverage-min-negative": lambda d: m.set_at(d, ("coverage", 0, "min"), -1),
    "coverage-far-row": _swap("coverage", [{"date": D9999, "shift": "ZZ", "min": 3}]),
    "period-year1-to-9999": lambda d: {**d, "start": D1, "end": D9999},
    "period-swapped": lambda d: {**d, "start": d["end"], "end": d["start"]},
    "period-short-form": _swap("start", "2027-1-1"),
    "period-int": _swap("start", 20270101),
    "period-year0": _swap("start", "0000-01-01"),
    "period-one-day": _swap("end", "2027-01-01"),
    "status-unknown": _swap("status", "weird"),
    "format-rota2": _swap("format", "rota/2"),
    "format-missing": lambda d: {k: v for k, v in d.items() if k != "format"},
    "scenario-formula": _swap("scenario", "=cmd|' /C calc'!A0"),
}
CHANGE_EDITS: dict[str, Any] = {
    "changes-junk-row": _swap("changes", [{"staff": 5, "date": "x", "before": [], "after": {}}]),
    "changes-far-row": _swap("changes", [{"staff": "s01", "date": D9999, "before": "D", "after": "ZZ"}]),
    "changes-empty-row": _swap("changes", [{}]),
    "changes-formulas": _swap(
        "changes", [{"staff": "=cmd|' /C calc'!A0", "date": "2027-01-11", "before": "+1", "after": "@SUM(1)"}]
    ),
    "changes-10000-rows": _swap(
        "changes", [{"staff": "s01", "date": "2027-01-11", "before": "D", "after": None}] * 10_000
    ),
}


def row_cases() -> list[Case]:
    cases = [
        make(KIND, "damaged-row", name, read_steps(), _files("rota.json", fn))
        for name, fn in ROW_EDITS.items()
    ]
    cases += [
        make(KIND, "damaged-row", f"replan/{name}", read_steps(), _files("replan-rota.json", fn))
        for name, fn in CHANGE_EDITS.items()
    ]
    return cases


def _replace(old: bytes, new: bytes) -> Any:
    return lambda raw: raw.replace(old, new, 1)


JSON_TEXT: dict[str, Any] = {
    "nan-literal-fte": _replace(b'"fte": 1.0', b'"fte": NaN'),
    "infinity-literal-seconds": lambda raw: raw.replace(b'"seconds": ', b'"seconds": Infinity, "x": ', 1),
    "minus-infinity-coverage": _replace(b'"min": 3', b'"min": -Infinity'),
    "1e400-fte": _replace(b'"fte": 1.0', b'"fte": 1e400'),
    "int-5000-digits": _replace(b'"fte": 1.0', b'"fte": ' + b"9" * 5000),
    "deep-nesting-100000": lambda _raw: m.nested_array(100_000).encode(),
    "deep-nesting-in-field": lambda raw: raw.replace(
        b'"rules": ', b'"rules": ' + b"[" * 50_000 + b"]" * 50_000 + b', "x": ', 1
    ),
    "top-level-array": lambda _raw: b"[]",
    "top-level-null": lambda _raw: b"null",
    "top-level-number": lambda _raw: b"5",
    "top-level-string": lambda _raw: b'"rota"',
    "duplicate-keys": lambda raw: raw.replace(b"{", b'{"start": "x", ', 1),
    "trailing-garbage": lambda raw: raw + b"}{]",
    "single-quotes": lambda raw: raw.replace(b'"', b"'"),
    "comment": lambda raw: b"// rota\n" + raw,
}


def text_cases() -> list[Case]:
    cases = [
        make(
            KIND,
            mutation,
            detail,
            read_steps(),
            [built(ROTA, text_builder("rota.json", fn)), seed(SCEN, "fredrikstad-mat.toml")],
        )
        for mutation, detail, fn in text_mutations("rota")
    ]
    cases += [
        make(
            KIND,
            "json-syntax",
            detail,
            read_steps(),
            [built(ROTA, text_builder("rota.json", fn)), seed(SCEN, "fredrikstad-mat.toml")],
        )
        for detail, fn in JSON_TEXT.items()
    ]
    scen = seed(SCEN, "fredrikstad-mat.toml")
    cases += [
        make(KIND, "special-file", "folder", read_steps(), [folder(ROTA), scen]),
        make(KIND, "special-file", "fifo", read_steps(), [fifo(ROTA), scen]),
        make(KIND, "special-file", "missing", read_steps(), [scen]),
        make(
            KIND, "special-file", "scenario-as-rota", read_steps(), [seed(ROTA, "fredrikstad-mat.toml"), scen]
        ),
        make(
            KIND,
            "special-file",
            "other-scenario",
            read_steps(),
            [seed(ROTA), seed(SCEN, "alta-ettervern.toml")],
        ),
    ]
    return cases


# --- the rota as input to planning and to the store ---------------------------------


def _shift_dates(data: Any, days: int) -> Any:
    """The tiny rota moved ``days`` earlier: the period before the tiny scenario (for --previous)."""

    def move(value: Any) -> Any:
        if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
            try:
                return (dt.date.fromisoformat(value) - dt.timedelta(days=days)).isoformat()
            except ValueError:
                return value
        if isinstance(value, dict):
            return {k: move(v) for k, v in value.items()}
        if isinstance(value, list):
            return [move(v) for v in value]
        return value

    return move(data)


def _mutators() -> list[tuple[str, Any]]:
    """Mutations for the planning and store paths: a spread of field types and damaged rows."""
    fields = [
        (f"{f}={w}", _swap(f, WRONG[w]))
        for f, w in m.sample(m.rng_for("rota-plan-fields"), list(itertools.product(FIELDS, WRONG)), 7)
    ]
    rows = m.sample(m.rng_for("rota-plan-rows"), list(ROW_EDITS.items()), 7)
    return fields + rows


def planning_cases() -> list[Case]:
    cases = []
    for name, fn in _mutators():
        prev = built("previous.json", json_builder("tiny-rota.json", lambda d, fn=fn: fn(_shift_dates(d, 7))))
        cases.append(
            make(
                KIND,
                "as-previous",
                name,
                [("solve", SCEN, "--out", "out", "--time-limit", "2", "--previous", "previous.json")],
                [prev, seed(SCEN, "tiny.toml")],
            )
        )
        cases.append(
            make(
                KIND,
                "as-baseline",
                name,
                [("solve", SCEN, "--out", "out", "--time-limit", "2", "--baseline", ROTA)],
                [built(ROTA, json_builder("tiny-rota.json", fn)), seed(SCEN, "tiny.toml")],
            )
        )
        cases.append(
            make(
                KIND,
                "publish",
                name,
                [
                    ("publish", ROTA, "--unit", UNIT, "--db", "store.db", "--scenario", SCEN),
                    ("history", "--unit", UNIT, "--details", "--db", "store.db"),
                ],
                [*_files("rota.json", fn), seed("store.db", role=STATE)],
            )
        )
    for name, fn in m.sample(m.rng_for("rota-replan"), _mutators(), 10):
        cases.append(
            make(
                KIND,
                "replan",
                name,
                [
                    (
                        "replan",
                        SCEN,
                        ROTA,
                        "--absent",
                        "s03:2027-01-11:2027-01-24",
                        "--today",
                        "2027-01-11",
                        "--out",
                        "rp",
                        "--time-limit",
                        "2",
                    )
                ],
                _files("rota.json", fn),
            )
        )
    return cases


def cases() -> list[Case]:
    return [*field_cases(30), *row_cases(), *text_cases(), *planning_cases()]
