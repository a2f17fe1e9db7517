"""The outbound webhooks' deliveries claimed and settled by services/webhook_delivery.py
(:func:`store.webhook_outbox.claim` and :func:`~store.webhook_outbox.settle`, each
committing)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from coopact.store import webhook_outbox
from coopact.store.webhook_outbox import Due


class WebhookDeliveries:
    def __init__(self, session: Session) -> None:
        self.session = session

    def claim(self, now: dt.datetime, limit: int, tried: set[int]) -> tuple[str, list[Due]]:
        """Up to ``limit`` deliveries due at ``now``, none of ``tried``, claimed under a
        token (committed)."""
        return webhook_outbox.claim(self.session, now, limit, tried)

    def settle(
        self,
        token: str,
        now: dt.datetime,
        sent: list[int],
        failed: dict[int, tuple[str, dt.datetime | None]],
    ) -> None:
        """The claim's outcome written and the claim released (committed)."""
        webhook_outbox.settle(self.session, token, now, sent, failed)
