"""One name, one home (issue 25): a module does not hand on names it imports from another
project module (no ``from coopact.x import name as name``, no imported name in its
``__all__``). When a piece moves, its callers import it from its new home.

The doors kept on purpose, each documented: the ``coopact.services`` facade
(docs/architecture.md), the packages ``coopact.schemas`` (the partnership file's model),
``coopact.stages`` (the stages' work) and ``coopact.entrypoints.web`` (the portal), and
``coopact.store.records`` (the row types outside the store, COMMON rule of the rooms).
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.product_code import PACKAGES, product_modules

ROOT = Path(__file__).resolve().parents[2]
DOORS = {
    "coopact/services/__init__.py",
    "coopact/stages/__init__.py",
    "coopact/entrypoints/web/__init__.py",
    "schemas/__init__.py",
    "store/records.py",
}


def _project(module: str | None) -> bool:
    return module is not None and module.split(".")[0] in PACKAGES


def reexports() -> list[tuple[str, str]]:
    """``(module, name)`` for each project name a module imports and hands on."""
    found: list[tuple[str, str]] = []
    for path in product_modules():
        name = path.relative_to(ROOT).as_posix()
        if name in DOORS:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported: set[str] = set()
        listed: list[str] = []
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.level == 0 and _project(node.module):
                for alias in node.names:
                    imported.add(alias.asname or alias.name)
                    if alias.asname == alias.name:
                        found.append((name, alias.name))
            elif (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.List | ast.Tuple)
                and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
            ):
                listed += [e.value for e in node.value.elts if isinstance(e, ast.Constant)]
        found += [(name, n) for n in listed if n in imported]
    return sorted(set(found))


def test_no_module_hands_on_another_modules_names() -> None:
    shown = "\n".join(f"{m}: {n} (import it from its home)" for m, n in reexports())
    assert not reexports(), shown
