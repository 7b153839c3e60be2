"""The check API: what a rule sees of a run.

Families import this module (and ``findings``, ``registry``, ``document``),
never the engine that runs them: a document check is called with the parsed
:class:`~lintkit.document.Document` and a :class:`DocContext`, a corpus check
with the :class:`Corpus` of per-file summaries and a :class:`CorpusContext`.
Both build findings through :func:`make_finding`, so positions and rule
metadata are filled in one way.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from .findings import Edit, Finding, Fix, Related, Span

if TYPE_CHECKING:
    from .config import Project
    from .document import Document
    from .registry import Rule
    from .suppress import Named

T = TypeVar("T")


class DocContext:
    """What a document check may use: settings, packs, today, and ``report``."""

    def __init__(self, doc: Document, project: Project, enabled: frozenset[str]) -> None:
        self.doc = doc
        self.project = project
        self.settings = project.settings
        self.today = project.today
        self._enabled = enabled
        self.metrics: dict[str, Any] = {}
        self._memo: dict[Hashable, Any] = {}

    def enabled(self, code: str) -> bool:
        return code in self._enabled

    def memo(self, key: Hashable, build: Callable[[], T]) -> T:
        """``build()``, computed once per document: analysis that several
        checks (and collectors) of this document share, such as the
        terminology mentions. ``key`` names the analysis and what it was built
        from (e.g. the rule-pack index it used)."""
        try:
            return self._memo[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._memo[key] = build()
            return value

    # front-matter facts with defaults, for rules that depend on them
    @property
    def locale(self) -> str:
        v = self.doc.meta.get("locale")
        return v if isinstance(v, str) and v else self.settings.locale

    @property
    def audience(self) -> str:
        # A value the schema rejects ("patients") is SCH's finding; the other
        # rules read it as the default, so a typo never turns them off.
        from .schema import AUDIENCES

        v = self.doc.meta.get("audience")
        known = self.settings.schema_.allowed_values.get("audience") or AUDIENCES
        return v if isinstance(v, str) and v in known else "patient"

    @property
    def content_type(self) -> str | None:
        v = self.doc.meta.get("content_type")
        return v if isinstance(v, str) else None

    def report(
        self,
        rule: Rule,
        start: int,
        end: int,
        message: str,
        *,
        related: Iterable[Related] = (),
        fix: Fix | None = None,
    ) -> Finding:
        """A finding for ``rule`` at source offsets [start, end) of this document."""
        span = self.doc.span(start, end)
        return make_finding(rule, self.doc.path, span, message, related, fix, self.doc.snippet(start, end))

    def edit(self, start: int, end: int, content: str) -> Edit:
        s = self.doc.span(start, end)
        return Edit(s.line, s.column, s.end_line, s.end_column, content)

    def fix(self, message: str, *edits: Edit, applicability: str = "safe") -> Fix:
        return Fix(message, tuple(edits), "unsafe" if applicability == "unsafe" else "safe")

    def related(self, start: int, end: int, message: str) -> Related:
        return Related.at(self.doc.path, self.doc.span(start, end), message)


def make_finding(
    rule: Rule,
    path: str,
    span: Span,
    message: str,
    related: Iterable[Related] = (),
    fix: Fix | None = None,
    snippet: str = "",
) -> Finding:
    return Finding(
        code=rule.code,
        name=rule.name,
        family=rule.family,
        severity=rule.severity,
        path=path,
        line=span.line,
        column=span.column,
        end_line=span.end_line,
        end_column=span.end_column,
        message=message,
        related=tuple(related),
        fix=fix,
        snippet=snippet,
    )


@dataclass
class CorpusFile:
    path: str
    meta: dict[str, Any]
    reported: bool
    reference: bool
    summaries: dict[str, Any]


@dataclass
class Corpus:
    """Everything corpus checks see: per-file summaries, never parsed documents."""

    files: dict[str, CorpusFile]

    def summaries(self, name: str, *, references: bool | None = None) -> dict[str, Any]:
        """``name`` summaries by path. ``references=True`` only reference files,
        ``False`` only content files, ``None`` both."""
        out = {}
        for p, f in self.files.items():
            if name not in f.summaries:
                continue
            if references is not None and f.reference != references:
                continue
            out[p] = f.summaries[name]
        return out

    def is_reported(self, path: str) -> bool:
        f = self.files.get(path)
        return bool(f and f.reported)


class CorpusContext:
    def __init__(self, project: Project, enabled: frozenset[str]) -> None:
        self.project = project
        self.settings = project.settings
        self.today = project.today
        self._enabled = enabled

    def enabled(self, code: str) -> bool:
        return code in self._enabled

    def report_at(
        self,
        rule: Rule,
        path: str,
        span: Span,
        message: str,
        *,
        related: Iterable[Related] = (),
        fix: Fix | None = None,
        snippet: str = "",
    ) -> Finding:
        return make_finding(rule, path, span, message, related, fix, snippet)


@dataclass(frozen=True)
class DirectiveUse:
    """A code named by a lintkit directive (a suppression comment or the front
    matter's ``lintkit: {ignore: …}``) in a reported file, and what the run
    made of it: what directive checks see.

    ``named``: the code as written (``selector``, "" for every rule), its
    ``span`` and the directive ``kind``. ``known``: it matches some rule
    (``suggestion`` is the closest valid one when it does not). ``ran``: a
    rule it names ran on this file, so ``used`` (it suppressed at least one
    finding) is meaningful."""

    path: str
    named: Named
    known: bool
    suggestion: str | None
    ran: bool
    used: bool
