"""Running the command in this process, as the tests of the command line do."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lintkit.cli import main


def cli(args: list[str], cwd: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``lintkit ARGS`` run in ``cwd``: (exit code, stdout, stderr)."""
    old = Path.cwd()
    os.chdir(cwd)
    try:
        code = main(args)
    finally:
        os.chdir(old)
    out, err = capsys.readouterr()
    return code, out, err
