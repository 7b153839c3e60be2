"""The composite GitHub Action (action.yml), its steps run the way a runner
runs them: each ``run`` step in ``bash --noprofile --norc -eo pipefail``
with the step's ``env`` and ``${{ }}`` expressions filled in, the
environment GitHub sets (GITHUB_OUTPUT, GITHUB_PATH, RUNNER_TEMP,
GITHUB_WORKSPACE …), in a temporary checkout of a content repository.
``uses:`` steps (the SARIF upload) are not run; their inputs are checked.
No network: the install step runs against a stand-in Python that records
what it is asked to install; the other tests use the lintkit of this test
run (``install: false``)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))

GOOD = "---\ntitle: Sciatica\ncontent_type: overview\n---\n# Sciatica\n\nSciatica is pain.\n"
BAD = "---\ntitle: Nerves\ncontent_type: overview\n---\n# Nerves\n\nGuillain-BarrĂ© syndrome is rare.\n"


class Runner:
    """Just enough of the Actions runner for this action's steps."""

    def __init__(self, tmp: Path, inputs: dict[str, str]) -> None:
        self.inputs = {k: str(v.get("default", "")) for k, v in ACTION["inputs"].items()}
        unknown = set(inputs) - set(self.inputs)
        assert not unknown, f"not inputs of action.yml: {unknown}"
        self.inputs.update(inputs)
        self.workspace = tmp / "workspace"
        self.temp = tmp / "runner-temp"
        self.temp.mkdir()
        self.files = {name: tmp / name for name in ("output", "path", "env", "summary")}
        for f in self.files.values():
            f.touch()
        self.steps: dict[str, dict[str, str]] = {}
        self.logs: list[tuple[str, subprocess.CompletedProcess[str] | None]] = []
        self.path_prefix: list[str] = []
        self.uses: dict[str, str] = {}  # the inputs of the last `uses:` step

    def context(self) -> dict[str, str]:
        return {
            "github.action_path": str(REPO),
            "github.server_url": "https://github.com",
            "github.action_repository": "example/lintkit",
            "runner.temp": str(self.temp),
        }

    def expr(self, text: str) -> str:
        def one(m: re.Match[str]) -> str:
            return self.value(m.group(1).strip())

        return re.sub(r"\$\{\{(.*?)\}\}", one, text)

    def value(self, name: str) -> str:
        if name.startswith("inputs."):
            return self.inputs[name[len("inputs.") :]]
        if name.startswith("steps."):
            _, step, _, key = name.split(".", 3)
            return self.steps.get(step, {}).get(key, "")
        return self.context()[name]

    def condition(self, cond: str | None, failed: bool) -> bool:
        """``if:`` as GitHub evaluates it, for the operators this action uses."""
        if cond is None:
            return not failed
        cond = cond.replace("${{", "").replace("}}", "").strip()
        always = "always()" in cond
        py = cond.replace("always()", "True").replace("&&", " and ").replace("||", " or ")
        names = {n: self.value(n) for n in re.findall(r"\b(?:inputs|steps)\.[\w.-]+", py)}
        for i, (n, _) in enumerate(sorted(names.items(), key=lambda kv: -len(kv[0]))):
            py = py.replace(n, f"_v{i}")
        env = {f"_v{i}": v for i, (_, v) in enumerate(sorted(names.items(), key=lambda kv: -len(kv[0])))}
        assert re.fullmatch(r"[\w\s'=!().-]*", py), f"unsupported expression: {cond}"
        result = bool(eval(py, {"__builtins__": {}, "True": True}, env))  # a checked, tiny subset
        return result and (always or not failed)

    def run(self, extra_env: dict[str, str] | None = None) -> int:
        """Run every step; returns the exit code of the first failing one (0 if none)."""
        failed = 0
        for step in ACTION["runs"]["steps"]:
            if not self.condition(step.get("if"), bool(failed)):
                self.logs.append((step["name"], None))
                continue
            if "uses" in step:
                self.logs.append((step["name"], None))
                self.uses = {k: self.expr(str(v)) for k, v in step.get("with", {}).items()}
                continue
            code = self.shell(step, extra_env or {})
            if code and not failed:
                failed = code
        return failed

    def shell(self, step: dict[str, Any], extra_env: dict[str, str]) -> int:
        assert step["shell"] == "bash"
        path_file = self.files["path"].read_text(encoding="utf-8").split()
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_"))},
            **extra_env,
            "PATH": os.pathsep.join([*reversed(path_file), *self.path_prefix, os.environ["PATH"]]),
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_ACTION_PATH": str(REPO),
            "GITHUB_OUTPUT": str(self.files["output"]),
            "GITHUB_PATH": str(self.files["path"]),
            "GITHUB_ENV": str(self.files["env"]),
            "GITHUB_STEP_SUMMARY": str(self.files["summary"]),
            "RUNNER_TEMP": str(self.temp),
        }
        env.update({k: self.expr(str(v)) for k, v in step.get("env", {}).items()})
        script = self.temp / "step.sh"
        script.write_text(step["run"], encoding="utf-8")
        self.files["output"].write_text("", encoding="utf-8")
        cwd = self.workspace / self.expr(step.get("working-directory", "."))
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        self.logs.append((step["name"], proc))
        outputs = dict(
            line.split("=", 1) for line in self.files["output"].read_text(encoding="utf-8").splitlines() if line
        )
        if "id" in step:
            self.steps[step["id"]] = outputs
        return proc.returncode

    def output(self, name: str) -> str:
        return "".join(p.stdout + p.stderr for n, p in self.logs if p is not None and n == name)

    def ran(self) -> list[str]:
        return [name for name, p in self.logs if p is not None]


