"""The shared terminology model: concepts, discouraged terms, jargon, and one
matcher that finds all of them in a text in a single pass.

Used by the terminology family (TRM) and by the readability and
contradiction families, so the interface is small and stable::

    idx = term_index(project)        # packs from rules/terminology (cached per process)
    idx.concepts["peripheral-artery-disease"].preferred
    idx.find(block.text)             # [Mention(start, end, concept_id, surface, kind, ref)]
    idx.canonical("PAD")             # -> "peripheral-artery-disease"
    idx.jargon["paresthesia"].plain  # -> ["pins and needles"]

Matching works on *tokens*, not on a regex per term: the text is folded
character for character (lower case, diacritics removed, typographic hyphens
and apostrophes unified), so offsets stay those of the input; tokens are
normalised (possessive and plural dropped) and looked up in a dictionary of
token tuples, longest match first. Words may be joined by spaces or a hyphen
("tarsal tunnel" = "tarsal-tunnel"). All-capital terms (acronyms) are matched
case-sensitively so "PAD" is never the word "pad".
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import Field, field_validator, model_validator

from . import packs
from .packs import PackError, PackModel

if TYPE_CHECKING:
    from .config import Project

MentionKind = Literal["preferred", "variant", "acronym", "discouraged", "jargon"]
JargonLevel = Literal["technical", "common", "everyday"]
JARGON_LEVELS: tuple[JargonLevel, ...] = ("technical", "common", "everyday")
# The concept id of a discouraged term that belongs to no concept.
STANDALONE = "@discouraged"


# ---------------------------------------------------------------------------
# Pack model (rules/terminology/*.yaml)


def _nonblank(v: str) -> str:
    if not v.strip():
        raise ValueError("must not be empty")
    return v.strip()


class Discouraged(PackModel):
    """A term to avoid, why, and what to write instead."""

    term: str
    reason: str
    # A drop-in replacement (same part of speech): offered as an edit.
    replacement: str | None = None
    # What to write when no drop-in exists ("wheelchair-bound" -> "who uses
    # a wheelchair" changes the sentence): shown in the message, no edit.
    advice: str | None = None
    # Replace automatically with --fix. Only where the replacement is
    # unambiguous in every context the term can appear in; lintkit still
    # offers it as unsafe where the context could make it wrong (a compound
    # such as "pre-diabetics", a modifier such as "type 1 diabetics", a name).
    safe_fix: bool = False
    # Match only this exact form (case aside): "diabetics" must not also
    # catch the adjective in "diabetic neuropathy".
    exact: bool = False
    # Only flag when one of these words or phrases is in the same paragraph
    # (e.g. PVD where the text is about arteries).
    when_near: list[str] = Field(default_factory=list)
    # Not when the word before is one of these ("and suffering from them" is
    # the noun, not the verb).
    not_after: list[str] = Field(default_factory=list)
    locales: list[str] = Field(default_factory=list, description="BCP-47 prefixes; empty = all")
    source: str

    @field_validator("term", "reason", "source")
    @classmethod
    def _nonblank(cls, v: str) -> str:
        return _nonblank(v)

    @model_validator(mode="after")
    def _fix_needs_replacement(self) -> Discouraged:
        if self.safe_fix and not self.replacement:
            raise ValueError(f"discouraged term {self.term!r}: safe_fix needs a replacement")
        if self.safe_fix and self.when_near:
            raise ValueError(f"discouraged term {self.term!r}: a context-dependent term cannot have a safe fix")
        if self.replacement and self.advice:
            raise ValueError(f"discouraged term {self.term!r}: give a replacement or advice, not both")
        return self


class NotSynonym(PackModel):
    """Another concept that writers confuse with this one."""

    concept: str
    reason: str
    # "X or Y" reads as one thing called two names (the pair is commonly
    # used interchangeably); otherwise only "known as X or Y" does, and a
    # bare "X or Y" is two alternatives ("heat exhaustion or heat stroke").
    or_equates: bool = False
    source: str


class Concept(PackModel):
    """One thing with one preferred name."""

    id: str
    preferred: str
    # Locale-specific preferred names, e.g. {en-GB: peripheral arterial disease}.
    preferred_by_locale: dict[str, str] = Field(default_factory=dict)
    variants: list[str] = Field(default_factory=list)
    acronym: str | None = None
    discouraged: list[Discouraged] = Field(default_factory=list)
    not_synonyms: list[NotSynonym] = Field(default_factory=list)
    source: str
    note: str = ""

    @field_validator("id", "preferred", "source")
    @classmethod
    def _nonblank(cls, v: str) -> str:
        return _nonblank(v)

    @field_validator("id")
    @classmethod
    def _kebab(cls, v: str) -> str:
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", v):
            raise ValueError(f"concept id {v!r} must be kebab-case (a-z, 0-9, -)")
        return v

    @field_validator("acronym")
    @classmethod
    def _acronym(cls, v: str | None) -> str | None:
        if v is not None and not is_acronym_form(v):
            raise ValueError(f"acronym {v!r} must be written in capitals (letters, digits, &)")
        return v

    def preferred_for(self, locale: str) -> str:
        """The preferred name for a locale (longest matching prefix wins)."""
        best = ""
        for tag in self.preferred_by_locale:
            if locale.lower().startswith(tag.lower()) and len(tag) > len(best):
                best = tag
        return self.preferred_by_locale[best] if best else self.preferred

    @property
    def names(self) -> list[str]:
        """Preferred name, locale preferred names and accepted variants."""
        out = [self.preferred, *self.preferred_by_locale.values(), *self.variants]
        return list(dict.fromkeys(out))


class JargonEntry(PackModel):
    """A medical term that patient pages should explain or replace."""

    term: str
    variants: list[str] = Field(default_factory=list)
    plain: list[str] = Field(min_length=1)
    locales: list[str] = Field(default_factory=list, description="BCP-47 prefixes; empty = all")
    level: JargonLevel = Field(
        "technical",
        description="technical: few lay readers know it; common: a medical word most know but some misread "
        "(chronic, abdomen); everyday: a long word for an everyday one (physician, utilize)",
    )
    source: str
    note: str = ""

    @field_validator("term", "source")
    @classmethod
    def _nonblank(cls, v: str) -> str:
        return _nonblank(v)


class WellKnownAcronym(PackModel):
    acronym: str
    expansion: str = ""
    source: str


class TerminologyPack(PackModel):
    """One file of ``rules/terminology/``. Later packs replace concepts and
    jargon entries with the same id / term, and may remove defaults."""

    concepts: list[Concept] = Field(default_factory=list)
    # Terms to avoid that belong to no one concept ("suffers from",
    # "wheelchair-bound"): people-first and outdated language.
    discouraged: list[Discouraged] = Field(default_factory=list)
    jargon: list[JargonEntry] = Field(default_factory=list)
    well_known_acronyms: list[WellKnownAcronym] = Field(default_factory=list)
    remove_concepts: list[str] = Field(default_factory=list)
    remove_discouraged: list[str] = Field(default_factory=list)
    remove_jargon: list[str] = Field(default_factory=list)


# ---------------------------------------------------------------------------
# Text folding and tokens

_HYPHENS = "\u2010\u2011\u2012\u2013\u2014\u2212"
_APOSTROPHES = "\u2019\u2018\u02bc"


class _FoldTable(dict[int, int]):
    """A lazy ``str.translate`` table mapping every character to exactly one
    character, so folded text has the same offsets as the original."""

    def __missing__(self, cp: int) -> int:
        ch = chr(cp)
        if ch in _HYPHENS:
            out = "-"
        elif ch in _APOSTROPHES:
            out = "'"
        else:
            base = unicodedata.normalize("NFD", ch)[0]
            low = base.lower()
            out = low if len(low) == 1 else (base if len(base) == 1 else ch)
        self[cp] = ord(out)
        return self[cp]


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower-case, strip diacritics, unify hyphens and apostrophes; same length."""
    if text.isascii():
        return text.lower()  # the common case, and much faster than translate
    return text.translate(_FOLD)


