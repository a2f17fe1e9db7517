"""An officer runs a partnership's automatic work again (as `coopact advance`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coopact.bootstrap import wiring


@dataclass(frozen=True)
class AdvancePartnership:
    reference: str
    officer: str


def advance(adapters: wiring.Adapters, command: AdvancePartnership) -> Any:
    """The work up to the next gate, its mails queued and delivered; raises the refusal
    (a terminated partnership, blocking findings) as `coopact advance` does."""
    return wiring.advance(command.reference, using=adapters)
