"""Formalised -> signed: hand the approved agreement to the signatories.

The signatories read and sign the agreement's PDF: LibreOffice makes it once per
agreement version and it is stored as a document of its own (``agreement_pdf``), so that its
SHA-256 is the one every signature names, re-hashed whenever it is read, and verifiable by
anyone holding the file (`coopact documents verify`). LibreOffice's PDF is not
byte-reproducible: it is made once and never redone for the same agreement. Without
LibreOffice the PDF cannot be made and the work says so (exit 3): there is no signature
without it.

The embedded default is the ``manual`` provider: a signature packet (the PDF signed, the
.docx it was made from, a manifest with the SHA-256 of each file). Each signatory then
records their signature against the PDF's hash with ``coopact decide`` or their link.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from coopact.adapters.documents import pdf
from coopact.adapters.signature import SignatureRequest, signers_of
from coopact.adapters.signature.manual import ManualProvider
from coopact.contracts.errors import Refused
from coopact.schemas import Partnership
from coopact.stages.base import DocumentView, GeneratedDocument, StageOutput, WorkContext

KIND = "signature_packet"
AGREEMENT = "agreement"
PDF = "agreement_pdf"  # the PDF the signatories read and sign
PDF_MEDIA_TYPE = "application/pdf"


def pdf_name(agreement: DocumentView) -> str:
    """The signed PDF's file name: the agreement's, with the SHA-256 of the .docx it was
    made from (one PDF per agreement version)."""
    return f"{PurePosixPath(agreement.filename).stem}-{agreement.sha256[:12]}.pdf"


def _agreement_pdf(
    agreement: DocumentView, ctx: WorkContext
) -> tuple[bytes, list[GeneratedDocument]]:
    """The stored PDF of ``agreement``, else a new one (to store); raises PdfExportError
    (exit 3) when LibreOffice cannot make it."""
    stored = ctx.latest(PDF, agreement.language)
    if stored is not None and stored.content is not None and stored.filename == pdf_name(agreement):
        return stored.content, []
    assert agreement.content is not None
    if not pdf.available():
        raise pdf.PdfExportError(
            f"{ctx.reference} cannot go to signature: the agreement is signed as a PDF, and "
            "the PDF cannot be produced because LibreOffice is not installed (soffice is not "
            "on the PATH; Debian: apt-get install libreoffice-writer-nogui). Install it, then "
            f"run `coopact advance {ctx.reference}` again"
        )
    content = pdf.docx_to_pdf(agreement.content, name=PurePosixPath(agreement.filename).stem)
    made = GeneratedDocument(
        kind=PDF,
        language=agreement.language,
        filename=pdf_name(agreement),
        media_type=PDF_MEDIA_TYPE,
        content=content,
        inputs={"agreement_sha256": agreement.sha256, "agreement_version": agreement.version},
    )
    return content, [made]


def run(partnership: Partnership, ctx: WorkContext) -> StageOutput:
    language = partnership.language.value
    agreement = ctx.latest(AGREEMENT, language)
    if agreement is None or agreement.content is None:
        raise Refused(
            f"{ctx.reference} has no agreement to sign: run `coopact advance` at stage balanced"
        )
    signed_pdf, made = _agreement_pdf(agreement, ctx)
    request = SignatureRequest(
        reference=ctx.reference,
        title=partnership.title,
        agreement_name=agreement.filename,
        agreement_docx=agreement.content,
        agreement_sha256=agreement.sha256,
        signers=signers_of(partnership),
        agreement_pdf=signed_pdf,
        language=language,
        audit_head=ctx.audit_head,
    )
    prepared = ctx.latest(KIND, language)
    if not made and prepared is not None and request.signed_sha256[:12] in prepared.filename:
        return StageOutput(
            summary=(
                f"signature packet v{prepared.version} already prepared for this agreement version"
            )
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
            "signed_pdf_sha256": request.signed_sha256,
            "provider": dispatch.provider,
            "audit_head": dict(ctx.audit_head) if ctx.audit_head else None,
        },
    )
    return StageOutput(
        documents=[*made, packet],
        summary=(
            f"signature packet ready for {len(request.signers)} signatories; each signs the "
            f"PDF of agreement v{agreement.version} (sha256 {request.signed_sha256[:12]}…)"
        ),
    )
