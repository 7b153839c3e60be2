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
import statistics
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


_GRADE_OPTIONS = _options(
    "grade_warning: 8, grade_margin: 1.5, grade_error: 10, grade_other_above: 9.5, metric: smog",
    "grade_warning: 14",
    grading=True,
)


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
        "warning when the grade is above the target by more than the formula's margin of error "
        "(patient pages: target 8, margin 1.5, SMOG's standard error), an error above the error "
        "limit (10); for either, the other formula must agree (patient pages: Flesch–Kincaid above 9.5, "
        "the CDC's 8th grade plus the same margin), since a few long words lift SMOG on short plain "
        "pages. Grades count what a reader reads: pronunciation guides in brackets ('(brong-ke-EK-ta-sis)') "
        "are not words, and the page's own name (the words of its title) counts as a familiar word, as "
        "Gunning's Fog index leaves familiar jargon out of its hard words. Sentences "
        "that RDB003 reports as too long are left out of the grade, so one defect gives one finding. "
        "The sections with the highest grades are listed as related locations. Pages with fewer "
        "than the minimum words are too short to grade; pages with fewer than the minimum "
        "sentences are reported only above the error limit (a grade from a few sentences is "
        "unreliable). Neither is a pass."
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
        "section above the target grade for the page's audience that is also harder than the rest of "
        "its page by more than the formula's margin of error for a sample of its size (1.5 grades at "
        "30 sentences, more for fewer), on a page that RDB001 does not flag as a whole (there the "
        "hardest sections are its related locations). A section is compared with its page only "
        "from 300 words (the UNMH handout's sample size; `section_min_words`): the grade of a few "
        "sentences is unreliable, and their overlong sentences are reported by RDB003. With RDB001 "
        "turned off, every section above the target is reported."
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
        "25 words, GOV.UK's limit; the NHS asks for sentences of up to 20 words, and CHCS for an "
        "average of 15-20, so single sentences of 21-25 words pass). The finding covers the whole "
        "sentence."
    ),
    why=(
        "Long sentences are the main driver of reading difficulty; sentences above 25 words are "
        "hard for many readers and above 40 words hard for almost everyone (Readability Guidelines, "
        "after the Oxford Guide to Plain English and GOV.UK)."
    ),
    example=(
        "If someone is experiencing persistent or unexplained numbness in the legs, it's important "
        "to seek medical attention promptly for a thorough evaluation of the possible underlying causes."
    ),
    instead="See a doctor if your legs stay numb or you do not know why they are numb.",
    options=_options("sentence_words: 25", "sentence_words: 30"),
)

LONG_PARAGRAPH = Rule(
    code="RDB004",
    name="long-paragraph",
    severity=Severity.WARNING,
    summary=(
        "Flags a paragraph with more sentences than the audience's limit (patient pages: 3, NHS "
        "guidance) that also has more words than the word limit (patient pages: 100, HHS's ideal of five "
        "sentences of up to 20 words): four to six short sentences on one topic pass. The finding starts at "
        "the first "
        "sentence over the limit — a good place to split — and runs to the end of the paragraph."
    ),
    why="Short paragraphs are easier to scan on screens; the NHS limits paragraphs to 3 sentences.",
    example=(
        "Sciatica is pain that runs from your lower back down the back of one leg. It happens when something "
        "presses on or irritates the sciatic nerve, the longest nerve in the body. A slipped disc is the most "
        "common cause, but a narrowing of the spine can cause it too. Most people get better within four to six "
        "weeks without any treatment, and only a few ever need surgery. Staying active, with short walks every "
        "day, helps the nerve recover much faster than bed rest does, and painkillers from a pharmacy can make "
        "moving around a lot easier in the first few days."
    ),
    instead=(
        "Sciatica is pain that runs from your lower back down the back of one leg. It happens when something "
        "presses on or irritates the sciatic nerve, the longest nerve in the body. A slipped disc is the most "
        "common cause, but a narrowing of the spine can cause it too.\n\nMost people get better within four to "
        "six weeks without any treatment, and only a few ever need surgery. Staying active, with short walks "
        "every day, helps the nerve recover much faster than bed rest does, and painkillers from a pharmacy can "
        "make moving around a lot easier in the first few days."
    ),
    options=_options("paragraph_sentences: 3, paragraph_words: 100", "paragraph_sentences: 5"),
)

