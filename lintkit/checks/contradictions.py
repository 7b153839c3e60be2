"""Contradictions: incompatible claims between documents (CON001), against
reviewed references (CON002) and within one document (CON003).

A collector extracts claims per document (``lintkit.claims``); one corpus
check indexes them by (subject, attribute, population) and compares only
claims in the same bucket, grouped by what they assert, so the cost grows
with the number of claims, never with all pairs of sentences.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..claims import Claim, ContradictionPack, Lexicon, extract, lexicon, norm_phrase
from ..findings import Related, Severity
from ..registry import Family, Rule, Scope

if TYPE_CHECKING:
    from ..api import Corpus, CorpusContext, DocContext
    from ..document import Document

_OPTIONS = (
    "Lexicon: `rules/contradictions.yaml` (attributes with mutually exclusive values and the type of conflict "
    "they make, negation and hedge cues, populations, units, measures); the verb lemma table "
    "`rules/lemmas.txt` (built by `tools/build_lemmas.py` from lemminflect's SPECIALIST Lexicon data); extra "
    "packs in `rule_packs` extend the lexicon. Config `contradictions.quantity_tolerance` (default 0.1: figures "
    "within 10% agree), `contradictions.approximate_tolerance` (0.25 for figures marked 'about', 'around' …), "
    "`contradictions.ignore_subjects`."
)
_HOW = (
    " Each sentence gives claim frames: a subject (a terminology concept, acronyms and synonyms merged, else "
    "the noun phrase; 'it', 'this condition' and a subject named only in a heading mean the section or page "
    "topic), a predicate (the lemma of its verb, or a lexicon attribute such as cause or how common), an object "
    "or value, polarity (negation scoped over the predicate), hedges, figures with units and ranges "
    "(1 in 5 million, °F/°C, doses, durations, ages, counts of people), and qualifiers (population, "
    "condition, region, leading phrases such as a stage or category). Instructions ('Take …', 'Do not "
    "wash …') are frames on what they act on, under a leading or trailing 'if …'. Reported speech "
    "('Charities warn that …', 'Health advice says …') asserts what follows; what 'some people say' does not. "
    "Frames are indexed by subject and predicate, never compared pair by pair. "
    "The message names the type of conflict: numeric (figures that differ beyond the "
    "tolerance; 48 hours and 2 days agree), antonym (exclusive values: benign / malignant, acute / chronic, "
    "reduces / increases the risk), polarity (one says it, the other denies it), location (two sides of one "
    "axis on the same body part), cause (virus / bacteria / fungus / parasite; genetic, inherited and "
    "autoimmune are compatible), urgency (an emergency / can wait or be treated at home) and recommendation "
    "(with food / on an empty stomach; an instruction done and forbidden). Where a condition's pain or rash is "
    "felt is where the condition is; home care for 'X with Y' contradicts 'X is a medical emergency'. "
    "Guards: 'can' and 'often' only conflict "
    "with an absolute statement ('never', 'is not', 'is a medical emergency'); different populations, "
    "regions, conditions ('if …') or qualifiers never conflict; a generic subject ('most cases', 'episodes', "
    "'type 1', 'the lymphedema') is compared only with pages on the same topic; values inside names ('acute "
    "myeloid leukemia'), comparisons ('different from the common …') and lists under a conditional lead-in "
    "('See a doctor if:') give no claims."
)

FAMILY = Family("contradictions", packs={"contradictions": ContradictionPack})

BETWEEN_DOCUMENTS = Rule(
    code="CON001",
    name="contradiction-between-documents",
    severity=Severity.WARNING,
    summary="Flags a claim that contradicts a claim about the same subject in another document of the corpus." + _HOW,
    why="Readers meet several pages of one site. When one page says a tumor is usually non-cancerous and "
    "another says it is usually cancerous, at least one is wrong, and readers lose trust in both. "
    "Conflicting health advice is a known harm (Preum et al., Preclude, PerCom 2017).",
    example="`tumors.md`: Peripheral nerve tumors are usually non-cancerous.\n\n"
    "`numbness.md`: Peripheral nerve tumors are usually cancerous.",
    instead="Check the sources and make both pages say the same thing, or say what differs.\n\n"
    "`tumors.md`: Peripheral nerve tumors are usually non-cancerous.\n\n"
    "`numbness.md`: Peripheral nerve tumors are usually non-cancerous.",
    options=_OPTIONS,
)

AGAINST_REFERENCE = Rule(
    code="CON002",
    name="contradiction-with-reference",
    severity=Severity.ERROR,
    summary="Flags a claim that contradicts reviewed reference content (the `references` folders in the "
    "configuration). References are read but never reported on." + _HOW,
    why="References are the team's reviewed, authoritative statements. A page that disagrees with them "
    "is most likely inaccurate, so this is the accuracy check and an error by default.",
    example="`references/flu.md`: Flu is caused by a virus.\n\n`content/flu.md`: Flu is caused by bacteria.",
    instead="`references/flu.md`: Flu is caused by a virus.\n\n`content/flu.md`: Flu is caused by a virus.",
    options="Config `references`: folders or files of reviewed content. " + _OPTIONS,
)

WITHIN_DOCUMENT = Rule(
    code="CON003",
    name="contradiction-within-document",
    severity=Severity.WARNING,
    summary="Flags a claim that contradicts an earlier claim about the same subject in the same document." + _HOW,
    why="A page that says a condition is temporary in one paragraph and permanent in another confuses "
    "readers and usually means one passage was edited without the other.",
    example="Frostbite damage is usually permanent.\n\n…\n\nFrostbite damage is usually temporary.",
    instead='Say it once, with the condition that decides it: "Mild frostbite heals without lasting '
    'damage; severe frostbite can cause permanent damage."',
    options=_OPTIONS,
)

RULES = (BETWEEN_DOCUMENTS, AGAINST_REFERENCE, WITHIN_DOCUMENT)
CODES = tuple(r.code for r in RULES)


@FAMILY.collector("claims", feeds=RULES)
def collect_claims(doc: Document, ctx: DocContext) -> list[Claim]:
    """The document's claims, with spans resolved (cached with the file)."""
    return extract(doc, ctx.project)


