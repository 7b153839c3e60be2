"""Baselines: record today's findings, later report only the new ones.

A finding is matched by a fingerprint of its code, its path and the flagged
text with a little context around it (``Finding.snippet``) — never its line
or column — so adding a paragraph above a known problem does not make it
"new". Identical fingerprints (the same term flagged twice in the same
wording) are matched by count: a baseline with two of them hides two.

The same fingerprint is used for SARIF ``partialFingerprints``, so code
scanning tracks a finding across commits the way the baseline does.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .config import LintkitError
from .findings import Finding, Report

FORMAT_VERSION = 1

_WS = re.compile(r"\s+")
# Positions a message may mention ("see line 12"): they move with edits, so
# they must not take part in a fingerprint.
_POSITION = re.compile(r"\b(lines?|col(?:umn)?s?)\s+\d+(?:[:,\-–]\d+)*", re.IGNORECASE)


class BaselineError(LintkitError):
    """A baseline file that cannot be read or understood (exit code 2)."""


def _normalise(text: str) -> str:
    # Reflowing a paragraph or switching CRLF/LF must not change identity.
    return _WS.sub(" ", text).strip()


# Characters of context on each side of the flagged text in Finding.snippet
# (Document.snippet's default).
SNIPPET_CONTEXT = 20
_BREAK = re.compile(r"\r\n|\r|\n")


def anchor_text(f: Finding) -> str:
    """The snippet cut to the flagged line(s): context that spills into the
    neighbouring lines would make an edit to the paragraph above look like a
    new finding.

    The span starts ``SNIPPET_CONTEXT`` characters into the snippet, except
    near the start of a file. On line 1 that offset is known from the column;
    on the next lines, within the first ``SNIPPET_CONTEXT`` characters of the
    file, the cut is arbitrary but the same on every run, and little can
    move above such a finding anyway.
    """
    s = f.snippet
    # on the first line the span's offset in the file is its column
    start = min(SNIPPET_CONTEXT, f.column - 1) if f.line == 1 else SNIPPET_CONTEXT
    begin = max(0, start - max(0, f.column - 1))
    if f.end_line == f.line:
        end = start + max(0, f.end_column - f.column)
    else:
        breaks = list(_BREAK.finditer(s, start))
        k = f.end_line - f.line
        end = breaks[k - 1].end() + max(0, f.end_column - 1) if len(breaks) >= k else len(s)
    m = _BREAK.search(s, min(end, len(s)))
    return s[begin : m.start() if m else len(s)]


def fingerprint(finding: Finding) -> str:
    """A stable identity for ``finding`` that ignores where it sits in the file.

    Corpus findings may come without a snippet; then the message (with any
    position it mentions removed) and the related paths stand in for it.
    """
    if finding.snippet:
        anchor = _normalise(anchor_text(finding))
    else:
        related = ";".join(sorted(r.path for r in finding.related))
        anchor = "\x1f".join((_POSITION.sub(r"\1 #", _normalise(finding.message)), related))
    h = hashlib.sha256("\x1e".join((finding.code, finding.path, anchor)).encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:32]


@dataclass
class Baseline:
    """Known findings as fingerprint counts (see :func:`load`)."""

    counts: Counter[str] = field(default_factory=Counter)
    path: str = ""

    def filter(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings that are not in the baseline, in their original order."""
        left = Counter(self.counts)
        out: list[Finding] = []
        for f in findings:
            fp = fingerprint(f)
            if left[fp] > 0:
                left[fp] -= 1
            else:
                out.append(f)
        return out

    def __len__(self) -> int:
        return sum(self.counts.values())


def to_dict(report: Report) -> dict[str, Any]:
    # Code, path, line and message are stored only so a person reading the
    # file (or a diff of it) can tell what was accepted; matching uses the
    # fingerprint alone.
    return {
        "lintkit_baseline": FORMAT_VERSION,
        "lintkit_version": report.version,
        "findings": [
            {
                "fingerprint": fingerprint(f),
                "code": f.code,
                "path": f.path,
                "line": f.line,
                "message": f.message,
            }
            for f in report.findings
        ],
    }


def dumps(report: Report) -> str:
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False) + "\n"


def save(report: Report, path: str | Path) -> None:
    """Write the findings of ``report`` as a baseline file (UTF-8 JSON)."""
    p = Path(path)
    try:
        p.write_text(dumps(report), encoding="utf-8")
    except OSError as e:
        raise BaselineError(f"cannot write baseline: {e.strerror or e}", str(p)) from None


def loads(text: str, where: str = "<baseline>") -> Baseline:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise BaselineError(f"not a lintkit baseline (invalid JSON: {e.msg})", where, e.lineno) from None
    if not isinstance(data, dict) or "lintkit_baseline" not in data:
        raise BaselineError(
            'not a lintkit baseline (no "lintkit_baseline" key); create one with `lintkit baseline -o FILE`',
            where,
        )
    version = data["lintkit_baseline"]
    if version != FORMAT_VERSION:
        raise BaselineError(
            f"unsupported baseline version {version!r} (this lintkit {__version__} reads version "
            f"{FORMAT_VERSION}); re-create it with `lintkit baseline -o FILE`",
            where,
        )
    entries = data.get("findings")
    if not isinstance(entries, list):
        raise BaselineError('"findings" must be a list', where)
    counts: Counter[str] = Counter()
    for i, entry in enumerate(entries):
        fp = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(fp, str) or not fp:
            raise BaselineError(f'finding #{i + 1} has no "fingerprint" string', where)
        counts[fp] += 1
    return Baseline(counts, where)


def load(path: str | Path) -> Baseline:
    """Read a baseline file; :class:`BaselineError` names the file when it is
    missing or malformed."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError("baseline file not found; create it with `lintkit baseline -o FILE`", str(p)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise BaselineError(f"cannot read baseline: {getattr(e, 'strerror', None) or e}", str(p)) from None
    return loads(text, str(p))
