"""The README's pre-commit snippet works as written: real pre-commit runs it
in a temporary content repository against a temporary clone of this
checkout, tagged as a release is (``v`` + ``lintkit.__version__``).

The snippet is read from README.md, not copied here. The run builds and
installs the wheel, so it is marked ``slow``; the check that the snippet
pins the current version's tag runs in the default suite. The one value a user
replaces, ``repo:`` (where they cloned lintkit from), is pointed at the
clone; everything else, ``rev:`` included, is used exactly as written."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lintkit import __version__

ROOT = Path(__file__).resolve().parents[1]
GOOD = (ROOT / "content" / "sciatica.md").read_text(encoding="utf-8")
WARNS = GOOD.replace("title:", "reviwed_by: Dr A. Jones\ntitle:", 1)  # SCH005: a warning, not an error
BAD = "# No front matter\n\nGuillain-BarrĂ© syndrome.\n"


def readme_snippet() -> str:
    """The first YAML block of the README's pre-commit section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## pre-commit\n", 1)[1].split("\n## ", 1)[0]
    m = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert m, "README.md: the pre-commit section has no yaml block"
    return m.group(1)


def git(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)


def test_readme_snippet_pins_a_release_tag() -> None:
    config = yaml.safe_load(readme_snippet())
    [repo] = config["repos"]
    assert repo["rev"] == f"v{__version__}", "the README's rev: must be the tag of the current version"
    assert [h["id"] for h in repo["hooks"]] == ["lintkit"]
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["lintkit"] and hooks[0]["verbose"] is True


@pytest.mark.slow  # pre-commit builds and installs the wheel: about 20 s (pytest --extended, .ci/run)
def test_readme_snippet_runs_with_real_pre_commit(tmp_path: Path) -> None:
    assert shutil.which("git"), "git is required"
    pre_commit = [sys.executable, "-m", "pre_commit"]
    env = {
        **{k: v for k, v in os.environ.items() if k != "PRE_COMMIT"},
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(tmp_path),
    }
    # a clone of this checkout's commit, tagged as a release is
    clone = tmp_path / "lintkit"
    r = git("clone", "--quiet", str(ROOT), str(clone), cwd=tmp_path, env=env)
    assert r.returncode == 0, r.stderr
    r = git("tag", f"v{__version__}", cwd=clone, env=env)
    assert r.returncode == 0, r.stderr

    snippet = readme_snippet()
    [repo_line] = [line for line in snippet.splitlines() if line.strip().startswith("- repo:")]
    config = snippet.replace(repo_line, repo_line.split("- repo:")[0] + f"- repo: {clone}")
    repo = tmp_path / "content-repo"
    (repo / "articles").mkdir(parents=True)
    assert git("init", "-q", "-b", "main", cwd=repo, env=env).returncode == 0
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    r = subprocess.run([*pre_commit, "install"], cwd=repo, env=env, capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stdout + r.stderr

    # no lintkit.yaml: a warning-only page passes, and its warning and the
    # cross-file caveat are shown, not just "Passed"
    (repo / "articles" / "sciatica.md").write_text(GOOD, encoding="utf-8")
    (repo / "articles" / "warns.md").write_text(WARNS, encoding="utf-8")
    git("add", "-A", cwd=repo, env=env)
    r = git("commit", "-q", "-m", "warnings only", cwd=repo, env=env)
    out = r.stdout + r.stderr
    assert r.returncode == 0, out
    assert "articles/warns.md:" in out and "SCH005" in out, f"the warning is not shown:\n{out}"
    assert "saw only the files pre-commit passed" in out, f"no cross-file caveat:\n{out}"

    # with the corpus configured: a bad file blocks the commit, only the
    # passed file is reported, and there is no caveat
    (repo / "lintkit.yaml").write_text("content: [articles]\n", encoding="utf-8")
    (repo / "articles" / "bad.md").write_text(BAD, encoding="utf-8")
    git("add", "-A", cwd=repo, env=env)
    r = git("commit", "-q", "-m", "bad", cwd=repo, env=env)
    out = r.stdout + r.stderr
    assert r.returncode != 0, f"the hook should block the commit:\n{out}"
    assert "articles/bad.md:1:1: SCH002" in out and "ENC002" in out, out
    assert "articles/sciatica.md:" not in out, "only the files pre-commit passed are reported"
    assert "saw only the files" not in out
    log = git("log", "--oneline", cwd=repo, env=env).stdout
    assert len(log.strip().splitlines()) == 1, log
