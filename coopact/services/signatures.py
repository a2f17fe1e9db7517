"""Sending the agreement or an avenant to an e-signature provider, and applying its webhooks
once."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from coopact.adapters.signature import (
    Dispatch,
    SignatureEvent,
    SignatureProvider,
    SignatureRequest,
    signers_of,
)
from coopact.adapters.signature.docuseal import DocusealProvider, FetchedFile
from coopact.contracts import deciders
from coopact.contracts.errors import CoopactError, NotFound, Refused
from coopact.contracts.lifecycle import FINAL, Gate, Outcome, Stage
from coopact.contracts.roles import Role
from coopact.services._common import (
    SYSTEM,
    partnership_of,
)
from coopact.services.decision_record import Decide, record_in
from coopact.services.decisions import Channel
from coopact.services.gate_documents import evidence_document, missing_evidence
from coopact.stages.signature import AGREEMENT_ACT, AVENANT_ACT
from coopact.store.records import AuditEventRow, PartnershipRow
from coopact.store.uow import UnitOfWork

# --------------------------------------------------------------------------- signature provider
SIGNATURE_SENT = "signature.sent"
SIGNATURE_PACKET = "signature_packet"
WEBHOOK_ACTOR = "signature provider webhook"


def _dispatches(uow: UnitOfWork, reference: str | None = None) -> list[AuditEventRow]:
    return uow.events.of(reference, actions=[SIGNATURE_SENT])


def _recorded_dispatch(
    uow: UnitOfWork, reference: str, provider: str, sha256: str
) -> Dispatch | None:
    for event in _dispatches(uow, reference):
        payload = event.payload
        if payload.get("provider") == provider and payload.get("agreement_sha256") == sha256:
            return Dispatch(
                provider=provider,
                external_id=str(payload["external_id"]),
                agreement_sha256=sha256,
                submitters=dict(payload.get("submitters") or {}),
            )
    return None


def _dispatch_of_submission(
    uow: UnitOfWork, provider: str, submission_id: str
) -> tuple[str, str, Gate] | None:
    """The partnership reference, the PDF's hash and the gate (the agreement's signature, an
    avenant's) a provider's submission was sent for."""
    for event in _dispatches(uow):
        payload = event.payload
        if (
            payload.get("provider") == provider
            and str(payload.get("external_id")) == submission_id
            and event.reference is not None
        ):
            gate = Gate(str(payload.get("gate") or Gate.signature.value))
            return event.reference, str(payload["agreement_sha256"]), gate
    return None


_SENT_AT = {Stage.formalised: AGREEMENT_ACT, Stage.amendment_signing: AVENANT_ACT}


def _request(uow: UnitOfWork, row: PartnershipRow) -> SignatureRequest:
    """The request for the act the partnership's stage awaits signatures on: its .docx and
    the PDF made from it (the file signed); Refused when either is not written yet."""
    reference = row.reference
    act = _SENT_AT.get(Stage(row.stage), AGREEMENT_ACT)
    source = evidence_document(uow, row, act.source)
    if source is None:
        raise Refused(f"{reference} has no {act.name} yet: run `coopact advance {reference}`")
    signed_pdf = evidence_document(uow, row, act.pdf)
    if signed_pdf is None:
        raise Refused(missing_evidence(uow, row, Gate(act.gate)) or "no PDF to sign")
    partnership = partnership_of(row)
    return SignatureRequest(
        reference=reference,
        title=partnership.title,
        agreement_name=source.filename,
        agreement_docx=source.content,
        agreement_sha256=source.sha256,
        signers=signers_of(partnership),
        agreement_pdf=signed_pdf.content,
        language=source.language,
        gate=act.gate,
    )


def send_for_signature(uow: UnitOfWork, reference: str, provider: SignatureProvider) -> Dispatch:
    """Send the PDF of the act awaiting signatures (the current agreement, once formalised;
    the avenant under way, once approved) to ``provider``, once per PDF hash.

    The dispatch is recorded in the audit log (provider, external id, the PDF's hash, the
    gate); when one is already recorded for the current PDF, nothing is sent again and the
    recorded one is returned. The partnership row stays locked while the provider is
    called, so that two concurrent calls send once.
    """
    with uow:
        row = uow.partnerships.get_for_update(reference)
        request = _request(uow, row)
        recorded = _recorded_dispatch(uow, reference, provider.name, request.signed_sha256)
        if recorded is not None:
            return recorded
        if Stage(row.stage) not in _SENT_AT:
            raise Refused(
                f"the partnership is {row.stage}: the agreement is sent for signature once the "
                "legal approval has formalised it, an avenant once it is approved"
            )
        gate = Gate(request.gate)
        try:
            dispatch = provider.dispatch(request)
        except CoopactError as error:
            uow.rollback()
            uow.audit(
                "signature.failed",
                actor=SYSTEM,
                reference=reference,
                provider=provider.name,
                agreement_sha256=request.signed_sha256,
                reason=error.message,
            )
            uow.commit()
            raise
        uow.audit(
            SIGNATURE_SENT,
            actor=SYSTEM,
            reference=reference,
            provider=dispatch.provider,
            external_id=dispatch.external_id,
            agreement_sha256=dispatch.agreement_sha256,
            submitters=dispatch.submitters,
            gate=gate.value,
        )
        uow.commit()
        return dispatch


def receive_signature_webhook(
    uow: UnitOfWork,
    provider: DocusealProvider,
    headers: Mapping[str, str],
    body: bytes,
    *,
    after_signed: Callable[[str], object] | None = None,
) -> str:
    """Verify one webhook delivery and apply its event, in one transaction, once.

    Raises :class:`~coopact.adapters.signature.docuseal.WebhookRejected` (a SecurityError) when it
    is not authentic or not well formed: nothing is stored. A first-time signature or decline
    is recorded through the rules of :func:`decide`; when they refuse it (another agreement
    version, a gate no longer open...), the refusal and its reason are recorded in the audit
    log together with the event, and :class:`Refused` is raised. A replay changes nothing.
    Once the last signature closes the gate, ``after_signed(reference)`` runs the next
    stage's work (governance set-up), after the commit.
    """
    with uow:
        messages: list[str] = []
        signed: list[str] = []

        def apply(event: SignatureEvent) -> None:
            message, closed_for = _apply_signature_event(uow, provider, event)
            messages.append(message)
            if closed_for is not None:
                signed.append(closed_for)

        try:
            result = provider.receive(headers, body, uow.acts.seen_events(), apply)
        except _EventRefused as refused:
            # Keep the event as seen, with the reason: a redelivery is then a replay.
            uow.audit(
                "refused",
                actor=WEBHOOK_ACTOR,
                reference=refused.reference,
                attempted=f"{provider.name} {refused.event.kind} (event {refused.event.event_id})",
                reason=refused.message,
            )
            uow.commit()
            raise Refused(refused.message) from None
        if not result.applied:
            return f"{result.reason}: nothing changed"
        uow.commit()
    for reference in signed:
        if after_signed is not None:
            try:
                after_signed(reference)
            except CoopactError as error:  # signed all the same; `coopact advance` resumes
                with uow:
                    uow.audit(
                        "stage.work_failed", actor=WEBHOOK_ACTOR, reference=reference,
                        error=error.message,
                    )  # fmt: skip
                    uow.commit()
    return messages[0] if messages else result.reason


def _signer_of(uow: UnitOfWork, row: PartnershipRow, event: SignatureEvent) -> SignatureEvent:
    """The event with the partner and the signatory's name (from the file) of the provider's
    signer id, as the dispatch recorded it; unchanged when the id is not one we sent."""
    for sent in _dispatches(uow, row.reference):
        by_signer = {str(v): k for k, v in (sent.payload.get("submitters") or {}).items()}
        if (
            str(sent.payload.get("external_id")) == event.submission_id
            and event.signer_id in by_signer
        ):
            partner = by_signer[event.signer_id]
            names = {s.partner_key: s.name for s in signers_of(partnership_of(row))}
            return replace(event, partner_key=partner, signer_name=names.get(partner))
    return event


# The kind a provider's signed file is kept as, by the gate it was signed at.
_SIGNED_KIND = {Gate.signature: "signed_agreement", Gate.amendment_signature: "signed_avenant"}


class _EventRefused(Refused):
    def __init__(self, reference: str | None, event: SignatureEvent, message: str) -> None:
        super().__init__(message)
        self.reference = reference
        self.event = event


def _apply_signature_event(
    uow: UnitOfWork, service: DocusealProvider, event: SignatureEvent
) -> tuple[str, str | None]:
    """Record a first-time event inside the webhook's transaction (raises _EventRefused):
    what was done, and the reference of the partnership when the event signed it."""
    provider = service.name
    if event.kind not in ("signed", "declined", "completed"):
        return f"event {event.event_id} is not about a signature: nothing to apply", None
    sent = _dispatch_of_submission(uow, provider, event.submission_id)
    if sent is None:
        unknown = event.submission_id or "?"
        raise _EventRefused(None, event, f"{provider} submission {unknown} was not sent by coopact")
    reference, sent_sha, gate = sent
    try:
        row = uow.partnerships.get_for_update(reference)
    except NotFound as error:
        raise _EventRefused(reference, event, error.message) from None
    if event.kind == "completed":
        return _keep_completed(uow, service, row, event, sent_sha, gate), None
    event = _signer_of(uow, row, event) if event.signer_id else event  # Yousign's signer id
    if not event.partner_key or not event.signer_name:
        unnamed = f"{provider} event {event.event_id} names no signatory"
        raise _EventRefused(reference, event, unnamed)
    decider = deciders.Decider(event.signer_name, Role.signatory, event.partner_key)
    if event.kind == "signed":
        outcome = Outcome.sign
        reason = f"signed with {provider} (submission {event.submission_id})"
    else:
        outcome = Outcome.decline
        reason = f"declined with {provider} (submission {event.submission_id})" + (
            f": {event.reason}" if event.reason else ""
        )
    try:
        with uow.acts.savepoint():  # a refusal leaves nothing of this event but its id
            decision = record_in(uow, row, Decide(
                reference, gate, decider, outcome, reason,
                document_sha256=event.document_sha256 or sent_sha,
                actor=f"{WEBHOOK_ACTOR} ({provider})",
                channel=Channel(
                    "webhook", {"provider": provider, "submission": str(event.submission_id)}
                ),
            ))  # fmt: skip
    except _EventRefused:
        raise
    except Refused as refusal:
        raise _EventRefused(reference, event, refusal.message) from None
    closed = decision.gate_closed and Stage(decision.stage) not in FINAL
    return f"{reference}: {decision.message}", reference if closed else None


def _keep_completed(
    uow: UnitOfWork,
    service: DocusealProvider,
    row: PartnershipRow,
    event: SignatureEvent,
    sent_sha: str,
    gate: Gate,
) -> str:
    """A completed submission: its signed documents and audit certificate kept with their
    hashes, in the audit chain; what was done."""
    provider = service.name
    reference = row.reference
    # The signed documents and the provider's audit certificate are kept with their
    # hashes; a download failure rolls the event back, so the provider's retry applies it.
    completed = service.fetch_completed(event.submission_id)
    files = [*completed.documents, completed.audit_log, completed.combined_document]
    kept = [
        _keep_signed_file(
            uow,
            row,
            f,
            "signature_certificate" if f is completed.audit_log else _SIGNED_KIND[gate],
        )
        for f in files
        if f is not None
    ]
    uow.audit(
        "signature.completed",
        actor=WEBHOOK_ACTOR,
        reference=reference,
        provider=provider,
        external_id=event.submission_id,
        agreement_sha256=sent_sha,
        files=kept,
    )
    return f"{reference}: {provider} submission {event.submission_id} completed"


def _keep_signed_file(
    uow: UnitOfWork, row: PartnershipRow, file: FetchedFile, kind: str
) -> dict[str, str]:
    """Store one file fetched from the provider as a document version; returns its name and hash."""
    existing = uow.partnerships.documents(row, kind)
    if not any(d.sha256 == file.sha256 for d in existing):
        uow.acts.add_document(
            row,
            kind=kind,
            version=max((d.version for d in existing), default=0) + 1,
            language=row.spec.get("language", "fr"),
            filename=file.name if file.name.endswith(".pdf") else f"{file.name}.pdf",
            media_type="application/pdf",
            sha256=file.sha256,
            inputs_sha256=file.sha256,
            spec_sha256=row.spec_sha256,
            inputs={"source": "e-signature provider", "name": file.name},
            content=file.content,
        )
        uow.flush()
    return {"kind": kind, "name": file.name, "sha256": file.sha256}
