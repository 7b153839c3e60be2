"""JUnit XML: one test case per checked file, one failure per finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from reportsupport import content_report, render, synthetic_report

from lintkit.findings import FileReport, Finding, Report, Severity


def _parse(text: str) -> ET.Element:
    return ET.fromstring(text.encode("utf-8"))


def _check_counts(root: ET.Element, report: Report) -> None:
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    paths = {fr.path for fr in report.files} | {f.path for f in report.findings}
    assert sorted(c.get("name") or "" for c in cases) == sorted(paths)
    failing = [c for c in cases if c.find("failure") is not None]
    for el in (root, suite):
        assert el.get("tests") == str(len(cases))
        assert el.get("failures") == str(len(failing))
        assert el.get("errors") == "0"
    assert sum(len(c.findall("failure")) for c in cases) == len(report.findings)


def test_content_junit_counts() -> None:
    report, options = content_report()
    text = render("junit", report, options)
    _check_counts(_parse(text), report)


def test_synthetic_junit() -> None:
    report, options = synthetic_report()
    root = _parse(render("junit", report, options))
    _check_counts(root, report)
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert cases["articles/clean.md"].find("failure") is None
    failures = cases["articles/a.md"].findall("failure")
    assert [f.get("type") for f in failures] == [
        "TRM001 discouraged-term",
        "ENC002 mojibake",
        "CON001 conflicting-claim",
    ]
    # newlines and markup survive as text, not as XML
    enc = failures[1]
    assert enc.get("message") == "8:14 ENC002 mojibake 'Ă©' should be 'é' (100% sure, line 8)\nsecond line <b>"
    assert "fix (safe): Replace 'Ă©' with 'é'" in (enc.text or "")
    con = failures[2]
    assert "related: articles/b c.md:3:13: says sciatica is usually permanent" in (con.text or "")


def test_control_characters_do_not_break_xml() -> None:
    f = Finding("ENC004", "control-character", "encoding", Severity.ERROR, "a\x01.md", 1, 1, 1, 2, "bad \x00 \x1b]")
    report = Report((f,), (FileReport("a\x01.md"),), "1.0")
    root = _parse(render("junit", report, synthetic_report()[1]))
    assert root.find("testsuite/testcase/failure") is not None


def test_empty_report() -> None:
    root = _parse(render("junit", Report((), (), "1.0"), synthetic_report()[1]))
    assert root.get("tests") == "0" and root.get("failures") == "0"
