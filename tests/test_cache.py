"""The content-hash cache: a cached run prints byte-for-byte what a cold run
prints, after nothing changed, after one file changed, after a rule pack
changed, in pre-commit mode, and when the cache is corrupt or hostile."""

from __future__ import annotations

import dataclasses
import os
import pickle
import shutil
from pathlib import Path

import pytest

from lintkit import cache, packs, parallel
from lintkit.cli import main

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-06-01"
CONFIG = "content: [docs]\nrule_packs: [packs]\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with the sample articles and variants of them, so cross-file
    rules (terminology consistency, contradictions) have pairs to compare."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for p in sorted((ROOT / "content").glob("*.md")):
        text = p.read_text(encoding="utf-8")
        (docs / p.name).write_text(text, encoding="utf-8")
        (docs / f"copy-{p.name}").write_text(text.replace("doctor", "physician") + "\nSee your GP.\n", encoding="utf-8")
    (tmp_path / "packs").mkdir()
    (tmp_path / "lintkit.yaml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def json_report(project: Path, *args: str) -> bytes:
    """The JSON report's bytes (also used by test_parallel)."""
    out = project / "out.json"
    out.unlink(missing_ok=True)
    code = main(["check", "--format", "json", "-o", str(out), "--today", TODAY, *args])
    assert code in (0, 1), f"exit {code}"
    return out.read_bytes()


def lint(project: Path, *args: str) -> bytes:
    return json_report(project, "--jobs", "1", *args)


def cold(project: Path, *args: str) -> bytes:
    return lint(project, "--no-cache", *args)


def n_docs(project: Path) -> int:
    return len(list((project / "docs").glob("*.md")))


def test_warm_run_is_identical_and_all_from_cache(project: Path) -> None:
    expected = cold(project)
    assert not (project / ".lintkit_cache").exists()  # --no-cache writes nothing
    assert lint(project) == expected  # fills the cache
    assert parallel.last_stats["computed"] == n_docs(project)
    assert lint(project) == expected
    assert parallel.last_stats == {"files": n_docs(project), "hits": n_docs(project), "computed": 0, "workers": 0}


def test_one_changed_file_is_recomputed_alone(project: Path) -> None:
    lint(project)
    f = project / "docs" / "sciatica.md"
    f.write_text(f.read_text(encoding="utf-8") + "\nCall 911 if you cannot feel your legs.\n", encoding="utf-8")
    expected = cold(project)
    assert lint(project) == expected
    assert parallel.last_stats["computed"] == 1
    assert lint(project) == expected
    assert parallel.last_stats["computed"] == 0


def test_precommit_run_checks_one_file_against_the_cached_corpus(project: Path) -> None:
    one = "docs/copy-numbness-in-legs.md"
    expected = cold(project, one)
    lint(project)  # cache the whole corpus
    assert lint(project, one) == expected
    assert parallel.last_stats["computed"] == 0
    f = project / one
    f.write_text(f.read_text(encoding="utf-8").replace("numbness", "numbnes"), encoding="utf-8")
    expected = cold(project, one)
    assert lint(project, one) == expected
    assert parallel.last_stats["computed"] == 1


def test_rule_pack_change_invalidates_everything(project: Path) -> None:
    lint(project)
    pack = project / "packs" / "terminology"
    pack.mkdir()
    (pack / "extra.yaml").write_text(
        'well_known_acronyms:\n  - acronym: GP\n    expansion: general practitioner\n    source: "test pack"\n',
        encoding="utf-8",
    )
    expected = cold(project)
    assert lint(project) == expected
    assert parallel.last_stats["computed"] == n_docs(project)


def test_fingerprint_change_invalidates_everything(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = lint(project)
    monkeypatch.setattr(packs, "fingerprint", lambda project: "another pack set")
    assert lint(project) == expected
    assert parallel.last_stats["computed"] == n_docs(project)


def test_settings_and_selection_are_part_of_the_key(project: Path) -> None:
    lint(project)
    expected = cold(project, "--select", "SCH,ENC")
    assert lint(project, "--select", "SCH,ENC") == expected
    assert parallel.last_stats["computed"] == n_docs(project)
    assert lint(project, "--today", "2031-01-01") == cold(project, "--today", "2031-01-01")
    assert parallel.last_stats["computed"] == n_docs(project)


def _index(project: Path) -> Path:
    (idx,) = (project / ".lintkit_cache" / "v1").glob("*.idx")
    return idx


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "wrong-format"])
def test_corrupt_cache_is_a_miss_not_an_error(project: Path, damage: str) -> None:
    expected = lint(project)
    idx = _index(project)
    data = idx.read_bytes()
    idx.write_bytes(
        {
            "truncate": data[: len(data) // 2],
            "garbage": os.urandom(200),
            "empty": b"",
            "wrong-format": pickle.dumps(("lintkit-cache-0", {})),
        }[damage]
    )
    assert lint(project) == expected
    assert parallel.last_stats["computed"] == n_docs(project)
    assert lint(project) == expected  # rewritten
    assert parallel.last_stats["computed"] == 0


class _Evil:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch pwned",))


def test_cache_never_runs_code(project: Path) -> None:
    expected = lint(project)
    idx = _index(project)
    idx.write_bytes(pickle.dumps((cache.FORMAT, {"docs/sciatica.md": _Evil()})))
    assert lint(project) == expected
    assert not (project / "pwned").exists()
    # an entry whose result part is hostile is a miss too
    fmt, entries = pickle.loads(idx.read_bytes())
    sha, ref, _, findings = entries["docs/sciatica.md"]
    entries["docs/sciatica.md"] = (sha, ref, pickle.dumps(_Evil()), findings)
    idx.write_bytes(pickle.dumps((fmt, entries)))
    assert lint(project) == expected
    assert not (project / "pwned").exists()


def test_unwritable_cache_folder_only_costs_time(project: Path) -> None:
    (project / ".lintkit_cache").write_text("not a folder", encoding="utf-8")
    expected = cold(project)
    assert lint(project) == expected


def test_cache_folder_is_ignored_by_git(project: Path) -> None:
    lint(project)
    assert (project / ".lintkit_cache" / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")
    assert (project / ".lintkit_cache" / "CACHEDIR.TAG").is_file()


def test_concurrent_saves_merge(project: Path) -> None:
    from lintkit.config import load_project

    p = load_project()
    a = cache.Cache.for_project(p, frozenset({"SCH001"}))
    b = cache.Cache.for_project(p, frozenset({"SCH001"}))
    a.put("one.md", ("1" * 64, False, b"a", b"b"))
    b.put("two.md", ("2" * 64, False, b"c", b"d"))
    a.save()
    b.save()  # sees that a saved meanwhile and keeps its entry
    c = cache.Cache.for_project(p, frozenset({"SCH001"}))
    assert set(c.entries) == {"one.md", "two.md"}
    assert not list(c.path.parent.glob("*.tmp"))


def test_old_configurations_are_pruned(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "KEEP_INDEXES", 2)
    for today in ("2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"):
        lint(project, "--today", today)
    assert len(list((project / ".lintkit_cache" / "v1").glob("*.idx"))) == 2


def test_code_change_invalidates(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = lint(project)
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "edited rule")
    assert lint(project) == expected
    assert parallel.last_stats["computed"] == n_docs(project)


def test_results_survive_encoding(project: Path) -> None:
    from lintkit.config import load_project
    from lintkit.engine import Selection
    from lintkit.pipeline import process_file

    p = load_project()
    sel = Selection(p)
    for f in sorted((project / "docs").glob("*.md")):
        res = process_file(f, f"docs/{f.name}", p, sel.run)
        corpus, findings = cache.encode(res)
        assert cache.decode(corpus, findings) == res
        back = cache.decode(corpus, None)
        assert back.findings == [] and back.summaries == res.summaries and back.meta == res.meta


def test_reference_flag_is_part_of_the_entry(project: Path) -> None:
    (project / "refs").mkdir()
    shutil.copy(project / "docs" / "sciatica.md", project / "refs" / "sciatica.md")
    (project / "lintkit.yaml").write_text(CONFIG + "references: [refs]\n", encoding="utf-8")
    expected = cold(project)
    assert lint(project) == expected
    assert lint(project) == expected
    assert parallel.last_stats["computed"] == 0


def test_results_with_internal_errors_are_not_kept(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lintkit.checks import REGISTRY
    from lintkit.registry import Check, Scope

    def broken(doc: object, ctx: object) -> list[object]:
        raise RuntimeError("flaky rule")

    chk = next(c for c in REGISTRY.checks if c.scope is Scope.DOCUMENT)
    monkeypatch.setattr(REGISTRY, "checks", (*REGISTRY.checks, Check(broken, chk.rules, chk.scope)))
    out = project / "out.json"
    assert main(["check", "--format", "json", "-o", str(out), "--today", TODAY, "--jobs", "1"]) == 2
    assert parallel.last_stats["computed"] == n_docs(project)
    main(["check", "--format", "json", "-o", str(out), "--today", TODAY, "--jobs", "1"])
    assert parallel.last_stats["computed"] == n_docs(project)  # computed again, not replayed


# --- the syllable memo -----------------------------------------------------------


def _memo(project: Path) -> Path:
    from lintkit import syllables

    return syllables.memo_path(project / ".lintkit_cache")


@pytest.fixture
def fresh_syllables(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process's syllable state as a new process has it."""
    from lintkit import syllables

    monkeypatch.setattr(syllables, "_MEMO", {})
    monkeypatch.setattr(syllables, "_NEW", {})
    monkeypatch.setattr(syllables, "_MEMO_PATH", None)
    syllables.count.cache_clear()


def test_known_words_are_counted_without_loading_the_dictionaries(
    project: Path, fresh_syllables: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lintkit import syllables

    lint(project)
    counts = __import__("json").loads(_memo(project).read_text(encoding="utf-8"))["counts"]
    assert counts["numbness"] == 2 and counts["sciatica"] == syllables._count("sciatica")
    # a pre-commit run on an edited file whose words are all known
    one = project / "docs" / "sciatica.md"
    text = one.read_text(encoding="utf-8")
    one.write_text(text + "\n" + text.split("\n\n")[-2] + "\n", encoding="utf-8")
    expected = cold(project, "docs/sciatica.md")

    def unavailable(*a: object) -> None:
        raise AssertionError("a dictionary was loaded for a known word")

    monkeypatch.setattr(syllables, "_MEMO_PATH", None)  # as a new process: read the file again
    monkeypatch.setattr(syllables, "_MEMO", {})
    syllables.count.cache_clear()
    monkeypatch.setattr(syllables, "_load", unavailable)
    monkeypatch.setattr(syllables, "_lookup", unavailable)
    monkeypatch.setattr(syllables, "hyphenator", unavailable)
    assert lint(project, "docs/sciatica.md") == expected
    assert parallel.last_stats["computed"] == 1


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b"[1, 2]", b'{"format": "other", "counts": {"numbness": 7}}', b'{"format": 1}'],
)
def test_damaged_syllable_memo_is_ignored(project: Path, fresh_syllables: None, damage: bytes) -> None:
    from lintkit import syllables

    expected = cold(project)
    cache._mark(project / ".lintkit_cache")  # a cache folder of lintkit's own
    (project / ".lintkit_cache" / "v1").mkdir(parents=True)
    _memo(project).write_bytes(damage)
    assert lint(project) == expected
    # and the run replaced it with a good one
    assert syllables._read_memo(_memo(project))["numbness"] == 2


def test_syllable_memo_keeps_only_word_counts(tmp_path: Path) -> None:
    from lintkit import syllables

    p = tmp_path / "memo.json"
    p.write_text('{"format": "lintkit-syllables-1", "counts": {"a": 1, "b": "2", "c": true, "d": -1, "e": [3]}}')
    assert syllables._read_memo(p) == {"a": 1}


def test_selected_families_skip_unused_summaries(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Per-file summaries feed only the cross-file rules; with none of those
    selected they are not built, and a cache filled by such a run still
    gives a full run exactly what a cold full run gives."""
    import json

    from lintkit.checks import REGISTRY

    full = json.loads(cold(project))
    rf = json.loads(cold(project, "--select", "RF"))
    assert rf["findings"] == [f for f in full["findings"] if f["code"].startswith("RF")] != []

    called: list[str] = []
    saved = dict(REGISTRY.collectors)
    for name, col in saved.items():

        def spy(*a: object, _name: str = name, _func: object = col.func) -> object:
            called.append(_name)
            return _func(*a)  # type: ignore[operator]

        monkeypatch.setitem(REGISTRY.collectors, name, dataclasses.replace(col, func=spy))  # undone after the test
    cold(project, "--select", "RF,RDB,ENC,SCH,TRM001,TRM002")
    lint(project, "--select", "RF")  # fills the cache for that selection
    assert called == []
    cold(project, "--select", "CON001")
    assert called and set(called) == {"claims"}
    REGISTRY.collectors.update(saved)
    assert json.loads(lint(project)) == full