# Bare URLs, domains and e-mail addresses stay in prose when the Markdown
# has no link syntax; terms inside them are not words of the text.
_URLISH = re.compile(
    # each alternative starts only where its run starts, and runs are taken
    # possessively, so a huge token cannot make the search quadratic
    r"(?:https?://|ftp://|www\.)[^\s<>()\[\]]++"
    r"|(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++"
    r"|(?<![\w.-])(?:[\w-]++\.)++(?:com|org|gov|net|edu|uk|int)\b(?:/[^\s<>()]*+)?",
    re.I,
)


# Each alternative of _URLISH needs one of these (case-insensitively); most
# sentences have none, and the regex tries its last two alternatives at
# every word, which made it a twentieth of a cold run.
_URL_HINTS = ("://", "www.", "@", ".com", ".org", ".gov", ".net", ".edu", ".uk", ".int")


def mask_urls(text: str) -> str:
    """``text`` with URLs, domains and e-mail addresses blanked out (same length)."""
    if "." not in text:
        return text
    low = text.lower()
    if not any(h in low for h in _URL_HINTS):
        return text
    return _URLISH.sub(lambda m: " " * len(m.group(0)), text)


_TOKEN = re.compile(r"[^\W_]+(?:['&][^\W_]+)*'?")
_JOIN = re.compile(r"\s+|\s*-\s*")  # what may sit between the words of a term
_ACRONYM_FORM = re.compile(r"[A-Z][A-Z0-9&]*[A-Z0-9]")
# Words whose final s is not a plural ending (normalising them would merge
# distinct words or break names).
_KEEP_S = ("ss", "us", "is")


