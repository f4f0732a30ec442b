"""The generator of Curtois-family instances (issue 16: larger instances of the same family,
to see that the engine is not tuned to the published twelve)."""

from __future__ import annotations

import argparse

import pytest

from roster.bench import curtois
from roster.bench.generator import (
    CLASSES,
    CONTRACTS,
    gap_to_bound,
    generate,
    instance_text,
    main,
    parse_specs,
    suite_section,
)
from roster.cli.main import main as roster_main
from roster.excel.toml_write import dumps
from roster.rota import Rota

SIZES = [(1, 5, 1), (2, 8, 1), (4, 10, 2), (4, 30, 4), (8, 40, 5), (6, 50, 16), (12, 20, 3), (4, 200, 1),
         (1, 3, 1), (2, 3, 20)]


def _read(tmp_path, gen):
    path = tmp_path / f"{gen.instance.name}.txt"
    path.write_text(instance_text(gen.instance))
    return path, curtois.parse(path)


def test_same_arguments_give_the_same_instance_and_another_seed_another():
    a, b, c = generate(4, 12, 3, seed=1), generate(4, 12, 3, seed=1), generate(4, 12, 3, seed=2)
    assert instance_text(a.instance) == instance_text(b.instance) and a.planted == b.planted
    assert instance_text(a.instance) != instance_text(c.instance)


@pytest.mark.parametrize("spec", SIZES)
def test_written_instance_reads_back_unchanged(spec, tmp_path):
    gen = generate(*spec, seed=3)
    _, back = _read(tmp_path, gen)
    inst = gen.instance
    assert (back.days, back.shifts, back.forbidden, back.staff) == (inst.days, inst.shifts, inst.forbidden,
                                                                    inst.staff)
    assert {k: v for k, v in back.days_off.items() if v} == {k: v for k, v in inst.days_off.items() if v}
    assert (back.on, back.off, back.cover) == (inst.on, inst.off, inst.cover)


@pytest.mark.parametrize("spec", [*SIZES, (52, 54, 10)])
@pytest.mark.parametrize("seed", [0, 1])
def test_planted_rota_keeps_every_hard_rule(spec, seed, tmp_path):
    """Judged by the benchmark's own evaluator, which shares nothing with the generator:
    every generated instance has a rota, so none is infeasible by accident."""
    gen = generate(*spec, seed=seed)
    _, inst = _read(tmp_path, gen)
    ev = curtois.evaluate(inst, gen.planted)
    assert ev.violations == []
    # a real rota: everyone works, within the contract band they were drawn for (from 2
    # weeks up none is widened) and within the nights' cap of 4 per 4 weeks
    worked = {sid for sid, _ in gen.planted}
    assert worked == {s.id for s in inst.staff}
    if spec[0] >= 2:
        assert gen.widened == 0
    cap = max(1, round(4 * spec[0] / 4))
    for s in inst.staff:
        nights = sum(1 for (sid, _), c in gen.planted.items() if sid == s.id and c[0] == "N")
        assert nights <= cap and all(n in (0, cap, inst.days) for n in s.max_shifts.values())


@pytest.mark.parametrize("spec", [(4, 30, 4), (8, 40, 5), (6, 50, 16), (1, 3, 1), (1, 10, 16), (5, 4, 7)])
def test_instances_are_shaped_like_the_published_ones(spec):
    weeks, staff, types = spec
    gen = generate(*spec, seed=0)
    inst = gen.instance
    assert (inst.days, len(inst.staff), len(inst.shifts)) == (7 * weeks, staff, types)
    # cover demand equals the staff's most minutes (published: 0.995-1.011), within one shift
    demand = sum(c.requirement * inst.shifts[c.shift] for c in inst.cover)
    capacity = sum(s.max_minutes for s in inst.staff)
    assert capacity <= demand < capacity + max(inst.shifts.values())
    assert max(c.requirement for c in inst.cover) <= curtois.MAX_COVER
    assert {(c.under, c.over) for c in inst.cover} == {(100, 1)}
    # a later class of shift is never followed by an earlier one; an earlier one may follow
    rank = {c: CLASSES.index(c[0]) for c in inst.shifts}
    for a, banned in inst.forbidden.items():
        assert set(banned) == {b for b in inst.shifts if rank[b] < rank[a]}
    # the published contracts, scaled to the horizon (none widened from 2 weeks up)
    if weeks >= 2:
        assert gen.widened == 0
        scaled = {(round(hi * weeks / 4), round(lo * weeks / 4)) for (hi, lo, *_), _ in CONTRACTS}
        assert {(s.max_minutes, s.min_minutes) for s in inst.staff} <= scaled
    # fixed days off are days off in the planted rota; requests are one per person and day
    for sid, days in inst.days_off.items():
        assert days and not any((sid, d) in gen.planted for d in days)
    assert len({(r.staff, r.day) for r in inst.on}) == len(inst.on)
    assert not any(r.day in inst.days_off.get(r.staff, []) for r in [*inst.on, *inst.off])


