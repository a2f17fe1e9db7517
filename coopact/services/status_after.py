"""What `status` shows of the life after the signature: the term, the renewal, the
conditions adopted, the reviews overdue, the avenants.

The facts are read for many partnerships at once (:func:`after_signature_facts`: three
queries whatever their number, and of the audit log only the few events it shows), then
shown by a pure function of them (:func:`after_signature_status`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from contracts import renewal
from schemas import Term
from store.repository import among, plain_rows
from store.tables import AmendmentRow, AuditEventRow, ConditionRow, PartnershipRow
from store.uow import UnitOfWork

# The audit events the after-signature view shows; no other event is read.
SHOWN_EVENTS = ("review.opened", "review.overdue", "renewal.notice_given")


@dataclass
class AfterSignatureFacts:
    """One partnership's events (``SHOWN_EVENTS``, in chain order), adopted conditions (by
    due date) and avenants (by number), as plain rows."""

    events: list[Any] = field(default_factory=list)
    conditions: list[Any] = field(default_factory=list)
    avenants: list[Any] = field(default_factory=list)


def after_signature_facts(
    session: Session, partnerships: Sequence[tuple[int, str]]
) -> dict[int, AfterSignatureFacts]:
    """The facts of each (id, reference), in three queries."""
    facts = {pid: AfterSignatureFacts() for pid, _ in partnerships}
    if not facts:
        return facts
    by_reference = {reference: pid for pid, reference in partnerships}
    ids = list(facts)
    for event in plain_rows(
        session,
        select(AuditEventRow.reference, AuditEventRow.action, AuditEventRow.payload)
        .where(among(session, AuditEventRow.reference, by_reference),
               AuditEventRow.action.in_(SHOWN_EVENTS))
        .order_by(AuditEventRow.seq)
    ):  # fmt: skip
        facts[by_reference[event.reference]].events.append(event)
    for condition in plain_rows(
        session,
        select(ConditionRow.partnership_id, ConditionRow.what, ConditionRow.owner,
               ConditionRow.due_on, ConditionRow.indicator, ConditionRow.met_on)
        .where(among(session, ConditionRow.partnership_id, ids), ConditionRow.adopted.is_(True))
        .order_by(ConditionRow.partnership_id, ConditionRow.due_on, ConditionRow.id)
    ):  # fmt: skip
        facts[condition.partnership_id].conditions.append(condition)
    for avenant in plain_rows(
        session,
        select(AmendmentRow.partnership_id, AmendmentRow.number, AmendmentRow.kind,
               AmendmentRow.status, AmendmentRow.effective_on, AmendmentRow.changed)
        .where(among(session, AmendmentRow.partnership_id, ids))
        .order_by(AmendmentRow.partnership_id, AmendmentRow.number)
    ):  # fmt: skip
        facts[avenant.partnership_id].avenants.append(avenant)
    return facts


def after_signature_status(
    term: Term, facts: AfterSignatureFacts, open_schedule: Sequence[Any]
) -> dict[str, Any]:
    """The after-signature part of a StatusView; ``open_schedule``: the partnership's
    schedule items not done yet, by date, their ``due_on`` as ISO text."""
    events = facts.events
    reviewed = [
        dt.date.fromisoformat(e.payload["opened_on"])
        for e in events
        if e.action == "review.opened" and e.payload.get("opened_on")
    ]
    today = max([dt.date.today(), *reviewed])  # the latest review may be dated ahead
    conditions = []
    for number, c in enumerate(facts.conditions, start=1):
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
    end = term.end_date.isoformat()
    notices = [
        {"partner": e.payload.get("partner"), "given_on": e.payload.get("given_on")}
        for e in events
        if e.action == "renewal.notice_given" and e.payload.get("end_date") == end
    ]
    avenants = [
        {
            "number": a.number,
            "kind": a.kind,
            "status": a.status,
            "effective_on": a.effective_on.isoformat(),
            "changed": list(a.changed)[:20],
        }
        for a in facts.avenants
        if a.kind != "renewal_terms"  # the new term's terms, carried by the renewal avenant
    ]
    next_reviews = [s.due_on for s in open_schedule if s.kind == "review"][:5]
    return {
        "end_date": end,
        "next_reviews": next_reviews,
        "renewal": {
            "kind": term.renewal.value,
            "notice_deadline": renewal.notice_deadline(term).isoformat(),
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
