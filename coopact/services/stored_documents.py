"""A generated document stored as the next version of its kind, recorded in the audit
chain: what every act, stage work and money report stores its documents with."""

from __future__ import annotations

import json

from coopact.services._common import SYSTEM
from coopact.stages.base import GeneratedDocument
from coopact.store.records import PartnershipRow
from coopact.store.uow import UnitOfWork


def store_documents(
    uow: UnitOfWork, row: PartnershipRow, documents: list[GeneratedDocument]
) -> list[str]:
    """New versions of ``documents``, recorded in the audit log; returns their labels."""
    created = [add_version(uow, row, document) for document in documents]
    uow.flush()
    return created


def add_version(
    uow: UnitOfWork, row: PartnershipRow, document: GeneratedDocument, *, last: int | None = None
) -> str:
    """Store ``document`` as the next version of its kind (after ``last``, read when not
    given), recorded in the audit chain; returns its label (``agreement v2 (fr)``)."""
    if last is None:
        versions = uow.partnerships.document_versions(row, document.kind)
        last = max((d.version for d in versions), default=0)
    version = last + 1
    uow.acts.add_document(
        row,
        kind=document.kind,
        version=version,
        language=document.language,
        filename=document.filename,
        media_type=document.media_type,
        sha256=document.sha256,
        inputs_sha256=document.inputs_sha256,
        spec_sha256=row.spec_sha256,
        inputs=json.loads(document.canonical_inputs),
        content=document.content,
        **({"created_at": document.created_at} if document.created_at else {}),
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
    return f"{document.kind} v{version} ({document.language})"
