"""Imports of project modules inside functions (issue 25, item 6): a cycle held apart, or a
start-up cost put off, that static tools cannot see.

Two counts, both ratchets (each may only come down):

- imports of a whole package (``from coopact import services``, ``import coopact.contracts``):
  at most 10, each with a comment on its line saying why it is inside the function;
- every import of a project module inside a function: at most ``ALL_AT_MOST``, most of them
  the command line's deliberate start-up rule (``coopact/entrypoints/cli/main.py``: wiring,
  flows and the document stack are loaded by the command that needs them). Lower it when
  you remove some.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.product_code import PACKAGES, product_modules

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_AT_MOST = 10
ALL_AT_MOST = 9  # 9: the scorecard computed on a miss only (services/scorecards.py, issue 25)


def _is_project(name: str) -> bool:
    return name.split(".")[0] in PACKAGES


def function_level_imports() -> list[tuple[str, int, str, bool]]:
    """``(module, line, source line, whole package?)`` for each import of a project module
    inside a function."""
    found: list[tuple[str, int, str, bool]] = []
    for path in product_modules():
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for function in ast.walk(ast.parse(text)):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    if not _is_project(node.module):
                        continue
                    whole = node.module in PACKAGES
                elif isinstance(node, ast.Import):
                    names = [a.name for a in node.names if _is_project(a.name)]
                    if not names:
                        continue
                    whole = True
                else:
                    continue
                name = path.relative_to(ROOT).as_posix()
                found.append((name, node.lineno, lines[node.lineno - 1], whole))
    return sorted(set(found))


def _commented(line: str) -> bool:
    return "#" in line


def test_at_most_ten_whole_package_imports_in_functions_each_commented() -> None:
    whole = [f for f in function_level_imports() if f[3]]
    shown = "\n".join(f"{m}:{n}: {s.strip()}" for m, n, s, _ in whole)
    assert len(whole) <= PACKAGE_AT_MOST, shown
    uncommented = [f"{m}:{n}: {s.strip()}" for m, n, s, _ in whole if not _commented(s)]
    assert not uncommented, "say why each is inside its function:\n" + "\n".join(uncommented)


def test_function_level_imports_of_project_modules_do_not_grow() -> None:
    found = function_level_imports()
    assert len(found) <= ALL_AT_MOST, (
        f"{len(found)} imports of project modules inside functions, at most {ALL_AT_MOST}: "
        "import at the module's top, or break the cycle that keeps it inside"
    )
    if len(found) < ALL_AT_MOST:
        print(f"{len(found)} < {ALL_AT_MOST}: lower ALL_AT_MOST in {Path(__file__).name}")
