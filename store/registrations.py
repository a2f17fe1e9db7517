"""What registering and amending a partnership file write beside
:class:`store.repository.PartnershipRepository`: a file found by its hash, a new
partnership, the findings dropped when the file changes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopact.store.tables import FindingRow, PartnershipRow


class Registrations:
    def __init__(self, session: Session) -> None:
        self.session = session

    def by_spec_hash(self, digest: str) -> PartnershipRow | None:
        """The partnership registered with this file (its canonical SHA-256), if any."""
        return self.session.scalar(
            select(PartnershipRow).where(PartnershipRow.spec_sha256 == digest)
        )

    def drop_findings(self, row: PartnershipRow) -> None:
        """Every finding of the partnership deleted (its file changed), now."""
        for finding in self.session.scalars(
            select(FindingRow).where(FindingRow.partnership_id == row.id).order_by(FindingRow.id)
        ):
            self.session.delete(finding)
        self.session.flush()

    def create(
        self, reference: str, title: str, stage: str, spec: dict[str, Any], spec_sha256: str
    ) -> PartnershipRow:
        """A new partnership, written now (a reference taken meanwhile: IntegrityError)."""
        row = PartnershipRow(
            reference=reference, title=title, stage=stage, spec=spec, spec_sha256=spec_sha256
        )
        self.session.add(row)
        self.session.flush()
        return row
