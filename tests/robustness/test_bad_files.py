"""Every kind of bad content file becomes a finding (or a clear note) while
the other files in the same run are still checked — through the engine, as
``lintkit check`` runs it, with a project rooted in ``tmp_path``."""

from __future__ import annotations

import os
import resource
import threading
import time
import tracemalloc
from pathlib import Path

import pytest
from conftest import CLEAN_TEXT, SIBLING, assert_sibling_checked, codes_for, lint, write_project

from lintkit import engine

# name → (bytes, expected code, expected 1-based line, column of the finding)
CASES: dict[str, tuple[bytes, str, int, int]] = {
    "invalid-utf8": (b"---\ntitle: Caf\xe9\n---\n# Hi\n", "ENC001", 2, 11),
    "invalid-utf8-late": (
        ("---\ntitle: ok\n---\n\n# Héllo\n\n" + "x" * 100 + "\n").encode() + b"caf\xc3(\n",
        "ENC001",
        8,
        4,
    ),
    "utf16-le-bom": ("\ufeff---\ntitle: Hi\n---\n# Hi\n".encode("utf-16-le"), "ENC001", 1, 1),
    "utf16-be-bom": ("\ufeff---\ntitle: Hi\n---\n# Hi\n".encode("utf-16-be"), "ENC001", 1, 1),
    "nul-bytes": (b"---\ntitle: Hi\n---\n# Hi\x00there\n", "ENC003", 4, 5),
    "binary-png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "ENC003", 3, 1),
    "empty": (b"", "SCH002", 1, 1),
    "only-whitespace": (b"\n\n   \n", "SCH002", 1, 1),
    "front-matter-only": (b"---\ntitle: Only front matter\ncontent_type: overview\n---\n", "", 0, 0),
    "front-matter-only-unclosed-at-eof": (b"---\ntitle: x\n", "SCH001", 1, 1),
    "unterminated-front-matter": (b"---\ntitle: Hi\ncontent_type: overview\n\n# Body\n\nText.\n", "SCH001", 1, 1),
    "invalid-yaml": (b"---\ntitle: [unclosed\n---\n# Hi\n", "SCH001", 3, 1),
    "front-matter-not-a-mapping": (b"---\n- a\n- b\n---\n# Hi\n", "SCH001", 2, 1),
    "bom-then-front-matter": (("\ufeff" + CLEAN_TEXT).encode(), "", 0, 0),
    "lone-surrogate-escape": (b"---\ntitle: '\xed\xa0\x80'\n---\n", "ENC001", 2, 9),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_is_reported_and_others_still_checked(tmp_path: Path, name: str) -> None:
    raw, code, line, column = CASES[name]
    write_project(tmp_path)
    bad = f"{name}.md"
    (tmp_path / bad).write_bytes(raw)
    result = lint(tmp_path)
    assert bad in result.results, "the file was not checked at all"
    if code:
        found = [f for f in result.report.findings if f.path == bad and f.code == code]
        assert found, f"expected {code} on {bad}, got {[(f.code, f.message) for f in result.report.findings]}"
        assert (found[0].line, found[0].column) == (line, column), found[0]
        assert found[0].message
    else:
        assert not any(f.family in ("encoding",) for f in result.report.findings if f.path == bad)
    assert_sibling_checked(result)


@pytest.mark.parametrize(
    "name", ["invalid-utf8", "utf16-le-bom", "nul-bytes", "unterminated-front-matter", "invalid-yaml"]
)
def test_files_with_parse_errors_are_marked(tmp_path: Path, name: str) -> None:
    write_project(tmp_path)
    (tmp_path / "bad.md").write_bytes(CASES[name][0])
    assert lint(tmp_path).results["bad.md"].parse_error  # --fix never writes these


def test_every_bad_file_in_one_run(tmp_path: Path) -> None:
    write_project(tmp_path)
    for name, (raw, *_rest) in CASES.items():
        (tmp_path / f"{name}.md").write_bytes(raw)
    result = lint(tmp_path)
    for name, (_raw, code, _l, _c) in CASES.items():
        assert f"{name}.md" in result.results
        if code:
            assert code in codes_for(result, f"{name}.md"), name
    assert_sibling_checked(result)


# --- size ---------------------------------------------------------------------


def _sparse(path: Path, size: int, head: bytes = b"---\ntitle: big\n---\n# Big\n") -> None:
    # a hole-filled file: 50 MB on paper, a few bytes on disk, made in no time
    with open(path, "wb") as fh:
        fh.write(head)
        fh.truncate(size)


def test_50mb_file_is_refused_in_bounded_time_and_memory(tmp_path: Path) -> None:
    write_project(tmp_path)
    _sparse(tmp_path / "huge.md", 50 * 1024 * 1024)
    tracemalloc.start()
    start = time.perf_counter()
    result = lint(tmp_path)
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    found = [f for f in result.report.findings if f.path == "huge.md"]
    assert [f.code for f in found] == ["ENC004"], found
    assert "52,428,800 bytes" in found[0].message and "max_file_size" in found[0].message
    assert elapsed < 10, f"took {elapsed:.1f} s (limit 10 s)"
    assert peak < 30 * 1024 * 1024, f"peak {peak:,} bytes: the file was read whole"
    assert_sibling_checked(result)


def test_max_file_size_is_configurable(tmp_path: Path) -> None:
    write_project(tmp_path, "content: ['.']\nmax_file_size: 1000\n")
    (tmp_path / "small.md").write_text(CLEAN_TEXT, encoding="utf-8")
    (tmp_path / "big.md").write_text(CLEAN_TEXT + "Rest helps.\n" * 100, encoding="utf-8")
    result = lint(tmp_path)
    assert "ENC004" in codes_for(result, "big.md")
    assert "ENC004" not in codes_for(result, "small.md")
    assert "1,000-byte limit" in next(f.message for f in result.report.findings if f.code == "ENC004")
    assert_sibling_checked(result)


def test_a_file_just_under_the_limit_is_read(tmp_path: Path) -> None:
    body = CLEAN_TEXT.encode()
    write_project(tmp_path, f"content: ['.']\nmax_file_size: {len(body)}\n")
    (tmp_path / "exact.md").write_bytes(body)
    assert "ENC004" not in codes_for(lint(tmp_path), "exact.md")


# --- deep nesting ---------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "".join("  " * i + "- item\n" for i in range(10_000)),  # 10,000-deep list
        "> " * 10_000 + "deep quote\n",  # 10,000-deep block quote
        "".join(">" * i + " q\n" for i in range(1, 10_001)),  # deepening quotes line by line
        "- " * 10_000 + "x\n",  # 10,000 list markers on one line
        "[" * 10_000 + "link" + "](u)" * 10_000 + "\n",
        "*" * 10_000 + "emphasis" + "*" * 10_000 + "\n",
        "<div>" * 10_000 + "\n",
        "`" * 10_000 + "\n",
    ],
    ids=["list", "quote", "quote-lines", "list-one-line", "links", "emphasis", "html", "backticks"],
)
def test_deep_nesting_is_bounded(tmp_path: Path, body: str) -> None:
    write_project(tmp_path)
    (tmp_path / "deep.md").write_text(CLEAN_TEXT + "\n" + body, encoding="utf-8")
    start = time.perf_counter()
    result = lint(tmp_path)
    assert time.perf_counter() - start < 30
    assert "deep.md" in result.results
    for f in result.report.findings:
        assert f.line >= 1 and f.column >= 1
    assert_sibling_checked(result)


