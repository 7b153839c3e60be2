"""The command line: exit codes, output shapes, bad input, config errors, fixes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from clisupport import cli

from lintkit.config import Project, Settings
from lintkit.engine import run

ROOT = Path(__file__).resolve().parents[1]
GOOD = "---\ntitle: Good\ncontent_type: wellness\n---\n# Good\n\nWalk every day.\n"
SEED2 = ROOT / "content" / "numbness-in-legs.md"


def test_version_and_module_entry_point() -> None:
    r = subprocess.run([sys.executable, "-m", "lintkit", "--version"], capture_output=True, text=True, check=False)
    assert r.returncode == 0 and r.stdout.startswith("lintkit ")


def test_sample_content_reports_mojibake_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(["check", "content/", "--no-cache"], ROOT, capsys)
    assert code == 1
    assert "content/numbness-in-legs.md:20:18: ENC002 mojibake 'Ă©' should be 'é'" in out
    assert "^^" in out  # caret under the span


def test_exemplary_article_alone_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(["check", "content/sciatica.md", "--no-cache"], ROOT, capsys)
    assert code == 0, out
    assert "No problems found in 1 file." in out


def test_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(["check", "content/", "--format", "json", "--no-cache"], ROOT, capsys)
    assert code == 1
    data = json.loads(out)
    assert set(data) == {"lintkit_version", "files_checked", "findings"}
    assert data["files_checked"] == 3
    keys = {
        "code",
        "name",
        "family",
        "severity",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "related",
        "fix",
    }
    for f in data["findings"]:
        assert set(f) == keys
        assert "\\" not in f["path"] and not f["path"].startswith("/")
    order = [(f["path"], f["line"], f["column"], f["code"]) for f in data["findings"]]
    assert order == sorted(order)


def make_bad_folder(tmp: Path) -> None:
    (tmp / "broken-yaml.md").write_text("---\ntitle: [unclosed\ncontent_type: symptom\n---\nText.\n")
    (tmp / "latin1.md").write_bytes("---\ntitle: x\ncontent_type: symptom\n---\nBarr\xe9\n".encode("latin-1"))
    (tmp / "empty.md").write_bytes(b"")
    (tmp / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp / "good.md").write_text(GOOD)
    (tmp / "good2.md").write_text(GOOD.replace("Good", "Also good"))


def test_bad_folder_every_file_gets_its_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_bad_folder(tmp_path)
    code, out, err = cli(["check", ".", "--format", "json", "--no-cache"], tmp_path, capsys)
    assert code == 1
    assert "Traceback" not in err and "internal error" not in err
    data = json.loads(out)
    assert data["files_checked"] == 6
    got = {(f["path"], f["code"]) for f in data["findings"]}
    assert ("broken-yaml.md", "SCH001") in got
    assert ("latin1.md", "ENC001") in got
    assert ("empty.md", "SCH002") in got
    assert ("binary.md", "ENC003") in got
    assert not any(p.startswith("good") for p, _ in got)


def test_bad_folder_through_a_real_process(tmp_path: Path) -> None:
    make_bad_folder(tmp_path)
    r = subprocess.run(
        [sys.executable, "-m", "lintkit", "check", str(tmp_path), "--no-cache"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert r.returncode == 1
    assert "Traceback" not in r.stderr


def test_unreadable_and_vanished_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ENC005: a file that cannot be read and one deleted during the run."""
    (tmp_path / "locked.md").write_text(GOOD)
    (tmp_path / "gone.md").write_text(GOOD)
    (tmp_path / "ok.md").write_text(GOOD)
    real_open = os.open

    def guarded(file, *a, **k):  # type: ignore[no-untyped-def]
        # running as root ignores file modes, so simulate the OS refusing
        if str(file).endswith("locked.md"):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *a, **k)

    import lintkit.engine as engine

    real_targets = engine.targets

    def vanish(*a, **k):  # type: ignore[no-untyped-def]
        out = real_targets(*a, **k)
        (tmp_path / "gone.md").unlink()
        return out

    monkeypatch.setattr(os, "open", guarded)
    monkeypatch.setattr(engine, "targets", vanish)
    project = Project(Settings(), tmp_path, None)
    res = run(project, [tmp_path], cwd=tmp_path, use_cache=False)
    by = {(f.path, f.code): f for f in res.report.findings}
    assert "Permission denied" in by[("locked.md", "ENC005")].message
    assert "disappeared" in by[("gone.md", "ENC005")].message
    assert not [f for f in res.report.findings if f.path == "ok.md"]
    assert res.errors == []


