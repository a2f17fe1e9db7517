"""An officer registers a partnership from the file they upload (as `coopact new`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coopact.adapters.loading import load_text
from coopact.services import queries, registration
from coopact.store.uow import UnitOfWork


@dataclass(frozen=True)
class RegisterPartnership:
    text: str  # the uploaded YAML file, decoded
    filename: str
    officer: str  # the signed-in officer's e-mail


@dataclass(frozen=True)
class Registration:
    reference: str
    created: bool
    findings: list[dict[str, Any]]  # as `coopact new` prints them (with blocks_at)


def register(uow_factory: Any, command: RegisterPartnership) -> Registration:
    """Validate the file exactly as `coopact new` does (the same InvalidInput, every problem
    with its field path), register it, and read back its findings."""
    partnership = load_text(command.text, command.filename or "partnership file")
    uow: UnitOfWork = uow_factory()
    result = registration.register(
        uow, partnership, actor=f"{command.officer} (partnership_officer)"
    )
    view = queries.status(uow_factory(), result.reference)[0]
    return Registration(result.reference, result.created, view.findings)