# --- the file system ------------------------------------------------------------


def test_symlink_loop(tmp_path: Path) -> None:
    write_project(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path / "sub")  # directory loop
    (tmp_path / "a.md").symlink_to(tmp_path / "b.md")  # file loop a → b → a
    (tmp_path / "b.md").symlink_to(tmp_path / "a.md")
    start = time.perf_counter()
    result = lint(tmp_path)
    assert time.perf_counter() - start < 10
    assert "a.md" not in result.results and "b.md" not in result.results
    assert any("symbolic link not followed" in n for n in result.notes)
    assert_sibling_checked(result)


def test_symlink_loop_with_follow_symlinks(tmp_path: Path) -> None:
    write_project(tmp_path, "content: ['.']\nfollow_symlinks: true\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.md").write_text(CLEAN_TEXT, encoding="utf-8")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path / "sub")
    (tmp_path / "a.md").symlink_to(tmp_path / "b.md")
    (tmp_path / "b.md").symlink_to(tmp_path / "a.md")
    start = time.perf_counter()
    result = lint(tmp_path)
    assert time.perf_counter() - start < 10
    assert "sub/page.md" in result.results
    assert not any(p.startswith("sub/loop/loop") for p in result.results)
    assert_sibling_checked(result)


@pytest.mark.parametrize("follow", [False, True])
def test_symlink_outside_the_repository_is_not_followed(tmp_path: Path, follow: bool) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("---\ntitle: secret\n---\nSECRET TOKEN\n", encoding="utf-8")
    repo = tmp_path / "repo"
    write_project(repo, f"content: ['.']\nfollow_symlinks: {str(follow).lower()}\n")
    (repo / "leak.md").symlink_to(outside / "secret.md")
    (repo / "leakdir").symlink_to(outside)
    result = lint(repo)
    assert not any("secret" in p or p.startswith("leak") for p in result.results), sorted(result.results)
    assert not any("SECRET" in f.message or "SECRET" in f.snippet for f in result.report.findings)
    assert any("leak.md" in n and "not followed" in n for n in result.notes)
    assert_sibling_checked(result)


def test_symlink_inside_the_repository_is_followed_only_when_asked(tmp_path: Path) -> None:
    write_project(tmp_path, "content: ['.']\nfollow_symlinks: true\n")
    (tmp_path / "real.md").write_bytes(b"")
    (tmp_path / "alias.md").symlink_to(tmp_path / "real.md")
    result = lint(tmp_path)
    assert "alias.md" in result.results and "SCH002" in codes_for(result, "alias.md")


