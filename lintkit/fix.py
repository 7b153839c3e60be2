"""Applying fixes: pure text edits, and safe atomic writes.

Edits are given as line/column spans of the text they were computed on; they
are applied back to front, overlapping edits are dropped (the next run picks
them up), and the result keeps the file's encoding, BOM and line endings
because only the edited spans change and inserted line breaks take the file's
own style.

Writing goes through :func:`fix_file` (or :func:`write_atomic` for text that
is already fixed): the bytes on disk must still be the bytes that were
checked (sha256), the file must be UTF-8 text, and the new content reaches
the file only through a temporary file in the same folder and an atomic
rename, so a crash or a full disk never leaves half a file.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .document import BOM, NEWLINE, LineIndex, split_lines
from .findings import Edit, Finding


def newline_style(text: str) -> str:
    """The file's line break (its first one), LF for a text without any."""
    m = NEWLINE.search(text)
    return m.group(0) if m else "\n"


def _valid_position(index: LineIndex, text: str, line: int, column: int) -> bool:
    """A position an edit may use: an existing line, and a column on it or
    just past its last character (before the line break)."""
    if not 1 <= line <= index.line_count or column < 1:
        return False
    return index.line_start(line) + column - 1 <= index.line_end(line, text)


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, int]:
    """Apply non-overlapping edits; return (new text, number applied).

    Edits that point outside the text (stale positions) are dropped rather
    than clamped, so a wrong position never damages a neighbouring line. Line
    breaks inside inserted text are written in the text's own style.
    """
    index = LineIndex(text)
    eol = newline_style(text)
    spans = []
    for e in edits:
        valid = _valid_position(index, text, e.line, e.column)
        if not (valid and _valid_position(index, text, e.end_line, e.end_column)):
            continue
        s = index.offset(e.line, e.column)
        t = index.offset(e.end_line, e.end_column)
        if t < s:
            continue
        content = NEWLINE.sub(eol, e.content) if ("\n" in e.content or "\r" in e.content) else e.content
        spans.append((s, t, content))
    spans.sort(key=lambda x: (x[0], x[1]))
    chosen: list[tuple[int, int, str]] = []
    last_end = -1
    for s, t, c in spans:
        if s < last_end or (chosen and s == chosen[-1][0] == t):
            continue
        chosen.append((s, t, c))
        last_end = t
    out = text
    applied = 0
    for s, t, c in reversed(chosen):
        if out[s:t] != c:
            out = out[:s] + c + out[t:]
            applied += 1
    return out, applied


def safe_edits(findings: Iterable[Finding]) -> list[Edit]:
    """Edits of every safe fix. A fix's edits are taken together or not at all."""
    out: list[Edit] = []
    for f in findings:
        if f.fix is not None and f.fix.applicability == "safe":
            out.extend(f.fix.edits)
    return out


def fix_text(text: str, findings: Iterable[Finding]) -> tuple[str, int]:
    return apply_edits(text, safe_edits(findings))


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            split_lines(before, keepends=True),
            split_lines(after, keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
    )


@dataclass(frozen=True)
class WriteResult:
    path: str
    written: bool
    reason: str = ""
    applied: int = 0


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def read_for_fix(path: Path, expected_digest: str | None) -> tuple[str, bool] | str:
    """The text and BOM flag of a file about to be fixed, or the reason it
    must not be: it changed since it was checked, or it is not UTF-8 text."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        return f"cannot read: {e.strerror or e}"
    if expected_digest is not None and digest(raw) != expected_digest:
        return "file changed since it was checked; not fixed (run lintkit again)"
    if b"\x00" in raw:
        return "file is not text; not fixed"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "file is not valid UTF-8; not fixed"
    bom = text.startswith(BOM)
    return (text[1:] if bom else text), bom


def fix_file(path: Path, findings: Iterable[Finding], *, expected_digest: str | None) -> WriteResult:
    """Apply the safe fixes of ``findings`` to ``path``: check the digest,
    apply the edits, write atomically. Nothing is written when no edit
    changes the text."""
    got = read_for_fix(path, expected_digest)
    if isinstance(got, str):
        return WriteResult(str(path), False, got)
    text, bom = got
    new, applied = fix_text(text, findings)
    if applied == 0 or new == text:
        return WriteResult(str(path), False, "nothing to fix")
    result = write_atomic(path, new, bom=bom, expected_digest=expected_digest)
    return WriteResult(result.path, result.written, result.reason, applied if result.written else 0)


class _ChangedMeanwhile(Exception):
    """The file changed while its fixed text was being written: keep it."""


def write_atomic(path: Path, text: str, *, bom: bool, expected_digest: str | None) -> WriteResult:
    """Write ``text`` as UTF-8 (keeping a BOM if the file had one) through a
    temporary file in the same folder and an atomic rename. Keeps the file's
    permission bits, owner and group; writes through a symbolic link to its
    target, so the link stays a link. Refuses (the reason says why) a file
    that changed since it was read (``expected_digest``), is not a regular
    file, is read-only, has other hard links (a rename would leave them the
    old text, and writing in place would give up the all-or-nothing write),
    or whose owner and group this process cannot give the new file."""
    try:
        current = path.read_bytes()
    except OSError as e:
        return WriteResult(str(path), False, f"cannot read: {e.strerror or e}")
    if expected_digest is not None and digest(current) != expected_digest:
        return WriteResult(str(path), False, "file changed since it was checked; not fixed (run lintkit again)")
    data = ((BOM if bom else "") + text).encode("utf-8")
    try:
        target = path.resolve(strict=True)
        st = target.stat()
    except (OSError, RuntimeError) as e:
        return WriteResult(str(path), False, f"cannot resolve: {getattr(e, 'strerror', None) or e}")
    if not stat.S_ISREG(st.st_mode):
        return WriteResult(str(path), False, "not a regular file; not fixed")
    # write bits, not os.access alone: root may write anything, but a file
    # someone made read-only (0444) was made so on purpose
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
        return WriteResult(str(path), False, "file is read-only; not fixed (make it writable to let --fix change it)")
    if st.st_nlink > 1:
        return WriteResult(
            str(path),
            False,
            f"file has {st.st_nlink} hard links; not fixed: a fix writes a new file, and the other "
            f"{'name' if st.st_nlink == 2 else 'names'} would keep the old text (fix a copy, or break the link)",
        )
    if not _may_own(st.st_uid, st.st_gid):
        return WriteResult(
            str(path),
            False,
            f"file belongs to user {st.st_uid}, group {st.st_gid}; not fixed: a fix writes a new file, and "
            "this process cannot give it that owner and group (run lintkit as the file's owner)",
        )
    from .atomicio import replacing

    try:
        with replacing(target, permissions=stat.S_IMODE(st.st_mode), owner=(st.st_uid, st.st_gid)) as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            # Narrow the window between the check above and the rename: an
            # editor that saved meanwhile wins, and lintkit says so.
            if expected_digest is not None and digest(target.read_bytes()) != expected_digest:
                raise _ChangedMeanwhile
    except _ChangedMeanwhile:
        return WriteResult(str(path), False, "file changed since it was checked; not fixed (run lintkit again)")
    except OSError as e:
        return WriteResult(str(path), False, f"cannot write: {e.strerror or e}")
    return WriteResult(str(path), True)


def _may_own(uid: int, gid: int) -> bool:
    """Whether this process can give a new file this owner and group (chown):
    root can; others only their own user and one of their groups."""
    if not hasattr(os, "geteuid"):  # not POSIX: files have no owner to keep
        return True
    euid = os.geteuid()
    return euid == 0 or (uid == euid and (gid == os.getegid() or gid in os.getgroups()))
