"""Replacing a file in one step: readers see the old file or the whole new one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


@contextlib.contextmanager
def replacing(
    path: Path, mode: str = "wb", *, permissions: int | None = None, suffix: str = ".tmp", **open_args: Any
) -> Iterator[IO[Any]]:
    """A temporary file next to ``path``, renamed over it when the block ends
    without an error and removed when it raises (raise inside the block to
    abandon the write). It gets ``permissions`` if given, else stays 0600 as
    ``tempfile.mkstemp`` makes it."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    try:
        with open(fd, mode, **open_args) as fh:
            yield fh
        if permissions is not None:
            os.chmod(tmp, permissions)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
