"""The acts a closing gate produces after the signature: the committee's minutes, the
conditions adopted, the termination letter and exit statement, the avenant of a renewal,
the amended file once an avenant is signed.

Called by :func:`coopact.services.decisions._record_decision` inside its transaction, the
partnership row locked; writes only through that unit of work.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from contracts import decisions as rules
from contracts.lifecycle import Gate, Outcome, Stage
from coopact.config import settings
from coopact.services._common import SYSTEM, _finding, canonical_spec, differences, spec_hash
from coopact.stages.base import GeneratedDocument, WorkContext
from schemas import Partnership
from store import audit
from store.tables import (
    AmendmentRow,
    ConditionRow,
    DocumentRow,
    PartnershipRow,
    ScheduleRow,
)
from store.uow import UnitOfWork


def store_documents(
    uow: UnitOfWork, row: PartnershipRow, documents: list[GeneratedDocument]
) -> list[str]:
    """New versions of ``documents``, recorded in the audit log; returns their labels."""
    created = []
    for document in documents:
        version = (
            max((d.version for d in uow.partnerships.documents(row, document.kind)), default=0) + 1
        )
        uow.session.add(
            DocumentRow(
                partnership_id=row.id,
                kind=document.kind,
                version=version,
                language=document.language,
                filename=document.filename,
                media_type=document.media_type,
                sha256=document.sha256,
                inputs_sha256=document.inputs_sha256,
                spec_sha256=row.spec_sha256,
                inputs=json.loads(json.dumps(document.inputs, default=str, ensure_ascii=False)),
                content=document.content,
            )
        )
        uow.audit(
            "document.generated",
            actor=SYSTEM,
            reference=row.reference,
            kind=document.kind,
            version=version,
            language=document.language,
            sha256=document.sha256,
        )
        created.append(f"{document.kind} v{version} ({document.language})")
    uow.session.flush()
    return created


def review_date(uow: UnitOfWork, row: PartnershipRow) -> dt.date:
    """The date of the review under way: the day it was opened (else the latest date it
    covers; today when unknown)."""
    opened = [
        e
        for e in audit.events(uow.session, row.reference)
        if e.action == "review.opened" and e.payload.get("due_on")
    ]
    if not opened:
        return dt.date.today()
    payload = opened[-1].payload
    return dt.date.fromisoformat(payload.get("opened_on") or payload["due_on"])


def _covers(uow: UnitOfWork, row: PartnershipRow) -> list[str]:
    opened = [e for e in audit.events(uow.session, row.reference) if e.action == "review.opened"]
    return list(opened[-1].payload.get("covers", [])) if opened else []


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
            return _renewal_avenant(uow, row, partnership)
        day = review_date(uow, row)
        return terminate(uow, row, partnership, "end_of_term", day)
    if gate is Gate.amendment_approval:
        return _amendment_status(uow, row, "approved" if outcome is Outcome.approve else "rejected")
    if gate is Gate.amendment_signature:
        if outcome is Outcome.sign:
            return apply_amendment(uow, row)
        return _amendment_status(uow, row, "declined")
    if gate is Gate.exit_acknowledgement:
        uow.audit("partnership.closed", actor=SYSTEM, reference=row.reference)
        return "every partner acknowledged the exit statement: the partnership is closed"
    return ""


# --------------------------------------------------------------------------- review
def _review_closed(
    uow: UnitOfWork, row: PartnershipRow, partnership: Partnership, outcome: Outcome, round_: int
) -> str:
    from coopact.stages import minutes

    taken = uow.partnerships.decisions(row, Gate.review.value, round_)
    votes = [
        minutes.Vote(d.decider, d.partner_key, d.outcome, d.reason)
        for d in taken
        if d.role == rules.Role.committee_member.value
    ]
    mediated = next(
        (
            minutes.Vote(d.decider, d.partner_key, d.outcome, d.reason)
            for d in reversed(taken)
            if d.role == rules.Role.partnership_officer.value
        ),
        None,
    )
    conditions = list(
        uow.session.scalars(
            select(ConditionRow)
            .where(ConditionRow.partnership_id == row.id, ConditionRow.round == round_)
            .order_by(ConditionRow.id)
        )
    )
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
    from coopact.services.decisions import open_new_round
    from coopact.stages import exit_acts

    effective = exit_acts.effective_date(partnership, cause, decided_on)
    templates = settings().templates
    documents = [
        exit_acts.letter(
            partnership,
            row.reference,
            templates,
            cause=cause,
            decided_on=decided_on,
            effective_on=effective,
            partner_key=partner_key,
        ),
        exit_acts.statement(
            partnership,
            row.reference,
            templates,
            cause=cause,
            decided_on=decided_on,
            effective_on=effective,
        ),
    ]
    made = store_documents(uow, row, documents)
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
    dropped = 0
    for item in uow.partnerships.schedule(row):
        if item.done_at is None and (since is None or item.due_on >= since):
            uow.session.delete(item)
            dropped += 1
    uow.session.flush()
    return dropped


# --------------------------------------------------------------------------- avenants
def pending_amendment(uow: UnitOfWork, row: PartnershipRow) -> AmendmentRow | None:
    return uow.session.scalar(
        select(AmendmentRow)
        .where(
            AmendmentRow.partnership_id == row.id,
            AmendmentRow.status.in_(("proposed", "approved")),
        )
        .order_by(AmendmentRow.number.desc())
    )


def _next_number(uow: UnitOfWork, row: PartnershipRow) -> int:
    numbers = uow.session.scalars(
        select(AmendmentRow.number).where(AmendmentRow.partnership_id == row.id)
    ).all()
    return max(numbers, default=0) + 1


def draft_avenant(
    uow: UnitOfWork,
    row: PartnershipRow,
    after: Partnership,
    *,
    kind: str,
    effective_on: dt.date,
    status: str,
) -> tuple[AmendmentRow, list[str]]:
    """Record an avenant (amendment or renewal) and write its .docx."""
    from coopact.stages import avenant

    before = Partnership.model_validate(row.spec)
    spec = {**canonical_spec(after), "reference": row.reference}
    changed = differences({**row.spec, "reference": row.reference}, spec)
    number = _next_number(uow, row)
    amendment = AmendmentRow(
        partnership_id=row.id,
        number=number,
        kind=kind,
        status=status,
        spec=spec,
        spec_sha256=spec_hash(spec),
        changed=changed,
        effective_on=effective_on,
    )
    uow.session.add(amendment)
    document = avenant.generate(
        before,
        after,
        row.reference,
        settings().templates,
        number=number,
        kind=kind,
        changed=changed,
        effective_on=effective_on,
    )
    made = store_documents(uow, row, [document])
    uow.audit(
        "avenant.drafted",
        actor=SYSTEM,
        reference=row.reference,
        number=number,
        kind=kind,
        changed=changed[:50],
        effective_on=effective_on.isoformat(),
        spec_sha256=amendment.spec_sha256,
    )
    return amendment, made


def _renewal_avenant(uow: UnitOfWork, row: PartnershipRow, partnership: Partnership) -> str:
    from contracts.amendment import renewal_term_months, renewed_spec
    from coopact.services.decisions import open_new_round

    first = uow.session.scalar(
        select(AmendmentRow)
        .where(AmendmentRow.partnership_id == row.id, AmendmentRow.kind == "renewal")
        .order_by(AmendmentRow.number)
    )
    # A renewal is for the length of the term renewed the first time (that avenant doubled it).
    first_term = int(first.spec["duration_months"]) // 2 if first else None
    months = renewal_term_months(partnership, first_term)
    after = Partnership.model_validate(renewed_spec(row.spec, months))
    effective = partnership.end_date + dt.timedelta(days=1)
    amendment, made = draft_avenant(
        uow, row, after, kind="renewal", effective_on=effective, status="approved"
    )
    open_new_round(row, [Gate.amendment_signature])
    return (
        f"avenant de renouvellement n° {amendment.number} written ({', '.join(made)}); "
        "awaiting amendment_signature from every signatory"
    )


def _amendment_status(uow: UnitOfWork, row: PartnershipRow, status: str) -> str:
    amendment = pending_amendment(uow, row)
    if amendment is None:
        return ""
    amendment.status = status
    uow.audit(f"avenant.{status}", actor=SYSTEM, reference=row.reference, number=amendment.number)
    if status == "approved":
        from coopact.services.decisions import open_new_round

        open_new_round(row, [Gate.amendment_signature])
        return f"avenant n° {amendment.number} approved; awaiting amendment_signature"
    return f"avenant n° {amendment.number} {status}; the agreement stays as signed"


def apply_amendment(uow: UnitOfWork, row: PartnershipRow) -> str:
    """Once an avenant is signed: the partnership's file becomes the amended one, the
    schedule from the effective date is redone, the charter and calendar re-issued. The
    agreement stays as signed (its document versions are kept as they are)."""
    amendment = pending_amendment(uow, row)
    if amendment is None:
        return ""
    amendment.status = "signed"
    after, made, added = adopt_spec(uow, row, amendment.spec, amendment.effective_on)
    uow.audit(
        "avenant.signed",
        actor=SYSTEM,
        reference=row.reference,
        number=amendment.number,
        kind=amendment.kind,
        effective_on=amendment.effective_on.isoformat(),
        end_date=after.end_date.isoformat(),
        spec_sha256=row.spec_sha256,
        scheduled=added,
    )
    return (
        f"avenant n° {amendment.number} signed: the partnership now runs to "
        f"{after.end_date.isoformat()}; {', '.join(made)}; {added} dated items scheduled"
    )


RENEWAL_ITEMS = ("renewal_notice", "renewal_reminder", "term_end")


def adopt_spec(
    uow: UnitOfWork, row: PartnershipRow, spec: dict, effective: dt.date
) -> tuple[Partnership, list[str], int]:
    """Make ``spec`` the partnership's file from ``effective``: reschedule from that date
    (renewal reminders, notice and end of term of the new term), re-issue the governance
    charter and the calendar."""
    from coopact.stages import governance

    row.spec = spec
    row.spec_sha256 = spec_hash(spec)
    after = Partnership.model_validate(spec)
    row.title = after.title
    for item in uow.partnerships.schedule(row):
        if item.done_at is None and (item.due_on >= effective or item.kind in RENEWAL_ITEMS):
            uow.session.delete(item)
    uow.session.flush()
    ctx = WorkContext(reference=row.reference, templates=settings().templates, today=effective)
    output = governance.run(after, ctx)
    made = store_documents(uow, row, output.documents)
    known = {(s.kind, s.subject, s.due_on) for s in uow.partnerships.schedule(row)}
    added = 0
    for item in output.schedule:
        if item.due_on >= effective and (item.kind, item.subject, item.due_on) not in known:
            uow.session.add(
                ScheduleRow(
                    partnership_id=row.id, kind=item.kind, subject=item.subject, due_on=item.due_on
                )
            )
            added += 1
    uow.session.flush()
    return after, made, added
