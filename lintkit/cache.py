"""Content-hash cache of per-file results (``.lintkit_cache/`` under the project root).

The per-file phase is a pure function of the file's bytes and of everything
that configures a run, so its whole ``FileResult`` can be reused:

* the *run key* hashes what is shared by every file: lintkit's version and
  code, the Python version, the rule packs (``packs.fingerprint``), the
  effective settings, ``today`` (date rules depend on it), the project root
  and the set of codes that run;
* each entry is found by display path and holds the sha256 of the bytes it
  was made from (the same digest ``--fix`` uses), whether the file was read
  as a reference, and the result.

One index file per run key holds every entry (``v1/<run key>.idx``). Measured
for 2,000 files, one packed file loads about 8× faster than one file per
entry and writes about 50× faster; decoding the objects costs the same either
way. An entry is two pickles: the part the corpus phase needs (summaries,
front matter, suppressions …) and the findings, decoded only for files that
are reported, so a pre-commit run does not rebuild the findings of the other
1,999 files.

Safety: writes go to a temporary file and ``os.replace``, so a reader sees
the old index or the new one, never half of one; before writing, entries that
another run saved meanwhile are merged in. A missing, corrupt or foreign
index is a miss, never an error. Loading uses the restricted unpickler of
``lintkit.safepickle``, which only builds lintkit classes and plain data, and the folder carries a ``.gitignore`` so it
is not committed by accident.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, packs
from .atomicio import remove_stale, replacing
from .pipeline import FileResult
from .safepickle import PROTOCOL, dumps, safe_loads

if TYPE_CHECKING:
    from .config import Project

FORMAT = "lintkit-cache-2"  # bump when the stored layout changes
KEEP_INDEXES = 8  # index files kept per project (other configurations, older code)

# entry: (sha256 of the bytes, read as reference?, corpus part, findings part)
Entry = tuple[str, bool, bytes, bytes]


# ---------------------------------------------------------------------------
# Keys


def code_fingerprint() -> str:
    """Size and mtime of every lintkit module: during development a rule
    changes while the version does not, and stale findings must never be served."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for p in sorted(root.rglob("*.py")):
        try:
            st = p.stat()
        except OSError:
            continue
        h.update(f"{p.relative_to(root).as_posix()}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def run_key(project: Project, enabled: frozenset[str]) -> str:
    h = hashlib.sha256()
    for part in (
        FORMAT,
        __version__,
        code_fingerprint(),
        sys.version,
        packs.fingerprint(project),
        project.settings.model_dump_json(),
        project.today.isoformat(),
        str(project.root),
        ",".join(sorted(enabled)),
    ):
        h.update(part.encode("utf-8", "surrogateescape"))
        h.update(b"\0")
    return h.hexdigest()


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


# ---------------------------------------------------------------------------
# Encoding results


def _other_fields() -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(FileResult) if f.name != "findings")


def encode(result: FileResult, *, findings: bool = True) -> tuple[bytes, bytes | None]:
    """(corpus part, findings part) of a result, as stored and as sent by workers."""
    rest = tuple(getattr(result, n) for n in _other_fields())
    return dumps(rest), dumps(result.findings) if findings else None


def decode(corpus: bytes, findings: bytes | None, *, trusted: bool = False) -> FileResult:
    """Rebuild a result; ``findings=None`` leaves its findings empty (the engine
    reads findings only of files it reports). Untrusted bytes (the cache on
    disk) go through the restricted unpickler."""
    load = pickle.loads if trusted else safe_loads
    values = dict(zip(_other_fields(), load(corpus), strict=True))
    return FileResult(findings=load(findings) if findings is not None else [], **values)


# ---------------------------------------------------------------------------
# The index


