"""What `status` shows of the life after the signature: the term, the renewal, the
conditions adopted, the reviews overdue, the avenants."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from contracts import renewal
from schemas import Partnership
from store import audit
from store.tables import AmendmentRow, ConditionRow, PartnershipRow
from store.uow import UnitOfWork


def after_signature_status(
    uow: UnitOfWork, row: PartnershipRow, partnership: Partnership
) -> dict[str, Any]:
    events = audit.events(uow.session, row.reference)
    reviewed = [
        dt.date.fromisoformat(e.payload["opened_on"])
        for e in events
        if e.action == "review.opened" and e.payload.get("opened_on")
    ]
    today = max([dt.date.today(), *reviewed])  # the latest review may be dated ahead
    conditions = []
    for number, c in enumerate(conditions_of(uow, row), start=1):
        if c.met_on is not None:
            state = f"met on {c.met_on.isoformat()}"
        elif c.due_on < today:
            state = f"not met by {c.due_on.isoformat()}"
        else:
            state = "open"
        conditions.append(
            {
                "number": number,
                "what": c.what,
                "owner": c.owner,
                "due_on": c.due_on.isoformat(),
                "indicator": c.indicator,
                "met_on": c.met_on.isoformat() if c.met_on else None,
                "state": state,
            }
        )
    overdue = [
        f"review of {e.payload['due_on']} overdue since {e.payload['due_on']}"
        + (" (covered by the review opened on " if e.payload.get("covered_by")
           else " (noticed on ") + f"{e.payload.get('noticed_on')})"
        for e in events
        if e.action == "review.overdue"
    ]  # fmt: skip
    notices = [
        {"partner": e.payload.get("partner"), "given_on": e.payload.get("given_on")}
        for e in events
        if e.action == "renewal.notice_given"
        and e.payload.get("end_date") == partnership.end_date.isoformat()
    ]
    avenants = [
        {
            "number": a.number,
            "kind": a.kind,
            "status": a.status,
            "effective_on": a.effective_on.isoformat(),
            "changed": list(a.changed)[:20],
        }
        for a in uow.session.scalars(
            select(AmendmentRow)
            .where(AmendmentRow.partnership_id == row.id)
            .order_by(AmendmentRow.number)
        )
    ]
    next_reviews = [
        s.due_on.isoformat()
        for s in uow.partnerships.schedule(row)
        if s.done_at is None and s.kind == "review"
    ][:5]
    return {
        "end_date": partnership.end_date.isoformat(),
        "next_reviews": next_reviews,
        "renewal": {
            "kind": partnership.renewal.value,
            "notice_deadline": renewal.notice_deadline(partnership).isoformat(),
            "notices": notices,
        },
        "conditions": conditions,
        "overdue": overdue,
        "avenants": avenants,
    }


def conditions_of(uow: UnitOfWork, row: PartnershipRow) -> list[ConditionRow]:
    """The conditions adopted at go_with_conditions reviews, by due date."""
    return list(
        uow.session.scalars(
            select(ConditionRow)
            .where(ConditionRow.partnership_id == row.id, ConditionRow.adopted.is_(True))
            .order_by(ConditionRow.due_on, ConditionRow.id)
        )
    )
