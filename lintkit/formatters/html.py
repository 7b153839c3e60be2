"""A self-contained HTML report for editors.

One file, no network resources: inline CSS, SVG and one inline script of
lintkit's own, pinned by its SHA-256 in a Content-Security-Policy that
forbids every other script and every remote load, so even a rendering bug
cannot make article text executable. Every piece of content (file text,
front matter, paths, messages, rule docs) goes through :func:`esc`.

Layout: a filter bar (severity, family, rule, search; the script shows it and
reads and writes the filters in the URL's query, e.g.
``report.html?sev=error&rule=TRM002``), a corpus overview (counts, findings by
family and severity, reading grades, the rules that fired with their docs, a
table of files), then one section per file, the worst first (most errors,
then warnings, then info), each finding shown in its source context with
the span highlighted; contradictions show both sides next to each other;
fixes show the text before and after. Without the script the whole report
shows, in the same order.

Size: a finding costs well under 1 kB. Above ``COMPACT_FROM`` findings the
source context shrinks (no neighbouring lines, shorter cuts of long lines),
so 5,000 findings stay under 5 MB.
"""

from __future__ import annotations

import base64
import hashlib
import html
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..findings import FAMILIES, Finding, Related, Report, Severity
from ._source import span_text, split_lines

if TYPE_CHECKING:
    from ..registry import Rule
    from . import RenderOptions

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
# Lines longer than this are cut around the flagged span (Markdown paragraphs
# are often one long line).
MAX_LINE = 360
CONTEXT_LINES = 1
MAX_SPAN_LINES = 12


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


# ---------------------------------------------------------------------------
# Metrics (written by the readability family; anything may be missing)


@dataclass(frozen=True)
class Grades:
    label: str
    fkgl: float | None
    smog: float | None
    words: int | None = None
    line: int | None = None


def _num(v: Any) -> float | None:
    if isinstance(v, bool) or not isinstance(v, int | float):
        return None
    return float(v) if math.isfinite(v) else None


def _int(v: Any) -> int | None:
    n = _num(v)
    return int(n) if n is not None else None


def readability(metrics: Mapping[str, Any]) -> dict[str, Any]:
    r = metrics.get("readability") if isinstance(metrics, Mapping) else None
    return r if isinstance(r, dict) else {}


def section_grades(r: Mapping[str, Any]) -> list[Grades]:
    out = []
    sections = r.get("sections")
    if isinstance(sections, list):
        for s in sections:
            if isinstance(s, dict):
                title = s.get("title")
                out.append(
                    Grades(
                        str(title) if title else "(before the first heading)",
                        _num(s.get("fkgl")),
                        _num(s.get("smog")),
                        _int(s.get("words")),
                        _int(s.get("line")),
                    )
                )
    return out


def _fmt(v: float | None, digits: int = 1) -> str:
    return "—" if v is None else f"{v:.{digits}f}"


# ---------------------------------------------------------------------------
# Source context


@dataclass(frozen=True)
class Layout:
    """How much source each finding shows."""

    max_line: int = MAX_LINE
    context: int = CONTEXT_LINES
    span_lines: int = MAX_SPAN_LINES
    # a highlighted span longer than this shows its start and end only
    max_mark: int = 100_000


FULL = Layout()
# for large reports: the flagged lines only, cut shorter
COMPACT = Layout(max_line=160, context=0, span_lines=3, max_mark=120)
COMPACT_FROM = 1500


