"""The document model: exact positions from the source, front matter with
positions, sections, blocks and sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintkit.document import LineIndex, parse, parse_text, split_sentences

FM = "---\ntitle: T\ncontent_type: symptom\n---\n"


def where(doc, needle: str, nth: int = 0) -> tuple[int, int, int, int]:
    """Span of the nth occurrence of ``needle`` in the prose of any block."""
    seen = 0
    for b in doc.blocks:
        i = b.text.find(needle)
        while i >= 0:
            if seen == nth:
                s = doc.span(*b.source_range(i, i + len(needle)))
                return (s.line, s.column, s.end_line, s.end_column)
            seen += 1
            i = b.text.find(needle, i + 1)
    raise AssertionError(f"{needle!r} not in prose")


def source_col(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    idx = -1
    for _ in range(nth + 1):
        idx = text.index(needle, idx + 1)
    line = text.count("\n", 0, idx) + 1
    col = idx - (text.rfind("\n", 0, idx) + 1) + 1
    return line, col


@pytest.mark.parametrize(
    "body,needle",
    [
        ("Peripheral **artery** disease is common.\n", "disease"),
        ("A *very* _long_ ***word*** here: PAD.\n", "PAD"),
        ("See [the PAD page](https://example.org/PAD) for PAD.\n", "PAD"),
        ("Code `PAD` is not prose, but PAD is.\n", "PAD"),
        ("Escaped \\*star\\* then PAD.\n", "PAD"),
        ("Entity &amp; then PAD.\n", "PAD"),
        ("Auto <https://example.org/PAD> then PAD.\n", "PAD"),
        ("![PAD image](x.png) then PAD.\n", "PAD"),
        ("- one\n  - two *nested* PAD\n    - three PAD\n", "PAD"),
        ("> quoted **PAD** text\n", "PAD"),
        ("| a | b |\n|---|---|\n| x \\| y | PAD |\n", "PAD"),
        ("Line one\nline two with PAD\n", "PAD"),
        ("1. first\n2. second [PAD](u) item\n", "PAD"),
    ],
)
def test_prose_columns_match_source(body: str, needle: str) -> None:
    text = FM + body
    doc = parse_text("t.md", text)
    line, col, eline, ecol = where(doc, needle)
    # the prose occurrence is the last source occurrence that is not inside
    # code, a URL or an image: compare with the source index directly
    candidates = []
    i = text.find(needle)
    while i >= 0:
        candidates.append(source_col(text, needle, len(candidates)))
        i = text.find(needle, i + 1)
    assert (line, col) in candidates
    assert (eline, ecol) == (line, col + len(needle))


def test_code_span_url_and_image_are_not_prose() -> None:
    doc = parse_text("t.md", FM + "Code `PAD` and [link](https://x.org/PAD) and ![PAD](i.png) and <https://y/PAD>.\n")
    b = doc.blocks[0]
    assert "PAD" not in b.text
    assert "link" in b.text


def test_emphasis_span_covers_markup_between() -> None:
    text = FM + "Peripheral **artery** disease.\n"
    doc = parse_text("t.md", text)
    b = doc.blocks[0]
    i = b.text.index("Peripheral artery disease")
    s = doc.span(*b.source_range(i, i + len("Peripheral artery disease")))
    assert (s.line, s.column, s.end_column) == (5, 1, len("Peripheral **artery** disease") + 1)


def test_front_matter_positions() -> None:
    doc = parse_text("t.md", "---\ntitle: Leg\ntopics:\n  - sciatica\n  - back pain\n---\nBody.\n")
    fm = doc.front_matter
    assert fm is not None and fm.error is None
    assert doc.meta["topics"] == ["sciatica", "back pain"]
    s = doc.span(*fm.value_span("topics", 1))
    assert (s.line, s.column, s.end_column) == (5, 5, 14)
    k = doc.span(*fm.key_span("title"))
    assert (k.line, k.column, k.end_column) == (2, 1, 6)


def test_front_matter_does_not_shift_body_lines() -> None:
    doc = parse_text("t.md", FM + "\n# Heading\n\nText here.\n")
    h = doc.blocks[0]
    assert h.kind == "heading" and h.line == 6
    assert doc.blocks[1].line == 8


def test_crlf_positions_equal_lf_positions() -> None:
    body = FM + "# Title\n\nSome **PAD** text.\n\n- item PAD\n"
    lf = parse_text("t.md", body)
    crlf = parse_text("t.md", body.replace("\n", "\r\n"))
    assert where(lf, "PAD") == where(crlf, "PAD")
    assert where(lf, "PAD", 1) == where(crlf, "PAD", 1)


def test_bom_is_removed_and_remembered() -> None:
    doc = parse("t.md", ("\ufeff" + FM + "Text PAD.\n").encode())
    assert doc.bom and doc.front_matter is not None
    assert where(doc, "PAD") == (5, 6, 5, 9)


def test_sections_and_blocks() -> None:
    doc = parse_text(
        "t.md",
        FM + "# Title\n\nLead.\n\n## Causes\n\nA.\n\n### Detail\n\nB.\n\n## When to call 911\n\n- one\n- two\n",
    )
    titles = [(s.level, s.title, s.parent) for s in doc.sections]
    assert titles == [(1, "Title", None), (2, "Causes", 0), (3, "Detail", 1), (2, "When to call 911", 0)]
    items = [b for b in doc.blocks if b.kind == "list_item"]
    assert len(items) == 2 and items[0].list_id == items[1].list_id and items[0].item_id != items[1].item_id
    assert doc.section_of(doc.blocks.index(items[0])).title == "When to call 911"  # type: ignore[union-attr]
    assert doc.sections[1].end_line == 15  # "Causes" runs over its subsection up to the next H2's line


def test_code_blocks_are_excluded() -> None:
    doc = parse_text("t.md", FM + "Text.\n\n```\ncode PAD\n```\n\n    indented PAD\n")
    assert all("PAD" not in b.text for b in doc.blocks)
    assert {7, 8, 9, 11} <= doc.code_lines


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Take it e.g. after meals. Then rest.", ["Take it e.g. after meals.", "Then rest."]),
        ("Dr. Smith agrees. Mr. Jones too.", ["Dr. Smith agrees.", "Mr. Jones too."]),
        ("The dose is 2.5 mg. It works.", ["The dose is 2.5 mg.", "It works."]),
        ("PAD vs. PVD differ. See below.", ["PAD vs. PVD differ.", "See below."]),
        ("Is it serious? Yes! Call now.", ["Is it serious?", "Yes!", "Call now."]),
        ("It said “stop.” Then it stopped.", ["It said “stop.”", "Then it stopped."]),
        ("no full stop at all", ["no full stop at all"]),
        ("In the U.S. Food and Drug Administration.", ["In the U.S. Food and Drug Administration."]),
        ("Ends at 5 p.m. today.", ["Ends at 5 p.m. today."]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


def test_list_items_are_sentence_units() -> None:
    doc = parse_text("t.md", FM + "Call 911 if you have:\n\n- sudden numbness\n- weakness in both legs\n")
    assert [s.text for s in doc.sentences] == ["Call 911 if you have:", "sudden numbness", "weakness in both legs"]


PIECES = [*"ab \n\r*_`[]()#->|\\!.&;é•", "PAD", "**", "\r\n", "---\n"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=80).map("".join))
def test_every_block_offset_points_at_its_character(body: str) -> None:
    """Property: each prose character maps to a source offset inside the file,
    and for ordinary letters the source character is the same letter."""
    doc = parse_text("t.md", body)
    for b in doc.blocks:
        assert len(b.offs) == len(b.text)
        for ch, off in zip(b.text, b.offs, strict=True):
            assert 0 <= off < max(1, len(doc.text))
            if ch.isalpha():
                assert doc.text[off] == ch


@given(st.text(max_size=300))
def test_line_index_round_trip(text: str) -> None:
    idx = LineIndex(text)
    for off in range(0, len(text) + 1, max(1, len(text) // 20 or 1)):
        line, col = idx.position(off)
        assert idx.offset(line, col) == off


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"])
def test_yaml_only_line_breaks_keep_key_positions(brk: str) -> None:
    # YAML ends a line at NEL, LS and PS; lintkit (like LSP) does not. Keys
    # after such a character in a quoted value keep their real line.
    from lintkit.engine import lint_text

    text = f"---\ntitle: 'a{brk}b'\ncontent_type: condition\nbogus: 1\n---\n# T\n\nBody.\n"
    (f,) = [f for f in lint_text(text, "x.md") if f.code == "SCH005"]
    assert (f.line, f.column, f.end_line, f.end_column) == (4, 1, 4, 6)


def test_yaml_only_line_breaks_keep_config_error_lines(tmp_path: Path) -> None:
    from lintkit.config import ConfigError, load_project

    cfg = tmp_path / "lintkit.yaml"
    cfg.write_text("exclude: ['a\x85b', 'c\u2028d']\nno_such_setting: 1\n", encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_project(cfg, tmp_path)
    assert e.value.line == 2 and "no_such_setting" in e.value.message
