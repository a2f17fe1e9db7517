"""`coopact documents verify FILE` on the read side (SQLAlchemy Core, no ORM): the stored
versions with a given SHA-256, each re-hashed, and who signed them. The same answers as
``uow.partnerships.documents_with_hash`` and ``uow.acts.signed_pdfs``/``signers``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from coopact.store.core_tables import decisions, documents, partnerships
from coopact.store.file_checks import check_document


def documents_with_hash(conn: Connection, sha256: str) -> list[tuple[str, Any]]:
    """Every stored version with SHA-256 ``sha256``, with its reference, re-hashed."""
    d, p = documents.c, partnerships.c
    found = conn.execute(
        select(
            p.reference,
            d.id,
            d.partnership_id,
            d.kind,
            d.version,
            d.language,
            d.filename,
            d.media_type,
            d.sha256,
            d.spec_sha256,
            d.content,
            d.inputs,
            d.created_at,
        )
        .join_from(documents, partnerships, p.id == d.partnership_id)
        .where(d.sha256 == sha256.lower())
        .order_by(d.id)
    )
    return [(row.reference, check_document(row, row.reference)) for row in found]


class SignatureReads:
    """Who signed a stored act, read without the ORM."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def signed_pdfs(self, partnership_id: int, pdf_kind: str, source_sha256: str) -> list[str]:
        """The SHA-256 of the PDFs of kind ``pdf_kind`` made from the .docx ``source_sha256``
        (their inputs name it as ``<source>_sha256``)."""
        source, d = pdf_kind.removesuffix("_pdf"), documents.c
        rows = self.conn.execute(
            select(d.sha256, d.inputs).where(d.partnership_id == partnership_id, d.kind == pdf_kind)
        )
        return [r.sha256 for r in rows if (r.inputs or {}).get(f"{source}_sha256") == source_sha256]

    def signers(self, partnership_id: int, gate: str, hashes: set[str]) -> list[str]:
        """Who signed (partner key, else name) at ``gate`` one of the files ``hashes``."""
        c = decisions.c
        rows = self.conn.execute(
            select(c.partner_key, c.decider)
            .where(
                c.partnership_id == partnership_id,
                c.gate == gate,
                c.outcome == "sign",
                c.document_sha256.in_(sorted(hashes)),
            )
            .order_by(c.id)
        )
        return [r.partner_key or r.decider for r in rows]
