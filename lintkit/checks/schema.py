"""Schema family (SCH): front matter that is missing, malformed or stale."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator
from typing import Any

from ..api import CorpusContext, DirectiveUse, DocContext
from ..document import Document
from ..findings import Severity
from ..registry import Family, Rule, Scope

FAMILY = Family("schema")

INVALID_YAML = Rule(
    code="SCH001",
    name="invalid-front-matter",
    severity=Severity.ERROR,
    summary="Flags front matter that is not valid YAML: syntax errors, a block that is never closed, "
    "values that are not a mapping, tags that would build Python objects, and alias bombs.",
    why="Publishing pipelines and lintkit's own checks read the front matter; when it cannot be read, "
    "the page has no title, type or review date, and every other schema check is skipped.",
    example="---\ntitle: Sciatica\ntopics: [sciatica\n---",
    instead="---\ntitle: Sciatica\ntopics: [sciatica]\n---",
    fix="No automatic fix. The finding points at the line and column where the YAML parser stopped.",
)
MISSING_FRONT_MATTER = Rule(
    code="SCH002",
    name="missing-front-matter",
    severity=Severity.ERROR,
    summary="Flags a file with no front matter block (including an empty file).",
    why="Without front matter lintkit cannot tell the page's type, audience, topics or review date, so "
    "red-flag, readability and review rules cannot apply the right policy.",
    example="# Sciatica\n\nSciatica is pain…",
    instead="---\ntitle: Sciatica\ncontent_type: condition\n---\n# Sciatica\n\nSciatica is pain…",
)
MISSING_FIELD = Rule(
    code="SCH003",
    name="missing-required-field",
    severity=Severity.ERROR,
    summary="Flags a required front-matter field that is absent (`title` and `content_type` by default, "
    "plus fields made required in configuration).",
    why="Required fields drive every other policy (content type decides whether a red-flag section is "
    "needed) and what readers see (the title).",
    example="---\ntitle: Sciatica\n---",
    instead="---\ntitle: Sciatica\ncontent_type: condition\n---",
    options="`schema.required` (list of built-in fields to require), `schema.fields.<name>.required`.",
)
INVALID_VALUE = Rule(
    code="SCH004",
    name="invalid-field-value",
    severity=Severity.ERROR,
    summary="Flags a front-matter value of the wrong type or outside the allowed values; the message lists "
    "what is allowed.",
    why="A misspelt `content_type` or `audience` silently changes which rules apply to the page.",
    example="---\ntitle: Sciatica\ncontent_type: disease\n---",
    instead="---\ntitle: Sciatica\ncontent_type: condition\n---",
    options="`schema.allowed_values.<field>` restricts a string field; `schema.fields` declares extra fields "
    "with a type and `allowed` values.",
)
UNKNOWN_FIELD = Rule(
    code="SCH005",
    name="unknown-field",
    severity=Severity.WARNING,
    summary="Flags a front-matter field the schema does not know, suggesting the closest known name.",
    why="A typo such as `reviwed_by` means the value is never read: the page looks reviewed to an editor "
    "but not to the tools.",
    example="---\ntitle: Sciatica\ncontent_type: condition\nreviwed_by: Dr A. Jones\n---",
    instead="---\ntitle: Sciatica\ncontent_type: condition\nreviewed_by: Dr A. Jones\n---",
    options="Declare project-specific fields under `schema.fields` in the configuration.",
    fix="An unsafe fix renames the key to the suggestion when exactly one close match exists.",
    fixable=True,
    fix_safety="unsafe",
)
INVALID_DATE = Rule(
    code="SCH006",
    name="invalid-date",
    severity=Severity.ERROR,
    summary="Flags a date field (`last_reviewed`, or a declared `date` field) that is not an ISO date (YYYY-MM-DD).",
    why="Review policies are computed from this date; `22/11/2026` or `2026-13-01` cannot be checked.",
    example="---\ntitle: Sciatica\ncontent_type: condition\nlast_reviewed: 22/11/2026\n---",
    instead="---\ntitle: Sciatica\ncontent_type: condition\nlast_reviewed: 2026-11-22\n---",
)
FUTURE_DATE = Rule(
    code="SCH007",
    name="review-date-in-future",
    severity=Severity.ERROR,
    summary="Flags `last_reviewed` set to a date after today.",
    why="A review date in the future is a typo or a placeholder; it hides the page from overdue-review "
    "reports for years.",
    example="---\ntitle: Sciatica\ncontent_type: condition\nlast_reviewed: 2062-11-22\n---",
    instead="---\ntitle: Sciatica\ncontent_type: condition\nlast_reviewed: 2026-11-22\n---",
)
REVIEW_OVERDUE = Rule(
    code="SCH008",
    name="review-overdue",
    severity=Severity.WARNING,
    summary="Flags a page whose `last_reviewed` date is older than the review policy (3 years by default), "
    "and, if the policy requires it, a page with no review date.",
    why="Health content goes out of date; the NHS Standard for Creating Health Content asks for a planned "
    "review cycle, and NHS pages show a next-review date three years after the last review.",
    example="---\ntitle: Sciatica\ncontent_type: condition\nlast_reviewed: 2019-01-15\n---",
    instead="---\ntitle: Sciatica\ncontent_type: condition\nlast_reviewed: 2026-11-22  # after a clinical review\n---",
    options="`review.max_age_days` (default 1095), `review.require_last_reviewed` (default false).",
)
INVALID_SOURCE = Rule(
    code="SCH009",
    name="invalid-source-url",
    severity=Severity.ERROR,
    summary="Flags an entry of `sources` without a valid http(s) URL (or without a title).",
    why="Sources are how reviewers check a claim; a missing or malformed URL cannot be followed.",
    example=(
        "---\ntitle: Sciatica\ncontent_type: condition\nsources:\n  - title: NHS sciatica\n"
        "    url: nhs.uk/conditions/sciatica\n---"
    ),
    instead=(
        "---\ntitle: Sciatica\ncontent_type: condition\nsources:\n  - title: NHS sciatica\n"
        "    url: https://www.nhs.uk/conditions/sciatica/\n---"
    ),
)

UNKNOWN_DIRECTIVE_CODE = Rule(
    code="SCH010",
    name="unknown-code-in-directive",
    severity=Severity.WARNING,
    summary="Flags a code in a lintkit directive that matches no rule: a `lintkit-disable` comment "
    "(`-next-line`, `-line`, or `lintkit-enable`) or the front matter's `lintkit: {ignore: [...]}`, "
    "with the closest valid code.",
    why="A mistyped code suppresses nothing, so the finding it was meant to silence comes back, or a "
    "reviewer believes a rule was deliberately waived when it was not. A directive that names a "
    "family or prefix (`RDB`, `readability`) is valid.",
    example="---\ntitle: Sciatica\ncontent_type: condition\n---\n<!-- lintkit-disable-next-line RDB03 -->\n"
    "Sciatica is pain that travels along the sciatic nerve.",
    instead="---\ntitle: Sciatica\ncontent_type: condition\n---\n<!-- lintkit-disable-next-line RDB003 -->\n"
    "Sciatica is pain that travels along the sciatic nerve.",
    fix="No automatic fix. The message names the closest valid code; `lintkit rules` lists them all.",
)
UNUSED_DIRECTIVE = Rule(
    code="SCH011",
    name="unused-suppression",
    severity=Severity.WARNING,
    summary="Flags a code in a `lintkit-disable` comment or in the front matter's `lintkit: {ignore: [...]}` "
    "that suppressed no finding in this run (like ruff's RUF100).",
    why="Suppressions outlive the text they were written for: once the sentence is rewritten, the "
    "comment still silences that rule for whatever is written there next. Only codes of rules that "
    "ran on the file are judged, so a run with `--select` never calls a suppression of another rule "
    "unused.",
    example="---\ntitle: Sciatica\ncontent_type: condition\n---\n<!-- lintkit-disable-next-line RDB003 -->\n"
    "Sciatica is pain that travels along the sciatic nerve.",
    instead="---\ntitle: Sciatica\ncontent_type: condition\n---\nSciatica is pain that travels along the "
    "sciatic nerve.",
    options="Select or ignore it like any rule; a directive that names `SCH011` itself is judged on the "
    "other rules only.",
    fix="No automatic fix: delete the code from the directive (or the directive, when it names no other).",
)

_DATE_ERRORS = {"date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"}


@FAMILY.check(
    INVALID_YAML,
    MISSING_FRONT_MATTER,
    MISSING_FIELD,
    INVALID_VALUE,
    UNKNOWN_FIELD,
    INVALID_DATE,
    FUTURE_DATE,
    REVIEW_OVERDUE,
    INVALID_SOURCE,
)
def front_matter(doc: Document, ctx: DocContext) -> Iterator[Any]:
    fm = doc.front_matter
    if fm is None:
        first = doc.text.split("\n", 1)[0].rstrip("\r")
        msg = (
            "file is empty: add front matter (title, content_type) and content"
            if not doc.text.strip()
            else "no front matter: start the file with a '---' block holding at least title and content_type"
        )
        yield ctx.report(MISSING_FRONT_MATTER, 0, len(first), msg)
        return
    if fm.error is not None:
        end = doc.index.line_end(doc.index.position(fm.error_offset)[0], doc.text)
        yield ctx.report(INVALID_YAML, fm.error_offset, max(end, fm.error_offset), fm.error)
        return
    data = fm.data or {}
    from pydantic import ValidationError

    from ..schema import front_matter_model

    model = front_matter_model(ctx.settings)
    fence = (0, 3)
    try:
        model.model_validate(data)
    except ValidationError as e:
        known = list(model.model_fields)
        for err in e.errors():
            yield from _error_finding(doc, ctx, err, known, fence, model)
    yield from _dates(doc, ctx, data, model)


def _span(doc: Document, loc: tuple[Any, ...], *, key: bool = False) -> tuple[int, int] | None:
    fm = doc.front_matter
    if fm is None:
        return None
    for n in range(len(loc), 0, -1):
        s = fm.key_span(*loc[:n]) if key and n == len(loc) else fm.value_span(*loc[:n])
        if s is not None:
            return s
    return None


def _fits(model: Any, field: str, value: Any) -> bool:
    """Would ``value`` be valid under the known ``field``?"""
    from pydantic import TypeAdapter, ValidationError

    info = model.model_fields.get(field)
    if info is None:
        return False
    try:
        TypeAdapter(info.annotation).validate_python(value)
    except ValidationError:
        return False
    return True


def _error_finding(
    doc: Document, ctx: DocContext, err: Any, known: list[str], fence: tuple[int, int], model: Any = None
) -> Iterator[Any]:
    loc = tuple(err["loc"])
    kind = err["type"]
    field = str(loc[0]) if loc else ""
    if kind == "missing" and len(loc) == 1:
        yield ctx.report(MISSING_FIELD, *fence, f"required field '{field}' is missing from the front matter")
        return
    if kind == "extra_forbidden":
        span = _span(doc, loc, key=True) or fence
        where = ".".join(str(x) for x in loc)
        if len(loc) == 1:
            close = difflib.get_close_matches(field, known, n=1, cutoff=0.75)
            hint = f"; did you mean '{close[0]}'?" if close else "; declare it under schema.fields in the configuration"
            fix = None
            if close and not _fits(model, close[0], (doc.meta or {}).get(field)):
                # "source: MedlinePlus" is not a misspelt "sources" (a list of
                # title and url): renaming it would only trade this finding
                # for an invalid value
                hint = (
                    f"; declare it under schema.fields in the configuration (its value does not fit "
                    f"'{close[0]}', so it is not a misspelling of it)"
                )
            elif close:
                edit = ctx.edit(span[0], span[1], close[0])
                fix = ctx.fix(f"Rename '{field}' to '{close[0]}'", edit, applicability="unsafe")
            yield ctx.report(UNKNOWN_FIELD, span[0], span[1], f"unknown front-matter field '{field}'{hint}", fix=fix)
        else:
            yield ctx.report(UNKNOWN_FIELD, span[0], span[1], f"unknown key '{loc[-1]}' in '{where}'")
        return
    span = _span(doc, loc) or fence
    if loc and loc[0] == "sources" and len(loc) >= 2:
        label = f"source {loc[1] + 1}" if isinstance(loc[1], int) else "sources"
        got = _value_at(doc.meta, loc)
        if loc[-1] == "url" and kind != "missing":
            what = f"{got!r} is not an http(s) URL; use a full https:// address"
        elif kind == "missing":
            what = f"'{loc[-1]}' is missing; each source needs a title and an http(s) url"
        else:
            what = f"{err['msg']} (got {got!r}); each source is a mapping with title and url"
        yield ctx.report(INVALID_SOURCE, span[0], span[1], f"{label}: {what}")
        return
    if kind in _DATE_ERRORS:
        got = _value_at(doc.meta, loc)
        yield ctx.report(INVALID_DATE, span[0], span[1], f"'{field}' must be an ISO date (YYYY-MM-DD), got {got!r}")
        return
    got = _value_at(doc.meta, loc)
    where = ".".join(str(x) for x in loc)
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        msg = f"'{where}' is {got!r}; allowed values: {expected}"
    elif kind == "missing":
        msg = f"'{where}' is missing"
    else:
        msg = f"'{where}': {err['msg'].replace('Value error, ', '')} (got {got!r})"
    yield ctx.report(INVALID_VALUE, span[0], span[1], msg)


def _value_at(data: Any, loc: tuple[Any, ...]) -> Any:
    cur = data
    for k in loc:
        try:
            cur = cur[k]
        except (KeyError, IndexError, TypeError):
            return None
    return cur


def _dates(doc: Document, ctx: DocContext, data: dict[str, Any], model: Any) -> Iterator[Any]:
    raw = data.get("last_reviewed")
    policy = ctx.settings.review
    fm = doc.front_matter
    assert fm is not None
    if raw is None:
        if policy.require_last_reviewed and "last_reviewed" in model.model_fields:
            yield ctx.report(
                REVIEW_OVERDUE, 0, 3, "no 'last_reviewed' date: the review policy requires one on every page"
            )
        return
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, str):
        try:
            date = dt.date.fromisoformat(raw.strip())
        except ValueError:
            return  # reported by the model as SCH006
    elif isinstance(raw, dt.date):
        date = raw
    else:
        return
    span = fm.value_span("last_reviewed") or (0, 3)
    today = ctx.today
    if date > today:
        yield ctx.report(
            FUTURE_DATE, *span, f"last_reviewed {date.isoformat()} is in the future (today is {today.isoformat()})"
        )
        return
    age = (today - date).days
    if age > policy.max_age_days:
        due = date + dt.timedelta(days=policy.max_age_days)
        yield ctx.report(
            REVIEW_OVERDUE,
            *span,
            f"review overdue: last reviewed {date.isoformat()}, due by {due.isoformat()} "
            f"(policy: every {policy.max_age_days} days); review the page and update last_reviewed",
        )


_WHERE = {"front-matter": "front matter 'lintkit: ignore'"}


@FAMILY.check(UNKNOWN_DIRECTIVE_CODE, UNUSED_DIRECTIVE, scope=Scope.DIRECTIVES)
def directives(uses: list[DirectiveUse], ctx: CorpusContext) -> Iterator[Any]:
    for u in uses:
        n = u.named
        where = _WHERE.get(n.kind, f"'lintkit-{n.kind}' comment")
        if not u.known and ctx.enabled("SCH010"):
            hint = f"; did you mean '{u.suggestion}'?" if u.suggestion else "; see 'lintkit rules'"
            msg = f"'{n.selector}' in a {where} matches no rule, so it suppresses nothing{hint}"
            yield ctx.report_at(UNKNOWN_DIRECTIVE_CODE, u.path, n.span, msg)
        elif u.ran and not u.used and n.kind != "enable" and ctx.enabled("SCH011"):
            what = f"'{n.selector}'" if n.selector else "this directive (every rule)"
            msg = f"unused suppression: {what} in a {where} suppressed no finding; remove it"
            yield ctx.report_at(UNUSED_DIRECTIVE, u.path, n.span, msg)
