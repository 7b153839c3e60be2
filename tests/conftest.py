"""Test options shared by the whole suite.

The README's ``pytest`` runs on a bare clone in under two minutes. Tests
marked ``shared`` (they read ``../shared``: the evaluation set, the real
corpus) and ``slow`` (fuzzing, the wheel build, the pre-commit run that
builds it) are deselected unless ``--extended`` is given; ``.ci/run`` gives
it. The property tests run 75 examples each by default and 600 with
``--extended``. With ``--extended`` a missing ``../shared`` is an error,
never a skip.
"""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from datasets import SHARED  # tests/ is on sys.path from here on


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--extended",
        action="store_true",
        help="also run the long suites and the tests that need ../shared (as .ci/run does)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "shared: reads ../shared (evaluation set, real corpus); runs with --extended")
    config.addinivalue_line("markers", "slow: a long suite (fuzzing, long property runs); runs with --extended")
    if config.getoption("--extended"):
        if not SHARED.is_dir():
            raise pytest.UsageError(f"--extended needs the shared folder beside the repository: {SHARED} is missing")
    # examples per property test (read when test_properties is imported): a
    # quick run by default, the long run with --extended; the variable wins
    os.environ.setdefault("LINTKIT_PROPERTY_EXAMPLES", "600" if config.getoption("--extended") else "75")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--extended"):
        return
    keep, drop = [], []
    for item in items:
        (drop if item.get_closest_marker("shared") or item.get_closest_marker("slow") else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
