"""The acts a closing gate produces after the signature: the committee's minutes, the
conditions adopted, the termination letter and exit statement, the avenant of a renewal,
the amended file once an avenant is signed.

Called by :func:`coopact.services.decisions._record_decision` inside its transaction, the
partnership row locked; writes only through that unit of work.
"""

from __future__ import annotations

import datetime as dt

from coopact.adapters.config import settings
from coopact.contracts.lifecycle import Gate, Outcome, Stage
from coopact.contracts.roles import Role
from coopact.schemas import Partnership
from coopact.services import meetings
from coopact.services._common import SYSTEM, _finding
from coopact.services.avenants import amendment_status, apply_amendment, renewal_avenant
from coopact.services.exits import (
    cancel_calendar_issue,
    exit_documents,
    refused_go,
    signed_agreement,
)
from coopact.services.rounds import open_new_round
from coopact.services.stored_documents import store_documents
from coopact.stages import minutes
from coopact.store.records import PartnershipRow
from coopact.store.uow import UnitOfWork


def review_date(uow: UnitOfWork, row: PartnershipRow) -> dt.date:
    """The date of the review under way: the day it was opened (else the latest date it
    covers; today when unknown)."""
    opened = [
        e
        for e in uow.events.of(row.reference, actions=["review.opened"])
        if e.payload.get("due_on")
    ]
    if not opened:
        return dt.date.today()
    payload = opened[-1].payload
    return dt.date.fromisoformat(payload.get("opened_on") or payload["due_on"])


def _covers(uow: UnitOfWork, row: PartnershipRow) -> list[dt.date]:
    """The periodic review dates the review under way covers."""
    opened = uow.events.of(row.reference, actions=["review.opened"])
    periods = opened[-1].payload.get("periods", []) if opened else []
    return [dt.date.fromisoformat(day) for day in periods]


def after_gate_closed(
    uow: UnitOfWork,
    row: PartnershipRow,
    partnership: Partnership,
    gate: Gate,
    outcome: Outcome,
    round_: int,
    *,
    actor: str,
) -> str:
    """The acts of a gate that just closed; a line for the officer, or ''."""
    if gate is Gate.review:
        return _review_closed(uow, row, partnership, outcome, round_)

    if gate is Gate.renewal:
        if outcome is Outcome.renew:
            return renewal_avenant(uow, row, partnership)
        day = review_date(uow, row)
        ended = [d.partner_key for d in uow.partnerships.decisions(row, gate.value, round_)
                 if d.outcome == Outcome.end.value]  # fmt: skip
        first = ended[0] if ended else None
        return terminate(uow, row, partnership, "end_of_term", day, partner_key=first)
    if gate is Gate.amendment_approval:
        return amendment_status(uow, row, "approved" if outcome is Outcome.approve else "rejected")
    if gate is Gate.amendment_signature:
        if outcome is Outcome.sign and not uow.partnerships.documents(row, "charter"):
            # amended before its governance was set up: back to signed, `advance` sets it up
            message = apply_amendment(uow, row, reissue=False)
            row.stage = Stage.signed.value
            uow.audit("stage.changed", actor=SYSTEM, reference=row.reference,
                      event="avenant_signed_before_activation", stage_from=Stage.active.value,
                      stage_to=Stage.signed.value)  # fmt: skip
            return message + "; governance set-up awaits `coopact advance`"
        if outcome is Outcome.sign:
            return apply_amendment(uow, row)
        return amendment_status(uow, row, "declined")
    if gate is Gate.exit_acknowledgement:
        uow.audit("partnership.closed", actor=SYSTEM, reference=row.reference)
        return "every partner acknowledged the exit statement: the partnership is closed"
    return ""


# --------------------------------------------------------------------------- review
def _review_closed(
    uow: UnitOfWork, row: PartnershipRow, partnership: Partnership, outcome: Outcome, round_: int
) -> str:

    taken = uow.partnerships.decisions(row, Gate.review.value, round_)
    votes = [
        minutes.Vote(d.decider, d.partner_key, d.outcome, d.reason)
        for d in taken
        if d.role == Role.committee_member.value
    ]
    mediated = next(
        (
            minutes.Vote(d.decider, d.partner_key, d.outcome, d.reason)
            for d in reversed(taken)
            if d.role == Role.partnership_officer.value
        ),
        None,
    )
    conditions = uow.acts.conditions(row, round_)
    adopted = outcome is Outcome.go_with_conditions
    seen: set[tuple[str, str, dt.date]] = set()
    unique = []
    for condition in conditions:  # members voting the same condition: adopted once
        key = (" ".join(condition.what.split()).casefold(), condition.owner, condition.due_on)
        condition.adopted = adopted and key not in seen
        if key not in seen:
            unique.append(condition)
        seen.add(key)
    conditions = unique
    day = review_date(uow, row)
    findings = [_finding(f) for f in uow.partnerships.findings(row) if f.stage == "in_review"]
    blocking = any(f.severity == "blocking" for f in findings)
    document = minutes.generate(
        partnership,
        row.reference,
        settings().templates,
        date=day,
        covers=_covers(uow, row),
        votes=votes,
        mediation=mediated,
        outcome=outcome.value,
        conditions=[
            minutes.ConditionView(c.what, c.owner, c.due_on, c.indicator)
            for c in conditions
            if adopted
        ],
        findings=findings,
        closed_on=max((d.decided_at.date() for d in taken), default=day),
        refused=refused_go(uow, row, partnership, votes) if blocking else [],
        signed_clauses=signed_agreement(uow, row)[1],
        meeting=meetings.of_round(uow, row, round_),  # how the committee deliberated
    )
    made = store_documents(uow, row, [document])
    message = f"minutes written ({', '.join(made)})"
    if adopted and conditions:
        message += f"; {len(conditions)} condition(s) adopted, checked at the next review"
    if outcome is Outcome.no_go:
        message += "; " + terminate(uow, row, partnership, "no_go", day)
    return message


# --------------------------------------------------------------------------- exit
def terminate(
    uow: UnitOfWork,
    row: PartnershipRow,
    partnership: Partnership,
    cause: str,
    decided_on: dt.date,
    *,
    partner_key: str | None = None,
) -> str:
    """The exit: termination letter and exit statement, nothing scheduled any more, the
    partners' acknowledgement awaited. The stage is set by the caller's move."""
    effective, documents = exit_documents(uow, row, partnership, cause, decided_on, partner_key)
    cancelled = cancel_calendar_issue(uow, row, partnership)  # nothing stays in the agendas
    made = store_documents(uow, row, documents + ([cancelled] if cancelled else []))
    dropped = unschedule(uow, row)
    row.stage = Stage.terminated.value
    open_new_round(row, [Gate.exit_acknowledgement])
    uow.audit(
        "partnership.exit_started",
        actor=SYSTEM,
        reference=row.reference,
        cause=cause,
        decided_on=decided_on.isoformat(),
        effective_on=effective.isoformat(),
        unscheduled=dropped,
    )
    return (
        f"exit started ({cause}, effective {effective.isoformat()}): {', '.join(made)}; "
        "awaiting exit_acknowledgement from each partner"
    )


def unschedule(uow: UnitOfWork, row: PartnershipRow, since: dt.date | None = None) -> int:
    """Drop what is still scheduled (from ``since`` on, when given); returns how many."""
    return uow.acts.drop_schedule([
        item for item in uow.partnerships.schedule(row)
        if item.done_at is None and (since is None or item.due_on >= since)
    ])  # fmt: skip
