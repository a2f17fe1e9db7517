"""The two lazy facades, `from coopact import services` and the package `coopact.schemas`
(each through coopact.schemas.lazy), are loaded lazily at run time (a name's module is
imported on first use, so that the read commands start light and importing
`coopact.schemas.vocabulary` or `coopact.schemas.term` does not build the partnership
file's models) and read by static tools from explicit imports (under ``TYPE_CHECKING``:
mypy checks each call, import-linter and the cycle test see each edge). The two lists are
one: every name a facade hands out at run time is imported explicitly, from the module it
is taken from, and nothing else is."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from coopact import schemas, services

# Each facade, and whether it hands out its submodules themselves (`services.decisions`).
FACADES = [pytest.param(services, True, id="services"), pytest.param(schemas, False, id="schemas")]


def _explicit(facade: ModuleType) -> dict[str, str | None]:
    """``name -> module`` of the imports under ``if TYPE_CHECKING:`` (None: the name is a
    submodule)."""
    assert facade.__file__
    tree = ast.parse(Path(facade.__file__).read_text(encoding="utf-8"))
    found: dict[str, str | None] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name):
            if node.test.id != "TYPE_CHECKING":
                continue
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom) and statement.module
                for alias in statement.names:
                    assert alias.asname == alias.name, "re-exported as itself"
                    if statement.module == facade.__name__:  # a submodule
                        found[alias.name] = None
                    else:
                        found[alias.name] = statement.module.removeprefix(f"{facade.__name__}.")
    return found


@pytest.mark.parametrize(("facade", "submodules"), FACADES)
def test_every_name_handed_out_lazily_is_imported_explicitly_from_the_same_module(
    facade: ModuleType, submodules: bool
) -> None:
    explicit = _explicit(facade)
    lazy = facade._WHERE
    assert {n: m for n, m in explicit.items() if m is not None} == lazy
    if not submodules:
        assert explicit == lazy
    assert sorted(lazy) == sorted(facade.__all__)


@pytest.mark.parametrize(("facade", "submodules"), FACADES)
def test_each_name_is_the_object_of_its_module(facade: ModuleType, submodules: bool) -> None:
    for name, module in _explicit(facade).items():
        value = getattr(facade, name)
        if module is None:
            assert submodules
            assert value is importlib.import_module(f"{facade.__name__}.{name}")
        else:
            assert value is getattr(importlib.import_module(f"{facade.__name__}.{module}"), name)


@pytest.mark.parametrize(("facade", "submodules"), FACADES)
def test_an_unknown_name_is_an_attribute_error(facade: ModuleType, submodules: bool) -> None:
    with pytest.raises(
        AttributeError, match=f"module '{facade.__name__}' has no attribute 'Nothing'"
    ):
        _ = facade.Nothing


def test_importing_the_vocabulary_builds_no_model() -> None:
    code = (
        "import sys; import coopact.schemas.vocabulary; "
        "print('coopact.schemas.partnership' in sys.modules, 'pydantic.main' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
