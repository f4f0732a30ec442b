"""At most N shifts of a type per person in the period (benchmarks, or a scenario)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pulp

from roster.rules.params import MAX_DAYS, Kind, Param, Scope
from roster.rules.spec import RuleUnit
from roster.rules.words import Text

if TYPE_CHECKING:
    from roster.check import CheckContext
    from roster.model import Model
    from roster.rules.breach import Breach

ID = "max_shifts"
TOO_MANY = Text("{name}: {n} shifts {shift}; at most {most}", "{name}: {n} vakter {shift}; høyst {most}")


def build(m: Model) -> None:
    """A person works at most their cap of each shift type in the period."""
    for p in m.persons():
        for code, cap in m.staff[p].rules.max_shifts.items():
            vars_ = [m.x[(p, d, code)] for d in range(m.n_days) if (p, d, code) in m.x]
            if len(vars_) > cap:
                m.limit(pulp.lpSum(vars_), cap, ID)


def check(ctx: CheckContext) -> Iterator[Breach]:
    for sid, person in ctx.staff.items():
        worked = Counter(c for (s, _), c in ctx.work.items() if s == sid)
        for code, cap in person.rules.max_shifts.items():
            if worked[code] > cap:
                yield UNIT.breach(TOO_MANY.render(name=person.name, n=worked[code], shift=code, most=cap),
                                  staff=sid, shift=code, start=ctx.start, end=ctx.end)


UNIT = RuleUnit(
    id=ID, nb="maks vakter", en="max shifts", kind="hard", source="the scenario / benchmarks",
    summary="a cap per shift type and person",
    params=(Param(ID, Kind.SHIFT_COUNTS, None, "Maks vakter per kode", "Max shifts per code",
                  bounds=(0, MAX_DAYS), scope=Scope.PERSON, note="A: 6, N: 4"),),
    build=build, check=check,
)
