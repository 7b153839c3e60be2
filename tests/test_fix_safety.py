"""Fix safety: a safe fix is grammatical, keeps the meaning in its context,
changes nothing outside the text it flags, and never takes away a correct
accent (issue #16).

The named cases are the damaging fixes reported on real content; the
property tests apply every safe fix to generated text (default suite) and to
the real corpus (``../shared``, ``--extended``).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintkit.config import Project, Settings, load_project
from lintkit.document import LineIndex
from lintkit.engine import lint_text, run
from lintkit.findings import Finding
from lintkit.fix import fix_text
from lintkit.terms import accented_letters, looks_damaged

TODAY = dt.date(2026, 6, 1)


def _fixes(text: str, code: str) -> list[Finding]:
    return [f for f in lint_text(text, "f.md", select=[code]) if f.fix is not None]


def _safe(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.fix is not None and f.fix.applicability == "safe"]


# --- the damaging fixes of issue #16 ----------------------------------------


def test_type_1_diabetics_never_becomes_type_1_people_with_diabetes() -> None:
    text = "Type 1 diabetics need insulin every day.\n"
    found = _fixes(text, "TRM001")
    assert len(found) == 1 and _safe(found) == []
    fixed, _ = fix_text(text, found)
    assert fixed == text
    (edit,) = found[0].fix.edits  # type: ignore[union-attr]
    assert edit.content == "People with type 1 diabetes" and edit.column == 1  # the suggestion moves the modifier


def test_pre_diabetics_gets_no_edit_at_all() -> None:
    text = "Up to half of pre-diabetics develop it.\n"
    (finding,) = lint_text(text, "f.md", select=["TRM001"])
    assert finding.fix is None  # no replacement fits inside the compound
    assert "pre-people" not in fix_text(text, [finding])[0]


def test_accented_majority_is_the_target_never_the_bare_one(tmp_path: Path) -> None:
    files = {
        "a.md": "Sjogren's syndrome causes dry eyes. Behcet's syndrome is rare.\n",
        "b.md": "Sjogren's syndrome is common in women. Behcet's syndrome causes ulcers.\n",
        "c.md": "Sjögren's syndrome can affect the joints. Behçet's syndrome can affect the eyes.\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    project = Project(Settings(content=["."]), tmp_path, tmp_path / "lintkit.yaml", TODAY)
    res = run(project, [tmp_path / n for n in files], cwd=tmp_path, select=["TRM005"], use_cache=False)
    found = list(res.report.findings)
    assert {f.path for f in found} == {"a.md", "b.md"}  # the accented page is never reported
    for f in found:
        assert f.fix is not None and f.fix.applicability == "safe"
        assert all(e.content in ("Sjögren's syndrome", "Behçet's syndrome") for e in f.fix.edits)


def test_a_damaged_form_is_never_the_target() -> None:
    text = "Guillain-Barr\ufffd syndrome is rare. Guillain-Barr\ufffd syndrome can follow an infection.\n"
    text += "Guillain-Barre syndrome affects nerves.\n"
    for f in _fixes(text, "TRM005"):
        assert "\ufffd" not in "".join(e.content for e in f.fix.edits)  # type: ignore[union-attr]


def test_source_is_not_renamed_to_sources_when_it_would_fail_sch004() -> None:
    text = "---\ntitle: Sciatica\ncontent_type: condition\nsource: MedlinePlus\n---\n"
    (finding,) = lint_text(text, "f.md", select=["SCH005"])
    assert finding.fix is None


def test_a_rename_that_is_offered_passes_the_schema() -> None:
    text = "---\ntitle: Sciatica\ncontent_type: condition\nsourcs:\n  - title: NHS\n    url: https://www.nhs.uk/\n---\n"
    (finding,) = lint_text(text, "f.md", select=["SCH005"])
    assert finding.fix is not None
    renamed = text.replace("sourcs:", finding.fix.edits[0].content + ":")
    assert lint_text(renamed, "f.md", select=["SCH"]) == []


# --- properties ---------------------------------------------------------------


def check_safe_fixes(text: str, findings: Iterable[Finding]) -> str:
    """Apply every safe fix of ``findings`` to ``text`` and check that each
    edit lies inside the span its finding flags, that the text outside those
    spans is unchanged, and that no accented letter is lost. Returns the
    fixed text."""
    index = LineIndex(text)
    spans: list[tuple[int, int]] = []
    safe = _safe(findings)
    for f in safe:
        s = index.offset(f.line, f.column)
        e = index.offset(f.end_line, f.end_column)
        for edit in f.fix.edits:  # type: ignore[union-attr]
            es = index.offset(edit.line, edit.column)
            ee = index.offset(edit.end_line, edit.end_column)
            assert s <= es <= ee <= e, f"{f.code} edit {edit} outside its finding {f.line}:{f.column}"
        spans.append((s, e))
    fixed, _ = fix_text(text, safe)
    # the text between flagged spans appears unchanged and in order
    pos = 0
    cursor = 0
    for s, e in sorted(spans):
        if s < cursor:
            continue  # overlapping findings: the later one waits for the next run
        piece = text[cursor:s]
        found_at = fixed.find(piece, pos)
        assert found_at == pos or (found_at >= pos and cursor > 0), f"text before offset {s} changed"
        pos = found_at + len(piece)
        cursor = e
    assert fixed.endswith(text[cursor:]), "text after the last flagged span changed"
    assert name_accents(fixed) >= name_accents(text), "a safe fix removed an accented letter"
    return fixed


def name_accents(text: str) -> int:
    """Accented letters in words that are not damaged text (mojibake such as
    'cafÃ©' has accented letters too, and repairing it rightly removes them)."""
    return sum(accented_letters(w) for w in text.split() if not looks_damaged(w))


FRAGMENTS = [
    "Diabetics should check their feet.",
    "Type 1 diabetics need insulin.",
    "Many diabetics or pre-diabetics get it.",
    "Young diabetics and DIABETICS alike.",
    "Some diabetics' feet hurt.",
    "Children who suffer from eczema itch. He suffers from migraines. She suffered from asthma.",
    "People suffering from flu rest. The suffering from it is real.",
    "They are wheelchair-bound or confined to a wheelchair.",
    "It is not mental retardation (previously called mental retardation).",
    "Sjögren's syndrome dries the eyes.",
    "Sjogren's syndrome dries the eyes.",
    "Sjgren syndrome and Sj?gren syndrome.",
    "SjĂ¶gren syndrome and Guillain-BarrĂ© syndrome.",
    "Guillain-Barré syndrome is rare. Guillain-Barre syndrome is rare. GUILLAIN-BARRE SYNDROME.",
    "Guillain-Barr syndrome follows an infection.",
    "Behçet's syndrome, Behcet's syndrome and Behet disease.",
    "Ménière's disease and Meniere's disease cause vertigo.",
    "Use an auto-injector. Check the autoinjector. An auto-injector is quick.",
    "Non-cancerous and noncancerous growths.",
    "Children with Dandy-Walker syndrome. Adults with Dandy-Walker Syndrome.",
    "A chest x ray and an X-ray and an X Ray.",
    "Peripheral vascular disease (PVD) with claudication.",
    "Donâ€™t worry about the cafÃ©.",
    "Naïve café purée.",
]

TEXTS = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=8).map(lambda xs: "\n\n".join(xs) + "\n")
PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(TEXTS)
def test_safe_fixes_on_generated_text_stay_in_their_spans_and_keep_accents(text: str) -> None:
    fixed = check_safe_fixes(text, lint_text(text, "g.md"))
    # fixing converges: a second run still keeps to the same rules
    check_safe_fixes(fixed, lint_text(fixed, "g.md"))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXTS, min_size=2, max_size=4))
def test_safe_fixes_across_a_corpus_stay_in_their_spans_and_keep_accents(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        names = [f"p{i}.md" for i in range(len(texts))]
        for name, text in zip(names, texts, strict=True):
            (root / name).write_text(text, encoding="utf-8")
        project = Project(Settings(content=["."]), root, root / "lintkit.yaml", TODAY)
        res = run(project, [root / n for n in names], cwd=root, use_cache=False, jobs=1)
        by_path: dict[str, list[Finding]] = {}
        for f in res.report.findings:
            by_path.setdefault(f.path, []).append(f)
        for name, text in zip(names, texts, strict=True):
            check_safe_fixes(text, by_path.get(name, []))


REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"
ECOSYSTEM_CONFIG = Path(__file__).resolve().parents[1] / "eval" / "ecosystem" / "lintkit.yaml"


@pytest.mark.shared
@pytest.mark.slow
def test_safe_fixes_on_real_articles_stay_in_their_spans_and_keep_accents() -> None:
    if not REAL.is_dir():
        pytest.skip("../shared/corpus/real is not beside the repository")
    project = load_project(ECOSYSTEM_CONFIG, cwd=REAL.parent)
    res = run(project, [REAL], cwd=REAL.parent, use_cache=False)
    by_path: dict[str, list[Finding]] = {}
    for f in res.report.findings:
        if f.fix is not None and f.fix.applicability == "safe":
            by_path.setdefault(f.path, []).append(f)
    assert by_path, "no safe fix on the real corpus: the property would be vacuous"
    for path, findings in sorted(by_path.items()):
        text = (REAL.parent / path).read_text(encoding="utf-8")
        check_safe_fixes(text, findings)
