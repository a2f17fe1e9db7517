"""Which partnerships have automatic work to do (the bulk `advance-all` flow reads it).

A partnership not terminated nor closed has work to do when no stage work was recorded
(audit action ``stage.work``) since the last event that can give it some (registered,
amended, a stage changed, a decision recorded, an avenant or the signatures completed, a
renewal opened), when the work a decision set going failed and waits to be retried
(:mod:`store.failed_work`), or when a dated event of its schedule is due and not done. A decision
that does not close its gate counts too: advancing then changes nothing (the work is
idempotent), it only costs a run.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from coopact.store.audit_tables import AuditEventRow
from coopact.store.failed_work import FailedWorkRow
from coopact.store.tables import PartnershipRow, ScheduleRow

FINAL = ("terminated", "closed")
GIVES_WORK = (
    "partnership.registered",
    "partnership.amended",
    "stage.changed",
    "decision.recorded",
    "avenant.signed",
    "signature.completed",
    "renewal.opened",
)


def references_with_automatic_work(session: Session, today: dt.date) -> list[str]:
    """The references, in order, of the partnerships with automatic work to do on ``today``."""
    last_work = (
        select(AuditEventRow.reference, func.max(AuditEventRow.seq).label("seq"))
        .where(AuditEventRow.action == "stage.work")
        .group_by(AuditEventRow.reference)
        .subquery()
    )
    last_cause = (
        select(AuditEventRow.reference, func.max(AuditEventRow.seq).label("seq"))
        .where(AuditEventRow.action.in_(GIVES_WORK))
        .group_by(AuditEventRow.reference)
        .subquery()
    )
    due = (
        select(ScheduleRow.partnership_id)
        .where(ScheduleRow.due_on <= today, ScheduleRow.done_at.is_(None))
        .distinct()
        .subquery()
    )
    query = (
        select(PartnershipRow.reference)
        .outerjoin(last_work, last_work.c.reference == PartnershipRow.reference)
        .outerjoin(last_cause, last_cause.c.reference == PartnershipRow.reference)
        .outerjoin(due, due.c.partnership_id == PartnershipRow.id)
        .outerjoin(FailedWorkRow, FailedWorkRow.partnership_id == PartnershipRow.id)
        .where(PartnershipRow.stage.not_in(FINAL))
        .where(
            or_(
                last_work.c.seq.is_(None),
                last_cause.c.seq > last_work.c.seq,
                due.c.partnership_id.is_not(None),
                FailedWorkRow.id.is_not(None),
            )
        )
        .order_by(PartnershipRow.reference)
    )
    return list(session.scalars(query))
