"""The real pre-commit runs lintkit's hook in a temporary git repository
that uses this checkout as its hook repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOOD = (ROOT / "content" / "sciatica.md").read_text(encoding="utf-8")
BAD = "# No front matter\n\nGuillain-BarrĂ© syndrome.\n"


def git(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)


def test_hook_blocks_a_bad_file_and_passes_a_good_one(tmp_path: Path) -> None:
    assert shutil.which("git"), "git is required"
    pre_commit = [sys.executable, "-m", "pre_commit"]
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(tmp_path),
    }
    # the hook repository is this checkout at its current commit
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
    rev = head.stdout.strip()
    repo = tmp_path / "content-repo"
    repo.mkdir()
    assert git("init", "-q", "-b", "main", cwd=repo, env=env).returncode == 0
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {rev}\n    hooks:\n      - id: lintkit\n"
    )
    (repo / "lintkit.yaml").write_text("content: [articles]\n")
    (repo / "articles").mkdir()
    r = subprocess.run([*pre_commit, "install"], cwd=repo, env=env, capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stdout + r.stderr

    (repo / "articles" / "sciatica.md").write_text(GOOD, encoding="utf-8")
    git("add", "-A", cwd=repo, env=env)
    r = git("commit", "-q", "-m", "good", cwd=repo, env=env)
    assert r.returncode == 0, r.stdout + r.stderr

    (repo / "articles" / "bad.md").write_text(BAD, encoding="utf-8")
    git("add", "-A", cwd=repo, env=env)
    r = git("commit", "-q", "-m", "bad", cwd=repo, env=env)
    assert r.returncode != 0, "the hook should block the commit"
    out = r.stdout + r.stderr
    assert "articles/bad.md:1:1: SCH002" in out
    assert "ENC002" in out
    assert "articles/sciatica.md:" not in out  # only the files pre-commit passed are reported
    log = git("log", "--oneline", cwd=repo, env=env).stdout
    assert len(log.strip().splitlines()) == 1
