"""GitHub Actions workflow commands: one annotation per finding, escaped."""

from __future__ import annotations

import re

from reportsupport import content_report, render, synthetic_report

from lintkit.findings import Finding, Severity
from lintkit.formatters.github import command, escape_data, escape_property

# ::level key=value,key=value::data — values and data may hold no raw newline,
# values no raw ':' or ','
LINE = re.compile(r"^::(error|warning|notice) ((?:[A-Za-z]+=[^,:\r\n]*)(?:,[A-Za-z]+=[^,:\r\n]*)*)::([^\r\n]*)$")


def _parse(line: str) -> tuple[str, dict[str, str], str]:
    m = LINE.match(line)
    assert m, f"not a workflow command: {line!r}"
    props = dict(kv.split("=", 1) for kv in m.group(2).split(","))
    return m.group(1), props, m.group(3)


def _unescape(s: str) -> str:
    return s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def test_content_github_commands_parse() -> None:
    report, options = content_report()
    text = render("github", report, options)
    lines = text.splitlines()
    assert len(lines) == len(report.findings)
    for line in lines:
        _parse(line)


def test_synthetic_commands_round_trip() -> None:
    report, options = synthetic_report()
    lines = render("github", report, options).splitlines()
    assert len(lines) == len(report.findings)
    for f, line in zip(report.findings, lines, strict=True):
        level, props, data = _parse(line)
        assert level == {"error": "error", "warning": "warning", "info": "notice"}[f.severity.value]
        assert _unescape(props["file"]) == f.path
        assert props["line"] == str(f.line) and props["endLine"] == str(f.end_line)
        assert props["col"] == str(f.column) and props["endColumn"] == str(f.end_column)
        assert props["title"] == f.code
        assert _unescape(data).startswith(f.message)


def test_escaping() -> None:
    assert escape_data("100% sure\r\nnext: a,b") == "100%25 sure%0D%0Anext: a,b"
    assert escape_property("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A"
    f = Finding("ENC002", "mojibake", "encoding", Severity.ERROR, "dir,x/a:b.md", 3, 2, 3, 4, "bad: 50%\nsecond")
    assert command(f) == (
        "::error file=dir%2Cx/a%3Ab.md,line=3,col=2,endLine=3,endColumn=4,title=ENC002::bad: 50%25%0Asecond"
    )


def test_multiline_span_has_no_columns() -> None:
    f = Finding("RDB001", "reading-grade", "readability", Severity.WARNING, "a.md", 3, 5, 9, 2, "too hard")
    assert command(f) == "::warning file=a.md,line=3,endLine=9,title=RDB001::too hard"


def test_related_and_fix_are_named() -> None:
    report, options = synthetic_report()
    text = render("github", report, options)
    con = next(line for line in text.splitlines() if "title=CON001" in line)
    assert "%0Arelated: articles/b c.md:3:13: says sciatica is usually permanent" in con
    enc = next(line for line in text.splitlines() if "title=ENC002" in line)
    assert "%0Afix (safe): Replace 'Ă©' with 'é'" in enc
