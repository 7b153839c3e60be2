"""JSON output: the documented contract (docs/json-format.md)."""

from __future__ import annotations

from collections.abc import Iterator
from json.encoder import encode_basestring as _s  # type: ignore[attr-defined]

from ..findings import Finding, Fix, Related, Report
from . import RenderOptions


def render(report: Report, options: RenderOptions) -> str:
    """Exactly ``json.dumps(report.to_dict(), indent=2, ensure_ascii=False)``
    (a property test holds the two equal), written out for the report's one
    shape: with ``indent`` the json module uses its pure-Python encoder, which
    took a third of a warm run's time."""
    return "".join(chunks(report, options))


def chunks(report: Report, options: RenderOptions) -> Iterator[str]:
    """:func:`render` in pieces, one per finding, for writing as they come:
    a 20,000-file run's report is hundreds of megabytes as one string."""
    yield f'{{\n  "lintkit_version": {_s(report.version)},\n  "files_checked": {int(report.files_checked)},\n'
    if not report.findings:
        yield '  "findings": []\n}\n'
        return
    yield '  "findings": ['
    sep = ""
    for f in report.findings:
        yield sep + _finding(f)
        sep = ","
    yield "\n  ]\n}\n"


def _span(line: int, column: int, end_line: int, end_column: int, pad: str) -> str:
    return (
        f'{pad}"line": {int(line)},{pad}"column": {int(column)},'
        f'{pad}"end_line": {int(end_line)},{pad}"end_column": {int(end_column)},'
    )


_P6 = "\n      "
_P10 = "\n          "
_P8 = "\n        "
_P12 = "\n            "


def _finding(f: Finding) -> str:
    related = ",".join(_related(r) for r in f.related)
    return (
        f'\n    {{{_P6}"code": {_s(f.code)},{_P6}"name": {_s(f.name)},{_P6}"family": {_s(f.family)},'
        f'{_P6}"severity": {_s(f.severity.value)},{_P6}"path": {_s(f.path)},'
        f"{_span(f.line, f.column, f.end_line, f.end_column, _P6)}"
        f'{_P6}"message": {_s(f.message)},'
        f'{_P6}"related": {f"[{related}{_P6}]" if related else "[]"},'
        f'{_P6}"fix": {_fix(f.fix) if f.fix else "null"}\n    }}'
    )


def _related(r: Related) -> str:
    return (
        f'\n        {{{_P10}"path": {_s(r.path)},{_span(r.line, r.column, r.end_line, r.end_column, _P10)}'
        f'{_P10}"message": {_s(r.message)}\n        }}'
    )


def _fix(x: Fix) -> str:
    edits = ",".join(
        f"\n          {{{_span(e.line, e.column, e.end_line, e.end_column, _P12)}"
        f'{_P12}"content": {_s(e.content)}\n          }}'
        for e in x.edits
    )
    return (
        f'{{{_P8}"message": {_s(x.message)},{_P8}"applicability": {_s(x.applicability)},'
        f'{_P8}"edits": {f"[{edits}{_P8}]" if edits else "[]"}{_P6}}}'
    )
