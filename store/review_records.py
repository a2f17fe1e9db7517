"""The SQL of a review's records (services/reviews.py, review_reports.py, meetings.py and
the flows): the audit events and kept texts a review reads, the conditions adopted, the
health checks stored, the report keys (partnership, review date) of a chunk of reports, the
automatic work due, a decision request's reference and gate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from coopact.store import audit
from coopact.store.automatic_work import references_with_automatic_work
from coopact.store.people import kept_texts
from coopact.store.rows import among
from coopact.store.tables import (
    ConditionRow,
    DecisionRequestRow,
    PartnershipRow,
    ReviewAnswersRow,
    ReviewReportRow,
)


@dataclass(frozen=True)
class AdoptedCondition:
    partnership_id: int
    what: str
    owner: str
    due_on: dt.date
    indicator: str | None
    met_on: dt.date | None


@dataclass(frozen=True)
class ReportKey:
    """Whether a partnership of a chunk has its report of the day written."""

    reference: str
    stage: str
    written: bool


class ReviewRecords:
    def __init__(self, session: Session) -> None:
        self.session = session

    # ------------------------------------------------------------------ the chain, texts
    def events(self, reference: str, actions: Sequence[str]) -> list[Any]:
        """The partnership's audit events of ``actions``, oldest first."""
        return list(audit.events(self.session, reference, actions=list(actions)))

    def kept_text(self, digest: str) -> str | None:
        """A text kept out of the chain (``personal_texts``), None once erased."""
        return kept_texts(self.session, {digest}).get(digest)

    # ------------------------------------------------------------------ conditions, answers
    def adopted_conditions(self, ids: Sequence[int]) -> list[AdoptedCondition]:
        """The conditions adopted at reviews of the partnerships ``ids``, by due date."""
        return [
            AdoptedCondition(c.partnership_id, c.what, c.owner, c.due_on, c.indicator, c.met_on)
            for c in self.session.scalars(
                select(ConditionRow)
                .where(among(self.session, ConditionRow.partnership_id, ids),
                       ConditionRow.adopted.is_(True))
                .order_by(ConditionRow.due_on, ConditionRow.id)
            )
        ]  # fmt: skip

    def answers(self, ids: Sequence[int]) -> list[ReviewAnswersRow]:
        """The health checks stored for the partnerships ``ids``, in the order recorded."""
        return list(
            self.session.scalars(
                select(ReviewAnswersRow)
                .where(among(self.session, ReviewAnswersRow.partnership_id, ids))
                .order_by(ReviewAnswersRow.id)
            )
        )

    def add_answers(self, partnership_id: int, review_date: dt.date, data: dict[str, Any]) -> int:
        """Store a health check; its id."""
        stored = ReviewAnswersRow(
            partnership_id=partnership_id, review_date=review_date, answers=data
        )
        self.session.add(stored)
        self.session.flush()
        return stored.id

    # ------------------------------------------------------------------ a chunk of reports
    def lock_chunk(self, references: Sequence[str]) -> list[PartnershipRow]:
        """The partnerships ``references`` locked in id order (two workers never wait on
        each other in a cycle), their decisions loaded in one query."""
        return list(
            self.session.scalars(
                select(PartnershipRow)
                .where(PartnershipRow.reference.in_(list(references)))
                .order_by(PartnershipRow.id)
                .with_for_update()
                .options(selectinload(PartnershipRow.decisions))
            ).all()
        )

    def written(self, ids: Sequence[int], review_date: dt.date) -> set[int]:
        """Which of the partnerships ``ids`` have their report of ``review_date`` written."""
        return set(
            self.session.scalars(
                select(ReviewReportRow.partnership_id).where(
                    ReviewReportRow.partnership_id.in_(list(ids)),
                    ReviewReportRow.review_date == review_date,
                )
            )
        )

    def savepoint(self) -> AbstractContextManager[Any]:
        """A savepoint: what fails inside is rolled back alone."""
        return self.session.begin_nested()

    def flush(self) -> None:
        """Write what the savepoint holds (its failure then rolls back the savepoint only)."""
        self.session.flush()

    def keep_written(
        self, rows: Sequence[PartnershipRow], review_date: dt.date, now: dt.datetime
    ) -> None:
        """The report keys of ``rows`` (one INSERT), and their ``updated_at`` and version
        moved on in one UPDATE (the ORM would issue one a row), the session's objects told,
        so that nothing else in the transaction finds them stale. They are locked: nothing
        else changed them since they were read."""
        self.session.execute(
            insert(ReviewReportRow),
            [{"partnership_id": row.id, "review_date": review_date} for row in rows],
        )
        self.session.execute(
            update(PartnershipRow)
            .where(PartnershipRow.id.in_([row.id for row in rows]))
            .values(updated_at=now, version=PartnershipRow.version + 1)
            .execution_options(synchronize_session=False)
        )
        for row in rows:
            set_committed_value(row, "updated_at", now)
            set_committed_value(row, "version", row.version + 1)

    def report_keys(self, references: Sequence[str], day: dt.date) -> list[ReportKey]:
        """For each of ``references``: its stage, and whether its report of ``day`` is
        written (the idempotency key)."""
        rows = self.session.execute(
            select(PartnershipRow.reference, PartnershipRow.stage, ReviewReportRow.id)
            .outerjoin(
                ReviewReportRow,
                (ReviewReportRow.partnership_id == PartnershipRow.id)
                & (ReviewReportRow.review_date == day),
            )
            .where(PartnershipRow.reference.in_(list(references)))
        )
        return [ReportKey(reference, stage, key is not None) for reference, stage, key in rows]

    # ------------------------------------------------------------------ for the flows
    def with_automatic_work(self, today: dt.date) -> list[str]:
        """The references with automatic work to do on ``today``."""
        return list(references_with_automatic_work(self.session, today))

    def decision_request(self, request_id: int) -> tuple[str, str] | None:
        """The reference and gate of a decision request (nothing personal)."""
        row = self.session.get(DecisionRequestRow, request_id)
        return None if row is None else (row.reference, str(row.request.get("gate")))
