"""The product's own modules, as the architecture checks of tests/unit read them (code size,
imports inside functions, re-exports): every ``.py`` of the packages, the linked folders
read once (through ``coopact/``'s links: not twice), no migration, template or example."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("coopact", "contracts", "schemas", "store", "flows")


def product_modules() -> list[Path]:
    found: list[Path] = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path.is_symlink() or "migrations" in path.parts:
                continue
            if any(part in ("templates", "examples") for part in path.parts):
                continue
            found.append(path)
    return found
