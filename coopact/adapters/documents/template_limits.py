"""Templates sandboxed for resources: a Word template, a clause file or a mail cannot make
a document take gigabytes or minutes (issue 22, item 10).

jinja's sandbox stops code execution, not size: ``{{ "x" * 400000000 }}`` is 400 million
characters (1.6 GB once rendered). :class:`BoundedSandbox` refuses, before it is made,
any value of more than :data:`MAX_VALUE` characters or items: a repetition (``*``), a power
(``**``), a ``%`` or ``format`` width, a padding (``center``, ``ljust``...), a ``replace``,
a ``join``; a concatenation (``~``, ``+``) is checked once made (it at most doubles). A
render writes at most :data:`MAX_OUTPUT` characters and runs at most :data:`MAX_SECONDS`
(checked as it writes and at each turn of a ``range`` loop). Each refusal is jinja's
``SecurityError``: the callers name the template or clause file (``the clause file ...
tried an unsafe operation: ...``). :func:`too_big_constant` finds the same in a parsed
template, for the lint of ``COOPACT_TEMPLATES``.
"""

from __future__ import annotations

import operator
import re
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range

MAX_VALUE = 1_000_000  # characters (or items) of one value a template makes
MAX_OUTPUT = 20_000_000  # characters one render writes (the largest agreement: ~1 MB)
MAX_SECONDS = 30.0  # one render
_BITS = 64 * 1024  # of an integer power
_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\d*)(?:\.(\d*))?[a-zA-Z%]")
_BRACES = re.compile(r"\{[^{}:]*:[^{}\d]*(\d*)(?:\.(\d*))?[^{}]*\}")
_PADDING = {"center", "ljust", "rjust", "zfill", "expandtabs"}


class TooBig(SecurityError):
    """A template made (or was about to make) a value or an output beyond the limits."""


def _refuse(what: str, size: int, limit: int = MAX_VALUE) -> TooBig:
    return TooBig(f"{what} would make {size:,} characters or items (at most {limit:,})")


def weight(value: Any, depth: int = 0) -> int:
    """Characters or items a value holds (a list: what its items hold), counted only as far
    as needed to pass the limit."""
    if isinstance(value, (str, bytes)):
        return len(value)
    if isinstance(value, (list, tuple)) and depth < 3:
        total = len(value)
        for item in value:
            total += weight(item, depth + 1)
            if total > MAX_VALUE:
                break
        return total
    return 1


def check_binop(op: str, left: Any, right: Any) -> None:
    """Refuse ``left op right`` before it is computed when its result would be too big."""
    if op == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(times, int) and not isinstance(times, bool) and times > 1:
                size = weight(seq) * times
                if isinstance(seq, (str, bytes, list, tuple)) and size > MAX_VALUE:
                    raise _refuse(f"a repetition ({type(seq).__name__} * {times})", size)
    elif op == "**" and all(isinstance(v, int) and not isinstance(v, bool) for v in (left, right)):
        if abs(left) > 1 and right > 0 and right * abs(left).bit_length() > _BITS:
            raise TooBig(
                f"the power {left} ** {right} is too large to compute (at most {_BITS:,} bits)"
            )
    elif op == "%" and isinstance(left, str):
        _check_widths(left)


def _check_widths(pattern: str) -> None:
    """Refuse a ``%`` or ``format`` pattern naming a width or precision beyond the limit."""
    found = _PERCENT.findall(pattern) + _BRACES.findall(pattern)
    widths = [int(w) for pair in found for w in pair if w]
    if any(w > MAX_VALUE for w in widths):
        raise _refuse("a format width", max(widths))


