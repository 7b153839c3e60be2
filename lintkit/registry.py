"""Rules, checks and collectors, and the registry built from the families.

A *rule* is a stable code with its metadata and documentation. A *check* is a
function that may emit findings for one or more rules. A *collector* builds a
small, picklable per-file summary that corpus-scope checks read, so cross-file
rules never re-parse documents.

Each family module declares one :class:`Family` and registers its checks and
collectors with its decorators. ``lintkit.checks`` lists the family modules
once (``FAMILIES``) and builds the :class:`Registry` from that list; this
module imports no family, and no family imports the engine.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

from .findings import FAMILIES, Severity, family_of

if TYPE_CHECKING:
    from .findings import Finding

_CODE_RE = re.compile(r"^(" + "|".join(FAMILIES) + r")\d{3}$")
_NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Scope(StrEnum):
    """What a check is fed: one document, or the summaries of the whole corpus."""

    DOCUMENT = "document"
    CORPUS = "corpus"
    # the codes named by lintkit directives (suppression comments, front
    # matter ignores) after suppression: unknown codes, unused suppressions
    DIRECTIVES = "directives"


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
    # when fixable, which flags apply its fixes: "safe" --fix; "unsafe" only
    # --fix --unsafe-fixes; "mixed" some fixes each way (tests/test_fix_flags.py
    # holds every fix a rule's cases emit to this)
    fix_safety: Literal["safe", "unsafe", "mixed"] = "safe"

    @property
    def family(self) -> str:
        return family_of(self.code)

    @property
    def fix_flags(self) -> str:
        """What applies this rule's fixes, as the docs say it ("" for none)."""
        if not self.fixable:
            return ""
        return {
            "safe": "`--fix`",
            "unsafe": "`--fix --unsafe-fixes`",
            "mixed": "`--fix` (the unsafe ones only with `--unsafe-fixes`)",
        }[self.fix_safety]

    def __post_init__(self) -> None:
        if not _CODE_RE.match(self.code):
            raise ValueError(f"bad rule code {self.code!r}")
        if not _NAME_RE.match(self.name):
            raise ValueError(f"rule name {self.name!r} must be kebab-case")


@dataclass(frozen=True)
class Check:
    """A function that may emit findings for ``rules``.

    Document checks are called as ``func(doc, ctx)``, corpus checks as
    ``func(corpus, ctx)``, directive checks as ``func(uses, ctx)`` (a list of
    ``api.DirectiveUse``, after suppression); all return an iterable of findings. Only checks
    with ``on_problem`` see documents whose bytes could not be decoded
    (``doc.problem`` is set). ``prepare``, called as ``prepare(project)``,
    loads what the check needs (its rule packs) ahead of time, e.g. while a
    worker checks the changed files.
    """

    func: Callable[..., Iterable[Finding]]
    rules: tuple[Rule, ...]
    scope: Scope = Scope.DOCUMENT
    on_problem: bool = False
    prepare: Callable[[Any], object] | None = None

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(r.code for r in self.rules)

    @property
    def label(self) -> str:
        """``scope:family:function``, as the timing hook reports it."""
        return f"{self.scope.value}:{self.rules[0].family}:{self.func.__name__}"


@dataclass(frozen=True)
class Collector:
    """A per-document summary builder, called as ``func(doc, ctx)``.

    The result must be picklable and small; it is cached with the file and
    handed to corpus checks as ``corpus.summaries(name)``. ``codes``: the
    rules of the corpus checks that read it (with none of them enabled, as
    with ``--select RF``, it is not built).
    """

    name: str
    func: Callable[..., Any]
    family: str
    codes: frozenset[str] = frozenset()

    @property
    def label(self) -> str:
        return f"collector:{self.family}:{self.name}"


class ProcessState:
    """Per-process state a family keeps between runs (e.g. a memo of counted
    words next to the result cache), handled by the runner without knowing
    what it is. Every method has a do-nothing default.

    * ``open(cache_dir)``: the run uses the result cache in ``cache_dir``
      (called before workers start, and in each worker);
    * ``take()``: what this worker learnt since the last call (picklable);
    * ``merge(data)``: in the parent, what a worker learnt;
    * ``save()``: at the end of a run with the cache on.
    """

    def open(self, cache_dir: Any) -> None:
        return None

    def take(self) -> Any:
        return None

    def merge(self, data: Any) -> None:
        return None

    def save(self) -> None:
        return None


