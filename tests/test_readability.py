"""Readability family: grades equal textstat's own, segmentation feeds
textstat correctly, per-audience thresholds with sources, offline syllables,
the seed articles and the exemplary article."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from datasets import REAL_CORPUS, REAL_SAMPLE, real_pages

from lintkit import packs, syllables
from lintkit.checks import readability as rdb
from lintkit.config import Project, Settings
from lintkit.document import parse_text
from lintkit.engine import Selection, lint_text
from lintkit.findings import Severity
from lintkit.pipeline import process_document

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"

PARAGRAPH = (
    "Peripheral neuropathy is a condition that involves damage to the peripheral nerves. "
    "It can result in numbness, tingling, or pain in the legs. Diabetes, alcohol abuse and "
    "certain medications can contribute to it. Nutritional deficiencies can also lead to "
    "neuropathy. Exposure to industrial chemicals may cause nerve damage. Autoimmune disorders "
    "sometimes attack the peripheral nerves. Infections such as Lyme disease can cause nerve "
    "damage. Hereditary conditions occasionally affect the peripheral nervous system. "
    "Compression of individual nerves produces localized symptoms. A healthcare provider will "
    "consider the individual's medical history. Some people also notice weakness in their feet "
    "and hands. Treatment will depend on the specific diagnosis."
)


def project(**readability: object) -> Project:
    return Project(Settings.model_validate({"readability": readability} if readability else {}), ROOT)


def run_rdb(text: str, proj: Project | None = None, path: str = "case.md") -> tuple[list, dict]:
    proj = proj or project()
    doc = parse_text(path, text)
    res = process_document(doc, proj, Selection(proj, ["RDB"], None).run)
    assert not res.errors
    return res.findings, res.metrics["readability"]


# ---------------------------------------------------------------------------
# Grades are textstat's own


def test_plain_paragraph_grades_equal_textstat() -> None:
    ts = syllables.textstat_offline()
    _, m = run_rdb(PARAGRAPH + "\n")
    assert m["sentences"] == 12
    assert m["smog"] == round(ts.smog_index(PARAGRAPH), 1)
    assert m["fkgl"] == round(ts.flesch_kincaid_grade(PARAGRAPH), 1)
    assert m["fre"] == round(ts.flesch_reading_ease(PARAGRAPH), 1)
    assert m["words"] == ts.lexicon_count(PARAGRAPH)


def _real_pages(n: int, corpus: Path) -> list[Path]:
    pages = real_pages(corpus)
    return sorted(CONTENT.glob("*.md")) + pages[:: max(1, len(pages) // n)]


ON_REAL = pytest.mark.parametrize(
    "corpus", [pytest.param(REAL_SAMPLE, id="sample"), pytest.param(REAL_CORPUS, id="corpus", marks=pytest.mark.shared)]
)


@ON_REAL
def test_counted_grades_are_bit_for_bit_textstat_on_real_pages(corpus: Path) -> None:
    """lintkit counts once per sentence and applies the formulas itself; on
    sample and real pages (whole page and every H2 section) that gives
    exactly what textstat's own functions give on the same sentences."""
    syllables.textstat_offline()
    from textstat.backend import metrics

    checked = 0
    for path in _real_pages(150, corpus):
        doc = parse_text(path.name, path.read_text(encoding="utf-8"))
        units = [u for u in rdb.prose_units(doc) if u.gradable]
        groups = [units] + [[u for u in units if u.h2 == i] for i, s in enumerate(doc.sections) if s.level == 2]
        for group in groups:
            if not group:
                continue
            counts = sum((rdb.unit_counts(u.text) for u in group), rdb.Counts())
            text = rdb.grade_text([u.text for u in group])
            want = (
                metrics.smog_index(text, "en_US"),
                metrics.flesch_kincaid_grade(text, "en_US"),
                metrics.flesch_reading_ease(text, "en_US"),
            )
            assert rdb.formulas(counts) == want, path
            checked += 1
    assert checked > 150, f"only {checked} pages and sections were graded (want > 150): is the corpus there?"


def test_grades_match_the_published_formulas() -> None:
    """The same numbers from the formulas (research §1.2) and lintkit's own
    syllable counts: textstat really uses the bundled dictionary."""
    words = [w for w in PARAGRAPH.replace(".", " ").replace(",", " ").split()]
    n_words, n_sent = len(words), 12
    syl = [syllables.count(w.strip("'")) for w in words]
    poly = sum(1 for s in syl if s >= 3)
    smog = 1.043 * math.sqrt(poly * 30 / n_sent) + 3.1291
    fkgl = 0.39 * n_words / n_sent + 11.8 * sum(syl) / n_words - 15.59
    _, m = run_rdb(PARAGRAPH + "\n")
    assert m["smog"] == round(smog, 1)
    assert m["fkgl"] == round(fkgl, 1)


