"""CLI argument abuse: numbers out of range, NaN, huge counts, outputs on top of inputs or under
regular files, malformed --absent values, unknown flags, missing arguments."""

from __future__ import annotations

import json

from fuzz.cases import Case
from fuzz.common import const, folder, make, seed
from fuzz.seeds import UNIT

KIND = "cli-args"
TINY, TROTA, MAT, ROTA = "tiny.toml", "tiny-rota.json", "mat.toml", "rota.json"
SOLVE = ("solve", TINY, "--out", "out")


def _files(*names: str) -> list:
    sources = {
        TINY: "tiny.toml",
        TROTA: "tiny-rota.json",
        MAT: "fredrikstad-mat.toml",
        ROTA: "rota.json",
        "costs.toml": "costs.toml",
        "backup.json": "backup.json",
        "store.db": "store.db",
        "scenario.xlsx": "tiny.xlsx",
        "rota.xlsx": "rota.xlsx",
        "instance.txt": "curtois.txt",
    }
    return [seed(n, sources[n]) for n in names]


def _solve_cases() -> list[tuple[str, tuple[str, ...], list]]:
    f = _files(TINY, TROTA)
    out = [
        (f"time-limit={v}", (*SOLVE, f"--time-limit={v}"), f)
        for v in ("-1", "nan", "inf", "-inf", "0", "1e308")
    ]
    out += [
        (f"threads={v}", (*SOLVE, "--time-limit", "2", "--threads", v), f)
        for v in ("100000", "0", "-1", str(2**40))
    ]
    out += [(f"seed={v}", (*SOLVE, "--time-limit", "2", "--seed", v), f) for v in ("-1", str(2**70))]
    out += [
        (f"robust={v}", (*SOLVE, "--time-limit", "2", "--robust", v), f) for v in ("100", "-1", str(2**40))
    ]
    out += [
        ("solver-cbc", (*SOLVE, "--time-limit", "2", "--solver", "cbc"), f),
        ("out-under-a-file", ("solve", TINY, "--out", f"{TINY}/out", "--time-limit", "2"), f),
        ("out-is-the-input", ("solve", TINY, "--out", TINY, "--time-limit", "2"), f),
        ("out-is-the-input-force", ("solve", TINY, "--out", TINY, "--time-limit", "2", "--force"), f),
        ("out-empty", ("solve", TINY, "--out", "", "--time-limit", "2"), f),
        ("out-dev-null", ("solve", TINY, "--out", "/dev/null", "--time-limit", "2"), f),
        (
            "out-holds-the-baseline",
            ("solve", TINY, "--out", ".", "--time-limit", "2", "--baseline", "rota.json"),
            [seed(TINY), seed("rota.json", "tiny-rota.json")],
        ),
        (
            "out-holds-the-baseline-force",
            ("solve", TINY, "--out", ".", "--time-limit", "2", "--baseline", "rota.json", "--force"),
            [seed(TINY), seed("rota.json", "tiny-rota.json")],
        ),
        ("previous-is-the-scenario", (*SOLVE, "--time-limit", "2", "--previous", TINY), f),
        ("previous-is-a-folder", (*SOLVE, "--time-limit", "2", "--previous", "dir"), [*f, folder("dir")]),
        ("unit-empty", (*SOLVE, "--time-limit", "2", "--unit", "", "--db", "store.db"), f),
        (
            "unit-formula",
            (*SOLVE, "--time-limit", "2", "--unit", "=cmd|' /C calc'!A0", "--save-draft", "--db", "store.db"),
            f,
        ),
        ("save-draft-without-unit", (*SOLVE, "--time-limit", "2", "--save-draft"), f),
        ("unknown-flag", (*SOLVE, "--frobnicate"), f),
        ("missing-scenario", ("solve", "--out", "out"), f),
        ("extra-positional", (*SOLVE, "extra", "--time-limit", "2"), f),
        ("path-100000-chars", ("solve", "x" * 100_000, "--out", "out"), f),
        ("path-component-300-chars", ("solve", "y" * 300 + ".toml", "--out", "out"), f),
    ]
    return out


def _simulate_cases() -> list[tuple[str, tuple[str, ...], list]]:
    f = _files(TINY, TROTA)
    base = ("simulate", TINY, TROTA)
    out = [(f"runs={v}", (*base, "--runs", v), f) for v in ("100000000", "-1", "0")]
    opts = (
        ("absence-rate", ("2", "-1", "nan")),
        ("short-share", ("nan", "5")),
        ("long-mean", ("0", "-1", "nan")),
        ("vikar-cost", ("nan", "-1e308")),
        ("seed", ("-1",)),
    )
    out += [(f"{o}={v}", (*base, "--runs", "20", f"--{o}={v}"), f) for o, vs in opts for v in vs]
    out.append(("out-is-the-rota", (*base, "--runs", "20", "--out", TROTA), f))
    return out


