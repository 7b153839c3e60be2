"""Patterns from rule packs and config are untrusted: validate them at load
and bound every match in time (the ``regex`` module's timeout), so a pack with
catastrophic backtracking becomes a clear error, never a hung CI job.

Three layers, because none is enough alone:

1. Static limits before compiling: pattern length, and the product of nested
   counted repeats (``(?:(?:a{50}){50}){50}`` takes seconds *to compile*, and
   compiling cannot be interrupted).
2. Probes after compiling: the pattern is run against short and long hostile
   strings built from its own characters under a tight timeout. Exponential
   patterns (``(a+)+$``) fail on 30 characters; polynomial ones
   (``(.*?,){11}P``) only on a few thousand, so both lengths are tried.
3. A timeout on every match at run time. A search that times out raises
   :class:`PatternTimeout`; the pipeline then drops every finding of the
   check that searched, for that file only, says so, and does not cache the
   file's result. Nothing is remembered between files: a result that depends
   on the machine's speed must never change another file's findings (an
   earlier design switched a slow pattern off for the rest of the process,
   and the files checked after a slow one silently lost it, in the cache too).

Families use :data:`SafePatternStr` in their pack models (pydantic turns the
``UnsafePattern`` into an error naming the pack file, line and entry) and
:func:`finditer` / :func:`search` at match time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Annotated, Any

from pydantic import AfterValidator

MATCH_TIMEOUT = 0.25  # seconds per search over one block of text
PROBE_TIMEOUT = 0.1  # seconds per probe at load
# a probe that timed out is re-run with this before refusing (loaded CI
# machines). Safe patterns take microseconds on a probe; a quadratic one such
# as (\w|\d)+$ takes about 0.5 s with regex 2026.11, so a limit of 0.5 s
# refused it only some of the time.
PROBE_CONFIRM_TIMEOUT = 0.25
MAX_PATTERN_LENGTH = 10_000
MAX_REPEAT_PRODUCT = 10_000  # nested {m,n} bounds multiplied together

_BASE_PROBE_CHARS = "a1 ,.-x"
_SHORT, _LONG = 30, 3_000


class UnsafePattern(ValueError):
    """A pattern that does not compile or backtracks catastrophically."""


class PatternTimeout(Exception):
    """A search that exceeded its time limit. Its message says which pattern,
    on how much text, and how long it was allowed."""

    def __init__(self, pattern: str, timeout: float, length: int) -> None:
        self.pattern = pattern
        self.timeout = timeout
        self.length = length
        shown = pattern if len(pattern) <= 80 else pattern[:77] + "..."
        super().__init__(
            f"a search took over {timeout:g} s (regular expression '{shown}' on {length:,} characters of text)"
        )


def compile_pattern(pattern: str, *, ignore_case: bool = True) -> Any:
    """Compile an untrusted pattern; raise UnsafePattern with a clear reason."""
    import regex

    if not isinstance(pattern, str):
        raise UnsafePattern(f"a pattern must be a string, not {type(pattern).__name__}")
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise UnsafePattern(f"regular expression is {len(pattern):,} characters long (limit {MAX_PATTERN_LENGTH:,})")
    product = repeat_product(pattern)
    if product > MAX_REPEAT_PRODUCT:
        raise UnsafePattern(
            f"regular expression {pattern!r} nests counted repeats too deeply "
            f"(up to {product:,} repetitions; limit {MAX_REPEAT_PRODUCT:,})"
        )
    flags = regex.IGNORECASE if ignore_case else 0
    try:
        compiled = regex.compile(pattern, flags | regex.VERSION1)
    except (regex.error, TypeError, ValueError, OverflowError, RecursionError, MemoryError) as e:
        raise UnsafePattern(f"invalid regular expression {pattern!r}: {e}") from None
    for probe in probes(pattern):
        if _times_out(compiled, probe, PROBE_TIMEOUT) and _times_out(compiled, probe, PROBE_CONFIRM_TIMEOUT):
            raise UnsafePattern(
                f"regular expression {pattern!r} backtracks catastrophically "
                f"(a {len(probe):,}-character probe took over {PROBE_CONFIRM_TIMEOUT}s); "
                "avoid nested quantifiers such as (a+)+ and overlapping alternatives such as (a|a)+"
            )
    return compiled


_TRUSTED: ContextVar[bool] = ContextVar("lintkit_trusted_patterns", default=False)


@contextmanager
def trusted() -> Iterator[None]:
    """Skip load-time validation for the packs shipped with lintkit.

    Probing every shipped pattern costs about a third of a second per process
    (most of a one-file run); the shipped packs are probed once, in the test
    suite (``tests/test_packs_shipped.py``), instead. Match-time timeouts still
    apply to every pattern, trusted or not.
    """
    token = _TRUSTED.set(True)
    try:
        yield
    finally:
        _TRUSTED.reset(token)


def validate_pattern(pattern: str) -> str:
    """Pydantic after-validator: the pattern is checked, the string is kept."""
    if not _TRUSTED.get():
        compile_pattern(pattern)
    return pattern


# For pack models: ``pattern: SafePatternStr``.
SafePatternStr = Annotated[str, AfterValidator(validate_pattern)]


def _times_out(compiled: Any, probe: str, timeout: float) -> bool:
    try:
        compiled.search(probe, timeout=timeout)
    except TimeoutError:
        return True
    return False


def probes(pattern: str) -> list[str]:
    """Hostile strings for ``pattern``: runs of one character it can match,
    words separated by what it may split on, each ending in a character that
    forces the match to fail and backtrack. Each also comes after a string
    that matches the pattern's leading part, so that a prefix such as
    ``see a doctor`` is passed and the slow part behind it is reached."""
    chars = list(dict.fromkeys(_BASE_PROBE_CHARS + "".join(c for c in pattern if c.isalnum())[:8]))
    tails: list[str] = []
    for n in (_SHORT, _LONG):
        tails += [c * n + "!" for c in chars]
        tails += ["ab" * (n // 2) + "!", "word " * (n // 5) + "!", "a," * (n // 2) + "\n"]
    return tails + [p + t for p in _prefixes(pattern) for t in tails]


_MAX_PREFIXES = 3


def _prefixes(pattern: str) -> list[str]:
    """Strings matching the top-level items before each repeated item (at
    most a few), made with the standard library's pattern parser. Syntax only
    the ``regex`` module knows gives no prefixes; the plain probes still run."""
    import re._parser as sre  # type: ignore[import-not-found]

    try:
        items = list(sre.parse(pattern))
    except Exception:  # any parser complaint: this is only a heuristic
        return []
    out: list[str] = []
    for k, (op, _) in enumerate(items):
        if k and op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.SUBPATTERN, sre.BRANCH):
            try:
                text = _example(items[:k], sre, 0)
            except (ValueError, RecursionError):
                break
            if text and text not in out:
                out.append(text)
            if len(out) >= _MAX_PREFIXES:
                break
    return out


def _example(items: list[Any], sre: Any, depth: int) -> str:
    """One short string that ``items`` (a parsed pattern) matches."""
    if depth > 20:
        raise ValueError("too deep")
    out: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            out.append(chr(av))
        elif op is sre.NOT_LITERAL:
            out.append("b" if av != ord("b") else "c")
        elif op is sre.ANY:
            out.append("a")
        elif op is sre.IN:
            out.append(_class_example(av, sre))
        elif op is sre.BRANCH:
            out.append(_example(list(av[1][0]), sre, depth + 1))
        elif op is sre.SUBPATTERN:
            out.append(_example(list(av[-1]), sre, depth + 1))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            lo, _hi, sub = av
            out.append(_example(list(sub), sre, depth + 1) * max(1, min(lo, 5)))
        elif op is sre.ATOMIC_GROUP:
            out.append(_example(list(av), sre, depth + 1))
        # AT (anchors), ASSERT, GROUPREF and the like add nothing
    return "".join(out)


def _class_example(av: Any, sre: Any) -> str:
    for op, v in av:
        if op is sre.LITERAL:
            return chr(v)
        if op is sre.RANGE:
            return chr(v[0])
        if op is sre.CATEGORY:
            return {"CATEGORY_DIGIT": "1", "CATEGORY_SPACE": " "}.get(str(v), "a")
    return "a"


_COUNTED = re.compile(r"\{(\d*)(?:,(\d*))?\}")


def repeat_product(pattern: str) -> int:
    """An upper estimate of how many times the innermost atom repeats when
    counted repeats nest: ``(?:a{10}){20}`` → 200. Open-ended ``{m,}`` counts
    as ``m``; ``*`` and ``+`` count as 1 (the probes catch their backtracking)."""
    # stack of the largest repeat weight seen inside each open group
    stack: list[int] = [1]
    last = 1  # weight of the previous atom, which a quantifier applies to
    i, n = 0, len(pattern)
    best = 1
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            last = 1
            i += 2
            continue
        if ch == "[":
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            last = 1
            i = j + 1
            continue
        if ch == "(":
            stack.append(1)
            last = 1
        elif ch == ")":
            inner = stack.pop() if len(stack) > 1 else 1
            last = inner
        elif ch == "{":
            m = _COUNTED.match(pattern, i)
            if m and (m.group(1) or m.group(2)):
                hi = m.group(2)
                bound = int(hi) if hi else int(m.group(1) or "0")
                weight = last * max(bound, 1)
                stack[-1] = max(stack[-1], weight)
                best = max(best, weight)
                i = m.end()
                last = weight
                continue
            last = 1
        else:
            last = 1
        stack[-1] = max(stack[-1], last)
        i += 1
    return max(best, *stack)


def _limit(timeout: float | None) -> float:
    # read at call time, so that tests can lower or raise the limit
    return MATCH_TIMEOUT if timeout is None else timeout


def finditer(compiled: Any, text: str, timeout: float | None = None) -> list[Any]:
    """All matches, bounded in time (``MATCH_TIMEOUT`` by default); raises
    :class:`PatternTimeout` when the limit is reached."""
    limit = _limit(timeout)
    try:
        return list(compiled.finditer(text, timeout=limit))
    except TimeoutError:
        raise PatternTimeout(str(compiled.pattern), limit, len(text)) from None


def search(compiled: Any, text: str, timeout: float | None = None) -> Any:
    """The first match or None, bounded in time like :func:`finditer`."""
    limit = _limit(timeout)
    try:
        return compiled.search(text, timeout=limit)
    except TimeoutError:
        raise PatternTimeout(str(compiled.pattern), limit, len(text)) from None