def test_textstat_counts_the_sentences_lintkit_segmented() -> None:
    """Abbreviations, decimals and times would make textstat see extra
    sentences; the rebuilt text gives it exactly lintkit's units."""
    syllables.textstat_offline()
    from textstat.backend.counts import count_sentences

    text = (
        "Take 2.5 mg of the medicine at 8 a.m. every day with food. "
        "Ask Dr. Patel at the clinic, e.g. on a Monday morning. It usually lasts about 2 weeks."
    )
    doc = parse_text("a.md", text + "\n")
    units = [u.text for u in rdb.prose_units(doc)]
    assert len(units) == 3
    assert count_sentences(text) > 3  # textstat alone over-counts
    assert count_sentences(rdb.grade_text(units)) == 3


def test_bullet_list_without_full_stops_counts_as_several_sentences() -> None:
    items = [
        "pain that spreads from your lower back into your leg",
        "numbness or tingling in your leg or foot",
        "weakness in the muscles of your leg",
        "pain that gets worse when you cough",
    ]
    text = "# Sciatica\n\nYou may have:\n\n" + "".join(f"- {i}\n" for i in items)
    doc = parse_text("a.md", text)
    units = [u for u in rdb.prose_units(doc) if u.gradable]
    assert [u.text for u in units] == ["You may have:", *items]
    g = rdb.grade([u.text for u in units], min_words=1, min_sentences=1)
    assert g.sentences == 5
    # textstat on the raw text sees one long sentence (research §1.3)
    ts = syllables.textstat_offline()
    from textstat.backend.counts import count_sentences

    assert count_sentences(" ".join(["You may have:", *items])) == 1
    assert g.fkgl is not None and g.fkgl < ts.flesch_kincaid_grade(" ".join(["You may have:", *items]))


def test_fragments_of_two_words_are_not_graded() -> None:
    doc = parse_text("a.md", "- fever\n- stiff neck\n- a rash that does not fade\n")
    units = rdb.prose_units(doc)
    assert [u.gradable for u in units] == [False, False, True]


# ---------------------------------------------------------------------------
# Too short to grade, per-section metrics, the report's metrics shape


def test_too_short_to_grade_is_none_not_a_pass() -> None:
    findings, m = run_rdb("# Tiny\n\nNeuropathy is an extraordinarily complicated degenerative abnormality.\n")
    assert m["smog"] is None and m["fkgl"] is None and m["fre"] is None
    assert m["words"] == 7 and m["sentences"] == 1
    assert not [f for f in findings if f.code in ("RDB001", "RDB002")]


def test_minimum_is_configurable() -> None:
    text = "# Tiny\n\n" + PARAGRAPH + "\n"
    _, m = run_rdb(text, project(min_words=500))
    assert m["smog"] is None
    _, m = run_rdb(text, project(min_sentences=13))
    assert m["smog"] is None
    _, m = run_rdb(text, project(min_words=100, min_sentences=12))
    assert m["smog"] is not None


def test_metrics_shape_for_the_html_report() -> None:
    text = (
        "# Title\n\nIntro sentence here.\n\n## One\n\n"
        + PARAGRAPH
        + "\n\n### Sub\n\nMore words in a sub section.\n\n## Two\n\nShort.\n"
    )
    _, m = run_rdb(text)
    assert set(m) == {"words", "sentences", "smog", "fkgl", "fre", "sections", "target"}
    assert m["target"] == 8  # patient SMOG target, used by the HTML report
    assert [(s["title"], s["line"]) for s in m["sections"]] == [("One", 5), ("Two", 13)]
    one, two = m["sections"]
    assert set(one) == {"title", "line", "words", "smog", "fkgl"}
    # an H2 section includes its H3 subsections
    assert one["words"] == rdb.count_words(PARAGRAPH) + 6
    assert one["smog"] is not None and two["smog"] is None
    assert isinstance(m["words"], int) and isinstance(m["smog"], float)


