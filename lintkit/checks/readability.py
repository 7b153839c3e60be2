"""Readability rules (RDB): reading grade per document and per H2 section,
long sentences, long paragraphs, long lists, medical-term density.

Prose comes from the document model, never from raw Markdown: headings, code,
tables, front matter and link URLs are already gone, each list item is a unit
even without a full stop, and abbreviations or decimals do not split
sentences. Grades (SMOG, Flesch–Kincaid grade, Flesch reading ease) are
textstat's: each sentence unit is counted once with textstat's word lists and
its syllable rule (syllables from the bundled CMU dictionary,
``lintkit.syllables``; no network), and textstat's formulas are applied to
the sums for the page and for each H2 section. The tests prove the numbers
are bit-for-bit what textstat's own functions return for the same sentences
(:func:`grade_text`), which is also how textstat would count exactly the
sentences lintkit found.

Thresholds live in ``rules/readability.yaml`` per front-matter ``audience``,
each with its source; the ``readability`` config section overrides them.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, model_validator

from .. import packs, syllables, terms
from ..findings import Finding, Related, Severity
from ..packs import PackModel
from ..registry import Family, ProcessState, Rule
from ..terms import fold

if TYPE_CHECKING:
    from ..api import DocContext
    from ..config import Project
    from ..document import Document


# ---------------------------------------------------------------------------
# Rules


def _options(patient: str, professional: str, grading: bool = False) -> str:
    """The Options text shared by the RDB rules, with this rule's keys."""
    minimum = (
        "  min_words: 100        # fewer graded words: too short to grade\n  min_sentences: 10\n" if grading else ""
    )
    return (
        "Per front-matter `audience`, from `rules/readability.yaml` (each threshold with its `source`); "
        "a project overrides them in the `readability` config section, e.g.\n\n"
        f"```yaml\nreadability:\n{minimum}  audiences:\n    patient: {{{patient}}}\n"
        f"    professional: {{{professional}}}   # professional pages: no limit unless set\n```"
    )


_GRADE_OPTIONS = _options("grade_warning: 8, grade_error: 10, metric: smog", "grade_warning: 14", grading=True)


# the same page written for a college reader and for a patient (RDB001, RDB002 docs)
_DENSE = (
    "Peripheral neuropathy is a condition that involves damage to the peripheral nervous system. "
    "Affected individuals frequently experience numbness, tingling, or burning sensations in the extremities. "
    "Diabetes mellitus is the most prevalent underlying etiology in industrialized countries. "
    "Additional contributing factors include vitamin deficiencies, excessive alcohol consumption, "
    "and autoimmune disorders. "
    "Certain chemotherapeutic medications can additionally precipitate neuropathic symptoms. "
    "Diagnostic evaluation typically incorporates electromyography and nerve conduction studies. "
    "Laboratory investigations may identify metabolic or nutritional abnormalities. "
    "Management concentrates on addressing the underlying etiology whenever feasible. "
    "Pharmacological interventions, including anticonvulsant medications, may alleviate neuropathic discomfort. "
    "Comprehensive podiatric examination is recommended for individuals with diminished sensation."
)
_PLAIN = (
    "Peripheral neuropathy is damage to the nerves in your arms and legs. "
    "It can make your hands and feet numb. They may tingle, burn or hurt. "
    "Diabetes is the most common cause. Drinking too much alcohol can also cause it. "
    "So can a lack of some vitamins. Some cancer medicines can cause it too. "
    "Your doctor may test how well your nerves work. Blood tests can look for a cause. "
    "Treatment starts with the cause, if one is found. Some medicines can ease the pain. "
    "Check your feet every day if they feel numb, and see a foot doctor once a year."
)

DOC_GRADE = Rule(
    code="RDB001",
    name="document-reading-grade-too-high",
    severity=Severity.WARNING,
    summary=(
        "Grades the prose of the whole page with SMOG (and shows Flesch–Kincaid grade and Flesch "
        "reading ease beside it) and flags a page above the target grade for its audience: a "
        "warning above the target, an error above the error limit. The sections with the highest "
        "grades are listed as related locations. Pages with fewer than the minimum words or "
        "sentences are too short to grade and are not reported (they are not a pass either)."
    ),
    why=(
        "US bodies recommend patient material at or below 6th–8th grade and health-literacy "
        "practice prefers SMOG, which tracks full comprehension and scores higher than "
        "Flesch–Kincaid; a page written above its readers' level is misread or abandoned. Grades "
        "are computed on prose only: headings, tables, code and link URLs are skipped, each list "
        "item counts as its own sentence, and fragments of one or two words are left out."
    ),
    example=_DENSE,
    instead=_PLAIN,
    options=_GRADE_OPTIONS + "\n\n`related_sections` (default 3): how many worst sections to list.",
)

