"""Red-flag rules (RF): does a patient symptom or condition page tell readers
when to get urgent or emergency help, and does it name the warning signs for
its topic?

The editorial knowledge lives in ``rules/redflags/*.yaml`` (see
:class:`RedFlagPack`): heading and action wording per locale, emergency
numbers, topics with their warning signs, and conditions that need urgent
care. This module only finds red-flag blocks in a document and compares them
with the packs.

A *red-flag block* is either
- a section whose heading matches a locale heading pattern ("When to call 911",
  "Call 999 or go to A&E now if:"); a "conditional" heading such as "When to
  see a doctor" counts only when its body gives an emergency action or names an
  emergency warning sign, or
- a care-card paragraph: a paragraph with an urgent or emergency action that
  leads into a list ("Call 911 if you have:" followed by bullets).
A lone sentence in running prose ("Frostbite requires immediate medical
treatment", "seek medical attention") is never a block: readers scanning for
"when do I need help" will not find it.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator, model_validator

from .. import packs
from ..findings import Severity
from ..packs import PackModel
from ..registry import Family, Rule
from ..saferegex import SafePatternStr, finditer, search

if TYPE_CHECKING:
    from ..api import DocContext
    from ..config import Project
    from ..document import Block, Document
    from ..findings import Finding, Fix, Related

Tier = Literal["emergency", "urgent"]
HeadingTier = Literal["emergency", "urgent", "conditional"]

# ---------------------------------------------------------------------------
# Rules

MISSING_SECTION = Rule(
    code="RF001",
    name="missing-red-flag-section",
    severity=Severity.WARNING,
    summary=(
        "Flags a patient page that needs a red-flag section (by default: audience `patient`, content_type "
        "`symptom` or `condition`) but has none. A page needs one when its topic has warning signs in the "
        "packs, each with a source (stroke, chest pain, sciatica …), when it is about a condition the packs "
        "say needs urgent care (meningitis, cardiac arrest …), or when it says itself that something is an "
        'emergency or needs fast help ("is a medical emergency", "needs immediate treatment", "call 911"). '
        "A page about another topic that never speaks of urgency (a reference summary of a rare genetic "
        "condition) is not flagged. A red-flag section is a heading in the locale's wording (en-US: \"When to "
        'call 911", "When to seek emergency care", or "When to see a doctor" when its advice is urgent; '
        'en-GB: "Call 999 or go to A&E now if:", "Ask for an urgent GP appointment or get help from NHS 111 '
        'if:"), or a care-card paragraph such as "Call 911 if you have:" followed by a list. When the page '
        'has a help section whose advice is only routine ("When to see a doctor: contact your provider if it '
        'does not go away"), the finding is on that section and says what it lacks. Otherwise it is on the '
        "page's own words of danger or urgent advice in running prose (which do not count as a section, "
        "except on a short page with no headings, `red_flags.short_page_words` (300), where advice to the "
        "reader as urgent as the topic needs, such as 'call 911', or 'see an eye doctor immediately' in a "
        "paragraph that calls it a medical emergency, is enough: there is nothing to scan past), else on "
        "the title; the message lists the warning signs the section should name, and asks for an "
        "urgent section rather than 911 when the topic's sourced signs are all urgent (gout). A page on any "
        'topic that tells its reader how to look after themselves at home (a heading such as "Care at home" '
        'or "How to treat it yourself") but has no help section at all is flagged at that heading: '
        'self-care advice needs a safety net, and a routine "When to see a doctor" section is enough there. '
        'A help section whose only condition is vague ("See your eye doctor if symptoms bother you", "Talk to a '
        'provider if you have any questions or concerns") is flagged on any topic: it names nothing to look out '
        "for. First-aid pages (`red_flags.topic_content_types`, default `treatment`) on a topic with warning "
        'signs ("First aid: dog bites") are checked like condition pages. Red-flag advice is found in a section, '
        'a care card ("Urgent advice: Ask for an urgent GP appointment or get help from NHS 111 if:" and a list) '
        'or a table of signs with an action in a cell ("| Struggling to breathe | Call 911 |").'
    ),
    why=(
        "Safety-netting means telling readers exactly what to look out for and how to get help (BJGP "
        "consensus; Edwards et al., BMJ 2022). NHS care cards put that advice under a heading that is one "
        "clear call to action, because scanning readers stop at it. A patient who reads about leg numbness "
        "but never learns that numbness around the genitals or trouble peeing needs an ambulance may wait "
        "too long."
    ),
    example=(
        "---\ntitle: Frostbite\ncontent_type: condition\nlocale: en-US\n---\n# Frostbite\n\n"
        "Frostbite is an injury caused by freezing. It requires immediate medical treatment.\n\n"
        "If the skin does not look normal again, it's important to seek medical attention.\n"
    ),
    instead=(
        "---\ntitle: Frostbite\ncontent_type: condition\nlocale: en-US\n---\n# Frostbite\n\n"
        "Frostbite is an injury caused by freezing.\n\n"
        "## When to get medical help right away\n\nGet medical help right away if you have:\n\n"
        "- a white or grayish-yellow skin area\n- skin that feels unusually firm or waxy\n- numbness\n"
    ),
    options=(
        "`red_flags.content_types` (default `[symptom, condition]`), `red_flags.audiences` (default "
        "`[patient]`), `red_flags.topics` (topics that always need a section), `red_flags.topic_detection` "
        "(default `[front_matter, title, headings]`), `red_flags.topic_content_types` (default `[treatment]`: "
        "first-aid pages, checked when their topic has warning signs); `vague_help_cues` in "
        "`rules/redflags/conditions.yaml`. Heading and action wording per locale: "
        "`rules/redflags/locales.yaml`; warning signs per topic: `rules/redflags/topics-*.yaml`."
    ),
    fix=(
        "An unsafe fix (offered to editors as a code action; `--fix` applies it only with `--unsafe-fixes`) "
        "appends a draft "
        "section: the locale's card heading and lead sentence (`cards` in `rules/redflags/locales.yaml`) and "
        "the warning signs of the page's topics, emergency and urgent signs in separate cards. Check the "
        "draft against the page and its sources before publishing."
    ),
    fixable=True,
    fix_safety="unsafe",
)

SECTION_WITHOUT_ACTION = Rule(
    code="RF002",
    name="red-flag-section-without-action",
    severity=Severity.WARNING,
    summary=(
        "Flags a red-flag section that is empty, or whose heading and body never say what to do in the "
        "page's locale: for an emergency section an emergency action (en-US: call 911, go to the emergency "
        "room, get medical help right away, call or text 988, Poison Help 1-800-222-1222; en-GB: call 999, go "
        "to A&E), for an urgent section at least an urgent one (en-GB: call 111, ask for an urgent GP "
        'appointment). Routine sections ("See a doctor if:", "When to see a doctor", "Speak to a GP if:") are '
        "not red-flag sections and are never asked for 911 or 999. When the section gives the other "
        'locale\'s number ("call 999" on an en-US page) RF005 reports that number instead.'
    ),
    why=(
        "A list of warning signs without an action leaves the reader to guess how fast to act and whom to "
        'call. NHS care cards use a heading that is "1 clear call to action".'
    ),
    example=(
        "---\ntitle: Burns\ncontent_type: condition\n---\n# Burns\n\n"
        "## When to seek emergency care\n\nSome burns are serious. Talk to your doctor about them.\n"
    ),
    instead=(
        "---\ntitle: Burns\ncontent_type: condition\n---\n# Burns\n\n"
        "## When to seek emergency care\n\nCall 911 or go to the emergency room for a serious burn.\n"
    ),
    options="Action wording per locale: `actions` in `rules/redflags/locales.yaml`.",
)

MISSING_SIGNS = Rule(
    code="RF003",
    name="missing-warning-signs",
    severity=Severity.WARNING,
    summary=(
        "Flags red-flag advice that leaves out a critical warning sign for the page's topics (front matter "
        "`topics`, else the title, else level 1–2 headings), or that names none of the topic's signs at all "
        '(only "call 911 if you are worried"). Critical signs are marked `must_mention` in the topic packs, '
        "only where a source says the sign needs emergency help on its own (the NHS FAST stroke signs; the "
        "cauda equina signs for sciatica, back pain and leg numbness; breathing and swallowing in "
        "Guillain-Barré syndrome; a sudden cold, pale leg in peripheral artery disease; for meningitis a rash "
        "that does not fade under a glass, a stiff neck, drowsiness or a seizure; for asthma severe "
        "breathlessness or blue lips; AHA's 180/120 reading for high blood pressure …; "
        "docs/research/red-flags.md says which and why). Each sign matches any "
        'of its phrasings (saddle numbness: "genitals", "bottom", "anus", "saddle", "inner thighs"). All of '
        "the page's red-flag blocks are read together, and advice that names its signs by a list elsewhere "
        '("call 911 if you notice any of the warning signs listed above", "the symptoms of a stroke") is read '
        'with that list. A critical emergency sign listed only under urgent advice (an NHS "urgent GP '
        'appointment" card) is reported too. On a condition or first-aid page, advice that names only one of '
        "the signs of the topic in the page's title, when the packs give it four or more and none critical "
        '("get help right away if the pain is so bad you cannot sit still" on a kidney stones page), is '
        "reported with the others. One finding, at the first emergency block."
    ),
    why=(
        "Safety-net advice must say exactly what to look out for (BJGP consensus). Guidance such as NICE "
        "CKS and the NHS sciatica page lists specific signs, e.g. cauda equina syndrome; readers may not "
        "report numbness around the genitals unless they are told it matters."
    ),
    example=(
        "---\ntitle: Sciatica\ncontent_type: condition\ntopics: [sciatica]\n---\n# Sciatica\n\n"
        "## When to call 911\n\nCall 911 if you have sciatica in both legs.\n"
    ),
    instead=(
        "---\ntitle: Sciatica\ncontent_type: condition\ntopics: [sciatica]\n---\n# Sciatica\n\n"
        "## When to call 911\n\nCall 911 or go to the emergency room right away if you have:\n\n"
        "- sciatica in both legs\n- weakness or numbness in both legs that is severe or getting worse\n"
        "- numbness around or under your genitals, or around your bottom (anus)\n"
        "- trouble starting to pee, you cannot pee, or you cannot control when you pee\n"
        "- you do not notice when you need to poo, or you cannot control it\n"
    ),
    options=(
        "Topic packs in `rules/redflags/topics-*.yaml` (topic names, signs with `phrases`/`patterns`, "
        "`urgency`, `source`); `red_flags.topic_detection`. A project can add or replace topics in a pack "
        "folder named in `rule_packs`."
    ),
)

CONDITION_WITHOUT_URGENCY = Rule(
    code="RF004",
    name="emergency-condition-without-urgency",
    severity=Severity.WARNING,
    summary=(
        "Flags a condition that needs urgent or emergency care (stroke, heart attack, sepsis, meningitis, "
        "anaphylaxis, heat stroke, appendicitis, cauda equina syndrome …) named as a possible "
        'reaction or side effect ("serious allergic reactions, such as anaphylaxis, are rare") on a page that '
        'says nothing anywhere about urgent help (no red-flag section, no "call 911", no "emergency"): the '
        "reader may have it after taking the medicine or having the test, and must know it is an emergency. "
        'On any page it also flags such a condition next to words that say no urgent help is needed ("can be '
        'treated at home"). Mentions as a risk, history, treatment, cause or complication ("lowers your risk '
        'of stroke", "after a stroke", "can lead to a stroke", "used to treat meningitis", a stroke in a list '
        "of causes of tremor) are not counted: reviewers judged those noise. The reaction check applies to the "
        "content types in `red_flags.urgency_content_types` (default: symptom, medicine, treatment, test, "
        "procedure, wellness). A condition that comes on within hours from something common (sepsis, "
        "meningitis, anaphylaxis, heat stroke: `rapid: true` in the pack, with a source) is flagged however it is "
        'named ("clean hands help prevent infections that can lead to sepsis", "used for serious infections such '
        'as meningitis") on a page of those types that RF001 does not check (wellness, medicine, test …) and '
        'that never says how fast to get help; a past episode ("if you have had sepsis") is not. On a medicine '
        "or procedure page (`red_flags.mention_content_types`) any emergency condition is flagged that way, "
        'as a risk too ("ibuprofen can raise your risk of heart attack and stroke": its reader may have one), '
        'but not what the medicine treats ("used to treat a stroke") or a past episode; several in one sentence '
        'make one finding. "Rest at home until it passes" in the sentence after the condition ("If it happens, '
        '...") is reassurance too.'
    ),
    why=(
        "Readers take a condition named without urgency as routine. Guidance treats these conditions as "
        'emergencies or urgent (e.g. NICE CKS: cauda equina syndrome "would usually warrant immediate '
        'admission"; MedlinePlus: "A stroke is a medical emergency").'
    ),
    example=(
        "---\ntitle: Amoxicillin\ncontent_type: medicine\n---\n# Amoxicillin\n\n"
        "Serious allergic reactions to it, such as anaphylaxis, are rare.\n"
    ),
    instead=(
        "---\ntitle: Amoxicillin\ncontent_type: medicine\n---\n# Amoxicillin\n\n"
        "Serious allergic reactions to it, such as anaphylaxis, are rare. Call 911 right away if your lips, "
        "tongue or throat swell or you have trouble breathing.\n"
    ),
    options=(
        "`conditions` (with `rapid`), `urgency_cues`, `risk_cues`, `history_cues`, `consequence_cues`, "
        "`reaction_cues` and `reassurance_cues` in `rules/redflags/conditions.yaml`; `red_flags.urgency_window` "
        "(sentences searched either side of a mention for urgency wording, default 1); "
        "`red_flags.urgency_content_types`; `red_flags.mention_content_types` (default `[medicine, procedure]`)."
    ),
)

WRONG_NUMBER = Rule(
    code="RF005",
    name="wrong-locale-emergency-number",
    severity=Severity.ERROR,
    fixable=True,
    summary=(
        'Flags a phone number for emergency or urgent help that belongs to another locale, e.g. "call '
        '999" on an en-US page or "call 911" on an en-GB page. Only numbers in a calling context are '
        'checked ("call/dial/phone/ring 999", "999 or go to A&E", "NHS 111"). The locale comes from '
        "front matter `locale`, else the configured `locale`; pages whose locale has no pack entry are not "
        "checked."
    ),
    why="A reader in the US who dials 999 does not reach emergency services.",
    example="---\ntitle: Chest pain\nlocale: en-US\n---\nCall 999 if the pain does not go away.\n",
    instead="---\ntitle: Chest pain\nlocale: en-US\n---\nCall 911 if the pain does not go away.\n",
    options="`numbers` per locale in `rules/redflags/locales.yaml`.",
    fix=(
        "An unsafe fix replaces the number with the locale's number for the same service (999 → 911). "
        "`--fix` applies it only with `--unsafe-fixes`, because the surrounding wording (A&E, NHS 111) "
        "usually needs editing too."
    ),
    fix_safety="unsafe",
)

RULES = (MISSING_SECTION, SECTION_WITHOUT_ACTION, MISSING_SIGNS, CONDITION_WITHOUT_URGENCY, WRONG_NUMBER)

# ---------------------------------------------------------------------------
# Pack model


class HeadingPattern(PackModel):
    """A heading that starts a red-flag section (regular expression, case-insensitive, searched in the heading)."""

    pattern: SafePatternStr
    tier: HeadingTier
    source: str = ""


class ActionPattern(PackModel):
    """Wording that tells the reader what to do (regular expression).
    ``specific: false`` marks general wording ("get emergency care") that
    counts in a section's body but not in its heading, where "When to seek
    emergency care" only names the topic of the section."""

    pattern: SafePatternStr
    tier: Tier
    specific: bool = True
    source: str = ""


