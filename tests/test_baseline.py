"""Baselines: record findings, report only new ones, survive shifted lines."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from reportsupport import engine_report, synthetic_report

from lintkit import baseline
from lintkit.baseline import BaselineError, anchor_text, fingerprint
from lintkit.config import LintkitError
from lintkit.document import parse_text
from lintkit.findings import Finding, Report, Severity

FRONT = "---\ntitle: Nerves\ncontent_type: condition\n---\n"
ARTICLE = FRONT + "# Nerves\n\nGuillain-BarrĂ© syndrome is rare.\n\nIt often starts in the legs.\n"


def _codes(findings: list[Finding]) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in findings]


def test_known_findings_stay_hidden_when_lines_shift(tmp_path: Path) -> None:
    doc = tmp_path / "nerves.md"
    doc.write_text(ARTICLE, encoding="utf-8")
    before, _ = engine_report(tmp_path)
    assert any(f.code == "ENC002" for f in before.findings)
    path = tmp_path / "baseline.json"
    baseline.save(before, path)

    # an editor adds a paragraph above: every line moves down by 4
    shifted = ARTICLE.replace("# Nerves\n\n", "# Nerves\n\nA new introduction.\n\nAnd a second paragraph.\n\n")
    doc.write_text(shifted, encoding="utf-8")
    after, _ = engine_report(tmp_path)
    moved = [f for f in after.findings if f.code == "ENC002"]
    assert moved and moved[0].line == next(f.line for f in before.findings if f.code == "ENC002") + 4

    known = baseline.load(path)
    new = known.filter(list(after.findings))
    assert "ENC002" not in {f.code for f in new}, _codes(new)

    # a second, new occurrence elsewhere is reported; the old one stays hidden
    doc.write_text(
        shifted + "\nSee also Charcot-Marie-Tooth and Ménière: Sjögren, Guillain-BarrĂ© again.\n", encoding="utf-8"
    )
    again, _ = engine_report(tmp_path)
    new = known.filter(list(again.findings))
    enc = [f for f in new if f.code == "ENC002"]
    assert len(enc) == 1 and enc[0].line == len(shifted.splitlines()) + 2


def _finding(text: str, needle: str, nth: int = 0, code: str = "TRM001", path: str = "a.md") -> Finding:
    """A finding on the ``nth`` occurrence of ``needle``, with its span and
    snippet computed by the document model exactly as rules get them."""
    doc = parse_text(path, text)
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    end = start + len(needle)
    sp = doc.span(start, end)
    return Finding(
        code,
        "discouraged-term",
        "terminology",
        Severity.WARNING,
        path,
        sp.line,
        sp.column,
        sp.end_line,
        sp.end_column,
        "m",
        snippet=doc.snippet(start, end),
    )


TEXT = "# Legs\n\nFirst paragraph ends here.\nPVD is a term we avoid in this page.\n\nMore text follows.\n"


def test_anchor_is_the_flagged_line() -> None:
    f = _finding(TEXT, "PVD")
    assert anchor_text(f) == "PVD is a term we avoid "  # 20 characters of context
    mid = _finding("x" * 50 + " PVD " + "y" * 50 + "\n", "PVD")
    assert anchor_text(mid) == "x" * 19 + " PVD " + "y" * 19
    multi = _finding(TEXT, "ends here.\nPVD")
    assert anchor_text(multi) == "First paragraph ends here.\nPVD is a term we avoid "
    first = _finding("PVD on the first line of the file\nnext", "PVD")
    assert anchor_text(first) == "PVD on the first line o"


def test_edits_to_neighbouring_lines_keep_the_identity() -> None:
    f = _finding(TEXT, "PVD")
    edited = TEXT.replace("First paragraph ends here.", "The first paragraph was rewritten.\n\nAnd grew.")
    edited = edited.replace("More text follows.", "Different text now.")
    assert fingerprint(_finding(edited, "PVD")) == fingerprint(f)
    # editing the flagged line itself near the term makes it a new finding
    assert fingerprint(_finding(TEXT.replace("is a term", "is a word"), "PVD")) != fingerprint(f)


def test_duplicates_are_counted() -> None:
    text = "PVD here.\n\nPVD here.\n\nPVD here.\n"  # the first one is on line 1
    f, g, h = (_finding(text, "PVD", i) for i in range(3))
    assert fingerprint(f) == fingerprint(g) == fingerprint(h)
    known = baseline.loads(baseline.dumps(Report((f, g), (), "1")))
    assert len(known) == 2
    # two were accepted, a third identical one is new
    assert known.filter([f, g, h]) == [h]
    # filtering does not use the baseline up
    assert known.filter([f]) == []


def test_identity_is_code_path_and_text() -> None:
    f = _finding(TEXT, "PVD")
    assert fingerprint(f) != fingerprint(dataclasses.replace(f, code="TRM002"))
    assert fingerprint(f) != fingerprint(dataclasses.replace(f, path="b.md"))
    assert fingerprint(f) != fingerprint(_finding(TEXT.replace("PVD", "PAD"), "PAD"))
    # CRLF line ends or a severity override are not new findings
    assert fingerprint(f) == fingerprint(_finding(TEXT.replace("\n", "\r\n"), "PVD"))
    assert fingerprint(f) == fingerprint(dataclasses.replace(f, severity=Severity.ERROR))


def test_findings_without_snippet_ignore_line_numbers_in_messages() -> None:
    f = Finding(
        "CON001",
        "conflicting-claim",
        "contradictions",
        Severity.WARNING,
        "a.md",
        7,
        1,
        7,
        30,
        'says "temporary", but b.md (line 7) says "permanent"',
    )
    g = dataclasses.replace(f, line=12, end_line=12, message='says "temporary", but b.md (line 19) says "permanent"')
    assert fingerprint(f) == fingerprint(g)
    assert fingerprint(f) != fingerprint(dataclasses.replace(f, message='says "rare", but b.md (line 7) says "common"'))


def test_file_format(tmp_path: Path) -> None:
    report, _ = synthetic_report()
    path = tmp_path / "b.json"
    baseline.save(report, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["lintkit_baseline"] == 1
    assert [e["code"] for e in data["findings"]] == [f.code for f in report.findings]
    assert all(set(e) == {"fingerprint", "code", "path", "line", "message"} for e in data["findings"])
    assert baseline.load(path).filter(list(report.findings)) == []


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "invalid JSON"),
        ("[]", "not a lintkit baseline"),
        ('{"findings": []}', "not a lintkit baseline"),
        ('{"lintkit_baseline": 99, "findings": []}', "unsupported baseline version 99"),
        ('{"lintkit_baseline": 1, "findings": {}}', '"findings" must be a list'),
        ('{"lintkit_baseline": 1, "findings": [{"code": "X"}]}', 'finding #1 has no "fingerprint"'),
    ],
)
def test_malformed_baseline_names_the_file(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError) as e:
        baseline.load(path)
    assert isinstance(e.value, LintkitError)  # the CLI turns it into exit code 2
    assert str(path) in str(e.value) and expected in str(e.value)


def test_missing_and_unreadable_baseline(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="baseline file not found"):
        baseline.load(tmp_path / "nope.json")
    bad = tmp_path / "latin1.json"
    bad.write_bytes(b'{"lintkit_baseline": 1, "findings": [], "x": "\xe9"}')
    with pytest.raises(BaselineError, match="cannot read baseline"):
        baseline.load(bad)
    with pytest.raises(BaselineError, match="cannot write baseline"):
        baseline.save(Report((), (), "1"), tmp_path / "no" / "such" / "dir" / "b.json")
