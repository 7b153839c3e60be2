"""Source text helpers shared by the formats that show flagged text (html,
sarif) and the language server.

Lines are split on LF, CRLF and CR only, exactly as lintkit numbers them;
``str.splitlines`` would also split on U+2028, form feeds … and put every
later finding on the wrong line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_NEWLINE = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` without their line breaks."""
    return _NEWLINE.split(text)


def span_text(lines: Sequence[str] | None, line: int, column: int, end_line: int, end_column: int) -> str | None:
    """The text of a 1-based span (code-point columns, end exclusive); None
    when the span is not inside ``lines``. Line breaks inside it become LF."""
    if not lines or not 1 <= line <= end_line <= len(lines):
        return None
    if line == end_line:
        return lines[line - 1][column - 1 : end_column - 1]
    parts = [lines[line - 1][column - 1 :], *lines[line : end_line - 1], lines[end_line - 1][: end_column - 1]]
    return "\n".join(parts)
