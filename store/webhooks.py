"""Replay protection of provider webhooks on the ``webhook_events`` table.

``unique(provider, event_id)`` makes the database itself the judge: the row is inserted in
the caller's transaction, so an event counts as seen only if what it applied is committed
with it. The insert runs in a SAVEPOINT, so that a replay (the unique violation) leaves the
caller's transaction usable, on PostgreSQL as on SQLite.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coopact.store.tables import WebhookEventRow


class DatabaseSeenEvents:
    """:class:`coopact.adapters.signature.SeenEvents` on the ``webhook_events`` table."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def first_time(self, provider: str, event_id: str, payload_sha256: str) -> bool:
        """True the first time ``(provider, event_id)`` is seen; False on every replay.

        A concurrent first delivery of the same event waits (PostgreSQL's unique index,
        SQLite's single writer) and then answers False once the other one commits.
        """
        try:
            with self.session.begin_nested():
                self.session.add(
                    WebhookEventRow(
                        provider=provider, event_id=event_id, payload_sha256=payload_sha256
                    )
                )
        except IntegrityError:
            return False
        return True
