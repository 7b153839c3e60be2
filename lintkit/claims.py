"""Claim extraction for the contradiction family (CON rules).

Each sentence is cut into clauses; a clause gives zero or more small claims:

- *subject*: the noun phrase before the verb, turned into a key that two
  documents share — a terminology concept when ``lintkit.terms`` knows the
  phrase, else a normalised noun phrase (case, determiners, plurals, acronyms
  defined in the document). "It", "this condition" … resolve to the topic of
  the section heading, else the page topic.
- *attribute and value* from the lexicon in ``rules/contradictions.yaml``
  (benign/malignant, common/rare …), found only after the subject;
- *polarity* from NegEx-style cues with a word window and terminators;
- *strength* (always / plain / usually / can / rarely) from hedge words;
- *population* (children, pregnant people …);
- *quantities* with units normalised to one base unit per dimension and tied
  to a measure (duration, prevalence, dose …) by a cue in the same clause.

The lexicon is plain phrases, never user regular expressions, so a pack
cannot make matching slow. Everything here is deterministic and explainable:
a finding can say which words produced each claim.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal, cast

from pydantic import Field, StringConstraints, model_validator

from . import packs
from .findings import Span
from .packs import PackModel
from .terms import term_index

if TYPE_CHECKING:
    from .config import Project
    from .document import Block, Document


class _LazyPattern:
    """A regular expression compiled on first use: most runs (a pre-commit
    check of one page) need only a few of this module's patterns, and
    compiling them all cost a noticeable part of start-up."""

    __slots__ = ("_args", "_name", "_rx")

    def __init__(self, pattern: str, flags: int) -> None:
        self._args = (pattern, flags)
        self._name = ""
        self._rx: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        rx = self._rx
        if rx is None:
            rx = self._rx = re.compile(*self._args)
            if self._name:
                globals()[self._name] = rx  # later uses skip this proxy
        return getattr(rx, name)


def _lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))


# ---------------------------------------------------------------------------
# The lexicon pack (rules/contradictions.yaml)


# a pack phrase: plain words, bounded so a hostile pack cannot build a huge pattern
Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


class ValueSpec(PackModel):
    id: str = Field(min_length=1)
    label: str = Field(min_length=1)
    phrases: list[Phrase] = Field(min_length=1)
    broader: str | None = None
    # values in different groups can both be true (a disease can be genetic
    # and autoimmune); only values of one group exclude each other
    group: str = ""


class ContextSpec(PackModel):
    phrases: list[Phrase] = Field(min_length=1)
    window: int = Field(default=3, ge=0, le=12)


class AttributeSpec(PackModel):
    id: str = Field(min_length=1)
    label: str = Field(min_length=1)
    # the kind of conflict two of its values make, named in the message
    type: Literal["antonym", "cause", "urgency", "location", "recommendation", "polarity"] = "antonym"
    values: list[ValueSpec] = Field(min_length=2)
    context: list[ContextSpec] = Field(default_factory=list)
    blockers: list[Phrase] = Field(default_factory=list)
    source: str = ""

    @model_validator(mode="after")
    def _check(self) -> AttributeSpec:
        ids = [v.id for v in self.values]
        if len(set(ids)) != len(ids):
            raise ValueError(f"attribute {self.id!r}: duplicate value ids")
        for v in self.values:
            seen = {v.id}
            b = v.broader
            while b is not None:
                if b not in ids:
                    raise ValueError(f"attribute {self.id!r}: value {v.id!r} is broader than unknown value {b!r}")
                if b in seen:
                    raise ValueError(f"attribute {self.id!r}: 'broader' forms a cycle at {b!r}")
                seen.add(b)
                b = next(x.broader for x in self.values if x.id == b)
        return self


class NegationSpec(PackModel):
    window: int = Field(default=6, ge=1, le=20)
    cues: list[Phrase] = Field(default_factory=list)
    post_cues: list[Phrase] = Field(default_factory=list)
    pseudo: list[Phrase] = Field(default_factory=list)
    terminators: list[Phrase] = Field(default_factory=list)


class StrengthSpec(PackModel):
    always: list[Phrase] = Field(default_factory=list)
    usually: list[Phrase] = Field(default_factory=list)
    can: list[Phrase] = Field(default_factory=list)
    rarely: list[Phrase] = Field(default_factory=list)


class PopulationSpec(PackModel):
    id: str = Field(min_length=1)
    label: str = Field(min_length=1)
    phrases: list[Phrase] = Field(min_length=1)


class UnitSpec(PackModel):
    phrases: list[Phrase] = Field(min_length=1)
    dimension: str
    factor: float = Field(gt=0)
    offset: float = 0.0


class QuantityWords(PackModel):
    at_most: list[Phrase] = Field(default_factory=list)
    at_least: list[Phrase] = Field(default_factory=list)
    approximate: list[Phrase] = Field(default_factory=list)


class MeasureSpec(PackModel):
    id: str = Field(min_length=1)
    label: str = Field(min_length=1)
    dimension: str
    cues: list[Phrase] = Field(min_length=1)
    # an absolute tolerance in base units (temperatures); else the relative
    # tolerance from the settings applies
    abs_tolerance: float | None = Field(None, ge=0)
    # when set, one of these phrases must also be in the clause ("starts" for
    # an age of onset, so "given after 24 months of age" is no onset)
    requires: list[Phrase] = Field(default_factory=list)


class ContradictionPack(PackModel):
    version: int = 1
    attributes: list[AttributeSpec] = Field(default_factory=list)
    negation: NegationSpec = Field(default_factory=lambda: NegationSpec())
    strength: StrengthSpec = Field(default_factory=lambda: StrengthSpec())
    populations: list[PopulationSpec] = Field(default_factory=list)
    units: list[UnitSpec] = Field(default_factory=list)
    quantity_words: QuantityWords = Field(default_factory=lambda: QuantityWords())
    measures: list[MeasureSpec] = Field(default_factory=list)


# ---------------------------------------------------------------------------
# Claims


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim, small and picklable, with its position already resolved.

    ``attribute`` is a lexicon attribute id, or ``q:<measure>`` for a
    quantity (then ``low``/``high`` hold the range in base units, ``None``
    for an open end). ``strength`` is one of always, plain, usually, can,
    rarely. ``population`` is ``""`` for people in general.
    """

    subject: str
    subject_text: str
    attribute: str
    value: str
    value_text: str
    negated: bool
    strength: str
    population: str
    span: Span
    start: int
    end: int
    low: float | None = None
    high: float | None = None
    approx: bool = False
    # the page topic's key, and how generic the subject is: 0 a condition's
    # name; 1 a phrase not shaped like one (compared across pages only when
    # some page is about it); 2 words that mean something only on their page
    # ("most cases", "episodes", "type 1", "seizures"): compared only with
    # pages on the same topic
    topic: str = ""
    generic: int = 0
    # every key the page is about (title, front-matter topics): a generic
    # subject that some page is about is compared across pages
    aliases: tuple[str, ...] = ()
    # "If the rash does not fade, …": the condition the claim holds under
    # (normalised words), "" when it holds in general
    condition: str = ""


STRENGTHS = ("always", "plain", "usually", "can", "rarely")

