"""All cases, and the quick subset ``make test`` runs.

Every case is derived from the bundled files and seeded by its own id, so the same code
gives the same cases in the same order. ``python -m fuzz.generate`` prints the counts.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict

from fuzz import gen_cli, gen_misc, gen_rota, gen_store, gen_toml, gen_upload, gen_xlsx
from fuzz.cases import FIFO, Case

SUBSET_PER_KIND = 25
"""Cases per kind in the quick subset (about 250 in all, every kind and mutation class)."""

SLOW_MUTATIONS = {"zip-bomb", "huge", "huge-sheet"}
SLOW_DETAIL = re.compile(r"100000|1000000000|\d000-(staff|rows)|10mb|5mb|2\^40|2\^70")
"""Cases that may take the full 30 s per step while the product still hangs on them (named
pipes, zip bombs, huge inputs): the subset leaves them to the full run, except ALWAYS."""

ALWAYS = ("toml-scenario/special-file/fifo", "xlsx-scenario/zip-bomb/120mb-whitespace")
"""Slow cases the subset keeps anyway: one named pipe and one zip bomb."""


def all_cases() -> list[Case]:
    cases = [
        *gen_toml.cases(),
        *gen_xlsx.cases(),
        *gen_rota.cases(),
        *gen_store.cases(),
        *gen_misc.cases(),
        *gen_cli.cases(),
        *gen_upload.cases(),
    ]
    ids = Counter(c.id for c in cases)
    duplicates = [i for i, n in ids.items() if n > 1]
    if duplicates:
        raise ValueError(f"duplicate case ids: {duplicates[:5]}")
    return cases


def _rank(case: Case) -> str:
    return hashlib.sha256(case.id.encode()).hexdigest()


def slow(case: Case) -> bool:
    return (
        case.mutation in SLOW_MUTATIONS
        or bool(SLOW_DETAIL.search(case.id))
        or any(f.kind == FIFO for f in case.files)
    )


def subset(cases: list[Case], per_kind: int = SUBSET_PER_KIND) -> list[Case]:
    """ALWAYS, one fast case of every (kind, mutation class), then fast cases picked by a
    hash of their id, up to ``per_kind`` per kind."""
    by_kind: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        if not slow(case):
            by_kind[case.kind].append(case)
    chosen: set[str] = set(ALWAYS)
    for items in by_kind.values():
        ranked = sorted(items, key=_rank)
        firsts = {}
        for case in ranked:
            firsts.setdefault(case.mutation, case.id)
        picked = list(firsts.values())
        for case in ranked:
            if len(picked) >= per_kind:
                break
            if case.id not in firsts.values():
                picked.append(case.id)
        chosen.update(picked)
    return [c for c in cases if c.id in chosen]


def main() -> None:
    cases = all_cases()
    quick = subset(cases)
    full, sub = Counter(c.kind for c in cases), Counter(c.kind for c in quick)
    for kind in full:
        print(f"{kind:16} {full[kind]:5} {sub[kind]:5}")
    print(f"{'total':16} {len(cases):5} {len(quick):5}")


if __name__ == "__main__":
    main()
