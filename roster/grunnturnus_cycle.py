"""The grunnturnus as one cycle on a ring of days, and what counting proves before the MIP.

``roster.grunnturnus`` first planned two cycles tied together (``x[p, d + 7N, s] ==
x[p, d, s]``), so every window rule saw week N followed by week 1 in the middle of the
horizon. This module plans **one cycle** instead: :class:`CycleModel` is the ordinary model
(``roster.model.Model``) whose days wrap modulo the cycle, so day -1 *is* the last day of
the cycle and day N is day 0. The rule units are unchanged: each looks back into "the
previous rota" (``x_at``, ``work``, ``worked_minutes`` and ``weekend_worked`` with a day
before the period, or ``has_history``) and there finds the end of the same cycle. The
model then has half the assignment columns of the tied model, no tie rows, and every
count (contract hours, fairness, service targets, tidiness) is per cycle, as a unit
leader counts it.

What the ring needs beyond the rule units, added by :func:`complete_ring`: tidiness scores
day 0 .. N-2 against the next day; the last day's isolated day and quick return into day 0
are added. (A minimum block length needs nothing: ``min_run`` starts its runs k-1 days
before day 0 when the past is known, and those days are the cycle's last.)

A rule unit that reads "the previous rota" as fixed shift codes (``history_shift``; none
of the catalogue's units does today: the 48 h rule reads a sleeping night watch's clock
time through ``limit_minutes``, which wraps) cannot see the wrap on a ring: the model
notes it (``history_asked``) and the grunnturnus is planned as two tied cycles instead.
The rota is judged afterwards by the independent checker on the cycle repeated three
times (``roster.grunnturnus.wrap_check``), as before; a one-cycle plan it finds a hard
breach in is planned again with two tied cycles.

**Weekend counting** (:func:`weekend_opening_bound`). With "every k-th weekend" a line
works at most one of any k consecutive weekends, so at most floor(W / k) of the W weekends
of the ring. Every weekend needs at least as many people as its busier day has base
minimums (one shift a day), plus the minimums of the service units opened that weekend.
So, whenever every base minimum is met, the weekend service units can be opened only as
far as every window of k consecutive weekends needs at most the lines there are, and all
weekends together at most the person-weekends there are; the most openings that allows
(M, exact by dynamic programming around the ring) is a bound. M = 0 closes those units
before the MIP; otherwise the row "weekend openings <= M" is added. Storgata (25 lines,
every 3rd weekend, 8 people on each weekend day): an opening of the Saturday activity
shift (3 people) makes 11 + 8 + 8 = 27 people in three weekends in a row, with 25 lines; it
cannot be opened, in a cycle of any length, which the MIP needed 35-220 s to prove for 6
weeks and did not prove in 300 s for 12. The argument holds only for rotas with every base
minimum met, so it is used only when the base stage then ends proven at 0
(:func:`bound_is_valid`); otherwise the grunnturnus is planned again without it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from dataclasses import dataclass, field

import pulp

from roster.model import Expr, Model, ModelOptions, Priority
from roster.planner import PlanOptions
from roster.rules.catalogue import units_for
from roster.rules.tidiness import ID as TIDINESS
from roster.rules.tidiness import isolated_costs, quick_costs, quick_returns
from roster.scenario import Scenario
from roster.slots import SlotTable

MAX_UNITS_PER_WEEKEND = 12
"""Subsets of a weekend's service units are enumerated up to this many units."""
MAX_STATES = 200_000
"""Counting weekend openings gives up beyond this many states."""


