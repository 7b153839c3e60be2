"""Patterns from rule packs and config are untrusted: validate them at load
and bound every match in time (the ``regex`` module's timeout), so a pack with
catastrophic backtracking becomes a clear error, never a hung CI job."""

from __future__ import annotations

from typing import Any

MATCH_TIMEOUT = 0.25  # seconds per search over one block of text
_PROBES = ("a" * 28 + "!", "ab" * 20 + "!", " " * 40 + "x", "1" * 30 + "a", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")


class UnsafePattern(ValueError):
    """A pattern that does not compile or backtracks catastrophically."""


def compile_pattern(pattern: str, *, ignore_case: bool = True) -> Any:
    """Compile an untrusted pattern; raise UnsafePattern with a clear reason."""
    import regex

    flags = regex.IGNORECASE if ignore_case else 0
    try:
        compiled = regex.compile(pattern, flags | regex.VERSION1)
    except (regex.error, TypeError, ValueError, OverflowError, RecursionError) as e:
        raise UnsafePattern(f"invalid regular expression {pattern!r}: {e}") from None
    for probe in _PROBES:
        try:
            compiled.search(probe, timeout=0.05)
        except TimeoutError:
            raise UnsafePattern(
                f"regular expression {pattern!r} backtracks catastrophically (timed out on a short probe)"
            ) from None
    return compiled


def finditer(compiled: Any, text: str, timeout: float = MATCH_TIMEOUT) -> list[Any]:
    """All matches, or an empty list if the search exceeds ``timeout``."""
    try:
        return list(compiled.finditer(text, timeout=timeout))
    except TimeoutError:
        return []