SECTION_GRADE = Rule(
    code="RDB002",
    name="section-reading-grade-too-high",
    severity=Severity.WARNING,
    summary=(
        "Grades each H2 section (with its subsections) like RDB001 and flags the heading of a "
        "section above the target grade for the page's audience. Sections below the minimum "
        "words or sentences are too short to grade."
    ),
    why=(
        "A page can pass on average while one section (often causes or treatment) is far harder "
        "than the rest; readers jump to sections, so each one has to be readable."
    ),
    example="## Causes and treatment\n\n" + _DENSE,
    instead="## Causes and treatment\n\n" + _PLAIN,
    options=_GRADE_OPTIONS,
)

LONG_SENTENCE = Rule(
    code="RDB003",
    name="long-sentence",
    severity=Severity.WARNING,
    summary=(
        "Flags a sentence (or list item) longer than the audience's word limit (patient pages: "
        "20 words, NHS guidance). The finding covers the whole sentence."
    ),
    why="Long sentences are the main driver of reading difficulty; the NHS limits sentences to 20 words.",
    example=(
        "If someone is experiencing persistent or unexplained numbness in the legs, it's important "
        "to seek medical attention promptly for a thorough evaluation of the possible underlying causes."
    ),
    instead="See a doctor if your legs stay numb or you do not know why they are numb.",
    options=_options("sentence_words: 20", "sentence_words: 30"),
)

LONG_PARAGRAPH = Rule(
    code="RDB004",
    name="long-paragraph",
    severity=Severity.WARNING,
    summary=(
        "Flags a paragraph with more sentences than the audience's limit (patient pages: 3, NHS "
        "guidance). The finding starts at the first sentence over the limit — a good place to "
        "split — and runs to the end of the paragraph."
    ),
    why="Short paragraphs are easier to scan on screens; the NHS limits paragraphs to 3 sentences.",
    example="One sentence. Two sentences. Three sentences. Four sentences.",
    instead="One sentence. Two sentences. Three sentences.\n\nFour sentences.",
    options=_options("paragraph_sentences: 3", "paragraph_sentences: 5"),
)

LONG_LIST = Rule(
    code="RDB005",
    name="long-list",
    severity=Severity.WARNING,
    summary=(
        "Flags a bulleted or numbered list with more items than the audience's limit (patient "
        "pages: 7, CDC Clear Communication Index item 8), at the list's first item; the first "
        "item over the limit is a related location. Items of nested lists count for their own list."
    ),
    why=(
        "Long lists are hard to take in; the CDC Clear Communication Index fails a list of more "
        "than 7 items that is not broken into sub-lists."
    ),
    example="- one\n- two\n- three\n- four\n- five\n- six\n- seven\n- eight",
    instead="Nerve problems:\n\n- one\n- two\n- three\n- four\n\nOther causes:\n\n- five\n- six\n- seven\n- eight",
    options=_options("list_items: 7", "list_items: 10"),
)

JARGON_DENSITY = Rule(
    code="RDB006",
    name="jargon-density",
    severity=Severity.INFO,
    summary=(
        "Measures how often the page uses medical terms that have a plain-language alternative (the "
        "terminology pack's `jargon` list: 'chronic', 'abdomen', 'paresthesia' …) and flags a page "
        "above the audience's limit per 100 words of prose, counting every use, explained or not. "
        "Terms in the page title are the topic's name and are not counted. The first use of each "
        "term is a related location. Pages under the limit's minimum words are not measured."
    ),
    why=(
        "PEMAT item 3 and CDC Clear Communication Index item 7 ask for everyday words; a page "
        "that keeps returning to medical terms stays hard even when each is explained once (TRM006 "
        "flags the first unexplained use of each term; this rule looks at the page as a whole)."
    ),
    example=(
        "Chronic pain in the abdomen is common. It can come with nausea and vomiting. "
        "Acute pain in the abdomen that starts suddenly needs a physician the same day. "
        "Chronic pain may need a referral to a specialist. A fever with the pain also needs a physician. "
        "Keep a diary of the pain, the nausea and any vomiting. Write down when the pain starts and stops. "
        "Note what you ate before it started. Bring the diary to your physician. "
        "Ask about a referral if the chronic pain does not get better. "
        "Most pain in the abdomen is not serious, but some is."
    ),
    instead=(
        "Long-term pain in your tummy is common. It can come with feeling sick and being sick. "
        "Sudden, bad pain in your tummy needs a doctor the same day. "
        "Long-term pain may need a visit to a specialist. A high temperature with the pain also needs a doctor. "
        "Keep a diary of the pain and of when you feel or are sick. Write down when the pain starts and stops. "
        "Note what you ate before it started. Bring the diary to your doctor. "
        "Ask to see a specialist if the long-term pain does not get better. "
        "Most tummy pain is not serious, but some is."
    ),
    options=_options("jargon_percent: 2", "jargon_percent: 10")
    + "\n\nThe pack's `jargon_percent.min_words` (default 100) sets the minimum prose to measure. The "
    "limit is an editorial choice: the sources ask for everyday words but give no density.",
)

