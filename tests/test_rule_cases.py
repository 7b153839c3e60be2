"""Every rule's pass/fail/fix cases from tests/cases/*.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
from casesupport import Case, check_expectations, load_cases, project_for, run_case

from lintkit.engine import lint_text
from lintkit.fix import fix_text

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    findings, fixed = run_case(case, tmp_path)
    check_expectations(case, findings)
    if "fixed" in case.data:
        assert fixed == case.data["fixed"], f"{case.id}: fixed text differs"
        # idempotent: fixing the fixed text changes nothing
        select = case.data.get("select") or [case.rule]
        again = lint_text(fixed, "case.md", project_for(case, tmp_path), select=select)
        assert fix_text(fixed, again)[0] == fixed, f"{case.id}: a second --fix changed the text"
