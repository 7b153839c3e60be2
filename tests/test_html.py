"""The HTML report: self-contained, everything escaped, findings in context."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from reportsupport import content_report, engine_report, render, synthetic_report

from lintkit.findings import FileReport, Finding, Related, Report, Severity
from lintkit.formatters import RenderOptions
from lintkit.formatters.html import SCRIPT

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = '"><img src=x onerror=alert(1)>'

HOSTILE = (
    "---\n"
    f"title: '{XSS_SCRIPT} {XSS_IMG}'\n"
    f"content_type: '{XSS_SCRIPT}'\n"
    f'reviewed_by: "{XSS_IMG.replace(chr(34), chr(92) + chr(34))}"\n'
    "---\n"
    f"# Guillain-BarrĂ© {XSS_SCRIPT}\n"
    "\n"
    f"Guillain-BarrĂ© syndrome {XSS_IMG} is rare. {XSS_SCRIPT}\n"
    "\n"
    '<style>body{display:none}</style><iframe src="https://example.com"></iframe>\n'
)


class Collect(HTMLParser):
    """Every start tag with its attributes, and the text of scripts, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def _parse(page: str) -> Collect:
    p = Collect()
    p.feed(page)
    p.close()
    return p


def _tags(page: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    return _parse(page).tags


def _assert_inert(page: str) -> None:
    parsed = _parse(page)
    tags = parsed.tags
    names = {t for t, _ in tags}
    assert not names & {"img", "iframe", "object", "embed", "link", "base", "form", "textarea"}, names
    assert [t for t, _ in tags].count("style") == 1  # ours, in <head>
    # one script, lintkit's own, and the policy allows that one only (by its hash)
    assert parsed.scripts == [SCRIPT]
    csp = next(dict(a)["content"] for t, a in tags if t == "meta" and dict(a).get("http-equiv"))
    assert csp is not None
    policy = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    assert policy["script-src"] == f"'sha256-{digest}'" and policy["default-src"] == "'none'"
    # the only controls are the filter bar's
    controls = [(t, dict(a).get("id")) for t, a in tags if t in ("input", "select", "button")]
    assert controls == [
        ("input", "f-q"),
        ("select", "f-sev"),
        ("select", "f-fam"),
        ("select", "f-rule"),
        ("button", "f-reset"),
    ]
    for tag, attrs in tags:
        for k, v in attrs:
            assert not k.startswith("on"), (tag, k, v)
            if k in ("href", "src", "xlink:href"):
                assert v is not None and v.startswith("#"), (tag, k, v)
    # no raw fragment of the payload survives outside text
    assert XSS_SCRIPT not in page
    assert "<img" not in page and "<iframe" not in page
    assert "onerror=alert(1)>" not in page


def test_hostile_content_is_escaped(tmp_path: Path) -> None:
    (tmp_path / "evil.md").write_text(HOSTILE, encoding="utf-8")
    # the payload in a file name too: paths are content
    (tmp_path / f"{XSS_IMG}.md").write_text(HOSTILE, encoding="utf-8")
    report, options = engine_report(tmp_path)
    assert report.findings, "the mojibake at least must be reported"
    page = render("html", report, options)
    _assert_inert(page)
    # the payload is shown as text to the reader
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    # the front matter is shown in context (the bad content_type) and escaped too
    assert "content_type: <mark>&#x27;&lt;script&gt;alert(1)&lt;/script&gt;&#x27;</mark>" in page
    assert "title: &#x27;&lt;script&gt;" in page


def test_hostile_messages_paths_and_metrics_are_escaped() -> None:
    evil = XSS_SCRIPT + XSS_IMG
    f = Finding(
        "CON001",
        "conflicting-claim",
        "contradictions",
        Severity.ERROR,
        evil + ".md",
        1,
        1,
        1,
        5,
        evil,
        related=(Related(evil, 1, 1, 1, 3, evil),),
    )
    metrics = {
        "readability": {
            "words": 1,
            "fkgl": 3.0,
            "smog": 4.0,
            "fre": 90.0,
            "sections": [{"title": evil, "line": 1, "words": 1, "smog": 4.0, "fkgl": 3.0}],
        }
    }
    report = Report((f,), (FileReport(evil + ".md", metrics),), evil)
    options = synthetic_report()[1]
    page = render("html", report, RenderOptions(sources={evil + ".md": evil, evil: evil}, rules=options.rules))
    _assert_inert(page)


def test_self_contained() -> None:
    report, options = content_report()
    page = render("html", report, options)
    assert page.startswith("<!DOCTYPE html>")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    # no network resources of any kind
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:|//)""", page)
    assert "@import" not in page and "url(" not in page
    _assert_inert(page)


def test_overview_and_findings_in_context() -> None:
    report, options = synthetic_report()
    page = render("html", report, options)
    # overview: counts by family and severity, chart, file table with links
    assert 'id="overview"' in page
    assert "<svg" in page and "Reading grade per file" in page
    assert 'href="#file-1"' in page and 'id="file-1"' in page
    # the span is highlighted in its source line
    assert "<mark>Ă©</mark>" in page
    assert '<span class="ln">8</span>' in page
    # fix suggestion as before/after
    assert "<del>Ă©</del> → <ins>é</ins>" in page
    assert "Possible fix (review before applying)" in page  # the unsafe TRM001 fix
    # contradiction: both sides, each with its own highlighted text
    pair = page[page.index('<div class="pair">') :]
    assert "<mark>usually temporary</mark>" in pair and "<mark>usually permanent</mark>" in pair
    assert "articles/b c.md" in pair
    # a file whose text is too short to grade says so instead of failing
    assert "too short to grade" in page
    assert "No findings." in page  # articles/clean.md
    # target line drawn from the readability metrics
    assert "target 8" in page


def test_missing_metrics_and_sources() -> None:
    report, _ = synthetic_report()
    bare = Report(report.findings, tuple(FileReport(fr.path) for fr in report.files), report.version)
    page = render("html", bare, RenderOptions())
    assert "No reading grades in this run" in page
    assert "Source not included in this report." in page
    _assert_inert(page)


def test_long_lines_are_cut_around_the_span() -> None:
    line = "word " * 400 + "Guillain-BarrĂ© " + "word " * 400
    col = line.index("Ă©") + 1
    f = Finding("ENC002", "mojibake", "encoding", Severity.ERROR, "a.md", 1, col, 1, col + 2, "mojibake")
    page = render("html", Report((f,), (FileReport("a.md"),), "1"), RenderOptions(sources={"a.md": line}))
    src = page[page.index('<div class="src">') :]
    src = src[: src.index("</article>")]
    assert "<mark>Ă©</mark>" in src
    assert len(src) < 1500
