"""Property tests: hostile Markdown, random bytes and random rule packs go
through the whole pipeline; no exception escapes and every finding, related
location and fix edit points inside the file.

``LINTKIT_PROPERTY_EXAMPLES=5000 pytest tests/test_properties.py`` runs a
longer search than the default CI budget.
"""

from __future__ import annotations

import copy
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml
from datasets import REAL_CORPUS, real_pages
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lintkit.config import LintkitError, Project, Settings, load_project
from lintkit.document import BOM, LineIndex, parse
from lintkit.engine import lint_text, run
from lintkit.findings import Edit, Finding, Fix, Related, Severity
from lintkit.fix import apply_edits, fix_text

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = int(os.environ.get("LINTKIT_PROPERTY_EXAMPLES", "150"))
PROPS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
SAMPLES = sorted((REPO / "content").glob("*.md"))

# --- strategies ---------------------------------------------------------------

# words that make rules fire: terms, red-flag wording, mojibake, contradictions
VOCAB = [
    "PVD",
    "PAD",
    "peripheral vascular disease",
    "peripheral artery disease",
    "claudication",
    "MS",
    "(MS)",
    "Guillain-BarrĂ©",
    "Guillain-Barré",
    "donâ€™t",
    "Ã©",
    "\ufffd",
    "call 911",
    "Call 999",
    "112",
    "chest pain",
    "numbness",
    "sciatica",
    "stroke",
    "seek emergency care",
    "When to see a doctor",
    "benign",
    "malignant",
    "common",
    "rare",
    "temporary",
    "permanent",
    "usually",
    "never",
    "always",
    "5 mg",
    "10 mg/dL",
    "3 to 5 days",
    "e.g.",
    "Dr.",
    "vs.",
    "i.e.",
    "3.5",
    "U.S.",
    "vitamin D.",
    "neuropathy",
    "paresthesia",
    "idiopathic",
    "utilize",
    "physician",
    "sudden weakness",
    "loss of bladder control",
]
INLINE = [
    "*",
    "**",
    "_",
    "__",
    "`",
    "``",
    "[",
    "](http://x)",
    "]",
    "![",
    "<",
    ">",
    "&amp;",
    "&#x1F600;",
    "\\",
    "|",
    "~~",
    "<b>",
    "</b>",
    "<!--",
    "-->",
    "<https://a.b>",
    "[^1]",
    "$",
    "{",
    "}",
]
WEIRD = [
    "é",
    "e\u0301",
    "😀",
    "👩‍⚕️",
    "\u200b",
    "\u200f",
    "\u202e",
    "\u2028",
    "\u00a0",
    "\t",
    "ß",
    "İ",
    "ﬁ",
    "\ufeff",
    "\x0b",
    "\x0c",
    "\x1b[31m",
    "\U0010ffff",
    "ǅ",
    "ΣΑΣ",
]
EOLS = ["\n", "\r\n", "\r"]


def _inline() -> st.SearchStrategy[str]:
    piece = st.one_of(
        st.sampled_from(VOCAB),
        st.sampled_from(INLINE),
        st.sampled_from(WEIRD),
        st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12),
        st.sampled_from([" ", " ", ". ", ", ", "; ", "? ", "! "]),
    )
    return st.lists(piece, max_size=25).map("".join)


SPECIAL_BLOCKS = [
    "<!-- lintkit-disable TRM001 -->",
    "<!-- lintkit-enable -->",
    "<!-- lintkit-disable-next-line RF001,ENC002 -->",
    "<!-- lintkit-disable -->",
    "<div>\n",
    "</div>",
    "---",
    "***",
    "    indented code",
    "",
    "\\",
    "[ref]: http://x",
    "Setext\n===",
    "Setext\n---",
]


