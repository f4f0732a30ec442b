"""``roster validate FILE``: load a scenario and report every problem in it."""

from __future__ import annotations

from roster.cli.common import read_scenario, scenario_arg
from roster.cli.options import lang_arg
from roster.vocabulary import pick


def register(sub) -> None:
    p = sub.add_parser("validate", help="check a scenario file and report every problem",
                       description="Load a scenario (.toml or .xlsx) and report every problem "
                                   "found, each with its location. Exit code 0 when valid.")
    scenario_arg(p)
    lang_arg(p, "en", "the result line")
    p.set_defaults(func=run)


def run(args) -> int:
    s = read_scenario(args.scenario)
    print(pick(args.lang, f"{args.scenario}: valid ({len(s.staff)} staff, {len(s.shifts)} shift types, "
                          f"{len(s.requirements)} coverage requirements, {s.start} to {s.end})",
               f"{args.scenario}: gyldig ({len(s.staff)} ansatte, {len(s.shifts)} vakttyper, "
               f"{len(s.requirements)} bemanningskrav, {s.start} til {s.end})"))
    return 0