def _make_unreadable(path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """chmod 000 where that blocks reads; as root (CI containers) it does not,
    so opening that one path is made to fail with EACCES instead."""
    path.chmod(0)
    if os.geteuid() != 0 and not os.access(path, os.R_OK):
        return "chmod"
    real_open = os.open

    def fake_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    return "monkeypatch"


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_project(tmp_path)
    locked = tmp_path / "locked.md"
    locked.write_text(CLEAN_TEXT, encoding="utf-8")
    how = _make_unreadable(locked, monkeypatch)
    try:
        result = lint(tmp_path)
    finally:
        locked.chmod(0o644)
    found = [f for f in result.report.findings if f.path == "locked.md"]
    assert [f.code for f in found] == ["ENC005"], (how, found)
    assert "Permission denied" in found[0].message
    assert result.results["locked.md"].parse_error
    assert_sibling_checked(result)


def test_a_directory_named_like_markdown(tmp_path: Path) -> None:
    write_project(tmp_path)
    (tmp_path / "folder.md").mkdir()
    (tmp_path / "folder.md" / "inner.md").write_text(CLEAN_TEXT, encoding="utf-8")
    result = lint(tmp_path)
    assert "folder.md/inner.md" in result.results
    assert_sibling_checked(result)


def test_fifo_named_like_markdown_does_not_hang(tmp_path: Path) -> None:
    write_project(tmp_path)
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)

    def valve() -> None:
        # if lintkit blocks opening the pipe, open its other end so the test
        # fails instead of hanging the whole test run
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:  # nobody is reading it: nothing to release
            pass

    timer = threading.Timer(5, valve)
    timer.daemon = True
    timer.start()
    start = time.perf_counter()
    try:
        result = lint(tmp_path)
    finally:
        timer.cancel()
    assert time.perf_counter() - start < 5, "blocked opening a FIFO"
    found = [f for f in result.report.findings if f.path == "pipe.md"]
    assert [f.code for f in found] == ["ENC005"] and "not a regular file" in found[0].message
    assert_sibling_checked(result)


def test_file_deleted_during_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_project(tmp_path)
    doomed = tmp_path / "doomed.md"
    doomed.write_text(CLEAN_TEXT, encoding="utf-8")
    real_targets = engine.targets

    def targets_then_delete(*args, **kwargs):  # type: ignore[no-untyped-def]
        out = real_targets(*args, **kwargs)
        doomed.unlink()  # discovered, then gone before it is read
        return out

    monkeypatch.setattr(engine, "targets", targets_then_delete)
    result = lint(tmp_path)
    found = [f for f in result.report.findings if f.path == "doomed.md"]
    assert [f.code for f in found] == ["ENC005"] and "disappeared" in found[0].message
    assert_sibling_checked(result)


def test_missing_path_on_the_command_line(tmp_path: Path) -> None:
    write_project(tmp_path)
    result = lint(tmp_path, [tmp_path / "nope.md", tmp_path / SIBLING])
    assert any("nope.md" in n and "no such file" in n for n in result.notes)
    assert_sibling_checked(result)


def test_file_descriptor_and_memory_use_stay_flat_over_many_files(tmp_path: Path) -> None:
    write_project(tmp_path)
    for i in range(300):
        (tmp_path / f"p{i:03}.md").write_bytes(CASES["invalid-utf8"][0] if i % 2 else CLEAN_TEXT.encode())
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    before = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 0
    result = lint(tmp_path)
    after = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 0
    assert after - before < 10 < soft  # no leaked file handles
    assert sum(1 for f in result.report.findings if f.code == "ENC001") == 150
    assert_sibling_checked(result)


def test_an_unreadable_folder_is_a_note_not_silence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_project(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.md").write_text(CLEAN_TEXT, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):  # type: ignore[no-untyped-def]  # as root, chmod 000 would not stop a listing
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = lint(tmp_path)
    assert any("locked" in n and "Permission denied" in n for n in result.notes), result.notes
    assert_sibling_checked(result)


def test_one_huge_paragraph_costs_about_as_much_as_many_small_ones(tmp_path: Path) -> None:
    words = "the patient may feel chest pain and numbness in legs PVD peripheral vascular disease call 911".split()
    sentences = [" ".join(words[(i * 7 + j) % len(words)] for j in range(15)) + "." for i in range(500)]  # ~45 kB
    head = "---\ntitle: Big\ncontent_type: symptom\n---\n# Big\n\n"
    timings = {}
    for name, sep in (("many", "\n\n"), ("one", " ")):
        root = tmp_path / name
        write_project(root)
        (root / "big.md").write_text(head + sep.join(sentences) + "\n", encoding="utf-8")
        start = time.perf_counter()
        result = lint(root)
        timings[name] = time.perf_counter() - start
        assert_sibling_checked(result)
    # same words, same size: one paragraph must not cost a multiple of many
    assert timings["one"] < 3 * timings["many"] + 1.0, timings
