"""Coverage-guided fuzzing of lintkit's per-file pipeline with atheris.

Each input is one file's bytes: decode → front matter (safe YAML with
positions) → Markdown → every document check and collector → suppression →
fixes. The target fails on any exception and on any finding, related
location or fix edit that points outside the file; it also checks that
applying the safe fixes twice changes nothing the second time.

    pip install atheris                      # not a lintkit dependency
    python fuzz/fuzz_lintkit.py fuzz/corpus -max_total_time=600

Without atheris the same target runs over random mutations of the seed
corpus (``python fuzz/fuzz_lintkit.py --plain 20000``), so the check can be
repeated anywhere. Crashing inputs go in ``fuzz/crashes/`` by hand and
become regression tests in ``tests/robustness``.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

_STATE: dict[str, Any] = {}


def _setup() -> None:
    """Import lintkit and load every family and pack. Run inside atheris'
    instrumentation context so lintkit's (and markdown-it's) code is
    instrumented, including the modules the families import lazily."""
    from lintkit.config import Project, Settings
    from lintkit.engine import Selection

    project = Project(Settings(), HERE.parent)
    _STATE.update(project=project, enabled=Selection(project).run)
    for seed_file in sorted((HERE / "corpus").glob("*")):
        check(seed_file.read_bytes())


def _ok(index: Any, text: str, line: int, column: int) -> bool:
    if not 1 <= line <= index.line_count or column < 1:
        return False
    return index.line_start(line) + column - 1 <= index.line_end(line, text)


def check(data: bytes) -> None:
    from lintkit.document import BOM, LineIndex, parse
    from lintkit.fix import fix_text
    from lintkit.pipeline import process_document

    project, enabled = _STATE["project"], _STATE["enabled"]
    doc = parse("fuzz.md", data, max_bytes=1 << 20)
    result = process_document(doc, project, enabled)
    if result.errors:
        raise AssertionError(f"internal errors: {result.errors}")
    text = doc.text if doc.problem is None else data.decode("utf-8", errors="replace").removeprefix(BOM)
    index = LineIndex(text)
    for f in result.findings:
        spots = [(f.line, f.column), (f.end_line, f.end_column)]
        spots += [(r.line, r.column) for r in f.related if r.path == f.path]
        if f.fix is not None:
            spots += [(e.line, e.column) for e in f.fix.edits] + [(e.end_line, e.end_column) for e in f.fix.edits]
        for line, column in spots:
            if not _ok(index, text, line, column):
                raise AssertionError(f"{f.code} points outside the file: {line}:{column} ({f})")
        if (f.end_line, f.end_column) < (f.line, f.column):
            raise AssertionError(f"{f.code} ends before it starts: {f}")
    if doc.problem is None and not result.parse_error:
        fixed, n = fix_text(doc.text, result.findings)
        if n:
            again = process_document(parse("fuzz.md", fixed.encode("utf-8"), max_bytes=1 << 21), project, enabled)
            if again.errors:
                raise AssertionError(f"internal errors after fixing: {again.errors}")


def TestOneInput(data: bytes) -> None:  # the name atheris calls
    check(data)


def _mutate(rng: random.Random, seed: bytes, pool: list[bytes]) -> bytes:
    b = bytearray(seed)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(6)
        pos = rng.randrange(len(b) + 1)
        if op == 0 and b:
            del b[pos : pos + rng.randint(1, 16)]
        elif op == 1:
            b[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
        elif op == 2:
            other = rng.choice(pool)
            a = rng.randrange(len(other) + 1)
            b[pos:pos] = other[a : a + rng.randint(1, 200)]
        elif op == 3:
            b[pos:pos] = rng.choice(
                [
                    b"---\n",
                    b"\r",
                    b"\r\n",
                    b"> ",
                    b"- ",
                    b"*",
                    b"`",
                    b"[",
                    b"](",
                    b"|",
                    b"<!--",
                    b"-->",
                    b"&",
                    b"\\",
                    b"\xc3",
                    b"\xef\xbb\xbf",
                    b"\x00",
                    b"#",
                    b"\t",
                    b"!!python/",
                ]
            )
        elif op == 4 and b:
            b[pos:pos] = b[pos : pos + rng.randint(1, 64)] * rng.randint(2, 50)
        elif op == 5 and b:
            b = b[: rng.randrange(len(b))]
    return bytes(b)


def plain(iterations: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    pool = [p.read_bytes() for p in sorted((HERE / "corpus").glob("*")) if p.is_file()]
    pool += [p.read_bytes() for p in sorted((HERE.parent / "content").glob("*.md"))]
    for i in range(iterations):
        data = _mutate(rng, rng.choice(pool), pool)
        try:
            check(data)
        except Exception:
            out = HERE / "crashes"
            out.mkdir(exist_ok=True)
            (out / f"crash-{seed}-{i}.md").write_bytes(data)
            raise
        if i and i % 1000 == 0:
            print(f"{i} inputs", file=sys.stderr)
    print(f"{iterations} inputs, no failure", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--plain":
        _setup()
        plain(int(sys.argv[2]) if len(sys.argv) > 2 else 10_000, int(sys.argv[3]) if len(sys.argv) > 3 else 0)
    else:
        import atheris

        with atheris.instrument_imports(include=["lintkit", "markdown_it", "yaml"]):
            _setup()
        atheris.Setup(sys.argv, TestOneInput)
        atheris.Fuzz()
