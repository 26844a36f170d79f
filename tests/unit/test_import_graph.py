"""No import cycles in reflect, not even through imports inside functions.

A cycle hidden in a function-level import (the store imported the action index,
which imported the store to read a month file) still ties two modules into one:
neither can be read, tested or split without the other, and which one runs first
depends on who imported whom. So the graph here counts every import statement,
at module level, in functions, and under `if TYPE_CHECKING:` too (a type-only
cycle is one mypy and every reader still have to untangle), and must have none.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[2] / "reflect"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imported(module: str, tree: ast.AST) -> Iterator[str]:
    """Every reflect module `module` imports, anywhere in its body."""
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package, up level - 1 more
                parent = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*parent, *([base] if base else [])])
            # `from a import b` imports the module a.b when there is one, else a.
            names = [f"{base}.{alias.name}" for alias in node.names]
            names = [name if name in MODULES else base for name in names]
        else:
            continue
        for name in names:
            while name and name not in MODULES:  # `import a.b.c` where c is a name
                name = name.rpartition(".")[0]
            if name.startswith("reflect") and name != module:
                yield name


GRAPH = {
    module: sorted(set(_imported(module, ast.parse(path.read_text(encoding="utf-8")))))
    for module, path in MODULES.items()
}


def _cycle(graph: dict[str, list[str]]) -> list[str] | None:
    """One cycle in `graph` (as a path that ends where it starts), or None."""
    done: set[str] = set()
    path: list[str] = []
    on_path: set[str] = set()

    def visit(node: str) -> list[str] | None:
        path.append(node)
        on_path.add(node)
        for target in graph.get(node, []):
            if target in on_path:
                return [*path[path.index(target) :], target]
            if target not in done:
                found = visit(target)
                if found:
                    return found
        path.pop()
        on_path.discard(node)
        done.add(node)
        return None

    for start in sorted(graph):
        if start not in done:
            found = visit(start)
            if found:
                return found
    return None


def test_the_graph_sees_imports_inside_functions() -> None:
    """The walk finds a function-level import (`actions.open_views` imports the index
    when called), so a cycle through one could not hide from the test below."""
    assert "reflect.journal.index" in GRAPH["reflect.actions"]
    assert len(GRAPH) > 60


def test_reflect_has_no_import_cycle() -> None:
    cycle = _cycle(GRAPH)
    assert cycle is None, " -> ".join(cycle or [])


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": ["b"], "b": ["c"], "c": []}, None),
        ({"a": ["b"], "b": ["a"]}, ["a", "b", "a"]),
        ({"a": ["b", "c"], "b": ["d"], "c": ["d"], "d": []}, None),  # a diamond is fine
        ({"a": ["b"], "b": ["c"], "c": ["b"]}, ["b", "c", "b"]),
        ({"x": [], "a": ["a2"], "a2": ["a3"], "a3": ["a"]}, ["a", "a2", "a3", "a"]),
    ],
)
def test_the_cycle_finder(graph: dict[str, list[str]], expected: list[str] | None) -> None:
    assert _cycle(graph) == expected
