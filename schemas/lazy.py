"""A package's names handed out lazily (PEP 562): the module-level ``__getattr__`` that
``coopact.schemas`` and ``coopact.services`` share. A name's module is imported on its
first use, then the name is kept in the package, so that the next use is a plain
attribute; importing the package itself imports none of them.

Pure: imports modules of the package that asks, nothing else (the standard library only,
so that every package may use it, this one included)."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_getattr(
    package: str, where: Mapping[str, str], *, submodules: bool = False
) -> Callable[[str], Any]:
    """The ``__getattr__`` of ``package``: ``where`` maps each name to the module of the
    package it is taken from (``{"Term": "term"}``: ``package.term.Term``). With
    ``submodules``, a name not in ``where`` is looked for as a submodule of the package
    (``services.decisions``); a name found nowhere is an :class:`AttributeError`."""

    def module_getattr(name: str) -> Any:
        module = where.get(name)
        if module is None:
            if submodules:
                try:
                    return importlib.import_module(f"{package}.{name}")
                except ModuleNotFoundError as missing:
                    if missing.name != f"{package}.{name}":
                        raise
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return module_getattr