# ---------------------------------------------------------------------------
# Conflict rules (pure functions: the evaluation script uses them too)


def normalise(c: Claim, lex: Lexicon) -> tuple[str, bool, str]:
    """(value, positive, strength) after folding "rarely" into "usually not"
    and, for a two-valued attribute, "not A" into "B"."""
    positive = not c.negated
    strength = c.strength
    if strength == "rarely":
        positive, strength = not positive, "usually"
    if not positive:
        other = lex.binary_other(c.attribute, c.value)
        if other is not None:
            return other, True, strength
    return c.value, positive, strength


def _absolute(c: Claim) -> bool:
    """ "always"/"never", a plain negation ("is not contagious"), or a plain
    "is a medical emergency" (an emergency has no exceptions)."""
    return (
        c.strength == "always"
        or (c.strength == "plain" and c.negated)
        or (c.strength == "plain" and c.attribute == "urgency" and c.value == "emergency")
    )


def conflict(a: Claim, b: Claim, lex: Lexicon, tolerance: float = 0.1, approx_tolerance: float = 0.25) -> str | None:
    """The kind of conflict between two claims (``exclusive``, ``polarity``,
    ``quantity``), or None. Subject, attribute, population and condition
    must match."""
    if a.subject != b.subject or a.attribute != b.attribute or a.population != b.population:
        return None
    if a.condition != b.condition and not _emergency_exception(a, b):
        return None
    if a.attribute.startswith("q:"):
        return "quantity" if _figures_differ(a, b, lex, tolerance, approx_tolerance) else None
    if a.attribute.startswith("do:"):
        return _instructions_conflict(a, b)
    va, pa, sa = normalise(a, lex)
    vb, pb, sb = normalise(b, lex)
    if "can" in (sa, sb):
        if sa == sb:
            return None
        # a possibility only contradicts an absolute statement
        if not _absolute(b if sa == "can" else a):
            return None
    kind = "polarity" if (a.negated or b.negated or "rarely" in (a.strength, b.strength)) else "exclusive"
    if pa and pb:
        if va == vb or va in lex.ancestors(a.attribute, vb) or vb in lex.ancestors(a.attribute, va):
            return None
        if not lex.exclusive(a.attribute, va, vb):
            return None
        return kind
    if pa != pb:
        pos, neg = (va, vb) if pa else (vb, va)
        # "not an infection" contradicts "a virus"; "not a virus" leaves "an infection" open
        if neg == pos or neg in lex.ancestors(a.attribute, pos):
            return "polarity"
    return None


def _emergency_exception(a: Claim, b: Claim) -> bool:
    """ "X is a medical emergency" holds in every case, so an instruction to
    wait or treat it at home under some condition contradicts it."""
    if a.attribute != "urgency" or bool(a.condition) == bool(b.condition):
        return False
    general = a if not a.condition else b
    return general.value == "emergency" and not general.negated and general.strength in ("plain", "always")


