"""The document model: one parse per file, every position taken from the source.

Bytes are decoded as UTF-8 (a BOM is tolerated and remembered). Front matter is
YAML between ``---`` lines, loaded with the C safe loader while keeping every
key's and value's position. The Markdown body is parsed with markdown-it-py,
which only reports block *line* ranges; exact columns are recovered by walking
the inline tokens against the source text, so prose offsets are exact inside
emphasis, links, code spans, escapes, entities, lists and tables.

Offsets are indices into ``Document.text`` (code points, BOM removed, original
line endings kept). ``Document.span(start, end)`` turns them into 1-based
line/column spans counted from the first line of the file, front matter
included.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .findings import Span

# Line breaks are LF, CRLF or CR, as in CommonMark; the one definition every
# part of lintkit numbers lines with. ``str.splitlines`` also splits on form
# feeds, U+2028 … and would put later findings on the wrong line.
NEWLINE = re.compile(r"\r\n|\r|\n")
_KEEP_ENDS = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
BOM = "\ufeff"
# Files larger than this are not read (ENC004; setting max_file_size). The
# largest of 2,428 real pages is 43 kB. Parsing is pure Python: at this size
# the costliest Markdown measured (62,000 one-letter list items, 125,000 CR
# line breaks) takes about 4 s and 160 MB (benchmarks/bench.py pathological);
# at the former 5 MB it took up to a minute and 1.5 GB.
DEFAULT_MAX_BYTES = 250_000
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


def split_lines(text: str, *, keepends: bool = False) -> list[str]:
    """The lines of ``text`` as lintkit numbers them. Without ``keepends``,
    "a\n" gives ["a", ""], as ``re.split`` does (one more entry than lines
    with a break)."""
    if keepends:
        return _KEEP_ENDS.findall(text)
    return NEWLINE.split(text)


class LineIndex:
    """Offset ↔ (line, column) for one text. Line breaks are LF, CRLF or CR,
    as in CommonMark."""

    __slots__ = ("length", "starts")

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in NEWLINE.finditer(text)]
        self.length = len(text)

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self.length))
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1

    def offset(self, line: int, column: int) -> int:
        line = max(1, min(line, len(self.starts)))
        return min(self.starts[line - 1] + column - 1, self.length)

    def line_start(self, line: int) -> int:
        return self.starts[max(0, min(line - 1, len(self.starts) - 1))]

    def line_end(self, line: int, text: str) -> int:
        """Offset of the end of ``line``'s content (before its line break).
        Constant time: the next line's start minus its break (searching the
        line for its break made a wide table row cost its length per cell)."""
        i = max(0, min(line - 1, len(self.starts) - 1))
        if i + 1 >= len(self.starts):
            return self.length
        end = self.starts[i + 1] - 1
        if end > self.starts[i] and text[end] == "\n" and text[end - 1] == "\r":
            end -= 1
        return end

    @property
    def line_count(self) -> int:
        return len(self.starts)


@dataclass(frozen=True, slots=True)
class FileProblem:
    """Why a file could not be read as UTF-8 text. The encoding family reports it."""

    kind: str  # invalid-utf8 | utf16 | binary | too-large | unreadable
    detail: str
    byte_offset: int = 0
    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class NodePos:
    """Where a front-matter key and its value sit in the file (offsets)."""

    key_start: int
    key_end: int
    value_start: int
    value_end: int


@dataclass
class FrontMatter:
    """The YAML block between the opening and closing ``---`` lines."""

    start: int  # offset of the first YAML character (after the opening ---\n)
    end: int  # offset just past the YAML text (start of the closing --- line)
    block_end: int  # offset just past the closing fence line
    data: dict[str, Any] | None
    positions: dict[tuple[Any, ...], NodePos] = field(default_factory=dict)
    error: str | None = None
    error_offset: int = 0

    def key_span(self, *path: Any) -> tuple[int, int] | None:
        p = self.positions.get(tuple(path))
        return (p.key_start, p.key_end) if p else None

    def value_span(self, *path: Any) -> tuple[int, int] | None:
        p = self.positions.get(tuple(path))
        return (p.value_start, p.value_end) if p else None


@dataclass
class Block:
    """A unit of Markdown text with prose and a map from prose to source.

    ``offs[i]`` is the source offset of ``text[i]``. ``text`` holds only prose:
    code spans, inline HTML, images and autolink URLs are replaced by one
    space; markup characters are dropped.
    """

    kind: str  # heading | paragraph | list_item | table_cell
    text: str
    offs: list[int]
    line: int  # first source line (1-based)
    end_line: int
    level: int = 0  # heading level
    list_depth: int = 0
    quote_depth: int = 0
    list_id: int | None = None  # which list a list_item belongs to
    item_id: int | None = None  # which list item (several paragraphs may share one)
    section: int | None = None  # index into Document.sections

    @property
    def start(self) -> int:
        return self.offs[0] if self.offs else 0

    @property
    def end(self) -> int:
        return self.offs[-1] + 1 if self.offs else 0

    def source_range(self, i: int, j: int) -> tuple[int, int]:
        """Source offsets for prose ``text[i:j]`` (end exclusive)."""
        if not self.offs:
            return 0, 0
        i = max(0, min(i, len(self.offs) - 1))
        j = max(i + 1, min(j, len(self.offs)))
        return self.offs[i], self.offs[j - 1] + 1


@dataclass
class Section:
    """A heading and everything under it until a heading of the same or higher level."""

    level: int
    title: str
    heading: int  # index into Document.blocks
    start: int  # offset of the heading
    end: int  # offset just past the section's last block
    line: int
    end_line: int
    parent: int | None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or a list item treated as one) inside a block."""

    block: int
    start: int  # prose index in the block
    end: int
    text: str


