"""The engine: discover files → per-file phase (parse once, document checks,
collectors) → corpus phase (cross-file checks on summaries) → selection,
suppression and severity overrides → sorted report.

The per-file phase is a pure function of (file bytes, project settings, rule
packs), so it can run in worker processes and be cached by content hash.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import functools
import hashlib
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__, registry
from .config import LintkitError, Project
from .document import Document, FileProblem, parse
from .findings import Edit, FileReport, Finding, Fix, Related, Report, Severity, Span
from .registry import Rule, Scope, matches
from .suppress import Suppressions, build

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


# ---------------------------------------------------------------------------
# Contexts handed to checks


class DocContext:
    """What a document check may use: settings, packs, today, and ``report``."""

    def __init__(self, doc: Document, project: Project, enabled: frozenset[str]) -> None:
        self.doc = doc
        self.project = project
        self.settings = project.settings
        self.today = project.today
        self._enabled = enabled
        self.metrics: dict[str, Any] = {}

    def enabled(self, code: str) -> bool:
        return code in self._enabled

    # front-matter facts with defaults, for rules that depend on them
    @property
    def locale(self) -> str:
        v = self.doc.meta.get("locale")
        return v if isinstance(v, str) and v else self.settings.locale

    @property
    def audience(self) -> str:
        v = self.doc.meta.get("audience")
        return v if isinstance(v, str) and v else "patient"

    @property
    def content_type(self) -> str | None:
        v = self.doc.meta.get("content_type")
        return v if isinstance(v, str) else None

    def report(
        self,
        rule: Rule,
        start: int,
        end: int,
        message: str,
        *,
        related: Iterable[Related] = (),
        fix: Fix | None = None,
    ) -> Finding:
        """A finding for ``rule`` at source offsets [start, end) of this document."""
        span = self.doc.span(start, end)
        return make_finding(rule, self.doc.path, span, message, related, fix, self.doc.snippet(start, end))

    def edit(self, start: int, end: int, content: str) -> Edit:
        s = self.doc.span(start, end)
        return Edit(s.line, s.column, s.end_line, s.end_column, content)

    def fix(self, message: str, *edits: Edit, applicability: str = "safe") -> Fix:
        return Fix(message, tuple(edits), "unsafe" if applicability == "unsafe" else "safe")

    def related(self, start: int, end: int, message: str) -> Related:
        return Related.at(self.doc.path, self.doc.span(start, end), message)


def make_finding(
    rule: Rule,
    path: str,
    span: Span,
    message: str,
    related: Iterable[Related] = (),
    fix: Fix | None = None,
    snippet: str = "",
) -> Finding:
    return Finding(
        code=rule.code,
        name=rule.name,
        family=rule.family,
        severity=rule.severity,
        path=path,
        line=span.line,
        column=span.column,
        end_line=span.end_line,
        end_column=span.end_column,
        message=message,
        related=tuple(related),
        fix=fix,
        snippet=snippet,
    )


@dataclass
class CorpusFile:
    path: str
    meta: dict[str, Any]
    reported: bool
    reference: bool
    summaries: dict[str, Any]


@dataclass
class Corpus:
    """Everything corpus checks see: per-file summaries, never parsed documents."""

    files: dict[str, CorpusFile]

    def summaries(self, name: str, *, references: bool | None = None) -> dict[str, Any]:
        """``name`` summaries by path. ``references=True`` only reference files,
        ``False`` only content files, ``None`` both."""
        out = {}
        for p, f in self.files.items():
            if name not in f.summaries:
                continue
            if references is not None and f.reference != references:
                continue
            out[p] = f.summaries[name]
        return out

    def is_reported(self, path: str) -> bool:
        f = self.files.get(path)
        return bool(f and f.reported)


class CorpusContext:
    def __init__(self, project: Project, enabled: frozenset[str]) -> None:
        self.project = project
        self.settings = project.settings
        self.today = project.today
        self._enabled = enabled

    def enabled(self, code: str) -> bool:
        return code in self._enabled

    def report_at(
        self,
        rule: Rule,
        path: str,
        span: Span,
        message: str,
        *,
        related: Iterable[Related] = (),
        fix: Fix | None = None,
        snippet: str = "",
    ) -> Finding:
        return make_finding(rule, path, span, message, related, fix, snippet)


# ---------------------------------------------------------------------------
# Per-file phase


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
            # loading a huge file into memory
            raw = fh.read(max_bytes + 1)
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


def process_document(
    doc: Document, project: Project, enabled: frozenset[str], *, reference: bool = False
) -> FileResult:
    """Run document checks and collectors on a parsed document."""
    registry.load()
    ctx = DocContext(doc, project, enabled)
    findings: list[Finding] = []
    errors: list[str] = []
    if not reference:
        for chk in registry.CHECKS:
            if chk.scope is not Scope.DOCUMENT or not (chk.codes & enabled):
                continue
            if doc.problem is not None and not getattr(chk.func, "on_problem", False):
                continue
            try:
                findings.extend(f for f in chk.func(doc, ctx) if f.code in enabled)
            except LintkitError:  # a bad rule pack: the user's error to fix (exit 2), not a rule bug
                raise
            except Exception as e:  # a rule bug must not stop the run
                errors.append(f"{doc.path}: internal error in {chk.func.__name__}: {type(e).__name__}: {e}")
    summaries: dict[str, Any] = {}
    if doc.problem is None:
        for name, col in registry.COLLECTORS.items():
            if not col.codes & enabled:
                continue
            try:
                summaries[name] = col.func(doc, ctx)
            except LintkitError:
                raise
            except Exception as e:
                errors.append(f"{doc.path}: internal error in collector {name}: {type(e).__name__}: {e}")
    ign = doc.meta.get("lintkit")
    file_ignores = ign.get("ignore") if isinstance(ign, dict) else None
    sup = build(
        doc.html_comments,
        [str(c) for c in file_ignores] if isinstance(file_ignores, list) else [],
        doc.index.line_count,
    )
    parse_error = doc.problem is not None or bool(doc.front_matter and doc.front_matter.error)
    return FileResult(doc.path, findings, summaries, doc.meta, sup, ctx.metrics, errors, parse_error)


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


# ---------------------------------------------------------------------------
# Discovery


@dataclass
class Target:
    path: Path
    display: str
    reported: bool
    reference: bool


def display_path(path: Path, cwd: Path) -> str:
    try:
        if path.is_symlink():
            return _rel(path, cwd)
        # resolve each folder once, not each file: resolving costs a stat per
        # path component, which was most of a warm run's time at 2,000 files
        return (_resolved(path.parent) / path.name).relative_to(_resolved(cwd)).as_posix()
    except ValueError:
        return _rel(path, cwd)


@functools.lru_cache(maxsize=4096)
def _resolved(p: Path) -> Path:
    return p.resolve()


def _rel(path: Path, cwd: Path) -> str:
    try:
        return Path(os.path.relpath(path.absolute(), cwd)).as_posix()
    except ValueError:
        return path.as_posix()


def _excluded(path: Path, project: Project) -> bool:
    pats = project.settings.exclude
    if not pats:
        return False
    try:
        rel = path.absolute().relative_to(project.root).as_posix()
    except ValueError:
        rel = path.as_posix()
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(path.name, p) for p in pats)


def walk(root: Path, project: Project, notes: list[str], explicit: bool = False) -> Iterator[Path]:
    """Markdown files under ``root``. Symlinks are not followed unless
    ``follow_symlinks`` is set, and never outside the project folder."""
    follow = project.settings.follow_symlinks
    if root.is_symlink() and not _symlink_ok(root, project, follow):
        notes.append(f"{root}: symbolic link not followed")
        return
    if root.is_file() or (explicit and not root.is_dir() and root.exists()):
        yield root
        return
    if not root.is_dir():
        if not root.exists() and not root.is_symlink():
            notes.append(f"{root}: no such file or directory")
        return
    seen: set[tuple[int, int]] = set()

    def unreadable(e: OSError) -> None:  # os.walk skips such folders silently otherwise
        notes.append(f"{e.filename}: cannot read folder: {e.strerror or e}")

    for dirpath, dirnames, filenames in os.walk(root, followlinks=follow, onerror=unreadable):
        d = Path(dirpath)
        try:
            st = d.stat()
            key = (st.st_dev, st.st_ino)
        except OSError:
            continue
        if key in seen:  # a symlink loop
            dirnames[:] = []
            continue
        seen.add(key)
        dirnames[:] = sorted(n for n in dirnames if not n.startswith(".") and not _excluded(d / n, project))
        if follow:
            dirnames[:] = [n for n in dirnames if _symlink_ok(d / n, project, follow)]
        for name in sorted(filenames):
            p = d / name
            if not name.lower().endswith(MARKDOWN_SUFFIXES) or _excluded(p, project):
                continue
            if p.is_symlink() and not _symlink_ok(p, project, follow):
                notes.append(f"{p}: symbolic link not followed")
                continue
            yield p


def _symlink_ok(p: Path, project: Project, follow: bool) -> bool:
    if not p.is_symlink():
        return True
    if not follow:
        return False
    try:
        target = p.resolve(strict=True)
        target.relative_to(project.root.resolve())
        return True
    except (OSError, ValueError, RuntimeError):
        return False


def targets(paths: list[Path], project: Project, cwd: Path, notes: list[str]) -> list[Target]:
    """Files to report on (``paths``) plus the configured corpus and references
    (read for cross-file rules, not reported)."""
    _resolved.cache_clear()  # folders may have moved since the last run (language server)
    out: dict[str, Target] = {}

    def add(p: Path, reported: bool, reference: bool, explicit: bool = False) -> None:
        for f in walk(p, project, notes, explicit):
            key = str(f.absolute())
            if key in out:
                if reported and not out[key].reference:
                    out[key].reported = True
                continue
            out[key] = Target(f, display_path(f, cwd), reported, reference)

    for p in paths:
        add(p, True, False, explicit=True)
    if project.config_path is not None:
        for c in project.settings.content:
            cp = project.resolve(c)
            if cp.exists():
                add(cp, False, False)
    for r in project.settings.references:
        rp = project.resolve(r)
        if rp.exists():
            for f in walk(rp, project, notes):
                key = str(f.absolute())
                t = out.get(key)
                if t is None:
                    out[key] = Target(f, display_path(f, cwd), False, True)
                else:
                    t.reference, t.reported = True, False
    return sorted(out.values(), key=lambda t: t.display)


# ---------------------------------------------------------------------------
# Selection


class Selection:
    """Which codes run and are reported, globally and per path."""

    def __init__(self, project: Project, select: list[str] | None = None, ignore: list[str] | None = None) -> None:
        rules = registry.load()
        s = project.settings
        self.project = project
        self.select = list(select) if select else list(s.select)
        self.ignore = list(s.ignore) + list(ignore or [])
        self.base = frozenset(c for c in rules if matches(c, self.select) and not matches(c, self.ignore))
        extra = set()
        for o in s.per_path:
            extra |= {c for c in rules if matches(c, o.select)}
        self.run = frozenset(self.base | extra)

    def enabled_for(self, display: str, path: Path) -> frozenset[str]:
        overrides = self.project.settings.per_path
        if not overrides:
            return self.base
        try:
            rel = path.absolute().relative_to(self.project.root).as_posix()
        except ValueError:
            rel = display
        codes = set(self.base)
        for o in overrides:
            if any(fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(display, pat) for pat in o.paths):
                codes |= {c for c in self.run if matches(c, o.select)}
                codes -= {c for c in codes if matches(c, o.ignore)}
        return frozenset(codes)


# ---------------------------------------------------------------------------
# The run


@dataclass
class RunResult:
    report: Report
    results: dict[str, FileResult]
    notes: list[str]
    errors: list[str]


def run(
    project: Project,
    paths: list[Path],
    *,
    cwd: Path | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    jobs: int | None = None,
    use_cache: bool = True,
    overlay: dict[str, str] | None = None,
) -> RunResult:
    """Lint ``paths`` (files reported on) against the whole configured corpus.

    ``overlay`` maps absolute paths to unsaved text (the language server's
    open buffers); those files are parsed from the text, not the disk.
    """
    cwd = cwd or Path.cwd()
    notes: list[str] = []
    selection = Selection(project, select, ignore)
    tlist = targets(paths, project, cwd, notes)
    from .parallel import process_all

    results = process_all(tlist, project, selection, jobs=jobs, use_cache=use_cache, overlay=overlay or {})
    errors = [e for r in results.values() for e in r.errors]

    corpus = Corpus(
        {
            t.display: CorpusFile(
                t.display,
                results[t.display].meta,
                t.reported,
                t.reference,
                results[t.display].summaries,
            )
            for t in tlist
        }
    )
    findings: list[Finding] = []
    for t in tlist:
        if t.reported:
            findings.extend(results[t.display].findings)
    cctx = CorpusContext(project, selection.run)
    for chk in registry.CHECKS:
        if chk.scope is not Scope.CORPUS or not (chk.codes & selection.run):
            continue
        try:
            for f in chk.func(corpus, cctx):
                if corpus.is_reported(f.path):
                    findings.append(f)
        except LintkitError:
            raise
        except Exception as e:
            errors.append(f"internal error in {chk.func.__name__}: {type(e).__name__}: {e}")

    by_display = {t.display: t for t in tlist}
    final = postprocess(findings, results, by_display, selection, project)
    files = tuple(FileReport(t.display, results[t.display].metrics) for t in tlist if t.reported)
    report = Report(tuple(final), files, __version__)
    return RunResult(report, results, notes, errors)


def postprocess(
    findings: list[Finding],
    results: dict[str, FileResult],
    targets_: dict[str, Target],
    selection: Selection,
    project: Project,
) -> list[Finding]:
    out: list[Finding] = []
    overrides = project.settings.severity
    enabled_cache: dict[str, frozenset[str]] = {}
    seen: set[tuple[Any, ...]] = set()
    for f in findings:
        t = targets_.get(f.path)
        if t is not None:
            en = enabled_cache.get(f.path)
            if en is None:
                en = enabled_cache[f.path] = selection.enabled_for(f.path, t.path)
            if f.code not in en:
                continue
        r = results.get(f.path)
        if r is not None and r.suppressions.suppressed(f.code, f.line):
            continue
        sev = _override(f.code, overrides)
        if sev is not None and sev != f.severity:
            f = dataclasses.replace(f, severity=sev)
        key = (f.code, f.path, f.line, f.column, f.end_line, f.end_column, f.message)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    out.sort(key=Finding.sort_key)
    return out


def _override(code: str, overrides: dict[str, Severity]) -> Severity | None:
    best: tuple[int, Severity] | None = None
    for sel, sev in overrides.items():
        if matches(code, [sel]) and (best is None or len(sel) > best[0]):
            best = (len(sel), sev)
    return best[1] if best else None


def lint_text(text: str, path: str = "<text>", project: Project | None = None, **kw: Any) -> list[Finding]:
    """Lint one in-memory document alone (tests and the API use this)."""
    return lint_bytes(text.encode("utf-8"), path, project, **kw)


def lint_bytes(raw: bytes, path: str = "<bytes>", project: Project | None = None, **kw: Any) -> list[Finding]:
    """Lint one document given as bytes, as if it were the only file checked."""
    project = project or Project(_default_settings(), Path.cwd())
    selection = Selection(project, kw.get("select"), kw.get("ignore"))
    doc = parse(path, raw, max_bytes=project.settings.max_file_size)
    res = process_document(doc, project, selection.run)
    for e in res.errors:
        print(e, file=sys.stderr)
    corpus = Corpus({path: CorpusFile(path, res.meta, True, False, res.summaries)})
    findings = list(res.findings)
    cctx = CorpusContext(project, selection.run)
    for chk in registry.CHECKS:
        if chk.scope is Scope.CORPUS and chk.codes & selection.run:
            findings.extend(chk.func(corpus, cctx))
    t = Target(Path(path), path, True, False)
    return postprocess(findings, {path: res}, {path: t}, selection, project)


def _default_settings() -> Any:
    from .config import Settings

    return Settings()
