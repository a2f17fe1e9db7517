"""The SQL of opening the reviews that are due (services/review_opening.py), in bulk.

A chunk of partnerships is locked and read with its due schedule items as plain values
(no ORM object a partnership); a plain review opening is written in a few set-based
statements, each list of ids one parameter (``among``; the chunk's partnerships also
within the range of their ids, ``among_range``, so that PostgreSQL reads each chunk through
an index, not the whole table, statistics or not): one UPDATE of the stages for each
version and next ``rounds`` (most chunks have one), one UPDATE of the schedule, one INSERT
of the audit events (the chain head read once, last, so that its lock is held only until
the commit). The rarer cases (renewal, end of the term) read the partnership's ORM
objects, one at a time, for the services that change them. Also: which open reviews have
no report written yet.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, inspect, select, update
from sqlalchemy.orm import Session

from coopact.store import audit
from coopact.store.audit import NewEvent
from coopact.store.audit_tables import AuditEventRow
from coopact.store.keys import Keyring
from coopact.store.rows import among, among_range
from coopact.store.tables import PartnershipRow, ReviewReportRow, ScheduleRow


@dataclass(frozen=True)
class Locked:
    """A partnership of the chunk, as read under its lock."""

    id: int
    reference: str
    stage: str
    version: int
    rounds: dict[str, Any] | None


@dataclass(frozen=True)
class DueItem:
    """A schedule item due (a review, a milestone, a renewal date, the end of the term)."""

    id: int
    partnership_id: int
    kind: str
    subject: str
    due_on: dt.date


@dataclass(frozen=True)
class Move:
    """A partnership's review gate opening: from ``version``, to ``stage`` and ``rounds``."""

    id: int
    version: int
    stage: str
    rounds: dict[str, Any]


