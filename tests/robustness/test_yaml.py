"""Hostile YAML in front matter, config and rule packs: alias bombs, Python
tags, deep nesting. Safe loading only; nothing is executed; bounded work."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, assert_sibling_checked, codes_for, lint, write_project

from lintkit import yamlpos
from lintkit.config import ConfigError, load_project
from lintkit.document import parse

BILLION_LAUGHS = "\n".join(
    ["title: lol", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
)


def _exec_tags(marker: Path) -> list[str]:
    cmd = f"touch {marker}"
    return [
        f"x: !!python/object/apply:os.system [{cmd!r}]",
        f"x: !!python/object/new:os.system [{cmd!r}]",
        "x: !!python/name:os.system",
        "x: !!python/module:os",
        f"!!python/object/apply:subprocess.check_call [[touch, {marker}]]: 1",
        f"x: !!python/object/apply:builtins.exec [\"open({str(marker)!r}, 'w')\"]",
    ]


def test_alias_bomb_is_refused_quickly() -> None:
    # 9**9 = 387 million strings if expanded; refused after counting the
    # node budget (10,000 for front matter, 200,000 for config and packs)
    for budget, limit in ((10_000, 2.0), (yamlpos.MAX_NODES, 10.0)):
        start = time.perf_counter()
        with pytest.raises(yamlpos.YamlError, match="aliases"):
            yamlpos.load(BILLION_LAUGHS, max_nodes=budget)
        assert time.perf_counter() - start < limit


def test_alias_bomb_in_front_matter_is_a_finding(tmp_path: Path) -> None:
    write_project(tmp_path)
    (tmp_path / "bomb.md").write_text(f"---\n{BILLION_LAUGHS}\n---\n# Hi\n", encoding="utf-8")
    start = time.perf_counter()
    result = lint(tmp_path)
    assert time.perf_counter() - start < 10
    assert "SCH001" in codes_for(result, "bomb.md")
    assert result.results["bomb.md"].parse_error
    assert_sibling_checked(result)


@pytest.mark.parametrize("index", range(6))
def test_python_tags_never_execute(tmp_path: Path, index: int) -> None:
    marker = tmp_path / "executed"
    tag = _exec_tags(marker)[index]
    write_project(tmp_path)
    (tmp_path / "tag.md").write_text(f"---\ntitle: T\n{tag}\n---\n# Hi\n", encoding="utf-8")
    result = lint(tmp_path)
    assert not marker.exists(), "a YAML tag ran a command"
    finding = [f for f in result.report.findings if f.path == "tag.md" and f.code == "SCH001"]
    assert finding, result.report.findings
    assert finding[0].line == 3  # the tagged line, counted from the top of the file
    assert_sibling_checked(result)


@pytest.mark.parametrize("index", range(6))
def test_python_tags_in_config_and_packs_never_execute(tmp_path: Path, index: int) -> None:
    marker = tmp_path / "executed"
    tag = _exec_tags(marker)[index]
    (tmp_path / "lintkit.yaml").write_text(f"content: ['.']\n{tag}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_project(cwd=tmp_path)
    assert "lintkit.yaml" in str(e.value) and e.value.line == 2
    assert not marker.exists()

    from pydantic import BaseModel

    from lintkit.packs import PackError, validate_text

    class Anything(BaseModel):
        x: object = None

    with pytest.raises(PackError) as pe:
        validate_text(f"{tag}\n", Anything, "pack.yaml")
    assert "pack.yaml" in str(pe.value)
    assert not marker.exists()


def _deep_yaml(kind: str, n: int) -> str:
    if kind == "flow-seq":
        return "a: " + "[" * n + "]" * n
    if kind == "flow-map":
        return "a: " + "{a: " * n + "1" + "}" * n
    if kind == "block-seq":
        return "a:\n  " + "- " * n + "x"
    return "a:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(n)) + " " * (n + 1) + "v"


@pytest.mark.parametrize("kind", ["flow-seq", "flow-map", "block-seq", "block-map"])
def test_deeply_nested_yaml_is_refused_without_crashing(kind: str) -> None:
    # libyaml's composer recurses in C: 100,000 levels used to overflow the C
    # stack and kill the process (segfault), so this runs in a subprocess.
    n = 100_000 if kind != "block-map" else 3_000
    code = (
        "import sys\nfrom lintkit import yamlpos\n"
        f"from test_yaml import _deep_yaml\n"
        "try:\n"
        f"    yamlpos.load(_deep_yaml({kind!r}, {n}))\n"
        "except yamlpos.YamlError as e:\n"
        "    print(e.message)\n"
    )
    p = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": f"{REPO}:{Path(__file__).parent}", "PATH": "/usr/bin:/bin"},
    )
    assert p.returncode == 0, f"crashed with {p.returncode}: {p.stderr[-500:]}"
    # lintkit's own limit, or the one PyYAML 6.0.3+ has for flow collections
    # (its scanner reads ahead of the events lintkit counts)
    assert "nested more than" in p.stdout or "exceeded maximum nesting depth" in p.stdout


def test_deeply_nested_front_matter_is_a_finding(tmp_path: Path) -> None:
    doc = parse("deep.md", f"---\ntitle: x\n{_deep_yaml('flow-seq', 200_000)}\n---\n# Hi\n".encode(), max_bytes=10**7)
    assert doc.front_matter is not None and doc.front_matter.error
    assert "nested more than" in doc.front_matter.error or "maximum nesting depth" in doc.front_matter.error