PASSIVE_VOICE = Rule(
    code="RDB007",
    name="passive-voice",
    severity=Severity.INFO,
    summary=(
        "Counts the sentences in the passive voice (a form of 'be' followed by a past participle, "
        "up to two adverbs between: 'is caused', 'can be treated', 'are not usually given') and flags "
        "a page where their share is above the audience's limit (patient pages: 20%, PEMAT item 5). "
        "The first passive sentences are related locations. Pages with fewer sentences than the "
        "grading minimum are not measured; only English pages are checked. The detection is a "
        "heuristic: participles used as adjectives ('is swollen', 'are worried') are not counted."
    ),
    why=(
        "Active sentences say who does what ('your doctor will check your feet', not 'your feet will "
        "be checked'), which readers follow more easily; PEMAT item 5 rates material as understandable "
        "when it uses the active voice at least 80% of the time."
    ),
    example=(
        "Sciatica is caused by pressure on a nerve. It is usually treated with exercise. "
        "Pain relief is given for the first few days. Heat packs are sometimes used as well. "
        "Most people get better within six weeks. Keep moving as much as you can. "
        "Short walks help the nerve recover. A physiotherapist can show you some stretches. "
        "Surgery is only considered if the pain lasts for months. "
        "Call your doctor if your leg gets weak or numb."
    ),
    instead=(
        "Pressure on a nerve causes sciatica. Exercise usually helps. "
        "Take pain relief for the first few days. Heat packs can help as well. "
        "Most people get better within six weeks. Keep moving as much as you can. "
        "Short walks help the nerve recover. A physiotherapist can show you some stretches. "
        "Doctors only suggest surgery if the pain lasts for months. "
        "Call your doctor if your leg gets weak or numb."
    ),
    options=_options("passive_percent: 20", "passive_percent: 40"),
)

RULES = (DOC_GRADE, SECTION_GRADE, LONG_SENTENCE, LONG_PARAGRAPH, LONG_LIST, PASSIVE_VOICE)

# Used when no readability pack is found at all (a broken install): grades
# are still computed for the report, nothing is flagged.
FALLBACK_MIN_WORDS = 100
FALLBACK_MIN_SENTENCES = 10


# ---------------------------------------------------------------------------
# Pack model (rules/readability.yaml)


class GradeLimit(PackModel):
    metric: Literal["smog", "fkgl"] = "smog"
    warning_above: float = Field(ge=0)
    error_above: float | None = Field(None, ge=0)
    source: str = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> GradeLimit:
        if self.error_above is not None and self.error_above < self.warning_above:
            raise ValueError("error_above must not be lower than warning_above")
        return self


class CountLimit(PackModel):
    max: int = Field(ge=1)
    source: str = Field(min_length=1)


class DensityLimit(PackModel):
    max: float = Field(ge=0)
    min_words: int = Field(100, ge=1)
    source: str = Field(min_length=1)


class PercentLimit(PackModel):
    max: float = Field(ge=0, le=100)
    source: str = Field(min_length=1)


class MinimumText(PackModel):
    min_words: int = Field(ge=1)
    min_sentences: int = Field(ge=1)
    source: str = Field(min_length=1)


class AudienceLimits(PackModel):
    reading_grade: GradeLimit | None = None
    sentence_words: CountLimit | None = None
    paragraph_sentences: CountLimit | None = None
    list_items: CountLimit | None = None
    jargon_percent: DensityLimit | None = None
    passive_percent: PercentLimit | None = None


class ReadabilityPack(PackModel):
    minimum: MinimumText | None = None
    audiences: dict[str, AudienceLimits] = Field(default_factory=dict)


@dataclass(frozen=True)
class Limits:
    """The thresholds that apply to one page (pack values, then config)."""

    audience: str
    min_words: int = FALLBACK_MIN_WORDS
    min_sentences: int = FALLBACK_MIN_SENTENCES
    metric: str = "smog"
    grade_warning: float | None = None
    grade_error: float | None = None
    sentence_words: int | None = None
    paragraph_sentences: int | None = None
    list_items: int | None = None
    jargon_percent: float | None = None
    passive_percent: float | None = None
    jargon_min_words: int = FALLBACK_MIN_WORDS


