"""The language server (``lintkit lsp``): diagnostics and quick fixes in editors.

- Diagnostics are published on open, change (debounced) and save. Each open
  buffer is linted through the engine with every open buffer as an overlay,
  so cross-file rules see the workspace corpus including unsaved edits.
- Configuration is discovered from the workspace folder that holds the file
  (``load_project(cwd=folder)``), and re-read when a configuration file is
  saved.
- Positions: lintkit columns count code points; LSP positions count the
  negotiated unit (UTF-16 unless the client offers UTF-32 or UTF-8). Lines
  are split on LF, CRLF and CR only, as both lintkit and the LSP
  specification do (Python's ``str.splitlines`` would also split on U+2028,
  form feeds … and shift every line after them).
- Code actions: one quick fix per fixable finding, plus "fix all safe
  problems" as ``source.fixAll.lintkit``.

pygls and lsprotocol are imported inside functions so ``lintkit --version``
stays fast.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .config import CONFIG_NAMES
from .document import MARKDOWN_SUFFIXES, split_lines
from .findings import Finding, Severity

if TYPE_CHECKING:
    from lsprotocol import types as lsp
    from pygls.lsp.server import LanguageServer

    from .config import Project

log = logging.getLogger("lintkit.lsp")

# Typing pauses shorter than this do not trigger a run.
DEBOUNCE_SECONDS = 0.3


# ---------------------------------------------------------------------------
# Positions


def _units(s: str, encoding: str) -> int:
    if encoding == "utf-32":
        return len(s)
    if encoding == "utf-8":
        return len(s.encode("utf-8", "surrogatepass"))
    return len(s.encode("utf-16-le", "surrogatepass")) // 2


def to_client(lines: Sequence[str], line: int, column: int, encoding: str = "utf-16") -> tuple[int, int]:
    """lintkit (1-based line, 1-based code-point column) → LSP (0-based line,
    0-based character in ``encoding`` units), clamped to the text."""
    if not lines:
        return 0, 0
    li = max(0, min(line - 1, len(lines) - 1))
    text = lines[li]
    col = max(0, min(column - 1, len(text)))
    return li, _units(text[:col], encoding)


def from_client(lines: Sequence[str], line: int, character: int, encoding: str = "utf-16") -> tuple[int, int]:
    """LSP position → lintkit (1-based line, 1-based code-point column)."""
    if not lines:
        return 1, 1
    li = max(0, min(line, len(lines) - 1))
    text = lines[li]
    if encoding == "utf-32":
        return li + 1, min(character, len(text)) + 1
    used = 0
    for i, ch in enumerate(text):
        if used >= character:
            return li + 1, i + 1
        used += _units(ch, encoding)
    return li + 1, len(text) + 1


# ---------------------------------------------------------------------------
# Server state


@dataclass
class Linted:
    """The last published result for one document."""

    version: int | None
    text: str
    findings: list[Finding]
    diagnostics: list[Any]  # lsp.Diagnostic, parallel to findings


@dataclass
class State:
    projects: dict[Path, Project] = field(default_factory=dict)
    linted: dict[str, Linted] = field(default_factory=dict)
    pending: dict[str, asyncio.Task[None]] = field(default_factory=dict)
    reported_errors: set[str] = field(default_factory=set)
    # one lint at a time: the engine and the rule registry are not meant to
    # be used from several threads at once
    executor: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(max_workers=1))


def _uri_to_path(uri: str) -> Path | None:
    from pygls.uris import to_fs_path

    if not uri.startswith("file:"):
        return None
    p = to_fs_path(uri)
    return Path(p) if p else None


def _path_to_uri(path: Path) -> str:
    from pygls.uris import from_fs_path

    return from_fs_path(str(path)) or path.as_uri()


def _is_markdown(uri: str, language_id: str | None = None) -> bool:
    if language_id and language_id.lower() in ("markdown", "md"):
        return True
    return uri.lower().split("?", 1)[0].endswith(MARKDOWN_SUFFIXES)


# ---------------------------------------------------------------------------
# The server


def build_server() -> LanguageServer:
    from lsprotocol import types as lsp
    from pygls.lsp.server import LanguageServer

    # Full sync: the client sends the whole buffer on each change. Markdown
    # files are small, and it avoids applying incremental edits with a line
    # model (str.splitlines) that differs from lintkit's.
    server = LanguageServer("lintkit", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
    state = State()

    def encoding() -> str:
        enc = server.workspace.position_encoding
        return str(getattr(enc, "value", None) or enc or "utf-16")

    def folder_for(path: Path) -> Path:
        """The workspace folder holding ``path`` (the deepest), else its directory."""
        best: Path | None = None
        roots = [server.workspace.root_path] if server.workspace.root_path else []
        roots += [_uri_to_path(f.uri) for f in server.workspace.folders.values()]  # type: ignore[misc]
        for r in roots:
            if r is None:
                continue
            rp = Path(r).resolve()
            if path == rp or rp in path.parents:
                if best is None or len(rp.parts) > len(best.parts):
                    best = rp
        return best or path.parent

    def project_for(path: Path) -> tuple[Project, Path]:
        from .config import load_project

        root = folder_for(path)
        project = state.projects.get(root)
        if project is None:
            project = state.projects[root] = load_project(cwd=root)
        return project, root

    def open_overlay() -> dict[str, str]:
        out = {}
        for uri, doc in server.workspace.text_documents.items():
            p = _uri_to_path(uri)
            if p is not None and _is_markdown(uri):
                # the engine keys files by absolute path as discovered, which
                # may or may not go through a symlinked folder
                out[str(p.absolute())] = out[str(p.resolve())] = doc.source
        return out

    def lint(uri: str, text: str, overlay: dict[str, str]) -> list[Finding]:
        """Runs in the executor thread: no protocol calls here."""
        from . import engine

        path = _uri_to_path(uri)
        if path is None or not path.is_file():
            # unsaved or non-file buffers are linted alone, with the
            # workspace's settings
            where = path or Path(server.workspace.root_path or Path.cwd()) / "untitled.md"
            project = project_for(where.resolve())[0]
            return [f for f in engine.lint_text(text, where.name, project) if f.path == where.name]
        path = path.resolve()
        project, root = project_for(path)
        result = engine.run(project, [path], cwd=root, overlay=overlay)
        for e in result.errors:
            log.warning("%s", e)
        return [f for f in result.report.findings if (root / f.path).resolve() == path]

    def related_lines(uri: str, text: str, f: Finding, r_path: str) -> tuple[str, list[str]] | None:
        base = _uri_to_path(uri)
        if base is None:
            return None
        root = folder_for(base.resolve())
        rp = (root / r_path).resolve()
        r_uri = _path_to_uri(rp)
        doc = server.workspace.text_documents.get(r_uri)
        if doc is not None:
            return r_uri, split_lines(doc.source)
        if rp == base.resolve():
            return uri, split_lines(text)
        try:
            return r_uri, split_lines(rp.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            return r_uri, []

    def diagnostic(uri: str, text: str, lines: list[str], f: Finding) -> lsp.Diagnostic:
        enc = encoding()
        s = to_client(lines, f.line, f.column, enc)
        e = to_client(lines, f.end_line, f.end_column, enc)
        related = []
        for r in f.related:
            found = related_lines(uri, text, f, r.path)
            if found is None:
                continue
            r_uri, r_lines = found
            rs = to_client(r_lines, r.line, r.column, enc)
            re_ = to_client(r_lines, r.end_line, r.end_column, enc)
            related.append(
                lsp.DiagnosticRelatedInformation(
                    location=lsp.Location(uri=r_uri, range=_range(rs, re_)),
                    message=r.message or f"{r.path}:{r.line}",
                )
            )
        return lsp.Diagnostic(
            range=_range(s, e),
            message=f.message,
            severity=SEVERITY[f.severity],
            code=f.code,
            source="lintkit",
            related_information=related or None,
            data={"name": f.name, "fixable": f.fix is not None},
        )

    def _range(s: tuple[int, int], e: tuple[int, int]) -> lsp.Range:
        return lsp.Range(start=lsp.Position(line=s[0], character=s[1]), end=lsp.Position(line=e[0], character=e[1]))

    SEVERITY = {
        Severity.ERROR: lsp.DiagnosticSeverity.Error,
        Severity.WARNING: lsp.DiagnosticSeverity.Warning,
        Severity.INFO: lsp.DiagnosticSeverity.Information,
    }

    def report_error(message: str) -> None:
        # once per distinct message: a broken config must not flood the editor
        log.error("%s", message)
        if message not in state.reported_errors:
            state.reported_errors.add(message)
            server.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Error, message=message))

    async def run_lint(uri: str, delay: float = 0.0) -> None:
        if delay:
            await asyncio.sleep(delay)
        doc = server.workspace.text_documents.get(uri)
        if doc is None:
            return
        version, text = doc.version, doc.source
        overlay = open_overlay()
        loop = asyncio.get_running_loop()
        try:
            findings = await loop.run_in_executor(state.executor, lint, uri, text, overlay)
        except asyncio.CancelledError:
            raise
        except Exception as e:  # a bad config or an engine bug must not kill the server
            from .config import LintkitError

            if isinstance(e, LintkitError):
                report_error(f"lintkit: {e}")
            else:
                log.exception("lint failed for %s", uri)
                report_error(f"lintkit: internal error while checking {uri}: {type(e).__name__}: {e}")
            return
        current = server.workspace.text_documents.get(uri)
        if current is None or current.version != version:
            return  # superseded; the newer change has its own run scheduled
        lines = split_lines(text)
        diags = [diagnostic(uri, text, lines, f) for f in findings]
        state.linted[uri] = Linted(version, text, findings, diags)
        server.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diags, version=version)
        )

    def schedule(uri: str, delay: float = 0.0) -> None:
        old = state.pending.pop(uri, None)
        if old is not None and not old.done():
            old.cancel()
        task = asyncio.get_running_loop().create_task(run_lint(uri, delay))
        state.pending[uri] = task

        def forget(t: asyncio.Task[None]) -> None:
            if state.pending.get(uri) is t:
                del state.pending[uri]

        task.add_done_callback(forget)

    def relint_open(except_uri: str | None = None) -> None:
        for uri, doc in list(server.workspace.text_documents.items()):
            if uri != except_uri and _is_markdown(uri, doc.language_id):
                schedule(uri, DEBOUNCE_SECONDS)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(params: lsp.DidOpenTextDocumentParams) -> None:
        td = params.text_document
        if _is_markdown(td.uri, td.language_id):
            schedule(td.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(params: lsp.DidChangeTextDocumentParams) -> None:
        if _is_markdown(params.text_document.uri):
            schedule(params.text_document.uri, DEBOUNCE_SECONDS)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE, lsp.SaveOptions(include_text=False))
    async def did_save(params: lsp.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = _uri_to_path(uri)
        if path is not None and path.name in CONFIG_NAMES:
            # settings changed: rediscover, and re-check everything open
            state.projects.clear()
            state.reported_errors.clear()
            relint_open()
            return
        if _is_markdown(uri):
            schedule(uri)
            # cross-file findings in other open files may depend on this one
            relint_open(except_uri=uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = state.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        if state.linted.pop(uri, None) is not None:
            server.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched(params: lsp.DidChangeWatchedFilesParams) -> None:
        if any(Path(_uri_to_path(c.uri) or "").name in CONFIG_NAMES for c in params.changes):
            state.projects.clear()
            state.reported_errors.clear()
        relint_open()

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(
            code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL_KIND],
            resolve_provider=False,
        ),
    )
    def code_action(params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        uri = params.text_document.uri
        done = state.linted.get(uri)
        doc = server.workspace.text_documents.get(uri)
        if done is None or doc is None or doc.version != done.version:
            return None  # stale: a fresh run is on its way
        enc = encoding()
        lines = split_lines(done.text)
        only = [str(getattr(k, "value", k)) for k in params.context.only or ()]
        want_quick = _wanted("quickfix", only)
        want_all = _wanted(FIX_ALL_KIND, only)
        start = from_client(lines, params.range.start.line, params.range.start.character, enc)
        end = from_client(lines, params.range.end.line, params.range.end.character, enc)
        asked = {(d.code, d.range.start.line, d.range.start.character) for d in params.context.diagnostics}
        actions: list[lsp.CodeAction] = []
        ident = lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=done.version)

        def text_edit(line: int, col: int, end_line: int, end_col: int, new: str) -> lsp.TextEdit:
            return lsp.TextEdit(
                range=_range(to_client(lines, line, col, enc), to_client(lines, end_line, end_col, enc)),
                new_text=new,
            )

        if want_quick:
            for f, d in zip(done.findings, done.diagnostics, strict=True):
                if f.fix is None or not f.fix.edits:
                    continue
                key = (d.code, d.range.start.line, d.range.start.character)
                if key not in asked and not _overlaps((f.line, f.column), (f.end_line, f.end_column), start, end):
                    continue
                edits = [text_edit(e.line, e.column, e.end_line, e.end_column, e.content) for e in f.fix.edits]
                unsafe = f.fix.applicability != "safe"
                actions.append(
                    lsp.CodeAction(
                        title=f"{f.fix.message} ({f.code}{', review the change' if unsafe else ''})",
                        kind=lsp.CodeActionKind.QuickFix,
                        diagnostics=[d],
                        is_preferred=not unsafe,
                        edit=lsp.WorkspaceEdit(
                            document_changes=[lsp.TextDocumentEdit(text_document=ident, edits=edits)]
                        ),
                    )
                )
        if want_all:
            from .fix import fix_text

            fixed, n = fix_text(done.text, done.findings)
            if n and fixed != done.text:
                last = len(lines)
                whole = text_edit(1, 1, last, len(lines[-1]) + 1, fixed)
                actions.append(
                    lsp.CodeAction(
                        title=f"Fix all safe lintkit problems ({n})",
                        kind=FIX_ALL_KIND,
                        edit=lsp.WorkspaceEdit(
                            document_changes=[lsp.TextDocumentEdit(text_document=ident, edits=[whole])]
                        ),
                    )
                )
        return actions

    return server


FIX_ALL_KIND = "source.fixAll.lintkit"


def _wanted(kind: str, only: list[str]) -> bool:
    # LSP kinds are hierarchical: asking for "source" includes "source.fixAll.lintkit"
    return not only or any(kind == k or kind.startswith(k + ".") for k in only)


def _overlaps(a0: tuple[int, int], a1: tuple[int, int], b0: tuple[int, int], b1: tuple[int, int]) -> bool:
    # closed intervals: a cursor touching either end of a span counts
    return a0 <= b1 and b0 <= a1


class _OneLine(logging.Formatter):
    """Log records without tracebacks (bad input from a client is not a crash),
    unless LINTKIT_LSP_DEBUG is set."""

    def format(self, record: logging.LogRecord) -> str:
        exc = record.exc_info
        record.exc_info, record.exc_text = None, None
        try:
            text = super().format(record)
        finally:
            record.exc_info = exc
        if exc and exc[1] is not None:
            text += f": {type(exc[1]).__name__}: {exc[1]}"
        return text


def serve(argv: Iterable[str] | None = None) -> int:
    """Run the language server on stdin/stdout until the client exits."""
    handler = logging.StreamHandler(sys.stderr)
    fmt = "lintkit-lsp %(levelname)s: %(message)s"
    handler.setFormatter(logging.Formatter(fmt) if os.environ.get("LINTKIT_LSP_DEBUG") else _OneLine(fmt))
    logging.basicConfig(level=logging.WARNING, handlers=[handler])
    server = build_server()
    out = sys.stdout.buffer
    # anything printed by accident must not corrupt the JSON-RPC stream
    sys.stdout = sys.stderr
    server.start_io(sys.stdin.buffer, out)
    return 0
