"""Shared helpers for the report-format tests (sarif, github, junit, html,
baseline): real reports from the engine, and a hand-made report that does not
depend on any rule family's progress.

The golden files of content/ in every format are checked by
tests/test_golden.py (``LINTKIT_UPDATE_GOLDEN=1 pytest tests/test_golden.py``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lintkit.checks import REGISTRY
from lintkit.config import load_project
from lintkit.engine import run
from lintkit.findings import Edit, FileReport, Finding, Fix, Related, Report, Severity
from lintkit.formatters import RenderOptions, get

REPO = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 6, 1)


def read_source(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")


def engine_report(root: Path, paths: list[str] | None = None) -> tuple[Report, RenderOptions]:
    """Lint ``paths`` (default: ``root`` itself) with cwd ``root``; options carry
    the file texts and the rule metadata, as the CLI passes them."""
    project = load_project(cwd=root, today=TODAY)
    targets = [root / p for p in paths] if paths else [root]
    report = run(project, targets, cwd=root, use_cache=False).report
    wanted = {fr.path for fr in report.files} | {r.path for f in report.findings for r in f.related}
    sources = {p: read_source(root / p) for p in wanted if (root / p).is_file()}
    return report, RenderOptions(sources=sources, rules=REGISTRY.rules)


def content_report() -> tuple[Report, RenderOptions]:
    """The sample articles in ``content/``, linted from the repository root."""
    return engine_report(REPO, ["content"])


SYNTHETIC_SOURCES = {
    "articles/a.md": (
        "---\n"
        "title: Leg pain\n"
        "content_type: symptom\n"
        "---\n"
        "# Leg pain\n"
        "\n"
        'Peripheral vascular disease (PVD) is common, 50% of cases: see "below".\n'
        "Guillain-BarrĂ© syndrome is rare.\n"
        "Sciatica is usually temporary.\n"
    ),
    "articles/b c.md": "# Sciatica\n\nSciatica is usually permanent.\n",
}


def synthetic_report() -> tuple[Report, RenderOptions]:
    """Every shape a formatter must handle: three severities, a fix, a
    contradiction with a related location, characters that need escaping in
    every format (``%``, ``:``, ``,``, quotes, newlines, ``<``), a path with a
    space, a file without findings, and an info finding without a snippet."""
    a, b = "articles/a.md", "articles/b c.md"
    findings = (
        Finding(
            "TRM001",
            "discouraged-term",
            "terminology",
            Severity.WARNING,
            a,
            7,
            1,
            7,
            34,
            "'Peripheral vascular disease (PVD)' is not a synonym of peripheral artery disease: "
            "say 'peripheral artery disease (PAD)'",
            fix=Fix(
                "Replace with 'peripheral artery disease (PAD)'",
                (Edit(7, 1, 7, 34, "Peripheral artery disease (PAD)"),),
                "unsafe",
            ),
            snippet="# Leg pain\n\nPeripheral vascular disease (PVD) is common",
        ),
        Finding(
            "ENC002",
            "mojibake",
            "encoding",
            Severity.ERROR,
            a,
            8,
            14,
            8,
            16,
            "mojibake 'Ă©' should be 'é' (100% sure, line 8)\nsecond line <b>",
            fix=Fix("Replace 'Ă©' with 'é'", (Edit(8, 14, 8, 16, "é"),)),
            snippet="\nGuillain-BarrĂ© syndrome is",
        ),
        Finding(
            "CON001",
            "conflicting-claim",
            "contradictions",
            Severity.WARNING,
            a,
            9,
            13,
            9,
            30,
            "'usually temporary' contradicts 'usually permanent' in articles/b c.md",
            related=(Related(b, 3, 13, 3, 30, "says sciatica is usually permanent"),),
            snippet="Sciatica is usually temporary.",
        ),
        Finding(
            "RDB001",
            "reading-grade",
            "readability",
            Severity.INFO,
            b,
            1,
            1,
            1,
            1,
            "reading grade 13.2 is above the target 8 for patients",
        ),
    )
    files = (
        FileReport(
            a,
            {
                "readability": {
                    "words": 30,
                    "sentences": 3,
                    "smog": 11.2,
                    "fkgl": 9.8,
                    "fre": 52.1,
                    "target": 8,
                    "sections": [{"title": "Leg pain", "line": 5, "words": 30, "smog": 11.2, "fkgl": 9.8}],
                }
            },
        ),
        FileReport(
            b,
            {
                "readability": {
                    "words": 5,
                    "sentences": 1,
                    "smog": None,
                    "fkgl": None,
                    "fre": None,
                    "sections": [{"title": "Sciatica", "line": 1, "words": 5, "smog": None, "fkgl": None}],
                }
            },
        ),
        FileReport("articles/clean.md", {}),
    )
    report = Report(findings, files, "9.9.9")
    return report, RenderOptions(sources=SYNTHETIC_SOURCES, rules=REGISTRY.rules)


def render(fmt: str, report: Report, options: RenderOptions) -> str:
    return get(fmt)(report, options)