@dataclass
class Document:
    path: str  # display path: relative, '/' separators
    raw: bytes
    text: str = ""
    bom: bool = False
    problem: FileProblem | None = None
    index: LineIndex = field(default_factory=lambda: LineIndex(""))
    front_matter: FrontMatter | None = None
    blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    code_lines: frozenset[int] = frozenset()  # lines inside fenced/indented code and HTML blocks
    html_comments: list[tuple[int, str]] = field(default_factory=list)  # (line, comment body)

    # -- convenience -----------------------------------------------------
    @property
    def meta(self) -> dict[str, Any]:
        fm = self.front_matter
        return fm.data if fm is not None and fm.data is not None else {}

    @property
    def body_start(self) -> int:
        return self.front_matter.block_end if self.front_matter else 0

    @property
    def title(self) -> str:
        t = self.meta.get("title")
        if isinstance(t, str) and t.strip():
            return t.strip()
        for b in self.blocks:
            if b.kind == "heading" and b.level == 1:
                return b.text.strip()
        return ""

    def span(self, start: int, end: int) -> Span:
        end = max(end, start)
        line, col = self.index.position(start)
        eline, ecol = self.index.position(end)
        return Span(line, col, eline, ecol)

    def snippet(self, start: int, end: int, context: int = 20) -> str:
        return self.text[max(0, start - context) : end + context]

    def line_text(self, line: int) -> str:
        return self.text[self.index.line_start(line) : self.index.line_end(line, self.text)]

    def prose_blocks(self) -> Iterator[tuple[int, Block]]:
        """Blocks that hold running prose (paragraphs and list items)."""
        for i, b in enumerate(self.blocks):
            if b.kind in ("paragraph", "list_item"):
                yield i, b

    def sentence_range(self, s: Sentence) -> tuple[int, int]:
        return self.blocks[s.block].source_range(s.start, s.end)

    def section_of(self, block_index: int) -> Section | None:
        si = self.blocks[block_index].section
        return self.sections[si] if si is not None else None


# ---------------------------------------------------------------------------
# Loading