class Cache:
    """Entries of one run key, loaded once; ``save`` writes them back if any changed."""

    def __init__(self, directory: Path, key: str) -> None:
        self.directory = directory
        self.path = directory / "v1" / f"{key[:40]}.idx"
        self.entries: dict[str, Entry] = {}
        self._stamp: tuple[int, int] | None = None
        self._dirty = False
        self.hits = 0
        self.misses = 0
        self._load()

    @classmethod
    def for_project(cls, project: Project, enabled: frozenset[str]) -> Cache:
        """The cache of ``project``. Raises ConfigError (exit 2) when its folder
        exists but lintkit did not make it: writing there would overwrite the
        project's own files (``cache_dir: docs`` and its ``.gitignore``)."""
        directory = project.root / project.settings.cache_dir
        owner = folder_owner(directory)
        if owner == "not-a-folder":
            raise NotADirectoryError(f"{directory} is not a folder")  # the run goes on without the cache
        if owner == "foreign":
            from .config import ConfigError, config_line

            where = project.config_path
            raise ConfigError(
                f"setting 'cache_dir': {project.settings.cache_dir!r} is a folder lintkit did not create "
                "(it holds other files and no lintkit CACHEDIR.TAG); lintkit writes only into a cache folder "
                "of its own: name a new folder, e.g. '.lintkit_cache'",
                str(where) if where else None,
                config_line(where, ("cache_dir",)) if where else None,
            )
        return cls(directory, run_key(project, enabled))

    def _read(self) -> tuple[dict[str, Entry], tuple[int, int] | None]:
        try:
            with open(self.path, "rb") as fh:
                st = os.fstat(fh.fileno())
                data = fh.read()
        except OSError:
            return {}, None
        stamp = (st.st_mtime_ns, st.st_size)
        try:
            fmt, entries = safe_loads(data)
        except Exception:  # corrupt, truncated or foreign: start afresh
            return {}, stamp
        if fmt != FORMAT or not isinstance(entries, dict):
            return {}, stamp
        return entries, stamp

    def _load(self) -> None:
        self.entries, self._stamp = self._read()
        if self._stamp is not None:
            # mark as recently used, so pruning keeps it
            with contextlib.suppress(OSError):
                os.utime(self.path)
                self._stamp = (self.path.stat().st_mtime_ns, self._stamp[1])

    def find(self, display: str, sha: str, reference: bool) -> Entry | None:
        """The entry stored for these bytes, not yet decoded (see :meth:`load`)."""
        e = self.entries.get(display)
        if isinstance(e, tuple) and len(e) == 4 and e[0] == sha and e[1] == reference:
            return e
        self.misses += 1
        return None

    def load(self, e: Entry, *, findings: bool = True) -> FileResult | None:
        """Decode an entry from :meth:`find`; None (a miss) when it is damaged.
        ``findings=False`` skips decoding the findings (the engine reads them
        only for reported files)."""
        try:
            res = decode(e[2], e[3] if findings else None)
        except Exception:  # damaged or foreign entry: compute it again
            self.misses += 1
            return None
        self.hits += 1
        return res

    def put(self, display: str, entry: Entry) -> None:
        self.entries[display] = entry
        self._dirty = True

    def save(self) -> None:
        """Write the index atomically. Never raises: a cache that cannot be
        written only makes the next run slower."""
        if not self._dirty:
            return
        try:
            self._save()
        except OSError:
            pass

    def _save(self) -> None:
        folder = self.path.parent
        owner = folder_owner(self.directory)
        if owner in ("foreign", "not-a-folder"):  # made meanwhile by someone else: leave it alone
            return
        folder.mkdir(parents=True, exist_ok=True)
        if owner != "lintkit" or not (self.directory / ".gitignore").exists():
            _mark(self.directory)
        try:
            st = self.path.stat()
            stamp: tuple[int, int] | None = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = None
        if stamp is not None and stamp != self._stamp:
            # another run saved since we loaded: keep its entries, ours win
            theirs, _ = self._read()
            theirs.update(self.entries)
            self.entries = theirs
        data = pickle.dumps((FORMAT, self.entries), protocol=PROTOCOL)
        with replacing(self.path) as fh:
            fh.write(data)
        self._dirty = False
        _prune(folder, keep=self.path)


GITIGNORE = "# created by lintkit\n*\n"
CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# lintkit cache: https://bford.info/cachedir/\n"


def folder_owner(directory: Path) -> str:
    """Whose folder ``directory`` is: ``absent``, ``empty`` (lintkit may
    adopt it: there is nothing to overwrite), ``lintkit`` (it carries the
    markers lintkit writes), ``not-a-folder`` (a file is in the way: the run
    goes on without the cache) or ``foreign`` (anything else: never written,
    not even a folder holding only ``v1/``, which could be anyone's)."""
    try:
        names = os.listdir(directory)
    except FileNotFoundError:
        return "absent"
    except NotADirectoryError:
        return "not-a-folder"
    except OSError:
        # unreadable: the cache will fail to load and to save; nothing to protect
        return "lintkit" if (directory / "CACHEDIR.TAG").exists() else "foreign"
    if not names:
        return "empty"
    for name, marker in (("CACHEDIR.TAG", "# lintkit cache"), (".gitignore", "# created by lintkit")):
        try:
            with open(directory / name, encoding="utf-8", errors="replace") as fh:
                if marker in fh.read(4096):
                    return "lintkit"
        except OSError:
            continue
    return "foreign"


def _mark(directory: Path) -> None:
    """Keep the cache out of version control and out of backups. Only called
    on a folder :func:`folder_owner` found absent, empty or lintkit's."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    (directory / "CACHEDIR.TAG").write_text(CACHEDIR_TAG, encoding="utf-8")


def _prune(folder: Path, keep: Path) -> None:
    """Drop all but the most recently used index files (other configurations)
    and temporary files left by runs that were killed mid-write."""
    found: list[tuple[int, Path]] = []
    remove_stale([folder])
    for p in folder.iterdir():
        with contextlib.suppress(OSError):
            if p.suffix == ".idx":
                found.append((p.stat().st_mtime_ns, p))
    found.sort(reverse=True)
    for _, p in found[KEEP_INDEXES:]:
        if p != keep:
            with contextlib.suppress(OSError):
                p.unlink()
