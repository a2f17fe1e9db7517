"""The work that followed a decision and failed (LibreOffice unable to convert, the
database gone after the vote...): one row per partnership while it stays undone (revision
``2026_12_05_recordwork``), written in a transaction of its own when the work
fails, deleted in the transaction that stores the stage's work once it succeeds.
Registered on :data:`store.base.Base` (every table gathered in :mod:`store.schema`);
reached as ``uow.failed_work``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from coopact.store.base import Base, utcnow

if TYPE_CHECKING:
    from coopact.store.tables import PartnershipRow


class FailedWorkRow(Base):
    """The stage's work a decision set going, failed: why (one sentence), since when, how
    many times it was tried."""

    __tablename__ = "failed_work"

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnerships.id"), unique=True)
    stage: Mapped[str] = mapped_column(String(32))  # the stage whose work failed
    gate: Mapped[str | None] = mapped_column(String(32))  # the gate whose decision set it going
    error: Mapped[str] = mapped_column(Text)
    failed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    tried_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=1)


class FailedWorkRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def of(self, row: PartnershipRow) -> FailedWorkRow | None:
        return self.session.scalar(
            select(FailedWorkRow).where(FailedWorkRow.partnership_id == row.id)
        )

    def record(
        self, row: PartnershipRow, *, stage: str, gate: str | None, error: str
    ) -> FailedWorkRow | None:
        """Keep the failure: the new row, or None when the work had already failed (its
        row then counts one more attempt and holds the latest reason)."""
        held = self.of(row)
        now = dt.datetime.now(dt.UTC)
        if held is not None:
            held.attempts += 1
            held.error, held.tried_at = error, now
            return None
        failed = FailedWorkRow(
            partnership_id=row.id, stage=stage, gate=gate, error=error, failed_at=now,
            tried_at=now, attempts=1,
        )  # fmt: skip
        self.session.add(failed)
        self.session.flush()
        return failed

    def clear(self, row: PartnershipRow) -> bool:
        """The work is done: nothing stays failed (in the caller's transaction); True when
        some had failed."""
        done = self.session.execute(
            delete(FailedWorkRow).where(FailedWorkRow.partnership_id == row.id)
        )
        return bool(done.rowcount)  # type: ignore[attr-defined]

    def by_partnership(self, ids: list[int]) -> dict[int, FailedWorkRow]:
        found = self.session.scalars(
            select(FailedWorkRow).where(FailedWorkRow.partnership_id.in_(ids))
        )
        return {f.partnership_id: f for f in found}