class _SyllableMemo(ProcessState):
    """The syllable counts remembered next to the result cache
    (``lintkit.syllables``): workers send back the words they counted."""

    def open(self, cache_dir: Any) -> None:
        syllables.use_memo(cache_dir)

    def take(self) -> dict[str, int]:
        return syllables.take_new()

    def merge(self, data: Any) -> None:
        if data:
            syllables.add_new(data)

    def save(self) -> None:
        syllables.save_memo()


FAMILY = Family("readability", packs={"readability": ReadabilityPack}, state=_SyllableMemo())


def limits_for(project: Project, audience: str) -> Limits:
    """Merge every readability pack (defaults first; a later pack replaces an
    entry it names, ``null`` removes it) and then the project's config."""
    audience = audience.strip().lower()
    values: dict[str, Any] = {}
    for pack in packs.load("readability", ReadabilityPack, project):
        if pack.minimum is not None:
            values["min_words"] = pack.minimum.min_words
            values["min_sentences"] = pack.minimum.min_sentences
        entry = next((v for k, v in pack.audiences.items() if k.lower() == audience), None)
        if entry is None:
            continue
        for name in entry.model_fields_set:
            item = getattr(entry, name)
            if name == "reading_grade":
                g: GradeLimit | None = item
                values["metric"] = g.metric if g else "smog"
                values["grade_warning"] = g.warning_above if g else None
                values["grade_error"] = g.error_above if g else None
            elif name == "jargon_percent":
                d: DensityLimit | None = item
                values["jargon_percent"] = d.max if d else None
                if d is not None:
                    values["jargon_min_words"] = d.min_words
            else:
                values[name] = item.max if item is not None else None
    cfg = project.settings.readability
    if cfg.min_words is not None:
        values["min_words"] = cfg.min_words
    if cfg.min_sentences is not None:
        values["min_sentences"] = cfg.min_sentences
    override = next((v for k, v in cfg.audiences.items() if k.lower() == audience), None)
    if override is not None:
        for name, value in override.model_dump(exclude_none=True).items():
            values[name] = value
    return Limits(audience=audience, **values)


# ---------------------------------------------------------------------------
# Prose units and grades

_NOT_WORD = re.compile(r"[^\w\s']")
_TERMINAL = re.compile(r"[.!?]")


