"""Safe fixes: atomic writes through a temporary file in the same folder,
mode/BOM/encoding/line endings kept, stale positions and changed files
refused, nothing written for files with parse errors, --fix idempotent."""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from pathlib import Path

import pytest
from conftest import lint, write_project

from lintkit import fix as fixmod
from lintkit.findings import Edit, Finding, Fix, Severity
from lintkit.fix import apply_edits, fix_file, fix_text, newline_style, write_atomic

MOJIBAKE = "---\ntitle: Guillain-Barré\ncontent_type: condition\n---\n\n# Guillain-BarrĂ© syndrome\n\nRest.\n"


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def finding(*edits: Edit, applicability: str = "safe") -> Finding:
    return Finding(
        "ENC002",
        "mojibake",
        "encoding",
        Severity.ERROR,
        "x.md",
        1,
        1,
        1,
        2,
        "m",
        fix=Fix("f", tuple(edits), applicability),  # type: ignore[arg-type]
    )


# --- apply_edits ----------------------------------------------------------------


def test_apply_edits_replaces_inserts_and_deletes() -> None:
    text = "one two\nthree\n"
    out, n = apply_edits(text, [Edit(1, 5, 1, 8, "2"), Edit(2, 1, 2, 1, ">"), Edit(1, 1, 1, 5, "")])
    assert (out, n) == ("2\n>three\n", 3)


def test_overlapping_edits_keep_the_first() -> None:
    out, n = apply_edits("abcdef", [Edit(1, 2, 1, 5, "X"), Edit(1, 3, 1, 6, "Y")])
    assert (out, n) == ("aXef", 1)


@pytest.mark.parametrize(
    "edit",
    [Edit(1, 1, 9, 1, ""), Edit(0, 1, 1, 2, ""), Edit(1, 50, 1, 51, "x"), Edit(2, 1, 2, 40, ""), Edit(1, 0, 1, 1, "")],
    ids=["line-past-end", "line-zero", "column-past-line", "end-column-past-line", "column-zero"],
)
def test_stale_positions_are_dropped_not_clamped(edit: Edit) -> None:
    # before: a column past the end of a line spilled into the next lines
    text = "short\nsecond line\nthird\n"
    assert apply_edits(text, [edit]) == (text, 0)


def test_an_edit_may_end_at_the_start_of_the_next_line() -> None:
    assert apply_edits("a\nb\n", [Edit(1, 1, 2, 1, "")]) == ("b\n", 1)
    assert apply_edits("a\r\nb\r\n", [Edit(1, 2, 2, 1, "")]) == ("ab\r\n", 1)
    assert apply_edits("a\nb", [Edit(2, 2, 2, 2, "!")]) == ("a\nb!", 1)


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_inserted_line_breaks_take_the_files_style(eol: str) -> None:
    text = f"# Title{eol}{eol}Text.{eol}"
    out, _ = apply_edits(text, [Edit(3, 6, 3, 6, "\n\nMore.\r\nLast.")])
    assert out == f"# Title{eol}{eol}Text.{eol}{eol}More.{eol}Last.{eol}"
    assert newline_style(out) == eol


def test_unsafe_fixes_are_not_applied() -> None:
    assert fix_text("abc", [finding(Edit(1, 1, 1, 2, "X"), applicability="unsafe")]) == ("abc", 0)


def test_a_second_application_changes_nothing() -> None:
    f = finding(Edit(1, 1, 1, 4, "new"))
    once, n = fix_text("old text", [f])
    assert (once, n) == ("new text", 1)
    assert fix_text(once, [f]) == (once, 0)


