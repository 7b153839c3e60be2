"""Red-flag family: packs, topic detection, the sample content, bad input."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from datasets import REAL_CORPUS, REAL_SAMPLE, real_pages

from lintkit.checks import redflags
from lintkit.config import Project, Settings
from lintkit.document import parse_text
from lintkit.engine import lint_text, run
from lintkit.packs import PackError

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"

ISSUE_TOPICS = [
    "leg numbness",
    "sciatica",
    "back pain",
    "peripheral neuropathy",
    "peripheral artery disease",
    "multiple sclerosis",
    "Guillain-Barré syndrome",
    "frostbite",
    "stroke symptoms",
    "chest pain",
    "headache",
    "shortness of breath",
    "abdominal pain",
    "dizziness",
    "fever in adults",
    "fever in children",
    "confusion",
    "allergic reaction",
    "burns",
    "head injury",
]


def rf(text: str, project: Project | None = None, path: str = "case.md") -> list:
    return lint_text(text, path, project, select=["RF"])


# -- packs -------------------------------------------------------------------


def test_default_packs_cover_the_issue_topics_with_sources() -> None:
    c = redflags.load_packs(None)
    packs = [redflags.RedFlagPack.model_validate({})]
    assert len(c.topics) >= 20, f"only {len(c.topics)} red-flag topics loaded from the packs (want >= 20)"
    for name in ISSUE_TOPICS:
        assert redflags._topic_named(c, name) is not None, name
    from lintkit import packs as packmod

    packs = packmod.load("redflags", redflags.RedFlagPack, None)
    for p in packs:
        for tid, t in p.topics.items():
            for s in t.signs:
                assert s.source.strip(), (tid, s.id)
            if not t.signs:
                assert t.note, f"{tid}: a topic without signs must say why"
        for cond in p.conditions:
            assert cond.source.strip()
    assert {"en-us", "en-gb"} <= set(c.locales)


def _pack_dir(tmp_path: Path, text: str) -> Project:
    d = tmp_path / "packs" / "redflags"
    d.mkdir(parents=True)
    (d / "extra.yaml").write_text(text, encoding="utf-8")
    return Project(Settings(rule_packs=["packs"]), tmp_path, tmp_path / "lintkit.yaml")


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        (
            "topics:\n  x:\n    names: [x]\n    signs:\n      - id: a\n        label: a\n        urgency: emergency\n"
            "        patterns: ['(a+)+$']\n        source: s\n",
            8,
            "backtracks",
        ),
        (
            "topics:\n  x:\n    names: [x]\n    signs:\n      - id: a\n        label: a\n        urgency: emergency\n"
            "        phrases: [a]\n",
            5,
            "source",
        ),
        (
            "topics:\n  x:\n    names: [x]\n    signs:\n      - id: a\n        label: a\n        urgency: soon\n"
            "        phrases: [a]\n        source: s\n",
            7,
            "urgency",
        ),
        ("locales:\n  en-US:\n    headings:\n      - {pattern: '[unclosed', tier: emergency}\n", 4, "invalid"),
        ("conditions:\n  - name: x\n    urgency: emergency\n    source: s\n    colour: red\n", 5, "colour"),
    ],
)
def test_bad_pack_names_file_and_line(tmp_path: Path, body: str, line: int, words: str) -> None:
    project = _pack_dir(tmp_path, body)
    with pytest.raises(PackError) as e:
        redflags.load_packs(project)
    assert e.value.path is not None and e.value.path.endswith("extra.yaml")
    assert e.value.line == line, str(e.value)
    assert words in str(e.value)


def test_sign_without_phrases_is_refused(tmp_path: Path) -> None:
    project = _pack_dir(
        tmp_path,
        "topics:\n  x:\n    names: [x]\n    signs:\n      - id: a\n        label: a\n        urgency: urgent\n"
        "        source: s\n",
    )
    with pytest.raises(PackError, match="at least one phrase"):
        redflags.load_packs(project)


def test_user_pack_replaces_a_topic(tmp_path: Path) -> None:
    project = _pack_dir(
        tmp_path,
        "topics:\n  sciatica:\n    names: [sciatica]\n    signs:\n      - id: house-sign\n"
        "        label: our house sign\n        urgency: emergency\n        phrases: [house sign]\n"
        "        source: house style guide\n",
    )
    text = (
        "---\ntitle: Sciatica\ncontent_type: condition\ntopics: [sciatica]\n---\n# Sciatica\n\n"
        "## When to call 911\n\nCall 911 if you cannot pee.\n"
    )
    found = rf(text, project)
    assert [f.code for f in found] == ["RF003"]
    assert "our house sign" in found[0].message and "genitals" not in found[0].message


# -- topics --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Causes of Leg Numbness", ["leg-numbness"]),
        ("What Can Cause Numbness in Legs?", ["leg-numbness"]),
        ("Fever in Children", ["fever-in-children"]),
        ("Fever", ["fever-in-adults"]),
        ("Hay Fever", []),
        ("Heat stroke", ["heat-illness"]),  # not the stroke topic
        ("Heartburn", []),
        ("Sunburn", ["sunburn"]),  # not burns
        ("Hypertension in Pregnancy", []),
        ("Pulmonary Hypertension", []),
        ("Flu Shot", []),
        ("Dehydration in Children", ["dehydration"]),
        ("Interstitial Cystitis", []),
        ("Chest Pain and Shortness of Breath", ["chest-pain", "shortness-of-breath"]),
        ("Guillain-Barre Syndrome", ["guillain-barre-syndrome"]),
    ],
)
def test_topics_from_title(title: str, expected: list[str]) -> None:
    c = redflags.load_packs(None)
    doc = parse_text("t.md", f"---\ntitle: {title}\n---\nText.\n")
    assert [t.id for t in redflags.detect_topics(doc, c, ["front_matter", "title"])] == expected


def test_topics_from_headings_only_when_configured() -> None:
    c = redflags.load_packs(None)
    doc = parse_text("t.md", "---\ntitle: Leg problems\n---\n## Sciatica\n\nText.\n\n### Frostbite\n\nText.\n")
    assert [t.id for t in redflags.detect_topics(doc, c, ["title", "headings"])] == ["sciatica"]
    assert redflags.detect_topics(doc, c, ["title"]) == []


# -- the sample content ------------------------------------------------------


def test_seed_articles_get_missing_section_and_exemplar_passes() -> None:
    project = Project(Settings(), ROOT)
    by_file = {p.name: rf(p.read_text(encoding="utf-8"), project, p.name) for p in CONTENT.glob("*.md")}
    assert by_file["sciatica.md"] == []
    for name in ("causes-of-leg-numbness.md", "numbness-in-legs.md"):
        codes = [f.code for f in by_file[name]]
        assert "RF001" in codes, name
    first = next(f for f in by_file["causes-of-leg-numbness.md"] if f.code == "RF001")
    # the frostbite sentence is pointed at, but does not count as a section
    assert any(
        "Frostbite requires immediate" in (CONTENT / "causes-of-leg-numbness.md").read_text().splitlines()[r.line - 1]
        for r in first.related
    )
    second = next(f for f in by_file["numbness-in-legs.md"] if f.code == "RF001")
    assert "vague advice" in second.message
    assert [r.line for r in second.related] == [28]
    # frostbite has urgency wording next to it: no RF004 in the first seed
    assert "RF004" not in [f.code for f in by_file["causes-of-leg-numbness.md"]]


# -- bad input ---------------------------------------------------------------

ODD = [
    "",
    "---\n---\n",
    "---\ntopics: 7\nlocale: 12\ncontent_type: symptom\n---\n# x\n",
    "---\ntopics: [null, {a: 1}, sciatica]\ncontent_type: [symptom]\n---\n## When to call 911\n",
    "---\ncontent_type: symptom\nlocale: xx-YY\n---\n## When to call 911\n\n## When to call 911\n",
    "---\ncontent_type: symptom\n---\n" + "# " + "stroke " * 5000 + "\n",
    "---\ncontent_type: symptom\n---\nCall 911 if:\n\n- " + "a" * 20000 + "\n",
    "---\ncontent_type: symptom\n---\n> ## When to call 911\n>\n> - x\n\n```\nCall 999\n```\n",
    "---\ncontent_type: condition\n---\n| When to call 911 | Call 999 |\n|---|---|\n| stroke | x |\n",
]


@pytest.mark.parametrize("text", ODD)
def test_odd_input_never_crashes(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    rf(text)
    assert "internal error in red_flags" not in capsys.readouterr().err


def test_random_markdown_never_crashes(capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(4)
    pieces = [
        "# ",
        "## When to call 911",
        "Call 999 if:",
        "- stroke",
        "\n",
        "\n\n",
        "**",
        "`",
        "NHS 111",
        "Guillain-BarrĂ©",
        "[link](http://x)",
        "> ",
        "| a |",
        "9-1-1",
        "\r\n",
        "sciatica",
        ":",
    ]
    for _ in range(200):
        text = "---\ncontent_type: symptom\n---\n" + "".join(rng.choice(pieces) for _ in range(40))
        rf(text)
    assert "internal error in red_flags" not in capsys.readouterr().err


@pytest.mark.parametrize(
    "corpus,step",
    [pytest.param(REAL_SAMPLE, 1, id="sample"), pytest.param(REAL_CORPUS, 25, id="corpus", marks=pytest.mark.shared)],
)
def test_real_corpus_sample_runs_clean(corpus: Path, step: int) -> None:
    files = real_pages(corpus)[::step]
    project = Project(Settings(), corpus)
    res = run(project, files, cwd=corpus, select=["RF"], use_cache=False, jobs=1)
    assert [e for e in res.errors if "red_flags" in e] == []
    assert res.report.files_checked == len(files), f"{res.report.files_checked} of {len(files)} files checked"


def test_every_sign_label_names_itself() -> None:
    """RF001's draft section lists sign labels; each must satisfy its own sign."""
    c = redflags.load_packs(None)
    for t in c.topics.values():
        for s in t.signs:
            assert s.rx.found(s.label), (t.id, s.id)