def is_acronym_form(s: str) -> bool:
    return bool(_ACRONYM_FORM.fullmatch(s)) and sum(c.isalpha() for c in s) >= 2


_NORM_CACHE: dict[str, str] = {}


def norm_token(tok: str) -> str:
    """A folded token without possessive or plural ending (memoised: most
    tokens of a corpus are a few thousand words)."""
    hit = _NORM_CACHE.get(tok)
    if hit is not None:
        return hit
    out = _norm_token(tok)
    if len(_NORM_CACHE) < 200_000:
        _NORM_CACHE[tok] = out
    return out


def _norm_token(tok: str) -> str:
    if tok.endswith("'s"):
        tok = tok[:-2]
    tok = tok.rstrip("'")
    if len(tok) > 4 and tok.endswith("ies"):
        return tok[:-3] + "y"
    if len(tok) > 4 and tok.endswith(("sses", "uses", "xes", "ches", "shes")):
        return tok[:-2]  # viruses, boxes
    if len(tok) > 3 and tok.endswith("s") and not tok.endswith(_KEEP_S):
        return tok[:-1]
    return tok


def term_key(phrase: str) -> tuple[str, ...]:
    """The lookup key of a phrase: normalised tokens."""
    return tuple(norm_token(m.group(0)) for m in _TOKEN.finditer(fold(phrase)))


def _spelled_tokens(surface: str) -> tuple[str, list[re.Match[str]]]:
    unified = surface.translate({ord(c): "'" for c in _APOSTROPHES}).translate({ord(c): "-" for c in _HYPHENS})
    return unified, list(_TOKEN.finditer(unified))


def _sep(gap: str) -> str:
    return "-" if "-" in gap else " "


def spelling(surface: str) -> str:
    """How a name is spelled, ignoring case, plurals and possessives:
    "Guillain-Barré" and "Guillain-Barre" differ, so do "tarsal tunnel" and
    "tarsal-tunnel"; "Tarsal tunnels" and "tarsal tunnel" do not."""
    unified, toks = _spelled_tokens(surface)
    out: list[str] = []
    for k, t in enumerate(toks):
        if k:
            out.append(_sep(unified[toks[k - 1].end() : t.start()]))
        out.append(norm_token(t.group(0).lower()))
    return "".join(out)


def accented_letters(text: str) -> int:
    """How many letters carry a diacritic ("Sjögren" 1, "Sjogren" 0)."""
    if text.isascii():
        return 0
    return sum(1 for c in text if c.isalpha() and not c.isascii() and unicodedata.normalize("NFD", c) != c)


_DAMAGE = re.compile(r"[\ufffd\u0080-\u009f]|[ÃÂĂâ][\u0080-\u00bf\u00a0-\u00ff€™œ“”‘’–—•…]")


def looks_damaged(text: str) -> bool:
    """Text that shows a bad conversion: a replacement character, a C1
    control, or the start of misread UTF-8 ("BarrĂ©", "Ã©", "â€™"). A
    consistency fix never takes such a form as its target."""
    return not text.isascii() and _DAMAGE.search(text) is not None


