"""Configuration: ``[tool.lintkit]`` in pyproject.toml, or lintkit.yaml /
.lintkit.yaml, found by walking up from the working directory.

Every setting is validated by pydantic with unknown keys forbidden; an error
names the file and the line of the bad setting (ConfigError → exit 2).
Family sections (terminology, red_flags, readability, contradictions) hold
options owned by those rule families.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .document import DEFAULT_MAX_BYTES, NEWLINE
from .findings import Severity

CONFIG_NAMES = ("lintkit.yaml", ".lintkit.yaml", "pyproject.toml")
# 1 GB: beyond it a value is a typo (99999999999999999999 overflowed a read)
MAX_FILE_SIZE_LIMIT = 1_000_000_000


class LintkitError(Exception):
    """An error the user must fix before lintkit can run (exit code 2)."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        where = f"{path}:{line}: " if path and line else (f"{path}: " if path else "")
        super().__init__(f"{where}{message}")


class ConfigError(LintkitError):
    pass


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class FieldSpec(Strict):
    """An extra front-matter field declared by a project."""

    type: Literal["string", "integer", "number", "boolean", "date", "url", "list"] = "string"
    required: bool = False
    allowed: list[str] | None = None
    description: str = ""


class SchemaSettings(Strict):
    fields: dict[str, FieldSpec] = Field(default_factory=dict, description="extra front-matter fields")
    required: list[str] = Field(default_factory=list, description="built-in fields to make required")
    allowed_values: dict[str, list[str]] = Field(
        default_factory=dict, description="restrict a string field (or list of strings) to these values"
    )


class ReviewSettings(Strict):
    max_age_days: int = Field(
        3 * 365, ge=1, le=36_500, description="last_reviewed older than this is overdue (at most 100 years)"
    )
    require_last_reviewed: bool = False


class PathOverride(Strict):
    paths: list[str] = Field(min_length=1, description="glob patterns, relative to the project root")
    ignore: list[str] = Field(default_factory=list)
    select: list[str] = Field(default_factory=list)


JargonLevel = Literal["technical", "common", "everyday"]


def _technical_only() -> list[JargonLevel]:
    return ["technical"]


class TerminologySettings(Strict):
    allowed_acronyms: list[str] = Field(default_factory=list, description="acronyms that need no definition")
    allowed_aliases: list[tuple[str, str]] = Field(
        default_factory=list,
        description="pairs of concept ids that may be written as synonyms (TRM002), e.g. "
        "[peripheral-artery-disease, peripheral-vascular-disease] for text that follows NHS pages",
    )
    jargon_levels: list[JargonLevel] = Field(
        default_factory=_technical_only,
        description="which jargon entries TRM006 and RDB006 report: technical terms (default), also common "
        "medical words some readers misread (chronic, abdomen), also long everyday words (physician, utilize)",
    )


TopicSource = Literal["front_matter", "title", "headings"]
_TOPIC_SOURCES: tuple[TopicSource, ...] = ("front_matter", "title", "headings")


class RedFlagSettings(Strict):
    content_types: list[str] = Field(
        default_factory=lambda: ["symptom", "condition"], description="content types that need a red-flag section"
    )
    audiences: list[str] = Field(default_factory=lambda: ["patient"], description="audiences that need one")
    topics: list[str] = Field(
        default_factory=list,
        description="topic ids (or names) that need a red-flag section whatever the content type",
    )
    topic_detection: list[TopicSource] = Field(
        default_factory=lambda: list(_TOPIC_SOURCES),
        description="where page topics come from, in order; the first source that names a known topic wins",
    )
    urgency_window: int = Field(
        1, ge=0, le=5, description="sentences either side of an emergency condition searched for urgency wording"
    )
    urgency_content_types: list[str] = Field(
        default_factory=lambda: ["symptom", "medicine", "treatment", "test", "procedure", "wellness"],
        description="content types checked for emergency conditions named as a reaction, with no urgency (RF004)",
    )
    topic_content_types: list[str] = Field(
        default_factory=lambda: ["treatment"],
        description="content types that need a red-flag section when their topic has warning signs (first aid)",
    )
    mention_content_types: list[str] = Field(
        default_factory=lambda: ["medicine", "procedure"],
        description="content types where any mention of an emergency condition needs urgency wording (RF004)",
    )
    short_page_words: int = Field(
        300,
        ge=0,
        description="a page with no headings and at most this many words may give its urgent advice in prose (RF001)",
    )