def test_non_english_pages_are_not_graded() -> None:
    fm = "---\nlocale: es-ES\n---\n"
    findings, m = run_rdb(fm + "# T\n\n" + PARAGRAPH + "\n")
    assert m["smog"] is None
    assert not [f for f in findings if f.code == "RDB001"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "---\n---\n",
        "# Only a heading\n",
        "```\ncode\n```\n",
        "| a |\n|---|\n| b |\n",
        "- \n-\n",
        "...!?\n",
        "\u200b\n",
    ],
)
def test_odd_documents_do_not_crash(text: str) -> None:
    _, m = run_rdb(text)
    assert m["smog"] is None


def test_a_terminology_bug_does_not_lose_the_grades(monkeypatch: pytest.MonkeyPatch) -> None:
    # (a bad terminology *pack* is a usage error for the whole run, exit 2;
    # an internal error is reported and the other checks still run)
    import lintkit.terms

    def boom(project: object) -> None:
        raise RuntimeError("bug in the matcher")

    monkeypatch.setattr(lintkit.terms, "term_index", boom)
    proj = project()
    doc = parse_text("a.md", "# Neuropathy\n\n" + PARAGRAPH + "\n")
    res = process_document(doc, proj, Selection(proj, ["RDB"], None).run)
    assert res.metrics["readability"]["smog"] is not None
    assert "RDB001" in [f.code for f in res.findings]
    assert any("jargon_density" in e for e in res.errors)


# ---------------------------------------------------------------------------
# Severity bands


def test_severity_bands() -> None:
    hard = "# Neuropathy\n\n" + PARAGRAPH + "\n"
    (f,) = [x for x in lint_text(hard, "a.md", project(), select=["RDB001"])]
    assert f.severity is Severity.ERROR  # SMOG above 10
    (f,) = lint_text(hard, "a.md", project(audiences={"patient": {"grade_error": 30}}), select=["RDB001"])
    assert f.severity is Severity.WARNING
    assert lint_text(hard, "a.md", project(audiences={"patient": {"grade_warning": 30}}), select=["RDB001"]) == []


def test_user_severity_override_still_applies() -> None:
    hard = "# Neuropathy\n\n" + PARAGRAPH + "\n"
    proj = Project(Settings.model_validate({"severity": {"RDB001": "info"}}), ROOT)
    (f,) = lint_text(hard, "a.md", proj, select=["RDB001"])
    assert f.severity is Severity.INFO


# ---------------------------------------------------------------------------
# Packs and config


def test_default_pack_thresholds_have_sources() -> None:
    (pack,) = packs.load("readability", rdb.ReadabilityPack, None)
    assert pack.minimum is not None and pack.minimum.source
    patient = pack.audiences["patient"]
    for name in (
        "reading_grade",
        "sentence_words",
        "paragraph_sentences",
        "paragraph_words",
        "list_items",
        "resource_list_items",
        "jargon_percent",
        "passive_percent",
    ):
        assert getattr(patient, name).source.strip()
    lim = rdb.limits_for(project(), "patient")
    assert (lim.metric, lim.grade_warning, lim.grade_margin, lim.grade_error) == ("smog", 8, 1.5, 10)
    assert (lim.sentence_words, lim.paragraph_sentences, lim.paragraph_words, lim.list_items) == (25, 3, 100, 10)
    assert lim.resource_list_items == 20 and "resources" in lim.resource_lead_in
    assert (lim.min_words, lim.min_sentences) == (100, 10)
    pro = rdb.limits_for(project(), "professional")
    assert pro.grade_warning is None and pro.sentence_words is None and pro.list_items is None


@pytest.mark.parametrize(
    ("yaml_text", "line", "needle"),
    [
        ("audiences:\n  patient:\n    list_items:\n      max: 7\n", 4, "source"),
        ("audiences:\n  patient:\n    list_items:\n      max: 0\n      source: x\n", 4, "greater than or equal"),
        (
            "audiences:\n  patient:\n    reading_grade:\n"
            "      warning_above: 8\n      error_above: 6\n      source: x\n",
            4,
            "error_above",
        ),
        ("audiences:\n  patient:\n    lists: {max: 7, source: x}\n", 3, "unknown setting"),
    ],
)
def test_bad_packs_name_file_and_line(yaml_text: str, line: int, needle: str) -> None:
    with pytest.raises(packs.PackError) as e:
        packs.validate_text(yaml_text, rdb.ReadabilityPack, "extra/readability.yaml")
    assert needle in str(e.value)
    assert e.value.path == "extra/readability.yaml"
    if e.value.line != 1:  # model validators report the top of the file
        assert e.value.line in (line - 1, line, line + 1)


