"""Applying fixes: pure text edits, and safe atomic writes.

Edits are given as line/column spans of the text they were computed on; they
are applied back to front, overlapping edits are dropped (the next run picks
them up), and the result keeps the file's encoding, BOM and line endings
because only the edited spans change.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .document import BOM, LineIndex
from .findings import Edit, Finding


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, int]:
    """Apply non-overlapping edits; return (new text, number applied)."""
    index = LineIndex(text)
    spans = []
    for e in edits:
        s = index.offset(e.line, e.column)
        t = index.offset(e.end_line, e.end_column)
        if t < s:
            continue
        spans.append((s, t, e.content))
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
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
    )


@dataclass(frozen=True)
class WriteResult:
    path: str
    written: bool
    reason: str = ""


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def write_atomic(path: Path, text: str, *, bom: bool, expected_digest: str | None) -> WriteResult:
    """Write ``text`` as UTF-8 (keeping a BOM if the file had one) through a
    temporary file in the same folder and an atomic rename. Refuses when the
    file changed since it was read (``expected_digest``)."""
    try:
        current = path.read_bytes()
    except OSError as e:
        return WriteResult(str(path), False, f"cannot read: {e.strerror or e}")
    if expected_digest is not None and digest(current) != expected_digest:
        return WriteResult(str(path), False, "file changed since it was checked; not fixed")
    data = ((BOM if bom else "") + text).encode("utf-8")
    target = path.resolve()
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".lintkit-tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return WriteResult(str(path), False, f"cannot write: {e.strerror or e}")
    return WriteResult(str(path), True)
