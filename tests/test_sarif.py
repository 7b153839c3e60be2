"""SARIF 2.1.0 output: schema-valid, rule help, related locations, fixes,
fingerprints that survive line shifts."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from datasets import SARIF_SCHEMA, SHARED
from reportsupport import content_report, engine_report, render, synthetic_report

from lintkit.findings import Report


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _valid(validator: Any, text: str) -> dict[str, Any]:
    log = json.loads(text)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    return log


def test_content_sarif_validates(validator: Any) -> None:
    report, options = content_report()
    text = render("sarif", report, options)
    log = _valid(validator, text)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert len(run["results"]) == len(report.findings)


def test_synthetic_sarif_shapes(validator: Any) -> None:
    report, options = synthetic_report()
    log = _valid(validator, render("sarif", report, options))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted({f.code for f in report.findings})
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    by_rule = {r["ruleId"]: r for r in run["results"]}

    enc = by_rule["ENC002"]
    assert enc["level"] == "error"
    region = enc["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 8, "startColumn": 14, "endLine": 8, "endColumn": 16, "snippet": {"text": "Ă©"}}
    (fix,) = enc["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "articles/a.md"
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 8, "startColumn": 14, "endLine": 8, "endColumn": 16},
            "insertedContent": {"text": "é"},
        }
    ]

    con = by_rule["CON001"]
    (rel,) = con["relatedLocations"]
    assert rel["physicalLocation"]["artifactLocation"]["uri"] == "articles/b%20c.md"
    assert rel["physicalLocation"]["region"]["startLine"] == 3
    assert rel["message"]["text"] == "says sciatica is usually permanent"
    # the message links to the related location by id
    assert f"]({rel['id']})" in con["message"]["text"]

    assert by_rule["RDB001"]["level"] == "note"
    assert all(res["partialFingerprints"]["lintkit/v1"] for res in run["results"])


def test_rule_metadata_has_help_text(validator: Any, tmp_path: Path) -> None:
    # a real rule from the registry carries its documentation
    (tmp_path / "a.md").write_text(
        "---\ntitle: Nerves\ncontent_type: symptom\n---\n# Nerves\n\nGuillain-BarrĂ© syndrome is rare.\n",
        encoding="utf-8",
    )
    report, options = engine_report(tmp_path)
    assert report.findings, "expected at least one finding (mojibake)"
    log = _valid(validator, render("sarif", report, options))
    for rule in log["runs"][0]["tool"]["driver"]["rules"]:
        meta = options.rules[rule["id"]]
        assert rule["name"] == meta.name
        assert rule["shortDescription"]["text"]
        assert meta.summary.strip() in rule["help"]["text"]
        assert rule["help"]["markdown"].startswith(f"**{meta.code} {meta.name}**")


def test_fingerprints_ignore_line_shifts() -> None:
    report, options = synthetic_report()
    moved = Report(
        tuple(dataclasses.replace(f, line=f.line + 5, end_line=f.end_line + 5) for f in report.findings),
        report.files,
        report.version,
    )

    def prints(r: Report) -> list[str]:
        log = json.loads(render("sarif", r, options))
        return [res["partialFingerprints"]["lintkit/v1"] for res in log["runs"][0]["results"]]

    assert prints(report) == prints(moved)
    assert len(set(prints(report))) == len(report.findings)


def test_empty_report_is_valid(validator: Any) -> None:
    log = _valid(validator, render("sarif", Report((), (), "0.0.0"), synthetic_report()[1]))
    assert log["runs"][0]["results"] == []


@pytest.mark.shared
def test_vendored_schema_is_the_shared_copy() -> None:
    shared = SHARED / "data" / "sarif-schema-2.1.0.json"
    assert SARIF_SCHEMA.read_bytes() == shared.read_bytes(), f"{SARIF_SCHEMA} differs from {shared}"
