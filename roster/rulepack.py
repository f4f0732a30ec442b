"""The rule pack: Norwegian working-time rules as data (``data/rules/no-aml.toml``).

The pack gives defaults; a scenario's ``[rules]`` table overrides single values. Every
value in the pack carries its legal or tariff source in a comment next to it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from types import MappingProxyType
from typing import Any

from roster.errors import Problem, ScenarioError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_RULE_PACK = DATA_DIR / "rules" / "no-aml.toml"

# keys a [rules] table may hold, with the type each must have
RULE_KEYS: dict[str, tuple[type, ...]] = {
    "min_rest_hours": (int, float),
    "weekly_rest_hours": (int, float),
    "max_consecutive_days": (int,),
    "min_consecutive_days": (int,),
    "min_days_off": (int,),
    "weekend_every": (int,),
    "max_weekends": (int,),
    "max_shift_hours": (int, float),
    "max_hours_per_7_days": (int, float),
    "sunday_holiday_rest": (bool,),
    "turnus_type": (str,),
    "weekly_hours": (dict,),
    "hours_tolerance": (int, float),
    "holiday_hours_reduction": (bool,),
    "notice_days": (int,),
    "forbidden_successions": (list,),
    "check_times": (bool,),
}


def flatten_rules(table: dict[str, Any]) -> dict[str, Any]:
    """The pack nests contract settings under [rules.contract]; scenarios may write them flat."""
    flat = {k: v for k, v in table.items() if k != "contract"}
    flat.update(table.get("contract", {}))
    return flat


def load_rule_pack(path: Path | str = DEFAULT_RULE_PACK) -> MappingProxyType:
    """Read a rule pack file and return its flat ``rules`` values."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ScenarioError([Problem(str(path), "", "rule pack file not found")]) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError([Problem(str(path), "", f"not valid TOML: {exc}")]) from exc
    table = data.get("rules")
    if not isinstance(table, dict):
        raise ScenarioError([Problem(str(path), "rules", "expected a [rules] table")])
    flat = flatten_rules(table)
    unknown = sorted(set(flat) - set(RULE_KEYS))
    if unknown:
        raise ScenarioError(
            [Problem(str(path), f"rules.{k}", "unknown rule name") for k in unknown]
        )
    return MappingProxyType(flat)