@pytest.mark.parametrize("locale", ["en-US", "en-GB"])
@pytest.mark.parametrize(
    "topic",
    [
        "leg numbness",
        "peripheral artery disease",
        "frostbite",
        "head injury",
        "meningitis",
        "asthma",
        "gout",
        "dehydration",
        "sepsis",
        "bronchiolitis",
        "falls",
    ],
)
def test_draft_section_fix_is_unsafe_and_satisfies_rf001_and_rf003(locale: str, topic: str) -> None:
    from lintkit.fix import apply_edits, fix_text

    text = f"---\ntitle: T\ncontent_type: symptom\nlocale: {locale}\ntopics: [{topic}]\n---\n# T\n\nSome text.\n"
    finding = next(f for f in rf(text) if f.code == "RF001")
    assert finding.fix is not None and finding.fix.applicability == "unsafe"
    assert fix_text(text, [finding])[0] == text  # --fix leaves it alone
    drafted, n = apply_edits(text, finding.fix.edits)
    assert n == 1 and drafted.startswith(text)
    assert [f.code for f in rf(drafted)] == []


def test_draft_keeps_crlf_line_endings() -> None:
    from lintkit.fix import apply_edits

    text = "---\r\ntitle: T\r\ncontent_type: symptom\r\ntopics: [sciatica]\r\n---\r\n# T\r\n\r\nText."
    finding = next(f for f in rf(text) if f.code == "RF001")
    assert finding.fix is not None
    drafted, _ = apply_edits(text, finding.fix.edits)
    assert "\n" not in drafted.replace("\r\n", "")
    assert [f.code for f in rf(drafted)] == []


