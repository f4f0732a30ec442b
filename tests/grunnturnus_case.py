"""A small unit and its planned 6-week grunnturnus, planned once per test session and shared
by tests/test_grunnturnus.py and tests/test_rollout.py (one solve of a few seconds)."""

from __future__ import annotations

import datetime as dt
from functools import cache

from roster.grunnturnus import Grunnturnus, plan_grunnturnus
from roster.planner import PlanOptions
from roster.scenario import Scenario
from roster.scenario_load import loads_scenario

WEEKS = 6
START = dt.date(2027, 6, 7)  # the first Monday of June 2027 (no public holidays June-November)

# Two shifts whose succession evening -> day leaves 9 h of rest (15:00-22:30, then 07:30):
# a line with an evening on Sunday of week 6 and a day shift on Monday of week 1 breaks the
# 11 h daily rest at the wrap-around. Weekend frequency every 2nd; 35.5 h a week.
SCENARIO_TOML = """
[scenario]
name = "Testbolig"
unit = "Testbolig"

[period]
month = "2027-06"

[rules]
weekend_every = 2

[[shifts]]
code = "D"
name = "Dagvakt"
name_en = "Day"
start = "07:30"
end = "15:30"
hours = 7.5

[[shifts]]
code = "A"
name = "Kveldsvakt"
name_en = "Evening"
start = "15:00"
end = "22:30"
hours = 7.0
kind = "evening"

[[staff]]
id = "p1"
name = "Anne"
fte = 1.0

[[staff]]
id = "p2"
name = "Bjørn"
fte = 1.0

[[staff]]
id = "p3"
name = "Cecilie"
fte = 0.8

[[staff]]
id = "p4"
name = "Dag"
fte = 0.6

[[staff]]
id = "p5"
name = "Eva"
fte = 0.6

[[coverage]]
shift = "D"
days = ["weekday"]
min_staff_if_open = 2
max_staff = 3
priority = "base"

[[coverage]]
shift = "D"
days = ["saturday", "sunday", "holiday"]
min_staff_if_open = 1
max_staff = 1
priority = "base"

[[coverage]]
shift = "A"
days = ["weekday", "saturday", "sunday", "holiday"]
min_staff_if_open = 1
max_staff = 1
priority = "base"
"""


@cache
def scenario() -> Scenario:
    return loads_scenario(SCENARIO_TOML, source="testbolig.toml")


@cache
def planned() -> Grunnturnus:
    """The planner's 6-week grunnturnus of the small unit (6 s of solver time)."""
    return plan_grunnturnus(scenario(), WEEKS, PlanOptions(time_limit=6.0), start=START)
