"""lintkit's benchmark: build a deterministic corpus of realistic articles and
time lintkit over it the way people run it (a fresh process each time).

    python benchmarks/bench.py                     # everything (a few minutes on 2 cores)
    python benchmarks/bench.py --quick             # 2,000 files only, fewer repeats
    python benchmarks/bench.py --modes cold,warm   # pick modes

Modes: version, small, cold, fill, warm, precommit, families, large, proselint, lsp;
and, only when named, pathological (hostile single files, issue 18).
Every figure is the median of ``--repeat`` runs of ``python -m lintkit`` (or
the ``lintkit`` script for --version) in a subprocess, wall time measured
around the process, peak memory from the kernel's rusage of that process and
its workers. Only the standard library is used.

The corpus: articles from ``content/`` and ``../shared/corpus/real/`` (or
``--source DIR``), shuffled with a fixed seed. Real pages are short (median
about 200 words), so each benchmark article starts from one page and takes
paragraphs from the following ones until it has ``--words`` words (600 to
1,000 by default, the size the issue's reference figures were measured on).
Every copy gets its own path and a comment with its number, so no two files
have the same bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = 20261122
CONFIG = """\
# written by benchmarks/bench.py
content: [articles]
schema:
  fields:
    source: {type: string}
    source_url: {type: url}
    license: {type: string}
"""
FRONT = re.compile(r"\A---\r?\n.*?\r?\n---\r?\n", re.S)
ALL_MODES = ("version", "small", "cold", "fill", "warm", "precommit", "families", "large", "proselint", "lsp")
# modes that run only when named in --modes
EXTRA_MODES = ("pathological",)
CORPUS_MODES = frozenset(ALL_MODES) - {"version", "small"}
FAMILIES = ("schema", "encoding", "terminology", "red-flags", "readability", "contradictions")


# ---------------------------------------------------------------------------
# The corpus


@dataclass
class Article:
    name: str
    front: str  # the front matter block, fences included
    paragraphs: list[str]  # body blocks separated by blank lines

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


def load_articles(sources: Sequence[Path]) -> list[Article]:
    out = []
    for src in sources:
        for p in sorted(src.rglob("*.md")):
            text = p.read_text(encoding="utf-8")
            m = FRONT.match(text)
            front, body = (m.group(0), text[m.end() :]) if m else ("", text)
            paras = [b.strip("\n") for b in re.split(r"\n\s*\n", body) if b.strip()]
            if paras:
                out.append(Article(p.stem, front, paras))
    if not out:
        raise SystemExit(f"no Markdown articles found in {', '.join(map(str, sources))}")
    return out


def compose(articles: list[Article], n: int, words: tuple[int, int], seed: int = SEED) -> list[tuple[str, str]]:
    """``n`` (relative path, text) pairs. Deterministic for a given source set."""
    rng = random.Random(seed)
    order = articles[:]
    rng.shuffle(order)
    lo, hi = words
    out = []
    for i in range(n):
        base = order[i % len(order)]
        paras: list[str] = []
        count = 0
        for p in base.paragraphs:
            w = len(p.split())
            if hi and count + w > hi and count >= lo:
                break
            paras.append(p)
            count += w
        j = i + 1
        while lo and count < lo:
            other = order[j % len(order)]
            j += 1
            for p in other.paragraphs:
                if count >= lo:
                    break
                paras.append(p)
                count += len(p.split())
        body = "\n\n".join(paras)
        text = f"{base.front}\n{body}\n\n<!-- benchmark copy {i} -->\n"
        out.append((f"articles/{i // 200:03d}/{base.name}-{i}.md", text))
    return out


def write_project(root: Path, files: list[tuple[str, str]]) -> None:
    if root.exists():
        shutil.rmtree(root)
    for rel, text in files:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    (root / "lintkit.yaml").write_text(CONFIG, encoding="utf-8")


# ---------------------------------------------------------------------------
# Running


@dataclass
class Sample:
    wall: float
    cpu: float  # user + system, the process and its workers
    maxrss_kib: int
    code: int


@dataclass
class Result:
    label: str
    command: str
    files: int
    samples: list[Sample] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def rss_mib(self) -> float:
        return max(s.maxrss_kib for s in self.samples) / 1024

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)


def timed(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float | None = None) -> Sample:
    """Run ``cmd``; wall time around the process, rusage of it and its workers.
    After ``timeout`` seconds it is killed (its exit code is then -9)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    killer = threading.Timer(timeout, proc.kill) if timeout else None
    if killer is not None:
        killer.start()
    if hasattr(os, "wait4"):
        # wait4 gives this process's own rusage (its workers included), so
        # the peak memory is per run and not the maximum over the whole benchmark
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        cpu, rss = ru.ru_utime + ru.ru_stime, ru.ru_maxrss
    else:  # pragma: no cover
        proc.wait()
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        rss = after.ru_maxrss
    if killer is not None:
        killer.cancel()
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode == -9 and timeout:
        print(f"  ! {show(cmd)} killed after {timeout:g} s", file=sys.stderr)
    elif proc.returncode not in (0, 1):
        print(f"  ! {' '.join(cmd)} exited {proc.returncode}: {err.strip()[-400:]}", file=sys.stderr)
    return Sample(wall, cpu, rss, proc.returncode)