class ReadabilityLimits(Strict):
    """Per-audience overrides of the readability pack (unset = the pack's value)."""

    metric: Literal["smog", "fkgl"] | None = Field(None, description="formula the grade limits apply to")
    grade_warning: float | None = Field(None, ge=0, description="reading grade above this is a warning")
    grade_error: float | None = Field(None, ge=0, description="reading grade above this is an error")
    grade_margin: float | None = Field(
        None, ge=0, description="how far above grade_warning a grade must be to be reported (the formula's error)"
    )
    grade_other_above: float | None = Field(
        None, ge=0, description="the other formula (FKGL for SMOG and back) must be above this too"
    )
    sentence_words: int | None = Field(None, ge=1, description="longest sentence, in words")
    paragraph_sentences: int | None = Field(None, ge=1, description="longest paragraph, in sentences")
    paragraph_words: int | None = Field(
        None, ge=1, description="longest paragraph, in words (a paragraph is long when it exceeds both)"
    )
    list_items: int | None = Field(None, ge=1, description="longest list, in items")
    resource_list_items: int | None = Field(
        None, ge=1, description="longest list of links to other resources, in items"
    )
    short_list_items: int | None = Field(
        None, ge=1, description="longest list of short items (a few words each, such as symptoms), in items"
    )
    jargon_percent: float | None = Field(None, ge=0, description="medical terms per 100 words of prose")
    passive_percent: float | None = Field(None, ge=0, le=100, description="share of sentences in the passive voice")
    passive_scope: Literal["instructions", "all"] | None = Field(
        None, description="pages measured for passive voice: those that give instructions, or all"
    )


class ReadabilitySettings(Strict):
    min_words: int | None = Field(None, ge=1, description="fewer prose words than this is too short to grade")
    min_sentences: int | None = Field(None, ge=1, description="fewer sentences than this is too short to grade")
    section_min_words: int | None = Field(
        None, ge=1, description="fewer words than this in an H2 section: not graded apart from its page"
    )
    related_sections: int = Field(3, ge=0, description="worst sections listed with a document grade finding")
    audiences: dict[str, ReadabilityLimits] = Field(
        default_factory=dict, description="threshold overrides per front-matter audience (patient, professional)"
    )


class ContradictionSettings(Strict):
    quantity_tolerance: float = Field(
        0.1, ge=0, le=1, description="figures closer than this fraction of the larger one do not conflict"
    )
    approximate_tolerance: float = Field(
        0.25, ge=0, le=1, description="the same for a figure marked 'about', 'around', 'nearly' …"
    )
    ignore_subjects: list[str] = Field(
        default_factory=list, description="subjects never compared (as written, e.g. 'symptoms')"
    )


class Settings(Strict):
    content: list[str] = Field(default_factory=lambda: ["content"], description="folders/files to lint by default")
    exclude: list[str] = Field(default_factory=list, description="glob patterns to skip")
    references: list[str] = Field(default_factory=list, description="reviewed reference content (not reported on)")
    rule_packs: list[str] = Field(default_factory=list, description="extra rule-pack folders, merged over the defaults")
    select: list[str] = Field(default_factory=lambda: ["ALL"])
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict, description="override a rule's severity")
    fail_on: Severity = Severity.ERROR
    locale: str = "en-US"
    max_file_size: int = Field(
        DEFAULT_MAX_BYTES,
        ge=1,
        le=MAX_FILE_SIZE_LIMIT,
        description="files larger than this (bytes) are reported (ENC004) and not read; time grows with it",
    )
    follow_symlinks: bool = False
    cache_dir: str = ".lintkit_cache"
    per_path: list[PathOverride] = Field(default_factory=list)
    schema_: SchemaSettings = Field(default_factory=SchemaSettings, alias="schema")
    review: ReviewSettings = Field(default_factory=ReviewSettings)
    terminology: TerminologySettings = Field(default_factory=TerminologySettings)
    red_flags: RedFlagSettings = Field(default_factory=RedFlagSettings)
    readability: ReadabilitySettings = Field(default_factory=ReadabilitySettings)
    contradictions: ContradictionSettings = Field(default_factory=ContradictionSettings)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    @field_validator("locale")
    @classmethod
    def _bcp47(cls, v: str) -> str:
        if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", v):
            raise ValueError(f"{v!r} is not a BCP-47 language tag such as en-US or en-GB")
        return v


