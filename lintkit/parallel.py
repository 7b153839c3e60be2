"""Running the per-file phase over many files (and, later, the cache)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .config import Project
    from .engine import FileResult, Selection, Target


def process_all(
    tlist: list[Target],
    project: Project,
    selection: Selection,
    *,
    jobs: int | None = None,
    use_cache: bool = True,
    overlay: dict[str, str] | None = None,
) -> dict[str, FileResult]:
    from .document import parse_text
    from .engine import process_document, process_file

    overlay = overlay or {}
    out: dict[str, FileResult] = {}
    for t in tlist:
        # every code that may be reported anywhere runs; postprocess filters per path
        enabled = selection.run
        key = str(Path(t.path).absolute())
        if key in overlay:
            out[t.display] = process_document(parse_text(t.display, overlay[key]), project, enabled, reference=t.reference)
        else:
            out[t.display] = process_file(t.path, t.display, project, enabled, reference=t.reference)
    return out
