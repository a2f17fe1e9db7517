"""No product module over 400 lines and no function over 60 (issue 25, item 8).

The modules and functions that were over the limits when the check came in are listed in
``tests/unit/code_size_known.txt`` with their size then. Each may shrink, never grow, and
a new one may not join them: splitting one removes its line from the file (the test says
so when a listed one is back under the limit).
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.product_code import product_modules

ROOT = Path(__file__).resolve().parents[2]
MODULE_LINES = 400
FUNCTION_LINES = 60
KNOWN = ROOT / "tests" / "unit" / "code_size_known.txt"


def measure() -> dict[str, int]:
    """Every module over 400 lines and every function over 60: ``name -> lines``."""
    sizes: dict[str, int] = {}
    for path in product_modules():
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(ROOT).as_posix()
        lines = text.count("\n") + (0 if text.endswith("\n") else 1)
        if lines > MODULE_LINES:
            sizes[name] = lines
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > FUNCTION_LINES:
                    sizes[f"{name}::{node.name}@{node.lineno}"] = length
    return sizes


def _known() -> dict[str, int]:
    known: dict[str, int] = {}
    for line in KNOWN.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, lines = line.rsplit(" ", 1)
            known[_stable(name)] = int(lines)
    return known


def _stable(name: str) -> str:
    """A function's name without its line number (which moves with every edit above it)."""
    return name.split("@", 1)[0]


def test_no_module_or_function_grows_past_the_limits() -> None:
    known = _known()
    over = {_stable(name): lines for name, lines in measure().items()}
    new = sorted(f"{name} ({lines} lines)" for name, lines in over.items() if name not in known)
    grown = sorted(
        f"{name} ({known[name]} -> {lines} lines)"
        for name, lines in over.items()
        if name in known and lines > known[name]
    )
    assert not new, (
        f"over {MODULE_LINES} lines a module or {FUNCTION_LINES} a function: split them: {new}"
    )
    assert not grown, f"listed in {KNOWN.name} and grown since: {grown}"


def test_the_list_of_known_oversized_code_only_shrinks() -> None:
    over = {_stable(name) for name in measure()}
    fixed = sorted(name for name in _known() if name not in over)
    assert not fixed, f"under the limits now: remove them from {KNOWN.name}: {fixed}"