def test_extra_pack_overrides_and_removes_entries(tmp_path: Path) -> None:
    extra = tmp_path / "packs"
    extra.mkdir()
    (extra / "readability.yaml").write_text(
        "audiences:\n  patient:\n    list_items: null\n    sentence_words: {max: 25, source: house style}\n"
        "  professional:\n    reading_grade: {warning_above: 14, source: house style}\n",
        encoding="utf-8",
    )
    proj = Project(Settings.model_validate({"rule_packs": ["packs"]}), tmp_path)
    lim = rdb.limits_for(proj, "patient")
    assert lim.list_items is None and lim.sentence_words == 25 and lim.grade_warning == 8
    pro = rdb.limits_for(proj, "professional")
    assert pro.grade_warning == 14 and pro.grade_error is None


def test_config_overrides_pack_per_audience() -> None:
    lim = rdb.limits_for(project(audiences={"patient": {"sentence_words": 15, "metric": "fkgl"}}), "Patient")
    assert lim.sentence_words == 15 and lim.metric == "fkgl" and lim.grade_warning == 8
    # audience names match whatever their case
    assert rdb.limits_for(project(audiences={"Patient": {"list_items": 5}}), "patient").list_items == 5


def test_unknown_readability_setting_is_rejected() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Settings.model_validate({"readability": {"min_word": 3}})
    with pytest.raises(ValidationError):
        Settings.model_validate({"readability": {"audiences": {"patient": {"grade": 8}}}})


# ---------------------------------------------------------------------------
# Sample content


def _content(name: str) -> tuple[list, dict]:
    return run_rdb((CONTENT / name).read_text(encoding="utf-8"), path=f"content/{name}")


def test_seed_article_where_the_formulas_disagree_is_not_graded_hard() -> None:
    # SMOG 11.7 from its long words, but Flesch-Kincaid 8.9 on what RDB003
    # does not already report: not above 9.5, so no RDB001
    findings, m = _content("causes-of-leg-numbness.md")
    assert m["smog"] is not None and m["smog"] > 10 and m["fkgl"] is not None and m["fkgl"] < 9.5
    assert not [x for x in findings if x.code == "RDB001"]


@pytest.mark.parametrize("name", ["numbness-in-legs.md"])
def test_seed_articles_are_above_patient_level(name: str) -> None:
    findings, m = _content(name)
    assert m["smog"] is not None and m["smog"] > 10
    (f,) = [x for x in findings if x.code == "RDB001"]
    assert f.severity is Severity.ERROR
    # graded without the sentences RDB003 reports, and the message says so
    long = [x for x in findings if x.code == "RDB003"]
    assert long and f"{len(long)} sentence" in f.message and "left out: RDB003 reports" in f.message
    words = m["words"] - sum(int(x.message.split()[2]) for x in long)
    assert f"{words} words" in f.message


def test_exemplary_article_is_graded_at_patient_level() -> None:
    findings, m = _content("sciatica.md")
    assert m["smog"] is not None and m["smog"] <= 8
    assert not [f for f in findings if f.code in ("RDB001", "RDB002", "RDB004", "RDB005")]


def test_exemplary_article_passes_every_readability_rule() -> None:
    findings, _ = _content("sciatica.md")
    assert findings == []


# ---------------------------------------------------------------------------
# Offline


def test_syllable_counts_come_from_the_cmu_dictionary() -> None:
    assert syllables.in_dictionary("numbness") and syllables.count("numbness") == 2
    assert syllables.count("Tingling") == 3  # T IH1 NG G AH0 L IH0 NG
    assert syllables.count("neuropathy") == 4
    # not in the dictionary: Pyphen fallback, like textstat's
    assert not syllables.in_dictionary("radiculopathy")
    import pyphen

    assert syllables.count("radiculopathy") == len(pyphen.Pyphen(lang="en_US").positions("radiculopathy")) + 1
    view = syllables.cmu_view()
    assert view["numbness"] == [["N", "AH1", "M", "N", "AH0", "S"]]
    assert "zzzzqq" not in view and len(view) > 100_000


_BLOCKED = textwrap.dedent(
    """
    import json, socket, sys

    def refuse(*a, **k):
        raise OSError("network access is blocked in this test")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse

    import nltk, nltk.data

    def no_nltk(*a, **k):
        raise AssertionError("NLTK data was looked up: " + repr(a))

    nltk.download = no_nltk
    nltk.data.find = no_nltk
    nltk.data.load = no_nltk
    nltk.data.path[:] = []

    from pathlib import Path
    from lintkit.config import Project, Settings
    from lintkit.engine import lint_text

    text = sys.stdin.read()
    findings = lint_text(text, "a.md", Project(Settings(), Path.cwd()), select=["RDB001"])
    import textstat
    print(json.dumps({"findings": [f.message for f in findings],
                      "smog": textstat.smog_index(text.split("\\n", 2)[2])}))
    """
)


