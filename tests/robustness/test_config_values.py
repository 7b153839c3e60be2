"""Bad configuration values and Ctrl-C (issue 18, item 9).

``max_file_size: 99999999999999999999`` was an OverflowError,
``max_file_size: 9999999999999`` a MemoryError, ``content: ["a\\0b"]`` a
ValueError, and Ctrl-C in the first ~0.2 s a KeyboardInterrupt traceback,
all with exit 1. Each bad value is now exit 2 with one line naming the
configuration file and the line; Ctrl-C is exit 130 with one line.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, SIBLING, lint, run_cli, write_project

from lintkit.config import LintkitError, Settings


@pytest.mark.parametrize(
    ("setting", "line"),
    [
        ("max_file_size: 99999999999999999999", "less than or equal to 1000000000"),
        ("max_file_size: 9999999999999", "less than or equal to 1000000000"),
        ('content: ["a\\0b"]', "holds a NUL character"),
        ('cache_dir: "a\\0b"', "holds a NUL character"),
        ('references: ["\\0"]', "holds a NUL character"),
        ('rule_packs: ["packs\\0"]', "holds a NUL character"),
        ('exclude: ["*\\0"]', "holds a NUL character"),
    ],
)
def test_issue_reproduction_bad_values_are_one_line_with_file_and_line(tmp_path: Path, setting: str, line: str) -> None:
    write_project(tmp_path, f"locale: en-US\n{setting}\n")
    r = run_cli("check", "--no-cache", cwd=tmp_path)
    assert r.code == 2, (r.code, r.err)
    (only,) = r.err.strip().splitlines()
    assert only.startswith(f"lintkit: error: {tmp_path / 'lintkit.yaml'}:2: setting "), only
    assert line in only, only


# Every setting, every kind of hostile value: a config error naming the file
# and line, or a run that finishes; never another exception.
HOSTILE: list[Any] = [
    10**20,
    -(10**20),
    10**13,
    0,
    -1,
    1e308,
    float("inf"),
    float("nan"),
    "",
    "a\0b",
    "x" * 10_000,
    "../../etc",
    "/",
    True,
    None,
    [],
    ["a\0b"],
    [[[]]],
    {"k": "v"},
    [{"a": 1}],
    "\ud800"[:0] + "é\u202e",
]
KEYS = [
    *Settings.model_fields,
    "review.max_age_days",
    "red_flags.urgency_window",
    "red_flags.content_types",
    "readability.min_words",
    "readability.audiences.patient.grade_warning",
    "readability.audiences.patient.sentence_words",
    "contradictions.quantity_tolerance",
    "terminology.allowed_aliases",
    "schema.fields.extra.type",
    "schema.allowed_values.audience",
    "per_path",
    "severity.RF001",
]


def _config(key: str, value: Any) -> str:
    data: dict[str, Any] = {"content": ["."]}
    node = data
    *parents, last = key.replace("schema_", "schema").split(".")
    for p in parents:
        node = node.setdefault(p, {})
    node[last] = value
    # JSON is YAML; NaN and infinities are written the YAML way
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("NaN", ".nan").replace("-Infinity", "-.inf").replace("Infinity", ".inf") + "\n"


@pytest.mark.parametrize("key", KEYS)
def test_any_value_of_any_setting_is_an_error_with_file_and_line_or_a_run(tmp_path: Path, key: str) -> None:
    for i, value in enumerate(HOSTILE):
        root = tmp_path / str(i)
        write_project(root, _config(key, value))
        try:
            result = lint(root)
        except LintkitError as e:
            assert e.path and e.path.endswith("lintkit.yaml") and e.line == 1, (key, value, str(e))
            assert "\n" not in str(e), str(e)
        else:
            assert not result.errors, (key, value, result.errors)
            assert SIBLING in result.results


@pytest.mark.parametrize("value", [10**20, 9_999_999_999_999])
def test_a_huge_review_age_is_a_config_error_not_a_date_overflow(tmp_path: Path, value: int) -> None:
    write_project(tmp_path, f"content: ['.']\nreview:\n  max_age_days: {value}\n")
    (tmp_path / "page.md").write_text(
        "---\ntitle: x\ncontent_type: overview\nlast_reviewed: 2020-01-01\n---\n# x\n", encoding="utf-8"
    )
    r = run_cli("check", "--no-cache", cwd=tmp_path)
    assert r.code == 2 and "Traceback" not in r.err, r.err
    assert f"{tmp_path / 'lintkit.yaml'}:3: setting 'review.max_age_days'" in r.err


# --- Ctrl-C --------------------------------------------------------------------------


# ``python -m lintkit check --no-cache`` that says "ready" on stderr as soon as
# lintkit's first module has run: from then on every Ctrl-C is lintkit's to
# handle. (Before it, the interpreter is still starting; a Ctrl-C there is
# Python's own to report, whatever the program.)
CHILD = """
import sys
sys.argv = ["lintkit", "check", "--no-cache"]
from lintkit import _interrupt
print("ready", file=sys.stderr, flush=True)
from lintkit.cli import entry
entry()
"""


def test_ctrl_c_at_any_moment_is_130_and_one_line(tmp_path: Path) -> None:
    write_project(tmp_path)
    for i in range(40):
        (tmp_path / f"p{i}.md").write_text("# Page\n\nText with PVD and PAD.\n" * 20, encoding="utf-8")
    interrupted = 0
    for k in range(16):
        p = subprocess.Popen(
            [sys.executable, "-c", CHILD],
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert p.stderr is not None and p.stderr.readline() == "ready\n"
        time.sleep(k * 0.04)  # from loading the modules to writing the report
        p.send_signal(signal.SIGINT)
        err = p.stderr.read()
        code = p.wait(timeout=60)
        if code in (0, 1):  # it finished first
            continue
        interrupted += 1
        # 130, or ended by SIGINT itself (Python does that after an uncaught
        # KeyboardInterrupt): a shell shows 130 for both
        assert code in (130, -signal.SIGINT), (k, code, err)
        assert "Traceback" not in err and "KeyboardInterrupt" not in err, (k, err)
        assert err.strip() == "lintkit: interrupted", (k, err)
    assert interrupted >= 4