def _table(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |\n|" + "---|" * len(cells)


def _block() -> st.SearchStrategy[str]:
    line = _inline().map(lambda s: s.replace("\n", " ").replace("\r", " "))
    return st.one_of(
        line,
        st.tuples(st.integers(1, 7), line).map(lambda t: "#" * t[0] + " " + t[1]),
        st.tuples(st.integers(0, 12), st.sampled_from(["- ", "* ", "1. ", "2) ", "+ "]), line).map(
            lambda t: "  " * t[0] + t[1] + t[2]
        ),
        st.tuples(st.integers(1, 30), line).map(lambda t: "> " * t[0] + t[1]),
        st.tuples(st.sampled_from(["```", "~~~", "````"]), line).map(lambda t: f"{t[0]}\n{t[1]}\n{t[0]}"),
        st.lists(line, min_size=1, max_size=4).map(_table),
        st.sampled_from(SPECIAL_BLOCKS),
    )


def _front_matter() -> st.SearchStrategy[str]:
    scalar = st.one_of(
        st.none(), st.booleans(), st.integers(), st.text(max_size=20), st.dates().map(str), st.sampled_from(VOCAB)
    )
    value = st.recursive(
        scalar,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
        max_leaves=8,
    )
    types = ["condition", "symptom", "treatment", "wellness", "bogus"]
    topics = ["chest pain", "leg numbness", "sciatica", "stroke symptoms", "headache", "fever", "frostbite"]
    source = st.fixed_dictionaries(
        {"title": st.text(max_size=10), "url": st.sampled_from(["https://a.org", "ftp://x", "nope"])}
    )
    fields = st.fixed_dictionaries(
        {},
        optional={
            "title": st.one_of(st.sampled_from(VOCAB), value),
            "content_type": st.one_of(st.sampled_from(types), value),
            "audience": st.one_of(st.sampled_from(["patient", "professional"]), value),
            "topics": st.one_of(st.lists(st.sampled_from(topics), max_size=3), value),
            "locale": st.one_of(st.sampled_from(["en-US", "en-GB", "en-AU", "fr", "xx-!!"]), value),
            "last_reviewed": st.one_of(st.dates().map(str), st.sampled_from(["2020-13-45", "yesterday"]), value),
            "reviewed_by": value,
            "sources": st.one_of(st.lists(source, max_size=2), value),
            "lintkit": st.one_of(st.just({"ignore": ["TRM001"]}), value),
            "extra_field": value,
        },
    )
    dumped = fields.map(lambda d: yaml.safe_dump(d, allow_unicode=True, sort_keys=False) if d else "")
    raw = st.text(max_size=60)  # whatever comes between the fences
    return st.one_of(dumped, dumped, raw)


@st.composite
def markdown_documents(draw: st.DrawFn) -> str:
    parts: list[str] = []
    if draw(st.booleans()):
        fm = draw(_front_matter())
        closed = draw(st.integers(0, 9)) > 0
        parts.append("---\n" + fm + ("---\n" if closed else ""))
    parts.extend(b + "\n" for b in draw(st.lists(_block(), max_size=15)))
    text = "\n".join(parts) if draw(st.booleans()) else "".join(parts)
    eol = draw(st.sampled_from([*EOLS, "mixed"]))
    if eol == "mixed":
        lines = text.split("\n")
        ends = draw(st.lists(st.sampled_from(EOLS), min_size=len(lines), max_size=len(lines)))
        text = "".join(line + e for line, e in zip(lines[:-1], ends, strict=False)) + lines[-1]
    elif eol != "\n":
        text = text.replace("\n", eol)
    return text


def _raw_bytes() -> st.SearchStrategy[bytes]:
    enc = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "latin-1", "cp1252"])
    encoded = st.tuples(markdown_documents(), enc).map(lambda t: t[0].encode(t[1], errors="replace"))
    spliced = st.tuples(markdown_documents(), st.binary(max_size=8), st.integers(0, 10_000)).map(
        lambda t: t[0].encode()[: t[2]] + t[1] + t[0].encode()[t[2] :]
    )
    return st.one_of(st.binary(max_size=300), encoded, spliced)


# --- invariants ---------------------------------------------------------------


def _lines_of(raw_or_text: bytes | str) -> LineIndex:
    text = raw_or_text if isinstance(raw_or_text, str) else raw_or_text.decode("utf-8", errors="replace")
    return LineIndex(text[1:] if text.startswith(BOM) else text)


def _position_ok(index: LineIndex, text: str, line: int, column: int) -> bool:
    if not 1 <= line <= index.line_count or column < 1:
        return False
    return index.line_start(line) + column - 1 <= index.line_end(line, text)


