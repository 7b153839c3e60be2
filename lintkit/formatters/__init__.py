"""Output formats. Each module exposes a pure ``render(report, options) -> str``:
no I/O, no exit codes. The CLI writes the string and decides the exit code.
A format whose output can be huge also exposes ``chunks(report, options)``,
the same text in pieces, which the CLI writes as they come."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..findings import Report
    from ..registry import Rule

FORMATS = ("text", "json", "sarif", "github", "junit", "html")


class RenderOptions(NamedTuple):
    """What a format may use besides the report. (A named tuple, not a
    dataclass: the CLI imports this module for ``FORMATS`` at start-up, and
    dataclasses costs ``lintkit --version`` about 10 ms.)"""

    color: bool = False
    # path -> file text, for formats that show the flagged source (text, html)
    sources: Mapping[str, str] = {}
    # code -> Rule, for formats that carry rule metadata (sarif, html)
    rules: Mapping[str, Rule] = {}
    quiet: bool = False
    show_source: bool = True


Renderer = Callable[["Report", RenderOptions], str]
ChunkRenderer = Callable[["Report", RenderOptions], Iterable[str]]


def _module(name: str) -> ModuleType:
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}; choose one of {', '.join(FORMATS)}")
    return importlib.import_module(f".{'json_' if name == 'json' else name}", __name__)


def get(name: str) -> Renderer:
    render: Renderer = _module(name).render
    return render


def get_chunks(name: str) -> ChunkRenderer:
    """The format's ``chunks`` if it has one, else its whole ``render`` as one piece."""
    module = _module(name)
    chunks: ChunkRenderer | None = getattr(module, "chunks", None)
    return chunks if chunks is not None else (lambda report, options: (module.render(report, options),))
