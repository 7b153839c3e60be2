"""SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps, SARIF viewers).

- one run; ``columnKind`` is ``unicodeCodePoints`` because lintkit columns
  count code points (SARIF's default is UTF-16 code units);
- the rules array carries the metadata of every rule that has a result, with
  the rule documentation as help text (``options.rules``);
- the other side of a contradiction is a ``relatedLocation``; the result
  message links to it with SARIF's ``[text](id)`` embedded-link syntax;
- fixes are SARIF ``fixes`` (artifactChanges / replacements);
- ``partialFingerprints`` come from :func:`lintkit.baseline.fingerprint`
  (code, path, flagged text and context — no line numbers), so code scanning
  keeps tracking an alert when lines above it move.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ..baseline import fingerprint
from ..findings import Edit, Finding, Report, Severity
from ._source import span_text, split_lines

if TYPE_CHECKING:
    from ..registry import Rule
    from . import RenderOptions

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "lintkit/v1"
SRCROOT = "%SRCROOT%"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def uri(path: str) -> str:
    # SARIF URIs are RFC 3986 references: spaces, '#', '%' … must be encoded,
    # and Windows separators never reach here (paths use '/').
    return quote(path, safe="/-._~")


def _location(path: str, line: int, column: int, end_line: int, end_column: int) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": uri(path), "uriBaseId": SRCROOT},
            "region": _region(line, column, end_line, end_column),
        }
    }


def _region(line: int, column: int, end_line: int, end_column: int) -> dict[str, int]:
    # The schema requires positive numbers; a malformed finding must not make
    # the whole log invalid.
    line, column = max(1, line), max(1, column)
    end_line = max(line, end_line)
    end_column = max(1, end_column)
    if end_line == line:
        end_column = max(column, end_column)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _flagged_text(source: str | None, f: Finding) -> str | None:
    if source is None:
        return None
    return span_text(split_lines(source), f.line, f.column, f.end_line, f.end_column) or None


def _replacement(e: Edit) -> dict[str, Any]:
    return {
        "deletedRegion": _region(e.line, e.column, e.end_line, e.end_column),
        "insertedContent": {"text": e.content},
    }


def rule_help(rule: Rule) -> tuple[str, str]:
    """The rule documentation as (plain text, Markdown)."""
    sections = (
        ("What it does", rule.summary),
        ("Why it matters", rule.why),
        ("Example", rule.example),
        ("Use instead", rule.instead),
        ("Options", rule.options),
        ("Fix", rule.fix),
    )
    text = "\n\n".join(f"{h}: {body.strip()}" for h, body in sections if body.strip())
    md_parts = [f"**{rule.code} {rule.name}** ({rule.family}, default severity {rule.severity.value})"]
    for h, body in sections:
        body = body.strip()
        if not body:
            continue
        if h in ("Example", "Use instead"):
            # a fence longer than any backtick run inside keeps the example intact
            fence = "`" * max(3, _longest_backtick_run(body) + 1)
            body = f"{fence}markdown\n{body}\n{fence}"
        md_parts.append(f"### {h}\n\n{body}")
    return text, "\n\n".join(md_parts)


def _longest_backtick_run(s: str) -> int:
    best = run = 0
    for ch in s:
        run = run + 1 if ch == "`" else 0
        best = max(best, run)
    return best


def _descriptor(code: str, rule: Rule | None, sample: Finding) -> dict[str, Any]:
    if rule is None:
        # a code without metadata (e.g. a plugin rule missing from options)
        # still needs a descriptor so ruleIndex stays consistent
        return {
            "id": code,
            "name": sample.name,
            "defaultConfiguration": {"level": LEVELS[sample.severity]},
            "properties": {"tags": [sample.family]},
        }
    text, markdown = rule_help(rule)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary.strip() or rule.name},
        "fullDescription": {"text": rule.why.strip() or rule.summary.strip() or rule.name},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.family, "health-content"], "fixable": rule.fixable},
    }


def _result(f: Finding, rule_index: int, source: str | None) -> dict[str, Any]:
    loc = _location(f.path, f.line, f.column, f.end_line, f.end_column)
    snippet = _flagged_text(source, f)
    if snippet is not None:
        loc["physicalLocation"]["region"]["snippet"] = {"text": snippet}
    message = f.message
    res: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": message},
        "locations": [loc],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(f)},
    }
    if f.related:
        related = []
        links = []
        for i, r in enumerate(f.related, start=1):
            rl = _location(r.path, r.line, r.column, r.end_line, r.end_column)
            rl["id"] = i
            rl["message"] = {"text": r.message or f"{r.path}:{r.line}"}
            related.append(rl)
            links.append(f"[{_escape_link_text(f'{r.path}:{r.line}')}]({i})")
        res["relatedLocations"] = related
        # SARIF viewers turn "[text](id)" into a link to the related location;
        # literal brackets in the message itself must then be escaped.
        res["message"] = {
            "text": f"{_escape_link_text(message)} (see {', '.join(links)})",
        }
    if f.fix is not None and f.fix.edits:
        res["fixes"] = [
            {
                "description": {"text": f.fix.message},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": uri(f.path), "uriBaseId": SRCROOT},
                        "replacements": [_replacement(e) for e in f.fix.edits],
                    }
                ],
            }
        ]
        res["properties"] = {"fixApplicability": f.fix.applicability}
    return res


def _escape_link_text(s: str) -> str:
    return s.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def to_sarif(report: Report, options: RenderOptions) -> dict[str, Any]:
    codes = sorted({f.code for f in report.findings})
    index = {c: i for i, c in enumerate(codes)}
    samples: dict[str, Finding] = {}
    for f in report.findings:
        samples.setdefault(f.code, f)
    rules = [_descriptor(c, options.rules.get(c), samples[c]) for c in codes]
    results = [_result(f, index[f.code], options.sources.get(f.path)) for f in report.findings]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "lintkit",
                        "version": report.version,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render(report: Report, options: RenderOptions) -> str:
    return json.dumps(to_sarif(report, options), indent=2, ensure_ascii=False) + "\n"