def count_words(text: str) -> int:
    """Words as textstat counts them: punctuation removed (so "e.g." and
    "2.5" are one word each, a dash alone is none), then split on spaces."""
    tokens = _NOT_WORD.sub("", text).split()
    if "'" not in text:
        return len(tokens)
    return sum(1 for tok in tokens if tok.strip("'"))


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence or list-item unit of prose, with where it is."""

    index: int  # into doc.sentences
    block: int
    start: int  # source offsets
    end: int
    words: int
    text: str
    h2: int | None  # index into doc.sections of the enclosing H2 section

    @property
    def gradable(self) -> bool:
        # textstat ignores "sentences" of two words or fewer but still counts
        # their words; leaving such fragments ("Fever", "Chest pain") out
        # altogether keeps words-per-sentence honest for bulleted symptom lists.
        return self.words > 2


def h2_of_sections(doc: Document) -> list[int | None]:
    """For each section, the index of its enclosing level-2 section (itself
    for an H2), or None above or outside any H2."""
    out: list[int | None] = []
    for i in range(len(doc.sections)):
        j: int | None = i
        while j is not None and doc.sections[j].level > 2:
            j = doc.sections[j].parent
        out.append(j if j is not None and doc.sections[j].level == 2 else None)
    return out


def prose_units(doc: Document) -> list[Unit]:
    h2 = h2_of_sections(doc)
    units: list[Unit] = []
    for i, s in enumerate(doc.sentences):
        start, end = doc.sentence_range(s)
        si = doc.blocks[s.block].section
        units.append(Unit(i, s.block, start, end, count_words(s.text), s.text, h2[si] if si is not None else None))
    return units


def grade_text(sentences: list[str]) -> str:
    """Text for textstat in which its sentence splitter finds exactly these
    sentences: characters that would end a sentence early ("e.g.", "2.5",
    "a.m.") are dropped and each unit gets one full stop. textstat removes
    that punctuation before counting words and syllables anyway, so word and
    syllable counts are the same as on the original text."""
    return " ".join(_TERMINAL.sub("", s).strip() + "." for s in sentences)


@dataclass(frozen=True)
class Grades:
    words: int
    sentences: int
    smog: float | None = None
    fkgl: float | None = None
    fre: float | None = None

    @property
    def graded(self) -> bool:
        return self.smog is not None

    def value(self, metric: str) -> float | None:
        return self.fkgl if metric == "fkgl" else self.smog


@dataclass(frozen=True, slots=True)
class Counts:
    """What the formulas need, as textstat counts it. Every count is a sum
    over sentence units, so a page's counts are its sections' counts added."""

    sentences: int = 0
    words: int = 0
    syllables: int = 0
    polysyllables: int = 0  # words of three or more syllables

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.sentences + other.sentences,
            self.words + other.words,
            self.syllables + other.syllables,
            self.polysyllables + other.polysyllables,
        )


def unit_counts(sentence: str) -> Counts:
    """textstat's counts for one sentence unit: its words are textstat's
    ``list_words`` of the unit as :func:`grade_text` writes it, and each
    word's syllables are textstat's rule (first CMU pronunciation, else
    Pyphen) from :func:`lintkit.syllables.count`, cached per word."""
    from textstat.backend.selections import list_words

    per_word = [syllables.count(w) for w in list_words(grade_text([sentence]))]
    return Counts(1, len(per_word), sum(per_word), sum(1 for n in per_word if n >= 3))


def formulas(c: Counts) -> tuple[float, float, float]:
    """(SMOG, Flesch–Kincaid grade, Flesch reading ease) from counts, written
    exactly as textstat 0.7 computes them from a text (same operations in the
    same order, same English constants), so the results are bit-for-bit
    textstat's on :func:`grade_text` of the same sentences — the tests check
    this on the sample content and the real corpus. Counting once per
    sentence instead of once per text and section is what makes grading
    cheap; the formulas themselves are research §1.2."""
    from textstat.backend.utils import get_lang_cfg

    words_per_sentence = c.words / c.sentences
    syllables_per_word = c.syllables / c.words
    smog = (1.043 * (30 * (c.polysyllables / c.sentences)) ** 0.5) + 3.1291
    fkgl = (0.39 * words_per_sentence) + (11.8 * syllables_per_word) - 15.59
    fre = (
        get_lang_cfg("en", "fre_base")
        - get_lang_cfg("en", "fre_sentence_length") * words_per_sentence
        - get_lang_cfg("en", "fre_syll_per_word") * syllables_per_word
    )
    return smog, fkgl, fre


def _graded(
    words: int, sentences: int, counts: Callable[[], Counts], minimum: tuple[int, int], english: bool
) -> Grades:
    if not english or words < minimum[0] or sentences < minimum[1] or words == 0:
        return Grades(words, sentences)
    try:
        syllables.textstat_offline()
        smog, fkgl, fre = formulas(counts())
    except (syllables.TextstatUnavailable, ImportError):
        return Grades(words, sentences)
    return Grades(words, sentences, round(smog, 1), round(fkgl, 1), round(fre, 1))


def grade(sentences: list[str], min_words: int, min_sentences: int, *, english: bool = True) -> Grades:
    """SMOG, Flesch–Kincaid grade and Flesch reading ease for these sentence
    units, or only the counts when the text is too short to grade (or not
    English: the formulas and syllable data are English-only)."""

    def total() -> Counts:
        return sum((unit_counts(s) for s in sentences), Counts())

    words = sum(count_words(s) for s in sentences)
    return _graded(words, len(sentences), total, (min_words, min_sentences), english)


@dataclass(frozen=True)
class SectionGrades:
    section: int  # index into doc.sections
    grades: Grades


@dataclass(frozen=True)
class Measured:
    document: Grades
    sections: list[SectionGrades]

    def metrics(self, doc: Document) -> dict[str, Any]:
        d = self.document
        return {
            "words": d.words,
            "sentences": d.sentences,
            "smog": d.smog,
            "fkgl": d.fkgl,
            "fre": d.fre,
            "sections": [
                {
                    "title": doc.sections[s.section].title,
                    "line": doc.sections[s.section].line,
                    "words": s.grades.words,
                    "smog": s.grades.smog,
                    "fkgl": s.grades.fkgl,
                }
                for s in self.sections
            ],
        }


def measure(doc: Document, units: list[Unit], limits: Limits, english: bool = True) -> Measured:
    gradable = [u for u in units if u.gradable]
    minimum = (limits.min_words, limits.min_sentences)
    cache: dict[int, Counts] = {}

    def counted(group: list[Unit]) -> Callable[[], Counts]:
        def total() -> Counts:
            out = Counts()
            for u in group:
                c = cache.get(u.index)
                if c is None:
                    c = cache[u.index] = unit_counts(u.text)
                out = out + c
            return out

        return total

    def graded(group: list[Unit]) -> Grades:
        return _graded(sum(u.words for u in group), len(group), counted(group), minimum, english)

    by_h2: dict[int, list[Unit]] = {i: [] for i, sec in enumerate(doc.sections) if sec.level == 2}
    for u in gradable:
        if u.h2 is not None:
            by_h2[u.h2].append(u)
    return Measured(graded(gradable), [SectionGrades(i, graded(us)) for i, us in by_h2.items()])


# ---------------------------------------------------------------------------
# The check

_METRIC_NAME = {"smog": "SMOG grade", "fkgl": "Flesch–Kincaid grade"}


def _severity(value: float, limits: Limits) -> Severity | None:
    # A configured warning level above the pack's error level means "not
    # before this grade": the error level never undercuts it.
    error = limits.grade_error
    if error is not None and limits.grade_warning is not None:
        error = max(error, limits.grade_warning)
    if error is not None and value > error:
        return Severity.ERROR
    if limits.grade_warning is not None and value > limits.grade_warning:
        return Severity.WARNING
    return None


def _grade_message(g: Grades, value: float, limits: Limits) -> str:
    if limits.grade_warning is None:
        target = f"the {limits.audience} limit of {limits.grade_error:g}"
    else:
        target = f"the {limits.audience} target of {limits.grade_warning:g}"
        if limits.grade_error is not None and limits.grade_error > limits.grade_warning:
            target += f" (above {limits.grade_error:g} is an error)"
    other = f"SMOG {g.smog:.1f}" if limits.metric == "fkgl" else f"Flesch–Kincaid grade {g.fkgl:.1f}"
    return (
        f"{_METRIC_NAME.get(limits.metric, limits.metric)} {value:.1f} is above {target}; "
        f"{other}, Flesch reading ease {g.fre:.1f}; {g.words} words in {g.sentences} sentences"
    )


def _with_severity(f: Finding, sev: Severity) -> Finding:
    return f if f.severity == sev else dataclasses.replace(f, severity=sev)


def _heading_range(doc: Document, section: int) -> tuple[int, int]:
    b = doc.blocks[doc.sections[section].heading]
    return (b.start, b.end) if b.offs else _line_range(doc, b.line)


def _line_range(doc: Document, line: int) -> tuple[int, int]:
    start = doc.index.line_start(line)
    return start, doc.index.line_end(line, doc.text)


def _page_anchor(doc: Document, units: list[Unit]) -> tuple[int, int]:
    """Where a page-level finding goes: the H1, else the front-matter title,
    else the first sentence, else the top of the file."""
    for b in doc.blocks:
        if b.kind == "heading" and b.level == 1 and b.offs:
            return b.start, b.end
    fm = doc.front_matter
    if fm is not None:
        span = fm.value_span("title")
        if span is not None and span[1] > span[0]:
            return span
    if units:
        return units[0].start, units[0].end
    return doc.body_start, doc.body_start


# The two checks below need the same thresholds and units for a document;
# remember the last document's (a strong reference, compared by identity, so
# a recycled id can never match).
def prepared(doc: Document, ctx: DocContext) -> tuple[Limits, list[Unit]]:
    """The page's limits and prose units, once per document (the grade check
    and the jargon-density check share them)."""
    return ctx.memo("readability.prepared", lambda: (limits_for(ctx.project, ctx.audience), prose_units(doc)))


@FAMILY.check(*RULES)
def readability(doc: Document, ctx: DocContext) -> Iterator[Finding]:
    limits, units = prepared(doc, ctx)
    english = ctx.locale.lower().startswith("en")
    measured = measure(doc, units, limits, english)
    ctx.metrics["readability"] = measured.metrics(doc)
    # the HTML report marks grades above the page's target (SMOG only: its
    # chart bars are SMOG when present)
    ctx.metrics["readability"]["target"] = limits.grade_warning if limits.metric == "smog" else None

    if limits.grade_warning is not None or limits.grade_error is not None:
        yield from _grade_findings(doc, ctx, units, measured, limits)
    if ctx.enabled(LONG_SENTENCE.code) and limits.sentence_words is not None:
        yield from _long_sentences(ctx, units, limits.sentence_words)
    if ctx.enabled(LONG_PARAGRAPH.code) and limits.paragraph_sentences is not None:
        yield from _long_paragraphs(doc, ctx, units, limits.paragraph_sentences)
    if ctx.enabled(LONG_LIST.code) and limits.list_items is not None:
        yield from _long_lists(doc, ctx, limits.list_items)
    if ctx.enabled(PASSIVE_VOICE.code) and limits.passive_percent is not None and english:
        yield from _passive_voice(doc, ctx, units, limits)


def _grade_findings(
    doc: Document, ctx: DocContext, units: list[Unit], measured: Measured, limits: Limits
) -> Iterator[Finding]:
    over: list[tuple[float, SectionGrades, Severity]] = []
    for s in measured.sections:
        v = s.grades.value(limits.metric)
        sev = _severity(v, limits) if v is not None else None
        if v is not None and sev is not None:
            over.append((v, s, sev))
    whole = measured.document
    if ctx.enabled(SECTION_GRADE.code):
        for v, s, sev in over:
            if (s.grades.words, s.grades.sentences) == (whole.words, whole.sentences) and ctx.enabled(DOC_GRADE.code):
                continue  # the section is the whole page: RDB001 says it once
            start, end = _heading_range(doc, s.section)
            title = doc.sections[s.section].title
            msg = f"section '{title}': " + _grade_message(s.grades, v, limits)
            yield _with_severity(ctx.report(SECTION_GRADE, start, end, msg), sev)
    g = whole
    v = g.value(limits.metric)
    sev = _severity(v, limits) if v is not None else None
    if v is None or sev is None or not ctx.enabled(DOC_GRADE.code):
        return
    worst = sorted(over, key=lambda t: (-t[0], t[1].section))[: ctx.settings.readability.related_sections]
    related: list[Related] = []
    for sv, s, _ in worst:
        start, end = _heading_range(doc, s.section)
        name = _METRIC_NAME.get(limits.metric, limits.metric)
        related.append(ctx.related(start, end, f"section '{doc.sections[s.section].title}': {name} {sv:.1f}"))
    start, end = _page_anchor(doc, units)
    yield _with_severity(ctx.report(DOC_GRADE, start, end, _grade_message(g, v, limits), related=related), sev)


def _long_sentences(ctx: DocContext, units: list[Unit], limit: int) -> Iterator[Finding]:
    for u in units:
        if u.words > limit:
            yield ctx.report(
                LONG_SENTENCE,
                u.start,
                u.end,
                f"sentence has {u.words} words ({ctx.audience} pages: {limit} or fewer); split it or cut words",
            )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _long_paragraphs(doc: Document, ctx: DocContext, units: list[Unit], limit: int) -> Iterator[Finding]:
    by_block: dict[int, list[Unit]] = {}
    for u in units:
        if doc.blocks[u.block].kind == "paragraph":
            by_block.setdefault(u.block, []).append(u)
    for sents in by_block.values():
        if len(sents) > limit:
            yield ctx.report(
                LONG_PARAGRAPH,
                sents[limit].start,
                sents[-1].end,
                f"paragraph has {len(sents)} sentences ({ctx.audience} pages: {limit} or fewer); "
                f"start a new paragraph after the {_ordinal(limit)} sentence",
            )


def _long_lists(doc: Document, ctx: DocContext, limit: int) -> Iterator[Finding]:
    # first prose block of each item, per list, in document order
    lists: dict[int, dict[int, int]] = {}
    for i, b in enumerate(doc.blocks):
        if b.kind == "list_item" and b.list_id is not None and b.item_id is not None and b.offs:
            lists.setdefault(b.list_id, {}).setdefault(b.item_id, i)
    for items in lists.values():
        if len(items) <= limit:
            continue
        firsts = list(items.values())
        first = doc.blocks[firsts[0]]
        start = first.start
        end = min(first.end, doc.index.line_end(doc.index.position(start)[0], doc.text))
        extra = doc.blocks[firsts[limit]]
        rel_end = min(extra.end, doc.index.line_end(doc.index.position(extra.start)[0], doc.text))
        yield ctx.report(
            LONG_LIST,
            start,
            end,
            f"list has {len(items)} items ({ctx.audience} pages: {limit} or fewer); "
            "split it into shorter lists or group the items into sub-lists",
            related=[ctx.related(extra.start, rel_end, f"item {limit + 1} of {len(items)}")],
        )


# ---------------------------------------------------------------------------
# RDB006: a separate check, so that a broken terminology pack cannot take the
# grades (and the report's metrics) down with it.


@FAMILY.check(JARGON_DENSITY)
def jargon_density(doc: Document, ctx: DocContext) -> Iterator[Finding]:
    limits, units = prepared(doc, ctx)
    if limits.jargon_percent is None:
        return
    words = sum(u.words for u in units)
    if words < limits.jargon_min_words:
        return
    idx = terms.term_index(ctx.project)
    maybe = idx.jargon_prefilter
    if maybe is None:
        return
    locale = ctx.locale.lower()
    title_terms = {m.concept_id for m in idx.find(doc.title) if m.kind == "jargon"}
    uses: dict[str, list[tuple[int, int]]] = {}
    for _, b in doc.prose_blocks():
        if not maybe.search(fold(b.text)):
            continue
        for m in terms.jargon_mentions(idx, b.text):
            if m.concept_id in title_terms:
                continue
            entry = idx.jargon.get(m.concept_id)
            if entry is None or (entry.locales and not any(locale.startswith(x.lower()) for x in entry.locales)):
                continue
            uses.setdefault(m.concept_id, []).append(b.source_range(m.start, m.end))
    count = sum(len(v) for v in uses.values())
    density = count * 100 / words
    if round(density, 1) <= limits.jargon_percent:
        return
    ranked = sorted(uses.items(), key=lambda kv: (-len(kv[1]), kv[1][0]))
    listing = ", ".join(f"'{term}' ×{len(spans)}" for term, spans in ranked[:5])
    related = []
    for term, spans in ranked[:5]:
        plain = " or ".join(f"'{p}'" for p in idx.jargon[term].plain)
        related.append(ctx.related(*spans[0], f"'{term}' ({len(spans)} uses): plain: {plain}"))
    start, end = _page_anchor(doc, units)
    yield ctx.report(
        JARGON_DENSITY,
        start,
        end,
        f"medical terms with plain alternatives make up {density:.1f} per 100 words ({count} uses in "
        f"{words} words: {listing}); {ctx.audience} pages: {limits.jargon_percent:g} or fewer — use the "
        "plain words",
        related=related,
    )


# ---------------------------------------------------------------------------
# RDB007: passive voice (English)

_BE = frozenset("am is are was were be been being".split())
_ADVERBS = frozenset(
    "not also often usually sometimes always never rarely still then now just only commonly generally "
    "typically frequently mainly mostly first later easily".split()
)
# irregular past participles common in health writing ("is given", "are seen")
_IRREGULAR = frozenset(
    """known given taken seen made done found shown written held kept told thought brought built sent
    spent put set cut hurt led left lost meant paid said sold understood worn drawn driven eaten fallen
    forgotten frozen grown hidden broken chosen spoken stolen bitten beaten begun bound caught dealt fed
    felt fought gotten hung heard laid lent lit ridden risen shaken shot shut spread struck sworn taught
    thrown torn undergone withdrawn overcome sought bred""".split()
)
# -ed words that after "be" describe a state, not an action done to someone,
# or are not participles at all; and "born", which has no active form
_NOT_PASSIVE = frozenset(
    """tired worried concerned interested scared frightened confused excited pleased surprised embarrassed
    ashamed bored annoyed depressed stressed relaxed married divorced qualified experienced advanced
    complicated detailed sophisticated supposed aged skilled talented crowded dehydrated bloated swollen
    inflamed enlarged naked wicked sacred rugged beloved hundred need speed bleed feed seed shed breed tied
    born""".split()
)
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_ANY_BE = re.compile(r"\b(?:am|is|are|was|were|be|been|being)\b", re.I)


def _participle(word: str) -> bool:
    if word in _NOT_PASSIVE:
        return False
    return word in _IRREGULAR or (word.endswith("ed") and len(word) >= 5)


def passive_span(text: str) -> tuple[int, int] | None:
    """Where ``text`` has a passive construction — a form of "be", up to two
    adverbs, then a past participle ("is not usually treated") — as indices
    into ``text``, or None."""
    if not _ANY_BE.search(text):
        return None
    toks = list(_TOKEN.finditer(text))
    low = [t.group(0).lower() for t in toks]
    for i, w in enumerate(low):
        if w not in _BE:
            continue
        j = i + 1
        while j < len(low) and j <= i + 2 and (low[j] in _ADVERBS or (low[j].endswith("ly") and len(low[j]) > 4)):
            j += 1
        if j < len(low) and _participle(low[j]):
            return toks[i].start(), toks[j].end()
    return None


def _passive_voice(doc: Document, ctx: DocContext, units: list[Unit], limits: Limits) -> Iterator[Finding]:
    gradable = [u for u in units if u.gradable]
    if len(gradable) < limits.min_sentences or limits.passive_percent is None:
        return
    hits: list[tuple[Unit, tuple[int, int]]] = []
    for u in gradable:
        span = passive_span(u.text)
        if span is not None:
            hits.append((u, span))
    share = len(hits) * 100 / len(gradable)
    if round(share) <= limits.passive_percent:
        return
    related = []
    for u, (i, j) in hits[:5]:
        b = doc.blocks[u.block]
        sent = doc.sentences[u.index]
        start, end = b.source_range(sent.start + i, sent.start + j)
        related.append(ctx.related(start, end, f"passive: '{u.text[i:j]}'"))
    start, end = _page_anchor(doc, units)
    yield ctx.report(
        PASSIVE_VOICE,
        start,
        end,
        f"{len(hits)} of {len(gradable)} sentences ({share:.0f}%) are in the passive voice; "
        f"{ctx.audience} pages: {limits.passive_percent:g}% or fewer — say who does what "
        "('your doctor will check your feet', not 'your feet will be checked')",
        related=related,
    )