def _staffing_cases() -> list[tuple[str, tuple[str, ...], list]]:
    f = _files(TINY, "costs.toml")
    base = ("staffing", TINY)
    opts = (
        ("year", ("99999", "0", "-1", "1")),
        ("sick-leave", ("1", "2", "nan", "-1")),
        ("other-leave", ("1",)),
        ("vacation-weeks", ("60", "nan", "-5")),
        ("weekly-hours", ("0", "nan", "-1")),
        ("budget-arsverk", ("-1", "nan")),
        ("running-costs", ("nan",)),
        ("target-evenings", ("100", "-1")),
        ("target-weekends", ("x", "0", "99")),
    )
    out = [(f"{o}={v}", (*base, f"--{o}={v}"), f) for o, vs in opts for v in vs]
    check = (*base, "--check", "--time-limit", "2", "--max-steps", "3")
    out += [(f"check-step={v}", (*check, "--step", v), f) for v in ("0", "-1", "nan")]
    out += [
        ("check-max-steps-100000", (*base, "--check", "--time-limit", "2", "--max-steps", "100000"), f),
        ("check-runs-100000000", (*check, "--runs", "100000000"), f),
        ("check-year-99999", (*check, "--year", "99999"), f),
        ("compare-itself", (*base, "--compare", TINY), f),
        ("compare-folder", (*base, "--compare", "dir"), [*f, folder("dir")]),
        ("out-is-the-costs", (*base, "--costs", "costs.toml", "--out", "costs.toml"), f),
    ]
    return out


def _absent_cases() -> list[tuple[str, tuple[str, ...], list]]:
    bad = {
        "no-dates": "s1",
        "text-dates": "s1:x:y",
        "unknown-staff": "nobody:2027-03-01:2027-03-02",
        "reversed": "s1:9999-01-01:0001-01-01",
        "to-9999": "s1:2027-03-01:9999-12-31",
        "colons": ":::",
        "empty": "",
    }
    f = _files(TINY, TROTA)
    out = [
        (f"ladder-absent-{k}", ("ladder", TINY, "--time-limit", "2", "--absent", v), f)
        for k, v in bad.items()
    ]
    out += [
        ("ladder-time-limit-negative", ("ladder", TINY, "--time-limit", "-1"), f),
        ("ladder-time-limit-nan", ("ladder", TINY, "--time-limit", "nan"), f),
        ("ladder-threads-100000", ("ladder", TINY, "--time-limit", "2", "--threads", "100000"), f),
    ]
    rp = ("replan", TINY, TROTA, "--out", "rp", "--time-limit", "2")
    out += [(f"replan-absent-{k}", (*rp, "--absent", v), f) for k, v in bad.items()]
    ok = "s1:2027-03-03:2027-03-04"
    out += [
        (f"replan-today-{k}", (*rp, "--absent", ok, "--today", v), f)
        for k, v in (("text", "x"), ("9999", "9999-12-31"), ("year1", "0001-01-01"))
    ]
    out += [
        ("replan-out-is-the-rota", ("replan", TINY, TROTA, "--out", TROTA, "--absent", ok), f),
        ("replan-kind-weird", (*rp, "--absent", ok, "--kind", "weird"), f),
    ]
    return out


BUDGETS = {
    "formula-labels": {
        "year": 2027,
        "currency": "NOK",
        "total": 1.0,
        "lines": [
            {
                "key": "=cmd|' /C calc'!A0",
                "label_nb": "=cmd|' /C calc'!A0",
                "label_en": "@SUM(1)",
                "amount": 1.0,
                "detail": "+1+cmd|' /C calc'!A0",
            }
        ],
    },
    "nan-amounts": {
        "year": 2027,
        "currency": "NOK",
        "total": float("nan"),
        "lines": [{"key": "x", "label_nb": "x", "label_en": "x", "amount": float("inf"), "detail": ""}],
    },
    "wrong-shape": {"lines": 5},
    "list": [1, 2, 3],
}


def _export_cases() -> list[tuple[str, tuple[str, ...], list]]:
    f = _files(MAT, ROTA)
    base = ("export", MAT, ROTA)
    out = [
        ("export-lang-xx", (*base, "--out", "r.xlsx", "--lang", "xx"), f),
        ("export-out-is-the-rota", (*base, "--out", ROTA), f),
        ("export-out-is-the-rota-force", (*base, "--out", ROTA, "--force"), f),
        ("export-out-is-the-scenario", (*base, "--out", MAT), f),
        ("export-out-under-a-file", (*base, "--out", f"{MAT}/r.xlsx"), f),
        ("export-budget-missing", (*base, "--out", "r.xlsx", "--budget", "nothing.json"), f),
        ("export-budget-folder", (*base, "--out", "r.xlsx", "--budget", "dir"), [*f, folder("dir")]),
        ("export-budget-is-a-rota", (*base, "--out", "r.xlsx", "--budget", ROTA), f),
        ("export-previous-is-the-scenario", (*base, "--out", "r.xlsx", "--previous", MAT), f),
    ]
    for name, budget in BUDGETS.items():
        data = json.dumps(budget).encode()
        out.append(
            (
                f"export-budget-{name}",
                (*base, "--out", "r.xlsx", "--budget", "budget.json"),
                [*f, const("budget.json", data)],
            )
        )
    return out