def assert_spans_inside(text: str, findings: Iterable[Finding], path: str | None = None) -> None:
    index = LineIndex(text)
    for f in findings:
        if path is not None and f.path != path:
            continue
        where = f"{f.code} {f.path}:{f.line}:{f.column}-{f.end_line}:{f.end_column} ({index.line_count} lines)"
        assert _position_ok(index, text, f.line, f.column), where
        assert _position_ok(index, text, f.end_line, f.end_column), where
        assert (f.end_line, f.end_column) >= (f.line, f.column), where
        assert f.message.strip(), where
        for r in f.related:
            if r.path == f.path:
                assert _position_ok(index, text, r.line, r.column), f"related of {where}"
        if f.fix is not None:
            for e in f.fix.edits:
                assert _position_ok(index, text, e.line, e.column), f"fix of {where}"
                assert _position_ok(index, text, e.end_line, e.end_column), f"fix of {where}"


def _decoded(raw: bytes) -> str:
    text = raw.decode("utf-8", errors="replace")
    return text[1:] if text.startswith(BOM) else text


# --- properties: documents ------------------------------------------------------


@PROPS
@given(markdown_documents())
@example("---\ntitle: x\n")  # unterminated front matter
@example("---\r" + "title: x\ncontent_type: symptom\r\n---\n# H\n")  # mixed endings in front matter
@example("> " * 2000 + "deep")
@example("- " * 2000 + "deep")
@example("")
def test_any_markdown_lints_without_exceptions_and_spans_are_inside(text: str) -> None:
    findings = lint_text(text, "doc.md")
    assert_spans_inside(text, findings)


@PROPS
@given(markdown_documents())
def test_document_model_offsets_are_inside_the_text(text: str) -> None:
    doc = parse("doc.md", text.encode("utf-8"))
    n = len(doc.text)
    for b in doc.blocks:
        assert len(b.offs) == len(b.text)
        assert all(0 <= o < max(n, 1) for o in b.offs), b
        assert 1 <= b.line <= b.end_line <= doc.index.line_count
    for s in doc.sentences:
        start, end = doc.sentence_range(s)
        assert 0 <= start <= end <= n
    fm = doc.front_matter
    if fm is not None:
        assert 0 <= fm.start <= fm.end <= fm.block_end <= n
        for p in fm.positions.values():
            assert 0 <= p.key_start <= n and 0 <= p.value_start <= p.value_end <= n


@PROPS
@given(markdown_documents())
def test_fixing_converges_and_a_second_fix_changes_nothing(text: str) -> None:
    current = text
    for _ in range(5):
        new, n = fix_text(current, lint_text(current, "doc.md"))
        if n == 0 or new == current:
            break
        current = new
    else:
        raise AssertionError("fixes did not converge in 5 rounds")
    assert fix_text(current, lint_text(current, "doc.md")) == (current, 0)


@PROPS
@given(_raw_bytes())
@example(b"\xff\xfe-\x00-\x00-\x00")
@example(b"\x00")
@example(b"---\n\xff\n---\n")
@example(BOM.encode() + b"---\ntitle: x\n---\n")
# NEL ends a line for YAML, not for lintkit: keys after it were placed a line late
@example(b"---\r(: '\xc2\x85'\r(:\r(\t         !:\r           \r\n(:\n---")
def test_any_bytes_go_through_the_engine(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        (root / "lintkit.yaml").write_text("content: ['.']\n", encoding="utf-8")
        (root / "x.md").write_bytes(raw)
        (root / "ok.md").write_text("# Fine\n\nRest.\n", encoding="utf-8")
        result = run(load_project(cwd=root), [root], cwd=root, use_cache=False, jobs=1)
    assert not result.errors, result.errors
    assert "x.md" in result.results and "ok.md" in result.results
    assert_spans_inside(_decoded(raw), result.report.findings, "x.md")


# --- properties: fixes ------------------------------------------------------------


@st.composite
def text_and_edits(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    text = draw(markdown_documents())
    index = LineIndex(text)
    edits = []
    for _ in range(draw(st.integers(0, 6))):
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, min(len(text), a + 30)))
        (l1, c1), (l2, c2) = index.position(a), index.position(b)
        edits.append(Edit(l1, c1, l2, c2, draw(st.sampled_from(["", "x", "PAD", "é😀", "a\nb", "\r\n"]))))
    if draw(st.booleans()):  # stale positions too
        edits.append(
            Edit(
                draw(st.integers(-2, 500)),
                draw(st.integers(-2, 500)),
                draw(st.integers(-2, 500)),
                draw(st.integers(-2, 500)),
                "stale",
            )
        )
    return text, edits


