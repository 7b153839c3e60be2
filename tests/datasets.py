"""Where the tests' data lives, in one place.

The default suite reads only what the repository holds (``tests/data``): the
OASIS SARIF schema and a sample of real articles. The full real corpus and
the evaluation sets are in the shared folder beside the repository; tests
that read it are marked ``shared`` and run with ``pytest --extended``
(``tests/conftest.py``).
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
SARIF_SCHEMA = DATA / "sarif" / "sarif-schema-2.1.0.json"
REAL_SAMPLE = DATA / "real"  # 93 pages of the corpus below, four publishers

SHARED = REPO.parent / "shared"
REAL_CORPUS = SHARED / "corpus" / "real"  # 2,428 pages


def real_pages(corpus: Path = REAL_SAMPLE) -> list[Path]:
    """The articles of ``corpus`` (one folder per publisher), sorted by path."""
    pages = sorted(corpus.glob("*/*.md"))
    if not pages:  # an empty list would make every loop over it pass
        raise FileNotFoundError(f"no articles in {corpus}")
    return pages
