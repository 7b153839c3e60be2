"""Suppression: inline HTML comments and front-matter ignores.

Applied by the engine after every rule has run; rules never filter themselves.

    <!-- lintkit-disable TRM001,RDB -->   … <!-- lintkit-enable -->
    <!-- lintkit-disable-next-line TRM001 -->
    lintkit: {ignore: [RDB003]}          (front matter: the whole file)

A disable comment without codes disables every rule.

Each code a directive names is kept with its position (:class:`Named`), so
the engine can tell which ones suppressed something and the rules about the
directives themselves (unknown codes, unused suppressions) can point at them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .findings import Span
from .registry import matches

if TYPE_CHECKING:
    from .document import Document

_DIRECTIVE = re.compile(r"^\s*lintkit-(disable-next-line|disable-line|disable|enable)\b(.*)$", re.S)
_CODE = re.compile(r"[^\s,]+")


@dataclass(frozen=True, slots=True)
class Named:
    """One code or selector named by a directive, where it is written.
    ``selector`` is "" for a disable comment that names none (every rule);
    ``span`` is then the directive's keyword. ``kind`` is the directive
    (``disable``, ``disable-next-line``, ``disable-line``, ``enable``) or
    ``front-matter``."""

    selector: str
    span: Span
    kind: str

    @property
    def selectors(self) -> tuple[str, ...]:
        return (self.selector,) if self.selector else ("ALL",)


@dataclass(frozen=True)
class Suppressions:
    # (first line, last line, indices into ``named``)
    ranges: tuple[tuple[int, int, tuple[int, ...]], ...] = ()
    file_ignores: tuple[int, ...] = ()  # indices into ``named``
    named: tuple[Named, ...] = field(default=())

    def suppressing(self, code: str, line: int) -> list[int]:
        """Indices (into ``named``) of every entry that suppresses ``code`` at ``line``."""
        out = [i for i in self.file_ignores if matches(code, self.named[i].selectors)]
        for first, last, idx in self.ranges:
            if first <= line <= last:
                out.extend(i for i in idx if matches(code, self.named[i].selectors))
        return out

    def suppressed(self, code: str, line: int) -> bool:
        return bool(self.suppressing(code, line))


def for_document(doc: Document) -> Suppressions:
    """The suppressions of a parsed document: its directive comments and its
    front matter's ``lintkit: {ignore: [...]}``."""
    named: list[Named] = []
    comments: list[tuple[int, str, list[int]]] = []  # (line, directive kind, indices)
    for line, body in sorted(doc.html_comments):
        m = _DIRECTIVE.match(body)
        if not m:
            continue
        kind, rest = m.group(1), m.group(2)
        # comments are collected by line: find this one's body on its line
        at = doc.text.find("<!--" + body, doc.index.line_start(line))
        if at < 0:  # not expected; point at the line rather than guess
            at = doc.index.line_start(line)
            where = (at, at)
            codes = [(c.group(0), at, at) for c in _CODE.finditer(rest)]
        else:
            at += len("<!--")
            where = (at + m.start(1) - len("lintkit-"), at + m.end(1))
            codes = [(c.group(0), at + m.start(2) + c.start(), at + m.start(2) + c.end()) for c in _CODE.finditer(rest)]
        idx = []
        for text, s, e in codes or [("", *where)]:
            idx.append(len(named))
            named.append(Named(text, doc.span(s, e), kind))
        comments.append((line, kind, idx))
    file_idx = []
    fm = doc.front_matter
    ign = doc.meta.get("lintkit")
    values = ign.get("ignore") if isinstance(ign, dict) else None
    if fm is not None and isinstance(values, list):
        for i, v in enumerate(values):
            where = fm.value_span("lintkit", "ignore", i) or fm.value_span("lintkit", "ignore") or (0, 3)
            file_idx.append(len(named))
            named.append(Named(str(v), doc.span(*where), "front-matter"))
    return _build(comments, named, file_idx, doc.index.line_count)


def _build(
    comments: list[tuple[int, str, list[int]]], named: list[Named], file_idx: list[int], last_line: int
) -> Suppressions:
    ranges: list[tuple[int, int, tuple[int, ...]]] = []
    open_: list[tuple[int, tuple[int, ...]]] = []
    for line, kind, idx in comments:
        if kind == "disable-next-line":
            ranges.append((line + 1, line + 1, tuple(idx)))
        elif kind == "disable-line":
            ranges.append((line, line, tuple(idx)))
        elif kind == "disable":
            open_.append((line, tuple(idx)))
        else:  # enable: closes the open ranges that share a code with it (all of them when it names none)
            wanted = {named[i].selector for i in idx}
            keep = []
            for start, sels in open_:
                if wanted == {""} or {named[i].selector for i in sels} & wanted:
                    ranges.append((start, line, sels))
                else:
                    keep.append((start, sels))
            open_ = keep
    for start, sels in open_:
        ranges.append((start, last_line, sels))
    return Suppressions(tuple(ranges), tuple(file_idx), tuple(named))