@PROPS
@given(text_and_edits())
def test_edits_never_change_text_outside_their_spans(case: tuple[str, list[Edit]]) -> None:
    text, edits = case
    out, applied = apply_edits(text, edits)
    index = LineIndex(text)
    spans = sorted(
        (index.offset(e.line, e.column), index.offset(e.end_line, e.end_column))
        for e in edits
        if _position_ok(index, text, e.line, e.column) and _position_ok(index, text, e.end_line, e.end_column)
    )
    if not spans:
        assert (out, applied) == (text, 0)
        return
    # text before the first edited span and after the last one is untouched
    first, last = spans[0][0], max(t for _, t in spans)
    assert out.startswith(text[:first])
    assert out.endswith(text[last:])
    # and applying the same edits again to the original is deterministic
    assert apply_edits(text, edits) == (out, applied)


# --- properties: rule packs ---------------------------------------------------------

PACK_FILES = sorted(p for p in (REPO / "rules").rglob("*.yaml"))


def _leaf_paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(data, dict):
        return [path] + [p for k, v in data.items() for p in _leaf_paths(v, (*path, k))]
    if isinstance(data, list):
        return [path] + [p for i, v in enumerate(data) for p in _leaf_paths(v, (*path, i))]
    return [path]


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = data
    for k in path[:-1]:
        parent = parent[k]
    if value is _DELETE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return data


_DELETE = object()
MUTANTS = st.one_of(
    st.just(_DELETE),
    st.none(),
    st.integers(-5, 10**6),
    st.booleans(),
    st.text(max_size=30),
    st.sampled_from(
        [
            "(",
            "[a-",
            "(a|aa)+$",
            "(?:a{1000}){1000}",
            "\\",
            "*",
            "",
            "   ",
            "\\bPAD\\b",
            "émergency",
            "(?i)call 911",
            "(a+)+$",
            "x" * 3000,
            "{",
            "!!python/name:os.system",
        ]
    ),
    st.lists(st.text(max_size=10), max_size=3),
    st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=2),
)


@st.composite
def mutated_pack(draw: st.DrawFn) -> tuple[str, str]:
    """One default pack file with a few random changes: (path under rules/, YAML text)."""
    src = draw(st.sampled_from(PACK_FILES))
    data = yaml.safe_load(src.read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 4))):
        paths = _leaf_paths(data)
        path = draw(st.sampled_from(paths))
        value = draw(MUTANTS)
        if value is _DELETE and not path:
            continue
        data = _set(data, path, value)
    rel = src.relative_to(REPO / "rules").as_posix()
    return rel, yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@settings(max_examples=max(20, EXAMPLES // 5), deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated_pack())
def test_random_rule_packs_give_a_clear_error_or_a_clean_run(pack: tuple[str, str]) -> None:
    rel, text = pack
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        target = root / "packs" / rel
        target.parent.mkdir(parents=True)
        target.write_text(text, encoding="utf-8")
        (root / "content").mkdir()
        for s in SAMPLES:
            (root / "content" / s.name).write_bytes(s.read_bytes())
        project = Project(Settings(content=["content"], rule_packs=["packs"]), root.resolve(), root / "lintkit.yaml")
        try:
            result = run(project, [root / "content"], cwd=root, use_cache=False, jobs=1)
        except LintkitError as e:
            # a clear error that names the pack file
            assert str(target.resolve()) in str(e) or str(target) in str(e), str(e)
            return
        assert not result.errors, result.errors
        for s in SAMPLES:
            assert_spans_inside(s.read_text(encoding="utf-8"), result.report.findings, f"content/{s.name}")


# --- the mojibake pre-check ----------------------------------------------------

_WORDS = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x2FFF, blacklist_categories=("Cs",)), max_size=8)


@st.composite
def _misread(draw: Any) -> str:
    """A word as it looks after UTF-8 was read in one of ftfy's encodings."""
    from lintkit.checks.encoding import _MOJIBAKE_CODECS

    word = draw(_WORDS)
    codec = draw(st.sampled_from(_MOJIBAKE_CODECS))
    return word.encode("utf-8").decode(codec, errors="ignore")


