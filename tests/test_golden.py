"""Golden snapshots of the sample content in every output format.

Regenerate after an intended change with
``LINTKIT_UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lintkit.checks import REGISTRY
from lintkit.config import load_project
from lintkit.engine import run
from lintkit.formatters import FORMATS, RenderOptions, get

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
TODAY = "2026-06-01"  # fixed so review-date rules do not drift
SUFFIX = {"text": "txt", "json": "json", "sarif": "sarif", "github": "github", "junit": "junit.xml", "html": "html"}
# HTML embeds the same data as the others; its structure is tested in test_html.py.
GOLDEN_FORMATS = [f for f in FORMATS if f != "html"]


def render_content(fmt: str) -> str:
    import datetime as dt

    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        project = load_project(today=dt.date.fromisoformat(TODAY))
        res = run(project, [ROOT / "content"], cwd=ROOT, use_cache=False)
    finally:
        os.chdir(cwd)
    sources = {p: (ROOT / p).read_text(encoding="utf-8") for p in res.results}
    return get(fmt)(res.report, RenderOptions(sources=sources, rules=REGISTRY.rules))


@pytest.mark.parametrize("fmt", GOLDEN_FORMATS)
def test_golden(fmt: str) -> None:
    path = GOLDEN / f"content.{SUFFIX[fmt]}"
    got = render_content(fmt)
    if os.environ.get("LINTKIT_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"missing {path}: run LINTKIT_UPDATE_GOLDEN=1 pytest tests/test_golden.py"
    assert got == path.read_text(encoding="utf-8"), f"{path.name} differs; review and regenerate if intended"