def lintkit_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "lintkit", *args]


def show(cmd: list[str]) -> str:
    return " ".join("python" if a == sys.executable else a for a in cmd)


class Bench:
    def __init__(self, args: argparse.Namespace, work: Path) -> None:
        self.args = args
        self.work = work
        self.results: dict[str, Result] = {}
        self.notes: list[str] = []
        self.env = dict(os.environ)
        self.env.pop("LINTKIT_TIMINGS", None)
        self.jobs = ["--jobs", str(args.jobs)] if args.jobs else []
        self.pathological: list[PathRow] = []
        self.startup: PathRow | None = None

    def measure(
        self,
        label: str,
        cmd: list[str],
        cwd: Path,
        files: int,
        repeat: int,
        before: Any = None,
        variants: list[tuple[str, dict[str, str]]] | None = None,
    ) -> Result:
        """Run ``cmd`` ``repeat`` times per variant (label prefix, environment),
        alternating variants so that drift in the machine's load hits both."""
        variants = variants or [("", self.env)]
        runs = [(Result(prefix + label, show(cmd), files), env) for prefix, env in variants]
        for k in range(repeat):
            for r, env in runs:
                if r.label.startswith("baseline ") and k >= self.args.baseline_repeat:
                    continue
                if before is not None:
                    before(k)
                r.samples.append(timed(cmd, cwd, env))
        for r, _ in runs:
            self.results[r.label] = r
            rate = f"{files / r.wall:8.1f} files/s" if files > 1 else " " * 16
            print(f"  {r.label:<36} {r.wall:8.3f} s  {r.cpu:7.2f} s CPU  {rate}  {r.rss_mib:7.1f} MiB", flush=True)
        return runs[0][0]

    def check(self, *extra: str) -> list[str]:
        return lintkit_cmd("check", "--format", "json", "-o", os.devnull, *self.jobs, *extra)


def family_times(bench: Bench, root: Path, files: int) -> dict[str, dict[str, float]]:
    """One cold run with LINTKIT_TIMINGS: seconds per family (summed over processes)."""
    out = root / ".timings.json"
    env = dict(bench.env, LINTKIT_TIMINGS=str(out))
    sample = timed(bench.check("--no-cache"), root, env)
    try:
        data = json.loads(out.read_text(encoding="utf-8"))["seconds"]
    except (OSError, ValueError, KeyError):
        bench.notes.append("family timings: the run wrote no timings (lintkit too old?)")
        return {}
    table: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    inside = 0.0
    for label, secs in data.items():
        if label == "file":
            continue
        kind, family, _ = label.split(":", 2)
        table[family][kind] += secs
        if kind != "corpus":
            inside += secs
    table["(parse, engine, I/O)"]["document"] = max(0.0, data.get("file", 0.0) - inside)
    print(f"  family timings from one cold run: {sample.wall:.2f} s wall, {sample.cpu:.2f} s CPU, {files} files")
    return table


