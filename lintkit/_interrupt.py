"""Ctrl-C while lintkit's modules load: one line, no traceback.

Imported first by ``lintkit.__main__`` and ``lintkit.cli`` (the console
script's module), before anything else they import, so that it covers every
import after it; ``cli.main`` catches KeyboardInterrupt itself once it runs
(exit 130). A Ctrl-C before this module runs lands in the interpreter's own
start-up, which is Python's to report.

It only changes how an uncaught KeyboardInterrupt is shown: Python still
ends the process as killed by SIGINT (status 130 in a shell), and other
uncaught exceptions go to the previous hook. Programs that import lintkit
catch their own exceptions and never reach it.
"""

from __future__ import annotations

import sys
from types import TracebackType

_previous = sys.excepthook


def _hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        print("lintkit: interrupted", file=sys.stderr)
    else:
        _previous(kind, value, tb)


if sys.excepthook is not _hook:
    sys.excepthook = _hook
