"""The fuzz target (fuzz/fuzz_lintkit.py) over random mutations of its seed
corpus, without atheris: a long run, so it is marked ``slow`` and runs with
``pytest --extended`` (as ``.ci/run`` does)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_plain_fuzzing_finds_no_failure() -> None:
    r = subprocess.run(
        [sys.executable, str(ROOT / "fuzz" / "fuzz_lintkit.py"), "--plain", "10000"],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert r.returncode == 0, f"the fuzz target failed:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"
    assert "10000 inputs, no failure" in r.stderr, r.stderr[-2000:]  # the target reports on stderr
