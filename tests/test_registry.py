"""Meta-tests over the registry: every rule is documented and has cases."""

from __future__ import annotations

import re

import pytest
from casesupport import load_cases

from lintkit.docs import main as docs_main
from lintkit.findings import FAMILIES
from lintkit.registry import CHECKS, RULES, load

load()
CASES = load_cases()

# Codes whose failing case needs a real file-system situation a YAML case
# cannot express; each names the Python test that covers it.
PYTHON_CASES = {
    "ENC005": "tests/test_command_line.py::test_unreadable_and_vanished_files",
}


def test_registry_is_not_empty() -> None:
    assert {r.family for r in RULES.values()} >= {"schema", "encoding"}


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_is_well_formed(code: str) -> None:
    r = RULES[code]
    assert re.fullmatch(r"(SCH|ENC|TRM|RF|RDB|CON)\d{3}", code)
    assert r.family == FAMILIES[code.rstrip("0123456789")]
    for field in ("summary", "why", "example", "instead", "options", "fix"):
        assert getattr(r, field).strip(), f"{code} has no {field}"
    assert r.summary.rstrip().endswith((".", ")")), f"{code}: summary should be a sentence"
    assert any(code in c.codes for c in CHECKS), f"{code} is registered by no check"


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_has_failing_and_passing_cases(code: str) -> None:
    mine = [c for c in CASES if c.rule == code]
    if code in PYTHON_CASES:
        return
    assert mine, f"{code} has no tests/cases/{code}.yaml"
    assert any(c.failing for c in mine), f"{code} has no failing case"
    assert any(not c.data.get("expect") for c in mine), f"{code} has no passing (near-miss) case"


def test_rule_names_are_unique() -> None:
    names = [r.name for r in RULES.values()]
    assert len(names) == len(set(names))


def test_case_files_name_registered_rules() -> None:
    assert {c.rule for c in CASES} <= set(RULES)


def test_generated_docs_are_fresh() -> None:
    assert docs_main(["--check"]) == 0, "run: python -m lintkit.docs --write"
