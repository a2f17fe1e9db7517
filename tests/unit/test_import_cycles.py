"""No import cycle among the package's modules (issue 25, item 6).

Two drawings of the imports, read from the source (the statements themselves, as grimp and
import-linter read them):

- what runs when a module is imported: the imports at a module's top (not those inside a
  function, not those under ``if TYPE_CHECKING:``). A cycle there works only by the order the
  modules happen to be loaded in; there must be none;
- every import, the ones inside functions too: a cycle there is one held apart by an import
  put inside a function. The cycles left are listed in ``CYCLES_LEFT``, each to break; the
  list may only shrink (a new cycle fails, and so does one listed that is gone).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# coopact/contracts, schemas, store and flows are links to the top-level folders.
LINKED = ("contracts", "schemas", "store", "flows")

# Each a strongly connected group of modules (all imports counted), to break.
CYCLES_LEFT: set[frozenset[str]] = {
    # Type names only (under TYPE_CHECKING): a contribution's receiver reads the file's type.
    frozenset({"coopact.schemas.gifts", "coopact.schemas.partnership"}),
}


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    paths = [(p, p.relative_to(ROOT / "coopact")) for p in (ROOT / "coopact").rglob("*.py")]
    paths += [(p, p.relative_to(ROOT)) for name in LINKED for p in (ROOT / name).rglob("*.py")]
    for path, relative in sorted(paths):
        parts = relative.with_suffix("").parts
        if "migrations" in parts or "templates" in parts or "examples" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(("coopact", *parts))] = path
    return found


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, top_only: bool) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) or (
            isinstance(node, ast.If) and _type_checking(node)
        ):
            if not top_only:
                yield from _imports(node, top_only)
        else:
            yield from _imports(node, top_only)


def _targets(node: ast.Import | ast.ImportFrom, modules: dict[str, Path]) -> Iterator[str]:
    def known(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif node.level == 0 and node.module:
        # `from coopact.stages import agreement` imports the submodule when there is one,
        # else a name of the module itself.
        names = [
            f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in modules
            else node.module
            for alias in node.names
        ]  # fmt: skip
    else:
        names = []
    for name in names:
        if (found := known(name)) is not None:
            yield found


def import_graph(top_only: bool) -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[name] = {
            target
            for node in _imports(tree, top_only)
            for target in _targets(node, modules)
            if target != name
        }
    return graph


def cycles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """The strongly connected groups of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[frozenset[str]] = set()
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.add(frozenset(group))
    return found


def _shown(groups: set[frozenset[str]]) -> str:
    return "\n".join(" <-> ".join(sorted(g)) for g in sorted(groups, key=sorted))


def test_no_import_cycle_among_the_imports_that_run_when_a_module_loads() -> None:
    found = cycles(import_graph(top_only=True))
    assert not found, "import cycles at the modules' top:\n" + _shown(found)


def test_the_cycles_held_apart_by_imports_inside_functions_only_go() -> None:
    found = cycles(import_graph(top_only=False))
    assert not found - CYCLES_LEFT, "new import cycles:\n" + _shown(found - CYCLES_LEFT)
    assert not CYCLES_LEFT - found, "gone, remove from CYCLES_LEFT:\n" + _shown(CYCLES_LEFT - found)


def test_the_drawing_sees_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == {frozenset("abc")}
    assert cycles({"a": {"b"}, "b": set()}) == set()
