"""No network, no execution: a lint of the sample content succeeds with every
socket connection refused, and lintkit's own code never loads YAML unsafely,
evaluates strings or imports code named by content, packs or config."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

SITECUSTOMIZE = """
import socket

def _blocked(*args, **kwargs):
    raise OSError("network access is blocked in this test")

socket.socket.connect = _blocked
socket.socket.connect_ex = _blocked
socket.socket.sendto = _blocked
socket.create_connection = _blocked
socket.getaddrinfo = _blocked
"""


@pytest.fixture
def offline_env(tmp_path: Path) -> dict[str, str]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.endswith("_proxy") and not k.endswith("_PROXY")}
    env.update({"PYTHONPATH": f"{site}{os.pathsep}{REPO}", "NO_COLOR": "1", "LINTKIT_TODAY": "2026-01-15"})
    return env


def test_the_blocker_works(offline_env: dict[str, str]) -> None:
    p = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('127.0.0.1', 9))"],
        env=offline_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert p.returncode != 0 and "network access is blocked" in p.stderr


@pytest.mark.parametrize("fmt", ["json", "html", "sarif"])
def test_linting_the_sample_content_needs_no_network(offline_env: dict[str, str], fmt: str, tmp_path: Path) -> None:
    if not (REPO / "lintkit" / "cli.py").is_file():
        pytest.fail("lintkit/cli.py is missing")
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "lintkit",
            "check",
            str(REPO / "content"),
            "--format",
            fmt,
            "--no-cache",
            "--output",
            str(tmp_path / f"report.{fmt}"),
        ],
        cwd=REPO,
        env=offline_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "network access is blocked" not in p.stderr, p.stderr
    assert "Traceback" not in p.stderr, p.stderr
    assert p.returncode in (0, 1), (p.returncode, p.stderr)
    report = (tmp_path / f"report.{fmt}").read_text(encoding="utf-8")
    assert report
    if fmt == "html":
        # self-contained: nothing for a browser to fetch either
        for needle in ('src="http', "src='http", 'href="http://', "@import", "url(http"):
            assert needle not in report, needle


def test_the_engine_with_worker_processes_needs_no_network(offline_env: dict[str, str], tmp_path: Path) -> None:
    code = (
        "from pathlib import Path\n"
        "from lintkit.config import load_project\n"
        "from lintkit.engine import run\n"
        f"p = load_project(cwd=Path({str(REPO)!r}))\n"
        f"r = run(p, [Path({str(REPO / 'content')!r})], use_cache=False, jobs=2)\n"
        "print(len(r.report.findings))\n"
    )
    p = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=offline_env, capture_output=True, text=True, timeout=300
    )
    assert p.returncode == 0 and "blocked" not in p.stderr, p.stderr


# --- static checks on lintkit's own source ----------------------------------------

FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_ATTRS = {
    ("yaml", "load"),
    ("yaml", "load_all"),
    ("yaml", "unsafe_load"),
    ("yaml", "full_load"),
    ("yaml", "FullLoader"),
    ("yaml", "UnsafeLoader"),
    ("yaml", "Loader"),
    ("yaml", "CLoader"),
    ("pickle", "load"),
    ("pickle", "loads"),
    ("marshal", "loads"),
    ("importlib", "import_module"),
    ("os", "system"),
    ("os", "popen"),
    ("subprocess", "run"),
    ("subprocess", "Popen"),
    ("subprocess", "call"),
    ("subprocess", "check_output"),
    ("subprocess", "check_call"),
    ("urllib", "request"),
    ("socket", "socket"),
    ("http", "client"),
}
FORBIDDEN_IMPORTS = {
    "pickle",
    "marshal",
    "shelve",
    "subprocess",
    "socket",
    "urllib.request",
    "http.client",
    "requests",
    "httpx",
    "aiohttp",
    "ftplib",
    "smtplib",
    "telnetlib",
}


# Reviewed uses, each with the reason it is safe. A new entry needs the same review.
ALLOWED = {
    # the cache on disk is read through safepickle.safe_loads, which builds only
    # lintkit classes and plain data; plain pickle.loads is for bytes this
    # process's own workers just sent (trusted=True)
    ("lintkit/cache.py", "import pickle"),
    ("lintkit/cache.py", "pickle.loads"),
    # the restricted unpickler itself, and the pickler of lintkit's records
    ("lintkit/safepickle.py", "import pickle"),
    # the module name comes from the fixed FORMATS tuple, never from input
    ("lintkit/formatters/__init__.py", "importlib.import_module"),
}


def _sources() -> list[Path]:
    return sorted(p for p in (REPO / "lintkit").rglob("*.py") if "rules" not in p.relative_to(REPO / "lintkit").parts)


def test_lintkit_never_executes_or_deserialises_untrusted_data() -> None:
    found: list[tuple[str, int, str]] = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        rel = path.relative_to(REPO).as_posix()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FORBIDDEN_CALLS:
                found.append((rel, node.lineno, f"{node.func.id}()"))
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                if (node.value.id, node.attr) in FORBIDDEN_ATTRS:
                    found.append((rel, node.lineno, f"{node.value.id}.{node.attr}"))
            if isinstance(node, ast.Import):
                found += [(rel, node.lineno, f"import {a.name}") for a in node.names if a.name in FORBIDDEN_IMPORTS]
            if isinstance(node, ast.ImportFrom) and node.module in FORBIDDEN_IMPORTS:
                found.append((rel, node.lineno, f"from {node.module} import"))
    unexpected = [f"{rel}:{line}: {what}" for rel, line, what in found if (rel, what) not in ALLOWED]
    assert not unexpected, "\n".join(unexpected)
