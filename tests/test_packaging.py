"""A wheel (not an editable install) carries the rule pack, cost tables, examples and templates.

The wheel is built from a copy of the sources, installed into a fresh environment that
sees the project's dependencies but not the repository, and `roster solve` plans a
bundled example from another directory.
"""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SKIP = shutil.ignore_patterns(".venv*", ".git", "out", "build", "*.egg-info", "__pycache__",
                              ".pytest_cache", ".ruff_cache", "tests", "docs")


def _run(cmd, **kw):
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=300, **kw)
    assert out.returncode == 0, f"{cmd}\n{out.stdout}\n{out.stderr}"
    return out


@pytest.mark.slow
def test_the_wheel_plans_a_bundled_example_outside_the_repository(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, symlinks=True, ignore=SKIP)
    pip = [sys.executable, "-m", "pip"]
    _run([*pip, "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
          "-w", str(tmp_path / "dist"), str(src)])
    wheel = next((tmp_path / "dist").glob("turnus_planner-*.whl"))

    env_dir = tmp_path / "env"
    _run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)])
    env_python = env_dir / "bin" / "python"
    site = Path(_run([str(env_python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
                .stdout.strip())
    # the dependencies come from the project's environment, after the wheel's own files
    (site / "_project_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run([*pip, "--python", str(env_python), "install", "--quiet", "--no-deps", "--no-index", str(wheel)])

    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    where = _run([str(env_python), "-c", "import roster.cli.main as m; print(m.__file__)"], cwd=work, env=env)
    assert Path(where.stdout.strip()).is_relative_to(env_dir), "the wheel, not the repository, was imported"

    listed = _run([str(env_dir / "bin" / "roster"), "examples"], cwd=work, env=env).stdout.split()
    assert "example:fredrikstad-mat" in listed
    _run([str(env_dir / "bin" / "roster"), "solve", "example:fredrikstad-mat", "--out", "plan",
          "--time-limit", "20"], cwd=work, env=env)
    rota = json.loads((work / "plan" / "rota.json").read_text(encoding="utf-8"))
    assert rota["status"] in ("optimal", "feasible")
    assert rota["assignments"] and rota["rules"]["min_rest_hours"] == 11  # the rule pack was found
