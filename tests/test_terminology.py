"""Terminology family: the matcher, the packs, the sample content, cross-file
rules, and fixes (round trip and a property test)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintkit.config import Project, Settings, load_project
from lintkit.document import LineIndex
from lintkit.engine import lint_text, run
from lintkit.findings import Finding
from lintkit.fix import fix_text, safe_edits
from lintkit.packs import PackError, validate_text
from lintkit.terms import TerminologyPack, fold, respell, spelling, term_index

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


# ---------------------------------------------------------------------------
# Matcher


@pytest.fixture(scope="module")
def idx():  # type: ignore[no-untyped-def]
    return term_index(None)


def kinds(idx, text):  # type: ignore[no-untyped-def]
    return [(text[m.start : m.end], m.concept_id, m.kind) for m in idx.find(text)]


def test_matches_case_plural_possessive_hyphen_and_accents(idx) -> None:  # type: ignore[no-untyped-def]
    text = (
        "PERIPHERAL ARTERY DISEASES; Guillain-Barre syndrome's course; Guillain Barré Syndrome; "
        "x rays and X-Rays; Parkinsons disease; restless-legs syndrome"
    )
    got = {(s, c) for s, c, k in kinds(idx, text) if k in ("preferred", "variant")}
    assert ("PERIPHERAL ARTERY DISEASES", "peripheral-artery-disease") in got
    assert ("Guillain-Barre syndrome's", "guillain-barre-syndrome") in got  # the whole word
    assert ("Guillain Barré Syndrome", "guillain-barre-syndrome") in got
    assert ("x rays", "x-ray") in got and ("X-Rays", "x-ray") in got
    assert ("Parkinsons disease", "parkinsons-disease") in got
    assert ("restless-legs syndrome", "restless-legs-syndrome") in got


def test_acronyms_are_case_sensitive_and_plural_aware(idx) -> None:  # type: ignore[no-untyped-def]
    found = kinds(idx, "Use a heating pad. PAD and UTIs differ from Pad.")
    assert found == [("PAD", "peripheral-artery-disease", "acronym"), ("UTIs", "urinary-tract-infection", "acronym")]


def test_longest_match_and_sentence_punctuation(idx) -> None:  # type: ignore[no-untyped-def]
    # "chronic" is jargon, but not inside the name "chronic fatigue syndrome"
    assert [k for _, _, k in kinds(idx, "Chronic fatigue syndrome is long.")] == ["preferred", "acronym"][:1]
    # words of a term must not be split by punctuation
    assert not [m for m in idx.find("It is peripheral. Artery disease is not.") if m.kind != "jargon"]


def test_exact_discouraged_forms(idx) -> None:  # type: ignore[no-untyped-def]
    assert [m.kind for m in idx.find("diabetic neuropathy")] == ["preferred"]
    assert [m.kind for m in idx.find("Diabetics")] == ["discouraged"]


def test_canonical(idx) -> None:  # type: ignore[no-untyped-def]
    for phrase in ("PAD", "peripheral artery disease", "Peripheral Arterial Disease", "peripheral-arterial diseases"):
        assert idx.canonical(phrase) == "peripheral-artery-disease"
    assert idx.canonical("PVD") == "peripheral-vascular-disease"
    assert idx.canonical("pad") is None
    assert idx.canonical("nothing known") is None


def test_fold_keeps_offsets() -> None:
    for s in ("Guillain‑Barré", "İstanbul ß ﬁ", "Raynaud’s"):
        assert len(fold(s)) == len(s)


def test_spelling_and_respell() -> None:
    assert spelling("Guillain-Barré syndromes") == spelling("guillain-barré syndrome")
    assert spelling("Guillain-Barre syndrome") != spelling("Guillain-Barré syndrome")
    assert spelling("tarsal tunnel") != spelling("tarsal-tunnel")
    assert respell("GUILLAIN-BARRE SYNDROMES", "Guillain-Barré syndrome") == "GUILLAIN-BARRÉ SYNDROMES"
    assert respell("x rays", "X-ray") == "x-rays"
    assert respell("Tarsal-Tunnel", "tarsal tunnel") == "Tarsal Tunnel"


def test_default_pack_size_and_sources(idx) -> None:  # type: ignore[no-untyped-def]
    assert len(idx.concepts) >= 60, f"only {len(idx.concepts)} concepts loaded from the pack (want >= 60)"
    assert all(c.source for c in idx.concepts.values())
    assert all(d.source and d.reason for c in idx.concepts.values() for d in c.discouraged)
    assert all(j.source and j.plain for j in idx.jargon.values())
    assert idx.are_not_synonyms("peripheral-artery-disease", "peripheral-vascular-disease") is not None
    assert idx.are_not_synonyms("peripheral-vascular-disease", "peripheral-artery-disease") is not None
    assert idx.jargon["paresthesia"].plain == ["pins and needles"]


# ---------------------------------------------------------------------------
# Packs


def test_pack_errors_name_file_and_line(tmp_path: Path) -> None:
    bad = "concepts:\n  - id: x\n    preferred: thing\n    source: s\n    colour: red\n"
    with pytest.raises(PackError) as e:
        validate_text(bad, TerminologyPack, "packs/terminology.yaml")
    assert e.value.line == 5 and "colour" in e.value.message
    with pytest.raises(PackError) as e:
        validate_text("concepts:\n  - id: Bad Id\n    preferred: p\n    source: s\n", TerminologyPack, "t.yaml")
    assert e.value.line == 2


def test_project_pack_overrides_and_validates_references(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "terminology.yaml").write_text(
        "remove_concepts: [x-ray]\n"
        "concepts:\n"
        "  - id: tarsal-tunnel-syndrome\n    preferred: tarsal tunnel syndrome\n    source: house style\n",
        encoding="utf-8",
    )
    project = Project(Settings(rule_packs=["packs"]), tmp_path, tmp_path / "lintkit.yaml")
    idx = term_index(project)
    assert "tarsal-tunnel-syndrome" in idx.concepts and "x-ray" not in idx.concepts
    (packs / "terminology.yaml").write_text(
        "concepts:\n  - id: a\n    preferred: aaa bbb\n    source: s\n"
        "    not_synonyms: [{concept: nowhere, reason: r, source: s}]\n",
        encoding="utf-8",
    )
    with pytest.raises(PackError, match="nowhere"):
        term_index(project)


# ---------------------------------------------------------------------------
# The sample content


def content_findings() -> list[Finding]:
    project = load_project(cwd=ROOT)
    res = run(project, [CONTENT], cwd=ROOT, select=["TRM"], use_cache=False)
    assert not res.errors
    return list(res.report.findings)


def test_seed_pvd_pad_conflation_is_reported_exactly() -> None:
    found = [f for f in content_findings() if f.code == "TRM002"]
    assert [(f.path, f.line, f.column, f.end_line, f.end_column) for f in found] == [
        ("content/numbness-in-legs.md", 18, 65, 18, 133)
    ]
    line = (CONTENT / "numbness-in-legs.md").read_text(encoding="utf-8").splitlines()[17]
    assert line[64:132] == "peripheral vascular disease (PVD) or peripheral artery disease (PAD)"


def test_correct_pad_and_exemplary_article_are_clean() -> None:
    found = content_findings()
    assert not [f for f in found if f.path == "content/causes-of-leg-numbness.md" and f.code in ("TRM001", "TRM002")]
    assert not [f for f in found if f.path == "content/sciatica.md"]


# ---------------------------------------------------------------------------
# Cross-file rules on three documents


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")


def corpus_run(root: Path, passed: list[str]) -> list[Finding]:
    project = Project(Settings(content=["."]), root, root / "lintkit.yaml", dt.date(2026, 6, 1))
    res = run(project, [root / p for p in passed], cwd=root, select=["TRM004", "TRM005"], use_cache=False)
    assert not res.errors
    return list(res.report.findings)


# Pages about one topic (front-matter topics): a reader meets both meanings.
_TOPIC = "---\ntopics: [child health]\n---\n"
THREE = {
    "a.md": _TOPIC + "# A\n\nGuillain-Barré syndrome is rare. Autism spectrum disorder (ASD) is common.\n",
    "b.md": _TOPIC
    + "# B\n\nGuillain-Barré syndrome affects nerves.\n\nSome children have autism spectrum disorder (ASD).\n",
    "c.md": _TOPIC + "# C\n\nGuillain-Barre syndrome can follow an infection.\n\n"
    "An atrial septal defect (ASD) is a heart problem.\n",
}


def test_three_documents_minority_reported_with_related(tmp_path: Path) -> None:
    write(tmp_path, THREE)
    found = corpus_run(tmp_path, ["a.md", "b.md", "c.md"])
    got = [(f.path, f.code, f.line, f.column) for f in found]
    assert got == [("c.md", "TRM005", 6, 1), ("c.md", "TRM004", 8, 4)]
    trm005 = found[0]
    assert {r.path for r in trm005.related} == {"a.md", "b.md"}
    assert trm005.fix is not None and trm005.fix.edits[0].content == "Guillain-Barré syndrome"
    assert {r.path for r in found[1].related} == {"a.md", "b.md"}


def test_three_documents_precommit_reports_only_passed_files(tmp_path: Path) -> None:
    write(tmp_path, THREE)
    assert corpus_run(tmp_path, ["a.md"]) == []
    only_c = corpus_run(tmp_path, ["c.md"])
    assert {f.path for f in only_c} == {"c.md"} and len(only_c) == 2


# ---------------------------------------------------------------------------
# Fixes

FIXABLE = """---
title: Nerve problems
audience: patient
---
# Nerve problems

