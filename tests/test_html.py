"""The HTML report: self-contained, everything escaped, findings in context."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from reportsupport import content_report, engine_report, render, synthetic_report

from lintkit.findings import Edit, FileReport, Finding, Fix, Related, Report, Severity
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


# ---------------------------------------------------------------------------
# At scale: order, filters, size, narrow screens


def _finding(path: str, sev: Severity, code: str, family: str, line: int = 1) -> Finding:
    return Finding(code, code.lower(), family, sev, path, line, 1, line, 5, f"{code} in {path}")


def _scale_report() -> tuple[Report, RenderOptions]:
    """Four files with different mixes of severities, families and rules."""
    e, w, i = Severity.ERROR, Severity.WARNING, Severity.INFO
    findings = [
        _finding("a.md", w, "RDB003", "readability"),
        _finding("b.md", e, "ENC002", "encoding"),
        _finding("b.md", e, "SCH004", "schema", 2),
        _finding("c.md", e, "ENC002", "encoding"),
        *(_finding("c.md", w, "RDB003", "readability", n) for n in range(2, 7)),
        _finding("e.md", i, "TRM006", "terminology"),
    ]
    files = tuple(FileReport(p) for p in ("a.md", "b.md", "c.md", "d.md", "e.md"))
    sources = {
        p: "\n".join(f"line {n} of {p} with Findable text" for n in range(1, 8)) for p in ("a.md", "b.md", "c.md")
    }
    sources["e.md"] = "jargon here"
    report = Report(tuple(sorted(findings, key=Finding.sort_key)), files, "1")
    return report, RenderOptions(sources=sources, rules=synthetic_report()[1].rules)


def _sections(page: str) -> list[str]:
    return re.findall(r'<section class="file" id="file-\d+"><h2><span class="path">([^<]*)</span>', page)


def test_files_are_sorted_worst_first_everywhere() -> None:
    report, options = _scale_report()
    page = render("html", report, options)
    # most errors first, then warnings, then info; files without findings last
    assert _sections(page) == ["b.md", "c.md", "a.md", "e.md", "d.md"]
    table = re.findall(r'<tr data-file="file-\d+"><td class="path"><a href="#file-\d+">([^<]*)</a>', page)
    assert table == _sections(page)


def test_each_finding_carries_what_the_filters_read() -> None:
    report, options = _scale_report()
    page = render("html", report, options)
    attrs = re.findall(r'<article class="finding (\w+)" data-sev="(\w+)" data-fam="([\w-]+)" data-code="(\w+)">', page)
    assert len(attrs) == len(report.findings)
    assert sorted((s, fam, code) for _, s, fam, code in attrs) == sorted(
        (f.severity.value, f.family, f.code) for f in report.findings
    )
    # the selects offer what occurs, with counts
    assert '<option value="error">error (3)</option>' in page
    assert '<option value="readability">readability (6)</option>' in page
    assert '<option value="ENC002">ENC002 enc002 (2)</option>' in page
    # every finding's code links to its rule's documentation, shown once
    for code in {f.code for f in report.findings} & set(options.rules):
        assert page.count(f'id="rule-{code}"') == 1


def _large_report(n: int) -> tuple[Report, RenderOptions]:
    """``n`` findings shaped like a real corpus's: long paragraph lines, long
    messages, some contradictions with another file, some fixes."""
    words = "Peripheral neuropathy can cause numbness, tingling and weakness in the feet and hands. "
    para = (words * 5).strip()
    sources: dict[str, str] = {}
    findings = []
    kinds = [
        ("RDB003", "readability", Severity.WARNING),
        ("SCH005", "schema", Severity.WARNING),
        ("TRM003", "terminology", Severity.WARNING),
        ("RDB001", "readability", Severity.ERROR),
        ("CON001", "contradictions", Severity.WARNING),
        ("TRM006", "terminology", Severity.INFO),
    ]
    for k in range(n):
        path = f"articles/topic-{k // 15:03d}/page-{k // 15}.md"
        sources.setdefault(path, "\n".join(f"{para} ({line})" for line in range(1, 40)))
        code, family, sev = kinds[k % len(kinds)]
        line = 1 + k % 38
        message = f"{code}: " + "this sentence is longer than the patient limit of 20 words; split it " * 3
        related = (
            (Related("articles/topic-000/page-0.md", 3, 10, 3, 60, "the other claim"),) if code == "CON001" else ()
        )
        fix = Fix("Replace with 'numbness'", (Edit(line, 5, line, 12, "numbness"),)) if k % 5 == 0 else None
        findings.append(Finding(code, code.lower(), family, sev, path, line, 1, line, 200, message, related, fix))
    files = tuple(FileReport(p) for p in sources)
    report = Report(tuple(sorted(findings, key=Finding.sort_key)), files, "1")
    return report, RenderOptions(sources=sources, rules=synthetic_report()[1].rules)


def test_five_thousand_findings_stay_under_5_mb() -> None:
    report, options = _large_report(5000)
    page = render("html", report, options)
    size = len(page.encode("utf-8"))
    assert size < 5_000_000, f"{size / 1e6:.2f} MB for 5,000 findings"
    assert page.count('<article class="finding ') == 5000
    assert "each shows its flagged lines only" in page
    _assert_inert(page)
    # a small report keeps the neighbouring lines
    small, small_options = _large_report(50)
    assert '<div class="ctx">' in render("html", small, small_options)
    assert '<div class="ctx">' not in page


# -- in a real browser (marked slow: run with --extended, where a missing
# Chromium is a failure) -------------------------------------------------------


def chromium(config: pytest.Config) -> str:
    for name in (os.environ.get("LINTKIT_TEST_CHROMIUM", ""), "chromium", "chromium-browser", "google-chrome"):
        exe = shutil.which(name) if name else None
        if exe:
            return exe
    message = "needs Chromium (apt-get install chromium, or set LINTKIT_TEST_CHROMIUM)"
    if config.getoption("--extended"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def dump_dom(exe: str, url: str, tmp_path: Path, width: int = 1280) -> str:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    cmd = [
        exe,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        f"--user-data-dir={profile}",
        f"--window-size={width},900",
        "--virtual-time-budget=3000",
        "--dump-dom",
        url,
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert "</html>" in out.stdout, out.stderr[-2000:]
    return out.stdout


def _visible(dom: str) -> list[tuple[str, str, str, str]]:
    """(file section, severity, family, code) of every finding not hidden."""
    out = []
    for sec in re.findall(r'<section class="file" id="[^"]+"( hidden="")?>(.*?)</section>', dom, re.S):
        path = re.search(r'<span class="path">([^<]*)</span>', sec[1])
        assert path is not None
        for sev, fam, code, hidden in re.findall(
            r'<article class="finding \w+" data-sev="(\w+)" data-fam="([\w-]+)" data-code="(\w+)"( hidden="")?',
            sec[1],
        ):
            if not hidden:
                assert not sec[0], f"a visible finding in a hidden section: {path[1]}"
                out.append((path[1], sev, fam, code))
    return out


@pytest.mark.slow
def test_filters_in_chromium(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    exe = chromium(request.config)
    report, options = _scale_report()
    page = tmp_path / "report.html"
    page.write_text(render("html", report, options), encoding="utf-8")
    everything = sorted((f.path, f.severity.value, f.family, f.code) for f in report.findings)

    dom = dump_dom(exe, page.as_uri(), tmp_path)
    assert 'id="filters" hidden' not in dom  # the script showed the controls
    assert sorted(_visible(dom)) == everything
    assert "7 findings in 4 files" in dom or f"{len(everything)} findings in 4 files" in dom

    cases = {
        "sev=error": lambda f: f[1] == "error",
        "fam=readability": lambda f: f[2] == "readability",
        "rule=ENC002": lambda f: f[3] == "ENC002",
        "sev=warning&fam=readability": lambda f: f[1] == "warning" and f[2] == "readability",
        # search covers the path and the finding's text, case-insensitively
        "q=B.MD": lambda f: f[0] == "b.md",
        "q=jargon%20HERE": lambda f: f[0] == "e.md",
    }
    for query, keep in cases.items():
        dom = dump_dom(exe, f"{page.as_uri()}?{query}", tmp_path)
        want = [f for f in everything if keep(f)]
        assert sorted(_visible(dom)) == want, query
        assert f"Showing {len(want)} of {len(everything)} findings in {len({f[0] for f in want})} files" in dom
        # the files table lists only files with findings shown
        rows = re.findall(r'<tr data-file="[^"]+"( hidden="")?><td class="path"><a [^>]*>([^<]*)<', dom)
        assert {p for hidden, p in rows if not hidden} == {f[0] for f in want}, query

    dom = dump_dom(exe, f"{page.as_uri()}?rule=NOPE999&q=zzzz", tmp_path)
    assert _visible(dom) == [] and '<p class="nomatch" id="f-none">' in dom


PROBE = """<script>
window.addEventListener("load", function () {
  var w = document.documentElement.clientWidth, wide = [];
  document.querySelectorAll("table, pre, svg, .src, .filters, section, article").forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.width && (r.right > w + 0.5 || r.left < -0.5)) wide.push(el.tagName + "." + el.className + " " + r.right);
  });
  var out = {client: w, scroll: document.documentElement.scrollWidth, wide: wide};
  parent.document.getElementById("probe").textContent = JSON.stringify(out);
});
</script>"""


@pytest.mark.slow
@pytest.mark.parametrize("source", ["content", "large"])
def test_nothing_overflows_at_420_px(tmp_path: Path, request: pytest.FixtureRequest, source: str) -> None:
    """The report in a 420 px wide frame (headless Chromium will not make its
    window that narrow): no element sticks out and nothing scrolls sideways."""
    exe = chromium(request.config)
    report, options = content_report() if source == "content" else _large_report(1600)
    page = render("html", report, options)
    # the test's own probe: the page's policy would (rightly) refuse it
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page).replace("</body>", PROBE + "</body>")
    frame = (
        '<!DOCTYPE html><html><body style="margin:0"><pre id="probe"></pre>'
        f'<iframe style="width:420px;height:900px;border:0" srcdoc="{html.escape(page, quote=True)}"></iframe>'
        "</body></html>"
    )
    path = tmp_path / "narrow.html"
    path.write_text(frame, encoding="utf-8")
    dom = dump_dom(exe, path.as_uri(), tmp_path, width=1000)
    found = re.search(r'<pre id="probe">(.+?)</pre>', dom, re.S)
    assert found is not None, "the probe did not run"
    probe = json.loads(html.unescape(found.group(1)))
    assert 400 <= probe["client"] <= 420  # less a scroll bar
    assert probe["scroll"] <= probe["client"], probe
    assert probe["wide"] == [], probe
