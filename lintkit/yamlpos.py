"""Safe YAML loading that keeps positions, shared by front matter, config and rule packs.

Only the C safe loader (or the pure-Python safe loader where libyaml is
missing) is used: no tags that build Python objects, and aliases are counted
after expansion so an alias bomb is refused before anything is constructed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_NODES = 200_000
MAX_DEPTH = 64


@dataclass(frozen=True, slots=True)
class Pos:
    """0-based line/column of a key and of its value's start and end. Lines
    are lintkit's (ended by LF, CRLF or CR, as in editors), not YAML's, which
    NEL, LS and PS also end."""

    key_line: int
    key_col: int
    value_line: int
    value_col: int
    end_line: int
    end_col: int


class YamlError(Exception):
    """YAML that cannot be loaded; ``line``/``column`` are 0-based."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


_LOADER: Any = None


def _loader_class() -> Any:
    """The C safe loader without implicit timestamps: ``2026-13-01`` stays a
    string (reported as a bad date with its position) instead of failing the
    whole document, and dates are parsed by the schema where they are typed."""
    global _LOADER
    if _LOADER is None:
        import yaml

        base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        resolvers = {
            ch: [(tag, rx) for tag, rx in lst if tag != "tag:yaml.org,2002:timestamp"]
            for ch, lst in base.yaml_implicit_resolvers.items()
        }
        _LOADER = type("LintkitLoader", (base,), {"yaml_implicit_resolvers": resolvers})
    return _LOADER


def load(source: str, *, max_nodes: int = MAX_NODES) -> tuple[Any, dict[tuple[Any, ...], Pos]]:
    """Load one YAML document; return (data, positions by key path)."""
    import yaml

    loader_cls = _loader_class()
    positions: dict[tuple[Any, ...], Pos] = {}
    try:
        _check_depth(source, loader_cls)
        loader = loader_cls(source)
        try:
            node = loader.get_single_node()
            if node is None:
                return None, positions
            _walk(node, (), positions, [0, max_nodes], 0, _converter(source))
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        parts = [p for p in (e.context, e.problem) if p]
        msg = "; ".join(parts) if parts else str(e)
        if "could not determine a constructor" in msg:
            msg += " (only plain YAML is allowed: tags such as !!python/object are refused)"
        line, col = _place(mark, _converter(source)) if mark else (0, 0)
        raise YamlError(msg, line, col) from None
    except (yaml.YAMLError, RecursionError, ValueError, TypeError, OverflowError) as e:
        raise YamlError(f"{type(e).__name__}: {e}") from None
    return data, positions


def _check_depth(source: str, loader_cls: Any) -> None:
    """libyaml's composer recurses in C, so ~100,000 nested brackets overflow
    the C stack and kill the process (no exception to catch). Its parser is
    iterative: measure nesting on the event stream before composing."""
    import yaml

    depth = 0
    events: Any = yaml.parse(source, Loader=loader_cls)  # a generator: closed below
    try:
        for event in events:
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    line, col = _place(mark, _converter(source)) if mark is not None else (0, 0)
                    raise YamlError(f"nested more than {MAX_DEPTH} levels deep", line, col)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    finally:
        events.close()


# YAML ends lines at these too; editors and lintkit do not
_YAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")


def _converter(source: str) -> Any:
    """None when YAML's lines are lintkit's (almost always), else a function
    from a character offset to lintkit's 0-based (line, column)."""
    if not any(b in source for b in _YAML_ONLY_BREAKS):
        return None
    import bisect
    import re

    starts = [0, *(m.end() for m in re.finditer(r"\r\n|[\r\n]", source))]

    def convert(index: int) -> tuple[int, int]:
        line = bisect.bisect_right(starts, index) - 1
        return line, index - starts[line]

    return convert


def _place(mark: Any, convert: Any) -> tuple[int, int]:
    return (mark.line, mark.column) if convert is None else convert(mark.index)


def _walk(
    node: Any, path: tuple[Any, ...], out: dict[tuple[Any, ...], Pos], budget: list[int], depth: int, convert: Any
) -> None:
    import yaml

    budget[0] += 1
    if budget[0] > budget[1]:
        raise YamlError(f"too large or too many aliases (over {budget[1]:,} nodes after expanding aliases)")
    if depth > MAX_DEPTH:
        raise YamlError(f"nested more than {MAX_DEPTH} levels deep")
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            key = k.value if isinstance(k, yaml.ScalarNode) else repr(k.value)
            if isinstance(k, yaml.ScalarNode) and k.tag.endswith(":int"):
                try:
                    key = int(k.value)
                except ValueError:
                    pass
            p = (*path, key)
            if p not in out:
                out[p] = Pos(
                    *_place(k.start_mark, convert), *_place(v.start_mark, convert), *_place(v.end_mark, convert)
                )
            _walk(v, p, out, budget, depth + 1, convert)
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            p = (*path, i)
            if p not in out:
                (sl, sc), (el, ec) = _place(v.start_mark, convert), _place(v.end_mark, convert)
                out[p] = Pos(sl, sc, sl, sc, el, ec)
            _walk(v, p, out, budget, depth + 1, convert)


def locate(positions: dict[tuple[Any, ...], Pos], loc: tuple[Any, ...]) -> Pos | None:
    """The position of the longest prefix of ``loc`` that exists (pydantic error
    locations point at keys that may be missing)."""
    for n in range(len(loc), 0, -1):
        p = positions.get(tuple(loc[:n]))
        if p is not None:
            return p
    return None