class CycleModel(Model):
    """The model of one cycle whose days wrap: day -1 is the cycle's last day, day N its
    first. Nothing is "history": every look back or ahead finds the same cycle."""

    def x_at(self, p: int, d: int, code: str) -> Expr:
        return self.x.get((p, d % self.n_days, code), 0)

    def work(self, p: int, d: int, codes=None) -> Expr:  # type: ignore[override]
        return super().work(p, d % self.n_days, codes)

    def worked_minutes(self, p: int, d: int) -> Expr:
        return super().worked_minutes(p, d % self.n_days)

    def limit_minutes(self, p: int, d: int) -> Expr:
        """Minutes as the working-time limits count them (``Model.limit_minutes``), the
        days before day 0 being the end of the same cycle."""
        return super().limit_minutes(p, d % self.n_days)

    def __post_init__(self) -> None:
        super().__post_init__()
        self.rule_ids: set[str] = set()
        """The rule units built into the model (:func:`build_cycle_model` sets them)."""
        self.history_asked = False
        """True once a rule unit asked for a shift of "the previous rota" as a fixed code
        (``history_shift``), which a ring cannot give: that rule does not see the wrap here,
        and the grunnturnus is planned as two tied cycles instead."""

    def history_shift(self, p: int, d: int) -> str | None:
        self.history_asked = True
        return None

    def has_history(self, p: int) -> bool:
        return True  # the cycle before is the cycle itself

    def weekend_worked(self, p: int, saturday: dt.date) -> Expr:
        d = (saturday - self.date0).days % self.n_days
        return super().weekend_worked(p, self.date0 + dt.timedelta(days=d))


def build_cycle_model(scenario: Scenario, options: PlanOptions, elastic: bool = False) -> CycleModel:
    """The one-cycle model of a generic cycle scenario (``cycle_scenario(..., cycles=1)``):
    every rule unit as ``roster.planner.build_model`` applies them, then :func:`complete_ring`."""
    days = (scenario.end - scenario.start).days + 1
    if days < 7 or days % 7 or scenario.start.weekday() != 0:
        raise ValueError("a cycle is whole weeks from a Monday")
    m = CycleModel(scenario=scenario, table=SlotTable(scenario),
                   options=ModelOptions(elastic=elastic, stage_order=options.stage_order,
                                        extra_on_base=options.extra_on_base))
    rules = units_for(scenario, skip=options.skip_rules)
    m.rule_ids = {r.id for r in rules}
    m.create_assignment_vars([r.allows for r in rules if r.allows is not None])
    for r in rules:
        if r.build is not None:
            r.build(m)
    complete_ring(m, {r.id for r in rules})
    return m


def complete_ring(m: CycleModel, rule_ids: set[str]) -> int:
    """What the rule units leave out at the end of a ring (the module's docstring). Returns
    the number of rows added."""
    before = len(m.prob.constraints)
    n = m.n_days
    if TIDINESS in rule_ids and n >= 2:
        _tidiness_last_day(m)
    return len(m.prob.constraints) - before


def _tidiness_last_day(m: CycleModel) -> None:
    """``roster.rules.tidiness`` for the last day of the cycle against day 0 (its loop
    stops one day short of the end)."""
    quick = quick_returns(m)
    d = m.n_days - 1
    for p in m.persons():
        if not m.by_pd.get((p, d)) and not m.by_pd.get((p, 0)):
            continue
        isolated_costs(m, p, d)
        quick_costs(m, p, d, quick)


# --------------------------------------------------------------------------------------
# Weekend counting


@dataclass
class WeekendBound:
    """What counting person-weekends proves about the service units of weekend days."""

    weekends: int
    capacity: int
    """Person-weekends the weekend rules allow on the ring, all lines together."""
    base_need: int
    """Person-weekends the base minimums need at least (each weekend: its busier day)."""
    units: int
    """Service units on weekend days (each one opening of a weekend service shift)."""
    most: int
    """The most of them that can be open at once with every base minimum met."""
    keys: list[tuple] = field(default_factory=list)
    windows: dict[int, int] = field(default_factory=dict)
    """People available in any L consecutive weekends, by L."""

    @property
    def spare(self) -> int:
        return self.capacity - self.base_need

    def to_json(self) -> dict:
        return {"weekends": self.weekends, "person_weekends": self.capacity,
                "base_needs": self.base_need, "weekend_service_units": self.units,
                "most_open": self.most,
                "people_per_window": {str(k): v for k, v in self.windows.items()}}

    def describe(self) -> str:
        windows = "".join(f", at most {v} people in any {k} weekends in a row"
                          for k, v in sorted(self.windows.items()) if k > 1)
        return (f"{self.capacity} person-weekends on the ring of {self.weekends} weekends{windows}; "
                f"base minimums need {self.base_need}: at most {self.most} of {self.units} weekend "
                f"service openings possible")