@dataclass
class Family:
    """One family of rules (one module in ``lintkit.checks``): its checks,
    collectors, rule-pack kinds (kind → pydantic model of its YAML files)
    and process state."""

    name: str
    packs: dict[str, type[Any]] = field(default_factory=dict)
    state: ProcessState | None = None
    checks: list[Check] = field(default_factory=list)
    collectors: list[Collector] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.name not in FAMILIES.values():
            raise ValueError(f"unknown family {self.name!r}; families are {', '.join(FAMILIES.values())}")

    def check(
        self,
        *rules: Rule,
        scope: Scope = Scope.DOCUMENT,
        on_problem: bool = False,
        prepare: Callable[[Any], object] | None = None,
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Register the decorated function as a check of ``rules`` (see :class:`Check`)."""

        def deco(func: Callable[..., Any]) -> Callable[..., Any]:
            self.checks.append(Check(func, tuple(rules), scope, on_problem, prepare))
            return func

        return deco

    def collector(self, name: str, *, feeds: tuple[Rule, ...]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Register the decorated function as the collector ``name`` (see :class:`Collector`)."""

        def deco(func: Callable[..., Any]) -> Callable[..., Any]:
            self.collectors.append(Collector(name, func, self.name, frozenset(r.code for r in feeds)))
            return func

        return deco


# Renamed or merged codes: old code -> new code. Codes are never reused.
REDIRECTS: dict[str, str] = {}


class Registry:
    """Every rule, check and collector of ``families``, checked for clashes."""

    def __init__(self, families: Iterable[Family]) -> None:
        self.families = tuple(families)
        self.rules: dict[str, Rule] = {}
        self.checks: tuple[Check, ...] = tuple(c for f in self.families for c in f.checks)
        self.collectors: dict[str, Collector] = {}
        self.pack_models: dict[str, type[Any]] = {}
        self.states: tuple[ProcessState, ...] = tuple(f.state for f in self.families if f.state is not None)
        names: dict[str, str] = {}
        for fam in self.families:
            for chk in fam.checks:
                for r in chk.rules:
                    if r.family != fam.name:
                        raise ValueError(f"{r.code} is registered by the {fam.name} family")
                    if self.rules.get(r.code, r) is not r:
                        raise ValueError(f"duplicate rule code {r.code}")
                    if names.get(r.name, r.code) != r.code:
                        raise ValueError(f"duplicate rule name {r.name}")
                    self.rules[r.code] = r
                    names[r.name] = r.code
            for col in fam.collectors:
                if col.name in self.collectors:
                    raise ValueError(f"duplicate collector {col.name}")
                self.collectors[col.name] = col
            for kind, model in fam.packs.items():
                if kind in self.pack_models:
                    raise ValueError(f"duplicate rule-pack kind {kind}")
                self.pack_models[kind] = model

    def prepare(self, project: Any, scope: Scope) -> None:
        """Run the ``prepare`` hooks of every check of ``scope`` (a bad rule
        pack raises here, as it would in the check)."""
        for chk in self.checks:
            if chk.scope is scope and chk.prepare is not None:
                chk.prepare(project)

    def valid_selector(self, sel: str) -> bool:
        s = sel.strip()
        if s.upper() == "ALL" or s.lower() in FAMILIES.values():
            return True
        s = resolve(s)
        return any(code.startswith(s) for code in self.rules) or s in FAMILIES

    def suggest(self, sel: str) -> str | None:
        """The closest valid selector to an invalid one (a code, prefix or
        family name), for a did-you-mean; the code of a rule given by name."""
        import difflib

        s = sel.strip()
        by_name = {r.name: code for code, r in self.rules.items()}
        if s.lower() in by_name:
            return by_name[s.lower()]
        close = difflib.get_close_matches(s.upper(), [*self.rules, *FAMILIES], n=1, cutoff=0.6)
        if close:
            return close[0]
        close = difflib.get_close_matches(s.lower(), [*FAMILIES.values(), *by_name], n=1, cutoff=0.75)
        return by_name.get(close[0], close[0]) if close else None


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
