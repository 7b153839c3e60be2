"""The packs shipped with lintkit skip load-time regex probing at run time
(see ``saferegex.trusted``); here every shipped pattern gets the full
untrusted treatment instead, so a bad shipped pattern still fails CI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = """
import sys
import lintkit.packs as packs
import lintkit.saferegex as saferegex
packs._shipped = lambda path: None
calls = []
real = saferegex.compile_pattern
def counting(pattern, **kw):
    calls.append(pattern)
    return real(pattern, **kw)
saferegex.compile_pattern = counting
from lintkit.cli import main
code = main(["check", "content/", "--no-cache", "--quiet"])
print("PATTERNS", len(calls), file=sys.stderr)
raise SystemExit(code)
"""


def test_every_shipped_pattern_passes_full_validation() -> None:
    r = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, check=False)
    assert r.returncode == 1, r.stderr  # findings on the seed articles, not a pack error (2)
    assert "Traceback" not in r.stderr
    n = int(r.stderr.split("PATTERNS", 1)[1].split()[0])
    assert n > 50, "the red-flag packs alone hold dozens of patterns; were they validated?"


def test_shipped_packs_are_trusted_and_user_packs_are_not(tmp_path: Path) -> None:
    from lintkit.packs import _shipped, default_rules_dir

    shipped = next(default_rules_dir().rglob("*.yaml"))
    assert _shipped(shipped)
    user = tmp_path / "redflags.yaml"
    user.write_text("{}\n")
    assert not _shipped(user)
