"""Running the per-file phase over many files: cache first, then processes.

1. Every file is looked up in the content-hash cache (``lintkit.cache``) by
   its bytes; a hit costs a read, a hash and decoding the stored result (the
   findings only for files that are reported).
2. The misses run in this process when there are few (starting a worker
   costs more than a few files) and otherwise in a pool of worker processes.
   On Linux the workers are forked after this process has checked one file,
   so they inherit the imported families and the loaded rule packs instead
   of loading them again. Workers read the files themselves and send back
   the encoded result, which is also what the cache stores.
3. New results are saved to the cache in one atomic write.

Families may keep per-process state between runs (``registry.ProcessState``,
e.g. the syllable memo): it is opened before workers start, what each worker
learnt comes back with its results, and it is saved at the end. The runner
does not know what the state is.

Setting ``LINTKIT_TIMINGS=FILE`` makes the run write the CPU time spent in
each check and collector (summed over all processes) to FILE as JSON; the
benchmark uses it for its time per family. CPU time, not wall time, so that
other load on the machine does not inflate it. It costs nothing when unset.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import itertools
import json
import os
import signal
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from . import cache, pipeline
from .checks import REGISTRY
from .document import parse_text
from .pipeline import FileResult, Target, process_document, process_file, read_bytes
from .registry import Scope

if TYPE_CHECKING:
    from concurrent.futures import Future

    from .cache import Cache, Entry
    from .config import Project

# Below this many files per worker, starting processes costs more than it
# saves (measured with the default packs: ~5 ms per article, ~60 ms to fork a
# worker and collect its results).
MIN_FILES_PER_WORKER = 24
# Files per task: small enough that two workers finish together, large enough
# that inter-process traffic stays a small share of the work.
CHUNK = 32
TIMINGS_ENV = "LINTKIT_TIMINGS"

# Counts of the last ``process_all`` (tests and --verbose read them).
last_stats: dict[str, int] = {}
# Called with (files done, files in the run) as each computed result comes
# in, when set (the command's progress line on a terminal).
progress: Callable[[int, int], None] | None = None


class Job(NamedTuple):
    display: str
    path: str
    reference: bool
    reported: bool
    cacheable: bool  # False when the file could not be read: that is about the path, not the bytes


Blobs = tuple[bytes, bytes | None]
# what a worker sends back: each job's encoded result, its timings, and what
# each family's process state learnt (``ProcessState.take``)
Received = tuple[list[Blobs], dict[str, float], list[Any]]


def default_jobs() -> int:
    """Cores this process may use (respects CPU affinity, e.g. in containers)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def process_all(
    tlist: list[Target],
    project: Project,
    enabled: frozenset[str],
    *,
    jobs: int | None = None,
    use_cache: bool = True,
    overlay: dict[str, str] | None = None,
) -> dict[str, FileResult]:
    """The per-file result of every target, from the cache or computed.
    ``enabled``: every code that may be reported on any file (the engine
    filters per path afterwards)."""
    _install_timers()
    overlay = overlay or {}
    store = _open_cache(project, enabled) if use_cache else None
    if store is not None:
        for state in REGISTRY.states:  # before any fork: workers inherit it
            state.open(store.directory)
    results: dict[str, FileResult] = {}
    todo: list[Job] = []
    hits: list[tuple[Target, Entry]] = []
    workers = 0
    # the reported files first: when only a few of them changed (pre-commit),
    # a worker checks them while this process reads and decodes the rest
    reported = [t for t in tlist if t.reported]
    rest = [t for t in tlist if not t.reported]
    _lookup(reported, project, enabled, store, overlay, results, todo, hits)

    def load_rest() -> None:
        _lookup(rest, project, enabled, store, overlay, results, todo, hits)
        with _gc_paused():
            for t, entry in hits:
                res = store.load(entry, findings=t.reported) if store is not None else None
                if res is None:  # a damaged entry: compute the file after all
                    todo.append(_job(t, cacheable=True))
                else:
                    res.abspath = str(Path(t.path).absolute())
                    results[t.display] = res

    def load_rest_and_prepare() -> None:
        load_rest()
        # what the corpus phase needs next, loaded while the worker is busy
        REGISTRY.prepare(project, Scope.CORPUS)

    def compute_rest() -> Iterator[tuple[Job, FileResult, Blobs | None]]:
        nonlocal workers
        n = min(jobs or default_jobs(), len(todo) // MIN_FILES_PER_WORKER)
        n = n if n >= 2 else 0
        workers = max(workers, n)
        yield from _compute(todo, project, enabled, n, store is not None)

    computed: Iterator[tuple[Job, FileResult, Blobs | None]]
    if store is not None and _overlap(todo, len(hits) + len(rest), jobs):
        changed, todo = todo, []  # load_rest fills the new ``todo``: computed after
        workers = 1
        computed = itertools.chain(_beside(changed, project, enabled, True, load_rest_and_prepare), compute_rest())
    else:
        load_rest()
        computed = compute_rest()
    n_computed = 0
    for job, res, blobs in computed:
        n_computed += 1
        results[job.display] = res
        if progress is not None:
            progress(len(results), len(tlist))
        # a result with an internal error is not kept: the error may not happen
        # again; nor one where a check gave up: that depends on the machine's speed
        if store is not None and blobs is not None and blobs[1] is not None and not res.errors and not res.incomplete:
            store.put(job.display, (res.digest, job.reference, blobs[0], blobs[1]))
    if store is not None:
        store.save()
        for state in REGISTRY.states:
            state.save()
    last_stats.clear()
    last_stats.update(
        files=len(tlist),
        hits=store.hits if store else 0,
        computed=n_computed,
        workers=workers,
    )
    return {t.display: results[t.display] for t in tlist}


def _job(t: Target, cacheable: bool) -> Job:
    return Job(t.display, str(t.path), t.reference, t.reported, cacheable)


def _lookup(
    tlist: list[Target],
    project: Project,
    enabled: frozenset[str],
    store: Cache | None,
    overlay: dict[str, str],
    results: dict[str, FileResult],
    todo: list[Job],
    hits: list[tuple[Target, Entry]],
) -> None:
    """Fill ``results`` from editor buffers; put files whose bytes the cache
    holds in ``hits`` (decoded later) and queue the rest in ``todo``."""
    max_bytes = project.settings.max_file_size
    for t in tlist:
        if overlay:
            abspath = str(Path(t.path).absolute())
            if abspath in overlay:  # unsaved editor buffers are never cached
                doc = parse_text(t.display, overlay[abspath])
                results[t.display] = process_document(doc, project, enabled, reference=t.reference)
                continue
        cacheable = True
        if store is not None:
            raw, problem = read_bytes(t.path, max_bytes)
            cacheable = problem is None
            if cacheable:
                entry = store.find(t.display, cache.digest(raw), t.reference)
                if entry is not None:
                    hits.append((t, entry))
                    continue
        todo.append(_job(t, cacheable))


# Decoding this many cached results takes about as long as checking one file
# (≈ 0.1 ms each against ≈ 0.3 s for a process's first file, which loads the
# packs and dictionaries): below it, a second process is not worth starting.
OVERLAP_MIN_HITS = 400
OVERLAP_MAX_FILES = 8


def _overlap(todo: list[Job], cached: int, jobs: int | None) -> bool:
    """Whether to check the few changed files in a forked process while this
    one reads and decodes the many (``cached``) others: the pre-commit case,
    where both take a similar time."""
    return (
        0 < len(todo) <= OVERLAP_MAX_FILES
        and cached >= OVERLAP_MIN_HITS
        and (jobs or default_jobs()) >= 2
        and _context().get_start_method() == "fork"
    )


def _beside(
    todo: list[Job], project: Project, enabled: frozenset[str], want_blobs: bool, meanwhile: Callable[[], None]
) -> Iterator[tuple[Job, FileResult, Blobs | None]]:
    """Results for ``todo`` from one forked worker, running ``meanwhile`` here
    as it works; done here instead if the worker cannot start or dies."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    jobs = list(todo)
    out = None
    try:
        ex = ProcessPoolExecutor(
            max_workers=1, mp_context=_context(), initializer=_init, initargs=(project, enabled, want_blobs)
        )
    except OSError:  # no processes left (ulimit): all here
        meanwhile()
    else:
        try:
            fut = ex.submit(_work, jobs)
            meanwhile()
            out = _received(jobs, fut.result())
        except BrokenProcessPool:
            out = None
        finally:
            ex.shutdown(wait=True, cancel_futures=True)
    if out is None:
        for job in jobs:
            yield _local(job, project, enabled, want_blobs)
        return
    yield from out


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Decoding cached results builds many small objects without cycles; the
    cyclic collector would rescan the growing heap again and again (measured:
    a quarter of the CPU time of a warm run's cache loading)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _open_cache(project: Project, enabled: frozenset[str]) -> Cache | None:
    try:
        return cache.Cache.for_project(project, enabled)
    except OSError:  # e.g. a rule-pack folder vanished mid-run: lint without the cache
        return None


# ---------------------------------------------------------------------------
# Computing results


def _compute(
    todo: list[Job], project: Project, enabled: frozenset[str], n: int, want_blobs: bool
) -> Iterator[tuple[Job, FileResult, Blobs | None]]:
    """Results for ``todo`` (in any order) from ``n`` workers (0: in this
    process), with their encoding when it will be cached."""

    if n == 0:
        for job in todo:
            yield _local(job, project, enabled, want_blobs)
        return
    # The first file in this process loads packs and lazy imports once, for
    # every forked worker to inherit.
    yield _local(todo[0], project, enabled, want_blobs)
    rest = todo[1:]
    size = max(1, min(CHUNK, -(-len(rest) // (n * 4))))
    chunks = [rest[i : i + size] for i in range(0, len(rest), size)]
    # what this process has built is read-only for the workers: keep the
    # collector from touching (and so copying) those pages in every child
    gc.freeze()
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    ex = ProcessPoolExecutor(
        max_workers=n, mp_context=_context(), initializer=_init, initargs=(project, enabled, want_blobs)
    )
    pending: dict[Future[Any], list[Job]] = {}
    try:
        pending = {ex.submit(_work, chunk): chunk for chunk in chunks}
        for fut in as_completed(pending):
            received = fut.result()
            chunk = pending.pop(fut)  # only now: a chunk whose worker died is redone below
            yield from _received(chunk, received)
    except BrokenProcessPool:
        # a worker died (killed, out of memory): finish here rather than fail
        left = [job for chunk in pending.values() for job in chunk]
        for job in left:
            yield _local(job, project, enabled, want_blobs)
    finally:
        ex.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()


def _received(chunk: list[Job], received: Received) -> list[tuple[Job, FileResult, Blobs | None]]:
    """A worker's answer for ``chunk``: its results decoded (the findings only
    of reported files); its timings and process state merged here."""
    out, times, learnt = received
    _merge_times(times)
    for state, data in zip(REGISTRY.states, learnt, strict=True):
        state.merge(data)
    results = []
    with _gc_paused():
        for job, (corpus, findings) in zip(chunk, out, strict=True):
            res = cache.decode(corpus, findings if job.reported else None, trusted=True)
            results.append((job, res, (corpus, findings) if job.cacheable else None))
    return results


def _local(
    job: Job, project: Project, enabled: frozenset[str], want_blobs: bool
) -> tuple[Job, FileResult, Blobs | None]:
    res = _process(job, project, enabled)
    if not (want_blobs and job.cacheable):
        return job, res, None
    return job, res, cache.encode(res)


def _process(job: Job, project: Project, enabled: frozenset[str]) -> FileResult:
    if _TIMES is None:
        return process_file(Path(job.path), job.display, project, enabled, reference=job.reference)
    t0 = time.process_time()
    try:
        return process_file(Path(job.path), job.display, project, enabled, reference=job.reference)
    finally:
        _TIMES["file"] += time.process_time() - t0


def _context() -> Any:
    # fork keeps what the parent imported and loaded. It is unsafe when other
    # threads run (the language server: a lock held by one of them stays held
    # in the child) and unsafe or missing off Linux; there each worker starts
    # afresh and loads once in _init.
    import multiprocessing

    if (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    ):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


_STATE: tuple[Project, frozenset[str], bool] | None = None


def _init(project: Project, enabled: frozenset[str], want_blobs: bool) -> None:
    global _STATE
    # Ctrl-C goes to the whole process group; the parent cancels the pool
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    _install_timers()
    if want_blobs:  # the cache is on: so is the process state (a forked worker has it already)
        for state in REGISTRY.states:
            state.open(project.root / project.settings.cache_dir)
    _STATE = (project, enabled, want_blobs)


def _die_with_parent() -> None:
    """On Linux, a worker is sent SIGTERM when the process that started it
    dies. A parent killed outright (SIGKILL, an out-of-memory kill, a CI
    timeout) cannot shut its pool down, and its workers used to wait on the
    task queue for ever."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        if libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0) != 0:
            return
    except (OSError, AttributeError):
        return
    import multiprocessing

    parent = multiprocessing.parent_process()
    if parent is not None and os.getppid() != parent.pid:
        os._exit(1)  # the parent died before prctl took effect