def _weekend_limits(m: Model, weekends: int) -> tuple[int, dict[int, int]]:
    """Person-weekends the weekend rules allow, all lines together: on the whole ring of
    ``weekends`` weekends (floor(W / k) per line with "every k-th weekend"), and in any L
    consecutive weekends for L = 1 and each rule value L up to W (ceil(L / k) per line: one
    where k >= L; on one weekend, one per line). Each line at most its ``max_weekends`` and
    the weekends it has a shift it may work at all."""
    built = getattr(m, "rule_ids", set())  # a plain Model (tests) knows no rule ids: none counted
    every = {p: int(k) for p, k in m.persons_with("weekend_every", least=2)} if "weekend" in built else {}
    cap = {p: int(k) for p, k in m.persons_with("max_weekends", least=0)} if "max_weekends" in built else {}
    sats = m.period_saturdays()
    lengths = sorted({1} | {k for k in every.values() if k <= weekends})
    total, windows = 0, dict.fromkeys(lengths, 0)
    for p in m.persons():
        can = sum(1 for s in sats if any(m.by_pd.get((p, (s - m.date0).days + k)) for k in (0, 1)))
        can = min(can, cap.get(p, can))
        k = every.get(p, 1)
        total += max(0, min(can, weekends // k))
        for length in lengths:
            windows[length] += max(0, min(can, -(-length // k)))
    return total, windows


def _most_openings(need: list[int], costs: list[list[int]], spare: int,
                   windows: dict[int, int]) -> int | None:
    """The most service units open in all, t_j on weekend j (which then needs need[j] +
    costs[j][t_j] people): the extra demand within ``spare`` person-weekends, and every ring
    window of L consecutive weekends within windows[L] people. Exact: by dynamic programming
    around the ring (the first L-1 choices fixed in turn), or by trying every choice on a
    ring shorter than that. None if the states are more than :data:`MAX_STATES`."""
    n = len(need)
    options = [[t for t, c in enumerate(best) if c <= spare] for best in costs]
    if any(not o for o in options):
        return None
    span = max(windows, default=1) - 1  # choices a window looks back at

    def demand(j: int, t: int) -> int:
        return need[j] + costs[j][t]

    def fits(chosen: dict[int, int], ends: range) -> bool:
        for length, most in windows.items():
            for end in ends:
                idx = [(end - i) % n for i in range(length)]
                if sum(demand(i, chosen[i]) for i in idx) > most:
                    return False
        return True

    widest = max(len(o) for o in options)
    if n <= span:
        if math.prod(len(o) for o in options) > MAX_STATES:
            return None
        found = [sum(ts) for ts in itertools.product(*options)
                 if sum(costs[j][t] for j, t in enumerate(ts)) <= spare
                 and fits(dict(enumerate(ts)), range(n))]
        return max(found, default=0)
    if math.prod(len(o) for o in options[:span]) * widest ** (span + 1) * (spare + 1) > MAX_STATES:
        return None
    best_total = 0
    for prefix in itertools.product(*options[:span]):
        used = sum(costs[j][t] for j, t in enumerate(prefix))
        if used > spare:
            continue
        # (the last `span` choices, extra used) -> most units open so far
        states: dict[tuple, int] = {(tuple(prefix), used): sum(prefix)}
        for j in range(span, n):
            nxt: dict[tuple, int] = {}
            for (last, used_so_far), opened in states.items():
                for t in options[j]:
                    extra = used_so_far + costs[j][t]
                    if extra > spare:
                        continue
                    recent = {j - span + i: c for i, c in enumerate(last)}
                    recent[j] = t
                    if not fits(recent, range(j, j + 1)):
                        continue
                    key = ((*last, t)[1:] if span else (), extra)
                    if nxt.get(key, -1) < opened + t:
                        nxt[key] = opened + t
            states = nxt
        for (last, _), opened in states.items():
            ring = {**dict(enumerate(prefix)), **{n - span + i: c for i, c in enumerate(last)}}
            if opened > best_total and fits(ring, range(span)):
                best_total = opened
    return best_total


def weekend_opening_bound(m: CycleModel) -> WeekendBound | None:
    """The most service units on weekend days that can be opened at once in a rota with
    every base minimum met (the module's docstring), or None when the argument does not
    apply (no such units, a weekend cut by the cycle's edge, more units a weekend than
    :data:`MAX_UNITS_PER_WEEKEND`, base minimums that already need more than there is, or
    no rule of one shift a day). Weekend frequency and ``max_weekends`` count only where
    their rule units are built into the model."""
    if "one_shift_per_day" not in m.rule_ids:
        return None  # without one shift a day, one person may fill two of a day's slots
    sats = m.period_saturdays()
    n_we = len(sats)
    day_of = {s: (s - m.date0).days for s in sats}
    if not sats or any(not (d >= 0 and d + 1 < m.n_days) for d in day_of.values()):
        return None
    base: dict[int, int] = {}
    for slot in m.table.slots:
        if slot.priority == "base":
            base[slot.day_index] = base.get(slot.day_index, 0) + slot.min_staff
    units = m.table.units
    weekend_days = {d + k: s for s, d in day_of.items() for k in (0, 1)}
    by_weekend: dict[dt.date, list[tuple]] = {s: [] for s in sats}
    for key, slots in units.items():
        owners = {weekend_days.get(sl.day_index) for sl in slots}
        if len(owners) == 1 and None not in owners:
            by_weekend[owners.pop()].append(key)
    keys = [k for s in sats for k in by_weekend[s]]
    if not keys or any(len(v) > MAX_UNITS_PER_WEEKEND for v in by_weekend.values()):
        return None
    capacity, windows = _weekend_limits(m, n_we)
    need = [max(base.get(day_of[s], 0), base.get(day_of[s] + 1, 0)) for s in sats]
    base_need = sum(need)
    spare = capacity - base_need
    if spare < 0 or any(sum(need[(j + i) % n_we] for i in range(length)) > most
                        for length, most in windows.items() for j in range(n_we)):
        return None  # base minimums cannot all be met anyway: nothing to say here
    # per weekend: the least extra person-weekends for t units opened there, t = 0, 1, ...
    costs: list[list[int]] = []
    for s, floor in zip(sats, need, strict=True):
        d = day_of[s]
        here = by_weekend[s]
        best = [0] + [spare + 1] * len(here)
        for t in range(1, len(here) + 1):
            for subset in itertools.combinations(here, t):
                extra = {d: 0, d + 1: 0}
                for key in subset:
                    for sl in units[key]:
                        extra[sl.day_index] += sl.min_staff
                day_need = max(base.get(d, 0) + extra[d], base.get(d + 1, 0) + extra[d + 1])
                best[t] = min(best[t], day_need - floor)
        costs.append(best)
    most = _most_openings(need, costs, spare, windows)
    if most is None:  # too many states: the total alone (a knapsack over the weekends)
        most = _most_openings(need, costs, spare, {})
    if most is None:
        return None
    return WeekendBound(weekends=n_we, capacity=capacity, base_need=base_need, units=len(keys),
                        most=most, keys=keys, windows=windows)


def apply_weekend_bound(m: CycleModel, bound: WeekendBound) -> bool:
    """Close the weekend service units (``most`` = 0) or cap how many are open; False if the
    bound says nothing (every unit may be open)."""
    if bound.most >= bound.units:
        return False
    opened = [m.opened(k) for k in bound.keys]
    if bound.most == 0:
        for v in opened:
            v.upBound = 0
    else:
        m.add(pulp.lpSum(opened) <= bound.most)
    return True


def bound_is_valid(stages: list[dict]) -> bool:
    """The weekend bound assumed every base minimum met: true if the base stage (with the
    bound in the model) was solved before any service stage and ended proven at 0, so every
    rota the later stages could choose from meets every base minimum and the rotas the bound
    excluded were never candidates."""
    for st in stages:
        label = str(st.get("stage"))
        if label.startswith(Priority.SERVICE.value):
            return False
        if label == Priority.BASE.value:
            return st.get("status") == "optimal" and abs(st.get("value") or 0.0) < 1e-6
    return False
