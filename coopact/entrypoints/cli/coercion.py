"""Command-line values that already have their type are taken as they are.

Typer (0.2x) coerces every parameter through a pydantic ``TypeAdapter`` built on first use;
the first one imports pydantic's validation machinery, about 80 ms of the 480 ms `coopact
status` takes over 1,000 partnerships, for a value the shell already gives as a string (or
a flag as a bool), or that is absent. :func:`install` makes typer's parameters skip that
when the value is absent (``None``) or is already a ``str`` for a ``str`` parameter, a
``bool`` for a ``bool`` one (no parser, one value): exactly what typer's adapter returns for
them. Every other value (a path, a number, a choice, a list, a custom parser) still goes
through typer's own coercion, with its messages. This reaches into typer's private
parameter class, so it is applied only to the typer releases it was checked against
(:data:`CHECKED`: the CLI tests run on them); with any other typer, :func:`install` does
nothing and every value goes through typer's coercion, a little slower.

Start-up rule of :mod:`coopact.entrypoints.cli.main`: this module imports typer only.
"""

from __future__ import annotations

from typing import Any

_PLAIN = (str, bool)
CHECKED = ((0, 29),)  # the typer (major, minor) releases this was checked against


class _Light:
    """The runtime coercion of one parameter: typer's own, built only when a value needs it."""

    __slots__ = ("_full", "_plain")

    def __init__(self, plain: type | None) -> None:
        self._plain = plain  # str or bool when a value of that type is taken as it is
        self._full: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        multiple = param.multiple or param.nargs == -1
        if value is None:  # what typer's RuntimeParam.coerce returns for an absent value
            return () if multiple else None
        if self._plain is not None and not multiple and type(value) is self._plain:
            return value
        if self._full is None:
            from typer._coercion import build_runtime_param

            self._full = build_runtime_param(param.type_descriptor)
        return self._full.coerce(value, param=param, ctx=ctx)


def _plain_type(descriptor: Any) -> type | None:
    plain = descriptor.annotation in _PLAIN and descriptor.file_annotation is None
    if plain and getattr(descriptor.parameter_info, "parser", None) is None:
        return descriptor.annotation  # type: ignore[no-any-return]
    return None


def install() -> None:
    """Give typer's parameters the light coercion (once per process), on a checked typer."""
    import typer

    if tuple(int(part) for part in typer.__version__.split(".")[:2]) not in CHECKED:
        return
    try:
        from typer.core import _TyperParameter
    except ImportError:  # pragma: no cover - a typer without the adapter layer
        return
    if not hasattr(_TyperParameter, "get_runtime_param") or getattr(
        _TyperParameter, "_coopact_light", False
    ):
        return

    def get_runtime_param(self: Any) -> Any:
        if self._runtime_param is None:
            self._runtime_param = _Light(_plain_type(self.type_descriptor))
        return self._runtime_param

    setattr(_TyperParameter, "get_runtime_param", get_runtime_param)  # noqa: B010
    setattr(_TyperParameter, "_coopact_light", True)  # noqa: B010
