"""Formalised -> signed: hand the approved agreement to the signatories.

The embedded default is the ``manual`` provider: a signature packet (the .docx, its PDF
when LibreOffice is installed, a manifest with the SHA-256 of each file), prepared once per
agreement version (LibreOffice's PDF is not byte-reproducible, so it is not redone). Each signatory
then records their signature against the agreement's hash with ``coopact decide``.
"""

from __future__ import annotations

from coopact.adapters.documents import pdf
from coopact.adapters.signature import SignatureRequest, signers_of
from coopact.adapters.signature.manual import ManualProvider
from coopact.contracts.errors import Refused
from coopact.schemas import Partnership
from coopact.stages.base import GeneratedDocument, StageOutput, WorkContext

KIND = "signature_packet"
AGREEMENT = "agreement"


def run(partnership: Partnership, ctx: WorkContext) -> StageOutput:
    language = partnership.language.value
    agreement = ctx.latest(AGREEMENT, language)
    if agreement is None or agreement.content is None:
        raise Refused(
            f"{ctx.reference} has no agreement to sign: run `coopact advance` at stage balanced"
        )
    prepared = ctx.latest(KIND, language)
    if prepared is not None and agreement.sha256[:12] in prepared.filename:
        return StageOutput(
            summary=(
                f"signature packet v{prepared.version} already prepared for this agreement version"
            )
        )
    request = SignatureRequest(
        reference=ctx.reference,
        title=partnership.title,
        agreement_name=agreement.filename,
        agreement_docx=agreement.content,
        agreement_sha256=agreement.sha256,
        signers=signers_of(partnership),
        agreement_pdf=pdf.docx_to_pdf(agreement.content, name=agreement.filename)
        if pdf.available()
        else None,
        language=language,
        audit_head=ctx.audit_head,
    )
    dispatch = ManualProvider().dispatch(request)
    assert dispatch.packet is not None and dispatch.packet_name is not None
    packet = GeneratedDocument(
        kind=KIND,
        language=language,
        filename=dispatch.packet_name,
        media_type="application/zip",
        content=dispatch.packet,
        inputs={
            "agreement_sha256": agreement.sha256,
            "provider": dispatch.provider,
            "audit_head": dict(ctx.audit_head) if ctx.audit_head else None,
        },
    )
    return StageOutput(
        documents=[packet],
        summary=(
            f"signature packet ready for {len(request.signers)} signatories; each signs "
            f"agreement v{agreement.version} (sha256 {agreement.sha256[:12]}…)"
        ),
    )
