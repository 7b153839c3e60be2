"""Temporary files of a killed run are removed by the next run (issue 18,
item 6). SIGKILL during ``--fix`` left ``.a0031.md.<random>.lintkit-tmp``
(mode 0600, the fixed text) in 5 of 16 trials, and no later run removed it.

A temporary file is locked while it is written; the lock dies with its
process, so the next run removes exactly the ones no running lintkit holds.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, run_cli, write_project

from lintkit import atomicio
from lintkit.atomicio import is_temporary, remove_stale, replacing

MOJIBAKE = "---\ntitle: Guillain-Barré\ncontent_type: condition\n---\n\n# Guillain-BarrĂ© syndrome\n\nRest.\n"
FIXED = MOJIBAKE.replace("BarrĂ©", "Barré")

# A child that writes a file through lintkit and stops inside the write, its
# temporary file complete and locked, until it is killed.
WRITER = """
import os, sys, time
from pathlib import Path
from lintkit import fix
def hang(fd):
    print("ready", flush=True)
    time.sleep(600)
fix.os.fsync = hang
fix.write_atomic(Path(sys.argv[1]), sys.argv[2], bom=False, expected_digest=None)
"""


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if is_temporary(p.name))


def test_issue_reproduction_a_write_killed_midway_leaves_a_temporary_the_next_run_removes(tmp_path: Path) -> None:
    write_project(tmp_path)
    page = tmp_path / "a0031.md"
    page.write_text(MOJIBAKE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(page), FIXED], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        (temp,) = temporaries(tmp_path)
        assert temp.startswith(".a0031.md.") and temp.endswith(".lintkit-tmp")
        # a run meanwhile leaves it: a live process is writing it
        r = run_cli("check", "--no-cache", cwd=tmp_path)
        assert temporaries(tmp_path) == [temp] and "Traceback" not in r.err
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert (tmp_path / temp).read_text(encoding="utf-8") == FIXED  # what was left: the fixed text
    assert page.read_text(encoding="utf-8") == MOJIBAKE  # the file itself: untouched
    r = run_cli("check", "--no-cache", cwd=tmp_path)
    assert temporaries(tmp_path) == []
    assert f"lintkit: warning: {temp}: removed a temporary file left by an interrupted lintkit --fix" in r.err
    assert page.read_text(encoding="utf-8") == MOJIBAKE


def test_only_lintkits_own_temporary_names_are_removed(tmp_path: Path) -> None:
    names = {
        ".a.md.abcd_123.lintkit-tmp": True,
        ".my notes.md.zz9_ab12.lintkit-tmp": True,
        ".a.md.ABCD1234.lintkit-tmp": False,  # mkstemp never makes capitals
        ".a.md.abc.lintkit-tmp": False,
        "a.md.abcd1234.lintkit-tmp": False,  # no leading dot
        ".a.md.abcd1234.tmp": False,
        ".a.md.abcd1234.lintkit-tmp.bak": False,
        "notes.lintkit-tmp": False,
    }
    for name in names:
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / ".dir.md.abcd1234.lintkit-tmp").mkdir()  # a folder: never
    (tmp_path / ".link.md.abcd1234.lintkit-tmp").symlink_to(tmp_path / "a.md.abcd1234.lintkit-tmp")  # a link: never
    removed = remove_stale([tmp_path, tmp_path / "missing"])
    assert sorted(p.name for p in removed) == sorted(n for n, gone in names.items() if gone)
    for name, gone in names.items():
        assert (tmp_path / name).exists() != gone, name
    assert (tmp_path / ".dir.md.abcd1234.lintkit-tmp").is_dir()
    assert (tmp_path / ".link.md.abcd1234.lintkit-tmp").is_symlink()


def test_a_temporary_being_written_is_never_removed(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    with replacing(target, "w", encoding="utf-8") as fh:
        fh.write("new")
        (temp,) = temporaries(tmp_path)
        assert remove_stale([tmp_path]) == []
        assert temporaries(tmp_path) == [temp]
    assert target.read_text(encoding="utf-8") == "new" and temporaries(tmp_path) == []


def test_without_locks_only_old_temporaries_are_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomicio, "fcntl", None)
    young, old = tmp_path / ".a.md.aaaa1111.lintkit-tmp", tmp_path / ".b.md.bbbb2222.lintkit-tmp"
    young.write_text("x", encoding="utf-8")
    old.write_text("x", encoding="utf-8")
    hour_ago = time.time() - 3700
    os.utime(old, (hour_ago, hour_ago))
    assert remove_stale([tmp_path]) == [old]
    assert young.exists()


def test_a_reports_temporary_is_removed_when_the_report_is_written(tmp_path: Path) -> None:
    write_project(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".report.json.abcd1234.lintkit-tmp"
    other = out / ".other.json.abcd1234.lintkit-tmp"  # another file's: left to its own next run
    stale.write_text("{", encoding="utf-8")
    other.write_text("{", encoding="utf-8")
    r = run_cli("check", "--no-cache", "--format", "json", "-o", "out/report.json", cwd=tmp_path)
    assert r.code == 1, r.err
    assert not stale.exists() and other.exists()
    assert (out / "report.json").is_file()


def test_the_cache_folder_is_cleaned_too(tmp_path: Path) -> None:
    write_project(tmp_path)
    assert run_cli("check", cwd=tmp_path).code == 1
    v1 = tmp_path / ".lintkit_cache" / "v1"
    stale = v1 / ".0123.idx.abcd1234.lintkit-tmp"
    stale.write_bytes(b"half an index")
    (tmp_path / "new.md").write_text(MOJIBAKE, encoding="utf-8")  # so the next run saves
    assert run_cli("check", cwd=tmp_path).code == 1
    assert not stale.exists()


@pytest.mark.slow
def test_kills_at_random_moments_of_fix_leave_whole_files_and_no_temporary_after_the_next_run(tmp_path: Path) -> None:
    rng = random.Random(18)
    write_project(tmp_path)
    pages = [tmp_path / f"a{i:04}.md" for i in range(60)]
    for trial in range(8):
        for p in pages:
            p.write_text(MOJIBAKE, encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        proc = subprocess.Popen(
            [sys.executable, "-m", "lintkit", "check", "--fix", "--no-cache"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.3, 3.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for p in pages:
            assert p.read_text(encoding="utf-8") in (MOJIBAKE, FIXED), (trial, p)
        r = run_cli("check", "--no-cache", cwd=tmp_path)
        assert "Traceback" not in r.err
        assert temporaries(tmp_path) == [], trial
