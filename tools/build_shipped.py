"""Build the data lintkit precomputes into its wheel (``lintkit/_shipped.pickle``).

    python tools/build_shipped.py [-o FILE]     write it (default: into the lintkit package)
    python tools/build_shipped.py --status      which stored parts the importable lintkit can use

What the file holds and why: ``lintkit/shipped.py``, which only reads it. The
wheel build hook (``hatch_build.py``) runs this script on the source tree being
built; in a source checkout, run it by hand (the benchmark does). It works on
whichever ``lintkit`` Python imports: the build hook puts the source tree on
``PYTHONPATH``; an editable install is the checkout; in any other environment
it is the installed package (``--status`` of an installed wheel).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pydantic

from lintkit import packs, shipped, syllables
from lintkit.checks import REGISTRY


def _shipped_packs() -> Iterator[tuple[str, Path, str, type[Any]]]:
    """(path relative to the rules folder, path, text, model) of every shipped pack."""
    rules = packs.default_rules_dir()
    for kind, model in REGISTRY.pack_models.items():
        for path in packs.pack_files(kind, None):
            yield path.relative_to(rules).as_posix(), path, path.read_text(encoding="utf-8"), model


def _file_digest(package_data: tuple[str, str]) -> str | None:
    path = syllables.data_file(*package_data)
    try:
        return shipped.digest(path.read_bytes()) if path is not None else None
    except OSError:
        return None


def build() -> dict[str, Any]:
    """Compute every part from the installed packages and the shipped packs."""
    data: dict[str, Any] = {
        "format": shipped.FORMAT,
        "python": shipped.python_version(),
        "source": shipped.source_digest(),
        "pydantic": pydantic.VERSION,
    }
    data["packs"] = {
        rel: (shipped.digest(text.encode("utf-8")), pickle.dumps(packs.validated(text, model, str(path)), 5))
        for rel, path, text, model in _shipped_packs()
    }
    counted = sorted(syllables.dictionary_counts().items())
    cmu = _file_digest(syllables.CMUDICT)
    if cmu is not None and all("\n" not in w and 0 <= n < 256 for w, n in counted):
        data["cmudict"] = (cmu, "\n".join(w for w, _ in counted), bytes(n for _, n in counted))
    hd = syllables.hyphenator().hd
    ph = _file_digest(syllables.PYPHEN)
    if ph is not None:
        data["pyphen"] = (ph, pickle.dumps((hd.patterns, hd.maxlen), 5))
    return data


def write(path: Path | None = None) -> Path:
    from lintkit.atomicio import replacing

    target = path or shipped.FILE
    # readable by all, as the package's other files
    with replacing(target, "wb", permissions=0o644) as fh:
        fh.write(pickle.dumps(build(), 5))
    return target


def status() -> dict[str, Any]:
    """Which stored parts this installation can use (for tests and bug reports)."""
    usable = [rel for rel, _, text, model in _shipped_packs() if isinstance(shipped.pack(rel, text), model)]
    return {
        "file": str(shipped._path),
        "valid": bool(shipped._data()),
        "packs": sorted(usable),
        "cmudict": syllables.stored_counts() is not None,
        "pyphen": syllables.stored_patterns() is not None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/build_shipped.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, help=f"where to write (default {shipped.FILE})")
    parser.add_argument("--status", action="store_true", help="print which stored parts are usable, as JSON")
    args = parser.parse_args(argv)
    if args.status:
        print(json.dumps(status(), indent=2))
        return 0
    out = write(args.output)
    print(f"wrote {out} ({os.path.getsize(out):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
