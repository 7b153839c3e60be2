"""Terminology family (TRM): discouraged terms, distinct concepts presented as
synonyms, acronyms (undefined, redefined), spelling variants across the
corpus, and jargon on patient pages.

Everything is driven by the packs in ``rules/terminology`` through
:mod:`lintkit.terms`. One analysis per document (terms, acronym uses and
definitions) feeds both the document check and the collector that the corpus
checks read.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ..findings import Edit, Finding, Fix, Related, Severity, Span
from ..registry import Family, Rule, Scope
from ..terms import (
    Mention,
    TermIndex,
    TerminologyPack,
    accented_letters,
    fold,
    is_acronym_form,
    jargon_mentions,
    looks_damaged,
    mask_urls,
    match_case,
    norm_token,
    respell,
    spelling,
    term_index,
    term_key,
)

if TYPE_CHECKING:
    from ..api import Corpus, CorpusContext, DocContext
    from ..document import Block, Document

FAMILY = Family("terminology", packs={"terminology": TerminologyPack})

DISCOURAGED = Rule(
    code="TRM001",
    name="discouraged-term",
    severity=Severity.WARNING,
    fixable=True,
    summary="Flags a term the terminology pack discourages, says why, and names the term to use instead: "
    "imprecise names, and outdated or stigmatising wording ('diabetics', 'suffers from', 'wheelchair-bound', "
    "'mental retardation'). Some entries apply only in context (e.g. 'peripheral vascular disease' where the "
    "paragraph is about arteries: claudication, atherosclerosis, reduced blood flow). A term that is named "
    "rather than used ('previously called mental retardation'), or that sits inside a Title Case name or the "
    "title of another publisher's resource, is not reported.",
    why="Discouraged terms are imprecise, confused with other conditions, or label people by their "
    "condition. A consistent, precise vocabulary is part of accuracy: readers and search engines treat "
    "different words as different things.",
    example="Reduced blood flow caused by atherosclerosis is called peripheral vascular disease (PVD).\n\n"
    "Diabetics should check their feet every day.",
    instead="Reduced blood flow caused by atherosclerosis is called peripheral artery disease (PAD).\n\n"
    "People with diabetes should check their feet every day.",
    options="Pack fields (rules/terminology/*.yaml, `concepts[].discouraged[]`, or top-level `discouraged[]` "
    "for terms that belong to no concept): `term`, `reason`, `replacement` (a drop-in) or `advice` (when the "
    "sentence must change), `safe_fix`, `exact` (match this form only), `when_near` (only flag near these "
    "words), `not_after` (not after these words), `locales`, `source`. Add or override entries with a project "
    "pack folder (`rule_packs`; `remove_discouraged` drops defaults).",
    fix="Where the pack marks the replacement as unambiguous (`safe_fix: true`), `--fix` replaces the exact "
    "form, keeping a leading capital. The edit is only suggested (unsafe) where the context could make it "
    "wrong: a plural or possessive form, capitals, a people-first replacement after a word that may modify the "
    "term ('young diabetics'); 'type 1 diabetics' becomes 'people with type 1 diabetes'. Inside a hyphenated "
    "compound ('pre-diabetics') and for `advice` entries there is no edit.",
    fix_safety="mixed",
)
NOT_SYNONYMS = Rule(
    code="TRM002",
    name="non-synonyms-equated",
    severity=Severity.ERROR,
    summary="Flags two distinct concepts written as if they were one: 'PVD, also called PAD', 'PAD (PVD)', "
    "'known as X or Y', 'X/Y', 'heat exhaustion, also called heat stroke'. A bare 'X or Y' usually names two "
    "alternatives ('heat exhaustion or heatstroke'), so it counts only after 'known as' or 'called', or for "
    "pairs the pack marks as used interchangeably (PVD or PAD). The pairs come from the pack's `not_synonyms`.",
    why="Presenting different conditions as the same thing is a factual error. Peripheral vascular "
    "disease (PVD) is the broader term and includes veins and lymph vessels; peripheral artery disease "
    "(PAD) is disease of the arteries. Terminologies keep them apart (UMLS, HPO).",
    example="Reduced blood flow to the legs, known as peripheral vascular disease (PVD) or peripheral "
    "artery disease (PAD), can cause numbness.",
    instead="Reduced blood flow to the legs, caused by peripheral artery disease (PAD), can cause numbness.",
    options="Pack field `concepts[].not_synonyms[]`: `concept`, `reason`, `or_equates` (a bare 'X or Y' "
    "equates them), `source` (the relation is symmetric). `terminology.allowed_aliases` in lintkit.yaml "
    "lists concept-id pairs a project may equate on purpose (UK patient pages follow NHS text that calls PAD "
    "'also known as PVD').",
    fix="No automatic fix: only the author knows which condition is meant.",
)
UNDEFINED_ACRONYM = Rule(
    code="TRM003",
    name="undefined-acronym",
    severity=Severity.WARNING,
    fixable=True,
    summary="Flags an acronym that is used before it is defined, or never defined, in the file. "
    "Definitions: 'long form (ACRONYM)', '(ACRONYM's)', '(ACRONYM, a comment)', 'ACRONYM scan (long form "
    "scan)', 'long form, or ACRONYM', 'long form, also called an ACRONYM or ACRONYM2', '(also known as "
    "ACRONYM)', 'ACRONYM, which stands for long form', 'ACRONYM, or long form', 'ACRONYM, the long form,'. "
    "Reported once per acronym, at its first undefined use; a heading that names the acronym before the text "
    "defines it does not count as a use.",
    why="NHS style, PEMAT item 3 and the CDC Clear Communication Index all ask for acronyms to be spelled "
    "out at first use. Readers arriving from search do not know what 'PAD' or 'CRPS' means.",
    example="PAD can cause leg pain when you walk.",
    instead="Peripheral artery disease (PAD) can cause leg pain when you walk.",
    options="`terminology.allowed_acronyms` in lintkit.yaml: acronyms that need no definition (empty by "
    "default). The pack's `well_known_acronyms` lists the sourced ones that need none (UK, NHS, GP, A&E; CT, "
    "MRI, AIDS, DNA, RNA). Not acronyms: gene, protein and other molecule symbols (a symbol the page calls a "
    "gene, protein, enzyme or the like, directly or in a list: 'the ANKH gene', 'genes FANCA, FANCC and "
    "FANCG'), codes with digits (PD-L1, COVID-19, 1-800-4-CANCER, 46,XY), labels (stage IIB, type IA, "
    "hemoglobin SC), placeholders (MM/DD/YYYY), place, degree and author codes after a name (Bethesda, MD), "
    "units after a number (600 IU), conditions and studies named with letters (CHARGE syndrome, the "
    "PREDICT-HD study), organisation names (NYU Langone Medical Center), Roman numerals, runs of capitalised "
    "words (shouting), capitalised syllables of pronunciation guides ('skler-OH-sis'), pack terms written in "
    "capitals, bare URLs, a label opening a line ('NIH: …' credit lines) and resource lines ('Genetic Testing "
    "Registry: …').",
    fix="When the pack knows the acronym, the page names that concept and never defines the acronym, a "
    "suggested (unsafe) edit writes the long form before the first use, e.g. 'peripheral artery disease "
    "(PAD)'. On a page that does not name the concept the acronym may mean something else, so no long form "
    "is suggested.",
    fix_safety="unsafe",
)
ACRONYM_REDEFINED = Rule(
    code="TRM004",
    name="acronym-redefined",
    severity=Severity.WARNING,
    summary="Flags an acronym defined with two meanings on one page, or on pages about the same topic (a "
    "pack concept in their titles, or a shared front-matter topic), where one reader meets both. The most "
    "common meaning wins; the others are reported with `related` locations of it. Long forms that name the "
    "same thing are one meaning: variants of one pack concept ('peripheral arterial disease' / 'peripheral "
    "artery disease'), plurals, 'deep vein' / 'deep venous thrombosis', 'myeloid' / 'myelogenous', 'acquired "
    "immune deficiency' / 'immunodeficiency', a word more or less ('pneumocystis (carinii) pneumonia'). An "
    "established meaning on an unrelated page ('ASD' for autism on one page, for a heart defect on another) is "
    "not a conflict.",
    why="One acronym with two meanings where a reader meets both is confusing, and often a sign that one of "
    "the definitions is wrong.",
    example="Multiple sclerosis (MS) affects the brain and spinal cord.\n\nMitral stenosis (MS) narrows a valve "
    "of the heart.",
    instead="Multiple sclerosis (MS) affects the brain and spinal cord.\n\nMitral stenosis narrows a valve of "
    "the heart.",
    options="None.",
    fix="No automatic fix.",
)
INCONSISTENT_VARIANT = Rule(
    code="TRM005",
    name="inconsistent-variant",
    severity=Severity.WARNING,
    fixable=True,
    summary="Flags other spellings of a term across the whole corpus. Pack terms: accents "
    "(Guillain-Barré / Guillain-Barre) and hyphens (X-ray / x ray, tarsal-tunnel / tarsal tunnel); the pack's "
    "preferred spelling is the target when any file uses it, else the most common spelling, but never a form "
    "that lost its accents when the accented form is used (Sjögren over Sjogren) and never a damaged form. "
    "Prefixed words written closed and hyphenated (auto-injector / autoinjector, non-cancerous / "
    "noncancerous): the form used on at least two pages and on twice as many pages as the other wins. A "
    "condition's name in Title Case in the middle of a sentence ('people with Dandy-Walker Syndrome') where "
    "at least two other pages, and more pages than write it so, use lower case. Every other use is reported "
    "with `related` locations of the target. Plurals and possessives are not differences, and different "
    "words (artery / arterial) are accepted variants, not misspellings.",
    why="A publisher should spell a condition one way everywhere: mixed spellings look careless, split "
    "site search, and make cross-article checks miss matches.",
    example=(
        "`a.md`: Guillain-Barré syndrome is rare.\n\n`b.md`: Guillain-Barré syndrome can follow an infection.\n\n"
        "`c.md`: Guillain-Barre syndrome affects the nerves."
    ),
    instead=(
        "`a.md`: Guillain-Barré syndrome is rare.\n\n`b.md`: Guillain-Barré syndrome can follow an infection.\n\n"
        "`c.md`: Guillain-Barré syndrome affects the nerves."
    ),
    options="The pack terms come from the pack (`preferred`, `preferred_by_locale`, `variants`); add a "
    "project's own terms with a pack folder (`rule_packs`). Ties are broken in pack order. Prefixes checked: "
    "anti, auto, non, pre, post, multi, semi, over, self (not re- or de-, where the hyphen changes the word: "
    "re-cover / recover). Title Case names end in disease, syndrome, disorder, failure, deficiency, dystrophy "
    "or palsy.",
    fix="`--fix` rewrites the spelling to the target one, keeping the capitals of the original letters "
    "and any plural or possessive ending; it never removes an accent. A Title Case name is rewritten with "
    "the other pages' capitals.",
)
JARGON = Rule(
    code="TRM006",
    name="jargon-in-patient-content",
    severity=Severity.INFO,
    summary="Flags a medical term with a plain-language alternative on a patient page, unless the page "
    "explains it at one of its uses (NHS style: 'pins and needles (paresthesia)', 'airways (trachea and "
    "bronchi)'; 'X, meaning …'; 'called X'; 'X is a doctor who …'; 'The central nervous system is the brain "
    "and spinal cord'; examples: 'analgesics such as aspirin'; a next sentence saying what it is or does: "
    "'Cardiologists. These doctors treat …'). By default only technical terms are reported (the pack's "
    "`level`): common medical words that most readers know but some misread ('chronic', 'abdomen') and long "
    "everyday words ('physician', 'utilize') are reported when `terminology.jargon_levels` asks for them. A "
    "word inside a fixed name is not jargon: a Title Case name ('Physician Data Query') or a condition's "
    "name ('acute myeloid leukemia', 'chronic kidney disease', 'febrile seizure', 'urine infection'); "
    "neither is the title of another publisher's resource. Reported once per term per file, at its first "
    "use. Pages with `audience: professional` are not checked.",
    why="NHS style puts the plain term first and the medical term in brackets; PEMAT item 4 and CDC Clear "
    "Communication Index item 7 ask for medical terms to be explained at first use.",
    example="Paresthesia in the feet is common in diabetes.",
    instead="Pins and needles (paresthesia) in the feet is common in diabetes.",
    options="`terminology.jargon_levels` in lintkit.yaml (default `[technical]`; add `common` and `everyday` "
    "for NHS-style plain English). Pack field `jargon[]`: `term`, `variants`, `plain`, `locales` (NHS "
    "house-style rulings apply to en-GB pages only), `level` (technical, common or everyday), `source`.",
    fix="A suggested (unsafe) edit writes the plain term first with the medical term in brackets.",
    fixable=True,
    fix_safety="unsafe",
)

_NAME_KINDS = ("preferred", "variant", "acronym")

# ---------------------------------------------------------------------------
# Per-document analysis


@dataclass(frozen=True, slots=True)
class AcronymDef:
    acronym: str
    expansion: str | None  # None when the author wrote "(ACR)" after words that do not spell it
    block: int
    start: int  # prose span of the definition (long form through the acronym)
    end: int
    acr_start: int  # prose span of the acronym itself
    acr_end: int


@dataclass(frozen=True, slots=True)
class AcronymUse:
    acronym: str
    surface: str
    block: int
    start: int
    end: int


@dataclass
class Analysis:
    mentions: list[tuple[int, Mention]] = field(default_factory=list)
    defs: list[AcronymDef] = field(default_factory=list)
    uses: list[AcronymUse] = field(default_factory=list)


def analyse(doc: Document, ctx: DocContext, idx: TermIndex) -> Analysis:
    """The document's mentions and acronyms, found once per document (the
    check and the collector share them)."""
    return ctx.memo(("terminology.analysis", id(idx)), lambda: _analyse(doc, idx))


def _analyse(doc: Document, idx: TermIndex) -> Analysis:
    a = Analysis()
    molecular: set[str] = set()
    for bi, b in enumerate(doc.blocks):
        if not b.text.strip():
            continue
        found = idx.find(b.text)
        a.mentions.extend((bi, m) for m in found)
        # a pack term written in capitals ("GUILLAIN-BARRE SYNDROME") is not an acronym
        words = [(m.start, m.end) for m in found if m.key and not is_acronym_form(m.key[0])]
        _acronyms(b.text, bi, idx, a, words, molecular)
    if molecular:
        # a symbol named as a gene or protein anywhere on the page ("the ANKH
        # gene"), or a condition named with letters ("CHARGE syndrome"), is a
        # name at every use, not an acronym to spell out
        a.uses = [u for u in a.uses if u.acronym not in molecular]
    return a


# Acronym candidates: capitals (and &), at least two letters, optionally a
# plural s; not glued to other word characters. Tokens with digits (B12,
# gene names like SMN1) are names rather than acronyms.
_ACR = re.compile(r"(?<![\w&'’])([A-Z][A-Z&]*[A-Z])(s?)(?![\w&]|['’](?!s\b)\w)")
_ROMAN = re.compile(r"[IVX]+")
# Cancer stages and subtypes written with a numeral and a letter ("stage IIB").
_STAGE = re.compile(r"(?:II|III|IV)[A-D]")
# Capitalised for emphasis, not acronyms.
_EMPHASIS = frozenset(
    "NOT NO DO DON'T ALWAYS NEVER ONLY MUST STOP CALL NOTE WARNING IMPORTANT CAUTION DANGER YES ALL AND "
    "OR THE IF ANY NOW OK AM PM IN OUT ON OFF UP GREATER LOWER HIGHER MORE LESS BEFORE AFTER EVERY EACH "
    "AVOID".split()
)
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_STOP = frozenset("of the and in on for to with a an by at from or".split())
# A long form never starts with these ("such as stroke or SCA" does not define SCA).
_NOT_FIRST = _STOP | frozenset("such as like including include includes this that these those is are was".split())
# The run of letters, digits, hyphens and slashes an acronym sits in: "PD-L1",
# "MT-ATP6", "1-800-4-CANCER", "TMP-SMX", "HIV/AIDS", "MM/DD/YYYY".
_COMPOUND_CHAR = re.compile(r"[\w&/-]")
# A label before a letter code: "stage IIB", "type IA", "Stage MS", "group A".
_LABEL_BEFORE = re.compile(
    r"\b(?:stage|stages|type|types|subtype|grade|class|phase|group|complementation\s+group|level|category|"
    r"hemoglobin|haemoglobin|alleles?|genotypes?)\s+"
    # the later codes of a series: "types IA and IB", "stages II, III or IV"
    r"(?:[A-Z0-9]{1,4}\s*(?:,\s*|\s+(?:and|or)\s+|,\s*(?:and|or)\s+))*$",
    re.I,
)
# Two-letter codes after a place or a person's name: "Bethesda, MD 20892",
# "Jane Smith, MD". US postal codes (USPS) and common degrees.
_PLACE_OR_DEGREE = frozenset(
    """AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC
    ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DO RN NP PA MPH MSN DNP BSN DDS MBA""".split()
)
_AFTER_NAME = re.compile(r"[A-Z][a-z]+\.?,\s*$")
# What a gene, protein or other molecule symbol is followed by, directly or
# at the end of a list of symbols ("the PTPN11, SOS1, KRAS and BRAF genes").
_MOLECULAR_HEAD = (
    r"(?:genes?|proteins?|enzymes?|complex(?:es)?|receptors?|subunits?|channels?|alleles?|loci|locus|"
    r"antigens?|pathways?|signal(?:l)?ing|molecules?|transporters?|heterodimers?|dimers?|isoforms?|domains?|"
    r"cells?|(?:(?:tri|di)nucleotide\s+|triplet\s+)?repeats?|fragile\s+sites?|inhibitors?|blockers?|agonists?|"
    r"antagonists?|"
    r"(?!(?:diseases?|increases?|releases?|phases?|databases?|decreases?)\b)[a-z]{3,}ases?)\b"
)
_MOLECULAR_AFTER = re.compile(
    r"(?:(?:\s*,\s*|\s*,?\s+(?:and|or|and/or)\s+)(?:the\s+)?[A-Z][\w-]*){0,12}\s+" + _MOLECULAR_HEAD
)
# ... or named after one: "one of three genes, FANCA, FANCC, and FANCG", "the
# following genes: PMP22 (CMT1A), MPZ (CMT1B)", "a gene called CFH", "the
# best-studied of these genes is MTHFR".
_MOLECULAR_BEFORE = re.compile(
    r"\b(?:genes?|proteins?|enzymes?|molecules?|substances?|compounds?|hormones?|chemicals?|pathways?)\b"
    r"(?:\s+[a-z]+){0,4}?[\s,:]*(?:\(?\s*(?:also\s+)?(?:known\s+as|called)|including|such\s+as|called|named|is|are|like)?"
    r"[\s,:]*(?:(?:the\s+)?[\"“]?[A-Z][\w/-]*[\"”]?\s*(?:\([^()]*\))?\s*(?:,\s*(?:and|or)?|;|\band\b|\bor\b)?\s*)*"
    r"[\"“]?$"
)
_PROPER_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]+\s+[A-Z][a-z]+\b")
_MOLECULAR_HINT = re.compile(r"gene|protein|enzyme|molecule|substance|compound|hormone|chemical|pathway")
# A condition named with letters: "CHARGE syndrome", "long QT syndrome",
# "familial HDL deficiency".
_NAME_AFTER = re.compile(
    r"\s+(?:syndromes?|association|study|studies|trial|trials|program|programme|initiative|project|consortium)\b"
)
# A line that credits an organisation or names a resource: "- Genetic Testing
# Registry: …", "Columbia University Medical Center: DHREAMS".
_RESOURCE_LINE = re.compile(r"^\s*[A-Z][\w.'’&-]*(?:\s+(?:of|and|for|the|on|in|&|[A-Z][\w.'’&-]*))*\s*:\s")


def _shouting(text: str) -> bool:
    words = _WORDS.findall(text)
    if len(words) < 3:
        return False
    caps = sum(1 for w in words if len(w) > 1 and w.isupper())
    return caps / len(words) >= 0.6


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    acronym: str  # "TMP-SMX" for a compound of acronyms
    surface: str  # with a plural s
    compound_end: int  # end of the run it sits in ("SWI/SNF")


_RUN_LEFT = re.compile(r"[\w&/-]*$")
_RUN_RIGHT = re.compile(r"[\w&/-]*")


def _compound(text: str, i: int, j: int) -> tuple[int, int]:
    """The run of word characters, hyphens and slashes around text[i:j]."""
    left = _RUN_LEFT.search(text, max(0, i - 60), i)
    if left is not None:
        i = left.start()
    right = _RUN_RIGHT.match(text, j)
    if right is not None:
        j = right.end()
    # a hyphen or slash at either end is punctuation, not part of a name
    while i < j and text[i] in "-/":
        i += 1
    while j > i and text[j - 1] in "-/":
        j -= 1
    return i, j


def _candidates(text: str) -> list[_Candidate]:
    """Acronym uses in a block, without the capitalised tokens that are not
    acronyms: parts of names with digits (PD-L1, COVID-19, 1-800-4-CANCER,
    46,XY), labels (stage IIB, type IA), placeholders (MM/DD/YYYY), place
    and degree codes after a name (Bethesda, MD), runs of capitalised words
    (shouting). Acronyms joined by a hyphen (TMP-SMX) are one acronym."""
    masked = mask_urls(text)
    if _RESOURCE_LINE.match(text):
        return []
    caps = list(_ACR.finditer(masked))
    # a run of three or more capitalised words, or of two with a long one
    # ("METHEMOGLOBINEMIA, TYPE I"), is shouting, not acronyms
    skip: set[int] = set()
    for k in range(len(caps) - 2):
        x, y, z = caps[k], caps[k + 1], caps[k + 2]
        if text[x.end() : y.start()].strip(" -") == "" and text[y.end() : z.start()].strip(" -") == "":
            skip |= {k, k + 1, k + 2}
    if _LONG_CAPS.search(masked):
        for k, m in enumerate(caps):
            if _caps_run(masked, m.start(), m.end()):
                skip.add(k)
    out: list[_Candidate] = []
    done_until = -1
    for k, m in enumerate(caps):
        if k in skip or m.start() < done_until:
            continue
        acr, surface, s, e = m.group(1), m.group(0), m.start(), m.end()
        cs, ce = _compound(masked, s, e)
        if cs < s or ce > e:
            whole = masked[cs:ce]
            if any(c.isdigit() for c in whole) or text[cs - 1 : cs] == "<":
                continue  # a name or number with digits: PD-L1, MT-ATP6, 1-800-4-CANCER
            parts = whole.split("-")
            if "/" not in whole and len(parts) > 1:
                last = parts[-1][:-1] if parts[-1].endswith("s") else parts[-1]
                named = (*parts[:-1], last)
                if all(_is_candidate(x) or (len(x) == 1 and x.isupper()) for x in named) and any(
                    _is_candidate(x) for x in named
                ):
                    # acronyms joined by a hyphen are one: TMP-SMX, CM-AVMs
                    acr, surface, s, e = "-".join((*parts[:-1], last)), whole, cs, ce
                    done_until = ce
        if not any(_is_candidate(x) for x in acr.split("-")) or len(set(acr)) == 1:
            continue  # single-letter placeholders: MM, DD, YYYY, XX
        before = text[max(0, s - 40) : s]
        if before.endswith(",") and s >= 2 and text[s - 2].isdigit():
            continue  # a karyotype: 46,XY
        if _LABEL_BEFORE.search(before) or _STAGE.fullmatch(acr):
            continue
        if _AFTER_NAME.search(before) and (
            (acr in _PLACE_OR_DEGREE and not text[e : e + 1].isalpha())
            or (len(acr) <= 3 and _CODE_END.match(text[e : e + 2]))
        ):
            continue  # "Bethesda, MD 20892", "Jane Smith, MD", "Kaler, SG." (place, degree, initials)
        if _NUMBER_BEFORE.search(before):
            continue  # a unit after a number: 600 IU
        if _PROPER_NAME_AFTER.match(text, ce):
            continue  # part of an organisation's name: "NYU Langone Medical Center"
        out.append(_Candidate(s, e, acr, surface, ce))
    return out


_LONG_CAPS = re.compile(r"[A-Z]{11}")
_NUMBER_BEFORE = re.compile(r"\d\s*$")
_CODE_END = re.compile(r"\s*(?:[.,;)]|$)")


def _caps_run(text: str, i: int, j: int) -> bool:
    """Is text[i:j] part of a capitalised phrase that holds a word too long
    to be an acronym ("METHEMOGLOBINEMIA, TYPE I")?"""
    left = re.search(r"([A-Z]{11,})[\s,;:-]+$", text[max(0, i - 60) : i])
    right = re.match(r"[\s,;:-]+([A-Z]{11,})\b", text[j : j + 60])
    return bool(left or right)


def _acronyms(
    text: str, bi: int, idx: TermIndex, a: Analysis, words: list[tuple[int, int]], molecular: set[str]
) -> None:
    if _ACR.search(text) is None or _shouting(text):
        return  # most blocks hold no capitalised token at all
    starts = [st for st, _ in words]  # sorted: mentions come in text order
    for c in _candidates(text):
        m = _Span(c.start, c.end)
        if _pronunciation(text, m) or _label(text, m):
            continue
        w = bisect.bisect_right(starts, c.start) - 1
        if w >= 0 and c.start < words[w][1]:
            continue
        acr = c.acronym
        window = text[max(0, c.start - 200) : c.start]
        if (
            _MOLECULAR_AFTER.match(text, c.compound_end)
            or _NAME_AFTER.match(text, c.compound_end)
            or (_MOLECULAR_HINT.search(window) and _MOLECULAR_BEFORE.search(window))
        ):
            molecular.add(acr)
        a.uses.append(AcronymUse(acr, c.surface, bi, c.start, c.end))
        # a definition sits within a sentence of the acronym: look only that
        # far, so a huge paragraph full of acronyms stays linear
        base = max(0, c.start - _REACH)
        d = _definition_at(text[base : c.end + _REACH], c.start - base, c.end - base, acr, idx)
        if d is not None:
            a.defs.append(AcronymDef(acr, d[2], bi, base + d[0], base + d[1], c.start, c.end))


@dataclass(frozen=True, slots=True)
class _Span:
    s: int
    e: int

    def start(self) -> int:
        return self.s

    def end(self) -> int:
        return self.e


def _pronunciation(text: str, m: _Span | re.Match[str]) -> bool:
    """A capitalised syllable in a pronunciation guide: "ath-er-oh-skler-OH-sis"."""
    i, j = m.start(), m.end()
    if not ((i > 0 and text[i - 1] == "-") or (j < len(text) and text[j] == "-")):
        return False
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "-"):
        i -= 1
    while j < len(text) and (text[j].isalpha() or text[j] == "-"):
        j += 1
    return any(c.islower() for c in text[i:j])


def _label(text: str, m: _Span | re.Match[str]) -> bool:
    """A label opening a line ("NIH: National Institute on Aging" credit lines)."""
    return text[m.end() : m.end() + 1] == ":" and (m.start() == 0 or text[: m.start()].isspace())


def _is_candidate(acr: str) -> bool:
    return is_acronym_form(acr) and len(acr) <= 10 and not _ROMAN.fullmatch(acr) and acr not in _EMPHASIS


_BEFORE_PAREN = re.compile(r"\(\s*$")
# The bracket of a definition may open with a pronunciation or a sibling
# acronym: "myelodysplasia (MI-e-lo-dis-PLA-ze-ah; MDS)", "(EA/TEF)".
_DEF_PAREN = re.compile(r"\((?:[^()]*;\s*|\s*(?:[A-Z][A-Z0-9&]*\s*/\s*)+)?\s*$")
_AFTER_PAREN = re.compile(r"\s*\)")  # used with match(text, pos)
# The acronym closes its bracket, possibly possessive ("(NHLBI's)") or
# followed by a comment in the same bracket ("(ZS, the most severe form)",
# "(TIAs, also known as mini-strokes)").
_ACR_CLOSE = re.compile(
    r"\+?(?:-[^\W\d_]{0,6})?(?:/[A-Z][A-Z0-9&]*)*(?:['’]s)?(?:\s+or\s+[A-Z][A-Z0-9&]*s?)?\s*(?:\)|[,;]\s)"
)
# "long form, or ACR": a bare "or" needs the comma and no article ("the NCI
# or the NIH", "latent TB infection or TB disease" name two things).
_CONNECTOR = re.compile(
    r"(?:,?\s+or\s+|(?:,?\s+(?:(?:which|that)\s+(?:is|are|was|were)\s+)?|\(\s*)"
    r"(?:(?:also|commonly|often|sometimes|usually|typically|more\s+commonly)\s+)?"
    r"(?:called|known\s+as|known\s+by\s+the\s+(?:acronym|abbreviation)|referred\s+to\s+as|for\s+short)\s+"
    r"(?:(?:a|an|the)\s+)?)$",
    re.I,
)
# "an electrocardiogram, also called an EKG or ECG": the second acronym names
# the same thing as the first.
_SIBLING = re.compile(r"(?:\(\s*|\b(?:called|known\s+as|,\s*or)\s+(?:(?:a|an|the)\s+)?)[A-Z][A-Z0-9&]+\s+or\s+$")
# Words that may follow "…, or ACR" when ACR ends the noun phrase; any other
# lower-case word continues it ("known as a CAG trinucleotide repeat", "or REM
# sleep behavior disorder"), so the acronym names something else.
_AFTER_DEFINED = frozenset(
    """is are was were be been can could may might must will would should has have had does do did
    causes cause affects affect occurs occur happens happen usually often also then that which who in
    for to of on at by with from as and or but""".split()
)
# "Alpha-1 antitrypsin deficiency (AAT deficiency)": words after the acronym
# that repeat the end of the long form.
_TAIL = re.compile(r"\s+([^\W\d_][\w-]*(?:\s+[\w-]+)?)")
_FOR = re.compile(r"\s*,\s*for\s+([^.;:()]{3,160})")
# "ACR, which stands for …", "ACR stands for …", "ACR. This stands for …"
_STANDS_FOR = re.compile(
    r"\s*(?:,\s*which\s+|,\s*|\.\s+(?:this|it|that)\s+|which\s+|)stands\s+for\s+([^.;:()]{3,120})", re.I
)
_APPOSITIVE = re.compile(
    r"\s*,\s*(?:the|an?|or|also\s+called|also\s+known\s+as)\s+(?:(?:the|an?)\s+)?([^.;:(),]{3,120})", re.I
)
_LONG_PAREN = re.compile(r"^\s*\(([^()]{3,120})\)")
# "PET scan (positron emission tomography scan)": the words after the acronym
# repeat the end of the long form in the bracket.
_LONG_PAREN_TAIL = re.compile(r"^(\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s*\(([^()]{3,120})\)")


def _blank_parens(s: str) -> str:
    """Bracketed asides (pronunciations, examples) as spaces: same length."""
    return re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), s)


def _clean(s: str) -> str:
    return " ".join(_blank_parens(s).split()).strip(" ,")


_REACH = 400


def _definition_at(text: str, start: int, end: int, acr: str, idx: TermIndex) -> tuple[int, int, str | None] | None:
    """If the acronym at ``text[start:end]`` is being defined, return (start,
    end, expansion) with offsets of the whole definition in ``text``."""
    before = text[:start]
    after = text[end:]
    # long form (ACR), long form tail (ACR tail)
    if _DEF_PAREN.search(before):
        open_at = before.rstrip().rfind("(")
        tail = _repeated_tail(text, open_at, after)
        if tail is not None and ")" in after:
            close = end + after.index(")") + 1
            lend = _tail_start(text, open_at, tail)
            st = _long_start(acr, text, lend, idx)
            if st is not None:
                return st, close, _clean(text[st:lend])
            if not tail:
                return open_at, close, None
    # long form, or ACR / also called an ACR: only when the initials (or the
    # pack) say the words are its long form
    sib = _SIBLING.search(before)
    if sib is not None:
        first = re.search(r"([A-Z][A-Z0-9&]+)\s+or\s+$", before)
        if first is not None:
            d = _definition_at(text[: first.end(1)], first.start(1), first.end(1), first.group(1), idx)
            if d is None and _BEFORE_PAREN.search(before[: first.start(1)]):
                # "(EKG or ECG)": the first would close the bracket
                d = _definition_at(text[: first.end(1)] + ")", first.start(1), first.end(1), first.group(1), idx)
            if d is not None:
                return d[0], end, d[2]
    c = _CONNECTOR.search(before)
    if c is not None:
        tail = _repeated_tail(text, c.start(), after, closing=False)
        nxt = re.match(r"\s+([a-z][\w'-]*)", after[len(tail or "") :])
        if tail or nxt is None or nxt.group(1) in _AFTER_DEFINED:
            lend = _tail_start(text, c.start(), tail or "")
            st = _initials_start(acr, text, lend)
            if st is None:
                st = _pack_start(acr, text, lend, idx)
            if st is None:
                st = _letters_start(acr, text, lend, strict=True)
            if st is not None:
                return st, end + len(tail or ""), _clean(text[st:lend])
            named = re.match(r"[\s\w+-]{0,12}\)", after)
            if c.group(0).lstrip().startswith("(") and named is not None:
                # "long form (also known as ACR)": named in so many words, even
                # when the letters are not in order
                return c.start(), end + named.end(), None
    # ACR, for long form (only when the initials spell it): "PANDAS, for
    # Pediatric Autoimmune Neuropsychiatric Disorders Associated with …"
    w = _FOR.match(after)
    if w is not None:
        words = w.group(1).split()
        for k in range(len(words), 0, -1):
            cand = " ".join(words[:k])
            if len(words[:k]) > 1 and _spells(acr, cand):
                return start, end + w.start(1) + len(cand), cand
    # ACR, which stands for long form
    w = _STANDS_FOR.match(after)
    if w is not None:
        words = w.group(1).split()
        for k in range(len(words), 0, -1):
            cand = " ".join(words[:k])
            if _spells(acr, cand):
                return start, end + w.start(1) + len(cand), cand
        # "stands for" is explicit even when the initials do not spell it
        # ("AIDS … acquired immunodeficiency syndrome"): take the clause
        cand = w.group(1).split(",")[0].strip()
        return start, end + w.start(1) + len(cand), cand
    # ACR, the long form, … / ACR, or long form (only when the initials, or
    # the letters in order from the first word, spell it)
    w = _APPOSITIVE.match(after)
    if w is not None:
        words = w.group(1).split()
        for k in range(len(words), 0, -1):
            cand = " ".join(words[:k])
            if _spells(acr, cand):
                return start, end + w.start(1) + len(cand), cand
        for k in range(1, min(len(words), sum(c.isalpha() for c in acr) + 1) + 1):
            cand = " ".join(words[:k])
            if _schwartz_hearst(acr, cand) == 0 and _spells(acr[0], words[0]):
                return start, end + w.start(1) + len(cand), cand
    # ACR (long form); ACR scan (long form scan)
    p = _LONG_PAREN.match(after)
    tail_words = ""
    if p is None and (p := _LONG_PAREN_TAIL.match(after)) is not None:
        tail_words = " ".join(p.group(1).split()).lower()
        inner = " ".join(p.group(2).split())
        if not inner.lower().endswith(" " + tail_words):
            return None
        inner = inner[: -len(tail_words) - 1]
    elif p is not None:
        inner = p.group(1).strip()
    if p is not None and _long_form_like(inner):
        if (
            _spells(acr, inner)
            or _schwartz_hearst(acr, inner) == 0
            or idx.canonical(inner) == idx.acronyms.get(acr, "\0")
        ):
            return start, end + p.end(), inner
    return None


def _long_form_like(inner: str) -> bool:
    """Words, not another code: "(rRNA)" or "(HLA-B)" do not spell out an acronym."""
    words = inner.split()
    return len(words) > 1 or sum(c.isupper() for c in inner) < 2


def _repeated_tail(text: str, end: int, after: str, closing: bool = True) -> str | None:
    """After the acronym: "" when the bracket closes at once, or the words
    that repeat the end of the long form ("AAT deficiency)"); None otherwise."""
    if closing and _ACR_CLOSE.match(after):
        return ""
    t = _TAIL.match(after)
    if t is None or (closing and not _ACR_CLOSE.match(after[t.end() :])):
        return None if closing else ""
    lead = _blank_parens(text[:end]).rstrip(" ,").lower()
    words = t.group(1).lower()
    return t.group(0) if lead.endswith(" " + words) else (None if closing else "")


def _tail_start(text: str, end: int, tail: str) -> int:
    """Where the repeated tail words start in the long form before ``end``."""
    if not tail.strip():
        return end
    lead = _blank_parens(text[:end]).rstrip(" ,")
    return len(lead) - len(tail.strip())


def _clause(text: str, end: int) -> tuple[str, int, int]:
    """(text with asides blanked, clause start, clause end) before ``end``."""
    lead = _blank_parens(text[:end])
    e = len(lead.rstrip(" ,"))
    cut = max(lead.rfind(p, 0, e) for p in (". ", ": ", "; ", ", ", "(", ")"))
    return lead, cut + 1 if cut >= 0 else 0, e


def _long_start(acr: str, text: str, end: int, idx: TermIndex) -> int | None:
    """Where the long form before "(ACR)" starts: the words that spell the
    acronym (Schwartz & Hearst's algorithm), or the pack's name for it."""
    st = _initials_start(acr, text, end)
    if st is None:
        st = _letters_start(acr, text, end)
    return st if st is not None else _pack_start(acr, text, end, idx)


def _letters_start(acr: str, text: str, end: int, *, strict: bool = False) -> int | None:
    """Where the words before ``end`` that contain the acronym's letters in
    order start ("transesophageal echocardiography, or TEE"). ``strict``
    (no bracket marks a definition): at most one word more than letters."""
    lead, cs, e = _clause(text, end)
    words = list(re.finditer(r"\S+", lead[cs:e]))
    if not words:
        return None
    letters = sum(c.isalpha() for c in acr)
    ws = cs + words[-min(letters + 5, letters * 2, len(words))].start()
    i = _schwartz_hearst(acr, lead[ws:e])
    if i is None or (strict and len(lead[ws + i : e].split()) > letters + 1):
        return None
    return ws + i


def _pack_start(acr: str, text: str, end: int, idx: TermIndex) -> int | None:
    """Where the pack's name for the acronym's concept ends right at ``end``."""
    cid = idx.acronyms.get(acr)
    if cid is None:
        return None
    lead, cs, e = _clause(text, end)
    for name in idx.concepts[cid].names:
        n = len(name)
        if e - n >= cs and term_key(lead[e - n : e]) == term_key(name):
            return e - n
    return None


def _initials_start(acr: str, text: str, end: int) -> int | None:
    """Where the last few words before ``end`` start if their initials spell ``acr``."""
    lead, cs, e = _clause(text, end)
    words = list(re.finditer(r"\S+", lead[cs:e]))
    for k in range(1, min(len(words), 12) + 1):
        st = cs + words[-k].start()
        if _spells(acr, lead[st:e]):
            return st if words[-k].group(0).lower() not in _STOP else None
    return None


def _schwartz_hearst(short: str, long: str) -> int | None:
    """Start index in ``long`` of the shortest suffix whose characters spell
    ``short`` in order, the first one at a word start (Schwartz & Hearst 2003)."""
    s = [c.lower() for c in short if c.isalnum()]
    text = long.lower()
    si = len(s) - 1
    li = len(text) - 1
    while si >= 0:
        c = s[si]
        while li >= 0 and (text[li] != c or (si == 0 and li > 0 and text[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
        si -= 1
    start = text.rfind(" ", 0, li + 1) + 1
    found = long[start:].strip()
    words = found.split()
    if not words or words[0].lower() in _NOT_FIRST or len(found) <= len(short):
        return None
    return start + (len(long[start:]) - len(long[start:].lstrip()))


def _spells(acr: str, phrase: str) -> bool:
    """Do the initials of ``phrase`` (skipping small words) spell ``acr``?"""
    want = "".join(c for c in acr if c.isalnum())
    for sep in (r"\s+", r"[\s\-]+"):
        parts = [w for w in re.split(sep, phrase.strip()) if w and w.lower() not in _STOP]
        if "".join(w[0] for w in parts if w[0].isalnum()).upper() == want:
            return True
    return False


# ---------------------------------------------------------------------------
# Helpers


def _src(doc: Document, bi: int, i: int, j: int) -> tuple[int, int]:
    return doc.blocks[bi].source_range(i, j)


def _locale_ok(locales: list[str], locale: str) -> bool:
    return not locales or any(locale.lower().startswith(x.lower()) for x in locales)


@functools.lru_cache(maxsize=4096)
def _word_pattern(w: str, stem: bool = False) -> re.Pattern[str]:
    body = r"[\s-]+".join(re.escape(p) for p in re.split(r"[\s-]+", fold(w).strip()))
    # stem: the word may take an ending ("sudden" explains "acute" in "begin suddenly")
    return re.compile(r"(?<!\w)" + body + (r"(?:ly|s|es)?(?!\w)" if stem else r"(?!\w)"))


def _near(
    words: list[str], folded_block: str, memo: dict[tuple[str, ...], bool] | None = None, *, stem: bool = False
) -> bool:
    """Is any of ``words`` in the (folded) text, as whole words, hyphen or space alike?

    ``memo`` holds answers for this block: a block with many matches of one
    discouraged term is searched once per context list, not once per match
    (which made one huge paragraph quadratic)."""
    key = tuple(words)
    if memo is not None and key in memo:
        return memo[key]
    found = any(_word_pattern(w, stem).search(folded_block) for w in words)
    if memo is not None:
        memo[key] = found
    return found


# ---------------------------------------------------------------------------
# Document check: TRM001, TRM002, TRM003, TRM006


@FAMILY.check(DISCOURAGED, NOT_SYNONYMS, UNDEFINED_ACRONYM, JARGON)
def terminology(doc: Document, ctx: DocContext) -> Iterator[Finding]:
    idx = term_index(ctx.project)
    a = analyse(doc, ctx, idx)
    by_block: dict[int, list[Mention]] = defaultdict(list)
    for bi, m in a.mentions:
        by_block[bi].append(m)
    # (block, mention start) inside a TRM002 finding: TRM001 stays quiet there
    # even when TRM002 is not selected, so one problem is never reported twice
    equated: set[tuple[int, int]] = set()
    for bi, ms in by_block.items():
        found = list(_not_synonyms(doc, ctx, idx, bi, ms, equated))
        if ctx.enabled("TRM002"):
            yield from found
    if ctx.enabled("TRM001"):
        for bi, ms in by_block.items():
            yield from _discouraged(doc, ctx, idx, bi, ms, equated)
    if ctx.enabled("TRM003"):
        yield from _undefined(doc, ctx, idx, a)
    if ctx.enabled("TRM006") and ctx.audience == "patient":
        yield from _jargon(doc, ctx, idx, by_block)


@dataclass
class _Unit:
    start: int
    end: int
    concept: str
    starts: list[int]


_EQUATE = re.compile(
    r"\s*,?\s*(?:or|aka|a\.k\.a\.?|i\.e\.,?|that\s+is,?|/|also\s+(?:called|known\s+as|referred\s+to\s+as|termed)"
    r"|(?:sometimes|often|commonly|otherwise)\s+(?:called|known\s+as|referred\s+to\s+as)"
    r"|known\s+as|called|is\s+the\s+same\s+as|is\s+another\s+(?:name|term)\s+for)\s*,?\s*(?:(?:the|a|an)\s+)?",
    re.I,
)
_BARE_OR = re.compile(r"\s*,?\s*or\s+(?:(?:the|a|an)\s+)?", re.I)
_NAMING_BEFORE = re.compile(
    r"\b(?:known\s+as|called|termed|referred\s+to\s+as|diagnosed\s+as)\s+(?:(?:the|a|an)\s+)?$", re.I
)
_OPEN = re.compile(r"\s*\(\s*(?:(?:or|aka|also\s+called|also\s+known\s+as|known\s+as|i\.e\.,?)\s+)?", re.I)


def _units(text: str, ms: list[Mention]) -> list[_Unit]:
    """Concept names in order, a name and its "(ACRONYM)" merged into one unit."""
    units: list[_Unit] = []
    seen: set[int] = set()
    for m in ms:
        if m.kind not in _NAME_KINDS or m.start in seen:
            continue
        seen.add(m.start)
        if units:
            u = units[-1]
            if (
                u.concept == m.concept_id
                and re.fullmatch(r"\s*\(\s*", text[u.end : m.start])
                and (close := _AFTER_PAREN.match(text, m.end))
            ):
                u.end = close.end()
                u.starts.append(m.start)
                continue
        units.append(_Unit(m.start, m.end, m.concept_id, [m.start]))
    return units


def _not_synonyms(
    doc: Document, ctx: DocContext, idx: TermIndex, bi: int, ms: list[Mention], equated: set[tuple[int, int]]
) -> Iterator[Finding]:
    text = doc.blocks[bi].text
    units = _units(text, ms)
    aliases = {frozenset(p) for p in ctx.settings.terminology.allowed_aliases}
    for u, v in itertools.pairwise(units):
        ns = idx.are_not_synonyms(u.concept, v.concept)
        if ns is None or frozenset((u.concept, v.concept)) in aliases:
            continue
        gap = text[u.end : v.start]
        end = v.end
        if (
            _BARE_OR.fullmatch(gap)
            and not ns.or_equates
            and not _NAMING_BEFORE.search(text[max(0, u.start - 60) : u.start])
        ):
            continue  # "heat exhaustion or heat stroke" names two things, unless "known as X or Y"
        if not _EQUATE.fullmatch(gap):
            close = _AFTER_PAREN.match(text, v.end)
            if not (_OPEN.fullmatch(gap) and close):
                continue
            end = close.end()
        equated.update((bi, s) for s in u.starts + v.starts)
        s, e = _src(doc, bi, u.start, end)
        first, second = text[u.start : u.end], text[v.start : v.end]
        yield ctx.report(
            NOT_SYNONYMS,
            s,
            e,
            f"'{first}' and '{second}' are written as if they were the same condition, but they are not "
            f"synonyms: {ns.reason}. Name the one you mean.",
        )


def _discouraged(
    doc: Document, ctx: DocContext, idx: TermIndex, bi: int, ms: list[Mention], equated: set[tuple[int, int]]
) -> Iterator[Finding]:
    text = doc.blocks[bi].text
    folded: str | None = None
    near_memo: dict[tuple[str, ...], bool] = {}
    done: set[int] = set()
    hits = [m for m in ms if m.kind == "discouraged"]
    for k, m in enumerate(hits):
        if m.start in done or (bi, m.start) in equated:
            continue
        d = idx.discouraged(m)
        if not _locale_ok(d.locales, ctx.locale):
            continue
        if d.when_near:
            folded = folded if folded is not None else fold(text)
            if not _near(d.when_near, folded, near_memo):
                continue
        if (
            _MENTIONED.search(text[max(0, m.start - 60) : m.start])
            or _in_proper_name(text, m.start, m.end)
            or _RESOURCE_LINE.match(text)
        ):
            continue  # "(previously called mental retardation)", "Committee on Mental Retardation"
        if d.not_after:
            prev = re.search(r"([^\W\d_]+)\W*$", text[max(0, m.start - 30) : m.start])
            if prev is not None and prev.group(1).lower() in {w.lower() for w in d.not_after}:
                continue
        parts = [m]
        # "discouraged name (DISCOURAGED ACRONYM)": one finding for both
        if k + 1 < len(hits):
            n = hits[k + 1]
            if (
                n.concept_id == m.concept_id
                and re.fullmatch(r"\s*\(\s*", text[m.end : n.start])
                and _AFTER_PAREN.match(text, n.end)
            ):
                parts.append(n)
                done.add(n.start)
        edits: list[Edit] = []
        safe = True
        for p in parts:
            pd = idx.discouraged(p)
            rep = _replacement(idx, p.concept_id, pd.replacement, ctx.locale)
            if not rep:
                safe = False
                continue
            if _glued(text, p.start, p.end):
                safe = False  # "pre-diabetics": no replacement fits inside a compound
                continue
            ps, pe = _src(doc, bi, p.start, p.end)
            new = match_case(p.surface, rep)
            moved = _modifier_before(text, p.start, rep)
            if moved is not None:
                # "type 1 diabetics" -> "people with type 1 diabetes", never
                # "type 1 people with diabetes"
                ps, _ = _src(doc, bi, p.start - len(moved[0]), p.end)
                new = moved[1]
            safe = safe and pd.safe_fix and moved is None and _drop_in(text, p, pd.term, rep)
            edits.append(ctx.edit(ps, pe, new))
        end = parts[-1].end
        if len(parts) > 1:
            end = text.index(")", end) + 1
        s, _ = _src(doc, bi, parts[0].start, parts[0].end)
        _, e = _src(doc, bi, parts[-1].start, end)
        shown = text[parts[0].start : end]
        replacement = _replacement(idx, m.concept_id, d.replacement, ctx.locale) or d.advice
        advice = f"; write '{replacement}' instead" if replacement else ""
        fix = None
        if edits and len(edits) == len(parts):
            label = edits[0].content if len(edits) == 1 else replacement
            fix = ctx.fix(f"Replace with '{label}'", *edits, applicability="safe" if safe else "unsafe")
        yield ctx.report(DISCOURAGED, s, e, f"'{shown}' is discouraged: {d.reason}{advice}.", fix=fix)


# The term is named, not used: "(previously called mental retardation)".
_MENTIONED = re.compile(
    r"\b(?:previously|formerly|once|historically|originally)\s+(?:called|known\s+as|referred\s+to\s+as|termed|named)"
    r"\s+(?:[\"“'‘])?$",
    re.I,
)
# Words that may stand before a people-first replacement ("Many diabetics"
# -> "Many people with diabetes"); any other word may modify the term itself.
_SAFE_BEFORE = frozenset(
    """the many most some all few several these those such other for of in among with to and or but that who
    as are were is was be if when because by from at on about both any no more fewer like than help helps
    teach ask advise tell""".split()
)
_TYPE_BEFORE = re.compile(r"\b(type\s+[0-9]+|type\s+(?:I|II|one|two)|gestational|juvenile)\s+$", re.I)


def _glued(text: str, start: int, end: int) -> bool:
    """Part of a hyphenated compound: "pre-diabetics", "diabetics-only"."""
    hyphens = ("-", "\u2010", "\u2011")
    return text[max(0, start - 1) : start] in hyphens or text[end : end + 1] in hyphens


def _drop_in(text: str, m: Mention, term: str, replacement: str) -> bool:
    """Can the term be replaced without touching the words around it? Only
    the exact form (no plural or possessive the replacement would not carry),
    in lower case or with a leading capital; and a people-first replacement
    ("people with diabetes") only after a word that cannot modify the term
    (a determiner, a preposition, a conjunction, the start of a sentence):
    "young diabetics" is left to the editor."""
    if fold(m.surface) != fold(term) or (m.surface[1:] != m.surface[1:].lower()):
        return False
    if " with " not in f" {replacement} ":
        return True
    prev = re.search(r"([^\W\d_]+)\W*$", text[max(0, m.start - 40) : m.start])
    lead = text[max(0, m.start - 3) : m.start]
    if prev is None or re.search(r"[.!?:;(]\s*$", lead) or not text[: m.start].strip():
        return True
    return prev.group(1).lower() in _SAFE_BEFORE


def _modifier_before(text: str, start: int, replacement: str) -> tuple[str, str] | None:
    """("type 1 ", "people with type 1 diabetes") when a people-first
    replacement would split a modifier from its condition."""
    mm = _TYPE_BEFORE.search(text[max(0, start - 30) : start])
    head = re.match(r"(people|a person|person)\s+with\s+(.+)$", replacement)
    if mm is None or head is None:
        return None
    modifier = mm.group(1)[:1].lower() + mm.group(1)[1:]
    return mm.group(0), match_case(mm.group(0), f"{head.group(1)} with {modifier} {head.group(2)}")


def _in_proper_name(text: str, start: int, end: int) -> bool:
    """A Title Case phrase mid-sentence that holds the term: an organisation
    or a publication ("President's Committee on Mental Retardation")."""
    surface = text[start:end]
    words = surface.split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return False
    return not re.search(r"(?:^|[.!?:]\s*|^\s*[-*]\s*)$", text[:start])


def _replacement(idx: TermIndex, cid: str, replacement: str | None, locale: str) -> str | None:
    """The replacement, in the locale's preferred form when it is the concept's
    name ("peripheral arterial disease" on en-GB pages)."""
    concept = idx.concepts.get(cid)
    if concept is None:
        return replacement
    return concept.preferred_for(locale) if replacement == concept.preferred else replacement


def _allowed(ctx: DocContext | CorpusContext, idx: TermIndex) -> set[str]:
    return set(ctx.settings.terminology.allowed_acronyms) | set(idx.well_known)


def _undefined(doc: Document, ctx: DocContext, idx: TermIndex, a: Analysis) -> Iterator[Finding]:
    allowed = _allowed(ctx, idx)
    defined_at: dict[str, tuple[int, int]] = {}  # acronym -> (block, prose start) of first definition
    for d in a.defs:
        key = (d.block, d.acr_start)
        if d.acronym not in defined_at or key < defined_at[d.acronym]:
            defined_at[d.acronym] = key
    reported: set[str] = set()
    # concepts the page names: only then is the pack's long form for an
    # acronym known to be the page's meaning ("PD" next to "PD-L1" on a cancer
    # page is not Parkinson's disease)
    named = {m.concept_id for _, m in a.mentions if m.kind in ("preferred", "variant")}
    named |= {m.concept_id for m in idx.find(doc.title) if m.kind in ("preferred", "variant")}
    for u in a.uses:
        if u.acronym in allowed or u.acronym in reported:
            continue
        if "-" in u.acronym and all(p in allowed or p in defined_at or len(p) == 1 for p in u.acronym.split("-")):
            continue  # "ALS-FTD" after "ALS" and "FTD" were defined
        first_def = defined_at.get(u.acronym)
        if first_def is not None and doc.blocks[u.block].kind == "heading":
            continue  # a heading is a label ("### Cardiac MRI"); the text below defines it
        if first_def is not None and first_def <= (u.block, u.start):
            continue
        reported.add(u.acronym)
        s, e = _src(doc, u.block, u.start, u.end)
        cid = idx.acronyms.get(u.acronym)
        long = idx.concepts[cid].preferred_for(ctx.locale) if cid and cid in named else None
        fix = None
        if first_def is not None:
            ds, _ = _src(doc, first_def[0], first_def[1], first_def[1] + 1)
            line = doc.span(ds, ds).line
            msg = f"'{u.acronym}' is used before it is defined (on line {line}); define it at its first use"
        elif long:
            msg = f"'{u.acronym}' is never defined; write '{long} ({u.acronym})' the first time"
            b = doc.blocks[u.block]
            prefix = b.text[max(0, u.start - 40) : u.start]
            at_start = (u.start <= 40 and not prefix.strip()) or prefix.rstrip().endswith((".", "!", "?", ":"))
            if u.surface != u.acronym and not long.endswith("s"):
                long += "s"  # "UTIs" -> "urinary tract infections (UTIs)"
            text = (long[:1].upper() + long[1:] if at_start else long) + f" ({u.surface})"
            fix = ctx.fix(f"Write '{text}'", ctx.edit(s, e, text), applicability="unsafe")
        else:
            msg = f"'{u.acronym}' is never defined; spell it out the first time, e.g. 'long form ({u.acronym})'"
        if not long and first_def is None:
            msg += " (or add it to terminology.allowed_acronyms if every reader knows it)"
        yield ctx.report(UNDEFINED_ACRONYM, s, e, msg + ".", fix=fix)


def _jargon(doc: Document, ctx: DocContext, idx: TermIndex, by_block: dict[int, list[Mention]]) -> Iterator[Finding]:
    # A term in the page title is part of the condition's name ("Acute
    # Bronchitis"): the page cannot avoid it.
    levels = set(ctx.settings.terminology.jargon_levels)
    title = {m.concept_id for m in idx.find(doc.title) if m.kind == "jargon"}
    # Every use of each term the rule reports on, in document order; a term
    # explained at any of its uses is explained for the page (readers of
    # "Acute, subacute and chronic cough" meet the definitions a paragraph
    # later).
    uses: dict[str, list[tuple[int, Mention]]] = {}
    explained: set[str] = set(title)
    explained_at: dict[str, int] = {}  # term -> block of its first explanation
    for bi in sorted(by_block):
        b = doc.blocks[bi]
        if _RESOURCE_LINE.match(b.text):
            continue  # the title of another publisher's resource
        fresh = [m for m in by_block[bi] if m.kind == "jargon" and m.concept_id not in title]
        folded: str | None = None
        for m in jargon_mentions(idx, b.text, fresh) if fresh else ():
            j = idx.jargon[m.concept_id]
            if j.level not in levels or not _locale_ok(j.locales, ctx.locale):
                continue
            uses.setdefault(m.concept_id, []).append((bi, m))
            if m.concept_id in explained:
                continue
            folded = folded if folded is not None else fold(b.text)
            if (
                _near(j.plain, folded, stem=True)
                or _in_brackets(b, m)
                or _glossed(b, m)
                or _introduced(b, m)
                or _described_next(b, m)
            ):
                explained.add(m.concept_id)
                explained_at[m.concept_id] = bi
    for cid, found in uses.items():
        bi, m = found[0]  # reported once, at its first use
        later = explained_at.get(cid)
        if cid in explained and (later is None or doc.blocks[later].section == doc.blocks[bi].section):
            continue  # explained at its first use, or further on in the same section
        j = idx.jargon[cid]
        s, e = _src(doc, bi, m.start, m.end)
        plain = j.plain[0]
        if (
            fold(m.surface) != fold(j.term)
            and j.term.endswith(_NOUN_ENDINGS)
            and plain.count(" ") <= 1
            and not plain.endswith("s")
        ):
            plain += "s"  # "Cardiologists" -> "heart doctors (cardiologists)"; not "recurs"
        alts = " or ".join(f"'{p}'" for p in j.plain)
        term = m.surface.lower() if m.surface[:1].isupper() else m.surface
        suggestion = match_case(m.surface, plain) + f" ({term})"
        where = ""
        if later is not None:
            where = f" It is explained only later, on line {doc.blocks[later].line}: explain it at its first use."
        yield ctx.report(
            JARGON,
            s,
            e,
            f"'{m.surface}' is a medical term; on a patient page write {alts}, or give the plain "
            f"term first with this one in brackets: '{plain} ({m.surface.lower()})'.{where}",
            fix=ctx.fix(f"Write '{suggestion}'", ctx.edit(s, e, suggestion), applicability="unsafe"),
        )


# Endings of the jargon nouns whose plural takes a plural plain word.
_NOUN_ENDINGS = ("ist", "ian", "ic", "ant", "ent", "ion", "ure", "ism", "ogy", "er", "or")
_GLOSS = re.compile(
    r"\s*\([^()]*[^\W\d_][^()]*\)|,\s+(?:which|meaning|that\s+is|i\.e\.)\s|\s+(?:means|is\s+when|refers\s+to)\s"
    r"|,\s+or\s+[^\W\d_]+,"
    # "A cardiologist is a doctor who ...": a definition
    r"|\s+(?:is|are)\s+(?:a|an)\s+(?:[\w-]+\s+){0,4}?(?:who|that|which|in\s+which|where)\s"
    # "analgesics such as aspirin": examples say what it is
    r"|,?\s+(?:such\s+as|like|including)\s"
    # "your trachea or bronchi, which are part of your airway system"
    r"|\s+(?:or|and)\s+[^\W\d_]+,\s+(?:which|meaning)\s"
)
_INTRODUCED = re.compile(
    r"\b(?:called|termed|known\s+as|described\s+as|referred\s+to\s+as)\s+(?:(?:a|an|the)\s+)?"
    r"(?:[^\W\d_]+\s+or\s+)?$",  # "it is called primary or idiopathic …"
    re.I,
)
# "Cardiologists. These are doctors who …": the next sentence says what it is.
_DESCRIBED_NEXT = re.compile(
    r"[^.!?]{0,80}[.!?:]\s+(?:(?:These|This|They|It|Such)\s+(?:is|are)\s+(?:a|an|the)?\s*\w"
    # "Cardiologists. These doctors diagnose and treat ...": what they are, or do
    r"|(?:These|Such)\s+[a-z]+\s+(?:is|are|diagnose|treat|specialize|care|help|work)\b)"
)


def _glossed(b: Block, m: Mention) -> bool:
    """``medical (explanation)`` or ``medical, which …``, or a sentence that
    opens with the term and says what it is ("The central nervous system is
    the brain and the spinal cord"): the author explains the term."""
    if _GLOSS.match(b.text, m.end):
        return True
    return bool(_SUBJECT_BEFORE.search(b.text[max(0, m.start - 8) : m.start])) and bool(
        _DEFINED_AFTER.match(b.text, m.end)
    )


_SUBJECT_BEFORE = re.compile(r"(?:^|[.!?:]\s+)(?:(?:The|A|An)\s+)?$")
_DEFINED_AFTER = re.compile(r"\s+(?:is|are)\s+(?:a|an|the|your)\s")


def _described_next(b: Block, m: Mention) -> bool:
    """The sentence after the term's says what it is ("These are doctors who …")."""
    return bool(_DESCRIBED_NEXT.match(b.text, m.end))


def _introduced(b: Block, m: Mention) -> bool:
    """``… is called chronic if it lasts …``: the sentence defines the term."""
    return bool(_INTRODUCED.search(b.text[max(0, m.start - 40) : m.start]))


def _in_brackets(b: Block, m: Mention) -> bool:
    """``plain (medical)``: the term opens brackets after other words ("pins
    and needles (paresthesia)", "airways (trachea and bronchi)")."""
    return bool(_BEFORE_PAREN.search(b.text[max(0, m.start - 40) : m.start])) and bool(
        _AFTER_PAREN.match(b.text, m.end) or _PAIR_IN_PAREN.match(b.text, m.end)
    )


_PAIR_IN_PAREN = re.compile(r"\s+(?:and|or)\s+[^\W\d_][\w-]*\s*\)")


# ---------------------------------------------------------------------------
# Corpus: TRM004, TRM005


@dataclass(frozen=True, slots=True)
class NameUse:
    concept: str
    key: str
    spelling: str
    surface: str
    span: Span


@dataclass(frozen=True, slots=True)
class DefUse:
    acronym: str
    expansion: str
    key: str
    span: Span


@dataclass(frozen=True, slots=True)
class TermSummary:
    names: tuple[NameUse, ...]
    defs: tuple[DefUse, ...]
    # concepts the page is about (named in its title or front-matter topics):
    # pages that share one are read together
    topics: tuple[str, ...] = ()
    forms: WordForms | None = None


@dataclass(frozen=True, slots=True)
class FormUse:
    key: str  # folded letters only: "autoinjector", "chronic kidney disease"
    surface: str
    span: Span


@dataclass(frozen=True, slots=True)
class WordForms:
    """How a page writes words that have more than one written form:
    prefixed words with or without a hyphen (first use per form), condition
    names in Title Case in mid-sentence, and the condition names it writes
    with a lower-case head ("kidney disease")."""

    prefixed: tuple[FormUse, ...] = ()
    title_case: tuple[FormUse, ...] = ()
    lower_names: tuple[tuple[str, str], ...] = ()  # (key, surface) of names written with a lower-case head


_MAX_NAMES = 400  # per file: bounds the summary of a huge file


@FAMILY.collector("terminology", feeds=(ACRONYM_REDEFINED, INCONSISTENT_VARIANT))
def summarise(doc: Document, ctx: DocContext) -> TermSummary:
    idx = term_index(ctx.project)
    a = analyse(doc, ctx, idx)
    names: list[NameUse] = []
    for bi, m in a.mentions:
        if m.kind not in ("preferred", "variant") or len(names) >= _MAX_NAMES:
            continue
        s, e = _src(doc, bi, m.start, m.end)
        span = doc.span(s, e)
        if names and names[-1].span == span:
            continue  # one name of two concepts: count it once
        names.append(NameUse(m.concept_id, " ".join(m.key), spelling(m.surface), m.surface, span))
    defs = []
    for d in a.defs:
        if d.expansion is None:
            continue
        s, e = _src(doc, d.block, d.start, d.end)
        defs.append(DefUse(d.acronym, d.expansion, _expansion_key(d.expansion, idx), doc.span(s, e)))
    return TermSummary(tuple(names), tuple(defs), _page_topics(doc, idx), _word_forms(doc, idx))


# Prefixes written closed or with a hyphen ("auto-injector" / "autoinjector").
# Not re- or de- ("re-cover" and "recover" are different words), and not the
# prefixes whose closed words are ordinary words by the thousand (co-, sub-,
# inter-, hyper-, …): checking those would cost more than they find.
_PREFIXES = ("anti", "auto", "non", "pre", "post", "multi", "semi", "over", "self")
_WORD_AT = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")


def _prefixed_words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of each word made of a prefix and 4+ letters, or a
    prefix, a hyphen and 3+ letters; found with ``str.find`` (most text holds
    none, and a regex scan of every position cost more than the whole rest)."""
    low = text.lower()
    for p in _PREFIXES:
        i = low.find(p)
        while i != -1:
            if i == 0 or not (low[i - 1].isalnum() or low[i - 1] in "-_'’"):
                m = _WORD_AT.match(text, i)
                if m is not None and text[m.end() : m.end() + 1] != "-":
                    word = m.group(0)
                    rest = word[len(p) :]
                    if (rest.startswith("-") and "-" not in rest[1:] and len(rest) >= 4) or (
                        "-" not in rest and len(rest) >= 4
                    ):
                        yield m.start(), m.end(), word
            i = low.find(p, i + 1)


# Two to five capitalised words ending in a condition head ("Chronic Kidney
# Disease", "Dandy-Walker Syndrome"); the start is checked in code (a
# lookbehind would stop the regex engine from skipping to capitals).
_TITLE_RUN = re.compile(
    r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}\s+(?:Diseases?|Syndromes?|Disorders?|Failure|Deficiency|Dystrophy|"
    r"Palsy)(?![\w'’-])"
)
_LOWER_HEAD = re.compile(r"\b(?:diseases?|syndromes?|disorders?|failure|deficiency|dystrophy|palsy)\b")
_TITLE_REFERENCE = re.compile(r"\b(?:articles?|Index|Health\s+Topics?|section|go\s+to|visit|see|read)\b|[\"“”]")
_LEAD_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_LETTERS = re.compile(r"[^\W\d_]+")
_MAX_FORMS = 300  # per kind and file: bounds the summary of a huge file


def _form_key(text: str) -> str:
    return " ".join(_LETTERS.findall(fold(text)))


def _word_forms(doc: Document, idx: TermIndex) -> WordForms:
    prefixed: dict[tuple[str, str], FormUse] = {}
    title: list[FormUse] = []
    lower: dict[str, str] = {}
    for _, b in doc.prose_blocks():
        text = mask_urls(b.text)
        if _RESOURCE_LINE.match(text):
            continue
        for start, end, word in _prefixed_words(text):
            form = "-" if "-" in word else ""
            key = word.lower().replace("-", "") if word.isascii() else fold(word).replace("-", "")
            if (key, form) not in prefixed and len(prefixed) < _MAX_FORMS:
                s, e = b.source_range(start, end)
                prefixed[(key, form)] = FormUse(key, word, doc.span(s, e))
        if len(title) < _MAX_FORMS:
            title.extend(_title_case_names(doc, b, text))
        if len(lower) < _MAX_FORMS * 4 and _LOWER_HEAD.search(text):
            _lower_names(text, lower)
    return WordForms(tuple(prefixed.values()), tuple(title[:_MAX_FORMS]), tuple(lower.items())[: _MAX_FORMS * 4])


def _lower_names(text: str, out: dict[str, str]) -> None:
    """Add the keys of the condition names ``text`` writes with a lower-case
    head ("kidney disease", "chronic kidney disease", "Dandy-Walker
    syndrome"): the head and up to three words before it in the same phrase."""
    for m in _LOWER_HEAD.finditer(text):
        lead = text[max(0, m.start() - 60) : m.start()]
        key = m.group(0).lower()
        end = len(lead)
        for w in reversed(_LEAD_WORDS_BEFORE.findall(lead)[-3:]):
            st = lead.rfind(w, 0, end)
            if st < 0 or lead[st + len(w) : end].strip() or w.lower() in _STOP:
                break  # punctuation ends the phrase; a name never starts with "of", "the" …
            key = _form_key(w) + " " + key
            end = st
            out.setdefault(key, text[m.start() - len(lead) + st : m.end()])


_LEAD_WORDS_BEFORE = re.compile(r"[^\W\d_][\w'’-]*")


def _title_case_names(doc: Document, b: Block, text: str) -> Iterator[FormUse]:
    """Condition names in Title Case in the middle of a sentence ("… with
    Chronic Kidney Disease."), not part of a longer name ("National
    Institute of Diabetes and Digestive and Kidney Diseases", "Kidney
    Disease Foundation") or a link's text."""
    heading_like: bool | None = None
    for m in _TITLE_RUN.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "-'’_"):
            continue
        if heading_like is None:
            words_all = _WORDS.findall(text)
            heading_like = sum(w[:1].isupper() for w in words_all) * 5 >= len(words_all) * 3
        if heading_like:
            return  # a heading set as a paragraph ("Signs and Symptoms of …")
        sentence = re.split(r"(?<=[.!?])\s+", text[: m.start()])[-1] + text[m.start() : m.end() + 80].split(". ")[0]
        if _TITLE_REFERENCE.search(sentence):
            continue  # names another article: "go to the Health Topics Heart Failure article"
        before = text[max(0, m.start() - 60) : m.start()]
        if not re.search(r"[a-z,]\s+$", before) or re.search(
            r"[A-Z][\w'’-]*\s+(?:of|and|for|the|on|in|&|with)\s+$", before
        ):
            continue  # sentence start, or inside a longer capitalised name
        if re.match(r"\s+(?:[a-z]{1,4}\s+)?[A-Z]", text[m.end() : m.end() + 12]):
            continue  # "Multiple System Atrophy with Orthostatic Hypotension"
        s, e = b.source_range(m.start(), m.end())
        if doc.text[max(0, s - 1) : s] in ("[", '"', "“", "*", "_"):
            continue  # link text, a quoted title, emphasis
        yield FormUse(_form_key(m.group(0)), m.group(0), doc.span(s, e))


def _page_topics(doc: Document, idx: TermIndex) -> tuple[str, ...]:
    found = {m.concept_id for m in idx.find(doc.title) if m.kind in _NAME_KINDS}
    topics = doc.meta.get("topics") if isinstance(doc.meta, dict) else None
    if isinstance(topics, list):
        for t in topics:
            if isinstance(t, str):
                cid = idx.canonical(t)
                found.add(cid if cid is not None else "topic:" + fold(t.strip()))
    return tuple(sorted(found))


# Words that do not change what a long form means ("NSAID: … drugs" /
# "… medicines"; "CT: computed tomography" / "… scan"; "-gram" / "-graphy").
# Only used to compare two long forms of one acronym, never shown as advice.
_SAME_WORD = {
    "medicine": "drug",
    "medication": "drug",
    "echo": "echocardiogram",  # "transesophageal echo" is short for "… echocardiography"
    "arteriogram": "angiogram",  # an angiogram of arteries; the same test name in practice
}
_DROP_WORDS = _STOP | {"scan", "test"}


def _loose(phrase: str) -> str:
    words = [_SAME_WORD.get(w, w) for w in term_key(phrase) if w not in _DROP_WORDS]
    return re.sub(r"graphy\b", "gram", "".join(words))


_LOOSE_NAMES: dict[int, tuple[TermIndex, dict[str, str]]] = {}


def _expansion_key(expansion: str, idx: TermIndex) -> str:
    """What a long form means: its pack concept, else its words loosely
    normalised (plurals, small words, medicine/drug, -graphy/-gram)."""
    cid = idx.canonical(expansion)
    if cid is None:
        hit = _LOOSE_NAMES.get(id(idx))
        if hit is None or hit[0] is not idx:
            names = {_loose(n): c.id for c in idx.concepts.values() for n in c.names}
            hit = _LOOSE_NAMES[id(idx)] = (idx, names)
        cid = hit[1].get(_loose(expansion))
    return "concept:" + cid if cid is not None else _loose(expansion)


def _summaries(corpus: Corpus) -> dict[str, TermSummary]:
    return {p: s for p, s in corpus.summaries("terminology").items() if isinstance(s, TermSummary)}


U = TypeVar("U", NameUse, DefUse)


class _Related(Generic[U]):
    """Related locations for the findings of one group: ``uses`` are in
    (path, line) order, so each file's uses are one run. Picking them costs
    O(1) per finding, not a sort of the whole group."""

    def __init__(self, uses: list[tuple[str, U]], most: int = 3) -> None:
        self.uses: list[tuple[str, U]] = uses
        self.most = most
        self.runs: dict[str, tuple[int, int]] = {}
        for i, (p, _) in enumerate(uses):
            first = self.runs.get(p, (i, i))[0]
            self.runs[p] = (first, i + 1)

    def pick(self, path: str, *, same_file_first: bool) -> list[tuple[str, U]]:
        k = self.most
        start, end = self.runs.get(path, (0, 0))
        here = self.uses[start:end][:k]
        there = (self.uses[: min(start, k)] + self.uses[end : end + k])[:k]
        return ((here + there) if same_file_first else (there + here))[:k]


@FAMILY.check(ACRONYM_REDEFINED, scope=Scope.CORPUS)
def redefined_acronyms(corpus: Corpus, ctx: CorpusContext) -> Iterator[Finding]:
    summaries = _summaries(corpus)
    by_acr: dict[str, list[tuple[str, DefUse]]] = defaultdict(list)
    for path, summ in sorted(summaries.items()):
        for d in summ.defs:
            by_acr[d.acronym].append((path, d))
    for acr, uses in sorted(by_acr.items()):
        if len({d.key for _, d in uses}) < 2:
            continue
        cluster = _meaning_clusters([d for _, d in uses])
        if len(set(cluster.values())) < 2:
            continue
        size = Counter(cluster[d.key] for _, d in uses)
        order = {c: i for i, c in enumerate(dict.fromkeys(cluster[d.key] for _, d in uses))}
        rank = {c: (-n, order[c]) for c, n in size.items()}  # most common meaning first
        major = min(size, key=lambda c: rank[c])
        by_path: dict[str, list[DefUse]] = defaultdict(list)
        for p, d in uses:
            by_path[p].append(d)
        for path, d in uses:
            mine = cluster[d.key]
            here = by_path[path]
            best_here = min({cluster[x.key] for x in here}, key=lambda c: rank[c])
            if mine != best_here:
                # two meanings on one page: always a problem for its reader
                other = [x for x in here if cluster[x.key] == best_here]
                yield ctx.report_at(
                    ACRONYM_REDEFINED,
                    path,
                    d.span,
                    f"'{acr}' is defined here as '{d.expansion}' but as '{other[0].expansion}' on line "
                    f"{other[0].span.line} of this page; give each acronym one meaning (spell the other term "
                    "out in full).",
                    related=[Related.at(path, x.span, f"'{acr}' defined as '{x.expansion}'") for x in other[:3]],
                    snippet=d.expansion,
                )
                continue
            if mine == major:
                continue
            # across pages only where one reader meets both: pages about the
            # same topic ("ASD" on an autism page and on a heart-defect page
            # are two established meanings, each clear where it is used)
            topics = set(summaries[path].topics)
            near = [
                (p, x) for p, x in uses if p != path and cluster[x.key] == major and topics & set(summaries[p].topics)
            ]
            if not near:
                continue
            yield ctx.report_at(
                ACRONYM_REDEFINED,
                path,
                d.span,
                f"'{acr}' is defined here as '{d.expansion}' but as '{near[0][1].expansion}' in {len(near)} "
                f"other place{'s' if len(near) != 1 else ''} on pages about the same topic; give each acronym "
                "one meaning (spell the other term out in full).",
                related=[Related.at(p, x.span, f"'{acr}' defined as '{x.expansion}'") for p, x in near[:3]],
                snippet=d.expansion,
            )


def _meaning_words(expansion: str) -> list[str]:
    """The words that carry a long form's meaning, loosely normalised; an
    acronym inside it ("CT arteriogram") stands for words, so it is left out."""
    out = []
    for t in re.findall(r"[^\W\d_]+", expansion):
        if len(t) > 1 and t.isupper():
            continue
        w = _SAME_WORD.get(norm_token(fold(t)), norm_token(fold(t)))
        if w not in _DROP_WORDS:
            out.append(re.sub(r"graphy$", "gram", w))
    return out


def _word_match(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) >= 4 and a[:4] == b[:4]:
        return True  # myelogenous / myeloid, morphogenic / morphogenetic
    return min(len(a), len(b)) >= 5 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.8  # misspellings


def _same_meaning(a: str, b: str) -> bool:
    """Two long forms of one acronym that name the same thing: "deep venous
    thrombosis" / "deep vein thrombosis", "acquired immune deficiency
    syndrome" / "… immunodeficiency …", "pneumocystis pneumonia" /
    "pneumocystis carinii pneumonia". Different things share no words:
    "autism spectrum disorder" / "atrial septal defect"."""
    wa, wb = _meaning_words(a), _meaning_words(b)
    if not wa or not wb:
        return False
    if "".join(wa) == "".join(wb):
        return True
    short, long = sorted((wa, wb), key=len)
    hits = sum(1 for w in short if any(_word_match(w, v) for v in long))
    return hits >= 1 and 2 * hits >= len(short)


def _meaning_clusters(defs: list[DefUse]) -> dict[str, int]:
    """Definition key -> meaning cluster, most common keys first."""
    counts = Counter(d.key for d in defs)
    text = {d.key: d.expansion for d in defs}
    cluster: dict[str, int] = {}
    members: list[list[str]] = []
    for key, _ in counts.most_common():
        for i, group in enumerate(members):
            if any(_same_meaning(text[key], text[k]) for k in group):
                group.append(key)
                cluster[key] = i
                break
        else:
            cluster[key] = len(members)
            members.append([key])
    return cluster


@FAMILY.check(INCONSISTENT_VARIANT, scope=Scope.CORPUS, prepare=term_index)
def inconsistent_variants(corpus: Corpus, ctx: CorpusContext) -> Iterator[Finding]:
    yield from _pack_variants(corpus, ctx)
    summaries = _summaries(corpus)
    yield from _prefix_variants(summaries, ctx)
    yield from _title_case_variants(summaries, ctx)


def _prefix_variants(summaries: dict[str, TermSummary], ctx: CorpusContext) -> Iterator[Finding]:
    """ "autoinjector" where most pages write "auto-injector" (or the reverse):
    reported when the other form is used on at least two pages and on at
    least twice as many pages."""
    by_key: dict[str, dict[bool, list[tuple[str, FormUse]]]] = defaultdict(lambda: defaultdict(list))
    for path, summ in sorted(summaries.items()):
        if summ.forms is not None:
            for f in summ.forms.prefixed:
                by_key[f.key]["-" in f.surface].append((path, f))
    for _, forms in sorted(by_key.items()):
        if len(forms) < 2:
            continue
        pages = {h: len({p for p, _ in uses}) for h, uses in forms.items()}
        major = max(pages, key=lambda h: (pages[h], h))
        minor = not major
        if pages[major] < 2 or pages[major] < 2 * pages[minor]:
            continue
        target = forms[major][0][1].surface
        related: _Related[Any] = _Related(forms[major])
        for path, f in forms[minor]:
            new = _rehyphen(f.surface, target)
            rel = related.pick(path, same_file_first=False)
            span = f.span
            yield ctx.report_at(
                INCONSISTENT_VARIANT,
                path,
                span,
                f"'{f.surface}' is written '{new}' on {pages[major]} other pages in the corpus; use one spelling "
                "everywhere.",
                related=[Related.at(p, x.span, f"spelled '{x.surface}'") for p, x in rel],
                fix=Fix(f"Write '{new}'", (Edit(span.line, span.column, span.end_line, span.end_column, new),), "safe"),
                snippet=f.surface,
            )


def _rehyphen(surface: str, target: str) -> str:
    """``surface`` with the hyphen of ``target`` added or removed, keeping its own letters."""
    if "-" in surface:
        return surface.replace("-", "", 1)
    cut = target.index("-")
    return surface[:cut] + "-" + surface[cut:]


def _title_case_variants(summaries: dict[str, TermSummary], ctx: CorpusContext) -> Iterator[Finding]:
    """A condition's name in Title Case mid-sentence ("people with Chronic
    Kidney Disease") where at least two other pages, and more pages than
    write it so, write it in lower case."""
    lower: dict[str, dict[str, str]] = defaultdict(dict)  # key -> page -> how it writes the name
    title: dict[str, list[tuple[str, FormUse]]] = defaultdict(list)
    for path, summ in sorted(summaries.items()):
        if summ.forms is None:
            continue
        for key, surface in summ.forms.lower_names:
            lower[key].setdefault(path, surface)
        for f in summ.forms.title_case:
            title[f.key].append((path, f))
    for key, uses in sorted(title.items()):
        written = lower.get(key, {})
        title_pages = {p for p, _ in uses}
        for path, f in uses:
            others = {p: x for p, x in written.items() if p != path}
            if len(others) < 2 or len(others) <= len(title_pages):
                continue
            target = Counter(others.values()).most_common(1)[0][0]
            new = _recase(f.surface, target)
            if new is None or new == f.surface:
                continue
            span = f.span
            yield ctx.report_at(
                INCONSISTENT_VARIANT,
                path,
                span,
                f"'{f.surface}' is in Title Case in the middle of a sentence; {len(others)} other pages write "
                f"'{new}' (for example {', '.join(sorted(others)[:2])}). Use one form everywhere.",
                fix=Fix(f"Write '{new}'", (Edit(span.line, span.column, span.end_line, span.end_column, new),), "safe"),
                snippet=f.surface,
            )


def _recase(surface: str, target: str) -> str | None:
    """``surface`` with each word in lower case where ``target`` has it so."""
    sw, tw = surface.split(), target.split()
    if len(sw) != len(tw):
        return None
    out = [a.lower() if b[:1].islower() else a for a, b in zip(sw, tw, strict=True)]
    # keep the original spacing
    parts = re.split(r"(\s+)", surface)
    words = iter(out)
    return "".join(next(words) if k % 2 == 0 else x for k, x in enumerate(parts))


def _pack_variants(corpus: Corpus, ctx: CorpusContext) -> Iterator[Finding]:
    idx = term_index(ctx.project)
    groups: dict[tuple[str, str], list[tuple[str, NameUse]]] = defaultdict(list)
    for path, summ in sorted(_summaries(corpus).items()):
        for n in summ.names:
            groups[(n.concept, n.key)].append((path, n))
    for (cid, _), uses in sorted(groups.items()):
        counts = Counter(n.spelling for _, n in uses)
        if len(counts) < 2:
            continue
        concept = idx.concepts.get(cid)
        pack_order = [spelling(x) for x in concept.names] if concept else []
        # the pack's preferred spelling is the house style when anyone uses
        # it; otherwise the most common spelling wins (ties in pack order)
        sound = {sp for sp in counts if not any(looks_damaged(n.surface) for _, n in uses if n.spelling == sp)}
        if not sound:
            continue  # every form is damaged text: the encoding family reports it
        if pack_order and pack_order[0] in sound:
            major = pack_order[0]
        else:
            major = min(
                sound,
                key=lambda sp: (-counts[sp], pack_order.index(sp) if sp in pack_order else len(pack_order), sp),
            )
        # never take away a correct accent: when the same letters are also
        # written with their diacritics, that form is the target
        # ("Sjögren" over "Sjogren", "Behçet" over "Behcet")
        major = max(
            (sp for sp in sound if fold(sp) == fold(major)),
            key=lambda sp: (accented_letters(sp), sp == major, counts[sp]),
        )
        majority = [(p, n) for p, n in uses if n.spelling == major]
        related: _Related[Any] = _Related(majority)
        target = majority[0][1].surface  # how the majority writes it, to respell with
        for path, n in uses:
            if n.spelling == major or looks_damaged(n.surface):
                continue
            rel = related.pick(path, same_file_first=False)
            new = respell(n.surface, target)
            if accented_letters(new) < accented_letters(n.surface):
                continue  # a different name that only looks alike; never strip accents
            span = n.span
            edit = Edit(span.line, span.column, span.end_line, span.end_column, new)
            yield ctx.report_at(
                INCONSISTENT_VARIANT,
                path,
                span,
                f"'{n.surface}' is written '{new}' in {counts[major]} other place"
                f"{'s' if counts[major] != 1 else ''} in the corpus"
                f"{' (the preferred spelling)' if pack_order and major == pack_order[0] else ''}; "
                "use one spelling everywhere.",
                related=[Related.at(p, x.span, f"spelled '{x.surface}'") for p, x in rel],
                fix=Fix(f"Write '{new}'", (edit,), "safe"),
                snippet=n.surface,
            )