class NumberSpec(PackModel):
    number: str = Field(pattern=r"^[0-9]{2,4}$")
    service: Tier
    forms: list[str] = Field(default_factory=list, description="other spellings, e.g. 9-1-1")
    source: str = Field(min_length=1)


class Card(PackModel):
    """The wording of a red-flag section drafted by RF001's suggested fix."""

    heading: str = Field(min_length=1)
    lead: str = Field(min_length=1, description="the sentence before the list of signs")


class LocalePack(PackModel):
    cards: dict[Tier, Card] = Field(default_factory=dict, description="section drafts for RF001's fix")
    headings: list[HeadingPattern] = Field(default_factory=list)
    actions: list[ActionPattern] = Field(default_factory=list)
    numbers: list[NumberSpec] = Field(default_factory=list)
    vague: list[SafePatternStr] = Field(default_factory=list, description="safety-net wording with no urgency")


def _nonempty(v: list[str]) -> list[str]:
    # phrases are escaped before use, so only emptiness can be wrong
    for p in v:
        if not p.strip(" *"):
            raise ValueError("a phrase must not be empty")
    return v


class Matchable(PackModel):
    """Literal ``phrases`` (case-insensitive, whole words; a trailing ``*``
    matches any word ending) and/or regular-expression ``patterns``."""

    phrases: list[str] = Field(default_factory=list)
    patterns: list[SafePatternStr] = Field(default_factory=list)

    @field_validator("phrases")
    @classmethod
    def _phrases(cls, v: list[str]) -> list[str]:
        return _nonempty(v)

    def sources(self) -> list[str]:
        return [phrase_regex(p) for p in self.phrases] + list(self.patterns)