def _run_isolated(script: str, tmp_path: Path) -> dict[str, Any]:
    """Run ``script`` in a fresh interpreter with no NLTK data and no home
    folder to find any in; it lints a hard paragraph and prints JSON."""
    import json

    empty = tmp_path / "empty"
    empty.mkdir(exist_ok=True)
    env = dict(os.environ, NLTK_DATA=str(empty), HOME=str(empty), PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", script],
        input="# Nerve damage\n\n" + PARAGRAPH + "\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=str(tmp_path),
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    data: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    assert len(data["findings"]) == 1 and "SMOG grade" in data["findings"][0]
    return data


def test_grades_with_network_blocked_and_no_nltk_data(tmp_path: Path) -> None:
    data = _run_isolated(_BLOCKED, tmp_path)
    assert f"SMOG grade {round(data['smog'], 1):.1f}" in data["findings"][0]


# ---------------------------------------------------------------------------
# Passive voice (RDB007)


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("Sciatica is caused by pressure on a nerve.", "is caused"),
        ("It can be treated with exercise.", "be treated"),
        ("Antibiotics are not usually given for a cold.", "are not usually given"),
        ("The tube is then put through the wall of the chest.", "is then put"),
        ("Your feet will be checked at every visit.", "be checked"),
        ("Many strokes can be prevented.", "be prevented"),
        ("A sample of blood is drawn from a vein.", "is drawn"),
        ("Different drugs are being tested in trials.", "being tested"),
        ("The cause has been found in some families.", "been found"),
        ("Asthma is poorly controlled in some children.", "is poorly controlled"),
        # active, adjectival or not a participle
        ("Your doctor will check your feet.", None),
        ("Pressure on a nerve causes sciatica.", None),
        ("You may be tired or worried.", None),
        ("The area is swollen and red.", None),
        ("Some babies are born with it.", None),
        ("The risks are usually minor.", None),
        ("People are very sensitive to light.", None),
        ("There is a need for more research.", None),
        ("Bleeding is common after the test.", None),
        ("They walked to the clinic and talked to a nurse.", None),
        # naming and describing passives have no doer to name
        ("This is called spinal stenosis.", None),
        ("The condition is characterized by weak muscles.", None),
        ("It is thought to be rare.", None),
        # a gerund is not a passive
        ("Being prepared helps in an emergency.", None),
        # a negated participle is an adjective: it has no active form
        ("Some family members are unaffected.", None),
        ("Children with the condition may be nearsighted.", None),
        ("The outcome is mixed.", None),
        ("The skin may be unpigmented in patches.", None),
        ("The condition is underdiagnosed in adults.", "is underdiagnosed"),
    ],
)
def test_passive_detection(sentence: str, phrase: str | None) -> None:
    span = rdb.passive_span(sentence)
    assert (sentence[span[0] : span[1]] if span else None) == phrase


def test_passive_share_uses_graded_sentences_and_related_spans() -> None:
    passive = [
        "Sciatica is caused by pressure on a nerve root.",
        "It is usually treated with exercise and pain relief.",
        "Surgery is only needed in a few cases.",
        "Ice packs should be applied as well.",
    ]
    active = [f"You can do stretch number {i} at home each day." for i in range(1, 9)]
    text = "# Sciatica\n\n" + "\n\n".join(passive + active) + "\n"
    (f,) = lint_text(text, "a.md", project(), select=["RDB007"])
    assert "4 of 12 sentences (33%)" in f.message and f.severity is Severity.INFO
    # the instruction that hides who is to act comes first
    assert [(r.line, r.column, r.message) for r in f.related] == [
        (9, 18, "instruction that does not say who is to act: 'should be applied'"),
        (3, 10, "passive: 'is caused'"),
        (5, 4, "passive: 'is usually treated'"),
        (7, 9, "passive: 'is only needed'"),
    ]
    # 4 of 12 is 33%, but with one detection fewer 25%: within a limit of 25
    assert lint_text(text, "a.md", project(audiences={"patient": {"passive_percent": 25}}), select=["RDB007"]) == []
    # fewer sentences than the grading minimum: not measured
    assert lint_text(text, "a.md", project(min_sentences=13), select=["RDB007"]) == []