Diabetics can get nerve damage. Guillain-Barré syndrome is rare.\r
Most people with GUILLAIN-BARRE SYNDROME recover; some epileptics and diabetics too.

`diabetics` in code stays. PAD (PVD) is wrong but has no safe fix.
"""


def test_fix_round_trip_changes_only_fixed_spans() -> None:
    before = lint_text(FIXABLE, "f.md", select=["TRM"])
    fixable = [f for f in before if f.fix is not None and f.fix.applicability == "safe"]
    assert {f.code for f in fixable} == {"TRM001", "TRM005"} and len(fixable) == 4
    after_text, applied = fix_text(FIXABLE, before)
    assert applied == 4
    assert after_text == (
        FIXABLE.replace("Diabetics can", "People with diabetes can")
        .replace("GUILLAIN-BARRE", "GUILLAIN-BARRÉ")
        .replace("some epileptics and diabetics", "some people with epilepsy and people with diabetes")
    )
    after = lint_text(after_text, "f.md", select=["TRM"])
    assert not [f for f in after if f.fix is not None and f.fix.applicability == "safe"]
    # every finding without a safe fix is still there, unchanged in kind
    assert sorted(f.code for f in after) == sorted(f.code for f in before if f not in fixable)
    assert fix_text(after_text, after)[0] == after_text  # idempotent


PHRASES = [
    "Diabetics",
    "diabetics",
    "diabetic neuropathy",
    "Guillain-Barré syndrome",
    "Guillain-Barre syndrome",
    "guillain barre syndrome",
    "X-ray",
    "x ray",
    "epileptics",
    "PAD",
    "peripheral artery disease (PAD)",
    "PVD or PAD",
    "paresthesia",
    "`code`",
    "**bold**",
    "[link](https://example.org/x-ray)",
    " https://example.org/diabetics-and-x-ray ",
    "GUILLAIN-BARRE SYNDROME",
    "é",
    "\r\n",
    "\n\n",
    "\n- ",
    " ",
    ", ",
    ". ",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PHRASES), min_size=1, max_size=30))
def test_fixes_never_change_text_outside_reported_spans(parts: list[str]) -> None:
    text = "".join(parts)
    findings = lint_text(text, "p.md", select=["TRM"])
    index = LineIndex(text)
    spans = []
    for f in findings:
        if f.fix is None:
            continue
        lo = index.offset(f.line, f.column)
        hi = index.offset(f.end_line, f.end_column)
        for e in f.fix.edits:
            s, t = index.offset(e.line, e.column), index.offset(e.end_line, e.end_column)
            assert lo <= s <= t <= hi, f"{f.code} edit outside its finding"
            if f.fix.applicability == "safe":
                spans.append((s, t))
    fixed, _ = fix_text(text, findings)
    url = "https://example.org/diabetics-and-x-ray"
    assert fixed.count(url) == text.count(url)
    # rebuild: untouched text between edit spans must be byte-identical
    spans.sort()
    pos = 0
    out_pos = 0
    for s, t in spans:
        if s < pos:
            continue  # an overlapping edit is skipped by apply_edits
        gap = text[pos:s]
        assert fixed[out_pos : out_pos + len(gap)] == gap
        out_pos += len(gap)
        # skip the replacement in the output
        content = next(e.content for e in safe_edits(findings) if index.offset(e.line, e.column) == s)
        out_pos += len(content) if text[s:t] != content else t - s
        pos = t
    assert fixed[out_pos:] == text[pos:]
    # fixing is idempotent
    again = lint_text(fixed, "p.md", select=["TRM"])
    assert fix_text(fixed, again)[0] == fixed


# ---------------------------------------------------------------------------
# Robustness


@pytest.mark.parametrize(
    "text",
    ["", "---\n", "(" * 500 + "PAD", "PAD (" * 200, "A" * 5000, "(PAD)" * 300, "x-" * 3000, "\x00\ufeff", "ß" * 100],
)
def test_odd_input_never_crashes(text: str) -> None:
    lint_text(text, "odd.md", select=["TRM"])


@pytest.mark.parametrize(
    "unit",
    ["word PAD (x) ", "PVD or PAD (PAD) ", "a.", "a@", "PAD ", "Diabetics, x ray and GUILLAIN-BARRE. "],
)
def test_big_paragraphs_stay_linear(unit: str) -> None:
    """A huge one-paragraph file full of terms and acronyms: 4x the text must
    not cost 16x the time (a quadratic scan took 38 s for 100 kB)."""
    import gc
    import time

    def cost(n: int) -> float:
        # without the collector: late in a full test run its full passes walk
        # every object the earlier tests left, and one landing in the big run
        # made it look quadratic (8.4x for 4x the text)
        gc.collect()
        gc.disable()
        try:
            t = time.perf_counter()
            lint_text(unit * n, "big.md", select=["TRM"])
            return time.perf_counter() - t
        finally:
            gc.enable()

    # the least of a few runs: a busy machine (tests in parallel, CI) only
    # ever adds time, and one slow run must not look quadratic
    small = min(cost(800) for _ in range(3))
    big = min(cost(3200) for _ in range(2))
    assert big < max(small, 0.05) * 8


def test_cli_diff_then_fix_is_atomic_idempotent_and_keeps_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from lintkit.cli import main

    (tmp_path / "lintkit.yaml").write_text('content: ["."]\n', encoding="utf-8")
    a = "---\r\ntitle: A\r\n---\r\nDiabetics and Guillain-Barré syndrome.\r\n"
    b = "\ufeff# B\n\nGuillain-Barre syndrome; PAD (PVD) stays.\n"
    (tmp_path / "a.md").write_bytes(a.encode("utf-8"))
    (tmp_path / "b.md").write_bytes(b.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    args = ["check", ".", "--select", "TRM001,TRM005", "--no-cache", "--fail-on", "warning"]
    assert main([*args, "--diff"]) == 1
    out = capsys.readouterr().out
    assert "+People with diabetes and Guillain-Barré syndrome." in out and "+Guillain-Barré syndrome;" in out
    assert (tmp_path / "a.md").read_bytes() == a.encode("utf-8")  # --diff writes nothing
    main([*args, "--fix"])
    capsys.readouterr()
    assert (tmp_path / "a.md").read_bytes() == a.replace("Diabetics", "People with diabetes").encode("utf-8")
    assert (tmp_path / "b.md").read_bytes() == b.replace("Barre", "Barré").encode("utf-8")  # BOM kept
    assert main(args) == 0
    before = {p.name: p.read_bytes() for p in tmp_path.glob("*.md")}
    main([*args, "--fix"])
    assert {p.name: p.read_bytes() for p in tmp_path.glob("*.md")} == before  # idempotent
