"""``roster info FILE``: period, staff, hours to cover per day type, holidays."""

from __future__ import annotations

import json

from roster.cli.common import read_scenario, scenario_arg
from roster.cli.options import lang_arg
from roster.summary import format_info, scenario_info


def register(sub) -> None:
    p = sub.add_parser("info", help="summarise a scenario: period, staff, hours to cover, holidays")
    scenario_arg(p)
    p.add_argument("--json", action="store_true", help="print the facts as JSON")
    lang_arg(p, "en", "the summary")
    p.set_defaults(func=run)


def run(args) -> int:
    info = scenario_info(read_scenario(args.scenario))
    if args.json:
        print(json.dumps(info, default=str, ensure_ascii=False, indent=1))
    else:
        print(format_info(info, args.lang))
    return 0
