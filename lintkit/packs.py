"""Rule packs: YAML data that instantiates the rule kinds written in code.

Layout (the same for the default ``rules/`` folder and for every extra folder
named in ``rule_packs``)::

    rules/<kind>.yaml            one file for a kind, or
    rules/<kind>/*.yaml          several files for a kind (sorted by name)

``kind`` is one of the kinds the families declare (``Family.packs``:
terminology, redflags, readability, contradictions). Each family owns the
pydantic model of its packs (on :class:`PackModel`) and how several packs
merge; this module only finds files, loads them safely and turns validation
errors into ``PackError`` naming file and line.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from . import yamlpos
from .config import LintkitError, describe_error

if TYPE_CHECKING:
    from .config import Project

M = TypeVar("M", bound=BaseModel)


class PackError(LintkitError):
    """A rule pack that cannot be used (exit code 2)."""


class PackModel(BaseModel):
    """The base of every rule-pack model: unknown keys are errors (with file
    and line), loaded packs are immutable, and validators are built on first
    use, not at import (most runs use the precomputed shipped packs)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


@functools.lru_cache(maxsize=1)
def default_rules_dir() -> Path:
    """``lintkit/rules`` inside an installed wheel, else the repository's ``rules/``."""
    here = Path(__file__).resolve().parent
    inside = here / "rules"
    if inside.is_dir():
        return inside
    return here.parent / "rules"


def pack_dirs(project: Project | None) -> list[Path]:
    dirs = [default_rules_dir()]
    if project is not None:
        dirs += [project.resolve(p) for p in project.settings.rule_packs]
    return dirs


def pack_files(kind: str, project: Project | None) -> list[Path]:
    """Every YAML file for ``kind``: defaults first, then user folders in order."""
    out: list[Path] = []
    for d in pack_dirs(project):
        single = d / f"{kind}.yaml"
        if single.is_file():
            out.append(single)
        sub = d / kind
        if sub.is_dir():
            out += sorted(p for p in sub.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return out


def load_file(path: Path, model: type[M]) -> M:
    """Load and validate one pack file, or raise PackError with file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise PackError(f"cannot read rule pack: {e}", str(path)) from None
    rel = _shipped(path)
    if rel is None:
        return validate_text(text, model, str(path))
    from . import shipped

    stored = shipped.pack(rel, text)
    if isinstance(stored, model):
        return stored
    return validated(text, model, str(path))


def validated(text: str, model: type[M], where: str) -> M:
    """A shipped pack validated: its patterns were probed by the tests, so the
    costly safety probes are skipped."""
    from . import saferegex

    with saferegex.trusted():
        return validate_text(text, model, where)


def _shipped(path: Path) -> str | None:
    """``path`` relative to the shipped rules folder, or None for a user's pack."""
    try:
        return path.resolve().relative_to(default_rules_dir().resolve()).as_posix()
    except (OSError, ValueError):
        return None


def validate_text(text: str, model: type[M], where: str) -> M:
    try:
        data, pos = yamlpos.load(text)
    except yamlpos.YamlError as e:
        raise PackError(f"invalid YAML: {e.message}", where, e.line + 1) from None
    if not isinstance(data, dict):
        raise PackError("a rule pack must be a mapping", where, 1)
    try:
        return model.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        p = yamlpos.locate(pos, tuple(err["loc"]))
        line = (p.value_line + 1 if err["type"] != "extra_forbidden" else p.key_line + 1) if p else 1
        raise PackError(describe_error(err, e.error_count()), where, line) from None
    except ValueError as e:  # raised by model validators outside pydantic's wrapping
        raise PackError(str(e), where, 1) from None


@functools.lru_cache(maxsize=64)
def _cached(kind: str, files: tuple[tuple[str, float, int], ...], model: type[Any]) -> tuple[Any, ...]:
    return tuple(load_file(Path(f), model) for f, _, _ in files)


def load(kind: str, model: type[M], project: Project | None) -> list[M]:
    """All packs of ``kind`` validated against ``model`` (cached per process by
    path, mtime and size)."""
    files = []
    for p in _listing(kind, project):
        st = os.stat(p)
        files.append((p, st.st_mtime, st.st_size))
    return list(_cached(kind, tuple(files), model))


# (kind, folders) -> (stamps of the folders, pack files found in them)
_LISTINGS: dict[tuple[str, tuple[str, ...]], tuple[tuple[int, ...], tuple[str, ...]]] = {}


def _listing(kind: str, project: Project | None) -> tuple[str, ...]:
    """``pack_files`` as strings, listed again only when a folder that holds
    them changed. Families call ``load`` several times per document; listing
    the folders through pathlib each time cost about 5 ms per document."""
    dirs = [str(d) for d in pack_dirs(project)]
    probe = tuple(_mtime(x) for d in dirs for x in (d, os.path.join(d, kind)))
    key = (kind, tuple(dirs))
    hit = _LISTINGS.get(key)
    if hit is None or hit[0] != probe:
        hit = (probe, tuple(str(p) for p in pack_files(kind, project)))
        # a folder changed within the clock's granularity may change again
        # without a new mtime (git's "racily clean" case): list it every time
        if max(probe) < time.time_ns() - 2 * 10**9:
            _LISTINGS[key] = hit
    return hit[1]


def _mtime(path: str) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1


T = TypeVar("T")
_BUILT: dict[tuple[str, tuple[int, ...]], tuple[list[Any], Any]] = {}


def load_built(kind: str, model: type[M], project: Project | None, build: Callable[[list[M]], T]) -> T:
    """``build(load(kind, model, project))``, cached per process while the pack
    files are unchanged (families merge and compile their packs once)."""
    loaded = load(kind, model, project)
    key = (kind, tuple(id(p) for p in loaded))
    hit = _BUILT.get(key)
    if hit is not None:
        return hit[1]  # type: ignore[no-any-return]
    built = build(loaded)
    if len(_BUILT) > 64:
        _BUILT.clear()
    # keep the pack objects alive with the entry so their ids are not reused
    _BUILT[key] = (loaded, built)
    return built


def fingerprint(project: Project | None) -> str:
    """A hash of every pack file's bytes (part of the cache key)."""
    import hashlib

    h = hashlib.sha256()
    for d in pack_dirs(project):
        if not d.is_dir():
            continue
        for p in sorted(d.rglob("*.y*ml")):
            h.update(str(p.relative_to(d)).encode())
            try:
                h.update(p.read_bytes())
            except OSError:
                pass
    return h.hexdigest()