# --- write_atomic ---------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o755, 0o2644])  # read-only: test_fix_ownership.py
def test_write_keeps_mode_and_uses_a_temp_file_in_the_same_folder(
    tmp_path: Path, mode: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = tmp_path / "a.md"
    p.write_text("old\n", encoding="utf-8")
    p.chmod(mode)
    renames: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(src, dst):  # type: ignore[no-untyped-def]
        renames.append((str(src), str(dst)))
        return real_replace(src, dst)

    monkeypatch.setattr(fixmod.os, "replace", spy)
    r = write_atomic(p, "new\n", bom=False, expected_digest=sha(p))
    assert r.written, r.reason
    assert p.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(p.stat().st_mode) == mode
    [(src, dst)] = renames
    assert Path(src).parent == Path(dst).parent == tmp_path
    assert list(tmp_path.iterdir()) == [p]  # no temporary file left behind


@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_fix_file_keeps_bom_encoding_and_line_endings(tmp_path: Path, bom: bool, eol: str) -> None:
    p = tmp_path / "a.md"
    text = f"Line one é{eol}Guillain-BarrĂ©{eol}end{eol}"
    p.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    f = finding(Edit(2, 10, 2, 16, "Barré"))
    r = fix_file(p, [f], expected_digest=sha(p))
    assert r.written and r.applied == 1, r.reason
    raw = p.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == bom
    assert raw.decode("utf-8").lstrip("\ufeff") == f"Line one é{eol}Guillain-Barré{eol}end{eol}"


def test_a_file_changed_since_it_was_checked_is_skipped(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text("old text\n", encoding="utf-8")
    checked = sha(p)
    p.write_text("an editor saved this\n", encoding="utf-8")
    r = fix_file(p, [finding(Edit(1, 1, 1, 4, "new"))], expected_digest=checked)
    assert not r.written and "changed since it was checked" in r.reason
    assert p.read_text(encoding="utf-8") == "an editor saved this\n"


def test_a_change_during_the_write_is_detected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "a.md"
    p.write_text("old text\n", encoding="utf-8")
    checked = sha(p)
    real_fsync = os.fsync

    def editor_saves(fd: int) -> None:  # the editor saves while lintkit writes its temp file
        real_fsync(fd)
        p.write_text("saved meanwhile\n", encoding="utf-8")

    monkeypatch.setattr(fixmod.os, "fsync", editor_saves)
    r = write_atomic(p, "new text\n", bom=False, expected_digest=checked)
    assert not r.written and "changed" in r.reason
    assert p.read_text(encoding="utf-8") == "saved meanwhile\n"
    assert list(tmp_path.iterdir()) == [p]


@pytest.mark.parametrize(
    ("where", "error", "words"),
    [
        ((fixmod.os, "replace"), OSError(28, "No space left on device"), "No space left"),
        ((fixmod.os, "fsync"), OSError(5, "Input/output error"), "Input/output error"),
        ((tempfile, "mkstemp"), PermissionError(13, "Permission denied"), "Permission denied"),
    ],
    ids=["disk-full-on-rename", "io-error-on-sync", "folder-not-writable"],
)
def test_a_failed_write_leaves_the_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: tuple[object, str], error: OSError, words: str
) -> None:
    p = tmp_path / "a.md"
    p.write_text("old\n", encoding="utf-8")

    def fail(*_a: object, **_k: object) -> None:
        raise error

    monkeypatch.setattr(*where, fail)
    r = write_atomic(p, "new\n", bom=False, expected_digest=sha(p))
    assert not r.written and words in r.reason
    assert p.read_text(encoding="utf-8") == "old\n"
    assert list(tmp_path.iterdir()) == [p]


def test_writing_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    r = write_atomic(link, "new\n", bom=False, expected_digest=sha(link))
    assert r.written
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new\n"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [(b"caf\xe9 old\n", "not valid UTF-8"), (b"old\x00\n", "not text")],
)
def test_fix_file_refuses_files_that_are_not_utf8_text(tmp_path: Path, raw: bytes, reason: str) -> None:
    p = tmp_path / "a.md"
    p.write_bytes(raw)
    r = fix_file(p, [finding(Edit(1, 1, 1, 2, "X"))], expected_digest=None)
    assert not r.written and reason in r.reason
    assert p.read_bytes() == raw


def test_fix_file_writes_nothing_when_nothing_changes(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text("same\n", encoding="utf-8")
    before = p.stat().st_mtime_ns
    r = fix_file(p, [finding(Edit(1, 1, 1, 5, "same"))], expected_digest=sha(p))
    assert not r.written and r.reason == "nothing to fix"
    assert p.stat().st_mtime_ns == before


def test_a_deleted_file_is_a_message(tmp_path: Path) -> None:
    r = fix_file(tmp_path / "gone.md", [finding(Edit(1, 1, 1, 2, "X"))], expected_digest="0" * 64)
    assert not r.written and "cannot read" in r.reason


# --- through the engine ---------------------------------------------------------


def test_engine_marks_parse_errors_so_fixes_are_not_written(tmp_path: Path) -> None:
    write_project(tmp_path)
    (tmp_path / "broken.md").write_text("---\ntitle: [oops\n---\n\n# Guillain-BarrĂ©\n", encoding="utf-8")
    (tmp_path / "ok.md").write_text(MOJIBAKE, encoding="utf-8")
    result = lint(tmp_path)
    assert result.results["broken.md"].parse_error
    assert not result.results["ok.md"].parse_error
    fixable = [f for f in result.report.findings if f.path == "ok.md" and f.fix and f.fix.applicability == "safe"]
    assert fixable, "expected a safe mojibake fix on ok.md"
    r = fix_file(tmp_path / "ok.md", fixable, expected_digest=result.results["ok.md"].digest)
    assert r.written
    again = lint(tmp_path)
    assert not [f for f in again.report.findings if f.path == "ok.md" and f.fix and f.fix.applicability == "safe"]
