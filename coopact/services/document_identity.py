"""`coopact documents verify FILE`: which stored version a file is, byte for byte, and who
signed it. Light (no ORM, no schema): it reads through the read side
(:class:`coopact.store.reading.ReadOnlyUnitOfWork`) as through the unit of work."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coopact.contracts.lifecycle import Gate
from coopact.services.evidence import AGREEMENT, AGREEMENT_PDF, AVENANT, AVENANT_PDF

if TYPE_CHECKING:
    from coopact.store.reading import ReadOnlyUnitOfWork
    from coopact.store.uow import UnitOfWork


@dataclass(frozen=True)
class KnownVersion:
    reference: str
    kind: str
    version: int
    language: str
    filename: str
    created_at: str
    signed_by: list[str]  # partner keys whose signature names this version's hash


# The gate each signed act's files are signed at (its .docx through its PDF).
_SIGNED_AT = {
    AGREEMENT: (Gate.signature, AGREEMENT_PDF),
    AGREEMENT_PDF: (Gate.signature, AGREEMENT_PDF),
    AVENANT: (Gate.amendment_signature, AVENANT_PDF),
    AVENANT_PDF: (Gate.amendment_signature, AVENANT_PDF),
}


def _signers(uow: UnitOfWork | ReadOnlyUnitOfWork, row: Any, sha: str) -> list[str]:
    """Who signed the file ``row`` (its SHA-256 ``sha``): the signatures naming it, or, for
    an agreement's or avenant's .docx, the PDF made from it."""
    signed_at = _SIGNED_AT.get(row.kind)
    if signed_at is None:
        return []
    gate, pdf_kind = signed_at
    hashes = {sha}
    if row.kind != pdf_kind:  # a .docx is signed through its PDF
        hashes.update(uow.acts.signed_pdfs(row.partnership_id, pdf_kind, sha))
    return uow.acts.signers(row.partnership_id, gate.value, hashes)


def identify_document(
    uow: UnitOfWork | ReadOnlyUnitOfWork, content: bytes
) -> tuple[str, list[KnownVersion]]:
    """The SHA-256 of ``content`` and every stored version that is byte for byte this file."""
    sha = hashlib.sha256(content).hexdigest()
    with uow:
        found = []
        for reference, row in uow.partnerships.documents_with_hash(sha):
            if row.content != content:  # same recorded hash, different bytes: not this one
                continue
            signers = _signers(uow, row, sha)
            found.append(
                KnownVersion(
                    reference, row.kind, row.version, row.language, row.filename,
                    row.created_at.isoformat(timespec="seconds"), signers,
                )
            )  # fmt: skip
        return sha, found
