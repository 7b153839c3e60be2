"""CRLF, CR and mixed line endings: every finding sits at the same line and
column as in the LF version of the same file (columns count characters,
line breaks are never part of a column)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from conftest import REPO, lint, write_project

SAMPLES = sorted((REPO / "content").glob("*.md"))


def _key(result, path: str) -> list[tuple[str, int, int, int, int, str]]:  # type: ignore[no-untyped-def]
    return sorted(
        (f.code, f.line, f.column, f.end_line, f.end_column, f.message)
        for f in result.report.findings
        if f.path == path
    )


def _convert(text: str, style: str, seed: int = 0) -> str:
    lines = text.split("\n")
    if style == "mixed":
        rng = random.Random(seed)
        out = []
        for i, line in enumerate(lines[:-1]):
            # a CR right before an empty line's LF would read as one CRLF
            choices = ["\n", "\r\n"] if lines[i + 1] == "" else ["\n", "\r\n", "\r"]
            out.append(line + rng.choice(choices))
        return "".join(out) + lines[-1]
    return style.join(lines)


@pytest.mark.parametrize("style", ["\r\n", "\r", "mixed"], ids=["crlf", "cr", "mixed"])
def test_positions_match_the_lf_version(tmp_path: Path, style: str) -> None:
    assert SAMPLES, "content/ has no sample articles"
    write_project(tmp_path)
    names = []
    for i, src in enumerate(SAMPLES):
        text = src.read_text(encoding="utf-8").replace("\r\n", "\n")
        (tmp_path / f"lf-{src.name}").write_text(text, encoding="utf-8", newline="")
        (tmp_path / f"x-{src.name}").write_text(_convert(text, style, i), encoding="utf-8", newline="")
        names.append(src.name)
    result = lint(tmp_path)
    total = 0
    for name in names:
        lf, other = _key(result, f"lf-{name}"), _key(result, f"x-{name}")
        assert lf == other, f"{name}: positions differ with {style!r} line endings"
        total += len(lf)
    assert total > 5, "the samples should produce findings to compare"


def test_crlf_front_matter_errors_point_at_the_same_place(tmp_path: Path) -> None:
    write_project(tmp_path)
    text = "---\ntitle: Knee\ncontent_type: nonsense\nlast_reviewed: 2020-13-45\n---\n\n# Knee\n"
    (tmp_path / "lf.md").write_text(text, encoding="utf-8", newline="")
    (tmp_path / "crlf.md").write_text(text.replace("\n", "\r\n"), encoding="utf-8", newline="")
    result = lint(tmp_path)
    lf, crlf = _key(result, "lf.md"), _key(result, "crlf.md")
    assert lf and lf == crlf


def test_a_lone_cr_inside_a_line_counts_as_a_break(tmp_path: Path) -> None:
    # CommonMark treats CR as a line ending; positions must agree with that
    write_project(tmp_path)
    (tmp_path / "cr.md").write_bytes(b"---\rtitle: x\rcontent_type: bogus\r---\r\r# T\r")
    result = lint(tmp_path)
    found = [f for f in result.report.findings if f.path == "cr.md" and f.code.startswith("SCH")]
    assert found and all(f.line >= 1 for f in found)
    assert any(f.line == 3 for f in found), found


def test_mixed_endings_in_front_matter_keep_body_lines() -> None:
    # a CR-ended line followed by an LF-ended one used to merge into one CRLF
    # when the front matter was blanked out, shifting every block up a line
    from lintkit.document import parse

    doc = parse("m.md", b"---\rtitle: x\ncontent_type: symptom\r\n---\n# Heading\n\nText.\n")
    assert [(b.kind, b.line) for b in doc.blocks] == [("heading", 5), ("paragraph", 7)]
    at = doc.text.index("Heading")
    assert doc.blocks[0].source_range(0, 7) == (at, at + 7)