def _burn(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


def parallelism(k: int) -> float:
    """How many times faster ``k`` processes do ``k`` units of pure CPU work than
    one process does them in turn: close to ``k`` on an idle machine, near 1
    when other load takes the other cores (then wall times say little about
    ``--jobs``; the CPU columns still compare)."""
    import multiprocessing

    n = 3_000_000
    t = time.perf_counter()
    for _ in range(k):
        _burn(n)
    serial = time.perf_counter() - t
    with multiprocessing.get_context("spawn").Pool(k) as pool:
        pool.map(_burn, [1000] * k)  # start-up outside the timing
        t = time.perf_counter()
        pool.map(_burn, [n] * k)
        par = time.perf_counter() - t
    return serial / par


def compile_bytecode(checkouts: list[Path]) -> None:
    """Make each checkout's ``lintkit/`` what ``pip install`` makes of it.

    The .pyc files: with PYTHONDONTWRITEBYTECODE set (common in containers
    and CI), a source checkout would otherwise recompile every module in every
    run (about 0.1 s). The precomputed data the wheel carries
    (``lintkit/_shipped.pickle``, made by ``tools/build_shipped.py``, or
    ``python -m lintkit.shipped`` in older checkouts): without it a checkout prepares the
    dictionaries and packs in every run (about 0.3 s)."""
    for root in checkouts:
        pkg = root / "lintkit"
        if not pkg.is_dir():
            continue
        env = {**os.environ, "PYTHONPATH": str(root)}
        builder = root / "tools" / "build_shipped.py"
        if builder.is_file():
            cmd = [sys.executable, str(builder)]
        elif (pkg / "shipped.py").is_file():  # checkouts from before the builder moved out of the package
            cmd = [sys.executable, "-m", "lintkit.shipped"]
        else:
            cmd = []
        if cmd:
            subprocess.run(cmd, check=True, cwd=root, env=env, stdout=subprocess.DEVNULL)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(pkg)], check=False, stdout=subprocess.DEVNULL)


def proselint_cmd() -> list[str] | None:
    import importlib.util

    if importlib.util.find_spec("proselint") is not None:
        return [sys.executable, "-m", "proselint"]
    exe = shutil.which("proselint")
    return [exe] if exe else None


# ---------------------------------------------------------------------------
# Language server latency (mode "lsp")


class LspClient:
    """A minimal LSP client over stdio (JSON-RPC with Content-Length framing):
    enough to start ``lintkit lsp``, open a file and time its diagnostics."""

    def __init__(self, cmd: list[str], cwd: Path, env: dict[str, str]) -> None:
        import queue
        import threading

        self.proc = subprocess.Popen(
            cmd, cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.inbox: queue.Queue[tuple[float, dict[str, Any]] | None] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                if not line.strip():
                    break
                name, _, value = line.decode("ascii", "replace").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if length is not None:
                body = out.read(length)
                self.inbox.put((time.perf_counter(), json.loads(body)))

    def send(self, msg: dict[str, Any]) -> float:
        body = json.dumps(msg).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return time.perf_counter()

    def request(self, method: str, params: Any) -> int:
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.next_id

    def wait(self, pred: Any, timeout: float) -> tuple[float, dict[str, Any]]:
        import queue

        end = time.perf_counter() + timeout
        while True:
            try:
                item = self.inbox.get(timeout=max(0.01, end - time.perf_counter()))
            except queue.Empty:
                raise TimeoutError from None
            if item is None:
                raise EOFError("the language server closed its output")
            if pred(item[1]):
                return item

    def close(self) -> None:
        try:
            ident = self.request("shutdown", None)
            self.wait(lambda m: m.get("id") == ident and "method" not in m, 30)
            self.send({"jsonrpc": "2.0", "method": "exit"})
            self.proc.wait(30)
        except (OSError, TimeoutError, EOFError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()


# codes of cross-file rules: the language server publishes them after the buffer's own
LSP_CROSS_FILE = {"TRM004", "TRM005", "CON001", "CON002"}


@dataclass
class LspTimes:
    started: float  # process start to the initialize response
    first: float  # didOpen to the first publishDiagnostics for the file
    complete: float  # didOpen to diagnostics equal to what `lintkit check` reports


def lsp_session(root: Path, rel: str, expected: set[tuple[str, int]], env: dict[str, str]) -> LspTimes:
    """Start ``lintkit lsp`` as an editor does, open ``rel`` right after the
    handshake, and time the diagnostics."""
    t0 = time.perf_counter()
    client = LspClient(lintkit_cmd("lsp"), root, env)
    try:
        uri = (root / rel).as_uri()
        init = client.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "capabilities": {},
            },
        )
        t_init, _ = client.wait(lambda m: m.get("id") == init and "method" not in m, 60)
        client.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        doc = {"uri": uri, "languageId": "markdown", "version": 1, "text": (root / rel).read_text(encoding="utf-8")}
        t_open = client.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": doc}})

        def published(m: dict[str, Any]) -> bool:
            return m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri

        t_first, msg = client.wait(published, 300)
        t_done = t_first
        while {(d.get("code"), d["range"]["start"]["line"] + 1) for d in msg["params"]["diagnostics"]} != expected:
            t_done, msg = client.wait(published, 300)
        return LspTimes(t_init - t0, t_first - t_open, t_done - t_open)
    finally:
        client.close()


