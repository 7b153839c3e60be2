"""Heavy single files (issue 18, items 3 and 5): wide GFM tables, and
Markdown whose every few bytes make a token.

Speed is measured by ``benchmarks/bench.py --modes pathological`` (time and
peak memory of every input at n and 2n, up to the size limit); these tests
check what makes the cost linear without timing anything: how much source
each table cell is searched in, how many tries markdown-it makes per
bracket, and that the default size limit refuses the issue's inputs at
their original sizes after reading no more than the limit.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, assert_sibling_checked, lint, write_project
from hypothesis import given, settings
from hypothesis import strategies as st

from lintkit import document
from lintkit.config import MAX_FILE_SIZE_LIMIT, default_settings
from lintkit.document import DEFAULT_MAX_BYTES, NEWLINE, LineIndex, parse
from lintkit.engine import lint_bytes
from lintkit.pipeline import read_bytes

_spec = importlib.util.spec_from_file_location("pathological", REPO / "benchmarks" / "pathological.py")
assert _spec is not None and _spec.loader is not None
pathological: Any = importlib.util.module_from_spec(_spec)
sys.modules["pathological"] = pathological
_spec.loader.exec_module(pathological)


# --- item 3: wide tables -------------------------------------------------------------


def test_a_table_cell_is_found_at_its_own_column_when_an_earlier_cell_has_its_text() -> None:
    # before: every cell was looked for from the start of its row, so the
    # second 'ab' took the first one's columns
    doc = parse("t.md", b"| ab | ab | x |\n|---|---|---|\n| cd | x | cd |\n")
    cells = [(b.text, doc.span(b.start, b.end)) for b in doc.blocks]
    assert [(t, s.line, s.column, s.end_column) for t, s in cells] == [
        ("ab", 1, 3, 5),
        ("ab", 1, 8, 10),
        ("x", 1, 13, 14),
        ("cd", 3, 3, 5),
        ("x", 3, 8, 9),
        ("cd", 3, 12, 14),
    ]


def test_each_table_row_is_searched_once_not_once_per_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    # the issue's profile: LineIndex.line_end re-scanned the row for every
    # cell (5,000 columns x 60 rows: 138 s), and each cell's text was looked
    # for from the row's start. Now each cell's search starts where the
    # previous cell's ended: the windows searched add up to the row.
    windows: list[tuple[int, int]] = []
    real = document._inline_prose

    def spy(children: Any, src: str, cursor: int, limit: int, doc: Any) -> Any:
        out = real(children, src, cursor, limit, doc)
        windows.append((cursor, out[2]))
        return out

    monkeypatch.setattr(document, "_inline_prose", spy)
    text = pathological.wide_table(60_000, columns=500)
    doc = parse("wide.md", text.encode())
    cells = [b for b in doc.blocks if b.kind == "table_cell"]
    assert len(cells) > 4_000
    table = [w for w in windows if w[0] >= text.index("|")]
    searched = sum(end - start for start, end in table)
    assert searched <= len(text), (searched, len(text))
    starts = [s for s, _ in table]
    assert starts == sorted(starts)  # never back to the row's start
    # and the positions are exact: every cell's text is the source under its span
    for b in cells[:2000]:
        assert text[b.start : b.end] == b.text, b


@settings(max_examples=300)
@given(st.text(alphabet="ab\r\n ", max_size=60), st.integers(min_value=-2, max_value=40))
def test_line_end_is_the_offset_before_the_lines_break(text: str, line: int) -> None:
    # line_end no longer searches the text: it must still agree with a search
    index = LineIndex(text)
    start = index.line_start(line)
    m = NEWLINE.search(text, start)
    assert index.line_end(line, text) == (m.start() if m else len(text))


# --- item 5: heavy inline Markdown ---------------------------------------------------


def _inline_tries(text: str, monkeypatch: pytest.MonkeyPatch) -> int:
    from markdown_it.parser_inline import ParserInline

    calls = [0]
    real = ParserInline.skipToken

    def counting(self: Any, state: Any) -> None:
        calls[0] += 1
        real(self, state)

    monkeypatch.setattr(ParserInline, "skipToken", counting)
    try:
        parse("x.md", text.encode())
    finally:
        monkeypatch.setattr(ParserInline, "skipToken", real)
    return calls[0]


@pytest.mark.parametrize("unit", ["![", "[[", "[a]("])
def test_unmatched_brackets_cost_a_few_tries_each(unit: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # markdown-it looks for a closing bracket once per nesting level at every
    # '['; with links nesting 40 deep, '![' * 200,000 took 25 s
    small = _inline_tries(unit * 2_000, monkeypatch)
    big = _inline_tries(unit * 4_000, monkeypatch)
    brackets = (unit * 4_000).count("[")
    assert big <= 4 * (document.MAX_INLINE_NESTING + 1) * brackets, (big, brackets)  # 80+ at nesting 40
    assert big <= 2.2 * small, (small, big)


def test_links_and_images_that_nest_a_little_keep_their_text_and_positions() -> None:
    text = "See [![chart *one*](a.png) the **guide**](c) and [x [y] z](d).\n"
    doc = parse("x.md", text.encode())
    (b,) = doc.blocks
    assert b.text == "See   the guide and x [y] z."
    for i, ch in enumerate(b.text):
        if ch != " ":
            assert text[b.offs[i]] == ch


@pytest.mark.shared
def test_inline_nesting_changes_no_token_on_real_pages() -> None:
    from markdown_it import MarkdownIt

    deep = MarkdownIt("commonmark", {"maxNesting": 40}).enable(["table", "strikethrough"]).disable("text_join")
    ours = document._markdown()
    shared = REPO.parent / "shared"
    pages = 0
    for p in sorted([*shared.rglob("*.md"), *(REPO / "content").rglob("*.md")]):
        try:
            text = p.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        pages += 1

        def dump(tokens: Any) -> Any:
            return [(t.type, t.content, t.markup, dump(t.children or [])) for t in tokens]

        assert dump(ours.parse(text)) == dump(deep.parse(text)), p
    assert pages > 2_000


# --- the size limit ------------------------------------------------------------------


def test_the_default_limit_is_one_number() -> None:
    assert default_settings().max_file_size == DEFAULT_MAX_BYTES == 250_000


@pytest.mark.parametrize("name", sorted(pathological.ISSUE_SIZES))
def test_the_issues_inputs_at_their_sizes_are_refused_after_reading_the_limit(tmp_path: Path, name: str) -> None:
    size = pathological.ISSUE_SIZES[name]
    write_project(tmp_path)
    raw = pathological.INPUTS[name][2](size).encode()
    (tmp_path / "heavy.md").write_bytes(raw)
    result = lint(tmp_path)
    (f,) = [f for f in result.report.findings if f.path == "heavy.md"]
    assert f.code == "ENC004" and (f.line, f.column) == (1, 1)
    assert f"file is {len(raw):,} bytes, over the 250,000-byte limit (max_file_size)" in f.message
    assert_sibling_checked(result)
    data, problem = read_bytes(tmp_path / "heavy.md", DEFAULT_MAX_BYTES)
    assert problem is not None and problem.kind == "too-large" and data == b""


def test_a_huge_limit_reads_only_the_file(tmp_path: Path) -> None:
    # read(limit + 1) reserved the whole limit: 9999999999999 was a MemoryError
    p = tmp_path / "a.md"
    p.write_bytes(b"# Hi\n" * 1000)
    assert read_bytes(p, MAX_FILE_SIZE_LIMIT) == (b"# Hi\n" * 1000, None)
    assert read_bytes(p, 4999) == (b"", read_bytes(p, 4999)[1])
    assert read_bytes(p, 5000) == (b"# Hi\n" * 1000, None)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(pathological.INPUTS))
def test_every_heavy_input_at_the_limit_is_checked_with_positions_inside_the_file(name: str) -> None:
    raw = pathological.INPUTS[name][2](DEFAULT_MAX_BYTES).encode()
    assert len(raw) <= DEFAULT_MAX_BYTES
    lines = len(NEWLINE.split(raw.decode()))
    found = lint_bytes(raw, "heavy.md")
    assert all(f.code != "ENC004" for f in found)
    for f in found:
        assert 1 <= f.line <= f.end_line <= lines, f
    assert not [f for f in found if re.search("internal error", f.message)]
