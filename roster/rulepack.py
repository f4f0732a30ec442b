"""The rule pack: Norwegian working-time rules as data (``data/rules/no-aml.toml``).

The pack gives defaults; a scenario's ``[rules]`` table overrides single values. Every
value in the pack carries its legal or tariff source in a comment next to it.
:func:`rule_problems` checks the type and the bounds of every rule value, for the pack and
for a scenario's overrides alike; both come from the rule catalogue's parameter specs
(``roster.rules.params``; the table is in docs/scenario-format.md, "Limits").
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Any

from roster.errors import Problem, ScenarioError
from roster.input_files import MAX_TOML_BYTES, describe, parse_toml, read_text, shown
from roster.resources import RULE_PACK
from roster.rules.catalogue import param, scenario_params

DEFAULT_RULE_PACK = RULE_PACK  # shipped inside the package (roster/resources.py)

def flatten_rules(table: dict[str, Any]) -> dict[str, Any]:
    """The pack nests contract settings under [rules.contract]; scenarios may write them flat.
    A ``contract`` that is not a table is left out (see :func:`contract_problem`)."""
    flat = {k: v for k, v in table.items() if k != "contract"}
    contract = table.get("contract")
    if isinstance(contract, dict):
        flat.update(contract)
    return flat


def contract_problem(table: dict[str, Any]) -> str | None:
    """The message for a ``contract`` key that is not a table, else None."""
    if "contract" in table and not isinstance(table["contract"], dict):
        return f"expected a table [rules.contract], got {describe(table['contract'])}"
    return None


def rule_problems(key: str, value: Any) -> list[tuple[str | int, str]]:
    """What is wrong with one ``[rules]`` value, as (sub-key, message) pairs ("" for the value
    itself); empty when it is fine. The type and the bounds of every value are the rule
    catalogue's parameter specs (``roster.rules.params``)."""
    return param(key).problems(value)


def rule_keys() -> set[str]:
    """Keys a ``[rules]`` table (or the rule pack) may hold."""
    return {p.key for p in scenario_params()}


def load_rule_pack(path: Path | str = DEFAULT_RULE_PACK) -> MappingProxyType:
    """Read a rule pack file and return its flat ``rules`` values, each checked."""
    path = Path(path)
    source = str(path)

    def fail(message: str) -> ScenarioError:
        return ScenarioError([Problem(source, "", f"rule pack: {message}")])

    data = parse_toml(read_text(path, fail=fail, limit=MAX_TOML_BYTES, what="rule pack (TOML)"), fail)
    table = data.get("rules")
    if not isinstance(table, dict):
        raise ScenarioError([Problem(source, "rules", "expected a [rules] table")])
    problems = []
    bad_contract = contract_problem(table)
    if bad_contract:
        problems.append(Problem(source, "rules.contract", bad_contract))
    flat = flatten_rules(table)
    known = rule_keys()
    for key, value in flat.items():
        if key not in known:
            problems.append(Problem(source, f"rules.{shown(str(key))}", "unknown rule name"))
            continue
        for sub, message in rule_problems(key, value):
            where = f"rules.{key}" + ("" if sub == "" else f".{shown(str(sub))}")
            problems.append(Problem(source, where, message))
    if problems:
        raise ScenarioError(problems)
    return MappingProxyType(flat)
