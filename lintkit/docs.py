"""Rule documentation, rendered from the registry (the one place it is written):
``lintkit rule CODE`` and ``lintkit rules``. The README table and
``docs/rules.md`` are generated from the same functions by
``tools/gen_docs.py``."""

from __future__ import annotations

from .findings import FAMILIES
from .registry import Rule

SECTIONS = ("What it does", "Why it matters", "Example", "Use instead", "Options", "Fix")


def render_rule(rule: Rule, heading: str = "#") -> str:
    fix = f"yes, with {rule.fix_flags}" if rule.fixable else "no"
    parts = [
        f"{heading} {rule.code} {rule.name}",
        "",
        f"Family: {rule.family} · Default severity: {rule.severity.value} · Fixable: {fix}",
        "",
        f"{heading}# What it does",
        "",
        rule.summary,
        "",
        f"{heading}# Why it matters",
        "",
        rule.why,
        "",
        f"{heading}# Example",
        "",
        "```markdown",
        rule.example,
        "```",
        "",
        f"{heading}# Use instead",
        "",
        "```markdown",
        rule.instead,
        "```",
        "",
        f"{heading}# Options",
        "",
        rule.options,
        "",
        f"{heading}# Fix",
        "",
        rule.fix + (f" Applied by {rule.fix_flags}." if rule.fixable else ""),
        "",
    ]
    return "\n".join(parts)


def _sorted(rules: dict[str, Rule]) -> list[Rule]:
    order = list(FAMILIES)
    return sorted(rules.values(), key=lambda r: (order.index(r.code.rstrip("0123456789")), r.code))


def _first_sentence(text: str) -> str:
    # the document model's splitter knows "e.g." and "vs." do not end a sentence
    from .document import split_sentences

    parts = split_sentences(text)
    return parts[0].text if parts else text


def render_list(rules: dict[str, Rule]) -> str:
    lines = []
    for r in _sorted(rules):
        fix = f" (fix: {r.fix_flags.replace('`', '')})" if r.fixable else ""
        lines.append(f"{r.code:<7} {r.name:<40} {r.severity.value}{fix}")
    return "\n".join(lines) + "\n"
