"""Wheel build hook: put lintkit's precomputed shipped data in the wheel.

``tools/build_shipped.py`` runs on the source tree being built, in the build
environment (whose requirements in pyproject.toml are what it imports), and
its output goes into the wheel as ``lintkit/_shipped.pickle``. What the file
holds and why: ``lintkit/shipped.py``. Editable installs get none (the source
tree changes under them); ``python tools/build_shipped.py`` makes one there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class ShippedDataHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        self._tmp = tempfile.mkdtemp(prefix="lintkit-build-")
        out = os.path.join(self._tmp, "_shipped.pickle")
        # keep the build environment's own PYTHONPATH: pip's isolated build
        # environment puts the build requirements on it. Its site hook drops
        # other PYTHONPATH entries from sys.path, so the source tree is found
        # through the working folder ("-m" puts it first on sys.path).
        path = os.pathsep.join(p for p in (self.root, os.environ.get("PYTHONPATH", "")) if p)
        env = {**os.environ, "PYTHONPATH": path, "PYTHONDONTWRITEBYTECODE": "1"}
        r = subprocess.run(
            [sys.executable, "-m", "tools.build_shipped", "-o", out],
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if r.returncode != 0:
            raise RuntimeError(f"tools/build_shipped.py failed:\n{r.stdout}{r.stderr}")
        build_data["force_include"][out] = "lintkit/_shipped.pickle"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
