"""The layers of lintkit hold: no import cycle among its modules, counting
imports inside functions too (a lazy import kept for start-up speed must not
close a loop), and the check API below the engine.

Imports under ``if TYPE_CHECKING:`` are not counted: they never run."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "lintkit"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING"
    )


def _resolve(module: str, is_package: bool, level: int, name: str | None) -> str:
    if level == 0:
        return name or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, name] if name else base)


def import_graph() -> dict[str, set[str]]:
    """module → the lintkit modules it imports (at any depth of the file)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}

    def target(name: str) -> str | None:
        # "lintkit.checks.terminology.FAMILY" → the longest prefix that is a module
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    for mod, path in modules.items():
        is_pkg = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and _is_type_checking(node):
                skip |= {id(n) for b in node.body for n in ast.walk(b)}
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            found: list[str] = []
            if isinstance(node, ast.Import):
                found = [a.name for a in node.names if a.name.startswith("lintkit")]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(mod, is_pkg, node.level, node.module)
                if base.startswith("lintkit"):
                    # "from . import packs" imports the module lintkit.packs
                    found = [f"{base}.{a.name}" for a in node.names] + [base]
            for name in found:
                t = target(name)
                if t is not None and t != mod:
                    graph[mod].add(t)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as a path that starts and ends at the same module."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                return [*stack[stack.index(n) :], n]
            if n not in state:
                found = visit(n)
                if found:
                    return found
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state:
            found = visit(m)
            if found:
                return found
    return None


def test_the_graph_sees_lazy_imports() -> None:
    g = import_graph()
    # cli imports the engine inside functions only (start-up speed)
    assert "lintkit.engine" in g["lintkit.cli"]
    assert "lintkit.pipeline" in g["lintkit.parallel"]


def test_no_import_cycle() -> None:
    cycle = _cycle(import_graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def _reaches(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        m = todo.pop()
        for n in graph[m]:
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return seen


ORCHESTRATION = {
    "lintkit.engine",
    "lintkit.pipeline",
    "lintkit.parallel",
    "lintkit.cache",
    "lintkit.cli",
    "lintkit.lsp",
}


@pytest.mark.parametrize(
    "module",
    sorted(_module_name(p) for p in (PACKAGE / "checks").glob("*.py") if p.name != "__init__.py"),
)
def test_families_see_the_api_not_the_engine(module: str) -> None:
    """yamllint's rules import only the problem type; lintkit's families see
    ``api``, ``registry``, ``findings``, ``document`` and their own libraries."""
    graph = import_graph()
    bad = _reaches(graph, module) & ORCHESTRATION
    assert not bad, f"{module} reaches {sorted(bad)}"
    others = {m for m in graph if m.startswith("lintkit.checks.") and m != module}
    assert not (graph[module] & others), f"{module} imports another family"


def test_the_registry_and_the_api_import_no_family() -> None:
    graph = import_graph()
    for module in ("lintkit.registry", "lintkit.api", "lintkit.findings", "lintkit.document"):
        reached = _reaches(graph, module)
        assert not {m for m in reached if m.startswith("lintkit.checks")}, module
        assert not reached & ORCHESTRATION, module


def test_build_time_code_is_outside_the_package() -> None:
    """The shipped-data builder and the docs generator live in tools/."""
    graph = import_graph()
    assert "lintkit.cli" not in _reaches(graph, "lintkit.docs")
    src = (PACKAGE / "shipped.py").read_text(encoding="utf-8")
    assert "pickle.dumps" not in src and "def build" not in src