@PROPS
@given(st.lists(st.one_of(_WORDS, _misread(), st.sampled_from(["—", "“", "”", "•", "café", "Ã ", "â€™"])), max_size=12))
def test_mojibake_precheck_never_hides_a_repair(words: list[str]) -> None:
    """Skipping ftfy when ``may_be_mojibake`` says no finds exactly what
    running ftfy on every text finds."""
    from unittest import mock

    from lintkit.checks import encoding

    text = " ".join(words)
    fast = encoding.find_mojibake(text)
    with mock.patch.object(encoding, "may_be_mojibake", return_value=True):
        assert fast == encoding.find_mojibake(text)


# --- the JSON formatter --------------------------------------------------------

_TEXT = st.text(max_size=20)
_POS = st.integers(min_value=1, max_value=10**6)
_EDITS = st.builds(Edit, _POS, _POS, _POS, _POS, _TEXT)
_FINDINGS = st.builds(
    Finding,
    code=st.sampled_from(["ENC002", "TRM001", "CON001"]),
    name=_TEXT,
    family=_TEXT,
    severity=st.sampled_from(list(Severity)),
    path=_TEXT,
    line=_POS,
    column=_POS,
    end_line=_POS,
    end_column=_POS,
    message=_TEXT,
    related=st.lists(st.builds(Related, _TEXT, _POS, _POS, _POS, _POS, _TEXT), max_size=2).map(tuple),
    fix=st.none() | st.builds(Fix, _TEXT, st.lists(_EDITS, max_size=2).map(tuple)),
)


@PROPS
@given(st.lists(_FINDINGS, max_size=5), _TEXT, st.integers(min_value=0, max_value=10**5))
def test_json_rendered_per_finding_is_the_documented_dump(findings: list[Finding], version: str, files: int) -> None:
    """The streaming-friendly JSON writer produces byte for byte what
    ``json.dumps(report.to_dict(), indent=2)`` does."""
    import json

    from lintkit.findings import FileReport, Report
    from lintkit.formatters import RenderOptions, json_

    report = Report(tuple(findings), tuple(FileReport(f"f{i}") for i in range(files % 7)), version)
    expected = json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
    assert json_.render(report, RenderOptions()) == expected


# --- URL masking pre-check -----------------------------------------------------


@PROPS
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["see", "www.nhs.uk", "NHS.UK", "a@b.org", "https://x.gov/a", "ftp://h", "x.COM", "e.g."]),
            st.text(st.characters(min_codepoint=0x20, max_codepoint=0x17F), max_size=10),
        ),
        max_size=10,
    )
)
def test_url_masking_hints_never_skip_a_url(words: list[str]) -> None:
    """The cheap test before the URL regex only skips texts the regex would
    leave unchanged."""
    from lintkit import terms

    text = " ".join(words)
    slow = terms._URLISH.sub(lambda m: " " * len(m.group(0)), text) if "." in text else text
    assert terms.mask_urls(text) == slow


# --- red-flag pattern hints ------------------------------------------------------


def _red_flag_patterns() -> list[str]:
    from lintkit.checks import redflags

    c = redflags.load_packs(None)
    matchers = [m for loc in c.locales.values() for m, *_ in (*loc.headings, *loc.actions)]
    matchers += [loc.vague for loc in c.locales.values()]
    for t in c.topics.values():
        matchers += [t.names, t.not_names, *(s.rx for s in t.signs)]
    matchers += [cc.rx for cc in c.conditions]
    return sorted({src for m in matchers if m is not None for src in m._sources})


def _blocks(pages: list[Path]) -> list[str]:
    return [b for p in pages for b in p.read_text(encoding="utf-8").split("\n\n") if b.strip()]


def _first_matches(blocks: list[str]) -> list[tuple[str, str]]:
    """(pattern, text around its first match in ``blocks``) for every shipped
    red-flag pattern that matches; its hint must hold on that text."""
    from lintkit.checks import redflags

    out = []
    for src in _red_flag_patterns():
        rx = redflags._compile(src)
        hint = redflags.required_text(src)
        for b in blocks:
            m = rx.search(b)
            if m is not None:
                # the hint must hold on real text before any mutation
                assert hint is None or hint in redflags.folded(b), (src, b)
                out.append((src, b[max(0, m.start() - 20) : m.end() + 20]))
                break
    return out


