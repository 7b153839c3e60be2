"""Hostile rule packs and configuration: invalid or catastrophic regular
expressions are refused at load with the pack file, line and entry; matching
is bounded in time; config paths cannot leave the project folder."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import lint, run_cli, write_project
from pydantic import BaseModel, ConfigDict

from lintkit import saferegex
from lintkit.config import ConfigError, load_project
from lintkit.packs import PackError, load_file
from lintkit.saferegex import SafePatternStr, UnsafePattern, compile_pattern

# Patterns that really are slow with the `regex` module (it survives the
# textbook (a*)*b). Exponential ones fail on the 30-character probe,
# polynomial ones only on the 3,000-character one.
CATASTROPHIC = [
    r"(a+)+$",
    r"(a|aa)+$",
    r"(a|a)+$",
    r"(\w+\s?)+$",
    r"(?:a+a+)+b",
    r"(x+x+)+y",
    r"(?:\s*,?\s*\w+)+$",
    r"(.*?,){11}P",
    r"(\w|\d)+$",
    r"\bsee a (?:doctor|nurse) (a|aa)+$",  # the slow part is only reached after the prefix
]
COMPILE_BOMBS = [r"(?:(?:(?:a{50}){50}){50}){50}", r"(?:a{1000}){1000}", r"(.*){1,32000}[bc]"]
INVALID = [r"(unclosed", r"[z-a]", r"*leading", r"\p{NoSuchProperty}", r"a{2,1}"]
GOOD = [
    r"\bchest pain\b",
    r"\b(?:PVD|peripheral vascular disease)\b",
    r"\d{1,3}(?:\.\d{1,3}){3}",
    r"call (?:911|999|112)",
    r"[A-Z]{2,6}s?",
    r"^#+\s*(when to|seek|get) (help|medical|urgent)",
    r"(?<!\w)mg/d[lL]",
    r"(\w+)\s+\1",
]


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_catastrophic_patterns_are_refused_at_load(pattern: str) -> None:
    start = time.perf_counter()
    with pytest.raises(UnsafePattern, match="backtracks catastrophically"):
        compile_pattern(pattern)
    assert time.perf_counter() - start < 3


@pytest.mark.parametrize("pattern", COMPILE_BOMBS)
def test_compile_bombs_are_refused_before_compiling(pattern: str) -> None:
    start = time.perf_counter()
    with pytest.raises(UnsafePattern, match="nests counted repeats"):
        compile_pattern(pattern)
    assert time.perf_counter() - start < 0.5  # compiling the first one takes seconds


@pytest.mark.parametrize("pattern", INVALID)
def test_invalid_patterns_are_refused(pattern: str) -> None:
    with pytest.raises(UnsafePattern, match="invalid regular expression"):
        compile_pattern(pattern)


def test_overlong_pattern_is_refused() -> None:
    with pytest.raises(UnsafePattern, match="characters long"):
        compile_pattern("a" * (saferegex.MAX_PATTERN_LENGTH + 1))


@pytest.mark.parametrize("pattern", GOOD)
def test_ordinary_patterns_are_accepted(pattern: str) -> None:
    assert compile_pattern(pattern).search("Call 911 for chest pain") is not None or True


@pytest.mark.parametrize(
    ("pattern", "product"),
    [
        ("a{3}", 3),
        ("(?:a{10}){20}", 200),
        (r"\d{1,3}(?:\.\d{1,3}){3}", 9),
        ("[{}]{5}", 5),
        (r"\{9999\}", 1),
        ("(a{2,}){3,}", 6),
        ("a{,7}", 7),
        ("((a{2}){3}){4}b{100}", 100),
    ],
)
def test_repeat_product(pattern: str, product: int) -> None:
    assert saferegex.repeat_product(pattern) == product


def test_match_time_is_bounded() -> None:
    # quadratic: passes the probes, but a 200,000-character word would take minutes
    slow = compile_pattern(r"(\w+)\s+\1")
    start = time.perf_counter()
    with pytest.raises(saferegex.PatternTimeout, match=r"took over 0\.1 s"):
        saferegex.finditer(slow, "a" * 200_000, timeout=0.1)
    assert time.perf_counter() - start < 1
    # nothing is switched off: the next search of other text still matches
    assert saferegex.search(slow, "word word") is not None


def test_finditer_returns_matches() -> None:
    c = compile_pattern(r"\bPVD\b")
    assert [m.start() for m in saferegex.finditer(c, "PVD and pvd")] == [0, 8]
    assert saferegex.search(c, "x PVD").start() == 2


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    pattern: SafePatternStr


class _Pack(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rules: list[_Entry]


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (r"(a+)+$", "backtracks catastrophically"),
        (r"(unclosed", "invalid regular expression"),
        (r"(?:a{1000}){1000}", "nests counted repeats"),
    ],
)
def test_bad_pattern_in_a_pack_names_file_line_and_entry(tmp_path: Path, bad: str, reason: str) -> None:
    pack = tmp_path / "terminology.yaml"
    pack.write_text(
        f"rules:\n  - id: good-one\n    pattern: '\\bPAD\\b'\n  - id: bad-one\n    pattern: '{bad}'\n",
        encoding="utf-8",
    )
    start = time.perf_counter()
    with pytest.raises(PackError) as e:
        load_file(pack, _Pack)
    assert time.perf_counter() - start < 3
    msg = str(e.value)
    assert str(pack) in msg and e.value.line == 5
    assert "rules.1.pattern" in msg and reason in msg


# --- configuration paths ------------------------------------------------------


@pytest.mark.parametrize("key", ["content", "references", "rule_packs"])
@pytest.mark.parametrize("value", ["../outside", "/etc", "content/../../x", "~/x/../../../../etc"])
def test_config_paths_outside_the_project_are_rejected(tmp_path: Path, key: str, value: str) -> None:
    root = tmp_path / "repo"
    write_project(root, f"locale: en-US\n{key}:\n  - content\n  - {value!r}\n")
    with pytest.raises(ConfigError) as e:
        load_project(cwd=root)
    msg = str(e.value)
    if value.startswith("~"):
        # "~" is not expanded, so "~/x/../../../../etc" resolves to <root>/../../etc
        pass
    assert "points outside the project folder" in msg and key in msg
    assert e.value.path and e.value.path.endswith("lintkit.yaml") and e.value.line == 4


def test_a_symlink_inside_the_project_that_points_outside_is_rejected(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (tmp_path / "secrets").mkdir()
    write_project(root, "content: ['docs']\n")
    (root / "docs").symlink_to(tmp_path / "secrets")
    with pytest.raises(ConfigError, match="points outside the project folder"):
        load_project(cwd=root)


def test_paths_inside_the_project_are_accepted(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write_project(root, "content: ['content', './a/../content']\nreferences: ['refs']\n")
    for folder in ("content", "a", "refs"):  # folders named in the config must exist
        (root / folder).mkdir()
    assert load_project(cwd=root).root == root.resolve()


# --- a hostile user pack through the whole run ------------------------------------

HOSTILE_REDFLAGS = "urgency_cues:\n  - '\\bcall now\\b'\n  - '(a|aa)+$'\n"
CHEST = "---\ntitle: Chest pain\ncontent_type: symptom\ntopics: [chest pain]\n---\n# Chest pain\n\nRest.\n"


def _hostile_pack_project(root: Path, pack: str = HOSTILE_REDFLAGS) -> Path:
    write_project(root, "content: ['content']\nrule_packs: ['packs']\n")
    (root / "packs" / "redflags").mkdir(parents=True)
    bad = root / "packs" / "redflags" / "bad.yaml"
    bad.write_text(pack, encoding="utf-8")
    (root / "content").mkdir()
    (root / "content" / "chest.md").write_text(CHEST, encoding="utf-8")
    return bad


def test_a_catastrophic_pattern_in_a_user_pack_stops_the_run_with_file_and_line(tmp_path: Path) -> None:
    # before: the PackError was caught as a rule bug ("internal error, please report")
    bad = _hostile_pack_project(tmp_path)
    start = time.perf_counter()
    with pytest.raises(PackError) as e:
        lint(tmp_path)
    assert time.perf_counter() - start < 10
    assert str(bad) in str(e.value) and e.value.line == 3
    assert "urgency_cues.1" in str(e.value) and "backtracks catastrophically" in str(e.value)


@pytest.mark.parametrize(
    ("pack", "line", "words"),
    [
        (HOSTILE_REDFLAGS, 3, "backtracks catastrophically"),
        ("urgency_cues:\n  - '(unclosed'\n", 2, "invalid regular expression"),
        ("urgency_cues: [ok\n", 2, "invalid YAML"),  # libyaml notices at the end of the file
        ("urgency_cues:\n  - !!python/object/apply:os.system ['echo pwned']\n", 2, "invalid YAML"),
        ("no_such_key: 1\n", 1, "unknown setting"),
    ],
    ids=["catastrophic", "invalid-regex", "bad-yaml", "python-tag", "unknown-key"],
)
def test_cli_reports_a_bad_pack_as_a_usage_error(tmp_path: Path, pack: str, line: int, words: str) -> None:
    bad = _hostile_pack_project(tmp_path, pack)
    r = run_cli("check", "--format", "json", "--no-cache", cwd=tmp_path)
    assert r.code == 2, (r.code, r.err)
    assert "Traceback" not in r.err and "internal error" not in r.err
    assert f"{bad}:{line}:" in r.err and words in r.err, r.err
    assert "pwned" not in r.out + r.err


def test_cli_rejects_config_paths_outside_the_project(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write_project(root, "content:\n  - ../../etc\n")
    r = run_cli("check", "--no-cache", cwd=root)
    assert r.code == 2 and "Traceback" not in r.err
    assert "lintkit.yaml:2:" in r.err and "points outside the project folder" in r.err


@pytest.mark.parametrize("value", ["../outside-cache", "/tmp/lintkit-hostile-cache", "sub/../../x"])
def test_cache_dir_outside_the_project_is_rejected(tmp_path: Path, value: str) -> None:
    # the cache is written: a config from a pull request must not choose where
    root = tmp_path / "repo"
    write_project(root, f"content: ['.']\ncache_dir: {value!r}\n")
    with pytest.raises(ConfigError) as e:
        load_project(cwd=root)
    assert "cache_dir" in str(e.value) and "points outside the project folder" in str(e.value)
    assert e.value.line == 2


def test_cache_dir_inside_the_project_is_accepted(tmp_path: Path) -> None:
    write_project(tmp_path, "content: ['.']\ncache_dir: .cache/lintkit\n")
    assert load_project(cwd=tmp_path).settings.cache_dir == ".cache/lintkit"
