"""Encoding family (ENC): files that are not UTF-8 text, and mojibake."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from ..api import DocContext, make_finding
from ..document import DEFAULT_MAX_BYTES, Document
from ..findings import Severity, Span
from ..registry import Family, Rule
from ..terms import term_index

FAMILY = Family("encoding")

INVALID_UTF8 = Rule(
    code="ENC001",
    name="invalid-utf8",
    severity=Severity.ERROR,
    summary="Flags a file that is not valid UTF-8 (including UTF-16 files), at the first bad byte. "
    "The file is not checked further; other files still are.",
    why="Content pipelines, browsers and lintkit all read Markdown as UTF-8. A file saved as Windows-1252 "
    "or UTF-16 shows broken characters to readers and cannot be checked.",
    example="A file saved by an old editor as Windows-1252: `Guillain-Barr\\xe9`",
    instead="The same file re-saved as UTF-8: `Guillain-Barré`",
    fix="No automatic fix: lintkit cannot know the intended encoding. Re-save the file as UTF-8.",
)
MOJIBAKE = Rule(
    code="ENC002",
    name="mojibake",
    severity=Severity.ERROR,
    summary="Flags mojibake: text that was UTF-8 but was decoded with another encoding somewhere on its "
    "way, such as `Guillain-BarrĂ©` (Windows-1250), `Ã©` or `donâ€™t` (Windows-1252).",
    why="Readers see garbled names and words; search engines and screen readers do too. It usually comes "
    "from copy-pasting between systems, so it recurs until it is found.",
    example="Guillain-BarrĂ© syndrome",
    instead="Guillain-Barré syndrome",
    fix="Safe fix: each damaged word is repaired with ftfy (per word, so a correctly encoded character "
    "elsewhere on the line does not stop the repair). Real names with diacritics (Ménière, Sjögren) and "
    "typographic quotes are never touched.",
    fixable=True,
)
BINARY = Rule(
    code="ENC003",
    name="binary-file",
    severity=Severity.ERROR,
    summary="Flags a file with NUL bytes: binary data, not text.",
    why="A binary file with a Markdown name is usually a mistake (a renamed document or image) and "
    "cannot be published as an article.",
    example="an image or Word document saved as `article.md`",
    instead="a plain-text Markdown file",
)
TOO_LARGE = Rule(
    code="ENC004",
    name="file-too-large",
    severity=Severity.ERROR,
    summary=f"Flags a file larger than `max_file_size` ({DEFAULT_MAX_BYTES:,} bytes by default); it is not read.",
    why="Patient articles are a few kilobytes; a file hundreds of kilobytes long is generated or pasted "
    "data, and checking it would slow every run.",
    example="a 50 MB export saved as `content/export.md`",
    instead="split the content, or exclude the file in the configuration",
    options="`max_file_size` (bytes).",
)
UNREADABLE = Rule(
    code="ENC005",
    name="unreadable-file",
    severity=Severity.ERROR,
    summary="Flags a file that could not be read (permissions, or it disappeared during the run).",
    why="A file lintkit cannot read is a file nobody checked; the run says so instead of passing silently.",
    example="a file with mode 000",
    instead="a readable file",
)
REPLACEMENT_CHAR = Rule(
    code="ENC006",
    name="replacement-character",
    severity=Severity.WARNING,
    summary="Flags U+FFFD (`�`), the character decoders put where bytes were lost.",
    why="The original character is gone: the text around it was damaged by an earlier conversion and "
    "needs an editor to restore it from the source.",
    example="Guillain-Barr� syndrome",
    instead="Guillain-Barré syndrome",
)

LOST_CHARACTER = Rule(
    code="ENC007",
    name="lost-character",
    severity=Severity.WARNING,
    fixable=True,
    summary="Flags text where a bad conversion dropped non-ASCII characters: a known name with its accented "
    "letters missing (`Sjgren`, `Guillain-Barr syndrome`, `Behet`, `Mnire`, also with `?` in their place), and "
    "a concentration no body fluid can have, where the micro sign was lost (`300 g/L` for `300 µg/L`, "
    "`5 mol/L` for `5 µmol/L`). The names are those of the terminology pack that carry a diacritic.",
    why="The damage is invisible to a spell checker (the rest of the word is right) and changes a name or a "
    "number: readers cannot search for the condition, and a dose or a test result is off by a factor of a "
    "million.",
    example="Sjgren syndrome causes dry eyes and a dry mouth.\n\nA level above 300 g/L is high.",
    instead="Sjögren syndrome causes dry eyes and a dry mouth.\n\nA level above 300 µg/L is high.",
    options="The names come from the terminology pack (`rules/terminology`, and a project's `rule_packs`): any "
    "concept name with an accented letter.",
    fix="Safe fix for a name: the accented letters are restored from the pack's spelling. No automatic fix for "
    "a unit: the lost character may have been µ or m.",
)

_PROBLEM_RULE = {
    "invalid-utf8": INVALID_UTF8,
    "utf16": INVALID_UTF8,
    "binary": BINARY,
    "too-large": TOO_LARGE,
    "unreadable": UNREADABLE,
}
_ADVICE = {
    "invalid-utf8": "re-save the file as UTF-8",
    "utf16": "re-save the file as UTF-8",
    "binary": "this is not a text file",
    "too-large": "split it or exclude it",
    "unreadable": "check the file's permissions",
}

# Sequences ftfy does not repair because they decode to no known mojibake
# pattern (the ISO-8859-2 reading of UTF-8 "é"; research §5).
_EXTRA = {"ĂŠ": "é"}
_TOKEN = re.compile(r"\S+")


@FAMILY.check(INVALID_UTF8, BINARY, TOO_LARGE, UNREADABLE, on_problem=True)
def file_problem(doc: Document, ctx: DocContext) -> Iterator[Any]:
    p = doc.problem
    if p is None:
        return
    rule = _PROBLEM_RULE[p.kind]
    span = Span(p.line, p.column, p.line, p.column + 1)
    yield make_finding(rule, doc.path, span, f"{p.detail}; {_ADVICE[p.kind]}; the file was not checked further")


# Concentrations no body fluid reaches: grams per litre above 250 (blood is
# about 1,050 g/L in all), per decilitre above 25, per millilitre above 2, and
# any whole number of moles per litre. A lost µ (or m) is the likely cause.
_UNIT = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})*|\d+)(?:\.\d+)?\s?(g/L|g/l|g/dL|g/dl|g/mL|g/ml|mol/L|mol/l)(?![\w/])"
)
_UNIT_LIMIT = {"g/l": 250, "g/dl": 25, "g/ml": 2, "mol/l": 1}


@FAMILY.check(LOST_CHARACTER)
def lost_characters(doc: Document, ctx: DocContext) -> Iterator[Any]:
    text = doc.text
    skip = doc.code_lines
    lost = term_index(ctx.project).lost_letters
    if lost and _may_have_lost(text, lost):
        pattern = _lost_pattern(tuple(sorted(lost.values())))
        for m in pattern.finditer(text):
            if skip and doc.index.position(m.start())[0] in skip:
                continue
            good = sorted(lost.values())[int(m.lastgroup[1:])] if m.lastgroup else None
            if good is None:
                continue
            new = _restore(m.group(0), good)
            yield ctx.report(
                LOST_CHARACTER,
                m.start(),
                m.end(),
                f"'{m.group(0)}' has lost its accented letters in a bad conversion; the name is '{new}'",
                fix=ctx.fix(f"Write '{new}'", ctx.edit(m.start(), m.end(), new)),
            )
    for m in _UNIT.finditer(text) if ("g/" in text or "mol/" in text) else ():
        value = float(m.group(1).replace(",", ""))
        unit = m.group(2)
        if value < _UNIT_LIMIT[unit.lower()] or (skip and doc.index.position(m.start())[0] in skip):
            continue
        yield ctx.report(
            LOST_CHARACTER,
            m.start(2),
            m.end(2),
            f"'{m.group(0)}' is not a possible concentration in the body; a character was probably lost before "
            f"'{unit}' (µ{unit} or m{unit}): check the source",
        )


def _may_have_lost(text: str, lost: dict[str, str]) -> bool:
    """A cheap test before the pattern: a damaged form as it stands, or a '?'
    or U+FFFD inside a word."""
    low = text.lower()
    if any(form in low for form in lost):
        return True
    for mark in ("?", "\ufffd"):
        i = text.find(mark, 1)
        while i != -1:
            if text[i - 1].isalpha() and text[i + 1 : i + 2].isalpha():
                return True
            i = text.find(mark, i + 1)
    return False


@functools.lru_cache(maxsize=8)
def _lost_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """Each name with its non-ASCII letters dropped or replaced by '?' or
    U+FFFD (at least one of them damaged), as a whole word; group ``gN`` is
    ``names[N]``."""
    alts = []
    for k, name in enumerate(names):
        body = "".join(re.escape(ch) if ch.isascii() else "[?\ufffd]?" for ch in name)
        alts.append(f"(?P<g{k}>{body})")
    return re.compile(r"(?<![\w?\ufffd-])(?:" + "|".join(alts) + r")(?![\w?\ufffd])", re.I)


def _restore(surface: str, good: str) -> str:
    """``good`` with the capitals of ``surface`` where the letters line up."""
    ascii_positions = [i for i, ch in enumerate(good) if ch.isascii()]
    out = list(good)
    letters = [ch for ch in surface if ch not in "?\ufffd"]
    for i, ch in zip(ascii_positions, letters, strict=False):
        out[i] = ch.upper() if ch.isupper() else ch.lower() if out[i].isalpha() else out[i]
    word = "".join(out)
    cased = [ch for ch in letters if ch.isalpha()]
    return word.upper() if len(cased) > 1 and all(ch.isupper() for ch in cased) else word


@FAMILY.check(MOJIBAKE, REPLACEMENT_CHAR)
def mojibake(doc: Document, ctx: DocContext) -> Iterator[Any]:
    text = doc.text
    if text.isascii():
        return
    if ctx.enabled(REPLACEMENT_CHAR.code):
        for m in re.finditer("\ufffd+", text):
            yield ctx.report(
                REPLACEMENT_CHAR,
                m.start(),
                m.end(),
                "replacement character: text was lost in an earlier conversion; restore it from the source",
            )
    if not ctx.enabled(MOJIBAKE.code):
        return
    for start, end, bad, good in find_mojibake(text, doc.code_lines, doc):
        yield ctx.report(
            MOJIBAKE,
            start,
            end,
            f"mojibake '{bad}' should be '{good}' (UTF-8 text decoded with the wrong encoding)",
            fix=ctx.fix(f"Replace '{bad}' with '{good}'", ctx.edit(start, end, good)),
        )


# The single-byte encodings ftfy reads UTF-8 mojibake in (its "sloppy"
# variants add only C1 controls, covered below).
_MOJIBAKE_CODECS = (
    "latin-1",
    "cp1252",
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
    "cp1257",
    "iso-8859-2",
    "mac_roman",
    "cp437",
)


@functools.lru_cache(maxsize=1)
def _misread_utf8() -> re.Pattern[str]:
    """What UTF-8 read in one of those encodings looks like: the image of a
    lead byte (0xC0–0xF4) followed by the image of a continuation byte
    (0x80–0xBF) in the same encoding, or a two-byte lead followed by a space
    where a no-break space was lost (ftfy repairs "Ã " too); C1 controls on
    their own."""
    parts = ["[\x80-\x9f]"]
    for codec in _MOJIBAKE_CODECS:
        lead = bytes(range(0xC0, 0xF5)).decode(codec, errors="ignore")
        cont = bytes(range(0x80, 0xC0)).decode(codec, errors="ignore")
        parts.append(f"[{re.escape(lead)}][{re.escape(cont)}]")
        if codec in ("latin-1", "cp1252"):
            # a two-byte sequence whose second byte (0xA0) became a space
            parts.append(f"[{re.escape(bytes(range(0xC2, 0xE0)).decode(codec))}] ")
    return re.compile("|".join(parts))


def may_be_mojibake(text: str) -> bool:
    """False when ``text`` cannot hold mojibake ftfy would repair. Checked
    before importing ftfy (a twentieth of a second) for the many pages whose
    only non-ASCII characters are dashes, quotes and correctly encoded letters."""
    return _misread_utf8().search(text) is not None


def find_mojibake(
    text: str, skip_lines: frozenset[int] = frozenset(), doc: Document | None = None
) -> list[tuple[int, int, str, str]]:
    """(start, end, bad, good) for each damaged span, found word by word.

    ftfy on a whole line that also holds a correctly encoded non-ASCII
    character (the seed's bullet "•") changes nothing, because the line as a
    whole cannot be re-encoded; per word it can.
    """
    if not may_be_mojibake(text):
        return []
    import ftfy
    from ftfy.badness import is_bad

    has_extra = any(k in text for k in _EXTRA)
    if not is_bad(text) and not has_extra:
        return []
    out: list[tuple[int, int, str, str]] = []
    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        if tok.isascii():
            continue
        if skip_lines and doc is not None and doc.index.position(m.start())[0] in skip_lines:
            continue
        fixed = ftfy.fix_encoding(tok)
        for bad, good in _EXTRA.items():
            fixed = fixed.replace(bad, good)
        if fixed == tok:
            continue
        # narrow to the changed characters so the finding points at the damage
        i = 0
        while i < min(len(tok), len(fixed)) and tok[i] == fixed[i]:
            i += 1
        j = 0
        while j < min(len(tok), len(fixed)) - i and tok[-1 - j] == fixed[-1 - j]:
            j += 1
        bad = tok[i : len(tok) - j]
        good = fixed[i : len(fixed) - j]
        out.append((m.start() + i, m.start() + len(tok) - j, bad, good))
    return out