# ---------------------------------------------------------------------------
# Phrase matching


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern for literal phrases; a space or hyphen in
    a phrase matches spaces or a hyphen, and the longest phrase wins. The
    phrases are factored into a character trie, which Python's regex engine
    runs several times faster than a flat alternation of 150 phrases."""
    trie: dict[Any, Any] = {}
    for p in {p.strip() for p in phrases if p.strip()}:
        node = trie
        for unit in _units(p):
            node = node.setdefault(unit, {})
        node[None] = {}
    if not trie:
        return None
    return re.compile(r"(?<![\w-])" + _trie_regex(trie) + r"(?![\w-])", re.IGNORECASE)


_SEP = " "  # a word boundary inside a phrase (space or hyphen in the source)


def _units(phrase: str) -> list[str]:
    out: list[str] = []
    for i, w in enumerate(re.split(r"[\s-]+", phrase.lower().replace("’", "'"))):
        if i:
            out.append(_SEP)
        out.extend(w)
    return out


def _unit_re(u: str) -> str:
    if u == _SEP:
        return r"[\s-]+"
    return "['’]" if u == "'" else re.escape(u)


def _trie_regex(node: dict[Any, Any]) -> str:
    alts = []
    for unit in sorted(k for k in node if k is not None):
        child = node[unit]
        piece = _unit_re(unit)
        while len(child) == 1 and None not in child:  # a chain: one literal run
            ((unit2, child),) = child.items()
            piece += _unit_re(unit2)
        alts.append(piece + _trie_regex(child))
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    # greedy optional: a longer phrase is tried before the shorter one ends
    return f"(?:{body})?" if None in node else body


def norm_phrase(s: str) -> str:
    return re.sub(r"[\s-]+", " ", s.replace("’", "'")).strip().lower()


class Lexicon:
    """The merged packs, compiled once per set of pack files."""

    def __init__(self, packs: list[ContradictionPack]) -> None:
        attrs: dict[str, AttributeSpec] = {}
        pops: dict[str, PopulationSpec] = {}
        measures: dict[str, MeasureSpec] = {}
        units: list[UnitSpec] = []
        # model_construct: the parts were validated with their packs, and
        # validating again would build this model's validator in every process
        neg = NegationSpec.model_construct()
        strength: dict[str, list[str]] = {k: [] for k in ("always", "usually", "can", "rarely")}
        qw: dict[str, list[str]] = {"at_most": [], "at_least": [], "approximate": []}
        for p in packs:
            # later packs (user folders) replace entries with the same id and
            # extend cue lists
            attrs.update({a.id: a for a in p.attributes})
            pops.update({x.id: x for x in p.populations})
            measures.update({m.id: m for m in p.measures})
            units = list(p.units) + units
            neg = NegationSpec.model_construct(
                window=p.negation.window if "window" in p.negation.model_fields_set else neg.window,
                cues=neg.cues + p.negation.cues,
                post_cues=neg.post_cues + p.negation.post_cues,
                pseudo=neg.pseudo + p.negation.pseudo,
                terminators=neg.terminators + p.negation.terminators,
            )
            for k in strength:
                strength[k] += getattr(p.strength, k)
            for k in qw:
                qw[k] += getattr(p.quantity_words, k)
        self.attributes = attrs
        self.populations = pops
        self.measures = measures
        self.window = neg.window
        # value phrases → (attribute, value) candidates
        self.value_of: dict[str, list[tuple[str, str]]] = {}
        for a in attrs.values():
            for v in a.values:
                for ph in v.phrases:
                    self.value_of.setdefault(norm_phrase(ph), []).append((a.id, v.id))
        self.value_re = phrase_pattern(self.value_of)
        # the longest word of every value phrase: a match needs it, so a set
        # lookup rejects most sentences before any regular expression runs
        self.key_words = frozenset(
            max(_PLAIN_WORD.findall(ph.replace("’", "'")) or [""], key=len) for ph in self.value_of
        )
        self.context_re = {
            a.id: [(phrase_pattern(c.phrases), c.window) for c in a.context] for a in attrs.values() if a.context
        }
        self.blockers_re = {a.id: phrase_pattern(a.blockers) for a in attrs.values() if a.blockers}
        self.neg_re = phrase_pattern(neg.cues)
        self.post_neg_re = phrase_pattern(neg.post_cues)
        self.pseudo_re = phrase_pattern(neg.pseudo)
        self.term_re = phrase_pattern(neg.terminators)
        self.strength_of: dict[str, str] = {}
        for k, words in strength.items():
            for w in words:
                self.strength_of[norm_phrase(w)] = k
        self.strength_re = phrase_pattern(self.strength_of)
        self.pop_of = {norm_phrase(ph): x.id for x in pops.values() for ph in x.phrases}
        self.pop_re = phrase_pattern(self.pop_of)
        self.unit_of: dict[str, UnitSpec] = {}
        for u in units:
            for ph in u.phrases:
                self.unit_of.setdefault(ph.lower(), u)
        self.at_most_before = _tail_pattern(qw["at_most"])
        self.at_least_before = _tail_pattern(qw["at_least"])
        self.approx_before = _tail_pattern(qw["approximate"])
        self.measure_res = [(m, phrase_pattern(m.cues)) for m in measures.values()]
        self.measure_requires = {m.id: phrase_pattern(m.requires) for m in measures.values() if m.requires}
        self.unit_re = _unit_pattern(self.unit_of)

    def value(self, attr: str, value: str) -> ValueSpec | None:
        a = self.attributes.get(attr)
        if a is None:
            return None
        return next((v for v in a.values if v.id == value), None)

    def label(self, attr: str, value: str) -> str:
        v = self.value(attr, value)
        return v.label if v else value

    def ancestors(self, attr: str, value: str) -> list[str]:
        out = []
        v = self.value(attr, value)
        while v is not None and v.broader:
            out.append(v.broader)
            v = self.value(attr, v.broader)
        return out

    def exclusive(self, attr: str, a: str, b: str) -> bool:
        """Values of one attribute exclude each other unless they are in
        different groups (genetic and autoimmune can both be true)."""
        va, vb = self.value(attr, a), self.value(attr, b)
        if va is None or vb is None:
            return True
        ga = va.group or (self._root_group(attr, a))
        gb = vb.group or (self._root_group(attr, b))
        return ga == gb

    def _root_group(self, attr: str, value: str) -> str:
        for anc in self.ancestors(attr, value):
            v = self.value(attr, anc)
            if v is not None and v.group:
                return v.group
        return ""

    def binary_other(self, attr: str, value: str) -> str | None:
        """For a two-valued attribute, the other value (negating one asserts it)."""
        a = self.attributes.get(attr)
        if a is None or len(a.values) != 2:
            return None
        return a.values[1].id if a.values[0].id == value else a.values[0].id


def _tail_pattern(phrases: list[str]) -> re.Pattern[str] | None:
    p = phrase_pattern(phrases)
    if p is None:
        return None
    return re.compile("(?:" + p.pattern + r")\s*$", re.IGNORECASE)


_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUM_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "hundred": 100,
    "a hundred": 100,
    "a thousand": 1000,
    "a": 1,
    "an": 1,
}
_WORD_NUMBERS = sorted((w for w in _NUM_WORDS if w not in ("a", "an")), key=len, reverse=True)
# "1 in 5 million" is not "1 in 5": a scale word belongs to its number
_SCALE = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9}
_NUMBER = r"(?:" + _NUM + r"|" + "|".join(_WORD_NUMBERS) + r")(?:\s+(?:hundred|thousand|million|billion)\b)?"


def _unit_pattern(unit_of: dict[str, UnitSpec]) -> re.Pattern[str]:
    units = sorted(unit_of, key=len, reverse=True)
    alt = "|".join(re.escape(u).replace(r"\ ", r"\s+") for u in units) or "(?!)"
    # "2 to 3 days", "2-3 days", "between 2 and 3 days", "48 hours", "20%"
    return re.compile(
        r"(?<![\w.])(?:between\s+)?(?P<a>" + _NUMBER + r")"
        r"(?:\s*(?:-|–|—|to|and|or)\s*(?P<b>" + _NUMBER + r"))?"
        r"\s*(?P<u>" + alt + r")(?![\w])",
        re.IGNORECASE,
    )


_PLAIN_WORD = _lazy(r"[^\W_]+(?:'[^\W_]+)?|[%°º]")
_NUMBER_WORDS = frozenset(w for w in _NUM_WORDS if " " not in w and w not in ("a", "an"))
_RATIO = _lazy(
    r"(?<![\w.])(?P<a>" + _NUMBER + r"|an?)\s+(?:in|out\s+of)(?:\s+every)?\s+(?P<b>" + _NUMBER + r")(?![\w])",
    re.IGNORECASE,
)
_AGE = _lazy(
    r"(?<![\w])(?:ages?|aged)\s+(?:of\s+)?(?P<a>" + _NUM + r")(?:\s*(?:-|–|to|and)\s*(?P<b>" + _NUM + r"))?(?![\w])",
    re.IGNORECASE,
)


def _number(s: str) -> float | None:
    s = " ".join(s.lower().split())
    head, _, last = s.rpartition(" ")
    if head and last in _SCALE:
        n = _number(head)
        return None if n is None else n * _SCALE[last]
    if s in _NUM_WORDS:
        return float(_NUM_WORDS[s])
    try:
        return float(s.replace(",", ""))
    except ValueError:
        return None


def lexicon(project: Project | None) -> Lexicon:
    """The compiled lexicon for ``project`` (default packs plus user packs),
    built once per process while the pack files are unchanged. Raises
    ``PackError`` (file and line) for a bad pack."""
    return packs.load_built("contradictions", ContradictionPack, project, Lexicon)


# ---------------------------------------------------------------------------
# Subjects


# words that mean the same in a subject ("serious allergic reactions")
_SYNONYM = {"serious": "severe", "tummy": "belly", "abdominal": "belly"}

_DETERMINERS = frozenset(
    "a an the your my our their his her its some many most all any each every such certain".split()
)
_LEAD_WORDS = frozenset(
    "and but so also however then thus therefore still yet overall in fact generally usually typically "
    "normally often sometimes although though while later first now eventually finally today".split()
)
_NON_SUBJECTS = frozenset(
    "you we i he she here people someone anyone everyone there what which who one doctors doctor "
    "researchers scientists experts symptoms treatment treatments".split()
)
# "this"/"these" alone usually point back at the previous sentence, so they
# only mean the topic at the start of a section or after a "Term:" label
_DEMONSTRATIVE = frozenset(["this", "these", "that"])
_ANAPHORA = _lazy(
    r"^(?:it|they|this|these|that|(?:the|this|these|that|such a|such)\s+"
    r"(?:condition|disease|disorder|problem|syndrome|illness|infection|tumou?r|cancer|type|nerve)s?)$",
    re.IGNORECASE,
)
_VERBS = frozenset(
    """is are was were be been being am can cannot may might could will would should must shall does do did
    doesn't doesnt don't dont didn't isn't isnt aren't arent wasn't has have had never not usually often
    typically generally mostly mainly rarely seldom sometimes always commonly normally frequently occasionally
    also tends tend causes cause affects affect starts start begins begin develops develop occurs occur happens
    happen lasts last results result leads lead spreads spread needs need requires require runs seems appears
    appear includes include involves involve refers means gets get goes go comes heals heal resolves resolve
    clears responds makes becomes become remains remain stays progresses worsens improves kills damages
    attacks produces travels radiates affected caused moves move settles settle passes pass fades fade feels
    feel carries carry contains contain grows grow reaches reach rises rise increases increase decreases decrease
    raises reduces reduce protects protect prevents prevent worsen improve shows spreads goes clear stops stop
    lowers leaves leave triggers trigger come stem stems raise""".split()
)
_HEADING_TEMPLATE = _lazy(
    r"^(?:how\s+to\s+use\s+(?:an?|the|your)|what\s+(?:is|are)\s*(?:\(are\)\s*)?(?:the\s+)?(?:signs\s+and\s+)?(?:symptoms\s+of|treatments?\s+for|"
    r"outlook\s+for|causes\s+of|risk\s+factors\s+for)?|what\s+causes|who\s+is\s+at\s+risk\s+for|"
    r"how\s+(?:to|can|is|are)\s+(?:prevent|diagnose|treat|diagnosed|treated|prevented)?|"
    r"what\s+to\s+do\s+for|living\s+with|about|do\s+you\s+need\s+to\s+know\s+about)\s+(?P<x>.+?)[\s?.!]*$",
    re.IGNORECASE,
)
_GENERIC_HEADINGS = frozenset(
    [
        "overview",
        "outlook",
        "symptoms",
        "causes",
        "diagnosis",
        "treatment",
        "treatments",
        "prevention",
        "complications",
        "risk factors",
        "summary",
        "introduction",
        "background",
        "signs and symptoms",
        "signs",
        "when to see a doctor",
        "what causes it",
        "types",
        "other symptoms",
        "sources",
        "more information",
        "self-care",
        "self care",
        "research",
        "who is affected",
        "getting help",
    ]
)


# words of section headings that name a part of a page, not a topic
_HEADING_WORDS = frozenset(
    """diagnosis diagnosing treatment treatments treating prevention preventing outlook prognosis care caring home
    at self management managing living with tests test testing complications risk risks factors overview types
    causes cause symptoms symptom signs sign and or first aid medicines medicine medications medication surgery
    recovery recovering support resources research questions facts key points more information summary about the
    your a an emergency help getting get how to doctor doctors when see call what do things you can tips side
    effects dosage dose doses use uses using safety warnings warning storage in of for after before during
    follow up outcome outcomes expectations expect possible other related who is are urgent advice""".split()
)


_LEAD_WORDS_RE = _lazy(r"^(?:(?:" + "|".join(sorted(_LEAD_WORDS)) + r")\b[\s,]*)+", re.IGNORECASE)
_LEAD_WORD_RE = _lazy(r"^(?:" + "|".join(_LEAD_WORDS) + r")\s+")


class SubjectResolver:
    """Turns a subject phrase into the key two documents share."""

    def __init__(self, doc: Document, lex: Lexicon, terms: Any) -> None:
        self.doc = doc
        self.lex = lex
        self.terms = terms
        self.acronyms = _acronyms(doc)
        self._section_topics: dict[int, str | None] = {}
        self._expanded: dict[str, str] = {}
        self._keys: dict[tuple[str, int | None], str | None] = {}
        self.topic_words: frozenset[str] = frozenset()
        self._aliases: tuple[str, ...] | None = None
        self._alias_names: list[str] = []
        self._lead_ins: dict[int, bool] = {}
        self.page_topic = self._page_topic()
        self.topic_words = frozenset(w for w in _words(self.page_topic[1]) if len(w) > 2 and w not in _GENERIC_WORDS)

    # -- phrases -------------------------------------------------------------
    def key(self, phrase: str, block: Block | None = None) -> str | None:
        """The shared key of a noun phrase (memoised per page and section)."""
        memo = (phrase, block.section if block is not None else -1)
        if memo not in self._keys:
            self._keys[memo] = self._resolve(phrase, block)
        return self._keys[memo]

    def _resolve(self, phrase: str, block: Block | None = None) -> str | None:
        """The shared key of a noun phrase, or None when it is not a subject.

        An aspect of a condition keeps its condition: "symptoms of flu" and
        "flu symptoms" are ``<flu>#symptom``; "onset of the disease" or a bare
        "recovery" take the section or page topic when ``block`` is given."""
        words = _words(phrase)
        of = next((w for w in ("of", "from") if w in words[1:-1]), "")
        aspect_of = bool(of) and singular(words[0]) in _ASPECTS
        if aspect_of or (words and singular(words[-1]) in _ASPECTS):
            if aspect_of:
                aspect, rest = singular(words[0]), words[words.index(of) + 1 :]
            else:
                aspect, rest = singular(words[-1]), words[:-1]
            rest = [w for w in rest if w not in _DETERMINERS]
            if not rest or (len(rest) == 1 and singular(rest[0]) in _GENERIC_NOUNS):
                base = self.topic(block)[0] if block is not None else None
            else:
                base = self._key(" ".join(rest))
            return f"{base}#{aspect}" if base else None
        return self._key(phrase)

    def _key(self, phrase: str) -> str | None:
        text = re.sub(r"\([^)]*\)", " ", phrase)
        text = text.replace("’", "'").strip(" \t,;:.\"'")
        # "While epilepsy …", "Later, they …": leading words are not the subject
        text = _LEAD_WORDS_RE.sub("", text)
        if not text:
            return None
        if self.terms is not None:
            cid = _term_concept(self.terms, text)
            if cid is not None:
                return "c:" + cid
        acr = re.sub(r"[^A-Za-z0-9]", "", text)
        if acr.isupper() and 2 <= len(acr) <= 8 and acr in self.acronyms:
            text = self.acronyms[acr]
            if self.terms is not None:
                cid = _term_concept(self.terms, text)
                if cid is not None:
                    return "c:" + cid
        words = re.findall(r"[^\W_][\w'-]*", text.lower())
        while words and (words[0] in _DETERMINERS or words[0] in _LEAD_WORDS):
            words.pop(0)
        if len(words) > 1 and words[0] == "suspected":
            words.pop(0)  # what to do about "suspected sepsis" is what to do about sepsis
        if not words or len(words) > 6:
            return None
        if len(words) == 1 and words[0] in _NON_SUBJECTS:
            return None
        words = [_SYNONYM.get(w, w) for w in (w[:-2] if w.endswith("'s") else w for w in words)]
        # "symptoms of flu" and "flu symptoms" are one subject
        if "of" in words[1:-1]:
            i = words.index("of")
            words = [w for w in words[i + 1 :] if w not in _DETERMINERS] + words[:i]
        if not words:
            return None
        words[-1] = singular(words[-1])
        return "np:" + " ".join(words)

    def antecedent(self, block: Block, c0: int, prev: Any) -> tuple[str | None, str]:
        """What "it", "them" or "one" in an instruction stands for: the
        previous clause's subject, else the subject of the sentence before
        ("Hand sanitizer also helps … Choose one that …"), else the topic."""
        if prev is not None and prev.subject is not None:
            return prev.subject, prev.subject_text
        before = block.text[:c0].rstrip()
        if before:
            last = re.split(r"(?<=[.!?])\s+", before)[-1]
            named = _CALLED.search(last)
            if named is not None:
                key = self.key(named.group(1), block)
                if key is not None:
                    return key, named.group(1)
            words = []
            for w in _WORD.finditer(last):
                if w.group(0).lower() in _VERBS:
                    break
                words.append(w.group(0))
            phrase = " ".join(words)
            if words and len(words) <= 5 and norm_phrase(phrase) not in _NON_SUBJECTS:
                key = self.key(phrase, block)
                if key is not None:
                    return key, phrase
        return self.topic(block)

    def aliases(self) -> tuple[str, ...]:
        """Keys of everything the page is about: its title and front-matter topics."""
        if self._aliases is None:
            names = [self.page_topic[1]] if self.page_topic[1] else []
            topics = self.doc.meta.get("topics")
            if isinstance(topics, list):
                names += [t for t in topics if isinstance(t, str)]
            title = self.doc.title
            x = heading_topic(title) if title else None
            if x:
                names.append(x)
            self._alias_names = names
            keys = {self.key(n) for n in names}
            self._aliases = tuple(sorted(k for k in keys if k))
        return self._aliases

    def expand(self, phrase: str) -> str:
        """ "the auto-injector" → "epinephrine auto-injector" when the page
        names it so: a short definite phrase stands for its longer form, a
        name the page is about first ("the bite" on a page about animal bites)."""
        words = _words(phrase)
        if not words or len(words) > 2:
            return phrase
        tail = " ".join(words)
        self.aliases()
        for name in self._alias_names:
            nw = _words(name)
            if len(nw) > len(words) and [singular(w) for w in nw[-len(words) :]] == [singular(w) for w in words]:
                return name
        if tail not in self._expanded:
            counts: dict[str, int] = {}
            rx = re.compile(r"\b([A-Za-z][\w'-]+)[\s-]+" + r"[\s-]+".join(map(re.escape, words)) + r"\b", re.I)
            for _, b in self.doc.prose_blocks():
                for m in rx.finditer(b.text):
                    w = m.group(1).lower()
                    if (
                        w not in _OBJ_DETERMINERS
                        and w not in _OBJ_STOP
                        and w not in _VERBS
                        and w not in _IMPERATIVE_VERBS
                    ):
                        counts[w] = counts.get(w, 0) + 1
            best = max(counts, key=lambda k: counts[k]) if counts else ""
            self._expanded[tail] = f"{best} {tail}" if best else phrase
        return self._expanded[tail]

    def conditional_list(self, block: Block) -> bool:
        """True for an item of a list introduced by a condition ("Your risk is
        higher if you:", "Call your doctor if you have:"): its items are
        conditions, not instructions."""
        if block.kind != "list_item" or block.list_id is None:
            return False
        lid = block.list_id
        if lid not in self._lead_ins:
            lead = None
            for b in self.doc.blocks:
                if b.list_id == lid:
                    break
                if b.kind in ("paragraph", "heading"):
                    lead = b
            t = lead.text.strip() if lead is not None else ""
            self._lead_ins[lid] = bool(
                (t.endswith(":") and re.search(r"\b(?:if|when|whether|unless|include|includes|such as)\b", t, re.I))
                or re.search(r"\b(?:if|when|unless|whether|who|that)\b[^.!?]*$", t, re.I)
            )
        return self._lead_ins[lid]

    def label_of(self, block: Block) -> str:
        """The "Term:" a list item or paragraph starts with ("**MS:** It …")."""
        m = _LABEL.match(block.text)
        return m.group(1).strip(" *_") if m else ""

    # -- topics --------------------------------------------------------------
    def topic(self, block: Block) -> tuple[str | None, str]:
        """The key and label of what "it" means in ``block``: the nearest
        section heading that names a topic, else the page topic."""
        si = block.section
        while si is not None:
            t = self._section_topic(si)
            if t is not None:
                return t, heading_topic(self.doc.sections[si].title) or self.doc.sections[si].title
            si = self.doc.sections[si].parent
        return self.page_topic

    def _section_topic(self, si: int) -> str | None:
        if si not in self._section_topics:
            sec = self.doc.sections[si]
            x = heading_topic(sec.title)
            self._section_topics[si] = self.key(x) if x else None
        return self._section_topics[si]

    def _page_topic(self) -> tuple[str | None, str]:
        topics = self.doc.meta.get("topics")
        title = self.doc.title
        if isinstance(topics, list) and topics and isinstance(topics[0], str):
            # "How to use an epinephrine auto-injector" is more specific than "epinephrine"
            x = heading_topic(title) if title else None
            if x and re.search(r"\b" + re.escape(topics[0].lower()) + r"\b", x.lower()) and len(x.split()) <= 5:
                return self.key(x), x
            return self.key(topics[0]), topics[0]
        x = heading_topic(title) if title else None
        return (self.key(x), x) if x else (None, "")


# parts or phases of a condition: a subject made of one of these and a
# condition is about that condition ("shingles pain", "onset of the disease")
_ASPECTS = frozenset(
    "death recovery onset prognosis outlook symptom sign complication progression pain damage rash spot blister "
    "sore lump swelling itch itching bump blotch patch lesion scab flare flare-up".split()
)
_GENERIC_NOUNS = frozenset("disease condition disorder illness syndrome infection problem it this".split())


def _words(phrase: str) -> list[str]:
    text = re.sub(r"\([^)]*\)", " ", phrase).replace("’", "'")
    words = re.findall(r"[^\W_][\w'-]*", text.lower())
    while words and (words[0] in _DETERMINERS or words[0] in _LEAD_WORDS):
        words.pop(0)
    return [w[:-2] if w.endswith("'s") else w for w in words]


def heading_topic(title: str) -> str | None:
    """The topic a heading names: "What is (are) Asthma ?" → "Asthma";
    "Symptoms" → None (a generic heading names no topic)."""
    t = title.strip()
    m = _HEADING_TEMPLATE.match(t)
    if m:
        x = m.group("x").strip()
        return x or None
    low = norm_phrase(t.rstrip("?:. "))
    if low in _GENERIC_HEADINGS or re.match(r"^(?:when|how|what|why|who|where|is|can|do|does|should)\b", low):
        return None
    if all(w in _HEADING_WORDS for w in re.findall(r"[a-z0-9']+", low)):
        return None  # "Diagnosis and treatment", "Treatment at home", "Side effects"
    if len(low.split()) > 6:
        return None
    return t.rstrip("?:. ")


def singular(w: str) -> str:
    if len(w) <= 3 or w.isupper():
        return w
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is", "sis", "ys")):
        return w[:-1]
    return w


_LABEL = _lazy(r"^\s*([^:.!?]{2,60}):\s")
_ACRONYM_DEF = _lazy(r"\(\s*((?:[A-Z]\.?){2,8})\s*\)")
_SMALL_WORDS = frozenset("of and the in to for with".split())


def _acronyms(doc: Document) -> dict[str, str]:
    """Acronyms the document defines: "peripheral artery disease (PAD)"."""
    out: dict[str, str] = {}
    for _, b in doc.prose_blocks():
        for m in _ACRONYM_DEF.finditer(b.text):
            letters = re.sub(r"[^A-Z]", "", m.group(1))
            before = re.findall(r"[A-Za-z][A-Za-z'-]*", b.text[max(0, m.start() - 120) : m.start()])
            for k in range(1, min(len(before), len(letters) + 3) + 1):
                cand = before[-k:]
                initials = "".join(w[0] for w in cand if w.lower() not in _SMALL_WORDS).upper()
                if initials == letters:
                    out.setdefault(letters, " ".join(cand))
                    break
    return out


def _term_concept(terms: Any, phrase: str) -> str | None:
    """A concept id when the terminology index covers the whole phrase
    (ignoring determiners), so "temporary leg numbness" is not merged with
    "leg numbness"."""
    try:
        cid = terms.canonical(phrase)
        if cid:
            return str(cid)
        rest_words = [w for w in re.findall(r"[A-Za-z0-9']+", phrase.lower()) if w not in _DETERMINERS]
        for m in terms.find(phrase):
            if getattr(m, "kind", "preferred") not in ("preferred", "variant", "acronym"):
                continue
            covered = re.findall(r"[A-Za-z0-9']+", phrase[m.start : m.end].lower())
            if covered and len(covered) == len(rest_words):
                return str(m.concept_id)
    except Exception:  # a terminology bug must not stop claim extraction
        return None
    return None


# ---------------------------------------------------------------------------
# Extraction

_CLAUSE_BREAK = _lazy(
    r"\s*;\s*|,?\s+but\s+|,\s*however,?\s+|,\s*whereas\s+|,\s*although\s+|,\s*though\s+|,\s*while\s+|,\s*yet\s+"
    r"|,\s+and\s+|,?\s+because\s+",
    re.IGNORECASE,
)
_HYPOTHETICAL = _lazy(r"^\s*(?:if|when|whether|unless|ask|call|see|talk|tell|check|find out|learn|read)\b", re.I)
_WORD = _lazy(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
# "more common", "some common causes": the value describes something else
_COMPARATIVE = _lazy(
    r"(?:\b(?:more|less|most|least|as|so|how|too|fairly|relatively|some|many|several|other|these|those|"
    r"such|certain)\s+)$",
    re.IGNORECASE,
)
_DISJUNCTION = _lazy(r"^\s*,?\s*(?:or|and/or|nor|or\s+even)\s+(?:\w+\s+)?$", re.IGNORECASE)
_QUESTION = _lazy(r"\?\s*$")
_EXTRAPOSED = _lazy(r"\s*(?:for\s+[^.;]{1,80}?\s+)?to\s+\w+|\s+that\b", re.IGNORECASE)
_RELATIVE = _lazy(r",\s*(?:which|who|whom|where)\b", re.IGNORECASE)
_CONDITION = _lazy(r"\b(?:if|unless|whether|when)\b", re.IGNORECASE)
# "X is different from the common, temporary twitching": the value is another thing's
_COMPARED = _lazy(
    r"\b(?:different\s+from|unlike|than|similar\s+to|compared\s+(?:to|with)|not\s+the\s+same\s+as|"
    r"as\s+opposed\s+to|instead\s+of|rather\s+than|confused\s+with|mistaken\s+for)\b",
    re.IGNORECASE,
)
# a word after these is a noun ("the most common causes are …"), not a verb
_NOUN_BEFORE = frozenset(
    "the a an other common main most many several some these those its their his her your our possible usual "
    "underlying known major leading rare frequent".split()
)
_RELATIVE_WORDS = frozenset("who that which whose".split())
# subjects that name no condition: "other causes", "the most common", "people who …"
_EMPTY_HEADS = frozenset(
    "other others common main most many several some both another one two still rare frequent major leading "
    "cause reason type kind form example way factor test treatment medicine drug option".split()
)
_PEOPLE_START = frozenset(
    "people person persons patients patient individuals individual anyone someone those you adults children kids "
    "with how since because as if when what why where for from in on at by to of about after before during".split()
)


@dataclass
class _Clause:
    start: int  # prose indices in the block
    end: int
    pred: int  # where the predicate starts
    subject: str | None
    subject_text: str
    subject_start: int
    only: str | None = None  # restrict to one attribute ("there is no cure for …")
    pronoun: bool = False  # "it", "this condition": the subject was resolved from the topic
    # an instruction ("Wash the bite …", "Do not give …"): its verb lemma,
    # whether it is negated, and "always" for "Always …"/"Never …"
    verb: str = ""
    neg: bool = False
    always: bool = False
    has_object: bool = False  # the instruction names what it acts on
    relation: str = ""  # "wait 2 hours before you check": the check comes after
    # the subject is a group of people ("Adults can take …"): only figures
    # are read, for this population
    population: str = ""
    # a figure inside the subject ("Stones up to 15 mm wide usually pass …")
    subject_q: tuple[int, int] | None = None
    resolver: Any = None
    # "Category I, high risk, your LDL goal is …": leading phrases that narrow the claim
    qualifier: str = ""


def extract(
    doc: Document, project: Project | None = None, lex: Lexicon | None = None, terms: Any = None
) -> list[Claim]:
    """Every claim in ``doc``, in document order."""
    lex = lex or lexicon(project)
    if terms is None:
        terms = term_index(project)
    resolver = SubjectResolver(doc, lex, terms)
    out: list[Claim] = []
    seen_sections: set[int | None] = set()
    for s in doc.sentences:
        block = doc.blocks[s.block]
        first = block.section not in seen_sections
        seen_sections.add(block.section)
        if _QUESTION.search(s.text):
            continue
        out.extend(_drop_contrasts(_sentence_claims(doc, block, s.start, s.end, lex, resolver, first)))
    if not out:
        return out
    topic = resolver.page_topic[0] or ""
    aliases = resolver.aliases()
    out = [
        dataclasses.replace(c, topic=topic, aliases=aliases, generic=0 if c.generic == -1 else _generic(c, resolver))
        for c in out
    ]
    # a plain open frame is worth keeping only where a denial can meet it:
    # when its page also denies it (the denial itself is always kept), or
    # when it is about the page's own topic (another page on that topic may
    # deny it); the rest would only fill the cache
    denied = {(c.subject, c.attribute) for c in out if c.negated}
    return [
        c
        for c in out
        if c.negated
        or c.value
        or not c.attribute.startswith(("pred:", "isa:"))
        or (c.subject, c.attribute) in denied
        or (c.subject == topic and c.attribute.startswith("pred:"))
    ]


# heads that make a noun phrase the name of a condition ("Lyme disease"),
# and endings of condition names ("arthritis", "lymphoma", "anemia")
_CONDITION_HEADS = frozenset(
    "disease diseases syndrome syndromes disorder disorders cancer cancers tumor tumors tumour tumours infection "
    "infections fever palsy deficiency dystrophy anemia anaemia atrophy ataxia flu influenza virus sclerosis "
    "dementia leukemia leukaemia lymphoma carcinoma melanoma sarcoma myopathy neuropathy".split()
)
_CONDITION_ENDING = _lazy(
    r"(?:itis|osis|oma|omas|emia|aemia|pathy|plasia|trophy|algia|uria|penia|plegia|paresis|iasis|ism|ismus|"
    r"ectasia|cele|rrhea|rrhoea)$"
)
_CLASS_NOUNS = frozenset(
    "disease diseases syndrome syndromes disorder disorders cancer cancers tumor tumors tumour tumours infection "
    "infections deficiency dystrophy atrophy virus myopathy neuropathy carcinoma sarcoma lymphoma".split()
)
# words that never name a condition by themselves: "most cases", "episodes",
# "the late-onset form", "affected individuals", "signs and symptoms"
_GENERIC_WORDS = frozenset(
    "case cases episode episodes form forms type types sign signs symptom symptoms people person individual "
    "individuals patient patients study studies prevalence incidence frequency condition conditions disease "
    "diseases disorder disorders illness problem problems attack attacks seizure seizures onset feature features "
    "affected most some many other others all this these that its their it they late early onset adult adults "
    "child children childhood infantile juvenile severe mild moderate classic classical typical common rare "
    "variant variants subtype subtypes and or of with in the a an first main".split()
)


def _generic(c: Claim, res: SubjectResolver) -> int:
    """How much the subject depends on its page (see ``Claim.generic``):
    never for a terminology concept or the page topic itself."""
    if not c.subject.startswith("np:") or c.subject == res.page_topic[0]:
        return 0
    words = c.subject[3:].split("#", 1)[0].split()
    if _generic_words(words):
        return 2
    if "#" in c.subject:
        return 0
    if _named(words, c.subject_text):
        return 0
    # "The lymphedema usually affects …": the definite article points at this page's case
    return 2 if len(words) == 1 and re.match(r"\s*the\s", c.subject_text, re.IGNORECASE) else 1


def _generic_words(words: list[str]) -> bool:
    return all(w in _GENERIC_WORDS or re.fullmatch(r"[0-9ivx]+", w) for w in words)


def _named(words: list[str], surface: str) -> bool:
    if any(_CONDITION_ENDING.search(w) for w in words):
        return True
    if len(words) >= 2 and words[-1] in _CONDITION_HEADS:
        return True
    if len(words) == 1 and words[0] in _CONDITION_HEADS and words[0] not in _CLASS_NOUNS:
        return True  # "fever", "flu", "dementia" name one thing; "cancer" names a class
    # a capital letter inside the phrase: "Lyme", "Parkinson's", "HIV"
    inner = re.findall(r"(?<=\s)[A-Z][\w'-]*", " " + surface.strip()[1:] if surface else "")
    return bool(inner) or bool(re.match(r"[A-Z]{2,}", surface.strip()))


def _drop_contrasts(claims: list[Claim]) -> list[Claim]:
    """One sentence that gives two different values for the same thing ("get
    better within 2 weeks and recover within 6 months", "rare in adults but
    common in children") qualifies them in ways claims do not capture: keep
    neither, so a copy of the sentence elsewhere cannot conflict with itself."""
    if len(claims) < 2:
        return claims
    seen: dict[tuple[str, str, str], set[tuple[Any, ...]]] = {}
    for c in claims:
        seen.setdefault((c.subject, c.attribute, c.population), set()).add((c.value, c.negated, c.low, c.high))
    return [c for c in claims if len(seen[(c.subject, c.attribute, c.population)]) == 1]


def _sentence_claims(
    doc: Document, block: Block, s0: int, s1: int, lex: Lexicon, res: SubjectResolver, first: bool
) -> list[Claim]:
    text = block.text
    out: list[Claim] = []
    if block.kind == "list_item" and res.conditional_list(block):
        return out  # "See a doctor if: - the sunburn does not get better": a condition, not a claim
    # most sentences state nothing the lexicon knows: skip them before the
    # (costlier) subject resolution
    chunk = text[s0:s1].lower().replace("’", "'")
    tokens = _PLAIN_WORD.findall(chunk)
    maybe_value = not lex.key_words.isdisjoint(tokens)
    maybe_number = any(map(str.isdigit, chunk)) or not _NUMBER_WORDS.isdisjoint(tokens)
    maybe_frame = not _FRAME_WORDS.isdisjoint(tokens) or bool(tokens and tokens[0] in _IMPERATIVE_VERBS)
    # open frames ("X does not increase Y") are read in sentences short enough
    # to parse by word order that deny something, move something up or down,
    # or name the page topic: the only frames kept (see extract)
    open_frames = len(tokens) <= 30 and (not _OPEN_CUES.isdisjoint(tokens) or not res.topic_words.isdisjoint(tokens))
    if not maybe_value and not maybe_number and not maybe_frame and not open_frames:
        return out
    values = [m.start() for m in lex.value_re.finditer(text, s0, s1)] if maybe_value and lex.value_re else []
    if maybe_frame:
        out.extend(_pattern_claims(doc, block, s0, s1, lex, res))
    if maybe_number and (" in " in chunk or "out of" in chunk):
        out.extend(_share_claims(doc, block, s0, s1, lex, res))
    if maybe_number:
        out.extend(_count_claims(doc, block, s0, s1, lex, res))

    def candidate(c0: int, c1: int) -> bool:
        if any(c0 <= v < c1 for v in values):
            return True
        if open_frames:
            return True
        imp = _IMPERATIVE_START.match(text, c0, c1) if maybe_frame else None
        if imp is not None and imp.group("verb").lower() in _IMPERATIVE_VERBS:
            return True  # an instruction
        if maybe_frame and _LOCATION.search(text, c0, c1):
            return True  # a side of a body part
        if not maybe_number:
            return False
        return bool(
            _at_numbers(lex.unit_re, text, c0, c1)
            or _at_numbers(_RATIO, text, c0, c1)
            or _ages(text, c0, c1)
            or _A_UNIT_OR_TWO.search(text, c0, c1)
        )

    # "If the rash does not fade, it …": the claim holds under its condition
    condition = ""
    cm = _IF_THEN.match(text, s0, s1)
    if cm is not None:
        condition = _condition_key(cm.group("cond"))
        out.extend(_sign_claims(doc, block, cm, s1, res))
        s0 = cm.end()
        first = False
    else:
        tm = _TIME_LEAD.match(text, s0, s1)
        if tm is not None:
            s0 = tm.end()
            first = False
    pieces = []
    pos = s0
    for m in _CLAUSE_BREAK.finditer(text, s0, s1):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, s1))
    wanted = [i for i, (c0, c1) in enumerate(pieces) if c1 > c0 and candidate(c0, c1)]
    if not wanted:
        return out
    prev: _Clause | None = None
    for c0, c1 in pieces[: wanted[-1] + 1]:
        if c1 <= c0:
            continue
        clause = _clause(text, c0, c1, block, res, prev, first and c0 == s0)
        if clause is None:
            prev = None
            continue
        prev = clause
        if clause.subject is None:
            continue
        mine: list[Claim] = []
        if not clause.population:
            attrs = _attribute_claims(doc, block, clause, lex)
            if clause.verb:
                # "Get emergency care", "Call 911": the value is the instruction, about the topic
                key, label = res.topic(block)
                attrs = [
                    dataclasses.replace(c, subject=key or "", subject_text=label)
                    if c.value_text.lower() in clause.subject_text.lower() or not clause.subject_text
                    else c
                    for c in attrs
                ]
            mine += attrs
            mine += _location_claims(doc, block, clause, lex)
            if not clause.verb and clause.only is None:
                mine += _predicate_claims(doc, block, clause, lex)
        if clause.verb:
            mine += _do_claims(doc, block, clause, lex)
        mine += _quantity_claims(doc, block, clause, lex, res)
        if clause.verb:
            # what an instruction acts on is named by itself ("hand sanitizer"):
            # its figures and properties are never generic; whether to do it
            # depends on the page's situation, so that stays generic
            mine = [
                dataclasses.replace(c, generic=-1)
                if c.subject == clause.subject and not c.attribute.startswith("do:")
                else c
                for c in mine
            ]
        out += mine
    if not condition:
        # "Do not take ibuprofen if you are allergic to aspirin": an instruction
        # with a trailing condition holds only under it
        tail = _IF_TAIL.search(text, s0, s1)
        if tail is not None:
            key = _condition_key(tail.group("cond"))
            out = [dataclasses.replace(c, condition=key) if c.attribute.startswith("do:") else c for c in out]
    if condition:
        # a property of a thing ("a sanitizer with at least 60% alcohol") holds
        # whatever the situation; what to do and how urgent it is depend on it
        out = [
            c
            if _OPEN_PROPERTY.fullmatch(c.attribute) or c.attribute.startswith("sign:")
            else dataclasses.replace(c, condition=condition)
            for c in out
        ]
    return out


# "It is estimated that …", "Studies suggest that …": the claim is what follows
_LEAD_IN = _lazy(
    r"\s*(?:it\s+(?:is|has\s+been)\s+(?:estimated|thought|believed|suggested|reported|known)|"
    r"(?:studies|research|researchers|scientists|experts|estimates|reports|data)\s+"
    r"(?:suggest|show|estimate|indicate|believe|think|report)s?)\s+that\s+",
    re.IGNORECASE,
)
# "Charities warn that …", "Health advice says adults …", "Urologists warn
# young men that …": reported speech asserts what follows (a passage that
# quotes a claim makes it); the speaker is a short phrase without a verb of its
# own, and never a myth's ("some people say …", "it was once claimed …")
_ATTRIBUTION = _lazy(
    r"\s*(?:(?!(?:is|are|was|were|be|been|has|have|had|do|does|did|can|could|may|might|will|would|should|must|"
    r"not|no|if|when|because|and|or|but|some|many|people|person|someone|anyone|myths?|wrongly|mistakenly|"
    r"falsely|incorrectly|often|once|used|still|you|we|they|he|she|i)\b)[\w'&.-]+\s+){1,6}?"
    r"(?:(?:says?|said)\s+(?:that\s+)?|"
    r"(?:warns?|warned|notes?|noted|explains?|explained|points?\s+out|pointed\s+out|reminds?|reminded|insists?|"
    r"insisted|states?|stated|agrees?|agreed|confirms?|confirmed|advises?|advised|"
    r"stresses|stressed|emphasi[sz]es|emphasi[sz]ed)\s+(?:(?:[\w'-]+\s+){0,3}?)that\s+)"
    r"(?=\S)",
    re.IGNORECASE,
)


def _clause(
    text: str, c0: int, c1: int, block: Block, res: SubjectResolver, prev: _Clause | None, first: bool
) -> _Clause | None:
    lead_in = _LEAD_IN.match(text, c0, c1) or _ATTRIBUTION.match(text, c0, c1)
    if lead_in is not None:
        c0 = lead_in.end()
    chunk = text[c0:c1]
    imp = _imperative(text, c0, c1, block, res, prev)
    if imp is not None:
        return imp
    # "In a severe reaction, called anaphylaxis, symptoms …": the name is what the clause is about
    called = _IN_CALLED.match(text, c0, c1)
    about = ""
    if called is not None:
        about = called.group(1).strip()
        c0 = called.end()
        chunk = text[c0:c1]
    if _HYPOTHETICAL.match(chunk):
        return None
    words = list(_WORD.finditer(chunk))
    if not words:
        return None
    pred = None
    for i, w in enumerate(words):
        if w.group(0).lower().replace("’", "'") in _VERBS or (i >= 1 and _past_verb(chunk, w)):
            prev_word = words[i - 1].group(0).lower() if i > 0 else ""
            if prev_word in _NOUN_BEFORE or prev_word in _RELATIVE_WORDS:
                continue  # "the most common causes are …", "people who have …"
            if i == 0 or all(x.group(0).lower() in _FILLER or x.group(0).lower() in _APPROX_WORDS for x in words[:i]):
                # no subject of its own ("… but can result in …", "…, and nearly
                # always within 2 hours"): it shares the previous clause's
                # subject, and its predicate when it has none
                if prev is not None and prev.subject is not None:
                    return _Clause(
                        prev.start if i else c0,
                        c1,
                        c0,
                        prev.subject,
                        prev.subject_text,
                        prev.subject_start if i else c0,
                    )
                return None
            pred = c0 + w.start()
            break
    if pred is None:
        if prev is not None and prev.subject is not None:
            return _Clause(c0, c1, c0, prev.subject, prev.subject_text, c0)
        return None
    raw = text[c0:pred]
    # "**Guillain-Barré syndrome:** This is a rare …": the label names the topic
    label = ""
    colon = raw.rfind(":")
    if colon >= 0:
        label = raw[:colon].strip(" *_")
        c0 += colon + 1
        raw = text[c0:pred]
    # "Although rare, a tumor …": the subject is the last comma segment,
    # unless that is an apposition ("Sciatica, or sciatic nerve pain, …")
    if "," in raw and len(_words(raw)) <= 8:
        # "Hand, foot and mouth disease is …": a name with commas, when the page or a concept names it so
        whole = res.key(raw.strip(" ,"), block)
        if whole is not None and (whole == res.page_topic[0] or whole.startswith("c:")):
            raw = " " * (len(raw) - len(raw.lstrip(" ,"))) + raw.lstrip(" ,").replace(",", " ")
    flat = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), raw)  # commas in brackets split nothing
    segs = [(m.start(), raw[m.start() : m.end()]) for m in re.finditer(r"[^,]+", flat)]
    segs = [(o, s) for o, s in segs if s.strip()]
    if not segs:
        return None
    off, seg = segs[-1]
    if len(segs) > 1 and re.match(r"^\s*(?:such\s+as|including|like)\s", seg, re.I):
        # "Reactions to penicillin-type antibiotics, such as amoxicillin, are …":
        # the example stands for the class it follows, unless that is a pronoun
        example = re.sub(r"^\s*(?:such\s+as|including|like)\s+", "", seg, flags=re.I).strip()
        off, seg = segs[-2]
        pm_ = re.search(r"\b(?:to|of|from|with|for)\s+((?:the\s+)?[\w'-]+(?:\s+[\w'-]+){0,2})\s*$", seg, re.I)
        if pm_ is not None and example and not re.search(r"\b(?:and|or)\b", example):
            if pm_.group(1).lower() not in ("it", "them", "this", "these"):
                seg = seg[: pm_.start(1)] + example
    elif len(segs) > 1 and re.match(r"^\s*(?:or|and|also|which|who|known|called|sometimes)\b", seg, re.I):
        off, seg = segs[0]
    lead = len(seg) - len(seg.lstrip())
    seg_start = c0 + off + lead
    seg = seg.strip()
    qualifier = _leading_qualifier(raw[:off])
    # "Skin infections such as cellulitis spread …": the example is the subject
    ex = _SUCH_AS.search(seg)
    if (
        ex is not None
        and singular(ex.group(1).lower()) in _CATEGORY_NOUNS
        and not re.search(r"\b(?:and|or)\b|,", ex.group(2))
    ):
        seg_start += ex.start(2)
        seg = ex.group(2).strip()
    # "Stones up to 15 mm wide usually pass …": the figure qualifies the predicate
    subject_q = None
    qm = _at_numbers(res.lex.unit_re, text, seg_start, pred)
    if (
        qm
        and qm[0].start() > seg_start
        and not all(
            w.lower() in _FILLER or w.lower() in _APPROX_WORDS for w in _WORD.findall(text[seg_start : qm[0].start()])
        )
    ):
        qs = qm[0].start()
        tail_m = _QUALIFIER_TAIL.search(text, seg_start, qs)
        cut = tail_m.start() if tail_m is not None else qs
        if cut > seg_start:
            subject_q = (cut, pred)
            seg = text[seg_start:cut].strip()
    # population words belong to the claim, not to the subject
    if res.lex.pop_re is not None:
        pm = res.lex.pop_re.search(seg)
        seg = res.lex.pop_re.sub(" ", seg)
        seg = re.sub(r"\b(?:in|among|for|of)\s*$", " ", seg.strip(), flags=re.I).strip()
        if pm is not None and all(w in _POP_FILLER for w in norm_phrase(seg).split()):
            # "Adults can take up to …", "Most healthy adults should not take …":
            # the people are the population; the figure is about the topic
            key, topic = res.topic(block)
            pop = res.lex.pop_of.get(norm_phrase(pm.group(0)), "")
            return _Clause(c0, c1, pred, key, topic, seg_start, pronoun=True, population=pop or "people", resolver=res)
    norm = norm_phrase(re.sub(r"\([^)]*\)", " ", seg)).strip(" ,.")
    norm = _LEAD_WORD_RE.sub("", norm)
    if len(norm.split()) > 2 and re.search(r"\s(?:to|of|from|with|for)\s+(?:it|them)$", norm):
        # "Serious allergic reactions to it": "it" is the topic
        label = res.topic(block)[1]
        if label:
            seg = re.sub(r"\b(?:it|them)\s*$", label, seg.strip())
            norm = norm_phrase(seg)
    if _ANAPHORA.match(norm):
        label = label or res.label_of(block)
        if label:
            return _Clause(c0, c1, pred, res.key(label), label, seg_start)
        if norm in _DEMONSTRATIVE and not first:
            return _Clause(c0, c1, pred, None, seg, seg_start)
        key, topic = res.topic(block)
        return _Clause(c0, c1, pred, key, topic or seg, seg_start, pronoun=True)
    if norm == "there":
        # only "there is no cure for X" says something about a subject
        m = re.search(r"\bfor\s+((?:[A-Za-z][\w'-]*\s*){1,5})", text[pred:c1])
        if m:
            return _Clause(c0, c1, pred, res.key(m.group(1)), m.group(1).strip(), seg_start, "curability")
        key, label = res.topic(block)
        return _Clause(c0, c1, pred, key, label, seg_start, "curability")
    words_ = norm.split()
    if (
        not words_
        or all(w.endswith("ly") or w in _FILLER for w in words_)
        or words_[0] in _RELATIVE_WORDS
        or words_[-1] in ("and", "or", "but", "who", "which", "that")
        or all(w in _EMPTY_HEADS or w in _DETERMINERS for w in words_)
        or words_[0] in _PEOPLE_START
        or re.search(r"\bof\s+(?:these|those|them|this|it)\b", norm)
    ):
        return _Clause(c0, c1, pred, None, seg, seg_start)
    if about:
        key = res.key(f"{seg} of {about}", block) if singular(norm.split()[-1]) in _ASPECTS else None
        return _Clause(c0, c1, pred, key, f"{seg} of {about}", seg_start) if key else None
    if subject_q is not None:
        return _Clause(c0, c1, pred, res.key(seg, block), seg, seg_start, subject_q=subject_q)
    if _MEASURED.fullmatch(norm):
        # "Your body temperature rises to …": the figure is about the topic
        key, topic = res.topic(block)
        return _Clause(c0, c1, pred, key, topic or seg, seg_start, pronoun=True)
    return _Clause(c0, c1, pred, res.key(seg, block), seg, seg_start, qualifier=qualifier)


_NOT_QUALIFIERS = _lazy(
    r"^\s*(?:although|though|despite|in\s+spite\s+of|while|if|when|because|since|as|like|unlike|however|also|in\s+addition|for\s+example|"
    r"for\s+instance|in\s+fact|in\s+general|generally|usually|typically|often|sometimes|rarely|overall|today|now|"
    r"then|later|first|finally|still|in\s+most\s+cases|in\s+some\s+cases|in\s+rare\s+cases|most\s+often|but|and|so|"
    r"in\s|among\s|during\s|outside\s|worldwide|globally|over\s+time|with\s+time|over\s+the\s+years|eventually)\b",
    re.IGNORECASE,
)


def _leading_qualifier(lead: str) -> str:
    """Comma phrases before the subject that narrow the claim ("Category II,
    moderately high risk, …"); discourse words and places ("However,", "In
    adults,", handled as populations) are not qualifiers."""
    parts = [p.strip(" *_") for p in re.split(r",", lead) if p.strip(" *_")]
    kept = [
        norm_phrase(p)
        for p in parts
        if not _NOT_QUALIFIERS.match(p) and _WORD.search(p) and not re.fullmatch(r"\s*\w+ly\s*", p)
    ]
    return " ".join(kept)


_PAST_NEXT = _lazy(
    r"\s*(?:$|[,;:.]|(?:the|a|an|their|its|his|her|your|by|to|with|in|on|for|from|of|no|\d)\b)", re.IGNORECASE
)


def _past_verb(chunk: str, w: re.Match[str]) -> bool:
    """ "Vitamin D reduced the risk …": a past-tense verb, told from an
    adjective ("affected individuals") by what follows it."""
    word = w.group(0).lower()
    if not word.endswith("ed") or len(word) < 5 or verb_lemma(word) == word:
        return False
    return bool(_PAST_NEXT.match(chunk, w.end()))


def _overlaps(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _finds(rx: re.Pattern[str] | None, text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(rx.finditer(text, start, end)) if rx is not None else []


def _attribute_claims(doc: Document, block: Block, cl: _Clause, lex: Lexicon) -> list[Claim]:
    text = block.text
    if lex.value_re is None:
        return []
    head = (cl.subject or "").split(":", 1)[-1].split(" ")[-1]
    if head in _EMPTY_HEADS:
        return []  # "the most common cause is …" describes the cause, not a condition
    found: list[tuple[re.Match[str], str, str]] = []
    hedges = [(h.start(), h.end()) for h in _finds(lex.strength_re, text, cl.pred, cl.end) if " " in h.group(0)]
    for m in lex.value_re.finditer(text, cl.pred, cl.end):
        if _COMPARATIVE.search(text, max(cl.start, m.start() - 12), m.start()):
            continue
        if " " not in m.group(0).strip() and not _predicative(text, m.end(), cl.end):
            continue  # "serious car crash injuries", "a common cold"
        if cl.pronoun and _EXTRAPOSED.match(text, m.end(), cl.end) and _copula_only(text[cl.pred : m.start()]):
            continue  # "it is not uncommon for children to …": "it" is no condition
        between = text[cl.pred : m.start()]
        # "…, which are not contagious" describes another noun; "… if seizures
        # last …" is a condition, not a claim
        if _RELATIVE.search(between) or _CONDITION.search(between) or _COMPARED.search(between):
            continue
        if hedges and _overlaps((m.start(), m.end()), hedges):
            continue  # "in rare cases" is a hedge, not how common it is
        for attr, value in lex.value_of.get(norm_phrase(m.group(0)), []):
            if cl.only is not None and attr != cl.only:
                continue
            if not _in_context(text, cl, m.start(), attr, lex):
                continue
            brx = lex.blockers_re.get(attr)
            if brx is not None and brx.search(text, cl.pred, m.start()):
                continue
            found.append((m, attr, value))
    if not found:
        return []
    # "benign or malignant", "temporary or chronic": a choice between values
    # asserts neither
    chosen = set()
    spans = sorted({(m.start(), m.end()) for m, _, _ in found})
    for (a0, a1), (b0, _) in itertools.pairwise(spans):
        if b0 >= a1 and _DISJUNCTION.match(text[a1:b0]):
            chosen |= {a0, b0}
    found = [f for f in found if f[0].start() not in chosen]
    # "benign or malignant", "temporary or chronic": two exclusive values of one
    # attribute in one clause state no single value
    by_attr: dict[str, set[str]] = {}
    for _, attr, value in found:
        by_attr.setdefault(attr, set()).add(value)
    mixed = set()
    for attr, values in by_attr.items():
        vs = sorted(values)
        for i, a in enumerate(vs):
            for b in vs[i + 1 :]:
                if a not in lex.ancestors(attr, b) and b not in lex.ancestors(attr, a):
                    mixed.add(attr)
    # "an infectious viral illness": the narrower value says it all
    broader = {(attr, a) for attr, values in by_attr.items() for v in values for a in lex.ancestors(attr, v)}
    pseudo = [(m.start(), m.end()) for m in _finds(lex.pseudo_re, text, cl.start, cl.end)]
    out = []
    used: set[tuple[str, str]] = set()
    for m, attr, value in found:
        if attr in mixed or (attr, value) in used or (attr, value) in broader:
            continue
        used.add((attr, value))
        vspan = (m.start(), m.end())
        negated, never = _negation(text, cl, vspan, pseudo, lex)
        strength = "always" if never else _strength(text, cl, vspan, pseudo, lex)
        pop = _qualified_population(text, cl, m.end(), lex)
        s, e = block.source_range(cl.subject_start, m.end())
        out.append(
            Claim(
                subject=cl.subject or "",
                subject_text=cl.subject_text,
                attribute=attr,
                value=value,
                value_text=m.group(0),
                negated=negated,
                strength=strength,
                population=pop,
                span=doc.span(s, e),
                start=s,
                end=e,
            )
        )
    return out


def _copula_only(between: str) -> bool:
    """ "is", "is not usually", "can be": nothing but a copula and fillers."""
    return all(w.lower() in _FILLER or w.lower() in _AUXILIARIES for w in _WORD.findall(between))


def _and_verb(between: str) -> bool:
    """ "… without warning and requires emergency treatment": a new verb after
    "and"/"or" starts a new predicate, outside the negation."""
    return any(m.group(1).lower() in _VERBS for m in re.finditer(r"\b(?:and|or)\s+(\w+)", between))


_FILLER = frozenset(
    "a an the this that its their his her your usually often mainly mostly commonly sometimes always also most "
    "generally typically not never very highly".split()
)


# after an adjective value, words that show it is not describing another noun
_PREDICATIVE_NEXT = frozenset(
    "in among for of to with by at on from during than and or but as because since so called that which who named "
    "known such like if when unless until after before throughout worldwide".split()
)
# nouns an adjective value may describe while still describing the subject
_HEAD_NOUNS = frozenset(
    "condition conditions disease diseases disorder disorders illness illnesses infection infections problem "
    "problems tumor tumors tumour tumours cancer cancers syndrome syndromes form forms type types growth growths "
    "case cases skin lung brain nerve blood health medical genetic inherited rash virus viruses bacteria damage "
    "harm changes disability scarring".split()
)


def _predicative(text: str, vend: int, cend: int) -> bool:
    """True when the value ends its phrase ("is rare.", "is rare in …") or
    describes a head noun such as "disease" ("a rare brain disorder")."""
    nxt = _WORD.findall(text[vend:cend])[:3]
    if not nxt or nxt[0].lower() in _PREDICATIVE_NEXT or nxt[0].lower() in _VERBS:
        return True
    if re.match(r"\s*[,.;:!?)]", text[vend:cend]):
        return True
    return any(w.lower() in _HEAD_NOUNS for w in nxt)


def _in_context(text: str, cl: _Clause, vstart: int, attr: str, lex: Lexicon) -> bool:
    """True when ``attr`` needs no context, or a context phrase ends within its
    window of words before the value (articles, hedges and "not" not counted)."""
    groups = lex.context_re.get(attr)
    if not groups:
        return True
    for rx, window in groups:
        for m in _finds(rx, text, cl.start, vstart):
            # "is a highly infectious viral illness", "is a common fungal
            # infection": a value of the lexicon before this one is no gap
            gap = [
                w
                for w in _WORD.findall(text[m.end() : vstart])
                if w.lower() not in _FILLER and w.lower() not in lex.value_of
            ]
            if len(gap) <= window:
                return True
    return False


def _negation(
    text: str, cl: _Clause, vspan: tuple[int, int], pseudo: list[tuple[int, int]], lex: Lexicon
) -> tuple[bool, bool]:
    """(negated, by "never") for the value at ``vspan``: a cue before it within
    the window with no terminator in between, or a post cue right after it."""
    negated = never = False
    for m in _finds(lex.neg_re, text, cl.start, vspan[0]):
        if _overlaps((m.start(), m.end()), pseudo) or _overlaps((m.start(), m.end()), [vspan]):
            continue
        between = text[m.end() : vspan[0]]
        if len(_WORD.findall(between)) > lex.window:
            continue
        if lex.term_re is not None and lex.term_re.search(between):
            continue
        if re.search(r"[;:,]", between) or _and_verb(between):
            continue
        negated = True
        never = never or m.group(0).lower() == "never"
    for m in _finds(lex.post_neg_re, text, vspan[1], min(cl.end, vspan[1] + 40)):
        if len(_WORD.findall(text[vspan[1] : m.start()])) <= 3:
            negated = True
    return negated, never


def _strength(text: str, cl: _Clause, vspan: tuple[int, int], pseudo: list[tuple[int, int]], lex: Lexicon) -> str:
    """The hedge nearest before the value ("usually", "can" …), else plain."""
    for s, e in pseudo:
        ph = norm_phrase(text[s:e])
        if ph.startswith(("not always", "not necessarily", "not all")) and e <= vspan[0]:
            return "can"
    best = "plain"
    for m in _finds(lex.strength_re, text, cl.start, vspan[0]):
        if _overlaps((m.start(), m.end()), pseudo):
            continue
        best = lex.strength_of.get(norm_phrase(m.group(0)), best)
    if best == "plain":
        # a trailing adverbial: "… is not serious in most cases"
        for m in _finds(lex.strength_re, text, vspan[1], cl.end):
            ph = norm_phrase(m.group(0))
            if " " in ph and not _overlaps((m.start(), m.end()), pseudo):
                return lex.strength_of.get(ph, best)
    return best


_TRAILING = _lazy(
    r"\s+((?:in|among|for|during|outside)\s+[^,;:()]{1,60}?)\s*(?=[,;:().!?]|\band\b|\bbut\b|\bwho\b|$)",
    re.IGNORECASE,
)
_LEADING = _lazy(r"\s*((?:in|among|during|outside)\s+[^,]{1,60}|worldwide|globally),", re.IGNORECASE)
_VAGUE_SPAN = _lazy(
    r"for\s+(?:a|an|the\s+next)\s+(?:(?:couple|few|several|little|short)\s+)?(?:of\s+)?"
    r"(?:while|minutes?|hours?|days?|nights?|weeks?|months?|years?)\b"
)
_NOT_PLACES = frozenset(
    "in fact|in general|in addition|in particular|in short|in most cases|in some cases|in rare cases|in many cases|"
    "in other words|in the past|in time".split("|")
)


def _qualified_population(text: str, cl: _Clause, vend: int, lex: Lexicon) -> str:
    """The population, refined by a place or group qualifier: "rare in the
    United States" and "common in warm, wet areas" are about different places,
    "common among older men" and "rare in men younger than 40" about different
    groups. A qualifier that is exactly a known population is just that."""
    base = _population(text, cl, lex)
    if cl.qualifier:
        base = f"{base}|{cl.qualifier}"
    m = _TRAILING.match(text, vend, cl.end)
    q = m.group(1) if m else None
    if q is not None and cl.only is not None:
        q = None  # "there is no cure for MS": "for MS" is the subject
    if q is None:
        lm = _LEADING.match(text, cl.start, cl.pred)
        q = lm.group(1) if lm else None
    if q is None:
        return base
    qn = norm_phrase(q)
    if qn in ("worldwide", "globally"):
        return f"{base}|worldwide"
    if qn in _NOT_PLACES or (lex.strength_re is not None and lex.strength_re.search(q)):
        return base
    if _VAGUE_SPAN.match(qn):
        return base  # "watched at home for a couple of days": how long, not for whom
    words = qn.split()[1:]
    while words and words[0] in _DETERMINERS:
        words.pop(0)
    rest = " ".join(words)
    if lex.pop_re is not None and lex.pop_re.fullmatch(rest):
        return lex.pop_of.get(rest, base)
    return f"{base}|{rest}" if base else f"|{rest}"


def _population(text: str, cl: _Clause, lex: Lexicon) -> str:
    for m in _finds(lex.pop_re, text, cl.start, cl.end):
        return lex.pop_of.get(norm_phrase(m.group(0)), "")
    return ""


def _figures(text: str, start: int, end: int, lex: Lexicon) -> list[_Found]:
    """Every figure with a unit in ``text[start:end]``, ranges joined."""
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []
    for m in _at_numbers(_RATIO, text, start, end):
        a, b = _number(m.group("a")), _number(m.group("b"))
        if a is None or not b:
            continue
        found.append((m.start(), m.end(), a / b, a / b, "ratio", False))
        taken.append((m.start(), m.end()))
    for m in _ages(text, start, end):
        a = _number(m.group("a"))
        b = _number(m.group("b")) if m.group("b") else a
        if a is None or b is None:
            continue
        found.append((m.start(), m.end(), a * 8766, b * 8766, "age", False))
        taken.append((m.start(), m.end()))
    for m in _A_UNIT_OR_TWO.finditer(text, start, end):
        # "within a day or two": one or two days
        spec = lex.unit_of.get(m.group("u").lower())
        if spec is not None:
            x, y = sorted((n + spec.offset) * spec.factor for n in (1.0, 2.0))
            found.append((m.start(), m.end(), x, y, spec.dimension, False))
            taken.append((m.start(), m.end()))
    for m in _at_numbers(lex.unit_re, text, start, end):
        if _overlaps((m.start(), m.end()), taken):
            continue
        unit = m.group("u")
        spec = lex.unit_of.get(unit.lower()) or lex.unit_of.get(re.sub(r"\s+", " ", unit.lower()))
        if spec is None:
            continue
        a = _number(m.group("a"))
        b = _number(m.group("b")) if m.group("b") else a
        if a is None or b is None:
            continue
        x, y = sorted(((a + spec.offset) * spec.factor, (b + spec.offset) * spec.factor))
        found.append((m.start(), m.end(), x, y, spec.dimension, False))
    return _join_ranges(text, sorted(found)) if found else []


_A_UNIT_OR_TWO = _lazy(r"(?<![\w.])an?\s+(?P<u>[a-z]+)\s+or\s+two(?![\w-])", re.IGNORECASE)
# "should not take more than 4,000 mg": a negated lower bound is an upper bound
_NOT_MORE = _lazy(
    r"\b(?:not|never|n['’]t)\s+(?:\w+\s+){0,2}?(?:(?:more|longer|higher|greater)\s+than|over|above|exceed)\s*$",
    re.IGNORECASE,
)
_NOT_LESS = _lazy(
    r"\b(?:not|never|n['’]t)\s+(?:\w+\s+){0,2}?(?:(?:less|shorter|lower|fewer)\s+than|under|below)\s*$",
    re.IGNORECASE,
)
# a figure right before one of these is no measure of its own ("30% of adults")
_NOT_MEASURED = frozenset(
    "of or and to in a an the per each every for at on by from with than times more less after before".split()
)


def _quantity_claims(doc: Document, block: Block, cl: _Clause, lex: Lexicon, res: Any = None) -> list[Claim]:
    text = block.text
    resolver = cl.resolver or res
    if cl.only is not None:
        return []
    found = _figures(text, cl.pred, cl.end, lex)
    in_subject = _figures(text, *cl.subject_q, lex) if cl.subject_q is not None else []
    if not found and not in_subject:
        return []
    pseudo = [(m.start(), m.end()) for m in _finds(lex.pseudo_re, text, cl.start, cl.end)]
    out = []
    verb = cl.verb or _main_verb(text, cl.pred, cl.end)
    for qs, qe, lo_, hi_, dim, _ in in_subject + found:
        from_subject = qs < cl.pred
        definition = _DEFINITION.match(text, cl.pred, qs)
        if (
            not from_subject
            and not definition
            and (_CONDITION.search(text, cl.pred, qs) or _RELATIVE.search(text, cl.pred, qs))
        ):
            continue
        lo: float | None = lo_
        hi: float | None = hi_
        before = text[max(cl.start, qs - 25) : qs]
        approx = bool(lex.approx_before and lex.approx_before.search(before))
        after = text[qe : min(cl.end, qe + 12)].lower()
        flipped = False
        if _NOT_MORE.search(text[max(cl.start, qs - 40) : qs]):
            lo, flipped = None, True
        elif _NOT_LESS.search(text[max(cl.start, qs - 40) : qs]):
            hi, flipped = None, True
        elif _before(lex.at_most_before, before) or re.match(r"\s*or\s+(?:less|fewer|smaller|under|below)\b", after):
            lo = None
        elif _before(lex.at_least_before, before) or re.match(r"\s*or\s+(?:more|longer|higher|above|over)\b", after):
            hi = None
        elif re.search(r"\b(?:smaller|shorter|lower|younger)\s+than\s*$", before, re.IGNORECASE):
            lo = None
        elif re.search(r"\b(?:larger|bigger|longer|higher|older|greater)\s+than\s*$", before, re.IGNORECASE):
            hi = None
        if from_subject:
            if not verb:
                continue
            measure: str | None = f"{dim}|{verb}"
        elif cl.verb:
            head = _words(cl.subject_text)[-1] if _words(cl.subject_text) else ""
            rel = cl.relation or _relation(text, cl.pred, qs)
            # "use a hand sanitizer that contains at least 60% alcohol": the figure measures the alcohol
            measure = _open_measure(text, qe, cl.end, dim) or f"{dim}|do:{cl.verb}:{singular(head)}:{rel}"
        else:
            measure = _measure(text, cl, qs, qe, dim, lex) or _open_measure(text, qe, cl.end, dim)
            if measure is None and verb and verb not in _WEAK_VERBS:
                # "recommended for adults aged 50 and over": the figure of that predicate
                measure = f"{dim}|{verb}"
        if measure is None:
            continue
        if not flipped:
            negated, _never = _negation(text, cl, (qs, qe), pseudo, lex)
            if negated:
                continue  # "does not last more than …" is too easy to misread
        strength = _strength(text, cl, (qs, qe), pseudo, lex)
        if strength == "can" and lo is None and hi is not None and measure == "dose":
            strength = "plain"  # "adults can take up to 4,000 mg a day" states the limit
        subject, subject_text = cl.subject or "", cl.subject_text
        if cl.population or (dim == "mass" and not from_subject and not cl.verb):
            # "Adults can take up to 6,000 mg of acetaminophen", "the standard
            # supplement is 10 micrograms of vitamin D": the substance is named
            # after the figure
            of = re.match(
                r"\s+of\s+((?:(?!(?:a|an|per|each|every|in|daily|or|and|for|to)\b)[A-Za-z][\w'-]*\s?){1,3})",
                text[qe : cl.end],
                re.I,
            )
            if of is not None and resolver is not None:
                k = resolver.key(of.group(1).strip())
                if k is not None and not _generic_words(_words(of.group(1))):
                    subject, subject_text = k, of.group(1).strip()
        population = cl.population or _qualified_population(text, cl, qe, lex)
        start = cl.subject_start
        out.append(
            dataclasses.replace(
                _claim(
                    doc,
                    block,
                    subject,
                    subject_text,
                    start,
                    max(qe, cl.pred) if from_subject else qe,
                    "q:" + measure,
                    "",
                    text[qs:qe],
                    False,
                    strength,
                    population,
                ),
                low=lo,
                high=hi,
                approx=approx,
            )
        )
    return out


_RELATIONS = frozenset("after before every for within in at by until".split())


def _relation(text: str, start: int, qs: int) -> str:
    """The word that ties a figure to an instruction: "again after 15
    minutes" (after), "15 minutes before you go out" (before), "every 2 hours"."""
    words = [w.lower() for w in _WORD.findall(text[start:qs])][-4:]
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if w in _RELATIONS and not (w == "at" and words[i + 1 : i + 2] in (["least"], ["most"])):
            return w
    return ""


def _main_verb(text: str, start: int, end: int) -> str:
    """The lemma of the first content verb of a predicate ("usually pass" → "pass")."""
    for w in _WORD.finditer(text, start, end):
        t = w.group(0).lower()
        if t in _AUXILIARIES or t in _FILLER:
            continue
        return verb_lemma(t)
    return ""


# "Heat stroke is when your body temperature goes above 38°C": a definition, not a condition
_DEFINITION = _lazy(r"(?:is|are|happens|occurs)\s+when\b(?![^.;]*\b(?:if|unless|when)\b)", re.IGNORECASE)

# verbs too general to say what a figure measures
_WEAK_VERBS = frozenset("be have get include make take go come do affect occur happen see use".split())

_AUXILIARIES = frozenset(
    "is are was were be been being can could may might will would should must shall do does did has have had to".split()
)


def _open_measure(text: str, qe: int, end: int, dim: str) -> str | None:
    """A figure with no measure cue is measured by the noun it counts:
    "at least 60% alcohol" → ``ratio|alcohol``."""
    m = re.match(r"\s+([a-z][a-z-]{2,})\b", text[qe:end])
    if m is None or m.group(1) in _NOT_MEASURED or m.group(1) in _AUXILIARIES or m.group(1) in _VERBS:
        return None
    return f"{dim}|{singular(m.group(1))}"


_RANGE_JOIN = _lazy(r"\s*(?:to|-|–|—|and|or)\s*$", re.IGNORECASE)
_Found = tuple[int, int, "float | None", "float | None", str, bool]


_NUM_START = _lazy(r"(?<![\w./])(?:\d|(?:" + "|".join(_WORD_NUMBERS) + r")\b)", re.IGNORECASE)


def _at_numbers(rx: re.Pattern[str], text: str, start: int, end: int) -> list[re.Match[str]]:
    """Matches of ``rx`` that start at a number: anchored tries at the few
    number positions instead of a search of the whole clause (the unit
    alternation is long)."""
    out: list[re.Match[str]] = []
    for n in _NUM_START.finditer(text, start, end):
        if out and n.start() < out[-1].end():
            continue
        m = rx.match(text, n.start(), end)
        if m is not None:
            out.append(m)
    return out


def _ages(text: str, start: int, end: int) -> list[re.Match[str]]:
    if "age" not in text[start:end].lower():
        return []
    return list(_AGE.finditer(text, start, end))


def _join_ranges(text: str, found: list[_Found]) -> list[_Found]:
    """ "from 30 seconds to 2 minutes", "1 in 15,000 to 1 in 40,000": two
    figures joined by "to" are one range."""
    out: list[_Found] = []
    for f in found:
        if out:
            p = out[-1]
            if (
                p[4] == f[4]
                and p[1] <= f[0]
                and _RANGE_JOIN.match(text, p[1], f[0])
                and _RANGE_JOIN.fullmatch(text[p[1] : f[0]])
            ):
                lows = [x for x in (p[2], f[2]) if x is not None]
                highs = [x for x in (p[3], f[3]) if x is not None]
                out[-1] = (p[0], f[1], min(lows) if lows else None, max(highs) if highs else None, f[4], p[5] or f[5])
                continue
        out.append(f)
    return out


def _before(rx: re.Pattern[str] | None, text: str) -> bool:
    return bool(rx is not None and rx.search(text))


def _measure(text: str, cl: _Clause, qs: int, qe: int, dim: str, lex: Lexicon) -> str | None:
    """The measure whose cue is nearest to the quantity in its clause."""
    if dim == "age":
        req = lex.measure_requires.get("onset-age")
        if "onset-age" not in lex.measures or (req is not None and not req.search(text, cl.start, cl.end)):
            return None
        return "onset-age"
    best: tuple[int, str] | None = None
    for spec, rx in lex.measure_res:
        if spec.dimension != dim or rx is None:
            continue
        req = lex.measure_requires.get(spec.id)
        if req is not None and not req.search(text, cl.start, cl.end):
            continue
        for m in rx.finditer(text, cl.start, cl.end):
            if m.start() < qe and qs < m.end() and spec.id != "onset-age":
                continue
            d = qs - m.end() if m.end() <= qs else m.start() - qe
            if best is None or abs(d) < best[0]:
                best = (abs(d), spec.id)
    return best[1] if best else None


# ---------------------------------------------------------------------------
# Lemmas


def verb_lemma_rule(word: str) -> str:
    """The lemma of a regular English verb form by its suffix ("spreads" →
    "spread", "carried" → "carry", "stopped" → "stop"). Irregular and
    ambiguous forms come from ``rules/lemmas.txt`` (see ``verb_lemma``)."""
    w = word.lower()
    if len(w) <= 3:
        return w
    if w.endswith("ies") or w.endswith("ied"):
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes", "zes", "oes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    for suffix in ("ed", "ing"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 2:
            stem = w[: -len(suffix)]
            if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                return stem[:-1]
            if stem.endswith(("at", "iz", "is", "ov", "iv", "uc", "ur", "us", "ag", "ud", "ak", "ok", "ip")):
                return stem + "e"
            return stem
    return w


_VERB_TABLE: dict[str, str] | None = None


def verb_lemma(word: str) -> str:
    """The lemma of a verb form: the shipped table of irregular forms
    (``rules/lemmas.txt``, from the NLM SPECIALIST Lexicon via lemminflect),
    else the suffix rule. The table is read on first use."""
    global _VERB_TABLE
    if _VERB_TABLE is None:
        _VERB_TABLE = {}
        try:
            path = packs.default_rules_dir() / "lemmas.txt"
            for line in path.read_text(encoding="utf-8").splitlines():
                if line and not line.startswith("#"):
                    form, _, lemma = line.partition(" ")
                    _VERB_TABLE[form] = lemma
        except OSError:
            pass  # without the table, the rule alone
    w = word.lower().replace("’", "'")
    return _VERB_TABLE.get(w) or verb_lemma_rule(w)


# ---------------------------------------------------------------------------
# Open frames: instructions, locations, conditions, and a few constructions
# that name their subject away from the start of the sentence

# verbs an instruction starts with ("Take …", "Wash …", "Do not give …")
_IMPERATIVE_VERBS = frozenset(
    """take give wash use keep save store check press inject apply put drink eat rest wait stop start choose clean
    cover rinse hold place lie let leave throw share finish follow carry cool soak scratch squeeze pop rub massage
    lift raise elevate swallow chew remove wear bring call go see seek ask tell get try avoid repeat treat stay
    sit stand push pull tilt lean pinch breathe cut shave burst drain open close wrap change replace inject
    spray empty fill mix dilute crush split break drive touch pick bend walk exercise sleep smoke quit limit talk
    contact visit read watch monitor measure weigh test protect shower bathe dry moisturize stretch blow brush floss
    gargle dab pat ice heat warm schedule prepare pack return refrigerate freeze cook boil discard dispose reheat
    massage squeeze""".split()
)
# words after which an instruction's object stops
_OBJ_STOP = frozenset(
    """with in on at for from to into onto against by until before after during within under over about through
    right away now again immediately firmly gently well carefully often daily regularly straight quickly slowly
    up down out off and or but so because if when unless that which who as than even only also too more less
    as soon there here once twice every each per back of""".split()
)
_OBJ_DETERMINERS = frozenset("the a an your their his her its this that these those any some all my our".split())
# parts of the thing a page is about: "Press the tip …" on an auto-injector page
_PART_WORDS = frozenset("tip end cap needle lid plunger button nozzle top bottom side edge".split())
_FRAME_WORDS = frozenset(
    """left right inner outer upper lower inside outside front catch recover cause causes caused such
    not never don't dont avoid always""".split()
)
_IF_THEN = _lazy(r"\s*(?:if|when)\s+(?P<cond>[^,;:]{3,150}?),\s+(?=\S)", re.IGNORECASE)
# "After you treat low blood sugar, wait …": a time clause sets no condition
_IF_TAIL = _lazy(r"(?<!\beven)\s(?:if|unless)\s+(?P<cond>[^,;:]{3,150})", re.IGNORECASE)
_TIME_LEAD = _lazy(r"\s*(?:after|before|once|as\s+soon\s+as|while)\s+[^,;:]{3,120}?,\s+(?=\S)", re.IGNORECASE)
_OPEN_PROPERTY = _lazy(r"q:[a-z]+\|[a-z-]+")
_SUCH_AS = _lazy(r"\b(\w+)\s*,?\s+such\s+as\s+(.+)$", re.IGNORECASE)
# classes of conditions whose example can stand for them as a subject
_CATEGORY_NOUNS = frozenset("infection disease condition illness disorder problem virus".split())
_QUALIFIER_TAIL = _lazy(
    r"\s+(?:up\s+to|less\s+than|smaller\s+than|larger\s+than|bigger\s+than|more\s+than|under|over|of|at\s+least|"
    r"at\s+most|about|around|below|above)\s*$",
    re.IGNORECASE,
)
# "This is called a febrile seizure.": the name the next sentence refers to
_CALLED = _lazy(r"^(?:this|it|that)\s+is\s+(?:called|known\s+as)\s+(?:an?\s+|the\s+)?([^.,;:()]{2,60}?)\s*[.!]?$", re.I)
_IN_CALLED = _lazy(r"\s*in\s+(?:an?\s+|the\s+)?[^,]{2,40},\s*(?:called|known\s+as)\s+([^,]{2,40}),\s*", re.IGNORECASE)
_APPROX_WORDS = frozenset(
    "about around approximately roughly nearly almost only just some up to in between over under".split()
)
_POP_FILLER = frozenset("most many some all healthy young older the otherwise average-risk typical".split())
_MEASURED = _lazy(r"(?:your|the|their|a)?\s*(?:core\s+|body\s+)?temperature", re.IGNORECASE)
_CONDITION_STOP = frozenset("you your the a an it they is are be have has do does if when then and or".split())


# words that make a sentence worth reading as open frames: a denial, a change
# up or down; else the sentence must name the page topic or a condition
_OPEN_CUES = frozenset(
    """not no never cannot can't don't doesn't didn't isn't aren't won't without increase increases increased
    decrease decreases decreased reduce reduces reduced raise raises raised lower lowers lowered improve improves
    improved worsen worsens worsened reduction rise drop""".split()
)


def _condition_key(cond: str) -> str:
    """The words of a condition that decide it: lemmas, negation kept
    ("the rash does not fade" → "not rash fade")."""
    words = [w.lower() for w in _WORD.findall(cond)]
    neg = any(w in ("not", "no", "never", "doesn't", "don't", "isn't", "can't", "cannot") for w in words)
    keep = sorted({verb_lemma(singular(w)) for w in words if w not in _CONDITION_STOP and w not in _NEGATION_WORDS})
    return ("not " if neg else "") + " ".join(keep)


_NEGATION_WORDS = frozenset("not no never doesn't don't isn't can't cannot doesnt dont isnt cant".split())


def _imperative(
    text: str, c0: int, c1: int, block: Block, res: SubjectResolver, prev: _Clause | None
) -> _Clause | None:
    """An instruction ("Wash the bite …", "Do not give aspirin …"): the
    subject is its object, "it"/"them"/"one" resolved to what came before."""
    m = _IMPERATIVE_START.match(text, c0, c1)
    if m is None or res.conditional_list(block):
        return None
    verb = m.group("verb")
    neg = bool(m.group("neg"))
    if m.group("neg") and m.group("neg").lower().startswith("avoid"):
        if not verb.lower().endswith("ing"):
            return None  # "Avoid juice": no verb to negate
        lemma = verb_lemma(verb)
    else:
        lemma = verb.lower()
        if verb_lemma(verb) != lemma:
            return None  # "Takes …" is no instruction
    if lemma not in _IMPERATIVE_VERBS:
        return None
    nxt = _WORD.match(text, m.end() + 1) if m.end() < c1 else None
    if nxt is not None and nxt.group(0).lower() in _VERBS:
        return None  # "Rest is important": a noun, not an instruction
    after = list(_WORD.finditer(text, m.end(), c1))[:3]
    if len(after) >= 2 and after[1].group(0).lower() in _COPULAS | _MODALS:
        return None  # "Heat stroke is …", "Ice packs can …": a subject, not an instruction
    if lemma == "wait":
        # "wait at least 2 hours before you check your blood sugar": the action is the later verb
        w = re.compile(r"[^.;]*?\bbefore\s+(?:you\s+|they\s+)?(\w+)", re.I).match(text, m.end(), c1)
        if w is not None and w.group(1).lower() in _IMPERATIVE_VERBS:
            lemma = w.group(1).lower()
            obj_at = w.end()
        else:
            return None
    else:
        obj_at = m.end()
    obj_text, obj_start = _object(text, obj_at, c1)
    if not obj_text:
        # "Do not drive to the hospital": the place is what the instruction is about
        tm = re.match(r"\s+(?:to|into|onto|on|in)\s+", text[obj_at:c1])
        if tm is not None:
            obj_text, obj_start = _object(text, obj_at + tm.end(), c1)
    low = obj_text.lower()
    has_object = bool(obj_text)
    if not obj_text or low in _PART_WORDS:
        key, label = res.topic(block)
        obj_text = label
    elif low in ("it", "them", "one", "this", "these", "they"):
        key, label = res.antecedent(block, c0, prev)
        obj_text = label
    else:
        definite = re.match(r"\s*the\s", text[obj_at : obj_start + 1], re.IGNORECASE) is not None
        key = res.key(res.expand(obj_text) if definite else obj_text, block)
    if key is None:
        return None
    always = m.group("always") is not None or (m.group("neg") or "").lower().startswith("never")
    return _Clause(
        c0,
        c1,
        m.start("verb"),
        key,
        obj_text,
        obj_start if obj_text else m.start("verb"),
        verb=lemma,
        neg=neg,
        always=always,
        has_object=has_object,
        relation="after" if m.group("verb").lower() == "wait" else "",
    )


_IMPERATIVE_START = _lazy(
    r"\s*(?:\d+[.)]\s*)?(?:(?:please|also|then|now|first|next|instead|so)\s+)*(?P<always>always\s+)?"
    r"(?P<neg>(?:do\s+not|don['’]t|dont|never|avoid)\s+)?(?P<verb>[A-Za-z]+)\b",
    re.IGNORECASE,
)


def _object(text: str, start: int, end: int) -> tuple[str, int]:
    """The noun phrase right after an instruction's verb: up to four words,
    without determiners, stopping at a preposition, adverb or punctuation."""
    words: list[re.Match[str]] = []
    for w in re.compile(r"[A-Za-z][\w'’-]*|[^\sA-Za-z]").finditer(text, start, end):
        t = w.group(0).lower()
        if not t[0].isalpha():
            break
        if not words and t in _OBJ_DETERMINERS:
            continue
        if t in _OBJ_STOP or (t in _IMPERATIVE_VERBS and words):
            break
        words.append(w)
        if len(words) == 4:
            break
    if not words:
        return "", start
    return text[words[0].start() : words[-1].end()], words[0].start()


def _claim(
    doc: Document,
    block: Block,
    subject: str,
    subject_text: str,
    start: int,
    end: int,
    attribute: str,
    value: str,
    value_text: str,
    negated: bool,
    strength: str,
    population: str = "",
) -> Claim:
    s, e = block.source_range(start, end)
    return Claim(
        subject=subject,
        subject_text=subject_text,
        attribute=attribute,
        value=value,
        value_text=value_text,
        negated=negated,
        strength=strength,
        population=population,
        span=doc.span(s, e),
        start=s,
        end=e,
    )


# body parts and the axes a location on them is given on
_BODY_PARTS = {
    "belly": "abdomen",
    "tummy": "abdomen",
    "abdomen": "abdomen",
    "stomach": "abdomen",
    "abdominal": "abdomen",
    "thigh": "thigh",
    "arm": "arm",
    "upper arm": "arm",
    "leg": "leg",
    "chest": "chest",
    "back": "back",
    "head": "head",
    "neck": "neck",
    "hand": "hand",
    "foot": "foot",
    "eye": "eye",
    "ear": "ear",
    "body": "body",
    "brain": "brain",
    "heart": "heart",
    "lung": "lung",
    "kidney": "kidney",
    "face": "face",
    "jaw": "jaw",
    "shoulder": "shoulder",
    "hip": "hip",
    "knee": "knee",
    "ankle": "ankle",
    "wrist": "wrist",
    "elbow": "elbow",
    "buttock": "buttock",
    "groin": "groin",
    "breast": "breast",
    "pelvis": "pelvis",
    "throat": "throat",
    "heel": "heel",
    "calf": "calf",
    "forearm": "forearm",
    "scalp": "scalp",
}
_SIDES = {
    "left": ("lr", "left"),
    "right": ("lr", "right"),
    "inner": ("io", "inner"),
    "inside": ("io", "inner"),
    "outer": ("io", "outer"),
    "outside": ("io", "outer"),
    "upper": ("ud", "upper"),
    "lower": ("ud", "lower"),
    "top": ("ud", "upper"),
    "bottom": ("ud", "lower"),
    "front": ("fb", "front"),
    "back": ("fb", "back"),
}
_LOCATION = _lazy(
    r"\b(?P<sides>(?:(?:left|right|inner|outer|inside|outside|upper|lower|top|bottom|front|back)[\s-]+){1,2})"
    r"(?:hand[\s-]+(?=side))?(?:(?:side|part|half|area|portion|corner|region|quadrant|surface)s?\s+)?(?:of\s+)?"
    r"(?:(?:the|your|their|his|her|a|one)\s+)?(?P<part>"
    + "|".join(sorted(_BODY_PARTS, key=len, reverse=True))
    + r")s?\b",
    re.IGNORECASE,
)


def _location_claims(doc: Document, block: Block, cl: _Clause, lex: Lexicon) -> list[Claim]:
    """Where something is or goes on the body: "the lower right side of your
    belly", "the middle of the outer thigh". Two sides of one axis exclude
    each other (left/right, inner/outer, upper/lower, front/back)."""
    text = block.text
    out: list[Claim] = []
    pseudo: list[tuple[int, int]] = []
    for m in _LOCATION.finditer(text, cl.pred, cl.end):
        part = _BODY_PARTS[m.group("part").lower()]
        if m.group("part").lower() == "hand" and re.match(r"[\s-]*sides?\b", text[m.end() : m.end() + 8], re.I):
            continue  # "the lower right-hand side" names a side, not a hand
        sides = m.group("sides").lower().split()
        if _CONDITION.search(text, cl.pred, m.start()) or _RELATIVE.search(text, cl.pred, m.start()):
            continue
        # "one side or both", "left or right": a choice states no side
        if re.match(r"\s*(?:or|and|/)\s", text[m.end() : m.end() + 6]) or re.search(
            r"\b(?:or|and)\s+$", text[max(cl.pred, m.start() - 8) : m.start()]
        ):
            continue
        negated, _never = _negation(text, cl, (m.start(), m.end()), pseudo, lex)
        if negated:
            continue  # "not on the left side" leaves the side open
        strength = "always" if cl.always else _strength(text, cl, (m.start(), m.end()), pseudo, lex)
        axes: dict[str, str] = {}
        for w in sides:
            w = w.strip("-")
            if w in _SIDES:
                axis, side = _SIDES[w]
                if axis in axes and axes[axis] != side:
                    break
                axes[axis] = side
        else:
            for axis, side in axes.items():
                if part == "back" and axis == "fb":
                    continue
                out.append(
                    _claim(
                        doc,
                        block,
                        cl.subject or "",
                        cl.subject_text,
                        cl.subject_start,
                        m.end(),
                        f"loc:{part}:{axis}",
                        side,
                        m.group(0),
                        False,
                        strength,
                        _population(text, cl, lex),
                    )
                )
    return out


def _do_claims(doc: Document, block: Block, cl: _Clause, lex: Lexicon) -> list[Claim]:
    """An instruction as a claim: "Wash the bite …" and "Do not wash an
    animal bite …" are the same action on the same thing, one done and one
    forbidden. The value is what it is done with ("with water"), so an
    instruction about another instrument does not conflict."""
    text = block.text
    head = singular(_words(cl.subject_text)[-1]) if _words(cl.subject_text) else ""
    if not head or not cl.has_object:
        return []
    clause = text[cl.start : cl.end]
    if _EXCEPTION.search(clause) or _NOT_MORE_AHEAD.search(clause):
        return []  # "… unless a doctor tells you to", "Do not take more than …" (a limit, not a ban)
    population = _population(text, cl, lex)
    age = _AGE_QUALIFIER.search(clause)
    if age is not None:
        population += "|" + norm_phrase(age.group(0))
    with_ = re.search(
        r"\bwith\s+(?:(?:a|an|the|some|plenty\s+of|lots\s+of|clean|cool|cold|warm|hot|running|plain)\s+)*(\w+)",
        text[cl.pred : cl.end],
        re.IGNORECASE,
    )
    instrument = with_.group(1).lower() if with_ else ""
    strength = "always" if cl.always else "plain"
    return [
        _claim(
            doc,
            block,
            cl.subject or "",
            cl.subject_text,
            cl.start,
            cl.end,
            f"do:{cl.verb}:{head}",
            instrument,
            text[cl.start : cl.end].strip(),
            cl.neg,
            strength,
            population,
        )
    ]


_EXCEPTION = _lazy(r"\b(?:unless|except|other\s+than)\b", re.IGNORECASE)
_NOT_MORE_AHEAD = _lazy(
    r"\b(?:more|less|longer|fewer)\s+than\b|\b(?:any\s+more|too\s+much|too\s+many)\b", re.IGNORECASE
)
_AGE_QUALIFIER = _lazy(
    r"\b(?:younger|older)\s+than\s+\w+(?:\s+(?:months?|years?|weeks?))?|\b(?:under|over|aged?)\s+(?:the\s+age\s+of\s+)?\d+"
    r"(?:\s+(?:months?|years?|weeks?))?",
    re.IGNORECASE,
)


_CATCH = _lazy(
    r"\b(?:catch|get|pick\s+up)\s+(?P<x>[A-Za-z][\w'’ -]{1,40}?)\s+from\s+(?:another\s+person|other\s+people|others|"
    r"someone(?:\s+else)?|an?\s+(?:infected\s+|sick\s+)?(?:person|child|adult)|each\s+other|people)\b",
    re.IGNORECASE,
)
_RECOVER = _lazy(
    r"\b(?:people|patients|children|adults|kids|they)\s+(?:\w+\s+){0,2}?(?:recover|get\s+better)\s+"
    r"(?:fully|completely)\s+from\s+(?P<x>(?:a|an|the|their|your)?\s*[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,3}?)"
    r"(?=\s+(?:within|in|after|by|without)\b|[,.;]|$)",
    re.IGNORECASE,
)
_AGENTS = {
    "virus": "virus",
    "viruses": "virus",
    "bacteria": "bacteria",
    "bacterium": "bacteria",
    "fungi": "fungus",
    "fungus": "fungus",
    "parasites": "parasite",
    "parasite": "parasite",
}
_CAUSE_LIST = _lazy(
    r"\b(?P<agent>viruses|virus|bacteria|bacterium|fungi|fungus|parasites|parasite)\s*,?\s+(?:such\s+as\s+(?:those|the\s+ones)\s+)?"
    r"(?:that|which)\s+(?:can\s+|usually\s+|often\s+|also\s+)?cause\s+(?P<list>[^.;:()]+)",
    re.IGNORECASE,
)


def _pattern_claims(doc: Document, block: Block, s0: int, s1: int, lex: Lexicon, res: SubjectResolver) -> list[Claim]:
    """Constructions whose subject is not where a subject usually is:
    "You cannot catch X from another person" (X is not contagious), "Most
    people recover fully from X" (X does not last), "viruses that cause colds,
    flu and croup" (each is caused by a virus)."""
    text = block.text
    out: list[Claim] = []
    for m in _CATCH.finditer(text, s0, s1):
        key, label = _pattern_subject(m.group("x"), block, res)
        if key is None:
            continue
        cl = _Clause(s0, m.end(), s0, key, label, m.start("x"))
        negated, _never = _negation(text, cl, (m.start(), m.end()), [], lex)
        strength = _strength(text, cl, (m.start(), m.end()), [], lex)
        out.append(
            _claim(doc, block, key, label, s0, m.end(), "contagion", "contagious", m.group(0), negated, strength)
        )
    for m in _RECOVER.finditer(text, s0, s1):
        key, label = _pattern_subject(m.group("x"), block, res)
        if key is None:
            continue
        cl = _Clause(s0, m.end(), s0, key, label, m.start("x"))
        negated, _never = _negation(text, cl, (m.start(), m.end()), [], lex)
        most = re.search(r"\bmost\b", text[s0 : m.start() + 12], re.IGNORECASE)
        strength = "usually" if most else _strength(text, cl, (m.start(), m.end()), [], lex)
        if "permanence" in lex.attributes:
            out.append(
                _claim(doc, block, key, label, s0, m.end(), "permanence", "temporary", m.group(0), negated, strength)
            )
    for m in _CAUSE_LIST.finditer(text, s0, s1):
        agent = _AGENTS[m.group("agent").lower()]
        if re.search(
            r"\b(?:other|some|many|several|certain|most|of|these|those|the|include|including|two|three)\s+$",
            text[max(s0, m.start() - 14) : m.start()],
            re.I,
        ):
            # "Other viruses that cause pneumonia include …", "a type of bacteria
            # that can cause …": some of its causes, not the cause
            continue
        if "cause" not in lex.attributes or lex.value("cause", agent) is None:
            continue
        lst = m.group("list")
        verb = next((w for w in _WORD.finditer(lst) if w.group(0).lower() in _VERBS), None)
        if verb is not None:
            lst = lst[: verb.start()]  # "bacteria that cause gonorrhea can infect …"
        items = re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", lst.strip())
        for it in items:
            it = it.strip()
            if not it or len(it.split()) > 4:
                break
            key, label = _pattern_subject(it, block, res)
            if key is None:
                continue
            out.append(
                _claim(doc, block, key, label, m.start(), m.end(), "cause", agent, m.group("agent"), False, "plain")
            )
    return out


_PEOPLE = (
    r"(?:young\s+|older\s+|healthy\s+)?"
    r"(?:people|persons|children|kids|adults|babies|infants|women|men|americans|teens|teenagers|newborns)"
)
_SHARE = _lazy(
    r"\b(?P<approx>(?:only\s+)?(?:about|around|approximately|roughly|nearly|almost|an\s+estimated)\s+)?"
    r"(?P<a>" + _NUMBER + r")\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<b>" + _NUMBER + r")\s+(?P<who>" + _PEOPLE + r")\b"
    r"(?:\s+(?:will|ever|also|eventually|may|can|usually|each\s+year))*\s+"
    r"(?P<verb>have|has|had|get|gets|develop|develops|experience|experiences)\s+(?:at\s+least\s+)?",
    re.IGNORECASE,
)


_COUNT = _lazy(
    r"\b(?P<approx>(?:about|around|approximately|roughly|nearly|almost|an\s+estimated|more\s+than|over)\s+)?"
    r"(?P<a>"
    + _NUMBER
    + r")(?:\s*(?:to|-|–)\s*(?P<b>"
    + _NUMBER
    + r"))?\s+(?P<who>people|persons|americans|adults|children|"
    r"women|men|babies|infants|newborns|patients)(?:\s+in\s+the\s+(?:united\s+states|us|u\.s\.|uk|world))?"
    r"(?P<yearly>\s+(?:each|every|a|per)\s+year)?\s+(?:(?:will|currently|now|still)\s+)?"
    r"(?P<verb>have|has|get|develop|are\s+living\s+with|live\s+with|are\s+affected\s+by|die\s+(?:from|of)|are\s+diagnosed\s+with)\s+",
    re.IGNORECASE,
)


def _count_claims(doc: Document, block: Block, s0: int, s1: int, lex: Lexicon, res: SubjectResolver) -> list[Claim]:
    """ "Approximately 100,000 Americans have sickle cell disease": how many
    people have it (or get it each year, or die of it)."""
    text = block.text
    out: list[Claim] = []
    for m in _COUNT.finditer(text, s0, s1):
        a = _number(m.group("a"))
        b = _number(m.group("b")) if m.group("b") else a
        if a is None or b is None or a < 100:
            continue  # "2 people": no population figure
        obj, _ = _object(text, m.end(), s1)
        if not obj:
            continue
        if obj.lower() in ("it", "this", "this condition", "the condition", "the disease"):
            key, label = res.topic(block)
        else:
            key, label = res.key(obj, block), obj
        if key is None:
            continue
        what = "deaths" if m.group("verb").lower().startswith("die") else "count"
        what += "-yearly" if m.group("yearly") else ""
        approx = m.group("approx") or ""
        lo, hi = min(a, b), max(a, b)
        if approx.lower().startswith(("more", "over")):
            hi = None  # type: ignore[assignment]
        claim = _claim(
            doc, block, key, label, m.start(), m.end() + len(obj), f"q:{what}", "", m.group(0).strip(), False, "plain"
        )
        out.append(dataclasses.replace(claim, low=lo, high=hi, approx=bool(approx)))
    return out


def _share_claims(doc: Document, block: Block, s0: int, s1: int, lex: Lexicon, res: SubjectResolver) -> list[Claim]:
    """ "About 1 in 25 children will have at least one": how common the
    thing had is, for that group ("one" and "it" mean what came before)."""
    text = block.text
    out: list[Claim] = []
    if "prevalence" not in lex.measures:
        return out
    for m in _SHARE.finditer(text, s0, s1):
        a, b = _number(m.group("a")), _number(m.group("b"))
        if a is None or not b:
            continue
        obj, _ = _object(text, m.end(), s1)
        low = obj.lower()
        if not obj:
            continue
        if low in ("one", "it", "this", "them", "one of them"):
            key, label = res.antecedent(block, m.start(), None)
        else:
            key, label = res.key(obj, block), obj
        if key is None:
            continue
        pop = lex.pop_of.get(norm_phrase(m.group("who").split()[-1]), "")
        claim = _claim(
            doc,
            block,
            key,
            label,
            m.start(),
            m.end() + len(obj),
            "q:prevalence",
            "",
            m.group(0).strip(),
            False,
            "plain",
            pop,
        )
        out.append(dataclasses.replace(claim, low=a / b, high=a / b, approx=bool(m.group("approx"))))
    return out


_SIGN = _lazy(
    r"(?:it|this|that)\s+(?P<modal>is|could\s+be|may\s+be|might\s+be|can\s+be)\s+(?:most\s+|very\s+|more\s+)?"
    r"(?:likely|probably|possibly)?\s*(?:to\s+be\s+)?(?P<neg>not\s+)?(?:a\s+(?:sign|symptom)\s+of\s+)?"
    r"(?P<d>[A-Za-z][\w'’ -]{1,40}?)"
    r"(?=\s+or\b|\s*[.,;]|$)",
    re.IGNORECASE,
)


def _sign_claims(doc: Document, block: Block, cm: re.Match[str], s1: int, res: SubjectResolver) -> list[Claim]:
    """ "If the rash does not fade, it could be a sign of meningitis" and "If
    the spots fade …, it is most likely meningitis": a test whose two outcomes
    point to the same diagnosis. The claim is about the diagnosis; the
    attribute is the test's verb; polarity is the outcome's."""
    text = block.text
    m = _SIGN.match(text, cm.end(), s1)
    if m is None:
        return []
    cond = cm.group("cond")
    words = [w.lower() for w in _WORD.findall(cond)]
    verb = next(
        (w for w in words if w in _VERBS and w not in _AUXILIARIES and w not in _NEGATION_WORDS and w not in _FILLER),
        "",
    )
    if not verb:
        return []
    key = res.key(m.group("d"), block)
    if key is None or (key.startswith("np:") and _generic_words(key[3:].split())):
        return []
    negated = any(w in _NEGATION_WORDS for w in words[: words.index(verb)]) != bool(m.group("neg"))
    return [
        _claim(
            doc,
            block,
            key,
            m.group("d"),
            cm.start(),
            m.end(),
            f"sign:{verb_lemma(verb)}",
            "",
            text[cm.start() : m.end()],
            negated,
            "plain",
        )
    ]


def _pattern_subject(phrase: str, block: Block, res: SubjectResolver) -> tuple[str | None, str]:
    p = phrase.strip()
    if p.lower() in (
        "it",
        "this",
        "them",
        "this condition",
        "the condition",
        "the disease",
        "this disease",
        "the illness",
    ):
        return res.topic(block)
    return res.key(p, block), p


def _frame(
    doc: Document,
    block: Block,
    cl: _Clause,
    lex: Lexicon,
    toks: list[re.Match[str]],
    i: int,
    end: int,
    attr: str,
    value: str,
) -> list[Claim]:
    """An open frame from the predicate word ``toks[i]`` to ``end``: negated
    when a negation word comes before it, with the clause's hedge; none when
    a pseudo-negation ("not only", "not always") stands in between."""
    text = block.text
    vstart = toks[i].start()
    pseudo = [(m.start(), m.end()) for m in _finds(lex.pseudo_re, text, cl.start, cl.end)]
    if _overlaps((cl.pred, vstart), pseudo):
        return []
    negated = any(t.group(0).lower().replace("’", "'") in _NEGATION_WORDS for t in toks[:i])
    never = any(t.group(0).lower() == "never" for t in toks[:i])
    strength = "always" if never else _strength(text, cl, (vstart, end), pseudo, lex)
    claim = _claim(
        doc,
        block,
        cl.subject or "",
        cl.subject_text,
        cl.subject_start,
        end,
        attr,
        value,
        text[vstart:end],
        negated,
        strength,
        _qualified_population(text, cl, end, lex),
    )
    return [claim]


def _isa_claims(
    doc: Document, block: Block, cl: _Clause, lex: Lexicon, toks: list[re.Match[str]], i: int
) -> list[Claim]:
    """ "Leigh syndrome is (not) a severe neurological disorder": what class
    the subject belongs to, with every modifier, and its polarity."""
    text = block.text
    before = text[cl.pred : toks[i].start()].lower()
    if not re.search(r"\b(?:a|an)\s*$", before):
        return []  # only "is a …": "is the most common …" ranks, "is rare" is an adjective
    obj, ostart = _object(text, toks[i].start(), cl.end)
    owords = [singular(w) for w in _words(obj)]
    if (
        not owords
        or len(owords) > 4
        or owords[0] in _QUANTIFIERS
        or (owords[-1] in _GENERIC_WORDS and len(owords) == 1)
    ):
        return []
    if owords[0] in (
        "type",
        "kind",
        "form",
        "part",
        "group",
        "sign",
        "symptom",
        "cause",
        "result",
        "way",
        "lot",
        "number",
    ):
        return []  # "a type of …", "a sign of …": the class is after "of"
    return _frame(doc, block, cl, lex, toks, i, ostart + len(obj), "isa:" + "-".join(owords), "")


# verbs that move something up or down, and whether they improve or worsen it:
# "reduces the risk" and "increases the risk" give opposite values
_DIRECTION = {
    "increase": ("increase", "+"),
    "raise": ("increase", "+"),
    "boost": ("increase", "+"),
    "elevate": ("increase", "+"),
    "heighten": ("increase", "+"),
    "double": ("increase", "+"),
    "decrease": ("increase", "-"),
    "reduce": ("increase", "-"),
    "lower": ("increase", "-"),
    "lessen": ("increase", "-"),
    "cut": ("increase", "-"),
    "diminish": ("increase", "-"),
    "improve": ("improve", "+"),
    "relieve": ("improve", "+"),
    "ease": ("improve", "+"),
    "worsen": ("improve", "-"),
    "aggravate": ("improve", "-"),
    "speed": ("speed", "+"),
    "slow": ("speed", "-"),
}
# "a slight increase in bleeding": a change named by a noun
_CHANGE_NOUNS = {
    "increase": "increase",
    "rise": "increase",
    "decrease": "decrease",
    "reduction": "reduce",
    "drop": "reduce",
    "fall": "reduce",
    "improvement": "improve",
    "worsening": "worsen",
}
_QUANTIFIERS = frozenset("some enough any all most many more less fewer much several no other certain".split())
_RISK_NOUNS = frozenset("risk chance chances likelihood odds rate rates level levels amount number".split())
_COPULAS = frozenset("is are was were be been being".split())
_MODALS = frozenset("can could may might will would should must shall does do did has have had".split())
_PREPOSITIONS = frozenset("to with in on from by for of into against".split())
_SKIP_IN_PREDICATE = (
    _AUXILIARIES
    | _FILLER
    | _NEGATION_WORDS
    | frozenset("also still only even often rarely seldom sometimes usually never always generally not".split())
)


def _predicate_claims(doc: Document, block: Block, cl: _Clause, lex: Lexicon) -> list[Claim]:
    """An open claim frame: subject, verb lemma, object head, polarity. "Aspirin
    does not increase bleeding" and "aspirin causes a slight increase in
    bleeding" are one frame with opposite polarity; "reduces the risk of X"
    and "increases the risk of X" give opposite values of one frame."""
    text = block.text
    if cl.pronoun:
        return []  # "It carries oxygen": "it" is often the last thing named, not the topic
    toks = list(_WORD.finditer(text, cl.pred, cl.end))
    i = 0
    copula = modal = False
    while i < len(toks) and toks[i].group(0).lower().replace("’", "'") in _SKIP_IN_PREDICATE:
        w = toks[i].group(0).lower()
        copula = copula or w in _COPULAS
        modal = modal or w in _MODALS
        i += 1
    if i >= len(toks) or i > 5:
        return []
    word = toks[i].group(0).lower()
    lemma = verb_lemma(word)
    inflected = lemma != word
    if copula and not word.endswith("ed") and lemma == word:
        return _isa_claims(doc, block, cl, lex, toks, i)
    if copula:
        lemma = "pass:" + lemma  # "is linked to", "is caused by"
    elif not (word in _VERBS or inflected or modal or (i == 0 and word in _IMPERATIVE_VERBS)):
        return []
    if word in _AUXILIARIES or word in _NOT_MEASURED:
        return []
    vstart, vend = toks[i].start(), toks[i].end()
    # a preposition the verb takes ("linked to", "spread through") belongs to it
    rest = _WORD.match(text, vend + 1) if vend + 1 < cl.end else None
    prep = ""
    pos = vend
    if rest is not None and rest.group(0).lower() in _PREPOSITIONS:
        prep, pos = rest.group(0).lower(), rest.end()
    obj, ostart = _object(text, pos, cl.end)
    if not obj:
        return []
    quant = re.match(
        r"\s*(?:the\s+)?(some|enough|any|all|most|many|more|less|fewer|much|several|no|other|certain)\b",
        text[pos : ostart + 1],
        re.I,
    )
    owords = _words(obj)
    if quant is not None or (owords and owords[0] in _QUANTIFIERS):
        return []  # "does not carry enough oxygen" does not deny "carries oxygen"
    head = singular(owords[-1]) if owords else ""
    obj_end = ostart + len(obj)
    tail = text[obj_end : cl.end]
    canon, value = lemma, ""
    if head in _CHANGE_NOUNS:
        # "causes a slight increase in bleeding" → increase / bleeding
        m = re.match(r"\s+in\s+((?:[A-Za-z][\w'-]*\s?){1,3})", tail)
        if m is None:
            return []
        canon, head = verb_lemma(_CHANGE_NOUNS[head]), singular(_words(m.group(1))[-1])
        owords = _words(m.group(1))  # "a slight increase in bleeding": "slight" is the change's
        obj_end += m.end(1)
        tail = tail[m.end() :]
    if head in _RISK_NOUNS:
        m = re.match(
            r"\s+(?:of|for)\s+((?:(?:the|a|an|your|having|getting|developing)\s+)?[A-Za-z][\w'-]*(?:\s+(?!(?:in|among|for|with|by|of|at|and|or|than|from)\b)[A-Za-z][\w'-]*)?)",
            tail,
        )
        if m is None:
            return []
        what = [singular(w) for w in _words(m.group(1)) if w not in ("having", "getting", "developing")]
        obj_end += m.end(1)
        owords = [w for w in owords[:-1] if w not in _OBJ_DETERMINERS] + [head]
        head = f"{head}-of-{'-'.join(what)}"
    if canon in _DIRECTION:
        canon, value = _DIRECTION[canon]
    if not head or head in _GENERIC_WORDS or len(head) < 3:
        return []
    if _CONDITION.search(text, cl.pred, vstart) or _RELATIVE.search(text, cl.pred, vstart):
        return []
    # the whole object, not its head: "an autosomal dominant pattern" is not "a recessive pattern"
    mods = [singular(w) for w in owords[:-1] if w not in _OBJ_DETERMINERS]
    attr = f"pred:{canon}:{prep + ':' if prep else ''}{'-'.join([*mods, head])}"
    return _frame(doc, block, cl, lex, toks, i, obj_end, attr, value)


# each lazy pattern replaces itself in this module on first use
for _name, _value in list(globals().items()):
    if isinstance(_value, _LazyPattern):
        _value._name = _name