def _findings_per_file(b: Bench, ws: Path, env: dict[str, str]) -> dict[str, set[tuple[str, int]]]:
    out = subprocess.run(
        lintkit_cmd("check", "--format", "json", *b.jobs), cwd=ws, capture_output=True, env=env, check=False
    )
    per_file: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for f in json.loads(out.stdout)["findings"]:
        per_file[f["path"]].add((f["code"], f["line"]))
    return per_file


def lsp_mode(b: Bench, root: Path, corpus: list[tuple[str, str]], variants: list[tuple[str, dict[str, str]]]) -> None:
    """Time to the first diagnostics after a file is opened in an editor, in a
    small workspace (20 files) and in the whole corpus, with the workspace's
    cache empty (a first session) and filled (every later one)."""
    small = b.work / "lsp-small"
    write_project(small, corpus[:20])
    print("language server: didOpen → first publishDiagnostics (target ≤ 1 s), and → complete diagnostics")
    for ws, n in ((small, 20), (root, len(corpus))):
        # what `lintkit check` reports per file; the file opened is one with
        # cross-file findings if there is one, so "complete" waits for the corpus
        per_file = _findings_per_file(b, ws, b.env)
        rels = [rel for rel, _ in corpus[:n]]
        cross = [r for r in rels if any(c in LSP_CROSS_FILE for c, _ in per_file[r])]
        path = (cross or rels)[len(cross or rels) // 2]
        # a baseline checkout reports what its own rules find
        wanted = {prefix: _findings_per_file(b, ws, env)[path] for prefix, env in variants}
        for cache in ("cold", "warm"):
            for prefix, env in variants:
                expected = wanted[prefix]
                label = f"{prefix}lsp {n} files, {cache} cache"
                firsts: list[LspTimes] = []
                if cache == "warm":
                    lsp_session(ws, path, expected, env)  # fills the cache
                for _ in range(b.args.repeat if n <= 20 or cache == "warm" else max(1, b.args.repeat // 2)):
                    if cache == "cold":
                        shutil.rmtree(ws / ".lintkit_cache", ignore_errors=True)
                    firsts.append(lsp_session(ws, path, expected, env))
                first = statistics.median(t.first for t in firsts)
                done = statistics.median(t.complete for t in firsts)
                start = statistics.median(t.started for t in firsts)
                r = Result(label, f"didOpen {path}", 1, [Sample(first, 0.0, 0, 0) for _ in firsts])
                b.results[label] = r
                print(
                    f"  {label:<40} first {first:6.3f} s  complete {done:6.3f} s  "
                    f"(server start to initialize response {start:5.2f} s; {len(firsts)} runs)",
                    flush=True,
                )
                if not prefix:
                    ok = "ok" if first <= 1.0 else "MISS"
                    b.notes.append(f"[{ok}] {label}: first diagnostics {first:.3f} s after didOpen (target ≤ 1 s)")


# ---------------------------------------------------------------------------
# Main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--source", type=Path, action="append", help="folder of Markdown articles (repeatable)")
    ap.add_argument("--files", type=int, default=2000, help="corpus size (default 2000)")
    ap.add_argument("--large", type=int, default=20000, help="large corpus size (default 20000)")
    ap.add_argument("--words", default="600-1000", help="words per article, MIN-MAX, or 0 to keep pages as they are")
    ap.add_argument("--repeat", type=int, default=5, help="runs per mode; the median is shown (default 5)")
    ap.add_argument("--large-repeat", type=int, default=1, help="runs of the large corpus (default 1)")
    ap.add_argument("--jobs", type=int, default=None, help="pass --jobs N to lintkit (default: lintkit's default)")
    ap.add_argument(
        "--modes",
        default=",".join(ALL_MODES),
        help=f"comma-separated, from: {', '.join(ALL_MODES + EXTRA_MODES)} (default: all but {', '.join(EXTRA_MODES)})",
    )
    ap.add_argument(
        "--path-size",
        type=int,
        default=125_000,
        metavar="BYTES",
        help="pathological: the size n of each input; each is also run at 2n (default 125000: 2n is the limit)",
    )
    ap.add_argument(
        "--path-timeout", type=float, default=240, metavar="S", help="pathological: kill a run after S seconds"
    )
    ap.add_argument(
        "--path-inputs", default="", metavar="NAMES", help="pathological: only these inputs (comma-separated)"
    )
    ap.add_argument("--quick", action="store_true", help="3 repeats, no large corpus")
    ap.add_argument("--workdir", type=Path, help="build the corpora here (default: a temporary folder)")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    ap.add_argument(
        "--baseline",
        type=Path,
        metavar="DIR",
        help="also time the lintkit modes with DIR first on PYTHONPATH (another checkout: before/after)",
    )
    ap.add_argument(
        "--baseline-repeat",
        type=int,
        default=None,
        metavar="N",
        help="runs per mode for the baseline (default: --repeat)",
    )
    args = ap.parse_args(argv)
    if args.baseline_repeat is None:
        args.baseline_repeat = args.repeat
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    if bad := sorted(set(modes) - set(ALL_MODES + EXTRA_MODES)):
        ap.error(f"unknown mode(s): {', '.join(bad)}")
    if args.quick:
        args.repeat = min(args.repeat, 3)
        modes = [m for m in modes if m not in ("large", "pathological")]
    lo, _, hi = args.words.partition("-")
    words = (int(lo), int(hi or 0))

    sources = args.source or [p for p in (REPO / "content", SHARED / "corpus" / "real") if p.is_dir()]
    articles = load_articles(sources)
    tmp = None
    if args.workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="lintkit-bench-")
        work = Path(tmp.name)
    else:
        work = args.workdir.resolve()
        work.mkdir(parents=True, exist_ok=True)
    try:
        return run(args, modes, articles, sources, words, work)
    finally:
        if tmp is not None:
            tmp.cleanup()


def lintkit_modes(
    b: Bench,
    modes: list[str],
    root: Path,
    corpus: list[tuple[str, str]],
    articles: list[Article],
    variants: list[tuple[str, dict[str, str]]],
) -> None:
    """The modes that time lintkit alone: version, small, cold, fill, warm, precommit."""
    n, repeat, work = len(corpus), b.args.repeat, b.work
    if "version" in modes:
        script = Path(sys.executable).with_name("lintkit")
        cmd = [str(script), "--version"] if script.exists() else lintkit_cmd("--version")
        b.measure("--version", cmd, work, 0, repeat, variants=variants)
    if "small" in modes:
        small = work / "small"
        small.mkdir(exist_ok=True)
        src = min((a for a in articles if a.words > 150), key=lambda a: (a.words, a.name))
        (small / "small.md").write_text(src.front + "\n" + "\n\n".join(src.paragraphs) + "\n", encoding="utf-8")
        cmd = lintkit_cmd("check", "--format", "json", "-o", os.devnull, "--no-cache", "small.md")
        b.measure("one small file", cmd, small, 1, repeat, variants=variants)
    if "cold" in modes:
        b.measure(f"cold {n} (--no-cache)", b.check("--no-cache"), root, n, repeat, variants=variants)
    if "fill" in modes or "warm" in modes or "precommit" in modes:

        def empty(k: int) -> None:
            shutil.rmtree(root / ".lintkit_cache", ignore_errors=True)

        # reversed, so that the last run, which leaves its cache behind, is this checkout's
        b.measure(f"first run {n} (fills cache)", b.check(), root, n, 1, before=empty, variants=variants[::-1])
    if "warm" in modes:
        b.measure(f"warm {n} (nothing changed)", b.check(), root, n, repeat, variants=variants)
    if "precommit" in modes:
        rel, text = corpus[n // 2]
        target = root / rel
        edits = iter(range(10**6))

        def change(k: int) -> None:
            # a new edit before every run, so each run has exactly one changed file
            target.write_text(text + f"\nEdited for pre-commit run {next(edits)}.\n", encoding="utf-8")

        cmd = lintkit_cmd("check", "--format", "json", "-o", os.devnull, *b.jobs, rel)
        b.measure(f"pre-commit 1 of {n}", cmd, root, 1, repeat, before=change, variants=variants)
        target.write_text(text, encoding="utf-8")


def run(
    args: argparse.Namespace,
    modes: list[str],
    articles: list[Article],
    sources: list[Path],
    words: tuple[int, int],
    work: Path,
) -> int:
    b = Bench(args, work)
    n = args.files
    corpus = compose(articles, n, words) if CORPUS_MODES & set(modes) else []
    root = work / f"corpus-{n}"
    print(
        f"lintkit benchmark — Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
        f"{time.strftime('%Y-%m-%d %H:%M:%S %Z')}"
    )
    if corpus:
        write_project(root, corpus)
        wc = sorted(len(FRONT.sub("", t).split()) for _, t in corpus)
        size = sum(len(t.encode()) for _, t in corpus)
        print(
            f"corpus: {n} files from {len(articles)} articles in {', '.join(map(str, sources))}; "
            f"{size / 1e6:.1f} MB; words per file median {wc[len(wc) // 2]}, min {wc[0]}, max {wc[-1]}"
        )
    cores = os.cpu_count() or 1
    print(f"median of {args.repeat} runs; peak memory = largest process (rusage)")
    print(
        f"control: {cores} processes of pure CPU work run {parallelism(cores):.2f}× faster than one "
        f"(~{cores} on an idle machine)\n"
    )

    compile_bytecode([REPO] + ([args.baseline] if args.baseline is not None else []))
    variants = [("", b.env)]
    if args.baseline is not None:
        print(f"baseline: the same modes, runs alternating, with PYTHONPATH={args.baseline}")
        path = os.pathsep.join(filter(None, [str(args.baseline.resolve()), b.env.get("PYTHONPATH")]))
        variants.append(("baseline ", dict(b.env, PYTHONPATH=path)))
    lintkit_modes(b, modes, root, corpus, articles, variants)
    if "lsp" in modes:
        lsp_mode(b, root, corpus, variants)
    fam: dict[str, dict[str, float]] = {}
    if "families" in modes:
        fam = family_times(b, root, n)
    big = None
    if "large" in modes:
        big_root = work / f"corpus-{args.large}"
        write_project(big_root, compose(articles, args.large, words))
        big = b.measure(
            f"cold {args.large} (--no-cache)", b.check("--no-cache"), big_root, args.large, args.large_repeat
        )
        shutil.rmtree(big_root, ignore_errors=True)
    pro = None
    if "proselint" in modes:
        pcmd = proselint_cmd()
        if pcmd is None:
            b.notes.append("proselint is not installed (pip install proselint): no comparison")
        else:
            env = dict(b.env, XDG_CACHE_HOME=str(work / "xdg-cache"))
            r = Result(f"proselint {n}", show([*pcmd, "check", "articles"]), n)
            for _ in range(max(1, min(args.repeat, 3))):
                r.samples.append(timed([*pcmd, "--output-format", "compact", "check", "articles"], root, env))
            b.results[r.label] = r
            pro = r
            print(
                f"  {r.label:<36} {r.wall:8.3f} s  {r.cpu:7.2f} s CPU  {n / r.wall:8.1f} files/s  {r.rss_mib:7.1f} MiB"
            )

    if "pathological" in modes:
        pathological_mode(b, variants)
    report(b, n, fam, big, pro)
    cores = os.cpu_count() or 1
    print(f"  control at the end: {cores} processes of pure CPU work ran {parallelism(cores):.2f}× faster than one")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "files": n,
                    "results": {
                        k: {
                            "command": r.command,
                            "files": r.files,
                            "wall_s": [s.wall for s in r.samples],
                            "median_s": r.wall,
                            "peak_rss_mib": r.rss_mib,
                        }
                        for k, r in b.results.items()
                    },
                    "families_cpu_s": fam,
                    "pathological": {
                        r.name: {
                            tag: {
                                "bytes_n": args.path_size,
                                "wall_s": x.wall,
                                "cpu_s": x.cpu,
                                "peak_rss_mib": x.maxrss_kib / 1024,
                                "exit": x.code,
                            }
                            for tag, x in r.at.items()
                        }
                        for r in b.pathological
                    },
                },
                indent=1,
            ),
            encoding="utf-8",
        )
    return 0


