"""The contradiction family: planted conflicts in a small corpus with a
reference, the evaluation floor, pack errors, and robustness."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintkit.config import Project, Settings
from lintkit.document import parse_text
from lintkit.engine import lint_text, run

HERE = Path(__file__).parent
CORPUS = HERE / "contradictions" / "corpus"
sys.path.insert(0, str(HERE / "contradictions"))


def _run(paths: list[Path]) -> list[tuple[object, ...]]:
    root = CORPUS.resolve()
    project = Project(Settings(content=["docs"], references=["references"]), root, root / "lintkit.yaml")
    res = run(project, paths, cwd=root, select=["CON"], use_cache=False)
    assert res.errors == []
    out = []
    for f in res.report.findings:
        assert len(f.related) == 1
        r = f.related[0]
        out.append(
            (
                f.code,
                f.path,
                f.line,
                f.column,
                f.end_line,
                f.end_column,
                r.path,
                r.line,
                r.column,
                r.end_line,
                r.end_column,
            )
        )
    return out


# Every planted conflict, with exact spans on both sides:
# - frostbite.md "usually temporary" vs the reference's "usually permanent" (CON002)
# - leg-pain.md "PAD is an acute condition" vs pad.md "Peripheral artery disease (PAD)
#   is a chronic condition" (CON001 on both sides; acronym merged with its concept)
# - leg-pain.md fever threshold 102°F vs pad.md 100.4°F (CON001) and the reference's
#   38°C (CON002); pad.md's 100.4°F agrees with 38°C after unit conversion
# - leg-pain.md shingles pain 3 to 5 weeks, then 3 to 5 days (CON003)
# Not conflicts: norovirus 48 hours / 2 days / 1 to 3 days.
PLANTED = [
    ("CON002", "docs/frostbite.md", 6, 42, 6, 79, "references/frostbite-and-fever.md", 8, 1, 8, 38),
    ("CON001", "docs/leg-pain.md", 8, 1, 8, 16, "docs/pad.md", 6, 1, 6, 45),
    ("CON001", "docs/leg-pain.md", 12, 43, 12, 76, "docs/pad.md", 8, 1, 8, 36),
    ("CON002", "docs/leg-pain.md", 12, 43, 12, 76, "references/frostbite-and-fever.md", 12, 1, 12, 33),
    ("CON003", "docs/leg-pain.md", 16, 1, 16, 40, "docs/leg-pain.md", 12, 1, 12, 41),
    ("CON001", "docs/pad.md", 6, 1, 6, 45, "docs/leg-pain.md", 8, 1, 8, 16),
    ("CON001", "docs/pad.md", 8, 1, 8, 36, "docs/leg-pain.md", 12, 43, 12, 76),
]


def test_planted_conflicts_found_with_exact_positions() -> None:
    assert _run([CORPUS.resolve() / "docs"]) == PLANTED


def test_spans_cover_the_claim_text() -> None:
    text = (CORPUS / "docs" / "leg-pain.md").read_text(encoding="utf-8").splitlines()
    assert text[8 - 1][0:15] == "PAD is an acute"
    assert text[12 - 1][42:75] == "A fever is a temperature of 102°F"
    ref = (CORPUS / "references" / "frostbite-and-fever.md").read_text(encoding="utf-8").splitlines()
    assert ref[8 - 1][0:37] == "Frostbite damage is usually permanent"


def test_pre_commit_run_reports_only_passed_file_against_whole_corpus() -> None:
    got = _run([CORPUS.resolve() / "docs" / "pad.md"])
    assert got == [p for p in PLANTED if p[1] == "docs/pad.md"]


def test_sample_content_has_no_contradictions() -> None:
    root = HERE.parent
    project = Project(Settings(), root, root / "lintkit.yaml")
    res = run(project, [root / "content"], cwd=root, select=["CON"], use_cache=False)
    assert [f for f in res.report.findings] == []


def test_ignore_subjects_setting() -> None:
    text = "# Frostbite\n\nFrostbite damage is usually permanent.\n\nLater. Frostbite damage is usually temporary.\n"
    root = HERE.parent
    assert [f.code for f in lint_text(text, "a.md", Project(Settings(), root), select=["CON"])] == ["CON003"]
    quiet = Settings.model_validate({"contradictions": {"ignore_subjects": ["frostbite damage"]}})
    assert lint_text(text, "a.md", Project(quiet, root), select=["CON"]) == []


def test_severities() -> None:
    from lintkit.checks import REGISTRY

    rules = REGISTRY.rules
    assert str(rules["CON001"].severity) == "warning"
    assert str(rules["CON002"].severity) == "error"
    assert str(rules["CON003"].severity) == "warning"


# Floors: what the detector reaches on tests/contradictions/pairs.yaml (all
# pairs). Lower one only with a reason in the commit message.
FLOORS = {
    "exclusive": (1.0, 1.0),
    "polarity": (1.0, 1.0),
    "quantity": (1.0, 1.0),
}


def test_evaluation_set_precision_and_recall() -> None:
    import evaluate

    outcomes = evaluate.evaluate("all")
    conflicts = sum(o.conflict for o in outcomes)
    assert conflicts >= 60 and len(outcomes) - conflicts >= conflicts
    s = evaluate.scores(outcomes)
    for t, (p, r) in FLOORS.items():
        assert s[t]["precision"] >= p, (t, s[t])
        assert s[t]["recall"] >= r, (t, s[t])


# holdout.yaml was written after tuning and measured once; it is not tuned on.
# Its two misses (h06 "both hands", h24 "appears … after") are lexicon gaps.
HOLDOUT_FLOORS = {
    "exclusive": (1.0, 0.9),
    "polarity": (1.0, 1.0),
    "quantity": (1.0, 0.857),
}


def test_holdout_precision_and_recall() -> None:
    import evaluate

    s = evaluate.scores(evaluate.evaluate("all", "holdout.yaml"))
    for t, (p, r) in HOLDOUT_FLOORS.items():
        assert s[t]["precision"] >= p, (t, s[t])
        assert s[t]["recall"] >= r, (t, s[t])


def test_claims_are_small_picklable_records() -> None:
    from lintkit.claims import extract

    doc = parse_text("a.md", "# Flu\n\nFlu is not contagious. Flu symptoms usually last 5 to 7 days.\n")
    claims = extract(doc)
    assert [(c.attribute, c.value, c.negated) for c in claims] == [
        ("contagion", "contagious", True),
        ("q:duration", "", False),
    ]
    assert pickle.loads(pickle.dumps(claims)) == claims
    q = claims[1]
    assert (q.low, q.high) == (5 * 24, 7 * 24)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("48 hours", "2 days", True),
        ("1 in 5 adults", "20% of adults", True),
        ("38°C or higher", "100.4°F or higher", True),
        ("0.2 g", "200 mg", True),
        ("3 weeks", "3 months", False),
    ],
)
def test_units_normalise(a: str, b: str, same: bool) -> None:
    from lintkit.claims import extract

    def q(x: str) -> tuple[float | None, float | None]:
        measure = "affects" if "adults" in x else ("a fever is a temperature of" if "°" in x else "the dose is")
        if "hour" in x or "day" in x or "week" in x or "month" in x:
            measure = "symptoms last"
        text = (
            f"# T\n\nFlu {measure} {x}.\n"
            if measure != "a fever is a temperature of"
            else f"# T\n\nA fever is a temperature of {x}.\n"
        )
        cs = [c for c in extract(parse_text("a.md", text)) if c.attribute.startswith("q:")]
        assert cs, text
        return cs[0].low, cs[0].high

    la, ha = q(a)
    lb, hb = q(b)
    close = all(
        (x is None and y is None) or (x is not None and y is not None and abs(x - y) <= 0.01 * max(abs(x), abs(y), 1))
        for x, y in ((la, lb), (ha, hb))
    )
    assert close == same


def _with_pack(tmp_path: Path, pack: str) -> Project:
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "contradictions.yaml").write_text(pack, encoding="utf-8")
    return Project(Settings(rule_packs=["packs"]), tmp_path, tmp_path / "lintkit.yaml")


def test_bad_pack_is_a_clear_error_with_file_and_line(tmp_path: Path) -> None:
    from lintkit.claims import lexicon
    from lintkit.packs import PackError

    project = _with_pack(
        tmp_path,
        "attributes:\n  - id: size\n    label: size\n    values:\n"
        "      - {id: big, label: big, phrases: [big], broader: huge}\n"
        "      - {id: small, label: small, phrases: [small]}\n",
    )
    with pytest.raises(PackError) as e:
        lexicon(project)
    assert "contradictions.yaml" in str(e.value) and "huge" in str(e.value)


def test_user_pack_extends_the_lexicon(tmp_path: Path) -> None:
    project = _with_pack(
        tmp_path,
        "attributes:\n  - id: side-effect-frequency\n    label: how often the side effect happens\n    values:\n"
        "      - {id: frequent, label: frequent, phrases: [frequent]}\n"
        "      - {id: infrequent, label: infrequent, phrases: [infrequent]}\n",
    )
    text = "# Drug\n\nNausea is frequent.\n\nLater on. Nausea is infrequent.\n"
    got = lint_text(text, "a.md", project, select=["CON003"])
    assert [(f.code, f.line, f.column) for f in got] == [("CON003", 5, 11)]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_extraction_never_raises(text: str) -> None:
    from lintkit.claims import extract

    extract(parse_text("x.md", text))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "It is not contagious",
                "Flu is usually not contagious, but it can be serious",
                "Symptoms last 2 to 3 days",
                "about 1 in 5 adults",
                "(PAD)",
                "whether benign or malignant",
                "**MS:** This is rare",
                "; never",
                "100.4°F",
                "up to 6 weeks or more",
                "?",
                ",",
                ".",
                " ",
                "\n\n",
                "## Heading\n\n",
            ]
        ),
        max_size=25,
    )
)
def test_extraction_never_raises_on_claim_like_text(parts: list[str]) -> None:
    from lintkit.claims import extract

    extract(parse_text("x.md", "".join(parts)))


_WORDS = st.sampled_from(["not", "no", "cure", "can't", "be", "cured", "one", "side", "of", "the", "body", "a", "rare"])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(_WORDS, min_size=1, max_size=4).map(" ".join), min_size=1, max_size=8),
    st.lists(
        st.sampled_from(
            ["not", "no", "cure", "can’t", "be", "cured", "one-side", "side", "of", "the", "rare", "x", ",", "-"]
        ),
        max_size=30,
    ).map(" ".join),
)
def test_trie_pattern_matches_like_a_flat_alternation(phrases: list[str], text: str) -> None:
    import re

    from lintkit.claims import phrase_pattern

    flat = "|".join(
        r"[\s-]+".join(re.escape(w).replace("'", "['’]") for w in re.split(r"[\s-]+", p))
        for p in sorted(set(phrases), key=len, reverse=True)
    )
    want = re.compile(r"(?<![\w-])(?:" + flat + r")(?![\w-])", re.IGNORECASE)
    got = phrase_pattern(phrases)
    assert got is not None
    assert [m.span() for m in got.finditer(text)] == [m.span() for m in want.finditer(text)]


def test_index_compares_signatures_not_all_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    """300 pages repeat one claim and one page denies it: one comparison,
    and the denying claim gets at most MAX_PER_CLAIM findings."""
    from lintkit.api import Corpus, CorpusContext, CorpusFile
    from lintkit.checks import contradictions as con
    from lintkit.claims import extract

    same = extract(parse_text("x.md", "# Flu\n\nFlu is contagious.\n"))
    other = extract(parse_text("y.md", "# Flu\n\nFlu is not contagious.\n"))
    files = {f"p{i}.md": CorpusFile(f"p{i}.md", {}, True, False, {"claims": same}) for i in range(300)}
    files["deny.md"] = CorpusFile("deny.md", {}, True, False, {"claims": other})
    calls = []
    real = con.conflict
    monkeypatch.setattr(con, "conflict", lambda *a, **k: calls.append(1) or real(*a, **k))
    ctx = CorpusContext(Project(Settings(), HERE), frozenset(con.CODES))
    out = list(con.contradictions(Corpus(files), ctx))
    assert len(calls) == 1
    assert sum(f.path == "deny.md" for f in out) == con.MAX_PER_CLAIM
    assert sum(f.path != "deny.md" for f in out) == 300


def test_overlong_pack_phrase_is_refused(tmp_path: Path) -> None:
    from lintkit.claims import lexicon
    from lintkit.packs import PackError

    project = _with_pack(
        tmp_path,
        "attributes:\n  - id: size\n    label: size\n    values:\n"
        f"      - {{id: big, label: big, phrases: [{'a' * 200}]}}\n"
        "      - {id: small, label: small, phrases: [small]}\n",
    )
    with pytest.raises(PackError) as e:
        lexicon(project)
    assert "contradictions.yaml:5" in str(e.value)


# ---------------------------------------------------------------------------
# Open frames, typed conflicts and guards (issue 17)


def _pair(a: str, b: str, title_a: str = "A", title_b: str = "B") -> list[str]:
    """CON messages linking two one-paragraph pages."""
    from lintkit.api import Corpus, CorpusContext, CorpusFile
    from lintkit.checks import contradictions as con
    from lintkit.claims import extract

    files = {}
    for name, title, text in (("a.md", title_a, a), ("b.md", title_b, b)):
        doc = parse_text(name, f"---\ntitle: {title}\n---\n\n{text}\n")
        files[name] = CorpusFile(name, {}, True, False, {"claims": extract(doc)})
    ctx = CorpusContext(Project(Settings(), HERE), frozenset(con.CODES))
    return [f.message for f in con.contradictions(Corpus(files), ctx)]


@pytest.mark.parametrize(
    ("a", "b", "typ"),
    [
        ("Ringworm is caused by a fungus.", "Ringworm is caused by bacteria.", "cause"),
        (
            "Pain from appendicitis settles in the lower right side of the belly.",
            "Pain from appendicitis settles in the lower left side of the belly.",
            "location",
        ),
        ("Wash the bite with soap and running water.", "Do not wash a bite with water.", "recommendation"),
        ("Take ibuprofen with food.", "Take ibuprofen on an empty stomach.", "recommendation"),
        ("Heat stroke is a medical emergency.", "Heat stroke can usually be treated at home.", "urgency"),
        ("Aspirin does not increase bleeding.", "Aspirin causes a slight increase in bleeding.", "polarity"),
        ("Exercise lowers the risk of heart disease.", "Exercise raises the risk of heart disease.", "antonym"),
        (
            "About 100,000 Americans have sickle cell disease.",
            "About 10,000 Americans have sickle cell disease.",
            "numeric",
        ),
        ("Shingles pain usually lasts 3 to 5 weeks.", "Shingles pain usually lasts 3 to 5 days.", "numeric"),
    ],
)
def test_each_conflict_type_is_named_in_the_message(a: str, b: str, typ: str) -> None:
    # two pages on one topic: a subject such as "ringworm" or "the bite" is then the same thing
    messages = _pair(a, b, "Health topic", "Health topic")
    assert messages, (a, b)
    assert all(f"Conflicting claims ({typ})" in m for m in messages), messages
    assert all("b.md" in m or "a.md" in m for m in messages)


def test_named_subjects_are_compared_across_topics() -> None:
    # "Lyme disease" names a condition; "ringworm" on pages about other things does not
    assert _pair("Lyme disease is caused by bacteria.", "Lyme disease is caused by a virus.", "Ticks", "Rashes")
    assert not _pair("Ringworm is caused by a fungus.", "Ringworm is caused by bacteria.", "Pets", "Rashes")
    assert _pair("Ringworm is caused by a fungus.", "Ringworm is caused by bacteria.", "Ringworm", "Rashes")


@pytest.mark.parametrize(
    ("a", "b", "title_a", "title_b"),
    [
        # generic subjects mean the page's own topic
        ("Most cases are not inherited.", "Most cases are caused by gene mutations.", "Disease A", "Disease B"),
        ("Episodes usually last 12 hours.", "Episodes usually last five minutes.", "Disease A", "Disease B"),
        # "1 in 5 million" is not "1 in 5"
        ("Disease A affects 1 in 5 million people.", "Disease A affects 1 in 5,000,000 people.", "A", "B"),
        # genetic, inherited and autoimmune are compatible
        ("Celiac disease is autoimmune.", "Celiac disease is genetic.", "A", "B"),
        ("Celiac disease is genetic.", "Celiac disease is not inherited.", "A", "B"),
        # a value inside a name, and a comparison
        ("Leukemia is chronic.", "Acute myeloid leukemia is a cancer.", "A", "B"),
        ("Blepharospasm is different from the common eyelid twitch.", "Blepharospasm is rare.", "A", "B"),
        # different instruments, different populations, a condition on one side
        ("Wash the wound with soap.", "Do not wash the wound with hydrogen peroxide.", "A", "B"),
        ("Give ibuprofen for pain.", "Do not give ibuprofen to babies younger than 6 months.", "A", "B"),
        ("Heat exhaustion can be treated at home.", "If it turns into heat stroke, it is an emergency.", "A", "B"),
        # a negated quantity is no denial of the plain claim
        ("Anemia means your blood does not carry enough oxygen.", "Blood carries oxygen.", "A", "B"),
        # ratios and regions
        (
            "Worldwide, tyrosinemia affects about 1 in 100,000 people.",
            "In Quebec, tyrosinemia affects 1 in 16,000 people.",
            "A",
            "B",
        ),
    ],
)
def test_guards_keep_compatible_claims_apart(a: str, b: str, title_a: str, title_b: str) -> None:
    assert _pair(a, b, title_a, title_b) == []


def test_scale_words_belong_to_their_number() -> None:
    from lintkit.claims import extract

    cs = extract(parse_text("a.md", "# X\n\nX affects about 1 in 5 million people.\n"))
    q = [c for c in cs if c.attribute == "q:prevalence"]
    assert q and q[0].low == pytest.approx(2e-7)


def test_conditional_list_items_state_no_claims() -> None:
    from lintkit.claims import extract

    text = (
        "# Sunburn\n\nSunburn usually gets better within a week.\n\n"
        "See a doctor if:\n\n- The sunburn does not get better\n"
    )
    cs = extract(parse_text("a.md", text))
    assert [c.span.line for c in cs] == [3]  # the list item is a condition, not a claim


def test_verb_lemmas_from_the_shipped_table_and_the_rule() -> None:
    from lintkit.claims import verb_lemma, verb_lemma_rule

    assert [verb_lemma(w) for w in ("ran", "caught", "kept", "lying")] == ["run", "catch", "keep", "lie"]
    assert [verb_lemma(w) for w in ("spreads", "carried", "stopped", "causes", "reduced")] == [
        "spread",
        "carry",
        "stop",
        "cause",
        "reduce",
    ]
    # the table holds only the forms the rule gets wrong
    table = (HERE.parent / "rules" / "lemmas.txt").read_text(encoding="utf-8").splitlines()
    pairs = [line.split() for line in table if line and not line.startswith("#")]
    assert len(pairs) > 1000
    assert all(verb_lemma_rule(form) != lemma for form, lemma in pairs)
