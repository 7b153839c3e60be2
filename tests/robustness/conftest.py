"""Shared helpers for the robustness suite: a project rooted in ``tmp_path``,
a run through the engine, and a run of the command line in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lintkit.config import load_project
from lintkit.engine import RunResult, run

REPO = Path(__file__).resolve().parents[2]

# A file every run carries next to the hostile one: it has no front matter, so
# the schema family must report it. Seeing that finding proves the hostile file
# did not stop the rest of the run.
SIBLING = "sibling.md"
SIBLING_TEXT = "# A page without front matter\n\nSee a doctor if the pain is severe.\n"
CLEAN_TEXT = "---\ntitle: Knee pain\ncontent_type: overview\n---\n\n# Knee pain\n\nRest helps.\n"


def write_project(root: Path, config: str = "content: ['.']\n") -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "lintkit.yaml").write_text(config, encoding="utf-8")
    (root / SIBLING).write_text(SIBLING_TEXT, encoding="utf-8")


def lint(root: Path, paths: list[Path] | None = None, **kw: Any) -> RunResult:
    """Lint ``root`` through the engine, as the CLI would (config discovered there)."""
    project = load_project(cwd=root)
    return run(project, paths if paths is not None else [root], cwd=root, use_cache=False, **kw)


def codes_for(result: RunResult, display: str) -> set[str]:
    return {f.code for f in result.report.findings if f.path == display}


def assert_sibling_checked(result: RunResult) -> None:
    """The rest of the run went on: the sibling file was read and reported."""
    assert SIBLING in result.results, sorted(result.results)
    assert "SCH002" in codes_for(result, SIBLING), result.report.findings
    assert not result.errors, result.errors


@dataclass
class CliRun:
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 120) -> CliRun:
    full_env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", **(env or {})}
    p = subprocess.run(
        [sys.executable, "-m", "lintkit", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return CliRun(p.returncode, p.stdout, p.stderr)
