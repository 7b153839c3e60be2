"""Source text helpers shared by the formats that show flagged text (text,
html, sarif) and the language server. Lines are split with
``lintkit.document.split_lines``, exactly as lintkit numbers them."""

from __future__ import annotations

from collections.abc import Sequence

from ..document import split_lines

__all__ = ["span_text", "split_lines"]


def span_text(lines: Sequence[str] | None, line: int, column: int, end_line: int, end_column: int) -> str | None:
    """The text of a 1-based span (code-point columns, end exclusive); None
    when the span is not inside ``lines``. Line breaks inside it become LF."""
    if not lines or not 1 <= line <= end_line <= len(lines):
        return None
    if line == end_line:
        return lines[line - 1][column - 1 : end_column - 1]
    parts = [lines[line - 1][column - 1 :], *lines[line : end_line - 1], lines[end_line - 1][: end_column - 1]]
    return "\n".join(parts)