def check_call(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a method of a text whose result would be too big (a padding, a format width,
    a replace)."""
    method = getattr(obj, "__wrapped__", obj)  # the sandbox wraps str.format
    owner = getattr(method, "__self__", None)
    if not isinstance(owner, str):
        return
    name = getattr(method, "__name__", "")
    numbers = [a for a in (*args, *kwargs.values()) if isinstance(a, int)]
    if name in _PADDING and any(n > MAX_VALUE for n in numbers):
        raise _refuse(f"str.{name}", max(numbers))
    if name in ("format", "format_map"):
        _check_widths(owner)
    if name == "replace" and len(args) >= 2:
        old, new = str(args[0]), str(args[1])
        count = owner.count(old) if old else len(owner) + 1
        size = len(owner) + count * max(len(new) - len(old), 0)
        if size > MAX_VALUE:
            raise _refuse("str.replace", size)


def bounded(value: Any) -> Any:
    """A value once made (a concatenation), refused beyond the limit."""
    if isinstance(value, (str, list, tuple)) and weight(value) > MAX_VALUE:
        raise _refuse("a concatenation", weight(value))
    return value


class _Clock(threading.local):
    deadline: float | None = None


_CLOCK = _Clock()


def _in_time() -> None:
    deadline = _CLOCK.deadline
    if deadline is not None and time.monotonic() > deadline:
        raise TooBig(f"the render took more than {MAX_SECONDS:.0f} s")


def _bounded_range(*args: int) -> Iterator[int]:
    numbers = safe_range(*args)  # the sandbox's own limit on its length
    for index, number in enumerate(numbers):
        if index % 1000 == 0:
            _in_time()
        yield number


class _Generator(CodeGenerator):
    """jinja's code generator, with each concatenation (``~``) checked once made."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.bounded(")
        super().visit_Concat(node, frame)
        self.write(")")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with the limits of this module."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = _Generator

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals["range"] = _bounded_range
        for name in ("center", "indent", "wordwrap", "truncate", "replace", "join", "format"):
            self.filters[name] = _checked_filter(name, self.filters[name])

    bounded = staticmethod(bounded)

    def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
        check_binop(op, left, right)
        result = super().call_binop(context, op, left, right)
        return bounded(result) if op == "+" else result

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        check_call(__obj, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def concat(self, parts: Iterable[str]) -> str:
        """A render's output, written at most up to :data:`MAX_OUTPUT` characters and
        :data:`MAX_SECONDS`."""
        outer = _CLOCK.deadline is None
        if outer:
            _CLOCK.deadline = time.monotonic() + MAX_SECONDS
        try:
            written, size = [], 0
            for part in parts:
                size += len(part)
                if size > MAX_OUTPUT:
                    raise _refuse("the rendered template", size, MAX_OUTPUT)
                written.append(part)
                _in_time()
            return "".join(written)
        finally:
            if outer:
                _CLOCK.deadline = None


def _checked_filter(name: str, original: Any) -> Any:
    """A builtin filter whose result could be too big, checked before it runs."""

    passes = hasattr(original, "jinja_pass_arg")  # its first argument: the context

    def checked(*args: Any, **kwargs: Any) -> Any:
        head, values = (args[:1], list(args[1:])) if passes else ((), list(args))
        numbers = [a for a in (*values[1:], *kwargs.values()) if isinstance(a, int)]
        if any(n > MAX_VALUE for n in numbers):
            raise _refuse(f"the filter {name}", max(numbers))
        if values and name == "join" and not isinstance(values[0], str):
            values[0] = list(values[0])
            if weight(values[0]) > MAX_VALUE:
                raise _refuse("the filter join", weight(values[0]))
        if values and name == "format" and isinstance(values[0], str):
            _check_widths(values[0])
        if values and name == "replace" and len(values) >= 3:
            check_call(str(values[0]).replace, (values[1], values[2]), {})
        return original(*head, *values, **kwargs)

    for attribute in ("jinja_pass_arg",):  # pass_eval_context / pass_environment survive
        if hasattr(original, attribute):
            setattr(checked, attribute, getattr(original, attribute))
    return checked


_SIZE_OPS = {nodes.Mul: "*", nodes.Pow: "**", nodes.Mod: "%"}
_PYTHON = {"*": operator.mul, "**": operator.pow, "%": operator.mod}


def too_big_constant(tree: nodes.Node) -> str | None:
    """The first operation of constants in a parsed template that would be too big
    (``"x" * 400000000``), said in a sentence; None when there is none."""
    for node in tree.find_all(tuple(_SIZE_OPS)):
        left, right = node.left, node.right
        if isinstance(left, nodes.Const) and isinstance(right, nodes.Const):
            try:
                check_binop(_SIZE_OPS[type(node)], left.value, right.value)
            except TooBig as refused:
                return str(refused)
    return None