def _work(chunk: list[Job]) -> Received:
    assert _STATE is not None
    project, enabled, want_blobs = _STATE
    if _TIMES is not None:
        _TIMES.clear()  # a forked worker starts with a copy of the parent's totals
    # findings of a file that is neither reported nor cached are never read
    out = [cache.encode(_process(job, project, enabled), findings=job.reported or want_blobs) for job in chunk]
    return out, dict(_TIMES or {}), [state.take() for state in REGISTRY.states]


# ---------------------------------------------------------------------------
# Timing hook (LINTKIT_TIMINGS)

_TIMES: defaultdict[str, float] | None = None


def _install_timers() -> None:
    """Time every check and collector (``pipeline.observe``), once per process."""
    global _TIMES
    path = os.environ.get(TIMINGS_ENV)
    if _TIMES is not None or not path:
        return
    times = _TIMES = defaultdict(float)

    def add(label: str, seconds: float) -> None:
        times[label] += seconds

    pipeline.observe(add)
    import multiprocessing

    if multiprocessing.parent_process() is None:
        atexit.register(_dump_times, path)


def _merge_times(times: dict[str, float]) -> None:
    if _TIMES is not None:
        for k, v in times.items():
            _TIMES[k] += v


def _dump_times(path: str) -> None:
    try:
        with open(path, "w", encoding="utf-8") as fh:
            json.dump({"seconds": dict(_TIMES or {}), "stats": last_stats}, fh, indent=1, sort_keys=True)
    except OSError as e:
        print(f"lintkit: cannot write {TIMINGS_ENV}={path}: {e}", file=sys.stderr)
