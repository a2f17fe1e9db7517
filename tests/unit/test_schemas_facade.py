"""`coopact.schemas` is loaded lazily at run time (a name's module is imported on first use,
so that importing `coopact.schemas.vocabulary` or `coopact.schemas.term` does not build the
partnership file's models) and read by static tools from explicit imports (under
``TYPE_CHECKING``). The two lists are one: every name the package hands out at run time is
imported explicitly, from the module it is taken from, and nothing else is."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from coopact import schemas

INIT = Path(schemas.__file__)


def _explicit() -> dict[str, str]:
    """``name -> module`` of the imports under ``if TYPE_CHECKING:``."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name):
            if node.test.id != "TYPE_CHECKING":
                continue
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom) and statement.module
                for alias in statement.names:
                    assert alias.asname == alias.name, "re-exported as itself"
                    found[alias.name] = statement.module.removeprefix("coopact.schemas.")
    return found


def test_every_name_handed_out_lazily_is_imported_explicitly_from_the_same_module() -> None:
    explicit = _explicit()
    assert explicit == schemas._WHERE  # type: ignore[attr-defined]
    assert sorted(explicit) == sorted(schemas.__all__)


def test_each_name_is_the_object_of_its_module() -> None:
    for name, module in _explicit().items():
        value = getattr(schemas, name)
        assert value is getattr(importlib.import_module(f"coopact.schemas.{module}"), name)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        _ = schemas.Nothing  # type: ignore[attr-defined]


def test_importing_the_vocabulary_builds_no_model() -> None:
    code = (
        "import sys; import coopact.schemas.vocabulary; "
        "print('coopact.schemas.partnership' in sys.modules, 'pydantic.main' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
