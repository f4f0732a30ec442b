"""Small helpers the command modules share: loading inputs with clear errors, writing output."""

from __future__ import annotations

import argparse
from pathlib import Path

from roster.errors import UserError
from roster.rota import Rota
from roster.scenario import Scenario
from roster.scenario_load import load_scenario


def scenario_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", metavar="SCENARIO",
                        help="scenario file (.toml, or an .xlsx scenario workbook)")


def read_scenario(path: str) -> Scenario:
    return load_scenario(path)


def read_rota(path: str) -> Rota:
    return Rota.load(path)


def read_scenario_and_rota(scenario_path: str, rota_path: str) -> tuple[Scenario, Rota]:
    """A scenario and a rota of it; refuses a rota for another period."""
    scenario = read_scenario(scenario_path)
    rota = read_rota(rota_path)
    if (rota.start, rota.end) != (scenario.start, scenario.end):
        raise UserError(f"{rota_path}: the rota covers {rota.start}..{rota.end} but the scenario "
                        f"covers {scenario.start}..{scenario.end}")
    return scenario, rota


def solver_args(parser: argparse.ArgumentParser, time_limit: float = 30.0) -> None:
    parser.add_argument("--time-limit", type=float, default=time_limit, metavar="S",
                        help=f"seconds the solver may use in all (default {time_limit:g})")
    parser.add_argument("--solver", choices=("highs", "cbc"), default="highs",
                        help="MIP solver: HiGHS (default) or CBC (fallback)")
    parser.add_argument("--threads", type=int, default=None, help="solver threads")
    parser.add_argument("--seed", type=int, default=0, help="random seed (reproducible runs)")


def out_dir(path: str, inputs: list[str]) -> Path:
    """An output folder that is not one of the input files."""
    out = Path(path)
    for item in inputs:
        if item and Path(item).resolve() == out.resolve():
            raise UserError(f"--out {path} is an input file; choose a folder for the output")
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {path} exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    return out


def safe_output_file(path: str, inputs: list[str]) -> Path:
    """An output file path that never overwrites one of the inputs."""
    out = Path(path)
    for item in inputs:
        if item and Path(item).exists() and out.exists() and out.resolve() == Path(item).resolve():
            raise UserError(f"{path} is one of the input files; refusing to overwrite it")
    out.parent.mkdir(parents=True, exist_ok=True)
    return out
