"""Seeded synthetic monthly Norwegian rotas at any size, for the benchmark suite.

Shaped like data/storgata-bofellesskap.toml (a 24/7 unit: day, evening and night shifts,
a nurse on every day shift, health-education staff on evenings and nights, a group of
night workers, every third weekend, AML rest rules from the default rule pack), scaled
to ``n`` staff. The same ``(n, seed)`` always gives the same scenario.
"""

from __future__ import annotations

import datetime as dt
import random

from roster.scenario import Scenario
from roster.scenario_load import build_scenario

SHIFTS = [
    {"code": "D", "name": "Dagvakt", "name_en": "Day", "start": "07:30", "end": "15:30", "hours": 7.5},
    {"code": "A", "name": "Kveldsvakt", "name_en": "Evening", "start": "15:00", "end": "22:30",
     "hours": 7.0, "kind": "evening"},
    {"code": "N", "name": "Nattevakt", "name_en": "Night", "start": "22:15", "end": "07:45",
     "hours": 9.5, "kind": "night"},
]
FTES = (1.0, 1.0, 0.8, 0.8, 0.75, 0.6)
ALL_DAYS = ["weekday", "saturday", "sunday", "holiday"]
WEEKEND = ["saturday", "sunday", "holiday"]


def synthetic_data(n: int, seed: int = 1, month: str = "2027-02") -> dict:
    """Scenario data for ``n`` staff (``n`` >= 6)."""
    if n < 6:
        raise ValueError("a synthetic unit needs at least 6 staff")
    rng = random.Random(seed * 1000 + n)
    nights = max(1, round(0.08 * n))
    night_staff = 3 * nights  # every third weekend: three night teams
    m = n - night_staff
    d_min, a_min = max(2, round(m / 5)), max(1, round(m / 6))
    d_we, a_we = max(1, round(m / 7)), max(1, round(m / 8))
    staff = []
    for i in range(n):
        sid = f"s{i + 1:03d}"
        if i < m:
            nurse = i % 3 == 0
            skills = ["nurse", "helsefag"] if nurse else (["helsefag"] if i % 5 else ["miljøarbeider"])
            staff.append({"id": sid, "fte": rng.choice(FTES), "skills": skills})
        else:
            staff.append({"id": sid, "fte": 0.75, "skills": ["helsefag"], "cannot_work": ["D", "A"]})
    start = dt.date.fromisoformat(month + "-01")
    days = 28
    wishes, absences = [], []
    for p in staff:
        for _ in range(rng.randint(0, 2)):
            wishes.append({"staff": p["id"], "date": start + dt.timedelta(days=rng.randrange(days)),
                           "kind": "day_off", "weight": rng.randint(1, 5)})
        if rng.random() < 0.1:
            first = rng.randrange(days - 7)
            absences.append({"staff": p["id"], "start": start + dt.timedelta(days=first),
                             "end": start + dt.timedelta(days=first + rng.randint(2, 6)),
                             "kind": "vacation"})
    seen: set[tuple[str, dt.date]] = set()
    wishes = [w for w in wishes if not ((w["staff"], w["date"]) in seen or seen.add((w["staff"], w["date"])))]
    coverage = [
        {"shift": "D", "days": ["weekday"], "min_staff_if_open": d_min,
         "max_staff": d_min + max(1, round(m / 7)), "skills": {"nurse": 1}},
        {"shift": "D", "days": WEEKEND, "min_staff_if_open": d_we, "max_staff": d_we + 1,
         "skills": {"nurse": 1}},
        {"shift": "A", "days": ["weekday"], "min_staff_if_open": a_min,
         "max_staff": a_min + max(1, round(m / 10)), "skills": {"helsefag": 1}},
        {"shift": "A", "days": WEEKEND, "min_staff_if_open": a_we, "max_staff": a_we + 1,
         "skills": {"helsefag": 1}},
        {"shift": "N", "days": ALL_DAYS, "min_staff_if_open": nights, "max_staff": nights,
         "skills": {"helsefag": 1}},
    ]
    return {
        "scenario": {"name": f"Synthetic unit, {n} staff (seed {seed})"},
        "period": {"start": start, "end": start + dt.timedelta(days=days - 1)},
        "rules": {"turnus_type": "round_the_clock", "weekend_every": 3},
        "shifts": [{**s, "days": ALL_DAYS} for s in SHIFTS],
        "staff": staff, "coverage": coverage, "wishes": wishes, "absences": absences,
    }


def synthetic(n: int, seed: int = 1, month: str = "2027-02") -> Scenario:
    return build_scenario(synthetic_data(n, seed, month), source=f"synthetic-{n}")
