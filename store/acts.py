"""Repository of the acts after the signature (``uow.acts``): the avenants (amendment rows),
the documents written by a closing gate, the schedule they change, the conditions of a
review round, the audit events those acts read, the e-signature dispatches' bookkeeping and
the mails queued with them; over one SQLAlchemy session. The code above the store names
the rows it holds through :mod:`coopact.store.records`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopact.store import audit, chain_hash
from coopact.store.tables import (
    AmendmentRow,
    ConditionRow,
    DecisionRequestRow,
    DecisionRow,
    DocumentRow,
    PartnershipRow,
    ScheduleRow,
)
from coopact.store.webhooks import DatabaseSeenEvents

_UNDER_WAY = ("proposed", "approved")


class ActRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # ------------------------------------------------------------------ avenants
    def pending_amendment(self, row: PartnershipRow) -> AmendmentRow | None:
        """The avenant under way (proposed or approved), the latest first."""
        return self.session.scalar(
            select(AmendmentRow)
            .where(AmendmentRow.partnership_id == row.id, AmendmentRow.status.in_(_UNDER_WAY))
            .order_by(AmendmentRow.number.desc())
        )

    def amendment_numbers(self, row: PartnershipRow) -> list[int]:
        """The numbers of every amendment row of ``row`` (drafts numbered below 0)."""
        return list(
            self.session.scalars(
                select(AmendmentRow.number).where(AmendmentRow.partnership_id == row.id)
            )
        )

    def add_amendment(self, row: PartnershipRow, **fields: Any) -> AmendmentRow:
        amendment = AmendmentRow(partnership_id=row.id, **fields)
        self.session.add(amendment)
        return amendment

    def renewal_terms(self, row: PartnershipRow) -> AmendmentRow | None:
        """The draft terms of the new term set at the renewal gate, if any."""
        return self.session.scalar(
            select(AmendmentRow)
            .where(
                AmendmentRow.partnership_id == row.id,
                AmendmentRow.kind == "renewal_terms",
                AmendmentRow.status == "draft",
            )
            .order_by(AmendmentRow.number.desc())
        )

    def first_renewal(self, row: PartnershipRow) -> AmendmentRow | None:
        """The first renewal avenant of ``row``, if any."""
        return self.session.scalar(
            select(AmendmentRow)
            .where(AmendmentRow.partnership_id == row.id, AmendmentRow.kind == "renewal")
            .order_by(AmendmentRow.number)
        )

    # ------------------------------------------------------------------ documents, schedule
    def add_document(self, row: PartnershipRow, **fields: Any) -> DocumentRow:
        document = DocumentRow(partnership_id=row.id, **fields)
        self.session.add(document)
        return document

    def signed_pdfs(self, partnership_id: int, pdf_kind: str, source_sha256: str) -> list[str]:
        """The SHA-256 of the PDFs of kind ``pdf_kind`` made from the .docx ``source_sha256``
        (their inputs name it as ``<source>_sha256``)."""
        source = pdf_kind.removesuffix("_pdf")
        rows = self.session.scalars(
            select(DocumentRow).where(
                DocumentRow.partnership_id == partnership_id, DocumentRow.kind == pdf_kind
            )
        )
        return [d.sha256 for d in rows if (d.inputs or {}).get(f"{source}_sha256") == source_sha256]

    def signers(self, partnership_id: int, gate: str, hashes: set[str]) -> list[str]:
        """Who signed (partner key, else name) at ``gate`` one of the files ``hashes``."""
        rows = self.session.scalars(
            select(DecisionRow).where(
                DecisionRow.partnership_id == partnership_id,
                DecisionRow.gate == gate,
                DecisionRow.outcome == "sign",
                DecisionRow.document_sha256.in_(sorted(hashes)),
            )
        )
        return [d.partner_key or d.decider for d in rows]

    def add_schedule(self, row: PartnershipRow, kind: str, subject: str, due_on: dt.date) -> None:
        self.session.add(
            ScheduleRow(partnership_id=row.id, kind=kind, subject=subject, due_on=due_on)
        )

    def drop_schedule(self, items: Sequence[ScheduleRow]) -> int:
        """Delete ``items`` (dated items no longer due); returns how many."""
        for item in items:
            self.session.delete(item)
        self.session.flush()
        return len(items)

    def conditions(self, row: PartnershipRow, round_: int) -> list[ConditionRow]:
        """The conditions voted in the review round ``round_``, in their order."""
        return list(
            self.session.scalars(
                select(ConditionRow)
                .where(ConditionRow.partnership_id == row.id, ConditionRow.round == round_)
                .order_by(ConditionRow.id)
            )
        )

    # ------------------------------------------------------------------ the chain
    def chain_head(self) -> chain_hash.Head | None:
        return audit.peek_head(self.session)

    # ------------------------------------------------------------------ e-signature
    def seen_events(self) -> DatabaseSeenEvents:
        """The provider events already applied (replay protection), in this transaction."""
        return DatabaseSeenEvents(self.session)

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A savepoint: what is written inside is dropped when the block raises."""
        with self.session.begin_nested():
            yield

    # ------------------------------------------------------------------ decision requests
    def add_request(self, request: DecisionRequestRow) -> None:
        self.session.add(request)

    def request(self, request_id: int, *, for_update: bool = False) -> DecisionRequestRow | None:
        return self.session.get(DecisionRequestRow, request_id, with_for_update=for_update)
