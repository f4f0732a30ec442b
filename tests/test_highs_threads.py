"""HiGHS's thread count is owned once per process, so mixed callers never get an error."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from roster.highs_threads import process_threads

# a default solve, then one asking for a single thread: with highspy 1.16 the second
# returned HighsStatus.kError before the thread count had one owner
MIXED_CALLERS = textwrap.dedent("""
    from builders import DAY, scenario
    from roster.planner import build_model
    from roster.model import Priority, Stage
    from roster.solve.highs import HighsBackend

    def solve(threads):
        m = build_model(scenario(staff=2, days=7, shifts=[DAY],
                                 coverage=[{"shift": "D", "days": ["weekday"], "min_staff_if_open": 1}]))
        m.prob.setObjective(m.weighted_expr())
        for v in m.x.values():
            m.prob.addVariable(v)
        b = HighsBackend(m.prob, threads=threads, msg=False, seed=0)
        base = Stage(Priority.BASE)
        return b.minimize(m.stage_expr(base), 10, 0.0, base).status

    print("statuses:", solve(None), solve(1), solve(2), solve(None))
""")


def test_solves_with_different_thread_requests_in_one_process_all_succeed(tmp_path):
    script = tmp_path / "mixed.py"
    script.write_text(MIXED_CALLERS)
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": str(Path(__file__).parent)})
    assert out.returncode == 0, out.stderr
    statuses = [line for line in out.stdout.splitlines() if line.startswith("statuses:")]
    assert statuses == ["statuses: optimal optimal optimal optimal"]


def test_the_first_request_fixes_the_count_for_the_process():
    first = process_threads(None)
    assert process_threads(first + 3) == first
    assert process_threads(1) == first


def test_the_highs_banner_stays_out_of_the_output_unless_tracing():
    # HiGHS prints an English banner ("Running HiGHS ... MIT licence terms") when a process
    # creates its first solver; the planner's output (all bokmål with --lang nb) leaves it
    # out, and shows it on stderr with the trace
    code = "from roster.highs_threads import new_highs; new_highs(); new_highs(); print('done')"
    env = {k: v for k, v in os.environ.items() if k != "ROSTER_TRACE"}
    quiet = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           timeout=60, env=env)
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stdout == "done\n" and "HiGHS" not in quiet.stderr
    traced = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, env={**env, "ROSTER_TRACE": "1"})
    assert traced.stdout == "done\n" and "Running HiGHS" in traced.stderr
