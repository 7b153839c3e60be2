"""What the docs call fixable is exactly what a flag applies.

Every rule's documentation says whether it has fixes and which flags apply
them (``Rule.fixable`` and ``Rule.fix_safety``: ``--fix`` for safe fixes,
``--fix --unsafe-fixes`` for unsafe ones). Here the fixes that each rule's
cases (``tests/cases``) and doc example actually emit are held to that."""

from __future__ import annotations

from pathlib import Path

import pytest
from casesupport import load_cases, run_case

from lintkit.checks import REGISTRY
from lintkit.engine import lint_text

RULES = REGISTRY.rules
CASES = load_cases()
ALLOWED = {"safe": {"safe"}, "unsafe": {"unsafe"}, "mixed": {"safe", "unsafe"}}


def emitted(code: str, tmp_path: Path) -> set[str]:
    """The applicability of every fix ``code`` emits on its cases and its doc example."""
    seen: set[str] = set()
    for i, case in enumerate(c for c in CASES if c.rule == code):
        tmp = tmp_path / str(i)
        tmp.mkdir()
        findings, _ = run_case(case, tmp)
        seen |= {f.fix.applicability for f in findings if f.code == code and f.fix is not None}
    example = lint_text(RULES[code].example, "example.md", select=[code])
    seen |= {f.fix.applicability for f in example if f.code == code and f.fix is not None}
    return seen


@pytest.mark.parametrize("code", sorted(RULES))
def test_docs_say_which_flag_applies_each_rules_fixes(code: str, tmp_path: Path) -> None:
    rule = RULES[code]
    seen = emitted(code, tmp_path)
    if not rule.fixable:
        assert not seen, f"{code} emits {sorted(seen)} fixes but its docs say it has none (set fixable=True)"
        return
    assert seen, f"{code} says it is fixable, but none of its cases or its example gets a fix"
    assert seen <= ALLOWED[rule.fix_safety], (
        f"{code} emits {sorted(seen)} fixes; its docs say {rule.fix_safety} ({rule.fix_flags})"
    )
    if rule.fix_safety == "mixed":
        assert seen == {"safe", "unsafe"}, f"{code} says some fixes are safe and some unsafe; its cases show {seen}"
