"""The finding contract: one immutable record per problem, shared by every rule,
formatter, the language server and the baseline.

The JSON shape produced by :meth:`Finding.to_dict` is documented in
``docs/json-format.md`` and versioned there; change both together.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal


class Severity(StrEnum):
    """How serious a finding is. Ordered: info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __str__(self) -> str:
        return self.value


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


FAMILIES: dict[str, str] = {
    "SCH": "schema",
    "ENC": "encoding",
    "TRM": "terminology",
    "RF": "red-flags",
    "RDB": "readability",
    "CON": "contradictions",
}


@dataclass(frozen=True, slots=True)
class Span:
    """A 1-based range in a file: columns count Unicode code points, the end
    column is exclusive (one past the last flagged character)."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Related:
    """Another location that explains a finding (e.g. the other side of a contradiction)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str

    @classmethod
    def at(cls, path: str, span: Span, message: str) -> Related:
        return cls(path, span.line, span.column, span.end_line, span.end_column, message)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text between two positions (end exclusive) with ``content``."""

    line: int
    column: int
    end_line: int
    end_column: int
    content: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "content": self.content,
        }


Applicability = Literal["safe", "unsafe"]


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of non-overlapping edits. Only ``safe`` fixes are applied by ``--fix``."""

    message: str
    edits: tuple[Edit, ...]
    applicability: Applicability = "safe"

    def to_dict(self) -> dict[str, Any]:
        return {
            "message": self.message,
            "applicability": self.applicability,
            "edits": [e.to_dict() for e in self.edits],
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place. Immutable; build it through a rule context."""

    code: str
    name: str
    family: str
    severity: Severity
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    # Not part of the JSON contract: the flagged text and a little context,
    # used for baseline fingerprints that survive line shifts.
    snippet: str = field(default="", compare=False)

    @property
    def span(self) -> Span:
        return Span(self.line, self.column, self.end_line, self.end_column)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "family": self.family,
            "severity": self.severity.value,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message,
            "related": [r.to_dict() for r in self.related],
            "fix": self.fix.to_dict() if self.fix else None,
        }


@dataclass(frozen=True, slots=True)
class FileReport:
    """What the run knows about one checked file besides its findings
    (used by the HTML report: reading grades, word counts …)."""

    path: str
    metrics: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Report:
    """The result of a run: every finding (sorted) and per-file facts."""

    findings: tuple[Finding, ...]
    files: tuple[FileReport, ...]
    version: str

    @property
    def files_checked(self) -> int:
        return len(self.files)

    def counts(self) -> dict[Severity, int]:
        out = {s: 0 for s in Severity}
        for f in self.findings:
            out[f.severity] += 1
        return out

    def at_or_above(self, level: Severity) -> list[Finding]:
        return [f for f in self.findings if f.severity.rank >= level.rank]

    def to_dict(self) -> dict[str, Any]:
        return {
            "lintkit_version": self.version,
            "files_checked": self.files_checked,
            "findings": [f.to_dict() for f in self.findings],
        }


def family_of(code: str) -> str:
    """Map a code such as ``TRM001`` to its family name."""
    prefix = code.rstrip("0123456789")
    try:
        return FAMILIES[prefix]
    except KeyError:
        raise ValueError(f"unknown code family in {code!r}") from None
