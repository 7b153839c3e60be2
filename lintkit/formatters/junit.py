"""JUnit XML for CI test reports (GitLab, Jenkins, Azure DevOps, CircleCI …).

One ``<testcase>`` per checked file, one ``<failure>`` per finding in it. A
file with findings counts once in ``failures`` (JUnit counts failed tests, not
failure elements), so ``tests - failures`` is the number of clean files.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..findings import Finding, Report
from ._escape import printable

if TYPE_CHECKING:
    from . import RenderOptions

# Characters XML 1.0 cannot carry at all, even escaped; content with stray
# control bytes must still produce a parseable report.
_INVALID_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(s: str) -> str:
    return _INVALID_XML.sub("\ufffd", s)


def _attr(s: str) -> str:
    s = _clean(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    # keep newlines and tabs as they are: attribute normalisation would turn them into spaces
    return s.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")


def _text(s: str) -> str:
    return _clean(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _failure(f: Finding) -> str:
    # CI systems show this text in their logs: what comes from the checked
    # files goes through printable(), so no line of it starts with user text
    message_text = printable(f.message)
    body = [f"{printable(f.path)}:{f.line}:{f.column}: {f.code} [{f.severity.value}] {message_text}"]
    body.extend(f"  related: {printable(r.path)}:{r.line}:{r.column}: {printable(r.message)}" for r in f.related)
    if f.fix is not None:
        body.append(f"  fix ({f.fix.applicability}): {printable(f.fix.message)}")
    text = "\n".join(body)
    # an attribute keeps its line breaks (as &#10;: no raw line in the file)
    message = _attr(f"{f.line}:{f.column} {f.code} {printable(f.message, keep_breaks=True)}")
    kind = _attr(f"{f.code} {f.name}")
    return f'      <failure message="{message}" type="{kind}">{_text(text)}</failure>\n'


def render(report: Report, options: RenderOptions) -> str:
    by_path: dict[str, list[Finding]] = {}
    for fr in report.files:
        by_path.setdefault(fr.path, [])
    for f in report.findings:
        by_path.setdefault(f.path, []).append(f)
    tests = len(by_path)
    failed = sum(1 for fs in by_path.values() if fs)
    counts = f'tests="{tests}" failures="{failed}" errors="0" skipped="0" time="0"'
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n', f'<testsuites name="lintkit" {counts}>\n']
    out.append(f'  <testsuite name="lintkit" {counts}>\n')
    out.append(
        f'    <properties>\n      <property name="lintkit_version" value="{_attr(report.version)}"/>\n'
        "    </properties>\n"
    )
    for path in sorted(by_path):
        findings = by_path[path]
        shown = _attr(printable(path))
        head = f'    <testcase classname="lintkit" name="{shown}" file="{shown}" time="0"'
        if not findings:
            out.append(head + "/>\n")
            continue
        out.append(head + ">\n")
        out.extend(_failure(f) for f in findings)
        out.append("    </testcase>\n")
    out.append("  </testsuite>\n</testsuites>\n")
    return "".join(out)
