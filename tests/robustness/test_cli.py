"""The command line on hostile input, as CI runs it: ``python -m lintkit check
DIR --format json`` in a subprocess. No traceback ever; exit 1 for findings,
2 for configuration errors; no file modified without ``--fix``; ``--fix``
never touches files with parse errors and is idempotent."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import REPO, SIBLING, run_cli, write_project
from test_bad_files import CASES

MOJIBAKE = "---\ntitle: Guillain-Barré\ncontent_type: condition\n---\n\n# Guillain-BarrĂ© syndrome\n\nRest.\n"


def snapshot(root: Path) -> dict[str, tuple[str, int]]:
    out = {}
    for p in sorted(root.rglob("*")):
        if p.is_file() and not p.is_symlink() and ".lintkit_cache" not in p.parts:
            out[str(p.relative_to(root))] = (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mode)
    return out


def hostile_tree(root: Path) -> None:
    write_project(root)
    for name, (raw, *_r) in CASES.items():
        (root / f"{name}.md").write_bytes(raw)
    (root / "bomb.md").write_text(
        "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\n# x\n",
        encoding="utf-8",
    )
    (root / "deep.md").write_text("> " * 10_000 + "x\n" + "".join("  " * i + "- i\n" for i in range(3000)))
    with open(root / "huge.md", "wb") as fh:
        fh.truncate(6_000_000)
    (root / "loop").symlink_to(root)
    (root / "escape.md").symlink_to("/etc/hostname")
    (root / "mojibake.md").write_text(MOJIBAKE, encoding="utf-8")


@pytest.mark.parametrize("fmt", ["json", "text", "sarif", "github", "junit", "html"])
def test_hostile_tree_exits_1_with_no_traceback_and_changes_nothing(tmp_path: Path, fmt: str) -> None:
    hostile_tree(tmp_path)
    before = snapshot(tmp_path)
    r = run_cli("check", ".", "--format", fmt, "--no-cache", cwd=tmp_path)
    assert r.code == 1, (r.code, r.err[-2000:])
    assert "Traceback" not in r.err and "internal error" not in r.err, r.err[-2000:]
    assert snapshot(tmp_path) == before
    if fmt == "json":
        data = r.json
        paths = {f["path"] for f in data["findings"]}
        assert SIBLING in paths and "invalid-utf8.md" in paths and "huge.md" in paths
        assert not any(p.startswith(("escape", "loop/")) for p in paths)
        codes = {(f["path"], f["code"]) for f in data["findings"]}
        assert ("bomb.md", "SCH001") in codes and ("huge.md", "ENC004") in codes
        assert ("utf16-le-bom.md", "ENC001") in codes and ("nul-bytes.md", "ENC003") in codes


def test_diff_writes_nothing(tmp_path: Path) -> None:
    hostile_tree(tmp_path)
    before = snapshot(tmp_path)
    r = run_cli("check", ".", "--diff", "--no-cache", cwd=tmp_path)
    assert "Traceback" not in r.err
    assert "Guillain-Barré syndrome" in r.out  # the mojibake fix is shown ...
    assert snapshot(tmp_path) == before  # ... and not written


def test_fix_skips_parse_errors_keeps_modes_and_is_idempotent(tmp_path: Path) -> None:
    hostile_tree(tmp_path)
    broken = tmp_path / "broken-with-mojibake.md"
    broken.write_text("---\ntitle: [oops\n---\n\n# Guillain-BarrĂ©\n", encoding="utf-8")
    crlf = tmp_path / "crlf.md"
    crlf.write_bytes(("\ufeff" + MOJIBAKE.replace("\n", "\r\n")).encode())
    crlf.chmod(0o640)
    before = snapshot(tmp_path)
    r = run_cli("check", ".", "--fix", "--no-cache", cwd=tmp_path)
    assert "Traceback" not in r.err, r.err
    after = snapshot(tmp_path)
    changed = {k for k in before if before[k] != after.get(k)}
    assert changed == {"mojibake.md", "crlf.md"}, changed
    assert "Guillain-Barré syndrome" in (tmp_path / "mojibake.md").read_text(encoding="utf-8")
    raw = crlf.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == MOJIBAKE.count("\n") and b"\n\n" not in raw
    assert "Guillain-Barré syndrome" in raw.decode("utf-8")
    assert after["crlf.md"][1] == before["crlf.md"][1]
    assert not list(tmp_path.glob(".*.lintkit-tmp"))
    again = run_cli("check", ".", "--fix", "--no-cache", cwd=tmp_path)
    assert "Traceback" not in again.err
    assert snapshot(tmp_path) == after, "a second --fix changed files"


def test_fix_twice_on_the_sample_content_changes_nothing_the_second_time(tmp_path: Path) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    (tmp_path / "lintkit.yaml").write_text("content: ['content']\n", encoding="utf-8")
    run_cli("check", "--fix", "--no-cache", cwd=tmp_path)
    once = snapshot(tmp_path)
    r = run_cli("check", "--fix", "--no-cache", "--format", "json", cwd=tmp_path)
    assert "Traceback" not in r.err
    assert snapshot(tmp_path) == once
    assert not any(f["fix"] and f["fix"]["applicability"] == "safe" for f in r.json["findings"])


@pytest.mark.parametrize(
    ("config", "where"),
    [
        ("content: ['.']\nno_such_setting: 1\n", "lintkit.yaml:2:"),
        ("content: ['.']\nmax_file_size: -5\n", "lintkit.yaml:2:"),
        ("content: [\n", "lintkit.yaml:"),
        ("content: ['.']\nlocale: !!python/object/apply:os.system ['echo pwned']\n", "lintkit.yaml:2:"),
        ("content: ['.']\nrule_packs: ['/']\n", "lintkit.yaml:2:"),
    ],
    ids=["unknown-key", "bad-value", "bad-yaml", "python-tag", "pack-folder-outside"],
)
def test_configuration_errors_exit_2_with_file_and_line(tmp_path: Path, config: str, where: str) -> None:
    write_project(tmp_path, config)
    r = run_cli("check", "--format", "json", "--no-cache", cwd=tmp_path)
    assert r.code == 2, (r.code, r.err)
    assert "Traceback" not in r.err and where in r.err, r.err
    assert "pwned" not in r.out + r.err


def test_clean_content_exits_0(tmp_path: Path) -> None:
    (tmp_path / "lintkit.yaml").write_text("content: ['.']\n", encoding="utf-8")
    (tmp_path / "ok.md").write_text(
        "---\ntitle: Knee exercises\ncontent_type: wellness\n---\n\n# Knee exercises\n\nWalk every day.\n",
        encoding="utf-8",
    )
    r = run_cli("check", "--format", "json", "--no-cache", cwd=tmp_path)
    assert "Traceback" not in r.err
    assert r.code == (1 if any(f["severity"] == "error" for f in r.json["findings"]) else 0)


def test_output_is_valid_json_even_with_hostile_text(tmp_path: Path) -> None:
    write_project(tmp_path)
    (tmp_path / "x.md").write_text(
        '---\ntitle: "</script><script>alert(1)</script>\\u2028\\u0000"\ncontent_type: "\\"]}\\n"\n---\n# <b>x</b>\n',
        encoding="utf-8",
    )
    r = run_cli("check", "--format", "json", "--no-cache", cwd=tmp_path)
    assert "Traceback" not in r.err
    json.loads(r.out)
    html = run_cli("check", "--format", "html", "--no-cache", cwd=tmp_path)
    assert "Traceback" not in html.err
    assert "<script>alert(1)" not in html.out


def test_no_color_and_a_closed_stdout(tmp_path: Path) -> None:
    write_project(tmp_path)
    r = run_cli("check", "--no-cache", cwd=tmp_path, env={"NO_COLOR": "1"})
    assert "\x1b[" not in r.out and "Traceback" not in r.err
    # `lintkit check | head -1`: a closed pipe is not a crash
    import subprocess
    import sys

    p = subprocess.run(
        f"{sys.executable} -m lintkit check --no-cache | head -c 1",
        shell=True,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
    )
    assert "Traceback" not in p.stderr, p.stderr


def test_output_that_cannot_be_written_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    # /dev/full accepts the open and fails every write with ENOSPC, as a full disk does
    write_project(tmp_path)
    (tmp_path / "a.md").write_text(MOJIBAKE, encoding="utf-8")
    for args in (["-o", "/dev/full"], ["--format", "json", "-o", "/dev/full"]):
        r = run_cli("check", ".", *args, cwd=tmp_path)
        assert r.code == 2, r.err
        assert "Traceback" not in r.err
        assert r.err.startswith("lintkit: error: ") and "No space left on device" in r.err


def test_report_file_is_replaced_whole(tmp_path: Path) -> None:
    """-o writes through a temporary file: the old report stays until the new
    one is complete, and no temporary file is left behind."""
    write_project(tmp_path)
    (tmp_path / "a.md").write_text(MOJIBAKE, encoding="utf-8")
    out = tmp_path / "reports" / "lintkit.json"
    out.parent.mkdir()
    out.write_text("old", encoding="utf-8")
    r = run_cli("check", ".", "--format", "json", "-o", str(out), cwd=tmp_path)
    assert r.code == 1, r.err
    assert json.loads(out.read_text(encoding="utf-8"))["files_checked"] == 2
    assert sorted(p.name for p in out.parent.iterdir()) == ["lintkit.json"]
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()
    # a link is written through, not replaced
    target = tmp_path / "target.json"
    target.write_text("", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert run_cli("check", ".", "--format", "json", "-o", str(link), cwd=tmp_path).code == 1
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8"))["files_checked"] == 2


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
