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
- Latency: each run publishes twice. First the buffer alone, with the
  per-file rules only (tens of milliseconds), then the whole workspace
  corpus with the cross-file rules (on a 2,000-file workspace whose cache is
  cold that is seconds). The first result is a subset of the second. One
  worker thread runs the lints, the quick ones first.
- Transport: lintkit reads the JSON-RPC stream itself (``Framer``) instead of
  pygls' reader, so that a malformed message gets a JSON-RPC error and the
  server finds the next ``Content-Length`` header and goes on.

pygls and lsprotocol are imported inside functions so ``lintkit --version``
stays fast.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import json
import logging
import os
import re
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
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
    # False for the quick first result (per-file rules only)
    complete: bool = True


# Lint jobs: the quick per-file pass goes before whole-corpus runs.
QUICK, FULL = 0, 1


class Jobs:
    """One worker thread that runs lint jobs, lowest priority number first.

    One thread, not a pool: the engine and the rule registry are not meant to
    be used from several threads at once. A job cancelled before it starts
    (a newer edit superseded it) is skipped."""

    def __init__(self) -> None:
        self._heap: list[tuple[int, int, Future[Any], Callable[..., Any], tuple[Any, ...]]] = []
        self._seq = itertools.count()
        self._ready = threading.Condition()
        self._thread: threading.Thread | None = None

    def submit(self, priority: int, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        fut: Future[Any] = Future()
        with self._ready:
            heapq.heappush(self._heap, (priority, next(self._seq), fut, fn, args))
            if self._thread is None:
                # a daemon: the process exits on the client's "exit" whatever runs
                self._thread = threading.Thread(target=self._run, name="lintkit-lint", daemon=True)
                self._thread.start()
            self._ready.notify()
        return fut

    def _run(self) -> None:
        while True:
            with self._ready:
                while not self._heap:
                    self._ready.wait()
                _, _, fut, fn, args = heapq.heappop(self._heap)
            if not fut.set_running_or_notify_cancel():
                continue
            try:
                fut.set_result(fn(*args))
            except BaseException as e:  # handed to the awaiting coroutine
                fut.set_exception(e)


@dataclass
class State:
    projects: dict[Path, Project] = field(default_factory=dict)
    linted: dict[str, Linted] = field(default_factory=dict)
    pending: dict[str, asyncio.Task[None]] = field(default_factory=dict)
    reported_errors: set[str] = field(default_factory=set)
    jobs: Jobs = field(default_factory=Jobs)


# ---------------------------------------------------------------------------
# Transport: framing that survives malformed input

# A complete header block: a Content-Length line with a number, any other
# "Name: value" lines, then a blank line. JSON text cannot contain it (a raw
# line break is not allowed inside a JSON string), so finding it inside a
# declared body proves the Content-Length was too long.
_HEADER_BLOCK = re.compile(
    rb"content-length[ \t]*:[ \t]*(\d{1,15})[ \t]*\r?\n(?:[A-Za-z0-9-]+[ \t]*:[^\r\n]*\r?\n)*\r?\n", re.I
)
# Bytes kept while looking for a header, so that one split across reads is found.
_KEEP = 4096
# Without a header, junk beyond this is dropped as it comes.
_MAX_JUNK = 1 << 20

# JSON-RPC error codes
PARSE_ERROR, INVALID_REQUEST, INVALID_PARAMS = -32700, -32600, -32602


@dataclass
class Frame:
    """One message cut from the stream: the decoded JSON, or None when the
    body is not JSON; ``problem`` says what was wrong with the framing or
    the JSON (None for a well-framed message)."""

    message: Any
    problem: str | None = None


class Framer:
    """Cuts a JSON-RPC byte stream (``Content-Length`` framing) into messages
    and recovers from framing errors instead of stalling:

    - bytes before a header (the rest of a message whose Content-Length was
      too short, stray output) are skipped up to the next complete header;
    - a Content-Length that is too short leaves a body that is not JSON: if
      it and the bytes up to the next header make a JSON message, that is
      the message (reported with a ``problem``), else a parse error;
    - a Content-Length that is too long: a complete header block inside the
      body ends the message there;
    - header names are matched case-insensitively, LF is accepted for CRLF.
    """

    def __init__(self) -> None:
        self.buf = bytearray()
        self.length: int | None = None
        self.skipped = 0  # junk bytes dropped (not whitespace)
        # where the search for a header may resume: bytes before it were
        # searched already (a 5 MB body arrives in many reads)
        self._scan = 0

    def _skip(self, n: int) -> None:
        self.skipped += len(bytes(self.buf[:n]).strip())
        del self.buf[:n]

    def _search(self, end: int | None = None) -> re.Match[bytes] | None:
        start = max(0, self._scan - 128)  # a header may straddle two reads
        m = _HEADER_BLOCK.search(self.buf, start, len(self.buf) if end is None else end)
        if m is None:
            self._scan = len(self.buf) if end is None else min(end, len(self.buf))
        return m

    def feed(self, data: bytes) -> list[Frame]:
        self.buf += data
        out: list[Frame] = []
        while True:
            if self.length is None:
                m = self._search()
                if m is None:
                    if len(self.buf) > _MAX_JUNK:
                        self._skip(len(self.buf) - _KEEP)
                        self._scan = 0
                    return out
                # read the match before the buffer changes under it
                length, start, end = int(m.group(1)), m.start(), m.end()
                self._skip(start)
                self.length = length
                del self.buf[: end - start]
                self._scan = 0
            length = self.length
            inner = self._search(min(len(self.buf), length + _KEEP))
            cut: int | None = None
            if inner is not None and inner.start() < length:
                cut = inner.start()
            elif len(self.buf) < length:
                return out
            else:
                # the next header may not have fully arrived yet
                cut = _json_then_header(bytes(self.buf[:length]))
            if cut is not None:
                body = bytes(self.buf[:cut])
                del self.buf[:cut]
                self.length, self._scan = None, 0
                frame = _decode(body)
                frame.problem = f"Content-Length {length} is longer than the message ({cut} bytes)"
                out.append(frame)
                continue
            body = bytes(self.buf[:length])
            del self.buf[:length]
            self.length, self._scan = None, 0
            frame = _decode(body)
            if frame.message is None:
                # too short? the rest of the message is what comes before the next header
                nxt = _HEADER_BLOCK.search(self.buf)
                end = nxt.start() if nxt is not None else len(self.buf)
                whole = _decode(body + bytes(self.buf[:end]))
                if end and whole.message is not None:
                    del self.buf[:end]
                    whole.problem = f"Content-Length {length} is shorter than the message ({length + end} bytes)"
                    frame = whole
            out.append(frame)


def _json_then_header(body: bytes) -> int | None:
    """Where a JSON value at the start of ``body`` ends, if what follows it
    is the beginning of a ``Content-Length`` header (the declared length ran
    into the next message); else None."""
    if not body.lstrip().startswith((b"{", b"[")) or body.rstrip().endswith((b"}", b"]")):
        return None  # the common case, a whole message, is not parsed twice
    text = body.decode("utf-8", "surrogateescape")
    try:
        _, end = json.JSONDecoder().raw_decode(text, len(text) - len(text.lstrip()))
    except ValueError:
        return None
    rest = text[end:].lstrip().lower()
    if not rest or not (rest.startswith("content-length") or "content-length".startswith(rest)):
        return None
    return len(text[:end].encode("utf-8", "surrogateescape"))


def _decode(body: bytes) -> Frame:
    try:
        return Frame(json.loads(body))
    except (ValueError, RecursionError) as e:
        return Frame(None, f"invalid JSON: {e}")


def _valid_id(v: Any) -> bool:
    return (isinstance(v, int) and not isinstance(v, bool)) or isinstance(v, str)


def request_problem(msg: Any) -> tuple[int, str] | None:
    """What makes ``msg`` not a JSON-RPC 2.0 message, or None."""
    if not isinstance(msg, dict):
        return INVALID_REQUEST, "a message must be a JSON object"
    if msg.get("jsonrpc") != "2.0":
        return INVALID_REQUEST, 'a message must have "jsonrpc": "2.0"'
    if "id" in msg and msg["id"] is not None and not _valid_id(msg["id"]):
        return INVALID_REQUEST, '"id" must be a number or a string'
    if "method" in msg:
        if not isinstance(msg["method"], str):
            return INVALID_REQUEST, '"method" must be a string'
        if "params" in msg and not isinstance(msg["params"], dict | list | None):
            return INVALID_PARAMS, '"params" must be an object or an array'
        return None
    if "id" not in msg:
        return INVALID_REQUEST, 'a message needs "method" (request, notification) or "id" (response)'
    if ("result" in msg) == ("error" in msg):
        return INVALID_REQUEST, 'a message with "id" and no "method" must have exactly one of "result" and "error"'
    return None


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

    def lint_quick(uri: str, text: str) -> list[Finding]:
        """The buffer alone, per-file rules only: what a whole-corpus run
        would also report for it. Runs in the lint thread."""
        from . import engine
        from .api import Corpus, CorpusFile
        from .document import parse_text
        from .pipeline import Target, process_document

        path = _uri_to_path(uri)
        where = (path or Path(server.workspace.root_path or Path.cwd()) / "untitled.md").resolve()
        project, root = project_for(where)
        if _is_reference(where, project):
            return []  # reference content is read, never reported on
        display = engine.display_path(where, root)
        selection = engine.Selection(project)
        doc = parse_text(display, text)
        res = process_document(doc, project, selection.run)
        findings = list(res.findings)
        # a corpus of this file alone: corpus checks that also report
        # within one file (contradictions inside a page) run, and their
        # codes are dropped below with every other cross-file code
        corpus = Corpus({display: CorpusFile(display, res.meta, True, False, res.summaries)})
        engine.corpus_phase(corpus, project, selection.run, findings)
        target = Target(where, display, True, False)
        done = engine.postprocess(findings, {display: res}, {display: target}, selection, project)
        cross = _corpus_codes()
        return [f for f in done if f.path == display and f.code not in cross]

    def lint(uri: str, text: str, overlay: dict[str, str]) -> list[Finding]:
        """Runs in the lint thread: no protocol calls here."""
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

    def publish(uri: str, version: int | None, text: str, findings: list[Finding], complete: bool) -> None:
        lines = split_lines(text)
        diags = [diagnostic(uri, text, lines, f) for f in findings]
        state.linted[uri] = Linted(version, text, findings, diags, complete)
        server.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diags, version=version)
        )

    def failed(uri: str, e: Exception) -> None:
        # a bad config or an engine bug must not kill the server
        from .config import LintkitError

        if isinstance(e, LintkitError):
            report_error(f"lintkit: {e}")
        else:
            log.exception("lint failed for %s", uri)
            report_error(f"lintkit: internal error while checking {uri}: {type(e).__name__}: {e}")

    def carried(uri: str, text: str) -> list[Finding]:
        """Cross-file findings of the last complete result whose line is
        unchanged, shown with the quick result until the full one comes (so
        they do not flicker on every edit)."""
        last = state.linted.get(uri)
        if last is None or not last.complete:
            return []
        old, new = split_lines(last.text), split_lines(text)
        cross = _corpus_codes()

        def same(f: Finding) -> bool:
            return all(
                0 < n <= min(len(old), len(new)) and old[n - 1] == new[n - 1] for n in range(f.line, f.end_line + 1)
            )

        return [f for f in last.findings if f.code in cross and same(f)]

    async def in_thread(
        priority: int, uri: str, version: int | None, fn: Callable[..., list[Finding]], *args: Any
    ) -> list[Finding] | None:
        """Run ``fn`` in the lint thread; None when it failed or the buffer
        changed meanwhile (the newer change has its own run scheduled)."""
        try:
            found: list[Finding] = await asyncio.wrap_future(state.jobs.submit(priority, fn, *args))
        except asyncio.CancelledError:
            raise
        except Exception as e:
            failed(uri, e)
            return None
        current = server.workspace.text_documents.get(uri)
        return found if current is not None and current.version == version else None

    async def run_lint(uri: str, delay: float = 0.0) -> None:
        if delay:
            await asyncio.sleep(delay)
        doc = server.workspace.text_documents.get(uri)
        if doc is None:
            return
        version, text = doc.version, doc.source
        last = state.linted.get(uri)
        if last is None or not last.complete or last.text != text:
            # the text changed since the last complete result: this buffer's
            # own findings first, without waiting for the corpus
            quick = await in_thread(QUICK, uri, version, lint_quick, uri, text)
            if quick is None:
                return
            publish(uri, version, text, sorted([*quick, *carried(uri, text)], key=Finding.sort_key), complete=False)
        full = await in_thread(FULL, uri, version, lint, uri, text, open_overlay())
        if full is not None:
            publish(uri, version, text, full, complete=True)

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

    def warm_up() -> None:
        """Import the engine and the rule families and load the packs while
        the editor is still starting, so the first file opened waits for
        none of it."""
        from . import engine

        folders = [_uri_to_path(f.uri) for f in server.workspace.folders.values()]
        roots = [Path(p) for p in [server.workspace.root_path, *folders] if p]
        project = project_for((roots[0] if roots else Path.cwd()).resolve() / "untitled.md")[0]
        sample = "---\ntitle: Warm-up\ncontent_type: condition\n---\n# Warm-up\n\nA sentence.\n"
        engine.lint_text(sample, "w.md", project)

    @server.feature(lsp.INITIALIZED)
    def initialized(params: lsp.InitializedParams) -> None:
        fut = state.jobs.submit(QUICK, warm_up)
        # a broken configuration is reported when a file is checked
        fut.add_done_callback(lambda f: f.exception())

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


