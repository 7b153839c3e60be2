"""Text from checked files cannot drive a terminal or a CI log (issue 18,
item 8). A front-matter key written as a YAML escape
(``"bad\\e]0;x\\akey\\n::set-env name=X::y"``) was echoed raw in SCH005: its
ESC and BEL reached the terminal, and its newline started an output line
with ``::set-env``, which GitHub Actions reads as a workflow command. A file
name holding a newline did the same.

Every human-readable output (text, github, junit, stderr) is checked line by
line: no control or invisible format character, no line that starts (after
spaces) with ``::`` unless it is one of lintkit's own annotations, and no
``##[`` (the runner reads that legacy prefix anywhere in a line).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CLEAN_TEXT, run_cli, write_project
from hypothesis import given, settings
from hypothesis import strategies as st

from lintkit.findings import FileReport, Finding, Fix, Related, Report, Severity, Span
from lintkit.formatters import RenderOptions, get
from lintkit.formatters._escape import path_at_line_start, printable, printable_with_columns

HOSTILE_KEY = 'title: Knee pain\ncontent_type: overview\n"bad\\e]0;x\\akey\\n::set-env name=X::y": 1\n'
# our own annotation lines, and nothing else, start with '::'
OWN_COMMAND = re.compile(r"::(error|warning|notice) file=[^\r\n]*::[^\r\n]*\Z")
# what must never reach an output line: controls (tab included: text output
# turns tabs into spaces), separators, bidi and invisible format characters
FORBIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)


def assert_safe(output: str, fmt: str) -> None:
    for line in output.split("\n"):
        bad = FORBIDDEN.search(line)
        assert bad is None, (fmt, line, bad)
        assert "##[" not in line, (fmt, line)
        if line.lstrip().startswith("::"):
            assert fmt == "github" and OWN_COMMAND.match(line), (fmt, line)
    if fmt == "github":
        assert all(OWN_COMMAND.match(line) for line in output.splitlines()), output


@pytest.mark.parametrize("fmt", ["text", "github", "junit"])
@pytest.mark.parametrize("quiet", [False, True], ids=["full", "quiet"])
def test_issue_reproduction_a_hostile_front_matter_key(tmp_path: Path, fmt: str, quiet: bool) -> None:
    write_project(tmp_path)
    (tmp_path / "page.md").write_text(f"---\n{HOSTILE_KEY}---\n\n# Knee pain\n\nRest helps.\n", encoding="utf-8")
    r = run_cli("check", "--no-cache", "--format", fmt, *(["--quiet"] if quiet else []), cwd=tmp_path)
    assert r.code == 1, r.err
    assert "SCH005" in r.out
    assert_safe(r.out, fmt)
    assert_safe(r.err, "stderr")
    # the key is still there for the reader, escaped (an annotation keeps the
    # line break as its own %0A)
    brk = "%0A" if fmt == "github" else "\\n"
    assert f"bad\\x1b]0;x\\x07key{brk}::set-env name=X::y" in r.out


NAMES = ["evil\n::set-env name=X::y.md", "::error::x.md", " ##[error]boom.md", "rtl\u202egnp.md", "bell\a.md"]


@pytest.mark.parametrize("fmt", ["text", "github", "junit"])
def test_file_names_with_line_breaks_and_commands(tmp_path: Path, fmt: str) -> None:
    write_project(tmp_path)
    for name in NAMES:
        (tmp_path / name).write_text("# No front matter\n\nText.\n", encoding="utf-8")
    # a warning on stderr that names a path: a link that is not followed
    (tmp_path / "link\n::warning::x.md").symlink_to(tmp_path / "sibling.md")
    r = run_cli("check", "--no-cache", "--format", fmt, cwd=tmp_path)
    assert r.code == 1, r.err
    assert_safe(r.out, fmt)
    assert_safe(r.err, "stderr")
    assert "symbolic link not followed" in r.err and "link\\n::warning::x.md" in r.err
    if fmt == "text":
        assert "./::error::x.md:1:1: SCH002" in r.out
        assert "evil\\n::set-env name=X::y.md:1:1: SCH002" in r.out


def test_the_caret_stays_under_the_span_after_escapes(tmp_path: Path) -> None:
    write_project(tmp_path)
    # mojibake after an ESC and a ##[ on the same line
    (tmp_path / "page.md").write_text(
        "---\ntitle: x\ncontent_type: overview\n---\n\n# T\n\nA \x1b[31m ##[x] Guillain-BarrĂ© syndrome.\n",
        encoding="utf-8",
    )
    r = run_cli("check", "--no-cache", "--select", "ENC002", cwd=tmp_path)
    lines = r.out.splitlines()
    src = next(i for i, line in enumerate(lines) if line.startswith("  8 |"))
    caret = lines[src + 1]
    col = caret.index("^")
    assert lines[src][col : col + 2] == "Ă©" and caret.count("^") == 2, r.out
    assert "A \\x1b[31m ##\\[x] Guillain-BarrĂ©" in lines[src]


def test_a_very_long_line_is_shown_as_a_window_with_the_caret_under_the_span(tmp_path: Path) -> None:
    write_project(tmp_path)
    # one 200,000-character line: the snippet must not escape it whole
    line = "A \x1b word. " * 8000 + "Guillain-BarrĂ© syndrome. " + "x" * 100_000
    (tmp_path / "page.md").write_text(
        "---\ntitle: x\ncontent_type: overview\n---\n\n# T\n\n" + line + "\n", encoding="utf-8"
    )
    r = run_cli("check", "--no-cache", "--select", "ENC002", cwd=tmp_path)
    lines = r.out.splitlines()
    src = next(i for i, text in enumerate(lines) if text.startswith("  8 |"))
    caret = lines[src + 1]
    col = caret.index("^")
    assert lines[src][col : col + 2] == "Ă©" and caret.count("^") == 2, r.out[:2000]
    assert lines[src].startswith("  8 | …") and lines[src].endswith("…")
    assert len(lines[src]) < 1600


def test_config_and_argument_errors_are_one_safe_line(tmp_path: Path) -> None:
    write_project(tmp_path, 'content: ["a\\nb"]\nlocale: "en\\e]0;x\\a-US\\n::set-env name=X::y"\n')
    r = run_cli("check", "--no-cache", cwd=tmp_path)
    assert r.code == 2
    assert_safe(r.err, "stderr")
    assert len(r.err.strip().splitlines()) == 1, r.err
    r = run_cli("rule", "X\n::set-env name=A::b", cwd=tmp_path)
    assert r.code == 2
    assert_safe(r.err, "stderr")


# --- the helpers, and every format on any text ----------------------------------------


def test_printable_keeps_ordinary_text_and_shows_the_rest() -> None:
    for plain in ["Guillain-Barré", "Ménière’s “disease” — 38 °C", "a\u00a0b", "👨\u200d👩\u200d👧", "العربية"]:
        assert printable(plain) == plain
    assert printable("a\x1b]0;x\x07b\nc\rd\te\x7f\x85\u2028\u202e\ufeff") == (
        "a\\x1b]0;x\\x07b\\nc\\rd\\te\\x7f\\x85\\u2028\\u202e\\ufeff"
    )
    assert printable("see ##[error]x and ::set-env") == "see ##\\[error]x and ::set-env"
    assert printable("a\nb\rc\x1b", keep_breaks=True) == "a\nb\rc\\x1b"
    assert path_at_line_start("content/a.md") == "content/a.md"
    assert path_at_line_start("::x.md") == "./::x.md"
    assert path_at_line_start("  x.md") == "./  x.md"
    assert path_at_line_start("é.md") == "é.md"


@settings(max_examples=300)
@given(st.text(max_size=30))
def test_printable_columns_map_every_character(text: str) -> None:
    shown, cols = printable_with_columns(text)
    assert shown == printable(text)
    assert len(cols) == len(text) + 1 and cols[0] == 0 and cols[-1] == len(shown)
    assert cols == sorted(cols)


_NASTY = st.lists(
    st.sampled_from(
        [*"ab :#[]%,\t\n\r\x1b\x07\x00\x85\u2028\u202e\ufeffé", "::", "##[", "::set-env name=X::y", "\n::error::"]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(path=_NASTY, message=_NASTY, related=_NASTY, fix=_NASTY, source=_NASTY)
def test_every_human_readable_format_is_safe_for_any_text(
    path: str, message: str, related: str, fix: str, source: str
) -> None:
    path = path or "x"
    f = Finding(
        "SCH005",
        "unknown-field",
        "schema",
        Severity.ERROR,
        path,
        1,
        1,
        1,
        3,
        message,
        related=(Related.at(related or "r", Span(1, 1, 1, 2), related),),
        fix=Fix(fix, ()),
    )
    report = Report((f,), (FileReport(path),), "1.0")
    options = RenderOptions(sources={path: source + "\nmore"})
    for fmt in ("text", "github", "junit"):
        assert_safe(get(fmt)(report, options), fmt)
    assert_safe(get("text")(report, options._replace(quiet=True)), "text")


def test_a_clean_page_is_shown_as_before(tmp_path: Path) -> None:
    write_project(tmp_path)
    (tmp_path / "page.md").write_text(CLEAN_TEXT, encoding="utf-8")
    r = run_cli("check", "--no-cache", "page.md", cwd=tmp_path)
    assert r.code == 0 and r.out == "No problems found in 1 file.\n"


def test_the_commands_stderr_escapes_every_write_but_its_own_line_control() -> None:
    import io

    from lintkit.cli import _SafeStderr

    inner = io.StringIO()
    err = _SafeStderr(inner)
    print("lintkit: warning: a\n::set-env name=X::y.md\x1b]0;x\x07: changed", file=err)
    err.write("\rlintkit: checked 3 of 9 files")
    err.write("\r\x1b[K")
    assert inner.getvalue() == (
        "lintkit: warning: a\\n::set-env name=X::y.md\\x1b]0;x\\x07: changed\n\rlintkit: checked 3 of 9 files\r\x1b[K"
    )