class ReviewOpeningRepository:
    def __init__(self, session: Session, keyring: Callable[[], Keyring]) -> None:
        self.session = session
        self._keyring = keyring

    # ------------------------------------------------------------------ reading the due
    def due_partnerships(self, today: dt.date) -> list[int]:
        """The ids of the partnerships with a schedule item due by ``today`` not done."""
        return list(
            self.session.scalars(
                select(ScheduleRow.partnership_id)
                .where(ScheduleRow.due_on <= today, ScheduleRow.done_at.is_(None))
                .distinct()
                .order_by(ScheduleRow.partnership_id)
            )
        )

    def lock(self, ids: Sequence[int]) -> list[Locked]:
        """The partnerships ``ids``, locked until the commit (PostgreSQL: FOR UPDATE; SQLite
        holds the write lock from the transaction's start)."""
        rows = self.session.execute(
            select(PartnershipRow.id, PartnershipRow.reference, PartnershipRow.stage,
                   PartnershipRow.version, PartnershipRow.rounds)
            .where(among_range(self.session, PartnershipRow.id, ids))
            .order_by(PartnershipRow.id)
            .with_for_update()
        )  # fmt: skip
        return [Locked(*row) for row in rows]

    def due_items(self, ids: Sequence[int], today: dt.date) -> dict[int, list[DueItem]]:
        """What is due by ``today`` and not done for each of ``ids``, in date order."""
        due: dict[int, list[DueItem]] = defaultdict(list)
        for row in self.session.execute(
            select(ScheduleRow.id, ScheduleRow.partnership_id, ScheduleRow.kind,
                   ScheduleRow.subject, ScheduleRow.due_on)
            .where(among_range(self.session, ScheduleRow.partnership_id, ids),
                   ScheduleRow.due_on <= today, ScheduleRow.done_at.is_(None))
            .order_by(ScheduleRow.partnership_id, ScheduleRow.due_on, ScheduleRow.id)
        ):  # fmt: skip
            due[row.partnership_id].append(DueItem(*row))
        return due

    # ------------------------------------------------------------------ writing, in bulk
    def open(self, moves: Sequence[Move], done: Sequence[int], events: Sequence[NewEvent]) -> None:
        """Move the partnerships (each only from the version read), mark the schedule items
        ``done`` done, append ``events`` to the chain: a few statements, whatever the count."""
        now = dt.datetime.now(dt.UTC)
        table = cast(Table, PartnershipRow.__table__)
        groups: dict[tuple[int, str, str], list[Move]] = defaultdict(list)
        for move in moves:  # most chunks: one group
            groups[move.version, move.stage, repr(sorted(move.rounds.items()))].append(move)
        for (version, stage, _), group in groups.items():
            self.session.execute(
                update(table)
                .where(among_range(self.session, table.c.id, [m.id for m in group]),
                       table.c.version == version)
                .values(stage=stage, rounds=group[0].rounds, updated_at=now,
                        version=table.c.version + 1)
            )  # fmt: skip
        if done:  # the items of the partnerships moved: within their range too
            schedule = cast(Table, ScheduleRow.__table__)
            moved = among_range(self.session, schedule.c.partnership_id, [m.id for m in moves])
            self.session.execute(
                update(schedule)
                .where(among(self.session, schedule.c.id, done), moved)
                .values(done_at=now)
            )
        audit.append_many(self.session, keyring=self._keyring(), events=events)

    # ------------------------------------------------------------------ one at a time
    def partnership(self, partnership_id: int) -> PartnershipRow:
        """The partnership's ORM object (locked by the chunk), for the rarer openings."""
        row = self.session.get(PartnershipRow, partnership_id)
        assert row is not None  # locked by the chunk
        return row

    def due_schedule(self, partnership_id: int, today: dt.date) -> list[ScheduleRow]:
        return list(
            self.session.scalars(
                select(ScheduleRow)
                .where(ScheduleRow.partnership_id == partnership_id, ScheduleRow.due_on <= today,
                       ScheduleRow.done_at.is_(None))
                .order_by(ScheduleRow.due_on, ScheduleRow.id)
            )
        )  # fmt: skip

    def deleted(self, item: ScheduleRow) -> bool:
        """Whether ``item`` was deleted in this transaction (a renewal moved the term)."""
        return bool(inspect(item).was_deleted)

    # ------------------------------------------------------------------ reports to write
    def opened_in_review(self) -> list[tuple[str, int, dict[str, Any]]]:
        """(reference, seq, payload) of each ``review.opened`` event of a partnership in
        review, in chain order."""
        return [
            (reference, seq, payload)
            for reference, seq, payload in self.session.execute(
                select(AuditEventRow.reference, AuditEventRow.seq, AuditEventRow.payload)
                .join(PartnershipRow, PartnershipRow.reference == AuditEventRow.reference)
                .where(_in_review(), AuditEventRow.action == "review.opened")
                .order_by(AuditEventRow.seq)
            )
        ]

    def reports_keyed(self) -> set[tuple[str, dt.date]]:
        """(reference, review date) of each report stored for a partnership in review."""
        return {
            (reference, day)
            for reference, day in self.session.execute(
                select(PartnershipRow.reference, ReviewReportRow.review_date)
                .join(ReviewReportRow, ReviewReportRow.partnership_id == PartnershipRow.id)
                .where(_in_review())
            )
        }

    def work_in_review_since(self, seq: int) -> list[tuple[str, int, dict[str, Any]]]:
        """(reference, seq, payload) of the ``stage.work`` events after ``seq`` of the
        partnerships in review."""
        return [
            (reference, at, payload)
            for reference, at, payload in self.session.execute(
                select(AuditEventRow.reference, AuditEventRow.seq, AuditEventRow.payload)
                .join(PartnershipRow, PartnershipRow.reference == AuditEventRow.reference)
                .where(_in_review(), AuditEventRow.action == "stage.work", AuditEventRow.seq > seq)
            )
        ]


def _in_review() -> Any:
    return PartnershipRow.stage == "in_review"
