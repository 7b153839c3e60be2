"""The per-file phase in worker processes gives exactly what one process gives."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest
from test_cache import json_report

from lintkit import parallel

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(4):
        for p in sorted((ROOT / "content").glob("*.md")):
            text = p.read_text(encoding="utf-8")
            (docs / f"{p.stem}-{i}.md").write_text(f"{text}\n<!-- copy {i} -->\n", encoding="utf-8")
    (tmp_path / "lintkit.yaml").write_text("content: [docs]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


lint = json_report


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use workers even for the dozen files of these tests."""
    monkeypatch.setattr(parallel, "MIN_FILES_PER_WORKER", 2)
    monkeypatch.setattr(parallel, "CHUNK", 2)


def test_workers_match_one_process(project: Path, small_chunks: None) -> None:
    one = lint(project, "--no-cache", "--jobs", "1")
    assert parallel.last_stats["workers"] == 0
    two = lint(project, "--no-cache", "--jobs", "2")
    assert parallel.last_stats["workers"] == 2
    assert two == one
    assert json.loads(one)["files_checked"] == 12


def test_results_from_workers_are_cached(project: Path, small_chunks: None) -> None:
    expected = lint(project, "--no-cache", "--jobs", "1")
    assert lint(project, "--jobs", "2") == expected
    assert parallel.last_stats["computed"] == 12
    assert lint(project, "--jobs", "2") == expected
    assert parallel.last_stats["computed"] == 0 and parallel.last_stats["workers"] == 0


def test_precommit_with_workers(project: Path, small_chunks: None) -> None:
    one = "docs/sciatica-2.md"
    expected = lint(project, "--no-cache", "--jobs", "1", one)
    assert lint(project, "--no-cache", "--jobs", "2", one) == expected


def test_few_files_stay_in_process(project: Path) -> None:
    lint(project, "--no-cache", "--jobs", "8")
    assert parallel.last_stats["workers"] == 0  # 12 files: forking would cost more


def _crash(chunk: list[parallel.Job]) -> None:
    os._exit(3)  # a worker killed mid-run (out of memory, signal)


