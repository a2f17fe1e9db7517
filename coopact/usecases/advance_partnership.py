"""The automatic work of a partnership run again up to its next gate: an officer at the
portal, `coopact advance`, the flows (:func:`coopact.bootstrap.writing.advance` wires it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coopact.services import work
from coopact.services.work import AdvanceResult
from coopact.usecases import failed_work
from coopact.usecases.decide import Adapters


@dataclass(frozen=True)
class AdvancePartnership:
    reference: str
    officer: str


def advance(adapters: Adapters, command: AdvancePartnership) -> AdvanceResult:
    """The work up to the next gate, its mails queued and delivered; raises the refusal
    (a terminated partnership, blocking findings) as `coopact advance` does."""
    return advance_work(adapters, command.reference)


def advance_work(
    adapters: Adapters, reference: str, *, today: dt.date | None = None
) -> AdvanceResult:
    """The automatic work up to the next gate (``services.work.advance``) on ``adapters``;
    raises the refusal, after counting the attempt of failed work it retried
    (:mod:`coopact.usecases.failed_work`)."""
    try:
        return work.advance(
            adapters.uow(),
            reference,
            templates=adapters.templates,
            today=today,
            transport=adapters.transport() if adapters.transport else None,
            signature=adapters.signature() if adapters.signature else None,
        )
    except Exception as error:  # a retry of failed work that failed again counts
        failed_work.tried_again(adapters.uow(), reference, error)
        raise
