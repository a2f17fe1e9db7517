"""`from coopact import services` is loaded lazily at run time (a name's module is imported
on first use, so that the read commands start light) and read by static tools from explicit
imports (under ``TYPE_CHECKING``: mypy checks each call, import-linter and the cycle test see
each edge). The two lists are one: every name the facade hands out at run time is imported
explicitly, from the module it is taken from, and nothing else is."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

from coopact import services

INIT = Path(services.__file__)


def _explicit() -> dict[str, str | None]:
    """``name -> module`` of the imports under ``if TYPE_CHECKING:`` (None: the name is a
    submodule)."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    found: dict[str, str | None] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name):
            if node.test.id != "TYPE_CHECKING":
                continue
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom) and statement.module
                for alias in statement.names:
                    assert alias.asname == alias.name, "re-exported as itself"
                    if statement.module == "coopact.services":  # a submodule
                        found[alias.name] = None
                    else:
                        found[alias.name] = statement.module.removeprefix("coopact.services.")
    return found


def test_every_name_handed_out_lazily_is_imported_explicitly_from_the_same_module() -> None:
    explicit = _explicit()
    lazy = services._WHERE  # type: ignore[attr-defined]
    assert {n: m for n, m in explicit.items() if m is not None} == lazy
    assert sorted(lazy) == sorted(services.__all__)


def test_each_name_is_the_object_of_its_module() -> None:
    for name, module in _explicit().items():
        value = getattr(services, name)
        if module is None:
            assert value is importlib.import_module(f"coopact.services.{name}")
        else:
            assert value is getattr(importlib.import_module(f"coopact.services.{module}"), name)
