"""The command-line conventions people expect from a linter (ruff, eslint):
--exit-zero, --statistics, stdin, -V, FORCE_COLOR, progress on a terminal,
what --fix changed, --unsafe-fixes, and warnings for runs that check less
than they seem to."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from clisupport import cli as run_cli

from lintkit import __version__, cli

ROOT = Path(__file__).resolve().parents[1]
GOOD = "---\ntitle: Good\ncontent_type: wellness\n---\n# Good\n\nWalk every day.\n"
MOJIBAKE = GOOD + "\nGuillain-BarrĂ© syndrome is rare.\n"  # ENC002 (error, safe fix)
TYPO = GOOD.replace("---\n#", "reviwed_by: Dr A. Jones\n---\n#")  # SCH005 (warning, unsafe fix)


def proc(args: list[str], cwd: Path, stdin: bytes = b"", **env: str) -> subprocess.CompletedProcess[bytes]:
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "PRE_COMMIT")}
    return subprocess.run(
        [sys.executable, "-m", "lintkit", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env={**environ, "PYTHONPATH": str(ROOT), **env},
        check=False,
    )


def test_exit_zero_keeps_findings_but_not_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.md").write_text(MOJIBAKE, encoding="utf-8")
    code, out, _ = run_cli(["check", "a.md", "--no-cache"], tmp_path, capsys)
    assert code == 1 and "ENC002" in out
    code, out, _ = run_cli(["check", "a.md", "--no-cache", "--exit-zero"], tmp_path, capsys)
    assert code == 0 and "ENC002" in out, "--exit-zero still reports the findings"
    code, _, err = run_cli(["check", "a.md", "--exit-zero", "--select", "NOPE1"], tmp_path, capsys)
    assert code == 2, f"a usage error is exit 2 even with --exit-zero: {err}"


def test_statistics_one_line_per_rule_with_count_files_and_fixable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(MOJIBAKE, encoding="utf-8")
    (tmp_path / "c.md").write_text(TYPO, encoding="utf-8")
    args = ["check", ".", "--no-cache", "--select", "ENC002,SCH005", "--statistics"]
    code, out, _ = run_cli(args, tmp_path, capsys)
    assert code == 1, "the exit code is the run's, as without --statistics"
    lines = out.splitlines()
    enc = next(line for line in lines if " ENC002 " in line)
    sch = next(line for line in lines if " SCH005 " in line)
    assert enc.split()[:2] == ["2", "2/3"] and "2 with --fix" in enc, enc
    assert sch.split()[:2] == ["1", "1/3"] and "1 with --unsafe-fixes" in sch, sch
    assert lines.index(enc) < lines.index(sch), "most frequent first"
    assert "BarrĂ©" not in out, "statistics replace the findings"
    code, out, _ = run_cli([*args, "--format", "json"], tmp_path, capsys)
    rows = json.loads(out)
    assert rows[0] == {"code": "ENC002", "name": "mojibake", "count": 2, "files": 2, "fixable": 2, "unsafe": 0}
    code, _, err = run_cli([*args, "--format", "sarif"], tmp_path, capsys)
    assert code == 2 and "--statistics" in err


def test_stdin_is_reported_as_its_stdin_filename_with_the_projects_config(tmp_path: Path) -> None:
    (tmp_path / "lintkit.yaml").write_text("content: [docs]\nignore: [RDB]\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "other.md").write_text(GOOD, encoding="utf-8")
    elsewhere = tmp_path.parent / f"{tmp_path.name}-cwd"
    elsewhere.mkdir()
    # from another folder: the config is found from the --stdin-filename, as for a file
    name = str(tmp_path / "docs" / "new.md")
    r = proc(["check", "-", "--stdin-filename", name, "--format", "json"], elsewhere, MOJIBAKE.encode())
    assert r.returncode == 1, r.stderr
    findings = json.loads(r.stdout)["findings"]
    assert {f["code"] for f in findings} == {"ENC002"}, "RDB ignored by the project's config"
    assert findings[0]["path"].endswith("docs/new.md") and findings[0]["line"] == 9
    assert not (tmp_path / "docs" / "new.md").exists(), "stdin is never written to disk"
    # stdin in place of a file of the configured corpus: its text, not the file's, is reported
    r = proc(["check", "-", "--stdin-filename", "docs/other.md", "--format", "json"], tmp_path, MOJIBAKE.encode())
    assert [(f["path"], f["code"]) for f in json.loads(r.stdout)["findings"]] == [("docs/other.md", "ENC002")]
    # --stdin-filename alone reads stdin too; text output shows the stdin line under the caret
    r = proc(["check", "--stdin-filename", "docs/new.md"], tmp_path, MOJIBAKE.encode())
    assert r.returncode == 1 and b"docs/new.md:9:" in r.stdout and b"Guillain-Barr\xc4\x82\xc2\xa9" in r.stdout
    # --fix on stdin writes the fixed document to stdout
    r = proc(["check", "-", "--stdin-filename", "docs/new.md", "--fix", "--select", "ENC"], tmp_path, MOJIBAKE.encode())
    assert r.returncode == 0 and r.stdout.decode() == MOJIBAKE.replace("BarrĂ©", "Barré"), r.stderr
    # '-' beside other paths is a usage error
    r = proc(["check", "-", "docs/other.md"], tmp_path, b"")
    assert r.returncode == 2 and b"cannot be combined" in r.stderr


def test_dash_V_prints_the_version(tmp_path: Path) -> None:
    for args in (["-V"], ["--version"], ["check", "-V"]):
        r = proc(args, tmp_path)
        assert r.returncode == 0 and r.stdout.decode().strip() == f"lintkit {__version__}", (args, r.stderr)


def test_force_color_and_no_color(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(MOJIBAKE, encoding="utf-8")
    args = ["check", "a.md", "--no-cache", "--select", "ENC"]
    assert b"\x1b[" not in proc(args, tmp_path).stdout, "no colour in a pipe"
    assert b"\x1b[" in proc(args, tmp_path, FORCE_COLOR="1").stdout, "FORCE_COLOR colours a pipe"
    assert b"\x1b[" not in proc(args, tmp_path, FORCE_COLOR="1", NO_COLOR="1").stdout, "NO_COLOR wins"
    assert b"\x1b[" not in proc(args, tmp_path, FORCE_COLOR="").stdout, "an empty FORCE_COLOR is unset"
    assert b"\x1b[" not in proc([*args, "--color", "never"], tmp_path, FORCE_COLOR="1").stdout, "--color wins"


class _Terminal(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize("tty", [True, False])
def test_progress_line_on_a_terminal_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tty: bool) -> None:
    for i in range(12):
        (tmp_path / f"p{i:02d}.md").write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr(cli._progress, "DELAY", 0.0)  # a "long run" from the start
    monkeypatch.setattr(cli._progress, "EVERY", 0.0)
    err = _Terminal(tty)
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check", ".", "--no-cache", "--jobs", "1", "--select", "SCH"]) == 0
    text = err.getvalue()
    if tty:
        assert "\rlintkit: checked 12 of 12 files" in text, repr(text)
        assert text.endswith("\r\x1b[K"), "the progress line is cleared at the end"
    else:
        assert "checked" not in text, repr(text)
    from lintkit import parallel

    assert parallel.progress is None, "the hook is removed after the run"


def test_fix_lists_what_it_changed_and_unsafe_fixes_apply_the_unsafe_suggestions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(MOJIBAKE, encoding="utf-8")
    b.write_text(TYPO, encoding="utf-8")
    args = ["check", ".", "--no-cache", "--select", "ENC002,SCH005"]
    code, _out, err = run_cli([*args, "--fix"], tmp_path, capsys)
    assert "lintkit: fixed a.md:9:14: ENC002 Replace 'Ă©' with 'é'" in err, err
    assert "applied 1 fix in 1 file" in err
    assert "Barré" in a.read_text(encoding="utf-8")
    assert b.read_text(encoding="utf-8") == TYPO, "--fix alone leaves unsafe suggestions"
    code, out, err = run_cli([*args, "--fix", "--unsafe-fixes"], tmp_path, capsys)
    assert "lintkit: fixed b.md:4:1: SCH005 Rename 'reviwed_by' to 'reviewed_by'" in err, err
    assert "reviewed_by: Dr A. Jones" in b.read_text(encoding="utf-8")
    assert code == 0 and "No problems found" in out
    b.write_text(TYPO, encoding="utf-8")
    code, out, _ = run_cli([*args, "--diff", "--unsafe-fixes"], tmp_path, capsys)
    assert code == 1 and "+reviewed_by: Dr A. Jones" in out and b.read_text(encoding="utf-8") == TYPO
    code, _, err = run_cli([*args, "--unsafe-fixes"], tmp_path, capsys)
    assert code == 2 and "--unsafe-fixes applies with --fix or --diff" in err


def test_zero_markdown_files_warns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("not markdown")
    code, out, err = run_cli(["check", ".", "--no-cache"], tmp_path, capsys)
    assert code == 0 and "No problems found in 0 files." in out
    assert "lintkit: warning: no Markdown files (*.md" in err and "nothing was checked" in err, err


def test_a_skipped_linked_folder_is_noted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "a.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    code, _, err = run_cli(["check", "content", "--no-cache"], tmp_path, capsys)
    assert code == 0
    assert "content/linked: symbolic link to a folder not followed (set follow_symlinks: true" in err, err
    assert "no Markdown files" in err


def test_pre_commit_without_a_corpus_warns_that_cross_file_rules_see_only_the_passed_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.md").write_text(GOOD, encoding="utf-8")
    monkeypatch.setenv("PRE_COMMIT", "1")  # set by pre-commit for every hook
    _, _, err = run_cli(["check", "articles/a.md", "--no-cache"], tmp_path, capsys)
    assert "cross-file rules (CON001, CON002, CON003, TRM004, TRM005) saw only the files pre-commit passed" in err, err
    assert "set 'content:' in lintkit.yaml" in err
    # with only per-file rules selected, nothing is missing
    _, _, err = run_cli(["check", "articles/a.md", "--no-cache", "--select", "ENC"], tmp_path, capsys)
    assert "cross-file" not in err
    # with the corpus configured, the cross-file rules read it: no warning
    (tmp_path / "lintkit.yaml").write_text("content: [articles]\n")
    _, _, err = run_cli(["check", "articles/a.md", "--no-cache"], tmp_path, capsys)
    assert "cross-file" not in err
    monkeypatch.delenv("PRE_COMMIT")
    (tmp_path / "lintkit.yaml").unlink()
    _, _, err = run_cli(["check", "articles/a.md", "--no-cache"], tmp_path, capsys)
    assert "cross-file" not in err, "outside pre-commit the user named the files"
