"""Replacing a file in one step: readers see the old file or the whole new one.

The new content goes to a temporary file next to the target, named
``.<name>.<8 random characters>.lintkit-tmp``, which is renamed over the
target. A process killed in between (SIGKILL, out of memory, a CI timeout)
cannot remove its temporary file, so every later run removes the ones it
finds in the folders it reads (:func:`remove_stale`). While it is written a
temporary file is locked (``flock``); the lock dies with its process, so a
file that can be locked belongs to no running lintkit and is safe to
remove, however young. Where ``flock`` is missing, only files older than an
hour are removed.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]

SUFFIX = ".lintkit-tmp"
# mkstemp's random part: 8 characters from [a-z0-9_]
_TEMP_NAME = re.compile(r"\A\.(?P<name>.+)\.[a-z0-9_]{8}" + re.escape(SUFFIX) + r"\Z")
_UNLOCKED_AGE = 3600  # seconds, where files cannot be locked


@contextlib.contextmanager
def replacing(
    path: Path,
    mode: str = "wb",
    *,
    permissions: int | None = None,
    owner: tuple[int, int] | None = None,
    **open_args: Any,
) -> Iterator[IO[Any]]:
    """A temporary file next to ``path``, renamed over it when the block ends
    without an error and removed when it raises (raise inside the block to
    abandon the write). It gets ``owner`` (uid, gid) and ``permissions`` if
    given, else it stays this process's, 0600, as ``tempfile.mkstemp`` makes
    it; a PermissionError when the owner cannot be given abandons the write.
    It is locked until it is renamed."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=SUFFIX, dir=path.parent)
    lock = _lock(fd)
    try:
        with open(fd, mode, **open_args) as fh:
            yield fh
        if owner is not None and owner != _owner(tmp):
            os.chown(tmp, *owner)  # before chmod: chown clears set-user/group-ID bits
        if permissions is not None:
            os.chmod(tmp, permissions)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    finally:
        if lock is not None:
            os.close(lock)


def _owner(path: str) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_uid, st.st_gid


def _lock(fd: int) -> int | None:
    """Hold an exclusive lock on the open file ``fd`` through a second
    descriptor, so that closing the file before the rename keeps it."""
    if fcntl is None:
        return None
    lock = os.dup(fd)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
    except OSError:  # a file system without locks: the age rule applies
        os.close(lock)
        return None
    return lock


def is_temporary(name: str, target: str | None = None) -> bool:
    """Whether ``name`` is one of lintkit's temporary files (of ``target``)."""
    m = _TEMP_NAME.match(name)
    return m is not None and (target is None or m.group("name") == target)


def remove_stale(folders: Iterable[Path], target: str | None = None) -> list[Path]:
    """Remove lintkit's temporary files in ``folders`` (only those of the file
    named ``target`` if given) that no running process is writing; return
    what was removed. Never raises."""
    removed = []
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if not is_temporary(entry.name, target):
                continue
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and _abandoned(Path(entry.path)):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _abandoned(path: Path) -> bool:
    if fcntl is not None:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False  # a running lintkit is writing it
        except OSError:
            pass  # no locks here: fall back to age
        else:
            return True  # the lock is released when this descriptor closes
        finally:
            os.close(fd)
    return path.stat().st_mtime < time.time() - _UNLOCKED_AGE
