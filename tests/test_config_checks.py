"""Configuration mistakes stop the run (exit 2, file:line, a did-you-mean),
and the configuration is found from the checked files, as ruff finds its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clisupport import cli

GOOD = "---\ntitle: Good\ncontent_type: wellness\n---\n# Good\n\nWalk every day.\n"


def project(root: Path, name: str, config: str) -> Path:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "a.md").write_text(GOOD, encoding="utf-8")
    (root / name).write_text(config, encoding="utf-8")
    return root


def test_valid_selectors_of_every_kind_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, "lintkit.yaml", "content: [docs]\nselect: [ALL]\nignore: [rdb003, TRM, readability, RF00]\n")
    code, _out, err = cli(["check", "--no-cache"], tmp_path, capsys)
    assert code == 0, err


def test_an_unknown_command_line_selector_has_a_did_you_mean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project(tmp_path, "lintkit.yaml", "content: [docs]\n")
    code, _out, err = cli(["check", "--select", "TRM02", "--no-cache"], tmp_path, capsys)
    assert code == 2 and "--select: 'TRM02' matches no rule; did you mean 'TRM002'?" in err, err


def test_config_and_cache_are_found_from_the_checked_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = project(tmp_path / "repo", "lintkit.yaml", "content: [docs]\nignore: [SCH]\n")
    (repo / "docs" / "bad.md").write_text("no front matter\n", encoding="utf-8")
    # run from the parent folder: the repository's config applies (SCH ignored)
    code, out, err = cli(["check", "repo/docs", "--format", "json", "-v"], tmp_path, capsys)
    assert code == 0, out + err
    assert json.loads(out)["findings"] == []
    assert f"configuration: {repo / 'lintkit.yaml'}" in err
    assert (repo / ".lintkit_cache").is_dir(), "the cache belongs in the project"
    assert not (tmp_path / ".lintkit_cache").exists(), "no cache in the working folder"
    # one file named directly finds it too
    code, out, _ = cli(["check", "repo/docs/bad.md", "--format", "json"], tmp_path, capsys)
    assert code == 0 and json.loads(out)["findings"] == []


def test_paths_in_two_projects_are_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path / "one", "lintkit.yaml", "content: [docs]\n")
    project(tmp_path / "two", "lintkit.yaml", "content: [docs]\nignore: [SCH]\n")
    code, _, err = cli(["check", "one/docs", "two/docs", "--no-cache"], tmp_path, capsys)
    assert code == 2 and "different configurations" in err and "run lintkit once per project" in err, err


def test_two_config_files_in_one_folder_warn_and_verbose_names_the_one_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project(tmp_path, "lintkit.yaml", "content: [docs]\n")
    (tmp_path / "pyproject.toml").write_text("[tool.lintkit]\ncontent = ['docs']\nselect = ['ENC']\n")
    code, _out, err = cli(["check", "--no-cache", "-v"], tmp_path, capsys)
    assert code == 0
    assert f"configuration: {tmp_path / 'lintkit.yaml'}" in err
    assert "more than one configuration file: using lintkit.yaml, ignoring pyproject.toml" in err, err
    # a pyproject.toml without a [tool.lintkit] table is not a lintkit configuration
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    _, _, err = cli(["check", "--no-cache"], tmp_path, capsys)
    assert "more than one configuration" not in err
