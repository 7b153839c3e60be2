"""The one rule registry.

A *rule* is a stable code with its metadata and documentation. A *check* is a
function that may emit findings for one or more rules. A *collector* builds a
small, picklable per-file summary that corpus-scope checks read, so cross-file
rules never re-parse documents.

Family modules register with the plain decorators below; ``lintkit.checks``
imports them in a fixed, explicit order (no import-order magic).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from .findings import FAMILIES, Severity, family_of

if TYPE_CHECKING:
    from .findings import Finding

_CODE_RE = re.compile(r"^(SCH|ENC|TRM|RF|RDB|CON)\d{3}$")
_NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Scope(StrEnum):
    """What a check is fed: one document, or the summaries of the whole corpus."""

    DOCUMENT = "document"
    CORPUS = "corpus"


@dataclass(frozen=True)
class Rule:
    """A rule's identity and its user documentation (rendered by ``lintkit rule``).

    The documentation fields map to fixed headings: What it does (``summary``),
    Why it matters (``why``), Example (``example``), Use instead (``instead``),
    Options (``options``), Fix (``fix``).
    """

    code: str
    name: str
    severity: Severity
    summary: str
    why: str
    example: str
    instead: str
    options: str = "None."
    fix: str = "No automatic fix."
    fixable: bool = False

    @property
    def family(self) -> str:
        return family_of(self.code)

    def __post_init__(self) -> None:
        if not _CODE_RE.match(self.code):
            raise ValueError(f"bad rule code {self.code!r}")
        if not _NAME_RE.match(self.name):
            raise ValueError(f"rule name {self.name!r} must be kebab-case")


@dataclass(frozen=True)
class Check:
    func: Callable[..., Iterable[Finding]]
    rules: tuple[Rule, ...]
    scope: Scope
    # loads what the check needs for a project (its rule packs), so that it
    # can be done ahead, e.g. while a worker checks the changed files
    prepare: Callable[[Any], object] | None = None

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(r.code for r in self.rules)


@dataclass(frozen=True)
class Collector:
    name: str
    func: Callable[..., Any]
    # the codes of the corpus checks that read these summaries: with none of
    # them enabled (--select RF), building them would be wasted work
    codes: frozenset[str] = frozenset()


RULES: dict[str, Rule] = {}
CHECKS: list[Check] = []
COLLECTORS: dict[str, Collector] = {}
# Renamed or merged codes: old code -> new code. Codes are never reused.
REDIRECTS: dict[str, str] = {}


def register_rules(*rules: Rule) -> None:
    for r in rules:
        if r.code in RULES and RULES[r.code] is not r:
            raise ValueError(f"duplicate rule code {r.code}")
        if any(o.name == r.name and o.code != r.code for o in RULES.values()):
            raise ValueError(f"duplicate rule name {r.name}")
        RULES[r.code] = r


def check(
    *rules: Rule,
    scope: Scope = Scope.DOCUMENT,
    on_problem: bool = False,
    prepare: Callable[[Any], object] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register ``func`` as a check that may emit findings for ``rules``.

    Document checks are called as ``func(doc, ctx)``; corpus checks as
    ``func(corpus, ctx)``. Both return an iterable of findings built with
    ``ctx.report(...)``. Only checks with ``on_problem=True`` see documents
    whose bytes could not be decoded (``doc.problem`` is set). ``prepare``,
    called as ``prepare(project)``, loads what the check needs ahead of time.
    """

    def deco(func: Callable[..., Any]) -> Callable[..., Any]:
        register_rules(*rules)
        func.on_problem = on_problem  # type: ignore[attr-defined]
        CHECKS.append(Check(func, tuple(rules), scope, prepare))
        return func

    return deco


def collector(name: str, *, feeds: tuple[Rule, ...]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a per-document summary builder, called as ``func(doc, ctx)``.

    The result must be picklable and small; it is cached with the file and
    handed to corpus checks as ``corpus.summaries(name)``. ``feeds``: the
    rules of the corpus checks that read it; it is built only when one of
    them is enabled.
    """

    def deco(func: Callable[..., Any]) -> Callable[..., Any]:
        if name in COLLECTORS:
            raise ValueError(f"duplicate collector {name}")
        COLLECTORS[name] = Collector(name, func, frozenset(r.code for r in feeds))
        return func

    return deco


def prepare(project: Any, scope: Scope) -> None:
    """Run the ``prepare`` hooks of every check of ``scope`` (a bad rule pack
    raises here, as it would in the check)."""
    load()
    for chk in CHECKS:
        if chk.scope is scope and chk.prepare is not None:
            chk.prepare(project)


def load() -> dict[str, Rule]:
    """Import every family module (fills the registry) and return the rules."""
    from . import checks  # noqa: F401  (import registers)

    return RULES


def resolve(code: str) -> str:
    return REDIRECTS.get(code.upper(), code.upper())


def matches(code: str, selectors: Iterable[str]) -> bool:
    """True when ``code`` is selected by any selector: a full code, a prefix
    (``TRM``, ``RF00``), a family name (``terminology``) or ``ALL``."""
    for sel in selectors:
        s = sel.strip()
        if not s:
            continue
        if s.upper() == "ALL" or code.startswith(resolve(s)):
            return True
        if s.lower() in FAMILIES.values() and family_of(code) == s.lower():
            return True
    return False


def valid_selector(sel: str) -> bool:
    s = sel.strip()
    if s.upper() == "ALL" or s.lower() in FAMILIES.values():
        return True
    s = resolve(s)
    return any(code.startswith(s) for code in RULES) or s in FAMILIES
