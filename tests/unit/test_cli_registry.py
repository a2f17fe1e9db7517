"""The lazy registry of the command line (coopact/entrypoints/cli/registry.py) says what the
commands say: every command a module registers is in it, under that module, with the first
paragraph of the command's own help (what `coopact --help` lists without loading it)."""

from __future__ import annotations

import importlib
import inspect

import pytest
from typer.main import get_command_name

from coopact.entrypoints.cli.registry import COMMANDS, application, load


def _registered(module: str) -> set[str]:
    app = application()
    importlib.import_module(f"coopact.entrypoints.cli.{module}").register(app)
    names = {c.name or get_command_name(c.callback.__name__) for c in app.registered_commands}
    return names | {str(g.name) for g in app.registered_groups}


def test_every_registered_command_is_in_the_registry_under_its_module() -> None:
    modules = {entry.module for entry in COMMANDS.values()}
    found = {name: module for module in modules for name in _registered(module)}
    assert found == {name: entry.module for name, entry in COMMANDS.items()}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_help_line_is_the_commands_own(name: str) -> None:
    command = load(name)
    first = inspect.cleandoc(command.short_help or command.help or "").split("\n\n")[0]
    assert COMMANDS[name].help == first.replace("\n", " ").strip()
