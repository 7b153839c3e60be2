"""Suppression: inline HTML comments and front-matter ignores.

Applied by the engine after every rule has run; rules never filter themselves.

    <!-- lintkit-disable TRM001,RDB -->   … <!-- lintkit-enable -->
    <!-- lintkit-disable-next-line TRM001 -->
    lintkit: {ignore: [RDB003]}          (front matter: the whole file)

A disable comment without codes disables every rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .registry import matches

_DIRECTIVE = re.compile(r"^\s*lintkit-(disable-next-line|disable-line|disable|enable)\b(.*)$", re.S)


@dataclass(frozen=True)
class Suppressions:
    ranges: tuple[tuple[int, int, tuple[str, ...]], ...] = ()  # (first line, last line, selectors)
    file_ignores: tuple[str, ...] = ()
    problems: tuple[tuple[int, str], ...] = field(default=())

    def suppressed(self, code: str, line: int) -> bool:
        if self.file_ignores and matches(code, self.file_ignores):
            return True
        for first, last, sels in self.ranges:
            if first <= line <= last and matches(code, sels):
                return True
        return False


def _codes(rest: str) -> tuple[str, ...]:
    codes = tuple(c for c in re.split(r"[\s,]+", rest.strip()) if c)
    return codes or ("ALL",)


def build(comments: list[tuple[int, str]], file_ignores: list[str], last_line: int) -> Suppressions:
    ranges: list[tuple[int, int, tuple[str, ...]]] = []
    open_: list[tuple[int, tuple[str, ...]]] = []
    for line, body in sorted(comments):
        m = _DIRECTIVE.match(body)
        if not m:
            continue
        kind, rest = m.group(1), m.group(2)
        if kind == "disable-next-line":
            ranges.append((line + 1, line + 1, _codes(rest)))
        elif kind == "disable-line":
            ranges.append((line, line, _codes(rest)))
        elif kind == "disable":
            open_.append((line, _codes(rest)))
        else:  # enable
            wanted = _codes(rest)
            keep = []
            for start, sels in open_:
                if wanted == ("ALL",) or set(sels) & set(wanted):
                    ranges.append((start, line, sels))
                else:
                    keep.append((start, sels))
            open_ = keep
    for start, sels in open_:
        ranges.append((start, last_line, sels))
    return Suppressions(tuple(ranges), tuple(str(c) for c in file_ignores))