LONG_LIST = Rule(
    code="RDB005",
    name="long-list",
    severity=Severity.WARNING,
    summary=(
        "Flags a bulleted or numbered list with more items than the audience's limit (patient "
        "pages: 10; the CDC Clear Communication Index item 8 asks for at most 7, Miller's 'seven, "
        "plus or minus two' ends at 9, and editors rate a 10-item list of short symptoms as fine), "
        "at the list's first item; the first item over the limit is a related location. A list led "
        "in as links to other resources ('These resources address …:', 'For more information:') "
        "is scanned for one title rather than read, and has a limit of its own (patient pages: 20); so is "
        "a checklist of short items (median item of 3 words or fewer, such as symptoms: 15). "
        "Items of nested lists count for their own list; an item ending in a colon leads in the "
        "items after it, as a heading would."
    ),
    why=(
        "Long lists are hard to take in; the CDC Clear Communication Index fails a list of more "
        "than 7 items that is not broken into sub-lists."
    ),
    example=(
        "Causes include:\n\n- pressure on a nerve in the back\n- a slipped disc in the spine\n"
        "- narrowing of the spinal canal\n- damage to nerves from diabetes\n- a lack of vitamin B12\n"
        "- drinking too much alcohol\n- a trapped nerve in the knee\n- some cancer medicines\n"
        "- an underactive thyroid gland\n- poor blood flow to the legs\n- multiple sclerosis affecting the nerves"
    ),
    instead=(
        "Nerve problems:\n\n- pressure on a nerve in the back\n- a slipped disc in the spine\n"
        "- narrowing of the spinal canal\n- damage to nerves from diabetes\n"
        "- multiple sclerosis affecting the nerves\n\n"
        "Other causes:\n\n- a lack of vitamin B12\n- drinking too much alcohol\n- a trapped nerve in the knee\n"
        "- some cancer medicines\n- an underactive thyroid gland\n- poor blood flow to the legs"
    ),
    options=_options("list_items: 10, resource_list_items: 20, short_list_items: 15", "list_items: 10")
    + "\n\nThe pack's `resource_list_items.lead_in` lists the words of a lead-in that introduces a list of "
    "resources (resources, more information, learn more, see also, websites, organizations …).",
)

