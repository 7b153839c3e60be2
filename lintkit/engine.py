"""The engine: discover files → per-file phase (``lintkit.pipeline``, run by
``lintkit.parallel`` with the cache) → corpus phase (cross-file checks on
summaries) → selection, suppression and severity overrides → sorted report.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import functools
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__, parallel
from .api import Corpus, CorpusContext, CorpusFile, DirectiveUse
from .atomicio import remove_stale
from .checks import REGISTRY
from .config import LintkitError, Project, check_codes, default_settings
from .document import MARKDOWN_SUFFIXES, parse
from .findings import FileReport, Finding, Report, Severity
from .formatters._escape import printable
from .parallel import process_all
from .pipeline import FileResult, Target, process_document
from .registry import Check, Scope, matches

# ---------------------------------------------------------------------------
# Discovery


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
        dirnames[:] = [n for n in dirnames if _walk_into(d / n, project, follow, notes)]
        for name in sorted(filenames):
            p = d / name
            if not name.lower().endswith(MARKDOWN_SUFFIXES) or _excluded(p, project):
                continue
            if p.is_symlink() and not _symlink_ok(p, project, follow):
                notes.append(f"{p}: symbolic link not followed")
                continue
            yield p


def _walk_into(d: Path, project: Project, follow: bool, notes: list[str]) -> bool:
    """Whether the walk enters the subfolder ``d``; a linked folder it skips
    is noted (os.walk would skip it without a word)."""
    if not d.is_symlink():
        return True
    if _symlink_ok(d, project, follow):
        return True
    why = "it points outside the project" if follow else "set follow_symlinks: true to check it"
    notes.append(f"{d}: symbolic link to a folder not followed ({why})")
    return False


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
        rules = REGISTRY.rules
        s = project.settings
        check_codes(project, REGISTRY.valid_selector, REGISTRY.suggest)
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
    # files, cache hits, files computed, worker processes (``parallel.last_stats``)
    stats: dict[str, int] = field(default_factory=dict)


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
    given: dict[str, tuple[str, bytes]] | None = None,
) -> RunResult:
    """Lint ``paths`` (files reported on) against the whole configured corpus.

    ``overlay`` maps absolute paths to unsaved text (the language server's
    open buffers); those files are parsed from the text, not the disk.
    ``given`` maps absolute paths to (display path, bytes) of documents that
    need not exist on disk (stdin): checked from those bytes, never cached.
    """
    cwd = cwd or Path.cwd()
    notes: list[str] = []
    selection = Selection(project, select, ignore)
    tlist = targets(paths, project, cwd, notes)
    # temporary files of a --fix that was killed (SIGKILL cannot clean up)
    for p in remove_stale({t.path.parent for t in tlist}):
        notes.append(f"{_rel(p, cwd)}: removed a temporary file left by an interrupted lintkit --fix")
    given = dict(given or {})
    on_disk = [t for t in tlist if str(t.path.absolute()) not in given]
    results = process_all(on_disk, project, selection.run, jobs=jobs, use_cache=use_cache, overlay=overlay or {})
    for abspath, (display, raw) in given.items():
        t = next((t for t in tlist if str(t.path.absolute()) == abspath), None)
        if t is None:
            t = Target(Path(abspath), display, True, False)
            tlist.append(t)
        t.reported, t.reference = True, False  # also when the file on disk is part of the corpus
        doc = parse(t.display, raw, max_bytes=project.settings.max_file_size)
        results[t.display] = process_document(doc, project, selection.run, reference=t.reference)
    errors = [e for r in results.values() for e in r.errors]
    # a check that gave up matters where its findings are reported; a summary
    # that gave up, wherever cross-file rules read it
    notes += [
        msg
        for t in tlist
        for label, msg in results[t.display].incomplete
        if t.reported or label.startswith("collector:")
    ]

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
    errors += corpus_phase(corpus, project, selection.run, findings)

    by_display = {t.display: t for t in tlist}
    final = finish(findings, results, by_display, selection, project, errors)
    files = tuple(FileReport(t.display, results[t.display].metrics) for t in tlist if t.reported)
    report = Report(tuple(final), files, __version__)
    return RunResult(report, results, notes, errors, dict(parallel.last_stats))


def run_bytes(
    project: Project,
    name: Path,
    raw: bytes,
    *,
    cwd: Path | None = None,
    **kw: Any,
) -> RunResult:
    """Lint a document given as bytes (stdin) as the file ``name``: reported
    under that path, with the configured corpus for cross-file rules, and in
    place of that file if it exists. ``name`` '-' is reported as '-'."""
    cwd = cwd or Path.cwd()
    path = name if name.is_absolute() else cwd / name
    display = "-" if str(name) == "-" else display_path(path, cwd)
    return run(project, [], cwd=cwd, given={str(path.absolute()): (display, raw)}, **kw)


def corpus_phase(corpus: Corpus, project: Project, enabled: frozenset[str], findings: list[Finding]) -> list[str]:
    """Run the corpus checks of ``enabled`` codes, adding their findings on
    reported files to ``findings``; returns the internal errors."""
    errors: list[str] = []
    cctx = CorpusContext(project, enabled)
    for chk in REGISTRY.checks:
        if chk.scope is not Scope.CORPUS or not (chk.codes & enabled):
            continue
        findings.extend(f for f in _call(chk, corpus, cctx, errors) if corpus.is_reported(f.path))
    return errors


def _call(chk: Check, arg: Any, ctx: CorpusContext, errors: list[str]) -> list[Finding]:
    """A corpus or directive check's findings; a rule bug becomes an internal
    error and the run goes on, a bad rule pack (LintkitError) stops it."""
    try:
        return list(chk.func(arg, ctx))
    except LintkitError:
        raise
    except Exception as e:
        errors.append(f"internal error in {chk.func.__name__}: {type(e).__name__}: {e}")
        return []


def finish(
    findings: list[Finding],
    results: dict[str, FileResult],
    targets_: dict[str, Target],
    selection: Selection,
    project: Project,
    errors: list[str],
) -> list[Finding]:
    """Selection, suppression and severity overrides, then the directive
    checks on what the suppressions did; sorted."""
    used: set[tuple[str, int]] = set()
    out = postprocess(findings, results, targets_, selection, project, used)
    late = directive_phase(results, targets_, selection, project, used, errors)
    if late:
        out += postprocess(late, results, targets_, selection, project, None)
        out.sort(key=Finding.sort_key)
    return out


def directive_phase(
    results: dict[str, FileResult],
    targets_: dict[str, Target],
    selection: Selection,
    project: Project,
    used: set[tuple[str, int]],
    errors: list[str],
) -> list[Finding]:
    """Run the directive checks of enabled codes on every code named by a
    directive in a reported file (``api.DirectiveUse``)."""
    checks = [c for c in REGISTRY.checks if c.scope is Scope.DIRECTIVES and c.codes & selection.run]
    if not checks:
        return []
    # a directive naming the directive rules themselves is judged on the other rules
    own = frozenset().union(*(c.codes for c in checks))
    uses: list[DirectiveUse] = []
    for display, t in targets_.items():
        r = results.get(display)
        if not t.reported or r is None or not r.suppressions.named:
            continue
        enabled = selection.enabled_for(display, t.path) - own
        for i, n in enumerate(r.suppressions.named):
            known = not n.selector or REGISTRY.valid_selector(n.selector)
            ran = known and any(matches(c, n.selectors) for c in enabled)
            hint = None if known else REGISTRY.suggest(n.selector)
            uses.append(DirectiveUse(display, n, known, hint, ran, (display, i) in used))
    if not uses:
        return []
    ctx = CorpusContext(project, selection.run)
    out: list[Finding] = []
    for chk in checks:
        out += _call(chk, uses, ctx, errors)
    return out


def postprocess(
    findings: list[Finding],
    results: dict[str, FileResult],
    targets_: dict[str, Target],
    selection: Selection,
    project: Project,
    used: set[tuple[str, int]] | None = None,
) -> list[Finding]:
    """Drop findings that are not selected for their file or are suppressed
    (recording in ``used`` which directive entries suppressed something;
    ``None`` for the directive checks' own findings), apply severity
    overrides, drop duplicates, sort."""
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
        if r is not None and r.suppressions.named:
            by = r.suppressions.suppressing(f.code, f.line)
            if used is None:  # a finding about a directive: never silenced by a directive on its own line
                by = [i for i in by if r.suppressions.named[i].span.line != f.line]
            if by:
                if used is not None:
                    used.update((f.path, i) for i in by)
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
    project = project or Project(default_settings(), Path.cwd())
    selection = Selection(project, kw.get("select"), kw.get("ignore"))
    doc = parse(path, raw, max_bytes=project.settings.max_file_size)
    res = process_document(doc, project, selection.run)
    for e in res.errors:
        print(printable(e), file=sys.stderr)
    corpus = Corpus({path: CorpusFile(path, res.meta, True, False, res.summaries)})
    findings = list(res.findings)
    for e in corpus_phase(corpus, project, selection.run, findings):
        print(printable(e), file=sys.stderr)
    t = Target(Path(path), path, True, False)
    errors: list[str] = []
    out = finish(findings, {path: res}, {path: t}, selection, project, errors)
    for e in errors:
        print(e, file=sys.stderr)
    return out
