"""Repository of partnerships and what hangs on them, over one SQLAlchemy session."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    delete,
    func,
    select,
    text,
)
from sqlalchemy.orm import Session

from coopact.contracts.errors import NotFound
from coopact.store import portfolio
from coopact.store.file_checks import check_document
from coopact.store.partnership_listing import PartnershipListing
from coopact.store.tables import DecisionRow, DocumentRow, FindingRow, PartnershipRow, ScheduleRow


def _checked(rows: Iterable[DocumentRow], reference: str) -> list[DocumentRow]:
    return [check_document(r, reference) for r in rows]


class PartnershipRepository(PartnershipListing):
    session: Session

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, row: PartnershipRow) -> None:
        self.session.add(row)
        self.session.flush()

    def find(self, reference: str) -> PartnershipRow | None:
        return self.session.scalar(
            select(PartnershipRow).where(PartnershipRow.reference == reference)
        )

    def get(self, reference: str) -> PartnershipRow:
        row = self.find(reference)
        if row is None:
            raise NotFound(f"no partnership {reference}; `coopact status` lists the partnerships")
        return row

    def get_for_update(self, reference: str) -> PartnershipRow:
        """The partnership, locked until the end of the transaction (PostgreSQL row lock;
        SQLite transactions are already serialised by BEGIN IMMEDIATE)."""
        row = self.session.scalar(
            select(PartnershipRow)
            .where(PartnershipRow.reference == reference)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        if row is None:
            raise NotFound(f"no partnership {reference}; `coopact status` lists the partnerships")
        return row

    def lock_registrations(self) -> None:
        """Serialise registrations until this transaction ends, so that finding a file
        already registered and allocating the next reference see every earlier
        registration (PostgreSQL; SQLite transactions are already serial: BEGIN IMMEDIATE)."""
        if self.session.get_bind().dialect.name == "postgresql":
            self.session.execute(text("SELECT pg_advisory_xact_lock(7240312)"))

    def next_reference(self, year: int) -> str:
        prefix = f"P-{year}-"
        refs = self.session.scalars(
            select(PartnershipRow.reference).where(PartnershipRow.reference.like(f"{prefix}%"))
        ).all()
        numbers = [int(r.removeprefix(prefix)) for r in refs if r.removeprefix(prefix).isdigit()]
        return f"{prefix}{max(numbers, default=0) + 1:03d}"

    def next_review(self, reference: str) -> tuple[Any, ScheduleRow | None]:
        """The partnership (locked) and its next review not yet held (store.portfolio)."""
        return portfolio.next_review(self.session, reference)

    # Decisions -----------------------------------------------------------------------------
    def decisions(self, row: PartnershipRow, gate: str, round_: int) -> Sequence[DecisionRow]:
        return list(
            self.session.scalars(
                select(DecisionRow)
                .where(
                    DecisionRow.partnership_id == row.id,
                    DecisionRow.gate == gate,
                    DecisionRow.round == round_,
                )
                .order_by(DecisionRow.id)
            )
        )

    def decision_by_key(self, key: str) -> DecisionRow | None:
        return self.session.scalar(select(DecisionRow).where(DecisionRow.idempotency_key == key))

    def current_round(self, row: PartnershipRow, gate: str) -> int:
        """Rounds count how many times a gate was reopened (after a rejection, a new version)."""
        value = self.session.scalar(
            select(func.max(DecisionRow.round)).where(
                DecisionRow.partnership_id == row.id, DecisionRow.gate == gate
            )
        )
        return int(value or 1)

    # Findings ------------------------------------------------------------------------------
    def replace_findings(
        self,
        row: PartnershipRow,
        stage: str,
        findings: list[dict[str, Any]],
        *,
        any_stored: bool = True,
    ) -> None:
        """The findings of ``stage`` replaced by ``findings`` (``any_stored`` False: the
        caller read, in this transaction, that there were none to delete)."""
        if any_stored:
            self.session.execute(
                delete(FindingRow).where(
                    FindingRow.partnership_id == row.id, FindingRow.stage == stage
                )
            )
        self.session.add_all(
            FindingRow(partnership_id=row.id, stage=stage, **finding) for finding in findings
        )
        self.session.flush()

    def drop_findings_of(
        self, row: PartnershipRow, stage: str, pairs: set[tuple[str, str]]
    ) -> None:
        """Delete the findings of ``stage`` whose (code, path) is in ``pairs``: a warning that
        registration gave ahead of a stage, once that stage stored the same finding."""
        if not pairs:
            return
        for found in self.session.scalars(
            select(FindingRow).where(FindingRow.partnership_id == row.id, FindingRow.stage == stage)
        ):
            if (found.code, found.path) in pairs:
                self.session.delete(found)
        self.session.flush()

    def findings(self, row: PartnershipRow) -> list[FindingRow]:
        return list(
            self.session.scalars(
                select(FindingRow)
                .where(FindingRow.partnership_id == row.id)
                .order_by(FindingRow.id)
            )
        )

    # Documents -----------------------------------------------------------------------------
    # Every read of a stored document goes through here and is re-hashed (check_document).
    def documents(self, row: PartnershipRow, kind: str | None = None) -> list[DocumentRow]:
        query = select(DocumentRow).where(DocumentRow.partnership_id == row.id)
        if kind is not None:
            query = query.where(DocumentRow.kind == kind)
        rows = self.session.scalars(query.order_by(DocumentRow.kind, DocumentRow.version))
        return _checked(rows, row.reference)

    def document_versions(self, row: PartnershipRow, kind: str | None = None) -> list[Any]:
        """The versions of the partnership's documents (of ``kind``), without their contents
        (kind, version, language, sha256, filename, spec_sha256: nothing is re-hashed)."""
        query = select(
            DocumentRow.kind, DocumentRow.version, DocumentRow.language, DocumentRow.sha256,
            DocumentRow.filename, DocumentRow.spec_sha256,
        ).where(DocumentRow.partnership_id == row.id)  # fmt: skip
        if kind is not None:
            query = query.where(DocumentRow.kind == kind)
        return list(self.session.execute(query.order_by(DocumentRow.kind, DocumentRow.version)))

    def last_version(self, row: PartnershipRow, kind: str) -> int:
        """The number of the partnership's last document of ``kind`` (0 when none)."""
        mine = (DocumentRow.partnership_id == row.id, DocumentRow.kind == kind)
        return int(self.session.scalar(select(func.max(DocumentRow.version)).where(*mine)) or 0)

    def latest_document(self, row: PartnershipRow, kind: str) -> DocumentRow | None:
        found = self.session.scalar(
            select(DocumentRow)
            .where(DocumentRow.partnership_id == row.id, DocumentRow.kind == kind)
            .order_by(DocumentRow.version.desc())
            .limit(1)
        )
        return None if found is None else check_document(found, row.reference)

    def documents_with_hash(self, sha256: str) -> list[tuple[str, DocumentRow]]:
        """Every stored version with SHA-256 ``sha256``, with its reference, re-hashed."""
        found = self.session.execute(
            select(PartnershipRow.reference, DocumentRow)
            .join(PartnershipRow, PartnershipRow.id == DocumentRow.partnership_id)
            .where(DocumentRow.sha256 == sha256.lower())
            .order_by(DocumentRow.id)
        ).all()
        return [(ref, check_document(doc, ref)) for ref, doc in found]

    # Schedule ------------------------------------------------------------------------------
    def schedule(self, row: PartnershipRow) -> list[ScheduleRow]:
        return list(
            self.session.scalars(
                select(ScheduleRow)
                .where(ScheduleRow.partnership_id == row.id)
                .order_by(ScheduleRow.due_on)
            )
        )