def decode(raw: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, bool, FileProblem | None]:
    """Decode file bytes. Returns (text, had_bom, problem)."""
    if len(raw) > max_bytes:
        return (
            "",
            False,
            FileProblem("too-large", f"file is {len(raw):,} bytes, over the {max_bytes:,}-byte limit (max_file_size)"),
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", False, FileProblem("utf16", "file is UTF-16 (it starts with a UTF-16 byte order mark)")
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = _byte_position(raw, nul)
        return "", False, FileProblem("binary", "file contains NUL bytes (binary data)", nul, line, col)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line, col = _byte_position(raw, e.start)
        bad = raw[e.start : e.start + 1].hex().upper()
        detail = f"byte 0x{bad} at byte offset {e.start} is not valid UTF-8"
        return "", False, FileProblem("invalid-utf8", detail, e.start, line, col)
    bom = text.startswith(BOM)
    return (text[1:] if bom else text), bom, None


def _byte_position(raw: bytes, byte_offset: int) -> tuple[int, int]:
    prefix = raw[:byte_offset].decode("utf-8", errors="replace")
    if prefix.startswith(BOM):
        prefix = prefix[1:]
    idx = LineIndex(prefix)
    return idx.position(len(prefix))


def parse(path: str, raw: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Build a Document from bytes. Never raises for bad content: problems are
    recorded on the document for the encoding and schema families to report."""
    text, bom, problem = decode(raw, max_bytes)
    doc = Document(path=path, raw=raw, text=text, bom=bom, problem=problem)
    if problem is not None:
        return doc
    doc.index = LineIndex(text)
    fm = _front_matter(text, doc.index)
    doc.front_matter = fm
    body = text
    if fm is not None:
        # Keep line numbers aligned: blank out the front matter, keep its line breaks.
        head = text[: fm.block_end]
        # One LF per break: with mixed endings, a CR line followed by an LF
        # line would join into one CRLF and shift every line after it.
        body = "\n" * len(NEWLINE.findall(head)) + text[fm.block_end :]
        # body offsets differ from text offsets before block_end; we only use
        # markdown-it's *line* numbers and map them through doc.index.
    _parse_markdown(doc, body)
    return doc


def parse_text(path: str, text: str) -> Document:
    """Parse already-decoded text (the language server and tests use this)."""
    return parse(path, text.encode("utf-8"), max_bytes=max(DEFAULT_MAX_BYTES, len(text) * 4 + 1))


# ---------------------------------------------------------------------------
# Front matter

_FENCE = re.compile(r"^---[ \t]*(?:\r\n|\r|\n)")
_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*$")
MAX_YAML_NODES = 10_000


def _front_matter(text: str, index: LineIndex) -> FrontMatter | None:
    m = _FENCE.match(text)
    if not m:
        return None
    start = m.end()
    close = None
    # walk real lines (LF, CRLF or lone CR) rather than trusting re's '$'
    first_line = index.position(start)[0]
    for line in range(first_line, index.line_count + 1):
        ls = index.line_start(line)
        cm = _CLOSE.match(text, ls, index.line_end(line, text))
        if cm:
            close = cm
            break
    if close is None:
        return FrontMatter(
            start=start,
            end=len(text),
            block_end=len(text),
            data=None,
            error="front matter is not closed: add a line with '---' after the YAML",
            error_offset=0,
        )
    end = close.start()
    nl = NEWLINE.match(text, close.end())
    block_end = nl.end() if nl else close.end()
    fm = FrontMatter(start=start, end=end, block_end=block_end, data=None)
    _load_yaml_into(fm, text[start:end], index, index.position(start)[0])
    return fm


def _load_yaml_into(fm: FrontMatter, source: str, index: LineIndex, first_line: int) -> None:
    from . import yamlpos

    def off(line: int, col: int) -> int:
        return index.offset(first_line + line, col + 1)

    if not source.strip():
        fm.data = {}
        return
    try:
        data, pos = yamlpos.load(source, max_nodes=MAX_YAML_NODES)
    except yamlpos.YamlError as e:
        fm.error = f"invalid YAML in front matter: {e.message}"
        fm.error_offset = off(e.line, e.column)
        return
    if data is None:
        fm.data = {}
        return
    if not isinstance(data, dict):
        fm.error = f"front matter must be a mapping of fields, not {type(data).__name__}"
        fm.error_offset = fm.start
        return
    fm.data = data
    fm.positions = {}
    for k, p in pos.items():
        key_start = off(p.key_line, p.key_col)
        # sequence items have no key: their "key" span is the value's start
        key_end = key_start + len(str(k[-1])) if isinstance(k[-1], str) else off(p.value_line, p.value_col)
        fm.positions[k] = NodePos(key_start, key_end, off(p.value_line, p.value_col), off(p.end_line, p.end_col))


# ---------------------------------------------------------------------------
# Markdown

_MD: Any = None
_HTML_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
# Blocks (lists, block quotes) nest at most this deep; deeper text is still
# read, as plain text.
MAX_NESTING = 40
# Links and images inside a paragraph nest at most this deep. markdown-it
# looks for a link's closing bracket once per nesting level at every
# unmatched '[', so 100,000 of them ('![![![…') cost 80 tries each at the
# block limit: 25 s for 400 kB. Real text never nests links more than two
# deep (the same tokens at 3 as at 40 on every page of the shared corpora).
MAX_INLINE_NESTING = 4


def _markdown() -> Any:
    global _MD
    if _MD is None:
        from markdown_it import MarkdownIt

        def make(nesting: int) -> Any:
            # text_join off: escapes and entities stay separate tokens whose
            # markup is the original source, which keeps columns exact.
            return (
                MarkdownIt("commonmark", {"maxNesting": nesting})
                .enable(["table", "strikethrough"])
                .disable("text_join")
            )

        md, shallow = make(MAX_NESTING), make(MAX_INLINE_NESTING)

        def inline(state: Any) -> None:
            # markdown-it's own core rule, with the shallow parser's options
            for tok in state.tokens:
                if tok.type == "inline":
                    if tok.children is None:
                        tok.children = []
                    shallow.inline.parse(tok.content, shallow, state.env, tok.children)

        md.core.ruler.at("inline", inline)
        _MD = md
    return _MD


def _parse_markdown(doc: Document, body: str) -> None:
    tokens = _markdown().parse(body)
    text = doc.text
    index = doc.index
    blocks: list[Block] = []
    code_lines: set[int] = set()
    list_stack: list[int] = []
    item_stack: list[int] = []
    list_counter = 0
    item_counter = 0
    quote_depth = 0
    heading_level = 0
    in_cell = False
    row_line: int | None = None
    # where the next cell of the current table row starts being looked for:
    # from the row's start each time, a wide row cost its length per cell,
    # and a cell repeating an earlier cell's text took that cell's offsets
    row_cursor = 0

    for tok in tokens:
        t = tok.type
        if t in ("bullet_list_open", "ordered_list_open"):
            list_counter += 1
            list_stack.append(list_counter)
        elif t in ("bullet_list_close", "ordered_list_close"):
            if list_stack:
                list_stack.pop()
        elif t == "list_item_open":
            item_counter += 1
            item_stack.append(item_counter)
        elif t == "list_item_close":
            if item_stack:
                item_stack.pop()
        elif t == "blockquote_open":
            quote_depth += 1
        elif t == "blockquote_close":
            quote_depth = max(0, quote_depth - 1)
        elif t == "heading_open":
            heading_level = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1
        elif t == "heading_close":
            heading_level = 0
        elif t == "tr_open":
            row_line = tok.map[0] + 1 if tok.map else row_line
            row_cursor = index.line_start(row_line) if row_line is not None else 0
        elif t in ("th_open", "td_open"):
            in_cell = True
        elif t in ("th_close", "td_close"):
            in_cell = False
        elif t in ("fence", "code_block", "html_block"):
            if tok.map:
                code_lines.update(range(tok.map[0] + 1, tok.map[1] + 1))
            if t == "html_block" and tok.map:
                _collect_comments(doc, tok.map[0] + 1)
        elif t == "inline":
            if tok.map:
                first, last = tok.map[0] + 1, tok.map[1]
            elif in_cell and row_line is not None:
                first = last = row_line
            else:
                continue
            start = index.line_start(first)
            limit = index.line_end(max(last, first), text)
            if in_cell:
                start = max(start, min(row_cursor, limit))
            ptext, offs, end = _inline_prose(tok.children or [], text, start, limit, doc)
            if in_cell:
                row_cursor = end
            if heading_level:
                kind = "heading"
            elif in_cell:
                kind = "table_cell"
            elif item_stack:
                kind = "list_item"
            else:
                kind = "paragraph"
            if in_cell:
                first = last = index.position(offs[0])[0] if offs else first
            blocks.append(
                Block(
                    kind=kind,
                    text=ptext,
                    offs=offs,
                    line=first,
                    end_line=max(first, last),
                    level=heading_level,
                    list_depth=len(list_stack),
                    quote_depth=quote_depth,
                    list_id=list_stack[-1] if (item_stack and list_stack) else None,
                    item_id=item_stack[-1] if item_stack else None,
                )
            )
    doc.blocks = blocks
    doc.code_lines = frozenset(code_lines)
    _build_sections(doc)
    doc.sentences = [s for i, b in doc.prose_blocks() for s in split_sentences(b.text, i)]


def _collect_comments(doc: Document, line: int) -> None:
    start = doc.index.line_start(line)
    end_line = line
    chunk_end = doc.text.find("-->", start)
    if chunk_end < 0:
        return
    end_line = doc.index.position(chunk_end)[0]
    for m in _HTML_COMMENT.finditer(doc.text, start, chunk_end + 3):
        doc.html_comments.append((doc.index.position(m.start())[0], m.group(1)))
    del end_line


def _inline_prose(children: list[Any], src: str, cursor: int, limit: int, doc: Document) -> tuple[str, list[int], int]:
    """The prose of an inline token's children, the source offset of each of
    its characters, and where in the source the children end."""
    out: list[str] = []
    offs: list[int] = []
    autolink = False

    def emit(s: str, at: int | list[int]) -> None:
        out.append(s)
        if isinstance(at, int):
            offs.extend([at] * len(s))
        else:
            offs.extend(at)

    for c in children:
        t = c.type
        if t == "text":
            content = c.content
            if not content:
                continue
            p = src.find(content, cursor, limit)
            if p >= 0:
                if not autolink:
                    emit(content, list(range(p, p + len(content))))
                cursor = p + len(content)
            else:
                positions, cursor = _align(content, src, cursor, limit)
                if not autolink:
                    emit(content, positions)
        elif t == "text_special":
            p = src.find(c.markup, cursor, limit) if c.markup else -1
            if p < 0:
                emit(c.content, cursor)
                continue
            at = p + 1 if c.info == "escape" else p
            emit(c.content, at)
            cursor = p + len(c.markup)
        elif t in ("softbreak", "hardbreak"):
            m = NEWLINE.search(src, cursor)
            p = m.start() if m and m.start() <= limit + 2 else cursor
            emit(" ", p)
            cursor = m.end() if m else cursor
        elif t == "code_inline":
            p = src.find(c.markup, cursor, limit)
            if p < 0:
                continue
            q = src.find(c.markup, p + len(c.markup) + len(c.content.strip()), limit + 1)
            emit(" ", p)
            cursor = q + len(c.markup) if q >= 0 else p + len(c.markup)
        elif t == "html_inline":
            p = src.find(c.content, cursor, limit + 1)
            if p >= 0:
                emit(" ", p)
                cursor = p + len(c.content)
                for m in _HTML_COMMENT.finditer(c.content):
                    doc.html_comments.append((doc.index.position(p + m.start())[0], m.group(1)))
        elif t == "link_open":
            if c.markup in ("autolink", "linkify"):
                autolink = True
                p = src.find("<", cursor, limit)
                if p >= 0:
                    emit(" ", p)
            else:
                p = src.find("[", cursor, limit)
                if p >= 0:
                    cursor = p + 1
        elif t == "link_close":
            if autolink:
                autolink = False
                p = src.find(">", cursor, limit + 1)
                cursor = p + 1 if p >= 0 else cursor
            else:
                cursor = _skip_link_tail(src, cursor, limit)
        elif t == "image":
            p = src.find("![", cursor, limit)
            if p >= 0:
                emit(" ", p)
                cursor = _skip_link_tail(src, p + 2, limit)
    return "".join(out), offs, cursor


def _align(content: str, src: str, cursor: int, limit: int) -> tuple[list[int], int]:
    """Place each character of ``content`` at its next occurrence in the source
    (used when markdown-it rewrote the text, e.g. escaped pipes in tables)."""
    positions: list[int] = []
    pos = cursor
    for ch in content:
        p = src.find(ch, pos, limit + 1)
        if p < 0 or p - pos > 8:
            positions.append(pos if pos < len(src) else max(len(src) - 1, 0))
            continue
        positions.append(p)
        pos = p + 1
    return positions, pos


def _skip_link_tail(src: str, cursor: int, limit: int) -> int:
    """After a link's text: skip ``](url "title")``, ``][ref]`` or ``]``."""
    p = src.find("]", cursor, limit + 1)
    if p < 0:
        return cursor
    cursor = p + 1
    if cursor < len(src) and src[cursor] == "(":
        depth = 0
        i = cursor
        while i < min(len(src), limit + 1):
            ch = src[i]
            if ch == "\\":
                i += 2
                continue
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        return cursor
    if cursor < len(src) and src[cursor] == "[":
        q = src.find("]", cursor, limit + 1)
        return q + 1 if q >= 0 else cursor
    return cursor


def _build_sections(doc: Document) -> None:
    sections: list[Section] = []
    stack: list[int] = []
    for i, b in enumerate(doc.blocks):
        if b.kind == "heading":
            while stack and sections[stack[-1]].level >= b.level:
                stack.pop()
            sections.append(
                Section(
                    level=b.level,
                    title=b.text.strip(),
                    heading=i,
                    start=b.start,
                    end=b.end,
                    line=b.line,
                    end_line=b.end_line,
                    parent=stack[-1] if stack else None,
                )
            )
            stack.append(len(sections) - 1)
        b.section = stack[-1] if stack else None
        # extend every open section to cover this block
        for si in stack:
            s = sections[si]
            s.end = max(s.end, b.end)
            s.end_line = max(s.end_line, b.end_line)
    doc.sections = sections


# ---------------------------------------------------------------------------
# Sentences

# Only abbreviations that are usually followed by a capitalised word; a
# lower-case continuation never starts a sentence anyway, and units ("mg.")
# often do end one.
ABBREVIATIONS = frozenset("e.g i.e vs dr mr mrs ms prof st approx fig jr sr cf al u.s u.k a.m p.m mt".split())
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|[.!?]+[\"'”’)\]]*$")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


def split_sentences(text: str, block: int = 0) -> list[Sentence]:
    """Split prose into sentences. Abbreviations ("e.g.", "Dr.", "vs."),
    initials and decimals do not end a sentence; a lower-case continuation
    does not start one. A block with no terminal punctuation is one unit."""
    out: list[Sentence] = []
    start = 0
    n = len(text)
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        punct = m.group(0)
        if punct.startswith(".") and len(punct.rstrip("\"'”’)]")) == 1:
            wm = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start() + 1)
            if wm:
                word = wm.group(1).lower()
                # an initial starts a word: a letter glued to a number or a
                # degree sign is a unit ("102°F.")
                free = wm.start() == 0 or text[wm.start() - 1].isspace() or text[wm.start() - 1] in "(\"'“‘["
                initial = len(word) == 1 and free and not _named_letter(text, wm.start())
                if word in ABBREVIATIONS or initial or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
                    continue
        # do not split before a lower-case word or a digit-less continuation
        j = end
        while j < n and text[j].isspace():
            j += 1
        if j < n and text[j].islower():
            continue
        _append(out, text, start, end, block)
        start = end
    if start < n:
        _append(out, text, start, n, block)
    return out


# Words that name something by a capital letter ("vitamin D", "hepatitis C",
# "type A"): a letter after them ends a sentence, it is not an initial.
LETTER_NAMES = frozenset(
    "vitamin vitamins hepatitis type types group stage grade class factor plan "
    "hemophilia haemophilia fragile protein hemoglobin haemoglobin".split()
)
_PREV_WORD = re.compile(r"([A-Za-z]+)\W*\s+$")


def _named_letter(text: str, at: int) -> bool:
    """True when the capital letter at ``at`` names a thing ("vitamin D.")
    rather than being an initial ("John F. Kennedy"): the word before it is
    lower case or one of LETTER_NAMES."""
    if not text[at].isupper():
        return False
    m = _PREV_WORD.search(text, max(0, at - 40), at)
    if m is None:
        return False
    prev = m.group(1)
    return prev.lower() in LETTER_NAMES or prev.islower()


def _append(out: list[Sentence], text: str, start: int, end: int, block: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(block, start, end, text[start:end]))


WORD_RE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ž0-9]+(?:['’-][A-Za-zÀ-ÖØ-öø-ÿĀ-ž0-9]+)*")


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)