def _instructions_conflict(a: Claim, b: Claim) -> str | None:
    """ "Wash the bite" and "Do not wash the bite": one instruction done and
    forbidden. An instrument on both sides must be the same ("do not wash it
    with hydrogen peroxide" leaves "wash it with soap" alone)."""
    if a.negated == b.negated:
        return None
    neg, pos = (a, b) if a.negated else (b, a)
    if neg.value and pos.value and neg.value != pos.value and neg.value not in pos.value_text.lower():
        return None
    return "polarity"


def _figures_differ(a: Claim, b: Claim, lex: Lexicon, tolerance: float, approx_tolerance: float) -> bool:
    if "can" in (a.strength, b.strength) or "rarely" in (a.strength, b.strength):
        return False  # "can last up to 6 weeks" bounds no typical figure
    a_lo, a_hi = a.low or 0.0, math.inf if a.high is None else a.high
    b_lo, b_hi = b.low or 0.0, math.inf if b.high is None else b.high
    measure = lex.measures.get(a.attribute[2:])
    absolute = measure.abs_tolerance if measure is not None else None
    tol = approx_tolerance if (a.approx or b.approx) else tolerance

    def apart(x: float, y: float) -> bool:
        """``y`` lies beyond ``x`` (x < y) by more than the tolerance."""
        if absolute is not None:
            return y - x > absolute + 1e-9
        return y - x > tol * abs(y) + 1e-9

    # two bounds in the same direction are two thresholds: "gets better
    # within 2 weeks" and "within 6 months" disagree although both ranges
    # contain 1 week
    if a.low is None and b.low is None and a.high is not None and b.high is not None:
        return apart(*sorted((a.high, b.high)))
    if a.high is None and b.high is None and a.low is not None and b.low is not None:
        return apart(*sorted((a.low, b.low)))
    return (b_hi < a_lo and apart(b_hi, a_lo)) or (a_hi < b_lo and apart(a_hi, b_lo))


def describe(c: Claim, lex: Lexicon) -> str:
    """How a claim reads in a message: '"contagious" (negated) = not contagious'."""
    parts = [c.strength] if c.strength != "plain" else []
    if c.negated:
        parts.append("negated")
    out = f'"{c.value_text}"' + (f" ({', '.join(parts)})" if parts else "")
    if c.attribute.startswith(("q:", "do:", "pred:", "isa:", "sign:", "loc:")):
        return out  # an open frame is said in the page's own words
    value, positive, _ = normalise(c, lex)
    label = lex.label(c.attribute, value)
    meaning = label if positive else f"not {label}"
    if c.value_text.lower() not in meaning.lower() or c.negated or c.strength == "rarely":
        out += f" = {meaning}"
    return out


def _open_label(measure: str) -> str:
    """ "ratio|alcohol" → "how much alcohol"; "length|pass" → "length (pass)"."""
    dim, _, rest = measure.partition("|")
    if rest.startswith("do:"):
        return f"{_DIM.get(dim, dim)} ({rest.split(':')[1]})"
    return f"{_DIM.get(dim, dim)} ({rest})" if rest else _DIM.get(dim, dim)


_DIM = {
    "ratio": "share",
    "time": "time",
    "mass": "amount",
    "volume": "volume",
    "length": "size",
    "temperature": "temperature",
    "age": "age",
}


def what(c: Claim, lex: Lexicon) -> str:
    if c.attribute.startswith("q:"):
        m = lex.measures.get(c.attribute[2:])
        what_ = m.label if m else _open_label(c.attribute[2:])
    elif c.attribute.startswith("loc:"):
        what_ = f"where on the {c.attribute.split(':')[1]}"
    elif c.attribute.startswith("do:"):
        what_ = f"whether to {c.attribute.split(':')[1]} it"
    elif c.attribute.startswith("pred:"):
        parts = c.attribute.split(":")[1:]
        verb = parts[0] if parts[0] != "pass" else f"is {parts[1]}"
        what_ = (
            f"whether it {verb}s {parts[-1].replace('-', ' ')}"
            if c.value == ""
            else f"its effect on {parts[-1].replace('-', ' ')}"
        )
    elif c.attribute.startswith("isa:"):
        what_ = f"whether it is a {c.attribute[4:].replace('-', ' ')}"
    elif c.attribute.startswith("sign:"):
        what_ = f"what it means when it does or does not {c.attribute.split(':')[1]}"
    else:
        a = lex.attributes.get(c.attribute)
        what_ = a.label if a else c.attribute
    # as the page words it ("PAD", "frostbite damage"); the key only if empty
    subject = " ".join(re.sub(r"\([^)]*\)", " ", c.subject_text).split()).strip(" *_:,")
    subject = re.sub(r"^(?:a|an|the)\s+", "", subject, flags=re.IGNORECASE)
    subject = subject or c.subject.split(":", 1)[-1].replace("#", " ")
    pop = ""
    if c.population:
        p = lex.populations.get(c.population)
        pop = f", for {p.label if p else c.population}"
    return f"{subject} ({what_}{pop})"


