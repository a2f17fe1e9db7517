"""Avenants: drafted from an amended file (or a renewal), approved, signed; once signed the
partnership's file, schedule, charter and calendar become the amended ones."""

from __future__ import annotations

import datetime as dt
from typing import Any

from coopact.adapters.config import settings
from coopact.contracts.amendment import renewal_term_months, renewed_spec
from coopact.contracts.calendar_dates import History
from coopact.contracts.lifecycle import Gate
from coopact.schemas import Partnership
from coopact.services._common import SYSTEM, canonical_spec, differences, spec_hash
from coopact.services.exits import mail_calendar, signed_agreement
from coopact.services.rounds import open_new_round
from coopact.services.stored_documents import store_documents
from coopact.stages import avenant, governance
from coopact.stages.base import WorkContext
from coopact.store.records import AmendmentRow, PartnershipRow
from coopact.store.uow import UnitOfWork


# --------------------------------------------------------------------------- avenants
def pending_amendment(uow: UnitOfWork, row: PartnershipRow) -> AmendmentRow | None:
    return uow.acts.pending_amendment(row)


def _next_number(uow: UnitOfWork, row: PartnershipRow) -> int:
    return max(uow.acts.amendment_numbers(row), default=0) + 1


def draft_avenant(
    uow: UnitOfWork,
    row: PartnershipRow,
    after: Partnership,
    *,
    kind: str,
    effective_on: dt.date,
    status: str,
    decision: str | None = None,
    renewals: list[tuple[str, dt.date]] | None = None,
) -> tuple[AmendmentRow, list[str]]:
    """Record an avenant (amendment or renewal) and write its .docx, with the consolidated
    agreement it leaves."""
    before = Partnership.model_validate(row.spec)
    spec = {**canonical_spec(after), "reference": row.reference}
    changed = differences({**row.spec, "reference": row.reference}, spec)
    number = _next_number(uow, row)
    amendment = uow.acts.add_amendment(
        row,
        number=number,
        kind=kind,
        status=status,
        spec=spec,
        spec_sha256=spec_hash(spec),
        changed=changed,
        effective_on=effective_on,
    )
    signed_on, clauses = signed_agreement(uow, row)
    facts = avenant.AvenantFacts(
        number=number, kind=kind, changed=changed, effective_on=effective_on,
        signed_on=signed_on, signed_clauses=clauses, decision=decision,
        renewals=renewals or [],
    )  # fmt: skip
    templates = settings().templates
    documents = [avenant.generate(before, after, row.reference, templates, facts)]
    if kind != "renewal":  # a renewal is a new contract: its act states the new term
        documents.append(avenant.consolidated(after, row.reference, templates, facts))
    made = store_documents(uow, row, documents)
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


def renewal_terms(uow: UnitOfWork, row: PartnershipRow) -> AmendmentRow | None:
    """The terms the officer set for the new term while the renewal is under way (a draft
    amendment of kind ``renewal_terms``), or None."""
    return uow.acts.renewal_terms(row)


def renewal_avenant(uow: UnitOfWork, row: PartnershipRow, partnership: Partnership) -> str:

    first = uow.acts.first_renewal(row)
    # A renewal is for the length of the term renewed the first time (that avenant doubled it).
    first_term = int(first.spec["duration_months"]) // 2 if first else None
    months = renewal_term_months(partnership, first_term)
    terms = renewal_terms(uow, row)
    base = terms.spec if terms is not None else row.spec
    if terms is not None:
        terms.status = "adopted"
    after = Partnership.model_validate(renewed_spec(base, months))
    effective = partnership.end_date + dt.timedelta(days=1)
    names = {p.key: p.name for p in partnership.partners}
    round_ = int((row.rounds or {}).get(Gate.renewal.value, 1))
    renewals = [
        (names.get(d.partner_key or "", d.decider), d.decided_at.date())
        for d in uow.partnerships.decisions(row, Gate.renewal.value, round_)
        if d.outcome == "renew"
    ]
    amendment, made = draft_avenant(
        uow, row, after, kind="renewal", effective_on=effective, status="approved",
        renewals=renewals,
    )  # fmt: skip
    open_new_round(row, [Gate.amendment_signature])
    return (
        f"avenant de renouvellement n° {amendment.number} written ({', '.join(made)}); "
        "awaiting amendment_signature from every signatory"
    )


