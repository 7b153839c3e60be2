"""What ``--fix`` does with files owned by someone else, hard links and
read-only files (issue 18, item 10). A fix run as root made a 1234:2345
file root's, split a hard link (the other name kept the old text) and
rewrote a 0444 file.

What a careful tool does, and lintkit now does:
- owner and group are kept (the new file gets them before the rename); a
  process that cannot give them (not root, not the owner) leaves the file
  and says why;
- a file with other hard links is left, with a warning: the rename that
  makes a fix all-or-nothing would split the link, and writing in place
  would give up all-or-nothing;
- a read-only file (no write bit, or not writable by this process) is
  left, with a warning.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from conftest import run_cli, write_project

from lintkit.fix import write_atomic

MOJIBAKE = "---\ntitle: Guillain-Barré\ncontent_type: condition\n---\n\n# Guillain-BarrĂ© syndrome\n\nRest.\n"
FIXED = MOJIBAKE.replace("BarrĂ©", "Barré")

root_only = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")


def fix_run(cwd: Path) -> str:
    r = run_cli("check", "--fix", "--no-cache", "--select", "ENC002", cwd=cwd)
    assert "Traceback" not in r.err and r.code in (0, 1), r.err
    return r.err


@root_only
def test_issue_reproduction_owner_group_and_mode_are_kept(tmp_path: Path) -> None:
    write_project(tmp_path)
    page = tmp_path / "a.md"
    page.write_text(MOJIBAKE, encoding="utf-8")
    os.chown(page, 1234, 2345)
    os.chmod(page, 0o664)
    fix_run(tmp_path)
    st = page.stat()
    assert page.read_text(encoding="utf-8") == FIXED
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (1234, 2345, 0o664)


@root_only
def test_set_group_id_survives_the_change_of_owner(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    page.write_text("old\n", encoding="utf-8")
    os.chown(page, 1234, 2345)
    os.chmod(page, 0o2664)  # chown clears it: it must be set after
    assert write_atomic(page, "new\n", bom=False, expected_digest=None).written
    st = page.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (1234, 2345, 0o2664)


def test_issue_reproduction_a_hard_link_is_not_split(tmp_path: Path) -> None:
    write_project(tmp_path)
    page = tmp_path / "a.md"
    page.write_text(MOJIBAKE, encoding="utf-8")
    other = tmp_path / "elsewhere" / "same.txt"
    other.parent.mkdir()
    os.link(page, other)
    err = fix_run(tmp_path)
    assert page.read_text(encoding="utf-8") == other.read_text(encoding="utf-8") == MOJIBAKE
    assert page.stat().st_ino == other.stat().st_ino
    assert (
        "lintkit: warning: a.md: file has 2 hard links; not fixed: a fix writes a new file, and the other "
        "name would keep the old text (fix a copy, or break the link)"
    ) in err


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o555])
def test_issue_reproduction_a_read_only_file_is_left_with_a_warning(tmp_path: Path, mode: int) -> None:
    write_project(tmp_path)
    page = tmp_path / "a.md"
    page.write_text(MOJIBAKE, encoding="utf-8")
    os.chmod(page, mode)
    before = page.stat()
    err = fix_run(tmp_path)
    after = page.stat()
    assert page.read_text(encoding="utf-8") == MOJIBAKE
    assert (after.st_ino, after.st_mtime_ns, stat.S_IMODE(after.st_mode)) == (
        before.st_ino,
        before.st_mtime_ns,
        mode,
    )
    assert "lintkit: warning: a.md: file is read-only; not fixed (make it writable to let --fix change it)" in err


def test_other_files_are_still_fixed(tmp_path: Path) -> None:
    write_project(tmp_path)
    locked, linked, free = (tmp_path / n for n in ("a.md", "b.md", "c.md"))
    for p in (locked, linked, free):
        p.write_text(MOJIBAKE, encoding="utf-8")
    os.chmod(locked, 0o444)
    os.link(linked, tmp_path / "b-copy.txt")
    err = fix_run(tmp_path)
    assert free.read_text(encoding="utf-8") == FIXED
    assert locked.read_text(encoding="utf-8") == linked.read_text(encoding="utf-8") == MOJIBAKE
    assert err.count("lintkit: warning:") == 2


def test_a_symlinked_file_keeps_its_link_and_its_targets_owner(tmp_path: Path) -> None:
    write_project(tmp_path, "content: ['.']\nfollow_symlinks: true\n")
    real = tmp_path / "real" / "a.md"
    real.parent.mkdir()
    real.write_text(MOJIBAKE, encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.chown(real, 1234, 2345)
    r = run_cli("check", "--fix", "--no-cache", "--select", "ENC002", "link.md", cwd=tmp_path)
    assert "Traceback" not in r.err
    assert link.is_symlink() and real.read_text(encoding="utf-8") == FIXED
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        assert (real.stat().st_uid, real.stat().st_gid) == (1234, 2345)


@pytest.mark.parametrize(
    ("euid", "groups", "written"),
    [
        (1234, [2345], False),  # another user's file: the new file would be 1234's
        (4321, [1], False),  # the owner, but not in the file's group
        (4321, [1, 2345], True),  # the owner, in the group
        (0, [], True),  # root gives any owner
    ],
)
def test_only_a_process_that_can_keep_owner_and_group_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, euid: int, groups: list[int], written: bool
) -> None:
    page = tmp_path / "a.md"
    page.write_text("old\n", encoding="utf-8")
    st = page.stat()
    owner = (4321, 2345)
    real_stat = Path.stat

    def as_owned(self: Path, **kw: object) -> os.stat_result:
        s = real_stat(self, **kw)  # type: ignore[arg-type]
        if self == page:
            return os.stat_result((s.st_mode, s.st_ino, s.st_dev, s.st_nlink, *owner, *tuple(s)[6:]))
        return s

    monkeypatch.setattr(Path, "stat", as_owned)
    monkeypatch.setattr(os, "geteuid", lambda: euid)
    monkeypatch.setattr(os, "getegid", lambda: groups[0] if groups else 0)
    monkeypatch.setattr(os, "getgroups", lambda: groups)
    chowns: list[tuple[int, int]] = []
    monkeypatch.setattr(os, "chown", lambda _p, uid, gid: chowns.append((uid, gid)))
    r = write_atomic(page, "new\n", bom=False, expected_digest=None)
    assert r.written == written, r.reason
    if written:
        assert page.read_text(encoding="utf-8") == "new\n" and chowns in ([owner], [])
    else:
        assert page.read_text(encoding="utf-8") == "old\n" and page.stat().st_ino == st.st_ino
        assert r.reason.startswith("file belongs to user 4321, group 2345; not fixed")
