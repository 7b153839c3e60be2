"""The HTML report escapes everything that comes from content: file names,
front matter, prose, messages that quote the text, source snippets."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import run_cli, write_project

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '"><svg onload=alert(3)>',
    "javascript:alert(4)",
    "</textarea></style></title><script>alert(5)</script>",
    "<!--",
    "&lt;script&gt;",
]


def _hostile_article(p: str) -> str:
    q = p.replace("'", "''")  # inside single-quoted YAML
    return (
        f"---\ntitle: '{q}'\ncontent_type: symptom\ntopics: ['{q}']\nreviewed_by: '{q}'\n---\n\n"
        f"# {p} chest pain\n\n"
        f"PVD {p} is {p} peripheral vascular disease. Guillain-BarrĂ© {p}.\n\n"
        f"- [{p}]({p})\n- `{p}` <b>{p}</b>\n\n| {p} | x |\n|---|---|\n| y | {p} |\n"
    )


def test_html_report_escapes_hostile_content(tmp_path: Path) -> None:
    write_project(tmp_path)
    for i, p in enumerate(PAYLOADS):
        (tmp_path / f"a{i}.md").write_text(_hostile_article(p), encoding="utf-8")
    (tmp_path / "<img src=x onerror=alert(9)>.md").write_text(_hostile_article("x"), encoding="utf-8")
    r = run_cli("check", "--format", "html", "--no-cache", cwd=tmp_path)
    assert "Traceback" not in r.err, r.err
    html = r.out
    assert "a0.md" in html and "onerror=alert(9)" not in html.replace("onerror=alert(9)&gt;", "")
    assert "&lt;script&gt;alert(1)" in html  # the content is in the report, escaped
    # the only scripts are lintkit's own, and no content reached an attribute or a tag
    for bad in ("<script>alert", "<img src=x", "<svg onload", "</textarea>", 'href="javascript:'):
        assert bad not in html, bad
    assert not re.search(r"<[a-z]+[^>]*\son(error|load)=", html)
    # no external resources: the report works offline
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