def _corpus_codes() -> frozenset[str]:
    """Codes a cross-file (corpus) check can report: the quick pass leaves them out."""
    from .checks import REGISTRY
    from .registry import Scope

    return frozenset(c for chk in REGISTRY.checks if chk.scope is Scope.CORPUS for c in chk.codes)


def _is_reference(path: Path, project: Project) -> bool:
    for r in project.settings.references:
        ref = project.resolve(r).resolve()
        if path == ref or ref in path.parents:
            return True
    return False


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
        # pygls writes tracebacks into some messages: keep their first line
        return text.split("\n", 1)[0]


def dispatch(server: LanguageServer, frame: Frame) -> None:
    """Hand one framed message to pygls, or answer it with a JSON-RPC error."""
    proto = server.protocol
    msg = frame.message
    ident = msg.get("id") if isinstance(msg, dict) and _valid_id(msg.get("id")) else None

    def error(code: int, message: str) -> None:
        log.warning("bad message%s: %s", "" if ident is None else f" (id {ident!r})", message)
        proto._send_data({"jsonrpc": "2.0", "id": ident, "error": {"code": code, "message": message}})

    if msg is None:
        error(PARSE_ERROR, frame.problem or "invalid JSON")
        return
    problem = request_problem(msg)
    if problem is None and frame.problem is not None:
        problem = (INVALID_REQUEST, frame.problem)
    if problem is not None:
        if "method" in msg and "id" not in msg and problem[0] != INVALID_REQUEST:
            log.warning("bad notification %r: %s", msg.get("method"), problem[1])
        else:
            error(*problem)
        return
    try:
        structured = proto.structure_message(msg)
    except Exception as e:
        import cattrs

        cause = e.__cause__
        detail = "; ".join(cattrs.transform_error(cause)) if isinstance(cause, cattrs.BaseValidationError) else str(e)
        # the converter names fields as Python does; the client wrote camelCase
        detail = re.sub(r"_([a-z])", lambda m: m.group(1).upper(), detail)
        text = f"invalid params for {msg.get('method')}: {detail or type(e).__name__}"
        if "method" in msg and "id" in msg:
            error(INVALID_PARAMS, text)
        else:
            log.warning("%s", text)
        return
    try:
        proto.handle_message(structured)
    except Exception:  # pygls answers requests whose handler fails; this is its own bug
        log.exception("could not handle %s", msg.get("method") or "a response")


