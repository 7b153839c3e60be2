"""Configuration mistakes stop the run (exit 2, file:line, a did-you-mean),
and the configuration is found from the checked files, as ruff finds its own."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from lintkit.cli import main

GOOD = "---\ntitle: Good\ncontent_type: wellness\n---\n# Good\n\nWalk every day.\n"


def cli(args: list[str], cwd: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        code = main(args)
    finally:
        os.chdir(old)
    out, err = capsys.readouterr()
    return code, out, err


def project(root: Path, name: str, config: str) -> Path:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "a.md").write_text(GOOD, encoding="utf-8")
    (root / name).write_text(config, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "name,config,line,needle",
    [
        (
            "lintkit.yaml",
            "content: [docs]\nselect: [TRM02]\n",
            2,
            "'select': 'TRM02' matches no rule; did you mean 'TRM002'?",
        ),
        ("lintkit.yaml", "content: [docs]\nignore:\n  - RDB\n  - ENC02\n", 4, "'ignore': 'ENC02' matches no rule"),
        ("lintkit.yaml", "content: [docs]\nseverity:\n  TRM005: error\n  RF0001: info\n", 4, "did you mean 'RF001'?"),
        (
            "lintkit.yaml",
            "content: [docs]\nper_path:\n  - paths: ['legacy/*']\n    ignore: [RDB, readabilty]\n",
            4,
            "'per_path[0].ignore': 'readabilty' matches no rule; did you mean 'readability'?",
        ),
        ("lintkit.yaml", "content: [docs]\nselect: [long-sentence]\n", 2, "did you mean 'RDB003'?"),
        ("pyproject.toml", "[tool.lintkit]\ncontent = ['docs']\nselect = ['XYZ123']\n", 3, "'XYZ123' matches no rule"),
        ("lintkit.yaml", "content: [docs]\nreferences: [reviewed]\n", 2, "folder 'reviewed' does not exist"),
        ("lintkit.yaml", "content: [docs]\nrule_packs:\n  - house-rules\n", 3, "folder 'house-rules' does not exist"),
        ("lintkit.yaml", "content: [docs, articles]\n", 1, "'articles' does not exist"),
    ],
)
def test_unknown_codes_and_missing_folders_stop_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, config: str, line: int, needle: str
) -> None:
    project(tmp_path, name, config)
    code, out, err = cli(["check", "--no-cache"], tmp_path, capsys)
    assert code == 2, f"exit {code}; a CI gate would pass. stdout: {out!r} stderr: {err!r}"
    assert f"{tmp_path / name}:{line}: " in err, err
    assert needle in err, err
    assert out == "" and "Traceback" not in err


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