@pytest.mark.parametrize(
    "name,content,line,needle",
    [
        ("lintkit.yaml", "content: [docs]\nfail_on: warning\nselct: [TRM]\n", 3, "unknown setting 'selct'"),
        ("lintkit.yaml", "content: [docs]\nreview:\n  max_age_days: soon\n", 3, "review.max_age_days"),
        ("lintkit.yaml", "locale: en-US\nfail_on: fatal\n", 2, "fail_on"),
        (
            "pyproject.toml",
            "[project]\nname='x'\n\n[tool.lintkit]\ncontent = ['docs']\njobs = 4\n",
            6,
            "unknown setting 'jobs'",
        ),
        (
            "pyproject.toml",
            "[tool.lintkit]\ncontent = ['docs']\n\n[tool.lintkit.review]\nmax_age_days = 'x'\n",
            5,
            "review.max_age_days",
        ),
        ("lintkit.yaml", "content: [../../etc]\n", 1, "outside the project"),
        ("lintkit.yaml", "content: [docs\n", 2, "invalid YAML"),
        # rule codes and selectors that match no rule (a CI gate would pass), folders that do not exist
        (
            "lintkit.yaml",
            "content: [docs]\nselect: [TRM02]\n",
            2,
            "'select': 'TRM02' matches no rule; did you mean 'TRM002'?",
        ),
        ("lintkit.yaml", "content: [docs]\nignore:\n  - RDB\n  - ENC02\n", 4, "'ignore': 'ENC02' matches no rule"),
        ("lintkit.yaml", "content: [docs]\nseverity:\n  TRM005: error\n  RF0001: info\n", 4, "did you mean 'RF001'?"),
        (
            "lintkit.yaml",
            "content: [docs]\nper_path:\n  - paths: ['legacy/*']\n    ignore: [RDB, readabilty]\n",
            4,
            "'per_path[0].ignore': 'readabilty' matches no rule; did you mean 'readability'?",
        ),
        ("lintkit.yaml", "content: [docs]\nselect: [long-sentence]\n", 2, "did you mean 'RDB003'?"),
        ("pyproject.toml", "[tool.lintkit]\ncontent = ['docs']\nselect = ['XYZ123']\n", 3, "'XYZ123' matches no rule"),
        ("lintkit.yaml", "content: [docs]\nreferences: [reviewed]\n", 2, "folder 'reviewed' does not exist"),
        ("lintkit.yaml", "content: [docs]\nrule_packs:\n  - house-rules\n", 3, "folder 'house-rules' does not exist"),
        ("lintkit.yaml", "content: [docs, articles]\n", 1, "'articles' does not exist"),
    ],
)
def test_bad_config_exits_2_naming_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: str, line: int, needle: str
) -> None:
    (tmp_path / name).write_text(content)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(GOOD)
    code, out, err = cli(["check"], tmp_path, capsys)
    assert code == 2, f"exit {code}. stdout: {out!r} stderr: {err!r}"
    assert f"{tmp_path / name}:{line}: " in err, err
    assert needle in err, err
    assert out == "" and "Traceback" not in err


