"""Copies of a published instance (roster.bench.replicated): larger instances of the family
whose reference cost is known, judged by the benchmark's own evaluator."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from roster.bench import curtois
from roster.bench.generator import generate, instance_text
from roster.bench.replicated import (
    MAX_COPIES,
    Spec,
    main,
    parse_specs,
    replicate,
    size_problem,
    union,
    versus,
)

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "curtois"


def _read_back(tmp_path: Path, inst: curtois.Instance) -> curtois.Instance:
    path = tmp_path / f"{inst.name}.txt"
    path.write_text(instance_text(inst), encoding="utf-8")
    return curtois.parse(path)


@pytest.mark.parametrize("separate", [False, True])
@pytest.mark.parametrize("copies", [2, 3])
def test_every_copy_working_one_rota_costs_k_times_and_keeps_every_rule(separate, copies, tmp_path):
    """The reference of the bench: k copies of a rota of the original cost exactly k times
    its cost (the cover deviations and requests are k times as large) and break no rule."""
    gen = generate(2, 6, 2, seed=4)
    one = curtois.evaluate(gen.instance, gen.planted)
    assert one.violations == [] and one.objective > 0
    inst = _read_back(tmp_path, replicate(gen.instance, copies, separate=separate))
    assert len(inst.staff) == copies * len(gen.instance.staff)
    assert len(inst.shifts) == (copies if separate else 1) * len(gen.instance.shifts)
    ev = curtois.evaluate(inst, union(gen.planted, copies, separate=separate))
    assert ev.violations == []
    assert (ev.objective, ev.request_penalty, ev.cover_under, ev.cover_over) == (
        copies * one.objective, copies * one.request_penalty, copies * one.cover_under,
        copies * one.cover_over)


def test_separate_copies_do_not_share_staff_or_shift_types(tmp_path):
    """With shift types of their own nothing couples the copies (so k x the optimum is the
    optimum): a person of one copy may not work another copy's shifts, and a shift type may
    not follow another copy's type under the original's forbidden successions only."""
    gen = generate(2, 4, 3, seed=1)
    inst = _read_back(tmp_path, replicate(gen.instance, 2, separate=True))
    for s in inst.staff:
        own = s.id.rsplit("#", 1)[1]
        assert all(n == 0 for c, n in s.max_shifts.items() if c.rsplit("#", 1)[1] != own)
    for code, after in inst.forbidden.items():
        assert all(f.rsplit("#", 1)[1] == code.rsplit("#", 1)[1] for f in after)
    # copy 1 working copy 2's shifts breaks a hard rule in the evaluator
    swapped = {(sid, day): code.replace("#1", "#2") for (sid, day), code in
               union(gen.planted, 2, separate=True).items()}
    assert curtois.evaluate(inst, swapped).violations


def test_shared_copies_multiply_the_cover_and_keep_the_shift_types(tmp_path):
    gen = generate(2, 4, 2, seed=2)
    inst = _read_back(tmp_path, replicate(gen.instance, 3))
    assert inst.shifts == gen.instance.shifts and inst.forbidden == gen.instance.forbidden
    assert [c.requirement for c in inst.cover] == [3 * c.requirement for c in gen.instance.cover]
    assert [(c.under, c.over) for c in inst.cover] == [(c.under, c.over) for c in gen.instance.cover]
    assert len(inst.on) == 3 * len(gen.instance.on) and len(inst.off) == 3 * len(gen.instance.off)


@pytest.mark.skipif(not BENCH.exists(), reason="the published instances are beside the project")
def test_a_published_instance_copied_reads_back_and_its_union_costs_k_times_the_best_known(tmp_path):
    """Instance1's best known rota is not stored, so the check is on the planner's rota of the
    original: whatever it costs, two copies of it cost twice that and keep every rule."""
    original = curtois.parse(BENCH / "Instance1.txt")
    inst = _read_back(tmp_path, replicate(original, 2, separate=True))
    assert inst.name == "Instance1x2s" and len(inst.staff) == 16 and len(inst.shifts) == 2
    rota, ev = curtois.solve(original, curtois.to_scenario(original))
    assert ev.violations == []
    doubled = curtois.evaluate(inst, union(curtois.roster_of(rota.assignments, original), 2, separate=True))
    assert doubled.violations == [] and doubled.objective == 2 * ev.objective


def test_sizes_the_planner_refuses_are_refused_with_the_reason():
    gen = generate(1, 3, 1, seed=0)
    assert size_problem(gen.instance, 2, True) is None
    assert "copies must be from 1" in size_problem(gen.instance, MAX_COPIES + 1, False)
    assert "staff" in size_problem(gen.instance.__class__(
        "big", 7, gen.instance.shifts, {}, gen.instance.staff * 200), 2, False)
    with pytest.raises(ValueError, match="copies must be"):
        replicate(gen.instance, 0)


def test_parse_specs_and_versus():
    assert parse_specs("4x2, 3x2,2x3s") == [Spec(4, 2), Spec(3, 2), Spec(2, 3, True)]
    assert parse_specs("") == [] and Spec(2, 3, True).label == "2x3s"
    for bad in ("13x2", "4", "4x2t", "x2"):
        with pytest.raises(argparse.ArgumentTypeError):
            parse_specs(bad)
    assert versus(1010, 1000) == "+1.0 %" and versus(990, 1000) == "-1.0 %" and versus(None, 1000) == "-"


def test_cli_writes_an_instance_and_never_overwrites_a_file(tmp_path, capsys):
    gen = generate(1, 3, 1, seed=0)
    src = tmp_path / "in.txt"
    src.write_text(instance_text(gen.instance), encoding="utf-8")
    out = tmp_path / "out.txt"
    assert main(["--instance", str(src), "--copies", "2", "--separate", "--out", str(out)]) == 0
    assert len(curtois.parse(out).staff) == 6
    before = out.read_text(encoding="utf-8")
    assert main(["--instance", str(src), "--copies", "3", "--out", str(out)]) == 1
    assert "exists" in capsys.readouterr().err and out.read_text(encoding="utf-8") == before
    assert main(["--instance", str(src), "--copies", "99", "--out", str(tmp_path / "x.txt")]) == 3
    assert "copies must be" in capsys.readouterr().err
    assert main(["--instance", str(tmp_path / "missing.txt"), "--copies", "2",
                 "--out", str(tmp_path / "y.txt")]) == 1
    assert not (tmp_path / "x.txt").exists() and not (tmp_path / "y.txt").exists()


@pytest.mark.skipif(not BENCH.exists(), reason="the published instances are beside the project")
def test_suite_section_reports_the_objective_against_k_times_the_best_known():
    from roster.bench.replicated import suite_section

    lines = suite_section([Spec(1, 2, True)], seeds=1, time_limit=5, bench_dir=BENCH)
    row = next(line for line in lines if line.startswith("| Instance1x2s"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1:4] == ["14", "16", "2"]
    objective, reference = float(cells[4]), int(cells[6])
    assert reference == 2 * curtois.best_known(BENCH)["Instance1"]
    # the optimum of separate copies is exactly k x the optimum: no rota is below it
    assert objective >= reference and cells[7] == versus(objective, reference)
    assert float(cells[8]) <= objective and cells[-1] == "kept"
