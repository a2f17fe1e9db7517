"""The dependency direction of DESIGN.md, checked by import-linter on every test run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_domain_is_pure_and_nothing_imports_flows() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint_imports)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_every_package_type_checks_strictly() -> None:
    """mypy --strict (pyproject.toml) on the whole of coopact: the domain, the store, the
    flows, the use cases, the adapters and the entry points."""
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "-p", "coopact"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