def checkout(tmp: Path, bad: bool) -> Path:
    ws = tmp / "workspace"
    (ws / "content").mkdir(parents=True)
    (ws / "lintkit.yaml").write_text("content: [content]\n", encoding="utf-8")
    (ws / "content" / "sciatica.md").write_text(GOOD, encoding="utf-8")
    if bad:
        (ws / "content" / "nerves.md").write_text(BAD, encoding="utf-8")
    return ws


def test_annotations_on_findings_fail_the_job(tmp_path: Path) -> None:
    checkout(tmp_path, bad=True)
    runner = runner_on(tmp_path, {"install": "false"})
    code = runner.run()
    assert code == 1
    assert runner.ran() == ["Run lintkit", "Fail on findings at or above fail-on"]
    out = runner.output("Run lintkit")
    # a workflow command GitHub turns into an annotation on the file and line
    assert re.search(r"^::error file=content/nerves\.md,line=7,.*ENC002", out, re.M), out
    assert runner.steps["run"]["exit-code"] == "1"


def test_a_clean_corpus_passes(tmp_path: Path) -> None:
    checkout(tmp_path, bad=False)
    runner = runner_on(tmp_path, {"install": "false"})
    assert runner.run() == 0
    assert runner.steps["run"]["exit-code"] == "0"


def runner_on(tmp: Path, inputs: dict[str, str]) -> Runner:
    """A fresh runner on the checkout in ``tmp`` (its own temp and output
    files), with the lintkit of this test run on PATH."""
    base = tmp / f"run-{len(list(tmp.glob('run-*')))}"
    base.mkdir()
    (base / "workspace").symlink_to(tmp / "workspace")
    runner = Runner(base, inputs)
    runner.path_prefix = [str(Path(sys.executable).parent)]
    return runner


def test_paths(tmp_path: Path) -> None:
    checkout(tmp_path, bad=True)
    # only the good file: nothing to report
    assert runner_on(tmp_path, {"install": "false", "paths": "content/sciatica.md"}).run() == 0
    # one path per line, for a name with a space
    (tmp_path / "workspace" / "content" / "my notes.md").write_text(BAD, encoding="utf-8")
    runner = runner_on(tmp_path, {"install": "false", "paths": "content/sciatica.md\ncontent/my notes.md\n"})
    assert runner.run() == 1
    assert "file=content/my notes.md," in runner.output("Run lintkit")
    assert "nerves.md" not in runner.output("Run lintkit")


def test_sarif_is_written_uploaded_then_the_gate_fails(tmp_path: Path) -> None:
    checkout(tmp_path, bad=True)
    runner = runner_on(tmp_path, {"install": "false", "format": "sarif"})
    code = runner.run()
    assert code == 1
    assert runner.ran() == ["Run lintkit", "Fail on findings at or above fail-on"]
    assert [n for n, p in runner.logs if p is None] == ["Install lintkit", "Upload SARIF to code scanning"]
    sarif = json.loads((tmp_path / "workspace" / "lintkit.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert any(r["ruleId"] == "ENC002" for r in sarif["runs"][0]["results"])
    assert runner.uses == {"sarif_file": "./lintkit.sarif", "category": "lintkit"}
    # warnings fail only when asked
    runner = runner_on(tmp_path, {"install": "false", "format": "sarif", "fail-on": "warning", "upload-sarif": "false"})
    assert runner.run() == 1


def test_configuration_errors_stop_the_step(tmp_path: Path) -> None:
    ws = checkout(tmp_path, bad=False)
    (ws / "lintkit.yaml").write_text("content: [content]\nno_such_setting: 1\n", encoding="utf-8")
    runner = runner_on(tmp_path, {"install": "false"})
    assert runner.run() == 2
    assert "::error title=lintkit::" in runner.output("Run lintkit")
    # a bad format is refused before lintkit runs
    runner = runner_on(tmp_path, {"install": "false", "format": "html"})
    assert runner.run() == 2
    assert "format must be 'github' or 'sarif'" in runner.output("Run lintkit")


FAKE_PYTHON = """#!/bin/bash
# a stand-in interpreter: records its arguments; "-m venv DIR" makes DIR/bin/python, another stand-in
echo "$0 $*" >> "$CALLS"
if [ "$1" = -m ] && [ "$2" = venv ]; then
  mkdir -p "$3/bin"
  cp "$0" "$3/bin/python"
fi
"""


@pytest.mark.parametrize(
    ("version", "spec"), [("", str(REPO)), ("v0.2.0", "git+https://github.com/example/lintkit@v0.2.0")]
)
def test_install_step(tmp_path: Path, version: str, spec: str) -> None:
    checkout(tmp_path, bad=False)
    fake = tmp_path / "python-stand-in"
    fake.write_text(FAKE_PYTHON, encoding="utf-8")
    fake.chmod(0o755)
    calls = tmp_path / "calls.txt"
    runner = Runner(tmp_path, {"python": str(fake), "version": version})
    runner.path_prefix = []
    install = ACTION["runs"]["steps"][0]
    assert install["name"] == "Install lintkit"
    assert runner.shell(install, {"CALLS": str(calls)}) == 0
    venv = runner.temp / "lintkit-venv"
    lines = calls.read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"{fake} -m venv {venv}"
    assert lines[1].startswith(f"{venv}/bin/python -m pip install ")
    assert lines[1].endswith(spec)
    assert runner.files["path"].read_text(encoding="utf-8").split() == [f"{venv}/bin"]