_MATCHED: list[tuple[str, str]] = []


def _matched_snippets() -> list[tuple[str, str]]:
    """First matches in the sample content and the repository's real articles."""
    if not _MATCHED:
        _MATCHED.extend(_first_matches(_blocks(SAMPLES + real_pages())))
    return _MATCHED


@pytest.mark.parametrize(
    "matched",
    [
        pytest.param(_matched_snippets, id="sample"),
        pytest.param(
            lambda: _first_matches(_blocks(SAMPLES + real_pages(REAL_CORPUS)[::6])),
            id="corpus",
            marks=pytest.mark.shared,
        ),
    ],
)
def test_red_flag_hints_hold_on_real_text(matched: Any) -> None:
    from lintkit.checks import redflags

    matched = matched()
    hinted = [src for src, _ in matched if redflags.required_text(src) is not None]
    # the check above ran on many patterns
    assert len(matched) > 100 and len(hinted) > 90, (
        f"only {len(matched)} red-flag patterns matched the pages ({len(hinted)} with a hint); want > 100 (> 90)"
    )


# characters the regex module matches without regard to case against an ASCII
# letter (K: Kelvin sign, ſ: long s), and look-alikes it must not
LOOKALIKES = {
    "k": ["K", "\u212a"],
    "s": ["S", "\u017f"],
    "i": ["I", "\u0130", "\u0131"],
    "f": ["\ufb01"],
    "e": ["E", "\u00e9"],
    " ": ["  ", "\n", "-"],
}


@PROPS
@given(data=st.data())
def test_red_flag_hints_never_skip_a_match(data: st.DataObject) -> None:
    """Changing the case of a matching text, or a letter to a look-alike,
    never leaves a match whose hint is not in the casefolded text: the
    matcher skips a pattern only where it cannot match."""
    from lintkit.checks import redflags

    src, snippet = data.draw(st.sampled_from(_matched_snippets()))
    hint = redflags.required_text(src)
    chars = []
    for ch in snippet:
        choice = data.draw(st.integers(0, 3))
        alts = LOOKALIKES.get(ch.lower(), [])
        if choice == 1:
            ch = ch.swapcase()
        elif choice == 2 and alts:
            ch = data.draw(st.sampled_from(alts))
        chars.append(ch)
    text = "".join(chars)
    if hint is not None and redflags._compile(src).search(text) is not None:
        assert hint in redflags.folded(text)


def test_red_flag_hints() -> None:
    from lintkit.checks.redflags import required_text

    assert required_text(r"\b(?:cauda[\s\-]+equina)(?:s|es)?\b") == "equina"
    assert required_text(r"\bimmediate(ly)?\b") == "immediate"
    assert required_text(r"\bget (medical )?help right away\b") == "help right away"
    assert required_text(r"\bKELVIN\b") == "kelvin"
    # alternatives, optional parts and lookarounds require nothing
    assert required_text(r"\b(numb|weak)\w*") is None
    assert required_text(r"(?:abc)?x") is None
    assert required_text(r"(?<!not )\bab\b") is None
    # regex-module syntax that Python's parser would misread: no hint
    assert required_text(r"(?:numbness){e<=1}") is None
    assert required_text(r"[[a-z]--[aeiou]]xyz") is None
    assert required_text(r"\p{L}+ numbness") is None
    assert required_text(r"\L<words> numbness") is None
    # a non-ASCII character ends a piece ("\ufb01" matches only itself, yet casefolds to "fi")
    assert required_text("\ufb01nger numbness") == "nger numbness"


def test_fold_table_is_every_character_matched_to_ascii() -> None:
    import regex

    from lintkit.checks import redflags

    ascii_alnum = regex.compile("[a-z0-9 ]", regex.IGNORECASE)
    found = {
        chr(cp): next(a for a in "abcdefghijklmnopqrstuvwxyz0123456789 " if regex.fullmatch(a, chr(cp), regex.I))
        for cp in range(0x80, 0x110000)
        if not 0xD800 <= cp <= 0xDFFF and ascii_alnum.fullmatch(chr(cp))
    }
    assert found == redflags.FOLD_TO_ASCII
    assert redflags.folded("Urinat\u0130ng \u212aNEE \u017fore") == "urinating knee sore"
