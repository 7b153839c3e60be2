"""The front-matter schema (pydantic), extended from configuration without Python.

``front_matter_model(settings)`` builds the effective model: the built-in
fields of SPEC §2 plus ``schema.fields`` from config, with ``schema.required``
and ``schema.allowed_values`` applied. ``lintkit schema`` prints its JSON Schema.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, create_model

from .config import FieldSpec, SchemaSettings, Settings

CONTENT_TYPES = ("condition", "symptom", "treatment", "test", "procedure", "medicine", "wellness", "overview")
AUDIENCES = ("patient", "professional")
BCP47 = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def check_http_url(v: str) -> str:
    parts = urlsplit(v.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in v.strip():
        raise ValueError(f"{v!r} is not an http(s) URL")
    return v


def check_locale(v: str) -> str:
    if not BCP47.match(v):
        raise ValueError(f"{v!r} is not a BCP-47 language tag such as en-US or en-GB")
    return v


HttpUrl = Annotated[str, AfterValidator(check_http_url)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    title: NonEmpty
    url: HttpUrl


class FileOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    ignore: list[str] = Field(default_factory=list, description="rule codes or prefixes to ignore in this file")


BUILTIN_FIELDS: dict[str, tuple[Any, Any, str]] = {
    # name: (type, default (... = required), description)
    "title": (NonEmpty, ..., "page title"),
    "content_type": (Literal[CONTENT_TYPES], ..., "what kind of page this is"),  # type: ignore[valid-type]
    "audience": (Literal[AUDIENCES], "patient", "who the page is written for"),  # type: ignore[valid-type]
    "topics": (list[NonEmpty], [], "concepts the page covers; drives red-flag requirements"),
    "locale": (Annotated[str, AfterValidator(check_locale)] | None, None, "BCP-47 tag, e.g. en-US"),
    "last_reviewed": (dt.date | None, None, "ISO date of the last clinical review"),
    "reviewed_by": (NonEmpty | None, None, "clinical reviewer"),
    "sources": (list[Source], [], "evidence sources: title and http(s) url"),
    "references": (list[NonEmpty | Source], [], "works cited on the page: citations, or title and http(s) url"),
    "lintkit": (FileOptions | None, None, "per-file lintkit settings"),
}

_EXTRA_TYPES: dict[str, Any] = {
    "string": NonEmpty,
    "integer": int,
    "number": float,
    "boolean": bool,
    "date": dt.date,
    "url": HttpUrl,
    "list": list[NonEmpty],
}


def _restrict(tp: Any, allowed: list[str]) -> Any:
    lit = Literal[tuple(allowed)]  # type: ignore[valid-type]
    origin = getattr(tp, "__origin__", None)
    if origin is list:
        return list[lit]  # type: ignore[valid-type]
    return lit


def _model(schema: SchemaSettings) -> type[BaseModel]:
    fields: dict[str, Any] = {}
    for name, (tp, default, desc) in BUILTIN_FIELDS.items():
        if name in schema.allowed_values:
            tp = _restrict(tp, schema.allowed_values[name])
        if name in schema.required:
            fields[name] = (tp, Field(..., description=desc))
        else:
            fields[name] = (tp, Field(default, description=desc))
    for name, spec in schema.fields.items():
        fields[name] = _extra_field(name, spec, schema)
    model: type[BaseModel] = create_model(  # type: ignore[call-overload]
        "FrontMatter",
        __config__=ConfigDict(extra="forbid", title="lintkit front matter"),
        **fields,
    )
    return model


def _extra_field(name: str, spec: FieldSpec, schema: SchemaSettings) -> tuple[Any, Any]:
    tp = _EXTRA_TYPES[spec.type]
    allowed = spec.allowed or schema.allowed_values.get(name)
    if allowed:
        tp = _restrict(tp, allowed)
    if spec.required or name in schema.required:
        return (tp, Field(..., description=spec.description))
    return (tp | None, Field(None, description=spec.description))


_MODELS: dict[str, type[BaseModel]] = {}


def front_matter_model(settings: Settings) -> type[BaseModel]:
    # keyed by repr, which is deterministic for these plain fields and, unlike
    # model_dump_json, does not make pydantic build the settings' serializer
    key = repr(settings.schema_)
    model = _MODELS.get(key)
    if model is None:
        if len(_MODELS) >= 16:
            _MODELS.clear()
        model = _MODELS[key] = _model(settings.schema_)
    return model


def known_fields(settings: Settings) -> list[str]:
    return list(front_matter_model(settings).model_fields)


def json_schema(settings: Settings) -> dict[str, Any]:
    out = front_matter_model(settings).model_json_schema()
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return out