@ON_REAL
def test_jargon_prefilter_never_hides_a_term(corpus: Path) -> None:
    """Every block in which the terminology matcher finds jargon passes the
    prefilter: the sample content, the real corpus sample, and every jargon
    term and variant written in plural, possessive and capitalised forms."""
    from lintkit.terms import fold, term_index

    idx = term_index(None)
    rx = idx.jargon_prefilter
    assert rx is not None
    texts = [b.text for p in sorted(CONTENT.glob("*.md")) for _, b in parse_text("x.md", p.read_text()).prose_blocks()]
    pages = real_pages(corpus)[:200]
    texts += [b.text for p in pages for _, b in parse_text("x.md", p.read_text(encoding="utf-8")).prose_blocks()]
    for entry in idx.jargon.values():
        for surface in (entry.term, *entry.variants):
            for form in (
                surface,
                surface + "s",
                surface + "'s",
                surface.upper(),
                surface.title(),
                surface[:-1] + "ies",
            ):
                texts.append(f"Some text with {form} in it.")
    found = 0
    for t in texts:
        if any(m.kind == "jargon" for m in idx.find(t)):
            found += 1
            assert rx.search(fold(t)), t
    assert found > 50, f"only {found} texts hold jargon (want > 50): the test would prove little"


_NO_NLTK = textwrap.dedent(
    """
    import json, socket, sys

    def refuse(*a, **k):
        raise OSError("network access is blocked in this test")

    socket.socket.connect = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse

    from pathlib import Path
    from lintkit.config import Project, Settings
    from lintkit.engine import lint_text

    text = sys.stdin.read()
    findings = lint_text(text, "a.md", Project(Settings(), Path.cwd()), select=["RDB001"])
    loaded = "nltk" in sys.modules
    import nltk  # the real package is still importable afterwards
    print(json.dumps({"findings": [f.message for f in findings], "nltk_loaded": loaded,
                      "real_nltk": hasattr(nltk, "download")}))
    """
)


def test_nltk_is_never_imported(tmp_path: Path) -> None:
    data = _run_isolated(_NO_NLTK, tmp_path)
    assert data["nltk_loaded"] is False
    assert data["real_nltk"] is True


def test_the_nltk_placeholder_fails_loudly() -> None:
    with pytest.raises(syllables.TextstatUnavailable, match="never loads NLTK"):
        getattr(syllables._NoNLTK("nltk"), "download")  # noqa: B009


# ---------------------------------------------------------------------------
# Words a reader does not meet as hard words (the pack's familiar_words)


def test_pronunciation_guides_are_not_graded_as_words() -> None:
    said = "Bronchiectasis (brong-ke-EK-ta-sis) damages the airways. Plaque is made of fat (ath-er-o-skler-O-sis)."
    assert rdb.without_pronunciations(said) == "Bronchiectasis   damages the airways. Plaque is made of fat  ."
    # a bracketed compound is not a pronunciation guide
    kept = "It is X-linked (X-linked-recessive) and needs an ACE-inhibitor (blood-pressure-lowering medicine)."
    assert rdb.without_pronunciations(kept) == kept
    guided = rdb.reader_counts("Atelectasis (at-eh-LEK-tah-sis) can follow.")
    assert guided == rdb.unit_counts("Atelectasis can follow.")


def test_the_topic_name_counts_as_a_familiar_word() -> None:
    sentence = "Bronchiectasis usually starts after an infection of the airways."
    familiar = rdb.topic_words("Bronchiectasis")
    plain, named = rdb.unit_counts(sentence), rdb.reader_counts(sentence, familiar)
    assert named.polysyllables == plain.polysyllables - 1
    assert named.syllables == plain.syllables - (syllables.count("Bronchiectasis") - 1)
    # words of two syllables are not hard words: they are counted as they are
    assert rdb.reader_counts("Numbness can spread.", rdb.topic_words("Leg numbness")) == rdb.unit_counts(
        "Numbness can spread."
    )


def test_topic_name_discount_can_be_turned_off(tmp_path: Path) -> None:
    extra = tmp_path / "packs"
    extra.mkdir()
    (extra / "readability.yaml").write_text("familiar_words:\n  topic_name: false\n  source: house style\n")
    proj = Project(Settings.model_validate({"rule_packs": ["packs"]}), tmp_path)
    assert not rdb.limits_for(proj, "patient").topic_familiar
    assert rdb.limits_for(Project(Settings(), tmp_path), "patient").topic_familiar