# ---------------------------------------------------------------------------
# The corpus check


def _lexicon(project: Any) -> object:
    return lexicon(project)


@FAMILY.check(*RULES, scope=Scope.CORPUS, prepare=_lexicon)
def contradictions(corpus: Corpus, ctx: CorpusContext) -> Iterator[Any]:
    if not any(ctx.enabled(c) for c in CODES):
        return
    lex = lexicon(ctx.project)
    opts = ctx.settings.contradictions
    ignored = {norm_phrase(s) for s in opts.ignore_subjects}
    refs = {p for p, f in corpus.files.items() if f.reference}
    summaries = corpus.summaries("claims")
    # a generic subject ("most cases") names a page's subject only when some
    # page is about it; else it is compared only on pages with the same topic
    topics = {t for claims in summaries.values() for c in claims or () for t in (c.topic, *c.aliases) if t}
    # the main topics' names: "severe allergic reactions to amoxicillin" names
    # the amoxicillin page's topic, so it is compared across pages
    named = {c.topic[3:] for claims in summaries.values() for c in claims or () if c.topic.startswith("np:")}
    expand = _acronym_expansions(summaries, topics)
    # bucket → signature → claims; a signature is everything conflict() reads
    index: dict[tuple[str, str, str], dict[tuple[Any, ...], list[tuple[str, Claim]]]] = {}
    for path, claims in summaries.items():
        for c in claims or ():
            if ignored and (
                c.subject.split(":", 1)[-1].replace("#", " ") in ignored or norm_phrase(c.subject_text) in ignored
            ):
                continue
            if c.attribute == "urgency" and not c.condition and " with " in c.subject and c.subject.startswith("np:"):
                # "diabetic ketoacidosis with vomiting": a case of the condition
                # under a condition, so "DKA is a medical emergency" holds for it
                head, _, rest = c.subject.partition(" with ")
                c = dataclasses.replace(c, subject=head, condition="with " + rest)
            base, _, aspect = c.subject.partition("#")
            if aspect in _SEEN_WHERE_IT_IS and _is_location(c.attribute, lex):
                # where tennis elbow's pain is felt is where tennis elbow is
                c = dataclasses.replace(c, subject=base)
            generic = c.generic == 2 or (c.generic == 1 and c.subject not in topics and not _names(c.subject, named))
            subject = f"{c.topic}>{c.subject}" if generic else expand.get(c.subject, c.subject)
            if not generic and subject != c.subject:
                c = dataclasses.replace(c, subject=subject)  # the acronym stands for its full name
            sig = (
                c.value,
                c.negated,
                c.strength,
                c.low,
                c.high,
                c.approx,
                c.condition,
                c.value_text if c.attribute.startswith("do:") else "",
            )
            index.setdefault((subject, c.attribute, c.population), {}).setdefault(sig, []).append((path, c))
    seen: set[tuple[Any, ...]] = set()
    for groups in index.values():
        if len(groups) < 2:
            continue
        sigs = list(groups)
        for i, sa in enumerate(sigs):
            for sb in sigs[i + 1 :]:
                ca, cb = groups[sa][0][1], groups[sb][0][1]
                kind = conflict(ca, cb, lex, opts.quantity_tolerance, opts.approximate_tolerance)
                if kind is None:
                    continue
                for f in (
                    *_side(corpus, ctx, lex, refs, groups[sa], groups[sb], kind),
                    *_side(corpus, ctx, lex, refs, groups[sb], groups[sa], kind),
                ):
                    # one pair of passages is one finding, whatever attributes it shares
                    where = (f.path, f.line, f.column, tuple((r.path, r.line, r.column) for r in f.related))
                    if where not in seen:
                        seen.add(where)
                        yield f


_SMALL = frozenset("of and the in to for with a an".split())

# aspects of a condition that are felt or seen where the condition is
_SEEN_WHERE_IT_IS = frozenset("pain rash swelling lump itch itching spot blister sore bump patch lesion".split())


def _is_location(attribute: str, lex: Lexicon) -> bool:
    if attribute.startswith("loc:"):
        return True
    spec = lex.attributes.get(attribute)
    return spec is not None and spec.type == "location"