def match_case(surface: str, replacement: str) -> str:
    """Give ``replacement`` the capitalisation of ``surface``: letter by
    letter when they are the same length, else only the first letter."""
    if len(surface) == len(replacement):
        return "".join(
            r.upper() if a.isupper() else (r.lower() if a.islower() else r)
            for a, r in zip(surface, replacement, strict=True)
        )
    if surface[:1].isupper() and not replacement[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def respell(surface: str, exemplar: str) -> str:
    """``surface`` rewritten in ``exemplar``'s spelling (accents, hyphens),
    keeping the surface's capitals and its plural or possessive ending."""
    su, st = _spelled_tokens(surface)
    eu, et = _spelled_tokens(exemplar)
    if len(st) != len(et) or not st:
        return match_case(surface, exemplar)
    out: list[str] = []
    for k, (a, b) in enumerate(zip(st, et, strict=True)):
        if k:
            gap = surface[st[k - 1].end() : a.start()]
            want = _sep(eu[et[k - 1].end() : b.start()])
            out.append(gap if _sep(su[st[k - 1].end() : a.start()]) == want else want)
        tok = surface[a.start() : a.end()]
        stem_a, stem_b = norm_token(a.group(0).lower()), norm_token(b.group(0).lower())
        if stem_a == stem_b:
            out.append(tok)
            continue
        n = len(stem_a) if a.group(0).lower().startswith(stem_a) else len(tok)
        out.append(match_case(tok[:n], stem_b) + tok[n:])
    return "".join(out)


# ---------------------------------------------------------------------------
# Index and matcher


@dataclass(frozen=True, slots=True)
class Mention:
    """A term found in a text. ``start``/``end`` index the searched text.

    ``concept_id`` is the concept (for jargon: the jargon entry's term);
    ``ref`` is the index of the discouraged entry within the concept (for
    ``kind == "discouraged"``), else -1. ``key`` is the normalised token key
    (spelling differences in case, diacritics, hyphens and plurals removed).
    """

    start: int
    end: int
    concept_id: str
    surface: str
    kind: MentionKind
    ref: int = -1
    key: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Entry:
    concept_id: str
    kind: MentionKind
    ref: int = -1
    exact: str | None = None  # folded form that must match exactly


class TermIndex:
    """All terminology packs merged, with a one-pass matcher."""

    def __init__(self, packs: list[TerminologyPack]) -> None:
        concepts: dict[str, Concept] = {}
        standalone: dict[str, Discouraged] = {}
        jargon: dict[str, JargonEntry] = {}
        well_known: dict[str, WellKnownAcronym] = {}
        for p in packs:
            for cid in p.remove_concepts:
                concepts.pop(cid, None)
            for t in p.remove_jargon:
                jargon.pop(t.lower(), None)
            for t in p.remove_discouraged:
                standalone.pop(fold(t), None)
            for d in p.discouraged:
                standalone[fold(d.term)] = d
            for c in p.concepts:
                concepts[c.id] = c
            for j in p.jargon:
                jargon[j.term.lower()] = j
            for w in p.well_known_acronyms:
                well_known[w.acronym] = w
        self.concepts = concepts
        self.standalone = list(standalone.values())
        self.jargon = jargon
        self.well_known = well_known
        self.not_synonyms: dict[str, dict[str, NotSynonym]] = {}
        self.acronyms: dict[str, str] = {}  # acronym -> concept id
        self._words: dict[tuple[str, ...], list[_Entry]] = {}
        self._caps: dict[str, list[_Entry]] = {}
        self._build()

    # -- building --------------------------------------------------------
    def _add(self, phrase: str, entry: _Entry) -> None:
        phrase = phrase.strip()
        if is_acronym_form(phrase):
            lst = self._caps.setdefault(phrase, [])
        else:
            key = term_key(phrase)
            if not key:
                return
            lst = self._words.setdefault(key, [])
        if entry in lst:
            return
        if entry.kind in ("preferred", "variant") and any(
            e.concept_id == entry.concept_id and e.kind in ("preferred", "variant") for e in lst
        ):
            return  # a variant spelled like the preferred name adds nothing
        lst.append(entry)

    def _build(self) -> None:
        for c in self.concepts.values():
            self._add(c.preferred, _Entry(c.id, "preferred"))
            for name in c.names[1:]:
                self._add(name, _Entry(c.id, "variant"))
            if c.acronym:
                self._add(c.acronym, _Entry(c.id, "acronym"))
                self.acronyms.setdefault(c.acronym, c.id)
            for i, d in enumerate(c.discouraged):
                self._add(d.term, _Entry(c.id, "discouraged", i, fold(d.term) if d.exact else None))
            for ns in c.not_synonyms:
                if ns.concept not in self.concepts:
                    raise PackError(f"concept {c.id!r}: not_synonyms names unknown concept {ns.concept!r}")
                # the relation is symmetric; keep the first reason given
                self.not_synonyms.setdefault(c.id, {}).setdefault(ns.concept, ns)
                self.not_synonyms.setdefault(ns.concept, {}).setdefault(c.id, ns)
        for i, d in enumerate(self.standalone):
            self._add(d.term, _Entry(STANDALONE, "discouraged", i, fold(d.term) if d.exact else None))
        for term, j in self.jargon.items():
            for name in (j.term, *j.variants):
                self._add(name, _Entry(term, "jargon"))
        self._first = {k[0] for k in self._words}
        self._maxlen = max((len(k) for k in self._words), default=1)

    # -- matching --------------------------------------------------------
    def find(self, text: str) -> list[Mention]:
        """Every term in ``text``, longest match first, in order. A span that
        is several things at once (a concept's name and a jargon term) yields
        one mention per kind."""
        folded = mask_urls(fold(text))
        toks = list(_TOKEN.finditer(folded))
        n = len(toks)
        norms = [norm_token(t.group(0)) for t in toks]
        out: list[Mention] = []
        i = 0
        while i < n:
            t = toks[i]
            raw = text[t.start() : t.end()].rstrip("'")
            acr = raw
            caps = self._caps.get(raw)
            if caps is None and raw.endswith("s") and raw[:-1] in self._caps:
                acr = raw[:-1]  # "UTIs"
                caps = self._caps[acr]
            if caps:
                for e in caps:
                    out.append(Mention(t.start(), t.start() + len(raw), e.concept_id, raw, e.kind, e.ref, (acr,)))
                i += 1
                continue
            if norms[i] not in self._first:
                i += 1
                continue
            matched = 0
            for length in range(min(self._maxlen, n - i), 0, -1):
                if length > 1 and not self._joined(folded, toks, i, length):
                    continue
                key = tuple(norms[i : i + length])
                entries = self._words.get(key)
                if not entries:
                    continue
                start, end = toks[i].start(), toks[i + length - 1].end()
                surface = text[start:end]
                if surface.endswith(("'", "’")) and not surface.lower().endswith("s'"):
                    end -= 1
                    surface = text[start:end]
                for e in entries:
                    if e.exact is not None and folded[start:end] != e.exact:
                        continue
                    out.append(Mention(start, end, e.concept_id, surface, e.kind, e.ref, key))
                matched = length
                break
            i += matched or 1
        return out

    @staticmethod
    def _joined(folded: str, toks: list[re.Match[str]], i: int, length: int) -> bool:
        for k in range(i, i + length - 1):
            gap = folded[toks[k].end() : toks[k + 1].start()]
            if not _JOIN.fullmatch(gap):
                return False
        return True

    def canonical(self, phrase: str) -> str | None:
        """The concept a name, variant or acronym stands for, or None."""
        p = phrase.strip()
        for e in self._caps.get(p, []):
            if e.kind in ("preferred", "variant", "acronym"):
                return e.concept_id
        for e in self._words.get(term_key(p), []):
            if e.kind in ("preferred", "variant", "acronym"):
                return e.concept_id
        return None

    def discouraged(self, m: Mention) -> Discouraged:
        if m.concept_id == STANDALONE:
            return self.standalone[m.ref]
        return self.concepts[m.concept_id].discouraged[m.ref]

    def are_not_synonyms(self, a: str, b: str) -> NotSynonym | None:
        return self.not_synonyms.get(a, {}).get(b)

    @functools.cached_property
    def lost_letters(self) -> dict[str, str]:
        """Names with diacritics as a bad conversion leaves them, letters
        dropped ("sjgren" -> "Sjögren", "guillain-barr" -> "Guillain-Barré"),
        from every pack name that holds a non-ASCII letter. Keys are lower
        case; a form shorter than 5 letters, or one that is itself a word of
        some pack name ("Barr" of Epstein-Barr), is left out."""
        words: set[str] = set()
        for c in self.concepts.values():
            for name in c.names:
                for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", name):
                    words.add(w)
        plain = {fold(w) for w in words if w.isascii()}
        out: dict[str, str] = {}
        for w in words:
            if w.isascii():
                continue
            lost = "".join(ch for ch in w if ch.isascii())
            if len(lost) >= 5 and lost.lower() not in plain and lost.lower() != fold(w):
                out.setdefault(lost.lower(), w)
        return out

    @functools.cached_property
    def jargon_prefilter(self) -> re.Pattern[str] | None:
        """A regex that matches the folded text of every block in which
        :meth:`find` can find a jargon term (and some others), so most blocks
        skip the full matcher; None when there is no jargon at all.

        Safe because the matcher compares normalised tokens, and normalising
        only removes endings ('s, s, es) or turns "ies" into "y": a token whose
        normal form is ``k`` starts with ``k`` (or ``k`` minus its final y)."""
        prefixes: set[str] = set()
        for entry in self.jargon.values():
            for surface in (entry.term, *entry.variants):
                key = term_key(surface)
                if key and key[0]:
                    first = key[0]
                    prefixes.add(first[:-1] if first.endswith("y") and len(first) > 1 else first)
        if not prefixes:
            return None
        alternatives = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
        return re.compile(r"(?<![^\W_])(?:" + alternatives + ")")


# ---------------------------------------------------------------------------
# Loading


def term_index(project: Project | None) -> TermIndex:
    """The merged terminology packs (default ``rules/terminology`` plus the
    project's ``rule_packs``), cached per process while the files are unchanged.
    Raises ``PackError`` (file and line) for a bad pack: call it before a run
    to turn a bad pack into a usage error."""
    return packs.load_built("terminology", TerminologyPack, project, TermIndex)


# ---------------------------------------------------------------------------
# Jargon in running text (TRM006 and RDB006 share this)

# The last word of a condition's name that is specific on its own ("acute
# myeloid leukemia", "chronic bronchitis", "febrile seizure").
_CONDITION_SUFFIX = re.compile(
    r"(?:itis|osis|oses|emia|aemia|emias|oma|omas|pathy|pathies|plasia|trophy|uria|penia|lepsy|ectasis)$"
)
_CONDITION_WORDS = frozenset("seizure seizures convulsion convulsions sickness migraine migraines".split())
# Heads that name a condition only with an organ before them: "chronic kidney
# disease", "acute kidney injury", "urine infection" (but "a chronic disorder"
# and "chronic disease" describe, they do not name).
_GENERIC_HEADS = frozenset(
    "disease diseases disorder disorders syndrome failure injury infection infections insufficiency distress".split()
)
_ORGANS = frozenset(
    """kidney kidneys renal liver hepatic lung lungs pulmonary respiratory heart cardiac coronary bowel
    intestinal gastrointestinal bladder urinary urine skin brain cerebral spinal nerve nerves fatigue
    mountain radiation lymphoblastic lymphocytic myeloid myelogenous promyelocytic obstructive""".split()
)
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@functools.lru_cache(maxsize=2048)
def in_fixed_name(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` (a jargon term) part of a fixed name rather than
    a word chosen by the writer? A proper name in Title Case ("Physician Data
    Query"), or a condition's name ("acute myeloid leukemia", "chronic kidney
    disease", "febrile seizure", "urine infection"). A writer can explain the
    name, but cannot replace a word inside it."""
    term = text[start:end]
    before = _NAME_WORD.findall(text[max(0, start - 40) : start].split(".")[-1])
    after_text = text[end : end + 80]
    after: list[str] = []
    pos = 0
    for m in _NAME_WORD.finditer(after_text):
        if after_text[pos : m.start()].strip() or len(after) == 4:
            break  # punctuation ends the phrase
        after.append(m.group(0))
        pos = m.end()
    # Title Case run: the term capitalised, with a capitalised neighbour in
    # the same phrase (a capital at the start of a sentence alone is not one)
    if term[:1].isupper() and (
        (after and after[0][:1].isupper()) or (before and before[-1][:1].isupper() and text[:start].strip())
    ):
        return True
    words = [w.lower() for w in after]
    for k, w in enumerate(words[:4]):
        if _CONDITION_SUFFIX.search(w) or w in _CONDITION_WORDS or (len(w) >= 7 and w.endswith("ia")):
            return all(x not in ("and", "or", "with", "of", "in") for x in words[:k])
        if w in _GENERIC_HEADS:
            organ = words[:k] or [fold(term).split()[-1]]
            # an organ ("chronic kidney disease") or a person's name
            # ("idiopathic Horner syndrome") makes it a name
            return any(x in _ORGANS for x in organ) or any(x[:1].isupper() for x in after[:k])
        if w in ("and", "or", "with", "of", "in", "is", "are", "the", "a", "an"):
            return False
    return False


def jargon_mentions(idx: TermIndex, text: str, found: list[Mention] | None = None) -> list[Mention]:
    """The jargon terms of ``text`` a writer could replace: every jargon
    mention except those inside a fixed name (see :func:`in_fixed_name`)."""
    ms = idx.find(text) if found is None else found
    return [m for m in ms if m.kind == "jargon" and not in_fixed_name(text, m.start, m.end)]