def _cut(line: str, start: int, end: int, max_line: int = MAX_LINE) -> tuple[int, int]:
    """The slice of a long ``line`` to show around [start, end)."""
    if len(line) <= max_line:
        return 0, len(line)
    room = max(40, (max_line - (end - start)) // 2)
    lo = max(0, start - room)
    hi = min(len(line), max(end, start) + room)
    return lo, hi


def _mark(text: str, max_mark: int) -> str:
    if len(text) <= max_mark:
        return esc(text)
    half = max_mark // 2
    return f'{esc(text[:half])}<span class="more">…</span>{esc(text[-half:])}'


def _line_html(n: int, line: str, hl: tuple[int, int] | None, cls: str = "", layout: Layout = FULL) -> str:
    """One numbered source line; ``hl`` is the highlighted [start, end) in code points."""
    max_line = layout.max_line
    if hl is None:
        # context lines only orient the reader: the start of a long line is enough
        hi = len(line) if len(line) <= max_line else max_line // 2
        body = esc(line[:hi]) + ('<span class="more">…</span>' if hi < len(line) else "")
    else:
        s, e = max(0, min(hl[0], len(line))), max(0, min(hl[1], len(line)))
        e = max(s, e)
        lo, hi = _cut(line, s, e, max_line)
        if e - s > layout.max_mark:
            lo, hi = s, e
        before = ('<span class="more">…</span>' if lo > 0 else "") + esc(line[lo:s])
        if e > s:
            mark = f"<mark>{_mark(line[s:e], layout.max_mark)}</mark>"
        else:
            mark = '<mark class="point" title="here"></mark>'
        after = esc(line[e:hi]) + ('<span class="more">…</span>' if hi < len(line) else "")
        body = before + mark + after
    c = f' class="{cls}"' if cls else ""
    return f'<div{c}><span class="ln">{n}</span><span class="tx">{body}</span></div>'


def context_html(
    lines: Sequence[str] | None, line: int, column: int, end_line: int, end_column: int, layout: Layout = FULL
) -> str:
    """The flagged lines with one line of context, span highlighted."""
    if not lines or not 1 <= line <= len(lines):
        return ""
    end_line = max(line, min(end_line, len(lines)))
    if end_line == line and end_column < column:
        end_column = column
    out = []
    for n in range(max(1, line - layout.context), line):
        out.append(_line_html(n, lines[n - 1], None, "ctx", layout))
    shown = list(range(line, end_line + 1))
    if len(shown) > layout.span_lines:
        shown = [*shown[: layout.span_lines - 1], end_line]
    prev = None
    for n in shown:
        if prev is not None and n != prev + 1:
            out.append('<div class="gap"><span class="ln">⋮</span><span class="tx"></span></div>')
        text = lines[n - 1]
        s = column - 1 if n == line else 0
        e = end_column - 1 if n == end_line else len(text)
        out.append(_line_html(n, text, (s, e), "", layout))
        prev = n
    for n in range(end_line + 1, min(len(lines), end_line + layout.context) + 1):
        out.append(_line_html(n, lines[n - 1], None, "ctx", layout))
    return f'<div class="src">{"".join(out)}</div>'


# ---------------------------------------------------------------------------
# Pieces


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"


def _badge(sev: Severity) -> str:
    return f'<span class="badge {sev.value}">{sev.value}</span>'


_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def doc_html(text: str) -> str:
    """Rule documentation is Markdown-ish: escape it, then show `code` spans."""
    return _CODE_SPAN.sub(r"<code>\1</code>", esc(text))


def _rule_doc(rule: Rule | None) -> str:
    if rule is None:
        return ""
    parts = [f"<p>{doc_html(rule.summary)}</p>"]
    if rule.why.strip():
        parts.append(f"<p><b>Why it matters.</b> {doc_html(rule.why)}</p>")
    if rule.instead.strip():
        parts.append(f'<p><b>Use instead:</b></p><pre class="doc">{esc(rule.instead)}</pre>')
    return "".join(parts)


def _fix_html(f: Finding, lines: Sequence[str] | None) -> str:
    fix = f.fix
    if fix is None:
        return ""
    label = "Suggested fix" if fix.applicability == "safe" else "Possible fix (review before applying)"
    rows = []
    for e in fix.edits:
        old = span_text(lines, e.line, e.column, e.end_line, e.end_column)
        where = f"line {e.line}, col {e.column}"
        if old is None:
            change = f"<ins>{esc(e.content)}</ins>"
        elif not old:
            change = f"insert <ins>{esc(e.content)}</ins>"
        elif not e.content:
            change = f"delete <del>{esc(old)}</del>"
        else:
            change = f"<del>{esc(old)}</del> → <ins>{esc(e.content)}</ins>"
        rows.append(f'<li><span class="where">{esc(where)}</span> {change}</li>')
    stop = "" if fix.message.rstrip().endswith((".", "!", "?")) else "."
    auto = " Applied by <code>lintkit check --fix</code>." if fix.applicability == "safe" else ""
    return (
        f'<div class="fix"><p><b>{label}:</b> {esc(fix.message)}{stop}{auto}</p>'
        f'<ul class="edits">{"".join(rows)}</ul></div>'
    )


def _related_html(r: Related, sources: Mapping[str, list[str]], layout: Layout = FULL) -> str:
    ctx = context_html(sources.get(r.path), r.line, r.column, r.end_line, r.end_column, layout)
    if not ctx:
        ctx = '<p class="none">Source not included in this report.</p>'
    return (
        f'<figure class="side"><figcaption><b>{esc(r.path)}</b>:{r.line}:{r.column}'
        f"<br>{esc(r.message)}</figcaption>{ctx}</figure>"
    )


def finding_html(
    f: Finding,
    sources: Mapping[str, list[str]],
    rules: Mapping[str, Rule],
    layout: Layout = FULL,
) -> str:
    """One finding; its data attributes (severity, family, code) drive the filters."""
    lines = sources.get(f.path)
    ctx = context_html(lines, f.line, f.column, f.end_line, f.end_column, layout)
    code = esc(f.code)
    if f.code in rules:
        code_html = f'<a class="code" href="#rule-{code}" title="about this rule">{code}</a>'
    else:
        code_html = f'<code class="code">{code}</code>'
    head = (
        f"<header>{_badge(f.severity)} {code_html} "
        # a large report leaves the rule's name to the rule filter and the rules table
        + (f'<span class="name">{esc(f.name)}</span>' if layout is FULL else "")
        + f'<span class="loc">line {f.line}:{f.column}</span></header>'
        f'<p class="msg">{esc(f.message)}</p>'
    )
    if f.related:
        this = (
            f'<figure class="side"><figcaption><b>{esc(f.path)}</b>:{f.line}:{f.column}'
            f"<br>flagged here</figcaption>{ctx}</figure>"
        )
        body = f'<div class="pair">{this}{"".join(_related_html(r, sources, layout) for r in f.related)}</div>'
    else:
        body = ctx
    data = f'data-sev="{f.severity.value}" data-fam="{esc(f.family)}" data-code="{code}"'
    return f'<article class="finding {f.severity.value}" {data}>{head}{body}{_fix_html(f, lines)}</article>'


def grades_chart(rows: Sequence[Grades], target: float | None = None) -> str:
    """Horizontal bars (FKGL and SMOG per row) as inline SVG."""
    if not rows:
        return ""
    # labels are cut at 40 characters; about 7 px per character at 12 px
    label_width = max(120, min(300, 7 * max(len(g.label) for g in rows) + 12))
    values = [v for g in rows for v in (g.fkgl, g.smog) if v is not None]
    top = max([*values, target or 0.0, 12.0])
    top = float(math.ceil(top / 2) * 2)
    bar_w = 360
    row_h = 34
    pad_top = 24
    width = label_width + bar_w + 60
    height = pad_top + row_h * len(rows) + 24

    def x(v: float) -> float:
        return label_width + max(0.0, v) / top * bar_w

    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>Reading grade (US school grade) per item</title>'
    ]
    for t in range(0, int(top) + 1, 2):
        gx = x(t)
        parts.append(
            f'<line x1="{gx:.1f}" y1="{pad_top - 6}" x2="{gx:.1f}" y2="{height - 20}" class="grid"/>'
            f'<text x="{gx:.1f}" y="{height - 6}" class="axis">{t}</text>'
        )
    for i, g in enumerate(rows):
        y = pad_top + i * row_h
        label = g.label if len(g.label) <= 40 else g.label[:39] + "…"
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 18}" class="label"><title>{esc(g.label)}</title>{esc(label)}</text>'
        )
        if g.fkgl is None and g.smog is None:
            parts.append(f'<text x="{label_width + 4}" y="{y + 18}" class="na">too short to grade</text>')
            continue
        for j, (kind, v) in enumerate((("fkgl", g.fkgl), ("smog", g.smog))):
            if v is None:
                continue
            over = target is not None and v > target
            cls = f"bar {kind}{' over' if over else ''}"
            by = y + 4 + j * 13
            parts.append(
                f'<rect x="{label_width}" y="{by}" width="{max(1.0, x(v) - label_width):.1f}" height="11" '
                f'class="{cls}"><title>{kind.upper()} {v:.1f}</title></rect>'
                f'<text x="{x(v) + 4:.1f}" y="{by + 10}" class="val{" over" if over else ""}">{v:.1f}</text>'
            )
    if target is not None:
        tx = x(target)
        parts.append(
            f'<line x1="{tx:.1f}" y1="{pad_top - 10}" x2="{tx:.1f}" y2="{height - 20}" class="target"/>'
            f'<text x="{tx + 3:.1f}" y="{pad_top - 12}" class="target-label">target {target:g}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def grades_histogram(rows: Sequence[Grades], target: float | None = None) -> str:
    """Files per whole SMOG grade (FKGL when SMOG is missing), for corpora too
    large for one bar per file."""
    buckets: Counter[int] = Counter()
    ungraded = 0
    for g in rows:
        v = g.smog if g.smog is not None else g.fkgl
        if v is None:
            ungraded += 1
        else:
            buckets[max(0, min(int(v), 20))] += 1
    if not buckets:
        return '<p class="none">No file is long enough to grade.</p>'
    lo, hi = min(buckets), max(buckets)
    peak = max(buckets.values())
    col_w, chart_h, left, top_pad = 34, 160, 10, 16
    width = max(360, left + col_w * (hi - lo + 1) + 10)
    height = top_pad + chart_h + 24
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'xmlns="http://www.w3.org/2000/svg"><title>Files per reading grade</title>'
    ]
    for i, grade in enumerate(range(lo, hi + 1)):
        n = buckets[grade]
        h = n / peak * chart_h
        x = left + i * col_w
        y = top_pad + chart_h - h
        over = " over" if target is not None and grade >= target else ""
        if n:
            parts.append(
                f'<rect x="{x + 3}" y="{y:.1f}" width="{col_w - 6}" height="{h:.1f}" class="bar smog{over}">'
                f"<title>grade {grade}: {n} file(s)</title></rect>"
                f'<text x="{x + col_w / 2:.1f}" y="{y - 3:.1f}" class="axis">{n}</text>'
            )
        parts.append(f'<text x="{x + col_w / 2:.1f}" y="{top_pad + chart_h + 16}" class="axis">{grade}</text>')
    parts.append("</svg>")
    short = f" {ungraded} file(s) too short to grade." if ungraded else ""
    over = f" Orange: at or above the target grade {target:g}." if target is not None else ""
    parts.append(
        f'<p class="legend">Number of files per reading grade (SMOG, or Flesch–Kincaid when SMOG is '
        f"missing); lower is easier.{over}{short}</p>"
    )
    return "".join(parts)