def test_engine_rota_on_a_generated_instance_keeps_the_rules_and_beats_the_planted_one(tmp_path, capsys):
    gen = generate(2, 8, 2, seed=5)
    path, inst = _read(tmp_path, gen)
    out = tmp_path / "rota.json"
    assert roster_main(["bench", "curtois", str(path), "--time-limit", "8", "--out", str(out)]) == 0
    capsys.readouterr()
    rota = Rota.load(out)
    ev = curtois.evaluate(inst, curtois.roster_of(rota.assignments, inst))
    assert ev.violations == []
    assert ev.objective <= curtois.evaluate(inst, gen.planted).objective
    # the product's checker agrees that no hard rule is broken
    toml = tmp_path / "scenario.toml"
    toml.write_text(dumps(curtois.scenario_data(inst)))
    assert roster_main(["check", str(toml), str(out)]) == 0


def test_suite_section_reports_the_gap_to_the_proven_bound():
    lines = suite_section([(1, 5, 1)], seeds=2, time_limit=5)
    row = next(line for line in lines if line.startswith("| Generated-1w-5s-1t"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    objective, planted, bound = float(cells[4]), float(cells[6]), float(cells[7])
    assert objective <= planted and bound <= objective
    assert cells[8] == gap_to_bound(objective, bound) and cells[-1] == "kept"


def test_gap_to_bound():
    assert gap_to_bound(200, 150) == "25.0 %"
    assert gap_to_bound(200, 200) == "0.0 %"
    assert gap_to_bound(None, 150) == "-" and gap_to_bound(200, None) == "-"
    assert gap_to_bound(0, 0) == "0.0 %"


def test_parse_specs():
    assert parse_specs("8x30x4, 4X90x10") == [(8, 30, 4), (4, 90, 10)]
    assert parse_specs("") == []
    with pytest.raises(argparse.ArgumentTypeError, match="weeks x staff x shift types"):
        parse_specs("8x30")
    with pytest.raises(argparse.ArgumentTypeError, match="0x5x1: weeks must be from 1 to 52"):
        parse_specs("4x5x1,0x5x1")
    with pytest.raises(argparse.ArgumentTypeError, match="staff must be from 1 to 500, got 999"):
        parse_specs("1x999x1")
    # sizes `roster bench curtois` would refuse are refused when generating
    with pytest.raises(argparse.ArgumentTypeError, match="21840 person-days; the planner takes at most"):
        parse_specs("52x60x10")
    with pytest.raises(argparse.ArgumentTypeError, match="60 shift types give 1219 forbidden successions"):
        parse_specs("2x10x60")


def test_the_largest_sizes_generated_are_taken_by_the_planner(tmp_path, capsys):
    # 54 shift types (the most: 994 forbidden successions) and 52 weeks x 54 staff (20 000
    # person-days at most) read back as scenarios the planner accepts
    from roster.bench.generator import forbidden_pairs

    assert forbidden_pairs(54) <= 1000 < forbidden_pairs(55)
    for spec in ((1, 2, 54), (52, 54, 1)):
        path, _ = _read(tmp_path, generate(*spec, seed=0))
        curtois.load(path)  # the scenario the planner builds from it: no error


def test_cli_writes_an_instance_and_never_overwrites_a_file(tmp_path, capsys):
    out = tmp_path / "gen.txt"
    assert main(["--weeks", "2", "--staff", "6", "--shift-types", "2", "--out", str(out)]) == 0
    assert curtois.parse(out).days == 14
    out.write_text("mine")
    assert main(["--weeks", "2", "--staff", "6", "--out", str(out)]) == 1
    assert out.read_text() == "mine"
    assert "exists" in capsys.readouterr().err


def test_cli_usage_error_exits_3(tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        main(["--weeks", "x", "--out", str(tmp_path / "g.txt")])
    assert info.value.code == 3 and "invalid int value" in capsys.readouterr().err


@pytest.mark.parametrize("args,message", [(["--weeks", "0"], "weeks must be from 1 to 52"),
                                          (["--weeks", "53"], "weeks must be from 1 to 52"),
                                          (["--staff", "0"], "staff must be from 1 to 500"),
                                          (["--shift-types", "0"], "shift types must be from 1"),
                                          (["--seed", "-1"], "--seed must be 0 or more")])
def test_cli_rejects_sizes_out_of_range(args, message, tmp_path, capsys):
    out = tmp_path / "gen.txt"
    assert main([*args, "--out", str(out)]) == 3
    assert message in capsys.readouterr().err and not out.exists()