def _store_cases() -> list[tuple[str, tuple[str, ...], list]]:
    f = _files(TINY, TROTA, "backup.json")
    pub = ("publish", "--unit", UNIT, "--db", "store.db")
    return [
        *[(f"publish-draft={v}", (*pub, "--draft", v), f) for v in ("999", "-1", str(2**70))],
        ("publish-rota-and-draft", (*pub, TROTA, "--draft", "1"), f),
        ("publish-unit-empty", ("publish", TROTA, "--unit", "", "--db", "store.db"), f),
        ("publish-note-1mb", (*pub, TROTA, "--note", "n" * 1_000_000), f),
        ("publish-user-formula", (*pub, TROTA, "--user", "=cmd|' /C calc'!A0"), f),
        ("publish-db-is-the-rota", ("publish", TROTA, "--unit", UNIT, "--db", TROTA), f),
        ("history-no-store", ("history", "--unit", "nobody", "--db", "none.db"), f),
        ("units-no-store", ("units", "--db", "none.db"), f),
        (
            "export-db-out-is-the-db",
            ("export-db", "--out", "store.db", "--db", "store.db"),
            [*f, seed("store.db")],
        ),
        (
            "export-db-out-is-the-db-force",
            ("export-db", "--out", "store.db", "--db", "store.db", "--force"),
            [*f, seed("store.db")],
        ),
        (
            "export-db-out-under-a-file",
            ("export-db", "--out", f"{TINY}/b.json", "--db", "store.db"),
            [*f, seed("store.db")],
        ),
        ("import-db-into-the-backup", ("import-db", "backup.json", "--db", "backup.json", "--replace"), f),
        (
            "forget-empty-id",
            ("forget", "", "--unit", UNIT, "--yes", "--db", "store.db"),
            [*f, seed("store.db")],
        ),
        ("forget-no-unit", ("forget", "s1", "--yes", "--db", "store.db"), [*f, seed("store.db")]),
    ]


def _other_cases() -> list[tuple[str, tuple[str, ...], list]]:
    f = _files(TINY, TROTA, "scenario.xlsx", "rota.xlsx")
    return [
        ("no-arguments", (), f),
        ("unknown-command", ("frobnicate",), f),
        ("help", ("--help",), f),
        ("command-help", ("solve", "-h"), f),
        ("check-previous-is-itself", ("check", TINY, TROTA, "--previous", TROTA), f),
        ("coverage-out-is-a-file", ("coverage", TINY, TROTA, "--out", TINY), f),
        ("robustness-robust-100", ("robustness", TINY, TROTA, "--robust", "100", "--time-limit", "2"), f),
        ("robustness-robust-negative", ("robustness", TINY, TROTA, "--robust", "-1"), f),
        (
            "robustness-out-under-a-file",
            ("robustness", TINY, TROTA, "--robust", "1", "--time-limit", "2", "--out", f"{TINY}/x"),
            f,
        ),
        ("template-out-is-the-source", ("template", "--from", TINY, "--out", TINY), f),
        ("template-out-is-the-source-force", ("template", "--from", TINY, "--out", TINY, "--force"), f),
        ("template-from-folder", ("template", "--from", "dir", "--out", "t.xlsx"), [*f, folder("dir")]),
        ("template-out-under-a-file", ("template", "--out", f"{TINY}/t.xlsx"), f),
        ("import-out-is-the-workbook", ("import", "scenario.xlsx", "--out", "scenario.xlsx"), f),
        (
            "import-out-is-the-workbook-force",
            ("import", "scenario.xlsx", "--out", "scenario.xlsx", "--force"),
            f,
        ),
        ("import-out-under-a-file", ("import", "scenario.xlsx", "--out", f"{TINY}/s.toml"), f),
        ("info-json-odd-path", ("info", "./././" + TINY, "--json"), f),
        ("validate-two-files", ("validate", TINY, TROTA), f),
    ]


def cases() -> list[Case]:
    groups = {
        "solve": _solve_cases(),
        "simulate": _simulate_cases(),
        "staffing": _staffing_cases(),
        "absent": _absent_cases(),
        "export": _export_cases(),
        "store": _store_cases(),
        "other": _other_cases(),
    }
    return [
        make(KIND, group, name, [argv], files)
        for group, items in groups.items()
        for name, argv, files in items
    ]