def test_config_discovered_walking_up(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "lintkit.yaml").write_text("content: [docs]\nignore: [SCH]\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("no front matter\n")
    sub = tmp_path / "docs"
    code, out, _ = cli(["check", "--format", "json", "--no-cache"], sub, capsys)
    assert code == 0
    assert json.loads(out)["files_checked"] == 1


def test_select_ignore_and_unknown_selector(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.md").write_text("no front matter, Guillain-BarrĂ©\n")
    code, out, _ = cli(["check", "a.md", "--select", "ENC", "--format", "json", "--no-cache"], tmp_path, capsys)
    assert {f["code"] for f in json.loads(out)["findings"]} == {"ENC002"}
    code, out, _ = cli(
        ["check", "a.md", "--ignore", "ENC002,SCH002", "--format", "json", "--no-cache"], tmp_path, capsys
    )
    assert code == 0 and json.loads(out)["findings"] == []
    code, _, err = cli(["check", "a.md", "--select", "XYZ9"], tmp_path, capsys)
    assert code == 2 and "matches no rule" in err


def test_fail_on_levels(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.md").write_text(GOOD.replace("---\n#", "colour: blue\n---\n#"))  # SCH005 is a warning
    assert cli(["check", "a.md", "--select", "SCH", "--no-cache"], tmp_path, capsys)[0] == 0
    assert cli(["check", "a.md", "--select", "SCH", "--fail-on", "warning", "--no-cache"], tmp_path, capsys)[0] == 1


def test_inline_and_front_matter_suppression(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = (
        "---\ntitle: x\ncontent_type: wellness\n---\n"
        "<!-- lintkit-disable ENC002 -->\nCafÃ© one.\n<!-- lintkit-enable -->\n\nCafÃ© two.\n\n"
        "<!-- lintkit-disable-next-line ENC -->\nCafÃ© three.\nCafÃ© four.\n"
    )
    (tmp_path / "a.md").write_text(body)
    code, out, _ = cli(["check", "a.md", "--select", "ENC", "--format", "json", "--no-cache"], tmp_path, capsys)
    assert [f["line"] for f in json.loads(out)["findings"]] == [9, 13]
    ignored = body.replace("content_type: wellness\n", "content_type: wellness\nlintkit:\n  ignore: [ENC002]\n")
    (tmp_path / "b.md").write_text(ignored)
    code, out, _ = cli(["check", "b.md", "--select", "ENC", "--format", "json", "--no-cache"], tmp_path, capsys)
    assert json.loads(out)["findings"] == [] and code == 0


def test_per_path_overrides_and_severity(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "lintkit.yaml").write_text(
        "content: [.]\nper_path:\n  - paths: ['legacy/*']\n    ignore: [ENC002]\nseverity:\n  ENC002: warning\n"
    )
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "a.md").write_text(GOOD + "CafÃ©\n")
    (tmp_path / "b.md").write_text(GOOD + "CafÃ©\n")
    code, out, _ = cli(["check", ".", "--select", "ENC", "--format", "json", "--no-cache"], tmp_path, capsys)
    data = json.loads(out)["findings"]
    assert [(f["path"], f["severity"]) for f in data] == [("b.md", "warning")]
    assert code == 0


def test_fix_and_diff_round_trip_keep_bom_and_crlf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = ("\ufeff" + GOOD + "Guillain-BarrĂ© and donâ€™t.\n").replace("\n", "\r\n").encode("utf-8")
    p = tmp_path / "a.md"
    p.write_bytes(original)
    code, out, _ = cli(["check", "a.md", "--select", "ENC", "--diff", "--no-cache"], tmp_path, capsys)
    assert code == 1 and "-Guillain-BarrĂ© and donâ€™t." in out and "+Guillain-Barré and don’t." in out
    assert p.read_bytes() == original  # --diff writes nothing
    code, out, _err = cli(["check", "a.md", "--select", "ENC", "--fix", "--no-cache"], tmp_path, capsys)
    assert code == 0, out
    fixed = p.read_bytes()
    assert fixed == original.replace("BarrĂ©".encode(), "Barré".encode()).replace("donâ€™t".encode(), "don’t".encode())
    assert fixed.startswith(b"\xef\xbb\xbf") and fixed.count(b"\r\n") == original.count(b"\r\n")
    cli(["check", "a.md", "--select", "ENC", "--fix", "--no-cache"], tmp_path, capsys)
    assert p.read_bytes() == fixed  # idempotent
    code, out, _ = cli(["check", "a.md", "--select", "ENC", "--diff", "--no-cache"], tmp_path, capsys)
    assert code == 0 and out == ""


def test_fix_never_touches_a_file_with_parse_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "a.md"
    before = "---\ntitle: [oops\n---\nCafÃ©\n"
    p.write_text(before)
    cli(["check", "a.md", "--fix", "--no-cache"], tmp_path, capsys)
    assert p.read_text() == before


def test_rules_rule_and_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(["rules"], ROOT, capsys)
    assert code == 0 and "ENC002  mojibake" in out
    code, out, _ = cli(["rule", "ENC002"], ROOT, capsys)
    assert code == 0 and "## Why it matters" in out and "## Fix" in out
    code, out, _ = cli(["rule", "mojibake"], ROOT, capsys)
    assert code == 0 and out.startswith("# ENC002 mojibake")
    code, _, err = cli(["rule", "ZZZ001"], ROOT, capsys)
    assert code == 2 and "unknown rule" in err
    (tmp_path / "lintkit.yaml").write_text("schema:\n  fields:\n    owner: {type: string, required: true}\n")
    code, out, _ = cli(["schema"], tmp_path, capsys)
    schema = json.loads(out)
    assert code == 0
    assert {"title", "content_type", "owner"} <= set(schema["properties"])
    assert {"title", "content_type", "owner"} <= set(schema["required"])
    assert schema["properties"]["content_type"]["enum"][0] == "condition"


def test_missing_path_and_no_content(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(["check"], tmp_path, capsys)
    assert code == 2 and "content paths" in err
    code, _, err = cli(["check", "nope.md", "--no-cache"], tmp_path, capsys)
    assert code == 2 and "no such file or directory: nope.md" in err  # a typo must not pass a CI gate