JARGON_DENSITY = Rule(
    code="RDB006",
    name="jargon-density",
    severity=Severity.INFO,
    summary=(
        "Measures how often the page uses medical terms that have a plain-language alternative (the "
        "terminology pack's `jargon` list, the levels in `terminology.jargon_levels`: by default technical "
        "terms such as 'paresthesia', 'analgesic', 'central nervous system') and flags a page "
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
        "Paresthesia in the feet is common in diabetes. It can feel like burning or tingling. Idiopathic "
        "paresthesia has no known cause. Analgesics do not help much with it. Your doctor may check your "
        "central nervous system with a few simple tests. Keep your feet warm and dry, and check them every day "
        "for cuts and sores. Wear shoes that fit well. See a doctor if the feeling spreads or if you also feel "
        "weak. Get help right away if the numbness starts suddenly on one side of the body. Paresthesia that comes and "
        "goes is less worrying than numbness that stays."
    ),
    instead=(
        "Pins and needles in the feet is common in diabetes. It can feel like burning or tingling. Sometimes "
        "it has no known cause. Painkillers do not help much with it. Your doctor may check your brain and "
        "spinal cord with a few simple tests. Keep your feet warm and dry, and check them every day for cuts "
        "and sores. Wear shoes that fit well. See a doctor if the feeling spreads or if you also feel weak. "
        "Get help right away if the numbness starts suddenly on one side of the body. Pins and needles that "
        "come and go are less worrying than numbness that stays."
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
        "a page that gives instructions where their share is above the audience's limit (patient "
        "pages: 20%, PEMAT item 5). By default a page is measured when it has an instruction in the passive "
        "('should be tested', 'must be used': who is to act is hidden; these are listed first); reference "
        "descriptions, where the passive is natural ('is caused by', 'has been reported'), are not "
        "measured unless `passive_scope: all`, even on a page whose instructions are active. "
        "The first passive sentences are related locations. Pages with fewer sentences than the "
        "grading minimum are not measured; only English pages are checked. The detection is a "
        "heuristic: participles used as adjectives ('is swollen', 'are worried', 'are unaffected', "
        "'be nearsighted') are not counted, and a page is reported only when it stays above the limit "
        "with one passive sentence fewer, so that one misreading never decides the finding."
    ),
    why=(
        "Active sentences say who does what ('your doctor will check your feet', not 'your feet will "
        "be checked'), which readers follow more easily; PEMAT item 5 rates material as understandable "
        "when it uses the active voice at least 80% of the time."
    ),
    example=(
        "Sciatica is caused by pressure on a nerve. It is usually treated with exercise. "
        "Pain relief should be taken for the first few days. Heat packs are sometimes used as well. "
        "Most people get better within six weeks. Keep moving as much as you can. "
        "Short walks help the nerve recover. A physiotherapist can show you some stretches. "
        "Surgery is only offered if the pain lasts for months. "
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
    options=_options("passive_percent: 20, passive_scope: instructions", "passive_percent: 40"),
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
    margin: float = Field(0, ge=0, description="a grade is reported only this far above warning_above")
    other_above: float | None = Field(
        None, ge=0, description="the other formula (FKGL for SMOG, SMOG for FKGL) must be above this too"
    )
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


class ResourceListLimit(PackModel):
    max: int = Field(ge=1)
    lead_in: list[str] = Field(min_length=1, description="words of a lead-in that introduces links to other resources")
    source: str = Field(min_length=1)


class ShortListLimit(PackModel):
    max: int = Field(ge=1)
    item_words: int = Field(
        ge=1, description="a list is short-itemed when its median item has this many words or fewer"
    )
    source: str = Field(min_length=1)


class DensityLimit(PackModel):
    max: float = Field(ge=0)
    min_words: int = Field(100, ge=1)
    source: str = Field(min_length=1)


class PercentLimit(PackModel):
    max: float = Field(ge=0, le=100)
    source: str = Field(min_length=1)


class PassiveLimit(PercentLimit):
    scope: Literal["instructions", "all"] = Field(
        "instructions",
        description="which pages are measured: those with an instruction in the passive, or all",
    )


class MinimumText(PackModel):
    min_words: int = Field(ge=1)
    min_sentences: int = Field(ge=1)
    section_min_words: int | None = Field(None, ge=1, description="an H2 section needs this many words to be graded")
    source: str = Field(min_length=1)


class AudienceLimits(PackModel):
    reading_grade: GradeLimit | None = None
    sentence_words: CountLimit | None = None
    paragraph_sentences: CountLimit | None = None
    paragraph_words: CountLimit | None = None
    list_items: CountLimit | None = None
    resource_list_items: ResourceListLimit | None = None
    short_list_items: ShortListLimit | None = None
    jargon_percent: DensityLimit | None = None
    passive_percent: PassiveLimit | None = None


class FamiliarWords(PackModel):
    topic_name: bool = True
    source: str = Field(min_length=1)


class ReadabilityPack(PackModel):
    minimum: MinimumText | None = None
    familiar_words: FamiliarWords | None = None
    audiences: dict[str, AudienceLimits] = Field(default_factory=dict)


@dataclass(frozen=True)
class Limits:
    """The thresholds that apply to one page (pack values, then config)."""

    audience: str
    min_words: int = FALLBACK_MIN_WORDS
    min_sentences: int = FALLBACK_MIN_SENTENCES
    section_min_words: int | None = None
    metric: str = "smog"
    grade_warning: float | None = None
    grade_error: float | None = None
    grade_margin: float = 0
    grade_other_above: float | None = None
    sentence_words: int | None = None
    paragraph_sentences: int | None = None
    paragraph_words: int | None = None
    list_items: int | None = None
    resource_list_items: int | None = None
    short_list_items: int | None = None
    short_item_words: int = 0
    resource_lead_in: tuple[str, ...] = ()
    jargon_percent: float | None = None
    passive_percent: float | None = None
    passive_scope: str = "instructions"
    jargon_min_words: int = FALLBACK_MIN_WORDS
    topic_familiar: bool = False


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
            values["section_min_words"] = pack.minimum.section_min_words
        if "familiar_words" in pack.model_fields_set:
            fw = pack.familiar_words
            values["topic_familiar"] = fw is not None and fw.topic_name
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
                values["grade_margin"] = g.margin if g else 0
                values["grade_other_above"] = g.other_above if g else None
            elif name == "resource_list_items":
                r: ResourceListLimit | None = item
                values["resource_list_items"] = r.max if r else None
                values["resource_lead_in"] = tuple(r.lead_in) if r else ()
            elif name == "short_list_items":
                sl: ShortListLimit | None = item
                values["short_list_items"] = sl.max if sl else None
                values["short_item_words"] = sl.item_words if sl else 0
            elif name == "passive_percent":
                pv: PassiveLimit | None = item
                values["passive_percent"] = pv.max if pv else None
                if pv is not None:
                    values["passive_scope"] = pv.scope
            elif name == "jargon_percent":
                d: DensityLimit | None = item
                values["jargon_percent"] = d.max if d else None
                if d is not None:
                    values["jargon_min_words"] = d.min_words
            else:
                values[name] = item.max if item is not None else None
    cfg = project.settings.readability
    if cfg.section_min_words is not None:
        values["section_min_words"] = cfg.section_min_words
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
    # fewer sentences than the grading minimum: the grade of a small sample
    # is unreliable (research §1.2-1.3), so it is reported only above the
    # error level and the report shows none
    short: bool = False
    # what the formulas were computed from (None when not graded): the grade
    # of the rest of a page is the page's counts less a section's
    counts: Counts | None = dataclasses.field(default=None, compare=False, repr=False)

    @property
    def graded(self) -> bool:
        return self.smog is not None and not self.short

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

    def __sub__(self, other: Counts) -> Counts:
        return Counts(
            self.sentences - other.sentences,
            self.words - other.words,
            self.syllables - other.syllables,
            self.polysyllables - other.polysyllables,
        )


def unit_counts(sentence: str) -> Counts:
    """textstat's counts for one sentence unit: its words are textstat's
    ``list_words`` of the unit as :func:`grade_text` writes it, and each
    word's syllables are textstat's rule (first CMU pronunciation, else
    Pyphen) from :func:`lintkit.syllables.count`, cached per word."""
    from textstat.backend.selections import list_words

    per_word = [syllables.count(w) for w in list_words(grade_text([sentence]))]
    return Counts(1, len(per_word), sum(per_word), sum(1 for n in per_word if n >= 3))


# A pronunciation guide in brackets, "(brong-ke-EK-ta-sis)",
# "(ath-er-o-skler-O-sis)": hyphen-joined syllables, the stressed ones in
# capitals. The reader does not read it as a word, but a formula counts it as
# one word of many syllables.
_BRACKETED_SYLLABLES = re.compile(r"\(\s*([A-Za-z]+(?:-[A-Za-z]+){2,}(?:\s+[A-Za-z]+(?:-[A-Za-z]+)+)*)\s*\)")


def _pronunciation_guide(inner: str) -> bool:
    pieces = re.split(r"[-\s]+", inner)
    # syllables are short; a capital stressed one ("KAR", "O" mid-word)
    return (
        all(len(p) <= 6 for p in pieces)
        and any(p.isupper() and (len(p) > 1 or i > 0) for i, p in enumerate(pieces))
        and any(p.islower() for p in pieces)
    )


_TITLE_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def without_pronunciations(text: str) -> str:
    """The sentence as read: pronunciation guides in brackets left out."""
    if "-" not in text or "(" not in text:
        return text
    return _BRACKETED_SYLLABLES.sub(lambda m: " " if _pronunciation_guide(m.group(1)) else m.group(0), text)


def topic_words(title: str) -> frozenset[str]:
    """The words of the page's name (its title), lower case: a page about
    bronchiectasis cannot avoid the word, and a formula would count it as a
    hard word at every use (see the `topic_words` source in
    rules/readability.yaml)."""
    return frozenset(w.lower() for w in _TITLE_WORD.findall(title) if len(w) > 3)


def reader_counts(sentence: str, familiar: frozenset[str] = frozenset()) -> Counts:
    """:func:`unit_counts` of the sentence as a reader meets it: without
    pronunciation guides, and with the words in ``familiar`` (the page's
    topic name) counted as words of one syllable, as Gunning's Fog index
    leaves familiar jargon out of its hard words."""
    text = without_pronunciations(sentence)
    if not familiar:
        return unit_counts(text)
    from textstat.backend.selections import list_words

    # a familiar word counts as one syllable only where the formulas would
    # count it as a hard word (three or more)
    per_word = [syllables.count(w) for w in list_words(grade_text([text]))]
    per_word = [
        1 if n >= 3 and w.lower() in familiar else n
        for w, n in zip(list_words(grade_text([text])), per_word, strict=True)
    ]
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
    if not english or words < minimum[0] or words == 0 or sentences == 0:
        return Grades(words, sentences)
    try:
        syllables.textstat_offline()
        c = counts()
        smog, fkgl, fre = formulas(c)
    except (syllables.TextstatUnavailable, ImportError):
        return Grades(words, sentences)
    return Grades(
        words, sentences, round(smog, 1), round(fkgl, 1), round(fre, 1), short=sentences < minimum[1], counts=c
    )


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
            "smog": d.smog if d.graded else None,
            "fkgl": d.fkgl if d.graded else None,
            "fre": d.fre if d.graded else None,
            "sections": [
                {
                    "title": doc.sections[s.section].title,
                    "line": doc.sections[s.section].line,
                    "words": s.grades.words,
                    "smog": s.grades.smog if s.grades.graded else None,
                    "fkgl": s.grades.fkgl if s.grades.graded else None,
                }
                for s in self.sections
            ],
        }


def measure(
    doc: Document,
    units: list[Unit],
    limits: Limits,
    english: bool = True,
    *,
    leave_out: frozenset[int] = frozenset(),
    cache: dict[int, Counts] | None = None,
    familiar: frozenset[str] = frozenset(),
) -> Measured:
    """Grades of the page and of each H2 section, on the gradable units not
    in ``leave_out`` (indices into doc.sentences), counted as a reader meets
    them (:func:`reader_counts`; ``familiar``: the topic's words). ``cache``
    keeps each unit's counts across calls on the same units."""
    gradable = [u for u in units if u.gradable and u.index not in leave_out]
    minimum = (limits.min_words, limits.min_sentences)
    counts_of: dict[int, Counts] = {} if cache is None else cache

    def counted(group: list[Unit]) -> Callable[[], Counts]:
        def total() -> Counts:
            out = Counts()
            for u in group:
                c = counts_of.get(u.index)
                if c is None:
                    c = counts_of[u.index] = reader_counts(u.text, familiar)
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


def _severity(g: Grades, limits: Limits) -> Severity | None:
    """The band ``g`` falls in, or None: a warning only beyond the target
    plus its margin (the formula's error), an error above the error level;
    a grade of too few sentences counts only in the error band."""
    value = g.value(limits.metric)
    if value is None:
        return None
    other = g.fkgl if limits.metric == "smog" else g.smog
    if limits.grade_other_above is not None and other is not None and other <= limits.grade_other_above:
        return None  # the formulas disagree: one formula's outlier is not a finding
    # A configured warning level above the pack's error level means "not
    # before this grade": the error level never undercuts it.
    error = limits.grade_error
    if error is not None and limits.grade_warning is not None:
        error = max(error, limits.grade_warning)
    if error is not None and value > error:
        return Severity.ERROR
    if g.short:
        return None
    if limits.grade_warning is not None and value > limits.grade_warning + limits.grade_margin:
        return Severity.WARNING
    return None


def _grade_message(g: Grades, value: float, limits: Limits, note: str = "") -> str:
    name = _METRIC_NAME.get(limits.metric, limits.metric)
    error, warning, aud = limits.grade_error, limits.grade_warning, limits.audience
    if warning is None:
        target = f"above the {aud} limit of {error:g}"
    elif error is not None and value > max(error, warning):
        target = f"above the {aud} error level of {max(error, warning):g} (target: {warning:g})"
    elif limits.grade_margin:
        margin = f"more than {limits.grade_margin:g} (the formula's margin of error)"
        target = f"{margin} above the {aud} target of {warning:g}"
    else:
        target = f"above the {aud} target of {warning:g}"
    other = f"SMOG {g.smog:.1f}" if limits.metric == "fkgl" else f"Flesch–Kincaid grade {g.fkgl:.1f}"
    few = "; too few for a reliable grade, but above the error level" if g.short else ""
    return (
        f"{name} {value:.1f} is {target} ({other}, Flesch reading ease {g.fre:.1f}; "
        f"{g.words} words in {g.sentences} sentences{few}{note})"
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
    cache: dict[int, Counts] = {}
    familiar = topic_words(doc.title) if limits.topic_familiar else frozenset()
    measured = measure(doc, units, limits, english, cache=cache, familiar=familiar)
    ctx.metrics["readability"] = measured.metrics(doc)
    # the HTML report marks grades above the page's target (SMOG only: its
    # chart bars are SMOG when present)
    ctx.metrics["readability"]["target"] = limits.grade_warning if limits.metric == "smog" else None

    long_units = (
        frozenset(u.index for u in units if u.words > limits.sentence_words)
        if ctx.enabled(LONG_SENTENCE.code) and limits.sentence_words is not None
        else frozenset()
    )
    if limits.grade_warning is not None or limits.grade_error is not None:
        # One defect, one finding: sentences RDB003 reports as too long are
        # left out of the grades, so a plain page with one overlong sentence
        # (or a dense passage made of them) is not also reported as hard.
        judged = (
            measure(doc, units, limits, english, leave_out=long_units, cache=cache, familiar=familiar)
            if long_units
            else measured
        )
        yield from _grade_findings(doc, ctx, units, judged, limits, long_units)
    if ctx.enabled(LONG_SENTENCE.code) and limits.sentence_words is not None:
        yield from _long_sentences(ctx, units, limits.sentence_words)
    if ctx.enabled(LONG_PARAGRAPH.code) and limits.paragraph_sentences is not None:
        yield from _long_paragraphs(doc, ctx, units, limits)
    if ctx.enabled(LONG_LIST.code) and limits.list_items is not None:
        yield from _long_lists(doc, ctx, limits)
    if ctx.enabled(PASSIVE_VOICE.code) and limits.passive_percent is not None and english:
        yield from _passive_voice(doc, ctx, units, limits)


def _grade_findings(
    doc: Document, ctx: DocContext, units: list[Unit], measured: Measured, limits: Limits, left_out: frozenset[int]
) -> Iterator[Finding]:
    """RDB001 for a page that is hard as a whole, with its hardest sections
    as related locations; else RDB002 for each section that is hard on its
    own (a page can pass on average while one section does not). A section is
    reported only when it is long enough to grade reliably."""

    def note(n: int) -> str:
        if not n:
            return ""
        return (
            f"; {n} sentence{'s' if n != 1 else ''} over {limits.sentence_words} words left out: "
            f"RDB003 reports {'them' if n != 1 else 'it'}"
        )

    g = measured.document
    over: list[tuple[float, SectionGrades, Severity]] = []
    for s in measured.sections:
        sev = _severity(s.grades, limits) if not s.grades.short else None
        v = s.grades.value(limits.metric)
        if v is not None and sev is not None:
            over.append((v, s, sev))
    # RDB002 is for a section that is harder than the page around it; one
    # that is as hard as the rest is the page's level (RDB001's to judge).
    # With RDB001 off, every hard section is reported.
    page_rule = ctx.enabled(DOC_GRADE.code)
    outliers = [(v, s, sev) for v, s, sev in over if not page_rule or _stands_out(v, s.grades, g, limits)]
    page_sev = _severity(g, limits)
    v = g.value(limits.metric)
    if v is not None and page_sev is not None and ctx.enabled(DOC_GRADE.code):
        worst = sorted(over, key=lambda t: (-t[0], t[1].section))[: ctx.settings.readability.related_sections]
        related: list[Related] = []
        for sv, s, _ in worst:
            start, end = _heading_range(doc, s.section)
            name = _METRIC_NAME.get(limits.metric, limits.metric)
            related.append(ctx.related(start, end, f"section '{doc.sections[s.section].title}': {name} {sv:.1f}"))
        start, end = _page_anchor(doc, units)
        msg = _grade_message(g, v, limits, note(len(left_out)))
        yield _with_severity(ctx.report(DOC_GRADE, start, end, msg, related=related), page_sev)
        return
    if not ctx.enabled(SECTION_GRADE.code):
        return
    for sv, s, sev in outliers:
        start, end = _heading_range(doc, s.section)
        title = doc.sections[s.section].title
        n = sum(1 for u in units if u.index in left_out and u.h2 == s.section)
        rest = _rest_value(s.grades, g, limits)
        other = f"; the rest of the page: {rest:.1f}" if rest is not None else ""
        msg = f"section '{title}': " + _grade_message(s.grades, sv, limits, note(n) + other)
        yield _with_severity(ctx.report(SECTION_GRADE, start, end, msg), sev)


def _rest_value(section: Grades, page: Grades, limits: Limits) -> float | None:
    """The grade of the page without this section, or None when the rest is
    too short to grade."""
    if section.counts is None or page.counts is None:
        return None
    rest = page.counts - section.counts
    if rest.sentences < limits.min_sentences or rest.words < limits.min_words:
        return None
    smog, fkgl, _ = formulas(rest)
    return round(fkgl if limits.metric == "fkgl" else smog, 1)


# SMOG's standard error (the pack's margin) was measured on samples of 30
# sentences (McLaughlin 1969; research §1.2); the sampling error of a mean
# over n sentences grows as 1/sqrt(n).
SMOG_SAMPLE = 30


def _stands_out(value: float, section: Grades, page: Grades, limits: Limits) -> bool:
    """Is the section long enough to grade as a sample of its own, and harder
    than the rest of its page by more than the formula's margin of error
    for a sample of its size? A section with no gradable rest around it is
    the page itself."""
    if limits.section_min_words is not None and section.words < limits.section_min_words:
        return False
    rest = _rest_value(section, page, limits)
    margin = limits.grade_margin * max(1.0, (SMOG_SAMPLE / max(section.sentences, 1)) ** 0.5)
    return rest is not None and value > rest + margin


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


def _long_paragraphs(doc: Document, ctx: DocContext, units: list[Unit], limits: Limits) -> Iterator[Finding]:
    limit = limits.paragraph_sentences
    if limit is None:
        return
    words_limit = limits.paragraph_words
    by_block: dict[int, list[Unit]] = {}
    for u in units:
        if doc.blocks[u.block].kind == "paragraph":
            by_block.setdefault(u.block, []).append(u)
    for sents in by_block.values():
        if len(sents) <= limit:
            continue
        words = sum(u.words for u in sents)
        if words_limit is not None and words <= words_limit:
            continue  # short sentences: as quick to read as a paragraph within the limit
        rule = f"up to {limit} sentences" + (f", or up to {words_limit} words" if words_limit is not None else "")
        yield ctx.report(
            LONG_PARAGRAPH,
            sents[limit].start,
            sents[-1].end,
            f"paragraph has {len(sents)} sentences and {words} words ({ctx.audience} pages: {rule}); "
            f"start a new paragraph after the {_ordinal(limit)} sentence",
        )


def _long_lists(doc: Document, ctx: DocContext, limits: Limits) -> Iterator[Finding]:
    content_limit = limits.list_items
    if content_limit is None:
        return
    lead_in = _lead_in_pattern(limits.resource_lead_in)
    # first and last prose block of each item, per list, in document order
    lists: dict[int, dict[int, list[int]]] = {}
    for i, b in enumerate(doc.blocks):
        if b.kind == "list_item" and b.list_id is not None and b.item_id is not None and b.offs:
            lists.setdefault(b.list_id, {}).setdefault(b.item_id, []).append(i)
    for items in lists.values():
        for intro, group in _item_groups(doc, list(items.values())):
            resources = limits.resource_list_items is not None and lead_in is not None and bool(lead_in.search(intro))
            limit = limits.resource_list_items if resources and limits.resource_list_items else content_limit
            short = (
                not resources
                and limits.short_list_items is not None
                and _median_words(doc, group) <= limits.short_item_words
            )
            if short and limits.short_list_items:
                # a checklist of a few words an item ("Fatigue", "Dry skin")
                # is scanned at a glance, not held in mind item by item
                limit = max(limit, limits.short_list_items)
            if len(group) <= limit:
                continue
            first = doc.blocks[group[0]]
            start = first.start
            end = min(first.end, doc.index.line_end(doc.index.position(start)[0], doc.text))
            extra = doc.blocks[group[limit]]
            rel_end = min(extra.end, doc.index.line_end(doc.index.position(extra.start)[0], doc.text))
            kind = "list of resources" if resources else "list of short items" if short else "list"
            yield ctx.report(
                LONG_LIST,
                start,
                end,
                f"{kind} has {len(group)} items ({ctx.audience} pages: {limit} or fewer); "
                + (
                    "keep the few most useful ones or group them under headings"
                    if resources
                    else "split it into shorter lists or group the items into sub-lists"
                ),
                related=[ctx.related(extra.start, rel_end, f"item {limit + 1} of {len(group)}")],
            )


def _median_words(doc: Document, blocks: list[int]) -> float:
    return statistics.median(len(doc.blocks[i].text.split()) for i in blocks)


def _lead_in_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\b", re.I)


def _item_groups(doc: Document, items: list[list[int]]) -> list[tuple[str, list[int]]]:
    """The items of one list (their blocks), as the groups a reader sees,
    each with the text that leads it in: an item ending in a colon ("...
    These resources from MedlinePlus offer information:") leads in the items
    after it, as a heading would; the first group's lead-in is the paragraph
    just before the list."""
    first = items[0][0] if items and items[0] else 0
    before = doc.blocks[first - 1] if first > 0 else None
    intro = before.text if before is not None and before.kind == "paragraph" else ""
    groups: list[tuple[str, list[int]]] = [(intro, [])]
    for blocks in items:
        groups[-1][1].append(blocks[0])
        last = doc.blocks[blocks[-1]].text.rstrip()
        if last.endswith(":"):
            groups.append((last, []))
    return [(intro, g) for intro, g in groups if g]


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
    levels = set(ctx.settings.terminology.jargon_levels)
    title_terms = {m.concept_id for m in idx.find(doc.title) if m.kind == "jargon"}
    uses: dict[str, list[tuple[int, int]]] = {}
    for _, b in doc.prose_blocks():
        if not maybe.search(fold(b.text)):
            continue
        for m in terms.jargon_mentions(idx, b.text):
            if m.concept_id in title_terms:
                continue
            entry = idx.jargon.get(m.concept_id)
            if entry is None or entry.level not in levels:
                continue
            if entry.locales and not any(locale.startswith(x.lower()) for x in entry.locales):
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
# or are not participles at all; "born", which has no active form; and the
# naming and describing passives of reference prose ("is called", "is
# characterized by", "is thought to"), which have no doer to name
_NOT_PASSIVE = frozenset(
    """tired worried concerned interested scared frightened confused excited pleased surprised embarrassed
    ashamed bored annoyed depressed stressed relaxed married divorced qualified experienced advanced
    complicated detailed sophisticated supposed aged skilled talented crowded dehydrated bloated swollen
    inflamed enlarged naked wicked sacred rugged beloved hundred mixed need speed bleed feed seed shed breed tied
    born called named termed known characterized characterised associated located estimated thought
    believed considered described classified defined involved related linked composed""".split()
)
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_ANY_BE = re.compile(r"\b(?:am|is|are|was|were|be|been|being)\b", re.I)


def _participle(word: str) -> bool:
    if word in _NOT_PASSIVE:
        return False
    if word.startswith("un") and not word.startswith("under") and word.endswith("ed"):
        return False  # "is unaffected", "are unexplained": adjectives, with no active form
    if word.endswith(("sighted", "shaped", "sized", "colored", "coloured")):
        return False  # "be nearsighted", "is dome-shaped": adjectives from nouns, not actions
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
        if w not in _BE or (i == 0 and w == "being"):
            continue  # "Being prepared helps": a gerund, not a passive
        j = i + 1
        while j < len(low) and j <= i + 2 and (low[j] in _ADVERBS or (low[j].endswith("ly") and len(low[j]) > 4)):
            j += 1
        if j < len(low) and _participle(low[j]):
            return toks[i].start(), toks[j].end()
    return None


# "should be tested", "must be used", "needs to be checked": an instruction
# in the passive, which does not say who is to act
_OBLIGATION_BEFORE = re.compile(
    r"\b(?:should|must|needs?\s+to|ought\s+to)\s+(?:[a-z]+ly\s+|not\s+|also\s+|still\s+)?$", re.I
)


def _order_phrase(text: str, span: tuple[int, int]) -> str:
    """The instruction as written: "should be tested"."""
    i, j = span
    said = _OBLIGATION_BEFORE.search(text[max(0, i - 40) : i])
    return (said.group(0) if said else "") + text[i:j]


def _obligation(text: str, span: tuple[int, int]) -> bool:
    i, j = span
    return text[i:j].lower().startswith("be ") and bool(_OBLIGATION_BEFORE.search(text[max(0, i - 40) : i]))


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
    # The detection is a heuristic ("are intellectually disabled" reads as a
    # passive): a page is reported only when it stays above the limit with
    # one detection fewer, so a single misreading never decides the finding.
    if round(share) <= limits.passive_percent or (len(hits) - 1) * 100 / len(gradable) <= limits.passive_percent:
        return
    orders = [(u, sp) for u, sp in hits if _obligation(u.text, sp)]
    if limits.passive_scope == "instructions" and not orders:
        # Reference text ("is caused by", "has been reported", "has been
        # released") reads naturally in the passive, where the actor is
        # unknown or beside the point, even on a page whose instructions are
        # active ("Call 911"); the reader loses where an instruction hides
        # who is to act (CDC Clear Communication Index item 6: the call to
        # action in the active voice).
        return
    first = orders + [h for h in hits if h not in orders]
    related = []
    for u, (i, j) in first[:5]:
        b = doc.blocks[u.block]
        sent = doc.sentences[u.index]
        start, end = b.source_range(sent.start + i, sent.start + j)
        if (u, (i, j)) in orders:
            related.append(
                ctx.related(
                    start, end, f"instruction that does not say who is to act: '{_order_phrase(u.text, (i, j))}'"
                )
            )
        else:
            related.append(ctx.related(start, end, f"passive: '{u.text[i:j]}'"))
    start, end = _page_anchor(doc, units)
    hidden = ""
    if orders:
        phrase = _order_phrase(orders[0][0].text, orders[0][1])
        n = len(orders)
        plural = ("s", "do") if n != 1 else ("", "does")
        hidden = f", with {n} instruction{plural[0]} that {plural[1]} not say who is to act ('{phrase}')"
    yield ctx.report(
        PASSIVE_VOICE,
        start,
        end,
        f"{len(hits)} of {len(gradable)} sentences ({share:.0f}%) are in the passive voice{hidden}; "
        f"{ctx.audience} pages: {limits.passive_percent:g}% or fewer — say who does what "
        "('your doctor will check your feet', not 'your feet will be checked')",
        related=related,
    )
