"""TOML scenarios: bad numbers, wrong types, missing and unknown keys, dates out of range,
formula payloads and control characters in names and ids, broken text, odd files."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
from typing import Any

from fuzz import mutate as m
from fuzz.cases import Case
from fuzz.common import (
    built,
    check_steps,
    fifo,
    folder,
    make,
    output_steps,
    seed,
    solve_steps,
    text_builder,
    toml_builder,
)
from fuzz.textmut import text_mutations
from fuzz.tomlw import Raw

KIND = "toml-scenario"
TINY = "tiny.toml"


def _steps(base: str, f: str = "scenario.toml") -> list[tuple[str, ...]]:
    return solve_steps(f) if base == TINY else check_steps(f)


def _case(
    mutation: str, base: str, detail: str, mutator: Any, steps: list[tuple[str, ...]] | None = None
) -> Case:
    files = [built("scenario.toml", toml_builder(base, mutator))]
    return make(KIND, mutation, f"{base.removesuffix('.toml')}/{detail}", steps or _steps(base), files)


def put(data: Any, path: tuple, value: Any) -> Any:
    """``data`` with ``value`` at ``path``, creating missing tables on the way."""
    out = copy.deepcopy(data)
    node = out
    for step in path[:-1]:
        if isinstance(node, dict) and step not in node:
            node[step] = {}
        node = node[step]
    node[path[-1]] = value
    return out


# --- parsed-data mutations -----------------------------------------------------------


def number_cases(base: str, count: int) -> list[Case]:
    seed_data = _parsed(base)
    leaves = m.paths(seed_data, m.is_number)
    pairs = list(itertools.product(leaves, m.NUMBERS))
    picked = m.sample(m.rng_for(f"numbers-{base}"), pairs, count)
    return [
        _case("number", base, f"{m.path_name(p)}={name}", lambda d, p=p, v=m.NUMBERS[name]: m.set_at(d, p, v))
        for p, name in picked
    ]


TYPE_TARGETS: list[tuple] = [
    ("scenario",),
    ("period",),
    ("calendar",),
    ("rules",),
    ("objective",),
    ("shifts",),
    ("staff",),
    ("coverage",),
    ("absences",),
    ("wishes",),
    ("locked",),
    ("rules", "contract"),
    ("rules", "weekly_hours"),
    ("rules", "forbidden_successions"),
    ("calendar", "extra_holidays"),
    ("calendar", "closed_days"),
    ("shifts", 0),
    ("staff", 0),
    ("coverage", 0),
    ("coverage", 1, "open"),
    ("coverage", 0, "skills"),
    ("staff", 0, "skills"),
    ("staff", 0, "rules"),
    ("shifts", 0, "days"),
    ("shifts", 0, "start"),
    ("period", "start"),
    ("scenario", "name"),
    ("wishes", 0),
    ("locked", 0),
    ("absences", 0, "staff"),
    ("staff", 0, "cannot_work"),
    ("coverage", 0, "days"),
]
MUST_HAVE = [(("coverage",), "int"), (("shifts",), "bool"), (("rules", "contract"), "int")]


def wrong_type_cases(base: str, count: int) -> list[Case]:
    data = _parsed(base)
    targets = [t for t in TYPE_TARGETS if _parent_exists(data, t)]
    pairs = list(itertools.product(targets, m.WRONG_TYPES))
    picked = m.sample(m.rng_for(f"types-{base}"), pairs, count)
    picked += [p for p in MUST_HAVE if p not in picked and base == "tiny.toml"]
    return [
        _case(
            "wrong-type", base, f"{m.path_name(t)}={name}", lambda d, t=t, v=m.WRONG_TYPES[name]: put(d, t, v)
        )
        for t, name in picked
    ]


def _parent_exists(data: Any, path: tuple) -> bool:
    try:
        parent = m.get_at(data, path[:-1])
    except (KeyError, IndexError, TypeError):
        return False
    return isinstance(parent, dict) or (isinstance(parent, list) and path[-1] < len(parent))


def deleted_key_cases(base: str, count: int) -> list[Case]:
    data = _parsed(base)
    keys = [p for p, _v in m.walk(data) if p and isinstance(p[-1], str) and len(p) <= 3]
    picked = m.sample(m.rng_for(f"delete-{base}"), keys, count)
    return [_case("deleted-key", base, m.path_name(p), lambda d, p=p: m.delete_at(d, p)) for p in picked]


UNKNOWN_AT: list[tuple] = [
    (),
    ("scenario",),
    ("period",),
    ("rules",),
    ("rules", "contract"),
    ("shifts", 0),
    ("staff", 0),
    ("coverage", 0),
    ("coverage", 1, "open"),
    ("absences", 0),
    ("wishes", 0),
    ("locked", 0),
    ("staff", 0, "rules"),
]


def unknown_key_cases() -> list[Case]:
    cases = [
        _case("unknown-key", TINY, m.path_name(at) or "top", lambda d, at=at: put(d, (*at, "zz_unknown"), 1))
        for at in UNKNOWN_AT
    ]
    cases.append(
        _case("unknown-key", TINY, "array-of-tables", lambda d: {**d, "zz_things": [{"a": 1}, {"a": 2}]})
    )
    cases.append(_case("unknown-key", TINY, "formula-key", lambda d: {**d, "=cmd|' /C calc'!A0": 1}))
    return cases


# --- dates ---------------------------------------------------------------------------

D = dt.date
PERIODS: dict[str, dict] = {
    "month-0000": {"month": "0000-01"},
    "month-0001": {"month": "0001-01"},
    "month-9999-12": {"month": "9999-12"},
    "month-13": {"month": "2027-13"},
    "month-00": {"month": "2027-00"},
    "month-negative": {"month": "-2027-01"},
    "month-int": {"month": 202701},
    "month-date": {"month": D(2027, 1, 1)},
    "month-empty": {"month": ""},
    "start-year0-raw": {"start": Raw("0000-01-01"), "end": D(2027, 3, 7)},
    "year1": {"start": D(1, 1, 1), "end": D(1, 1, 31)},
    "year9999-december": {"start": D(9999, 12, 1), "end": D(9999, 12, 31)},
    "year1-to-9999": {"start": D(1, 1, 1), "end": D(9999, 12, 31)},
    "end-before-start": {"start": D(2027, 3, 7), "end": D(2027, 3, 1)},
    "datetimes": {"start": dt.datetime(2027, 3, 1, 8, 0), "end": dt.datetime(2027, 3, 7, 8, 0)},
    "time": {"start": dt.time(8, 0), "end": D(2027, 3, 7)},
    "strings": {"start": "2027-03-01", "end": "2027-03-07"},
    "feb-30-raw": {"start": Raw("2027-02-30"), "end": D(2027, 3, 7)},
    "start-only": {"start": D(2027, 3, 1)},
    "month-and-dates": {"month": "2027-03", "start": D(2027, 3, 1), "end": D(2027, 3, 7)},
    "367-days": {"start": D(2027, 1, 1), "end": D(2028, 1, 2)},
    "one-year": {"start": D(2027, 1, 1), "end": D(2027, 12, 31)},
}

FAR: list[tuple[str, tuple, Any]] = [
    (
        "absence-year1-to-9999",
        ("absences", 0),
        {"staff": "s2", "start": D(1, 1, 1), "end": D(9999, 12, 31), "kind": "sick"},
    ),
    ("absence-9999", ("absences", 0), {"staff": "s2", "start": D(9999, 12, 31), "kind": "sick"}),
    ("absence-year0-raw", ("absences", 0), {"staff": "s2", "start": Raw("0000-01-01"), "kind": "sick"}),
    ("wish-9999", ("wishes", 0, "date"), D(9999, 12, 31)),
    ("wish-year1", ("wishes", 0, "date"), D(1, 1, 1)),
    (
        "wish-range-year1-to-9999",
        ("wishes", 0),
        {"staff": "s3", "start": D(1, 1, 1), "end": D(9999, 12, 31), "kind": "day_off", "weight": 5},
    ),
    ("locked-9999", ("locked", 0, "date"), D(9999, 12, 31)),
    ("fixed-days-off-far", ("staff", 0, "fixed_days_off"), [D(1, 1, 1), D(9999, 12, 31)]),
    ("closed-day-9999", ("calendar", "closed_days"), [D(9999, 12, 31)]),
    ("extra-holiday-year1", ("calendar", "extra_holidays"), [{"date": D(1, 1, 1), "name": "x"}]),
    ("coverage-date-9999", ("coverage", 0, "dates"), [D(9999, 12, 31)]),
    ("absence-date-as-string", ("absences", 0, "start"), "2027-03-05"),
    ("absence-datetime", ("absences", 0, "start"), dt.datetime(2027, 3, 5, 23, 59, 59)),
]


def date_cases(base: str) -> list[Case]:
    cases = [
        _case("dates", base, f"period-{name}", lambda d, p=period: {**d, "period": p})
        for name, period in PERIODS.items()
    ]
    if base == TINY:
        cases += [
            _case("dates", base, name, lambda d, p=path, v=value: put(d, p, v)) for name, path, value in FAR
        ]
    return cases


# --- names and ids -------------------------------------------------------------------

RENAMES = {"staff-id": "s1", "shift-code": "D", "skill": "nurse"}
FIELDS = {
    "staff-name": ("staff", 0, "name"),
    "scenario-name": ("scenario", "name"),
    "unit": ("scenario", "unit"),
    "label": ("coverage", 0, "label"),
    "role": ("staff", 0, "role"),
}


def _payload_mutator(target: str, payload: str) -> Any:
    if target in RENAMES:
        return lambda d: m.rename(d, RENAMES[target], payload)
    return lambda d: m.set_at(d, FIELDS[target], payload)


def formula_cases() -> list[Case]:
    """Valid scenarios with formula text in names and ids, through every command that writes
    a CSV or a workbook: the outputs must show the text, never run it."""
    cases = []
    for target in ("staff-id", "shift-code", "staff-name"):
        for name, payload in m.FORMULAS.items():
            cases.append(
                _case(
                    "formula",
                    TINY,
                    f"{target}={name}",
                    _payload_mutator(target, payload),
                    output_steps("scenario.toml"),
                )
            )
    names = list(m.FORMULAS)
    for i, target in enumerate(("scenario-name", "unit", "label", "role", "skill")):
        for name in (names[(2 * i) % len(names)], names[(2 * i + 1) % len(names)]):
            cases.append(
                _case(
                    "formula",
                    TINY,
                    f"{target}={name}",
                    _payload_mutator(target, m.FORMULAS[name]),
                    output_steps("scenario.toml"),
                )
            )
    return cases


def control_cases() -> list[Case]:
    targets = ("staff-id", "staff-name", "shift-code", "scenario-name", "label", "unit")
    cases = []
    for i, (name, text) in enumerate(m.CONTROLS.items()):
        for target in (targets[i % len(targets)], targets[(i + 3) % len(targets)]):
            cases.append(_case("control-chars", TINY, f"{target}={name}", _payload_mutator(target, text)))
    return cases


# --- text-level ----------------------------------------------------------------------


def _prepend(extra: str) -> Any:
    return lambda raw: extra.encode() + b"\n" + raw


def _replace(old: bytes, new: bytes) -> Any:
    return lambda raw: raw.replace(old, new, 1)


SYNTAX: dict[str, Any] = {
    "deep-array-1000": _prepend("zz = " + m.nested_array(1000)),
    "deep-array-100000": _prepend("zz = " + m.nested_array(100_000)),
    "deep-inline-table-50000": _prepend("zz = " + "{a = " * 50_000 + "1" + "}" * 50_000),
    "deep-dotted-key-20000": _prepend(".".join(["a"] * 20_000) + " = 1"),
    "deep-table-header-5000": lambda raw: raw + ("\n[" + ".".join(["z"] * 5000) + "]\nx = 1\n").encode(),
    "int-5000-digits": _replace(b"weekend_every = 2", b"weekend_every = " + b"9" * 5000),
    "float-5000-digits": _replace(b"fte = 0.6", b"fte = 0." + b"6" * 5000),
    "duplicate-key": _replace(b"weekend_every = 2", b"weekend_every = 2\nweekend_every = 3"),
    "duplicate-table": lambda raw: raw + b'\n[period]\nmonth = "2027-03"\n',
    "unterminated-string": _replace(b'name = "Kari"', b'name = "Kari'),
    "bad-escape": _replace(b'name = "Kari"', b'name = "Ka\\qri"'),
    "key-without-value": _replace(b"weekend_every = 2", b"weekend_every ="),
    "table-array-conflict": _prepend("staff = []"),
    "long-string-5mb": _replace(b'description = "', b'description = "' + b"x" * 5_000_000),
    "20000-staff": lambda raw: (
        raw
        + b"".join(f'\n[[staff]]\nid = "p{i}"\nname = "P {i}"\nfte = 0.5\n'.encode() for i in range(20_000))
    ),
}


def text_cases() -> list[Case]:
    cases = [
        make(KIND, mutation, f"tiny/{detail}", _steps(TINY), [built("scenario.toml", text_builder(TINY, fn))])
        for mutation, detail, fn in text_mutations("toml")
    ]
    cases += [
        make(KIND, "syntax", f"tiny/{detail}", _steps(TINY), [built("scenario.toml", text_builder(TINY, fn))])
        for detail, fn in SYNTAX.items()
    ]
    big = "fredrikstad-mat.toml"
    for mutation, detail, fn in text_mutations("toml-mat")[:12]:
        cases.append(
            make(
                KIND,
                mutation,
                f"fredrikstad-mat/{detail}",
                _steps(big),
                [built("scenario.toml", text_builder(big, fn))],
            )
        )
    return cases


def special_file_cases() -> list[Case]:
    tiny = seed("scenario.toml", TINY)
    return [
        make(KIND, "special-file", "folder", _steps(TINY), [folder("scenario.toml")]),
        make(KIND, "special-file", "fifo", [("validate", "scenario.toml")], [fifo("scenario.toml")]),
        make(KIND, "special-file", "fifo-info", [("info", "scenario.toml")], [fifo("scenario.toml")]),
        make(
            KIND,
            "special-file",
            "fifo-solve",
            [("solve", "scenario.toml", "--out", "out", "--time-limit", "2")],
            [fifo("scenario.toml")],
        ),
        make(KIND, "special-file", "missing", _steps(TINY), []),
        make(
            KIND,
            "special-file",
            "dash-name",
            [("validate", "-x.toml"), ("validate", "--", "-x.toml")],
            [seed("-x.toml", TINY)],
        ),
        make(KIND, "special-file", "newline-in-name", _steps(TINY, "a\nb.toml"), [seed("a\nb.toml", TINY)]),
        make(KIND, "special-file", "unicode-name", _steps(TINY, "æøå ✓.toml"), [seed("æøå ✓.toml", TINY)]),
        make(KIND, "special-file", "no-suffix", _steps(TINY, "scenario"), [seed("scenario", TINY)]),
        make(
            KIND, "special-file", "upper-suffix", _steps(TINY, "scenario.TOML"), [seed("scenario.TOML", TINY)]
        ),
        make(
            KIND, "special-file", "json-suffix", _steps(TINY, "scenario.json"), [seed("scenario.json", TINY)]
        ),
        make(
            KIND, "special-file", "xlsx-suffix", _steps(TINY, "scenario.xlsx"), [seed("scenario.xlsx", TINY)]
        ),
        make(KIND, "special-file", "dev-null", check_steps("/dev/null"), [tiny]),
    ]


_PARSED: dict[str, Any] = {}


def _parsed(base: str) -> Any:
    """The base scenario parsed, for choosing paths (the bundled files, read at generation)."""
    import tomllib

    from fuzz.seeds import DATA, TINY_TOML

    if base not in _PARSED:
        text = TINY_TOML if base == TINY else (DATA / base).read_text(encoding="utf-8")
        _PARSED[base] = tomllib.loads(text)
    return _PARSED[base]


def cases() -> list[Case]:
    out: list[Case] = []
    out += number_cases(TINY, 27)
    out += number_cases("fredrikstad-mat.toml", 12)
    out += number_cases("alta-ettervern.toml", 6)
    out += number_cases("storgata-bofellesskap.toml", 6)
    out += wrong_type_cases(TINY, 30)
    out += wrong_type_cases("fredrikstad-mat.toml", 10)
    out += deleted_key_cases(TINY, 18)
    out += deleted_key_cases("fredrikstad-mat.toml", 8)
    out += unknown_key_cases()
    out += date_cases(TINY)
    out += formula_cases()
    out += control_cases()
    out += text_cases()
    out += special_file_cases()
    return out
