"""Running the data-driven rule cases in tests/cases/<CODE>.yaml.

Case file format (see docs/DEVELOPING.md):

    rule: TRM001
    cases:
      - name: flags the discouraged term
        text: |            # one document, linted alone as case.md
          ...
        expect:            # exact set of findings of the selected codes
          - {code: TRM001, line: 5, column: 3, end_column: 6, message: "substring"}
        fixed: |           # optional: the text after applying safe fixes
          ...
      - name: near miss
        files:             # several documents (cross-file rules), written to a temp folder
          a.md: "..."
          b.md: "..."
        report: [a.md]     # optional: only these are passed (pre-commit mode); default all
        expect:
          - {path: a.md, code: TRM005, line: 3, column: 1}

Instead of `text`, `latin1: "..."` or `utf16: "..."` give the document as
bytes in that encoding (YAML escapes such as "\xe9" and "\0" work).

Optional per case: config (settings, as in lintkit.yaml), today (ISO date,
default 2026-06-01), select (codes; default the file's rule).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from lintkit.config import Project, Settings
from lintkit.engine import lint_bytes, lint_text, run
from lintkit.findings import Finding
from lintkit.fix import fix_text

CASES_DIR = Path(__file__).parent / "cases"
DEFAULT_TODAY = dt.date(2026, 6, 1)


@dataclass
class Case:
    rule: str
    name: str
    data: dict[str, Any]
    source: Path

    @property
    def id(self) -> str:
        return f"{self.rule}: {self.name}"

    @property
    def failing(self) -> bool:
        return any(e.get("code") == self.rule for e in self.data.get("expect") or [])


def load_cases() -> list[Case]:
    out = []
    for f in sorted(CASES_DIR.glob("*.yaml")):
        doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        for c in doc.get("cases", []):
            out.append(Case(doc["rule"], c["name"], c, f))
    return out


def project_for(case: Case, root: Path) -> Project:
    cfg = dict(case.data.get("config") or {})
    today = case.data.get("today") or DEFAULT_TODAY
    if isinstance(today, str):
        today = dt.date.fromisoformat(today)
    return Project(Settings.model_validate(cfg), root, root / "lintkit.yaml", today)


def key(f: Finding, with_path: bool) -> tuple[Any, ...]:
    return ((f.path,) if with_path else ()) + (f.code, f.line, f.column)


def run_case(case: Case, tmp: Path) -> tuple[list[Finding], str | None]:
    """Lint the case; return the findings and, for single-text cases, the
    text after safe fixes."""
    select = case.data.get("select") or [case.rule]
    project = project_for(case, tmp)
    if "text" in case.data:
        text = case.data["text"]
        findings = lint_text(text, "case.md", project, select=select)
        fixed, _ = fix_text(text, findings)
        return findings, fixed
    for enc in ("latin1", "utf16"):
        if enc in case.data:
            # a document in another encoding (for the encoding family)
            raw = case.data[enc].encode("latin-1" if enc == "latin1" else "utf-16")
            return lint_bytes(raw, "case.md", project, select=select), None
    files: dict[str, str] = case.data["files"]
    for name, body in files.items():
        p = tmp / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(body, encoding="utf-8")
    report = case.data.get("report")
    paths = [tmp / p for p in (report or files)]
    # corpus = every file of the case; only `report` files are reported
    project = Project(project.settings.model_copy(update={"content": ["."]}), tmp, tmp / "lintkit.yaml", project.today)
    res = run(project, paths, cwd=tmp, select=select, use_cache=False)
    return list(res.report.findings), None


def check_expectations(case: Case, findings: list[Finding]) -> None:
    expect = case.data.get("expect") or []
    with_path = "files" in case.data
    got = sorted(key(f, with_path) for f in findings)
    want = sorted(((e["path"],) if with_path else ()) + (e["code"], e["line"], e["column"]) for e in expect)
    assert got == want, f"{case.id}\n got:  {got}\n want: {want}\n" + "\n".join(
        f"  {f.path}:{f.line}:{f.column} {f.code} {f.message}" for f in findings
    )
    by_key = {key(f, with_path): f for f in findings}
    for e in expect:
        f = by_key[((e["path"],) if with_path else ()) + (e["code"], e["line"], e["column"])]
        if "end_line" in e:
            assert f.end_line == e["end_line"], f"{case.id}: end_line {f.end_line} != {e['end_line']}"
        if "end_column" in e:
            assert f.end_column == e["end_column"], f"{case.id}: end_column {f.end_column} != {e['end_column']}"
        if "message" in e:
            assert e["message"] in f.message, f"{case.id}: {e['message']!r} not in {f.message!r}"
        if "related" in e:
            assert len(f.related) == e["related"], f"{case.id}: {len(f.related)} related, want {e['related']}"
