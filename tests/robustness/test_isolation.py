"""A result that depends on timing never crosses files and is never cached
(issue 18, item 1).

A pattern search over its time limit (``saferegex.MATCH_TIMEOUT``) used to
switch that pattern off for the rest of the process: every file checked
after a slow one silently lost it, and those results were cached. Now the
check that searched gives up on that file only, the run says so on stderr,
and the slow file's result is not cached.

The slow pattern here is a user pack's warning sign ``(\\w+)\\s+\\1 twitching``:
it passes the load-time probes, but on a 30,000-letter word followed by
" twitching" it needs about 10^9 steps (seconds), so it reaches the 0.25 s
limit on any machine, while on an ordinary page it takes microseconds. A
page whose red-flag section names the sign ("zap zap twitching") has no
RF003; when the sign's search was switched off, it got a false one (the
issue's symptom).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lintkit import saferegex
from lintkit.checks import REGISTRY
from lintkit.config import load_project
from lintkit.engine import RunResult, run
from lintkit.registry import Scope

PACK = """\
topics:
  zap-fever:
    names: ["zap fever"]
    signs:
      - id: doubled-word
        label: a doubled word before 'twitching'
        urgency: emergency
        patterns: ['(\\w+)\\s+\\1 twitching']
        source: test pack
"""
CONFIG = "content: ['content']\nrule_packs: ['packs']\n"
HEAD = (
    "---\ntitle: Zap fever\ncontent_type: symptom\ntopics: [zap fever]\n---\n# Zap fever\n\n"
    "Zap fever makes you tired.\n\n## When to call 911\n\nCall 911 right away if you have:\n\n"
)
GOOD = HEAD + "- zap zap twitching\n"  # names the sign: no RF003
MISSING = HEAD + "- a headache\n"  # does not: RF003
SLOW_WORD = "x" * 30_000 + " twitching"
SLOW = HEAD + f"- {SLOW_WORD}\n"

# cross-file rules may rightly change B's findings when A is there
# (a contradiction between them); the per-file rules must not
CORPUS_CODES = frozenset(c for chk in REGISTRY.checks if chk.scope is Scope.CORPUS for c in chk.codes)


def project(root: Path, files: dict[str, str]) -> None:
    (root / "packs" / "redflags").mkdir(parents=True, exist_ok=True)
    (root / "packs" / "redflags" / "slow.yaml").write_text(PACK, encoding="utf-8")
    (root / "lintkit.yaml").write_text(CONFIG, encoding="utf-8")
    content = root / "content"
    content.mkdir(exist_ok=True)
    for name, text in files.items():
        (content / name).write_text(text, encoding="utf-8")


def lint(root: Path, *, use_cache: bool) -> RunResult:
    # one process, one file after another: the order in which a process-wide
    # switch would have leaked from one file to the next
    return run(load_project(cwd=root), [root / "content"], cwd=root, use_cache=use_cache, jobs=1)


def findings_of(res: RunResult, name: str) -> list[dict[str, Any]]:
    return [f.to_dict() for f in res.report.findings if f.path == f"content/{name}" and f.code not in CORPUS_CODES]


def test_a_slow_file_does_not_change_the_next_files_findings(tmp_path: Path) -> None:
    # the sign is searched for: a page without it gets RF003
    project(tmp_path, {"b-missing.md": MISSING})
    assert [f["code"] for f in findings_of(lint(tmp_path, use_cache=False), "b-missing.md")] == ["RF003"]
    (tmp_path / "content" / "b-missing.md").unlink()
    project(tmp_path, {"b-good.md": GOOD})
    alone = findings_of(lint(tmp_path, use_cache=False), "b-good.md")
    assert not [f for f in alone if f["code"] == "RF003"], alone

    (tmp_path / "content" / "a-slow.md").write_text(SLOW, encoding="utf-8")
    res = lint(tmp_path, use_cache=False)
    # before: the sign's pattern timed out on a-slow.md and was switched off
    # for b-good.md, which got a false RF003
    assert findings_of(res, "b-good.md") == alone
    # the slow file: no red-flag finding (they would be half-checked), and a
    # note naming the file, the rules, the pattern and the time limit
    assert not [f for f in findings_of(res, "a-slow.md") if f["code"].startswith("RF")]
    (note,) = [n for n in res.notes if "a-slow.md" in n]
    assert note.startswith("content/a-slow.md: rules RF001, RF002, RF003, RF004, RF005 (red-flags) not checked")
    assert "took over 0.25 s" in note and "'(\\w+)\\s+\\1 twitching'" in note and "30,0" in note
    assert "not cached" in note and not res.errors


def test_a_slow_result_is_never_cached(tmp_path: Path) -> None:
    project(tmp_path, {"a-slow.md": SLOW, "b-good.md": GOOD})
    first = lint(tmp_path, use_cache=True)
    second = lint(tmp_path, use_cache=True)
    # b-good.md comes from the cache; a-slow.md is checked again, and says so again
    assert second.stats["hits"] == 1 and second.stats["computed"] == 1, second.stats
    assert any("a-slow.md" in n for n in second.notes)
    assert findings_of(second, "b-good.md") == findings_of(first, "b-good.md")
    # after the slow file is gone, the cache answers as a fresh run does
    (tmp_path / "content" / "a-slow.md").unlink()
    cached = lint(tmp_path, use_cache=True)
    assert cached.stats["hits"] == 1
    assert cached.report.to_dict() == lint(tmp_path, use_cache=False).report.to_dict()
    assert not cached.notes


def test_the_command_line_says_which_rules_gave_up(tmp_path: Path) -> None:
    project(tmp_path, {"a-slow.md": SLOW, "b-good.md": GOOD})
    r = run_cli("check", "--format", "json", "--jobs", "1", cwd=tmp_path)
    assert r.code == 0, r.err
    assert "Traceback" not in r.err
    lines = [ln for ln in r.err.splitlines() if "a-slow.md" in ln]
    assert len(lines) == 1 and lines[0].startswith("lintkit: warning: content/a-slow.md: rules RF001"), r.err
    assert not any(f["code"] == "RF003" and f["path"] == "content/b-good.md" for f in r.json["findings"])


# --- the issue's reproduction: shipped packs, a 1 MB page ---------------------------

GOOD_NUMB = """\
---
title: Leg numbness
content_type: symptom
audience: patient
locale: en-US
topics: [leg-numbness]
---
# Leg numbness

