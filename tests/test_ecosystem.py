"""Judged precision on real content nobody here wrote (tools/ecosystem.py).

The verdicts in ``eval/ecosystem/verdicts.jsonl`` were given by reviewers who
did not write the rules, each shown one finding and the text around it. A
rule change that makes a judged finding disappear, or moves it, needs its
judgements refreshed; a rule whose judged precision falls below 0.9 fails.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tools import ecosystem

pytestmark = pytest.mark.shared

MIN_PRECISION = 0.9
MIN_JUDGED = 20  # per rule with at least MIN_FINDINGS findings (all of them when fewer)
MIN_FINDINGS = 5


@pytest.fixture(scope="module")
def run() -> tuple[list[dict[str, object]], int]:
    return ecosystem.run_lintkit([ecosystem.REAL])


def test_every_busy_rule_is_judged_and_precise(run: tuple[list[dict[str, object]], int]) -> None:
    findings, _ = run
    counts = Counter(str(f["code"]) for f in findings)
    verdicts = ecosystem.load_verdicts()
    judged = Counter(v["code"] for v in verdicts)
    precision = ecosystem.judged_precision(verdicts)
    problems = []
    for code, n in sorted(counts.items()):
        if n < MIN_FINDINGS:
            continue
        need = min(MIN_JUDGED, n)
        if judged[code] < need:
            problems.append(f"{code}: {n} findings, {judged[code]} judged (need {need})")
        elif precision[code][3] < MIN_PRECISION:
            t, f, d, p = precision[code]
            problems.append(f"{code}: judged precision {p:.2f} ({t} true, {f} false, {d} debatable)")
    assert not problems, "\n".join(problems)


def test_every_judged_finding_still_exists(run: tuple[list[dict[str, object]], int]) -> None:
    findings, _ = run
    base = ecosystem.REAL.parent
    now = {(f["path"], f["line"], f["code"]) for f in findings}
    gone = []
    for v in ecosystem.load_verdicts():
        key = (v["path"], v["line"], v["code"])
        if key not in now:
            gone.append(f"{v['code']} {v['path']}:{v['line']} ({v['verdict']}) is no longer reported")
            continue
        text = ecosystem.excerpt(base, {"path": v["path"], "line": v["line"]})
        if text != v["excerpt"]:
            gone.append(f"{v['code']} {v['path']}:{v['line']}: the judged line changed")
    assert not gone, "refresh the judgements (tools/ecosystem.py --sample):\n" + "\n".join(gone)


def test_sampling_is_fixed_and_covers_every_rule() -> None:
    fs = [
        {"code": c, "name": "x", "path": f"p{i}.md", "line": i, "end_line": i, "column": 1, "message": "m"}
        for c in ("A001", "B002")
        for i in range(1, 40)
    ]
    one = ecosystem.sample(fs, ecosystem.REAL, 20)
    assert one == ecosystem.sample(list(reversed(fs)), ecosystem.REAL, 20)
    assert Counter(x["code"] for x in one) == {"A001": 20, "B002": 20}
    few = ecosystem.sample(fs[:3], ecosystem.REAL, 20)
    assert len(few) == 3


def test_judged_precision_ignores_debatable() -> None:
    vs = [{"code": "X001", "verdict": v} for v in ("TRUE",) * 9 + ("FALSE", "DEBATABLE", "DEBATABLE")]
    assert ecosystem.judged_precision(vs)["X001"] == (9, 1, 2, 0.9)


def test_top_up_keeps_valid_verdicts_and_samples_only_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("one\ntwo\nthree\n", encoding="utf-8")
    fs = [
        {"code": "A001", "name": "x", "path": "a.md", "line": i, "end_line": i, "column": c, "message": "m"}
        for i in (1, 2, 3)
        for c in (1, 5)  # two columns of one line are judged once
    ]
    verdicts = [
        {"code": "A001", "path": "a.md", "line": 1, "excerpt": "one", "verdict": "TRUE"},
        {"code": "A001", "path": "a.md", "line": 2, "excerpt": "changed", "verdict": "FALSE"},  # the line changed
        {"code": "B002", "path": "a.md", "line": 3, "excerpt": "three", "verdict": "FALSE"},  # no longer reported
    ]
    kept, dropped, picked = ecosystem.top_up(fs, tmp_path, 3, verdicts)
    assert kept == verdicts[:1]
    assert dropped == verdicts[1:]
    assert [(x["code"], x["line"]) for x in picked] == [("A001", 2), ("A001", 3)]
    assert ecosystem.top_up(fs, tmp_path, 1, verdicts)[2] == []
