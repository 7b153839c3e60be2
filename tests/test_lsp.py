"""The language server end to end, with a real LSP client (pytest-lsp) talking
to ``python -m lintkit lsp`` over stdio: initialize, open, diagnostics with
exact UTF-16 ranges, code actions applied, cross-file rules over the
workspace, change and save."""

from __future__ import annotations

import asyncio
import functools
import itertools
import json
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from hypothesis import given
from hypothesis import strategies as st
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from lintkit.formatters._source import split_lines
from lintkit.lsp import Framer, from_client, to_client

TIMEOUT = 30.0

FRONT = "---\ntitle: Nerves\ncontent_type: condition\n---\n# Nerves\n\n"
# an emoji (two UTF-16 code units) before the mojibake on the same line, so a
# code-point column would be off by one in UTF-16
MOJIBAKE = FRONT + "😀 Guillain-BarrĂ© syndrome is rare.\n"
CLAIM_A = FRONT + "Sciatica is usually temporary.\n"
CLAIM_B = FRONT + "Sciatica is usually permanent.\n"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "lintkit", "lsp"]))
async def client(lsp_client: LanguageClient, tmp_path: Path):  # type: ignore[no-untyped-def]
    # a workspace whose configured corpus is the folder itself, so cross-file
    # rules compare the open file with the others
    (tmp_path / "lintkit.yaml").write_text("content: ['.']\n", encoding="utf-8")
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=tmp_path.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="ws")],
        )
    )
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "lintkit", "lsp"]))
async def client32(lsp_client: LanguageClient, tmp_path: Path):  # type: ignore[no-untyped-def]
    # a client that prefers code-point positions (UTF-32)
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(
                general=types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf32])
            ),
            root_uri=tmp_path.as_uri(),
        )
    )
    yield
    await lsp_client.shutdown_session()


def track_versions(client: LanguageClient) -> dict[str, int | None]:
    """The document version of the last diagnostics published per URI (the
    server publishes twice per version: the buffer alone, then with the corpus)."""
    versions: dict[str, int | None] = {}
    features = client.protocol.fm.features
    inner = features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    @functools.wraps(inner)
    def publish(*args: Any) -> Any:
        versions[args[-1].uri] = args[-1].version
        return inner(*args)

    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    return versions


async def wait_for(pred: Callable[[], bool], what: str) -> None:
    deadline = asyncio.get_running_loop().time() + TIMEOUT
    while not pred():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


def codes(client: LanguageClient, uri: str) -> set[str]:
    return {str(d.code) for d in client.diagnostics.get(uri, [])}


def open_doc(client: LanguageClient, path: Path, text: str, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=version, text=text)
        )
    )
    return uri


def change_doc(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def fix_all_actions(client: LanguageClient, uri: str) -> Sequence[types.Command | types.CodeAction] | None:
    """The source actions offered for the whole document (lintkit's fix-all)."""
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
            context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.Source]),
        )
    )


def save_doc(client: LanguageClient, path: Path) -> None:
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=path.as_uri()))
    )


async def open_mojibake(client: LanguageClient, tmp_path: Path, version: int = 1) -> tuple[Path, str]:
    path = tmp_path / "nerves.md"
    path.write_text(MOJIBAKE, encoding="utf-8")
    uri = open_doc(client, path, MOJIBAKE, version)
    await wait_for(lambda: "ENC002" in codes(client, uri), "ENC002 on open")
    return path, uri


