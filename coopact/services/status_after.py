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
from typing import TYPE_CHECKING, Any

from coopact.contracts import renewal
from coopact.schemas.term import Term

if TYPE_CHECKING:  # annotations only: `status REF` reads without the ORM (store/reading.py)
    from coopact.store.reading import ReadOnlyUnitOfWork
    from coopact.store.uow import UnitOfWork

    Reads = UnitOfWork | ReadOnlyUnitOfWork

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
    uow: Reads, partnerships: Sequence[tuple[int, str]]
) -> dict[int, AfterSignatureFacts]:
    """The facts of each (id, reference), in three queries."""
    facts = {pid: AfterSignatureFacts() for pid, _ in partnerships}
    by_reference = {reference: pid for pid, reference in partnerships}
    rows = uow.status.after_signature(list(facts), list(by_reference), SHOWN_EVENTS)
    for event in rows.events:
        facts[by_reference[event.reference]].events.append(event)
    for condition in rows.conditions:
        facts[condition.partnership_id].conditions.append(condition)
    for avenant in rows.avenants:
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
    conditions = _conditions_shown(facts.conditions, today)
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


def _conditions_shown(adopted: Sequence[Any], today: dt.date) -> list[dict[str, Any]]:
    """The adopted conditions, numbered from 1, each met, not met by its date, or open."""
    conditions = []
    for number, c in enumerate(adopted, start=1):
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
    return conditions


def conditions_of(uow: UnitOfWork, row: Any) -> list[Any]:
    """The conditions adopted at go_with_conditions reviews, by due date."""
    return uow.status.adopted_conditions(row.id)