async def _read_loop(server: LanguageServer, stream: Any) -> None:
    loop = asyncio.get_running_loop()
    chunks: asyncio.Queue[bytes] = asyncio.Queue()
    read = getattr(stream, "read1", None) or stream.read

    def reader() -> None:
        while True:
            try:
                data = read(65536)
            except (OSError, ValueError):
                data = b""
            try:
                loop.call_soon_threadsafe(chunks.put_nowait, data)
            except RuntimeError:  # the loop has closed
                return
            if not data:
                return

    # a daemon: a read blocked on stdin must not keep the process alive
    threading.Thread(target=reader, name="lintkit-stdin", daemon=True).start()
    framer = Framer()
    stop = server._stop_event
    while stop is None or not stop.is_set():
        data = await chunks.get()
        if not data:
            return
        try:
            frames = framer.feed(data)
        except Exception:  # a bug here must not end the session: start afresh
            log.exception("could not read the message stream; skipping what was buffered")
            framer, frames = Framer(), []
        for frame in frames:
            dispatch(server, frame)
        if framer.skipped:
            log.warning("skipped %d bytes that were not part of a message", framer.skipped)
            framer.skipped = 0


def start_io(server: LanguageServer, stdin: Any, stdout: Any) -> int:
    """pygls' ``start_io`` with lintkit's reader; returns the exit code the
    protocol asks for (0 after ``shutdown`` then ``exit``, 1 for ``exit`` alone)."""
    from pygls.io_ import StdoutWriter

    server._stop_event = threading.Event()
    server.protocol.set_writer(StdoutWriter(stdout))
    try:
        asyncio.run(_read_loop(server, stdin))
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else 0
    except (BrokenPipeError, KeyboardInterrupt):
        pass
    finally:
        server.shutdown()
    return 0


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
    return start_io(server, sys.stdin.buffer, out)
