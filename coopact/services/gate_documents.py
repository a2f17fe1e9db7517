"""The stored document a gate is decided on, made from the partnership's current file: the
vision note, the balance report, the agreement, its PDF (the file signed), the avenant, its
PDF (the file signed)..."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coopact.contracts.lifecycle import Gate
from coopact.services.evidence import AGREEMENT, EVIDENCE, PDF_OF

if TYPE_CHECKING:  # annotations only: `status REF` reads without the ORM (store/reading.py)
    from coopact.store.records import DocumentRow, PartnershipRow
    from coopact.store.uow import UnitOfWork


def evidence_document(uow: UnitOfWork, row: PartnershipRow, kind: str) -> DocumentRow | None:
    """The latest document of ``kind`` made from the partnership's current file, if any (a
    signed PDF: the one made from the current agreement or avenant)."""
    language = row.spec.get("language", "fr")
    rows = [
        d
        for d in uow.partnerships.documents(row, kind)
        if d.language == language and d.spec_sha256 == row.spec_sha256
    ]
    source = PDF_OF.get(kind)
    if rows and source is not None:
        made = evidence_document(uow, row, source)
        made_from = made.sha256 if made else None
        rows = [d for d in rows if (d.inputs or {}).get(f"{source}_sha256") == made_from]
    return rows[-1] if rows else None


def current_agreement(uow: UnitOfWork, row: PartnershipRow) -> DocumentRow | None:
    return evidence_document(uow, row, AGREEMENT)


def gate_evidence(uow: UnitOfWork, row: PartnershipRow, gate: Gate) -> DocumentRow | None:
    """The document ``gate`` is decided on, when it has one and it is written."""
    kind = EVIDENCE.get(gate)
    return evidence_document(uow, row, kind) if kind else None


def missing_evidence(uow: UnitOfWork, row: PartnershipRow, gate: Gate) -> str | None:
    """Why ``gate`` cannot be decided yet: the document it is decided on is not written."""
    kind = EVIDENCE.get(gate)
    if kind is None or evidence_document(uow, row, kind) is not None:
        return None
    source = PDF_OF.get(kind)
    if source is not None:
        return (
            f"a signature names the SHA-256 of the PDF of the current {source}, which is not "
            f"made yet: run `coopact advance {row.reference}` (LibreOffice makes it)"
        )
    return (
        f"{gate.value} is decided on the {kind.replace('_', ' ')} of the current file, "
        f"which is not written yet: run `coopact advance {row.reference}` first"
    )