# ---------------------------------------------------------------------------
# Pathological single files (issue 18)

PATH_TARGET_RATIO = 2.5  # time at 2n over time at n: no faster than linear, with noise
PATH_TARGET_S = 10.0  # any file under the size limit
PATH_TARGET_MIB = 600.0


@dataclass
class PathRow:
    name: str
    item: str
    what: str
    at: dict[str, Sample] = field(default_factory=dict)  # "<variant>n" / "<variant>2n" / "<variant>issue"


def pathological_mode(b: Bench, variants: list[tuple[str, dict[str, str]]]) -> list[PathRow]:
    """Each hostile input of ``benchmarks/pathological.py`` alone, at n and 2n
    bytes (2n = the default size limit unless ``--path-size`` says
    otherwise) and at the size the issue measured, one fresh process per run,
    ``--no-cache``. Prints time, CPU, peak memory and the 2n/n ratio, and
    each variant (``--baseline``) the same way."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import pathological as ph

    n = b.args.path_size
    folder = b.work / "pathological"
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    print(f"\npathological single files: n = {n:,} bytes and 2n = {2 * n:,}; --no-cache; one run each")
    # start-up, to take out of the 2n/n ratio: a one-line file, median of 3
    row = PathRow("(start-up)", "", "a one-line file")
    (folder / "tiny.md").write_text("# Tiny\n", encoding="utf-8")
    tiny = lintkit_cmd("check", "--no-cache", "--format", "json", "-o", os.devnull, "tiny.md")
    for prefix, env in variants:
        runs = sorted((timed(tiny, folder, env) for _ in range(3)), key=lambda x: x.wall)
        row.at[prefix + "n"] = row.at[prefix + "2n"] = runs[1]
        print(f"  {prefix + 'start-up (one-line file)':<36} {runs[1].wall:23.2f} s {runs[1].cpu:7.2f} s CPU")
    b.startup = row
    only = {x.strip() for x in b.args.path_inputs.split(",") if x.strip()}
    for name, (item, what, make) in ph.INPUTS.items():
        if only and name not in only:
            continue
        row = PathRow(name, item, what)
        sizes = [("n", n), ("2n", 2 * n)]
        if name in ph.ISSUE_SIZES:
            sizes.append(("issue", ph.ISSUE_SIZES[name]))
        for tag, size in sizes:
            path = folder / f"{name}-{tag}.md"
            path.write_text(make(size), encoding="utf-8")
            cmd = lintkit_cmd("check", "--no-cache", "--format", "json", "-o", os.devnull, path.name)
            for prefix, env in variants:
                s = timed(cmd, folder, env, timeout=b.args.path_timeout)
                row.at[prefix + tag] = s
                print(
                    f"  {prefix + name + ' ' + tag:<36} {path.stat().st_size:>10,} B {s.wall:8.2f} s "
                    f"{s.cpu:7.2f} s CPU {s.maxrss_kib / 1024:8.1f} MiB  exit {s.code}",
                    flush=True,
                )
            path.unlink()
        rows.append(row)
    b.pathological = rows
    return rows


def report_pathological(b: Bench) -> None:
    rows = b.pathological
    if not rows:
        return
    n = b.args.path_size
    base = any(k.startswith("baseline ") for r in rows for k in r.at)

    t0 = b.startup.at["n"].wall if b.startup is not None else 0.0

    def growth(a: Sample | None, c: Sample | None) -> float:
        """(t(2n) - start-up) / (t(n) - start-up): 2 when time grows linearly."""
        if a is None or c is None or -9 in (a.code, c.code) or a.wall - t0 < 0.05:
            return float("nan")
        return (c.wall - t0) / (a.wall - t0)

    def fmt(s: Sample | None) -> str:
        if s is None:
            return "—"
        return f">{b.args.path_timeout:g}" if s.code == -9 else f"{s.wall:.2f}"

    print(
        f"\npathological single files (n = {n:,} B, 2n = {2 * n:,} B; wall s; 2n/n without the start-up of "
        f"{t0:.2f} s; peak MiB of the 2n run):"
    )
    head = f"  {'input':<18} {'item':>4} {'n s':>7} {'2n s':>7} {'2n/n':>5} {'MiB':>6} {'issue-size s':>12}"
    if base:
        head += f"  {'baseline 2n s':>13} {'speed-up':>8} {'base MiB':>8} {'base issue s':>12}"
    print(head)
    for r in rows:
        a, c, iss = r.at.get("n"), r.at.get("2n"), r.at.get("issue")
        ratio = growth(a, c)
        line = (
            f"  {r.name:<18} {r.item:>4} {fmt(a):>7} {fmt(c):>7} {ratio:5.2f} "
            f"{(c.maxrss_kib / 1024 if c else 0):6.0f} {fmt(iss):>12}"
        )
        if base:
            bc, bi = r.at.get("baseline 2n"), r.at.get("baseline issue")
            up = f"{bc.wall / c.wall:7.1f}×" if bc and c and c.wall else "—"
            if bc and bc.code == -9:
                up = ">" + up.strip()
            line += f"  {fmt(bc):>13} {up:>8} {(bc.maxrss_kib / 1024 if bc else 0):8.0f} {fmt(bi):>12}"
        print(line)
    print("\ntargets (pathological):")
    for r in rows:
        a, c = r.at.get("n"), r.at.get("2n")
        if a is None or c is None:
            continue
        ratio = growth(a, c)
        peak = max(a.maxrss_kib, c.maxrss_kib) / 1024
        slow = max(a.wall, c.wall)
        ok = (
            (ratio <= PATH_TARGET_RATIO or a.wall - t0 < 0.05)
            and slow <= PATH_TARGET_S
            and peak <= PATH_TARGET_MIB
            and c.code in (0, 1)
        )
        print(
            f"  [{'ok' if ok else 'MISS'}] {r.name}: 2n/n {ratio:.2f} (≤ {PATH_TARGET_RATIO}), "
            f"slowest {slow:.2f} s (≤ {PATH_TARGET_S:g}), peak {peak:.0f} MiB (≤ {PATH_TARGET_MIB:g})"
        )


def report(b: Bench, n: int, fam: dict[str, dict[str, float]], big: Result | None, pro: Result | None) -> None:
    report_pathological(b)
    r = b.results
    if not r:
        return
    print("\nresults (median wall time, whole process):")
    print(f"  {'mode':<36} {'wall s':>8} {'files/s':>9} {'CPU s':>7} {'peak MiB':>9}  command")
    for res in r.values():
        rate = f"{res.files / res.wall:9.1f}" if res.files > 1 else f"{'':>9}"
        print(f"  {res.label:<36} {res.wall:8.3f} {rate} {res.cpu:7.2f} {res.rss_mib:9.1f}  {res.command}")
    base = {k[len("baseline ") :]: v for k, v in r.items() if k.startswith("baseline ")}
    if base:
        print("\nagainst the baseline (same run, medians):")
        print(
            f"  {'mode':<28} {'baseline s':>10} {'this s':>8} {'speed-up':>9} "
            f"{'CPU: base':>10} {'this':>6} {'ratio':>6}"
        )
        for label, old in base.items():
            new = r.get(label)
            if new is not None:
                print(
                    f"  {label:<28} {old.wall:10.3f} {new.wall:8.3f} {old.wall / new.wall:8.1f}× "
                    f"{old.cpu:10.2f} {new.cpu:6.2f} {old.cpu / max(new.cpu, 1e-9):5.1f}×"
                )
    if fam:
        total = sum(sum(v.values()) for v in fam.values()) or 1.0
        print("\ntime per family (CPU seconds summed over processes, one cold run):")
        print(f"  {'family':<22} {'document':>9} {'collect':>9} {'corpus':>9} {'share':>7}")
        for name in [*FAMILIES, *sorted(set(fam) - set(FAMILIES))]:
            if name not in fam:
                continue
            v = fam[name]
            s = sum(v.values())
            print(
                f"  {name:<22} {v.get('document', 0):9.3f} {v.get('collector', 0):9.3f} "
                f"{v.get('corpus', 0):9.3f} {100 * s / total:6.1f}%"
            )
    print("\ntargets:")
    cold = r.get(f"cold {n} (--no-cache)")

    def line(ok: bool, text: str) -> None:
        print(f"  [{'ok' if ok else 'MISS'}] {text}")

    if cold and pro:
        ratio = pro.wall / cold.wall
        line(
            ratio >= 2,
            f"cold {n}: {n / cold.wall:.0f} files/s = {ratio:.2f}× proselint's {n / pro.wall:.0f} files/s "
            "(target ≥ 2×, aim > 300 files/s)",
        )
    elif cold:
        line(n / cold.wall > 300, f"cold {n}: {n / cold.wall:.0f} files/s (aim > 300; proselint not measured)")
    warm = r.get(f"warm {n} (nothing changed)")
    if cold and warm:
        line(
            cold.wall / warm.wall >= 10,
            f"warm {n}: {warm.wall:.3f} s = {cold.wall / warm.wall:.1f}× faster than cold (target ≥ 10×)",
        )
    pc = r.get(f"pre-commit 1 of {n}")
    if pc:
        line(pc.wall < 1, f"pre-commit, 1 changed file of {n}: {pc.wall:.3f} s (target < 1 s)")
    ver = r.get("--version")
    if ver:
        line(ver.wall < 0.15, f"--version: {ver.wall:.3f} s (target < 0.15 s)")
    sm = r.get("one small file")
    if sm:
        line(sm.wall < 0.5, f"one small file: {sm.wall:.3f} s (target < 0.5 s)")
    if big and cold:
        k = big.wall / cold.wall
        line(
            k <= 11 and big.rss_mib < 1024,
            f"{big.files}: {big.wall:.1f} s = {k:.1f}× the {n}-file time "
            f"(target ≤ 11×), peak {big.rss_mib:.0f} MiB (target < 1024)",
        )
    for note in b.notes:
        print(f"  note: {note}")


if __name__ == "__main__":
    raise SystemExit(main())
