"""Årsturnus: the year from a grunnturnus, holiday plans and vacations (issue 17 item 3).

- ``plan_file``: the year-plan file (TOML), read and validated;
- ``vacation``: virkedager, requested weeks placed, what a unit leader must be told;
- ``history``: holiday work year over year, and the planner cost that shares it;
- ``balance``: each planned period's share of the year's plus/minus hours;
- ``build``: the year built (roll-out, planned periods, months, annual hours);
- ``report``: ``arsturnus.json`` and the summary (nb/en).

docs/arsturnus.md describes the whole.
"""
