"""Meta-tests over the registry: every rule is documented and has cases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from casesupport import load_cases

from lintkit.checks import REGISTRY
from lintkit.config import load_project
from lintkit.engine import lint_text, run
from lintkit.findings import FAMILIES
from tools.gen_docs import main as docs_main

RULES = REGISTRY.rules
CHECKS = REGISTRY.checks
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
    assert docs_main(["--check"]) == 0, "run: python tools/gen_docs.py --write"


# Examples that are not Markdown text (bytes, sizes, permissions): each names
# the case that covers the rule instead.
NOT_TEXT_EXAMPLES = {
    "ENC001": "bytes that are not UTF-8: tests/cases/ENC001.yaml",
    "ENC003": "NUL bytes: tests/cases/ENC003.yaml",
    "ENC004": "a file over max_file_size: tests/cases/ENC004.yaml",
    "ENC005": "an unreadable file: tests/test_command_line.py::test_unreadable_and_vanished_files",
}
_FILE_PART = re.compile(r"^`([\w./-]+\.md)`: ", re.M)
_DIRECTIVE_CODES = re.compile(r"lintkit-disable[\w-]* ([A-Z]+\d{3})")


def _lint_example(text: str, code: str, tmp_path: Path) -> list[str]:
    """The codes found in a doc example: one document, or several written as
    paragraphs that start with "`name.md`: " (files under ``references/``
    are the project's reviewed references)."""
    # a suppression is judged only on rules that ran: run the ones it names too
    select = [code, *(c for c in _DIRECTIVE_CODES.findall(text) if c in RULES)]
    if not _FILE_PART.search(text):
        return [f.code for f in lint_text(text, "example.md", select=select)]
    parts = _FILE_PART.split(text)[1:]
    for name, body in zip(parts[::2], parts[1::2], strict=True):
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("---\ntitle: Example\ncontent_type: condition\n---\n\n" + body.strip() + "\n", encoding="utf-8")
    refs = "references: [references]\n" if (tmp_path / "references").is_dir() else ""
    (tmp_path / "lintkit.yaml").write_text(refs, encoding="utf-8")
    project = load_project(cwd=tmp_path)
    files = [p for p in sorted(tmp_path.rglob("*.md")) if "references" not in p.relative_to(tmp_path).parts]
    res = run(project, files, cwd=tmp_path, select=select, use_cache=False, jobs=1)
    return [f.code for f in res.report.findings]


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_docs_example_triggers_and_instead_passes(code: str, tmp_path: Path) -> None:
    """What ``lintkit rule CODE`` shows is true: its example is flagged and
    what it says to write instead is not."""
    rule = RULES[code]
    if code in NOT_TEXT_EXAMPLES:
        assert code in {c.rule for c in CASES} or "::" in NOT_TEXT_EXAMPLES[code]
        return
    assert code in _lint_example(rule.example, code, tmp_path / "example"), f"{code}: the example is not flagged"
    assert code not in _lint_example(rule.instead, code, tmp_path / "instead"), f"{code}: 'Use instead' is flagged"