# Above this many files one bar per file stops being readable.
MAX_BARS = 30


def _legend(target: float | None) -> str:
    over = f" Orange: above the target grade {target:g}." if target is not None else ""
    return (
        '<p class="legend"><span class="key fkgl"></span> Flesch–Kincaid grade '
        '<span class="key smog"></span> SMOG grade — the US school grade needed to read the text; '
        f"lower is easier.{over}</p>"
    )


def _counts_table(findings: Sequence[Finding]) -> str:
    fam_sev: Counter[tuple[str, Severity]] = Counter((f.family, f.severity) for f in findings)
    families = list(FAMILIES.values()) + sorted({f.family for f in findings} - set(FAMILIES.values()))
    head = "".join(f"<th>{_badge(s)}</th>" for s in SEVERITIES)
    rows = []
    for fam in families:
        cells = "".join(
            f'<td class="num{" zero" if not fam_sev[fam, s] else ""}">{fam_sev[fam, s]}</td>' for s in SEVERITIES
        )
        total = sum(fam_sev[fam, s] for s in SEVERITIES)
        rows.append(f'<tr><th scope="row">{esc(fam)}</th>{cells}<td class="num total">{total}</td></tr>')
    return (
        f'<table class="counts"><thead><tr><th>Family</th>{head}<th>Total</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_ABBREVIATION = re.compile(r"(?:\be\.g|\bi\.e|\betc|\bvs|\bcf|\bDr|\bSt)\.$", re.IGNORECASE)


def first_sentence(text: str) -> str:
    text = text.strip()
    for m in _SENTENCE_END.finditer(text):
        head = text[: m.end()]
        if not _ABBREVIATION.search(head):
            return head
    return text


def _rules_table(findings: Sequence[Finding], rules: Mapping[str, Rule]) -> str:
    """Each rule that fired, once, with its documentation (the findings link here)."""
    by_code = Counter(f.code for f in findings)
    if not by_code:
        return ""
    names = {f.code: f.name for f in findings}
    sev = {f.code: f.severity for f in findings}
    rows = []
    for code, n in sorted(by_code.items(), key=lambda kv: (-kv[1], kv[0])):
        rule = rules.get(code)
        summary = doc_html(first_sentence(rule.summary)) if rule else ""
        doc = f"<details><summary>{summary}</summary>{_rule_doc(rule)}</details>" if rule else ""
        rows.append(
            f'<tr id="rule-{esc(code)}"><td><code>{esc(code)}</code><br>{_badge(sev[code])}</td>'
            f'<td><span class="rname">{esc(names[code])}</span>{doc}</td>'
            f'<td class="num">{n}</td></tr>'
        )
    return (
        '<div class="tw"><table class="rules"><thead><tr><th>Code</th><th>Rule and what it checks</th>'
        f"<th>Findings</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


# ---------------------------------------------------------------------------
# The page


def _file_order(report: Report) -> list[str]:
    """Files worst first: most errors, then warnings, then info; ties and
    files without findings by path."""
    paths = [fr.path for fr in report.files]
    seen = set(paths)
    for f in report.findings:
        if f.path not in seen:
            seen.add(f.path)
            paths.append(f.path)
    count: Counter[tuple[str, Severity]] = Counter((f.path, f.severity) for f in report.findings)
    return sorted(paths, key=lambda p: (*(-count[p, s] for s in SEVERITIES), p))


def _target(metrics: Iterable[Mapping[str, Any]]) -> float | None:
    # the readability family may state the grade it checks against
    for m in metrics:
        t = _num(readability(m).get("target"))
        if t is not None:
            return t
    return None


def _options(label: str, counts: Counter[str], names: Mapping[str, str] | None = None) -> str:
    opts = [f'<option value="">{esc(label)}</option>']
    for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        name = f" {names[key]}" if names and key in names else ""
        opts.append(f'<option value="{esc(key)}">{esc(key)}{esc(name)} ({n})</option>')
    return "".join(opts)


def _filter_bar(findings: Sequence[Finding]) -> str:
    """Shown by the script (hidden without it: the controls would do nothing)."""
    sev = Counter(f.severity.value for f in findings)
    sev_opts = ['<option value="">All severities</option>'] + [
        f'<option value="{s.value}">{s.value} ({sev[s.value]})</option>' for s in SEVERITIES if sev[s.value]
    ]
    fam = Counter(f.family for f in findings)
    rule = Counter(f.code for f in findings)
    names = {f.code: f.name for f in findings}
    return (
        '<div class="filters" id="filters" hidden role="search">'
        '<input type="search" id="f-q" placeholder="Search messages, text and paths" aria-label="Search">'
        f'<select id="f-sev" aria-label="Severity">{"".join(sev_opts)}</select>'
        f'<select id="f-fam" aria-label="Family">{_options("All families", fam)}</select>'
        f'<select id="f-rule" aria-label="Rule">{_options("All rules", rule, names)}</select>'
        '<button type="button" id="f-reset">Reset</button>'
        f'<output id="f-shown" aria-live="polite">{len(findings)} findings</output></div>'
    )


def render(report: Report, options: RenderOptions) -> str:
    paths = _file_order(report)
    anchors = {p: f"file-{i + 1}" for i, p in enumerate(paths)}
    metrics = {fr.path: fr.metrics for fr in report.files}
    by_path: dict[str, list[Finding]] = {p: [] for p in paths}
    for f in report.findings:
        by_path[f.path].append(f)
    needed = {f.path for f in report.findings} | {r.path for f in report.findings for r in f.related}
    # look up only what is shown: the CLI's mapping reads files lazily
    sources = {}
    for p in sorted(needed):
        text = options.sources.get(p)
        if isinstance(text, str):
            sources[p] = split_lines(text)
    counts = report.counts()
    target = _target(metrics.values())
    layout = COMPACT if len(report.findings) >= COMPACT_FROM else FULL

    # overview ---------------------------------------------------------------
    cards = [
        ("files checked", report.files_checked, ""),
        ("files with findings", sum(1 for p in paths if by_path[p]), ""),
        ("errors", counts[Severity.ERROR], "error"),
        ("warnings", counts[Severity.WARNING], "warning"),
        ("info", counts[Severity.INFO], "info"),
    ]
    card_html = "".join(
        f'<div class="card {cls}"><span class="big">{n}</span><span>{esc(label)}</span></div>'
        for label, n, cls in cards
    )
    file_rows = []
    chart_rows = []
    for p in paths:
        fs = by_path[p]
        c = Counter(f.severity for f in fs)
        r = readability(metrics.get(p, {}))
        fk, sm, words = _num(r.get("fkgl")), _num(r.get("smog")), _int(r.get("words"))
        if r:
            chart_rows.append(Grades(p, fk, sm, words))
        cells = "".join(f'<td class="num{" zero" if not c[s] else ""}">{c[s]}</td>' for s in SEVERITIES)
        file_rows.append(
            f'<tr data-file="{anchors[p]}"><td class="path"><a href="#{anchors[p]}">{esc(p)}</a></td>{cells}'
            f'<td class="num opt">{"—" if words is None else words}</td>'
            f'<td class="num opt">{_fmt(fk)}</td><td class="num">{_fmt(sm)}</td>'
            f'<td class="num opt">{_fmt(_num(r.get("fre")))}</td></tr>'
        )
    sev_heads = "".join(f"<th>{_badge(s)}</th>" for s in SEVERITIES)
    files_table = (
        f'<div class="tw"><table class="files"><thead><tr><th>File (worst first)</th>{sev_heads}'
        '<th class="opt">Words</th><th class="opt" title="Flesch–Kincaid grade level">FKGL</th>'
        '<th title="SMOG grade">SMOG</th><th class="opt" title="Flesch reading ease (higher is easier)">FRE</th>'
        f"</tr></thead><tbody>{''.join(file_rows)}</tbody></table></div>"
    )
    if len(chart_rows) > MAX_BARS:
        grades = f"<h3>Files per reading grade</h3>{grades_histogram(chart_rows, target)}"
    elif chart_rows:
        grades = f"<h3>Reading grade per file</h3>{grades_chart(chart_rows, target)}{_legend(target)}"
    else:
        grades = '<p class="none">No reading grades in this run (the readability rules did not run).</p>'
    pairs = sum(1 for f in report.findings if f.related)
    compact = (
        f'<p class="note">{len(report.findings)} findings: each shows its flagged lines only, long lines cut '
        "around the flagged text.</p>"
        if layout is COMPACT
        else ""
    )
    overview = (
        '<section id="overview"><h2>Overview</h2>'
        f'<div class="cards">{card_html}</div>'
        f'<div class="cols"><div><h3>Findings by family and severity</h3>'
        f'<div class="tw">{_counts_table(report.findings)}</div></div>'
        f"<div>{grades}</div></div>"
        + (f"<h3>Rules with findings</h3>{_rules_table(report.findings, options.rules)}" if report.findings else "")
        + (
            f'<p class="note">{pairs} finding(s) point at other passages (contradictions, the hardest sections …); '
            "each is shown side by side with them.</p>"
            if pairs
            else ""
        )
        + compact
        + f"<h3>Files</h3>{files_table}</section>"
    )

    # per file ----------------------------------------------------------------
    file_sections = []
    for p in paths:
        fs = by_path[p]
        fid = anchors[p]
        r = readability(metrics.get(p, {}))
        secs = section_grades(r)
        summary = Counter(f.severity for f in fs)
        status = ", ".join(_plural(summary[s], s.value) for s in SEVERITIES if summary[s]) or "no findings"
        parts = [
            f'<section class="file" id="{fid}"><h2><span class="path">{esc(p)}</span> '
            f'<span class="status">{esc(status)}</span></h2>'
        ]
        if r:
            fk, sm = _num(r.get("fkgl")), _num(r.get("smog"))
            facts = (
                f"{_int(r.get('words')) or 0} words, {_int(r.get('sentences')) or 0} sentences · "
                f"Flesch–Kincaid grade {_fmt(fk)} · SMOG {_fmt(sm)} · reading ease {_fmt(_num(r.get('fre')))}"
            )
            parts.append(f'<p class="facts">{esc(facts)}</p>')
            if secs and layout is FULL:
                graded = [g for g in secs if g.fkgl is not None or g.smog is not None]
                short = [g.label for g in secs if g.fkgl is None and g.smog is None]
                label = f"Reading grade by section ({len(graded)} of {len(secs)} long enough to grade)"
                chart = f"{grades_chart(graded, target)}{_legend(target)}" if graded else ""
                rest = f'<p class="note">Too short to grade: {esc(", ".join(short))}.</p>' if short else ""
                parts.append(
                    f"<details{' open' if len(graded) <= 12 else ''}><summary>{esc(label)}</summary>"
                    f"{chart}{rest}</details>"
                )
        if fs:
            parts.extend(finding_html(f, sources, options.rules, layout) for f in fs)
        else:
            parts.append('<p class="clean">No findings.</p>')
        parts.append('<p class="top"><a href="#overview">↑ overview</a></p></section>')
        file_sections.append("".join(parts))

    title = "lintkit report"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        # one script, lintkit's own, allowed by its hash; nothing remote: the
        # report is safe to open from an untrusted branch and works offline
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src '{SCRIPT_HASH}'; img-src data:; base-uri 'none'; form-action 'none'\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{CSS}</style></head><body>"
        f'<header class="top"><h1>{title}</h1><p>lintkit {esc(report.version)} · {report.files_checked} '
        f"file(s) checked · {len(report.findings)} finding(s)</p></header>"
        + _filter_bar(report.findings)
        + '<main><p class="nomatch" id="f-none" hidden>No finding matches these filters.</p>'
        + overview
        + "".join(file_sections)
        + f"</main><script>{SCRIPT}</script></body></html>\n"
    )


# The filters. Plain DOM, no data of its own: it reads the findings' data
# attributes, so nothing from the content is ever inside the script.
SCRIPT = """
(function () {
  "use strict";
  var d = document, bar = d.getElementById("filters");
  if (!bar) return;
  var q = d.getElementById("f-q"), sev = d.getElementById("f-sev"), fam = d.getElementById("f-fam"),
    rule = d.getElementById("f-rule"), shown = d.getElementById("f-shown");
  var findings = [].slice.call(d.querySelectorAll("article.finding"));
  var sections = [].slice.call(d.querySelectorAll("section.file"));
  var rows = [].slice.call(d.querySelectorAll("tr[data-file]"));
  var owner = findings.map(function (a) { return a.closest("section.file"); });
  var texts = null, timer = 0;
  function text(a, i) {
    var path = owner[i] ? owner[i].querySelector(".path").textContent : "";
    return (path + " " + a.textContent).toLowerCase();
  }
  function set(select, value) {
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) { select.value = value; return; }
    }
  }
  function save(state) {
    var p = [];
    for (var k in state) if (state[k]) p.push(k + "=" + encodeURIComponent(state[k]));
    try { history.replaceState(null, "", p.length ? "?" + p.join("&") : location.pathname); } catch (e) {}
  }
  function apply() {
    var s = sev.value, f = fam.value, r = rule.value, t = q.value.trim().toLowerCase();
    var active = !!(s || f || r || t), n = 0, files = 0, per = {};
    if (t && !texts) texts = findings.map(text);
    for (var i = 0; i < findings.length; i++) {
      var a = findings[i];
      var ok = (!s || a.getAttribute("data-sev") === s) && (!f || a.getAttribute("data-fam") === f) &&
        (!r || a.getAttribute("data-code") === r) && (!t || texts[i].indexOf(t) >= 0);
      a.hidden = !ok;
      if (ok && owner[i]) { n++; per[owner[i].id] = 1; }
    }
    sections.forEach(function (x) { x.hidden = active && !per[x.id]; if (per[x.id]) files++; });
    rows.forEach(function (x) { x.hidden = active && !per[x.getAttribute("data-file")]; });
    d.getElementById("f-none").hidden = !active || n > 0;
    shown.textContent = active ? "Showing " + n + " of " + findings.length + " findings in " + files + " files"
      : findings.length + " findings in " + files + " files";
    save({sev: s, fam: f, rule: r, q: t});
  }
  var params = {};
  location.search.replace(/^\\?/, "").split("&").forEach(function (kv) {
    var i = kv.indexOf("=");
    if (i > 0) {
      try { params[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1).replace(/\\+/g, " ")); } catch (e) {}
    }
  });
  if (params.sev) set(sev, params.sev);
  if (params.fam) set(fam, params.fam);
  if (params.rule) set(rule, params.rule);
  if (params.q) q.value = params.q;
  [sev, fam, rule].forEach(function (x) { x.addEventListener("change", apply); });
  q.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 150); });
  d.getElementById("f-reset").addEventListener("click", function () {
    q.value = ""; sev.value = ""; fam.value = ""; rule.value = ""; apply();
  });
  bar.hidden = false;
  apply();
})();
"""
SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")


CSS = """
:root{--fg:#1d2330;--muted:#5b6472;--line:#d9dee6;--bg:#fff;--soft:#f5f7fa;
--error:#b42318;--error-bg:#fdecea;--warning:#8a5a00;--warning-bg:#fff4d6;--info:#175cd3;--info-bg:#e8f0fe;
--mark:#ffe08a;--ins:#dff5e3;--del:#fde2e1;--fkgl:#3f6fd8;--smog:#9aa9c7}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
  color:var(--fg);background:var(--soft)}
header.top{background:#1d2330;color:#fff;padding:18px 32px}
header.top h1{margin:0;font-size:22px}header.top p{margin:4px 0 0;color:#c8cfdb}
main{max-width:1180px;margin:0 auto;padding:16px 24px 48px}
section{background:var(--bg);border:1px solid var(--line);border-radius:10px;padding:8px 24px 16px;margin:18px 0}
h2{font-size:19px;margin:14px 0 10px;display:flex;gap:12px;align-items:baseline;flex-wrap:wrap}
h3{font-size:15px;margin:18px 0 8px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.path{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all}
.status{font-size:14px;font-weight:normal;color:var(--muted)}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:8px 0 4px}
.card{flex:1 1 150px;border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:var(--soft)}
.card .big{display:block;font-size:28px;font-weight:600;line-height:1.2}
.card.error .big{color:var(--error)}.card.warning .big{color:var(--warning)}.card.info .big{color:var(--info)}
.cols{display:grid;grid-template-columns:auto minmax(0,1fr);gap:32px;align-items:start}
td.rname{white-space:nowrap}
@media (max-width:900px){.cols{grid-template-columns:minmax(0,1fr)}}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
thead th{background:var(--soft);font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.zero{color:#b3bac5}
td.total{font-weight:600}td.summary{color:var(--muted)}
.badge{display:inline-block;font-size:12px;font-weight:600;padding:1px 8px;border-radius:10px;
  text-transform:uppercase;letter-spacing:.03em}
.badge.error{background:var(--error-bg);color:var(--error)}
.badge.warning{background:var(--warning-bg);color:var(--warning)}
.badge.info{background:var(--info-bg);color:var(--info)}
.chart{max-width:100%;height:auto;font-size:12px}
.chart .grid{stroke:#e6e9ef}.chart .axis{fill:var(--muted);text-anchor:middle}
.chart .label{fill:var(--fg);text-anchor:end}
.chart .val{fill:var(--muted)}
.chart .na{fill:var(--muted);font-style:italic}
.chart .bar.fkgl{fill:var(--fkgl)}.chart .bar.smog{fill:var(--smog)}
.chart .bar.fkgl.over{fill:#c2410c}.chart .bar.smog.over{fill:#f5a46b}.chart .val.over{fill:#c2410c;font-weight:600}
.chart .target{stroke:var(--error);stroke-dasharray:4 3;stroke-width:1.5}.chart .target-label{fill:var(--error)}
.legend{font-size:13px;color:var(--muted)}
.key{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:-1px;margin-left:6px}
.key.fkgl{background:var(--fkgl)}.key.smog{background:var(--smog)}
.facts{color:var(--muted);margin:0 0 8px}
.finding{border:1px solid var(--line);border-left:5px solid var(--info);border-radius:8px;padding:10px 14px;
  margin:14px 0;background:#fff}
.finding.error{border-left-color:var(--error)}.finding.warning{border-left-color:#d9a400}
.finding header{display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
.finding .code{font-weight:600;color:var(--fg)}.finding .name{color:var(--muted)}
.finding .loc{margin-left:auto;font-size:13px;color:var(--muted);text-decoration:none}
.msg{margin:6px 0 8px;font-size:15px;white-space:pre-line}
.src{font:13px/1.55 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--soft);
  border:1px solid var(--line);border-radius:6px;padding:6px 0;overflow-x:auto}
.src>div{display:flex}.src .ln{flex:0 0 48px;text-align:right;padding-right:10px;color:#98a1ae;user-select:none}
.src .tx{white-space:pre-wrap;word-break:break-word;padding-right:10px;flex:1}
.src .ctx .tx{color:#6b7480}
.src mark{background:var(--mark);border-radius:2px;box-shadow:0 1px 0 #d9a400;color:inherit}
.src mark.point{display:inline-block;width:2px;height:1.1em;background:var(--error);vertical-align:text-bottom}
.more{color:#98a1ae}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:12px}@media (max-width:800px){.pair{grid-template-columns:1fr}}
figure.side{margin:0;min-width:0}
figure.side figcaption{font-size:13px;color:var(--muted);margin-bottom:4px;word-break:break-all}
figure.side figcaption b{color:var(--fg)}
.fix{margin-top:10px;padding:6px 12px;border-radius:6px;background:#f3faf4;border:1px solid #cfe9d4}
.fix p{margin:2px 0}
.edits{margin:4px 0;padding-left:20px;font:13px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.edits .where{color:var(--muted);font-family:system-ui,sans-serif;font-size:12px;margin-right:6px}
del{background:var(--del);text-decoration:line-through;white-space:pre-wrap}
ins{background:var(--ins);text-decoration:none;white-space:pre-wrap}
details.rule{margin-top:8px;font-size:14px;color:var(--muted)}details.rule summary{cursor:pointer}
pre.doc{white-space:pre-wrap;background:var(--soft);padding:6px 10px;border-radius:6px}
details>summary{cursor:pointer;color:var(--muted)}
.clean{color:#217a3c}.none{color:var(--muted);font-style:italic}.note{color:var(--muted)}
p.top{text-align:right;margin:8px 0 0;font-size:13px}p.top a{color:var(--muted)}
[hidden]{display:none!important}
.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:center;padding:10px 32px;background:#fff;
  border-bottom:1px solid var(--line);position:sticky;top:0;z-index:2;box-shadow:0 1px 4px rgba(0,0,0,.06)}
.filters input,.filters select,.filters button{font:inherit;font-size:14px;padding:5px 8px;border:1px solid #b9c0cc;
  border-radius:6px;background:#fff;color:var(--fg);max-width:100%}
.filters input{flex:1 1 220px;min-width:0}.filters select{flex:0 1 auto;min-width:0}
.filters button{cursor:pointer;background:var(--soft)}
.filters output{font-size:13px;color:var(--muted);flex:1 0 100%}
.tw{overflow-x:auto;max-width:100%}
.nomatch{margin:18px 0;padding:14px 20px;background:#fff;border:1px solid var(--line);border-radius:10px}
td.path{word-break:break-all}
.rules td{font-size:14px}.rules .rname{font-weight:600}.rules details{color:var(--muted)}
.rules details summary{color:var(--muted)}.rules details p{margin:6px 0}
@media (max-width:640px){
  header.top{padding:12px 14px}header.top h1{font-size:19px}
  .filters{padding:8px 10px;position:static}.filters select{flex:1 1 45%}
  main{padding:8px 8px 32px}section{padding:6px 12px 12px;margin:12px 0}
  .card{flex:1 1 40%;padding:8px 10px}.card .big{font-size:22px}
  .opt{display:none}th,td{padding:4px 4px}table{font-size:13px}
  .badge{font-size:10.5px;padding:1px 5px;letter-spacing:0}
  .src .ln{flex:0 0 30px;padding-right:6px}.finding{padding:8px 10px}
  .finding .loc{margin-left:0}
}
@media print{body{background:#fff}section{border:none;padding:0}details{display:block}.filters{display:none}}
"""