class Project:
    """Settings plus where they came from and run-time facts (today's date)."""

    def __init__(
        self,
        settings: Settings,
        root: Path,
        config_path: Path | None = None,
        today: dt.date | None = None,
    ) -> None:
        self.settings = settings
        self.root = root
        self.config_path = config_path
        self.today = today or dt.date.today()
        # warnings about how the configuration was found (two files in one folder)
        self.notes: list[str] = []

    def resolve(self, p: str) -> Path:
        path = Path(p)
        return path if path.is_absolute() else (self.root / path)


def find_config(start: Path) -> Path | None:
    """Walk up from ``start``: the first lintkit.yaml, .lintkit.yaml or
    pyproject.toml with a [tool.lintkit] table wins."""
    found = find_configs(start)
    return found[0] if found else None


def find_configs(start: Path) -> list[Path]:
    """Walk up from ``start`` to the first folder holding a configuration;
    every configuration file of that folder, the one that wins first
    (``CONFIG_NAMES`` order)."""
    for d in (start, *start.parents):
        found = [
            p
            for p in (d / name for name in CONFIG_NAMES)
            if p.is_file() and (p.name != "pyproject.toml" or _has_tool_table(p))
        ]
        if found:
            return found
    return []


def default_settings() -> Settings:
    """``Settings()`` without validation: the defaults are valid by
    construction, and building pydantic's validators for the settings models
    (plus its scan of installed packages for plugins) took a tenth of the
    time of checking one small file with no configuration."""
    return _construct(Settings)


def _construct(cls: type[BaseModel]) -> Any:
    values = {}
    for name, f in cls.model_fields.items():
        factory = f.default_factory
        if isinstance(factory, type) and issubclass(factory, BaseModel):
            values[f.alias or name] = _construct(factory)
    return cls.model_construct(_fields_set=set(), **values)


def _has_tool_table(p: Path) -> bool:
    try:
        return "[tool.lintkit" in p.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def load_project(
    config: Path | None = None,
    cwd: Path | None = None,
    today: dt.date | None = None,
    paths: Sequence[Path] = (),
) -> Project:
    """The project of a run: ``config`` if given, else the configuration
    found walking up from the checked ``paths`` (as ruff does), else from
    ``cwd``. Without any, the defaults, rooted at ``cwd``."""
    cwd = (cwd or Path.cwd()).resolve()
    notes: list[str] = []
    if config is not None:
        path: Path | None = config
    else:
        found = discover(paths, cwd)
        path = found[0] if found else None
        if len(found) > 1:
            ignored = ", ".join(p.name for p in found[1:])
            notes.append(
                f"{found[0].parent} has more than one configuration file: using {found[0].name}, "
                f"ignoring {ignored} (the first of {', '.join(CONFIG_NAMES)} found wins; "
                "keep one to silence this)"
            )
    if path is None:
        return Project(default_settings(), cwd, None, today)
    path = path.resolve() if path.exists() else path
    data = read_config_file(path)
    settings = validate_settings(data, path)
    root = path.parent
    _check_paths(settings, root, path)
    _check_folders_exist(settings, root, path)
    project = Project(settings, root, path, today)
    project.notes = notes
    return project


def discover(paths: Sequence[Path], cwd: Path) -> list[Path]:
    """The configuration files of the folder nearest to the checked paths
    (see :func:`find_configs`), or to ``cwd`` when none of them has one.
    Paths in two different projects are an error: their settings differ."""
    per_project: dict[Path, list[Path]] = {}
    for p in paths:
        a = p if p.is_absolute() else cwd / p
        found = find_configs(a if a.is_dir() else a.parent)
        if found:
            per_project.setdefault(found[0], found)
    if len(per_project) > 1:
        names = ", ".join(str(p) for p in per_project)
        raise ConfigError(
            f"the paths belong to projects with different configurations ({names}); run lintkit once per project"
        )
    if per_project:
        return next(iter(per_project.values()))
    return find_configs(cwd)


