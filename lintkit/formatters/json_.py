"""JSON output: the documented contract (docs/json-format.md)."""

from __future__ import annotations

import json

from ..findings import Report
from . import RenderOptions

_INDENT = 2


def render(report: Report, options: RenderOptions) -> str:
    """Exactly ``json.dumps(report.to_dict(), indent=2)``, built one finding at
    a time: the dictionaries of a 20,000-file run's findings held at once
    doubled the run's peak memory."""
    if not report.findings:
        return json.dumps(report.to_dict(), indent=_INDENT, ensure_ascii=False) + "\n"
    head = json.dumps(
        {"lintkit_version": report.version, "files_checked": report.files_checked, "findings": None},
        indent=_INDENT,
        ensure_ascii=False,
    )
    # the findings array sits two levels deep: indent each item's lines by 4
    pad = "\n" + " " * (2 * _INDENT)
    items = ",".join(
        pad + json.dumps(f.to_dict(), indent=_INDENT, ensure_ascii=False).replace("\n", pad) for f in report.findings
    )
    opener, _, closer = head.rpartition("null")
    return f"{opener}[{items}\n{' ' * _INDENT}]{closer}\n"
