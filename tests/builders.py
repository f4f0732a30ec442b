"""Build small scenarios in tests: the smallest case where a rule must bite.

``scenario(...)`` takes the same plain data as a scenario TOML file (see
docs/scenario-format.md), fills sensible defaults, validates it through the real loader
and returns a Scenario. Times are real, the solver is real.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

from roster.bench.curtois import BenchStaff, Cover, Instance
from roster.planner import PlanOptions, plan
from roster.rota import Assignment, Rota
from roster.scenario import Scenario
from roster.scenario_load import build_scenario

DAY = {"code": "D", "name": "Dag", "name_en": "Day", "start": "08:00", "end": "16:00",
       "hours": 7.5}
EVENING = {"code": "A", "name": "Kveld", "name_en": "Evening", "start": "14:00", "end": "21:00",
           "hours": 7.0, "kind": "evening"}
NIGHT = {"code": "N", "name": "Natt", "name_en": "Night", "start": "22:00", "end": "07:00",
         "hours": 9.0, "kind": "night"}

# rules switched off unless a test turns them on, so each test sees only its own rule
QUIET_RULES = {"weekend_every": 0, "max_consecutive_days": 0, "weekly_rest_hours": 0,
               "sunday_holiday_rest": False, "hours_tolerance": 1000.0,
               "max_hours_per_7_days": 0, "holiday_hours_reduction": False}
# the same as TOML text, with no public holidays, for tests that write a scenario file
QUIET_RULES_TOML = '[calendar]\ncountry = ""\n[rules]\n' + "".join(
    f"{k} = {str(v).lower() if isinstance(v, bool) else v}\n" for k, v in QUIET_RULES.items())


def people(n: int, **extra: Any) -> list[dict]:
    return [{"id": f"p{i + 1}", "name": f"Person {i + 1}", "fte": 1.0, **extra} for i in range(n)]


def scenario(*, start: str = "2027-01-04", days: int = 7, staff: list[dict] | int = 3,
             shifts: list[dict] | None = None, coverage: list[dict] | None = None,
             rules: dict | None = None, quiet: bool = True, country: str | None = "",
             **more: Any) -> Scenario:
    """A small scenario. By default: Monday 4 Jan 2027 for a week, no public holidays,
    the given staff, a day shift D, and only the rules the test turns on."""
    first = dt.date.fromisoformat(start)
    data: dict[str, Any] = {
        "scenario": {"name": "test"},
        "period": {"start": first, "end": first + dt.timedelta(days=days - 1)},
        "shifts": copy.deepcopy(shifts if shifts is not None else [DAY]),
        "staff": people(staff) if isinstance(staff, int) else copy.deepcopy(staff),
        "coverage": copy.deepcopy(coverage if coverage is not None else []),
        "rules": {**(QUIET_RULES if quiet else {}), **(rules or {})},
    }
    if country is not None:
        data["calendar"] = {"country": country}
    data.update(copy.deepcopy(more))
    return build_scenario(data, source="test")


def solve(s: Scenario, time_limit: float = 20.0, **kw: Any) -> Rota:
    return plan(s, PlanOptions(time_limit=time_limit, **kw))


def rota_of(s: Scenario, rows: list[tuple[str, str, str]]) -> list[Assignment]:
    """Assignments from (staff, 'YYYY-MM-DD', shift) triples, for checker tests."""
    return [Assignment(date=dt.date.fromisoformat(d), staff=p, shift=c) for p, d, c in rows]


def count(rota: Rota, *, staff: str | None = None, shift: str | None = None,
          date: str | None = None) -> int:
    return sum(1 for a in rota.assignments
               if (staff is None or a.staff == staff) and (shift is None or a.shift == shift)
               and (date is None or a.date.isoformat() == date))


# --- Curtois & Qu benchmark instances ------------------------------------------------------
CURTOIS_BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "curtois"
if not CURTOIS_BENCH.exists():
    CURTOIS_BENCH = Path("/work/shared/bench/curtois")


def one_person_runs(most: int, least: int, off: int, need: list[int]) -> Instance:
    """A benchmark instance of one person and one 480-minute shift over ``len(need)`` days,
    with no minutes band: only the run rules (at most ``most`` days in a row, blocks of at
    least ``least``, at least ``off`` days off) and a cover of ``need`` per day."""
    days = len(need)
    staff = BenchStaff("A", {"D": days}, days * 480, 0, most, least, off, days)
    return Instance("runs", days, {"D": 480}, {"D": []}, [staff],
                    cover=[Cover(d, "D", n, 100, 1) for d, n in enumerate(need)])