def amendment_status(uow: UnitOfWork, row: PartnershipRow, status: str) -> str:
    amendment = pending_amendment(uow, row)
    if amendment is None:
        return ""
    amendment.status = status
    uow.audit(f"avenant.{status}", actor=SYSTEM, reference=row.reference, number=amendment.number)
    if status == "approved":
        open_new_round(row, [Gate.amendment_signature])
        return f"avenant n° {amendment.number} approved; awaiting amendment_signature"
    return f"avenant n° {amendment.number} {status}; the agreement stays as signed"


def apply_amendment(uow: UnitOfWork, row: PartnershipRow, *, reissue: bool = True) -> str:
    """Once an avenant is signed: the partnership's file becomes the amended one, the
    schedule from the effective date is redone, the charter and calendar re-issued. The
    agreement stays as signed (its document versions are kept as they are)."""
    amendment = pending_amendment(uow, row)
    if amendment is None:
        return ""
    amendment.status = "signed"
    if not reissue:  # nothing issued yet: the governance set-up will issue it all
        row.spec, row.spec_sha256 = amendment.spec, amendment.spec_sha256
        uow.audit("avenant.signed", actor=SYSTEM, reference=row.reference,
                  number=amendment.number, kind=amendment.kind,
                  effective_on=amendment.effective_on.isoformat(),
                  spec_sha256=row.spec_sha256)  # fmt: skip
        return f"avenant n° {amendment.number} signed"
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


def reviews_held(uow: UnitOfWork, row: PartnershipRow, before: dt.date) -> list[dt.date]:
    """The days the reviews opened before ``before`` were held (the audit chain)."""
    days = []
    for event in uow.events.of(row.reference, actions=["review.opened"]):
        day = event.payload.get("opened_on") or event.payload.get("due_on")
        if day and dt.date.fromisoformat(day) < before:
            days.append(dt.date.fromisoformat(day))
    return sorted(set(days))


def adopt_spec(
    uow: UnitOfWork, row: PartnershipRow, spec: dict[str, Any], effective: dt.date
) -> tuple[Partnership, list[str], int]:
    """Make ``spec`` the partnership's file from ``effective``: reschedule from that date
    (renewal reminders, notice and end of term of the new term), re-issue the governance
    charter and the calendar."""
    before = Partnership.model_validate(row.spec)
    row.spec = spec
    row.spec_sha256 = spec_hash(spec)
    after = Partnership.model_validate(spec)
    row.title = after.title
    uow.acts.drop_schedule([
        item for item in uow.partnerships.schedule(row)
        if item.done_at is None and (item.due_on >= effective or item.kind in RENEWAL_ITEMS)
    ])  # fmt: skip
    ctx = WorkContext(
        reference=row.reference,
        templates=settings().templates,
        today=effective,
        generated_at=dt.datetime.now(dt.UTC),  # the re-issued calendar's DTSTAMP
    )
    previous = uow.partnerships.latest_document(row, "calendar")
    output = governance.run(
        after,
        ctx,
        history=History(
            since=effective,
            held=tuple(reviews_held(uow, row, effective)),
            rituals=tuple(before.governance.rituals),
        ),
        previous=previous.content if previous is not None else None,
    )
    made = store_documents(uow, row, output.documents)

    for document in output.documents:
        if document.kind == "calendar":  # its attendees' agendas follow the avenant
            mail_calendar(uow, row, after, document, template="calendar_update")
    known = {(s.kind, s.subject, s.due_on) for s in uow.partnerships.schedule(row)}
    added = 0
    for item in output.schedule:
        if item.due_on >= effective and (item.kind, item.subject, item.due_on) not in known:
            uow.acts.add_schedule(row, item.kind, item.subject, item.due_on)
            added += 1
    uow.flush()
    return after, made, added
