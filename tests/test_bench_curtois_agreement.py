"""The benchmark's independent evaluator (``roster.bench.curtois.evaluate``) and the
product's checker (``roster check``) agree on every rota the engine writes, and on rotas
one change away from it (each change may break a rule or not: both must say the same).
One difference is by design of the checker, not of the rota: hours below a person's band
are a hard rule in weighted mode, but ``roster check`` lists them as a warning."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from roster.bench import curtois
from roster.check import check_rota
from roster.cli.main import main
from roster.excel.toml_write import dumps
from roster.rota import Assignment, Rota
from roster.scenario_load import load_scenario

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "curtois"
if not BENCH.exists():
    BENCH = Path("/work/shared/bench/curtois")
pytestmark = pytest.mark.skipif(not BENCH.exists(), reason="benchmark instances not available")


def _as_assignments(roster: dict[tuple[str, int], str]) -> list[Assignment]:
    return sorted(Assignment(date=curtois.START + dt.timedelta(days=d), staff=sid, shift=code)
                  for (sid, d), code in roster.items())


@pytest.mark.parametrize("n,seconds", [(2, 6), (7, 12)])
def test_evaluator_and_roster_check_agree_on_the_engine_rota_and_its_neighbours(n, seconds, tmp_path,
                                                                              capsys):
    instance = BENCH / f"Instance{n}.txt"
    out = tmp_path / "rota.json"
    assert main(["bench", "curtois", str(instance), "--time-limit", str(seconds), "--out", str(out)]) == 0
    capsys.readouterr()
    inst = curtois.parse(instance)
    toml = tmp_path / "scenario.toml"
    toml.write_text(dumps(curtois.scenario_data(inst)))
    # the written rota: the evaluator finds no breach, and neither does `roster check`
    roster = curtois.roster_of(Rota.load(out).assignments, inst)
    assert curtois.evaluate(inst, roster).violations == []
    assert main(["check", str(toml), str(out)]) == 0
    capsys.readouterr()
    # rotas one change away: a shift added, removed or swapped for another
    scenario = load_scenario(toml)
    rng = np.random.default_rng(n)
    codes = [None, *inst.shifts]
    verdicts = set()
    for _ in range(60):
        changed = dict(roster)
        sid = inst.staff[int(rng.integers(len(inst.staff)))].id
        day = int(rng.integers(inst.days))
        code = codes[int(rng.integers(len(codes)))]
        if code is None:
            changed.pop((sid, day), None)
        else:
            changed[(sid, day)] = code
        broken = not curtois.evaluate(inst, changed).feasible
        # hours below the band are a hard rule in weighted mode (the model's rows) but
        # `roster check` lists them as a warning (in staged mode they are a cost)
        errors = [r for r in check_rota(scenario, _as_assignments(changed))
                  if r.is_error or r.rule == "hours"]
        assert broken == bool(errors), (sid, day, code, curtois.evaluate(inst, changed).violations,
                                        [e.en for e in errors])
        verdicts.add(broken)
    assert verdicts == {True, False}  # both kinds of neighbour were seen