def _acronym_expansions(summaries: dict[str, Any], topics: set[str]) -> dict[str, str]:
    """ "np:hfmd" → "np:hand foot and mouth disease" when exactly one subject
    or page topic of the corpus has those initials: one page may use the
    acronym and another the full name, without defining either."""
    full: dict[str, set[str]] = {}
    acronyms: set[str] = set()
    keys = set(topics)
    for claims in summaries.values():
        for c in claims or ():
            keys.add(c.subject)
            surface = c.subject_text.strip()
            if c.subject.startswith("np:") and " " not in c.subject and surface.isupper() and 2 <= len(surface) <= 6:
                acronyms.add(c.subject)
    if not acronyms:
        return {}
    for k in keys:
        if not k.startswith("np:"):
            continue
        words = [w for w in k[3:].split("#", 1)[0].split() if w not in _SMALL]
        if len(words) >= 2:
            full.setdefault("np:" + "".join(w[0] for w in words), set()).add(k.split("#", 1)[0])
    out = {}
    for a in acronyms:
        cands = full.get(a, set())
        if len(cands) == 1:
            out[a] = next(iter(cands))
    return out


def _names(subject: str, named: set[str]) -> bool:
    """True when a phrase subject contains, as whole words, the name of a page's topic."""
    if not subject.startswith("np:") or not named:
        return False
    words = subject[3:].split("#", 1)[0].split()
    return any(
        " ".join(words[i:j]) in named
        for i in range(len(words))
        for j in range(i + 1, len(words) + 1)
        if j - i < len(words)
    )


# A claim that disagrees with many others gets this many findings: enough to
# show the conflict, and the cost stays linear when a whole corpus repeats a
# sentence that one page contradicts.
MAX_PER_CLAIM = 3


def _side(
    corpus: Corpus,
    ctx: CorpusContext,
    lex: Lexicon,
    refs: set[str],
    targets: list[tuple[str, Claim]],
    others: list[tuple[str, Claim]],
    kind: str,
) -> Iterator[Any]:
    """Findings on each claim of ``targets`` (reported content files only)
    against the claims of ``others``."""
    for path, c in targets:
        if path in refs or not corpus.is_reported(path):
            continue
        n = 0
        for other_path, other in others:
            if other_path == path:
                # within one document the later claim is reported, once
                if other.start >= c.start or not ctx.enabled(WITHIN_DOCUMENT.code):
                    continue
                rule = WITHIN_DOCUMENT
            elif other_path in refs:
                if not ctx.enabled(AGAINST_REFERENCE.code):
                    continue
                rule = AGAINST_REFERENCE
            else:
                if not ctx.enabled(BETWEEN_DOCUMENTS.code):
                    continue
                rule = BETWEEN_DOCUMENTS
            yield _finding(ctx, lex, rule, path, c, other_path, other, kind)
            n += 1
            if n >= MAX_PER_CLAIM:
                break


_KIND = {
    "exclusive": "they give values that exclude each other",
    "polarity": "one says it and the other denies it",
    "quantity": "the figures differ by more than the tolerance",
}


def conflict_type(c: Claim, kind: str, lex: Lexicon) -> str:
    """The type of conflict named in the message: numeric, location,
    recommendation, cause, urgency, polarity or antonym."""
    attr = c.attribute
    if attr.startswith("q:"):
        return "numeric"
    if attr.startswith("loc:"):
        return "location"
    if attr.startswith("do:"):
        return "recommendation"
    if attr.startswith("sign:"):
        return "polarity"
    if attr.startswith("pred:"):
        return "polarity" if kind == "polarity" else "antonym"
    if attr.startswith("isa:"):
        return "polarity"
    spec = lex.attributes.get(attr)
    typ = spec.type if spec is not None else "antonym"
    if typ == "antonym" and kind == "polarity":
        return "polarity"
    return typ


def _finding(
    ctx: CorpusContext,
    lex: Lexicon,
    rule: Rule,
    path: str,
    c: Claim,
    other_path: str,
    other: Claim,
    kind: str,
) -> Any:
    where = (
        f"line {other.span.line} earlier in this document"
        if other_path == path
        else f"{other_path} (line {other.span.line})"
    )
    source = "the reference " if rule is AGAINST_REFERENCE else ""
    typ = conflict_type(c, kind, lex)
    msg = (
        f"Conflicting claims ({typ}) about {what(c, lex)}: this passage says {describe(c, lex)}, but {source}{where} "
        f"says {describe(other, lex)}; {_KIND[kind]}. Check the sources and make them agree, or say what differs."
    )
    rel = Related.at(other_path, other.span, f"the conflicting claim: {describe(other, lex)}")
    return ctx.report_at(rule, path, c.span, msg, related=[rel], snippet=c.value_text)
