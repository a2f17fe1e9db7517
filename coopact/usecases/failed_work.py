"""The work a decision sets going, when it fails: never "done" when it is not.

The decision stands (it was committed first). The failure is kept in a transaction of its
own (``uow.failed_work``, and a ``work.failed`` event in the audit chain, which the
partnership officers are mailed once, through the mail queue); whoever decided is told by
:class:`~coopact.contracts.errors.WorkPending` (exit 5): the decision is recorded, the
stage's work failed, why in one sentence, and what retries it. It is retried by the next
decision on the partnership (a replay included), `coopact advance`, the portal's "run the
work again" and the ``advance-all`` deployment, until the stage's work is stored: that
transaction deletes the row (:func:`coopact.services.work.record_work`). The stage work
is idempotent (a document or a mail is made once per version and gate), so a retry
duplicates nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from coopact.contracts.errors import CoopactError, WorkPending
from coopact.entrypoints import boundary
from coopact.services import officer_notices
from coopact.services._common import SYSTEM
from coopact.services.notices import deliver_mail
from coopact.services.retries import retried_by

log = logging.getLogger("coopact.work")


def cause_of(error: BaseException) -> str:
    """Why the work failed, in one sentence (never a traceback)."""
    text = error.message if isinstance(error, CoopactError) else boundary.classify(error).message
    return " ".join(text.split())[:600]


def retriable(error: BaseException) -> bool:
    """A failure of the parts around coopact or a refusal, not a defect (exit 4: raised)."""
    return boundary.classify(error).code != boundary.UNEXPECTED


def pending(uow: Any, reference: str) -> bool:
    """Whether ``reference`` has failed work waiting to be retried."""
    with uow:
        row = uow.partnerships.find(reference)
        return row is not None and uow.failed_work.of(row) is not None


def keep(
    adapters: Any,
    reference: str,
    *,
    said: str,
    error: Exception,
    stage: str | None = None,
    gate: str | None = None,
) -> WorkPending:
    """Keep the failure of the work after ``said`` (what was recorded: "the decision is
    recorded"), tell the officers once, and the sentence for whoever asked. ``stage``: the
    stage whose work failed (default: where the partnership stands)."""
    cause = cause_of(error)
    head = f"{reference}: {said}, but " + (
        f"the work of the stage {stage} " if stage else "the stage's work "
    )
    try:
        new = _record(adapters.uow(), reference, stage=stage, gate=gate, cause=cause)
    except Exception as lost:  # the database itself may be gone: the decision stands
        log.warning("%s: the failed work could not be kept: %s", reference, cause_of(lost))
        return WorkPending(
            f"{head}failed: {cause}. It could not be kept as failed work ({cause_of(lost)}): "
            f"once that is fixed, run `coopact advance {reference}` (the advance-all "
            "deployment also picks it up)",
            cause,
        )
    if new:
        _tell(adapters, reference)
    return WorkPending(
        f"{head}failed: {cause}. It is kept as failed work (`coopact status {reference}`), "
        f"the partnership officers are told, and {retried_by(reference)}",
        cause,
    )


def _record(uow: Any, reference: str, *, stage: str | None, gate: str | None, cause: str) -> bool:
    """The failure in a transaction of its own; True when it is a new one (not a retry
    that failed again)."""
    with uow:
        row = uow.partnerships.get(reference)
        stage = stage or row.stage
        new = uow.failed_work.record(row, stage=stage, gate=gate, error=cause) is not None
        if new:
            uow.audit(
                "work.failed", actor=SYSTEM, reference=reference, stage=stage, gate=gate,
                error=cause,
            )  # fmt: skip
        uow.commit()
        return new


def _tell(adapters: Any, reference: str) -> None:
    """The officers mailed of the ``work.failed`` event, once (the chain keeps who was
    told; each successful stage work tells what was not); a mail that cannot go now stays
    queued."""
    try:
        officer_notices.tell_officers(
            adapters.uow(), reference, templates=adapters.templates / "mail"
        )
        if adapters.transport is not None:
            deliver_mail(adapters.uow(), adapters.transport())
    except Exception as untold:  # the failure is kept: the next stage work tells them
        log.warning("%s: the officers could not be told: %s", reference, cause_of(untold))


def tried_again(uow: Any, reference: str, error: BaseException) -> None:
    """A retry (`coopact advance`, the portal, advance-all) failed again: the kept failure
    counts one more attempt and holds the latest reason; nothing when none was kept."""
    try:
        with uow:
            row = uow.partnerships.find(reference)
            if row is None or uow.failed_work.of(row) is None:
                return
            uow.failed_work.record(row, stage=row.stage, gate=None, error=cause_of(error))
            uow.commit()
    except Exception as lost:  # the database may be the failure itself
        log.warning("%s: the failed work could not be updated: %s", reference, cause_of(lost))