Numbness in the legs has many causes.

## When to call 911

Call 911 right away if you have:

- sudden numbness or weakness on one side of the body
- numbness around or under your genitals, or around your bottom (anus)
- trouble starting to pee, you cannot pee, or you cannot control when you pee
- you do not notice when you need to poo, or you cannot control it
- numbness that spreads quickly
- numbness with trouble breathing
- numbness with confusion, or trouble speaking or seeing
- numbness with passing out
"""
BIG_NUMB = GOOD_NUMB + "- numb numb numb numb numb numb numb numb\n" * 25_000


@pytest.mark.slow
def test_issue_reproduction_a_one_megabyte_list_beside_a_correct_page(tmp_path: Path) -> None:
    # Whether the big page's searches pass 0.25 s depends on the machine; on
    # either side of it, the correct page's findings must not change.
    (tmp_path / "lintkit.yaml").write_text("content: ['.']\nmax_file_size: 2000000\n", encoding="utf-8")
    (tmp_path / "z-good.md").write_text(GOOD_NUMB, encoding="utf-8")

    def good(*args: str) -> list[dict[str, Any]]:
        r = run_cli("check", "--format", "json", "--jobs", "1", *args, cwd=tmp_path, timeout=300)
        assert r.code in (0, 1) and "Traceback" not in r.err, r.err
        return [f for f in r.json["findings"] if f["path"] == "z-good.md"]

    alone = good("--no-cache")
    assert not [f for f in alone if f["code"] == "RF003"]
    (tmp_path / "a-big.md").write_text(BIG_NUMB, encoding="utf-8")
    assert good("--no-cache") == alone
    assert good() == alone  # fills the cache
    assert good() == alone  # from it
    (tmp_path / "a-big.md").unlink()
    assert good() == good("--no-cache") == alone


# --- the property ------------------------------------------------------------------

_ITEMS = ["zap zap twitching", "a headache", "sudden numbness on one side", SLOW_WORD]
_PROSE = ["A stroke can cause this.", "Rest helps, and so does drinking water.", "See a doctor if it lasts."]


@st.composite
def page(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["symptom", "symptom", "condition", "overview"]))
    topics = draw(st.sampled_from(["topics: [zap fever]\n", "topics: [zap fever]\n", "topics: [leg-numbness]\n", ""]))
    prose = draw(st.lists(st.sampled_from(_PROSE), max_size=2))
    # the doubled word and the slow word come up often, so that most examples
    # pair a slow file with a finding to lose
    items = draw(st.lists(st.sampled_from([*_ITEMS, _ITEMS[0], SLOW_WORD]), min_size=1, max_size=3))
    section = "## When to call 911\n\nCall 911 right away if you have:\n\n" + "".join(f"- {i}\n" for i in items)
    body = "\n\n".join([*prose, section])
    return f"---\ntitle: Page\ncontent_type: {kind}\n{topics}---\n# Page\n\n{body}"


# each example is four runs, some waiting out a 0.25 s time limit: a fifth
# of the suite's property examples (75 by default, 600 with --extended)
EXAMPLES = max(5, int(os.environ.get("LINTKIT_PROPERTY_EXAMPLES", "75")) // 5)


@pytest.mark.filterwarnings("ignore:Generating overly large repr")
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=page(), a_changed=page(), b=page())
@example(a=SLOW, a_changed=GOOD, b=GOOD)
@example(a=SLOW, a_changed=SLOW + "More rest.\n", b=GOOD)
def test_another_file_never_changes_a_files_findings(a: str, a_changed: str, b: str) -> None:
    """For any two files A and B, B's per-file findings are the same checked
    alone, checked after A in one process, from the cache after A changes,
    and from the cache after A is deleted."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        project(root, {"b.md": b})
        alone = findings_of(lint(root, use_cache=False), "b.md")
        project(root, {"a.md": a})
        assert findings_of(lint(root, use_cache=True), "b.md") == alone
        project(root, {"a.md": a_changed})
        res = lint(root, use_cache=True)
        assert findings_of(res, "b.md") == alone
        # b.md came from the cache, unless its own result depended on timing
        assert res.stats["hits"] >= 1 or any("b.md" in n for n in res.notes)
        (root / "content" / "a.md").unlink()
        assert findings_of(lint(root, use_cache=True), "b.md") == alone


def test_the_time_limit_is_read_at_each_search(monkeypatch: pytest.MonkeyPatch) -> None:
    slow = saferegex.compile_pattern(r"(\w+)\s+\1")
    with pytest.raises(saferegex.PatternTimeout) as e:
        saferegex.search(slow, "a" * 20_000)
    assert e.value.timeout == saferegex.MATCH_TIMEOUT and e.value.length == 20_000
    monkeypatch.setattr(saferegex, "MATCH_TIMEOUT", 0.05)
    with pytest.raises(saferegex.PatternTimeout, match=r"took over 0\.05 s"):
        saferegex.finditer(slow, "a" * 20_000)
    # nothing is remembered: the same pattern still matches other text
    assert saferegex.search(slow, "word word").group(0) == "word word"
