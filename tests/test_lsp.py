"""The language server end to end, with a real LSP client (pytest-lsp) talking
to ``python -m lintkit lsp`` over stdio: initialize, open, diagnostics with
exact UTF-16 ranges, code actions applied, cross-file rules over the
workspace, change and save."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from lintkit.formatters._source import split_lines
from lintkit.lsp import from_client, to_client

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
    path = tmp_path / "edit.md"
    path.write_text(MOJIBAKE, encoding="utf-8")
    uri = open_doc(client, path, MOJIBAKE)
    await wait_for(lambda: "ENC002" in codes(client, uri), "ENC002 on open")
    texts = _hostile_texts()
    for version, text in enumerate(texts, start=2):
        stale: list[types.Diagnostic] = []
        client.diagnostics[uri] = stale  # replaced when the server publishes for this version
        change_doc(client, uri, text, version)
        await wait_for(lambda s=stale: client.diagnostics.get(uri) is not s, f"diagnostics for buffer {version}")
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
