"""SQL of the mail queue (:mod:`coopact.services.mail`): ``uow.mail``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from coopact.store.tables import QueuedMailRow


class MailQueue:
    """``uow.mail``: the messages queued with what they announce, until they are sent."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, rows: Sequence[dict[str, Any]]) -> None:
        """Queue these messages (message_id, reference, recipients, message, queued_at) in
        this transaction, in one statement."""
        if rows:
            self.session.execute(insert(QueuedMailRow), [{**r, "attempts": 0} for r in rows])

    def claim(
        self, token: str, tried: Collection[int], moment: dt.datetime, *, lease: dt.timedelta,
        batch: int,
    ) -> bool:  # fmt: skip
        """Claim up to ``batch`` messages nobody holds (not in ``tried``) under ``token``
        until ``moment + lease``; False when there is none (the caller commits)."""
        free = or_(QueuedMailRow.claim.is_(None), QueuedMailRow.claimed_until < moment)
        query = (
            select(QueuedMailRow.id)
            .where(free)
            .order_by(QueuedMailRow.id)
            .limit(batch)
            .with_for_update(skip_locked=True)  # PostgreSQL: another delivery's are skipped
        )
        if tried:
            query = query.where(QueuedMailRow.id.not_in(list(tried)))
        ids = list(self.session.scalars(query))
        if not ids:
            return False
        # Claimed only where still free: a concurrent delivery that took one keeps it.
        self.session.execute(
            update(QueuedMailRow)
            .where(QueuedMailRow.id.in_(ids), free)
            .values(claim=token, claimed_until=moment + lease),
            execution_options={"synchronize_session": False},
        )
        return True

    def claimed(self, token: str) -> list[tuple[int, str | None, str, bytes]]:
        """The messages claimed under ``token`` (id, reference, Message-ID, bytes)."""
        rows = self.session.execute(
            select(QueuedMailRow.id, QueuedMailRow.reference, QueuedMailRow.message_id,
                   QueuedMailRow.message)
            .where(QueuedMailRow.claim == token)
            .order_by(QueuedMailRow.id)
        ).all()  # fmt: skip
        return [(r.id, r.reference, r.message_id, r.message) for r in rows]

    def settle(self, token: str, sent: Collection[int], failed: dict[int, str]) -> None:
        """The sent messages deleted, the failed ones kept with their error; all released."""
        if sent:
            self.session.execute(delete(QueuedMailRow).where(QueuedMailRow.id.in_(list(sent))))
        for ident, error in failed.items():
            self.session.execute(
                update(QueuedMailRow)
                .where(QueuedMailRow.id == ident)
                .values(attempts=QueuedMailRow.attempts + 1, last_error=error[:500])
            )
        self.session.execute(
            update(QueuedMailRow)
            .where(QueuedMailRow.claim == token)
            .values(claim=None, claimed_until=None),
            execution_options={"synchronize_session": False},
        )

    def count(self) -> int:
        return int(self.session.scalar(select(func.count()).select_from(QueuedMailRow)) or 0)

    def listed(self) -> list[tuple[str, str | None, dt.datetime, int, str | None]]:
        """Each message's id, reference, queuing time, attempts and last error (no address)."""
        rows = self.session.execute(
            select(
                QueuedMailRow.message_id, QueuedMailRow.reference, QueuedMailRow.queued_at,
                QueuedMailRow.attempts, QueuedMailRow.last_error,
            ).order_by(QueuedMailRow.id)
        ).all()  # fmt: skip
        return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    def erase(self, emails: set[str], names: Callable[[bytes], bool]) -> int:
        """Delete the messages sent to one of ``emails`` or for which ``names(raw)`` is
        true; how many."""
        doomed = [
            row.id
            for row in self.session.execute(
                select(QueuedMailRow.id, QueuedMailRow.recipients, QueuedMailRow.message)
            )
            if set(row.recipients.split("\n")) & emails or names(row.message)
        ]
        if doomed:
            self.session.execute(delete(QueuedMailRow).where(QueuedMailRow.id.in_(doomed)))
        return len(doomed)