def apply(text: str, edits: Sequence[types.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions) the way an editor does."""
    lines = split_lines(text)
    # offsets of line starts under LF/CRLF/CR line breaks
    offs, pos = [], 0
    for i, line in enumerate(lines):
        offs.append(pos)
        pos += len(line)
        if i < len(lines) - 1:
            pos += 2 if text[pos : pos + 2] == "\r\n" else 1

    def offset(p: types.Position) -> int:
        line, col = from_client(lines, p.line, p.character)
        return offs[line - 1] + col - 1

    spans = sorted(((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits), reverse=True)
    for s, e, new in spans:
        text = text[:s] + new + text[e:]
    return text


def test_position_conversion() -> None:
    lines = split_lines("a😀b\r\nx\u2028y\rz")
    # lintkit columns count code points; LSP counts UTF-16 units by default
    assert to_client(lines, 1, 3) == (0, 3)
    assert to_client(lines, 1, 3, "utf-32") == (0, 2)
    assert to_client(lines, 1, 3, "utf-8") == (0, 5)
    assert from_client(lines, 0, 3) == (1, 3)
    # U+2028 is not a line break for LSP or lintkit
    assert len(lines) == 3 and to_client(lines, 3, 2) == (2, 1)
    # out-of-range positions are clamped, never an error
    assert to_client(lines, 99, 99) == (2, 1)


@pytest.mark.asyncio
async def test_diagnostics_and_code_action(client: LanguageClient, tmp_path: Path) -> None:
    _, uri = await open_mojibake(client, tmp_path)

    (diag,) = [d for d in client.diagnostics[uri] if d.code == "ENC002"]
    assert diag.source == "lintkit"
    assert diag.severity == types.DiagnosticSeverity.Error
    line = MOJIBAKE.splitlines()[6]
    start16 = len(line[: line.index("Ă")].encode("utf-16-le")) // 2
    assert diag.range == types.Range(
        start=types.Position(line=6, character=start16), end=types.Position(line=6, character=start16 + 2)
    )
    assert line.index("Ă") + 1 != start16 + 1  # the emoji makes the units differ

    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diag.range,
            context=types.CodeActionContext(diagnostics=[diag]),
        )
    )
    assert actions
    quick = [a for a in actions if isinstance(a, types.CodeAction) and a.kind == types.CodeActionKind.QuickFix]
    (fix,) = [a for a in quick if a.diagnostics and a.diagnostics[0].code == "ENC002"]
    assert fix.is_preferred
    assert fix.edit is not None and fix.edit.document_changes
    (change,) = fix.edit.document_changes
    assert isinstance(change, types.TextDocumentEdit)
    assert change.text_document.uri == uri and change.text_document.version == 1
    fixed = apply(MOJIBAKE, [e for e in change.edits if isinstance(e, types.TextEdit)])
    assert "😀 Guillain-Barré syndrome is rare." in fixed
    assert fixed.replace("Barré", "BarrĂ©") == MOJIBAKE

    # the editor applies it and sends the change: the finding goes away
    change_doc(client, uri, fixed, 2)
    await wait_for(lambda: "ENC002" not in codes(client, uri), "ENC002 gone after the fix")

    # a fix-all source action is offered too when asked for
    change_doc(client, uri, MOJIBAKE, 3)
    await wait_for(lambda: "ENC002" in codes(client, uri), "ENC002 back")
    actions = await fix_all_actions(client, uri)
    assert actions
    (fix_all,) = actions
    assert isinstance(fix_all, types.CodeAction) and fix_all.kind == "source.fixAll.lintkit"
    assert fix_all.edit is not None and fix_all.edit.document_changes
    (change,) = fix_all.edit.document_changes
    assert isinstance(change, types.TextDocumentEdit)
    assert "Guillain-Barré" in apply(MOJIBAKE, [e for e in change.edits if isinstance(e, types.TextEdit)])


@pytest.mark.asyncio
async def test_cross_file_rules_see_the_workspace_and_open_buffers(client: LanguageClient, tmp_path: Path) -> None:
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(CLAIM_A, encoding="utf-8")
    b.write_text(CLAIM_A.replace("temporary", "temporary, most of the time"), encoding="utf-8")
    uri_a = open_doc(client, a, CLAIM_A)
    await wait_for(lambda: uri_a in client.diagnostics, "diagnostics for a.md")
    assert "CON001" not in codes(client, uri_a)

    # b.md is edited in the editor but not saved: its buffer is what counts
    uri_b = open_doc(client, b, b.read_text(encoding="utf-8"))
    change_doc(client, uri_b, CLAIM_B, 2)
    await wait_for(lambda: "CON001" in codes(client, uri_b), "CON001 in b.md against a.md on disk")
    (con,) = [d for d in client.diagnostics[uri_b] if d.code == "CON001"]
    assert con.related_information
    assert con.related_information[0].location.uri == uri_a
    assert con.related_information[0].location.range.start.line == 6

    # a.md sees b.md's unsaved buffer once a.md is checked again
    change_doc(client, uri_a, CLAIM_A + "\n", 2)
    await wait_for(lambda: "CON001" in codes(client, uri_a), "CON001 in a.md against b.md's buffer")


@pytest.mark.asyncio
async def test_save_rechecks_other_open_files(client: LanguageClient, tmp_path: Path) -> None:
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(CLAIM_A, encoding="utf-8")
    b.write_text(CLAIM_A, encoding="utf-8")
    uri_a = open_doc(client, a, CLAIM_A)
    await wait_for(lambda: uri_a in client.diagnostics, "diagnostics for a.md")
    assert "CON001" not in codes(client, uri_a)

    # b.md changes on disk and is saved: a.md is re-checked against it
    b.write_text(CLAIM_B, encoding="utf-8")
    save_doc(client, b)
    await wait_for(lambda: "CON001" in codes(client, uri_a), "CON001 in a.md after b.md was saved")


@pytest.mark.asyncio
async def test_close_clears_and_bad_config_is_reported(client: LanguageClient, tmp_path: Path) -> None:
    path, uri = await open_mojibake(client, tmp_path)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    await wait_for(lambda: not client.diagnostics.get(uri), "diagnostics cleared on close")

    # a broken configuration is shown to the user, and the server keeps running
    cfg = tmp_path / "lintkit.yaml"
    cfg.write_text("content: ['.']\nno_such_setting: 1\n", encoding="utf-8")
    save_doc(client, cfg)
    uri = open_doc(client, path, MOJIBAKE, version=5)
    await wait_for(lambda: any("no_such_setting" in m.message for m in client.messages), "config error message")
    assert any(m.type == types.MessageType.Error and "lintkit.yaml" in m.message for m in client.messages)

    cfg.write_text("content: ['.']\n", encoding="utf-8")
    save_doc(client, cfg)
    await wait_for(lambda: "ENC002" in codes(client, uri), "ENC002 after the config was fixed")


@pytest.mark.asyncio
async def test_negotiated_utf32_positions(client32: LanguageClient, tmp_path: Path) -> None:
    _, uri = await open_mojibake(client32, tmp_path)
    (diag,) = [d for d in client32.diagnostics[uri] if d.code == "ENC002"]
    col = MOJIBAKE.splitlines()[6].index("Ă")  # code points: the emoji counts once
    assert (diag.range.start.line, diag.range.start.character, diag.range.end.character) == (6, col, col + 2)


def _hostile_texts() -> list[str]:
    """Buffers an editor may hold mid-edit, or that a bad file gives it."""
    import random

    rng = random.Random(8)
    noise = "".join(chr(rng.choice([rng.randrange(0x20, 0x7F), rng.randrange(0xA0, 0x3000)])) for _ in range(3000))
    return [
        "",
        "---\n",
        "---\ntitle: [unclosed\n---\n# x\n",
        "\x00\x01binary\x00data",
        "a" * 50_000,
        "> " * 500 + "deep quote\n",
        "".join("  " * i + "- item PAD\n" for i in range(60)),
        "---\r\ntitle: X\r\n---\r\n# T\r\nGuillain-BarrĂ© \r\rline\n\r\n",
        "😀" * 1000 + " PAD (PVD)\n",
        "---\na: " + "[" * 10_000 + "\n---\nbody\n",
        "\ufeff---\ntitle: x\n---\nbody PVD\n",
        "---\ntitle: t\ncontent_type: condition\n---\n",
        "<!-- lintkit: ignore\n" + MOJIBAKE,
        noise,
        FRONT + "[link](" * 2000 + "\n",
        MOJIBAKE.replace("\n", "\r"),
    ]


def _in_bounds(text: str, diags: Sequence[types.Diagnostic]) -> list[str]:
    lines = split_lines(text)
    width = [len(line.encode("utf-16-le")) // 2 for line in lines]
    bad = []
    for d in diags:
        for p in (d.range.start, d.range.end):
            if not (0 <= p.line < len(lines) and 0 <= p.character <= width[p.line]):
                bad.append(f"{d.code} at {p.line}:{p.character}")
        if (d.range.start.line, d.range.start.character) > (d.range.end.line, d.range.end.character):
            bad.append(f"{d.code}: range ends before it starts")
    return bad


@pytest.mark.asyncio
async def test_hostile_buffers_keep_the_server_up_and_ranges_inside(client: LanguageClient, tmp_path: Path) -> None:
    """Each buffer is linted without killing the server, and every range
    published lies inside the text it was computed from; a burst of changes
    ends with the diagnostics of the last one."""
    versions = track_versions(client)
    path = tmp_path / "edit.md"
    path.write_text(MOJIBAKE, encoding="utf-8")
    uri = open_doc(client, path, MOJIBAKE)
    await wait_for(lambda: "ENC002" in codes(client, uri), "ENC002 on open")
    texts = _hostile_texts()
    for version, text in enumerate(texts, start=2):
        stale: list[types.Diagnostic] = []
        client.diagnostics[uri] = stale  # replaced when the server publishes for this version
        change_doc(client, uri, text, version)

        def published(s: list[types.Diagnostic] = stale, v: int = version) -> bool:
            return client.diagnostics.get(uri) is not s and versions.get(uri) == v

        await wait_for(published, f"diagnostics for buffer {version}")
        assert _in_bounds(text, client.diagnostics[uri]) == [], repr(text[:60])

    for version in range(100, 120):  # faster than the debounce
        change_doc(client, uri, texts[version % len(texts)], version)
    # the last buffer's mojibake is on a line no earlier buffer has it on
    final = FRONT + "Nerves carry signals.\n" * 5 + "😀 Guillain-BarrĂ© syndrome is rare.\n"
    change_doc(client, uri, final, 120)

    def last_published() -> bool:
        return any(d.code == "ENC002" and d.range.start.line == 11 for d in client.diagnostics.get(uri, []))

    await wait_for(last_published, "the last buffer's diagnostics after the burst")
    assert _in_bounds(final, client.diagnostics[uri]) == []

    # still answering requests
    actions = await fix_all_actions(client, uri)
    assert actions


# ---------------------------------------------------------------------------
# Protocol robustness: raw bytes over stdio (issue 18, item 7)


def frame(body: object, length: int | None = None) -> bytes:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return b"Content-Length: %d\r\n\r\n" % (len(raw) if length is None else length) + raw


class RawServer:
    """``lintkit lsp`` in a subprocess, spoken to in raw bytes."""

    def __init__(self, cwd: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "lintkit", "lsp"],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.stderr = b""
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._err, daemon=True).start()

    def _err(self) -> None:
        assert self.proc.stderr is not None
        self.stderr = self.proc.stderr.read()

    def _read(self) -> None:
        framer = Framer()  # the client side of the stream is well-formed
        assert self.proc.stdout is not None
        while data := self.proc.stdout.read1(65536):
            for f in framer.feed(data):
                assert f.problem is None, f.problem
                self.messages.put(f.message)
        self.messages.put(None)

    def send(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def wait(self, pred: Callable[[dict[str, Any]], bool], what: str) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                msg = self.messages.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"timed out waiting for {what}; stderr: {self.stderr[-500:]!r}") from None
            if msg is None:
                raise AssertionError(f"the server closed its output waiting for {what}")
            if pred(msg):
                return msg

    def response(self, ident: object) -> dict[str, Any]:
        return self.wait(lambda m: m.get("id") == ident and "method" not in m, f"the response to id {ident!r}")

    def start(self, root: Path) -> None:
        self.send(frame({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": init_params(root)}))
        self.response(1)
        self.send(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))

    def still_serving(self, root: Path, name: str) -> None:
        """Diagnostics still come, shutdown is answered and exit ends the process with 0."""
        path = root / name
        path.write_text(MOJIBAKE, encoding="utf-8")
        uri = path.as_uri()
        doc = {"uri": uri, "languageId": "markdown", "version": 1, "text": MOJIBAKE}
        self.send(frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": doc}}))

        def enc002(m: dict[str, Any]) -> bool:
            if m.get("method") != "textDocument/publishDiagnostics" or m["params"]["uri"] != uri:
                return False
            return any(d.get("code") == "ENC002" for d in m["params"]["diagnostics"])

        self.wait(enc002, "ENC002 after the bad message")
        self.send(frame({"jsonrpc": "2.0", "id": "bye", "method": "shutdown"}))
        assert self.response("bye").get("result", "missing") is None
        self.send(frame({"jsonrpc": "2.0", "method": "exit"}))
        assert self.proc.wait(TIMEOUT) == 0
        assert b"Traceback" not in self.stderr

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def init_params(root: Path) -> dict[str, Any]:
    return {"processId": None, "rootUri": root.as_uri(), "capabilities": {}}


@pytest.fixture
def raw(tmp_path: Path) -> Iterator[RawServer]:
    server = RawServer(tmp_path)
    try:
        server.start(tmp_path)
        yield server
    finally:
        server.close()


HOVER = {"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": {}}


@pytest.mark.parametrize(
    ("bad", "ident", "code"),
    [
        # an id with neither method nor result: the red team's message
        (frame({"jsonrpc": "2.0", "id": 999}), 999, -32600),
        # Content-Length too short: the rest of the body is left in the stream
        (frame(HOVER, length=10), 7, -32600),
        # Content-Length too long: the body runs into the next message's header
        (frame(HOVER, length=len(json.dumps(HOVER)) + 200), 7, -32600),
        # not JSON at all
        (frame(b"{not json"), None, -32700),
        # JSON, but not a message
        (frame([1, 2, 3]), None, -32600),
        (frame({"jsonrpc": "2.0", "id": 3, "method": 5}), 3, -32600),
        (frame({"id": 4, "method": "shutdown"}), 4, -32600),
        # a request whose params do not fit the method
        (frame({"jsonrpc": "2.0", "id": 8, "method": "textDocument/codeAction", "params": {"x": 1}}), 8, -32602),
        (frame({"jsonrpc": "2.0", "id": 9, "method": "textDocument/hover", "params": 12}), 9, -32602),
    ],
    ids=[
        "id-only",
        "short-length",
        "long-length",
        "not-json",
        "array",
        "method-not-string",
        "no-jsonrpc",
        "bad-params",
        "params-not-object",
    ],
)
def test_a_bad_message_gets_an_error_and_the_server_goes_on(
    raw: RawServer, tmp_path: Path, bad: bytes, ident: object, code: int
) -> None:
    raw.send(bad)
    if ident == 7 and b"Content-Length: 10\r" not in bad:
        # too long: the server cannot know until the next header arrives
        raw.send(frame({"jsonrpc": "2.0", "method": "$/setTrace", "params": {"value": "off"}}))
    err = raw.wait(lambda m: "error" in m, "an error response")
    assert err["id"] == ident and err["error"]["code"] == code, err
    assert err["error"]["message"]
    raw.still_serving(tmp_path, "after.md")


def test_bad_notifications_and_junk_are_logged_not_fatal(raw: RawServer, tmp_path: Path) -> None:
    # a notification has no id to answer: it is logged and dropped
    raw.send(frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": 3}}))
    # stray bytes between messages, a header in lower case, LF line ends
    raw.send(b"garbage\r\n\r\nmore garbage")
    body = json.dumps({"jsonrpc": "2.0", "id": 11, "method": "workspace/symbol", "params": 5}).encode()
    raw.send(b"content-length: %d\n\n" % len(body) + body)
    err = raw.response(11)
    assert err["error"]["code"] == -32602
    raw.still_serving(tmp_path, "after.md")
    assert b"didOpen" in raw.stderr and b"not part of a message" in raw.stderr


def test_exit_without_shutdown_ends_the_process_with_1(raw: RawServer) -> None:
    raw.send(frame({"jsonrpc": "2.0", "id": 999}))
    raw.wait(lambda m: "error" in m, "an error response")
    raw.send(frame({"jsonrpc": "2.0", "method": "exit"}))
    assert raw.proc.wait(TIMEOUT) == 1


MESSAGES = st.lists(
    st.fixed_dictionaries(
        {"jsonrpc": st.just("2.0"), "id": st.integers(0, 10**6), "method": st.text(max_size=20)},
        optional={"params": st.dictionaries(st.text(max_size=5), st.text(max_size=30), max_size=3)},
    ),
    min_size=1,
    max_size=6,
)


def _chunks(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts})
    return [data[a:b] for a, b in itertools.pairwise([0, *points, len(data)])]


@given(MESSAGES, st.lists(st.integers(0, 10**6), max_size=8))
def test_framer_reassembles_any_split(messages: list[dict[str, Any]], cuts: list[int]) -> None:
    data = b"".join(frame(m) for m in messages)
    framer = Framer()
    got = [f for chunk in _chunks(data, cuts) for f in framer.feed(chunk)]
    assert [f.message for f in got] == messages
    assert all(f.problem is None for f in got) and framer.skipped == 0


@given(
    MESSAGES,
    MESSAGES,
    st.sampled_from(["short", "long", "junk", "not-json"]),
    st.integers(1, 40),
    st.lists(st.integers(0, 10**6), max_size=8),
)
def test_framer_recovers_after_a_bad_frame(
    before: list[dict[str, Any]], after: list[dict[str, Any]], kind: str, k: int, cuts: list[int]
) -> None:
    """Whatever goes wrong with one frame, every message after it is read."""
    bad_msg = {"jsonrpc": "2.0", "id": -1, "method": "x" * 30}
    size = len(json.dumps(bad_msg))
    bad = {
        "short": frame(bad_msg, length=max(1, size - k)),
        "long": frame(bad_msg, length=size + k),
        "junk": b"\x00junk" * k,
        "not-json": frame(b"{" * k),
    }[kind]
    data = b"".join(frame(m) for m in before) + bad + b"".join(frame(m) for m in after)
    framer = Framer()
    got = [f for chunk in _chunks(data, cuts) for f in framer.feed(chunk)]
    good = [f.message for f in got if f.problem is None]
    assert good[: len(before)] == before
    assert good[-len(after) :] == after
    assert len(good) == len(before) + len(after)
    if kind != "junk":
        (problem,) = [f for f in got if f.problem is not None]
        assert problem.message in (None, bad_msg)
