"""Human-readable output: ``path:line:col: CODE message``, the source line with
a caret under the span, notes for related locations and fixes, and a summary.

Text from the checked files (paths, quoted words, source lines) is shown
through :mod:`lintkit.formatters._escape`: control characters become visible
escapes and no line starts with it."""

from __future__ import annotations

from ..document import split_lines
from ..findings import Finding, Report, Severity
from . import RenderOptions
from ._escape import path_at_line_start, printable, printable_with_columns

_COLORS = {
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[1;33m",
    Severity.INFO: "\x1b[1;36m",
}
_BOLD, _DIM, _RESET, _CYAN = "\x1b[1m", "\x1b[2m", "\x1b[0m", "\x1b[36m"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(report: Report, options: RenderOptions) -> str:
    c = options.color

    def paint(code: str, s: str) -> str:
        return f"{code}{s}{_RESET}" if c else s

    out: list[str] = []
    lines_cache: dict[str, list[str]] = {}
    for f in report.findings:
        where = f"{path_at_line_start(f.path)}:{f.line}:{f.column}:"
        head = f"{paint(_BOLD, where)} {paint(_COLORS[f.severity], f.code)} {printable(f.message)}"
        out.append(head)
        if options.quiet:
            continue
        if options.show_source:
            out.extend(_source(f, options, lines_cache, paint))
        for r in f.related:
            out.append(
                f"  {paint(_CYAN, '=')} related: {printable(r.path)}:{r.line}:{r.column}: {printable(r.message)}"
            )
        if f.fix is not None:
            label = "fix" if f.fix.applicability == "safe" else "suggestion (unsafe, not applied by --fix)"
            out.append(f"  {paint(_CYAN, '=')} {label}: {printable(f.fix.message)}")
        out.append("")
    counts = report.counts()
    total = len(report.findings)
    files = _plural(report.files_checked, "file")
    if total == 0:
        out.append(f"No problems found in {files}.")
    else:
        parts = [_plural(counts[s], s.value) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[s]]
        out.append(f"Found {_plural(total, 'problem')} ({', '.join(parts)}) in {files} checked.")
        fixable = sum(1 for f in report.findings if f.fix is not None and f.fix.applicability == "safe")
        if fixable:
            out.append(f"{_plural(fixable, 'problem')} can be fixed with --fix.")
    return "\n".join(out) + "\n"


# the longest line shown whole in a snippet; a longer one is shown from
# SNIPPET_LEAD characters before the finding
SNIPPET_CHARS = 1000
SNIPPET_LEAD = 200


def _source(f: Finding, options: RenderOptions, cache: dict[str, list[str]], paint: object) -> list[str]:
    text = options.sources.get(f.path) if options.sources else None
    if text is None:
        return []
    lines = cache.get(f.path)
    if lines is None:
        lines = cache[f.path] = split_lines(text)
    if not (1 <= f.line <= len(lines)):
        return []
    line = lines[f.line - 1]
    c0 = min(max(f.column - 1, 0), len(line))
    c1 = min(max(f.end_column - 1, 0), len(line)) if f.end_line == f.line else len(line)
    # a window of a very long line (a minified page, a 6 MB line of one
    # character): escaping it whole would take seconds for one snippet
    lo = 0 if len(line) <= SNIPPET_CHARS else max(0, c0 - SNIPPET_LEAD)
    hi = min(len(line), lo + SNIPPET_CHARS)
    before, after = ("…" if lo else ""), ("…" if hi < len(line) else "")
    src, cols = printable_with_columns(line[lo:hi].replace("\t", " "))
    width = len(str(f.line))
    start = len(before) + cols[min(c0, hi) - lo]
    end = len(before) + cols[min(max(c1, c0), hi) - lo] if f.end_line == f.line and c1 <= hi else len(before) + len(src)
    src = before + src + after
    caret = " " * start + "^" * max(1, end - start)
    pad = " " * width
    p = paint if callable(paint) else (lambda _c, s: s)
    return [
        f"  {pad} {p(_DIM, '|')}",
        f"  {p(_DIM, str(f.line))} {p(_DIM, '|')} {src}",
        f"  {pad} {p(_DIM, '|')} {p(_COLORS[f.severity], caret)}",
    ]
