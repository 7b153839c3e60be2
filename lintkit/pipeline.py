"""The per-file phase: read a file's bytes, parse them once, run the document
checks and collectors of the registry, and gather suppressions.

It is a pure function of (file bytes, project settings, rule packs), so the
runner (``lintkit.parallel``) can run it in worker processes and the cache can
store its :class:`FileResult` by content hash. It knows no family: it runs
whatever ``lintkit.checks.REGISTRY`` holds.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .api import DocContext
from .checks import REGISTRY
from .config import LintkitError, Project
from .document import Document, FileProblem, parse
from .findings import Finding
from .registry import Scope
from .saferegex import PatternTimeout
from .suppress import Suppressions, for_document

# Called with (label, CPU seconds) after each check and collector when set
# (the timing hook of lintkit.parallel); None costs one test per check.
_observer: Callable[[str, float], None] | None = None


def observe(observer: Callable[[str, float], None] | None) -> None:
    """Report the CPU time of every check and collector to ``observer``
    (``None`` stops it). Labels are ``Check.label`` and ``Collector.label``."""
    global _observer
    _observer = observer


def _observe(label: str, t0: float) -> None:
    if _observer is not None:
        _observer(label, time.process_time() - t0)


@dataclass
class Target:
    """A file to check: ``display`` is its path as reported; ``reported``
    files get findings, the others (the rest of the configured corpus, the
    references) only feed cross-file rules."""

    path: Path
    display: str
    reported: bool
    reference: bool


@dataclass
class FileResult:
    path: str
    findings: list[Finding]
    summaries: dict[str, Any]
    meta: dict[str, Any]
    suppressions: Suppressions
    metrics: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    parse_error: bool = False
    abspath: str = ""  # where the bytes came from ("" for in-memory text)
    digest: str = ""  # sha256 of those bytes: --fix refuses a file that changed since
    bom: bool = False
    # (check or collector label, message) for each that gave up on this file
    # (a search over its time limit). Such a result depends on the machine's
    # speed: it is never cached, and nothing of it reaches other files.
    incomplete: list[tuple[str, str]] = field(default_factory=list)


def read_bytes(path: Path, max_bytes: int) -> tuple[bytes, FileProblem | None]:
    try:
        # O_NONBLOCK: opening a FIFO named like a Markdown file would otherwise
        # wait for a writer forever. Only regular files are read.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            mode = os.fstat(fd).st_mode
            if stat.S_ISDIR(mode):
                return b"", FileProblem("unreadable", "is a directory")
            if not stat.S_ISREG(mode):
                return b"", FileProblem("unreadable", "not a regular file (a pipe, socket or device); not read")
            # read one byte past the limit so "too large" is known without
            # loading a huge file into memory; in pieces, because read(n)
            # reserves n bytes at once (a limit of 10^13 was a MemoryError)
            raw = _read_at_most(fh, max_bytes + 1)
    except FileNotFoundError:
        return b"", FileProblem("unreadable", "file disappeared while lintkit was running")
    except IsADirectoryError:
        return b"", FileProblem("unreadable", "is a directory")
    except OSError as e:
        return b"", FileProblem("unreadable", f"cannot read file: {e.strerror or e}")
    if len(raw) > max_bytes:
        try:
            size = path.stat().st_size
        except OSError:
            size = len(raw)
        return raw[:0], FileProblem(
            "too-large", f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (max_file_size)"
        )
    return raw, None


def _read_at_most(fh: Any, limit: int) -> bytes:
    chunks: list[bytes] = []
    left = limit
    while left > 0:
        chunk = fh.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def process_document(
    doc: Document, project: Project, enabled: frozenset[str], *, reference: bool = False
) -> FileResult:
    """Run document checks and collectors on a parsed document."""
    ctx = DocContext(doc, project, enabled)
    findings: list[Finding] = []
    errors: list[str] = []
    incomplete: list[tuple[str, str]] = []
    timed = _observer is not None
    if not reference:
        for chk in REGISTRY.checks:
            if chk.scope is not Scope.DOCUMENT or not (chk.codes & enabled):
                continue
            if doc.problem is not None and not chk.on_problem:
                continue
            t0 = time.process_time() if timed else 0.0
            try:
                # all or nothing: a check that stops half-way leaves no findings
                findings.extend([f for f in chk.func(doc, ctx) if f.code in enabled])
            except PatternTimeout as e:
                codes = ", ".join(sorted(chk.codes & enabled))
                incomplete.append((chk.label, _gave_up(doc.path, f"rules {codes} ({chk.rules[0].family})", e)))
            except LintkitError:  # a bad rule pack: the user's error to fix (exit 2), not a rule bug
                raise
            except Exception as e:  # a rule bug must not stop the run
                errors.append(f"{doc.path}: internal error in {chk.func.__name__}: {type(e).__name__}: {e}")
            finally:
                if timed:
                    _observe(chk.label, t0)
    summaries: dict[str, Any] = {}
    if doc.problem is None:
        for name, col in REGISTRY.collectors.items():
            if not col.codes & enabled:
                continue
            t0 = time.process_time() if timed else 0.0
            try:
                summaries[name] = col.func(doc, ctx)
            except PatternTimeout as e:
                incomplete.append((col.label, _gave_up(doc.path, f"the {col.family} summary for cross-file rules", e)))
            except LintkitError:
                raise
            except Exception as e:
                errors.append(f"{doc.path}: internal error in collector {name}: {type(e).__name__}: {e}")
            finally:
                if timed:
                    _observe(col.label, t0)
    sup = for_document(doc)
    parse_error = doc.problem is not None or bool(doc.front_matter and doc.front_matter.error)
    res = FileResult(doc.path, findings, summaries, doc.meta, sup, ctx.metrics, errors, parse_error)
    res.incomplete = incomplete
    return res


def _gave_up(path: str, what: str, e: PatternTimeout) -> str:
    return (
        f"{path}: {what} not checked on this file: {e}; nothing of them is reported for it. "
        "The result depends on this machine's speed, so it is not cached and no other file is affected; "
        "shorten the page or split it"
    )


def process_file(
    path: Path, display: str, project: Project, enabled: frozenset[str], *, reference: bool = False
) -> FileResult:
    max_bytes = project.settings.max_file_size
    raw, problem = read_bytes(path, max_bytes)
    if problem is not None:
        doc = Document(path=display, raw=b"", problem=problem)
    else:
        doc = parse(display, raw, max_bytes=max_bytes)
    res = process_document(doc, project, enabled, reference=reference)
    res.abspath = str(path.absolute())
    res.digest = hashlib.sha256(raw).hexdigest()
    res.bom = doc.bom
    return res
