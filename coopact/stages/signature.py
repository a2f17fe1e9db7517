"""Formalised -> signed, and an approved avenant -> its signatures: hand the act to the
signatories.

The signatories read and sign the act's PDF: LibreOffice makes it once per version of the
act (the agreement, the avenant under way) and it is stored as a document of its own
(``agreement_pdf``, ``avenant_pdf``), so that its SHA-256 is the one every signature names,
re-hashed whenever it is read, and verifiable by anyone holding the file (`coopact documents
verify`). LibreOffice's PDF is not byte-reproducible: it is made once and never redone for
the same version. Without LibreOffice the PDF cannot be made and the work says so (exit 3):
there is no signature without it.

The embedded default is the ``manual`` provider: a signature packet (the PDF signed, the
.docx it was made from, a manifest with the SHA-256 of each file). Each signatory then
records their signature against the PDF's hash with ``coopact decide`` or their link.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import PurePosixPath

from coopact.adapters.documents import pdf
from coopact.adapters.signature import SignatureRequest, signers_of
from coopact.adapters.signature.manual import ManualProvider
from coopact.contracts.errors import Refused
from coopact.schemas import Partnership
from coopact.stages.base import DocumentView, GeneratedDocument, StageOutput, WorkContext

PDF_MEDIA_TYPE = "application/pdf"


@dataclass(frozen=True)
class SignedAct:
    """An act signed as a PDF: the .docx it is written as, its PDF, its packet, its gate."""

    source: str  # the kind of the .docx: agreement | avenant
    pdf: str  # the kind of the PDF the signatories read and sign
    packet: str  # the kind of the manual provider's signature packet
    gate: str  # the gate its signatures are decided at
    name: str  # in the work's sentences
    stage: str  # the stage whose work makes it (`coopact advance` at that stage)


AGREEMENT_ACT = SignedAct(
    "agreement", "agreement_pdf", "signature_packet", "signature", "agreement", "balanced"
)
AVENANT_ACT = SignedAct(
    "avenant", "avenant_pdf", "avenant_signature_packet", "amendment_signature", "avenant",
    "amending",
)  # fmt: skip
SIGNED_ACTS = (AGREEMENT_ACT, AVENANT_ACT)


def pdf_name(source: DocumentView) -> str:
    """The signed PDF's file name: the act's, with the SHA-256 of the .docx it was made
    from (one PDF per version of the act)."""
    return f"{PurePosixPath(source.filename).stem}-{source.sha256[:12]}.pdf"


def signed_pdf(
    act: SignedAct, source: DocumentView, ctx: WorkContext
) -> tuple[bytes, list[GeneratedDocument]]:
    """The stored PDF of ``source`` (an agreement, an avenant), else a new one (to store);
    raises PdfExportError (exit 3) when LibreOffice cannot make it."""
    stored = ctx.latest(act.pdf, source.language)
    if stored is not None and stored.content is not None and stored.filename == pdf_name(source):
        return stored.content, []
    assert source.content is not None
    if not pdf.available():
        raise pdf.PdfExportError(
            f"{ctx.reference} cannot go to signature: the {act.name} is signed as a PDF, and "
            "the PDF cannot be produced because LibreOffice is not installed (soffice is not "
            "on the PATH; Debian: apt-get install libreoffice-writer-nogui). Install it, then "
            f"run `coopact advance {ctx.reference}` again"
        )
    content = pdf.docx_to_pdf(source.content, name=PurePosixPath(source.filename).stem)
    made = GeneratedDocument(
        kind=act.pdf,
        language=source.language,
        filename=pdf_name(source),
        media_type=PDF_MEDIA_TYPE,
        content=content,
        inputs={f"{act.source}_sha256": source.sha256, f"{act.source}_version": source.version},
    )
    return content, [made]


def run_act(act: SignedAct, partnership: Partnership, ctx: WorkContext) -> StageOutput:
    """The PDF of the act's current version (made once) and its signature packet."""
    language = partnership.language.value
    source = ctx.latest(act.source, language)
    if source is None or source.content is None:
        raise Refused(
            f"{ctx.reference} has no {act.name} to sign: run `coopact advance` at stage {act.stage}"
        )
    content, made = signed_pdf(act, source, ctx)
    request = SignatureRequest(
        reference=ctx.reference,
        title=partnership.title,
        agreement_name=source.filename,
        agreement_docx=source.content,
        agreement_sha256=source.sha256,
        signers=signers_of(partnership),
        agreement_pdf=content,
        language=language,
        audit_head=ctx.audit_head,
        gate=act.gate,
    )
    prepared = ctx.latest(act.packet, language)
    if not made and prepared is not None and request.signed_sha256[:12] in prepared.filename:
        return StageOutput(
            summary=(
                f"signature packet v{prepared.version} already prepared for this {act.name} version"
            )
        )
    dispatch = ManualProvider().dispatch(request)
    assert dispatch.packet is not None and dispatch.packet_name is not None
    packet = GeneratedDocument(
        kind=act.packet,
        language=language,
        filename=dispatch.packet_name,
        media_type="application/zip",
        content=dispatch.packet,
        inputs={
            f"{act.source}_sha256": source.sha256,
            "signed_pdf_sha256": request.signed_sha256,
            "provider": dispatch.provider,
            "audit_head": dict(ctx.audit_head) if ctx.audit_head else None,
        },
    )
    return StageOutput(
        documents=[*made, packet],
        summary=(
            f"signature packet ready for {len(request.signers)} signatories; each signs the "
            f"PDF of {act.name} v{source.version} (sha256 {request.signed_sha256[:12]}…)"
        ),
    )


run = partial(run_act, AGREEMENT_ACT)
run_avenant = partial(run_act, AVENANT_ACT)