def read_config_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read configuration: {e}", str(path)) from None
    if path.suffix == ".toml":
        import tomllib

        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            m = re.search(r"line (\d+)", str(e))
            raise ConfigError(f"invalid TOML: {e}", str(path), int(m.group(1)) if m else None) from None
        tool = doc.get("tool", {}).get("lintkit")
        if tool is None:
            raise ConfigError("no [tool.lintkit] table", str(path))
        if not isinstance(tool, dict):
            raise ConfigError("[tool.lintkit] must be a table", str(path))
        return tool
    from . import yamlpos

    try:
        data, _ = yamlpos.load(text)
    except yamlpos.YamlError as e:
        raise ConfigError(f"invalid YAML: {e.message}", str(path), e.line + 1) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError("configuration must be a mapping of settings", str(path), 1)
    return data


# Characters no setting can hold: the operating system refuses a NUL in a
# path ("embedded null byte") and cannot encode a lone surrogate.
_UNUSABLE = re.compile("[\x00\ud800-\udfff]")


def _unusable_text(data: Any, loc: tuple[Any, ...] = ()) -> tuple[tuple[Any, ...], str] | None:
    """The first string (key or value) in ``data`` that no setting can hold."""
    if isinstance(data, str):
        m = _UNUSABLE.search(data)
        if m is not None:
            return loc, "a NUL character" if m.group(0) == "\x00" else "an unpaired surrogate"
    elif isinstance(data, dict):
        for k, v in data.items():
            found = _unusable_text(k, (*loc, k)) or _unusable_text(v, (*loc, k))
            if found:
                return found
    elif isinstance(data, list):
        for i, v in enumerate(data):
            found = _unusable_text(v, (*loc, i))
            if found:
                return found
    return None


def validate_settings(data: dict[str, Any], path: Path) -> Settings:
    bad = _unusable_text(data)
    if bad is not None:
        loc, what = bad
        name = ".".join(str(x) for x in loc)
        raise ConfigError(f"setting {name!r} holds {what}", str(path), config_line(path, loc))
    try:
        return Settings.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        loc = tuple(err["loc"])
        line = config_line(path, loc)
        raise ConfigError(describe_error(err, e.error_count()), str(path), line) from None


def describe_error(err: Any, count: int = 1) -> str:
    loc = ".".join(str(x) for x in err["loc"]) or "(top level)"
    kind = err["type"]
    if kind == "extra_forbidden":
        msg = f"unknown setting {loc!r}"
    elif kind == "missing":
        msg = f"missing setting {loc!r}"
    else:
        msg = f"setting {loc!r}: {err['msg']}"
    if count > 1:
        msg += f" (and {count - 1} more problem{'s' if count > 2 else ''})"
    return msg