def test_dead_worker_falls_back_to_this_process(
    project: Path, small_chunks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = lint(project, "--no-cache", "--jobs", "1")
    monkeypatch.setattr(parallel, "_work", _crash)
    assert lint(project, "--no-cache", "--jobs", "2") == expected


def test_timings_hook(project: Path, small_chunks: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from lintkit import pipeline

    expected = lint(project, "--no-cache", "--jobs", "1")
    out = project / "timings.json"
    monkeypatch.setenv(parallel.TIMINGS_ENV, str(out))
    # the hook sets the pipeline's observer and the module keeps state: restore both
    monkeypatch.setattr(pipeline, "_observer", None)
    monkeypatch.setattr(parallel, "_TIMES", None)
    monkeypatch.setattr(parallel.atexit, "register", lambda *a: None)
    assert lint(project, "--no-cache", "--jobs", "2") == expected
    parallel._dump_times(str(out))  # the real run writes it at exit
    seconds = json.loads(out.read_text(encoding="utf-8"))["seconds"]
    families = {label.split(":")[1] for label in seconds if label != "file"}
    assert {"schema", "encoding"} <= families
    assert seconds["file"] > 0
    assert any(label.startswith("document:") for label in seconds)


def test_file_results_pickle(project: Path) -> None:
    from lintkit.config import load_project
    from lintkit.engine import Selection
    from lintkit.pipeline import process_file

    p = load_project()
    sel = Selection(p)
    for f in sorted((project / "docs").glob("*.md"))[:3]:
        res = process_file(f, f"docs/{f.name}", p, sel.run)
        assert pickle.loads(pickle.dumps(res)) == res


def test_default_jobs() -> None:
    assert parallel.default_jobs() >= 1


def test_spawned_workers_match(project: Path, small_chunks: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """What runs when fork is not safe (threads, macOS, Windows)."""
    import multiprocessing

    expected = lint(project, "--no-cache", "--jobs", "1")
    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    assert lint(project, "--no-cache", "--jobs", "2") == expected
    assert parallel.last_stats["workers"] == 2


def test_the_command_writes_everything_before_its_fast_exit(project: Path) -> None:
    """``python -m lintkit`` skips the interpreter's teardown (``cli.entry``):
    the report, piped or written to a file, is complete and exit handlers
    such as the timings hook still run."""
    import subprocess
    import sys

    out = project / "timings.json"
    env = {**os.environ, parallel.TIMINGS_ENV: str(out), "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    cmd = [sys.executable, "-m", "lintkit", "check", "--no-cache", "--format", "json"]
    piped = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True)
    assert piped.returncode in (0, 1), piped.stderr
    assert json.loads(piped.stdout)["files_checked"] > 0
    assert json.loads(out.read_text(encoding="utf-8"))["seconds"]["file"] > 0
    written = subprocess.run([*cmd, "-o", "report.json"], cwd=project, env=env, capture_output=True, text=True)
    assert written.returncode == piped.returncode
    assert (project / "report.json").read_text(encoding="utf-8") == piped.stdout


CONFLATION = "\nPeripheral vascular disease (PVD), also called PAD, narrows arteries.\n"


@pytest.fixture
def overlap(monkeypatch: pytest.MonkeyPatch) -> None:
    """Check changed files beside the cache decoding even for a dozen files."""
    monkeypatch.setattr(parallel, "OVERLAP_MIN_HITS", 3)


def test_changed_files_checked_beside_the_cache_decoding(project: Path, overlap: None) -> None:
    one = "docs/sciatica-2.md"
    cold_all, cold_one = lint(project, "--no-cache", "--jobs", "1"), lint(project, "--no-cache", "--jobs", "1", one)
    assert lint(project, "--jobs", "2") == cold_all  # fills the cache
    p = project / one
    p.write_text(p.read_text(encoding="utf-8") + CONFLATION, encoding="utf-8")
    expected = lint(project, "--no-cache", "--jobs", "1", one)
    assert expected != cold_one and b"TRM002" in expected
    assert lint(project, "--jobs", "2", one) == expected
    assert parallel.last_stats == {"files": 12, "hits": 11, "computed": 1, "workers": 1}
    # its result was cached by the worker's encoding: a warm run computes nothing
    assert lint(project, "--jobs", "2", one) == expected
    assert parallel.last_stats["computed"] == 0
    # --jobs 1 never starts a process
    p.write_text(p.read_text(encoding="utf-8") + "\nAnd another.\n", encoding="utf-8")
    lint(project, "--jobs", "1", one)
    assert parallel.last_stats["workers"] == 0 and parallel.last_stats["computed"] == 1


def test_changed_file_checked_here_when_the_worker_dies(
    project: Path, overlap: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = "docs/numbness-in-legs-1.md"
    lint(project, "--jobs", "1")
    p = project / one
    p.write_text(p.read_text(encoding="utf-8") + CONFLATION, encoding="utf-8")
    expected = lint(project, "--no-cache", "--jobs", "1", one)
    monkeypatch.setattr(parallel, "_work", _crash)
    assert lint(project, "--jobs", "2", one) == expected
    assert parallel.last_stats["computed"] == 1


def test_damaged_entry_found_while_the_worker_runs_is_computed(
    project: Path, overlap: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lintkit import cache

    lint(project, "--jobs", "1")
    p = project / "docs/sciatica-3.md"
    p.write_text(p.read_text(encoding="utf-8") + CONFLATION, encoding="utf-8")
    expected = lint(project, "--no-cache", "--jobs", "1")
    real = cache.decode

    def flaky(corpus: bytes, findings: bytes | None, *, trusted: bool = False) -> object:
        if not trusted and b"sciatica-0" in corpus:
            raise pickle.UnpicklingError("damaged")
        return real(corpus, findings, trusted=trusted)

    monkeypatch.setattr(cache, "decode", flaky)
    assert lint(project, "--jobs", "2") == expected
    assert parallel.last_stats["computed"] == 2 and parallel.last_stats["workers"] == 1


def test_words_counted_by_workers_reach_the_syllable_memo(
    project: Path, small_chunks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lintkit import syllables

    def memo_after(*args: str) -> dict[str, int]:
        import shutil

        shutil.rmtree(project / ".lintkit_cache", ignore_errors=True)
        monkeypatch.setattr(syllables, "_MEMO", {})
        monkeypatch.setattr(syllables, "_NEW", {})
        monkeypatch.setattr(syllables, "_MEMO_PATH", None)
        syllables.count.cache_clear()
        lint(project, *args)
        return syllables._read_memo(syllables.memo_path(project / ".lintkit_cache"))

    one = memo_after("--jobs", "1")
    assert parallel.last_stats["workers"] == 0 and len(one) > 300
    assert memo_after("--jobs", "2") == one
    assert parallel.last_stats["workers"] == 2


def _stat(pid: int | str) -> list[str]:
    """Fields of /proc/PID/stat after the command name (state, parent, …); [] when gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def _state(pid: int) -> str:
    return (_stat(pid) or ["Z"])[0]  # a process that is gone counts as exited


def _children(pid: int) -> list[int]:
    return [int(d.name) for d in Path("/proc").glob("[0-9]*") if _stat(d.name)[1:2] == [str(pid)]]


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux's /proc and prctl")
def test_workers_exit_when_the_parent_is_killed(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    docs = tmp_path / "docs"
    docs.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "content").glob("*.md"))]
    for i in range(900):
        (docs / f"a{i}.md").write_text(f"{texts[i % len(texts)]}\n<!-- {i} -->\n", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "lintkit", "check", "--no-cache", "--jobs", "2", "--format", "json", "docs"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 30
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
            workers = _children(proc.pid)
        assert len(workers) >= 2, "the pool never started"
        time.sleep(0.3)  # let the workers finish starting
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 10
        alive = workers
        while alive and time.monotonic() < deadline:
            time.sleep(0.1)
            alive = [w for w in workers if _state(w) != "Z"]
        assert not alive, f"workers {alive} outlived their killed parent"
    finally:
        proc.kill()
        for w in workers:  # orphans are not the dead parent's children any more
            if _state(w) != "Z":
                os.kill(w, signal.SIGKILL)