# -- RF004 is linear in the mentions of a sentence (issue 18, item 4) ----------


def _text_searched(monkeypatch: pytest.MonkeyPatch, text: str) -> int:
    """Characters RF004 hands to the pattern searches for ``text``: a search
    of the whole sentence again for every mention in it makes this grow with
    the square of the mentions."""
    total = 0
    search, finditer = redflags._search, redflags._finditer

    def counted_search(rx: object, t: str) -> object:
        nonlocal total
        total += len(t)
        return search(rx, t)

    def counted_finditer(rx: object, t: str) -> list:
        nonlocal total
        total += len(t)
        return finditer(rx, t)

    with monkeypatch.context() as m:
        m.setattr(redflags, "_search", counted_search)
        m.setattr(redflags, "_finditer", counted_finditer)
        # (the content types named, so that older versions check the page too)
        project = Project(Settings.model_validate({"red_flags": {"urgency_content_types": ["symptom"]}}), ROOT)
        found = lint_text(text, "a.md", project, select=["RF004"])
    assert found, "the page must be checked (a reaction, no urgency anywhere)"
    return total


@pytest.mark.parametrize("name", ["Guillain-Barré syndrome", "Guillain-BarrĂ© syndrome"])
def test_rf004_work_grows_linearly_with_mentions_in_one_sentence(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    def page(n: int) -> str:
        return (
            "---\ntitle: Leg weakness\ncontent_type: symptom\n---\n# Leg weakness\n\n"
            f"Rare reactions include {name} and " + f"{name} and " * n + "other problems.\n"
        )

    small, large = (_text_searched(monkeypatch, page(n)) for n in (300, 600))
    assert large <= 2.5 * small, (small, large)


def _topics_naive(c: redflags.Compiled, text: str) -> list[str]:
    hits = []
    for t in c.topics.values():
        blocked = [(m.start(), m.end()) for m in redflags._finditer(t.not_names, text)]
        for m in redflags._finditer(t.names, text):
            if not any(s <= m.start() and m.end() <= e for s, e in blocked):
                hits.append((m.start(), m.end(), t.id))
    out: list[str] = []
    for s, e, t in hits:
        if not any(s2 <= s and e <= e2 and (e2 - s2) > (e - s) for s2, e2, _ in hits) and t not in out:
            out.append(t)
    return out


def test_topic_containment_sweep_matches_the_pairwise_definition() -> None:
    """The sweep in _topics_in (linear in hits) keeps exactly the topics the
    all-pairs definition keeps, on random mixes of names and not_names."""
    c = redflags.load_packs(None)
    words = [
        "fever", "hay fever", "fever in children", "stroke", "heat stroke", "stroke symptoms", "chest pain",
        "pain", "back pain", "lower back pain", "headache", "migraine", "burns", "heartburn", "and", "in",
    ]  # fmt: skip
    rng = random.Random(7)
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        assert [t.id for t in redflags._topics_in(c, text)] == _topics_naive(c, text), text


SHARED_EVAL = ROOT.parent / "shared" / "eval"
DEV_EVAL = ROOT / "eval" / "dev" / "articles-2026-12"


def _rf_scores(eval_set: str) -> tuple[float, float, list[str]]:
    """Precision and recall of the RF family on an evaluation set, as
    eval/run.py scores it (the editor's scorer), and the table row."""
    import subprocess
    import sys

    cmd = [sys.executable, str(ROOT / "eval" / "run.py"), "--set", eval_set]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT).stdout
    row = next(line.split() for line in out.splitlines() if line.startswith("RF "))
    return float(row[6]), float(row[3]), row


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED_EVAL / "gold.yaml").is_file(), reason="needs ../shared/eval")
def test_shared_eval_red_flags_precision_and_recall() -> None:
    """Issue 16's bar for the family on the independent editor's set: precision
    >= 0.9 and recall >= 0.8 (eval/run.py scores it as the editor's scorer does)."""
    precision, recall, row = _rf_scores("shared")
    assert precision >= 0.9 and recall >= 0.8, row


@pytest.mark.slow
def test_dev_set_red_flags_precision_recall_and_clean_files() -> None:
    """The development set written blind by another editor (eval/dev): the family
    keeps precision >= 0.9 and recall >= 0.8 there and flags none of its clean
    files, so a change that fits the shared set but not other authors shows."""
    import json
    import subprocess
    import sys

    import yaml

    precision, recall, row = _rf_scores("dev/articles-2026-12")
    assert precision >= 0.9 and recall >= 0.8, row
    gold = yaml.safe_load((DEV_EVAL / "gold.yaml").read_text(encoding="utf-8"))
    clean = [DEV_EVAL / "corpus" / c["path"] for c in gold["clean_files"]]
    cmd = [sys.executable, "-m", "lintkit", "check", *map(str, clean), "--select", "RF", "--format", "json"]
    found = subprocess.run([*cmd, "--no-cache"], capture_output=True, text=True, check=False, cwd=ROOT).stdout
    assert json.loads(found)["findings"] == []
