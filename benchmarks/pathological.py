"""Hostile single files from issue 18 (items 3, 4 and 5) and from profiling
them, each made to a given size in bytes. ``bench.py --modes pathological``
times them; ``tests/robustness/test_heavy_files.py`` checks that each is
parsed with exact positions and without an internal error. Standard library
only (the benchmark runs it against older checkouts too)."""

from __future__ import annotations

from collections.abc import Callable

HEAD = "---\ntitle: Numbness\ncontent_type: symptom\ntopics: [leg-numbness]\n---\n# Numbness\n\n"


def fill(unit: str, size: int, head: str = "") -> str:
    """``head`` and as many whole ``unit`` s as fit in ``size`` UTF-8 bytes."""
    room = size - len(head.encode("utf-8"))
    return head + unit * max(1, room // len(unit.encode("utf-8")))


def wide_table(size: int, columns: int = 5_000) -> str:
    """Item 3: a GFM table 5,000 columns wide (the issue's 4.2 MB one had 60
    rows), with as many rows as fit in ``size`` bytes; the last row may be
    short (GFM fills it with empty cells), so that the size is met closely."""
    cells = [f" value {c} |" for c in range(columns)]
    out = [HEAD, "|", *cells, "\n|", "---|" * columns, "\n"]
    used = sum(len(p.encode("utf-8")) for p in out)
    while used < size - 40:
        out.append("|")
        used += 1
        for cell in cells:
            if used + len(cell) + 1 > size:
                break
            out.append(cell)
            used += len(cell)
        out.append("\n")
        used += 1
    return "".join(out)


# name -> (issue item, what it is, maker)
INPUTS: dict[str, tuple[str, str, Callable[[int], str]]] = {
    "wide-table": ("3", "GFM table, 5,000 columns", wide_table),
    "rf004-sentence": (
        "4",
        "'Guillain-Barré syndrome and ' repeated",
        lambda s: fill("Guillain-Barré syndrome and ", s, HEAD),
    ),
    "rf004-mojibake": (
        "4",
        "'Guillain-BarrĂ© syndrome and ' repeated",
        lambda s: fill("Guillain-BarrĂ© syndrome and ", s, HEAD),
    ),
    "emphasis": ("5", "'*a **b *c **d ' repeated", lambda s: fill("*a **b *c **d ", s)),
    "one-letter-lines": ("5", "'a\\n' repeated: one paragraph", lambda s: fill("a\n", s)),
    "image-openers": ("5", "'![' repeated", lambda s: fill("![", s)),
    "short-paragraphs": ("5", "short paragraphs", lambda s: fill("Short paragraph here.\n\n", s, HEAD)),
    "list-items": ("5*", "'- a\\n' repeated: one-letter list items", lambda s: fill("- a\n", s)),
    "ordered-items": ("5*", "'1. a\\n' repeated", lambda s: fill("1. a\n", s)),
    "cr-lines": ("5*", "'a\\r' repeated: old Mac line breaks", lambda s: fill("a\r", s, HEAD)),
    "link-openers": ("5*", "'[[' repeated", lambda s: fill("[[", s)),
}

# The sizes the issue measured (bytes), over today's default limit: each
# must now be refused at once (ENC004) rather than parsed for a minute.
ISSUE_SIZES = {
    "wide-table": 4_200_000,
    "emphasis": 4_970_000,
    "one-letter-lines": 4_000_000,
    "image-openers": 400_000,
    "short-paragraphs": 4_900_000,
}