def config_line(path: Path, loc: tuple[Any, ...]) -> int | None:
    """The line of the setting at ``loc`` (best prefix) in a YAML or TOML file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    if path.suffix == ".toml":
        return _toml_line(text, loc)
    from . import yamlpos

    try:
        _, pos = yamlpos.load(text)
    except yamlpos.YamlError:
        return None
    p = yamlpos.locate(pos, loc)
    return p.key_line + 1 if p else 1


_TABLE = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_.\"'-]+)\s*=")


def _toml_line(text: str, loc: tuple[Any, ...]) -> int | None:
    want = ["tool", "lintkit", *[str(x) for x in loc if not isinstance(x, int)]]
    best: tuple[int, int] | None = None  # (matched length, line)
    table: list[str] = []
    for n, raw in enumerate(NEWLINE.split(text), 1):
        m = _TABLE.match(raw)
        if m:
            table = [s.strip().strip("\"'") for s in m.group(1).split(".")]
            cand = table
        else:
            k = _KEY.match(raw)
            if not k:
                continue
            cand = table + [s.strip().strip("\"'") for s in k.group(1).split(".")]
        if cand[:2] != ["tool", "lintkit"]:
            continue
        common = 0
        for a, b in zip(cand, want, strict=False):
            if a != b:
                break
            common += 1
        if common == len(cand) and (best is None or common > best[0]):
            best = (common, n)
    return best[1] if best else None


def _check_paths(settings: Settings, root: Path, path: Path) -> None:
    """Folders named in the config must stay inside the project (a config in a
    pull request must not make lintkit read the runner's home directory, nor
    write its cache there)."""
    named: list[tuple[tuple[Any, ...], str]] = [
        ((key, i), p) for key in ("content", "references", "rule_packs") for i, p in enumerate(getattr(settings, key))
    ]
    for loc, p in [*named, (("cache_dir",), settings.cache_dir)]:
        target = (root / p).resolve()
        try:
            target.relative_to(root.resolve())
        except ValueError:
            raise ConfigError(
                f"setting {loc[0]!r}: {p!r} points outside the project folder {root}",
                str(path),
                config_line(path, loc),
            ) from None
    # The cache folder is written (and marked with its own .gitignore): never
    # the project folder itself, nor a folder that holds what lintkit reads.
    cache = (root / settings.cache_dir).resolve()
    clash = "is the project folder" if cache == root.resolve() else None
    for loc, p in named:
        target = (root / p).resolve()
        if clash is None and target.is_relative_to(cache):
            clash = f"{'is' if target == cache else 'holds'} the {loc[0]!r} folder {p!r}"
    if clash is not None:
        raise ConfigError(
            f"setting 'cache_dir': {settings.cache_dir!r} {clash}; lintkit writes its cache into a folder "
            "of its own: use e.g. '.lintkit_cache'",
            str(path),
            config_line(path, ("cache_dir",)),
        )


def _check_folders_exist(settings: Settings, root: Path, path: Path) -> None:
    """Every folder (or file) the config names exists: a misspelt
    ``references`` folder would otherwise drop the reference checks without
    a word, and a CI gate would pass."""
    for key in ("content", "references", "rule_packs"):
        if key not in settings.model_fields_set:  # the default content folder is optional
            continue
        for i, p in enumerate(getattr(settings, key)):
            if not (root / p).exists():
                kind = "file or folder" if key == "content" else "folder"
                raise ConfigError(
                    f"setting {key!r}: {kind} {p!r} does not exist (relative to {root})",
                    str(path),
                    config_line(path, (key, i)),
                )


def check_codes(project: Project, valid: Callable[[str], bool], suggest: Callable[[str], str | None]) -> None:
    """Every rule code or selector in the configuration (``select``,
    ``ignore``, ``severity``, ``per_path``) matches some rule: a typo such as
    ``select: [TRM02]`` would otherwise run nothing and report "No problems
    found". ``valid`` and ``suggest`` come from the rule registry."""
    s = project.settings
    # (location in the file, setting as the message names it, selector)
    named: list[tuple[tuple[Any, ...], str, str]] = [
        *((("select", i), "select", v) for i, v in enumerate(s.select)),
        *((("ignore", i), "ignore", v) for i, v in enumerate(s.ignore)),
        *((("severity", k), "severity", k) for k in s.severity),
    ]
    for n, o in enumerate(s.per_path):
        for key in ("select", "ignore"):
            named += [(("per_path", n, key, i), f"per_path[{n}].{key}", v) for i, v in enumerate(getattr(o, key))]
    bad = [(loc, label, v) for loc, label, v in named if not valid(v)]
    if not bad:
        return
    loc, label, v = bad[0]
    hint = suggest(v)
    more = f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""
    msg = f"setting {label!r}: {v!r} matches no rule" + (f"; did you mean {hint!r}?" if hint else "")
    path = project.config_path
    line = config_line(path, loc) if path is not None else None
    raise ConfigError(f"{msg}{more} (see 'lintkit rules')", str(path) if path else None, line)


def today_from_env() -> dt.date | None:
    v = os.environ.get("LINTKIT_TODAY")
    if not v:
        return None
    try:
        return dt.date.fromisoformat(v)
    except ValueError:
        raise ConfigError(f"LINTKIT_TODAY={v!r} is not an ISO date (YYYY-MM-DD)") from None