class Sign(Matchable):
    """A warning sign a red-flag section must name."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    label: str = Field(min_length=1, description="how the sign is named in messages")
    urgency: Tier
    must_mention: bool = Field(
        False, description="a critical sign: the red-flag advice must name it (its source must say why)"
    )
    source: str = Field(min_length=1)
    note: str = ""

    @model_validator(mode="after")
    def _something_to_match(self) -> Sign:
        if not self.phrases and not self.patterns:
            raise ValueError(f"sign {self.id!r} needs at least one phrase or pattern")
        return self


class Topic(PackModel):
    names: list[str] = Field(min_length=1, description="names that identify the topic (topics field, title, headings)")
    not_names: list[str] = Field(default_factory=list, description="longer names that are a different topic")
    signs: list[Sign] = Field(default_factory=list)
    note: str = ""

    @field_validator("names", "not_names")
    @classmethod
    def _names(cls, v: list[str]) -> list[str]:
        return _nonempty(v)


class Condition(Matchable):
    """A condition that needs urgent or emergency care when it is happening (RF004)."""

    name: str = Field(min_length=1)
    urgency: Tier
    rapid: bool = Field(
        False,
        description=(
            "comes on within hours from something common (an infection, heat, an allergen): RF004 flags any "
            "mention on a page of another type that never says how fast to get help (its source must say so)"
        ),
    )
    source: str = Field(min_length=1)


class RedFlagPack(PackModel):
    """One file in ``rules/redflags/``. Files merge in order: a later file's
    locale or topic with the same key replaces the earlier one; conditions with
    the same name are replaced; cue lists are added together."""

    locales: dict[str, LocalePack] = Field(default_factory=dict)
    topics: dict[str, Topic] = Field(default_factory=dict)
    conditions: list[Condition] = Field(default_factory=list)
    urgency_cues: list[SafePatternStr] = Field(default_factory=list)
    risk_cues: list[SafePatternStr] = Field(default_factory=list)
    history_cues: list[SafePatternStr] = Field(
        default_factory=list, description="a mention of a past episode, not one that may be happening (RF004)"
    )
    consequence_cues: list[SafePatternStr] = Field(default_factory=list)
    danger_cues: list[SafePatternStr] = Field(
        default_factory=list, description="wording that says something can be serious (RF001 scope)"
    )
    not_danger_cues: list[SafePatternStr] = Field(
        default_factory=list, description="a sentence with these is no danger statement (rarely, untreated)"
    )
    reaction_cues: list[SafePatternStr] = Field(
        default_factory=list, description="a condition named as a reaction or side effect (RF004)"
    )
    reassurance_cues: list[SafePatternStr] = Field(
        default_factory=list, description="wording that says no urgent help is needed (RF004)"
    )
    reference_cues: list[SafePatternStr] = Field(
        default_factory=list, description="red-flag advice that names its signs by a list elsewhere (RF003)"
    )
    self_care_cues: list[SafePatternStr] = Field(
        default_factory=list, description="a heading over home-care advice, which needs a safety net (RF001)"
    )
    vague_help_cues: list[SafePatternStr] = Field(
        default_factory=list,
        description="a condition for getting help that names no sign ('if you are worried', 'questions or concerns')",
    )


def phrase_regex(phrase: str, *, plural: bool = False) -> str:
    """A literal phrase as a whole-word, whitespace-tolerant pattern. ``\\b``
    where the phrase starts or ends with a letter or digit (much faster than
    a lookaround at every position), a lookaround otherwise."""
    words = phrase.split()
    parts = []
    for w in words:
        star = w.endswith("*")
        core = re.escape(w.rstrip("*"))
        parts.append(core + (r"\w*" if star else ""))
    body = r"[\s\-]+".join(parts)
    first, last = phrase.strip()[:1], phrase.strip().rstrip("*")[-1:]
    head = r"\b" if (first.isalnum() or first == "_") else r"(?<!\w)"
    tail = "" if phrase.strip().endswith("*") else (r"\b" if (last.isalnum() or last == "_") else r"(?!\w)")
    if plural and tail:
        tail = r"(?:s|es)?" + tail
    return f"{head}(?:{body}){tail}"


FAMILY = Family("red-flags", packs={"redflags": RedFlagPack})


# ---------------------------------------------------------------------------
# Compiled packs


@dataclass
class CSign:
    id: str
    label: str
    urgency: str
    rx: Any
    must: bool = False


@dataclass
class CTopic:
    id: str
    label: str
    names: Any
    not_names: Any | None
    signs: list[CSign]


@dataclass
class CLocale:
    id: str  # lower case, for lookups
    name: str  # as written in the pack, for messages
    headings: list[tuple[Any, str]]
    actions: list[tuple[Any, str, bool]]  # (pattern, tier, specific)
    numbers: list[NumberSpec]
    vague: Any | None
    cards: dict[str, Card] = field(default_factory=dict)


@dataclass
class CCondition:
    name: str
    urgency: str
    rx: Any
    rapid: bool = False


@dataclass
class Compiled:
    locales: dict[str, CLocale]
    topics: dict[str, CTopic]
    conditions: list[CCondition]
    urgency: Any | None
    risk: Any | None
    consequence: Any | None
    number_rx: Any | None
    # number (or spelling) -> (locale ids, service, canonical number)
    numbers: dict[str, tuple[frozenset[str], str, str]] = field(default_factory=dict)
    danger: Any = None
    not_danger: Any = None
    reaction: Any = None
    reassurance: Any = None
    reference: Any = None
    history: Any = None
    self_care: Any = None
    vague_help: Any = None


def _compile(src: str) -> Any:
    """Compile one pack pattern for matching. Each user pattern was already
    validated (and probed) by ``SafePatternStr`` when the pack loaded and
    phrases are escaped literals, so the costly probes are not repeated;
    matching stays time-bounded through ``saferegex``. The regex module's
    default VERSION0 is used where the pattern allows it: it is several times
    faster than VERSION1 on these simple patterns."""
    import regex

    try:
        return regex.compile(src, regex.IGNORECASE)
    except regex.error:
        return regex.compile(src, regex.IGNORECASE | regex.VERSION1)


# regex-module syntax that Python's parser would read as literal text: fuzzy
# constraints ("{e<=1}"), named characters, and set operations of VERSION1
_NOT_PLAIN = re.compile(r"\{(?!\d+(?:,\d*)?\})|\[\[|--|&&|~~|\|\|")
_HINT_PIECE = re.compile(r"[a-z0-9 ]+")


@functools.lru_cache(maxsize=4096)
def required_text(src: str) -> str | None:
    """Text that every match of pack pattern ``src`` contains, in lower case
    (so it is in :func:`folded` ``(text)`` whenever the pattern,
    case-insensitive, matches ``text``), or None when no such text of 3 or
    more characters is known. Only literal characters outside alternatives,
    optional parts and lookarounds count, and only ASCII letters, digits and
    spaces of them."""
    if _NOT_PLAIN.search(src):
        return None
    import re._constants as sre
    import re._parser as sre_parse

    try:
        tree = sre_parse.parse(src)
    except Exception:  # regex-module syntax Python's parser lacks: no hint
        return None
    runs: list[str] = []

    def walk(seq: Any) -> None:
        run: list[str] = []
        for op, av in seq:
            if op is sre.LITERAL:
                run.append(chr(av))
                continue
            runs.append("".join(run))
            run = []
            if op is sre.SUBPATTERN:
                walk(av[3])
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
                walk(av[2])
            elif op is sre.ATOMIC_GROUP:
                walk(av)
        runs.append("".join(run))

    walk(tree)
    # a non-ASCII character ends a piece: its case forms are not folded alike
    pieces = [p for r in runs for p in _HINT_PIECE.findall("".join(c if c.isascii() else "\0" for c in r).lower())]
    best = max(pieces, key=len, default="")
    return best if len(best.strip()) >= 3 else None


# Besides the two ASCII cases, the regex module matches these to an ASCII
# letter when ignoring case (found by trying every code point; a test does
# again). str.lower alone would not do: "İ".lower() is two characters.
FOLD_TO_ASCII = {"\u0130": "i", "\u017f": "s", "\u212a": "k"}
_FOLD_TABLE = str.maketrans(FOLD_TO_ASCII)


def folded(text: str) -> str:
    """``text`` with every character the regex module matches to an ASCII
    letter regardless of case made that lower-case letter, one for one."""
    if not text.isascii() and any(c in text for c in FOLD_TO_ASCII):
        text = text.translate(_FOLD_TABLE)
    return text.lower()


# the last text folded, for the many matchers run on one block in turn; one
# tuple, replaced whole, so threads never pair a text with another's fold
_FOLDED: tuple[str | None, str] = (None, "")


def _folded_once(text: str) -> str:
    global _FOLDED
    last, low = _FOLDED
    if last is not text:
        low = folded(text)
        _FOLDED = (text, low)
    return low


class Matcher:
    """Several patterns searched one by one. A big alternation is many times
    slower in the regex module than its parts searched separately, because
    each part alone gets a literal-prefix fast path.

    A part is compiled on first use, and used only on text holding its
    :func:`required_text`: the packs hold ~650 patterns, a page needs only
    some, and most cannot match most blocks (compiling all of them was a
    quarter of a second of every small run)."""

    __slots__ = ("_compiled", "_hints", "_sources")

    def __init__(self, sources: Iterable[str]) -> None:
        self._sources = tuple(s for s in sources if s)
        self._compiled: list[Any] = [None] * len(self._sources)
        self._hints: tuple[str | None, ...] | None = None

    def __bool__(self) -> bool:
        return bool(self._sources)

    def candidates(self, text: str) -> Iterator[Any]:
        """The compiled parts that may match ``text`` (the others cannot)."""
        hints = self._hints
        if hints is None:
            hints = self._hints = tuple(required_text(s) for s in self._sources)
        low = None
        for i, hint in enumerate(hints):
            if hint is not None:
                if low is None:
                    low = _folded_once(text)
                if hint not in low:
                    continue
            rx = self._compiled[i]
            if rx is None:
                rx = self._compiled[i] = _compile(self._sources[i])
            yield rx

    def maybe(self, text: str) -> bool:
        """False when no part can match ``text`` (its required text is
        absent): a cheap test before :meth:`finditer` on many matchers."""
        hints = self._hints
        if hints is None:
            hints = self._hints = tuple(required_text(s) for s in self._sources)
        low = _folded_once(text)
        return any(h is None or h in low for h in hints)

    def search(self, text: str) -> Any:
        """The earliest match of any part, or None."""
        best = None
        for rx in self.candidates(text):
            m = search(rx, text)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        return best

    def found(self, text: str) -> bool:
        return any(search(rx, text) is not None for rx in self.candidates(text))

    def finditer(self, text: str) -> list[Any]:
        out = [m for rx in self.candidates(text) for m in finditer(rx, text)]
        out.sort(key=lambda m: (m.start(), -m.end()))
        return out


def load_packs(project: Project | None) -> Compiled:
    """Load, validate, merge and compile the red-flag packs (raises PackError
    naming file and line); cached per process while the pack files are unchanged."""
    return packs.load_built("redflags", RedFlagPack, project, _merge)


def _merge(loaded: list[RedFlagPack]) -> Compiled:
    locales: dict[str, LocalePack] = {}
    topics: dict[str, Topic] = {}
    conditions: dict[str, Condition] = {}
    urgency: list[str] = []
    risk: list[str] = []
    consequence: list[str] = []
    cues: dict[str, list[str]] = {
        k: []
        for k in ("danger", "not_danger", "reaction", "reassurance", "reference", "history", "self_care", "vague_help")
    }
    names: dict[str, str] = {}
    for p in loaded:
        locales.update({k.lower(): v for k, v in p.locales.items()})
        names.update({k.lower(): k for k in p.locales})
        topics.update(p.topics)
        conditions.update({c.name.lower(): c for c in p.conditions})
        urgency += p.urgency_cues
        risk += p.risk_cues
        consequence += p.consequence_cues
        cues["danger"] += p.danger_cues
        cues["not_danger"] += p.not_danger_cues
        cues["reaction"] += p.reaction_cues
        cues["reassurance"] += p.reassurance_cues
        cues["reference"] += p.reference_cues
        cues["history"] += p.history_cues
        cues["self_care"] += p.self_care_cues
        cues["vague_help"] += p.vague_help_cues
    clocales = {
        k: CLocale(
            k,
            names[k],
            [(Matcher([h.pattern]), h.tier) for h in v.headings],
            [(Matcher([a.pattern]), a.tier, a.specific) for a in v.actions],
            list(v.numbers),
            Matcher(v.vague),
            {str(tier): card for tier, card in v.cards.items()},
        )
        for k, v in locales.items()
    }
    ctopics = {}
    for tid, t in topics.items():
        signs = [CSign(s.id, s.label, s.urgency, Matcher(s.sources()), s.must_mention) for s in t.signs]
        ctopics[tid] = CTopic(
            tid,
            t.names[0],
            Matcher(phrase_regex(n, plural=True) for n in t.names),
            Matcher(phrase_regex(n) for n in t.not_names),
            signs,
        )
    numbers: dict[str, tuple[set[str], str, str]] = {}
    for lid, lp in locales.items():
        for n in lp.numbers:
            for form in (n.number, *n.forms):
                owners, _, _ = numbers.setdefault(form, (set(), n.service, n.number))
                owners.add(lid)
    number_rx = None
    if numbers:
        alts = "|".join(re.escape(f) for f in sorted(numbers, key=len, reverse=True))
        num = rf"(?<![\w\-])(?P<num>{alts})(?![\w\-])"
        number_rx = _compile(
            rf"(?:\b(?:call|calling|dial|dialing|dialling|phone|phoning|ring|ringing)\s+(?:an\s+ambulance\s+(?:on\s+)?)?{num})"
            rf"|(?:{num.replace('P<num>', 'P<num2>')}(?=\s+(?:or|and)\s+(?:go|get|ask|visit)\b))"
            rf"|(?:\bNHS\s+{num.replace('P<num>', 'P<num3>')})"
        )
    cconds = [CCondition(c.name, c.urgency, Matcher(c.sources()), c.rapid) for c in conditions.values()]
    return Compiled(
        clocales,
        ctopics,
        cconds,
        Matcher(urgency),
        Matcher(risk),
        Matcher(consequence),
        number_rx,
        {k: (frozenset(o), s, c) for k, (o, s, c) in numbers.items()},
        Matcher(cues["danger"]),
        Matcher(cues["not_danger"]),
        Matcher(cues["reaction"]),
        Matcher(cues["reassurance"]),
        Matcher(cues["reference"]),
        Matcher(cues["history"]),
        Matcher(cues["self_care"]),
        Matcher(cues["vague_help"]),
    )


def _search(rx: Matcher | Any, text: str) -> Any:
    if rx is None or not text:
        return None
    if isinstance(rx, Matcher):
        return rx.search(text)
    return search(rx, text)


def _finditer(rx: Matcher | Any, text: str) -> list[Any]:
    if rx is None or not text:
        return []
    if isinstance(rx, Matcher):
        return rx.finditer(text)
    return finditer(rx, text)


# ---------------------------------------------------------------------------
# Finding red-flag blocks


@dataclass
class RedFlagBlock:
    """A red-flag section or care card: blocks [first, last] (indices into doc.blocks)."""

    first: int  # the heading or lead-in paragraph
    last: int
    tier: str  # emergency | urgent (a conditional heading takes its body's tier)
    heading: bool
    text: str  # heading/lead-in and body prose, one block per line
    body: str = ""  # the prose under a heading (empty for a care card)


def resolve_locale(c: Compiled, locale: str) -> CLocale | None:
    loc = locale.lower()
    return c.locales.get(loc)


def _locales_for(c: Compiled, loc: CLocale | None) -> list[CLocale]:
    # An unknown locale accepts any locale's wording rather than flagging everything.
    return [loc] if loc is not None else list(c.locales.values())


def _action_tier(text: str, locs: list[CLocale], *, specific_only: bool = False) -> str | None:
    best = None
    for lc in locs:
        for rx, tier, specific in lc.actions:
            if specific_only and not specific:
                continue
            if _search(rx, text):
                if tier == "emergency":
                    return "emergency"
                best = tier
    return best


def _heading_tier(text: str, locs: list[CLocale]) -> str | None:
    best = None
    order = {"emergency": 0, "urgent": 1, "conditional": 2}
    for lc in locs:
        for rx, tier in lc.headings:
            if _search(rx, text) and (best is None or order[tier] < order[best]):
                best = tier
    return best


def _section_body(doc: Document, heading: int) -> range:
    level = doc.blocks[heading].level
    end = heading + 1
    while end < len(doc.blocks):
        b = doc.blocks[end]
        if b.kind == "heading" and b.level <= level:
            break
        end += 1
    return range(heading + 1, end)


_LEAD_IN = re.compile(r"(?::\s*$)|(?:\bif\b[^.!?]*$)", re.I)
# "... call 9-1-1 if someone is having them. Those symptoms include" + a list
_LEAD_IN_LIST = re.compile(r"\b(?:include|includes|including|are|such as)\s*$", re.I)
# "Get medical care right away if you have these signs." after a list of them
_TRAILING_REF = re.compile(r"\b(?:these|any of these|any of the above|the above)\s+(?:signs|symptoms)\b", re.I)
# "If your child has any of the following:" + list + "You need urgent help. Go to A&E or phone 999."
_FOLLOWING = re.compile(r"\b(?:any of )?the following\b", re.I)


@dataclass
class Found:
    """The page's red-flag blocks, and its routine help sections: sections
    headed like "When to see a doctor" whose advice has no urgency."""

    blocks: list[RedFlagBlock]
    help: list[int]  # heading block indices
    # routine help sections whose only condition is vague ("if symptoms
    # bother you"): heading index -> the vague words
    vague: dict[int, str] = field(default_factory=dict)


def find_blocks(doc: Document, c: Compiled, locs: list[CLocale]) -> Found:
    """Red-flag sections and care cards, and the routine help sections.

    A heading in another locale's wording ("Call 911 if:" on an en-GB page)
    still makes a red-flag section: the wrong number is RF005's finding. A
    conditional heading ("When to see a doctor", "See a GP if:") makes one
    only when its advice is urgent or an emergency; naming a sign is not
    enough ("see a doctor if the swelling lasts a week" is routine advice)."""
    out: list[RedFlagBlock] = []
    routine: list[int] = []
    vague: dict[int, str] = {}
    covered: set[int] = set()
    blocks = doc.blocks
    every = list(c.locales.values())
    for sec in doc.sections:
        h = blocks[sec.heading]
        tier = _heading_tier(h.text, locs)
        if tier is None and len(locs) < len(every):
            other = _heading_tier(h.text, every)
            tier = other if other in ("emergency", "urgent") else None
        if tier is None:
            continue
        body = _section_body(doc, sec.heading)
        body_text = "\n".join(blocks[i].text for i in body)
        acted = _action_tier(body_text, locs) or _action_tier(body_text, every)
        if tier == "conditional":
            if acted is None:
                routine.append(sec.heading)
                quote = _vague_only(doc, c, body)
                if quote:
                    vague[sec.heading] = quote
                continue
            tier = acted
        elif acted == "emergency":
            tier = "emergency"
        text = "\n".join([h.text, body_text])
        last = body[-1] if body else sec.heading
        out.append(RedFlagBlock(sec.heading, last, tier, True, text, body_text))
        covered.update(range(sec.heading, last + 1))
    for i, b in enumerate(blocks):
        if i in covered or b.kind != "paragraph" or i + 1 >= len(blocks):
            continue
        nxt = blocks[i + 1]
        lead = b.text.rstrip()
        if nxt.kind != "list_item" or not (_LEAD_IN.search(lead) or _LEAD_IN_LIST.search(lead)):
            continue
        j = i + 1
        while j + 1 < len(blocks) and blocks[j + 1].kind == "list_item":
            j += 1
        card_tier = _action_tier(b.text, locs) or _action_tier(b.text, every)
        last = j
        if card_tier is None and j + 1 < len(blocks) and blocks[j + 1].kind == "paragraph":
            # the action follows the list and points back at it: "Signs of
            # ectopic pregnancy include" + list + "Get medical care right away
            # if you have these signs."
            after = blocks[j + 1].text
            if _TRAILING_REF.search(after) or _FOLLOWING.search(lead):
                card_tier = _action_tier(after, locs) or _action_tier(after, every)
                last = j + 1
        if card_tier is None:
            continue
        text = "\n".join(blocks[k].text for k in range(i, last + 1))
        out.append(RedFlagBlock(i, last, card_tier, False, text))
        covered.update(range(i, last + 1))
    out.extend(_table_cards(blocks, covered, locs, every))
    out.sort(key=lambda r: r.first)
    return Found(out, routine, vague)


def _table_cards(
    blocks: list[Block], covered: set[int], locs: list[CLocale], every: list[CLocale]
) -> Iterator[RedFlagBlock]:
    """Tables of signs and what to do ("| Struggling to breathe | Call 911 |"),
    as hospital leaflets and traffic-light sheets set them out: a table with
    an urgent or emergency action in a cell is a care card."""
    i = 0
    while i < len(blocks):
        if blocks[i].kind != "table_cell" or i in covered:
            i += 1
            continue
        j = i
        while j + 1 < len(blocks) and blocks[j + 1].kind == "table_cell" and j + 1 not in covered:
            j += 1
        text = "\n".join(blocks[k].text for k in range(i, j + 1))
        tier = _action_tier(text, locs) or _action_tier(text, every)
        if tier is not None:
            yield RedFlagBlock(i, j, tier, False, text)
        i = j + 1


# a condition that names something to look out for ("if the rash spreads",
# "when the pain is severe"): what is left of a sentence once its vague
# words are taken out
_CONDITION = re.compile(r"\b(?:if|when|unless|whenever)\b", re.I)
# "... if it does not get better after a week": a time limit is something to look out for
_HOW_LONG = re.compile(r"\d|\b(?:hours?|days?|weeks?|months?)\b", re.I)


def _vague_only(doc: Document, c: Compiled, body: range) -> str:
    """The vague words of a routine help section whose advice names no sign
    at all ("See your eye doctor if symptoms bother you", "Talk to a health
    care provider if you have any questions or concerns"), else "". A list,
    a table, or any condition left once the vague words are taken out ("if
    you still leak after 3 months") names something, and so does a long
    section."""
    if not c.vague_help or not body:
        return ""
    blocks = [doc.blocks[i] for i in body]
    if any(b.kind in ("list_item", "table_cell") for b in blocks):
        return ""
    wanted = set(body)
    sentences = [s for s in doc.sentences if s.block in wanted]
    if not sentences or len(sentences) > 4:
        return ""
    quote = ""
    for sen in sentences:
        ms = _finditer(c.vague_help, sen.text)
        rest = sen.text
        for m in sorted(ms, key=lambda m: -m.start()):
            rest = rest[: m.start()] + " " + rest[m.end() :]
        if _CONDITION.search(rest) or (ms and _HOW_LONG.search(rest)):
            return ""
        if ms and not quote:
            quote = ms[0].group(0)
    return quote


# ---------------------------------------------------------------------------
# Topics

_NORM = re.compile(r"[\s_\-]+")


def _norm(s: str) -> str:
    return _NORM.sub(" ", s.strip().lower())


def detect_topics(doc: Document, c: Compiled, sources: Iterable[str]) -> list[CTopic]:
    for src in sources:
        found: list[CTopic] = []
        if src == "front_matter":
            raw = doc.meta.get("topics")
            if isinstance(raw, str):
                raw = [raw]
            if not isinstance(raw, list):
                continue
            for item in raw:
                if not isinstance(item, str):
                    continue
                t = _topic_named(c, item)
                # a declared topic that holds a known name ("acute otitis media"),
                # unless it is about prevention or risk ("heart attack prevention")
                named = [t] if t is not None else [] if _search(c.risk, item) else _topics_in(c, item)
                found.extend(x for x in named if x not in found)
            if raw:
                # declared topics are authoritative even when none is known: a page
                # on costochondritis titled "Chest pain" is not about heart attacks
                return found
            continue
        if src == "title":
            text = doc.title
        else:
            # one pass over all headings; " | " stops a phrase running across two
            text = " | ".join(b.text for b in doc.blocks if b.kind == "heading" and b.level <= 2)
        found = _topics_in(c, text)
        if found:
            return found
    return []


def _topic_named(c: Compiled, name: str) -> CTopic | None:
    n = _norm(name)
    if n.replace(" ", "-") in c.topics:
        return c.topics[n.replace(" ", "-")]
    for t in c.topics.values():
        if any(m.start() == 0 and m.end() == len(n) for m in _finditer(t.names, n)):
            return t
    return None


def _topics_in(c: Compiled, text: str) -> list[CTopic]:
    """Topics named in ``text``; a longer name wins over a shorter one inside
    it ("fever in children" over "fever"), and ``not_names`` ("hay fever")
    hide a topic. Each containment test is a sweep over spans sorted by
    start, so a heading naming a topic 5,000 times costs 5,000 steps, not
    25 million."""
    hits: list[tuple[int, int, CTopic]] = []
    for t in c.topics.values():
        if not t.names.maybe(text):
            continue  # most topics cannot be named here (62 topics, a few words of text)
        blocked = _covering_ends([(m.start(), m.end()) for m in _finditer(t.not_names, text)])
        for m in _finditer(t.names, text):
            if _covered(blocked, m.start(), m.end(), strictly_longer=False):
                continue
            hits.append((m.start(), m.end(), t))
    spans = _covering_ends([(s, e) for s, e, _ in hits])
    out: list[CTopic] = []
    for s, e, t in hits:
        if _covered(spans, s, e, strictly_longer=True):
            continue
        if t not in out:
            out.append(t)
    return out


def _covering_ends(spans: list[tuple[int, int]]) -> tuple[list[int], list[tuple[int, int]]]:
    """For spans sorted by start (longest first at a start): the starts, and
    for each prefix the span reaching furthest, for :func:`_covered`."""
    spans = sorted(spans, key=lambda se: (se[0], -se[1]))
    best: list[tuple[int, int]] = []
    for s, e in spans:
        if not best or e > best[-1][1]:
            best.append((s, e))
        else:
            best.append(best[-1])
    return [s for s, _ in spans], best


def _covered(index: tuple[list[int], list[tuple[int, int]]], s: int, e: int, *, strictly_longer: bool) -> bool:
    """Whether a span of ``index`` contains [s, e) (and is longer, if asked):
    of the spans starting at or before s, the one reaching furthest decides."""
    starts, best = index
    i = bisect.bisect_right(starts, s)
    if i == 0:
        return False
    s2, e2 = best[i - 1]
    return e2 >= e and (not strictly_longer or (e2 - s2) > (e - s))


def required_signs(topics: list[CTopic]) -> list[CSign]:
    seen: set[str] = set()
    out = []
    for t in topics:
        for s in t.signs:
            if s.id not in seen:
                seen.add(s.id)
                out.append(s)
    return out


def _list_labels(signs: list[CSign], limit: int = 8) -> str:
    labels = [s.label for s in signs]
    more = len(labels) - limit
    text = "; ".join(labels[:limit])
    return text + (f"; and {more} more" if more > 0 else "")


# ---------------------------------------------------------------------------
# The check


@FAMILY.check(*RULES)
def red_flags(doc: Document, ctx: DocContext) -> Iterator[Finding]:
    if doc.problem is not None or not doc.blocks:
        return
    c = load_packs(ctx.project)
    settings = ctx.settings.red_flags
    loc = resolve_locale(c, ctx.locale)
    locs = _locales_for(c, loc)

    if ctx.enabled(WRONG_NUMBER.code) and loc is not None:
        yield from _wrong_numbers(doc, ctx, c, loc)
    if ctx.audience not in settings.audiences:
        return

    topics = detect_topics(doc, c, settings.topic_detection)
    wanted_topics = {_norm(t) for t in settings.topics}
    wanted = any(t.id in wanted_topics or _norm(t.label) in wanted_topics for t in topics)
    found = find_blocks(doc, c, locs)
    rfblocks = found.blocks
    # a first-aid page on a topic with warning signs ("First aid: dog bites")
    # needs the same safety net as the condition page
    first_aid = ctx.content_type in settings.topic_content_types and any(t.signs for t in topics)
    if ctx.content_type in settings.content_types or wanted or first_aid:
        signs = required_signs(topics)
        if not rfblocks:
            if ctx.enabled(MISSING_SECTION.code) and not _short_page_advice(
                doc, locs, settings.short_page_words, emergency=any(sg.urgency == "emergency" for sg in signs)
            ):
                why = _why_needed(doc, c, topics, locs, wanted, found)
                if why is not None:
                    yield _missing_section(doc, ctx, c, found, locs, loc, signs, why)
        else:
            if ctx.enabled(SECTION_WITHOUT_ACTION.code):
                yield from _without_action(doc, ctx, c, rfblocks, locs, loc)
            if ctx.enabled(MISSING_SIGNS.code) and signs:
                finding = _missing_signs(doc, ctx, c, rfblocks, signs, topics)
                if finding is not None:
                    yield finding
    if ctx.enabled(CONDITION_WITHOUT_URGENCY.code):
        yield from _conditions(doc, ctx, c, rfblocks, locs, settings.urgency_window)


def _short_page_advice(doc: Document, locs: list[CLocale], max_words: int, *, emergency: bool) -> bool:
    """A short page with no headings (a one-screen summary) that tells its
    reader in prose to get help as fast as its topic needs: there is nothing
    to scan past, so a heading over one sentence would add nothing (blind
    judgement of real pages, eval/ecosystem/final: 'a medical emergency ...
    see an eye care professional immediately' on a four-paragraph page). A
    topic with emergency signs needs emergency advice ('call your provider
    right away' is not enough for croup), and advice whose only condition is
    vague ('if you are worried') names nothing to act on."""
    if any(b.kind == "heading" for b in doc.blocks):
        return False
    words = sum(len(b.text.split()) for _, b in doc.prose_blocks())
    if words > max_words:
        return False
    for sent in doc.sentences:
        if doc.blocks[sent.block].kind not in ("paragraph", "list_item") or _NEGATED_ACTION.search(sent.text):
            continue
        if any(_search(lc.vague, sent.text) for lc in locs):
            continue
        # advice to the reader ("call 911", "if you have any symptoms, see an
        # eye doctor immediately"); a statement about the condition ("it
        # needs immediate treatment", "they need treatment right away",
        # "swelling in your airways is a medical emergency") advises no one
        if not (_IMPERATIVE.search(sent.text) or _READER.search(sent.text)):
            continue
        tier = _action_tier(sent.text, locs)
        if tier == "emergency":
            return True
        fast = bool(_FAST.search(sent.text))
        if fast and _MEDICAL_EMERGENCY.search(doc.blocks[sent.block].text):
            return True
        if not emergency and (tier == "urgent" or fast):
            return True
    return False


@dataclass
class Need:
    """Why a page needs a red-flag section (RF001): its topics' warning
    signs, or what the page itself says."""

    topics: list[CTopic]
    said: tuple[int, int] | None = None  # source range of the page's own words of danger
    quote: str = ""
    condition: CCondition | None = None  # the pack condition the page is about
    self_care: int | None = None  # heading block of home-care advice given with no safety net
    vague: int | None = None  # heading block of a help section that names nothing


def _why_needed(
    doc: Document, c: Compiled, topics: list[CTopic], locs: list[CLocale], wanted: bool, found: Found
) -> Need | None:
    """A page needs a red-flag section when its topic has warning signs with a
    source (or is configured in red_flags.topics), when it is about a
    condition the packs say needs urgent care, or when, addressing its
    reader, it says itself that something needs urgent help or can be
    serious. A page about a topic the packs know nothing of, which never
    speaks of danger to its reader (most reference summaries of rare genetic
    conditions), does not -- unless it tells its reader how to look after
    themselves at home ("Care at home") and nowhere when to get help: self-care
    advice needs a safety net -- or unless its help section is only vague
    ("see your doctor if symptoms bother you"): a section that means to say
    when to get help and names nothing fails its reader whatever the topic."""
    with_signs = [t for t in topics if t.signs]
    if with_signs or wanted:
        return Need(with_signs or topics)
    subject = _subject_condition(doc, c)
    if subject is not None:
        return Need([], condition=subject)
    reader: bool | None = None
    hot: dict[int, bool] = {}
    for sent in doc.sentences:
        b = doc.blocks[sent.block]
        if b.kind not in ("paragraph", "list_item"):
            continue
        if sent.block not in hot:
            # one look at the whole block first: most blocks speak of no danger
            hot[sent.block] = bool(_action_tier(b.text, locs) == "emergency" or _search(c.danger, b.text))
        if not hot[sent.block]:
            continue
        # an emergency action: "call your doctor right away" in prose already
        # tells the reader how fast, and reviewers judged asking for a
        # section there debatable at best
        acted = _action_tier(sent.text, locs) == "emergency" and not _NEGATED_ACTION.search(sent.text)
        m = None if acted else _search(c.danger, sent.text)
        if not acted and (m is None or (not _STRONG.search(m.group(0)) and _search(c.not_danger, sent.text))):
            continue
        if m is not None:
            if reader is None:
                reader = _addresses_reader(doc)
            if not reader:
                # a third-person reference summary ("the disorder can be
                # life-threatening") gives its reader no advice at all
                continue
        start, end = b.source_range(sent.start, sent.end)
        return Need([], (start, end), m.group(0) if m is not None else "")
    if found.help and all(h in found.vague for h in found.help):
        return Need([], vague=found.help[-1])
    if not found.help and c.self_care:
        for i, b in enumerate(doc.blocks):
            if b.kind == "heading" and _search(c.self_care, b.text):
                return Need([], self_care=i)
    return None


def _subject_condition(doc: Document, c: Compiled) -> CCondition | None:
    """The pack condition the page is about: named in the title ("Cardiac
    Arrest", "Meningitis and Encephalitis") unless as a risk or history
    ("Stroke Rehabilitation"), or as a whole front-matter topic."""
    title = doc.title
    if title and not _search(c.risk, title):
        for cond in c.conditions:
            if _search(cond.rx, title):
                return cond
    raw = doc.meta.get("topics")
    for name in raw if isinstance(raw, list) else [raw]:
        n = name.strip() if isinstance(name, str) else ""
        for cond in c.conditions if n else ():
            if any(m.start() == 0 and m.end() == len(n) for m in _finditer(cond.rx, n)):
                return cond
    return None


# danger wording that stands whatever else the sentence says ("in rare cases
# ... is a medical emergency")
_STRONG = re.compile(r"emergenc|immediate|urgent|prompt|quick|fast", re.I)

# "they may not seek immediate treatment" reports, it does not advise
_NEGATED_ACTION = re.compile(r"(?:\bnot|\bnever|n't)\s+(?:\w+\s+){0,2}(?:seek|get|call|go)\b", re.I)

_READER = re.compile(r"\b(?:you|your|yours|yourself)\b", re.I)


def _addresses_reader(doc: Document) -> bool:
    return any(_READER.search(b.text) for _, b in doc.prose_blocks())


def _missing_signs(
    doc: Document, ctx: DocContext, c: Compiled, rfblocks: list[RedFlagBlock], signs: list[CSign], topics: list[CTopic]
) -> Finding | None:
    """Critical (must-mention) signs the red-flag advice never names, and
    critical emergency signs it names only under urgent advice; or, for a
    topic with no critical signs, advice that names none of its signs at all.
    Advice that points at a list elsewhere on the page ("if you notice any
    of the warning signs listed above") is read together with that list."""
    texts = {id(r): r.text + _referenced_lists(doc, c, r) for r in rfblocks}
    all_text = "\n".join(texts[id(r)] for r in rfblocks)
    emergency_text = "\n".join(texts[id(r)] for r in rfblocks if r.tier == "emergency")
    critical = [sg for sg in signs if sg.must]
    missing: list[CSign] = []
    low: list[CSign] = []
    for sg in critical:
        if sg.urgency == "emergency" and _search(sg.rx, emergency_text):
            continue
        if not _search(sg.rx, all_text):
            missing.append(sg)
        elif sg.urgency == "emergency":
            low.append(sg)
    named = [sg for sg in signs if _search(sg.rx, all_text)]
    named_none = not named
    # one sign of a topic its publishers give many for ("get help right away if
    # the pain is so bad you cannot sit still" for kidney stones, leaving out
    # fever, vomiting and not being able to pee) tells readers too little --
    # when the topic is what the page is about (named in its title) and the
    # page is on a condition: a symptom's signs are kinds of the symptom
    # ("crushing chest pain" names chest pain), and a symptom topic borrowed
    # by a condition page ("tummy pain" on a gallstones page) lists signs of
    # other causes
    only_one = None
    if ctx.content_type != "symptom" and not critical and len(named) == 1:
        only_one = next(
            (t for t in topics if len(t.signs) >= _MANY_SIGNS and t.names.found(doc.title) and named[0] in t.signs),
            None,
        )
    if not missing and not low and not named_none and only_one is None:
        return None
    primary = next((r for r in rfblocks if r.tier == "emergency"), rfblocks[0])
    b = doc.blocks[primary.first]
    names = ", ".join(t.label for t in topics)
    where = f"'{b.text.strip()}'" if primary.heading else "the red-flag advice"
    parts = []
    if missing:
        n = len(missing)
        parts.append(
            f"{where} does not name {n} critical warning sign{'s' if n != 1 else ''} for {names}: "
            f"{_list_labels(missing, 12)}; add {'them' if n != 1 else 'it'} to the signs it lists"
        )
    elif named_none:
        parts.append(
            f"{where} names none of the warning signs for {names} (such as {_list_labels(signs, 4)}); "
            "say which signs need urgent help"
        )
    elif only_one is not None:
        others = [sg for sg in only_one.signs if sg not in named]
        parts.append(
            f"{where} names only one of the {len(only_one.signs)} warning signs for {only_one.label} "
            f"({named[0].label}); say which of the others need urgent help too: {_list_labels(others, 6)}"
        )
    if low:
        parts.append(
            f"{'these' if parts else where + ' names these'} critical emergency signs only under urgent advice: "
            f"{_list_labels(low, 12)}; list them under an emergency action"
        )
    return ctx.report(MISSING_SIGNS, b.start, b.end, "; ".join(parts))


# what a medicine treats is not what its reader may get ("used to treat a stroke")
_TREATS = re.compile(r"\b(?:used\s+(?:to\s+treat|for|in)|to\s+treat|treats?)\b", re.I)

# a sentence that goes on about what the one before named ("If it happens, ...")
_GOES_ON = re.compile(
    r"\s*(?:if|when)\s+(?:(?:it|this|that|one|they|these)\s+(?:happens?|occurs?|starts?)|you\s+(?:have|get|are\s+having))\b",
    re.I,
)

# a topic with at least this many signs in the packs: red-flag advice that
# names only one of them is incomplete (RF003)
_MANY_SIGNS = 4


def _referenced_lists(doc: Document, c: Compiled, r: RedFlagBlock) -> str:
    """The text of the lists a red-flag block refers to ("any of the warning
    signs listed above", "the symptoms of a stroke"): sections headed with
    signs or symptoms, and the list just before the block."""
    if not _search(c.reference, r.text):
        return ""
    parts: list[str] = []
    for sec in doc.sections:
        if sec.heading == r.first or not _SIGNS_HEADING.search(doc.blocks[sec.heading].text):
            continue
        parts.extend(doc.blocks[i].text for i in _section_body(doc, sec.heading))
    i = r.first - 1
    while i >= 0 and doc.blocks[i].kind == "list_item":
        parts.append(doc.blocks[i].text)
        i -= 1
    return "\n" + "\n".join(parts) if parts else ""


_SIGNS_HEADING = re.compile(r"\b(?:signs?|symptoms?)\b", re.I)


def _anchor(doc: Document) -> tuple[int, int]:
    """Where a page-level finding goes: the title heading, else the first heading,
    else the front-matter title, else the first block."""
    heads = [b for b in doc.blocks if b.kind == "heading"]
    h1 = next((b for b in heads if b.level == 1), heads[0] if heads else None)
    if h1 is not None and h1.offs:
        return h1.start, h1.end
    fm = doc.front_matter
    if fm is not None:
        sp = fm.value_span("title")
        if sp is not None and sp[1] > sp[0]:
            return sp
    b = doc.blocks[0]
    return b.start, b.end


# Urgent statements that are not instructions ("Frostbite requires immediate
# medical treatment", "is a medical emergency"); only used to point at them.
_PROSE_URGENCY = re.compile(
    r"\b(needs?|requires?|get|seek|must have)\s+(immediate|urgent|emergency|prompt)\b|\bmedical emergency\b", re.I
)

_MEDICAL_EMERGENCY = re.compile(r"\bmedical emergency\b", re.I)
_FAST = re.compile(
    r"\b(?:immediately|right away|at once|straight away)\b"
    r"|\b(?:get|seek|need|needs)\s+(?:immediate|urgent|emergency)\b",
    re.I,
)
# an instruction: at the start of the sentence or after its "If ...," clause
_IMPERATIVE = re.compile(r"(?:^\s*|,\s*)(?:then\s+|so\s+)?(?:call|dial|phone|ring|get|go|seek|contact|see)\b", re.I)

_PAGE_URGENCY = re.compile(_PROSE_URGENCY.pattern + r"|\bemergenc(?:y|ies)\b|\bA&E\b", re.I)

_EXAMPLE_HEADING = {"en-us": "'When to call 911'", "en-gb": "'Call 999 or go to A&E now if:'"}
_EXAMPLE_ACTION = {"en-us": "call 911 or go to the emergency room", "en-gb": "call 999 or go to A&E"}
# for a topic whose sourced signs are all urgent, not emergencies (gout, kidney stones)
_URGENT_HEADING = {
    "en-us": "'When to get urgent medical help'",
    "en-gb": "'Ask for an urgent GP appointment or get help from NHS 111 if:'",
}
# NHS care cards' non-urgent heading ("Speak to a GP if:"), domain-health §2.2
_ROUTINE_HEADING = {"en-us": "'When to see a doctor'", "en-gb": "'Speak to a GP if:'"}
_URGENT_ACTION = {"en-us": "call your doctor right away", "en-gb": "ask for an urgent GP appointment or call NHS 111"}


def _missing_section(
    doc: Document,
    ctx: DocContext,
    c: Compiled,
    found: Found,
    locs: list[CLocale],
    loc: CLocale | None,
    signs: list[CSign],
    need: Need,
) -> Finding:
    lid = loc.id if loc else ""
    # the section asked for is as urgent as the page's most urgent sign
    urgent_only = (bool(signs) and all(sg.urgency == "urgent" for sg in signs)) or (
        not signs and need.condition is not None and need.condition.urgency == "urgent"
    )
    care = "urgent" if urgent_only else "emergency"
    if urgent_only:
        example = _URGENT_HEADING.get(lid, "'When to get urgent medical help'")
        action = _URGENT_ACTION.get(lid, "get medical help the same day")
    else:
        example = _EXAMPLE_HEADING.get(lid, "'When to get emergency help'")
        action = _EXAMPLE_ACTION.get(lid, "get emergency help")
    topic_names = ", ".join(t.label for t in need.topics)
    shown = [sg for sg in signs if sg.must] or signs
    what = (
        f"the warning signs for {topic_names} ({_list_labels(shown, 5)})" if signs else "which signs need urgent help"
    )
    fix = _draft_section(doc, ctx, loc, signs)
    if found.help:
        # a help section that is not good enough: say what it lacks, there
        h = doc.blocks[found.help[-1]]
        body = "\n".join(doc.blocks[i].text for i in _section_body(doc, found.help[-1]))
        named = [sg for sg in signs if sg.urgency == care and _search(sg.rx, body)]
        vague = found.vague.get(found.help[-1], "")
        if vague:
            lacks = f"gives only vague advice ('{vague}') and names no sign: say which signs need a doctor"
            if signs:
                lacks += f", and which need you to {action} (for {topic_names}: {_list_labels(shown, 4)})"
            else:
                lacks += ", and which need urgent help"
        elif named:
            lacks = (
                f"names signs that need {care} care ({_list_labels(named, 4)}) but gives only routine advice: "
                f"say to {action} for them"
            )
        else:
            lacks = f"gives only routine advice: say which signs need {care} care and to {action} for them"
            if signs:
                lacks += f" (for {topic_names}: {_list_labels(shown, 4)})"
        msg = f"the page's only help section, '{h.text.strip()}', {lacks}"
        if not signs and need.quote:
            msg += f"; the page says it '{need.quote}'"
        return ctx.report(MISSING_SECTION, h.start, h.end, msg, fix=fix)

    if need.self_care is not None:
        h = doc.blocks[need.self_care]
        routine = _ROUTINE_HEADING.get(lid, "'When to see a doctor'")
        msg = (
            f"'{h.text.strip()}' tells readers how to look after themselves at home, but the page never says "
            f"when to get medical help: add a section such as {routine} that says which signs need a doctor, "
            f"and which need you to {_EXAMPLE_ACTION.get(lid, 'get emergency help')}"
        )
        return ctx.report(MISSING_SECTION, h.start, h.end, msg)
    related: list[Related] = []
    start, end = _anchor(doc)
    if need.topics:
        msg = f"{ctx.audience} {ctx.content_type} page on {topic_names} has no red-flag section"
    elif need.condition is not None:
        tier = "emergency" if need.condition.urgency == "emergency" else "urgent"
        msg = f"page on {need.condition.name}, which needs {tier} care, has no red-flag section"
    elif need.said is not None and need.quote:
        # point at the page's own words of danger: that is why it needs one
        start, end = need.said
        msg = f"this speaks of an emergency ('{need.quote}'), but the page has no red-flag section"
    elif need.said is not None:
        start, end = need.said
        msg = "urgent advice only in running prose: readers scanning for when to get help miss it"
    else:
        msg = f"{ctx.audience} {ctx.content_type} page has no red-flag section"
    msg += f": add one headed e.g. {example} that names {what} and says what to do"
    # Point at urgent or vague sentences in running prose: they are the
    # material for the section but do not count as one.
    vague_note = False
    hot: dict[int, bool] = {}
    for sent in doc.sentences:
        blk = doc.blocks[sent.block]
        if sent.block not in hot:
            # one look at the whole block first: most blocks hold no advice at all
            hot[sent.block] = bool(
                _action_tier(blk.text, locs)
                or _PROSE_URGENCY.search(blk.text)
                or any(_search(lc.vague, blk.text) for lc in locs)
            )
        if not hot[sent.block]:
            continue
        s, e = blk.source_range(sent.start, sent.end)
        if need.said is not None and need.said[0] <= s < need.said[1]:
            continue
        if _action_tier(sent.text, locs) or _PROSE_URGENCY.search(sent.text):
            related.append(ctx.related(s, e, "urgent advice in running prose; move it into a red-flag section"))
        elif any(_search(lc.vague, sent.text) for lc in locs):
            related.append(ctx.related(s, e, "vague advice: it gives no urgency and names no warning signs"))
            vague_note = True
        if len(related) >= 3:
            break
    if any(r.message.startswith("urgent advice") for r in related):
        msg += "; urgent advice in running prose does not count"
    elif vague_note:
        msg += "; vague advice such as 'seek medical attention' does not count"
    return ctx.report(MISSING_SECTION, start, end, msg, related=related, fix=fix)


def _draft_section(doc: Document, ctx: DocContext, loc: CLocale | None, signs: list[CSign]) -> Fix | None:
    """An unsafe fix that appends a draft red-flag section listing the topic's
    signs under the locale's card wording, one card per urgency. Never applied
    by --fix: an editor must check it against the page (editors get it as a
    code action)."""
    if loc is None or not signs:
        return None
    parts = []
    for tier in ("emergency", "urgent"):
        card = loc.cards.get(tier)
        tier_signs = [sg.label for sg in signs if sg.urgency == tier]
        if not tier_signs:
            continue
        if card is None:
            return None
        items = "".join(f"- {label}\n" for label in tier_signs)
        parts.append(f"## {card.heading}\n\n{card.lead}\n\n{items}")
    text = doc.text
    nl = "\r\n" if "\r\n" in text else "\n"
    sep = "" if text.endswith(("\n", "\r")) else nl
    draft = sep + nl + nl.join(parts).replace("\n", nl)
    end = len(text)
    message = "Append a draft red-flag section (check it before publishing)"
    return ctx.fix(message, ctx.edit(end, end, draft), applicability="unsafe")


def _without_action(
    doc: Document, ctx: DocContext, c: Compiled, rfblocks: list[RedFlagBlock], locs: list[CLocale], loc: CLocale | None
) -> Iterator[Finding]:
    for r in rfblocks:
        if not r.heading:
            continue  # a care card is found by its action
        b = doc.blocks[r.first]
        body = [doc.blocks[i] for i in range(r.first + 1, r.last + 1)]
        if not any(x.kind != "heading" and x.text.strip() for x in body):
            yield ctx.report(
                SECTION_WITHOUT_ACTION,
                b.start,
                b.end,
                f"red-flag section '{b.text.strip()}' is empty: list the warning signs and say what to do",
            )
            continue
        tiers = {_action_tier(r.body, locs), _action_tier(b.text, locs, specific_only=True)}
        if "emergency" in tiers or ("urgent" in tiers and r.tier == "urgent"):
            continue
        if loc is not None and _other_locale_number(c, loc, r.text):
            continue  # RF005 reports the number itself
        want = "emergency action" if r.tier == "emergency" else "action"
        name = loc.name if loc else ctx.locale
        example = _ACTION_EXAMPLES.get((loc.id if loc else "", r.tier), "")
        yield ctx.report(
            SECTION_WITHOUT_ACTION,
            b.start,
            b.end,
            f"red-flag section '{b.text.strip()}' gives no {want} for {name}{example}: say what to do and how fast",
        )


_ACTION_EXAMPLES = {
    ("en-us", "emergency"): " such as 'call 911 or go to the emergency room'",
    ("en-us", "urgent"): " such as 'call your doctor right away'",
    ("en-gb", "emergency"): " such as 'call 999 or go to A&E'",
    ("en-gb", "urgent"): " such as 'ask for an urgent GP appointment or call NHS 111'",
}


def _other_locale_number(c: Compiled, loc: CLocale, text: str) -> bool:
    return any(_foreign(c, loc, m) is not None for m in _finditer(c.number_rx, text))


def _foreign(c: Compiled, loc: CLocale, m: Any) -> tuple[str, tuple[frozenset[str], str, str]] | None:
    group = next(g for g in ("num", "num2", "num3") if m.group(g))
    form = m.group(group)
    info = c.numbers.get(form)
    if info is None or loc.id in info[0]:
        return None
    return group, info


def _wrong_numbers(doc: Document, ctx: DocContext, c: Compiled, loc: CLocale) -> Iterator[Finding]:
    if not _search(c.number_rx, doc.text):
        return
    for b in doc.blocks:
        for m in _finditer(c.number_rx, b.text):
            hit = _foreign(c, loc, m)
            if hit is None:
                continue
            group, (owners, service, _) = hit
            s, e = b.source_range(m.start(group), m.end(group))
            right = next((n.number for n in loc.numbers if n.service == service), None)
            where = ", ".join(sorted(c.locales[o].name for o in owners))
            msg = f"{m.group(group)} is the {service} number for {where}, not {loc.name}"
            fix = None
            if right is not None:
                msg += f": use {right}"
                fix = ctx.fix(f"Replace with {right}", ctx.edit(s, e, right), applicability="unsafe")
            else:
                msg += ": give the local service instead"
            yield ctx.report(WRONG_NUMBER, s, e, msg, fix=fix)


@dataclass
class _Cues:
    """Cue matches of one sentence, found once however many mentions it holds
    (a sentence naming a condition 4,000 times is searched once, not 4,000
    times: issue 18)."""

    urgent: bool
    risk: bool
    consequence_end: int  # earliest end of a consequence cue, or -1
    reaction_end: int
    reassurance: str
    history: bool


def _earliest_end(rx: Any, text: str) -> int:
    ms = _finditer(rx, text)
    return min(m.end() for m in ms) if ms else -1


def _conditions(
    doc: Document, ctx: DocContext, c: Compiled, rfblocks: list[RedFlagBlock], locs: list[CLocale], window: int
) -> Iterator[Finding]:
    """RF004: an emergency condition named as something that may be happening
    to the reader -- a possible reaction to the page's medicine or test, or
    what the reader's symptom may be a sign of -- on a page that says nothing
    anywhere about urgent help; and, on any page, a condition next to words
    that say no urgent help is needed ("can be treated at home"). Mentions as
    a risk, history or complication are not counted."""
    settings = ctx.settings.red_flags
    in_block: set[int] = set()
    for r in rfblocks:
        in_block.update(range(r.first, r.last + 1))
    rf_text = "\n".join(r.text for r in rfblocks)
    prose_blocks = [(i, b) for i, b in doc.prose_blocks() if i not in in_block]
    prose = "\n".join(b.text for _, b in prose_blocks)
    # one pass over the page finds which conditions occur at all
    present = [cond for cond in c.conditions if cond.rx.found(prose)]
    if not present:
        return
    typed = ctx.content_type in settings.urgency_content_types
    # a page RF001 does not check (a wellness, medicine or test page): there a
    # condition that comes on within hours is flagged however it is named
    other_type = typed and ctx.content_type not in settings.content_types
    # a medicine or procedure page: its reader may have the emergency it names
    # while taking the medicine ("can raise your risk of heart attack and
    # stroke"), so any mention needs urgency wording somewhere on the page
    mention = ctx.content_type in settings.mention_content_types
    typed = typed or mention
    everything = "\n".join(b.text for _, b in doc.prose_blocks())
    # "the page says how fast to get help": a red-flag block, an action, or
    # urgent wording about care (not every "at once": "do not take two doses
    # at once")
    page_urgent = bool(rfblocks or _action_tier(everything, locs) or _PAGE_URGENCY.search(everything))
    if page_urgent and not _search(c.reassurance, prose):
        return  # the page says how fast to get help, and never that none is needed
    by_block: dict[int, list[int]] = {}
    for k, sen in enumerate(doc.sentences):
        by_block.setdefault(sen.block, []).append(k)
    cues: dict[int, _Cues] = {}

    def cue(k: int) -> _Cues:
        got = cues.get(k)
        if got is None:
            t = doc.sentences[k].text
            m = _search(c.reassurance, t)
            got = cues[k] = _Cues(
                bool(_search(c.urgency, t)),
                bool(_search(c.risk, t)),
                _earliest_end(c.consequence, t),
                _earliest_end(c.reaction, t),
                m.group(0) if m is not None else "",
                bool(_search(c.history, t)),
            )
        return got

    section_reaction: dict[int | None, bool] = {}
    lead_reaction: dict[int, bool] = {}

    def in_reaction_section(bi: int) -> bool:
        """Under a heading such as "Side effects", or in a list led in by
        "Rare reactions include:"."""
        si = doc.blocks[bi].section
        if si not in section_reaction:
            title = doc.sections[si].title if si is not None else ""
            section_reaction[si] = bool(title and _search(c.reaction, title))
        if section_reaction[si]:
            return True
        if doc.blocks[bi].kind != "list_item":
            return False
        j = bi - 1
        while j >= 0 and doc.blocks[j].kind == "list_item":
            j -= 1
        if j < 0 or doc.blocks[j].kind != "paragraph":
            return False
        if j not in lead_reaction:
            lead_reaction[j] = bool(_search(c.reaction, doc.blocks[j].text))
        return lead_reaction[j]

    action = _EXAMPLE_ACTION.get(locs[0].id if len(locs) == 1 else "", "get emergency help")
    # emergencies merely named in one sentence ("can raise your risk of heart
    # attack and stroke") make one finding, not one per condition
    sentence_of: dict[str, int] = {}
    mentioned: dict[int, list[tuple[CCondition, int, int]]] = {}
    for cond in present:
        if _search(cond.rx, rf_text):
            continue
        found: tuple[Block, int, int, str] | None = None
        reassured: tuple[Block, int, int, str] | None = None
        covered = False
        for bi, b in prose_blocks:
            ks = by_block.get(bi)
            if not ks:
                continue
            ms = _finditer(cond.rx, b.text)
            if not ms:
                continue
            ends = [doc.sentences[k].end for k in ks]
            for m in ms:
                pos = min(bisect.bisect_right(ends, m.start()), len(ks) - 1)
                k = ks[pos]
                cu = cue(k)
                # "... anaphylaxis, is very rare. If it happens, rest at home": the
                # next sentence, when it goes on about the same thing
                after = ks[pos + 1] if pos + 1 < len(ks) else None
                if after is not None and not _GOES_ON.match(doc.sentences[after].text):
                    after = None
                calm = cu.reassurance or (cue(after).reassurance if after is not None and not cue(after).urgent else "")
                if calm and not cu.risk:
                    # wrong whatever the page says elsewhere
                    reassured = (b, m.start(), m.end(), "reassured:" + calm)
                    break
                if covered or any(cue(j).urgent for j in ks[max(0, pos - window) : pos + window + 1]):
                    covered = True
                    continue
                if found is not None or page_urgent or not typed:
                    continue
                at = m.start() - doc.sentences[k].start
                reaction = 0 <= cu.reaction_end <= at or in_reaction_section(bi)
                if cond.rapid and other_type and not cu.history:
                    # "prevent infections that can lead to sepsis" on a hand-washing
                    # page: its reader may be getting the infection now
                    found = (b, m.start(), m.end(), "reaction" if reaction else "named")
                    continue
                if (
                    mention
                    and cond.urgency == "emergency"
                    and not cu.history
                    and not _TREATS.search(doc.sentences[k].text)
                ):
                    found = (b, m.start(), m.end(), "reaction" if reaction else "mentioned")
                    sentence_of[cond.name] = k
                    continue
                if cu.risk or 0 <= cu.consequence_end <= at:
                    continue
                if reaction:
                    found = (b, m.start(), m.end(), "reaction")
            if reassured is not None:
                break
        if reassured is not None:
            found = reassured
        elif covered or found is None:
            continue
        blk, i, j, kind = found
        s0, e0 = blk.source_range(i, j)
        if kind == "mentioned":
            mentioned.setdefault(sentence_of[cond.name], []).append((cond, s0, e0))
            continue
        tier = "emergency care" if cond.urgency == "emergency" else "urgent care"
        how = f"{action}" if cond.urgency == "emergency" else "get medical help the same day"
        if kind.startswith("reassured:"):
            msg = (
                f"the page says {cond.name} needs no urgent help ('{kind.split(':', 1)[1]}'), but it needs {tier}: "
                f"say when to {how}"
            )
        elif kind == "named":
            msg = (
                f"the page names {cond.name}, which can come on within hours and needs {tier}, but never says "
                f"how fast to get help: say to {how} if it happens"
            )
        else:
            msg = (
                f"{cond.name} is named as a possible reaction, but the page never says it needs {tier}: "
                f"say to {how} if it happens"
            )
        yield ctx.report(CONDITION_WITHOUT_URGENCY, s0, e0, msg)
    for k in sorted(mentioned):
        hits = sorted(mentioned[k], key=lambda h: h[1])
        names = " and ".join(h[0].name for h in hits)
        s0, e0 = hits[0][1], hits[-1][2]
        msg = (
            f"the page names {names}, which need{'s' if len(hits) == 1 else ''} emergency care, but never says how "
            f"fast to get help: say which signs of {names} to act on and to {action} if they happen"
        )
        yield ctx.report(CONDITION_WITHOUT_URGENCY, s0, e0, msg)
