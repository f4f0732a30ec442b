"""Hand edits of a rota: change cells, lock them, undo and redo, and judge the result.

The unit leader changes shift codes in the grid (one cell or a range); after every change
the rota is rebuilt from its assignments with ``roster.rota_build.build_rota``, which runs
the independent checker (``roster.check.check_rota``) and recomputes coverage, hours and
service level. Nothing here plans: "re-plan the rest around the locked cells" is a
scenario with those cells as locks (``Scenario.locks``), planned by ``roster.planner.plan``
against the current rota as baseline (as few changes as possible), see ``whatif``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from roster.rota import Assignment, Rota
from roster.rota_build import build_rota
from roster.scenario import Lock, Scenario

Cell = tuple[str, dt.date]
"""(staff id, date)."""
OFF = ""
"""The code of a day off in the edit API."""
HAND_EDITED = "hand-edited"
"""``rota.solver["name"]`` of a rota changed by hand."""


@dataclass(frozen=True)
class Snapshot:
    work: tuple[tuple[Cell, str], ...]
    locks: frozenset[Cell]


@dataclass
class EditSession:
    """The rota being edited: its assignments, the locked cells, and the undo/redo stacks."""

    scenario: Scenario
    rota: Rota
    locks: set[Cell] = field(default_factory=set)
    undo_stack: list[Snapshot] = field(default_factory=list)
    redo_stack: list[Snapshot] = field(default_factory=list)
    edited: int = 0
    """Cells changed by hand since the rota was planned (kept across undo)."""

    @classmethod
    def start(cls, scenario: Scenario, rota: Rota) -> EditSession:
        locks = {(a.staff, a.date) for a in rota.assignments if a.locked}
        locks |= {(lk.staff, lk.date) for lk in scenario.locks}
        return cls(scenario=scenario, rota=rota, locks=locks)

    # --- state --------------------------------------------------------------------
    def work(self) -> dict[Cell, str]:
        return {(a.staff, a.date): a.shift for a in self.rota.assignments}

    def _snapshot(self) -> Snapshot:
        return Snapshot(tuple(sorted(self.work().items())), frozenset(self.locks))

    def _push(self) -> None:
        self.undo_stack.append(self._snapshot())
        del self.undo_stack[:-100]  # keep the last 100 steps
        self.redo_stack.clear()

    def _restore(self, snap: Snapshot) -> None:
        self.locks = set(snap.locks)
        self.rota = self.judge(dict(snap.work))

    @property
    def can_undo(self) -> bool:
        return bool(self.undo_stack)

    @property
    def can_redo(self) -> bool:
        return bool(self.redo_stack)

    def undo(self) -> bool:
        if not self.undo_stack:
            return False
        self.redo_stack.append(self._snapshot())
        self._restore(self.undo_stack.pop())
        return True

    def redo(self) -> bool:
        if not self.redo_stack:
            return False
        self.undo_stack.append(self._snapshot())
        self._restore(self.redo_stack.pop())
        return True

    # --- edits --------------------------------------------------------------------
    def valid_cells(self, cells: list[Cell]) -> list[Cell]:
        """The cells inside the rota's period and staff (others are ignored)."""
        ids = {p.id for p in self.scenario.staff}
        return [(s, d) for s, d in cells if s in ids and self.rota.start <= d <= self.rota.end]

    def set(self, cells: list[Cell], code: str) -> int:
        """Put ``code`` ('' = day off) in every cell; returns how many cells changed."""
        codes = {s.code for s in self.scenario.shifts}
        if code and code not in codes:
            raise ValueError(f"unknown shift code {code!r}")
        cells = self.valid_cells(cells)
        work = self.work()
        changed = [c for c in cells if work.get(c, OFF) != code]
        if not changed:
            return 0
        self._push()
        for c in changed:
            if code:
                work[c] = code
            else:
                work.pop(c, None)
        self.edited += len(changed)
        self.rota = self.judge(work)
        return len(changed)

    def lock(self, cells: list[Cell], locked: bool = True) -> int:
        cells = self.valid_cells(cells)
        new = set(self.locks) | set(cells) if locked else set(self.locks) - set(cells)
        if new == self.locks:
            return 0
        self._push()
        n = len(new ^ self.locks)
        self.locks = new
        self.rota = self.judge(self.work())
        return n

    def load(self, assignments: list[Assignment]) -> int:
        """Take the assignments of an uploaded (edited) rota workbook; the cells that differ."""
        work = {(a.staff, a.date): a.shift for a in assignments
                if self.rota.start <= a.date <= self.rota.end}
        now = self.work()
        changed = sum(1 for c in set(work) | set(now) if work.get(c) != now.get(c))
        self._push()
        self.edited += changed
        self.rota = self.judge(work)
        return changed

    def replace(self, rota: Rota) -> None:
        """A rota planned around the locks becomes the one being edited (undo goes back)."""
        self._push()
        self.rota = rota
        self.edited = 0

    # --- judging ------------------------------------------------------------------
    def judge(self, work: dict[Cell, str], history: dict | None = None) -> Rota:
        """The rota of these assignments with every breach, coverage row and hour recounted."""
        assignments = [Assignment(date=d, staff=s, shift=code, locked=(s, d) in self.locks)
                       for (s, d), code in work.items()]
        probe = build_rota(self.scenario, assignments, status="feasible", history=history)
        status = "infeasible" if probe.errors() else "feasible"
        probe.status = status
        probe.solver = {"name": HAND_EDITED, "seconds": 0,
                        "based_on": self.rota.solver.get("name") if self.rota else None}
        probe.extra = {**{k: v for k, v in (self.rota.extra if self.rota else {}).items()
                          if k in ("unit", "standard_confirmations")},
                       **probe.extra, "hand_edited": True,
                       "locked": sorted(f"{s}@{d.isoformat()}" for s, d in self.locks)}
        return probe

    def lock_rows(self) -> tuple[Lock, ...]:
        """The locked cells as scenario locks (a locked day off pins the day off)."""
        work = self.work()
        return tuple(Lock(staff=s, date=d, shift=work.get((s, d)) or None)
                     for s, d in sorted(self.locks, key=lambda c: (c[1], c[0])))

    def locked_scenario(self) -> Scenario:
        """The scenario with the locked cells pinned (the scenario's own locks on the same
        person-days are replaced by the grid's)."""
        mine = self.lock_rows()
        pinned = {(lk.staff, lk.date) for lk in mine}
        kept = tuple(lk for lk in self.scenario.locks if (lk.staff, lk.date) not in pinned)
        return self.scenario.with_changes(locks=kept + mine)


def new_breaches(before: Rota, after: Rota) -> list[dict]:
    """The breaches (hard rules) ``after`` has that ``before`` did not: what an edit broke."""
    def key(v: dict) -> tuple:
        return (v.get("rule"), v.get("staff"), v.get("date"), v.get("shift"), v.get("detail"))

    known = {key(v) for v in before.errors()}
    return [v for v in after.errors() if key(v) not in known]
